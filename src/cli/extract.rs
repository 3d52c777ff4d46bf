//! `newsfacts extract`: read inputs, run the pipeline in parallel, write in input order.

use super::sink::{Format, Out, Sink};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use newsfacts::export::json;
use newsfacts::read::{Input, ReadOptions, Reader, StdinFormat};
use newsfacts::Pipeline;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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
    /// Output file (jsonl, written atomically; sqlite, created or updated) or folder (csv).
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
    /// Documents larger than this many bytes fail (the run goes on).
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_doc_bytes: usize,
    /// Also write the run summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// No summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date like 2023-04-14: {e}"))
}

/// A problem with one input.
#[derive(serde::Serialize)]
struct Problem {
    source: String,
    reason: String,
}

#[derive(Default, serde::Serialize)]
struct Summary {
    read: usize,
    processed: usize,
    skipped: usize,
    failed: usize,
    warnings: usize,
    entities: usize,
    events: usize,
    bytes: usize,
    seconds: f64,
    skipped_inputs: Vec<Problem>,
    failed_inputs: Vec<Problem>,
}

/// Entities, events, and whether the document had warnings.
type DocStats = (usize, usize, bool);

/// Runs `extract`.
pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("cannot start the worker threads")?;
    }
    if args.on_error == OnError::Record && args.format != Format::Jsonl {
        bail!(
            "--on-error record writes error records into JSON Lines output; with --format {} \
             use --report FILE to list the inputs that fail",
            args.format
                .to_possible_value()
                .map_or("?".into(), |v| v.get_name().to_string())
        );
    }
    let mut builder = Pipeline::builder();
    for g in &args.gazetteers {
        builder = builder.gazetteer_dir(g);
    }
    if let Some(d) = args.reference_date {
        builder = builder.reference_date(d);
    }
    let pipeline = builder.build().context("cannot build the pipeline")?;

    let mut sink = Sink::open(args.format, args.out.as_deref())?;
    let formatter = sink.formatter();

    let opts = ReadOptions {
        stdin: match args.input {
            InputArg::Auto => StdinFormat::Auto,
            InputArg::Jsonl => StdinFormat::Jsonl,
            InputArg::Text => StdinFormat::Text,
        },
        max_doc_bytes: args.max_doc_bytes,
    };
    let record_errors = args.on_error == OnError::Record;
    let mut summary = Summary::default();
    let start = Instant::now();
    let mut reader = Reader::new(&args.paths, opts);
    let result = (|| -> Result<()> {
        loop {
            // A batch: bounded by count and bytes so memory stays flat on any corpus.
            let mut batch: Vec<Input> = Vec::new();
            let mut bytes = 0usize;
            for item in reader.by_ref() {
                if let Input::Doc(d) = &item {
                    bytes += d.text.len();
                }
                batch.push(item);
                if batch.len() >= 512 || bytes >= 8 << 20 {
                    break;
                }
            }
            if batch.is_empty() {
                break;
            }
            let outs: Vec<(Out, Option<DocStats>)> = batch
                .par_iter()
                .map(|item| match item {
                    Input::Doc(doc) => {
                        let a = pipeline.analyze(doc);
                        let stats = Some((
                            a.entities.len(),
                            a.events.len(),
                            !json::warnings(&a).is_empty(),
                        ));
                        (formatter.document(&a), stats)
                    }
                    Input::Failed {
                        source,
                        doc_id,
                        reason,
                    } if record_errors => {
                        (formatter.error(doc_id.as_deref(), source, reason), None)
                    }
                    // A blank line in a filter still gives one output line.
                    Input::Skipped { source, reason } if record_errors && source.contains('#') => {
                        (formatter.error(None, source, reason), None)
                    }
                    _ => (Out::Nothing, None),
                })
                .collect();
            for (item, (out, stats)) in batch.iter().zip(outs) {
                match item {
                    Input::Doc(d) => {
                        summary.read += 1;
                        summary.processed += 1;
                        summary.bytes += d.text.len();
                        if let Some((e, v, w)) = stats {
                            summary.entities += e;
                            summary.events += v;
                            summary.warnings += usize::from(w);
                        }
                    }
                    Input::Skipped { source, reason } => {
                        summary.skipped += 1;
                        summary.skipped_inputs.push(Problem {
                            source: source.clone(),
                            reason: reason.clone(),
                        });
                    }
                    Input::Failed { source, reason, .. } => {
                        summary.read += 1;
                        summary.failed += 1;
                        if !args.quiet && !record_errors {
                            eprintln!("newsfacts: {source}: {reason}");
                        }
                        summary.failed_inputs.push(Problem {
                            source: source.clone(),
                            reason: reason.clone(),
                        });
                    }
                }
                sink.write(out)?;
            }
            sink.end_batch()?;
        }
        Ok(())
    })();
    summary.seconds = start.elapsed().as_secs_f64();
    if let Err(e) = result {
        sink.abort();
        return Err(e);
    }
    sink.finish()?;
    if !args.quiet {
        let mb = summary.bytes as f64 / 1e6;
        eprintln!(
            "newsfacts: {} documents processed ({:.1} MB), {} skipped, {} failed; {} entities, {} events; {:.2} s ({:.1} MB/s)",
            summary.processed,
            mb,
            summary.skipped,
            summary.failed,
            summary.entities,
            summary.events,
            summary.seconds,
            if summary.seconds > 0.0 { mb / summary.seconds } else { 0.0 }
        );
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
