//! `newsfacts eval`: score the pipeline on an annotated corpus (one sub-subcommand per corpus).

use anyhow::{Context, Result};
use newsfacts::eval::events::{evaluate, Corpus};
use newsfacts::Pipeline;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    kind: EvalKind,
}

#[derive(clap::Subcommand)]
enum EvalKind {
    /// Events against M2E2 (ACE types) or WikiEvents (KAIROS types): trigger and argument
    /// identification and classification P/R/F1.
    Events {
        /// The corpus file: an M2E2 `dev.jsonl` or a WikiEvents `dev.jsonl`.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Corpus format (default: from the file's first line).
        #[arg(long, value_enum)]
        corpus: Option<CorpusArg>,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum CorpusArg {
    /// M2E2 sentences (sentence_id, words, golden-event-mentions).
    M2e2,
    /// WikiEvents documents (doc_id, sentences, event_mentions).
    Wikievents,
}

/// Runs `eval`.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    match args.kind {
        EvalKind::Events { file, corpus, json } => {
            let content = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let corpus = match corpus {
                Some(CorpusArg::M2e2) => Corpus::M2e2,
                Some(CorpusArg::Wikievents) => Corpus::WikiEvents,
                None if content
                    .lines()
                    .next()
                    .is_some_and(|l| l.contains("\"sentence_id\"")) =>
                {
                    Corpus::M2e2
                }
                None => Corpus::WikiEvents,
            };
            let pipeline = Pipeline::new().context("cannot build the pipeline")?;
            let scores = evaluate(&pipeline, corpus, &file.display().to_string(), &content)?;
            if json {
                println!("{}", serde_json::to_string(&scores)?);
            } else {
                println!(
                    "{} documents from {} ({:?})\n{}",
                    scores.documents,
                    file.display(),
                    corpus,
                    scores.table()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
