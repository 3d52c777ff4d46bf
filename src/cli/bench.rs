//! `newsfacts bench`: the whole pipeline over a corpus, timed. The documents stream through the
//! same bounded, order-keeping pipeline as `extract` ([`newsfacts::stream`]) and are written as
//! JSON Lines into a sink that only counts bytes, so the export costs what it costs in a real run.
//!
//! Startup (building the pipeline: the gazetteer matchers and rule tables from the embedded
//! resources) is timed on its own. Throughput is article text (file bytes for a folder, the
//! `text` fields for JSON Lines; 1 MB = 10^6 bytes) over the wall time of processing. The share
//! of each stage is its time summed over the threads: documents go through in runs, as in
//! `extract` (each stage over the whole run), each stage is timed over a run with [`Instant`],
//! and reading is timed around each document the reader hands out.

use super::extract::default_threads;
use super::sink::{Format, Formatter, Out};
use super::summary::thousands;
use anyhow::{bail, Result};
use newsfacts::model::Document;
use newsfacts::read::{Input, ReadOptions, Reader};
use newsfacts::stream::{for_each_ordered, runs, Bounds};
use newsfacts::{Analysis, Pipeline, Stage};
use serde::Serialize;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Folders, article files or JSON Lines files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Read the inputs this many times over (to see that memory does not grow with the corpus).
    #[arg(long, value_name = "N", default_value_t = 1)]
    repeat: usize,
    /// Print the measurements as one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// The timed parts of processing one document, in pipeline order.
const PARTS: [&str; 7] = [
    "read", "segment", "tokenize", "tag", "dates", "events", "output",
];

/// One input, processed and timed by a worker.
struct Measured {
    /// Time spent in each of [`PARTS`].
    time: [Duration; PARTS.len()],
    /// The run's documents, in order.
    docs: Vec<MeasuredDoc>,
    /// Inputs of the run skipped and failed.
    skipped: usize,
    failed: usize,
}

/// What one document gave.
struct MeasuredDoc {
    bytes: usize,
    entities: usize,
    events: usize,
    out: Out,
}

/// Time in one part of the pipeline, summed over the threads.
#[derive(Serialize)]
pub struct StageTime {
    /// `read`, `segment`, `tokenize`, `tag`, `dates`, `events` or `output`.
    pub stage: &'static str,
    /// Seconds, summed over the threads.
    pub seconds: f64,
    /// Share of the time of all parts.
    pub share: f64,
    /// MB of text per second of this part alone (one thread's rate).
    pub mb_per_second: f64,
}

/// The result of a bench run (printed as JSON with `--json`).
#[derive(Serialize)]
pub struct BenchReport {
    /// The inputs as named.
    pub inputs: Vec<String>,
    /// Times the inputs were read.
    pub repeat: usize,
    /// Worker threads.
    pub threads: usize,
    /// Documents processed.
    pub documents: usize,
    /// Inputs that are not articles.
    pub skipped: usize,
    /// Inputs that could not be processed.
    pub failed: usize,
    /// Bytes of article text.
    pub text_bytes: usize,
    /// Bytes of JSON Lines written.
    pub output_bytes: usize,
    /// Entities found.
    pub entities: usize,
    /// Events found.
    pub events: usize,
    /// Seconds to build the pipeline from the embedded resources (not in `seconds`).
    pub startup_seconds: f64,
    /// Wall-clock seconds of processing, from the first read to the last write.
    pub seconds: f64,
    /// CPU seconds (user + system, all threads) of the process during processing, where the
    /// system tells it: on a machine shared with other work, below `threads × seconds`.
    pub cpu_seconds: Option<f64>,
    /// MB of text per CPU second: the throughput a quiet core would give, less disturbed by
    /// other processes than `mb_per_second`.
    pub mb_per_cpu_second: Option<f64>,
    /// Documents per second.
    pub documents_per_second: f64,
    /// MB (10^6 bytes) of text per second.
    pub mb_per_second: f64,
    /// Entities per second.
    pub entities_per_second: f64,
    /// Events per second.
    pub events_per_second: f64,
    /// Where the time goes.
    pub stages: Vec<StageTime>,
    /// Peak resident memory of the process (VmHWM), in MB, where the system tells it.
    pub peak_memory_mb: Option<f64>,
}

/// Runs `bench`.
pub fn run(args: BenchArgs) -> Result<ExitCode> {
    let threads = match args.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => n,
        None => default_threads(),
    };
    if args.repeat == 0 {
        bail!("--repeat must be at least 1");
    }
    let report = measure(&args.paths, threads, args.repeat)?;
    if report.documents == 0 {
        bail!(
            "no documents in {} (articles are .txt, .text or .md files; JSON Lines .jsonl or .ndjson)",
            args.paths.join(", ")
        );
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", table(&report));
    }
    Ok(if report.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Builds the pipeline, then streams the inputs through it `repeat` times.
pub fn measure(paths: &[String], threads: usize, repeat: usize) -> Result<BenchReport> {
    let t = Instant::now();
    let pipeline = Pipeline::new()?;
    let startup = t.elapsed();

    let mut readers = (0..repeat).flat_map(|_| Reader::new(paths, ReadOptions::default()));
    let input = std::iter::from_fn(|| {
        let t = Instant::now();
        let item = readers.next()?;
        Some((item, t.elapsed()))
    });
    let formatter = Formatter::new(Format::Jsonl);
    // Documents in runs, each stage over the whole run, as `extract` runs them; each part's time
    // is summed over the runs.
    let work = |run: Vec<(Input, Duration)>| -> Measured {
        let mut time = [Duration::ZERO; PARTS.len()];
        time[0] = run.iter().map(|(_, read)| *read).sum();
        let docs: Vec<&Document> = run.iter().filter_map(|(item, _)| item.doc()).collect();
        let mut list: Vec<Analysis<'_>> = docs.iter().map(|d| Analysis::new(d)).collect();
        for (i, stage) in Stage::ALL.into_iter().enumerate() {
            let t = Instant::now();
            pipeline.run_stage_over(stage, &mut list);
            time[i + 1] = t.elapsed();
        }
        let t = Instant::now();
        let mut m = Measured {
            time,
            skipped: 0,
            failed: 0,
            docs: list
                .iter()
                .map(|a| MeasuredDoc {
                    bytes: a.doc.text.len(),
                    entities: a.entities.len(),
                    events: a.events.len(),
                    out: formatter.document(a),
                })
                .collect(),
        };
        m.time[PARTS.len() - 1] = t.elapsed();
        for (item, _) in &run {
            match item {
                Input::Doc(_) => {}
                Input::Skipped { .. } => m.skipped += 1,
                Input::Failed { .. } => m.failed += 1,
            }
        }
        m
    };

    let mut r = BenchReport {
        inputs: paths.to_vec(),
        repeat,
        threads,
        documents: 0,
        skipped: 0,
        failed: 0,
        text_bytes: 0,
        output_bytes: 0,
        entities: 0,
        events: 0,
        startup_seconds: startup.as_secs_f64(),
        seconds: 0.0,
        cpu_seconds: None,
        mb_per_cpu_second: None,
        documents_per_second: 0.0,
        mb_per_second: 0.0,
        entities_per_second: 0.0,
        events_per_second: 0.0,
        stages: Vec::new(),
        peak_memory_mb: None,
    };
    let mut time = [Duration::ZERO; PARTS.len()];
    let mut sink = std::io::sink();
    let write = |m: Measured| -> std::io::Result<()> {
        for (sum, t) in time.iter_mut().zip(m.time) {
            *sum += t;
        }
        r.skipped += m.skipped;
        r.failed += m.failed;
        for d in m.docs {
            r.documents += 1;
            r.text_bytes += d.bytes;
            r.entities += d.entities;
            r.events += d.events;
            if let Out::Json(buf) = d.out {
                r.output_bytes += buf.len();
                std::io::Write::write_all(&mut sink, &buf)?;
            }
        }
        Ok(())
    };
    let weight = |run: &Vec<(Input, Duration)>| run.iter().map(|(item, _)| item.text_len()).sum();
    let cpu = cpu_seconds();
    let t = Instant::now();
    for_each_ordered(
        runs(
            input,
            Pipeline::RUN_DOCS,
            Pipeline::RUN_BYTES,
            |(item, _)| item.text_len(),
        ),
        Bounds::for_runs(threads),
        weight,
        work,
        write,
        || Ok(()),
    )?;
    let wall = t.elapsed().as_secs_f64();
    r.cpu_seconds = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    r.mb_per_cpu_second = r
        .cpu_seconds
        .filter(|&c| c > 0.0)
        .map(|c| r.text_bytes as f64 / 1e6 / c);

    r.seconds = wall;
    let per_second = |n: f64| if wall > 0.0 { n / wall } else { 0.0 };
    r.documents_per_second = per_second(r.documents as f64);
    r.mb_per_second = per_second(r.text_bytes as f64 / 1e6);
    r.entities_per_second = per_second(r.entities as f64);
    r.events_per_second = per_second(r.events as f64);
    let total: f64 = time.iter().map(Duration::as_secs_f64).sum();
    r.stages = PARTS
        .iter()
        .zip(time)
        .map(|(&stage, t)| {
            let seconds = t.as_secs_f64();
            StageTime {
                stage,
                seconds,
                share: if total > 0.0 { seconds / total } else { 0.0 },
                mb_per_second: if seconds > 0.0 {
                    r.text_bytes as f64 / 1e6 / seconds
                } else {
                    0.0
                },
            }
        })
        .collect();
    r.peak_memory_mb = peak_memory_kb().map(|kb| kb as f64 * 1024.0 / 1e6);
    Ok(r)
}

/// VmHWM (peak resident set size) of this process in kB, from `/proc/self/status`.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// User + system CPU seconds of this process so far (all threads), from `/proc/self/stat`
/// (in clock ticks of 1/100 s, as Linux reports them to user space).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces): state is
    // field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// The report as a table for people.
fn table(r: &BenchReport) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "newsfacts bench: {} documents, {:.2} MB of text, {} {}{}",
        thousands(r.documents),
        r.text_bytes as f64 / 1e6,
        r.threads,
        if r.threads == 1 { "thread" } else { "threads" },
        if r.repeat > 1 {
            format!(", inputs read {} times", r.repeat)
        } else {
            String::new()
        }
    );
    if r.skipped + r.failed > 0 {
        let _ = writeln!(s, "  ({} skipped, {} failed)", r.skipped, r.failed);
    }
    let _ = writeln!(s);
    let rows = [
        (
            "startup (build pipeline)",
            format!("{:.0} ms", r.startup_seconds * 1e3),
        ),
        ("processing (wall)", format!("{:.3} s", r.seconds)),
        (
            "processing (CPU)",
            r.cpu_seconds.map_or("unknown".to_string(), |c| {
                format!(
                    "{c:.2} s ({:.2} MB per CPU second)",
                    r.mb_per_cpu_second.unwrap_or(0.0)
                )
            }),
        ),
        ("throughput", format!("{:.2} MB/s", r.mb_per_second)),
        (
            "documents",
            format!("{} /s", thousands(r.documents_per_second as usize)),
        ),
        (
            "entities",
            format!(
                "{} /s ({} in all)",
                thousands(r.entities_per_second as usize),
                thousands(r.entities)
            ),
        ),
        (
            "events",
            format!(
                "{} /s ({} in all)",
                thousands(r.events_per_second as usize),
                thousands(r.events)
            ),
        ),
        (
            "output (JSON Lines)",
            format!("{:.2} MB", r.output_bytes as f64 / 1e6),
        ),
        (
            "peak memory (VmHWM)",
            r.peak_memory_mb
                .map_or("unknown".to_string(), |m| format!("{m:.1} MB")),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(s, "{k:<26}{v}");
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<12}{:>12}{:>9}{:>14}",
        "stage", "seconds", "share", "MB/s alone"
    );
    for st in &r.stages {
        let _ = writeln!(
            s,
            "{:<12}{:>12.3}{:>8.1}%{:>14.1}",
            st.stage,
            st.seconds,
            st.share * 100.0,
            st.mb_per_second
        );
    }
    let _ = writeln!(
        s,
        "(stage seconds are summed over the threads; MB/s alone is text over that stage's time)"
    );
    s
}
