//! Time of each pipeline stage over a folder of `.txt` articles, one thread:
//! `cargo run --release --example stage_times -- ../shared/data/bbc-news`.
use newsfacts::{Analysis, Document, Pipeline, Stage};
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/bbc-news".into());
    let mut files: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let docs: Vec<Document> = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            Document::from_text(p.display().to_string(), String::from_utf8_lossy(&bytes))
        })
        .collect();
    let pipeline = Pipeline::new().expect("pipeline");
    for round in 0..3 {
        let mut times = vec![Duration::ZERO; Stage::ALL.len()];
        let mut events = 0;
        for d in &docs {
            let mut a = Analysis::new(d);
            for (k, s) in Stage::ALL.iter().enumerate() {
                let t = Instant::now();
                pipeline.run_stage(*s, &mut a);
                times[k] += t.elapsed();
            }
            events += a.events.len();
        }
        let total: Duration = times.iter().sum();
        print!(
            "round {round}: {events} events, total {:.3}s",
            total.as_secs_f64()
        );
        for (k, s) in Stage::ALL.iter().enumerate() {
            print!(
                " | {s:?} {:.3}s {:.0}%",
                times[k].as_secs_f64(),
                100.0 * times[k].as_secs_f64() / total.as_secs_f64()
            );
        }
        println!();
    }
}
