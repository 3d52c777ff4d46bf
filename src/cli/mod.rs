//! The subcommands of the `newsfacts` binary, one module each.

pub mod bench;
pub mod eval;
pub mod extract;
pub mod progress;
pub mod show;
pub mod sink;
pub mod summary;

use anyhow::Context;
use std::path::PathBuf;

/// The pipeline of the embedded resources, with the user's gazetteer folders (`--gazetteers`)
/// and reference date (`--reference-date`), as `extract`, `show` and `eval` build it; an error
/// says which of the two sources failed.
pub fn build_pipeline(
    gazetteers: &[PathBuf],
    reference_date: Option<chrono::NaiveDate>,
) -> anyhow::Result<newsfacts::Pipeline> {
    let mut builder = newsfacts::Pipeline::builder();
    for g in gazetteers {
        builder = builder.gazetteer_dir(g);
    }
    if let Some(d) = reference_date {
        builder = builder.reference_date(d);
    }
    builder.build().with_context(|| {
        if gazetteers.is_empty() {
            "cannot build the pipeline from the embedded resources".to_string()
        } else {
            "cannot load the gazetteers given with --gazetteers (a folder of *.tsv in the \
             gazetteer format and spaCy *.jsonl patterns; see gazetteers/README.md)"
                .to_string()
        }
    })
}
