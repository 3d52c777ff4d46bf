//! Entity tagging (stage 4) alone: the BBC corpus segmented and tokenised beforehand, then only
//! `Stage::Tag` timed, single thread; and building the tagger (gazetteer matchers, name rules)
//! from the embedded resources. Skips with a note when `../shared/data` is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsfacts::tag::Tagger;
use newsfacts::{Analysis, Document, Pipeline, Stage};
use std::path::PathBuf;

fn bbc_docs() -> Option<Vec<Document>> {
    let dir = std::env::var_os("NEWSFACTS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
        .join("bbc-news");
    if !dir.is_dir() {
        eprintln!("note: {} not found; tag bench skipped", dir.display());
        return None;
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Some(
        files
            .iter()
            .map(|p| {
                let (text, _) = newsfacts::read::decode(std::fs::read(p).expect("read BBC file"));
                Document::from_text(p.display().to_string(), text)
            })
            .collect(),
    )
}

/// Tags every analysis again (the stage replaces the entities); returns how many it found.
fn tag_all<'a>(pipeline: &'a Pipeline, analyses: &mut [Analysis<'a>]) -> usize {
    analyses
        .iter_mut()
        .map(|a| {
            pipeline.run_stage(Stage::Tag, a);
            a.entities.len()
        })
        .sum()
}

fn tag(c: &mut Criterion) {
    let Some(docs) = bbc_docs() else { return };
    let pipeline = Pipeline::new().expect("pipeline");
    let mut analyses: Vec<Analysis<'_>> = docs
        .iter()
        .map(|d| {
            let mut a = Analysis::new(d);
            pipeline.run_stage(Stage::Segment, &mut a);
            pipeline.run_stage(Stage::Tokenize, &mut a);
            a
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let expected = tag_all(&pipeline, &mut analyses);
    assert_eq!(docs.len(), 2225, "the BBC corpus has 2,225 articles");
    assert!(
        expected > 30_000,
        "too few entities on the BBC corpus: {expected}"
    );
    let mut g = c.benchmark_group("tag");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("bbc_single_thread", |b| {
        b.iter(|| assert_eq!(tag_all(&pipeline, &mut analyses), expected))
    });
    g.finish();
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("tag");
    g.sample_size(10);
    g.bench_function("build_embedded", |b| {
        b.iter(|| {
            let t = Tagger::build(&[]).expect("tagger");
            assert!(t.gazetteer().len() > 40_000);
            t
        })
    });
    g.finish();
}

criterion_group!(benches, tag, build);
criterion_main!(benches);
