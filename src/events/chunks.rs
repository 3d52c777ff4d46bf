//! Argument candidates: noun chunks built from entities ("China's State Councilor and Defense
//! Minister Li Shangfu" is one chunk whose head is Li Shangfu), pronouns ("he", "his") and
//! descriptions ("The Chinese defense minister"), each with the preposition that governs it.

use super::lexicon::{load_le, packed, word_flags as wf, EventLexicon, WordInfo};
use crate::model::{Analysis, EntityType, Iso3, TokenKind};
use crate::span::Span;
use crate::tokenize::ascii_capitals8;

/// What a chunk refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Head {
    /// An entity (index into `Analysis::entities`).
    Entity(usize),
    /// A pronoun token and its number (1 person, 2 plural, 0 thing).
    Pronoun(usize, u8),
    /// A title without a name: the TITLE entity and the chain's country.
    Description(usize, Option<Iso3>),
    /// A common noun from `rules/event_nouns.tsv` ("police", "Russian forces", "his country"):
    /// its head token, the country of an entity modifying it, and its class.
    Noun(usize, Option<Iso3>, NounClass),
}

pub use super::lexicon::NounClass;

/// A noun chunk.
#[derive(Clone, Debug)]
pub struct Chunk<'l> {
    /// Bytes, determiners included.
    pub span: Span,
    /// First token (determiners included).
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Its referent.
    pub head: Head,
    /// The governing preposition (lowercase), inherited by coordinated chunks.
    pub prep: Option<&'l str>,
    /// Index in the coordination ("between X and Y": 0 for X, 1 for Y).
    pub coord: u8,
    /// Followed by ’s, or a possessive pronoun.
    pub possessive: bool,
    /// Inside a relative clause (", who …,").
    pub embedded: bool,
    /// A possessive pronoun opening the chunk ("his country"): its token.
    pub owner: Option<usize>,
    /// A number word or numeral right before the head ("the two leaders" → 2).
    pub count: Option<u32>,
}

/// The lowercase text of every token of a document, computed once for the event stage (the
/// chunker, the trigger matcher and the argument cues all compare lowercase words). A token that
/// is already lowercase is not copied: its text is read in place.
pub struct Lower<'t> {
    text: &'t str,
    buf: String,
    /// Per token: start and length; the length's top bit says the text lies in `buf`.
    spans: Vec<(u32, u32)>,
    /// What the lexicon knows of each token's word.
    pub info: Vec<WordInfo>,
    /// The entity each token is part of ([`NO_ENTITY`] for none).
    pub entity: Vec<u32>,
}

const IN_BUF: u32 = 1 << 31;

/// [`Lower::entity`] of a token outside every entity (a fill of 0xff bytes, one `memset`).
const NO_ENTITY: u32 = u32::MAX;

impl<'t> Lower<'t> {
    /// Lowercases every token of the analysis (copying only the ones that change) and looks
    /// up what the lexicon knows of each word, in one walk.
    pub fn new(a: &Analysis<'t>, lx: &EventLexicon) -> Lower<'t> {
        let text = a.text();
        // room for every token's lowercase copy of an ASCII text: never grown token by token
        let mut buf = String::with_capacity(text.len());
        let mut info = vec![WordInfo::default(); a.tokens.len()];
        let bytes = text.as_bytes();
        // one slot per token, pushed (no zeroed allocation to overwrite)
        let mut spans: Vec<(u32, u32)> = Vec::with_capacity(a.tokens.len());
        for (t, inf) in a.tokens.iter().zip(&mut info) {
            let word = t.kind == TokenKind::Word;
            let b = &bytes[t.span().range()];
            let n = b.len();
            // The common token: ASCII of 1 to 15 bytes, lowercased and packed eight bytes at a
            // time; its packed form is the lexicon's key.
            if (1..=15).contains(&n) {
                let lo = load_le(b);
                let hi = if n > 8 { load_le(&b[8..]) } else { 0 };
                if (lo | hi) & 0x8080_8080_8080_8080 == 0 {
                    // the tokenizer has seen most words hold no capital (LOWER): no need to
                    // find the capitals again
                    let (ulo, uhi) = if t.has(crate::model::tokflags::LOWER) {
                        (0, 0)
                    } else {
                        (ascii_capitals8(lo), ascii_capitals8(hi))
                    };
                    if word {
                        let (lo, hi) = (lo | ulo >> 2, hi | uhi >> 2);
                        *inf = lx.info_packed(packed(lo, hi, n));
                    }
                    spans.push(if ulo | uhi == 0 {
                        (t.span().start as u32, n as u32)
                    } else {
                        let from = buf.len();
                        buf.push_str(&text[t.span()]);
                        buf[from..].make_ascii_lowercase();
                        (from as u32, n as u32 | IN_BUF)
                    });
                    continue;
                }
            }
            let w = &text[t.span()];
            let (span, lower) = if w.bytes().all(|b| b < 0x80 && !b.is_ascii_uppercase()) {
                ((t.span().start as u32, w.len() as u32), w)
            } else {
                let from = buf.len();
                if w.is_ascii() {
                    buf.push_str(w);
                    buf[from..].make_ascii_lowercase();
                } else {
                    buf.extend(w.chars().flat_map(char::to_lowercase));
                }
                (
                    (from as u32, (buf.len() - from) as u32 | IN_BUF),
                    &buf[from..],
                )
            };
            if word {
                *inf = lx.info(lower);
            }
            spans.push(span);
        }
        // entities are sorted and flat: one walk
        let mut entity = vec![NO_ENTITY; a.tokens.len()];
        let mut k = 0;
        for (ei, e) in a.entities.iter().enumerate() {
            // the entity's first token, by binary search over the tokens after the last entity
            k += a.tokens[k..].partition_point(|t| t.span().end <= e.span.start);
            let mut m = k;
            while m < a.tokens.len() && e.span.contains(a.tokens[m].span()) {
                entity[m] = ei as u32;
                m += 1;
            }
        }
        Lower {
            text,
            buf,
            spans,
            info,
            entity,
        }
    }

    /// The entity token `i` is part of.
    #[inline]
    pub fn entity_at(&self, i: usize) -> Option<usize> {
        self.entity
            .get(i)
            .copied()
            .filter(|&e| e != NO_ENTITY)
            .map(|e| e as usize)
    }

    /// The lowercase text of token `i` (empty past the end).
    #[inline(always)]
    pub fn get(&self, i: usize) -> &str {
        let Some(&(s, l)) = self.spans.get(i) else {
            return "";
        };
        let (s, n) = (s as usize, (l & !IN_BUF) as usize);
        if l & IN_BUF != 0 {
            &self.buf[s..s + n]
        } else {
            &self.text[s..s + n]
        }
    }
}

/// A number written with digits and thousands commas ("10,000"), as `u32`.
fn parse_number(t: &str) -> Option<u32> {
    let mut digits = t.bytes().filter(|&b| b != b',').peekable();
    if digits.peek() == Some(&b'+') {
        digits.next();
    }
    let mut n: u32 = 0;
    let mut any = false;
    for b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        any = true;
    }
    any.then_some(n)
}

/// Words that are prepositions before a noun but subordinators before a clause.
pub const SUBORDINATORS: &[&str] = &[
    "after", "before", "since", "until", "as", "because", "while", "once",
];

/// Relative clauses of a sentence: token ranges from "who"/"which" after a comma to the next comma.
pub fn relative_clauses(a: &Analysis<'_>, first: usize, end: usize) -> Vec<(usize, usize)> {
    let text = a.text().as_bytes();
    let tok = |i: usize| &text[a.tokens[i].span().range()];
    let mut out = Vec::new();
    let mut i = first + 1;
    while i < end {
        // "who" or "which": three or five bytes from a 'w' (a cheap test before the slices)
        let sp = a.tokens[i].span();
        if !matches!(sp.end - sp.start, 3 | 5) || text[sp.start] != b'w' {
            i += 1;
            continue;
        }
        let w = tok(i);
        if (w == b"who" || w == b"which") && tok(i - 1) == b"," {
            let mut j = i + 1;
            while j < end && tok(j) != b"," {
                j += 1;
            }
            out.push((i - 1, j));
            i = j;
        }
        i += 1;
    }
    out
}

/// Builds the chunks of sentence `si`.
pub fn chunks<'l>(
    a: &Analysis<'_>,
    lx: &'l EventLexicon,
    low: &Lower<'_>,
    rel: &[(usize, usize)],
    si: usize,
) -> Vec<Chunk<'l>> {
    let text = a.text();
    let bytes = text.as_bytes();
    let s = &a.sentences[si];
    let lower = |i: usize| low.get(i);
    let ent_start = |i: usize| -> Option<usize> {
        let e = low.entity_at(i)?;
        let ent = &a.entities[e];
        (ent.span.start == a.tokens[i].span().start && ent.kind != EntityType::Date).then_some(e)
    };
    let headline = s.is_headline();
    let number_at = |i: usize| -> Option<u32> {
        if a.tokens[i].kind == TokenKind::Number {
            return parse_number(&text[a.tokens[i].span()]);
        }
        low.info[i].number()
    };
    // What each token of the sentence can be in a noun phrase, computed once (a phrase is tried
    // at almost every token): its noun class, and bits: it can modify a noun (1) or is a
    // hyphen (2, a modifier when not first).
    let base = s.first_token;
    let toks = &a.tokens[base..s.end_token];
    let infos = &low.info[base..s.end_token];
    let in_entity = &low.entity[base..s.end_token];
    // Common nouns: a lowercase word (or a capitalised one opening the sentence or a headline)
    // listed in the noun lexicon, not a trigger, not inside an entity.
    let mut tok_class: Vec<(Option<NounClass>, u8)> = toks
        .iter()
        .zip(infos)
        .zip(in_entity)
        .enumerate()
        .map(|(k, ((t, info), &e))| {
            let noun =
                if t.kind != TokenKind::Word || t.is_cap() && !headline && k != 0 || e != NO_ENTITY
                {
                    None
                } else {
                    info.noun
                };
            (noun, 0)
        })
        .collect();
    for k in 0..toks.len() {
        let t = toks[k];
        let info = infos[k];
        // A modifier before a noun head: a lowercase word that is no function word and no
        // trigger.
        let is_mod = if t.kind != TokenKind::Word {
            false
        } else if !t.has(crate::model::tokflags::LOWER) {
            // "Western officials": a capitalised word that is no entity, right before the noun
            t.is_cap()
                && !info.has(wf::FUNCTION)
                && !headline
                && in_entity[k] == NO_ENTITY
                && k + 1 < toks.len()
                && tok_class[k + 1].0.is_some()
        } else {
            // verb forms ("remained", "killing") do not modify nouns here; nor does the verb
            // after a modal ("may impress bid chiefs")
            !info.has(wf::FUNCTION | wf::TRIGGER)
                && {
                    let l = low.get(base + k);
                    !l.ends_with("ed") && !l.ends_with("ing")
                }
                && {
                    // (past an adverb in -ly: "can currently exclude pupils")
                    // (a modal is a function word: the flag answers for most tokens without
                    // the set's string hash)
                    let modal = |j: usize| {
                        toks[j].has(crate::model::tokflags::LOWER)
                            && infos[j].has(wf::FUNCTION)
                            && lx.modals.contains(low.get(base + j))
                    };
                    !(k > 0 && modal(k - 1)
                        || k > 1 && low.get(base + k - 1).ends_with("ly") && modal(k - 2))
                }
        };
        let number = || {
            if t.kind == TokenKind::Number {
                parse_number(&text[t.span()]).is_some()
            } else {
                info.number().is_some()
            }
        };
        tok_class[k].1 =
            u8::from(is_mod || number()) | u8::from(bytes[t.span().range()] == *b"-") << 1;
    }
    // The noun phrase continuing at `k`: modifiers then one or more nouns; returns the head
    // (last noun) and the end.
    let noun_run = |k: usize| -> Option<(usize, usize, NounClass)> {
        let mut m = k;
        let mut mods = 0;
        while m < s.end_token && tok_class[m - base].0.is_none() && mods < 3 {
            let f = tok_class[m - base].1;
            if f & 1 == 0 && !(f & 2 != 0 && m > k) {
                return None;
            }
            m += 1;
            mods += 1;
        }
        let mut head = None;
        while m < s.end_token {
            match tok_class[m - base].0 {
                Some(c) => {
                    head = Some((m, c));
                    m += 1;
                }
                None => break,
            }
        }
        // "an official visit", "military aid": a word that also modifies nouns, before a trigger
        if let Some((h, _)) = head {
            if m < s.end_token
                && lx.nominal_cues.contains(lower(h))
                && low.info[m].has(wf::TRIGGER)
                && !lower(m).ends_with("ed")
                && !lx.participles.contains(lower(m))
            {
                return None;
            }
        }
        head.map(|(h, c)| (h, m, c))
    };
    // "at the Oval Office", "in Washington Square Park", "in central Manezhnaya Square": after a
    // locative preposition, capitalised words ending in a place or building noun name a venue
    // (an ACE 2005 FAC or LOC name), whatever the tagger made of the words before that noun; the
    // venue, not the city around it, is where the event happened. Returns the head and the end.
    let venue_from = |k: usize| -> Option<(usize, usize, NounClass)> {
        let mut best = None;
        let mut m = k;
        while m < s.end_token && m < k + 6 {
            let t = a.tokens[m];
            if t.kind != TokenKind::Word || !t.is_cap() || low.info[m].has(wf::FUNCTION) {
                break;
            }
            let venue = low.info[m]
                .noun
                .filter(|c| matches!(c, NounClass::Place | NounClass::Facility));
            // a name word before the noun, and no entity running on past it
            let ends_entity = low.entity_at(m).is_none_or(|e| last_tok(a, m, e) == m);
            if let Some(c) = venue.filter(|_| m > k && ends_entity) {
                best = Some((m, m + 1, c));
            }
            m += 1;
        }
        // a gazetteer place on its own ("New York City", "Guantanamo Bay") stays that entity
        best.filter(|&(_, end, _)| {
            !low.entity_at(k).is_some_and(|e| {
                last_tok(a, k, e) + 1 == end
                    && matches!(
                        a.entities[e].kind,
                        EntityType::City | EntityType::Region | EntityType::Country
                    )
            })
        })
    };
    let locative_prep = |i: usize| -> bool {
        i > s.first_token
            && matches!(
                lower(i - 1),
                "in" | "at" | "outside" | "inside" | "near" | "into" | "from"
            )
    };
    // a common noun phrase from `start` to `end` headed by token `h`
    let noun_chunk = |start: usize,
                      h: usize,
                      end: usize,
                      class: NounClass,
                      owner: Option<usize>,
                      count: Option<u32>| Chunk {
        span: Span::new(a.tokens[start].span().start, a.tokens[end - 1].span().end),
        first: start,
        end,
        head: Head::Noun(h, None, class),
        prep: None,
        coord: 0,
        possessive: end < s.end_token && a.tokens[end].kind == TokenKind::Clitic,
        embedded: false,
        owner,
        count,
    };
    // "chief executive Takashi Nishioka", "England striker Michael Owen": a singular noun of
    // a person right before a person's name stands in apposition to it (a plural one is
    // rather a clause's end: "told reporters Blair was wrong"); returns the name and its end
    let apposed_name = |h: usize, end: usize, class: NounClass| -> Option<(usize, usize)> {
        if class != NounClass::Person || crate::events::plural_form(lower(h)) {
            return None;
        }
        let e = ent_start(end).filter(|&e| a.entities[e].kind == EntityType::Person)?;
        Some((e, last_tok(a, end, e) + 1))
    };
    // whether the phrase opening at `start` follows "of": there a capitalised word opens a
    // name of its own ("Bank of Tokyo economist Haruo Muto" is two phrases), while a lowercase
    // noun may stand before a name ("the death of actress Sharon Tate")
    let after_of = |start: usize| start > s.first_token && lower(start - 1) == "of";
    // about one chunk in three tokens: room for them at once, not grown by doubling
    let mut out: Vec<Chunk<'l>> = Vec::with_capacity((s.end_token - s.first_token) / 3 + 1);
    let mut ents: Vec<usize> = Vec::new();
    let mut i = s.first_token;
    while i < s.end_token {
        // "warned that companies could …", "the fact that Russia …": after a word that is no
        // preposition or determiner, "that" opens a clause, not a phrase
        if i > s.first_token
            && a.tokens[i - 1].kind == TokenKind::Word
            && !low.info[i - 1].has(wf::PREPOSITION | wf::DETERMINER)
            && lower(i) == "that"
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        // determiners ("dozens of", "two of the")
        while j < s.end_token
            && a.tokens[j].kind == TokenKind::Word
            && (low.info[j].has(wf::DETERMINER)
                || j > start
                    && lower(j) == "of"
                    && (number_at(j - 1).is_some() || low.info[j - 1].has(wf::DETERMINER)))
            && ent_start(j).is_none()
        {
            j += 1;
        }
        let owner = (j > start)
            .then_some(start)
            .filter(|&d| low.info[d].pronoun.is_some());
        let mut count = None;
        while j < s.end_token {
            match number_at(j) {
                Some(n) if ent_start(j).is_none() => {
                    // "Twenty-eight people": tens, a hyphen and units are one number
                    let units = (j + 2 < s.end_token
                        && crate::tokenize::hyphen_at(&a.tokens, bytes, j))
                    .then(|| number_at(j + 2))
                    .flatten()
                    .filter(|&u| n % 10 == 0 && (20..100).contains(&n) && (1..10).contains(&u));
                    count = Some(n + units.unwrap_or(0));
                    j += if units.is_some() { 3 } else { 1 };
                }
                _ => break,
            }
        }
        if !headline && j < s.end_token {
            // one lowercase modifier may stand before the name ("central Manezhnaya Square")
            let k = if j == start
                && a.tokens[j].has(crate::model::tokflags::LOWER)
                && tok_class[j - base].1 & 1 != 0
            {
                j + 1
            } else {
                j
            };
            // a venue opens with a capitalised word (`venue_from` tests that first)
            let capital =
                k < s.end_token && a.tokens[k].kind == TokenKind::Word && a.tokens[k].is_cap();
            if capital && locative_prep(start) {
                if let Some((h, end, class)) = venue_from(k) {
                    out.push(noun_chunk(start, h, end, class, owner, count));
                    i = end;
                    continue;
                }
            }
        }
        let Some(first_ent) = (j < s.end_token).then(|| ent_start(j)).flatten() else {
            // A common noun phrase: "the police", "two civilians", "his country" (opening with
            // a noun or a modifier: `noun_run` tests that first, here without the call).
            if j < s.end_token && tok_class[j - base] != (None, tok_class[j - base].1 & !1) {
                if let Some((h, end, class)) = noun_run(j) {
                    let mut c = noun_chunk(start, h, end, class, owner, count);
                    // ("chairman and chief executive Richard Parsons": two posts of one
                    // person)
                    let second = (class == NounClass::Person
                        && end + 1 < s.end_token
                        && lower(end) == "and")
                        .then(|| noun_run(end + 1))
                        .flatten();
                    if let Some((e, name_end)) = apposed_name(h, end, class)
                        .or_else(|| second.and_then(|(h2, end2, c2)| apposed_name(h2, end2, c2)))
                        .filter(|_| !(a.tokens[j].is_cap() && after_of(start)))
                    {
                        c = noun_chunk(start, h, name_end, class, owner, count);
                        c.head = Head::Entity(e);
                    }
                    i = c.end;
                    out.push(c);
                    continue;
                }
            }
            // A pronoun standing alone (or a possessive one before a common noun).
            if j > start {
                // "his first visit": the determiner was a possessive pronoun
                if let Some(n) = low.info[start].pronoun {
                    out.push(pronoun_chunk(a, start, n, true));
                }
                i = j.max(start + 1);
                continue;
            }
            if a.tokens[i].kind == TokenKind::Word {
                if let Some(n) = low.info[i].pronoun {
                    let l = lower(i);
                    let poss = matches!(l, "his" | "her" | "its" | "their");
                    out.push(pronoun_chunk(a, i, n, poss));
                }
            }
            i += 1;
            continue;
        };
        // entity chain
        ents.clear();
        ents.push(first_ent);
        let mut k = last_tok(a, j, first_ent) + 1;
        loop {
            if k >= s.end_token {
                break;
            }
            if let Some(e) = ent_start(k) {
                ents.push(e);
                k = last_tok(a, k, e) + 1;
                continue;
            }
            let w = lower(k);
            let tk = a.tokens[k];
            // China's State Councilor…: a possessive joining two entities of the chain
            let next_is_ent = |m: usize| m < s.end_token && ent_start(m).is_some();
            if tk.kind == TokenKind::Clitic
                && next_is_ent(k + 1)
                && a.entities[*ents.last().unwrap_or(&first_ent)].kind != EntityType::Person
            {
                k += 1;
                continue;
            }
            // State Councilor and Defense Minister
            if w == "and" && next_is_ent(k + 1) {
                let last = &a.entities[*ents.last().unwrap_or(&first_ent)];
                let nxt = ent_start(k + 1).map(|e| &a.entities[e]);
                if last.kind == EntityType::Title
                    && nxt.is_some_and(|n| n.kind == EntityType::Title)
                {
                    k += 1;
                    continue;
                }
            }
            // his Russian counterpart Sergey Shoigu
            if low.info[k].has(wf::ROLE_NOUN) && next_is_ent(k + 1) {
                k += 1;
                continue;
            }
            break;
        }
        let mut end = k;
        let head_ent = ents
            .iter()
            .rev()
            .find(|&&e| a.entities[e].kind == EntityType::Person)
            .or_else(|| {
                ents.iter()
                    .rev()
                    .find(|&&e| a.entities[e].kind == EntityType::Organization)
            })
            .or_else(|| {
                ents.iter().rev().find(|&&e| {
                    matches!(
                        a.entities[e].kind,
                        EntityType::Country | EntityType::City | EntityType::Region
                    )
                })
            })
            .copied();
        let last = *ents.last().unwrap_or(&first_ent);
        let head = match head_ent {
            // A chain ending in a title with no name after it describes someone.
            _ if a.entities[last].kind == EntityType::Title
                && !ents
                    .iter()
                    .any(|&e| a.entities[e].kind == EntityType::Person) =>
            {
                let country = ents.iter().rev().find_map(|&e| {
                    a.entities[e]
                        .country
                        .filter(|_| a.entities[e].kind != EntityType::Title)
                });
                Head::Description(last, country)
            }
            Some(e) => Head::Entity(e),
            None => Head::Entity(last),
        };
        // "Russian forces", "Chinese military officials", "U.S. troops": a chain of places or
        // organisations before a common noun modifies it; the noun is the head.
        let mut head = head;
        let has_person = ents
            .iter()
            .any(|&e| a.entities[e].kind == EntityType::Person);
        if !has_person && end < s.end_token {
            let k2 = if a.tokens[end].kind == TokenKind::Clitic && end + 1 < s.end_token {
                end + 1
            } else {
                end
            };
            if let Some((h, e2, class)) = noun_run(k2) {
                let country = ents.iter().rev().find_map(|&e| a.entities[e].country);
                head = Head::Noun(h, country, class);
                end = e2;
                // (one entity, not after "of": "in Las Vegas Microsoft boss Bill Gates", "Bank
                // of Tokyo economist Haruo Muto" are two phrases each)
                if let Some((e, name_end)) =
                    apposed_name(h, e2, class).filter(|_| ents.len() == 1 && !after_of(start))
                {
                    head = Head::Entity(e);
                    end = name_end;
                }
            }
        }
        // "trucks carrying Turkish goods", "a Venezuelan charter company": a nationality
        // adjective before a common noun the lexicon does not know modifies that noun; alone it
        // is no participant (the noun is, unknown here). Before an event word it stays: "Turkish
        // airstrikes" are by Turkey.
        if head == Head::Entity(first_ent)
            && ents.len() == 1
            && end < s.end_token
            && demonym_adjective(a, first_ent)
            && a.tokens[end].kind == TokenKind::Word
            && a.tokens[end].has(crate::model::tokflags::LOWER)
            && !low.info[end].has(wf::FUNCTION | wf::TRIGGER | wf::PREPOSITION)
            && !lower(end).ends_with("ed")
            && !lower(end).ends_with("ing")
        {
            i = end;
            continue;
        }
        let possessive = end < s.end_token && a.tokens[end].kind == TokenKind::Clitic;
        let span = Span::new(a.tokens[start].span().start, a.tokens[end - 1].span().end);
        out.push(Chunk {
            span,
            first: start,
            end,
            head,
            prep: None,
            coord: 0,
            possessive,
            embedded: false,
            owner,
            count,
        });
        i = end;
    }
    // "chairman and chief executive Richard Parsons": a post with no name, joined to a post
    // before a name, is a post of that person too; one phrase headed by the name
    let mut c = 1;
    while c < out.len() {
        let (p, n) = (&out[c - 1], &out[c]);
        let posts = matches!(p.head, Head::Description(..))
            && p.end + 1 == n.first
            && lower(p.end) == "and"
            && matches!(n.head, Head::Entity(x)
                if a.entities[x].kind == EntityType::Person
                    && a.entities[x].span.start > a.tokens[n.first].span().start);
        if posts {
            let n = out.remove(c);
            let p = &mut out[c - 1];
            p.span = Span::new(p.span.start, n.span.end);
            p.end = n.end;
            p.head = n.head;
            p.possessive = n.possessive;
        } else {
            c += 1;
        }
    }
    // "donated $1m to the Red Cross and actor Leonardo DiCaprio pledged a …": after a
    // prepositional phrase, "and" and a phrase followed by a past form with its object (not a
    // preposition: "police and troops deployed at stations", "talks with banks and the IMF
    // aimed at …") open a clause of their own ("between" and "of" phrases keep theirs: "talks
    // between Iran and Iraq ended")
    let opens_clause = |out: &[Chunk<'_>], c: usize| {
        let e = out[c].end;
        out[c - 1].prep.is_some_and(|p| p != "between" && p != "of")
            && e + 1 < s.end_token
            && a.tokens[e].has(crate::model::tokflags::LOWER)
            && lower(e).ends_with("ed")
            && a.tokens[e + 1].kind == TokenKind::Word
            && !low.info[e + 1].has(wf::PREPOSITION)
            && lower(e + 1) != "by"
    };
    // "killed six troops and wounded 14 other people": a lone past form ("the wounded" is a
    // noun) right before another phrase is a verb taking it as its object, no conjunct
    let past_verb_with_object = |out: &[Chunk<'_>], c: usize| {
        let f = out[c].first;
        out[c].end == f + 1
            && a.tokens[f].has(crate::model::tokflags::LOWER)
            && lower(f).ends_with("ed")
            && out[c].end < s.end_token
            && (out.get(c + 1).is_some_and(|n| n.first == out[c].end)
                || number_at(out[c].end).is_some()
                || lx.determiners.contains(lower(out[c].end)))
    };
    // prepositions and coordination
    for c in 0..out.len() {
        let f = out[c].first;
        if f == s.first_token {
            continue;
        }
        let before = lower(f - 1);
        // A word the lexicon marks as no preposition is none (the flag answers without the
        // set's string hash); other tokens are looked up.
        let maybe_prep =
            a.tokens[f - 1].kind != TokenKind::Word || low.info[f - 1].has(wf::PREPOSITION);
        // "after Moscow began": a subordinator followed by a clause, not a preposition.
        let clause_follows = maybe_prep
            && SUBORDINATORS.contains(&before)
            && out[c].end < s.end_token
            && a.tokens[out[c].end].kind == TokenKind::Word
            && a.tokens[out[c].end].has(crate::model::tokflags::LOWER)
            && {
                let w = lower(out[c].end);
                !lx.prepositions.contains(w)
                    && !lx.determiners.contains(w)
                    && !matches!(w, "and" | "or" | "but")
            };
        // "more than 1,000 people were arrested": a count, not a comparison
        let count = before == "than"
            && f >= s.first_token + 2
            && matches!(lower(f - 2), "more" | "less" | "fewer")
            && (a.tokens[f].kind == TokenKind::Number || low.info[f].number().is_some());
        let mut prep = if count {
            // governed by what governs the count ("ministers from more than 20 nations")
            (f >= s.first_token + 3 && low.info[f - 3].has(wf::PREPOSITION))
                .then(|| lx.prepositions.get(lower(f - 3)))
                .flatten()
        } else if clause_follows || !maybe_prep {
            None
        } else {
            lx.prepositions.get(before)
        };
        // "in downtown Chicago", "with senior Russian officials", "in northern Syria": one
        // lowercase modifier between a preposition and a name leaves the name governed by it
        // (not after the infinitive "to": "to help Iraq")
        if prep.is_none()
            && !clause_follows
            && matches!(
                out[c].head,
                Head::Entity(_) | Head::Description(..) | Head::Noun(_, Some(_), _)
            )
            && f >= s.first_token + 2
            && a.tokens[f - 1].has(crate::model::tokflags::LOWER)
            && tok_class[f - 1 - base] == (None, 1)
            && a.tokens[f - 2].kind == TokenKind::Word
            && low.info[f - 2].has(wf::PREPOSITION)
            && lower(f - 2) != "to"
        {
            prep = lx.prepositions.get(lower(f - 2));
        }
        if let Some(p) = prep {
            out[c].prep = Some(&**p);
        } else if (before == "and" || before == "or")
            && c > 0
            && out[c - 1].end + 1 == f
            && !opens_clause(&out, c)
            && !past_verb_with_object(&out, c)
        {
            out[c].prep = out[c - 1].prep;
            out[c].coord = out[c - 1].coord + 1;
        }
        out[c].embedded = rel.iter().any(|&(b, e)| f > b && f < e);
    }
    // "returning to end the set", "to outline his ideas": one bare lowercase word after "to"
    // with a determiner or a possessive right after it is an infinitive with its object, no
    // phrase ("to people", "to councils this year", "to police" stay: a plural, or a noun that
    // names people or groups)
    out.retain(|c| {
        !(c.prep == Some("to")
            && c.end == c.first + 1
            && c.end < s.end_token
            && matches!(c.head, Head::Noun(_, _, class) if !class.animate())
            && a.tokens[c.first].kind == TokenKind::Word
            && a.tokens[c.first].has(crate::model::tokflags::LOWER)
            && !crate::events::plural_form(lower(c.first))
            // (the determiners hold "his", "her", "its", "their")
            && (lx.determiners.contains(lower(c.end))
                || matches!(lower(c.end), "our" | "my" | "your")))
    });
    out
}

/// A country entity written as a singular nationality adjective ("Turkish", "Afghan",
/// "Dutch"), not the country's name, an abbreviation or a plural ("Afghans").
pub fn demonym_adjective(a: &Analysis<'_>, e: usize) -> bool {
    let ent = &a.entities[e];
    let text = &a.text()[ent.span];
    ent.kind == EntityType::Country
        && text != ent.canonical
        && !text.contains([' ', '.'])
        && text.bytes().any(|b| b.is_ascii_lowercase())
        && ["an", "ish", "ese", "i", "ch", "ic", "ss", "ai", "ek"]
            .iter()
            .any(|suf| text.ends_with(suf))
}

fn pronoun_chunk<'l>(a: &Analysis<'_>, i: usize, n: u8, possessive: bool) -> Chunk<'l> {
    Chunk {
        span: a.tokens[i].span(),
        first: i,
        end: i + 1,
        head: Head::Pronoun(i, n),
        prep: None,
        coord: 0,
        possessive,
        embedded: false,
        owner: None,
        count: None,
    }
}

/// The last token of entity `e`, which starts at token `from`: `tag::last_token_of` walking
/// forward from there instead of searching the whole document (an entity is a few tokens).
pub(crate) fn last_tok(a: &Analysis<'_>, from: usize, e: usize) -> usize {
    let span = a.entities[e].span;
    let mut i = from;
    while i < a.tokens.len() && a.tokens[i].span().end <= span.end {
        i += 1;
    }
    if i > 0 && a.tokens[i - 1].span().end > span.start {
        i - 1
    } else {
        0
    }
}
