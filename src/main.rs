//! The `newsfacts` command line: a thin binary over the library.

mod cli;

use clap::{Parser, Subcommand};
use std::io;
use std::process::ExitCode;

/// mimalloc: every stage allocates small vectors and strings per document; the system allocator
/// took about 5 % of a run's time (perf, BBC), mimalloc's thread-local free lists less. Built
/// without transparent huge pages (Cargo feature `no_thp`): with them, faulting in 2 MB pages made
/// the startup vary from 70 to 260 ms and the peak memory 80–85 MB; without, 75–87 ms and 50–53 MB
/// at the same throughput.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "newsfacts",
    version,
    about = "Turn news articles into structured facts with evidence: who did what to whom, where, when.",
    long_about = "Turn news articles into structured facts with evidence: who did what to whom, where, when.\n\n\
Reads files, folders and JSON Lines; finds people, countries, places, dates and events; writes \
JSON Lines (schema newsfacts/1), CSV tables or a SQLite database, or an HTML report to look at.",
    after_help = "Examples:\n  newsfacts extract samples/\n  newsfacts show samples/001_2e33281f82945b95.txt\n  newsfacts extract --format html --out report.html samples/\n  newsfacts extract --format sqlite --out facts.db articles/\n  newsfacts extract --format csv --out facts/ articles/\n  newsfacts bench --threads 2 articles/\n  cat docs.jsonl | newsfacts extract --on-error record --input jsonl -\n\n\
`newsfacts help COMMAND` or `newsfacts COMMAND --help` tells more."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities, dates and events from articles.
    #[command(
        after_help = "Inputs:\n  A folder is walked recursively in sorted order; .txt, .text and .md files are one article each,\n  .jsonl/.ndjson files hold one document per line: {\"id\", \"text\", \"date\", \"url\", \"title\"} (only text\n  is required). `-` reads stdin: JSON Lines when it starts with `{`, else one article.\n\n\
Output:\n  One JSON object per document, in input order (schema newsfacts/1, see README.md). Byte offsets\n  point into each document's text. With --on-error record, every input line gives one output line\n  (an error record for a bad one): a filter for Spark and other pipes. With --format csv, --out names a folder that receives\n  documents.csv, entities.csv, events.csv, event_arguments.csv and schema.sql. With --format sqlite,\n  --out names a database file, created or updated in place (re-runs replace a document's rows).\n  With --format html, --out names one self-contained page: articles with entities highlighted, a\n  sortable, filterable event table and a timeline.\n\n\
Progress:\n  On a terminal, a progress bar on stderr (documents done of total, MB/s, ETA); at the end, one\n  paragraph on stderr: documents, entities and events by type, time, MB/s, problems. --quiet: neither.\n\n\
Exit status:\n  0 every input processed; 2 some inputs failed (listed on stderr); 1 the run itself failed.\n\n\
Examples:\n  newsfacts extract samples/\n  newsfacts extract --reference-date 2023-04-14 samples/000_0f39d2d8498105a9.txt\n  newsfacts extract --format csv --out facts/ samples/\n  newsfacts extract --format sqlite --out facts.db samples/\n  newsfacts extract --format html --out report.html samples/\n  newsfacts extract --report run.json ../shared/data/bbc-news/ > facts.jsonl\n  newsfacts extract --quiet --on-error record --input jsonl - < docs.jsonl > facts.jsonl\n  newsfacts extract --threads 2 --out facts.jsonl ../shared/data/reuters21578/reuters21578.jsonl"
    )]
    Extract(cli::extract::ExtractArgs),
    /// Show an article in the terminal: entities coloured by type, then its events.
    #[command(
        long_about = "Show an article in the terminal: its entities coloured by type (as displaCy marks them) and its \
event triggers underlined, then each event with its trigger, arguments, time, modality and evidence. \
When stdout is not a terminal (or with --color never, or NO_COLOR set) the output is plain text: \
entities as [Li Shangfu]PERSON, triggers as <<arrive>>.",
        after_help = "Examples:\n  newsfacts show samples/001_2e33281f82945b95.txt\n  newsfacts show --reference-date 2023-04-14 samples/000_0f39d2d8498105a9.txt | less\n  newsfacts show --color always samples/ | less -R\n  newsfacts show --id reuters-5 --events-only ../shared/data/reuters21578/reuters21578.jsonl"
    )]
    Show(cli::show::ShowArgs),
    /// Time the whole pipeline on a corpus: MB/s, documents/s, where the time goes, memory.
    #[command(
        long_about = "Time the whole pipeline on a corpus: every stage runs and the output is serialised to JSON \
Lines into a sink that only counts bytes, with the same streaming and threads as `extract`. Prints \
documents/s, MB/s of article text (file bytes for a folder, the `text` fields for JSON Lines; 1 MB = \
10^6 bytes) over the wall time of processing, entities/s, events/s, the share of each stage (read, \
segment, tokenize, tag, dates, events, output; timed per document and summed over the threads), the \
startup time (building the matchers from the embedded gazetteers, not counted in the processing \
time) and the peak memory (VmHWM). Run it on a quiet machine: other processes slow it down.",
        after_help = "Examples:\n  newsfacts bench samples/\n  newsfacts bench --threads 1 ../shared/data/bbc-news\n  newsfacts bench --threads 2 --json ../shared/data/reuters21578/reuters21578.jsonl\n  newsfacts bench --repeat 20 --json ../shared/data/reuters21578/reuters21578.jsonl   # memory must not grow"
    )]
    Bench(cli::bench::BenchArgs),
    /// Score the pipeline on an annotated corpus (precision, recall, F1 per type).
    #[command(subcommand)]
    Eval(cli::eval::EvalKind),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Show(args) => cli::show::run(args),
        Command::Eval(kind) => cli::eval::run(kind),
        Command::Bench(args) => cli::bench::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsfacts: error: {}", message(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, `: `-joined, leaving out a cause that its parent already says (the
/// library's I/O errors print their source).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
