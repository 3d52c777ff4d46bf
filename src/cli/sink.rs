//! Where `extract` writes: the output formats. Workers format each input into an [`Out`] in
//! parallel ([`Formatter`]); one [`Sink`] writes them in input order, commits at the end of each
//! batch of documents, and either finishes (files renamed into place, transaction committed) or aborts.

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use newsfacts::export::csv::{CsvExport, TableRows};
use newsfacts::export::html::{HtmlReport, ReportDoc};
use newsfacts::export::json;
use newsfacts::export::sqlite::SqliteExport;
use newsfacts::Analysis;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// JSON Lines, one document per line (schema newsfacts/1).
    Jsonl,
    /// CSV tables plus schema.sql in the folder given by --out.
    Csv,
    /// A SQLite database (--out FILE), created or updated: re-runs replace a document's rows.
    Sqlite,
    /// One self-contained HTML page (--out FILE): highlighted articles, event table, timeline.
    Html,
}

/// One processed input, formatted by a worker.
pub enum Out {
    /// A JSON line (a document or an error record).
    Json(Vec<u8>),
    /// The four CSV tables' rows.
    Csv(Box<[Vec<u8>; 4]>),
    /// Rows for the database.
    Rows(Box<TableRows>),
    /// An article and its events for the HTML report.
    Html(Box<ReportDoc>),
    /// Nothing to write.
    Nothing,
}

/// What the workers need to know to format for a sink (`Copy`, shared by all threads).
#[derive(Clone, Copy)]
pub struct Formatter {
    format: Format,
}

impl Formatter {
    /// The formatter for `format` (without a sink: `bench` formats into a counting sink).
    pub fn new(format: Format) -> Formatter {
        Formatter { format }
    }

    /// Formats one document.
    pub fn document(self, a: &Analysis<'_>) -> Out {
        match self.format {
            Format::Jsonl => {
                let mut buf = Vec::new();
                json::write_document(a, &mut buf);
                Out::Json(buf)
            }
            Format::Csv => Out::Csv(Box::new(CsvExport::format(a))),
            Format::Sqlite => Out::Rows(Box::new(newsfacts::export::csv::rows(a))),
            Format::Html => Out::Html(Box::new(HtmlReport::format(a))),
        }
    }

    /// True when the format has a place for error records (`--on-error record`).
    pub fn records_errors(self) -> bool {
        self.format == Format::Jsonl
    }

    /// Formats the error record of an input that could not be processed.
    pub fn error(self, doc_id: Option<&str>, source: &str, reason: &str) -> Out {
        if !self.records_errors() {
            return Out::Nothing;
        }
        let mut buf = Vec::new();
        json::write_error(doc_id, source, reason, &mut buf);
        Out::Json(buf)
    }
}

/// The output of a run.
pub enum Sink {
    /// JSON Lines on stdout.
    Stdout(io::BufWriter<io::Stdout>),
    /// JSON Lines into a temporary file, renamed into place at the end.
    File {
        /// The temporary file.
        tmp: PathBuf,
        /// The final name.
        path: PathBuf,
        /// Its writer.
        w: io::BufWriter<std::fs::File>,
    },
    /// JSON Lines into a device, a pipe or a link named by `--out` (`/dev/null`, a named pipe),
    /// written in place: a rename would replace it with a plain file.
    InPlace {
        /// Its name.
        path: PathBuf,
        /// Its writer.
        w: io::BufWriter<std::fs::File>,
    },
    /// CSV tables.
    Csv(CsvExport),
    /// A SQLite database.
    Sqlite(SqliteExport),
    /// An HTML report.
    Html(HtmlReport),
}

impl Sink {
    /// Opens the output for `format`, checking that `out` fits it.
    pub fn open(format: Format, out: Option<&Path>) -> Result<Sink> {
        Ok(match (format, out) {
            (Format::Csv, None) => {
                bail!("--format csv writes several tables: name a folder with --out DIR (for example --out facts/)")
            }
            (Format::Sqlite, None) => {
                bail!("--format sqlite writes a database file: name it with --out FILE (for example --out facts.db)")
            }
            (Format::Html, None) => {
                bail!("--format html writes one page: name it with --out FILE (for example --out report.html)")
            }
            (Format::Csv, Some(dir)) => Sink::Csv(CsvExport::create(dir)?),
            (Format::Html, Some(path)) => {
                if path.is_dir() {
                    bail!(
                        "{} is a folder: --format html needs a file name such as {}",
                        path.display(),
                        path.join("report.html").display()
                    );
                }
                Sink::Html(HtmlReport::create(path)?)
            }
            (Format::Sqlite, Some(path)) => {
                if path.is_dir() {
                    bail!(
                        "{} is a folder: --format sqlite needs a database file name such as {}",
                        path.display(),
                        path.join("facts.db").display()
                    );
                }
                Sink::Sqlite(SqliteExport::open(path)?)
            }
            (Format::Jsonl, Some(path)) => {
                if path.is_dir() {
                    bail!(
                        "{} is a folder: --format jsonl writes one file, such as {}",
                        path.display(),
                        path.join("facts.jsonl").display()
                    );
                }
                if newsfacts::export::written_in_place(path) {
                    let f = std::fs::File::create(path)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    return Ok(Sink::InPlace {
                        path: path.to_path_buf(),
                        w: io::BufWriter::with_capacity(1 << 16, f),
                    });
                }
                let dir = newsfacts::export::folder_of(path);
                let tmp = newsfacts::export::temp_beside(path, "tmp");
                let f = std::fs::File::create(&tmp).with_context(|| {
                    format!(
                        "cannot create {} (does the folder {} exist, and can you write there?)",
                        path.display(),
                        dir.display()
                    )
                })?;
                Sink::File {
                    tmp,
                    path: path.to_path_buf(),
                    w: io::BufWriter::with_capacity(1 << 16, f),
                }
            }
            (Format::Jsonl, None) => {
                Sink::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout()))
            }
        })
    }

    /// The formatter the workers use for this sink.
    pub fn formatter(&self) -> Formatter {
        Formatter {
            format: match self {
                Sink::Stdout(_) | Sink::File { .. } | Sink::InPlace { .. } => Format::Jsonl,
                Sink::Csv(_) => Format::Csv,
                Sink::Sqlite(_) => Format::Sqlite,
                Sink::Html(_) => Format::Html,
            },
        }
    }

    /// Writes one formatted input (in input order).
    pub fn write(&mut self, out: Out) -> Result<()> {
        match (self, out) {
            (Sink::Stdout(w), Out::Json(b)) => w.write_all(&b).context("cannot write to stdout")?,
            (Sink::File { w, tmp: path, .. } | Sink::InPlace { w, path }, Out::Json(b)) => w
                .write_all(&b)
                .with_context(|| format!("cannot write {}", path.display()))?,
            (Sink::Csv(c), Out::Csv(rows)) => c.write(&rows)?,
            (Sink::Sqlite(db), Out::Rows(rows)) => db.write_rows(&rows)?,
            (Sink::Html(r), Out::Html(doc)) => r.write(*doc)?,
            _ => {}
        }
        Ok(())
    }

    /// Writes the facts merged across documents (`--merge`), after the documents.
    pub fn write_merged(&mut self, merged: &[newsfacts::merge::MergedEvent]) -> Result<()> {
        let lines = || {
            let mut buf = Vec::new();
            for m in merged {
                json::write_merged(m, &mut buf);
            }
            buf
        };
        match self {
            Sink::Stdout(w) => w.write_all(&lines()).context("cannot write to stdout")?,
            Sink::File { w, tmp: path, .. } | Sink::InPlace { w, path } => w
                .write_all(&lines())
                .with_context(|| format!("cannot write {}", path.display()))?,
            Sink::Csv(c) => newsfacts::export::csv::write_merged(c.dir(), merged)?,
            Sink::Sqlite(db) => db.replace_table(
                "merged_events",
                newsfacts::export::csv::MERGED_COLUMNS,
                &newsfacts::export::csv::merged_rows(merged),
            )?,
            Sink::Html(_) => {}
        }
        Ok(())
    }

    /// Ends a batch: stdout is flushed (a filter's consumer sees each batch as it is done) and
    /// the database transaction is committed.
    pub fn end_batch(&mut self) -> Result<()> {
        match self {
            Sink::Stdout(w) => w.flush().context("cannot write to stdout")?,
            // a named pipe's reader sees each batch as it is done, as stdout's does
            Sink::InPlace { w, path } => w
                .flush()
                .with_context(|| format!("cannot write {}", path.display()))?,
            Sink::Sqlite(db) => db.commit()?,
            _ => {}
        }
        Ok(())
    }

    /// Flushes stdout (a filter's consumer sees what is done so far); other sinks wait for the
    /// end of the batch.
    pub fn flush_stdout(&mut self) -> Result<()> {
        if let Sink::Stdout(w) = self {
            w.flush().context("cannot write to stdout")?;
        }
        Ok(())
    }

    /// Completes the output: flushed, renamed into place, committed.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().context("cannot write to stdout")?,
            Sink::File { tmp, path, w } => {
                let f = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                f.sync_all()
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                std::fs::rename(&tmp, &path).with_context(|| {
                    format!("cannot rename {} to {}", tmp.display(), path.display())
                })?;
            }
            Sink::InPlace { path, mut w } => w
                .flush()
                .with_context(|| format!("cannot write {}", path.display()))?,
            Sink::Csv(c) => c.finish()?,
            Sink::Sqlite(db) => db.finish()?,
            Sink::Html(r) => r.finish()?,
        }
        Ok(())
    }

    /// Abandons the output after a failed run: temporary files are removed, the open database
    /// transaction is rolled back (committed batches stay).
    pub fn abort(self) {
        match self {
            Sink::File { tmp, .. } => {
                let _ = std::fs::remove_file(tmp);
            }
            Sink::Csv(c) => c.abort(),
            Sink::Sqlite(db) => db.abort(),
            Sink::Html(r) => r.abort(),
            Sink::Stdout(_) | Sink::InPlace { .. } => {}
        }
    }
}
