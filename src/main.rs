//! The `newsfacts` command line: a thin binary over the library.

mod cli;

use clap::{Parser, Subcommand};
use std::io;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "newsfacts",
    version,
    about = "Turn news articles into structured facts with evidence: who did what to whom, where, when.",
    long_about = "Turn news articles into structured facts with evidence: who did what to whom, where, when.\n\n\
Reads files, folders and JSON Lines; finds people, countries, places, dates and events; writes \
JSON Lines (schema newsfacts/1) or CSV tables for a database.",
    after_help = "Examples:\n  newsfacts extract samples/\n  newsfacts extract --reference-date 2023-04-14 samples/000_0f39d2d8498105a9.txt\n  newsfacts extract --format csv --out facts/ articles/\n  cat docs.jsonl | newsfacts extract -"
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
Output:\n  One JSON object per document, in input order (schema newsfacts/1, see README.md). Byte offsets\n  point into each document's text. With --format csv, --out names a folder that receives\n  documents.csv, entities.csv, events.csv, event_arguments.csv and schema.sql.\n\n\
Exit status:\n  0 every input processed; 2 some inputs failed (listed on stderr); 1 the run itself failed.\n\n\
Examples:\n  newsfacts extract samples/\n  newsfacts extract --reference-date 2023-04-14 samples/000_0f39d2d8498105a9.txt\n  newsfacts extract --format csv --out facts/ samples/\n  newsfacts extract --threads 2 --out facts.jsonl ../shared/data/reuters21578/reuters21578.jsonl"
    )]
    Extract(cli::extract::ExtractArgs),
    /// Score the pipeline on an annotated corpus (precision, recall, F1 per type).
    #[command(subcommand)]
    Eval(cli::eval::EvalKind),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Eval(kind) => cli::eval::run(kind),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsfacts: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
