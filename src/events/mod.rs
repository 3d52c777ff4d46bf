//! Stage 6: events. Triggers from the lexicon (`rules/triggers.tsv`), arguments from noun
//! chunks found by the cues each trigger row names (subject, object, possessor, prepositions),
//! pronouns and descriptions resolved within the document, modality from cues before the
//! trigger, time from the nearest date expression (a range gives begin and end; a duration
//! anchored to a start gives the end), and last, the mentions of one real-world event in the
//! headline, lede and body merged into one event with its `mentions` and `conflicts`.

mod chunks;
mod lexicon;

pub use lexicon::{Cue, EventLexicon, NounClass, Pattern};

use crate::data::Table;
use crate::dates::RangePart;
use crate::error::Result;
use crate::model::{
    Analysis, Argument, Conflict, EntityType, Event, EventMention, EventTime, EventType, Iso3,
    Modality, Role, SegmentKind, TimeSource, TimexType,
};
use crate::span::Span;
use crate::tokenize::hyphen_at;
use chrono::{Days, NaiveDate};
use chunks::{chunks, relative_clauses, Chunk, Head, Lower};
use lexicon::TriggerMatch;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::OnceCell;

/// The event stage.
#[derive(Debug)]
pub struct EventExtractor {
    lx: EventLexicon,
}

/// One trigger with what its sentence says about it.
#[derive(Clone, Debug)]
struct MentionData<'a> {
    pattern: usize,
    kind: EventType,
    trigger: Span,
    sentence: usize,
    args: Vec<Argument<'a>>,
    time: Option<EventTime>,
    modality: Modality,
    explicit_modality: bool,
    /// Index in the document's mention list.
    id: usize,
    /// For a speech act: the mentions (ids) of the events it reports.
    reports: Vec<usize>,
    /// A nominal trigger ("the attack", "in fighting"): without participants it may be a generic
    /// reference rather than an event.
    nominal: bool,
    /// The plural of a trigger noun whose singular is a trigger too ("attacks", "protests",
    /// "air strikes"), not a verb after its subject: a series or a class of events.
    series: bool,
    /// Its location comes from elsewhere in the sentence (`clause_place`), not from its rule.
    clause_place: bool,
    /// The token of "it" or "they" standing as its subject where no actor was found ("Bally
    /// said it signed …": see `reported_subjects`).
    pronoun_subject: Option<usize>,
}

impl MentionData<'_> {
    /// Whether its rule found arguments (a place taken from elsewhere in the sentence aside).
    fn has_own_args(&self) -> bool {
        self.args
            .iter()
            .any(|x| !(self.clause_place && x.role == Role::Location))
    }
}

/// The chunks of one sentence, its relative clauses and the people its chunks name.
struct SentenceChunks<'l> {
    rel: Vec<(usize, usize)>,
    chunks: Vec<Chunk<'l>>,
    people: Vec<PersonMention>,
}

/// Builds the chunks of a sentence the first time they are asked for.
struct Chunker<'c, 'a> {
    a: &'c Analysis<'a>,
    lx: &'a EventLexicon,
    low: &'c Lower<'a>,
    appositions: &'c FxHashMap<(String, Option<Iso3>), usize>,
}

impl<'c, 'a> Chunker<'c, 'a> {
    /// The chunks of sentence `si`, from the cache or built into it.
    fn sentence<'k>(
        &self,
        cache: &'k [OnceCell<SentenceChunks<'a>>],
        si: usize,
    ) -> &'k SentenceChunks<'a> {
        cache[si].get_or_init(|| self.build(si))
    }

    fn build(&self, si: usize) -> SentenceChunks<'a> {
        let a = self.a;
        let s = &a.sentences[si];
        let rel = relative_clauses(a, s.first_token, s.end_token);
        let cs = chunks(a, self.lx, self.low, &rel, si);
        let mut people = Vec::new();
        for c in &cs {
            let entity = match c.head {
                Head::Entity(e) if a.entities[e].kind == EntityType::Person => Some(e),
                Head::Description(t, country) if !is_plural_title(a, t) => {
                    resolve_description(a, self.appositions, t, country)
                }
                _ => None,
            };
            if let Some(entity) = entity {
                people.push(PersonMention {
                    pos: c.span.start,
                    entity,
                    sentence: si,
                    subject: c.prep.is_none() && !c.embedded,
                });
            }
        }
        SentenceChunks {
            rel,
            chunks: cs,
            people,
        }
    }
}

/// A person mention in document order, for pronoun resolution.
#[derive(Clone, Copy, Debug)]
struct PersonMention {
    pos: usize,
    entity: usize,
    sentence: usize,
    /// In subject position (not governed by a preposition, not in a relative clause).
    subject: bool,
}

impl EventExtractor {
    /// Builds the stage from the trigger table, the event word table and the argument noun table.
    pub fn new(triggers: &Table, words: &Table, nouns: &Table) -> Result<EventExtractor> {
        Ok(EventExtractor {
            lx: EventLexicon::new(triggers, words, nouns)?,
        })
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &EventLexicon {
        &self.lx
    }

    /// Finds the events of the document.
    pub fn run<'a>(&'a self, a: &mut Analysis<'a>) {
        if a.sentences.is_empty() {
            return;
        }
        let lx = &self.lx;
        let low = Lower::new(a, lx);
        let appositions = appositions(a);
        // Chunks (and the people they name) are built only for the sentences that need them: a
        // sentence with a trigger, and the three before it when a pronoun or description of
        // one of its arguments refers back past its own sentence (pronoun resolution looks no
        // further); each sentence at most once.
        let chunker = Chunker {
            a,
            lx,
            low: &low,
            appositions: &appositions,
        };
        let cache: Vec<OnceCell<SentenceChunks<'a>>> =
            (0..a.sentences.len()).map(|_| OnceCell::new()).collect();
        let countries: Vec<(usize, usize, usize)> = a
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::Country && e.key.is_some())
            .map(|(i, e)| (e.span.start, i, e.sentence))
            .collect();

        let mut mentions: Vec<MentionData<'a>> = Vec::new();
        // the last speakers that a pronoun subject can stand for (see `pronoun_speakers`)
        let mut last_speakers = LastSpeakers::default();
        let mut found: Vec<TriggerMatch> = Vec::new();
        let mut triggers: Vec<TriggerMatch> = Vec::new();
        // rows with a `context`: whether the document holds one of its words
        let mut context_held: Vec<(usize, bool)> = Vec::new();
        let text = a.text().as_bytes();
        for (si, s) in a.sentences.iter().enumerate() {
            found.clear();
            let headline = s.is_headline();
            for i in s.first_token..s.end_token {
                let t = a.tokens[i];
                // only a word that some trigger row starts with can start a match
                if t.kind != crate::model::TokenKind::Word
                    || !low.info[i].has(lexicon::word_flags::INDEXED)
                {
                    continue;
                }
                // Capitalised words in running text are names ("March"), not triggers.
                if t.is_cap() && !headline && i != s.first_token {
                    continue;
                }
                if low
                    .entity_at(i)
                    .is_some_and(|e| a.entities[e].kind != EntityType::Date)
                {
                    continue;
                }
                if self.compound_adjective(a, &low, i) {
                    continue;
                }
                let from = found.len();
                lx.matches_at(&low, &a.tokens, i, s.end_token, &mut found);
                // a phrase whose last word a hyphen joins to the next is the first part of a
                // compound ("fly-half", "die-hard", "sign-up", "strike-happy"), no trigger;
                // rows that name a compound ("sit-in") match past its hyphen; blocking rows
                // still block
                let mut k = from;
                while k < found.len() {
                    if !found[k].block && first_of_compound(&a.tokens, text, found[k].end - 1) {
                        found.swap_remove(k);
                    } else {
                        k += 1;
                    }
                }
            }
            // a row whose sense its context tells applies only where the document holds one
            // of its words (each such row's answer found once per document)
            found.retain(|m| {
                let Some(words) = &lx.patterns[m.pattern].context else {
                    return true;
                };
                if let Some(&(_, held)) = context_held.iter().find(|(p, _)| *p == m.pattern) {
                    return held;
                }
                // (written in lowercase: "the Union" of "the European Union" is a name)
                // (the lexicon's flag answers for most tokens without the set's string hash)
                let held = (0..a.tokens.len()).any(|i| {
                    a.tokens[i].has(crate::model::tokflags::LOWER)
                        && low.info[i].has(lexicon::word_flags::CONTEXT)
                        && words.contains(low.get(i))
                });
                context_held.push((m.pattern, held));
                held
            });
            if found.is_empty() {
                continue;
            }
            select_triggers(&mut found, &mut triggers);
            // blocking rows have done their work: the words they cover are no trigger
            triggers.retain(|t| !t.block);
            if triggers.is_empty() {
                continue;
            }
            let sc = chunker.sentence(&cache, si);
            let ctx = SentenceCtx {
                a,
                lx: &self.lx,
                si,
                triggers: &triggers,
                chunks: &sc.chunks,
                low: &low,
                rel: &sc.rel,
                appositions: &appositions,
                chunker: &chunker,
                cache: &cache,
                people: OnceCell::new(),
                countries: &countries,
                quotes: quotations(a, s.first_token, s.end_token),
                bounds: clause_bounds(a, s.first_token, s.end_token, &sc.rel),
            };
            let times = assign_times(a, si, &triggers);
            // this sentence's mentions go straight to the document's list
            let first = mentions.len();
            mentions.extend(triggers.iter().zip(times).filter_map(|(t, time)| {
                let mut t = Cow::Borrowed(t);
                let mut p = &self.lx.patterns[t.pattern];
                let mut voice = ctx.voice(p, &t);
                if ctx.gives_a_name(&t)
                    || voice == Voice::Active
                        && (p.participant_object && ctx.thing_object(&t)
                            || p.participant_subject && ctx.thing_subject(&t, false))
                    || voice == Voice::Passive
                        && p.participant_object
                        && ctx.thing_subject(&t, true)
                {
                    return None;
                }
                let mut args = ctx.arguments(p, &t, voice);
                // a row that lacks the roles it requires yields to the next row over its words
                // ("the strike began": no target, no attack; a stoppage of work)
                if !p.satisfied(&args) {
                    let f = t.fallback?;
                    t.to_mut().pattern = f;
                    p = &self.lx.patterns[f];
                    voice = ctx.voice(p, &t);
                    args = ctx.arguments(p, &t, voice);
                }
                let kind = p.kind?;
                // "targets would be met", "costs were met": a passive that only an auxiliary
                // makes is a meeting only with who met them ("was met by Xi")
                if !p.satisfied(&args)
                    || voice == Voice::Passive
                        && lx.aux_participles.contains(low.get(t.head.0))
                        && !args.iter().any(|x| x.role == Role::Actor)
                {
                    return None;
                }
                let (modality, explicit) = ctx.modality(&t, &args, voice);
                let nominal = voice == Voice::Nominal;
                let series = ctx.series(p, &t);
                // a place found elsewhere in the sentence locates the event but does not
                // make a generic reference specific
                let mut clause_place = false;
                if p.args.iter().any(|(r, _)| *r == Role::Location)
                    && !args.iter().any(|x| x.role == Role::Location)
                {
                    if let Some(place) = ctx.clause_place(&t, &args) {
                        args.push(place);
                        clause_place = true;
                    }
                }
                // a subject "it" or "they" where no actor was found: the phrase the sentence
                // opens with stands for it when they agree ("Boeing apologised, although it
                // claimed …"), else the speaker of a verb of saying right before it may ("Bally
                // said it signed …": `reported_subjects`)
                let mut pronoun_subject = (voice == Voice::Active
                    && !args.iter().any(|x| x.role == Role::Actor)
                    && p.args
                        .iter()
                        .any(|(r, cues)| *r == Role::Actor && cues.contains(&Cue::Subj)))
                .then(|| {
                    let first = s.first_token;
                    verb_group_start(&low, lx, first, t.start, true)
                })
                .filter(|&k| k > s.first_token && matches!(low.get(k - 1), "it" | "they"))
                .map(|k| k - 1);
                if let Some((k, c)) =
                    pronoun_subject.and_then(|k| Some((k, ctx.opening_subject(k)?)))
                {
                    let at = a.tokens[k].span();
                    let found = ctx.referent(c, Role::Actor);
                    args.splice(0..0, found.into_iter().map(|x| Argument { span: at, ..x }));
                    pronoun_subject = None;
                }
                Some(MentionData {
                    pronoun_subject,
                    pattern: t.pattern,
                    kind,
                    trigger: Span::new(
                        a.tokens[t.head.0].span().start,
                        a.tokens[t.head.1 - 1].span().end,
                    ),
                    sentence: si,
                    args,
                    time,
                    modality,
                    explicit_modality: explicit,
                    id: 0,
                    reports: Vec::new(),
                    nominal,
                    series,
                    clause_place,
                })
            }));
            let ms = &mut mentions[first..];
            for (k, m) in ms.iter_mut().enumerate() {
                m.id = first + k;
            }
            purpose_targets(ms, a);
            inherit_modality(ms, a);
            link_reports(ms);
            pronoun_speakers(ms, a, lx, &low, &mut last_speakers);
            reported_subjects(ms, a, lx, &low);
        }
        a.events = self.merge(a, mentions);
    }

    /// Merges mentions of the same event (same type, compatible participants and times).
    fn merge<'a>(&'a self, a: &Analysis<'a>, mentions: Vec<MentionData<'a>>) -> Vec<Event<'a>> {
        let mut groups: Vec<Vec<MentionData<'a>>> = Vec::new();
        // Two sentences repeat each other when they share at least 80% of their words (the
        // sorted word hashes of a sentence, computed the first time it is compared).
        let words: Vec<std::cell::OnceCell<Vec<u64>>> =
            (0..a.sentences.len()).map(|_| Default::default()).collect();
        let for_each_word_hash = |si: usize, mut f: &mut dyn FnMut(u64)| {
            let text = &a.text()[a.sentences[si].span];
            if text.is_ascii() {
                ascii_word_hashes(text.as_bytes(), &mut f);
            } else {
                text.split_whitespace().map(word_hash).for_each(f);
            }
        };
        let word_set = |si: usize| -> Vec<u64> {
            let mut v: Vec<u64> = Vec::with_capacity(a.sentences[si].span.len() / 4 + 1);
            for_each_word_hash(si, &mut |h| v.push(h));
            v.sort_unstable();
            v.dedup();
            v
        };
        // A sentence's word count and a 128-bit signature of its word hashes (bits 40..47 of
        // each pick a bit), computed before any sorted set: most pairs compared share few
        // words, and the signatures prove it without the sets (see `repeated`).
        let signatures: Vec<std::cell::OnceCell<(u128, usize)>> =
            (0..a.sentences.len()).map(|_| Default::default()).collect();
        let signature = |si: usize| -> (u128, usize) {
            let (mut sig, mut n) = (0u128, 0usize);
            for_each_word_hash(si, &mut |h| {
                sig |= 1u128 << ((h >> 40) & 127);
                n += 1;
            });
            (sig, n)
        };
        let repeated = |x: usize, y: usize| {
            if x == y {
                return true;
            }
            // Each signature bit of one sentence that the other lacks stands for at least one
            // word hash the other lacks, and the common hashes are at most the smaller word
            // count; sharing 80% of the union needs common >= 4 * (hashes of only one side).
            let (sx, nx) = *signatures[x].get_or_init(|| signature(x));
            let (sy, ny) = *signatures[y].get_or_init(|| signature(y));
            let only_one = (sx & !sy).count_ones() + (sy & !sx).count_ones();
            if nx.min(ny) < 4 * only_one as usize {
                return false;
            }
            let wx = words[x].get_or_init(|| word_set(x));
            let wy = words[y].get_or_init(|| word_set(y));
            // the common words are at most the smaller set, the union at least the larger
            if wx.len().min(wy.len()) * 5 < wx.len().max(wy.len()) * 4 {
                return false;
            }
            // both sorted: count the common hashes in one walk, without branches on the
            // comparison (the hashes are random: a branch on their order is mispredicted half
            // the time)
            let (mut i, mut j, mut inter) = (0, 0, 0);
            while i < wx.len() && j < wy.len() {
                let (x, y) = (wx[i], wy[j]);
                inter += usize::from(x == y);
                i += usize::from(x <= y);
                j += usize::from(y <= x);
            }
            let union = wx.len() + wy.len() - inter;
            inter * 5 >= union.max(1) * 4
        };
        let mut group_of: Vec<usize> = vec![0; mentions.len()];
        // the groups of each event type, in order (a group holds mentions of one type)
        let mut of_kind: FxHashMap<EventType, Vec<usize>> = FxHashMap::default();
        for m in mentions {
            // A document of any length stays linear: a mention is compared with the latest
            // groups only, and within a group with its first and latest members.
            let skip = groups.len().saturating_sub(MERGE_GROUPS);
            let same_kind: &[usize] = of_kind.get(&m.kind).map_or(&[], Vec::as_slice);
            let target = same_kind
                .iter()
                .rev()
                .take_while(|&&i| i >= skip)
                .map(|&i| (i, &groups[i]))
                .filter(|(_, g)| recent(g).all(|x| compatible(x, &m)))
                .filter(|(_, g)| {
                    !m.kind.is_speech_act() || recent(g).any(|x| repeated(x.sentence, m.sentence))
                })
                .find(|(_, g)| {
                    // Without participants a mention joins an event only where its sentence
                    // repeats one of the event's (headline, lede); else it stands alone.
                    shares_participant(recent(g), &m)
                        || (!has_participants(&m) || recent(g).all(|x| !has_participants(x)))
                            && recent(g).any(|x| repeated(x.sentence, m.sentence))
                })
                .map(|(i, _)| i);
            let id = m.id;
            match target {
                Some(i) => {
                    group_of[id] = i;
                    groups[i].push(m);
                }
                None => {
                    group_of[id] = groups.len();
                    of_kind.entry(m.kind).or_default().push(groups.len());
                    groups.push(vec![m]);
                }
            }
        }
        // A nominal trigger with no participant and no date of its own, never repeated, is a
        // generic reference ("the war", "protests"), not an event; so is a plural event noun
        // without a date or a named participant of its own ("attacks on migrants have surged",
        // "escalating protests"): a series or a class of events, which ACE 2005 marks
        // GENERICITY=Generic and the M2E2 annotation leaves out ("the Paris attacks" stay).
        let generic: Vec<bool> = groups
            .iter()
            .map(|g| {
                g.iter().all(|m| {
                    (m.nominal || plural_noun(a, m.trigger))
                        && !has_participants(m)
                        && !self.existential(a, m.trigger)
                        && !m.args.iter().any(|x| x.role == Role::Instrument)
                        && (m.clause_place || !m.args.iter().any(|x| x.role == Role::Location))
                        && m.time.is_none()
                        || m.series
                            && m.time.is_none()
                            && !m.args.iter().any(|x| {
                                x.entity.is_some() && !(m.clause_place && x.role == Role::Location)
                            })
                            // "the deaths of two black men", "attacks that killed 39 people": a
                            // counted set of participants makes the series specific
                            && !m.args.iter().any(|x| self.counted(a, x))
                            // "about 500 arrests", "three airstrikes": so does a number of events
                            && !self.counted_trigger(a, m.trigger)
                })
            })
            .collect();
        // what each group's speech acts report, as group indices
        let group_reports: Vec<Vec<usize>> = groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                let mut v: Vec<usize> = g
                    .iter()
                    .flat_map(|m| m.reports.iter().map(|&r| group_of[r]))
                    .filter(|&r| r != gi)
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let published = a.meta.reference;
        let mut events: Vec<(usize, Event<'a>)> = groups
            .into_iter()
            .enumerate()
            .map(|(gi, mut g)| {
                let main = (0..g.len())
                    .max_by(|&x, &y| {
                        score(a, &g[x]).partial_cmp(&score(a, &g[y])).unwrap_or(std::cmp::Ordering::Equal).then(y.cmp(&x))
                    })
                    .unwrap_or(0);
                let m = g.remove(main);
                let p = &self.lx.patterns[m.pattern];
                let mut time = m.time.clone().or_else(|| g.iter().find_map(|x| x.time.as_ref().filter(|t| t.begin.is_some())).cloned());
                let mut conflicts = Vec::new();
                for (field, get) in [("time.begin", 0usize), ("time.end", 1usize)] {
                    let pick = |t: &Option<EventTime>| -> Option<NaiveDate> { t.as_ref().and_then(|t| if get == 0 { t.begin } else { t.end }) };
                    let mut values: Vec<NaiveDate> = Vec::new();
                    for t in std::iter::once(&time).chain(g.iter().map(|x| &x.time)) {
                        if let Some(v) = pick(t) {
                            if !values.contains(&v) {
                                values.push(v);
                            }
                        }
                    }
                    if values.len() > 1 {
                        let values = values.iter().map(|v| v.format("%Y-%m-%d").to_string()).collect();
                        conflicts.push(Conflict { field, values });
                    }
                }
                if time.is_none() {
                    time = a.meta.published.as_ref().map(|v| EventTime {
                        entity: None,
                        value: v.clone(),
                        begin: published,
                        end: published,
                        source: TimeSource::Published,
                    });
                }
                let mut modality = m.modality;
                if modality == Modality::Asserted {
                    // A mention elsewhere that says it is planned, or a start after the
                    // publication date, makes it planned.
                    let starts_later = matches!((&time, published), (Some(t), Some(p)) if t.source != TimeSource::Published && t.begin.is_some_and(|b| b > p));
                    if starts_later || g.iter().any(|x| x.modality == Modality::Planned && x.explicit_modality) {
                        modality = Modality::Planned;
                    }
                }
                let mut confidence = p.confidence;
                if m.args.iter().any(|x| x.role == Role::Actor && x.entity.is_some()) {
                    confidence += 0.1;
                }
                if !m.has_own_args() {
                    confidence -= 0.25;
                }
                confidence += 0.03 * g.len().min(3) as f32;
                let confidence = (confidence.clamp(0.05, 0.99) * 100.0).round() / 100.0;
                let event = Event {
                    kind: m.kind,
                    cameo: Cow::Borrowed(if modality == Modality::Planned { &p.cameo_planned } else { &p.cameo }),
                    trigger: m.trigger,
                    sentence: m.sentence,
                    arguments: m.args,
                    time,
                    modality,
                    confidence,
                    rule: Cow::Borrowed(&p.rule),
                    // one mention per place: a restatement without arguments of its own in a
                    // sentence that already tells the event ("the shootings and attacks", "the
                    // killing of Wani as an extrajudicial murder") is no other place that tells it
                    // (a group's mentions come in document order: the ones of a sentence
                    // are neighbours, so the sentence seen last and the main one's are all
                    // the sentences seen that can hold another)
                    mentions: g
                        .into_iter()
                        .scan(None, |last: &mut Option<usize>, x| {
                            let seen = x.sentence == m.sentence || *last == Some(x.sentence);
                            debug_assert!(last.is_none_or(|l| l <= x.sentence));
                            *last = Some(x.sentence);
                            Some((!seen || x.has_own_args()).then_some(x))
                        })
                        .flatten()
                        .map(|x| EventMention {
                            trigger: x.trigger,
                            sentence: x.sentence,
                            arguments: x.args,
                            time: x.time,
                        })
                        .collect(),
                    conflicts,
                    reports: Vec::new(),
                };
                (gi, event)
            })
            .collect();
        events.retain(|(gi, _)| !generic[*gi]);
        events.sort_by_key(|(_, e)| e.trigger.start);
        let mut position = vec![usize::MAX; generic.len()];
        for (k, (gi, _)) in events.iter().enumerate() {
            position[*gi] = k;
        }
        events
            .into_iter()
            .map(|(gi, mut e)| {
                e.reports = group_reports[gi]
                    .iter()
                    .map(|&g| position[g])
                    .filter(|&p| p != usize::MAX)
                    .collect();
                e.reports.sort_unstable();
                e
            })
            .collect()
    }
}

/// A hash of a word's lowercase form (the same for ASCII words whichever way it is computed).
fn word_hash(w: &str) -> u64 {
    if w.is_ascii() {
        return word_hash_ascii(w.as_bytes());
    }
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    for c in w.chars().flat_map(char::to_lowercase) {
        c.hash(&mut h);
    }
    h.finish() | 1 << 63
}

/// Passes `out` the [`word_hash_ascii`] of each word of ASCII text split at the whitespace of
/// `split_whitespace`. A word of up to seven bytes (most) is found and hashed from one load of
/// eight bytes; others, and words near the end, byte by byte.
fn ascii_word_hashes(b: &[u8], out: &mut impl FnMut(u64)) {
    let ws = crate::tokenize::is_ascii_space;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = b.len();
    let mut i = 0;
    while i < n {
        if ws(b[i]) {
            i += 1;
            continue;
        }
        if let Some(eight) = b.get(i..i + 8) {
            let x = lexicon::load_le(eight);
            // the bytes up to b' ' (ASCII: no lane borrows), then the first whitespace among them
            let mut m = !((x | HIGH) - 0x2121_2121_2121_2121) & HIGH;
            let mut len = 8;
            while m != 0 {
                let k = (m.trailing_zeros() / 8) as usize;
                if ws(eight[k]) {
                    len = k;
                    break;
                }
                m &= m - 1;
            }
            if len < 8 {
                // as `word_hash_ascii` of the word: one zero-padded chunk
                let w = x & ((1u64 << (8 * len)) - 1);
                out(hash_chunk(len as u64, w) & !(1 << 63));
                i += len;
                continue;
            }
        }
        let start = i;
        while i < n && !ws(b[i]) {
            i += 1;
        }
        out(word_hash_ascii(&b[start..i]));
    }
}

/// [`word_hash`] of an ASCII word: its lowercase bytes eight at a time.
fn word_hash_ascii(w: &[u8]) -> u64 {
    let mut h: u64 = w.len() as u64;
    for chunk in w.chunks(8) {
        h = hash_chunk(h, lexicon::load_le(chunk));
    }
    h & !(1 << 63)
}

/// One step of [`word_hash_ascii`]: mixes eight ASCII bytes (zero-padded), lowercased, into `h`.
#[inline]
fn hash_chunk(h: u64, x: u64) -> u64 {
    let x = x | crate::tokenize::ascii_capitals8(x) >> 2;
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

fn score(a: &Analysis<'_>, m: &MentionData<'_>) -> f32 {
    let mut s = 0.0;
    for r in &m.args {
        s += match r.role {
            Role::Actor | Role::Person | Role::Victim => 2.0,
            _ => 1.0,
        };
    }
    if m.time.as_ref().is_some_and(|t| t.begin.is_some()) {
        s += 1.0;
    }
    if m.explicit_modality {
        s += 0.5;
    }
    if a.sentences[m.sentence].kind == SegmentKind::Body {
        s += 0.5;
    }
    s
}

const KEY_ROLES: &[Role] = &[
    Role::Actor,
    Role::Target,
    Role::Destination,
    Role::Person,
    Role::Victim,
];

fn has_participants(m: &MentionData<'_>) -> bool {
    m.args.iter().any(|a| KEY_ROLES.contains(&a.role))
}

/// How many of the latest event groups a mention is compared with when merging in a document.
const MERGE_GROUPS: usize = 256;
/// How many of a group's latest members (besides its first) a mention is compared with.
const MERGE_MEMBERS: usize = 31;

/// The members of a group a new mention is compared with: the first and the latest ones.
fn recent<'g, 'a>(g: &'g [MentionData<'a>]) -> impl Iterator<Item = &'g MentionData<'a>> + Clone {
    let tail = g.len().saturating_sub(MERGE_MEMBERS).max(1);
    g[..1].iter().chain(&g[tail..])
}

fn shares_participant<'g, 'a: 'g>(
    mut g: impl Iterator<Item = &'g MentionData<'a>>,
    m: &MentionData<'_>,
) -> bool {
    g.any(|x| {
        x.args.iter().any(|a| {
            KEY_ROLES.contains(&a.role)
                && m.args
                    .iter()
                    .any(|b| b.role == a.role && same_referent(a, b))
        })
    })
}

fn same_referent(a: &Argument<'_>, b: &Argument<'_>) -> bool {
    a.canonical == b.canonical || (a.key.is_some() && a.key == b.key)
}

/// No key role filled differently, and times that overlap.
fn compatible(x: &MentionData<'_>, m: &MentionData<'_>) -> bool {
    for r in KEY_ROLES {
        let xa = x.args.iter().find(|a| a.role == *r);
        let ma = m.args.iter().find(|a| a.role == *r);
        if let (Some(p), Some(q)) = (xa, ma) {
            let places = matches!(r, Role::Destination);
            let same_country = places && p.country.is_some() && p.country == q.country;
            if !same_referent(p, q) && !same_country {
                return false;
            }
        }
    }
    if let (Some(t1), Some(t2)) = (&x.time, &m.time) {
        if let (Some(b1), Some(e1), Some(b2), Some(e2)) = (t1.begin, t1.end, t2.begin, t2.end) {
            if e1 < b2 || e2 < b1 {
                return false;
            }
        }
    }
    true
}

/// An event in a purpose clause or coordinated with another ("is scheduled to visit … to meet
/// with X", "is expected to hold talks … and visit …") shares the governing event's planned,
/// negated or hypothetical modality, and its time when it has none.
fn inherit_modality(ms: &mut [MentionData<'_>], a: &Analysis<'_>) {
    for j in 1..ms.len() {
        let first = token_at(a, ms[j].trigger.start);
        if first == 0 || ms[j].explicit_modality {
            continue;
        }
        let before = a.tok(first - 1);
        let to = before.eq_ignore_ascii_case("to") || before.eq_ignore_ascii_case("and");
        if !to {
            continue;
        }
        if let Some(i) = (0..j).rev().find(|&i| {
            ms[i].modality != Modality::Asserted
                && !ms[i].kind.is_speech_act()
                && ms[i].explicit_modality
        }) {
            ms[j].modality = ms[i].modality;
            if ms[j].time.is_none() {
                ms[j].time = ms[i].time.clone();
            }
        }
    }
}

/// Reported speech: a speech act reports the other events of its sentence (not other speech
/// acts); the speaker stays its own actor.
fn link_reports(ms: &mut [MentionData<'_>]) {
    for i in 0..ms.len() {
        if ms[i].kind != EventType::Statement {
            continue;
        }
        let r: Vec<usize> = ms
            .iter()
            .filter(|m| !m.kind.is_speech_act() && m.kind != EventType::Statement)
            .map(|m| m.id)
            .collect();
        ms[i].reports = r;
    }
}

/// The token at byte `pos` of the text (the first that ends after it).
fn token_at(a: &Analysis<'_>, pos: usize) -> usize {
    a.tokens.partition_point(|t| t.span().end <= pos)
}

/// Where the verb group ending before token `i` starts: back past adverbs ("also said") and,
/// with `aux`, auxiliaries and modals ("would officially state", "has said"), not before `first`.
fn verb_group_start(
    low: &Lower<'_>,
    lx: &lexicon::EventLexicon,
    first: usize,
    mut i: usize,
    aux: bool,
) -> usize {
    while i > first && {
        let w = low.get(i - 1);
        lx.adverb(w) || aux && lx.auxiliaries.contains(w)
    } {
        i -= 1;
    }
    i
}

/// [`verb_group_start`] with auxiliaries, run back over passive ones too: "will be announced",
/// "have not been announced", "targets would be met".
fn passive_group_start(
    low: &Lower<'_>,
    lx: &lexicon::EventLexicon,
    first: usize,
    i: usize,
) -> usize {
    let mut g = verb_group_start(low, lx, first, i, true);
    while g > first && lx.passive_aux.contains(low.get(g - 1)) {
        g = verb_group_start(low, lx, first, g - 1, true);
    }
    g
}

/// The last speakers of a document's statements that a pronoun subject of a later verb of
/// saying can stand for (see [`pronoun_speakers`]): the sentence and the argument.
#[derive(Default)]
struct LastSpeakers<'a> {
    /// The last speaker, when it is no person.
    thing: Option<(usize, Argument<'a>)>,
    /// The last speaker that is a person.
    person: Option<(usize, Argument<'a>)>,
    /// The last speaker, when it is people named by a plural noun ("analysts", "delegates").
    group: Option<(usize, Argument<'a>)>,
}

/// How many sentences after a person spoke "he said" or "she said" can still stand for them.
const PERSON_SPEAKER_REACH: usize = 8;

/// The speakers of statements whose subject is a pronoun the sentence-level rules left
/// unresolved, from the document's last speakers (the argument keeps the pronoun's span):
/// - "Clevite Industries Inc said it agreed to form a venture. It said the venture …": "it"
///   stands for the last speaker when that is no person and spoke in this sentence or one of
///   the two before (or "it" did, standing for it), and no person has spoken since;
/// - "Mr Molyneux said … [four sentences of quotation] "…," he said.": "he" or "she" stands
///   for the last person who spoke, up to [`PERSON_SPEAKER_REACH`] sentences back, when no
///   other person is named in between (the antecedent is clear) and no title before
///   the speaker's name says otherwise ("Mr" for "she", "Mrs" for "he"). (A person named in the
///   sentence or the three before is found by the pronoun rule of the argument cues first.)
/// - "Brazil has been unwilling to accept …, delegates said. They said …": "they" stands for
///   the last speaker when that is people named by a plural noun and spoke in this sentence or
///   one of the two before (or "they" did, standing for it).
///
/// Other pronouns ("we", "they" after a speaker of another kind) stay unresolved.
fn pronoun_speakers<'a>(
    ms: &mut [MentionData<'a>],
    a: &Analysis<'a>,
    lx: &lexicon::EventLexicon,
    low: &Lower<'_>,
    last: &mut LastSpeakers<'a>,
) {
    for m in ms.iter_mut().filter(|m| m.kind == EventType::Statement) {
        if let Some(x) = m.args.iter().find(|x| x.role == Role::Actor) {
            let person = x
                .entity
                .is_some_and(|e| a.entities[e].kind == EntityType::Person);
            last.thing = (!person).then(|| (m.sentence, x.clone()));
            if person {
                last.person = Some((m.sentence, x.clone()));
            }
            last.group = plural_people(a, low, x).then(|| (m.sentence, x.clone()));
            continue;
        }
        let first = a.sentences[m.sentence].first_token;
        let k = verb_group_start(low, lx, first, token_at(a, m.trigger.start), false);
        if k <= first {
            continue;
        }
        let pronoun = a.tokens[k - 1].span();
        let w = low.get(k - 1);
        // the last speaker the pronoun can stand for, and how many sentences back
        let (slot, reach) = match w {
            "it" => (&mut last.thing, 2),
            "they" => (&mut last.group, 2),
            "he" | "she" => (&mut last.person, PERSON_SPEAKER_REACH),
            _ => continue,
        };
        let person = matches!(w, "he" | "she");
        let Some((_, speaker)) = slot.as_ref().filter(|(si, x)| {
            m.sentence <= si + reach
                && (!person
                    || only_person_since(a, x, pronoun.start)
                        && !title_says_otherwise(a, lx, low, x, w == "she"))
        }) else {
            continue;
        };
        let arg = Argument {
            span: pronoun,
            ..speaker.clone()
        };
        // "X said … It said … It also said …": the chain goes on from here
        *slot = Some((m.sentence, arg.clone()));
        m.args.insert(0, arg);
    }
}

/// "Bally Manufacturing Corp said it signed a definitive agreement", "Officials said they
/// rejected …": a subject "it" or "they" right after a verb of saying (or its "that") in the same
/// sentence stands for the speaker, when the speaker is no person for "it" and people named by a
/// plural noun for "they" (Reuters writes a company's news this way); the event takes the
/// speaker as its actor, at the pronoun's place. Other events keep an unknown actor.
fn reported_subjects<'a>(
    ms: &mut [MentionData<'a>],
    a: &Analysis<'a>,
    lx: &lexicon::EventLexicon,
    low: &Lower<'_>,
) {
    for i in 0..ms.len() {
        let Some(tok) = ms[i].pronoun_subject else {
            continue;
        };
        let they = low.get(tok) == "they";
        let said_before = |m: &MentionData<'_>| {
            let last = token_at(a, m.trigger.end - 1);
            last + 1 == tok || last + 2 == tok && low.get(tok - 1) == "that"
        };
        let Some(speaker) = ms
            .iter()
            .filter(|m| m.kind == EventType::Statement && said_before(m))
            .find_map(|m| m.args.iter().find(|x| x.role == Role::Actor))
            .filter(|x| {
                if they {
                    plural_people(a, low, x)
                } else {
                    it_can_stand_for(a, lx, low, x)
                }
            })
            .cloned()
        else {
            continue;
        };
        let arg = Argument {
            span: a.tokens[tok].span(),
            role: Role::Actor,
            ..speaker
        };
        ms[i].args.insert(0, arg);
    }
}

/// Whether "it" can stand for an entity of this kind: an organisation, a country or a place.
fn it_names(kind: EntityType) -> bool {
    matches!(
        kind,
        EntityType::Organization | EntityType::Country | EntityType::City | EntityType::Region
    )
}

/// Whether "it" can stand for speaker `x`: a country, place or organisation the tagger found,
/// or a phrase whose last word names a company or an institution ("Bally Manufacturing Corp",
/// "the bank"; `org_word` rows of `rules/events.tsv`), not a person nor a pronoun.
fn it_can_stand_for(
    a: &Analysis<'_>,
    lx: &lexicon::EventLexicon,
    low: &Lower<'_>,
    x: &Argument<'_>,
) -> bool {
    if x.span.end == 0 {
        return false;
    }
    let last = token_at(a, x.span.end - 1);
    // ("Chronar Corp", which the tagger may take for a person; "the cartel")
    if it_word(a, lx, low, last) {
        return true;
    }
    match x.entity {
        Some(e) => it_names(a.entities[e].kind),
        // a name no list holds ("Colonial said it …"; not after "Mr")
        None => {
            let first = token_at(a, x.span.start);
            let titled = (first.saturating_sub(1)..=first)
                .any(|i| i < a.tokens.len() && lx.courtesy.contains(low.get(i)));
            a.tokens[last].is_cap() && !titled
        }
    }
}

/// Whether "it" can stand for a phrase ending in token `k`: a word that ends a company's or an
/// institution's name ("Corp", "bank"; `org_word` rows of `rules/events.tsv`) or a lowercase
/// singular group noun ("the cartel").
fn it_word(a: &Analysis<'_>, lx: &lexicon::EventLexicon, low: &Lower<'_>, k: usize) -> bool {
    let w = low.get(k);
    lx.org_words.contains(w)
        || a.tokens[k].has(crate::model::tokflags::LOWER)
            && low.info[k].noun == Some(NounClass::Group)
            && !plural_form(w)
}

/// Whether speaker `x` is people named by a plural noun ("analysts", "ICCO delegates", "the
/// officials"): its last word is a lowercase plural that the noun lexicon takes for people or a
/// group.
fn plural_people(a: &Analysis<'_>, low: &Lower<'_>, x: &Argument<'_>) -> bool {
    if x.entity.is_some() || x.span.end == 0 {
        return false;
    }
    let t = token_at(a, x.span.end - 1);
    let w = low.get(t);
    a.tokens[t].has(crate::model::tokflags::LOWER)
        && plural_form(w)
        && matches!(low.info[t].noun, Some(NounClass::Person | NounClass::Group))
}

/// Whether every person named after the speaker's mention `x` and before byte `pos` is that
/// speaker.
fn only_person_since(a: &Analysis<'_>, x: &Argument<'_>, pos: usize) -> bool {
    let from = a.entities.partition_point(|e| e.span.start < x.span.end);
    a.entities[from..]
        .iter()
        .take_while(|e| e.span.start < pos)
        .filter(|e| e.kind == EntityType::Person)
        .all(|e| e.canonical == x.canonical)
}

/// Whether a title right before the speaker's mention says the speaker is not of the pronoun's
/// gender ("Mr Blunkett" is no "she"; `title_gender` rows of `rules/events.tsv`).
fn title_says_otherwise(
    a: &Analysis<'_>,
    lx: &lexicon::EventLexicon,
    low: &Lower<'_>,
    x: &Argument<'_>,
    she: bool,
) -> bool {
    let t = token_at(a, x.span.start);
    t > 0
        && lx
            .title_gender
            .get(low.get(t - 1))
            .is_some_and(|&g| g != she)
}

/// A VISIT whose sentence also says whom the visitor meets ("to meet with X", "for talks with X")
/// has X as its host.
fn purpose_targets(ms: &mut [MentionData<'_>], a: &Analysis<'_>) {
    // "X visited Moscow for talks with Y": a nominal meeting that states the purpose of a movement
    // ("for", "to") has the mover as its actor.
    for j in 0..ms.len() {
        if ms[j].kind != EventType::Meet || ms[j].args.iter().any(|x| x.role == Role::Actor) {
            continue;
        }
        let first = token_at(a, ms[j].trigger.start);
        if first < 2
            || !matches!(a.tok(first - 1), "for" | "to")
                && !matches!(a.tok(first - 2), "for" | "to")
        {
            continue;
        }
        let mover = (0..j)
            .rev()
            .find(|&i| matches!(ms[i].kind, EventType::Visit | EventType::Move))
            .and_then(|i| ms[i].args.iter().find(|x| x.role == Role::Actor).cloned());
        if let Some(x) = mover {
            ms[j].args.insert(0, x);
        }
    }
    let meets: Vec<(usize, bool, Option<Argument<'_>>, Argument<'_>)> = ms
        .iter()
        .filter(|m| m.kind == EventType::Meet)
        .filter_map(|m| {
            let t = m.args.iter().find(|a| a.role == Role::Target)?.clone();
            Some((
                m.trigger.start,
                false,
                m.args.iter().find(|a| a.role == Role::Actor).cloned(),
                t,
            ))
        })
        .collect();
    for m in ms.iter_mut().filter(|m| m.kind == EventType::Visit) {
        if m.args.iter().any(|a| a.role == Role::Target) {
            continue;
        }
        let actor = m.args.iter().find(|a| a.role == Role::Actor).cloned();
        // The meeting is the visit's purpose when it shares the visit's subject ("X is to visit
        // Moscow to meet Y", "X visited Moscow for talks with Y") or its subject is a pronoun for
        // the visitor ("X's visit to Russia, when he sat down with Y").
        let found = meets.iter().find(|(pos, _, ma, _)| {
            *pos > m.trigger.start
                && match (ma, &actor) {
                    (Some(x), Some(y)) => {
                        same_referent(x, y)
                            && (x.span.end <= m.trigger.start || is_pronoun(a, x.span))
                    }
                    _ => false,
                }
        });
        if let Some((_, _, _, t)) = found {
            m.args.push(t.clone());
        }
    }
}

/// Quotations in a token range: “…”, "…" and ‘…’ pairs (an unclosed one runs to the end).
fn quotations(a: &Analysis<'_>, first: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let text = a.text().as_bytes();
    for i in first..end {
        let sp = a.tokens[i].span();
        // “ and ” are E2 80 9C and E2 80 9D in UTF-8: a mark starts with '"' or E2
        if !matches!(text.get(sp.start), Some(b'"' | 0xe2)) {
            continue;
        }
        let w = &text[sp.start..sp.end];
        match (w, open) {
            ([0xe2, 0x80, 0x9c], None) => open = Some(i),
            ([0xe2, 0x80, 0x9d], Some(o)) => {
                out.push((o, i));
                open = None;
            }
            ([b'"'], None) => open = Some(i),
            ([b'"'], Some(o)) => {
                out.push((o, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push((o, end));
    }
    out
}

/// The tokens of a sentence where a clause ends, in order: each semicolon and the start of each
/// relative clause (its comma). A trigger's clause runs to the first of them after its head.
fn clause_bounds(a: &Analysis<'_>, first: usize, end: usize, rel: &[(usize, usize)]) -> Vec<usize> {
    let text = a.text().as_bytes();
    let mut out: Vec<usize> = (first..end)
        .filter(|&i| &text[a.tokens[i].span().range()] == b";")
        .collect();
    if !rel.is_empty() {
        out.extend(rel.iter().map(|&(b, _)| b));
        out.sort_unstable();
    }
    out
}

/// An argument for the mention `span` standing for entity `e`.
fn from_entity_span<'a>(a: &Analysis<'a>, role: Role, span: Span, e: usize) -> Argument<'a> {
    let ent = &a.entities[e];
    Argument {
        role,
        span,
        entity: Some(e),
        canonical: ent.canonical.clone(),
        key: ent.key.clone(),
        country: ent.country,
    }
}

/// An argument named by words of the text that no entity covers ("Citibank said").
fn name_argument<'a>(a: &Analysis<'a>, role: Role, span: Span) -> Argument<'a> {
    Argument {
        role,
        span,
        entity: None,
        canonical: Cow::Borrowed(&a.text()[span]),
        key: None,
        country: None,
    }
}

/// "The Chinese defense minister" → "Chinese defense minister": the words without determiners.
fn description_name(a: &Analysis<'_>, c: &Chunk) -> String {
    let mut words: Vec<&str> = (c.first..c.end).map(|i| a.tok(i)).collect();
    // compared without a lowercase copy: only ASCII letters lowercase to these words (the one
    // other letter that lowercases to ASCII, the Kelvin sign, gives a 'k')
    const DETERMINERS: [&str; 9] = [
        "the", "a", "an", "his", "her", "its", "their", "this", "that",
    ];
    while words
        .first()
        .is_some_and(|w| DETERMINERS.iter().any(|d| w.eq_ignore_ascii_case(d)))
    {
        words.remove(0);
    }
    words.join(" ")
}

fn is_pronoun(a: &Analysis<'_>, span: Span) -> bool {
    matches!(
        a.text()[span].to_lowercase().as_str(),
        "he" | "she" | "his" | "her" | "him"
    )
}

/// Whether word `i` is the first part of a hyphenated compound: a hyphen touches it and the
/// word after ("fly-half", "sign-up").
fn first_of_compound(tokens: &[crate::model::Token], text: &[u8], i: usize) -> bool {
    hyphen_at(tokens, text, i)
        && tokens.get(i + 2).is_some_and(|w| {
            w.kind == crate::model::TokenKind::Word && w.span().start == tokens[i + 1].span().end
        })
}

impl EventExtractor {
    /// Whether token `i` ends a hyphenated adjective ("self-financed", "best-paid",
    /// "life-threatening", "previously-announced"): after a hyphen that touches both words, a
    /// word of the lexicon's `compound_modifier` list or an adverb in -ly ("newly-elected" is
    /// an election).
    fn compound_adjective(&self, a: &Analysis<'_>, low: &Lower<'_>, i: usize) -> bool {
        if i < 2
            || !hyphen_at(&a.tokens, a.text().as_bytes(), i - 2)
            || a.tokens[i - 1].span().end != a.tokens[i].span().start
        {
            return false;
        }
        let modifier = low.get(i - 2);
        a.tokens[i - 2].kind == crate::model::TokenKind::Word
            && (self.lx.compound_modifiers.contains(modifier)
                || modifier.len() > 4 && modifier.ends_with("ly") && modifier != "newly")
    }

    /// A trigger right after a number ("500 arrests", "at least three airstrikes").
    fn counted_trigger(&self, a: &Analysis<'_>, trigger: Span) -> bool {
        // tokens are in text order: the trigger's first token by binary search
        let t = a.tokens.partition_point(|t| t.span().start < trigger.start);
        if t == 0
            || a.tokens
                .get(t)
                .is_none_or(|x| x.span().start != trigger.start)
        {
            return false;
        }
        let p = a.tokens[t - 1];
        let w = &a.text()[p.span()];
        p.kind == crate::model::TokenKind::Number
            && w.bytes().all(|b| b.is_ascii_digit() || b == b',')
            || self.number_word(w)
    }

    /// A nominal trigger that an existential clause introduces with "a" or "an" ("There was an
    /// explosion", "there has been an attack"): one particular event, told as having happened
    /// (ACE 2005 GENERICITY=Specific), not a generic reference.
    fn existential(&self, a: &Analysis<'_>, trigger: Span) -> bool {
        let t = a.tokens.partition_point(|x| x.span().start < trigger.start);
        // token `t - back` is one of `words`, in any case
        let is = |back: usize, words: &[&str]| {
            let w = &a.text()[a.tokens[t - back].span()];
            words.iter().any(|x| w.eq_ignore_ascii_case(x))
        };
        t >= 3
            && is(1, &["a", "an"])
            && (is(2, &["was", "were"]) && is(3, &["there"])
                || t >= 4
                    && is(2, &["been"])
                    && is(3, &["has", "had", "have"])
                    && is(4, &["there"]))
    }

    /// An argument that opens with a number ("two black men", "39 people").
    fn counted(&self, a: &Analysis<'_>, x: &Argument<'_>) -> bool {
        let text = &a.text()[x.span];
        let first = text.split_whitespace().next().unwrap_or("");
        first.starts_with(|c: char| c.is_ascii_digit()) || self.number_word(first)
    }

    /// A number written as a word ("three", "Dozens"), any case.
    fn number_word(&self, w: &str) -> bool {
        self.lx.numbers.contains_key(w.to_lowercase().as_str())
    }
}

/// A one-word trigger ending in -s that no noun phrase governs as a verb ("protests", "attacks").
fn plural_noun(a: &Analysis<'_>, trigger: Span) -> bool {
    let w = &a.text()[trigger];
    !w.contains(' ') && plural_form(w)
}

/// A currency sign that opens an amount ("$850m", "£21 billion").
fn currency_sign(w: &str) -> bool {
    matches!(w, "$" | "£" | "€" | "¥")
}

/// A word with the form of a regular plural: ending in -s, not in -ss ("talks", not "press").
pub(crate) fn plural_form(w: &str) -> bool {
    w.ends_with('s') && !w.ends_with("ss")
}

/// Keeps one trigger per head (the longest phrase); drops triggers overlapping a longer one (a
/// blocking row's match drops only what overlaps its head: "[suicide] attack" leaves "attack";
/// over the same words a blocking row wins, wherever it stands in the table).
/// Sorts `found` and writes the kept triggers into `out` (both reused from sentence to sentence).
fn select_triggers(found: &mut [TriggerMatch], out: &mut Vec<TriggerMatch>) {
    found.sort_by_key(|t| {
        (
            std::cmp::Reverse(t.end - t.start),
            std::cmp::Reverse(t.specificity),
            !t.block,
            t.start,
        )
    });
    out.clear();
    for t in found.iter() {
        if let Some(o) = out.iter_mut().find(|o| {
            o.head.0 < t.head.1 && t.head.0 < o.head.1
                || (!o.block && o.start <= t.head.0 && t.head.1 <= o.end)
        }) {
            // the next row over the same words is the one to try when the chosen one lacks
            // the roles it requires
            if !o.block
                && !t.block
                && o.fallback.is_none()
                && (o.start, o.end, o.head) == (t.start, t.end, t.head)
            {
                o.fallback = Some(t.pattern);
            }
            continue;
        }
        out.push(t.clone());
    }
    out.sort_by_key(|t| t.head.0);
}

/// Title (and country) → the person named right after it: "Chinese Defense Minister Li Shangfu".
fn appositions(a: &Analysis<'_>) -> FxHashMap<(String, Option<Iso3>), usize> {
    let text = a.text();
    let mut map = FxHashMap::default();
    for (i, w) in a.entities.windows(2).enumerate() {
        let (t, p) = (&w[0], &w[1]);
        if t.kind == EntityType::Title
            && p.kind == EntityType::Person
            && text[t.span.end..p.span.start].trim().is_empty()
        {
            // entities are sorted and do not overlap: the title is entity i, the person i + 1
            let idx = i + 1;
            let title = t.canonical.to_lowercase();
            let country = i
                .checked_sub(1)
                .map(|j| &a.entities[j])
                .filter(|c| {
                    c.country.is_some()
                        && c.kind != EntityType::Title
                        && text[c.span.end..t.span.start]
                            .trim()
                            .trim_end_matches(['’', '\'', 's'])
                            .trim()
                            .is_empty()
                })
                .and_then(|c| c.country)
                .or(p.country);
            map.entry((title.clone(), country)).or_insert(idx);
            map.entry((title, None)).or_insert(idx);
        }
    }
    map
}

/// A plural title ("leaders", "officials") describes several people.
fn is_plural_title(a: &Analysis<'_>, t: usize) -> bool {
    let e = &a.entities[t];
    let text = &a.text()[e.span];
    text.ends_with('s') && !e.canonical.to_lowercase().ends_with('s')
}

fn resolve_description(
    a: &Analysis<'_>,
    ap: &FxHashMap<(String, Option<Iso3>), usize>,
    title: usize,
    country: Option<Iso3>,
) -> Option<usize> {
    let t = a.entities[title].canonical.to_lowercase();
    ap.get(&(t.clone(), country))
        .or_else(|| {
            if country.is_none() {
                ap.get(&(t, None))
            } else {
                None
            }
        })
        .copied()
}

/// The voice of a trigger's clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Voice {
    Active,
    Passive,
    Nominal,
}

struct SentenceCtx<'c, 'a> {
    a: &'c Analysis<'a>,
    lx: &'c EventLexicon,
    si: usize,
    triggers: &'c [TriggerMatch],
    chunks: &'c [Chunk<'c>],
    /// Lowercase token texts of the document.
    low: &'c Lower<'a>,
    rel: &'c [(usize, usize)],
    appositions: &'c FxHashMap<(String, Option<Iso3>), usize>,
    chunker: &'c Chunker<'c, 'a>,
    /// The chunks of the document's sentences, built when first asked for.
    cache: &'c [OnceCell<SentenceChunks<'a>>],
    /// The people named in this sentence and the three before it, in text order: built the
    /// first time a reference back needs them.
    people: OnceCell<Vec<PersonMention>>,
    /// COUNTRY entities: (byte position, entity, sentence), in text order.
    countries: &'c [(usize, usize, usize)],
    /// Quotations of the sentence: (opening mark, closing mark) token indices.
    quotes: Vec<(usize, usize)>,
    /// Where clauses of the sentence end, in order: its semicolons and the starts of its
    /// relative clauses (see [`clause_bounds`]).
    bounds: Vec<usize>,
}

impl<'c, 'a> SentenceCtx<'c, 'a> {
    fn word(&self, i: usize) -> &'a str {
        self.a.tok(i)
    }

    /// Whether the lowercase word of token `i` is in `set`: for a word token, the lexicon's
    /// `flag` for the set answers without hashing the string.
    fn in_set(&self, i: usize, flag: u8, set: &rustc_hash::FxHashSet<Box<str>>) -> bool {
        if self.a.tokens[i].kind == crate::model::TokenKind::Word {
            self.low.info[i].has(flag)
        } else {
            set.contains(self.low.get(i))
        }
    }

    /// The people named in this sentence and the three before it.
    fn people(&self) -> &[PersonMention] {
        self.people.get_or_init(|| {
            let mut v = Vec::new();
            for k in self.si.saturating_sub(3)..=self.si {
                v.extend_from_slice(&self.chunker.sentence(self.cache, k).people);
            }
            v
        })
    }

    /// The person a singular pronoun of this sentence (at byte `pos`) refers to: the latest
    /// person earlier in its sentence, else the latest subject of the nearest earlier sentence
    /// that has one (up to three back). The earlier sentences are chunked one at a time, only
    /// as far back as the search goes.
    fn resolve_pronoun(&self, pos: usize) -> Option<usize> {
        self.resolve_pronoun_in(pos, true)
    }

    /// [`Self::resolve_pronoun`], with `own` false past the people of its own sentence: the
    /// subject of a verb of saying after what was said (`"…," he said`, "Mr Blair will have to
    /// defend this record, he said") is not a person named in what was said.
    fn resolve_pronoun_in(&self, pos: usize, own: bool) -> Option<usize> {
        if own {
            let people = &self.chunker.sentence(self.cache, self.si).people;
            if let Some(p) = people.iter().rev().find(|p| p.pos < pos) {
                return Some(p.entity);
            }
        }
        for back in 1..=3 {
            let Some(s) = self.si.checked_sub(back) else {
                break;
            };
            let in_s = &self.chunker.sentence(self.cache, s).people;
            if let Some(p) = in_s.iter().rev().find(|p| p.subject).or(in_s.last()) {
                return Some(p.entity);
            }
        }
        None
    }

    /// The phrase a sentence opens with (its first one outside a prepositional phrase, before
    /// token `tok`), when pronoun `tok` can stand for it: "it" for a country, place or
    /// organisation or a singular group noun ("Boeing", "the cartel"), "they" for people named
    /// by a plural noun.
    fn opening_subject(&self, tok: usize) -> Option<&'c Chunk<'c>> {
        self.chunks
            .iter()
            .find(|c| c.prep.is_none() && !c.possessive && !c.embedded)
            .filter(|c| c.end <= tok && self.pronoun_agrees(c, tok))
    }

    /// Whether pronoun `tok` ("it", "they") can stand for chunk `c`: "it" for a country, place
    /// or organisation or a singular group noun, "they" for people named by a plural noun.
    fn pronoun_agrees(&self, c: &Chunk, tok: usize) -> bool {
        let they = self.low.get(tok) == "they";
        match c.head {
            Head::Entity(e) => {
                !they
                    && (it_word(self.a, self.lx, self.low, c.end - 1)
                        || it_names(self.a.entities[e].kind))
            }
            Head::Noun(h, _, class) if they => {
                self.a.tokens[h].has(crate::model::tokflags::LOWER)
                    && plural_form(self.low.get(h))
                    && matches!(class, NounClass::Person | NounClass::Group)
            }
            Head::Noun(h, ..) => {
                self.a.tokens[h].has(crate::model::tokflags::LOWER)
                    && it_word(self.a, self.lx, self.low, h)
            }
            Head::Pronoun(..) | Head::Description(..) => false,
        }
    }

    /// Whether trigger `t` is a verb of saying, urging or warning.
    fn is_speech(&self, t: &TriggerMatch) -> bool {
        self.lx.patterns[t.pattern]
            .kind
            .is_some_and(EventType::is_speech_act)
    }

    /// Whether pronoun token `tok` is the subject of verb of saying `t` that comes after what
    /// was said: right after a comma or a closing quotation mark.
    fn after_what_was_said(&self, t: &TriggerMatch, tok: usize) -> bool {
        self.is_speech(t)
            && tok > self.a.sentences[self.si].first_token
            && matches!(self.low.get(tok - 1), "," | "\"" | "\u{201d}")
    }

    /// The arguments of trigger `t` of pattern `p` whose clause has this voice.
    fn arguments(&self, p: &Pattern, t: &TriggerMatch, voice: Voice) -> Vec<Argument<'a>> {
        let mut out: Vec<Argument<'a>> = Vec::new();
        // the chunks taken, kept inline (a mention takes a few)
        let mut used: smallvec::SmallVec<[Span; 8]> = smallvec::SmallVec::new();
        for (role, cues) in &p.args {
            if out.iter().any(|x| x.role == *role) {
                continue; // filled by a pair
            }
            for cue in cues {
                let from_obj = *cue == Cue::Obj;
                // A passive clause ("was arrested by police", "people killed in …") puts the
                // object in subject position and the agent after "by"; a nominal trigger ("the
                // attack") has no subject or object of its own.
                let cue: Cow<'_, Cue> = match (voice, cue) {
                    (Voice::Passive, Cue::Subj) => Cow::Owned(Cue::Prep("by".into())),
                    (Voice::Passive, Cue::Obj) => Cow::Owned(Cue::Subj),
                    // in a headline the phrase right before a participle is its subject, no
                    // modifier of a noun ("Apple attacked over sources row": Apple is the
                    // target; in running text, "Iran attacked across the peaks" may be a verb
                    // without its object)
                    (Voice::Passive, Cue::Mod) if self.headline() => continue,
                    // "Putin reads papers during a meeting", "Holbrooke listens during a news
                    // conference": who is at a meeting takes part in it (ACE 2005 English Events
                    // Guidelines v5.4.3, Contact:Meet Entity)
                    (Voice::Nominal, Cue::Subj)
                        if p.kind == Some(EventType::Meet) && self.attended(t) =>
                    {
                        Cow::Borrowed(cue)
                    }
                    (Voice::Nominal, Cue::Subj | Cue::Obj | Cue::Near | Cue::Inv | Cue::Name) => {
                        continue
                    }
                    (_, c) => Cow::Borrowed(c),
                };
                if let Cue::Inv = *cue {
                    if let Some(x) = self.name_after(t, *role) {
                        used.push(x.span);
                        out.push(x);
                        break;
                    }
                }
                if let Cue::Source = *cue {
                    if let Some(x) = self.source_after(t, *role, &used) {
                        used.push(x.span);
                        out.push(x);
                        break;
                    }
                    continue;
                }
                if let Cue::Name = *cue {
                    if let Some(x) = self.name_before(t, *role) {
                        used.push(x.span);
                        out.push(x);
                        break;
                    }
                    continue;
                }
                if let Cue::Pair = *cue {
                    let pair = self.pair(t);
                    if pair.len() == 2 {
                        out.push(self.arg_from(&pair[0], *role));
                        if let Some(other) = p.args.iter().map(|(r, _)| *r).find(|r| *r != *role) {
                            out.push(self.arg_from(&pair[1], other));
                        }
                        break;
                    }
                    continue;
                }
                // "the bodies of civilians killed in …", "officers X and Y, killed in …": a
                // participle right after a noun phrase (a reduced relative clause) has that
                // phrase as its object, whatever governs the phrase
                let reduced = (voice == Voice::Passive && from_obj)
                    .then(|| self.reduced_relative_head(t))
                    .flatten();
                if let Some(c) = reduced.or_else(|| self.find(&cue, t, *role)) {
                    if used.contains(&c.span)
                        || !self.role_fits(*role, c)
                        || self.of_after_past_verb(&cue, t, voice, c)
                        // "his murder", "Fortuyn's murder": a person who owns a killing is its
                        // victim; a group or a government is its killer ("the Philippine
                        // government's suspected extrajudicial killings")
                        || *cue == Cue::Poss
                            && *role == Role::Victim
                            && !matches!(c.head, Head::Pronoun(..) | Head::Entity(_) | Head::Noun(_, _, NounClass::Person))
                    {
                        continue;
                    }
                    // a city modifying an event noun is where it happened, not who did it
                    // ("the Paris attacks", "the Istanbul bombing")
                    let city = matches!(c.head, Head::Entity(e) if self.a.entities[e].kind == EntityType::City);
                    if *cue == Cue::Mod && city && *role != Role::Location {
                        continue;
                    }
                    let args = match c.head {
                        Head::Pronoun(tok, 1)
                            if *cue == Cue::Subj && self.after_what_was_said(t, tok) =>
                        {
                            let span = self.a.tokens[tok].span();
                            self.resolve_pronoun_in(span.start, false)
                                .map(|e| from_entity_span(self.a, *role, span, e))
                                .into_iter()
                                .collect()
                        }
                        _ => self.referent(c, *role),
                    };
                    if !args.is_empty() {
                        used.push(c.span);
                        out.extend(args);
                        // "The US and its allies": coordinated chunks fill the same role
                        if !matches!(*cue, Cue::Between1 | Cue::Between2 | Cue::After(_)) {
                            for d in self.coordinated(c) {
                                if !used.contains(&d.span) && self.role_fits(*role, d) {
                                    used.push(d.span);
                                    out.extend(self.referent(d, *role));
                                }
                            }
                        }
                        break;
                    }
                }
            }
        }
        out
    }

    /// Whether chunk `c`, found by the cue "of" for a past verb in the active ("died of a drug
    /// overdose", "named X to the new position of president"), names a cause, a charge or a
    /// post's owner rather than a participant; an "of" after a count or a part of a group is
    /// the object's own ("killed more than 30,000 of its people", "arrested were Anne Maguire
    /// and members of her family"), and so is a noun trigger's ("the death of Marlon Brando").
    fn of_after_past_verb(&self, cue: &Cue, t: &TriggerMatch, voice: Voice, c: &Chunk) -> bool {
        if !matches!(cue, Cue::Prep(p) if &**p == "of") || voice != Voice::Active {
            return false;
        }
        let w = self.low.get(t.head.0);
        if t.head.1 - t.head.0 != 1 || !(w.ends_with("ed") || self.lx.participles.contains(w)) {
            return false;
        }
        // the word before "of"
        let Some(k) = c.first.checked_sub(2) else {
            return true;
        };
        // (a quantifier is a determiner of rules/events.tsv: "some of", "many of")
        let before = self.low.get(k);
        !(self.a.tokens[k].kind == crate::model::TokenKind::Number
            || self.lx.numbers.contains_key(before)
            || self.lx.partitives.contains(before)
            || self.word_flags(k) & lexicon::word_flags::DETERMINER != 0
            || self.low.info[k].noun.is_some_and(|n| n.animate()))
    }

    /// "Citibank said", "LyphoMed Inc said", "In a statement, Chrysler said", "…," Kraft said":
    /// capitalised words that no entity covers, right before the trigger (past adverbs,
    /// auxiliaries and a wire ticker, "PipeLines Ltd <TRP.TO> announced"), opening its clause
    /// (at the sentence's start, after a comma or a quotation mark); no pronoun or function word
    /// among them. Not in a headline, where every word is capitalised. The tagger knows no list
    /// of all companies; their names still say who spoke.
    fn name_before(&self, t: &TriggerMatch, role: Role) -> Option<Argument<'a>> {
        let a = self.a;
        let s = &a.sentences[self.si];
        if self.headline() {
            return None;
        }
        let first = s.first_token;
        let mut k = verb_group_start(self.low, self.lx, first, t.head.0, true);
        // "a Holcim statement said", "the FAO report said": the name of what a source
        // published, after an article, names the source (not "Control Data said", "Media
        // reports said")
        let published = k > first + 1
            && a.tokens[k - 1].has(crate::model::tokflags::LOWER)
            && self.lx.source_nouns.contains(self.low.get(k - 1));
        if published {
            k -= 1;
        }
        // a wire ticker after the name ("Alleghany Corp <Y> said"), or the name itself in the
        // brackets Reuters marks companies with ("<Chrysler Canada Ltd> said")
        let mut bracketed: Option<(usize, usize)> = None;
        if k > first && self.low.get(k - 1) == ">" {
            let lt = (first.max(k.saturating_sub(12))..k - 1)
                .rev()
                .find(|&i| self.low.get(i) == "<")?;
            bracketed = Some((lt + 1, k - 1));
            k = lt;
        }
        // capitalised words, no closed-class word among them ("It", "But", "The"), joined by a
        // hyphen, "and" or "&" ("Blu-Ray", "Ernst & Young": no entity on either side; "Apple and
        // Motorola" are two), "of" or "for" ("The National Union of Journalists"), with a place
        // after "the" or "of" or an organisation among them ("The U.S. Agriculture Department",
        // "The Bank of England"): at most ten tokens, at least one of them a word no entity
        // covers
        let name_word = |i: usize| self.name_word(i, s.end_token);
        let place_or_org = |i: usize| {
            let e = self.low.entity_at(i)?;
            let ent = &a.entities[e];
            let f = token_at(a, ent.span.start);
            let ok = match ent.kind {
                EntityType::Organization => true,
                EntityType::Country | EntityType::City | EntityType::Region => {
                    f > first && matches!(self.low.get(f - 1), "the" | "of")
                }
                _ => false,
            };
            ok.then_some(f)
        };
        let mut j = k;
        let mut named = false;
        while j > first && k - j < 10 {
            let i = j - 1;
            if name_word(i) {
                named = true;
                j = i;
                continue;
            }
            // (a possessive inside a name: "Moody's Investors Service Inc", "Standard and
            // Poor's Corp", "Moody's said"; not after an entity: "Britain's Foreign Office")
            let joins = i > first
                && (j < k
                    && (matches!(self.low.get(i), "-" | "and" | "&") && name_word(i - 1)
                        || matches!(self.low.get(i), "of" | "for")
                            && (name_word(i - 1) || place_or_org(i - 1).is_some()))
                    || a.tokens[i].kind == crate::model::TokenKind::Clitic
                        && matches!(self.low.get(i), "'s" | "’s")
                        && name_word(i - 1)
                        // ending the name only right before the verb ("Moody's said"; not
                        // "Federal Industries Ltd's earlier announced issue")
                        && (j < k || k == t.head.0));
            if joins {
                j = i;
                continue;
            }
            match place_or_org(i) {
                Some(f) if j < k || self.low.get(f.saturating_sub(1)) == "of" => j = f,
                _ => break,
            }
        }
        if !named {
            return bracketed.and_then(|(f, e)| self.bracketed_name(f, e, role));
        }
        // (the ten tokens may end at a joining word)
        while j < k && matches!(self.low.get(j), "-" | "of" | "for" | "and" | "&") {
            j += 1;
        }
        // a courtesy title is no part of the name ("Mr Redwood said")
        while j < k && self.lx.courtesy.contains(self.low.get(j)) {
            j += 1;
        }
        if j == k || published && !(j > first && matches!(self.low.get(j - 1), "the" | "a" | "an"))
        {
            return None;
        }
        // The words open the clause: at the sentence's start (after closed-class words only:
        // "But Cairn said", "The Blu-Ray Association said"), after a comma or a quotation mark,
        // or after a subordinator ("The announcement comes as ONGC said").
        let mut o = j;
        while o > first && self.lx.courtesy.contains(self.low.get(o - 1)) {
            o -= 1;
        }
        if o > first && matches!(self.low.get(o - 1), "the" | "a" | "an") {
            o -= 1;
        }
        let opens_at = |o: usize| {
            (first..o).all(|i| self.lx.function_word(self.low.get(i)))
                || matches!(self.low.get(o - 1), "," | "\"" | "\u{201c}" | "\u{201d}")
                || chunks::SUBORDINATORS.contains(&self.low.get(o - 1))
        };
        // or after a description that opens it: "Finnish security firm F-Secure said",
        // "market analysts Chart-Track said"
        let opens = opens_at(o)
            || self.chunks.iter().any(|c| {
                c.end == o
                    && c.prep.is_none()
                    && !c.possessive
                    && matches!(c.head, Head::Noun(_, _, class) if class.animate())
                    && opens_at(c.first)
            });
        if !opens {
            return None;
        }
        let span = Span::new(a.tokens[j].span().start, a.tokens[k - 1].span().end);
        Some(name_argument(a, role, span))
    }

    /// The name Reuters puts in brackets before a verb ("<The Commonwealth Bank of Australia>
    /// said"): tokens `f..e`, opening with a capital and holding no sentence punctuation, the
    /// brackets opening the clause (at the sentence's start after closed-class words, or after
    /// a comma).
    fn bracketed_name(&self, f: usize, e: usize, role: Role) -> Option<Argument<'a>> {
        let a = self.a;
        let first = a.sentences[self.si].first_token;
        let opens = (first..f - 1).all(|i| self.lx.function_word(self.low.get(i)))
            || f - 1 > first && self.low.get(f - 2) == ",";
        let ok = f < e
            && e - f <= 10
            && a.tokens[f].is_cap()
            && (f..e).all(|i| !matches!(self.low.get(i), "." | "," | ";" | ":" | "\"" | "<"));
        (opens && ok).then(|| {
            name_argument(
                a,
                role,
                Span::new(a.tokens[f].span().start, a.tokens[e - 1].span().end),
            )
        })
    }

    /// The noun phrase a participle trigger directly follows ("civilians killed in …", "Isa
    /// Ipek, killed in …"), when no auxiliary stands between them.
    fn reduced_relative_head(&self, t: &TriggerMatch) -> Option<&'c Chunk<'c>> {
        let hs = t.head.0;
        let tq = self.quote_of(hs);
        self.chunks.iter().rev().find(|c| {
            !c.possessive
                && self.quote_of(c.first) == tq
                && (c.end == hs || c.end + 1 == hs && self.low.get(hs - 1) == ",")
        })
    }

    /// The chunks joined to `c` by "and" / "or" (either side), in order.
    fn coordinated(&self, c: &Chunk) -> Vec<&'c Chunk<'c>> {
        let mut out = Vec::new();
        let Some(at) = self.chunks.iter().position(|x| x.first == c.first) else {
            return out;
        };
        // the chunker joined each chunk with `coord` > 0 to the one before it
        let mut k = at;
        while self.chunks[k].coord > 0 && k > 0 {
            k -= 1;
            out.push(&self.chunks[k]);
        }
        out.extend(self.chunks[at + 1..].iter().take_while(|n| n.coord > 0));
        out
    }

    fn arg_from(&self, x: &Argument<'a>, role: Role) -> Argument<'a> {
        Argument { role, ..x.clone() }
    }

    /// The two parties of a reciprocal event named anywhere in the sentence: "between X and Y",
    /// "the two countries", "X and Y".
    fn pair(&self, t: &TriggerMatch) -> Vec<Argument<'a>> {
        let b1 = self
            .chunks
            .iter()
            .find(|c| c.prep == Some("between") && c.coord == 0);
        let b2 = self
            .chunks
            .iter()
            .find(|c| c.prep == Some("between") && c.coord == 1);
        if let (Some(x), Some(y)) = (b1, b2) {
            let mut v = self.referent(x, Role::Actor);
            v.truncate(1);
            v.extend(self.referent(y, Role::Actor).into_iter().take(1));
            if v.len() == 2 {
                return v;
            }
        }
        // a chunk standing for two parties, nearest the trigger first
        let mut cands: Vec<&Chunk> = self.chunks.iter().collect();
        cands.sort_by_key(|c| c.span.start.abs_diff(self.a.tokens[t.head.0].span().start));
        for c in cands {
            let v = self.referent(c, Role::Actor);
            if v.len() == 2 {
                return v;
            }
        }
        Vec::new()
    }

    /// The lexicon's flags of token `i`'s word: for a word token the lookup [`Lower::new`] made,
    /// for another token (a number with letters, "10th") a lookup of its lowercase text.
    fn word_flags(&self, i: usize) -> u8 {
        if self.a.tokens[i].kind == crate::model::TokenKind::Word {
            self.low.info[i].flags
        } else {
            self.lx.info(self.low.get(i)).flags
        }
    }

    /// Whether the chunk can fill the role: people and groups act and suffer, places locate,
    /// weapons and vehicles are instruments.
    fn role_fits(&self, role: Role, c: &Chunk) -> bool {
        let animate_role = matches!(
            role,
            Role::Actor
                | Role::Person
                | Role::Victim
                | Role::Agent
                | Role::Addressee
                | Role::Beneficiary
        );
        let place_role = matches!(role, Role::Location | Role::Destination | Role::Origin);
        // a post is a title or a noun of a post ("became chairman", "became Defense Minister",
        // "was named general manager"), not any phrase after "become" ("have become the main
        // forum", "became the largest shareholder", "became Lopez's third husband")
        if role == Role::Position {
            return match c.head {
                Head::Description(..) => true,
                Head::Entity(e) => self.a.entities[e].kind == EntityType::Title,
                Head::Noun(k, _, class) => {
                    class == NounClass::Person && self.lx.post_nouns.contains(self.low.get(k))
                }
                Head::Pronoun(..) => false,
            };
        }
        match c.head {
            Head::Noun(_, _, class) => {
                if animate_role {
                    class.animate()
                } else if place_role {
                    class.locative()
                } else if matches!(role, Role::Instrument | Role::Vehicle) {
                    matches!(class, NounClass::Weapon | NounClass::Vehicle)
                } else {
                    true
                }
            }
            Head::Entity(e) => {
                let k = self.a.entities[e].kind;
                match role {
                    Role::Person | Role::Victim => k == EntityType::Person,
                    // a nationality adjective ("a Turkish airstrike", "the Greek islands") is no place
                    _ if place_role && chunks::demonym_adjective(self.a, e) => false,
                    // a demonym or country name modifying a noun ("British airstrike") is no place
                    r if place_role && r != Role::Destination => {
                        matches!(
                            k,
                            EntityType::Country | EntityType::City | EntityType::Region
                        ) && !(k == EntityType::Country
                            && c.end < self.a.tokens.len()
                            && self.a.tokens[c.end].has(crate::model::tokflags::LOWER)
                            // (a word that opens a modality cue, "plans", is as much a noun)
                            && self.word_flags(c.end) & !lexicon::word_flags::MODALITY == 0
                            // (a date is no noun: "captured in Belgium yesterday")
                            && !self.date_at(c.end))
                    }
                    Role::Destination => k != EntityType::Person,
                    Role::Instrument | Role::Vehicle => false,
                    _ => true,
                }
            }
            Head::Pronoun(..) | Head::Description(..) => !place_role,
        }
    }

    /// The plural of a trigger noun ("attacks", "rallies", "air strikes") and not a verb after
    /// its subject ("Daesh kills", "Trump greets").
    fn series(&self, p: &Pattern, t: &TriggerMatch) -> bool {
        let (hs, he) = t.head;
        let text = &self.a.text()[Span::new(
            self.a.tokens[hs].span().start,
            self.a.tokens[he - 1].span().end,
        )];
        let last = self.low.get(he - 1);
        if !last.ends_with('s') || last.ends_with("ss") || !text.is_ascii() {
            return false;
        }
        let words = (hs..he)
            .map(|i| self.low.get(i))
            .collect::<Vec<_>>()
            .join(" ");
        if !p.plural_of_head(&words) {
            return false;
        }
        // right after a subject: a verb in the present ("Daesh kills Yazidis")
        let after_subject = self.chunks.iter().any(|c| {
            c.end == hs
                && !c.possessive
                && c.prep.is_none()
                && match c.head {
                    Head::Entity(e) => matches!(
                        self.a.entities[e].kind,
                        EntityType::Person | EntityType::Organization
                    ),
                    Head::Pronoun(..) | Head::Description(..) => true,
                    Head::Noun(_, _, class) => class.animate(),
                }
        });
        !after_subject
    }

    /// Whether capitalised words stand right before token `k`, and a determiner right before
    /// them ("the Tiananmen Square …", "the Paris …"; not at the sentence's start).
    fn after_determiner_and_name(&self, k: usize) -> bool {
        let first = self.a.sentences[self.si].first_token;
        let mut j = k;
        while j > first + 1
            && self.a.tokens[j - 1].kind == crate::model::TokenKind::Word
            && self.a.tokens[j - 1].is_cap()
        {
            j -= 1;
        }
        j < k
            && j > first
            && self.in_set(j - 1, lexicon::word_flags::DETERMINER, &self.lx.determiners)
    }

    /// Active, passive ("was detained", "people killed in …") or nominal ("the attack").
    fn voice(&self, p: &Pattern, t: &TriggerMatch) -> Voice {
        let a = self.a;
        let s = &a.sentences[self.si];
        let (hs, he) = t.head;
        if he - hs != 1 || t.start != hs {
            return Voice::Active;
        }
        let w = self.low.get(hs);
        let prev = |k: usize| -> Option<&str> { (k > s.first_token).then(|| self.low.get(k - 1)) };
        let p1 = prev(hs);
        // nominal: right after a determiner, a possessive or a number (past forms are verbs)
        if let Some(p1) = p1.filter(|_| !w.ends_with("ed")) {
            let clitic = a.tokens[hs - 1].kind == crate::model::TokenKind::Clitic;
            // "since becoming Defense Minister": a gerund with an object is a verb
            // (or a clause: "quoted as saying that …")
            // ("after meeting with Mattis": meeting someone is done by the clause's subject;
            // not "killed in fighting with rebels")
            let gerund = w.ends_with("ing")
                && (self.chunks.iter().any(|c| c.first == he)
                    || he < s.end_token && self.low.get(he) == "that"
                    || p.kind == Some(EventType::Meet)
                        && he < s.end_token
                        && self.low.get(he) == "with");
            if self.in_set(hs - 1, lexicon::word_flags::DETERMINER, &self.lx.determiners)
                // (not a past form: "Moody's said" is a name and its verb)
                || clitic && !self.lx.participles.contains(w)
                || (self.in_set(hs - 1, lexicon::word_flags::PREPOSITION, &self.lx.prepositions)
                    && p1 != "to"
                    && !gerund)
                || a.tokens[hs - 1].kind == crate::model::TokenKind::Number
                // "an overnight Iranian attack": an attack word after a nationality adjective
                // ("the American said": a word of saying after a noun)
                || p.kind == Some(EventType::Fight)
                    && self
                        .low
                        .entity_at(hs - 1)
                        .is_some_and(|e| chunks::demonym_adjective(a, e))
                // ("an official visit"; not "an official said": a past form is a verb)
                || self.lx.nominal_cues.contains(p1) && !self.lx.participles.contains(w)
                // "a missile attack", "the truck bombing": a weapon or vehicle noun before an
                // attack word that is no participle ("warplanes struck" is a clause)
                || p.kind == Some(EventType::Fight)
                    && !self.lx.participles.contains(w)
                    && matches!(self.lx.noun(p1), Some(NounClass::Weapon | NounClass::Vehicle))
                // "killed in a drone strike", "by an air raid": a lowercase word between "a"
                // after "in", "by", "during", "after" or "from" and an attack or killing word
                // modifies it (such a phrase takes no verb right after its noun)
                || matches!(p.kind, Some(EventType::Fight | EventType::Kill))
                    && !self.lx.participles.contains(w)
                    && hs >= s.first_token + 3
                    && a.tokens[hs - 1].has(crate::model::tokflags::LOWER)
                    && matches!(self.low.get(hs - 2), "a" | "an")
                    && matches!(self.low.get(hs - 3), "in" | "by" | "during" | "after" | "from")
                // "the Tiananmen Square massacre", "the Paris attacks": a name between a
                // determiner and an attack or killing word modifies it
                || matches!(p.kind, Some(EventType::Fight | EventType::Kill))
                    && !self.lx.participles.contains(w)
                    && self.after_determiner_and_name(hs)
            {
                return Voice::Nominal;
            }
        }
        let aux_only = self.lx.aux_participles.contains(w);
        let participle =
            w.ends_with("ed") || w.ends_with("en") || self.lx.participles.contains(w) || aux_only;
        // (a verb of saying has no object cue, but "the winner will be announced" is passive
        // too: what was announced is no speaker; only after an auxiliary, since "the FBI said"
        // is no reduced relative clause)
        let object = p.args.iter().any(|(_, cues)| cues.contains(&Cue::Obj));
        if !participle || !object && !p.kind.is_some_and(EventType::is_speech_act) {
            return Voice::Active;
        }
        // "was (reportedly) detained"; "was found and killed", "to be convicted and executed":
        // a past form joined to a passive one is passive too
        let passive_at = |hs: usize| {
            let mut k = hs;
            for _ in 0..3 {
                match prev(k) {
                    Some(x) if self.lx.passive_aux.contains(x) => return true,
                    Some(x) if self.lx.adverb(x) => k -= 1,
                    _ => break,
                }
            }
            false
        };
        if passive_at(hs)
            || object
                && self.verb_joined_before(hs).is_some_and(|v| {
                    let x = self.low.get(v);
                    (x.ends_with("ed") || x.ends_with("en") || self.lx.participles.contains(x))
                        && passive_at(v)
                })
        {
            return Voice::Passive;
        }
        if !object || aux_only {
            return Voice::Active;
        }
        // "people killed in the attack": right after a noun phrase, with no object after it
        // (also after a comma: "officers Serdar Kazar and Isa Ipek, killed in an attack")
        let after_chunk = self.chunks.iter().any(|c| {
            !c.possessive && (c.end == hs || c.end + 1 == hs && self.low.get(hs - 1) == ",")
        });
        let he = self.past_coordinated_verb(he);
        let headline = self.headline();
        let object_at = |he: usize| {
            self.chunks
                .iter()
                .any(|c| c.first == he && c.prep.is_none())
                || (he < s.end_token && self.lx.pronouns.contains_key(self.low.get(he)))
                // "a man dressed as a soldier killed a two-star general", "police arrested eight
                // suspected traffickers": an article or a number opens an object the chunker
                // may not have taken whole ("warned that …": a clause)
                || (he < s.end_token
                    && (matches!(self.low.get(he), "a" | "an" | "the" | "his" | "her" | "their" | "its" | "that")
                        || a.tokens[he].kind == crate::model::TokenKind::Number
                            && self.low.entity_at(he).is_none()
                        // "Microsoft paid $850m": a sum opens an object; "warned Mr Blair":
                        // so does a courtesy title
                        || currency_sign(self.low.get(he))
                        || self.lx.courtesy.contains(self.low.get(he))
                        // "federal agents raided HealthSouth's offices": so does a name the
                        // tagger does not know (outside a headline, where every word may be
                        // capitalised)
                        || a.tokens[he].kind == crate::model::TokenKind::Word
                            && a.tokens[he].is_cap()
                            && self.low.entity_at(he).is_none()
                            && !headline
                            && !self.closed_class(he)
                        // "The UK's biggest coal producer blamed geological problems": a
                        // lowercase content word opens an object too (not a preposition or an
                        // adverb: "people killed in the attack", "troops deployed there")
                        || self.lowercase_word(he)
                            && !self.closed_class(he)
                            && !self.lx.adverb(self.low.get(he))))
        };
        // "Serwotka warned last week that …": the object may come after a date
        let past_date = (he..s.end_token)
            .find(|&k| !self.date_at(k))
            .unwrap_or(s.end_token);
        let object_follows = object_at(he) || past_date > he && object_at(past_date);
        if after_chunk && !object_follows {
            return Voice::Passive;
        }
        Voice::Active
    }

    /// True when the sentence is a headline ([`crate::model::Sentence::is_headline`]).
    fn headline(&self) -> bool {
        self.a.sentences[self.si].is_headline()
    }

    /// The verb that "and" or "or" right before token `k` joins it to ("convicted" for
    /// "executed" in "was convicted and executed"): token `k - 2`.
    fn verb_joined_before(&self, k: usize) -> Option<usize> {
        (k >= self.a.sentences[self.si].first_token + 2
            && matches!(self.low.get(k - 1), "and" | "or"))
        .then(|| k - 2)
    }

    /// Token `k`, or the token after a past form joined to the verb before it: "Police arrested
    /// and questioned two men" has its object after the second verb.
    fn past_coordinated_verb(&self, k: usize) -> usize {
        let end = self.a.sentences[self.si].end_token;
        if k + 2 < end
            && matches!(self.low.get(k), "and" | "or")
            && self.low.get(k + 1).ends_with("ed")
        {
            k + 2
        } else {
            k
        }
    }

    /// The chunk a cue points to.
    fn find(&self, cue: &Cue, t: &TriggerMatch, role: Role) -> Option<&'c Chunk<'c>> {
        let s = &self.a.sentences[self.si];
        let (hs, he) = t.head;
        // Inside a quotation, arguments come from the quotation; outside, not from one.
        let tq = self.quote_of(hs);
        let chunks: &'c [Chunk<'c>] = self.chunks;
        let vis = || chunks.iter().filter(move |c| self.quote_of(c.first) == tq);
        let in_rel = self.rel.iter().find(|&&(b, e)| hs > b && hs < e).copied();
        let next_trigger = self
            .triggers
            .iter()
            .filter(|o| o.start >= t.end)
            .map(|o| o.start)
            .min()
            .unwrap_or(s.end_token);
        // the clause ends at a semicolon, a relative clause or the next trigger (which comes
        // before the sentence's end): no need to look past that trigger
        let clause_end = || {
            let limit = next_trigger.min(s.end_token);
            let k = self.bounds.partition_point(|&b| b < he);
            self.bounds.get(k).map_or(limit, |&b| b.min(limit))
        };
        match cue {
            Cue::Subj => {
                if let Some((b, _)) = in_rel {
                    // The antecedent of "who".
                    return vis().rev().find(|c| c.end == b);
                }
                // "Mumtaz Qadri who was convicted and executed": the phrase right before a "who"
                // that opens the verb's group (or the group of the verb it is joined to) is its
                // subject, whatever governs that phrase ("in support of Mumtaz Qadri")
                let mut g = passive_group_start(self.low, self.lx, s.first_token, hs);
                if let Some(v) = self.verb_joined_before(g) {
                    g = passive_group_start(self.low, self.lx, s.first_token, v);
                }
                if g >= s.first_token + 2 && self.low.get(g - 1) == "who" {
                    // "who" is a person or a group: past a place or a thing the phrase before
                    // its preposition is ("Turkey's ambassador to Athens who arrived", "six
                    // people on top of the vessel who were dead"), and past a group a person
                    // before "of" ("analyst Sherman Chao of Salomon Brothers who noted")
                    let kind = |c: &Chunk| match c.head {
                        Head::Entity(e) => match self.a.entities[e].kind {
                            EntityType::Person => Some(true),
                            EntityType::Organization => Some(false),
                            _ => None,
                        },
                        Head::Noun(_, _, class) => class
                            .animate()
                            .then_some(class == NounClass::Person),
                        Head::Description(..) | Head::Pronoun(..) => Some(true),
                    };
                    let before = |c: &Chunk| vis().rev().find(|d| d.end + 1 == c.first);
                    // (past a comma: "the Doors frontman, who died aged 27")
                    let mut c = vis().rev().find(|c| {
                        (c.end + 1 == g || c.end + 2 == g && self.low.get(g - 2) == ",")
                            && !c.possessive
                    });
                    for _ in 0..2 {
                        match c {
                            Some(x) if kind(x).is_none() && x.prep.is_some() => c = before(x),
                            Some(x) if kind(x) == Some(false) && x.prep == Some("of") => {
                                if let Some(p) = before(x).filter(|p| kind(p) == Some(true)) {
                                    c = Some(p);
                                }
                                break;
                            }
                            _ => break,
                        }
                    }
                    if let Some(c) = c.filter(|c| kind(c).is_some()) {
                        return Some(self.named_apposition(c).unwrap_or(c));
                    }
                }
                // ", threatening …": a participle after a comma shares the main clause's subject;
                // so does a gerund after a preposition ("since becoming Defense Minister, Li …")
                if hs > s.first_token && self.word(hs).ends_with("ing") {
                    let prev = self.low.get(hs - 1);
                    if prev == "," {
                        return vis().find(|c| {
                            c.prep.is_none() && !c.embedded && !c.possessive && c.end <= hs
                        });
                    }
                    // "The paper quoted Deng as saying": who is quoted speaks
                    if prev == "as" && hs > s.first_token + 2 {
                        if let Some(c) = vis().find(|c| {
                            c.end + 1 == hs
                                && c.prep.is_none()
                                && c.first > s.first_token
                                && matches!(self.low.get(c.first - 1), "quoted" | "quotes" | "quoting" | "quote")
                        }) {
                            return Some(c);
                        }
                    }
                    if self.lx.prepositions.contains(prev) && prev != "to" {
                        if let Some((b, _)) = self.rel.iter().find(|&&(b, e)| b < hs && hs < e) {
                            return vis().rev().find(|c| c.end == *b);
                        }
                        return vis().find(|c| {
                            c.prep.is_none()
                                && !c.embedded
                                && !c.possessive
                                && c.first != he
                                && !matches!(c.head, Head::Description(..))
                        });
                    }
                }
                // "Silva said Portugal would hand back Macao but added …": a verb of saying,
                // urging or warning joined to an earlier verb by "and"/"but" shares its subject,
                // the clause's first phrase (at the sentence's start or after an opening phrase
                // and its comma); without one the subject stays unknown rather than the nearest
                // phrase. (Other events keep the nearest phrase: "injuries and deaths" are nouns.)
                let speech = self.is_speech(t);
                let k = verb_group_start(self.low, self.lx, s.first_token, hs, false);
                if speech && k > s.first_token + 1 && matches!(self.low.get(k - 1), "and" | "but") {
                    // the phrase runs over chunks, names, commas and clitics to its first other
                    // word (the verb: "Moazzam Begg's Labour MP Roger Godsiff welcomed", "The
                    // party's leader, Nicola Sturgeon, welcomed"): its last chunk
                    // (at the start: only capitalised words or a conjunction before it, "But
                    // Mr Blair"; else right after a comma, "In a statement, Jones")
                    let opens = |c: &Chunk| {
                        let cap = |i: usize| self.a.tokens[i].is_cap();
                        let mut j = c.first;
                        while j > s.first_token && cap(j - 1) {
                            j -= 1; // "Ms Jamieson"
                        }
                        self.low.get(j.wrapping_sub(1)) == ","
                            || (s.first_token..j).all(|i| {
                                self.a.tokens[i].kind != crate::model::TokenKind::Word
                                    || matches!(self.low.get(i), "and" | "but" | "so" | "yet")
                            })
                    };
                    let c0 = vis().find(|c| c.prep.is_none() && !c.embedded && c.end < k && opens(c))?;
                    let mut f = c0.first;
                    while f < k {
                        if let Some(c) = vis().filter(|c| c.first == f).max_by_key(|c| c.end) {
                            f = c.end;
                        } else if self.a.tokens[f].is_cap()
                            || self.a.tokens[f].kind == crate::model::TokenKind::Clitic
                            || self.low.get(f) == ","
                        {
                            f += 1;
                        } else {
                            break;
                        }
                    }
                    let c = vis()
                        .rev()
                        .find(|c| c.first >= c0.first && c.end <= f && c.prep.is_none() && !c.embedded)?;
                    // not past "who" or "which" after a phrase, outside commas ("Qadri who was
                    // convicted and …"; not "divided over which approach is best and say")
                    let relative = (c.end..k).any(|i| {
                        matches!(self.low.get(i), "who" | "which")
                            && self.chunks.iter().any(|d| d.end == i)
                            && !self.rel.iter().any(|&(b, e)| b < i && i < e)
                    });
                    return (!c.possessive && !relative).then(|| self.named_apposition(c).unwrap_or(c));
                }
                // "Brown called on rich nations to fund …", "urged Israel to withdraw": who
                // is called on, urged or told to act is the infinitive's subject, not the
                // caller; when the chunker found no phrase there ("called on hunts to do"),
                // the subject stays unknown
                let kt = verb_group_start(self.low, self.lx, s.first_token, t.start, false);
                if let Some((_, gap)) = self.control_cue(kt)
                    .filter(|_| self.voice(&self.lx.patterns[t.pattern], t) != Voice::Nominal)
                {
                    // ("urging shareholders not to sign")
                    let not = usize::from(self.low.get(kt - 2) == "not");
                    return vis().find(|c| c.first >= gap && c.end + 1 + not == kt);
                }
                // A chunk right before a verb trigger is its subject even after "after", "when";
                // a chunk right after another trigger is that one's object.
                let before_trigger = |c: &Chunk| {
                    self.triggers.iter().any(|o| o.start == c.end)
                        && c.prep.is_some_and(|p| chunks::SUBORDINATORS.contains(&p))
                };
                // ("Officials said Mauritania imprisoned him": after a verb of saying, a chunk
                // opens the reported clause and is its subject)
                let object_of_other = |c: &Chunk| {
                    self.triggers.iter().any(|o| {
                        o.end == c.first
                            && o.start != t.start
                            && self.lx.patterns[o.pattern].kind != Some(EventType::Statement)
                    })
                };
                // "Malcolm Seagrave said the most common types of attacks hit sites": a verb of
                // saying between a phrase and the verb opens the clause the verb is in, and
                // the speaker is no subject of what was said (the chunker found no phrase for
                // "types"): the subject stays unknown (not past a verb of saying in a relative
                // clause, "Mr Barber, who said …, called for"; not past one that opens no
                // clause: "are said to be dissatisfied … and have said", or one with a
                // preposition after it, "Mr Putin said at his year-end press conference")
                // (the trigger's own voice only asked where such a verb stands between)
                let said_between = |c: &Chunk| {
                    self.triggers.iter().any(|o| {
                        o.start >= c.end
                            && o.end <= t.start
                            && self.lx.patterns[o.pattern].kind == Some(EventType::Statement)
                            && self.low.get(o.end) != "to"
                            && !self.in_set(o.end, lexicon::word_flags::PREPOSITION, &self.lx.prepositions)
                            && !self.rel.iter().any(|&(b, e)| b < o.start && o.start < e)
                            && self.voice(&self.lx.patterns[o.pattern], o) != Voice::Nominal
                    }) && self.voice(&self.lx.patterns[t.pattern], t) != Voice::Nominal
                };
                let mut cands = vis()
                    .rev()
                    // (a row's words before its head may be the subject: "protesters [gathered]")
                    .filter(|c| (c.end <= t.start || c.end == hs && c.first <= t.start) && !c.embedded && (c.prep.is_none() || before_trigger(c)) && !object_of_other(c))
                    .filter(|c| !self.anti(c))
                    .filter(|c| !(c.possessive && c.end + 1 < t.start && !matches!(c.head, Head::Pronoun(..))))
                    .filter(|c| !(c.end..t.start).any(|i| self.word(i) == ";"));
                // "many would prefer Turkey to admit that World War I-era killing of Armenians
                // …": a "that" past the phrase's end (not right after it, where it opens a
                // relative clause: "the attacks that killed 39") opens the clause the verb is
                // in; not one past a comma, inside a phrase set off between the subject and its
                // verb ("Radomski, noting that …, said"); and only a "that" before what opens a
                // clause, a function word, a name or a number (not the determiner of "Reagan
                // vetoed that bill and would reject …", nor the pronoun of "its board and that
                // of Piedmont met"; "said that prices rose" stays as it was)
                let that_between = |c: &Chunk| {
                    (c.end..t.start)
                        .take_while(|&i| self.low.get(i) != ",")
                        .any(|i| {
                            use lexicon::word_flags::{DETERMINER, FUNCTION, PREPOSITION};
                            if i == c.end || i + 1 >= t.start || self.low.get(i) != "that" {
                                return false;
                            }
                            let next = &self.a.tokens[i + 1];
                            let flags = self.word_flags(i + 1);
                            next.kind == crate::model::TokenKind::Number
                                || next.kind == crate::model::TokenKind::Word
                                    && (next.is_cap()
                                        || self.low.info[i + 1].pronoun.is_some()
                                        || flags & (FUNCTION | DETERMINER) != 0
                                            && flags & PREPOSITION == 0
                                            && !matches!(
                                                self.low.get(i + 1),
                                                "and" | "or" | "but" | "nor"
                                            ))
                        })
                };
                cands
                    .next()
                    .filter(|c| !said_between(c) && !that_between(c))
                    // "it" or "they" stands for the nearest phrase before it that it can stand
                    // for ("Boeing apologised, although it claimed …"), not any ("Mr Jones said
                    // it signed": not Jones); the speaker right before may (`reported_subjects`)
                    .and_then(|c| match c.head {
                        Head::Pronoun(tok, n) if n != 1 => cands.find(|d| self.pronoun_agrees(d, tok)),
                        _ => Some(c),
                    })
                    // "…a fixed-line telephone, the report said": a phrase opening after a comma
                    // or a quotation and running up to a verb of saying is its subject, though
                    // no chunk of a participant (one closed by a comma is an apposition:
                    // "Georgeta Minciu, a part-time cleaner, said")
                    .filter(|c| {
                        !(speech
                            && (c.end + 1..k).any(|j| {
                                matches!(self.low.get(j - 1), "," | "\"" | "\u{201d}")
                                    && self.in_set(j, lexicon::word_flags::DETERMINER, &self.lx.determiners)
                                    && !(j..k).any(|i| self.low.get(i) == ",")
                            }))
                    })
                    .map(|c| self.named_apposition(c).unwrap_or(c))
                    .map(|c| self.set_off_subject(c, g).unwrap_or(c))
            }
            Cue::Obj => {
                let mut first = self.past_coordinated_verb(self.past_age(t.end));
                // "arrested Mr Smith": the name after its courtesy title
                if first + 1 < s.end_token && self.lx.courtesy.contains(self.low.get(first)) {
                    first += 1;
                }
                let c = vis().find(|c| c.first == first && c.prep.is_none())?;
                // "warned house prices were overvalued", "warned the government would have to
                // work hard": after a verb of saying, a phrase that a finite verb or a modal
                // follows is the subject of the clause said, no object (after other verbs it
                // may be the object in a clause that is a subject: "reports that Iraq attacked
                // Iranian oil fields were supportive")
                let speech = self.lx.patterns[t.pattern]
                    .kind
                    .is_some_and(EventType::is_speech_act);
                let finite_after = c.end < s.end_token && {
                    let w = self.low.get(c.end);
                    w != "," && self.lx.infinitive_stops.contains(w) || self.lx.modals.contains(w)
                };
                if speech && finite_after {
                    return None;
                }
                // "become the country's 45th president": the post follows its possessor, past a
                // modifier or two
                if role == Role::Position && c.possessive {
                    return vis()
                        .find(|n| n.first > c.first && n.first <= c.end + 3 && n.prep.is_none());
                }
                Some(c)
            }
            Cue::Compl => {
                let mut k = match self.voice(&self.lx.patterns[t.pattern], t) {
                    Voice::Active => self.find(&Cue::Obj, t, Role::Person)?.end,
                    Voice::Passive | Voice::Nominal => t.end,
                };
                if k < s.end_token && self.low.get(k) == "as" {
                    k += 1;
                }
                vis().find(|c| c.first == k && matches!(c.prep, None | Some("as")))
            }
            // (only modifiers between the possessor and its noun: "his suspected extrajudicial
            // killings", not "pays her respects to slain Jennifer Laude")
            Cue::Poss => vis().rev().find(|c| {
                c.possessive
                    && c.end <= hs
                    && hs - c.end <= 3 + usize::from(!matches!(c.head, Head::Pronoun(..)))
                    && (c.end..hs).all(|k| match self.a.tokens[k].kind {
                        crate::model::TokenKind::Word => {
                            !self.low.info[k].has(lexicon::word_flags::FUNCTION)
                        }
                        // the possessive's own "'s" or "'", a number or a sum ("Turkey's
                        // current $18.6bn loan"), a hyphen ("his one-week visit"); not a
                        // clause's punctuation
                        crate::model::TokenKind::Punct => !matches!(
                            self.low.get(k),
                            "," | ";" | ":" | "." | "(" | ")" | "\"" | "“" | "”" | "!" | "?"
                        ),
                        _ => true,
                    })
            }),
            Cue::Mod => vis().find(|c| {
                // "US sanctions", "the Israeli attack", and a group or person noun: "police
                // shooting", "coalition airstrikes", "civilian deaths"
                c.end == hs
                    && !c.possessive
                    && (matches!(c.head, Head::Entity(e) if matches!(self.a.entities[e].kind, EntityType::Country | EntityType::Organization | EntityType::City))
                        || matches!(c.head, Head::Noun(h, _, class) if h + 1 == hs && (class.animate() || matches!(class, NounClass::Weapon | NounClass::Vehicle))))
                    && !self.anti(c)
            }),
            Cue::Near => {
                // past adverbs and modals: "Lawson would officially state"
                let k = verb_group_start(self.low, self.lx, s.first_token, hs, true);
                self.find(&Cue::Subj, t, role).filter(|c| c.end == k)
            }
            Cue::Inv => {
                // the chunk right after the verb ends its clause (a chunk that goes on is the
                // reported clause's subject: "…, said the company would …")
                let c = self.after_quotation(t)?;
                (c.end >= s.end_token || matches!(self.low.get(c.end), "," | "." | ";" | ":" | "!" | "?"))
                    .then_some(c)
            }
            // arguments of their own (see `arguments`)
            Cue::Pair | Cue::Name | Cue::Source => None,
            Cue::Anti => vis().find(|c| c.end == hs && self.anti(c)),
            Cue::Between1 | Cue::Between2 => {
                let want = u8::from(matches!(cue, Cue::Between2));
                let clause_end = clause_end();
                vis().find(|c| c.first >= he && c.end <= clause_end && c.prep == Some("between") && c.coord == want)
            }
            Cue::Prep(p) => {
                // a subordinator or a clause's punctuation (rules/events.tsv's boundaries) ends
                // the clause too ("on loan while fly-half Craig McMullen has joined from
                // Narbonne"); not "that", mostly a determiner or a pronoun after a trigger ("in
                // that city"). (A boundary word is a function word: the flag answers for most
                // words without the set's hash.)
                let clause_end = clause_end();
                let clause_end = (t.end..clause_end)
                    .find(|&k| {
                        (self.a.tokens[k].kind != crate::model::TokenKind::Word
                            || self.low.info[k].has(lexicon::word_flags::FUNCTION))
                            && self.low.get(k) != "that"
                            && self.lx.boundaries.contains(self.low.get(k))
                    })
                    .unwrap_or(clause_end);
                // "announced by the ministry": the agent of a verb of saying stands right after
                // it; a later "by" belongs to what was said ("…, saying decisions should be
                // made by ministers")
                let speech = self.is_speech(t);
                // (past a date: "as stated on Tuesday by CIA director William Burns"); whom it
                // was said to stands right after it too ("said to reporters"; not "said exports
                // to Japan rose", "said companies are looking to the government")
                let reach = if speech && (&**p == "by" || role == Role::Addressee) {
                    let mut k = t.end;
                    while k < s.end_token
                        && (matches!(self.low.get(k), "on" | "in" | "at")
                            || self.date_at(k)
                            // ("said privately to", not "said up to 1,800 workers")
                            || self.low.get(k).ends_with("ly") && self.lx.adverb(self.low.get(k)))
                    {
                        k += 1;
                    }
                    // ("said in a speech to shareholders", "in testimony to the Senate")
                    if role == Role::Addressee && k > t.end && self.low.get(k - 1) == "in" {
                        if let Some(m) = (k..s.end_token.min(k + 5))
                            .take_while(|&m| self.a.tokens[m].kind == crate::model::TokenKind::Word)
                            .find(|&m| self.lx.address_nouns.contains(self.low.get(m)))
                        {
                            k = m + 1;
                        }
                    }
                    if k >= s.end_token || self.low.get(k) != &**p {
                        return None;
                    }
                    k + 4 - t.end
                } else {
                    12
                };
                // "in the Iraqi city of Mosul": the named place, not its description
                let named = |c: &'c Chunk<'c>| -> &'c Chunk<'c> {
                    if matches!(c.head, Head::Noun(_, _, class) if class.locative()) {
                        if let Some(named) = self.chunks.iter().find(|n| {
                            n.first == c.end + 1
                                && n.prep == Some("of")
                                && matches!(n.head, Head::Entity(e) if matches!(self.a.entities[e].kind, EntityType::City | EntityType::Region | EntityType::Country))
                        }) {
                            return named;
                        }
                    }
                    c
                };
                // from the end of the head: words of the row after it may be the argument's
                // own ("[strike] by * miners"); the reach counts from the end of the row's words
                // (a head that ends with the preposition governs the phrase right after it,
                // past the row's gap: "[appealed to] * to|for", "appealed to voters to stay")
                let after = if speech && self.low.get(t.head.1 - 1) != &**p {
                    t.end
                } else {
                    t.head.1
                };
                let mut cands = self
                    .chunks
                    .iter()
                    .filter(|c| c.first >= after && c.end <= clause_end && c.first.saturating_sub(t.end) <= reach && c.prep == Some(&**p) && c.coord == 0)
                    // ("to his radical plan": a possessive names whose the phrase is)
                    .filter(|c| !(c.possessive && matches!(c.head, Head::Pronoun(..))))
                    .map(named);
                // A place role passes over phrases of the same preposition that name no place
                // ("killed in a shooting in Mosul", "held at gunpoint at a base"); other roles
                // take the first phrase.
                if matches!(role, Role::Location | Role::Destination | Role::Origin) {
                    cands.find(|c| self.role_fits(role, c))
                } else {
                    cands.next()
                }
            }
            Cue::After(words) => vis().find(|c| {
                c.first >= words.len() + s.first_token
                    && words.iter().enumerate().all(|(k, w)| self.word(c.first - words.len() + k).eq_ignore_ascii_case(w))
            }),
        }
    }

    /// The chunk after a verb of saying that follows the quotation: `"…," said Johansson.`,
    /// `…," said Jan Egeland, head of …` (the `inv` cue; see [`Cue::Inv`]).
    fn after_quotation(&self, t: &TriggerMatch) -> Option<&'c Chunk<'c>> {
        let he = self.inverted(t)?;
        // right after the verb, or past a few words of a post ("said eighth seed
        // Agassi", "said Villa boss David O'Leary", "said Dr Phil Nobles"): words, no
        // preposition, determiner or "that"
        let post_word = |i: usize| {
            self.a.tokens[i].kind == crate::model::TokenKind::Word
                && !self.in_set(i, lexicon::word_flags::PREPOSITION, &self.lx.prepositions)
                && !self.in_set(i, lexicon::word_flags::DETERMINER, &self.lx.determiners)
        };
        let tq = self.quote_of(t.head.0);
        self.chunks.iter().find(|c| {
            self.quote_of(c.first) == tq
                && c.first >= he
                && c.first <= he + 4
                && c.prep.is_none()
                && !c.possessive
                && (he..c.first).all(post_word)
        })
    }

    /// Whether a verb of saying follows the quotation (after a closing quotation mark or a
    /// comma, not one closing a relative clause, and no participle): the end of its head, where
    /// its subject may follow.
    fn inverted(&self, t: &TriggerMatch) -> Option<usize> {
        let s = &self.a.sentences[self.si];
        let (hs, he) = t.head;
        if hs <= s.first_token {
            return None;
        }
        // a straight quotation mark closes a quotation after its punctuation (`sight,"`),
        // and opens one before a word (`"added value content"`)
        let closing = match self.low.get(hs - 1) {
            "," | "\u{201d}" => true,
            "\"" => {
                hs > s.first_token + 1
                    && matches!(self.low.get(hs - 2), "," | "." | "?" | "!" | "\u{2026}")
            }
            _ => false,
        };
        // "The official, who asked not to be named, said the Council, …": the comma
        // closes a relative clause, and the subject came before it
        if !closing || self.rel.iter().any(|&(_, e)| e + 1 == hs) {
            return None;
        }
        // (", saying the presenter had …" is a participle with the main clause's subject)
        if self.word(hs).ends_with("ing") {
            return None;
        }
        Some(he)
    }

    /// The source a phrase after the trigger names (the `source` cue): "according to Gartner",
    /// "according to PC Pro", "according to Labor Department figures" (a name right after it,
    /// past a determiner), or "according to recent research by the Pew Internet and American
    /// Life Project", "according to lending figures from the Bank of England" (a name or a
    /// phrase of a person or group after a "by" or "from" within six words, before a comma).
    fn source_after(&self, t: &TriggerMatch, role: Role, used: &[Span]) -> Option<Argument<'a>> {
        let a = self.a;
        let end = a.sentences[self.si].end_token;
        let det = |i: usize| {
            i < end && self.in_set(i, lexicon::word_flags::DETERMINER, &self.lx.determiners)
        };
        // the name from `k`: name words, entities of people, groups and places, joined by "of",
        // "for", "and", "&" or a hyphen
        let name_at = |mut k: usize| -> Option<Argument<'a>> {
            while det(k) {
                k += 1;
            }
            let ent = |i: usize| {
                self.low.entity_at(i).filter(|&e| {
                    matches!(
                        a.entities[e].kind,
                        EntityType::Person
                            | EntityType::Organization
                            | EntityType::Country
                            | EntityType::City
                            | EntityType::Region
                    )
                })
            };
            let start = k;
            let mut entities = Vec::new();
            loop {
                if self.name_word(k, end) {
                    k += 1;
                } else if let Some(e) = ent(k).filter(|_| k < end) {
                    entities.push(e);
                    k = chunks::last_tok(a, k, e) + 1;
                } else if k > start
                    && k + 1 < end
                    && matches!(self.low.get(k), "of" | "for" | "and" | "&" | "-")
                    && (self.name_word(k + 1, end) || ent(k + 1).is_some())
                {
                    k += 1;
                } else {
                    break;
                }
            }
            if k == start {
                return None;
            }
            // a name modifying a noun is the source only with that noun when it names people or
            // a group ("a Philips Medical spokesman", "some LA film critics"; not "U.S.
            // accounting principles"), or with the name after it ("Oppenheimer market
            // strategist Michael Metz"); "Labor Department figures" name what it published
            // ("API monthly statistics")
            let content = |m: &usize| {
                a.tokens[*m].kind == crate::model::TokenKind::Word
                    && a.tokens[*m].has(crate::model::tokflags::LOWER)
                    && self.word_flags(*m)
                        & (lexicon::word_flags::FUNCTION
                            | lexicon::word_flags::PREPOSITION
                            | lexicon::word_flags::DETERMINER)
                        == 0
            };
            let modified = || (k..end.min(k + 4)).take_while(content);
            if k < end
                && content(&k)
                && !modified().any(|m| self.lx.source_nouns.contains(self.low.get(m)))
            {
                let head = modified()
                    .filter(|&m| self.low.info[m].noun.is_some_and(NounClass::animate))
                    .last()?;
                let mut n = head + 1;
                while self.name_word(n, end) {
                    n += 1;
                }
                let person = self
                    .low
                    .entity_at(head + 1)
                    .filter(|&e| head + 1 < end && a.entities[e].kind == EntityType::Person);
                if let Some(e) = person {
                    let span = a.entities[e].span;
                    return Some(from_entity_span(a, role, span, e));
                }
                let (from, to) = if n > head + 1 {
                    (head + 1, n)
                } else {
                    (start, head + 1)
                };
                let span = Span::new(a.tokens[from].span().start, a.tokens[to - 1].span().end);
                return Some(name_argument(a, role, span));
            }
            let span = Span::new(a.tokens[start].span().start, a.tokens[k - 1].span().end);
            if used.contains(&span) {
                return None;
            }
            match entities[..] {
                [e] if a.entities[e].span == span => Some(from_entity_span(a, role, span, e)),
                _ => Some(name_argument(a, role, span)),
            }
        };
        let k = t.end;
        if k >= end {
            return None;
        }
        if let Some(x) = name_at(k) {
            return Some(x);
        }
        // "by" or "from" after what the source published ("research by", "figures gathered
        // by"; not "rules devised by the programmers")
        let by = (k..end.min(k + 7))
            .take_while(|&i| !matches!(self.low.get(i), "," | ";" | ":" | "."))
            .find(|&i| matches!(self.low.get(i), "by" | "from"))?;
        if !(k..by).any(|i| self.lx.source_nouns.contains(self.low.get(i))) {
            return None;
        }
        if let Some(x) = name_at(by + 1) {
            return Some(x);
        }
        let c = self
            .chunks
            .iter()
            .find(|c| c.first == by + 1 && self.role_fits(role, c))?;
        // the name after the description: "analysts Gartner", "industry watchdog, Ofcom"
        let after = if self.low.get(c.end) == "," {
            c.end + 1
        } else {
            c.end
        };
        if let Some(x) = (after < end).then(|| name_at(after)).flatten() {
            return Some(x);
        }
        self.referent(c, role).into_iter().next()
    }

    /// Whether token `i`, before `end`, is a word of a name no entity covers: capitalised (or
    /// an abbreviation: "U.S.", "Inc."), no closed-class word ("It", "But", "The").
    fn name_word(&self, i: usize, end: usize) -> bool {
        let Some(tk) = self.a.tokens.get(i).filter(|_| i < end) else {
            return false;
        };
        matches!(
            tk.kind,
            crate::model::TokenKind::Word | crate::model::TokenKind::Abbrev
        ) && tk.is_cap()
            && self.low.entity_at(i).is_none()
            && self.word_flags(i) & lexicon::word_flags::FUNCTION == 0
    }

    /// "…, said market analysts Chart-Track.": capitalised words no entity covers, after the
    /// description that follows a verb of saying (see [`Self::after_quotation`]) and ending the
    /// clause, are the speaker's name.
    fn name_after(&self, t: &TriggerMatch, role: Role) -> Option<Argument<'a>> {
        let a = self.a;
        let s = &a.sentences[self.si];
        // after the description, or right after the verb when no phrase follows it ("…,
        // said Sandvine.")
        let from = match self.after_quotation(t) {
            Some(c) if matches!(c.head, Head::Noun(_, _, class) if class.animate()) => c.end,
            Some(_) => return None,
            None => self.inverted(t)?,
        };
        let name_word = |i: usize| self.name_word(i, s.end_token);
        // (a hyphen between two of them too: "Chart-Track")
        let mut k = from;
        while name_word(k) || k > from && self.low.get(k) == "-" && name_word(k + 1) {
            k += 1;
        }
        if k == from
            || k < s.end_token && !matches!(self.low.get(k), "," | "." | ";" | ":" | "!" | "?")
        {
            return None;
        }
        let span = Span::new(a.tokens[from].span().start, a.tokens[k - 1].span().end);
        Some(name_argument(a, role, span))
    }

    /// "Mahmoud al-Mujahid, an alleged former bodyguard of Osama bin Laden, has been held",
    /// "Mr Bez - himself a former executive at Porsche - said": a description set off by a comma
    /// or a dash right after a name stands for that name, which is the clause's subject.
    fn named_apposition(&self, c: &'c Chunk<'c>) -> Option<&'c Chunk<'c>> {
        if !matches!(c.head, Head::Noun(..) | Head::Description(..)) {
            return None;
        }
        let mut f = c.first;
        if f > 0 && matches!(self.low.get(f - 1), "himself" | "herself" | "itself") {
            f -= 1;
        }
        if f == 0 || !matches!(self.low.get(f - 1), "," | "-" | "\u{2013}" | "\u{2014}") {
            return None;
        }
        self.chunks.iter().find(|d| {
            d.end + 1 == f
                && d.prep.is_none()
                && !d.possessive
                && matches!(d.head, Head::Entity(e) if matches!(self.a.entities[e].kind, EntityType::Person | EntityType::Organization))
        })
    }

    /// "Besigye, runner-up in the election to longtime incumbent Yoweri Museveni, was
    /// arrested": a phrase set off by commas between the sentence's first phrase and its verb
    /// group (starting at `g`) is an apposition or an aside, and the first phrase is the subject,
    /// not the phrase nearest the verb. Only a first phrase that opens the sentence (after at
    /// most a conjunction, or after an opening prepositional phrase and its comma) and a
    /// person, group or country, and only one comma pair with no quotation or other
    /// punctuation inside but a relative clause that closes it.
    fn set_off_subject(&self, c: &'c Chunk<'c>, g: usize) -> Option<&'c Chunk<'c>> {
        let first = self.a.sentences[self.si].first_token;
        if g < first + 4 || self.low.get(g - 1) != "," || c.end >= g {
            return None;
        }
        let stop = |to: usize| {
            (first..to).rev().find(|&i| {
                matches!(
                    self.low.get(i),
                    "," | ";"
                        | ":"
                        | "("
                        | ")"
                        | "\""
                        | "\u{201c}"
                        | "\u{201d}"
                        | "\u{2013}"
                        | "\u{2014}"
                        | "who"
                        | "which"
                        | "said"
                        | "says"
                )
            })
        };
        let mut open = stop(g - 1)?;
        // past a relative clause that closes the set-off phrase ("Junaid Hussain, a 21-year-old
        // hacker-turned-jihadist from Birmingham, who ran an IS recruitment arm from Syria, was
        // killed"): the comma before it
        if matches!(self.low.get(open), "who" | "which")
            && open > first
            && self.low.get(open - 1) == ","
        {
            open = stop(open - 1)?;
        }
        if self.low.get(open) != "," || c.first <= open {
            return None;
        }
        // a name set off after a description is the subject itself ("Their lawyer, Majeed
        // Memon, said", "James Hardie chairwoman, Meredith Hellicar, said")
        if self.chunks.iter().any(|x| {
            x.first == open + 1
                && matches!(x.head, Head::Entity(e) if self.a.entities[e].kind == EntityType::Person)
        }) {
            return None;
        }
        let d = self
            .chunks
            .iter()
            .find(|d| d.end == open && d.prep.is_none() && !d.possessive && !d.embedded)?;
        // a name after a description ("The spokeswoman, Davia B. Temin, said") names the
        // subject; the description does not
        if !self.a.tokens[d.end - 1].is_cap() && self.a.tokens[open + 1].is_cap() {
            return None;
        }
        let start = self
            .coordinated(d)
            .iter()
            .map(|x| x.first)
            .min()
            .unwrap_or(d.first)
            .min(d.first);
        // (or after an opening prepositional phrase and its comma: "In the same month, Junaid
        // Hussain, …, was killed")
        let opens = (first..start).all(|i| matches!(self.low.get(i), "and" | "but" | "so" | "yet"))
            || start > first + 1
                && self.low.get(start - 1) == ","
                && self.lx.prepositions.contains(self.low.get(first))
                && !(first..start - 1).any(|i| self.low.get(i) == ",");
        let animate = match d.head {
            Head::Entity(e) => matches!(
                self.a.entities[e].kind,
                EntityType::Person | EntityType::Organization | EntityType::Country
            ),
            Head::Noun(_, _, class) => class.animate(),
            Head::Description(..) => true,
            Head::Pronoun(..) => false,
        };
        (opens && animate).then_some(d)
    }

    /// The token after an age written before a name ("shooting 17-year-old Laquan McDonald",
    /// "killed a 22-year-old"), or `i` itself when none starts there.
    fn past_age(&self, i: usize) -> usize {
        let end = self.a.sentences[self.si].end_token;
        if i >= end || !self.low.get(i).starts_with(|c: char| c.is_ascii_digit()) {
            return i;
        }
        if self.low.get(i).ends_with("-old") {
            return i + 1;
        }
        let mut k = i + 1;
        while k < end && k < i + 6 {
            match self.low.get(k) {
                "old" => return k + 1,
                "-" | "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days" => {
                    k += 1
                }
                _ => break,
            }
        }
        i
    }

    /// Token `k` is a lowercase word outside every entity.
    fn lowercase_word(&self, k: usize) -> bool {
        let tok = self.a.tokens[k];
        tok.kind == crate::model::TokenKind::Word
            && tok.has(crate::model::tokflags::LOWER)
            && self.low.entity_at(k).is_none()
    }

    /// Token `k`'s word is closed-class: a function word, preposition or determiner.
    fn closed_class(&self, k: usize) -> bool {
        use lexicon::word_flags::{DETERMINER, FUNCTION, PREPOSITION};
        self.word_flags(k) & (FUNCTION | PREPOSITION | DETERMINER) != 0
    }

    /// Token `k`'s word can head a phrase that names a thing: a lowercase word outside every
    /// entity, no function word, pronoun, adverb or number, that no noun class takes
    /// (`rules/event_nouns.tsv`, in no sense).
    fn names_a_thing(&self, k: usize) -> bool {
        self.modifies_a_thing(k) && !self.lx.animate_senses.contains(self.low.get(k))
    }

    /// Whether token `k` can modify a noun that names a thing: a lowercase content word that is
    /// no pronoun, adverb or number and that no noun class takes in its first sense
    /// ([`SentenceCtx::names_a_thing`] without the other senses, which only the head's word
    /// decides).
    fn modifies_a_thing(&self, k: usize) -> bool {
        let w = self.low.get(k);
        self.lowercase_word(k)
            && !self.closed_class(k)
            && self.low.info[k].pronoun.is_none()
            && self.low.info[k].noun.is_none()
            && !self.lx.adverb(w)
            && !self.lx.numbers.contains_key(w)
    }

    /// "The plan calls for …", "the agreement also calls for …": right before the verb trigger
    /// (past adverbs) stands a noun phrase that opens with a determiner or the sentence and
    /// whose words name things ([`SentenceCtx::names_a_thing`]); that subject is a thing, so
    /// the verb is in another sense (WordNet 3.0 call_for.v.01 "require"). Not after a verb or
    /// an adjective ("Blair rejected calls for", "mounting calls for": "calls" is a noun).
    ///
    /// With `passive`, the verb group runs back over its auxiliaries and the subject stands for
    /// the object: "targets would be met" (WordNet 3.0 meet.v.04 "satisfy"; `obj!`).
    fn thing_subject(&self, t: &TriggerMatch, passive: bool) -> bool {
        let first = self.a.sentences[self.si].first_token;
        // (past auxiliaries and modals: "the ruling could threaten the production")
        let mut k = if passive {
            passive_group_start(self.low, self.lx, first, t.start)
        } else {
            verb_group_start(self.low, self.lx, first, t.start, true)
        };
        // a date before the verb is no subject ("Labour MPs this week warned": "week" reads as
        // an adverb of the verb group, "this" as a demonstrative)
        if k > first && self.date_at(k - 1) {
            return false;
        }
        // "That calls for a radical alliance": a demonstrative stands for a thing
        if k > first && matches!(self.low.get(k - 1), "this" | "that") {
            return true;
        }
        // "civil service reform which threatened his members' jobs": "which" stands for the
        // phrase before it (past a comma), a thing when its head word names one ("the army
        // which attacked" is a group)
        if !passive && k > first + 1 && self.low.get(k - 1) == "which" {
            let h = if self.low.get(k - 2) == "," {
                k - 2
            } else {
                k - 1
            };
            return h > first && self.names_a_thing(h - 1);
        }
        let head = k;
        // "Those arrested are accused of …", "the injured were taken": a past form after a
        // determiner names people
        if passive && k > first && self.low.get(k - 1).ends_with("ed") {
            return false;
        }
        // the head, right before the verb, names a thing; the words before it only modify it,
        // so a rarer sense of theirs that is a person or group does not count ("the current
        // agreement": WordNet 3.0 current.n.03 is a group)
        if k > first && self.names_a_thing(k - 1) {
            k -= 1;
            while k > first && self.modifies_a_thing(k - 1) {
                k -= 1;
            }
        }
        k < head
            && (k == first
                || self.a.tokens[k - 1].kind == crate::model::TokenKind::Word
                    && self.word_flags(k - 1) & lexicon::word_flags::DETERMINER != 0)
    }

    /// "meet its debt", "meet commercial demand", "welcomed the decision", "execute customer
    /// orders": the words right after the trigger (past adverbs and determiners) are lowercase
    /// content words, with no name, pronoun, number or adverb among them, and the last, their
    /// head, is no noun of a person, group, place or object (`rules/event_nouns.tsv`, no sense
    /// of it either): the object is a thing, and the verb is in another sense (WordNet 3.0
    /// meet.v.04 "satisfy", welcome.v.02 "accept gladly", execute.v.02 "carry out").
    fn thing_object(&self, t: &TriggerMatch) -> bool {
        use lexicon::word_flags::DETERMINER;
        let end = self.a.sentences[self.si].end_token;
        let mut k = t.end;
        // "meet even their basic needs": an adverb, then determiners (not "month" in "meet
        // month-end payments")
        let compound = |k: usize| k + 1 < end && self.low.get(k + 1) == "-";
        while k < end && self.lx.adverb(self.low.get(k)) && !compound(k) {
            k += 1;
        }
        // (a possessive pronoun too: "meet its growth target", "met their obligations")
        while k < end
            && self.a.tokens[k].kind == crate::model::TokenKind::Word
            && (self.word_flags(k) & DETERMINER != 0
                || matches!(self.low.get(k), "its" | "their" | "his" | "our"))
        {
            k += 1;
        }
        // "meet Iran's demands", "welcomed the CFTC's decision": a named possessor is no head;
        // what it has is
        let mut m = k;
        while m < end
            && self.a.tokens[m].kind == crate::model::TokenKind::Word
            && self.a.tokens[m].is_cap()
        {
            m += 1;
        }
        if m > k && m < end && self.a.tokens[m].kind == crate::model::TokenKind::Clitic {
            k = m + 1;
        } else if m > k
            && m < end
            && self.lowercase_word(m)
            && !self.closed_class(m)
            && !self.lx.adverb(self.low.get(m))
            && !self.lx.numbers.contains_key(self.low.get(m))
            && !self.date_at(m)
            // (a verb form after the name belongs to the clause: "attacked Basra injuring
            // dozens")
            && !self.low.get(m).ends_with("ing")
            && !self.low.get(m).ends_with("ed")
            && (k..m).all(|i| self.modifying_name(i))
        {
            // "meet Wall Street earnings estimates", "meet US demand", "met IMF requirements":
            // a name that modifies the noun after it is no head either ("meet Kremlin
            // officials": the head names people, and they are met)
            k = m;
        }
        // scare quotes around a few words open the phrase: "welcomed his \"gracious
        // apology\"" (not a quotation: "their withdrawal \"regardless of the situation …\""):
        // the sentence's quotations, closed within four words
        if k + 1 < end
            && self
                .quote_of(k + 1)
                .is_some_and(|(o, c)| o == k && c < (k + 6).min(end))
        {
            k += 1;
        }
        let mut head = None;
        while k < end {
            // "meet month-end payments": a date before the head modifies it ("met briefly
            // earlier today": after it, a date ends the phrase); so does an amount ("meet its
            // 1.4% growth target", "meet a $27.5bn tax bill")
            if head.is_none() && (self.date_at(k) || self.amount_word(k)) {
                k += 1;
                continue;
            }
            // "meet the country's growing demand": a possessor is no head; what it has is
            // ("meet the strikers' demands": a bare apostrophe after a plural too)
            if head.is_some() && self.a.tokens[k].kind == crate::model::TokenKind::Clitic {
                head = None;
                k += 1;
                continue;
            }
            if !self.lowercase_word(k) {
                break;
            }
            let w = self.low.get(k);
            // "meet his two fiscal rules": a number word before a noun counts it ("met three
            // times": not before an adverb)
            if head.is_none()
                && self.lx.numbers.contains_key(w)
                && k + 1 < end
                && self.lowercase_word(k + 1)
                && !self.lx.adverb(self.low.get(k + 1))
            {
                k += 1;
                continue;
            }
            // ("part-time staff": a time word inside a compound is no adverb)
            if self.closed_class(k)
                || !compound(k) && (self.lx.adverb(w) || self.lx.numbers.contains_key(w))
            {
                break;
            }
            if self.low.info[k].pronoun.is_some() {
                return false;
            }
            // "struck a convoy carrying the judge": a participle after the head opens a clause
            // (not after a hyphen: "anti-doping officials")
            if head.is_some_and(|h| h + 1 == k) && (w.ends_with("ing") || w.ends_with("ed")) {
                break;
            }
            // "the retaliatory attack mounted on Monday": a past form right after an attack
            // word makes it a noun, with no object ("meet scheduled repayments" has one)
            if k == t.end
                && w.ends_with("ed")
                && self.lx.patterns[t.pattern].kind == Some(EventType::Fight)
            {
                return false;
            }
            head = Some(k);
            k += 1;
            // "anti-doping officials": a hyphen inside the phrase
            if k + 1 < end
                && self.low.get(k) == "-"
                && !self.a.tokens[k + 1].has(crate::model::tokflags::SPACE_BEFORE)
            {
                k += 1;
            }
        }
        // its head, the last word, names a thing ("meet precise group objectives"), not a
        // person, group, place or object ("meet private bankers", "met the full panel",
        // "attacked the village")
        let Some(head) = head.filter(|&h| self.names_a_thing(h)) else {
            return false;
        };
        // "saw a woman killed trying to cross the road": a participle right after the trigger,
        // with no determiner, opens a clause; it is no object
        if head == t.end
            && self.low.get(head).ends_with("ing")
            && (k == end || !self.lowercase_word(k) || self.closed_class(k))
        {
            return false;
        }
        // the phrase ends at punctuation, a function word or the clause's end, not at a name
        // ("meet the Japanese delegation") or a number ("met three times"); after "of" comes
        // what a part or an amount names ("a large number of local authorities"), but a thing
        // of something is a thing ("welcomed a relaxation of the rules")
        debug_assert!(head < k);
        k == end
            || self.a.tokens[k].kind == crate::model::TokenKind::Punct
            || self.lowercase_word(k)
                && (self.low.get(k) != "of" || !self.lx.partitives.contains(self.low.get(head)))
    }

    /// Whether capitalised token `i` can be part of a name that modifies a noun after it
    /// ("Wall Street earnings estimates", "US requirements", "IMF requirements"): no person or
    /// courtesy title ("met Mr Prescott want …" has a verb after the name), no city or region
    /// (a place is what is attacked or visited: "businessmen visiting Tokyo spend …") and no
    /// country written as a word of its own, mostly a nationality adjective ("attacked Iraqi
    /// positions", "attack any Soviet ship", "met Venezuelan energy and mines minister …");
    /// a country's abbreviation ("US", "UK") can be.
    fn modifying_name(&self, i: usize) -> bool {
        if self.lx.courtesy.contains(self.low.get(i)) {
            return false;
        }
        self.low.entity_at(i).is_none_or(|e| {
            let ent = &self.a.entities[e];
            match ent.kind {
                EntityType::Person | EntityType::City | EntityType::Region => false,
                EntityType::Country => !self.a.text()[ent.span]
                    .bytes()
                    .any(|b| b.is_ascii_lowercase()),
                _ => true,
            }
        })
    }

    /// "a youth named CJ", "A Canadian company, named IOG, …": a verb that also gives a name
    /// (`naming_verb` in rules/events.tsv), right after a phrase opened by "a" or "an" or after
    /// a common noun and its comma, before a capitalised word that is no title, says what
    /// something is called: no appointment ("The company named Cody Geddes as vice president",
    /// "was named chairman" still are).
    fn gives_a_name(&self, t: &TriggerMatch) -> bool {
        let (hs, he) = t.head;
        let s = &self.a.sentences[self.si];
        if he - hs != 1
            || hs == s.first_token
            || he >= s.end_token
            || !self.lx.naming_verbs.contains(self.low.get(hs))
        {
            return false;
        }
        let next = self.a.tokens[he];
        let title = self
            .low
            .entity_at(he)
            .is_some_and(|e| self.a.entities[e].kind == EntityType::Title);
        if next.kind != crate::model::TokenKind::Word || !next.is_cap() || title {
            return false;
        }
        // (after a comma, the name closes with one too: "Reagan, moving to add a conservative to
        // his team, named Kenneth Cribb to be his adviser" appointed him)
        let comma = usize::from(self.low.get(hs - 1) == ",");
        let closed = || {
            let mut m = he;
            while m < s.end_token
                && self.a.tokens[m].kind != crate::model::TokenKind::Punct
                && (self.a.tokens[m].is_cap() || self.low.entity_at(m).is_some())
            {
                m += 1;
            }
            self.low.get(m) == ","
        };
        self.chunks.iter().any(|c| {
            c.end + comma == hs
                && (matches!(self.low.get(c.first), "a" | "an")
                    || comma == 1 && matches!(c.head, Head::Noun(..)) && closed())
        })
    }

    /// Whether token `k` is part of a date expression.
    fn date_at(&self, k: usize) -> bool {
        self.low
            .entity_at(k)
            .is_some_and(|e| self.a.entities[e].kind == EntityType::Date)
    }

    /// Whether token `k` is part of an amount before a noun: a currency sign, a figure, or a
    /// unit after a figure ("$", "27.5bn", "1.4", "%", "pct", "mln").
    fn amount_word(&self, k: usize) -> bool {
        let w = self.low.get(k);
        let figure = |i: usize| self.a.tokens[i].kind == crate::model::TokenKind::Number;
        figure(k) || currency_sign(w) || k > 0 && figure(k - 1) && self.lx.amount_units.contains(w)
    }

    /// Whether a noun trigger stands in a phrase of "during" or "at" ("during a cabinet
    /// meeting", "at a news conference"), within four words and no comma.
    fn attended(&self, t: &TriggerMatch) -> bool {
        let first = self.a.sentences[self.si].first_token;
        (t.start.saturating_sub(4).max(first)..t.start)
            .rev()
            .take_while(|&i| self.low.get(i) != ",")
            .any(|i| matches!(self.low.get(i), "during" | "at"))
    }

    /// The quotation (token range) that token `i` lies in, if any.
    fn quote_of(&self, i: usize) -> Option<(usize, usize)> {
        // the quotations are in order and apart: only the last one opening before `i` can
        // hold it
        let k = self.quotes.partition_point(|&(b, _)| b < i);
        k.checked_sub(1)
            .map(|k| self.quotes[k])
            .filter(|&(_, e)| i < e)
    }

    /// The latest COUNTRY entity with this code named before `pos` (else the first after it).
    fn country_entity(&self, iso: Iso3, pos: usize) -> Option<usize> {
        let key = |e: usize| self.a.entities[e].key.as_deref() == Some(iso.as_str());
        self.countries
            .iter()
            .rev()
            .find(|&&(p, e, _)| p < pos && key(e))
            .or_else(|| self.countries.iter().find(|&&(_, e, _)| key(e)))
            .map(|&(_, e, _)| e)
    }

    fn anti(&self, c: &Chunk) -> bool {
        c.first >= 2
            && self.word(c.first - 1) == "-"
            && self.word(c.first - 2).eq_ignore_ascii_case("anti")
    }

    /// The argument(s) a chunk stands for, after coreference ("the two leaders" gives two).
    fn referent(&self, c: &Chunk, role: Role) -> Vec<Argument<'a>> {
        let a = self.a;
        let from_entity = |span: Span, e: usize| from_entity_span(a, role, span, e);
        // a description that names no one it can be resolved to: its own words, and its country
        let unnamed = |country: Option<Iso3>| Argument {
            role,
            span: c.span,
            entity: None,
            canonical: Cow::Owned(description_name(a, c)),
            key: None,
            country,
        };
        match c.head {
            Head::Entity(e) | Head::Description(e, _)
                if role == Role::Position && a.entities[e].kind == EntityType::Title =>
            {
                vec![from_entity(c.span, e)]
            }
            Head::Entity(e) => {
                let ent = &a.entities[e];
                if ent.kind == EntityType::Title {
                    return Vec::new();
                }
                vec![from_entity(self.place_span(c, e, role), e)]
            }
            Head::Pronoun(tok, 1) => {
                let pos = a.tokens[tok].span().start;
                self.resolve_pronoun(pos)
                    .map(|p| from_entity(a.tokens[tok].span(), p))
                    .into_iter()
                    .collect()
            }
            Head::Pronoun(..) => Vec::new(),
            // "Ministers say", "The ministers called for …": a plural title with no number is
            // a group of unnamed people ("the two leaders", below, are the last two named)
            Head::Description(t, country) if is_plural_title(a, t) && c.count.is_none() => {
                vec![unnamed(country)]
            }
            Head::Description(t, _) if is_plural_title(a, t) => {
                // "the two leaders": the last two different people before it.
                let pos = c.span.start;
                let mut picked: Vec<usize> = Vec::new();
                for p in self
                    .people()
                    .iter()
                    .rev()
                    .filter(|p| p.pos < pos && p.sentence + 3 >= self.si)
                {
                    if !picked
                        .iter()
                        .any(|&q| a.entities[q].canonical == a.entities[p.entity].canonical)
                    {
                        picked.push(p.entity);
                    }
                    if picked.len() == 2 {
                        break;
                    }
                }
                if picked.len() < 2 {
                    return Vec::new();
                }
                picked.reverse();
                picked.into_iter().map(|p| from_entity(c.span, p)).collect()
            }
            Head::Noun(h, country, _) => {
                let word = self.low.get(h);
                if self.lx.country_nouns.contains(word) {
                    let pos = c.span.start;
                    if let Some(o) = c.owner {
                        // "his country": the country of the person "his" refers to
                        let found = self
                            .resolve_pronoun(a.tokens[o].span().start)
                            .and_then(|p| a.entities[p].country)
                            .and_then(|iso| self.country_entity(iso, pos));
                        return found.map(|e| from_entity(c.span, e)).into_iter().collect();
                    }
                    if c.count == Some(2) {
                        // "the two countries": the last two different countries named before
                        let mut picked: Vec<usize> = Vec::new();
                        for &(p, e, si) in self.countries.iter().rev() {
                            if p >= pos || si + 3 < self.si {
                                continue;
                            }
                            if !picked
                                .iter()
                                .any(|&q| a.entities[q].key == a.entities[e].key)
                            {
                                picked.push(e);
                            }
                            if picked.len() == 2 {
                                break;
                            }
                        }
                        if picked.len() == 2 {
                            picked.reverse();
                            return picked.into_iter().map(|e| from_entity(c.span, e)).collect();
                        }
                        return Vec::new();
                    }
                }
                vec![unnamed(country)]
            }
            Head::Description(t, country) => {
                match resolve_description(a, self.appositions, t, country) {
                    Some(p) => vec![from_entity(c.span, p)],
                    None => vec![unnamed(country)],
                }
            }
        }
    }

    /// The mention of a place with the larger places that follow it and contain it: "Havana,
    /// Cuba", "Denver, Colorado" (a city, then its region or country, each of the same country),
    /// one place expression as ACE 2005 marks it. Other roles and entities keep their own span.
    fn place_span(&self, c: &Chunk, e: usize, role: Role) -> Span {
        let a = self.a;
        let ent = &a.entities[e];
        let mut span = ent.span;
        if !matches!(role, Role::Location | Role::Destination | Role::Origin)
            || !matches!(ent.kind, EntityType::City | EntityType::Region)
        {
            return span;
        }
        let Some(iso) = ent.country else {
            return span;
        };
        let end_token = a.sentences[self.si].end_token;
        let mut k = c.end;
        while k + 1 < end_token && self.word(k) == "," {
            let Some(n) = self.low.entity_at(k + 1) else {
                break;
            };
            let next = &a.entities[n];
            let same = match next.kind {
                EntityType::Country => next.key.as_deref() == Some(iso.as_str()),
                EntityType::Region => next.country == Some(iso),
                _ => false,
            };
            if !same || a.tokens[k + 1].span().start != next.span.start {
                break;
            }
            span = Span::new(span.start, next.span.end);
            if next.kind == EntityType::Country {
                break;
            }
            k += 1;
            while k < end_token && a.tokens[k].span().end <= next.span.end {
                k += 1;
            }
        }
        span
    }

    /// A place named elsewhere in the sentence for an event whose rule has a location role and
    /// found none after its trigger: "He is in London to meet …", "killed in a British drone
    /// strike in Syria" (ACE 2005 English Events Guidelines v5.4.3: the Place of an event is
    /// where it takes place, wherever the sentence names it). The nearest chunk governed by
    /// in/at/near/outside that names a city, region or country and is no argument already.
    fn clause_place(&self, t: &TriggerMatch, args: &[Argument<'a>]) -> Option<Argument<'a>> {
        let (hs, he) = t.head;
        let tq = self.quote_of(hs);
        self.chunks
            .iter()
            .filter(|c| matches!(c.prep, Some("in" | "at" | "near" | "outside")))
            .filter(|c| {
                matches!(c.head, Head::Entity(e) if matches!(
                    self.a.entities[e].kind,
                    EntityType::City | EntityType::Region | EntityType::Country
                ))
            })
            .filter(|c| self.quote_of(c.first) == tq && self.role_fits(Role::Location, c))
            .filter(|c| {
                !args
                    .iter()
                    .any(|x| x.span.start < c.span.end && c.span.start < x.span.end)
            })
            .min_by_key(|c| {
                if c.first >= he {
                    c.first - he
                } else {
                    hs.saturating_sub(c.end)
                }
            })
            .and_then(|c| self.referent(c, Role::Location).into_iter().next())
    }

    /// Modality from the cues between the clause's subject (or start) and the trigger, a cue
    /// reaching the trigger only when no clause stop stands between them ("declined to comment
    /// after the talks ended": the talks are asserted), and a negation reaching a noun trigger
    /// only outside a prepositional phrase ("will not hold a news conference", but "was not at
    /// the meeting"). A negative subject ("Nobody was arrested", "None of them died") is a cue
    /// of its own.
    fn modality(&self, t: &TriggerMatch, args: &[Argument<'a>], voice: Voice) -> (Modality, bool) {
        let s = &self.a.sentences[self.si];
        let subject = args
            .iter()
            .filter(|a| a.role == Role::Actor || a.role == Role::Person)
            .filter(|a| a.span.end <= self.a.tokens[t.start].span().start)
            .max_by_key(|a| a.span.end)
            .map(|a| {
                let toks = &self.a.tokens;
                let first = toks.partition_point(|tk| tk.span().end <= a.span.start);
                let end = toks.partition_point(|tk| tk.span().end <= a.span.end);
                (first, end)
            });
        // the subject's own first word may be a negation ("Nobody", "No one")
        let negative_subject = subject.is_some_and(|(first, _)| {
            self.cue_at(first, t.start.min(s.end_token))
                .is_some_and(|(_, m)| m == Modality::Negated)
        });
        let after_subject =
            |(first, end): (usize, usize)| if negative_subject { first } else { end };
        let limit = t.start.min(s.end_token);
        let mut from = subject
            .map_or(s.first_token, after_subject)
            .max(t.start.saturating_sub(10))
            .max(s.first_token);
        // a cue that opens the clause comes right before its subject, when that subject
        // stands right before the trigger's verb group ("if he left Britain", "possible
        // Iranian attack"; not "if America went ahead with its threatened tariffs")
        let group_start = verb_group_start(self.low, self.lx, s.first_token, t.start, false);
        if let Some((first, _)) =
            subject.filter(|&(first, end)| first > s.first_token && end == group_start)
        {
            if self
                .cue_at(first - 1, limit)
                .is_some_and(|(end, _)| end == first)
            {
                from = from.min(first - 1);
            }
        }
        // the doer that "urged … to" names is the subject: the cue comes before it
        if let Some((cue, _)) = self.control_cue(group_start) {
            from = from.min(cue);
        }
        // a verb that reports a statement takes only the cues of its own verb group ("did not
        // say", "declined to comment", "will announce"): "Jones denies using drugs and says …"
        // says it
        let speech = voice != Voice::Nominal
            && self.lx.patterns[t.pattern].kind == Some(EventType::Statement);
        let mut found: Option<Modality> = None;
        // negation and conditions outrank plans
        let rank = |m: Modality| match m {
            Modality::Hypothetical => 3,
            Modality::Negated => 2,
            Modality::Planned => 1,
            _ => 0,
        };
        // the trigger's verb group: back past adverbs and auxiliaries, passive ones too ("will
        // be announced", "have not been announced"); found once a cue is (most triggers have
        // none)
        let group = std::cell::OnceCell::new();
        let group = || *group.get_or_init(|| passive_group_start(self.low, self.lx, from, t.start));
        for i in from..t.start {
            let Some((end, m)) = self.cue_at(i, limit).or_else(|| {
                // a multi-word plan may end on the trigger ("planned visit")
                self.cue_at(i, (t.start + 1).min(s.end_token))
                    .filter(|&(e, m)| e == t.start + 1 && m == Modality::Planned && e - i > 1)
            }) else {
                continue;
            };
            // a clause stop between the cue and the trigger ends the cue's reach, and so does
            // a comma right before the trigger's verb group ("… do not buy insurance, said an
            // expert"); a cue that ends in "to" reaches no further than its verb phrase
            let infinitive = self.low.get(end - 1) == "to";
            // a "to" before a determiner is a preposition, no infinitive: "calling for a
            // peaceful resolution to the hostilities" asks for the resolution, not the
            // hostilities
            if infinitive
                && end < t.start
                && self.word_flags(end) & lexicon::word_flags::DETERMINER != 0
            {
                continue;
            }
            if (end..t.start).any(|k| {
                let w = self.low.get(k);
                // (a hyphen inside a word, "straight-forward", is no dash)
                self.lx.modality_stops.contains(w)
                    && self.a.tokens[k].has(crate::model::tokflags::SPACE_BEFORE)
                    || infinitive && self.lx.infinitive_stops.contains(w)
            }) || m == Modality::Negated
                && voice == Voice::Nominal
                && (end..t.start).any(|k| self.lx.prepositions.contains(self.low.get(k)))
                || end < group() && self.comma_before(group())
                || speech && end < group() && !negative_subject
                || !self.same_quotation(i, t.start)
            {
                continue;
            }
            if found.is_none_or(|f| rank(m) >= rank(f)) {
                found = Some(m);
            }
        }
        match found {
            Some(m) => (m, true),
            None => (Modality::Asserted, false),
        }
    }

    /// Whether a comma ends the clause before token `i`, the start of a verb group: right
    /// before it ("…, said an expert") or before a coordinator ("…, and warned").
    fn comma_before(&self, i: usize) -> bool {
        let first = self.a.sentences[self.si].first_token;
        let mut k = i;
        if k > first && matches!(self.low.get(k - 1), "and" | "or") {
            k -= 1;
        }
        k > first && self.low.get(k - 1) == ","
    }

    /// Whether a cue at token `cue` and a trigger at token `trigger` stand in the same
    /// quotation (or both outside any): what is said inside a quotation has no bearing on the
    /// verb that reports it ("'They are not …,' said Mr Hogan"). Scare quotes around a few
    /// words that end without punctuation ("would not 'invade' the money", "pledged to 'never,
    /// ever, ever' attack") are no quotation of their own.
    fn same_quotation(&self, cue: usize, trigger: usize) -> bool {
        let text = self.a.text().as_bytes();
        let clause = |&(o, c): &(usize, usize)| {
            c - o > 8
                || c == self.a.sentences[self.si].end_token
                || text
                    .get(self.a.tokens[c - 1].span().start)
                    .is_some_and(u8::is_ascii_punctuation)
        };
        let inside = |x: usize| self.quote_of(x).filter(clause);
        inside(cue) == inside(trigger)
    }

    /// Token `i` as a modality cue reads it: lowercased where a capital says nothing (the
    /// sentence's first word, the first after an opening quotation mark or bracket); none for
    /// a capitalised word elsewhere, a name or a month ("May", "Will Smith"), which is no cue.
    fn cue_word(&self, i: usize) -> Option<&'c str> {
        let opens = |k: usize| {
            k == self.a.sentences[self.si].first_token
                || matches!(self.a.tok(k - 1), "\"" | "“" | "‘" | "'" | "(" | ":")
        };
        let capital = self
            .a
            .tok(i)
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_uppercase);
        (!capital || opens(i)).then(|| self.low.get(i))
    }

    /// The modality cue that starts at token `i` and ends at or before token `limit` (the
    /// longest of those that start with its word), with the token after it.
    #[inline(always)]
    fn cue_at(&self, i: usize, limit: usize) -> Option<(usize, Modality)> {
        // most words open no cue: a word's flag (or another token's bit) answers without
        // hashing it
        let opens = if self.a.tokens[i].kind == crate::model::TokenKind::Word {
            self.low.info[i].has(lexicon::word_flags::MODALITY)
        } else {
            self.lx.modality_bits & lexicon::word_bit(self.low.get(i)) != 0
        };
        if opens {
            self.cue_from(i, limit)
        } else {
            None
        }
    }

    /// [`SentenceCtx::cue_at`] for a token whose word opens some cue.
    fn cue_from(&self, i: usize, limit: usize) -> Option<(usize, Modality)> {
        let w = self.cue_word(i)?;
        let cues = self.lx.modality_first.get(w)?;
        cues.iter()
            .map(|&k| &self.lx.modality[k])
            .find_map(|(cue, m)| Some((self.cue_end(i, cue, limit)?, *m)))
    }

    /// The cue of a verb that names who is to do what it asks ("urged … to", "called on …
    /// to", `…` standing for the doer) ending right before the verb group that starts at token
    /// `k`: where the cue starts and where its `…` does.
    fn control_cue(&self, k: usize) -> Option<(usize, usize)> {
        let first = self.a.sentences[self.si].first_token;
        if k < first + 3 || self.low.get(k - 1) != "to" {
            return None;
        }
        (k.saturating_sub(lexicon::CUE_GAP_MAX + 3).max(first)..k - 2).find_map(|i| {
            if !self.low.info[i].has(lexicon::word_flags::MODALITY) {
                return None;
            }
            let cues = self.lx.modality_first.get(self.cue_word(i)?)?;
            cues.iter().find_map(|&c| {
                let cue = &self.lx.modality[c].0;
                let g = cue.iter().position(|w| &**w == lexicon::CUE_GAP)?;
                // (not "in order to be able to negotiate": the `…` names a doer)
                (self.cue_end(i, cue, k)? == k
                    && !(i + g..k - 1).any(|j| matches!(self.low.get(j), "to" | "be")))
                .then_some((i, i + g))
            })
        })
    }

    /// Where `cue` matched from token `i` ends (the token after it), if it matches before
    /// `limit`: its words in order, a [`lexicon::CUE_GAP`] standing for one to
    /// [`lexicon::CUE_GAP_MAX`] words that are no clause stop.
    fn cue_end(&self, mut i: usize, cue: &[Box<str>], limit: usize) -> Option<usize> {
        for (k, w) in cue.iter().enumerate() {
            if &**w == lexicon::CUE_GAP {
                let rest = &cue[k + 1..];
                return (i + 1..=i + lexicon::CUE_GAP_MAX)
                    .take_while(|&g| {
                        let w = self.low.get(g - 1);
                        g < limit
                            && !self.lx.modality_stops.contains(w)
                            && !self.lx.boundaries.contains(w)
                            && !self.lx.cue_gap_stops.contains(w)
                    })
                    .find_map(|g| self.cue_end(g, rest, limit));
            }
            if i >= limit || self.cue_word(i) != Some(&**w) {
                return None;
            }
            i += 1;
        }
        Some(i)
    }
}

/// Each date of the sentence goes to its nearest trigger (dates after a trigger are preferred);
/// a range gives begin and end; a duration after "for (a)" or right before a noun trigger gives
/// the end from the begin.
fn assign_times(a: &Analysis<'_>, si: usize, triggers: &[TriggerMatch]) -> Vec<Option<EventTime>> {
    let s = &a.sentences[si];
    let mut out: Vec<Option<EventTime>> = vec![None; triggers.len()];
    if triggers.is_empty() {
        return out;
    }
    let tok_of = |pos: usize| token_at(a, pos);
    // entities are in text order, so a sentence's entities are one run of them
    let lo = a.entities.partition_point(|e| e.sentence < si);
    let hi = lo + a.entities[lo..].partition_point(|e| e.sentence <= si);
    let dates: Vec<usize> = (lo..hi)
        .filter(|&e| a.entities[e].kind == EntityType::Date)
        .collect();
    // no date, no claim: spare the per-trigger claim lists
    if dates.is_empty() {
        return out;
    }
    let mut durations: Vec<(usize, usize)> = Vec::new(); // (entity, token)
    let mut claims: Vec<Vec<(usize, usize)>> = vec![Vec::new(); triggers.len()]; // (score, entity)
    let mut skip_end: Option<usize> = None;
    for (k, &e) in dates.iter().enumerate() {
        let ent = &a.entities[e];
        let Some(tx) = &ent.timex else { continue };
        if tx.timex_type == TimexType::Duration {
            durations.push((e, tok_of(ent.span.start)));
            continue;
        }
        if tx.timex_type != TimexType::Date
            || tx.interval.is_none() && !tx.value.starts_with("XXXX-")
        {
            continue;
        }
        if skip_end == Some(e) {
            continue;
        }
        let first = tok_of(ent.span.start);
        let mut last = tok_of(ent.span.end - 1);
        if tx.range == Some(RangePart::Begin) {
            if let Some(&e2) = dates.get(k + 1) {
                last = tok_of(a.entities[e2].span.end - 1);
                skip_end = Some(e2);
            }
        }
        let best = triggers
            .iter()
            .enumerate()
            .map(|(ti, t)| {
                let d = if first >= t.head.1 {
                    (first - t.head.1) * 2
                } else {
                    (t.head.0.saturating_sub(last + 1)) * 8
                };
                (d, ti)
            })
            .min();
        if let Some((d, ti)) = best {
            claims[ti].push((d, e));
        }
    }
    for (ti, t) in triggers.iter().enumerate() {
        let Some(&(_, e)) = claims[ti].iter().min() else {
            continue;
        };
        let ent = &a.entities[e];
        let Some(tx) = &ent.timex else { continue };
        let (mut begin, mut end) = tx
            .interval
            .map_or((None, None), |(b, e)| (Some(b), Some(e)));
        let mut value = tx.value.clone();
        let mut source = TimeSource::Expression;
        if tx.range == Some(RangePart::Begin) {
            if let Some(k) = dates.iter().position(|&d| d == e) {
                if let Some(&e2) = dates.get(k + 1) {
                    if let Some(tx2) = &a.entities[e2].timex {
                        end = tx2.interval.map(|i| i.1);
                        value = format!("{}/{}", tx.value, tx2.value);
                    }
                }
            }
        }
        // "on April 16 for a four-day visit": the duration gives the end.
        let dur = durations.iter().find(|&&(_, dt)| {
            (dt >= t.head.1
                && dt <= s.end_token
                && (dt >= 2
                    && a.tok(dt - 1).eq_ignore_ascii_case("a")
                    && a.tok(dt - 2).eq_ignore_ascii_case("for")
                    || dt >= 1 && a.tok(dt - 1).eq_ignore_ascii_case("for")))
                || dur_before_noun(a, dt, t)
        });
        if let (Some(&(de, _)), Some(b), true) = (dur, begin, tx.range.is_none()) {
            if let Some(days) = a.entities[de]
                .timex
                .as_ref()
                .and_then(|x| duration_days(&x.value))
            {
                if days >= 1 {
                    end = b.checked_add_days(Days::new(days - 1));
                    source = TimeSource::Duration;
                    value = format!(
                        "{}/{}",
                        tx.value,
                        a.entities[de]
                            .timex
                            .as_ref()
                            .map_or("", |x| x.value.as_str())
                    );
                }
            }
        }
        if begin.is_none() {
            end = None;
        }
        if let (Some(b), None) = (begin, end) {
            end = Some(b);
        }
        if begin.is_some() && end.is_some_and(|x| Some(x) < begin) {
            begin = end;
        }
        out[ti] = Some(EventTime {
            entity: Some(e),
            value,
            begin,
            end,
            source,
        });
    }
    out
}

fn dur_before_noun(a: &Analysis<'_>, dt: usize, t: &TriggerMatch) -> bool {
    // "four-day visit": the duration's tokens end right before the trigger head
    let Some(e) = a.entity_at_token(dt) else {
        return false;
    };
    let last = a
        .tokens
        .partition_point(|x| x.span().end <= a.entities[e].span.end);
    last == t.head.0
}

fn duration_days(v: &str) -> Option<u64> {
    let n = v.strip_prefix('P')?.strip_suffix('D')?;
    n.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{ascii_word_hashes, word_hash};

    #[test]
    fn ascii_word_hashes_are_the_split_whitespace_word_hashes() {
        let texts = [
            "",
            " ",
            "a",
            "Putin said, \"We met.\"",
            "  leading and trailing  ",
            "seven77 eight888 nine99999 sixteen-16-bytes seventeen-17-bytes",
            "tabs\tand\nlines\r\nand\x0bvertical\x0cfeed",
            "control\x01chars\x1fare\x00words",
            "MiXeD CaSe WORDS Said",
            "1234567 12345678,x end",
            "word8888",
            "word7777\x0b",
        ];
        for t in texts {
            let mut got = Vec::new();
            ascii_word_hashes(t.as_bytes(), &mut |h| got.push(h));
            let want: Vec<u64> = t.split_whitespace().map(word_hash).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }
}
