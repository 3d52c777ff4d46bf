//! Stage 1: reading. Files, folders (walked recursively in sorted order), JSON Lines and stdin
//! become [`Document`]s, streamed one at a time. Every input is accounted for: an input that is
//! not an article is [`Input::Skipped`], one that cannot be read is [`Input::Failed`], each with
//! its path (and line for JSON Lines) and a reason.

use crate::model::Document;
use serde::Deserialize;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How stdin is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StdinFormat {
    /// JSON Lines when the first non-blank byte is `{`, else one article.
    #[default]
    Auto,
    /// One JSON document per line.
    Jsonl,
    /// One article.
    Text,
}

/// Reading options.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// How stdin is read.
    pub stdin: StdinFormat,
    /// Documents larger than this fail with a clear error (the run goes on). At most
    /// [`crate::tokenize::MAX_TOKEN_END`] (4 GiB, as token offsets are 32-bit): the reader
    /// takes a larger value as that.
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            stdin: StdinFormat::Auto,
            max_doc_bytes: 64 << 20,
        }
    }
}

/// One item of input.
#[derive(Debug)]
pub enum Input {
    /// A document to process.
    Doc(Document),
    /// Not an article (wrong extension, special file, binary): counted, not an error.
    Skipped {
        /// Path (or `path#line`).
        source: String,
        /// Why.
        reason: String,
    },
    /// An input that should have been a document and could not be read.
    Failed {
        /// Path (or `path#line`).
        source: String,
        /// The `id` the input carried, if known.
        doc_id: Option<String>,
        /// Why.
        reason: String,
    },
}

impl Input {
    /// The document, if this input is one.
    pub fn doc(&self) -> Option<&Document> {
        match self {
            Input::Doc(d) => Some(d),
            _ => None,
        }
    }

    /// The bytes of article text this input carries (0 for a skipped or failed input): the
    /// weight that bounds how much text is in flight.
    pub fn text_len(&self) -> usize {
        match self {
            Input::Doc(d) => d.text.len(),
            _ => 0,
        }
    }
}

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    date: Option<serde_json::Value>,
    url: Option<String>,
    title: Option<String>,
}

/// What kind of file a path names, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `.txt`, `.text`, `.md`: one article.
    Article,
    /// `.jsonl`, `.ndjson`: one document per line.
    JsonLines,
    /// Anything else.
    Other,
}

/// The kind of a file from its name.
pub fn file_kind(path: &Path) -> FileKind {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("txt" | "text" | "md") => FileKind::Article,
        Some("jsonl" | "ndjson") => FileKind::JsonLines,
        _ => FileKind::Other,
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences; the flag says whether any were.
pub fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

/// True when the bytes look like a binary file rather than text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    // One pass over the head: control characters other than layout, and NULs among them.
    let (mut control, mut nul) = (0usize, 0usize);
    for &b in head {
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) {
            control += 1;
            nul += usize::from(b == 0);
        }
    }
    control * 10 > head.len() || nul * 100 > head.len().max(100)
}

/// The doc id of a walked file: the path as named plus the walked remainder, without `./`.
pub fn display_path(root: &str, rel: Option<&Path>) -> String {
    let mut s = root.to_string();
    while let Some(r) = s.strip_prefix("./") {
        s = r.to_string();
    }
    if let Some(rel) = rel {
        let rel = rel.to_string_lossy();
        if s.is_empty() || s == "." {
            return rel.into_owned();
        }
        if !s.ends_with('/') {
            s.push('/');
        }
        s.push_str(&rel);
    }
    s
}

enum Source {
    /// JSON Lines being read.
    Lines {
        name: String,
        reader: Box<dyn BufRead + Send>,
        line: u64,
    },
}

/// The buffer of an article's first read: most news articles fit (BBC's average 2.3 KB).
const FIRST_READ: usize = 16 << 10;

/// Streams the inputs named on the command line.
pub struct Reader {
    opts: ReadOptions,
    args: VecDeque<String>,
    queue: VecDeque<Input>,
    /// Files still to open: path, name and the file type known from the walk or the argument.
    files: VecDeque<(PathBuf, String, std::fs::FileType)>,
    current: Option<Source>,
}

impl Reader {
    /// A reader over `paths` (files, folders, `-`).
    pub fn new(paths: &[String], mut opts: ReadOptions) -> Reader {
        opts.max_doc_bytes = opts.max_doc_bytes.min(crate::tokenize::MAX_TOKEN_END);
        Reader {
            opts,
            args: paths.iter().cloned().collect(),
            queue: VecDeque::new(),
            files: VecDeque::new(),
            current: None,
        }
    }

    fn expand(&mut self, arg: String) {
        if arg == "-" {
            self.stdin();
            return;
        }
        let path = PathBuf::from(&arg);
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let reason = if std::fs::symlink_metadata(&path).is_ok() {
                    format!("dangling or looping symbolic link: {e}")
                } else {
                    format!("cannot open: {e}")
                };
                self.queue.push_back(Input::Failed {
                    source: display_path(&arg, None),
                    doc_id: None,
                    reason,
                });
                return;
            }
        };
        if meta.is_dir() {
            let walker = walkdir::WalkDir::new(&path)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_dir() {
                            continue;
                        }
                        let rel = e.path().strip_prefix(&path).ok().map(Path::to_path_buf);
                        let name = display_path(&arg, rel.as_deref());
                        // With links followed, the type is the target's (walkdir stats links).
                        self.files
                            .push_back((e.path().to_path_buf(), name, e.file_type()));
                    }
                    Err(e) => {
                        let p = e.path().map(|p| {
                            let rel = p.strip_prefix(&path).ok();
                            display_path(&arg, rel)
                        });
                        let reason = if e.loop_ancestor().is_some() {
                            "symbolic link loop".to_string()
                        } else {
                            e.io_error()
                                .map_or_else(|| e.to_string(), |io| io.to_string())
                        };
                        let source = p.unwrap_or_else(|| arg.clone());
                        // A dangling link inside a folder is not an article: skipped.
                        self.queue.push_back(Input::Skipped {
                            source,
                            reason: format!("unreadable entry ({reason})"),
                        });
                    }
                }
            }
        } else {
            self.files
                .push_back((path, display_path(&arg, None), meta.file_type()));
        }
    }

    fn stdin(&mut self) {
        let mut reader: Box<dyn BufRead + Send> =
            Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()));
        let jsonl = match self.opts.stdin {
            StdinFormat::Jsonl => true,
            StdinFormat::Text => false,
            StdinFormat::Auto => {
                // Peek at the first non-blank byte of what is buffered (64 KiB).
                match reader.fill_buf() {
                    Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
                    Err(_) => false,
                }
            }
        };
        if jsonl {
            self.current = Some(Source::Lines {
                name: "-".into(),
                reader,
                line: 0,
            });
        } else {
            let mut bytes = Vec::new();
            match reader.read_to_end(&mut bytes) {
                Ok(_) => self
                    .queue
                    .push_back(self.article("-".into(), "-".into(), bytes)),
                Err(e) => self.queue.push_back(Input::Failed {
                    source: "-".into(),
                    doc_id: Some("-".into()),
                    reason: format!("cannot read stdin: {e}"),
                }),
            }
        }
    }

    fn article(&self, id: String, source: String, bytes: Vec<u8>) -> Input {
        if bytes.len() > self.opts.max_doc_bytes {
            return Input::Failed {
                source,
                doc_id: Some(id),
                reason: format!(
                    "document of {} bytes is over --max-doc-bytes {}",
                    bytes.len(),
                    self.opts.max_doc_bytes
                ),
            };
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            let what = if source == "-" { "input" } else { "file" };
            return Input::Skipped {
                source,
                reason: format!("empty {what} (no text)"),
            };
        }
        if looks_binary(&bytes) {
            return Input::Skipped {
                source,
                reason: "binary file".into(),
            };
        }
        let (text, lossy) = decode(bytes);
        Input::Doc(Document {
            id,
            source,
            text,
            lossy,
            ..Document::default()
        })
    }

    /// Opens a file whose type the walk (or the argument's metadata) already told: no second
    /// `stat`, and an article is read in one `read` plus the one that finds its end.
    fn open(&mut self, path: PathBuf, name: String, file_type: std::fs::FileType) {
        if !file_type.is_file() {
            self.queue.push_back(Input::Skipped {
                source: name,
                reason: "not a regular file (FIFO, socket or device)".into(),
            });
            return;
        }
        match file_kind(&path) {
            FileKind::Other => self.queue.push_back(Input::Skipped {
                source: name,
                reason: "not an article file (.txt, .text, .md, .jsonl, .ndjson)".into(),
            }),
            FileKind::Article => {
                let limit = self.opts.max_doc_bytes as u64 + 1;
                // Room for a news article in the first read; a longer file grows the buffer.
                let mut bytes = Vec::with_capacity(FIRST_READ.min(limit as usize));
                let r = File::open(&path)
                    .and_then(|mut f| f.by_ref().take(limit).read_to_end(&mut bytes));
                match r {
                    Ok(_) => {
                        let item = self.article(name.clone(), name, bytes);
                        self.queue.push_back(item);
                    }
                    Err(e) => self.queue.push_back(Input::Failed {
                        source: name.clone(),
                        doc_id: Some(name),
                        reason: format!("cannot read: {e}"),
                    }),
                }
            }
            FileKind::JsonLines => match File::open(&path) {
                Ok(f) => {
                    self.current = Some(Source::Lines {
                        name,
                        reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                        line: 0,
                    })
                }
                Err(e) => self.queue.push_back(Input::Failed {
                    source: name,
                    doc_id: None,
                    reason: format!("cannot open: {e}"),
                }),
            },
        }
    }

    /// Reads the next JSON Lines record of the current source.
    fn next_line(&mut self) -> Option<Input> {
        let Some(Source::Lines { name, reader, line }) = self.current.as_mut() else {
            return None;
        };
        let mut buf = Vec::new();
        *line += 1;
        let limit = self.opts.max_doc_bytes as u64 * 2 + 2;
        let n = match reader.by_ref().take(limit).read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                let src = format!("{name}#{line}");
                self.current = None;
                return Some(Input::Failed {
                    source: src,
                    doc_id: None,
                    reason: format!("read error: {e}"),
                });
            }
        };
        if n == 0 {
            self.current = None;
            return None;
        }
        let src = format!("{name}#{line}");
        if buf.last() != Some(&b'\n') && n as u64 >= limit {
            // Skip the rest of an overlong line.
            let mut sink = Vec::new();
            let _ = reader.read_until(b'\n', &mut sink);
            return Some(Input::Failed {
                source: src,
                doc_id: None,
                reason: format!(
                    "line longer than twice --max-doc-bytes ({})",
                    self.opts.max_doc_bytes
                ),
            });
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            return Some(Input::Skipped {
                source: src,
                reason: "blank line".into(),
            });
        }
        let (s, lossy) = decode(buf);
        Some(parse_json_doc(&s, src, lossy, self.opts.max_doc_bytes))
    }
}

/// Parses one JSON Lines record into a document.
pub fn parse_json_doc(line: &str, source: String, lossy: bool, max_doc_bytes: usize) -> Input {
    let v: JsonDoc = match serde_json::from_str(line.trim_end_matches(['\n', '\r'])) {
        Ok(v) => v,
        Err(e) => {
            return Input::Failed {
                source,
                doc_id: None,
                reason: format!("malformed JSON: {e}"),
            }
        }
    };
    let id = match v.id {
        // an empty or blank id names nothing: the record is keyed by its place, like one
        // without an id (else every such record would share one `doc_id` in a database)
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(serde_json::Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    let text = match v.text {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => {
            return Input::Failed {
                source,
                doc_id: id,
                reason: "`text` is not a string".into(),
            }
        }
        None => {
            return Input::Failed {
                source,
                doc_id: id,
                reason: "missing `text` field".into(),
            }
        }
    };
    if text.len() > max_doc_bytes {
        return Input::Failed {
            source,
            doc_id: id,
            reason: format!(
                "document of {} bytes is over --max-doc-bytes {}",
                text.len(),
                max_doc_bytes
            ),
        };
    }
    let date = match v.date {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    };
    Input::Doc(Document {
        id: id.unwrap_or_else(|| source.clone()),
        source,
        text,
        date,
        url: v.url,
        title: v.title,
        lossy,
    })
}

impl Iterator for Reader {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(i) = self.queue.pop_front() {
                return Some(i);
            }
            if self.current.is_some() {
                if let Some(i) = self.next_line() {
                    return Some(i);
                }
                continue;
            }
            if let Some((p, n, t)) = self.files.pop_front() {
                self.open(p, n, t);
                continue;
            }
            let arg = self.args.pop_front()?;
            self.expand(arg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths() {
        assert_eq!(
            display_path("samples/", Some(Path::new("a.txt"))),
            "samples/a.txt"
        );
        assert_eq!(
            display_path("./samples", Some(Path::new("x/a.txt"))),
            "samples/x/a.txt"
        );
        assert_eq!(display_path("a.txt", None), "a.txt");
        assert_eq!(display_path(".", Some(Path::new("a.txt"))), "a.txt");
    }

    #[test]
    fn json_records() {
        let Input::Doc(d) = parse_json_doc(
            r#"{"id": 7, "text": "Hi", "date": "2023-04-14"}"#,
            "f#1".into(),
            false,
            100,
        ) else {
            panic!()
        };
        assert_eq!(
            (d.id.as_str(), d.date.as_deref()),
            ("7", Some("2023-04-14"))
        );
        let Input::Doc(d) = parse_json_doc(r#"{"text": "Hi"}"#, "f#2".into(), false, 100) else {
            panic!()
        };
        assert_eq!(d.id, "f#2");
        // found by the reader's fuzz target: an empty id was taken as the id
        for blank in [r#""""#, r#"" \t""#, "null"] {
            let line = format!(r#"{{"id": {blank}, "text": "Hi"}}"#);
            let Input::Doc(d) = parse_json_doc(&line, "f#5".into(), false, 100) else {
                panic!("{line}")
            };
            assert_eq!(d.id, "f#5", "{line}");
        }
        assert!(matches!(
            parse_json_doc(r#"{"id": "x"}"#, "f#3".into(), false, 100),
            Input::Failed { .. }
        ));
        assert!(matches!(
            parse_json_doc("{nope", "f#4".into(), false, 100),
            Input::Failed { .. }
        ));
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
        assert!(!looks_binary(b"plain text\nwith lines\n"));
        assert!(!looks_binary(
            "text with a NUL \u{0} inside and more words around it to be long enough for the ratio"
                .as_bytes()
        ));
    }
}
