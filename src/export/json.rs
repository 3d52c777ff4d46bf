//! The `newsfacts/1` JSON Lines record of a document.

use super::SCHEMA;
use crate::model::{Analysis, Argument, EventTime, Iso3};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A JSON writer for the document record, the hot path of every run: keys are written as
/// literals and strings that need no escaping are copied as they are; anything else (escapes,
/// floats) goes through `serde_json`, so the bytes are the ones `serde_json` writes.
/// `w.key(…)` of a key written as a literal: `key!(w, "type")` copies `"type":` in one piece.
macro_rules! key {
    ($w:expr, $k:literal) => {
        $w.key(concat!("\"", $k, "\":").as_bytes())
    };
}

struct W<'o> {
    out: &'o mut Vec<u8>,
}

impl W<'_> {
    /// `[…]`: each item written by `each`, separated by commas.
    fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, usize, &T)) {
        self.out.push(b'[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            each(self, i, x);
        }
        self.out.push(b']');
    }

    /// `{…}`: the keys and values written by `fields`.
    fn object(&mut self, fields: impl FnOnce(&mut Self)) {
        self.out.push(b'{');
        fields(self);
        self.out.push(b'}');
    }

    /// `"key":` (given whole, quotes and colon included, by [`key!`]), after a comma unless it
    /// is the first key of its object.
    #[inline]
    fn key(&mut self, quoted: &[u8]) {
        if !matches!(self.out.last(), Some(b'{') | Some(b'[')) {
            self.out.push(b',');
        }
        self.out.extend_from_slice(quoted);
    }

    /// A string the schema fixes (a type, role or code name): never escaped, not scanned.
    #[inline]
    fn lit(&mut self, s: &str) {
        debug_assert!(!needs_escape(s.as_bytes()), "{s:?}");
        self.out.reserve(s.len() + 2);
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'"');
    }

    #[inline]
    fn str(&mut self, s: &str) {
        if needs_escape(s.as_bytes()) {
            let _ = serde_json::to_writer(&mut *self.out, s);
        } else {
            self.out.reserve(s.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
        }
    }

    #[inline]
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    #[inline]
    fn num(&mut self, n: usize) {
        let mut b = itoa::Buffer::new();
        self.out.extend_from_slice(b.format(n).as_bytes());
    }

    fn id(&mut self, prefix: &str, index: usize) {
        self.out.push(b'"');
        self.out.extend_from_slice(prefix.as_bytes());
        self.num(index + 1);
        self.out.push(b'"');
    }

    fn opt_id(&mut self, prefix: &str, index: Option<usize>) {
        match index {
            Some(i) => self.id(prefix, i),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn day(&mut self, d: Option<chrono::NaiveDate>) {
        match d {
            Some(d) => {
                let _ = serde_json::to_writer(&mut *self.out, &Day(d));
            }
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn country(&mut self, c: Option<Iso3>) {
        match c {
            Some(c) => self.lit(c.as_str()),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    /// The `text`, `start` and `end` fields of a span.
    fn span(&mut self, text: &str, span: crate::span::Span) {
        key!(self, "text");
        self.str(&text[span]);
        key!(self, "start");
        self.num(span.start);
        key!(self, "end");
        self.num(span.end);
    }

    /// `{"text":…,"start":…,"end":…}` of a span.
    fn trigger(&mut self, text: &str, span: crate::span::Span) {
        self.object(|w| w.span(text, span));
    }

    fn args(&mut self, text: &str, list: &[Argument<'_>]) {
        self.array(list, |w, _, a| {
            w.object(|w| {
                key!(w, "role");
                w.lit(a.role.as_str());
                w.span(text, a.span);
                key!(w, "entity");
                w.opt_id("e", a.entity);
                key!(w, "canonical");
                w.str(&a.canonical);
                key!(w, "key");
                w.opt_str(a.key.as_deref());
                key!(w, "country");
                w.country(a.country);
            })
        });
    }

    fn time(&mut self, t: &Option<EventTime>) {
        let Some(t) = t else {
            self.out.extend_from_slice(b"null");
            return;
        };
        self.object(|w| {
            key!(w, "entity");
            w.opt_id("e", t.entity);
            key!(w, "value");
            w.str(&t.value);
            key!(w, "begin");
            w.day(t.begin);
            key!(w, "end");
            w.day(t.end);
            key!(w, "source");
            w.lit(t.source.as_str());
        });
    }
}

/// True when `s` holds a byte that JSON strings escape (a control character, `"` or `\\`);
/// eight bytes at a time. The test may say yes for a string that needs no escape (then
/// `serde_json` writes it), never no for one that does.
fn needs_escape(s: &[u8]) -> bool {
    let n = s.len();
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    let half = |b: &[u8]| u64::from(u32::from_le_bytes(b.try_into().unwrap_or_default()));
    match n {
        0 => false,
        1..=3 => s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\'),
        // Two words that may overlap: a byte read twice is tested twice, which changes nothing.
        4..=7 => escape8(half(&s[..4]) | half(&s[n - 4..]) << 32),
        _ => {
            let mut chunks = s.chunks_exact(8);
            if chunks.any(|c| escape8(word(c))) {
                return true;
            }
            !chunks.remainder().is_empty() && escape8(word(&s[n - 8..]))
        }
    }
}

/// True when one of the eight bytes of `x` is a control character, `"` or `\\` (see
/// [`needs_escape`]).
#[inline]
fn escape8(x: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // A byte of `x` is below `n` (n <= 128) / zero: the classic bit tricks, exact as a whole.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH != 0;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    below(x, 0x20) || zero(x ^ (ONES * u64::from(b'"'))) || zero(x ^ (ONES * u64::from(b'\\')))
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

#[derive(Serialize)]
struct ConflictJ<'r> {
    field: &'static str,
    values: &'r [String],
}

/// Hex SHA-256 of the document's text bytes.
pub fn sha256_hex(text: &str) -> String {
    String::from_utf8_lossy(&sha256_hex_bytes(text)).into_owned()
}

/// Hex SHA-256 of the document's text bytes, as 64 ASCII bytes (no allocation).
fn sha256_hex_bytes(text: &str) -> [u8; 64] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = [0u8; 64];
    for (pair, b) in hex.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 15)];
    }
    hex
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

/// Appends the document's JSON line (with its newline) to `out`: the `newsfacts/1` document
/// record of DESIGN.md, keys in the order the contract lists them.
pub fn write_document(a: &Analysis<'_>, out: &mut Vec<u8>) {
    let text = a.text();
    // One reservation for the whole record (the sizes seen on news: ~170 bytes of JSON per
    // entity, ~420 per event besides its evidence sentence), not a doubling per growth.
    let evidence: usize = a
        .events
        .iter()
        .filter_map(|e| a.sentences.get(e.sentence))
        .map(|s| s.span.len())
        .sum();
    out.reserve(512 + 192 * a.entities.len() + 448 * a.events.len() + evidence);
    let mut w = W { out };
    w.out.push(b'{');
    key!(w, "schema");
    w.lit(SCHEMA);
    key!(w, "doc_id");
    w.str(&a.doc.id);
    key!(w, "source");
    w.str(&a.doc.source);
    key!(w, "sha256");
    w.out.push(b'"');
    w.out.extend_from_slice(&sha256_hex_bytes(text));
    w.out.push(b'"');
    key!(w, "title");
    w.opt_str(a.meta.title.as_deref());
    key!(w, "url");
    w.opt_str(a.meta.url.as_deref());
    key!(w, "published");
    w.opt_str(a.meta.published.as_deref());
    key!(w, "published_source");
    w.opt_str(a.meta.published_source.map(|s| s.as_str()));
    let warnings = warnings(a);
    if !warnings.is_empty() {
        key!(w, "warnings");
        let _ = serde_json::to_writer(&mut *w.out, &warnings);
    }
    key!(w, "entities");
    w.array(&a.entities, |w, i, e| {
        w.object(|w| {
            key!(w, "id");
            w.id("e", i);
            key!(w, "type");
            w.lit(e.kind.as_str());
            w.span(text, e.span);
            key!(w, "sentence");
            w.num(e.sentence);
            key!(w, "canonical");
            w.str(&e.canonical);
            key!(w, "key");
            w.opt_str(e.key.as_deref());
            key!(w, "country");
            w.country(e.country);
            key!(w, "how");
            w.lit(e.how.as_str());
            if let Some(t) = &e.timex {
                key!(w, "value");
                w.str(&t.value);
                key!(w, "timex_type");
                w.lit(t.timex_type.as_str());
                key!(w, "interval");
                match t.interval {
                    Some((b, e)) => w.object(|w| {
                        key!(w, "begin");
                        w.day(Some(b));
                        key!(w, "end");
                        w.day(Some(e));
                    }),
                    None => w.out.extend_from_slice(b"null"),
                }
                key!(w, "granularity");
                w.lit(t.granularity);
            }
        })
    });
    key!(w, "events");
    w.array(&a.events, |w, i, e| {
        w.object(|w| {
            key!(w, "id");
            w.id("ev", i);
            key!(w, "type");
            w.lit(e.kind.as_str());
            key!(w, "cameo");
            w.str(&e.cameo);
            key!(w, "trigger");
            w.trigger(text, e.trigger);
            key!(w, "sentence");
            w.num(e.sentence);
            key!(w, "evidence");
            w.str(&text[a.sentences[e.sentence].span]);
            key!(w, "mentions");
            w.array(&e.mentions, |w, _, m| {
                w.object(|w| {
                    key!(w, "trigger");
                    w.trigger(text, m.trigger);
                    key!(w, "sentence");
                    w.num(m.sentence);
                    key!(w, "arguments");
                    w.args(text, &m.arguments);
                    if m.time.is_some() {
                        key!(w, "time");
                        w.time(&m.time);
                    }
                })
            });
            key!(w, "arguments");
            w.args(text, &e.arguments);
            key!(w, "time");
            w.time(&e.time);
            key!(w, "modality");
            w.lit(e.modality.as_str());
            if !e.conflicts.is_empty() {
                key!(w, "conflicts");
                let conflicts: Vec<ConflictJ<'_>> = e
                    .conflicts
                    .iter()
                    .map(|c| ConflictJ {
                        field: c.field,
                        values: &c.values,
                    })
                    .collect();
                let _ = serde_json::to_writer(&mut *w.out, &conflicts);
            }
            key!(w, "confidence");
            let _ = serde_json::to_writer(&mut *w.out, &e.confidence);
            key!(w, "rule");
            w.str(&e.rule);
            if !e.reports.is_empty() {
                key!(w, "reports");
                w.array(&e.reports, |w, _, &r| w.id("ev", r));
            }
        })
    });
    w.out.extend_from_slice(b"}\n");
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

#[cfg(test)]
mod tests {
    use super::{needs_escape, sha256_hex};

    #[test]
    fn sha256_hex_is_the_lowercase_digest() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn needs_escape_finds_every_escaped_byte() {
        let plain = "aé€\u{7f}~ ".repeat(4);
        for len in 0..plain.len() {
            let plain = &plain.as_bytes()[..len];
            assert!(!needs_escape(plain), "{plain:?}");
            for at in 0..len {
                for bad in (0u8..0x20).chain([b'"', b'\\']) {
                    let mut s = plain.to_vec();
                    s[at] = bad;
                    assert!(needs_escape(&s), "{s:?}");
                }
            }
        }
    }
}
