//! `newsfacts eval`: score the pipeline on an annotated corpus, one sub-command per format.

use anyhow::{Context, Result};
use newsfacts::eval::events::{evaluate, Corpus};
use newsfacts::eval::{conll, entities::Report, m2e2};
use newsfacts::Pipeline;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum EvalKind {
    /// Entities on CoNLL-2003 files (PER, LOC, country mentions, ORG).
    #[command(
        after_help = "Input: CoNLL-2003 (token POS chunk NER per line, IOB1 tags, blank line after each\n  sentence, -DOCSTART- between documents). Documents are rebuilt as the referee scorer rebuilds\n  them: tokens joined by single spaces, sentences by newlines.\n\n\
Scores: entity level, exact token span, as conlleval counts entities. LOC = COUNTRY + CITY +\n  REGION; a COUNTRY prediction that is exactly a gold MISC mention (`German`) is set aside.\n  country-mention = gold LOC/MISC mentions whose text is a country name or demonym of the\n  gazetteer, against COUNTRY predictions.\n\n\
Example:\n  newsfacts eval conll --show-errors 20 ../shared/data/conll2003/eng.testa"
    )]
    Conll(EvalArgs),
    /// Entities on M2E2 sentence JSON Lines (PER, GPE, ORG; all and named mentions).
    #[command(
        name = "m2e2-entities",
        after_help = "Input: M2E2 JSON Lines (sentence_id DOC_index, sentence, words, golden-entity-mentions).\n\n\
Scores: strict (exact token span after dropping a leading determiner and a trailing possessive).\n  GPE = COUNTRY + CITY + REGION. `named` keeps gold mentions holding a capitalised word other than\n  a pronoun or determiner.\n\n\
Example:\n  newsfacts eval m2e2-entities --json ../shared/data/m2e2/dev.jsonl"
    )]
    M2e2Entities(EvalArgs),
    /// Temporal expressions on TimeML files (TempEval-3): strict and relaxed span P/R/F1, type
    /// accuracy, value accuracy and value F1.
    #[command(
        after_help = "Input: folders of TimeML .tml files (searched recursively), e.g. TempEval-3's TimeBank and\n  AQUAINT. The inline tags of <TEXT> are stripped to get the text; the TIMEX3 with\n  functionInDocument=CREATION_TIME gives the publication date (the reference for relative dates).\n\n\
Scores (as the TempEval-3 entity scorer): one-to-one alignment per document, identical spans first,\n  then maximum bipartite matching on overlap. strict = identical span, relaxed = overlap; type and\n  value accuracy over relaxed matches; value F1 = relaxed F1 x value accuracy.\n\n\
Example:\n  newsfacts eval timeml ../shared/data/tempeval3/TimeBank ../shared/data/tempeval3/AQUAINT"
    )]
    Timeml {
        /// Folders (or files) of TimeML .tml documents.
        #[arg(value_name = "DIR", required = true)]
        dirs: Vec<PathBuf>,
        /// List up to N errors (missed, spurious, span, value, type).
        #[arg(long, value_name = "N", default_value_t = 0)]
        show_errors: usize,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Events against M2E2 (ACE types) or WikiEvents (KAIROS types): trigger and argument
    /// identification and classification P/R/F1.
    #[command(
        after_help = "Input: M2E2 JSON Lines (sentence_id DOC_index, sentence, words, golden-event-mentions; the\n  sentences of a document joined by newlines) or WikiEvents JSON Lines (doc_id, sentences,\n  entity_mentions, event_mentions).\n\n\
Scores: our types map to the gold types (M2E2: MEET -> Contact:Meet, VISIT and MOVE ->\n  Movement:Transport, FIGHT -> Conflict:Attack, DEMONSTRATE -> Conflict:Demonstrate, ARREST ->\n  Justice:Arrest-Jail, KILL -> Life:Die, PHONE_CALL -> Contact:Phone-Write, TRANSFER_MONEY ->\n  Transaction:Transfer-Money; WikiEvents likewise to KAIROS types, plus THREATEN, STATEMENT and\n  APPEAL); other types are ignored. A trigger is identified when its span overlaps a gold\n  trigger, classified when its type maps to that trigger's type (one-to-one). Arguments are\n  compared inside classified pairs: identified when the spans overlap, classified when our role\n  may stand for the gold role (actor for Attacker, Agent, Entity...). The table gives the totals,\n  then each gold type; --show-errors lists the most frequent spurious and missed triggers and\n  arguments, each with a first example, the trigger or argument in [[ ]].\n\n\
Example:\n  newsfacts eval events ../shared/data/m2e2/dev.jsonl\n  newsfacts eval events --show-errors 15 ../shared/data/m2e2/dev.jsonl\n  newsfacts eval events --json ../shared/data/wikievents/dev.jsonl"
    )]
    Events {
        /// The corpus file: an M2E2 `dev.jsonl` or a WikiEvents `dev.jsonl`.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Corpus format (default: from the file's first line).
        #[arg(long, value_enum)]
        corpus: Option<CorpusArg>,
        /// List the N most frequent errors of each kind (spurious and missed triggers and
        /// arguments), each with an example sentence.
        #[arg(long, value_name = "N", default_value_t = 0)]
        show_errors: usize,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// Folder of extra gazetteers, as for `extract`.
        #[arg(long, value_name = "DIR")]
        gazetteers: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CorpusArg {
    /// M2E2 sentences (sentence_id, words, golden-event-mentions).
    M2e2,
    /// WikiEvents documents (doc_id, sentences, event_mentions).
    Wikievents,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The annotated corpus file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// List the N most frequent false positives and false negatives of each metric, each with an
    /// example sentence.
    #[arg(long, value_name = "N", default_value_t = 0)]
    show_errors: usize,
    /// Print the report as one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Folder of extra gazetteers, as for `extract`.
    #[arg(long, value_name = "DIR")]
    gazetteers: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

pub fn run(kind: EvalKind) -> Result<ExitCode> {
    let (args, which) = match kind {
        EvalKind::Conll(a) => (a, "conll"),
        EvalKind::M2e2Entities(a) => (a, "m2e2"),
        EvalKind::Events {
            file,
            corpus,
            show_errors,
            json,
            gazetteers,
        } => return events(file, corpus, show_errors, json, &gazetteers),
        EvalKind::Timeml {
            dirs,
            show_errors,
            json,
        } => return timeml(&dirs, show_errors, json),
    };
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let pipeline = super::build_pipeline(&args.gazetteers, None)?;
    let content = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let name = args.file.display().to_string();
    let dataset = args
        .file
        .file_name()
        .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
    let report: Report = if which == "conll" {
        let docs = conll::read(&name, &content)?;
        conll::score(&pipeline, &dataset, &docs, args.show_errors)
    } else {
        let docs = m2e2::read(&name, &content)?;
        m2e2::score(&pipeline, &dataset, &docs, args.show_errors)
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.table(args.show_errors));
    }
    Ok(ExitCode::SUCCESS)
}

fn events(
    file: PathBuf,
    corpus: Option<CorpusArg>,
    show_errors: usize,
    json: bool,
    gazetteers: &[PathBuf],
) -> Result<ExitCode> {
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
    let pipeline = super::build_pipeline(gazetteers, None)?;
    let scores = evaluate(
        &pipeline,
        corpus,
        &file.display().to_string(),
        &content,
        show_errors,
    )?;
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

fn timeml(dirs: &[PathBuf], show_errors: usize, json: bool) -> Result<ExitCode> {
    use newsfacts::eval::timeml;
    let files = timeml::find_files(dirs)?;
    if files.is_empty() {
        anyhow::bail!("no .tml files under the given folders");
    }
    let mut docs = Vec::with_capacity(files.len());
    for f in &files {
        let content =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        docs.push(timeml::read(&f.display().to_string(), &content)?);
    }
    let pipeline = Pipeline::new().context("building the pipeline")?;
    let report = timeml::score(&pipeline, &docs, show_errors);
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(ExitCode::SUCCESS)
}
