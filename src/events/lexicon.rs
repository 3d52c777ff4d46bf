//! The trigger lexicon (`rules/triggers.tsv`) and the event word lists (`rules/events.tsv`),
//! compiled into token-sequence patterns.

use super::chunks::Lower;
use crate::data::Table;
use crate::error::Result;
use crate::model::{EventType, Modality, Role, Token, TokenKind};
use crate::tokenize::phrase_tokens;
use rustc_hash::{FxHashMap, FxHashSet};

/// Where an argument is looked for, relative to the trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cue {
    /// The clause subject.
    Subj,
    /// The subject after a verb of saying that follows what was said (`"…," said Li.`, `…,
    /// said a ministry spokesman, adding …`).
    Inv,
    /// The clause subject right before the trigger, past adverbs and modals ("Tsai claims",
    /// "Lawson would officially state"): for words that are nouns as often as verbs
    /// ("AIDS-related claims").
    Near,
    /// Capitalised words no entity covers right before a verb of saying, opening its clause
    /// ("Citibank said", "In a statement, LyphoMed Inc said"): the speaker by its name.
    Name,
    /// Who a source phrase after the trigger names ("according to Gartner", "according to a
    /// report by analysts Screen Digest", "according to Labor Department figures"): a name right
    /// after it, or a name or phrase after its "by" or "from".
    Source,
    /// The chunk right after the trigger.
    Obj,
    /// What the object is made ("named Eugene Mora its chairman", "appointed John Kearney as
    /// president"): the chunk right after the object, past "as"; after a passive or nominal
    /// trigger, right after the trigger ("was elected chief executive officer", "his
    /// appointment as chairman").
    Compl,
    /// A possessor before the trigger.
    Poss,
    /// A country or organisation right before a noun trigger.
    Mod,
    /// "anti-X" before the trigger.
    Anti,
    /// First of "between X and Y".
    Between1,
    /// Second of "between X and Y".
    Between2,
    /// The two parties the sentence names ("between X and Y", "the two countries"): the first
    /// fills this role, the second the row's next role.
    Pair,
    /// A chunk after the trigger introduced by this preposition.
    Prep(Box<str>),
    /// A chunk anywhere in the sentence right after these words ("invitation of").
    After(Box<[Box<str>]>),
}

impl Cue {
    fn parse(s: &str) -> Cue {
        match s {
            "subj" => Cue::Subj,
            "inv" => Cue::Inv,
            "near" => Cue::Near,
            "name" => Cue::Name,
            "source" => Cue::Source,
            "obj" => Cue::Obj,
            "compl" => Cue::Compl,
            "poss" => Cue::Poss,
            "mod" => Cue::Mod,
            "anti" => Cue::Anti,
            "between1" => Cue::Between1,
            "between2" => Cue::Between2,
            "pair" => Cue::Pair,
            p if p.contains('_') => Cue::After(p.split('_').map(Into::into).collect()),
            p => Cue::Prep(p.into()),
        }
    }
}

/// One element of a trigger phrase.
#[derive(Clone, Debug)]
enum Elem {
    /// One of these token sequences (lowercase), and the [`word_bit`]s of their first words
    /// (all bits when one of them is empty).
    Alt(Vec<Vec<Box<str>>>, u128),
    /// Up to six tokens of anything (never across clause punctuation).
    Gap,
}

/// A trigger pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Event type (`None` for a blocking row).
    pub kind: Option<EventType>,
    /// CAMEO code.
    pub cameo: Box<str>,
    /// CAMEO code when planned.
    pub cameo_planned: Box<str>,
    elems: Vec<Elem>,
    head: (usize, usize),
    /// Role → cues, in order of preference.
    pub args: Vec<(Role, Vec<Cue>)>,
    /// Base confidence.
    pub confidence: f32,
    /// Rule id: `triggers.tsv:LINE`.
    pub rule: Box<str>,
    /// True for a blocking row (type `-`): where it matches, the words are no trigger.
    pub block: bool,
    /// Number of literal (non-gap) elements: more is more specific.
    pub specificity: usize,
    /// Roles that must be filled for the trigger to make an event: any of these sets, each
    /// wholly (`actor+target|victim`); empty: none.
    pub requires: Vec<Vec<Role>>,
    /// The cue `obj!`: a verb trigger whose object names a thing, not a participant, is in
    /// another sense and makes no event ("meet demand", "welcomed the decision").
    pub participant_object: bool,
    /// The cue `subj!`: likewise for a thing right before the verb, its subject ("the plan
    /// calls for").
    pub participant_subject: bool,
    /// Words (lowercase) one of which the document must hold for the row to apply, its sense
    /// told by the words around it ("strike" among "union", "workers", "pickets" is a stoppage
    /// of work); `None`: no condition.
    pub context: Option<FxHashSet<Box<str>>>,
}

impl Pattern {
    /// The alternatives of the first element that can start at `word`: those starting with it
    /// and the empty ones, in their order.
    fn starting_with(&self, word: &str) -> Box<[usize]> {
        match self.elems.first() {
            Some(Elem::Alt(alts, _)) => alts
                .iter()
                .enumerate()
                .filter(|(_, a)| a.first().is_none_or(|w| **w == *word))
                .map(|(j, _)| j)
                .collect(),
            _ => Box::default(),
        }
    }

    /// True when `words` (lowercase, space-separated) is one of the alternatives of the head.
    pub fn head_has(&self, words: &str) -> bool {
        self.elems[self.head.0..self.head.1]
            .iter()
            .any(|e| match e {
                Elem::Alt(alts, _) => alts.iter().any(|a| {
                    let mut parts = words.split(' ');
                    a.iter().all(|w| parts.next() == Some(&**w)) && parts.next().is_none()
                }),
                Elem::Gap => false,
            })
    }

    /// True when `word` (a lowercase head ending in -s) is the plural of another alternative of
    /// the head ("attacks" beside "attack", "rallies" beside "rally", "air strikes").
    pub fn plural_of_head(&self, word: &str) -> bool {
        let mut cands: Vec<String> = Vec::new();
        if let Some(s) = word.strip_suffix("ies") {
            cands.push(format!("{s}y"));
        }
        if let Some(s) = word.strip_suffix("es") {
            cands.push(s.to_string());
        }
        if let Some(s) = word.strip_suffix('s').filter(|s| !s.ends_with('s')) {
            cands.push(s.to_string());
        }
        cands.iter().any(|c| self.head_has(c))
    }

    /// True when the arguments fill one of the required role sets.
    pub fn satisfied(&self, args: &[crate::model::Argument<'_>]) -> bool {
        self.requires.is_empty()
            || self
                .requires
                .iter()
                .any(|set| set.iter().all(|r| args.iter().any(|a| a.role == *r)))
    }
}

/// A trigger found in a sentence.
#[derive(Clone, Debug)]
pub struct TriggerMatch {
    /// Specificity of the pattern (literal elements).
    pub specificity: usize,
    /// From a blocking row: its head is no trigger.
    pub block: bool,
    /// Pattern index.
    pub pattern: usize,
    /// First token of the whole phrase.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Head tokens (the reported trigger).
    pub head: (usize, usize),
    /// The next row that matched the same words, when this one's roles fall short of what it
    /// `requires`: "a strike against Iran" is an attack, "the strike began May 9" (no target) a
    /// stoppage of work.
    pub fallback: Option<usize>,
}

/// What kind of thing a common noun names (ACE 2005 entity types), from `rules/event_nouns.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NounClass {
    /// A person ("soldier", "man", "protester").
    Person,
    /// A group or organisation ("police", "army", "people").
    Group,
    /// A place ("city", "village", "border").
    Place,
    /// A building or structure ("mosque", "prison", "camp").
    Facility,
    /// A vehicle ("bus", "ship").
    Vehicle,
    /// A weapon ("missile", "bomb").
    Weapon,
}

impl NounClass {
    fn parse(s: &str) -> Option<NounClass> {
        Some(match s {
            "person" => NounClass::Person,
            "group" => NounClass::Group,
            "place" => NounClass::Place,
            "facility" => NounClass::Facility,
            "vehicle" => NounClass::Vehicle,
            "weapon" => NounClass::Weapon,
            _ => return None,
        })
    }

    /// People or groups of people (can act).
    pub fn animate(self) -> bool {
        matches!(self, NounClass::Person | NounClass::Group)
    }

    /// Places and facilities (can be a location or destination).
    pub fn locative(self) -> bool {
        matches!(self, NounClass::Place | NounClass::Facility)
    }
}

/// What the lexicon knows of one lowercase word, looked up once per token. Eight bytes (the
/// number word's value without an `Option` tag), copied into a table entry per token.
#[derive(Clone, Copy, Debug)]
pub struct WordInfo {
    /// [`word_flags`] bits.
    pub flags: u8,
    /// Its class when it is a common noun that heads arguments.
    pub noun: Option<NounClass>,
    /// Its number when it is a pronoun.
    pub pronoun: Option<u8>,
    /// Its value when it is a number word, else [`NO_NUMBER`].
    value: u32,
}

/// [`WordInfo`]'s value of a word that is no number word (no row gives it: see `number`).
const NO_NUMBER: u32 = u32::MAX;

/// In a modality cue, one to [`CUE_GAP_MAX`] words ("urged … to").
pub const CUE_GAP: &str = "…";

/// The most words a [`CUE_GAP`] stands for.
pub const CUE_GAP_MAX: usize = 3;

impl Default for WordInfo {
    fn default() -> WordInfo {
        WordInfo {
            flags: 0,
            noun: None,
            pronoun: None,
            value: NO_NUMBER,
        }
    }
}

impl WordInfo {
    /// Its value when it is a number word.
    #[inline]
    pub fn number(&self) -> Option<u32> {
        (self.value != NO_NUMBER).then_some(self.value)
    }

    /// True when the given [`word_flags`] bit is set.
    #[inline]
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Bits of [`WordInfo::flags`].
pub mod word_flags {
    /// A closed-class word ([`super::EventLexicon::function_word`]).
    pub const FUNCTION: u8 = 1;
    /// A determiner.
    pub const DETERMINER: u8 = 2;
    /// A preposition.
    pub const PREPOSITION: u8 = 4;
    /// A word some trigger phrase starts with.
    pub const TRIGGER: u8 = 8;
    /// A role noun ("counterpart").
    pub const ROLE_NOUN: u8 = 16;
    /// A word some row of the trigger table (blocking rows too) starts with.
    pub const INDEXED: u8 = 32;
    /// A word some modality cue starts with.
    pub const MODALITY: u8 = 64;
    /// A word of some row's `context`.
    pub const CONTEXT: u8 = 128;
}

/// The compiled event lexicon.
#[derive(Debug, Default)]
pub struct EventLexicon {
    /// Patterns.
    pub patterns: Vec<Pattern>,
    index: FxHashMap<Box<str>, Vec<usize>>,
    /// Modality cues: token sequences (lowercase; `…` stands for one to three words) →
    /// modality, longest first.
    pub modality: Vec<(Vec<Box<str>>, Modality)>,
    /// Words that end a modality cue's reach (a new clause).
    pub modality_stops: FxHashSet<Box<str>>,
    /// Words that end the reach of a modality cue that ends in "to" (its verb phrase).
    pub infinitive_stops: FxHashSet<Box<str>>,
    /// Words that the `…` of a modality cue never stands for.
    pub cue_gap_stops: FxHashSet<Box<str>>,
    /// Units after a figure in an amount ("%", "pct", "mln").
    pub amount_units: FxHashSet<Box<str>>,
    /// First word of a modality cue → its cues (indices into `modality`, in its order).
    pub modality_first: FxHashMap<Box<str>, Vec<usize>>,
    /// The word bits (length, first and last byte) of `modality_first`'s words: a word without
    /// its bit opens no cue.
    pub modality_bits: u128,
    /// Prepositions.
    pub prepositions: FxHashSet<Box<str>>,
    /// Determiners.
    pub determiners: FxHashSet<Box<str>>,
    /// Role nouns.
    pub role_nouns: FxHashSet<Box<str>>,
    /// Pronouns → number (1 person, 2 plural, 0 thing).
    pub pronouns: FxHashMap<Box<str>, u8>,
    /// Clause boundary words.
    pub boundaries: FxHashSet<Box<str>>,
    /// Other function words (auxiliaries, conjunctions, negation): never part of a noun phrase.
    pub function: FxHashSet<Box<str>>,
    /// Number words ("two" → 2).
    pub numbers: FxHashMap<Box<str>, u32>,
    /// Common nouns that head arguments, with their class.
    pub nouns: FxHashMap<Box<str>, NounClass>,
    /// Nouns whose first sense heads no argument but another names people or a group ("press",
    /// "panel", "star"): an object they head may be a participant.
    pub animate_senses: FxHashSet<Box<str>>,
    /// Words that name the country of their possessor ("his country").
    pub country_nouns: FxHashSet<Box<str>>,
    /// Forms of "be" and "get" that make a participle passive.
    pub passive_aux: FxHashSet<Box<str>>,
    /// Irregular past participles ("held", "shot").
    pub participles: FxHashSet<Box<str>>,
    /// Irregular past participles that make a passive only after an auxiliary ("was met by").
    pub aux_participles: FxHashSet<Box<str>>,
    /// Adverbs that may stand between an auxiliary and its verb.
    pub adverbs: FxHashSet<Box<str>>,
    /// Auxiliaries and modals between a subject and its verb ("would", "has").
    pub auxiliaries: FxHashSet<Box<str>>,
    /// Courtesy titles before a name ("mr", "dr").
    pub courtesy: FxHashSet<Box<str>>,
    /// Nouns of what a source publishes ("report", "figures"): "according to a report by X".
    pub source_nouns: FxHashSet<Box<str>>,
    /// Words that before a hyphen make the trigger after them an adjective ("self-financed",
    /// "best-paid", "life-threatening").
    pub compound_modifiers: FxHashSet<Box<str>>,
    /// Verbs that also give a name ("named", "called", "dubbed"): "a youth named CJ".
    pub naming_verbs: FxHashSet<Box<str>>,
    /// Common nouns of a post one takes ("manager", "officer", "member"): a person noun that is
    /// none ("shareholder", "husband", "winner") names no position ("became the largest
    /// shareholder").
    pub post_nouns: FxHashSet<Box<str>>,
    /// Modal verbs: the word after one is a verb, no modifier of a noun ("may impress bid
    /// chiefs").
    pub modals: FxHashSet<Box<str>>,
    /// Nouns of speaking to someone ("speech", "statement", "testimony"): "said in a speech to
    /// shareholders" names whom it was said to.
    pub address_nouns: FxHashSet<Box<str>>,
    /// The last word of a company's or an institution's name ("inc", "corp", "bank"), lowercase:
    /// a speaker "it" can stand for ("Bally Manufacturing Corp said it signed …").
    pub org_words: FxHashSet<Box<str>>,
    /// Nouns that name a part, an amount or a kind of what follows their "of" ("a number of
    /// local authorities"): such a phrase names what the "of" phrase names.
    pub partitives: FxHashSet<Box<str>>,
    /// Titles before a name that say which pronoun stands for the person ("mr" → he: false,
    /// "mrs" → she: true).
    pub title_gender: FxHashMap<Box<str>, bool>,
    /// Words after which a trigger is a noun ("deadly attack", "suicide bombing").
    pub nominal_cues: FxHashSet<Box<str>>,
    /// Every word of the rows' `context` columns (flagged [`word_flags::CONTEXT`]).
    context_words: FxHashSet<Box<str>>,
    /// Every word any trigger phrase can start with.
    trigger_words: FxHashSet<Box<str>>,
    /// Every word of the sets above, with what they say about it.
    words: FxHashMap<Box<str>, WordInfo>,
    /// `words` for the words of up to 15 bytes, keyed by [`pack`] (no pointer to follow).
    words_packed: PackedTable,
    /// `index` keyed by [`pack`], each pattern with the alternatives of its first element that
    /// can start at the word (those starting with it, and empty ones), in their order.
    index_packed: FxHashMap<u128, Vec<PatternStart>>,
}

/// A pattern a word can start, with the alternatives of its first element that start with the
/// word (indices, in order).
type PatternStart = (usize, Box<[usize]>);

/// A bit of a 128-bit set standing for a word: from its length and its first and last bytes.
#[inline]
pub fn word_bit(w: &str) -> u128 {
    let b = w.as_bytes();
    let (f, l) = match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => (f as usize, l as usize),
        _ => (0, 0),
    };
    1u128 << ((b.len() * 31 + f * 7 + l) & 127)
}

/// An alternatives element with the bits of its first words.
fn alt(alts: Vec<Vec<Box<str>>>) -> Elem {
    let bits = alts.iter().fold(0u128, |m, a| match a.first() {
        Some(w) => m | word_bit(w),
        None => u128::MAX,
    });
    Elem::Alt(alts, bits)
}

/// One element of `a|b c|d`: each alternative's lowercase tokens (an alternative may be several
/// words).
fn alternatives(s: &str) -> Elem {
    alt(s
        .split('|')
        .map(|a| {
            phrase_tokens(a)
                .into_iter()
                .map(|t| t.to_lowercase().into())
                .collect()
        })
        .collect())
}

fn parse_phrase(phrase: &str) -> Option<(Vec<Elem>, (usize, usize))> {
    let mut elems = Vec::new();
    let mut head = None;
    let mut rest = phrase.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            let group = &r[..close];
            let start = elems.len();
            // A bracketed group is one element of alternatives, each possibly multi-word.
            elems.push(alternatives(group));
            head = Some((start, elems.len()));
            rest = r[close + 1..].trim_start();
            continue;
        }
        let end = rest.find(' ').unwrap_or(rest.len());
        let item = &rest[..end];
        if item == "*" {
            elems.push(Elem::Gap);
        } else {
            elems.push(alternatives(item));
        }
        rest = rest[end..].trim_start();
    }
    if elems.is_empty() || matches!(elems.first(), Some(Elem::Gap)) {
        return None;
    }
    let head = head.unwrap_or((0, elems.len()));
    Some((elems, head))
}

impl EventLexicon {
    /// The word set a `rules/events.tsv` kind fills, for the kinds that are plain sets of words.
    fn word_set(&mut self, kind: &str) -> Option<&mut FxHashSet<Box<str>>> {
        Some(match kind {
            "preposition" => &mut self.prepositions,
            "determiner" => &mut self.determiners,
            "role_noun" => &mut self.role_nouns,
            "boundary" => &mut self.boundaries,
            "function" => &mut self.function,
            "country_noun" => &mut self.country_nouns,
            "passive_aux" => &mut self.passive_aux,
            "participle" => &mut self.participles,
            "aux_participle" => &mut self.aux_participles,
            "adverb" => &mut self.adverbs,
            "auxiliary" => &mut self.auxiliaries,
            "courtesy" => &mut self.courtesy,
            "source_noun" => &mut self.source_nouns,
            "address_noun" => &mut self.address_nouns,
            "compound_modifier" => &mut self.compound_modifiers,
            "naming_verb" => &mut self.naming_verbs,
            "post_noun" => &mut self.post_nouns,
            "modal" => &mut self.modals,
            "org_word" => &mut self.org_words,
            "partitive" => &mut self.partitives,
            "nominal_cue" => &mut self.nominal_cues,
            "modality_stop" => &mut self.modality_stops,
            "infinitive_stop" => &mut self.infinitive_stops,
            "cue_gap_stop" => &mut self.cue_gap_stops,
            "amount_unit" => &mut self.amount_units,
            _ => return None,
        })
    }

    /// Compiles the lexicon.
    pub fn new(triggers: &Table, words: &Table, nouns: &Table) -> Result<EventLexicon> {
        let mut lx = EventLexicon::default();
        for row in triggers.rows() {
            // `-`: a blocking row, a sense of the words that is no event ("pay attention")
            let kind = match row.get("type") {
                "-" => None,
                t => Some(
                    EventType::parse(t)
                        .ok_or_else(|| row.error(format!("unknown event type `{t}`")))?,
                ),
            };
            let (elems, head) = parse_phrase(row.get("phrase"))
                .ok_or_else(|| row.error(format!("bad phrase `{}`", row.get("phrase"))))?;
            let mut args = Vec::new();
            let mut participant_object = false;
            let mut participant_subject = false;
            for part in row
                .get("args")
                .split(';')
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let (role, cues) = part
                    .split_once('=')
                    .ok_or_else(|| row.error(format!("bad args item `{part}` (role=cue|cue)")))?;
                let role = Role::parse(role.trim())
                    .ok_or_else(|| row.error(format!("unknown role `{role}`")))?;
                let mut parsed = Vec::new();
                for c in cues.split('|').map(str::trim) {
                    // `obj!`, `subj!`: the cue, and a thing there means no event
                    let (c, thing_means_none) =
                        c.strip_suffix('!').map_or((c, false), |c| (c, true));
                    let cue = Cue::parse(c);
                    if thing_means_none {
                        match cue {
                            Cue::Obj => participant_object = true,
                            Cue::Subj => participant_subject = true,
                            _ => {
                                return Err(
                                    row.error(format!("only obj! and subj! take `!`, not `{c}!`"))
                                )
                            }
                        }
                    }
                    parsed.push(cue);
                }
                args.push((role, parsed));
            }
            let confidence: f32 = row
                .get("confidence")
                .parse()
                .map_err(|_| row.error("confidence must be a number"))?;
            let mut requires = Vec::new();
            for alt in row
                .opt("requires")
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty())
            {
                let mut set = Vec::new();
                for r in alt.split('+') {
                    set.push(
                        Role::parse(r.trim())
                            .ok_or_else(|| row.error(format!("unknown role `{r}` in requires")))?,
                    );
                }
                requires.push(set);
            }
            let context: Option<FxHashSet<Box<str>>> = row.opt("context").map(|c| {
                c.split('|')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .map(|w| w.to_lowercase().into())
                    .collect()
            });
            if context.as_ref().is_some_and(FxHashSet::is_empty) {
                return Err(row.error("context lists no word"));
            }
            let pid = lx.patterns.len();
            if let Elem::Alt(alts, _) = &elems[0] {
                for a in alts {
                    if let Some(first) = a.first() {
                        let v = lx.index.entry(first.clone()).or_default();
                        if !v.contains(&pid) {
                            v.push(pid);
                        }
                    }
                }
            }
            lx.patterns.push(Pattern {
                kind,
                cameo: row.get("cameo").into(),
                cameo_planned: row.opt("cameo_planned").unwrap_or(row.get("cameo")).into(),
                elems,
                head,
                args,
                confidence,
                rule: format!("triggers.tsv:{}", row.line).into(),
                block: kind.is_none(),
                specificity: 0,
                requires,
                participant_object,
                participant_subject,
                context,
            });
            let p = lx.patterns.last_mut().expect("just pushed");
            p.specificity = p
                .elems
                .iter()
                .filter(|e| matches!(e, Elem::Alt(..)))
                .count();
        }
        for row in words.rows() {
            let text = row.get("text");
            let lower: Box<str> = text.to_lowercase().into();
            // the kinds that are plain word sets
            if let Some(set) = lx.word_set(row.get("kind")) {
                set.insert(lower);
                continue;
            }
            match row.get("kind") {
                "modality" => {
                    let m = Modality::parse(row.get("value")).ok_or_else(|| {
                        row.error(format!("unknown modality `{}`", row.get("value")))
                    })?;
                    let cue: Vec<Box<str>> =
                        phrase_tokens(text).into_iter().map(Into::into).collect();
                    if cue.first().is_none_or(|w| &**w == CUE_GAP)
                        || cue.last().is_none_or(|w| &**w == CUE_GAP)
                    {
                        return Err(row.error(format!(
                            "a modality cue opens and ends with a word, not `{CUE_GAP}`"
                        )));
                    }
                    // news writes the apostrophe both ways: "didn't", "didn’t"
                    if cue.iter().any(|w| w.contains('\'')) {
                        let curly = cue.iter().map(|w| w.replace('\'', "’").into()).collect();
                        lx.modality.push((curly, m));
                    }
                    lx.modality.push((cue, m));
                }
                "pronoun" => {
                    let n: u8 = row
                        .get("value")
                        .parse()
                        .map_err(|_| row.error("pronoun value must be 0, 1 or 2"))?;
                    lx.pronouns.insert(lower, n);
                }
                "number" => {
                    let n: u32 = row
                        .get("value")
                        .parse()
                        .ok()
                        .filter(|&n| n != NO_NUMBER)
                        .ok_or_else(|| {
                            row.error("number value must be a whole number below 4294967295")
                        })?;
                    lx.numbers.insert(lower, n);
                }
                "noun" if row.get("value") == "animate_sense" => {
                    lx.animate_senses.insert(lower);
                }
                "noun" => {
                    let c = NounClass::parse(row.get("value")).ok_or_else(|| {
                        row.error(format!("unknown noun class `{}`", row.get("value")))
                    })?;
                    lx.nouns.insert(lower, c);
                }
                "not_noun" => {
                    lx.nouns.remove(&lower);
                }
                "title_gender" => {
                    let she = match row.get("value") {
                        "he" => false,
                        "she" => true,
                        v => {
                            return Err(row
                                .error(format!("title_gender value must be he or she, not `{v}`")))
                        }
                    };
                    lx.title_gender.insert(lower, she);
                }
                other => return Err(row.error(format!("unknown kind `{other}`"))),
            }
        }
        for row in nouns.rows() {
            if row.get("class") == "animate_sense" {
                lx.animate_senses
                    .insert(row.get("text").to_lowercase().into());
                continue;
            }
            let c = NounClass::parse(row.get("class"))
                .ok_or_else(|| row.error(format!("unknown noun class `{}`", row.get("class"))))?;
            lx.nouns
                .entry(row.get("text").to_lowercase().into())
                .or_insert(c);
        }
        // The word lists refine the noun list: read them again for additions and removals.
        for row in words.rows() {
            let lower: Box<str> = row.get("text").to_lowercase().into();
            match row.get("kind") {
                "noun" => {
                    if let Some(c) = NounClass::parse(row.get("value")) {
                        lx.nouns.insert(lower, c);
                    }
                }
                "not_noun" => {
                    lx.nouns.remove(&lower);
                }
                _ => {}
            }
        }
        // the words a trigger is told by, which modify no noun: every word of a head, and a
        // row's first word unless it stands right before the head, where it modifies it
        // ("national" in "national [strike]", "peace" in "peace [talks]"; a verb with words
        // between stays: "pay * [visit]")
        lx.trigger_words = lx
            .index
            .iter()
            .filter(|(_, pids)| {
                pids.iter()
                    .any(|&p| !lx.patterns[p].block && lx.patterns[p].head.0 != 1)
            })
            .map(|(w, _)| w.clone())
            .collect();
        // (passive auxiliaries are verbs: "get workers more involved" is no noun phrase)
        lx.trigger_words.extend(lx.passive_aux.iter().cloned());
        for p in lx.patterns.iter().filter(|p| !p.block) {
            for e in &p.elems[p.head.0..p.head.1] {
                if let Elem::Alt(alts, _) = e {
                    // (not a preposition a head holds: "sworn in", "calling for" leave "in" and
                    // "for" free to govern "An SEC official in Washington said")
                    for w in alts
                        .iter()
                        .flatten()
                        .filter(|w| !lx.prepositions.contains(*w))
                    {
                        lx.trigger_words.insert(w.clone());
                    }
                }
            }
        }
        // Function words are never nouns ("us", "was", "who" are abbreviations in WordNet).
        let function: Vec<Box<str>> = lx
            .nouns
            .keys()
            .filter(|w| lx.function_word(w))
            .cloned()
            .collect();
        for w in function {
            lx.nouns.remove(&w);
        }
        // A trigger is never an argument noun ("meeting", "visit").
        for p in lx.patterns.iter().filter(|p| !p.block) {
            for e in &p.elems[p.head.0..p.head.1] {
                if let Elem::Alt(alts, _) = e {
                    for a in alts {
                        if let Some(w) = a.last() {
                            lx.nouns.remove(w);
                        }
                    }
                }
            }
        }
        // Longest modality cues first.
        lx.modality.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        for (k, (cue, _)) in lx.modality.iter().enumerate() {
            if let Some(first) = cue.first() {
                lx.modality_first.entry(first.clone()).or_default().push(k);
                lx.modality_bits |= word_bit(first);
            }
        }
        // One table for the per-token lookups.
        let mut keys: Vec<Box<str>> = Vec::new();
        keys.extend(lx.function.iter().cloned());
        keys.extend(lx.prepositions.iter().cloned());
        keys.extend(lx.determiners.iter().cloned());
        keys.extend(lx.pronouns.keys().cloned());
        keys.extend(lx.boundaries.iter().cloned());
        keys.extend(lx.trigger_words.iter().cloned());
        keys.extend(lx.index.keys().cloned());
        keys.extend(lx.role_nouns.iter().cloned());
        keys.extend(lx.nouns.keys().cloned());
        keys.extend(lx.numbers.keys().cloned());
        keys.extend(lx.modality_first.keys().cloned());
        let context: Vec<Box<str>> = lx
            .patterns
            .iter()
            .filter_map(|p| p.context.as_ref())
            .flatten()
            .cloned()
            .collect();
        keys.extend(context.iter().cloned());
        lx.context_words = context.into_iter().collect();
        for k in keys {
            if lx.words.contains_key(&k) {
                continue;
            }
            let info = lx.compute_info(&k);
            lx.words.insert(k, info);
        }
        lx.words_packed =
            PackedTable::new(lx.words.iter().filter_map(|(w, i)| Some((pack(w)?, *i))));
        lx.index_packed = lx
            .index
            .iter()
            .filter_map(|(w, v)| {
                let starts = v
                    .iter()
                    .map(|&pid| (pid, lx.patterns[pid].starting_with(w)))
                    .collect();
                Some((pack(w)?, starts))
            })
            .collect();
        Ok(lx)
    }

    fn compute_info(&self, w: &str) -> WordInfo {
        use word_flags::*;
        let mut flags = 0;
        for (on, f) in [
            (self.function_word(w), FUNCTION),
            (self.determiners.contains(w), DETERMINER),
            (self.prepositions.contains(w), PREPOSITION),
            (self.trigger_words.contains(w), TRIGGER),
            (self.role_nouns.contains(w), ROLE_NOUN),
            (self.index.contains_key(w), INDEXED),
            (self.modality_first.contains_key(w), MODALITY),
            (self.context_words.contains(w), CONTEXT),
        ] {
            if on {
                flags |= f;
            }
        }
        WordInfo {
            flags,
            noun: self.nouns.get(w).copied(),
            pronoun: self.pronouns.get(w).copied(),
            value: self.numbers.get(w).copied().unwrap_or(NO_NUMBER),
        }
    }

    /// What the lexicon knows of a lowercase word.
    #[inline]
    pub fn info(&self, lower: &str) -> WordInfo {
        match pack(lower) {
            Some(k) => self.words_packed.get(k),
            None => self.words.get(lower).copied().unwrap_or_default(),
        }
    }

    /// [`EventLexicon::info`] of a word of up to 15 bytes by its packed form (see `pack`).
    #[inline]
    pub fn info_packed(&self, key: u128) -> WordInfo {
        self.words_packed.get(key)
    }

    /// The class of a common noun (any case), if it heads arguments.
    pub fn noun(&self, word: &str) -> Option<NounClass> {
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.nouns.get(word).copied();
        }
        self.nouns.get(word.to_lowercase().as_str()).copied()
    }

    /// True for a closed-class word (preposition, determiner, pronoun, auxiliary, conjunction…).
    pub fn function_word(&self, lower: &str) -> bool {
        self.function.contains(lower)
            || self.prepositions.contains(lower)
            || self.determiners.contains(lower)
            || self.pronouns.contains_key(lower)
            || self.boundaries.contains(lower)
    }

    /// True for an adverb that may stand inside a verb group ("was reportedly killed").
    pub fn adverb(&self, lower: &str) -> bool {
        self.adverbs.contains(lower) || lower.ends_with("ly") && lower.len() > 4
    }

    /// True when some trigger phrase starts with this (lowercase) word.
    pub fn is_trigger_word(&self, lower: &str) -> bool {
        self.trigger_words.contains(lower)
    }

    /// All trigger matches starting at token `i` (sentence ends at `end`).
    pub fn matches_at(
        &self,
        low: &Lower<'_>,
        toks: &[Token],
        i: usize,
        end: usize,
        out: &mut Vec<TriggerMatch>,
    ) {
        if toks[i].kind != TokenKind::Word {
            return;
        }
        if !low.info[i].has(word_flags::INDEXED) {
            return;
        }
        let w = low.get(i);
        let mut push = |pid: usize, e: usize, head: (usize, usize)| {
            let p = &self.patterns[pid];
            out.push(TriggerMatch {
                specificity: p.specificity,
                block: p.block,
                pattern: pid,
                start: i,
                end: e,
                head,
                fallback: None,
            });
        };
        // A word of up to 15 bytes: only the alternatives of each pattern's first element that
        // start with it are tried (`match_elems` would skip the others one by one).
        if let Some(k) = pack(w) {
            let Some(starts) = self.index_packed.get(&k) else {
                return;
            };
            for (pid, alts) in starts {
                let p = &self.patterns[*pid];
                let Some(Elem::Alt(all, _)) = p.elems.first() else {
                    continue;
                };
                let mut head = (i, i);
                let tried = alts.iter().map(|&j| &all[j]);
                if let Some(e) = match_alts(low, &p.elems, 0, tried, i, end, p.head, &mut head) {
                    push(*pid, e, head);
                }
            }
            return;
        }
        let Some(pids) = self.index.get(w) else {
            return;
        };
        for &pid in pids {
            let p = &self.patterns[pid];
            let mut head = (i, i);
            if let Some(e) = match_elems(low, &p.elems, 0, i, end, p.head, &mut head) {
                push(pid, e, head);
            }
        }
    }
}

/// The lexicon's words of up to 15 bytes by their [`pack`]ed form. A 32 KiB bit filter in front
/// of the table answers most words that are not in it (names, rare words) without touching the
/// table's megabytes, where such a probe is a cache miss. The table is open addressing with
/// linear probing, at most half full, indexed by the same multiplicative hash as the filter: a
/// probe is one or two key comparisons, with no second hash and no control bytes.
#[derive(Debug)]
struct PackedTable {
    /// A key's first and second eight bytes (the second holds the length: never 0 for a
    /// word, so a slot with `hi == 0` is empty) and its entry.
    slots: Box<[(u64, u64, WordInfo)]>,
    /// `slots.len() - 1` (a power of two).
    mask: usize,
    /// `64 - log2(slots.len())`: the hash's top bits index the table.
    shift: u32,
    /// One bit per [`PackedTable::hash`]'s top [`FILTER_BITS`] bits, set for the keys in the
    /// table (a fixed size: a bit's word needs no bounds test).
    filter: Box<[u64; FILTER_WORDS]>,
}

/// The number of words of [`PackedTable::filter`].
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);

impl Default for PackedTable {
    fn default() -> PackedTable {
        PackedTable::new(std::iter::empty())
    }
}

impl PackedTable {
    fn new(entries: impl Iterator<Item = (u128, WordInfo)>) -> PackedTable {
        let entries: FxHashMap<u128, WordInfo> = entries.filter(|&(k, _)| k >> 64 != 0).collect();
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut t = PackedTable {
            slots: vec![(0, 0, WordInfo::default()); size].into_boxed_slice(),
            mask: size - 1,
            shift: 64 - size.trailing_zeros(),
            filter: Box::new([0; FILTER_WORDS]),
        };
        for (&k, &info) in &entries {
            let h = PackedTable::hash(k);
            let b = (h >> (64 - FILTER_BITS)) as usize;
            t.filter[b >> 6] |= 1 << (b & 63);
            let mut i = (h >> t.shift) as usize;
            while t.slots[i].1 != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (k as u64, (k >> 64) as u64, info);
        }
        t
    }

    /// The key's hash: its top bits index the filter and the table.
    #[inline]
    fn hash(key: u128) -> u64 {
        let mix = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        mix.wrapping_mul(0xff51_afd7_ed55_8ccd)
    }

    /// What the table holds for `key` (the default when nothing).
    #[inline]
    fn get(&self, key: u128) -> WordInfo {
        let h = PackedTable::hash(key);
        let b = (h >> (64 - FILTER_BITS)) as usize;
        if self.filter[b >> 6] & 1 << (b & 63) == 0 {
            return WordInfo::default();
        }
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let mut i = (h >> self.shift) as usize;
        loop {
            let s = &self.slots[i & self.mask];
            if s.0 == lo && s.1 == hi {
                return s.2;
            }
            if s.1 == 0 {
                return WordInfo::default();
            }
            i += 1;
        }
    }
}

/// log2 of the number of bits of [`PackedTable::filter`].
const FILTER_BITS: u32 = 18;

/// A word of up to 15 bytes as one number: its bytes, then its length in the last byte.
#[inline]
fn pack(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    let n = b.len();
    if n > 15 {
        return None;
    }
    let (lo, hi) = if n > 8 {
        (load_le(&b[..8]), load_le(&b[8..]))
    } else {
        (load_le(b), 0)
    };
    Some(packed(lo, hi, n))
}

/// The [`pack`]ed form from a word's first eight bytes, its next seven (zero-padded) and its
/// length.
#[inline]
pub(crate) fn packed(lo: u64, hi: u64, n: usize) -> u128 {
    lo as u128 | (hi as u128) << 64 | (n as u128) << 120
}

/// Up to eight bytes as a little-endian number, zero-padded: `[u8; 8]` filled from the slice,
/// with at most three loads and no call to `memcpy` (overlapping loads of the same bytes OR
/// together to the same value). Longer slices give their first eight bytes.
#[inline]
pub(crate) fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 8 {
        return u64::from_le_bytes(b[..8].try_into().unwrap_or_default());
    }
    if n >= 4 {
        let first = u32::from_le_bytes(b[..4].try_into().unwrap_or_default()) as u64;
        let last = u32::from_le_bytes(b[n - 4..].try_into().unwrap_or_default()) as u64;
        return first | last << (8 * (n - 4));
    }
    if n == 0 {
        return 0;
    }
    b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))
}

/// Matches elements `k..` from token `i`; returns the end token.
#[allow(clippy::too_many_arguments)]
fn match_elems(
    low: &Lower<'_>,
    elems: &[Elem],
    k: usize,
    i: usize,
    end: usize,
    hspec: (usize, usize),
    head: &mut (usize, usize),
) -> Option<usize> {
    if k == elems.len() {
        return Some(i);
    }
    match &elems[k] {
        Elem::Gap => {
            if k == hspec.0 {
                head.0 = i;
            }
            for g in 0..=6 {
                if i + g > end {
                    break;
                }
                if let Some(e) = match_elems(low, elems, k + 1, i + g, end, hspec, head) {
                    return Some(e);
                }
                // A gap never crosses punctuation that ends a clause.
                if i + g < end && matches!(low.get(i + g), "," | ";" | ":" | "." | "(" | ")") {
                    break;
                }
            }
            None
        }
        Elem::Alt(alts, bits) => {
            // no alternative starts with a word of its length, first and last bytes
            if bits & word_bit(low.get(i)) == 0 {
                return None;
            }
            match_alts(low, elems, k, alts.iter(), i, end, hspec, head)
        }
    }
}

/// Matches element `k` (alternatives, of which `alts` are tried in order) and the elements
/// after it from token `i`; returns the end token.
#[allow(clippy::too_many_arguments)]
fn match_alts<'e>(
    low: &Lower<'_>,
    elems: &[Elem],
    k: usize,
    alts: impl Iterator<Item = &'e Vec<Box<str>>>,
    i: usize,
    end: usize,
    hspec: (usize, usize),
    head: &mut (usize, usize),
) -> Option<usize> {
    if k == hspec.0 {
        head.0 = i;
    }
    // the token every alternative starts with, read once
    let first = low.get(i);
    for a in alts {
        if i + a.len() > end || a.first().is_some_and(|w| **w != *first) {
            continue;
        }
        if a.iter()
            .enumerate()
            .skip(1)
            .all(|(j, w)| low.get(i + j) == &**w)
        {
            let next = i + a.len();
            if k + 1 == hspec.1 {
                head.1 = next;
            }
            // (the elements after `k` never write `head.1`: only element `hspec.1 - 1` does)
            if let Some(e) = match_elems(low, elems, k + 1, next, end, hspec, head) {
                return Some(e);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_obj_and_subj_take_the_thing_mark() {
        use crate::data::Table;
        let lexicon = |args: &str| {
            let head = "type\tcameo\tcameo_planned\tphrase\targs\tconfidence\trequires\tsource\n";
            let row = format!("MEET\t040\t036\t[met]\t{args}\t0.8\t\ttest\n");
            let triggers = Table::parse("triggers.tsv", &(head.to_string() + &row), &[]).unwrap();
            let words = Table::parse("events.tsv", "kind\ttext\tvalue\tsource\n", &[]).unwrap();
            let nouns = Table::parse("event_nouns.tsv", "text\tclass\tsource\n", &[]).unwrap();
            super::EventLexicon::new(&triggers, &words, &nouns)
        };
        let p = &lexicon("actor=subj!;target=with|obj!").unwrap().patterns[0];
        assert!(p.participant_object && p.participant_subject);
        assert_eq!(
            p.args[1].1,
            [super::Cue::Prep("with".into()), super::Cue::Obj]
        );
        let p = &lexicon("actor=subj;target=obj").unwrap().patterns[0];
        assert!(!p.participant_object && !p.participant_subject);
        let err = lexicon("target=with!").unwrap_err().to_string();
        assert!(err.contains("only obj! and subj! take `!`"), "{err}");
    }

    #[test]
    fn a_context_is_lowercase_words_and_never_empty() {
        use crate::data::Table;
        let lexicon = |context: &str| {
            let head =
                "type\tcameo\tcameo_planned\tphrase\targs\tconfidence\trequires\tsource\tcontext\n";
            let row =
                format!("DEMONSTRATE\t143\t143\t[strike]\tactor=subj\t0.6\t\ttest\t{context}\n");
            let triggers = Table::parse("triggers.tsv", &(head.to_string() + &row), &[]).unwrap();
            let words = Table::parse("events.tsv", "kind\ttext\tvalue\tsource\n", &[]).unwrap();
            let nouns = Table::parse("event_nouns.tsv", "text\tclass\tsource\n", &[]).unwrap();
            super::EventLexicon::new(&triggers, &words, &nouns)
        };
        let p = &lexicon("Union| pickets").unwrap().patterns[0];
        let mut words: Vec<&str> = p.context.as_ref().unwrap().iter().map(|w| &**w).collect();
        words.sort_unstable();
        assert_eq!(words, ["pickets", "union"]);
        assert!(lexicon("").unwrap().patterns[0].context.is_none());
        let err = lexicon("|").unwrap_err().to_string();
        assert!(err.contains("context lists no word"), "{err}");
    }

    #[test]
    fn load_le_is_the_zero_padded_bytes() {
        let text = b"abcdefghijklmnop";
        for from in 0..text.len() {
            for to in from..=text.len() {
                let b = &text[from..to];
                let mut x = [0u8; 8];
                let k = b.len().min(8);
                x[..k].copy_from_slice(&b[..k]);
                assert_eq!(super::load_le(b), u64::from_le_bytes(x), "{from}..{to}");
            }
        }
    }

    #[test]
    fn pack_is_the_bytes_then_the_length() {
        for w in [
            "",
            "a",
            "to",
            "the",
            "said",
            "visits",
            "counterpart",
            "fifteen-bytes!!",
        ] {
            let mut x = [0u8; 16];
            x[..w.len()].copy_from_slice(w.as_bytes());
            x[15] = w.len() as u8;
            assert_eq!(super::pack(w), Some(u128::from_le_bytes(x)), "{w}");
        }
        assert_eq!(super::pack("sixteen-bytes!!!"), None);
    }
}
