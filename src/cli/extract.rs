//! `newsfacts extract`: read inputs, run the pipeline in parallel, write in input order.

use super::progress::Progress;
use super::sink::{Format, Out, Sink};
use super::summary::{DocStats, Summary};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use newsfacts::model::Document;
use newsfacts::read::{Input, ReadOptions, Reader, StdinFormat};
use newsfacts::stream::{for_each_ordered, runs, Bounds};
use newsfacts::Pipeline;
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Set by Ctrl-C (SIGINT) or SIGTERM: the run stops between documents and removes its
/// half-written output.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputArg {
    /// JSON Lines when stdin starts with `{`, else one article.
    Auto,
    /// Stdin holds JSON Lines.
    Jsonl,
    /// Stdin is one article.
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OnError {
    /// Report bad inputs on stderr; exit status 2.
    Report,
    /// Write an error record in the output for each bad input; exit status 0 (for Spark pipes).
    Record,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files, folders or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Output file (jsonl, written atomically, or in place for a device, a named pipe or a link such
    /// as /dev/null; sqlite, created or updated) or folder (csv).
    /// Default for jsonl: stdout.
    #[arg(long, short, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Publication date to resolve relative dates against when a document gives none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    reference_date: Option<chrono::NaiveDate>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Folder of extra gazetteers (*.tsv in the gazetteer format, spaCy patterns *.jsonl).
    #[arg(long, value_name = "DIR")]
    gazetteers: Vec<PathBuf>,
    /// How to read stdin.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
    /// What to do with inputs that cannot be processed.
    #[arg(long, value_enum, default_value_t = OnError::Report)]
    on_error: OnError,
    /// Documents larger than this many bytes fail (the run goes on); at most 4294967295 (token
    /// offsets are 32-bit).
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20, value_parser = parse_max_doc_bytes)]
    max_doc_bytes: usize,
    /// Also write the run summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Nothing on stderr: no progress bar, no summary, no list of failed inputs (see --report).
    #[arg(long, short)]
    quiet: bool,
    /// Merge the same event reported by several documents into one fact: `merged_event` lines
    /// after the documents (jsonl), `merged_events.csv` (csv), the `merged_events` table (sqlite).
    #[arg(long)]
    merge: bool,
}

pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date like 2023-04-14: {e}"))
}

/// `--max-doc-bytes`: a byte count a token offset can reach.
fn parse_max_doc_bytes(s: &str) -> Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|e| format!("`{s}` is not a byte count: {e}"))?;
    if n > newsfacts::tokenize::MAX_TOKEN_END {
        return Err(format!(
            "{n} is over {} (4 GiB): token offsets are 32-bit",
            newsfacts::tokenize::MAX_TOKEN_END
        ));
    }
    Ok(n)
}

/// Documents per database transaction (and per flush of stdout at the latest).
const BATCH_DOCS: usize = 512;
/// Text bytes per database transaction, at most (a batch ends after the document that passes it).
const BATCH_BYTES: usize = 8 << 20;

/// One input, processed by a worker, on its way to the writer.
enum Done {
    Doc {
        source: String,
        doc_id: String,
        bytes: usize,
        out: Out,
        stats: Box<DocStats>,
        recs: Vec<newsfacts::merge::Record>,
    },
    Skipped {
        source: String,
        reason: String,
        out: Out,
    },
    Failed {
        source: String,
        reason: String,
        out: Out,
    },
}

/// Worker threads when `--threads` is not given: the cores available to the process.
pub(crate) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Runs `extract`.
pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let threads = match args.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => n,
        None => default_threads(),
    };
    if args.on_error == OnError::Record && args.format != Format::Jsonl {
        bail!(
            "--on-error record writes error records into JSON Lines output; with --format {} \
             use --report FILE to list the inputs that fail",
            args.format
                .to_possible_value()
                .map_or("?".into(), |v| v.get_name().to_string())
        );
    }
    let pipeline = super::build_pipeline(&args.gazetteers, args.reference_date)?;

    // Without a handler the default action kills the process at once, leaving temporary files.
    ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::Relaxed))
        .context("cannot install the Ctrl-C handler")?;
    let mut sink = RefCell::new(Sink::open(args.format, args.out.as_deref())?);
    let formatter = sink.borrow().formatter();

    let opts = ReadOptions {
        stdin: match args.input {
            InputArg::Auto => StdinFormat::Auto,
            InputArg::Jsonl => StdinFormat::Jsonl,
            InputArg::Text => StdinFormat::Text,
        },
        max_doc_bytes: args.max_doc_bytes,
    };
    let record_errors = args.on_error == OnError::Record;
    let mut summary = Summary {
        threads,
        ..Summary::default()
    };
    let progress = Progress::new(&args.paths, !args.quiet);
    let start = Instant::now();
    let reader = Reader::new(&args.paths, opts);
    let mut merger = newsfacts::merge::Merger::new();
    let result = (|| -> Result<()> {
        let merge = args.merge;
        // Documents go through the pipeline in runs (each stage over the whole run, so that its
        // tables stay in cache); a filter on stdin answers each line at once: runs of one.
        let from_stdin = args.paths.iter().any(|p| p == "-");
        let (run_docs, run_bytes) = if from_stdin {
            (1, 0)
        } else {
            (Pipeline::RUN_DOCS, Pipeline::RUN_BYTES)
        };
        let work = |run: Vec<Input>| -> Vec<Done> {
            // Interrupted: what is still in flight is dropped with the output.
            let stop = interrupted();
            let docs: Vec<&Document> = if stop {
                Vec::new()
            } else {
                run.iter().filter_map(Input::doc).collect()
            };
            let mut analysed = pipeline
                .analyze_many(&docs)
                .iter()
                .map(|a| {
                    // With --merge, a small record per event is kept, never the document.
                    let recs = if merge {
                        newsfacts::merge::records(a)
                    } else {
                        Vec::new()
                    };
                    let doc = a.doc;
                    progress.advance(doc.text.len());
                    Done::Doc {
                        source: doc.source.clone(),
                        doc_id: doc.id.clone(),
                        bytes: doc.text.len(),
                        out: formatter.document(a),
                        stats: Box::new(DocStats::of(a)),
                        recs,
                    }
                })
                .collect::<Vec<Done>>()
                .into_iter();
            drop(docs);
            run.into_iter()
                .map(|item| match item {
                    Input::Doc(doc) if stop => Done::Skipped {
                        source: doc.source,
                        reason: "interrupted".into(),
                        out: Out::Nothing,
                    },
                    Input::Doc(doc) => analysed.next().unwrap_or_else(|| {
                        unreachable!("one analysis per document of the run: {}", doc.source)
                    }),
                    Input::Failed {
                        source,
                        doc_id,
                        reason,
                    } => Done::Failed {
                        out: if record_errors {
                            formatter.error(doc_id.as_deref(), &source, &reason)
                        } else {
                            Out::Nothing
                        },
                        source,
                        reason,
                    },
                    Input::Skipped { source, reason } => Done::Skipped {
                        // A blank line in a filter still gives one output line.
                        out: if record_errors && source.contains('#') {
                            formatter.error(None, &source, &reason)
                        } else {
                            Out::Nothing
                        },
                        source,
                        reason,
                    },
                })
                .collect()
        };
        // The database commits, and stdout is flushed, every batch of documents.
        let (mut docs_in_batch, mut bytes_in_batch) = (0usize, 0usize);
        // Tables keyed by doc_id (CSV, SQLite) keep one document per id: a repeated id is a
        // warning, found by a 64-bit hash of each id (8 bytes a document, for these formats
        // only; JSON Lines keeps nothing and stays flat in memory).
        let mut ids_seen: Option<HashSet<u64>> =
            matches!(args.format, Format::Csv | Format::Sqlite).then(HashSet::new);
        let mut write_one = |done: Done| -> Result<()> {
            if interrupted() {
                bail!(Interrupted);
            }
            let out = match done {
                Done::Doc {
                    source,
                    doc_id,
                    bytes,
                    out,
                    mut stats,
                    recs,
                } => {
                    if let Some(seen) = ids_seen.as_mut() {
                        if !seen.insert(
                            BuildHasherDefault::<DefaultHasher>::default().hash_one(&doc_id),
                        ) {
                            stats.warn(format!(
                                "repeats the doc_id {doc_id:?} of an earlier document of this \
                                 run: a database keyed by doc_id keeps only this one's facts"
                            ));
                        }
                    }
                    merger.add(recs);
                    summary.add_document(&source, bytes, &stats);
                    bytes_in_batch += bytes;
                    out
                }
                Done::Skipped {
                    source,
                    reason,
                    out,
                } => {
                    summary.add_skipped(&source, &reason);
                    out
                }
                Done::Failed {
                    source,
                    reason,
                    out,
                } => {
                    progress.advance(0);
                    if !args.quiet && !record_errors {
                        progress.println(&format!("newsfacts: {source}: {reason}"));
                    }
                    summary.add_failed(&source, &reason);
                    out
                }
            };
            sink.borrow_mut().write(out)?;
            docs_in_batch += 1;
            if docs_in_batch >= BATCH_DOCS || bytes_in_batch >= BATCH_BYTES {
                sink.borrow_mut().end_batch()?;
                (docs_in_batch, bytes_in_batch) = (0, 0);
            }
            Ok(())
        };
        // Nothing ready to write: a consumer of stdout gets what is done so far.
        let idle = || sink.borrow_mut().flush_stdout();
        let write = |run: Vec<Done>| run.into_iter().try_for_each(&mut write_one);
        for_each_ordered(
            runs(reader, run_docs, run_bytes, Input::text_len),
            Bounds::for_runs(threads),
            |run: &Vec<Input>| run.iter().map(Input::text_len).sum(),
            work,
            write,
            idle,
        )?;
        let sink = sink.get_mut();
        sink.end_batch()?;
        if args.merge {
            sink.write_merged(&std::mem::take(&mut merger).finish())?;
        }
        Ok(())
    })();
    summary.seconds = start.elapsed().as_secs_f64();
    progress.finish();
    let sink = sink.into_inner();
    if let Err(e) = result {
        sink.abort();
        if e.is::<Interrupted>() {
            eprintln!(
                "newsfacts: interrupted after {} inputs; no half-written output was left behind \
                 (a database keeps the batches committed before)",
                summary.read
            );
            return Ok(ExitCode::from(130));
        }
        return Err(e);
    }
    sink.finish()?;
    if !args.quiet {
        eprintln!("{}", summary.paragraph(summary_width()));
    }
    if let Some(path) = &args.report {
        let bytes = serde_json::to_vec_pretty(&summary)?;
        newsfacts::export::write_atomic(path, &bytes)?;
    }
    Ok(if summary.failed > 0 && !record_errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The run was stopped by Ctrl-C or SIGTERM.
#[derive(Debug, thiserror::Error)]
#[error("interrupted")]
struct Interrupted;

/// Columns to wrap the summary at: the terminal's width (at most 100), or no wrapping when stderr
/// is not a terminal (one line per run in a log).
fn summary_width() -> usize {
    let term = console::Term::stderr();
    if !term.is_term() {
        return 0;
    }
    term.size_checked()
        .map_or(80, |(_, cols)| usize::from(cols).clamp(40, 100))
}
