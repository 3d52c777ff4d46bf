//! The event stage alone and the whole pipeline on the BBC corpus (`../shared/data/bbc-news`,
//! 2,225 articles), single-threaded, with `Throughput::Bytes`. The event stage should cost no more
//! than a quarter of the end-to-end time. Skips (with a note) when the corpus is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsfacts::{Analysis, Document, Pipeline, Stage};
use std::path::PathBuf;

fn corpus() -> Option<Vec<Document>> {
    let dir = std::env::var_os("NEWSFACTS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
        .join("bbc-news");
    if !dir.is_dir() {
        eprintln!("note: {} not found; events bench skipped", dir.display());
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
                let bytes = std::fs::read(p).unwrap_or_default();
                Document::from_text(p.display().to_string(), String::from_utf8_lossy(&bytes))
            })
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let Some(docs) = corpus() else { return };
    let pipeline = Pipeline::new().expect("pipeline");
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    // Everything before the event stage, done once.
    let before: Vec<Analysis<'_>> = docs
        .iter()
        .map(|d| {
            let mut a = Analysis::new(d);
            for s in Stage::ALL.iter().take_while(|s| **s != Stage::Events) {
                pipeline.run_stage(*s, &mut a);
            }
            a
        })
        .collect();
    let expected: usize = docs.iter().map(|d| pipeline.analyze(d).events.len()).sum();
    assert!(expected > 1000, "the BBC corpus gives events: {expected}");

    let mut g = c.benchmark_group("events");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("stage_events_bbc", |b| {
        b.iter_batched(
            || before.clone(),
            |mut list| {
                let mut n = 0;
                for a in &mut list {
                    pipeline.run_stage(Stage::Events, a);
                    n += a.events.len();
                }
                assert_eq!(n, expected);
                n
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("end_to_end_bbc", |b| {
        b.iter(|| {
            let n: usize = docs.iter().map(|d| pipeline.analyze(d).events.len()).sum();
            assert_eq!(n, expected);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
