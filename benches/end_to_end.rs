//! The whole pipeline, end to end, as `newsfacts extract` runs it: the corpus read from disk by
//! the library's reader, streamed through the bounded, order-keeping pipeline
//! (`newsfacts::stream`), every stage, JSON Lines written into a sink that counts bytes. One
//! thread and all threads, `Throughput::Bytes` of the corpus text; each pass asserts its counts
//! of documents, entities, events and output bytes. BBC corpus, or the samples when
//! `../shared/data` is absent. `long_document`: the same articles joined into one document,
//! one thread, so that a cost growing faster than the document shows as a drop in MB/s
//! against `end_to_end` (the tagger's name propagation once took 0.59 s of a 5 MB document).

mod common;

use common::{Corpus, Threads};
use criterion::{criterion_group, criterion_main, Criterion};
use newsfacts::model::Document;
use newsfacts::read::{Input, ReadOptions, Reader};
use newsfacts::stream::{for_each_ordered, runs, Bounds};
use newsfacts::Pipeline;

/// The allocator of the `newsfacts` binary, so that the pipeline costs here what it costs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Documents, entities, events, output bytes.
type Counts = [usize; 4];

fn run(pipeline: &Pipeline, path: &str, threads: usize) -> Counts {
    let mut counts = [0usize; 4];
    let reader = Reader::new(&[path.to_string()], ReadOptions::default());
    // Runs of documents, each stage over the whole run, as `extract` hands them over.
    let work = |run: Vec<Input>| -> Vec<(usize, usize, Vec<u8>)> {
        let docs: Vec<&Document> = run.iter().filter_map(Input::doc).collect();
        pipeline
            .analyze_many(&docs)
            .iter()
            .map(|a| {
                let mut buf = Vec::with_capacity(a.doc.text.len() * 2 + 512);
                newsfacts::export::json::write_document(a, &mut buf);
                (a.entities.len(), a.events.len(), buf)
            })
            .collect()
    };
    let mut sink = std::io::sink();
    let write = |run: Vec<(usize, usize, Vec<u8>)>| -> std::io::Result<()> {
        for (entities, events, buf) in run {
            std::io::Write::write_all(&mut sink, &buf)?;
            counts[0] += 1;
            counts[1] += entities;
            counts[2] += events;
            counts[3] += buf.len();
        }
        Ok(())
    };
    for_each_ordered(
        runs(
            reader,
            Pipeline::RUN_DOCS,
            Pipeline::RUN_BYTES,
            Input::text_len,
        ),
        Bounds::for_runs(threads),
        |run: &Vec<Input>| run.iter().map(Input::text_len).sum(),
        work,
        write,
        || Ok(()),
    )
    .expect("writing to a sink cannot fail");
    counts
}

fn end_to_end(c: &mut Criterion) {
    let corpus = Corpus::load();
    let pipeline = Pipeline::new().expect("pipeline");
    let expected = run(&pipeline, &corpus.path, 1);
    assert_eq!(expected[0], corpus.docs.len());
    assert!(expected[1] >= corpus.floor(40_000, 50), "{expected:?}");
    assert!(expected[2] >= corpus.floor(10_000, 10), "{expected:?}");
    let mut g = corpus.group(c, "end_to_end");
    for threads in Threads::BOTH {
        let n = threads.count();
        assert_eq!(run(&pipeline, &corpus.path, n), expected);
        g.bench_function(threads.id(), |b| {
            b.iter(|| assert_eq!(run(&pipeline, &corpus.path, n), expected))
        });
    }
    g.finish();
}

/// The corpus as one long document (articles separated by blank lines): whole pipeline and
/// JSON Lines, one thread. Returns entities, events, output bytes.
fn long_document(c: &mut Criterion) {
    let corpus = Corpus::load();
    let pipeline = Pipeline::new().expect("pipeline");
    let text: Vec<&str> = corpus.docs.iter().map(|d| d.text.as_str()).collect();
    let doc = Document::from_text("corpus", text.join("\n\n"));
    let run = || -> [usize; 3] {
        let a = pipeline.analyze(&doc);
        let mut buf = Vec::with_capacity(doc.text.len() * 4);
        newsfacts::export::json::write_document(&a, &mut buf);
        [a.entities.len(), a.events.len(), buf.len()]
    };
    let expected = run();
    assert!(expected[0] >= corpus.floor(40_000, 50), "{expected:?}");
    assert!(expected[1] >= corpus.floor(10_000, 10), "{expected:?}");
    let mut g = corpus.group(c, "long_document");
    g.bench_function(Threads::One.id(), |b| {
        b.iter(|| assert_eq!(run(), expected))
    });
    g.finish();
}

criterion_group!(benches, end_to_end, long_document);
criterion_main!(benches);
