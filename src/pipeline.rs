//! The pipeline: builds every stage once from the embedded resources (plus user gazetteers),
//! then runs them in order over each document. Building can fail (a bad data row names its file
//! and line); analysing a document cannot.

use crate::dates::DateTagger;
use crate::error::Result;
use crate::events::EventExtractor;
use crate::gazetteer::{FileKind, ParsedLexicon};
use crate::model::{Analysis, Document};
use crate::resources;
use crate::segment::Segmenter;
use crate::tag::Tagger;
use crate::tokenize::Tokenizer;
use chrono::NaiveDate;
use std::path::PathBuf;

/// The pipeline stages, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Header, title, tags, datelines, paragraphs, sentences.
    Segment,
    /// Tokens with byte spans.
    Tokenize,
    /// Gazetteer and rule entities.
    Tag,
    /// Temporal expressions.
    Dates,
    /// Event records.
    Events,
}

impl Stage {
    /// All stages in order.
    pub const ALL: [Stage; 5] = [
        Stage::Segment,
        Stage::Tokenize,
        Stage::Tag,
        Stage::Dates,
        Stage::Events,
    ];

    /// The stage's name.
    pub fn name(&self) -> &'static str {
        match self {
            Stage::Segment => "segment",
            Stage::Tokenize => "tokenize",
            Stage::Tag => "tag",
            Stage::Dates => "dates",
            Stage::Events => "events",
        }
    }
}

/// Builds a [`Pipeline`].
#[derive(Clone, Debug, Default)]
pub struct PipelineBuilder {
    gazetteer_dirs: Vec<PathBuf>,
    reference_date: Option<NaiveDate>,
}

impl PipelineBuilder {
    /// Adds a folder of user gazetteers: `*.tsv` in the gazetteer format (rows with the same
    /// text and type replace the defaults) and spaCy EntityRuler `*.jsonl` pattern files.
    pub fn gazetteer_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.gazetteer_dirs.push(dir.into());
        self
    }

    /// The date relative expressions resolve against when a document has no publication date.
    pub fn reference_date(mut self, date: NaiveDate) -> Self {
        self.reference_date = Some(date);
        self
    }

    /// Loads and compiles every resource. The tagger's gazetteers take most of the time: on a
    /// machine with more than one core they are built on a second thread while this one
    /// builds the other stages.
    pub fn build(self) -> Result<Pipeline> {
        let parallel = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        let (tagger, stages) = if parallel {
            std::thread::scope(|scope| {
                // this thread reads the embedded word lexicons, in file order, and hands each
                // over to the tagger's thread, which meanwhile adds the gazetteer files before it
                let (lexicons, parsed) = std::sync::mpsc::channel();
                let dirs = &self.gazetteer_dirs;
                let tagger = scope.spawn(move || {
                    Tagger::build_with(dirs, |name, _| {
                        parsed.recv().unwrap_or_else(|_| {
                            Err(crate::error::Error::data(
                                name,
                                0,
                                "the lexicon was not read",
                            ))
                        })
                    })
                });
                for (name, content) in resources::GAZETTEERS {
                    if FileKind::of(name, content).is_ok_and(|k| k == FileKind::Lexicon)
                        && lexicons.send(ParsedLexicon::parse(name, content)).is_err()
                    {
                        break; // the tagger's thread stopped at an error of its own
                    }
                }
                drop(lexicons);
                let stages = Stages::build();
                // a panic on the tagger's thread is this thread's panic
                let tagger = tagger
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (tagger, stages)
            })
        } else {
            (Tagger::build(&self.gazetteer_dirs), Stages::build())
        };
        let (tagger, stages) = (tagger?, stages?);
        Ok(Pipeline {
            segmenter: stages.segmenter,
            // The tokeniser marks the words that may be date words for the date stage.
            tokenizer: Tokenizer::new(stages.dates.word_hint()),
            tagger,
            dates: stages.dates,
            events: stages.events,
            reference_date: self.reference_date,
        })
    }
}

/// The stages built from the embedded rules alone (all but the tagger).
struct Stages {
    segmenter: Segmenter,
    dates: DateTagger,
    events: EventExtractor,
}

impl Stages {
    fn build() -> Result<Stages> {
        Ok(Stages {
            segmenter: Segmenter::new(&resources::segment_table()?)?,
            dates: DateTagger::new(&resources::rule_table(
                "rules/dates.tsv",
                &["kind", "text", "value"],
            )?)?,
            events: EventExtractor::new(
                &resources::rule_table(
                    "rules/triggers.tsv",
                    &["type", "cameo", "phrase", "args", "confidence"],
                )?,
                &resources::rule_table("rules/events.tsv", &["kind", "text"])?,
                &resources::rule_table("rules/event_nouns.tsv", &["text", "class"])?,
            )?,
        })
    }
}

/// The compiled pipeline. `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Pipeline {
    segmenter: Segmenter,
    tokenizer: Tokenizer,
    tagger: Tagger,
    dates: DateTagger,
    events: EventExtractor,
    reference_date: Option<NaiveDate>,
}

impl Pipeline {
    /// A builder with the embedded resources.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The pipeline with the embedded resources only.
    pub fn new() -> Result<Pipeline> {
        Pipeline::builder().build()
    }

    /// The entity tagger (and through it the gazetteer).
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Documents [`Pipeline::analyze_many`] takes at once in the command line's runs (see
    /// [`crate::stream::runs`]): enough for each stage's tables and code to stay in cache from
    /// one document to the next.
    pub const RUN_DOCS: usize = 32;

    /// Text bytes of such a run, at most (a longer document forms a run alone).
    pub const RUN_BYTES: usize = 256 << 10;

    /// Runs every stage over the documents, one stage over all of them before the next: the
    /// same analyses as [`Pipeline::analyze`] gives each, in the same order. Running a stage
    /// over a few dozen documents in a row keeps its tables and code in the processor's caches
    /// (BBC news, one thread: 3-5 % faster than one document after the other).
    pub fn analyze_many<'a>(&'a self, docs: &[&'a Document]) -> Vec<Analysis<'a>> {
        let mut list: Vec<Analysis<'a>> = docs.iter().map(|d| Analysis::new(d)).collect();
        for stage in Stage::ALL {
            self.run_stage_over(stage, &mut list);
        }
        list
    }

    /// Runs one stage over every analysis of the list (the stages before it must have run).
    pub fn run_stage_over<'a>(&'a self, stage: Stage, list: &mut [Analysis<'a>]) {
        for a in list {
            self.run_stage(stage, a);
        }
    }

    /// Runs every stage over the document.
    pub fn analyze<'a>(&'a self, doc: &'a Document) -> Analysis<'a> {
        let mut a = Analysis::new(doc);
        for stage in Stage::ALL {
            self.run_stage(stage, &mut a);
        }
        a
    }

    /// Runs one stage (the stages before it must have run).
    pub fn run_stage<'a>(&'a self, stage: Stage, a: &mut Analysis<'a>) {
        match stage {
            Stage::Segment => self.segmenter.run(a, self.reference_date),
            Stage::Tokenize => self.tokenizer.run(a),
            Stage::Tag => self.tagger.run(a),
            Stage::Dates => self.dates.run(a),
            Stage::Events => self.events.run(a),
        }
    }
}
