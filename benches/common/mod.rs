//! What the benches share: the corpus (the BBC articles from `NEWSFACTS_DATA`, else
//! `../shared/data`, else the samples), analyses prepared up to a stage, and the two ways to run
//! a stage (one thread, all threads).
#![allow(dead_code)]

use criterion::{BenchmarkGroup, Criterion, Throughput};
use newsfacts::read::{Input, ReadOptions, Reader};
use newsfacts::{Analysis, Document, Pipeline, Stage};
use rayon::prelude::*;
use std::path::PathBuf;

/// The documents a bench runs over.
pub struct Corpus {
    /// `bbc-news` or `samples`.
    pub name: &'static str,
    /// The path handed to the reader (a folder).
    pub path: String,
    /// The documents, read by the library's reader (as `newsfacts extract` reads them).
    pub docs: Vec<Document>,
    /// Bytes of text: the Throughput of every bench.
    pub bytes: u64,
}

impl Corpus {
    /// The BBC corpus (`$NEWSFACTS_DATA/bbc-news`, else `../shared/data/bbc-news`, 2,225
    /// articles, 5 MB), or the two sample articles, with a note, when it is missing.
    pub fn load() -> Corpus {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let bbc = std::env::var_os("NEWSFACTS_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("../shared/data"))
            .join("bbc-news");
        let (name, path) = if bbc.is_dir() {
            ("bbc-news", bbc)
        } else {
            eprintln!(
                "note: {} not found (set NEWSFACTS_DATA); benching the samples instead",
                bbc.display()
            );
            ("samples", root.join("samples"))
        };
        let path = path.to_string_lossy().into_owned();
        let docs: Vec<Document> = read(&path).collect();
        let bytes = docs.iter().map(|d| d.text.len() as u64).sum();
        let c = Corpus {
            name,
            path,
            docs,
            bytes,
        };
        assert!(
            c.docs.len() >= if c.is_bbc() { 2225 } else { 2 },
            "{} documents in {}",
            c.docs.len(),
            c.path
        );
        c
    }

    /// True for the BBC corpus (the lower bounds of the counts depend on it).
    pub fn is_bbc(&self) -> bool {
        self.name == "bbc-news"
    }

    /// `at_least_bbc` on the BBC corpus, `at_least_samples` on the samples: a floor for a count,
    /// so that a stage that stops finding things fails the bench.
    pub fn floor(&self, at_least_bbc: usize, at_least_samples: usize) -> usize {
        if self.is_bbc() {
            at_least_bbc
        } else {
            at_least_samples
        }
    }

    /// A criterion group over this corpus: `Throughput::Bytes` of its text, few samples (a pass
    /// over the BBC corpus takes about a second).
    pub fn group<'c>(&self, c: &'c mut Criterion, name: &str) -> BenchmarkGroup<'c, WallTime> {
        let mut g = c.benchmark_group(format!("{name}/{}", self.name));
        g.throughput(Throughput::Bytes(self.bytes));
        g.sample_size(10);
        g
    }

    /// Every document analysed by the stages before `stage` (all of them with `None`).
    pub fn prepared<'a>(
        &'a self,
        pipeline: &'a Pipeline,
        stage: Option<Stage>,
    ) -> Vec<Analysis<'a>> {
        self.docs
            .iter()
            .map(|d| {
                let mut a = Analysis::new(d);
                for s in Stage::ALL.iter().take_while(|s| Some(**s) != stage) {
                    pipeline.run_stage(*s, &mut a);
                }
                a
            })
            .collect()
    }
}

pub use criterion::measurement::WallTime;

/// The documents of the inputs at `path`, through `newsfacts::read`.
pub fn read(path: &str) -> impl Iterator<Item = Document> {
    Reader::new(&[path.to_string()], ReadOptions::default()).filter_map(|i| match i {
        Input::Doc(d) => Some(d),
        _ => None,
    })
}

/// One thread, or all the machine's cores.
#[derive(Clone, Copy, Debug)]
pub enum Threads {
    /// The calling thread.
    One,
    /// A rayon pool with one thread per core.
    All,
}

impl Threads {
    /// Both variants.
    pub const BOTH: [Threads; 2] = [Threads::One, Threads::All];

    /// How many threads.
    pub fn count(self) -> usize {
        match self {
            Threads::One => 1,
            Threads::All => std::thread::available_parallelism().map_or(1, usize::from),
        }
    }

    /// The bench id: `1 thread`, `2 threads`.
    pub fn id(self) -> String {
        match self.count() {
            1 => "1 thread".into(),
            n => format!("{n} threads"),
        }
    }

    /// Runs `f` over every item, on this many threads, and sums what it returns.
    pub fn sum<T: Send>(
        self,
        pool: &rayon::ThreadPool,
        items: &mut [T],
        f: impl Fn(&mut T) -> usize + Sync + Send,
    ) -> usize {
        match self {
            Threads::One => items.iter_mut().map(f).sum(),
            Threads::All => pool.install(|| items.par_iter_mut().map(f).sum()),
        }
    }
}

/// The pool for [`Threads::All`].
pub fn pool() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(Threads::All.count())
        .build()
        .expect("rayon pool")
}
