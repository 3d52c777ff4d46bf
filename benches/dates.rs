//! The date stage (stage 5) alone: the BBC corpus segmented, tokenised and tagged beforehand,
//! then only `Stage::Dates` timed, single thread. Each pass starts from the tagged entities (the
//! restore is a `clone_from` per document, included in the time). Skips with a note when
//! `../shared/data` is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsfacts::model::{Entity, EntityType};
use newsfacts::{Analysis, Document, Pipeline, Stage};
use std::path::PathBuf;

fn bbc_docs() -> Option<Vec<Document>> {
    let dir = std::env::var_os("NEWSFACTS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
        .join("bbc-news");
    if !dir.is_dir() {
        eprintln!("note: {} not found; dates bench skipped", dir.display());
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
                let mut d = Document::from_text(p.display().to_string(), text);
                d.date = Some("2005-06-01".to_string());
                d
            })
            .collect(),
    )
}

/// Runs the date stage on every analysis from its tagged entities; returns the DATEs found.
fn dates_all<'a>(
    pipeline: &'a Pipeline,
    analyses: &mut [Analysis<'a>],
    tagged: &[Vec<Entity<'a>>],
) -> usize {
    analyses
        .iter_mut()
        .zip(tagged)
        .map(|(a, t)| {
            a.entities.clone_from(t);
            pipeline.run_stage(Stage::Dates, a);
            a.entities
                .iter()
                .filter(|e| e.kind == EntityType::Date)
                .count()
        })
        .sum()
}

fn dates(c: &mut Criterion) {
    let Some(docs) = bbc_docs() else { return };
    let pipeline = Pipeline::new().expect("pipeline");
    let mut analyses: Vec<Analysis<'_>> = docs
        .iter()
        .map(|d| {
            let mut a = Analysis::new(d);
            for s in [Stage::Segment, Stage::Tokenize, Stage::Tag] {
                pipeline.run_stage(s, &mut a);
            }
            a
        })
        .collect();
    let tagged: Vec<Vec<Entity<'_>>> = analyses.iter().map(|a| a.entities.clone()).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let expected = dates_all(&pipeline, &mut analyses, &tagged);
    assert_eq!(docs.len(), 2225, "the BBC corpus has 2,225 articles");
    assert!(
        expected > 10_000,
        "too few dates on the BBC corpus: {expected}"
    );
    let mut g = c.benchmark_group("dates");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("bbc_single_thread", |b| {
        b.iter(|| assert_eq!(dates_all(&pipeline, &mut analyses, &tagged), expected))
    });
    g.finish();
}

criterion_group!(benches, dates);
criterion_main!(benches);
