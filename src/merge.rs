//! Merging across documents (`extract --merge`): the same real-world event reported by several
//! documents becomes one merged fact listing every source mention, the values the sources agree
//! on and the ones they disagree on.
//!
//! Memory stays small: [`records`] reduces each analysed document to one small [`Record`] per
//! event (type, named participants, dates, ids), and the [`Merger`] keeps only those records,
//! grouped, with an index of the groups by their named participants.
//!
//! Two events are the same fact when they have the same type, share a named participant in a key
//! role (actor, person, victim, target) with no key role filled differently (a destination
//! counts as the same when both lie in one country: Moscow and Russia), and their dates overlap
//! (dates taken from the publication date are not compared). Speech acts are never merged: two
//! statements are two statements.

use crate::export::event_id;
use crate::model::{Analysis, EventType, Iso3, Modality, Role, TimeSource};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// A participant of an event, as merging compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// Its role.
    pub role: Role,
    /// Who or what it is.
    pub canonical: String,
    /// Gazetteer key.
    pub key: Option<String>,
    /// Country.
    pub country: Option<Iso3>,
    /// True when it names an entity (only named participants make two reports one fact).
    pub named: bool,
}

impl Participant {
    fn same(&self, o: &Participant) -> bool {
        self.canonical == o.canonical || self.key.is_some() && self.key == o.key
    }
}

/// First and last day, each if known.
pub type DaySpan = (Option<NaiveDate>, Option<NaiveDate>);

/// The small record merging keeps for one event of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The document's id.
    pub doc_id: String,
    /// The event's id in its document (`ev3`).
    pub event_id: String,
    /// Event type.
    pub kind: EventType,
    /// CAMEO code.
    pub cameo: String,
    /// Modality.
    pub modality: Modality,
    /// Named participants (arguments naming an entity).
    pub participants: Vec<Participant>,
    /// Time value of the event (not a publication-date fallback).
    pub value: Option<String>,
    /// Begin and end dates the event and each of its mentions give, in document order.
    pub spans: Vec<DaySpan>,
}

impl Record {
    fn interval(&self) -> Option<(NaiveDate, NaiveDate)> {
        let b = self.spans.iter().filter_map(|s| s.0).min()?;
        let e = self.spans.iter().filter_map(|s| s.1.or(s.0)).max()?;
        Some((b, e))
    }
}

const KEY_ROLES: [Role; 5] = [
    Role::Actor,
    Role::Person,
    Role::Victim,
    Role::Target,
    Role::Destination,
];

/// The records of a document's events that can be merged: not speech acts, with at least one
/// named participant in a key role.
pub fn records(a: &Analysis<'_>) -> Vec<Record> {
    let mut out = Vec::new();
    for (i, e) in a.events.iter().enumerate() {
        if e.kind.is_speech_act() {
            continue;
        }
        let mut participants: Vec<Participant> = Vec::new();
        for arg in e
            .arguments
            .iter()
            .chain(e.mentions.iter().flat_map(|m| m.arguments.iter()))
        {
            let named = arg.entity.is_some() || arg.key.is_some();
            if !named && !KEY_ROLES.contains(&arg.role) {
                continue;
            }
            let p = Participant {
                named,
                role: arg.role,
                canonical: arg.canonical.to_string(),
                key: arg.key.as_deref().map(str::to_string),
                country: arg.country,
            };
            if !participants.iter().any(|q| q.role == p.role && q.same(&p)) {
                participants.push(p);
            }
        }
        if !participants
            .iter()
            .any(|p| p.named && KEY_ROLES[..4].contains(&p.role))
        {
            continue;
        }
        let own = |t: &Option<crate::model::EventTime>| {
            t.as_ref()
                .filter(|t| t.source != TimeSource::Published)
                .map(|t| (t.begin, t.end))
        };
        let mut spans: Vec<DaySpan> = Vec::new();
        // the event's own time first, then each mention's (a headline may disagree)
        let main_sentence = e.sentence;
        let mut timed: Vec<(usize, DaySpan)> = Vec::new();
        if let Some(s) = own(&e.time) {
            timed.push((main_sentence, s));
        }
        for m in &e.mentions {
            if let Some(s) = own(&m.time) {
                timed.push((m.sentence, s));
            }
        }
        timed.sort_by_key(|(s, _)| *s);
        spans.extend(timed.into_iter().map(|(_, s)| s));
        out.push(Record {
            doc_id: a.doc.id.clone(),
            event_id: event_id(i),
            kind: e.kind,
            cameo: e.cameo.to_string(),
            modality: e.modality,
            participants,
            value: e
                .time
                .as_ref()
                .filter(|t| t.source != TimeSource::Published)
                .map(|t| t.value.clone()),
            spans,
        });
    }
    out
}

/// Two values of a field that the sources give differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergedConflict {
    /// `time.begin` or `time.end`.
    pub field: &'static str,
    /// The values, the best supported first.
    pub values: Vec<String>,
}

/// One fact merged from several documents.
#[derive(Clone, Debug, PartialEq)]
pub struct MergedEvent {
    /// `m1`, `m2`, … in order of the fact's first mention.
    pub id: String,
    /// Event type.
    pub kind: EventType,
    /// CAMEO code of the first mention.
    pub cameo: String,
    /// The modality most sources give (the first mention's on a tie).
    pub modality: Modality,
    /// Participants, each once (first mention's form).
    pub arguments: Vec<Participant>,
    /// The time value of the first mention that gives one.
    pub value: Option<String>,
    /// The best supported first day.
    pub begin: Option<NaiveDate>,
    /// The best supported last day.
    pub end: Option<NaiveDate>,
    /// Fields the sources disagree on.
    pub conflicts: Vec<MergedConflict>,
    /// The source events: (doc_id, event_id).
    pub mentions: Vec<(String, String)>,
}

/// Collects records and merges them when the run is over.
///
/// A record joins the first group it is compatible with. A group keeps, besides its records,
/// what merging compares of them (its distinct key-role participants, the latest first day
/// and the earliest last day), and the groups are indexed by their named participants, which a
/// record must share with a group to join it: adding a record costs what its candidate groups
/// hold, not what the run has seen (40,000 reports of one meeting took 88 s before).
#[derive(Debug, Default)]
pub struct Merger {
    groups: Vec<Group>,
    /// Groups by a named participant in a role that makes two reports one fact.
    index: FxHashMap<IndexKey, Vec<usize>>,
}

/// A key of [`Merger`]'s index: (type, role, true for a gazetteer key and false for a canonical
/// name, the key or name).
type IndexKey = (EventType, Role, bool, String);

/// The index keys under which a participant finds (and files) the groups of an event type:
/// its canonical name and its gazetteer key, if any.
fn index_keys(kind: EventType, p: &Participant) -> impl Iterator<Item = IndexKey> + '_ {
    std::iter::once((kind, p.role, false, p.canonical.clone()))
        .chain(p.key.iter().map(move |k| (kind, p.role, true, k.clone())))
}

/// Records of one fact and what merging compares of them.
#[derive(Debug, Default)]
struct Group {
    records: Vec<Record>,
    /// The distinct participants of its records in key roles.
    participants: Vec<Participant>,
    /// The latest first day and the earliest last day of its records' intervals.
    window: Option<(NaiveDate, NaiveDate)>,
}

/// A participant that makes two reports one fact when both name it (see [`compatible`]).
fn shares(p: &Participant) -> bool {
    p.named && KEY_ROLES[..4].contains(&p.role)
}

impl Group {
    /// Adds a record; returns its participants that are new to the group.
    fn push(&mut self, r: Record) -> Vec<Participant> {
        let mut new = Vec::new();
        for p in r
            .participants
            .iter()
            .filter(|p| KEY_ROLES.contains(&p.role))
        {
            if !self.participants.contains(p) {
                self.participants.push(p.clone());
                new.push(p.clone());
            }
        }
        if let Some((b, e)) = r.interval() {
            self.window = Some(
                self.window
                    .map_or((b, e), |(wb, we)| (wb.max(b), we.min(e))),
            );
        }
        self.records.push(r);
        new
    }
}

/// True when record `r` reports the fact of group `g`: the same type, no key role filled
/// differently by any of its records, a named participant shared with one of them, and dates
/// that overlap every record's.
fn compatible(g: &Group, r: &Record) -> bool {
    if g.records[0].kind != r.kind {
        return false;
    }
    // no key role filled differently
    for p in &g.participants {
        let same_role: Vec<&Participant> =
            r.participants.iter().filter(|q| q.role == p.role).collect();
        if same_role.is_empty() {
            continue;
        }
        let ok = same_role.iter().any(|q| {
            q.same(p)
                || p.role == Role::Destination && p.country.is_some() && p.country == q.country
        });
        if !ok {
            return false;
        }
    }
    let shared = g.participants.iter().any(|p| {
        shares(p)
            && r.participants
                .iter()
                .any(|q| q.role == p.role && q.named && q.same(p))
    });
    if !shared {
        return false;
    }
    // dates overlap every record's: the latest first day and the earliest last day decide
    match (g.window, r.interval()) {
        (Some((b1, e1)), Some((b2, e2))) => b1 <= e2 && b2 <= e1,
        _ => true,
    }
}

/// The values of a field by support (count, then first appearance).
fn ranked(values: &[String]) -> Vec<String> {
    let mut order: Vec<(String, usize, usize)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match order.iter_mut().find(|(x, _, _)| x == v) {
            Some(e) => e.1 += 1,
            None => order.push((v.clone(), 1, i)),
        }
    }
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    order.into_iter().map(|(v, _, _)| v).collect()
}

impl Merger {
    /// An empty merger.
    pub fn new() -> Merger {
        Merger::default()
    }

    /// Adds the records of one document (call in input order for stable ids).
    pub fn add(&mut self, records: Vec<Record>) {
        let mut candidates: Vec<usize> = Vec::new();
        for r in records {
            // the groups that share a named participant with the record, in order
            candidates.clear();
            for q in r.participants.iter().filter(|q| shares(q)) {
                for key in index_keys(r.kind, q) {
                    if let Some(gs) = self.index.get(&key) {
                        candidates.extend_from_slice(gs);
                    }
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let found = candidates
                .iter()
                .copied()
                .find(|&gi| compatible(&self.groups[gi], &r));
            let gi = found.unwrap_or_else(|| {
                self.groups.push(Group::default());
                self.groups.len() - 1
            });
            let kind = r.kind;
            for p in self.groups[gi].push(r).iter().filter(|p| shares(p)) {
                for key in index_keys(kind, p) {
                    let gs = self.index.entry(key).or_default();
                    if gs.last() != Some(&gi) {
                        gs.push(gi);
                    }
                }
            }
        }
    }

    /// Records kept so far.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.records.len()).sum()
    }

    /// True when no record was kept.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The facts reported by more than one document.
    pub fn finish(self) -> Vec<MergedEvent> {
        let mut out = Vec::new();
        for Group { records: g, .. } in self.groups {
            let mut docs: Vec<&str> = g.iter().map(|r| r.doc_id.as_str()).collect();
            docs.dedup();
            if docs.len() < 2 {
                continue;
            }
            let mut arguments: Vec<Participant> = Vec::new();
            for p in g.iter().flat_map(|r| r.participants.iter()) {
                if !arguments.iter().any(|q| q.role == p.role && q.same(p)) {
                    arguments.push(p.clone());
                }
            }
            let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
            let begins: Vec<String> = g
                .iter()
                .flat_map(|r| r.spans.iter().filter_map(|s| s.0))
                .map(day)
                .collect();
            let ends: Vec<String> = g
                .iter()
                .flat_map(|r| r.spans.iter().filter_map(|s| s.1))
                .map(day)
                .collect();
            let (begins, ends) = (ranked(&begins), ranked(&ends));
            let mut conflicts = Vec::new();
            if begins.len() > 1 {
                conflicts.push(MergedConflict {
                    field: "time.begin",
                    values: begins.clone(),
                });
            }
            if ends.len() > 1 {
                conflicts.push(MergedConflict {
                    field: "time.end",
                    values: ends.clone(),
                });
            }
            let parse =
                |v: Option<&String>| v.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            let mut modalities: BTreeMap<Modality, usize> = BTreeMap::new();
            for r in &g {
                *modalities.entry(r.modality).or_default() += 1;
            }
            let best = modalities.values().copied().max().unwrap_or(0);
            let modality = g
                .iter()
                .map(|r| r.modality)
                .find(|m| modalities.get(m) == Some(&best))
                .unwrap_or(Modality::Asserted);
            out.push(MergedEvent {
                id: format!("m{}", out.len() + 1),
                kind: g[0].kind,
                cameo: g[0].cameo.clone(),
                modality,
                arguments,
                value: g.iter().find_map(|r| r.value.clone()),
                begin: parse(begins.first()),
                end: parse(ends.first()),
                conflicts,
                mentions: g
                    .iter()
                    .map(|r| (r.doc_id.clone(), r.event_id.clone()))
                    .collect(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `compatible` as first written, over every record of a group.
    fn compatible_records(g: &[&Record], r: &Record) -> bool {
        if g[0].kind != r.kind {
            return false;
        }
        for x in g {
            for p in x
                .participants
                .iter()
                .filter(|p| KEY_ROLES.contains(&p.role))
            {
                let same_role: Vec<&Participant> =
                    r.participants.iter().filter(|q| q.role == p.role).collect();
                if !same_role.is_empty()
                    && !same_role.iter().any(|q| {
                        q.same(p)
                            || p.role == Role::Destination
                                && p.country.is_some()
                                && p.country == q.country
                    })
                {
                    return false;
                }
            }
        }
        let shared = g.iter().any(|x| {
            x.participants.iter().any(|p| {
                shares(p)
                    && r.participants
                        .iter()
                        .any(|q| q.role == p.role && q.named && q.same(p))
            })
        });
        shared
            && g.iter().all(|x| match (x.interval(), r.interval()) {
                (Some((b1, e1)), Some((b2, e2))) => b1 <= e2 && b2 <= e1,
                _ => true,
            })
    }

    /// The plain first fit the indexed merger must equal: a record joins the first group, in
    /// creation order, that `compatible_records` accepts.
    fn reference_groups(records: &[Record]) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let fits = |g: &Vec<usize>| {
                let members: Vec<&Record> = g.iter().map(|&j| &records[j]).collect();
                compatible_records(&members, r)
            };
            match groups.iter_mut().find(|g| fits(g)) {
                Some(g) => g.push(i),
                None => groups.push(vec![i]),
            }
        }
        groups
    }

    fn arb_record() -> impl Strategy<Value = Record> {
        let names = ["Li Shangfu", "Xi Jinping", "Sergey Shoigu", "police"];
        let roles = [Role::Actor, Role::Person, Role::Victim, Role::Destination];
        // a key apart from the name, so that two names can share a key (`Moscow`, `Moskva`)
        let participant = (0..4usize, 0..4usize, any::<bool>(), 0..4usize, 0..3usize).prop_map(
            move |(n, r, named, k, c)| Participant {
                role: roles[r],
                canonical: names[n].to_string(),
                key: (k < 2).then(|| format!("k{k}")),
                country: [None, Iso3::parse("RUS"), Iso3::parse("CHN")][c],
                named,
            },
        );
        let day = (0..6u32).prop_map(|d| NaiveDate::from_ymd_opt(2023, 4, 14 + d));
        (
            proptest::collection::vec(participant, 0..4),
            proptest::collection::vec((day.clone(), day), 0..3),
            any::<bool>(),
        )
            .prop_map(|(participants, spans, meet)| Record {
                doc_id: String::new(),
                event_id: String::new(),
                kind: if meet {
                    EventType::Meet
                } else {
                    EventType::Visit
                },
                cameo: String::new(),
                modality: Modality::Asserted,
                participants,
                value: None,
                spans,
            })
    }

    proptest! {
        #[test]
        fn the_index_and_summaries_group_as_the_plain_first_fit(
            records in proptest::collection::vec(arb_record(), 0..40)
        ) {
            let mut m = Merger::new();
            let mut records = records;
            for (i, r) in records.iter_mut().enumerate() {
                r.doc_id = format!("d{i}");
            }
            for r in &records {
                m.add(vec![r.clone()]);
            }
            let got: Vec<Vec<String>> = m
                .groups
                .iter()
                .map(|g| g.records.iter().map(|r| r.doc_id.clone()).collect())
                .collect();
            let want: Vec<Vec<String>> = reference_groups(&records)
                .into_iter()
                .map(|g| g.into_iter().map(|i| format!("d{i}")).collect())
                .collect();
            prop_assert_eq!(got, want);
        }
    }

    fn rec(doc: &str, actor: &str, dest_country: &str, b: &str, e: &str) -> Record {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        Record {
            doc_id: doc.into(),
            event_id: "ev1".into(),
            kind: EventType::Visit,
            cameo: "036".into(),
            modality: Modality::Planned,
            participants: vec![
                Participant {
                    role: Role::Actor,
                    canonical: actor.into(),
                    key: None,
                    country: None,
                    named: true,
                },
                Participant {
                    role: Role::Destination,
                    canonical: format!("a city of {dest_country}"),
                    key: None,
                    country: Iso3::parse(dest_country),
                    named: true,
                },
            ],
            value: None,
            spans: vec![(d(b), d(e))],
        }
    }

    #[test]
    fn same_visitor_same_country_overlapping_dates_merge_with_conflict() {
        let mut m = Merger::new();
        m.add(vec![rec(
            "a",
            "Li Shangfu",
            "RUS",
            "2023-04-16",
            "2023-04-19",
        )]);
        m.add(vec![rec(
            "b",
            "Li Shangfu",
            "RUS",
            "2023-04-16",
            "2023-04-18",
        )]);
        m.add(vec![rec(
            "c",
            "Li Shangfu",
            "RUS",
            "2023-04-16",
            "2023-04-19",
        )]);
        // another visitor, another destination country, or disjoint dates: separate facts
        m.add(vec![rec(
            "d",
            "Xi Jinping",
            "RUS",
            "2023-04-16",
            "2023-04-19",
        )]);
        m.add(vec![rec(
            "e",
            "Li Shangfu",
            "BLR",
            "2023-04-16",
            "2023-04-19",
        )]);
        m.add(vec![rec(
            "f",
            "Li Shangfu",
            "RUS",
            "2023-05-16",
            "2023-05-19",
        )]);
        assert_eq!(m.len(), 6);
        let out = m.finish();
        assert_eq!(out.len(), 1);
        let f = &out[0];
        assert_eq!(f.mentions.len(), 3);
        assert_eq!(f.begin.unwrap().to_string(), "2023-04-16");
        assert_eq!(f.end.unwrap().to_string(), "2023-04-19");
        assert_eq!(
            f.conflicts,
            vec![MergedConflict {
                field: "time.end",
                values: vec!["2023-04-19".into(), "2023-04-18".into()]
            }]
        );
    }
}
