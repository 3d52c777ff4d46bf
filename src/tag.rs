//! Stage 4: entity tagging. Gazetteer phrases first (longest match on token boundaries), then
//! rules beyond the lists — a title or honorific followed by a capitalised name is a person, a
//! country before a generic organisation head (`Chinese` + `Defense Ministry`) becomes that
//! organisation's country — and last, short-name coreference: a surname (or, for names written
//! family name first, the first name part) refers back to the full name elsewhere in the
//! document (`Li` → Li Shangfu, `Shoigu` → Sergey Shoigu).

use crate::data::Table;
use crate::error::Result;
use crate::gazetteer::{flags, CaseContext, Entry, Gazetteer};
use crate::model::{Analysis, Entity, EntityType, How, Iso3, SegmentKind, TokenKind};
use crate::span::Span;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

/// The entity tagging stage.
#[derive(Debug)]
pub struct Tagger {
    gazetteer: Gazetteer,
    surname_first: FxHashSet<Iso3>,
    not_name: FxHashSet<Box<str>>,
}

/// Type preference when one phrase has entries of several types.
fn priority(e: &Entry) -> u8 {
    let base = match e.kind {
        EntityType::Person => 6,
        EntityType::Organization => 5,
        EntityType::Country => 4,
        EntityType::City => 3,
        EntityType::Region => 2,
        EntityType::Title => 1,
        EntityType::Date => 0,
    };
    if e.has(flags::AMBIGUOUS) {
        base
    } else {
        base + 10
    }
}

impl Tagger {
    /// Builds the tagger from a compiled gazetteer and the name-rule table (`rules/names.tsv`).
    pub fn new(gazetteer: Gazetteer, names: &Table) -> Result<Tagger> {
        let mut surname_first = FxHashSet::default();
        let mut not_name = FxHashSet::default();
        for row in names.rows() {
            let text = row.get("text");
            match row.get("kind") {
                "surname_first" => {
                    surname_first.insert(Iso3::parse(text).ok_or_else(|| {
                        row.error(format!("`{text}` is not an ISO alpha-3 code"))
                    })?);
                }
                "not_name" => {
                    not_name.insert(text.into());
                }
                other => return Err(row.error(format!("unknown kind `{other}`"))),
            }
        }
        Ok(Tagger {
            gazetteer,
            surname_first,
            not_name,
        })
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Tags the entities of every sentence (DATE entities are added later by the date stage).
    pub fn run<'a>(&'a self, a: &mut Analysis<'a>) {
        let text = a.text();
        let mut out: Vec<Entity<'a>> = Vec::new();
        let mut honorific_end: FxHashSet<usize> = FxHashSet::default();
        let mut buf = String::new();
        for (si, s) in a.sentences.iter().enumerate() {
            let ctx = if s.all_caps || s.kind == SegmentKind::Dateline {
                CaseContext::AllCaps
            } else {
                CaseContext::Normal
            };
            let mut i = s.first_token;
            while i < s.end_token {
                let Some(m) =
                    self.gazetteer
                        .match_at(text, &a.tokens, i, s.end_token, ctx, &mut buf)
                else {
                    i += 1;
                    continue;
                };
                let span = Span::new(
                    a.tokens[m.first].span.start,
                    a.tokens[m.first + m.len - 1].span.end,
                );
                let best = m
                    .entries
                    .iter()
                    .map(|&id| self.gazetteer.entry(id))
                    .filter(|e| self.context_ok(e, a, m.first, m.len))
                    .max_by_key(|e| priority(e));
                if let Some(e) = best {
                    if e.has(flags::HONORIFIC) {
                        honorific_end.insert(m.first + m.len);
                    } else {
                        out.push(entity_from(e, span, si));
                    }
                    i += m.len;
                } else {
                    i += 1;
                }
            }
        }
        a.entities = out;
        self.merge_generic_orgs(a);
        self.person_after_title(a, &honorific_end);
        self.coreference(a);
    }

    /// Ambiguous entries need a sign that they are what the list says.
    fn context_ok(&self, e: &Entry, a: &Analysis<'_>, first: usize, len: usize) -> bool {
        if !e.has(flags::AMBIGUOUS) {
            return true;
        }
        // A capitalised unknown word right before or after suggests a longer name
        // ("Michael Jordan", "Georgia Smith").
        let text = a.text();
        let s = a.tokens[first].sentence;
        let cap_word = |i: usize| {
            a.tokens.get(i).is_some_and(|t| {
                t.sentence == s
                    && t.kind == TokenKind::Word
                    && t.is_cap()
                    && !self.not_name.contains(&text[t.span])
            })
        };
        let before = first
            .checked_sub(1)
            .is_some_and(|p| cap_word(p) && a.sentences[s as usize].first_token != p);
        !(before || cap_word(first + len))
    }

    /// `Chinese` + `Defense Ministry` → one ORGANIZATION "Chinese Defense Ministry" with country CHN.
    fn merge_generic_orgs<'a>(&self, a: &mut Analysis<'a>) {
        let text = a.text();
        let mut i = 1;
        while i < a.entities.len() {
            let (prev, cur) = (&a.entities[i - 1], &a.entities[i]);
            let generic = cur.kind == EntityType::Organization
                && cur.country.is_none()
                && cur
                    .key
                    .as_deref()
                    .is_some_and(|k| k.starts_with("generic:"));
            let adjacent = text[prev.span.end..cur.span.start].trim().is_empty()
                && prev.sentence == cur.sentence;
            if generic && adjacent && prev.kind == EntityType::Country {
                let country = prev.country;
                let span = prev.span.cover(cur.span);
                let merged = Entity {
                    span,
                    kind: EntityType::Organization,
                    sentence: cur.sentence,
                    canonical: Cow::Owned(format!("{} {}", &text[prev.span], cur.canonical)),
                    key: None,
                    country,
                    how: How::Rule,
                    timex: None,
                };
                a.entities[i - 1] = merged;
                a.entities.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// A TITLE (or honorific) followed by capitalised words not yet tagged: a person.
    fn person_after_title<'a>(&self, a: &mut Analysis<'a>, honorific_end: &FxHashSet<usize>) {
        let text = a.text();
        let mut starts: Vec<(usize, Option<Iso3>)> = Vec::new();
        for (ei, e) in a.entities.iter().enumerate() {
            if e.kind != EntityType::Title {
                continue;
            }
            let Some(last) = last_token_of(a, e.span) else {
                continue;
            };
            // The country of a chain like "Chinese Defense Ministry spokesman".
            let country = ei
                .checked_sub(1)
                .map(|p| &a.entities[p])
                .filter(|p| {
                    p.sentence == e.sentence && text[p.span.end..e.span.start].trim().is_empty()
                })
                .and_then(|p| p.country);
            starts.push((last + 1, country));
        }
        starts.extend(honorific_end.iter().map(|&i| (i, None)));
        starts.sort();
        let mut new = Vec::new();
        for (i, country) in starts {
            let Some(t0) = a.tokens.get(i) else { continue };
            let s = &a.sentences[t0.sentence as usize];
            let mut j = i;
            while j < s.end_token && j < i + 4 {
                let t = &a.tokens[j];
                let w = &text[t.span];
                if t.kind != TokenKind::Word
                    || !t.is_cap()
                    || self.not_name.contains(w)
                    || a.entity_covering(t.span).is_some()
                {
                    break;
                }
                j += 1;
            }
            let n = j - i;
            // Headlines capitalise every word: ask for two name tokens there.
            let need = if s.kind == SegmentKind::Title || s.all_caps {
                2
            } else {
                1
            };
            if n >= need && n <= 3 {
                let span = Span::new(a.tokens[i].span.start, a.tokens[j - 1].span.end);
                new.push(Entity {
                    span,
                    kind: EntityType::Person,
                    sentence: t0.sentence as usize,
                    canonical: Cow::Owned(normalize_space(&text[span])),
                    key: None,
                    country,
                    how: How::Rule,
                    timex: None,
                });
            }
        }
        insert_sorted(&mut a.entities, new);
    }

    /// Short names referring back to full names.
    fn coreference<'a>(&self, a: &mut Analysis<'a>) {
        let text = a.text();
        // short form → (index of the full-name entity)
        let mut short: FxHashMap<&'a str, Vec<usize>> = FxHashMap::default();
        for (ei, e) in a.entities.iter().enumerate() {
            if e.kind != EntityType::Person || e.how == How::Coreference {
                continue;
            }
            let Some(first) = first_token_of(a, e.span) else {
                continue;
            };
            let Some(last) = last_token_of(a, e.span) else {
                continue;
            };
            if first == last {
                continue;
            }
            let mut forms = vec![last];
            if e.country.is_some_and(|c| self.surname_first.contains(&c)) {
                forms.push(first);
            }
            for t in forms {
                let w = &text[a.tokens[t].span];
                if a.tokens[t].kind == TokenKind::Word && a.tokens[t].is_cap() {
                    let v = short.entry(w).or_default();
                    if !v.iter().any(|&x| a.entities[x].canonical == e.canonical) {
                        v.push(ei);
                    }
                }
            }
        }
        if short.is_empty() {
            return;
        }
        let mut new = Vec::new();
        for (ti, t) in a.tokens.iter().enumerate() {
            if t.kind != TokenKind::Word || !t.is_cap() {
                continue;
            }
            let Some(cands) = short.get(&text[t.span]) else {
                continue;
            };
            if a.entity_covering(t.span).is_some() {
                continue;
            }
            // A following capitalised word makes it part of another name ("Li Keqiang").
            if a.tokens.get(ti + 1).is_some_and(|n| {
                n.sentence == t.sentence
                    && n.kind == TokenKind::Word
                    && n.is_cap()
                    && !self.not_name.contains(&text[n.span])
            }) {
                continue;
            }
            // The nearest full mention before, else the first after; ambiguous short names (two
            // different people) resolve to the nearest preceding one.
            let pick = cands
                .iter()
                .copied()
                .filter(|&c| a.entities[c].span.end <= t.span.start)
                .max_by_key(|&c| a.entities[c].span.start)
                .or_else(|| {
                    cands
                        .iter()
                        .copied()
                        .min_by_key(|&c| a.entities[c].span.start)
                });
            let Some(c) = pick else { continue };
            let full = &a.entities[c];
            new.push(Entity {
                span: t.span,
                kind: EntityType::Person,
                sentence: t.sentence as usize,
                canonical: full.canonical.clone(),
                key: full.key.clone(),
                country: full.country,
                how: How::Coreference,
                timex: None,
            });
        }
        insert_sorted(&mut a.entities, new);
    }
}

fn entity_from<'a>(e: &'a Entry, span: Span, sentence: usize) -> Entity<'a> {
    Entity {
        span,
        kind: e.kind,
        sentence,
        canonical: Cow::Borrowed(&e.canonical),
        key: e.key.as_deref().map(Cow::Borrowed),
        country: e.country,
        how: How::Gazetteer,
        timex: None,
    }
}

fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Index of the first token starting at or after `span.start`.
pub(crate) fn first_token_of(a: &Analysis<'_>, span: Span) -> Option<usize> {
    let i = a.tokens.partition_point(|t| t.span.start < span.start);
    (i < a.tokens.len() && a.tokens[i].span.start < span.end).then_some(i)
}

/// Index of the last token ending at or before `span.end`.
pub(crate) fn last_token_of(a: &Analysis<'_>, span: Span) -> Option<usize> {
    let i = a.tokens.partition_point(|t| t.span.end <= span.end);
    (i > 0 && a.tokens[i - 1].span.end > span.start).then(|| i - 1)
}

/// Inserts new entities (which overlap neither each other nor the old ones) keeping order.
pub(crate) fn insert_sorted<'a>(entities: &mut Vec<Entity<'a>>, mut new: Vec<Entity<'a>>) {
    if new.is_empty() {
        return;
    }
    new.retain(|n| {
        let i = entities.partition_point(|e| e.span.end <= n.span.start);
        entities.get(i).is_none_or(|e| !e.span.overlaps(n.span))
    });
    new.sort_by_key(|e| e.span.start);
    new.dedup_by(|b, a| a.span.overlaps(b.span));
    entities.extend(new);
    entities.sort_by_key(|e| e.span.start);
}
