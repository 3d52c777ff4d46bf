//! The `newsfacts/1` JSON Lines record of a document.

use super::SCHEMA;
use crate::model::{Analysis, Argument, EventTime, Iso3};
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Serialize)]
struct Doc<'r> {
    schema: &'static str,
    doc_id: &'r str,
    source: &'r str,
    sha256: String,
    title: Option<&'r str>,
    url: Option<&'r str>,
    published: Option<&'r str>,
    published_source: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    entities: Vec<Ent<'r>>,
    events: Vec<Ev<'r>>,
}

#[derive(Serialize)]
struct Interval {
    begin: Day,
    end: Day,
}

#[derive(Serialize)]
struct Ent<'r> {
    id: Id,
    #[serde(rename = "type")]
    kind: &'static str,
    text: &'r str,
    start: usize,
    end: usize,
    sentence: usize,
    canonical: &'r str,
    key: Option<&'r str>,
    country: Option<Iso3>,
    how: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timex_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<Option<Interval>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    granularity: Option<&'static str>,
}

#[derive(Serialize)]
struct Trig<'r> {
    text: &'r str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Arg<'r> {
    role: &'static str,
    text: &'r str,
    start: usize,
    end: usize,
    entity: Option<Id>,
    canonical: &'r str,
    key: Option<&'r str>,
    country: Option<Iso3>,
}

#[derive(Serialize)]
struct Time<'r> {
    entity: Option<Id>,
    value: &'r str,
    begin: Option<Day>,
    end: Option<Day>,
    source: &'static str,
}

#[derive(Serialize)]
struct Mention<'r> {
    trigger: Trig<'r>,
    sentence: usize,
    arguments: Vec<Arg<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<Time<'r>>,
}

#[derive(Serialize)]
struct ConflictJ<'r> {
    field: &'static str,
    values: &'r [String],
}

#[derive(Serialize)]
struct Ev<'r> {
    id: Id,
    #[serde(rename = "type")]
    kind: &'static str,
    cameo: &'r str,
    trigger: Trig<'r>,
    sentence: usize,
    evidence: &'r str,
    mentions: Vec<Mention<'r>>,
    arguments: Vec<Arg<'r>>,
    time: Option<Time<'r>>,
    modality: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<ConflictJ<'r>>,
    confidence: f32,
    rule: &'r str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reports: Vec<Id>,
}

/// An entity (`e1`) or event (`ev1`) id, as `super::entity_id` and `super::event_id` spell them,
/// written without an allocation.
#[derive(Clone, Copy)]
struct Id {
    prefix: &'static str,
    index: usize,
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}{}", self.prefix, self.index + 1))
    }
}

fn entity_id(index: usize) -> Id {
    Id { prefix: "e", index }
}

fn event_id(index: usize) -> Id {
    Id {
        prefix: "ev",
        index,
    }
}

/// A day as `YYYY-MM-DD`, written without an allocation.
#[derive(Clone, Copy)]
struct Day(chrono::NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use chrono::Datelike;
        let d = self.0;
        match u32::try_from(d.year()) {
            Ok(y) if y <= 9999 => {
                let mut b = *b"0000-00-00";
                for (i, v) in [(0, y / 100), (2, y % 100), (5, d.month()), (8, d.day())] {
                    b[i] = b'0' + (v / 10) as u8;
                    b[i + 1] = b'0' + (v % 10) as u8;
                }
                s.serialize_str(std::str::from_utf8(&b).unwrap_or_default())
            }
            _ => s.collect_str(&d.format("%Y-%m-%d")),
        }
    }
}

fn day(d: chrono::NaiveDate) -> Day {
    Day(d)
}

fn args<'r>(text: &'r str, list: &'r [Argument<'_>]) -> Vec<Arg<'r>> {
    list.iter()
        .map(|a| Arg {
            role: a.role.as_str(),
            text: &text[a.span],
            start: a.span.start,
            end: a.span.end,
            entity: a.entity.map(entity_id),
            canonical: &a.canonical,
            key: a.key.as_deref(),
            country: a.country,
        })
        .collect()
}

fn time(t: &Option<EventTime>) -> Option<Time<'_>> {
    t.as_ref().map(|t| Time {
        entity: t.entity.map(entity_id),
        value: &t.value,
        begin: t.begin.map(day),
        end: t.end.map(day),
        source: t.source.as_str(),
    })
}

/// Hex SHA-256 of the document's text bytes.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Warnings about a document (lossy decoding, an unusable date field).
pub fn warnings(a: &Analysis<'_>) -> Vec<String> {
    let mut w = Vec::new();
    if a.doc.lossy {
        w.push("invalid UTF-8 replaced by U+FFFD".to_string());
    }
    if let Some(d) = &a.meta.date_warning {
        w.push(d.clone());
    }
    w
}

/// Appends the document's JSON line (with its newline) to `out`.
pub fn write_document(a: &Analysis<'_>, out: &mut Vec<u8>) {
    let text = a.text();
    let doc = Doc {
        schema: SCHEMA,
        doc_id: &a.doc.id,
        source: &a.doc.source,
        sha256: sha256_hex(text),
        title: a.meta.title.as_deref(),
        url: a.meta.url.as_deref(),
        published: a.meta.published.as_deref(),
        published_source: a.meta.published_source.map(|s| s.as_str()),
        warnings: warnings(a),
        entities: a
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| Ent {
                id: entity_id(i),
                kind: e.kind.as_str(),
                text: &text[e.span],
                start: e.span.start,
                end: e.span.end,
                sentence: e.sentence,
                canonical: &e.canonical,
                key: e.key.as_deref(),
                country: e.country,
                how: e.how.as_str(),
                value: e.timex.as_ref().map(|t| t.value.as_str()),
                timex_type: e.timex.as_ref().map(|t| t.timex_type.as_str()),
                interval: e.timex.as_ref().map(|t| {
                    t.interval.map(|(b, e)| Interval {
                        begin: day(b),
                        end: day(e),
                    })
                }),
                granularity: e.timex.as_ref().map(|t| t.granularity),
            })
            .collect(),
        events: a
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| Ev {
                id: event_id(i),
                kind: e.kind.as_str(),
                cameo: &e.cameo,
                trigger: Trig {
                    text: &text[e.trigger],
                    start: e.trigger.start,
                    end: e.trigger.end,
                },
                sentence: e.sentence,
                evidence: &text[a.sentences[e.sentence].span],
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| Mention {
                        trigger: Trig {
                            text: &text[m.trigger],
                            start: m.trigger.start,
                            end: m.trigger.end,
                        },
                        sentence: m.sentence,
                        arguments: args(text, &m.arguments),
                        time: time(&m.time),
                    })
                    .collect(),
                arguments: args(text, &e.arguments),
                time: time(&e.time),
                modality: e.modality.as_str(),
                conflicts: e
                    .conflicts
                    .iter()
                    .map(|c| ConflictJ {
                        field: c.field,
                        values: &c.values,
                    })
                    .collect(),
                confidence: e.confidence,
                rule: &e.rule,
                reports: e.reports.iter().map(|&r| event_id(r)).collect(),
            })
            .collect(),
    };
    // Serialising plain structs into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &doc);
    out.push(b'\n');
}

/// An error record for an input that could not be processed (`--on-error record`).
pub fn write_error(doc_id: Option<&str>, source: &str, error: &str, out: &mut Vec<u8>) {
    #[derive(Serialize)]
    struct Err<'r> {
        schema: &'static str,
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        doc_id: Option<&'r str>,
        source: &'r str,
        error: &'r str,
    }
    let _ = serde_json::to_writer(
        &mut *out,
        &Err {
            schema: SCHEMA,
            kind: "error",
            doc_id,
            source,
            error,
        },
    );
    out.push(b'\n');
}

/// Appends the `merged_event` line of a fact merged across documents (`extract --merge`).
pub fn write_merged(m: &crate::merge::MergedEvent, out: &mut Vec<u8>) {
    #[derive(Serialize)]
    struct MArg<'r> {
        role: &'static str,
        canonical: &'r str,
        key: Option<&'r str>,
        country: Option<Iso3>,
    }
    #[derive(Serialize)]
    struct MTime<'r> {
        value: Option<&'r str>,
        begin: Option<Day>,
        end: Option<Day>,
    }
    #[derive(Serialize)]
    struct MMention<'r> {
        doc_id: &'r str,
        event_id: &'r str,
    }
    #[derive(Serialize)]
    struct Merged<'r> {
        schema: &'static str,
        kind: &'static str,
        id: &'r str,
        #[serde(rename = "type")]
        kind_: &'static str,
        cameo: &'r str,
        modality: &'static str,
        arguments: Vec<MArg<'r>>,
        time: Option<MTime<'r>>,
        conflicts: Vec<ConflictJ<'r>>,
        mentions: Vec<MMention<'r>>,
    }
    let time = (m.value.is_some() || m.begin.is_some()).then(|| MTime {
        value: m.value.as_deref(),
        begin: m.begin.map(day),
        end: m.end.map(day),
    });
    let rec = Merged {
        schema: SCHEMA,
        kind: "merged_event",
        id: &m.id,
        kind_: m.kind.as_str(),
        cameo: &m.cameo,
        modality: m.modality.as_str(),
        arguments: m
            .arguments
            .iter()
            .map(|a| MArg {
                role: a.role.as_str(),
                canonical: &a.canonical,
                key: a.key.as_deref(),
                country: a.country,
            })
            .collect(),
        time,
        conflicts: m
            .conflicts
            .iter()
            .map(|c| ConflictJ {
                field: c.field,
                values: &c.values,
            })
            .collect(),
        mentions: m
            .mentions
            .iter()
            .map(|(d, e)| MMention {
                doc_id: d,
                event_id: e,
            })
            .collect(),
    };
    let _ = serde_json::to_writer(&mut *out, &rec);
    out.push(b'\n');
}
