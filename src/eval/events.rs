//! Event extraction scored against ACE-style gold events: M2E2 (`m2e2/dev.jsonl`, ACE 2005 types)
//! and WikiEvents (`wikievents/dev.jsonl`, KAIROS types).
//!
//! Documents are rebuilt from the corpus (M2E2: the sentences of a document joined by newlines,
//! tokens aligned left to right as the referee `score_m2e2_events.py` does; WikiEvents: the
//! sentences' own text joined by newlines), run through the pipeline, and compared:
//!
//! * trigger identification: a predicted trigger (event or mention) overlaps a gold trigger;
//!   classification: and its type maps to the gold type ([`M2E2_TYPES`], [`WIKIEVENTS_TYPES`]);
//!   events of types outside the map are ignored; one-to-one greedy matching in text order.
//! * argument identification inside classified pairs: spans overlap; classification: and the gold
//!   role is one the predicted role may stand for ([`M2E2_ROLES`], [`WIKIEVENTS_ROLES`]).
//!
//! The type and role maps are the referee's (M2E2) and their KAIROS counterparts (WikiEvents).

use super::entities::ErrorCount;
use super::Prf;
use crate::error::{Error, Result};
use crate::model::{Document, EventType, Role};
use crate::pipeline::Pipeline;
use crate::span::Span;
use serde::Deserialize;
use serde::Serialize;

/// Our event types → the ACE types of M2E2 (as the referee scorer maps them).
pub const M2E2_TYPES: &[(EventType, &str)] = &[
    (EventType::Meet, "Contact:Meet"),
    (EventType::Visit, "Movement:Transport"),
    (EventType::Move, "Movement:Transport"),
    (EventType::Fight, "Conflict:Attack"),
    (EventType::Demonstrate, "Conflict:Demonstrate"),
    (EventType::Arrest, "Justice:Arrest-Jail"),
    (EventType::Kill, "Life:Die"),
    (EventType::PhoneCall, "Contact:Phone-Write"),
    (EventType::TransferMoney, "Transaction:Transfer-Money"),
];

/// Our roles → the ACE roles they may stand for (lenient, as the referee scorer).
pub const M2E2_ROLES: &[(Role, &[&str])] = &[
    (
        Role::Actor,
        &["Attacker", "Agent", "Entity", "Person", "Artifact", "Giver"],
    ),
    (
        Role::Target,
        &[
            "Target",
            "Victim",
            "Entity",
            "Person",
            "Recipient",
            "Police",
        ],
    ),
    (Role::Destination, &["Destination"]),
    (Role::Location, &["Place"]),
    (Role::Origin, &["Origin"]),
    (Role::Instrument, &["Instrument"]),
    (Role::Vehicle, &["Vehicle"]),
    (Role::Artifact, &["Artifact"]),
    (Role::Addressee, &["Entity"]),
    (Role::Agent, &["Agent"]),
    (Role::Person, &["Person"]),
    (Role::Victim, &["Victim"]),
    (Role::Beneficiary, &["Beneficiary"]),
];

/// Our event types → KAIROS type prefixes of WikiEvents (a gold type matches when it starts with
/// the prefix): MEET → Contact.Contact.Meet, VISIT/MOVE → Movement.Transportation, FIGHT →
/// Conflict.Attack, ARREST → Justice.ArrestJailDetain, KILL → Life.Die, DEMONSTRATE →
/// Conflict.Demonstrate, THREATEN → Contact.ThreatenCoerce, STATEMENT → Contact.Contact.Broadcast,
/// APPEAL → Contact.RequestCommand (not its Meet subtype).
pub const WIKIEVENTS_TYPES: &[(EventType, &str)] = &[
    (EventType::Meet, "Contact.Contact.Meet"),
    (EventType::Meet, "Contact.RequestCommand.Meet"),
    (EventType::Visit, "Movement.Transportation"),
    (EventType::Move, "Movement.Transportation"),
    (EventType::Fight, "Conflict.Attack"),
    (EventType::Arrest, "Justice.ArrestJailDetain"),
    (EventType::Kill, "Life.Die"),
    (EventType::Demonstrate, "Conflict.Demonstrate"),
    (EventType::Threaten, "Contact.ThreatenCoerce"),
    (EventType::Statement, "Contact.Contact.Broadcast"),
    (EventType::Appeal, "Contact.RequestCommand.Unspecified"),
    (EventType::Appeal, "Contact.RequestCommand.Broadcast"),
];

/// Our roles → KAIROS roles of WikiEvents.
pub const WIKIEVENTS_ROLES: &[(Role, &[&str])] = &[
    (
        Role::Actor,
        &[
            "Attacker",
            "Killer",
            "Participant",
            "Communicator",
            "Transporter",
            "Passenger",
            "Jailer",
            "Demonstrator",
            "Detainee",
        ],
    ),
    (
        Role::Target,
        &["Target", "Victim", "Participant", "Recipient"],
    ),
    (Role::Destination, &["Destination"]),
    (Role::Location, &["Place"]),
    (Role::Origin, &["Origin"]),
    (Role::Instrument, &["Instrument"]),
    (Role::Vehicle, &["Vehicle"]),
    (Role::Artifact, &["Artifact", "Passenger"]),
    (Role::Addressee, &["Recipient"]),
    (Role::Agent, &["Transporter"]),
    (Role::Person, &["Detainee"]),
    (Role::Victim, &["Victim"]),
];

/// Which corpus format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corpus {
    /// M2E2 sentence JSON Lines (ACE types).
    M2e2,
    /// WikiEvents document JSON Lines (KAIROS types).
    WikiEvents,
}

/// A gold or predicted argument.
#[derive(Clone, Debug, PartialEq)]
struct Arg {
    /// Gold: its role. Predicted: the gold roles its role may stand for.
    roles: Vec<String>,
    span: Span,
    /// The role as the error listing names it (gold role, or our role).
    label: String,
}

/// A gold or predicted event mention.
#[derive(Clone, Debug)]
struct Mention {
    /// Gold: the corpus type. Predicted: the mapped gold types it may match.
    types: Vec<String>,
    span: Span,
    args: Vec<Arg>,
    /// The type as the error listing names it (gold type, or ours: `VISIT/MOVE`).
    label: String,
}

impl Arg {
    fn gold(role: &str, span: Span) -> Arg {
        Arg {
            roles: vec![role.to_string()],
            span,
            label: role.to_string(),
        }
    }
}

impl Mention {
    fn gold(kind: &str, span: Span, args: Vec<Arg>) -> Mention {
        Mention {
            types: vec![kind.to_string()],
            span,
            args,
            label: kind.to_string(),
        }
    }
}

/// A rebuilt document and its gold events.
struct GoldDoc {
    doc: Document,
    events: Vec<Mention>,
}

/// The scores of one run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EventScores {
    /// Documents scored.
    pub documents: usize,
    /// Trigger identification.
    pub trigger_identification: Prf,
    /// Trigger classification.
    pub trigger_classification: Prf,
    /// Argument identification.
    pub argument_identification: Prf,
    /// Argument classification.
    pub argument_classification: Prf,
    /// Trigger and argument classification per gold type, in the order of the type map; the
    /// rows add up to the totals above.
    pub by_type: Vec<TypeScores>,
    /// The errors, when asked for (`evaluate`'s `errors` above 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<EventErrors>,
}

/// Trigger and argument classification of one gold type.
///
/// A gold mention counts under its type; a predicted one under the type of the gold mention it
/// matched, or else under the first gold type its own type maps to.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TypeScores {
    /// The gold type (M2E2: the ACE type; WikiEvents: the KAIROS type prefix of the map).
    #[serde(rename = "type")]
    pub gold_type: String,
    /// Our event types that map to it.
    pub ours: Vec<EventType>,
    /// Trigger classification.
    pub trigger_classification: Prf,
    /// Argument classification.
    pub argument_classification: Prf,
}

/// One kind of error with its total and its most frequent cases.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ErrorList {
    /// How many errors of this kind.
    pub total: usize,
    /// The most frequent, as `TYPE "text"` or `TYPE/ROLE "text"`, with a first example.
    pub most_frequent: Vec<ErrorCount>,
}

/// What the pipeline got wrong, by kind.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EventErrors {
    /// Predicted triggers that match no gold trigger of their type (our type named).
    pub spurious_triggers: ErrorList,
    /// Gold triggers no prediction of their type matches (the gold type named).
    pub missed_triggers: ErrorList,
    /// Arguments of matched triggers that match no gold argument in span and role (our type and
    /// role named).
    pub spurious_arguments: ErrorList,
    /// Gold arguments of matched triggers that no predicted argument matches in span and role
    /// (the gold type and role named), whether missed or given another role.
    pub missed_arguments: ErrorList,
}

impl EventScores {
    /// A readable table: the totals, the scores per gold type, and the errors if listed.
    pub fn table(&self) -> String {
        let header = |title: &str| {
            format!(
                "{title:<26} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n",
                "gold", "pred", "tp", "P", "R", "F1"
            )
        };
        let mut s = header("metric");
        for (name, p) in [
            ("trigger identification", self.trigger_identification),
            ("trigger classification", self.trigger_classification),
            ("argument identification", self.argument_identification),
            ("argument classification", self.argument_classification),
        ] {
            s.push_str(&format!("{name:<26} {p}\n"));
        }
        s.push_str(&format!("\n{}", header("by gold type")));
        for t in &self.by_type {
            let ours: Vec<&str> = t.ours.iter().map(|k| k.as_str()).collect();
            s.push_str(&format!("{} ({})\n", t.gold_type, ours.join(", ")));
            s.push_str(&format!(
                "  {:<24} {}\n",
                "triggers", t.trigger_classification
            ));
            s.push_str(&format!(
                "  {:<24} {}\n",
                "arguments", t.argument_classification
            ));
        }
        if let Some(e) = &self.errors {
            for (name, list) in [
                ("spurious triggers", &e.spurious_triggers),
                ("missed triggers", &e.missed_triggers),
                (
                    "spurious arguments of matched triggers",
                    &e.spurious_arguments,
                ),
                ("missed arguments of matched triggers", &e.missed_arguments),
            ] {
                s.push_str(&format!("\n{name} ({}):\n", list.total));
                for x in &list.most_frequent {
                    s.push_str(&format!(
                        "  {:>4} {}  e.g. {}\n",
                        x.count, x.text, x.example
                    ));
                }
            }
        }
        s
    }
}

fn bad(path: &str, line: usize, msg: impl Into<String>) -> Error {
    Error::data(path, line as u64, msg)
}

/// Byte offset of char offset `c` in `s`.
fn byte_at(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

#[derive(Deserialize)]
struct M2e2Arg {
    role: String,
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct M2e2Trigger {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct M2e2Event {
    event_type: String,
    trigger: M2e2Trigger,
    #[serde(default)]
    arguments: Vec<M2e2Arg>,
}

#[derive(Deserialize)]
struct M2e2Sentence {
    sentence_id: String,
    sentence: String,
    words: Vec<String>,
    #[serde(rename = "golden-event-mentions", default)]
    events: Vec<M2e2Event>,
}

/// Aligns tokens to the sentence string left to right, re-attaching tokens lost at its end
/// (the referee's `align_sentence`): the sentence text and each token's char span.
fn align(sentence: &str, words: &[String]) -> (String, Vec<(usize, usize)>) {
    let chars: Vec<char> = sentence.chars().collect();
    let find = |w: &[char], from: usize, hay: &[char]| -> Option<usize> {
        if w.is_empty() {
            return Some(from);
        }
        (from..=hay.len().saturating_sub(w.len())).find(|&i| hay[i..i + w.len()] == *w)
    };
    let wchars: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    let mut found = Vec::with_capacity(words.len());
    let mut pos = 0;
    for w in &wchars {
        let j = if pos <= chars.len() {
            find(w, pos, &chars)
        } else {
            None
        };
        if let Some(j) = j {
            pos = j + w.len();
        }
        found.push(j);
    }
    let mut last = words.len();
    while last > 0 && found[last - 1].is_none() {
        last -= 1;
    }
    let mut s: Vec<char> = chars.clone();
    let mut spans = Vec::with_capacity(words.len());
    let mut pos = 0;
    for (i, w) in wchars.iter().enumerate() {
        if i < last {
            match found[i] {
                Some(j) => {
                    spans.push((j, j + w.len()));
                    pos = j + w.len();
                }
                None => spans.push((pos, pos)),
            }
            continue;
        }
        let rest: String = s[pos.min(s.len())..].iter().collect();
        let stripped = rest.trim();
        if !stripped.is_empty() && w.iter().collect::<String>().starts_with(stripped) {
            let lead = rest.chars().count() - rest.trim_start().chars().count();
            s.truncate(pos + lead);
            s.extend(w.iter());
            spans.push((pos + lead, pos + lead + w.len()));
        } else {
            let glue = !w.first().is_some_and(|c| c.is_alphanumeric())
                || s.is_empty()
                || s.last().is_some_and(|c| c.is_whitespace());
            if !glue {
                s.push(' ');
            }
            s.extend(w.iter());
            spans.push((s.len() - w.len(), s.len()));
        }
        pos = spans[spans.len() - 1].1;
    }
    (s.into_iter().collect(), spans)
}

fn m2e2_docs(path: &str, content: &str) -> Result<Vec<GoldDoc>> {
    let mut by_doc: std::collections::BTreeMap<String, Vec<(usize, M2e2Sentence)>> =
        Default::default();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: M2e2Sentence =
            serde_json::from_str(line).map_err(|e| bad(path, n + 1, e.to_string()))?;
        let (doc, idx) = r
            .sentence_id
            .rsplit_once('_')
            .ok_or_else(|| bad(path, n + 1, "sentence_id without _index"))?;
        let idx: usize = idx
            .parse()
            .map_err(|_| bad(path, n + 1, "sentence index is not a number"))?;
        by_doc.entry(doc.to_string()).or_default().push((idx, r));
    }
    let mut out = Vec::new();
    for (id, mut rows) in by_doc {
        rows.sort_by_key(|(i, _)| *i);
        let mut text = String::new();
        let mut events = Vec::new();
        for (k, (_, r)) in rows.iter().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            let base = text.len();
            let (stext, spans) = align(&r.sentence, &r.words);
            let tok: Vec<Span> = spans
                .iter()
                .map(|&(a, b)| Span::new(base + byte_at(&stext, a), base + byte_at(&stext, b)))
                .collect();
            let span = |a: usize, b: usize| -> Option<Span> {
                let ts: Vec<Span> = tok.get(a..b)?.to_vec();
                let nonempty: Vec<&Span> = ts.iter().filter(|t| t.end > t.start).collect();
                let (f, l) = match (nonempty.first(), nonempty.last()) {
                    (Some(f), Some(l)) => (**f, **l),
                    _ => (*ts.first()?, *ts.last()?),
                };
                Some(Span::new(f.start, l.end))
            };
            for ev in &r.events {
                let Some(sp) = span(ev.trigger.start, ev.trigger.end) else {
                    continue;
                };
                let args = ev
                    .arguments
                    .iter()
                    .filter_map(|a| Some(Arg::gold(&a.role, span(a.start, a.end)?)))
                    .collect();
                events.push(Mention::gold(&ev.event_type, sp, args));
            }
            text.push_str(&stext);
        }
        // the date is in the id: VOA_EN_NW_2016.04.19.xxx
        let date = id.split('_').find_map(|p| {
            let d: Vec<&str> = p.split('.').collect();
            (d.len() >= 3 && d[0].len() == 4 && d[0].bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("{}-{}-{}", d[0], d[1], d[2]))
        });
        let mut doc = Document::from_text(id, text);
        doc.date = date;
        out.push(GoldDoc {
            doc,
            events: dedupe(events),
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
struct WeTrigger {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct WeArg {
    entity_id: String,
    role: String,
}

#[derive(Deserialize)]
struct WeEvent {
    event_type: String,
    trigger: WeTrigger,
    #[serde(default)]
    arguments: Vec<WeArg>,
}

#[derive(Deserialize)]
struct WeEntity {
    id: String,
    start: usize,
    end: usize,
}

/// A WikiEvents sentence: its tokens as (text, char start, char end), and its text.
type WeSentence = (Vec<(String, usize, usize)>, String);

#[derive(Deserialize)]
struct WeDoc {
    doc_id: String,
    /// Each sentence: (tokens as [text, char start, char end], sentence text).
    sentences: Vec<WeSentence>,
    #[serde(default)]
    entity_mentions: Vec<WeEntity>,
    #[serde(default)]
    event_mentions: Vec<WeEvent>,
}

fn wikievents_docs(path: &str, content: &str) -> Result<Vec<GoldDoc>> {
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let d: WeDoc = serde_json::from_str(line).map_err(|e| bad(path, n + 1, e.to_string()))?;
        // sentences joined by newlines; token spans re-based onto the rebuilt text
        let mut text = String::new();
        let mut tok: Vec<Span> = Vec::new();
        for (k, (tokens, stext)) in d.sentences.iter().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            let base = text.len();
            let s0 = tokens.first().map_or(0, |t| t.1);
            for (_, a, b) in tokens {
                let (a, b) = (a.saturating_sub(s0), b.saturating_sub(s0));
                tok.push(Span::new(
                    base + byte_at(stext, a),
                    base + byte_at(stext, b),
                ));
            }
            text.push_str(stext);
        }
        let span = |a: usize, b: usize| -> Option<Span> {
            let f = tok.get(a)?;
            let l = tok.get(b.checked_sub(1)?)?;
            Some(Span::new(f.start, l.end.max(f.start)))
        };
        let ents: std::collections::HashMap<&str, Span> = d
            .entity_mentions
            .iter()
            .filter_map(|e| Some((e.id.as_str(), span(e.start, e.end)?)))
            .collect();
        let events = d
            .event_mentions
            .iter()
            .filter_map(|ev| {
                let args = ev
                    .arguments
                    .iter()
                    .filter_map(|a| Some(Arg::gold(&a.role, *ents.get(a.entity_id.as_str())?)))
                    .collect();
                let sp = span(ev.trigger.start, ev.trigger.end)?;
                Some(Mention::gold(&ev.event_type, sp, args))
            })
            .collect();
        out.push(GoldDoc {
            doc: Document::from_text(d.doc_id, text),
            events: dedupe(events),
        });
    }
    Ok(out)
}

/// Gold mentions with the same span and type are one (their arguments pooled).
fn dedupe(events: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for e in events {
        match out
            .iter_mut()
            .find(|o| o.span == e.span && o.types == e.types)
        {
            Some(o) => {
                for a in e.args {
                    if !o.args.contains(&a) {
                        o.args.push(a);
                    }
                }
            }
            None => out.push(e),
        }
    }
    out
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Greedy one-to-one matching in order: pairs (gold, pred).
fn matching(
    n_gold: usize,
    n_pred: usize,
    ok: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut used = vec![false; n_pred];
    let mut out = Vec::new();
    for g in 0..n_gold {
        if let Some(p) = (0..n_pred).find(|&p| !used[p] && ok(g, p)) {
            used[p] = true;
            out.push((g, p));
        }
    }
    out
}

/// The sentence (line of the rebuilt text) around `span`, with `[[` `]]` around it, at most
/// about 100 bytes either side.
fn context(text: &str, span: Span) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let (a, b) = (
        floor(span.start.min(text.len())),
        ceil(span.end.min(text.len())),
    );
    let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[b..].find('\n').map_or(text.len(), |i| b + i);
    let from = floor(a.saturating_sub(100).max(line_start));
    let to = ceil((b + 100).min(line_end));
    format!(
        "{}{}[[{}]]{}{}",
        if from > line_start { "…" } else { "" },
        &text[from..a],
        &text[a..b],
        &text[b..to],
        if to < line_end { "…" } else { "" }
    )
}

/// One side of a document's matching, for the counts by type: its mentions, each one's row,
/// whether it matched, which count it adds to (gold or pred) and which error tally lists it.
type Side<'m> = (
    &'m [Mention],
    &'m [usize],
    &'m [bool],
    fn(&mut Prf) -> &mut usize,
    usize,
);

/// Counts errors by their text, keeping the first example of each.
#[derive(Default)]
struct Tally {
    total: usize,
    /// text → (count, order of the first, example)
    by_text: std::collections::HashMap<String, (usize, usize, String)>,
}

impl Tally {
    fn add(&mut self, text: String, example: impl FnOnce() -> String) {
        self.total += 1;
        let order = self.by_text.len();
        self.by_text
            .entry(text)
            .or_insert_with(|| (0, order, example()))
            .0 += 1;
    }

    /// The `n` most frequent, ties in the order they were first seen.
    fn list(self, n: usize) -> ErrorList {
        let mut v: Vec<(String, (usize, usize, String))> = self.by_text.into_iter().collect();
        v.sort_by_key(|(_, (count, order, _))| (std::cmp::Reverse(*count), *order));
        ErrorList {
            total: self.total,
            most_frequent: v
                .into_iter()
                .take(n)
                .map(|(text, (count, _, example))| ErrorCount {
                    text,
                    count,
                    example,
                })
                .collect(),
        }
    }
}

/// Scores the pipeline on a corpus file, listing up to `errors` of the most frequent errors of
/// each kind (none when 0).
pub fn evaluate(
    pipeline: &Pipeline,
    corpus: Corpus,
    path: &str,
    content: &str,
    errors: usize,
) -> Result<EventScores> {
    let (docs, types, roles) = match corpus {
        Corpus::M2e2 => (m2e2_docs(path, content)?, M2E2_TYPES, M2E2_ROLES),
        Corpus::WikiEvents => (
            wikievents_docs(path, content)?,
            WIKIEVENTS_TYPES,
            WIKIEVENTS_ROLES,
        ),
    };
    let gold_matches =
        |ours: &[String], gold: &str| ours.iter().any(|t| gold.starts_with(t.as_str()));
    // one row per gold type of the map, in map order
    let mut by_type: Vec<TypeScores> = Vec::new();
    for (ours, gold) in types {
        match by_type.iter_mut().find(|t| t.gold_type == *gold) {
            Some(t) if !t.ours.contains(ours) => t.ours.push(*ours),
            Some(_) => {}
            None => by_type.push(TypeScores {
                gold_type: gold.to_string(),
                ours: vec![*ours],
                ..TypeScores::default()
            }),
        }
    }
    let rows: Vec<String> = by_type.iter().map(|t| t.gold_type.clone()).collect();
    let row = |gold: &str| rows.iter().position(|t| gold.starts_with(t.as_str()));
    let mut sc = EventScores {
        documents: docs.len(),
        ..EventScores::default()
    };
    let mut tallies: [Tally; 4] = Default::default();
    for g in &docs {
        let a = pipeline.analyze(&g.doc);
        let text = g.doc.text.as_str();
        let quote = |span: Span| text.get(span.start..span.end).unwrap_or("");
        let example = |span: Span| move || format!("{}: {}", g.doc.id, context(text, span));
        // predicted mentions (event and its other mentions), one per span and type
        let mut pred: Vec<Mention> = Vec::new();
        for e in &a.events {
            let ts: Vec<String> = types
                .iter()
                .filter(|(k, _)| *k == e.kind)
                .map(|(_, t)| t.to_string())
                .collect();
            if ts.is_empty() {
                continue;
            }
            let args = |list: &[crate::model::Argument<'_>]| -> Vec<Arg> {
                list.iter()
                    .filter_map(|x| {
                        let r = roles.iter().find(|(r, _)| *r == x.role)?;
                        Some(Arg {
                            roles: r.1.iter().map(|s| s.to_string()).collect(),
                            span: x.span,
                            label: x.role.as_str().to_string(),
                        })
                    })
                    .collect()
            };
            let mut add = |span: Span, a: Vec<Arg>| match pred
                .iter_mut()
                .find(|p| p.span == span && p.types == ts)
            {
                Some(p) => {
                    if !p.label.split('/').any(|l| l == e.kind.as_str()) {
                        p.label = format!("{}/{}", p.label, e.kind);
                    }
                    for x in a {
                        if !p
                            .args
                            .iter()
                            .any(|y| y.span == x.span && y.roles == x.roles)
                        {
                            p.args.push(x);
                        }
                    }
                }
                None => pred.push(Mention {
                    types: ts.clone(),
                    span,
                    args: a,
                    label: e.kind.as_str().to_string(),
                }),
            };
            add(e.trigger, args(&e.arguments));
            for m in &e.mentions {
                add(m.trigger, args(&m.arguments));
            }
        }
        // only the gold types the map covers
        let gold: Vec<Mention> = g
            .events
            .iter()
            .filter(|x| row(&x.types[0]).is_some())
            .cloned()
            .collect();
        let gold = &gold;
        let mut gs: Vec<Span> = gold.iter().map(|x| x.span).collect();
        gs.sort_by_key(|s| (s.start, s.end));
        gs.dedup();
        let mut ps: Vec<Span> = pred.iter().map(|x| x.span).collect();
        ps.sort_by_key(|s| (s.start, s.end));
        ps.dedup();
        let ident = matching(gs.len(), ps.len(), |i, j| overlaps(gs[i], ps[j]));
        sc.trigger_identification.add(Prf {
            tp: ident.len(),
            pred: ps.len(),
            gold: gs.len(),
        });
        let cls = matching(gold.len(), pred.len(), |i, j| {
            overlaps(gold[i].span, pred[j].span) && gold_matches(&pred[j].types, &gold[i].types[0])
        });
        sc.trigger_classification.add(Prf {
            tp: cls.len(),
            pred: pred.len(),
            gold: gold.len(),
        });
        // each mention's row: a gold one's type; a predicted one's matched gold type, else its own
        let gold_row: Vec<usize> = gold.iter().map(|x| row(&x.types[0]).unwrap_or(0)).collect();
        let mut pred_row: Vec<usize> = pred.iter().map(|x| row(&x.types[0]).unwrap_or(0)).collect();
        let mut matched_gold = vec![false; gold.len()];
        let mut matched_pred = vec![false; pred.len()];
        for &(gi, pj) in &cls {
            pred_row[pj] = gold_row[gi];
            matched_gold[gi] = true;
            matched_pred[pj] = true;
        }
        // each mention counted under its row, the unmatched ones listed (gold: missed, tally
        // 1; predicted: spurious, tally 0)
        let sides: [Side<'_>; 2] = [
            (gold, &gold_row, &matched_gold, |p| &mut p.gold, 1),
            (&pred, &pred_row, &matched_pred, |p| &mut p.pred, 0),
        ];
        for (list, rows_of, matched, count, tally) in sides {
            for (i, x) in list.iter().enumerate() {
                let t = &mut by_type[rows_of[i]];
                *count(&mut t.trigger_classification) += 1;
                *count(&mut t.argument_classification) += x.args.len();
                if !matched[i] && errors > 0 {
                    let key = format!("{} {:?}", x.label, quote(x.span));
                    tallies[tally].add(key, example(x.span));
                }
            }
        }
        let (mut ai, mut ac) = (0, 0);
        for &(gi, pj) in &cls {
            let (ga, pa) = (&gold[gi].args, &pred[pj].args);
            ai += matching(ga.len(), pa.len(), |i, j| overlaps(ga[i].span, pa[j].span)).len();
            let args = matching(ga.len(), pa.len(), |i, j| {
                overlaps(ga[i].span, pa[j].span) && pa[j].roles.contains(&ga[i].roles[0])
            });
            ac += args.len();
            let t = &mut by_type[gold_row[gi]];
            t.trigger_classification.tp += 1;
            t.argument_classification.tp += args.len();
            if errors > 0 {
                for (i, x) in ga.iter().enumerate() {
                    if !args.iter().any(|&(k, _)| k == i) {
                        let key = format!("{}/{} {:?}", gold[gi].label, x.label, quote(x.span));
                        tallies[3].add(key, example(x.span));
                    }
                }
                for (j, x) in pa.iter().enumerate() {
                    if !args.iter().any(|&(_, k)| k == j) {
                        let key = format!("{}/{} {:?}", pred[pj].label, x.label, quote(x.span));
                        tallies[2].add(key, example(x.span));
                    }
                }
            }
        }
        let n_gold: usize = gold.iter().map(|x| x.args.len()).sum();
        let n_pred: usize = pred.iter().map(|x| x.args.len()).sum();
        sc.argument_identification.add(Prf {
            tp: ai,
            pred: n_pred,
            gold: n_gold,
        });
        sc.argument_classification.add(Prf {
            tp: ac,
            pred: n_pred,
            gold: n_gold,
        });
    }
    sc.by_type = by_type;
    if errors > 0 {
        let [spurious, missed, spurious_args, missed_args] = tallies;
        sc.errors = Some(EventErrors {
            spurious_triggers: spurious.list(errors),
            missed_triggers: missed.list(errors),
            spurious_arguments: spurious_args.list(errors),
            missed_arguments: missed_args.list(errors),
        });
    }
    Ok(sc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_reattaches_lost_tokens() {
        let words: Vec<String> = ["6", "Tons", "of", "Ivory", "."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (s, spans) = align("6 Tons of Ivor", &words);
        assert_eq!(s, "6 Tons of Ivory.");
        assert_eq!(spans[3], (10, 15));
        assert_eq!(spans[4], (15, 16));
    }

    #[test]
    fn scores_a_tiny_m2e2_file() {
        let line = r#"{"sentence_id": "VOA_EN_NW_2016.04.19.1_0", "sentence": "Police arrested two men in Cairo", "words": ["Police", "arrested", "two", "men", "in", "Cairo", "."], "golden-event-mentions": [{"event_type": "Justice:Arrest-Jail", "trigger": {"start": 1, "end": 2}, "arguments": [{"role": "Agent", "start": 0, "end": 1}, {"role": "Person", "start": 3, "end": 4}, {"role": "Place", "start": 5, "end": 6}]}]}"#;
        let p = Pipeline::new().unwrap();
        let s = evaluate(&p, Corpus::M2e2, "t.jsonl", line, 0).unwrap();
        assert_eq!(s.documents, 1);
        assert_eq!(s.trigger_classification.tp, 1);
        assert_eq!(s.trigger_classification.gold, 1);
        assert_eq!(s.argument_classification.gold, 3);
        assert!(s.argument_classification.tp >= 2, "{s:?}");
    }

    #[test]
    fn per_type_rows_add_up_and_errors_name_types_roles_and_sentences() {
        let line = r#"{"sentence_id": "VOA_EN_NW_2016.04.19.1_0", "sentence": "Police arrested two men in Cairo. Rebels attacked the town. The firm gave no money.", "words": ["Police", "arrested", "two", "men", "in", "Cairo", ".", "Rebels", "attacked", "the", "town", ".", "The", "firm", "gave", "no", "money", "."], "golden-event-mentions": [{"event_type": "Justice:Arrest-Jail", "trigger": {"start": 1, "end": 2}, "arguments": [{"role": "Agent", "start": 0, "end": 1}, {"role": "Person", "start": 2, "end": 4}, {"role": "Crime", "start": 5, "end": 6}]}, {"event_type": "Transaction:Transfer-Money", "trigger": {"start": 14, "end": 15}, "arguments": []}]}"#;
        let p = Pipeline::new().unwrap();
        let s = evaluate(&p, Corpus::M2e2, "t.jsonl", line, 5).unwrap();
        let sum = |f: fn(&TypeScores) -> Prf| {
            let mut t = Prf::default();
            s.by_type.iter().for_each(|x| t.add(f(x)));
            t
        };
        assert_eq!(sum(|t| t.trigger_classification), s.trigger_classification);
        assert_eq!(
            sum(|t| t.argument_classification),
            s.argument_classification
        );
        let row = |name: &str| s.by_type.iter().find(|t| t.gold_type == name).unwrap();
        assert_eq!(
            row("Movement:Transport").ours,
            [EventType::Visit, EventType::Move]
        );
        // the attack is no gold event: a spurious FIGHT, counted under its own type
        let attack = row("Conflict:Attack").trigger_classification;
        assert_eq!((attack.tp, attack.pred, attack.gold), (0, 1, 0), "{s:?}");
        let arrest = row("Justice:Arrest-Jail").trigger_classification;
        assert_eq!((arrest.tp, arrest.pred, arrest.gold), (1, 1, 1));
        let e = s.errors.as_ref().unwrap();
        assert_eq!(e.spurious_triggers.total, 1);
        assert_eq!(
            e.spurious_triggers.most_frequent[0].text,
            r#"FIGHT "attacked""#
        );
        assert!(e.spurious_triggers.most_frequent[0]
            .example
            .contains("Rebels [[attacked]] the town."));
        assert_eq!(e.missed_triggers.total, 1);
        assert_eq!(
            e.missed_triggers.most_frequent[0].text,
            r#"Transaction:Transfer-Money "gave""#
        );
        // "Cairo" is a place to us and a crime to the gold: missed and spurious both
        assert!(e
            .missed_arguments
            .most_frequent
            .iter()
            .any(|x| x.text == r#"Justice:Arrest-Jail/Crime "Cairo""#));
        assert!(e
            .spurious_arguments
            .most_frequent
            .iter()
            .any(|x| x.text == r#"ARREST/location "Cairo""#));
        assert!(evaluate(&p, Corpus::M2e2, "t.jsonl", line, 0)
            .unwrap()
            .errors
            .is_none());
    }

    #[test]
    fn context_marks_the_span_within_its_line() {
        let text = "First line.\nThe Chinese defence minister arrived in Moscow.\nLast.";
        let at = text.find("arrived").unwrap();
        assert_eq!(
            context(text, Span::new(at, at + 7)),
            "The Chinese defence minister [[arrived]] in Moscow."
        );
        let long = format!("{}é attacked {}", "x".repeat(150), "y".repeat(150));
        let at = long.find("attacked").unwrap();
        let c = context(&long, Span::new(at, at + 8));
        assert!(c.starts_with('…') && c.ends_with('…') && c.contains("é [[attacked]] y"));
    }
}
