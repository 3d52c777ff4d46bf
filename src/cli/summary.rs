//! The run summary of `extract`: counted while the run goes, printed as one paragraph on stderr
//! and written as JSON with `--report`.

use newsfacts::model::{EntityType, EventType};
use newsfacts::Analysis;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A problem with one input.
#[derive(serde::Serialize)]
pub struct Problem {
    /// Path or `path#line`.
    pub source: String,
    /// What went wrong.
    pub reason: String,
}

/// What one document contributed, counted by the worker that analysed it.
pub struct DocStats {
    entities: [usize; EntityType::ALL.len()],
    events: [usize; EventType::ALL.len()],
    warnings: Vec<String>,
}

impl DocStats {
    /// Counts the entities and events of an analysis by type.
    pub fn of(a: &Analysis<'_>) -> DocStats {
        let mut s = DocStats {
            entities: [0; EntityType::ALL.len()],
            events: [0; EventType::ALL.len()],
            warnings: newsfacts::export::json::warnings(a),
        };
        for e in &a.entities {
            s.entities[e.kind as usize] += 1;
        }
        for e in &a.events {
            s.events[e.kind as usize] += 1;
        }
        s
    }

    /// Adds a warning found by the writer (about the run, not the text).
    pub fn warn(&mut self, warning: String) {
        self.warnings.push(warning);
    }
}

/// Counts of a whole run.
#[derive(Default, serde::Serialize)]
pub struct Summary {
    /// Inputs that should have been documents (processed or failed).
    pub read: usize,
    /// Documents analysed.
    pub processed: usize,
    /// Inputs that are not articles.
    pub skipped: usize,
    /// Inputs that could not be processed.
    pub failed: usize,
    /// Documents with warnings (lossy decoding, an unusable date field).
    pub warnings: usize,
    /// Entities found.
    pub entities: usize,
    /// Events found.
    pub events: usize,
    /// Entities by type (contract names).
    pub entities_by_type: BTreeMap<&'static str, usize>,
    /// Events by type (contract names).
    pub events_by_type: BTreeMap<&'static str, usize>,
    /// Bytes of document text analysed.
    pub bytes: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Worker threads.
    pub threads: usize,
    /// Inputs skipped, with reasons.
    pub skipped_inputs: Vec<Problem>,
    /// Inputs that failed, with reasons.
    pub failed_inputs: Vec<Problem>,
    /// Documents processed with warnings, with the warnings (`; `-joined).
    pub warned_inputs: Vec<Problem>,
}

impl Summary {
    /// Adds one processed document.
    pub fn add_document(&mut self, source: &str, bytes: usize, stats: &DocStats) {
        self.read += 1;
        self.processed += 1;
        self.bytes += bytes;
        if !stats.warnings.is_empty() {
            self.warnings += 1;
            self.warned_inputs.push(Problem {
                source: source.to_string(),
                reason: stats.warnings.join("; "),
            });
        }
        for (t, &n) in EntityType::ALL.iter().zip(&stats.entities) {
            if n > 0 {
                self.entities += n;
                *self.entities_by_type.entry(t.as_str()).or_default() += n;
            }
        }
        for (t, &n) in EventType::ALL.iter().zip(&stats.events) {
            if n > 0 {
                self.events += n;
                *self.events_by_type.entry(t.as_str()).or_default() += n;
            }
        }
    }

    /// Adds an input that is not an article.
    pub fn add_skipped(&mut self, source: &str, reason: &str) {
        self.skipped += 1;
        self.skipped_inputs.push(Problem {
            source: source.to_string(),
            reason: reason.to_string(),
        });
    }

    /// Adds an input that could not be processed.
    pub fn add_failed(&mut self, source: &str, reason: &str) {
        self.read += 1;
        self.failed += 1;
        self.failed_inputs.push(Problem {
            source: source.to_string(),
            reason: reason.to_string(),
        });
    }

    /// MB of text per second.
    pub fn mb_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }

    /// The one-paragraph summary printed at the end of a run (wrapped at `width` columns).
    pub fn paragraph(&self, width: usize) -> String {
        let mut s = format!(
            "newsfacts: {}\u{a0}{} ({}) in {} ({:.1}\u{a0}MB/s, {}\u{a0}{}).",
            thousands(self.processed),
            plural(self.processed, "document", "documents"),
            megabytes(self.bytes),
            duration(self.seconds),
            self.mb_per_second(),
            self.threads,
            plural(self.threads, "thread", "threads"),
        );
        let _ = write!(
            s,
            " {}\u{a0}{}{}.",
            thousands(self.entities),
            plural(self.entities, "entity", "entities"),
            by_type(&self.entities_by_type),
        );
        let _ = write!(
            s,
            " {}\u{a0}{}{}.",
            thousands(self.events),
            plural(self.events, "event", "events"),
            by_type(&self.events_by_type),
        );
        if self.failed == 0 && self.skipped == 0 && self.warnings == 0 {
            s.push_str(" No problems.");
        } else {
            let mut parts = Vec::new();
            if self.failed > 0 {
                parts.push(format!(
                    "{} failed ({})",
                    thousands(self.failed),
                    examples(&self.failed_inputs)
                ));
            }
            if self.skipped > 0 {
                parts.push(format!(
                    "{} skipped as not articles ({})",
                    thousands(self.skipped),
                    examples(&self.skipped_inputs)
                ));
            }
            if self.warnings > 0 {
                parts.push(format!(
                    "{} {} with warnings",
                    thousands(self.warnings),
                    plural(self.warnings, "document", "documents")
                ));
            }
            let _ = write!(s, " Problems: {}.", parts.join("; "));
            if self.failed > 0 || self.skipped > 0 {
                s.push_str(" --report FILE lists every one.");
            }
        }
        wrap(&s, width)
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `12345` → `12,345`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn megabytes(bytes: usize) -> String {
    if bytes < 100_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

fn duration(seconds: f64) -> String {
    if seconds < 60.0 {
        format!("{seconds:.2} s")
    } else {
        let s = seconds.round() as u64;
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

/// ` (PERSON 12, COUNTRY 9, …)`, the most frequent first.
fn by_type(counts: &BTreeMap<&'static str, usize>) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut v: Vec<(&&str, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = v
        .iter()
        .map(|(t, n)| format!("{t}\u{a0}{}", thousands(**n)))
        .collect();
    format!(": {}", parts.join(", "))
}

/// The first few sources of a problem list, with the first reason.
fn examples(list: &[Problem]) -> String {
    let mut out: Vec<String> = list
        .iter()
        .take(3)
        .map(|p| format!("{}: {}", p.source, p.reason))
        .collect();
    if list.len() > 3 {
        out.push(format!("{} more", list.len() - 3));
    }
    out.join("; ")
}

/// Wraps at spaces to `width` columns (0: no wrapping); a no-break space (U+00A0) holds two
/// words together and is printed as a space.
fn wrap(s: &str, width: usize) -> String {
    if width == 0 {
        return s.replace('\u{a0}', " ");
    }
    let mut out = String::with_capacity(s.len() + s.len() / width.max(1));
    let mut col = 0;
    for word in s.split(' ') {
        let w = word.chars().count();
        if col > 0 && col + 1 + w > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += w;
    }
    out.replace('\u{a0}', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_wrapping() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(duration(3.456), "3.46 s");
        assert_eq!(duration(125.0), "2 min 05 s");
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("aa bb cc", 0), "aa bb cc");
        assert_eq!(wrap("aa bb\u{a0}cc", 5), "aa\nbb cc");
    }

    #[test]
    fn paragraph_names_types_and_problems() {
        let mut s = Summary {
            threads: 2,
            seconds: 2.0,
            ..Summary::default()
        };
        s.add_document(
            "a.txt",
            2_000_000,
            &DocStats {
                entities: [3, 1, 0, 0, 0, 0, 0],
                events: {
                    let mut e = [0; EventType::ALL.len()];
                    e[0] = 2;
                    e
                },
                warnings: Vec::new(),
            },
        );
        s.add_failed("x.jsonl#3", "malformed JSON");
        let p = s.paragraph(0);
        assert!(p.starts_with("newsfacts: 1 document (2.0 MB) in 2.00 s (1.0 MB/s, 2 threads)."));
        assert!(p.contains("4 entities: PERSON 3, COUNTRY 1."), "{p}");
        assert!(p.contains("2 events: VISIT 2."), "{p}");
        assert!(
            p.contains("Problems: 1 failed (x.jsonl#3: malformed JSON)."),
            "{p}"
        );
    }
}
