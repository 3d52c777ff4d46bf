//! # newsfacts
//!
//! Turns news articles into structured facts with evidence: who did what to whom, where and
//! when. Each document goes through numbered stages that talk only through the document model
//! ([`Analysis`]):
//!
//! ```text
//!  1 read ─► 2 segment ─► 3 tokenise ─► 4 tag entities ─► 5 dates ─► 6 events ─► 7 export
//! ```
//!
//! 1. [`read`]: files, folders, JSON Lines, stdin → [`Document`].
//! 2. [`segment`]: header, headline, tag lines, datelines, paragraphs, sentences; the
//!    publication date.
//! 3. [`tokenize`]: tokens with byte spans into the original text; possible date words
//!    marked.
//! 4. [`tag`]: gazetteer phrases, name rules, short-name coreference → entities.
//! 5. [`dates`]: temporal expressions → DATE entities with TIMEX3 values, resolved against the
//!    publication date.
//! 6. [`events`]: triggers, arguments, modality, time → event records, one per real-world event.
//! 7. [`export`]: JSON Lines (`newsfacts/1`), CSV tables and `schema.sql`.
//!
//! Documents run in parallel through [`stream`]: a reader, worker threads, one writer that keeps
//! input order, with a bound on the documents in flight so that memory does not grow with the
//! corpus (`newsfacts extract` and `newsfacts bench` run that way).
//!
//! All offsets are byte offsets into the document's text ([`Span`]); `&text[span]` is always the
//! mention. Knowledge (gazetteers, lexicons, date words) lives in data files embedded from
//! `gazetteers/` and `rules/`; the code holds mechanisms.
//!
//! ```
//! use newsfacts::{Document, Pipeline};
//!
//! let pipeline = Pipeline::builder()
//!     .reference_date(chrono::NaiveDate::from_ymd_opt(2023, 4, 14).unwrap())
//!     .build()?;
//! let doc = Document::from_text("doc-1", "Russian President Vladimir Putin met Xi Jinping in Moscow on Tuesday.");
//! let analysis = pipeline.analyze(&doc);
//! let putin = analysis.entities.iter().find(|e| e.canonical == "Vladimir Putin").unwrap();
//! assert_eq!(&doc.text[putin.span], "Vladimir Putin");
//! assert!(analysis.events.iter().any(|e| e.kind == newsfacts::model::EventType::Meet));
//!
//! let mut line = Vec::new();
//! newsfacts::export::json::write_document(&analysis, &mut line);
//! assert!(line.starts_with(br#"{"schema":"newsfacts/1","doc_id":"doc-1""#));
//! # Ok::<(), newsfacts::Error>(())
//! ```

#![warn(missing_docs)]

pub mod data;
pub mod dates;
pub mod error;
pub mod eval;
pub mod events;
pub mod export;
pub mod gazetteer;
pub mod merge;
pub mod model;
pub mod pipeline;
pub mod read;
pub mod resources;
pub mod segment;
pub mod span;
pub mod stream;
pub mod tag;
pub mod tokenize;

pub use error::{Error, Result};
pub use model::{Analysis, Document};
pub use pipeline::{Pipeline, PipelineBuilder, Stage};
pub use span::Span;

#[cfg(test)]
mod tests {
    #[test]
    fn public_types_are_send_and_sync() {
        fn assert<T: Send + Sync>() {}
        assert::<crate::Pipeline>();
        assert::<crate::Document>();
        assert::<crate::Analysis<'static>>();
        assert::<crate::Error>();
    }
}
