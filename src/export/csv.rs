//! CSV tables (`documents.csv`, `entities.csv`, `events.csv`, `event_arguments.csv`) plus
//! `schema.sql`, written atomically: each file goes to a temporary name in the output folder and
//! is renamed only when the run completes.
//!
//! NULL is an empty unquoted field; an empty string is `""` (as PostgreSQL's `\copy … CSV` reads
//! them).

use super::json::{sha256_hex, warnings};
use super::{entity_id, event_id, SCHEMA_SQL};
use crate::error::{Error, Result};
use crate::model::{Analysis, Argument};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The tables of the export: file name and columns, in `schema.sql`'s order. The SQLite export
/// writes the same tables with the same columns.
pub const TABLES: [(&str, &[&str]); 4] = [
    (
        "documents.csv",
        &[
            "doc_id",
            "source",
            "sha256",
            "title",
            "url",
            "published",
            "published_source",
            "entity_count",
            "event_count",
            "warnings",
        ],
    ),
    (
        "entities.csv",
        &[
            "doc_id",
            "entity_id",
            "type",
            "text",
            "start",
            "end",
            "sentence",
            "canonical",
            "key",
            "country",
            "how",
            "value",
            "timex_type",
            "interval_begin",
            "interval_end",
            "granularity",
        ],
    ),
    (
        "events.csv",
        &[
            "doc_id",
            "event_id",
            "type",
            "cameo",
            "trigger_text",
            "trigger_start",
            "trigger_end",
            "sentence",
            "evidence",
            "time_entity",
            "time_value",
            "time_begin",
            "time_end",
            "time_source",
            "modality",
            "confidence",
            "rule",
            "mention_count",
            "conflicts",
        ],
    ),
    (
        "event_arguments.csv",
        &[
            "doc_id",
            "event_id",
            "mention",
            "arg_index",
            "role",
            "text",
            "start",
            "end",
            "entity_id",
            "canonical",
            "key",
            "country",
            "trigger_start",
            "trigger_end",
            "sentence",
        ],
    ),
];

/// A field: `None` is NULL (empty, unquoted), `Some("")` an empty string.
pub type Field = Option<String>;

/// One document's rows, one list per table of [`TABLES`], each row in the table's column order.
pub type TableRows = [Vec<Vec<Field>>; 4];

fn s(v: impl ToString) -> Field {
    Some(v.to_string())
}

/// Writes the CSV tables of a run.
pub struct CsvExport {
    dir: PathBuf,
    files: Vec<(PathBuf, PathBuf, BufWriter<File>)>,
}

impl CsvExport {
    /// Creates the output folder (if needed) and the temporary files.
    pub fn create(dir: &Path) -> Result<CsvExport> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut files = Vec::new();
        for (name, header) in TABLES {
            let final_path = dir.join(name);
            let tmp = super::temp_beside(&final_path, "tmp");
            let f = File::create(&tmp).map_err(|source| Error::Io {
                path: tmp.clone(),
                source,
            })?;
            let mut w = BufWriter::with_capacity(1 << 16, f);
            let line = header.join(",") + "\n";
            w.write_all(line.as_bytes()).map_err(|source| Error::Io {
                path: tmp.clone(),
                source,
            })?;
            files.push((tmp, final_path, w));
        }
        Ok(CsvExport {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// Formats one document's rows into four buffers (one per table), for a writer thread.
    pub fn format(a: &Analysis<'_>) -> [Vec<u8>; 4] {
        let mut out: [Vec<u8>; 4] = Default::default();
        for (buf, rows) in out.iter_mut().zip(rows(a)) {
            for r in rows {
                row(buf, &r);
            }
        }
        out
    }
}

/// One document's rows for every table of [`TABLES`]: the values the CSV and SQLite exports write.
pub fn rows(a: &Analysis<'_>) -> TableRows {
    let text = a.text();
    let doc_id = a.doc.id.as_str();
    let mut out: TableRows = Default::default();
    let w = warnings(a);
    out[0].push(vec![
        s(doc_id),
        s(&a.doc.source),
        s(sha256_hex(text)),
        a.meta.title.as_deref().map(str::to_string),
        a.meta.url.as_deref().map(str::to_string),
        a.meta.published.clone(),
        a.meta.published_source.map(|p| p.as_str().to_string()),
        s(a.entities.len()),
        s(a.events.len()),
        if w.is_empty() { None } else { s(w.join("; ")) },
    ]);
    for (i, e) in a.entities.iter().enumerate() {
        let t = e.timex.as_ref();
        out[1].push(vec![
            s(doc_id),
            s(entity_id(i)),
            s(e.kind.as_str()),
            s(&text[e.span]),
            s(e.span.start),
            s(e.span.end),
            s(e.sentence),
            s(&e.canonical),
            e.key.as_deref().map(str::to_string),
            e.country.map(|c| c.to_string()),
            s(e.how.as_str()),
            t.map(|t| t.value.clone()),
            t.map(|t| t.timex_type.as_str().to_string()),
            t.and_then(|t| t.interval).map(|i| i.0.to_string()),
            t.and_then(|t| t.interval).map(|i| i.1.to_string()),
            t.map(|t| t.granularity.to_string()),
        ]);
    }
    for (i, e) in a.events.iter().enumerate() {
        let eid = event_id(i);
        let conflicts = if e.conflicts.is_empty() {
            None
        } else {
            let v: Vec<serde_json::Value> = e
                .conflicts
                .iter()
                .map(|c| serde_json::json!({"field": c.field, "values": c.values}))
                .collect();
            s(serde_json::Value::Array(v))
        };
        out[2].push(vec![
            s(doc_id),
            s(&eid),
            s(e.kind.as_str()),
            s(&e.cameo),
            s(&text[e.trigger]),
            s(e.trigger.start),
            s(e.trigger.end),
            s(e.sentence),
            s(&text[a.sentences[e.sentence].span]),
            e.time.as_ref().and_then(|t| t.entity).map(entity_id),
            e.time.as_ref().map(|t| t.value.clone()),
            e.time.as_ref().and_then(|t| t.begin).map(|d| d.to_string()),
            e.time.as_ref().and_then(|t| t.end).map(|d| d.to_string()),
            e.time.as_ref().map(|t| t.source.as_str().to_string()),
            s(e.modality.as_str()),
            s(e.confidence),
            s(&e.rule),
            s(e.mentions.len()),
            conflicts,
        ]);
        let mut args =
            |m: usize, list: &[Argument<'_>], trig: crate::span::Span, sentence: usize| {
                for (k, x) in list.iter().enumerate() {
                    out[3].push(vec![
                        s(doc_id),
                        s(&eid),
                        s(m),
                        s(k),
                        s(x.role.as_str()),
                        s(&text[x.span]),
                        s(x.span.start),
                        s(x.span.end),
                        x.entity.map(entity_id),
                        s(&x.canonical),
                        x.key.as_deref().map(str::to_string),
                        x.country.map(|c| c.to_string()),
                        s(trig.start),
                        s(trig.end),
                        s(sentence),
                    ]);
                }
            };
        args(0, &e.arguments, e.trigger, e.sentence);
        for (k, m) in e.mentions.iter().enumerate() {
            args(k + 1, &m.arguments, m.trigger, m.sentence);
        }
    }
    out
}

impl CsvExport {
    /// Appends formatted rows.
    pub fn write(&mut self, rows: &[Vec<u8>; 4]) -> Result<()> {
        for (k, (tmp, _, w)) in self.files.iter_mut().enumerate() {
            w.write_all(&rows[k]).map_err(|source| Error::Io {
                path: tmp.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Flushes, writes `schema.sql`, and renames every file into place.
    pub fn finish(self) -> Result<()> {
        for (tmp, fin, w) in self.files {
            let f = w.into_inner().map_err(|e| Error::Io {
                path: tmp.clone(),
                source: e.into_error(),
            })?;
            f.sync_all().map_err(|source| Error::Io {
                path: tmp.clone(),
                source,
            })?;
            std::fs::rename(&tmp, &fin).map_err(|source| Error::Io {
                path: fin.clone(),
                source,
            })?;
        }
        crate::export::write_atomic(&self.dir.join("schema.sql"), SCHEMA_SQL.as_bytes())
    }

    /// Removes the temporary files (after a failed run).
    pub fn abort(self) {
        for (tmp, _, _) in self.files {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// The columns of `merged_events.csv`: one row per source event of each merged fact.
pub const MERGED_COLUMNS: &[&str] = &[
    "merged_id",
    "type",
    "cameo",
    "modality",
    "time_value",
    "time_begin",
    "time_end",
    "conflicts",
    "arguments",
    "mention_count",
    "doc_id",
    "event_id",
];

/// Writes `merged_events.csv` (atomically) into the export folder: one row per source event of
/// each fact merged across documents, joined to `events.csv` by `doc_id` and `event_id`.
pub fn write_merged(dir: &Path, merged: &[crate::merge::MergedEvent]) -> Result<()> {
    let mut out = (MERGED_COLUMNS.join(",") + "\n").into_bytes();
    for r in merged_rows(merged) {
        row(&mut out, &r);
    }
    crate::export::write_atomic(&dir.join("merged_events.csv"), &out)
}

/// The rows of `merged_events` ([`MERGED_COLUMNS`]): one per source event of each merged fact.
pub fn merged_rows(merged: &[crate::merge::MergedEvent]) -> Vec<Vec<Field>> {
    let mut rows = Vec::new();
    for m in merged {
        let conflicts = if m.conflicts.is_empty() {
            None
        } else {
            let v: Vec<serde_json::Value> = m
                .conflicts
                .iter()
                .map(|c| serde_json::json!({"field": c.field, "values": c.values}))
                .collect();
            s(serde_json::Value::Array(v))
        };
        let args: Vec<serde_json::Value> = m
            .arguments
            .iter()
            .map(|a| {
                serde_json::json!({"role": a.role.as_str(), "canonical": a.canonical,
                    "key": a.key, "country": a.country.map(|c| c.to_string())})
            })
            .collect();
        for (doc, ev) in &m.mentions {
            rows.push(vec![
                s(&m.id),
                s(m.kind.as_str()),
                s(&m.cameo),
                s(m.modality.as_str()),
                m.value.clone(),
                m.begin.map(|d| d.to_string()),
                m.end.map(|d| d.to_string()),
                conflicts.clone(),
                s(serde_json::Value::Array(args.clone())),
                s(m.mentions.len()),
                s(doc),
                s(ev),
            ]);
        }
    }
    rows
}

/// Appends one CSV row. Fields holding a comma, quote, newline or leading/trailing space are
/// quoted; `Some("")` is written `""` so that it stays distinct from NULL.
fn row(out: &mut Vec<u8>, fields: &[Field]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match f {
            None => {}
            Some(v) if v.is_empty() => out.extend_from_slice(b"\"\""),
            Some(v) => {
                let needs = v.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
                    || v.starts_with(' ')
                    || v.ends_with(' ')
                    || v == "\\.";
                if needs {
                    out.push(b'"');
                    for b in v.bytes() {
                        if b == b'"' {
                            out.push(b'"');
                        }
                        out.push(b);
                    }
                    out.push(b'"');
                } else {
                    out.extend_from_slice(v.as_bytes());
                }
            }
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_nulls() {
        let mut out = Vec::new();
        row(
            &mut out,
            &[
                None,
                s(""),
                s("a,b"),
                s("say \"hi\""),
                s("x\ny"),
                s("plain"),
            ],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            ",\"\",\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",plain\n"
        );
    }
}
