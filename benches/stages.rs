//! Each stage alone, on one thread and on all threads, over the BBC corpus (or the samples when
//! `../shared/data` is absent): segmentation and tokenisation, entity tagging, dates, events and
//! the JSON Lines export, each timed over analyses prepared up to that stage; and the startup
//! (building the pipeline from the embedded resources). `Throughput::Bytes` is the corpus text.
//! Every pass asserts the count it produced (sentences and tokens, entities, DATE entities,
//! events, output bytes), equal to a reference pass and above a floor, so that a fast wrong
//! answer fails.
//!
//! `cargo bench --bench stages -- tag` runs the tag stage only.

mod common;

use common::{pool, Corpus, Threads};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use newsfacts::model::EntityType;
use newsfacts::{Analysis, Pipeline, Stage};

/// The allocator of the `newsfacts` binary, so that a stage costs here what it costs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A stage that changes the analysis, and what to count after it.
struct StageBench<'s> {
    /// The group's name.
    name: &'s str,
    /// The stages to run, in order.
    stages: &'s [Stage],
    /// What the stages produced in one analysis.
    count: fn(&Analysis<'_>) -> usize,
    /// The least the whole corpus must give.
    floor: usize,
}

/// Benches one stage: each pass gets a fresh copy of `prepared`, runs the stages over it and
/// counts; the count must equal the reference pass's.
fn bench_stage<'a>(
    c: &mut Criterion,
    corpus: &Corpus,
    pipeline: &'a Pipeline,
    prepared: &[Analysis<'a>],
    bench: StageBench<'_>,
) {
    let StageBench {
        name,
        stages,
        count,
        floor,
    } = bench;
    let pool = pool();
    let run = |threads: Threads, list: &mut [Analysis<'a>]| {
        threads.sum(&pool, list, |a| {
            for s in stages {
                pipeline.run_stage(*s, a);
            }
            count(a)
        })
    };
    let expected = run(Threads::One, &mut prepared.to_vec());
    assert!(expected >= floor, "{name}: {expected} < {floor}");
    let mut g = corpus.group(c, name);
    for threads in Threads::BOTH {
        assert_eq!(run(threads, &mut prepared.to_vec()), expected, "{name}");
        g.bench_function(threads.id(), |b| {
            b.iter_batched(
                || prepared.to_vec(),
                |mut list| {
                    let n = run(threads, &mut list);
                    assert_eq!(n, expected, "{name} on {}", threads.id());
                    list
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn stages(c: &mut Criterion) {
    let corpus = Corpus::load();
    let pipeline = Pipeline::new().expect("pipeline");

    let fresh: Vec<Analysis<'_>> = corpus.docs.iter().map(Analysis::new).collect();
    bench_stage(
        c,
        &corpus,
        &pipeline,
        &fresh,
        StageBench {
            name: "segment_tokenize",
            stages: &[Stage::Segment, Stage::Tokenize],
            count: |a| a.sentences.len() + a.tokens.len(),
            floor: corpus.floor(900_000, 600),
        },
    );
    bench_stage(
        c,
        &corpus,
        &pipeline,
        &corpus.prepared(&pipeline, Some(Stage::Tag)),
        StageBench {
            name: "tag",
            stages: &[Stage::Tag],
            count: |a| a.entities.len(),
            floor: corpus.floor(30_000, 50),
        },
    );
    bench_stage(
        c,
        &corpus,
        &pipeline,
        &corpus.prepared(&pipeline, Some(Stage::Dates)),
        StageBench {
            name: "dates",
            stages: &[Stage::Dates],
            count: |a| {
                a.entities
                    .iter()
                    .filter(|e| e.kind == EntityType::Date)
                    .count()
            },
            floor: corpus.floor(8_000, 10),
        },
    );
    bench_stage(
        c,
        &corpus,
        &pipeline,
        &corpus.prepared(&pipeline, Some(Stage::Events)),
        StageBench {
            name: "events",
            stages: &[Stage::Events],
            count: |a| a.events.len(),
            floor: corpus.floor(10_000, 10),
        },
    );

    // Export reads the analyses and writes JSON Lines: nothing to copy between passes.
    let mut done = corpus.prepared(&pipeline, None);
    let pool = pool();
    let export = |threads: Threads, list: &mut [Analysis<'_>]| {
        threads.sum(&pool, list, |a| {
            let mut buf = Vec::new();
            newsfacts::export::json::write_document(a, &mut buf);
            buf.len()
        })
    };
    let expected = export(Threads::One, &mut done);
    assert!(
        expected as u64 >= 2 * corpus.bytes,
        "{expected} bytes of JSON"
    );
    let mut g = corpus.group(c, "export_jsonl");
    for threads in Threads::BOTH {
        g.bench_function(threads.id(), |b| {
            b.iter(|| assert_eq!(export(threads, &mut done), expected))
        });
    }
    g.finish();
}

/// Building the pipeline from the embedded gazetteers and rules (the startup of every run).
fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("build_pipeline", |b| {
        b.iter(|| {
            let p = Pipeline::new().expect("pipeline");
            assert!(p.tagger().gazetteer().len() > 40_000);
            p
        })
    });
    g.finish();
}

criterion_group!(benches, stages, startup);
criterion_main!(benches);
