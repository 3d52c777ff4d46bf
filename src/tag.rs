//! Stage 4: entity tagging.
//!
//! 1. **Lookup**: every capitalised token is looked up once in the gazetteer's vocabulary
//!    (lowercase tokens only in the small table of words that start a lowercase phrase such as
//!    `spokesman`), which also says whether it is a given name, a surname or a common word.
//! 2. **Items**: each sentence becomes a row of items — gazetteer matches (longest first, case
//!    policy per entry), capitalised words, initials (`J.`), hyphenated names (`Ata-ur-Rehman`)
//!    and name particles (`van`, `bin`). Adjacent capitalised items form *name chunks*
//!    (`U.S. President Bill Clinton`, `Wells Fargo Center`). A capitalised common word opening a
//!    sentence, and common words inside an all-caps or title-case headline, break chunks.
//! 3. **People** inside a chunk: after a title or honorific (`spokesman Tan Kefei`,
//!    `Gen. Colin Powell`); a given name or an initial followed by name parts (`Marcelo Rios`,
//!    `S. Watkin`); a family-name-first surname followed by pinyin syllables (`Wang Donghai`);
//!    a known person (`Putin`), extended by a preceding given name (`Eric Trump`).
//! 4. **Places, countries, organisations** left in a chunk are kept only when the chunk
//!    explains every word around them: a country or city beside an unexplained capitalised word
//!    is part of another name (`U.S. Open`, `Air France`, `Chicago Tribune`) and is dropped;
//!    so is a place after `of`/`for` that follows such a name (`Bank of Canada`). A direction
//!    before a place (`Northern Iraq`, `West Mosul`) or a place word after it (`Olongapo city`)
//!    widens it. A country before an organisation becomes its `country`
//!    (`Chinese Defense Ministry`). Ambiguous places need evidence: a common word (`Nice`,
//!    `Reading`) needs a locative context, a name (`Jordan`, `Clinton`) loses to a person of the
//!    same name in the document, and a place of several countries (`Georgia`) takes the country
//!    the rest of the document points to.
//! 5. **Document level**: a name part of a person found in full (`Lebed` after
//!    `Alexander Lebed`, `Li` after `Li Shangfu` for family-name-first names, `JOHNSON` in an
//!    all-caps headline) is that person wherever it stands alone.
//!
//! Entities stay flat: every step only fills tokens nothing else holds.

use crate::data::Table;
use crate::error::{Error, Result};
use crate::gazetteer::{
    flags, word, CaseContext, EntryRef, FileKind, Gazetteer, Match, ParsedLexicon, WordId, WordInfo,
};
use crate::model::{
    tokflags, Analysis, Entity, EntityType, How, Iso3, SegmentKind, Token, TokenKind,
};
use crate::resources;
use crate::span::Span;
use crate::tokenize::hyphen_at;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::path::PathBuf;

/// The entity tagging stage.
#[derive(Debug)]
pub struct Tagger {
    gazetteer: Gazetteer,
    rules: NameRules,
    /// `rules.not_name` as one bit per vocabulary word, for capitalised tokens (whose word the
    /// lookup already found); words outside the vocabulary are only in `rules.not_name`.
    not_name_words: Vec<u64>,
    /// The words of `rules.not_name` outside the vocabulary (usually none): the only ones a
    /// capitalised token that the lookup did not find may be.
    not_name_outside: WordSet,
}

/// Word lists of `rules/names.tsv` (and any other `rules/*.tsv` with the same columns).
#[derive(Debug, Default)]
struct NameRules {
    surname_first: FxHashSet<Iso3>,
    not_name: WordSet,
    qualifier: WordSet,
    suffix_city: WordSet,
    suffix_region: WordSet,
    locative: WordSet,
    speech: WordSet,
    name_suffix: WordSet,
    hyphen_prefix: WordSet,
    org_connector: WordSet,
    title_modifier: WordSet,
    /// Nouns ending street, square and building names (`Square`, `Airport`).
    facility_head: WordSet,
}

/// A set of lowercase words, probed with a token's text as written or lowercased, without
/// allocating for short ASCII words. A bit set over (first byte, length) of its words rejects
/// most probes before hashing (the sets are small, the probes mostly miss).
#[derive(Debug, Default)]
struct WordSet {
    set: FxHashSet<Box<[u8]>>,
    /// Bit `len.min(63)` of `shape[first byte & 31]` for every word (the low five bits of an
    /// ASCII letter are the same in both cases).
    shape: [u64; 32],
}

impl WordSet {
    fn insert(&mut self, lower: String) {
        self.insert_bytes(lower.into_bytes().into_boxed_slice());
    }
    fn insert_bytes(&mut self, b: Box<[u8]>) {
        if let Some(&b0) = b.first() {
            self.shape[usize::from(b0 & 31)] |= 1 << b.len().min(63);
        }
        self.set.insert(b);
    }
    fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
    /// False when no word has the first byte (in either case, for an ASCII letter) and the
    /// length of `b`.
    #[inline]
    fn may_hold(&self, b: &[u8]) -> bool {
        match b.first() {
            Some(&b0) => self.shape[usize::from(b0 & 31)] & (1 << b.len().min(63)) != 0,
            None => true,
        }
    }
    /// `s` as written is in the set.
    #[inline]
    fn contains(&self, s: &str) -> bool {
        self.may_hold(s.as_bytes()) && self.set.contains(s.as_bytes())
    }
    /// `s` lowercased is in the set.
    #[inline]
    fn contains_lower(&self, s: &str) -> bool {
        let b = s.as_bytes();
        if b.len() <= 48 && b.is_ascii() {
            // ASCII lowercasing keeps the length and the low five bits of the first byte.
            if !self.may_hold(b) {
                return false;
            }
            let mut out = [0u8; 48];
            for (o, c) in out.iter_mut().zip(b) {
                *o = c.to_ascii_lowercase();
            }
            self.set.contains(&out[..b.len()])
        } else {
            self.set.contains(s.to_lowercase().as_bytes())
        }
    }
}

impl NameRules {
    fn from_table(t: &Table) -> Result<NameRules> {
        let mut r = NameRules::default();
        for row in t.rows() {
            let text = row.get("text");
            if text.is_empty() {
                return Err(row.error("empty `text`"));
            }
            let set = match row.get("kind") {
                "surname_first" => {
                    r.surname_first.insert(Iso3::parse(text).ok_or_else(|| {
                        row.error(format!("`{text}` is not an ISO alpha-3 code"))
                    })?);
                    continue;
                }
                "not_name" => &mut r.not_name,
                "place_qualifier" => &mut r.qualifier,
                "place_suffix_city" => &mut r.suffix_city,
                "place_suffix_region" => &mut r.suffix_region,
                "locative" => &mut r.locative,
                "speech_verb" => &mut r.speech,
                "name_suffix" => &mut r.name_suffix,
                "hyphen_prefix" => &mut r.hyphen_prefix,
                "org_connector" => &mut r.org_connector,
                "title_modifier" => &mut r.title_modifier,
                "facility_head" => &mut r.facility_head,
                other => {
                    return Err(row.error(format!(
                        "unknown kind `{other}` (surname_first, not_name, place_qualifier, \
                         place_suffix_city, place_suffix_region, locative, speech_verb, \
                         name_suffix, hyphen_prefix, org_connector, title_modifier, \
                         facility_head)"
                    )))
                }
            };
            set.insert(text.to_lowercase());
        }
        Ok(r)
    }
}

/// What an item is, for the chunk rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Title,
    Honorific,
    Person,
    Country,
    Place,
    Org,
    /// A given name that is not a common word (`Marcelo`).
    Given,
    /// A given name that is also a common word (`Bill`, `Will`).
    WeakGiven,
    /// A surname (possibly also a common word: `Rice`).
    Surname,
    /// A capitalised word no lexicon knows.
    Unknown,
    /// A capitalised common word.
    Common,
    /// `J.`
    Initial,
    /// `van`, `bin`, `de` between name parts.
    Particle,
}

#[derive(Clone, Copy, Debug)]
struct Item {
    first: usize,
    end: usize,
    class: Class,
    entry: Option<u32>,
    /// The gazetteer match, when the phrase has several accepted entries.
    m: Option<Match>,
    /// Word flags of a one-word item.
    w: u16,
    /// Part of a name chunk.
    member: bool,
    /// Capitalised where capitals say nothing: a sentence's first word, an all-caps line, a
    /// title-case headline.
    weak_pos: bool,
    /// Part of a person found in this sentence.
    person: bool,
}

impl Item {
    /// A word item: given name, surname, unknown or common word, initial (one bit test).
    #[inline]
    fn is_word_like(&self) -> bool {
        const WORD_LIKE: u32 = 1 << Class::Given as u32
            | 1 << Class::WeakGiven as u32
            | 1 << Class::Surname as u32
            | 1 << Class::Unknown as u32
            | 1 << Class::Common as u32
            | 1 << Class::Initial as u32;
        WORD_LIKE & 1 << self.class as u32 != 0
    }
}

/// Type preference when one phrase has entries of several types.
fn priority(e: &EntryRef<'_>) -> u8 {
    let base = match e.kind() {
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

/// Per-document state of the tagger.
struct Doc<'a, 'g> {
    text: &'a str,
    tokens: &'a [Token],
    info: Vec<Option<WordInfo>>,
    /// Sentences that are datelines or all in capitals.
    caps: Vec<bool>,
    /// Sentences that pass the cheap bound of [`title_case`].
    title_bound: Vec<bool>,
    /// Sentences with a dash after a space (where [`inline_dateline`] may find a dateline).
    dash: Vec<bool>,
    /// The tokens the item rules look at (capitalised, starting a gazetteer phrase, or before
    /// a hyphen), in order: token index << 1 | 1 when it is the first word of its sentence or
    /// after an opening punctuation mark.
    pos: Vec<u32>,
    /// Cursor in `pos` (sentences are read in order).
    pc: usize,
    /// The people of a name chunk: first and end item, country, gazetteer entry (a buffer
    /// reused from chunk to chunk).
    persons: Vec<(usize, usize, Option<Iso3>, Option<u32>)>,
    g: &'g Gazetteer,
    buf: String,
}

impl Doc<'_, '_> {
    #[inline]
    fn tok(&self, i: usize) -> &str {
        &self.text[self.tokens[i].span()]
    }
    #[inline]
    fn wflags(&self, i: usize) -> u16 {
        self.info[i].map_or(0, |w| w.flags)
    }
    fn is_punct(&self, i: usize, c: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && self.tok(i) == c)
    }
    /// Full lookup of any token (lowercase ones included).
    fn lookup(&mut self, i: usize) -> Option<WordInfo> {
        let t = self.tokens[i];
        self.g.word(&self.text[t.span()], &mut self.buf)
    }
    /// Tokens `a` and `b` touch (no space between).
    fn touching(&self, a: usize, b: usize) -> bool {
        self.tokens[a].span().end == self.tokens[b].span().start
    }
    /// Token `i` is followed by a hyphen touching it.
    #[inline]
    fn hyphen_after(&self, i: usize) -> bool {
        hyphen_at(self.tokens, self.text.as_bytes(), i)
    }
}

/// Stores token `i`'s gazetteer word and, when the item rules look at the token, its position
/// (with `first`: the first word of its sentence). They look at a capitalised word (`cap`), a
/// word some phrase starts with, and another lowercase word only before a hyphen (`al-Abadi`)
/// or right after an item (`de`, see `Tagger::items`).
#[inline]
fn record(
    d: &mut Doc<'_, '_>,
    tokens: &[Token],
    i: usize,
    info: Option<WordInfo>,
    cap: bool,
    first: bool,
) {
    d.info[i] = info;
    let tb = d.text.as_bytes();
    let end = tokens[i].span().end;
    if cap || info.is_some() || (tb.get(end) == Some(&b'-') && hyphen_at(tokens, tb, i)) {
        d.pos.push((i as u32) << 1 | u32::from(first));
    }
}

/// What the lookup pass gathers over one sentence (besides its lowercase words).
struct Scan {
    /// Words (not numbers).
    words: u32,
    /// Every word is in capitals.
    all_upper: bool,
    /// Capitalised words after the first token.
    cap_words: u32,
    /// Lowercase words of more than five bytes after the first token.
    long_lower: u32,
    /// A dash after a space.
    dash: bool,
}

/// A pending entity with what is needed to revise it at document level.
struct Found<'a> {
    e: Entity<'a>,
    /// Several accepted entries (a place of several countries): re-decided by votes.
    m: Option<Match>,
    /// A one-token place that a person of the same name may take over.
    yields_to_person: bool,
}

impl Tagger {
    /// Builds the tagger from a compiled gazetteer and the name-rule table (`rules/names.tsv`).
    pub fn new(gazetteer: Gazetteer, names: &Table) -> Result<Tagger> {
        let rules = NameRules::from_table(names)?;
        let mut not_name_words = vec![0u64; gazetteer.vocabulary_len().div_ceil(64)];
        let mut not_name_outside = WordSet::default();
        let mut buf = String::new();
        for w in &rules.not_name.set {
            let found = std::str::from_utf8(w)
                .ok()
                .and_then(|w| gazetteer.word(w, &mut buf));
            match found {
                Some(f) => not_name_words[f.id.index() / 64] |= 1 << (f.id.index() % 64),
                None => {
                    not_name_outside.insert_bytes(w.clone());
                }
            }
        }
        Ok(Tagger {
            gazetteer,
            rules,
            not_name_words,
            not_name_outside,
        })
    }

    /// Builds the tagger from the embedded gazetteers, lexicons and name rules, plus the user's
    /// folders of gazetteers (`*.tsv` in the gazetteer format, replacing embedded rows with the
    /// same text and type, or word lexicons; spaCy EntityRuler `*.jsonl` pattern files), read
    /// in sorted order.
    pub fn build(user_dirs: &[PathBuf]) -> Result<Tagger> {
        Tagger::build_with(user_dirs, ParsedLexicon::parse)
    }

    /// [`Tagger::build`], the embedded word lexicons read by `lexicon` (called with each one's
    /// name and content, in file order): the pipeline's builder hands over lexicons that
    /// another thread read meanwhile.
    pub(crate) fn build_with(
        user_dirs: &[PathBuf],
        mut lexicon: impl FnMut(&str, &str) -> Result<ParsedLexicon>,
    ) -> Result<Tagger> {
        let mut gazetteer = Gazetteer::new();
        // the words' flags are copied into the lookup slots once, after the last file
        for (name, content) in resources::GAZETTEERS {
            if FileKind::of(name, content)? == FileKind::Lexicon {
                gazetteer.add_lexicon_parsed(&lexicon(name, content)?);
            } else {
                gazetteer.add_file_unsynced(name, content, false)?;
            }
        }
        for dir in user_dirs {
            let rd = std::fs::read_dir(dir).map_err(|source| Error::Io {
                path: dir.clone(),
                source,
            })?;
            let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.sort();
            for f in files {
                let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ext != "tsv" && ext != "jsonl" {
                    continue;
                }
                let content = std::fs::read_to_string(&f).map_err(|source| Error::Io {
                    path: f.clone(),
                    source,
                })?;
                gazetteer.add_file_unsynced(&f.display().to_string(), &content, true)?;
            }
        }
        gazetteer.sync_slots();
        Tagger::new(
            gazetteer,
            &resources::rule_table("rules/names.tsv", &["kind", "text"])?,
        )
    }

    /// Capitalised token `i` is a word that never starts a name (`The`, `But`).
    #[inline]
    fn not_name(&self, d: &Doc<'_, '_>, i: usize) -> bool {
        match d.info[i] {
            Some(w) => self.not_name_words[w.id.index() / 64] & (1 << (w.id.index() % 64)) != 0,
            None => {
                !self.not_name_outside.is_empty() && self.not_name_outside.contains_lower(d.tok(i))
            }
        }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Tags the entities of every sentence (DATE entities are added later by the date stage).
    pub fn run<'a>(&'a self, a: &mut Analysis<'a>) {
        let text = a.text();
        let g = &self.gazetteer;
        let mut d = Doc {
            text,
            tokens: &a.tokens,
            info: vec![None; a.tokens.len()],
            caps: Vec::with_capacity(a.sentences.len()),
            title_bound: Vec::with_capacity(a.sentences.len()),
            dash: Vec::with_capacity(a.sentences.len()),
            pos: Vec::with_capacity(a.tokens.len() / 4),
            pc: 0,
            persons: Vec::new(),
            g,
            buf: String::new(),
        };
        // 1. Lookup.
        self.lookup_pass(&mut d, a);
        // Room for the entities and items of a typical document (one per 16 tokens).
        let mut found: Vec<Found<'a>> = Vec::with_capacity(a.tokens.len() / 16);
        let mut items: Vec<Item> = Vec::with_capacity(64);
        for (si, s) in a.sentences.iter().enumerate() {
            if s.kind == SegmentKind::Header || s.kind == SegmentKind::Tag {
                continue;
            }
            let caps = d.caps[si];
            let ctx = if caps {
                CaseContext::AllCaps
            } else {
                CaseContext::Normal
            };
            items.clear();
            self.items(
                &mut d,
                si,
                s.first_token,
                s.end_token,
                ctx,
                caps,
                &mut items,
            );
            if items.is_empty() {
                continue;
            }
            self.sentence(&mut d, si, s.kind, caps, &mut items, &mut found);
        }
        // 5. Document level.
        self.resolve_by_votes(&mut found);
        let mut entities: Vec<Entity<'a>> = Vec::with_capacity(found.len());
        let mut yielding: Vec<bool> = Vec::with_capacity(found.len());
        for f in found {
            yielding.push(f.yields_to_person);
            entities.push(f.e);
        }
        self.propagate(&mut d, a, &mut entities, &mut yielding);
        a.entities = entities;
        self.merge_generic_orgs(a);
    }

    /// Step 1 of [`Tagger::run`]: fills `d.info`, `d.pos`, `d.caps` and `d.title_bound`.
    #[inline(never)]
    fn lookup_pass(&self, d: &mut Doc<'_, '_>, a: &Analysis<'_>) {
        let g = &self.gazetteer;
        // One pass over each sentence's tokens: the gazetteer word of every capitalised token
        // (lowercase ones only when a lowercase phrase may start with them), the positions the
        // item rules look at, and what the sentence-level tests need.
        let tb = d.text.as_bytes();
        let tokens = &a.tokens;
        for s in a.sentences.iter() {
            let mut scan = Scan {
                words: 0,
                all_upper: true,
                cap_words: 0,
                long_lower: 0,
                dash: false,
            };
            // Most tokens are lowercase words (letters all lowercase, none uppercase): the loop
            // handles them itself, with the gazetteer's bit filter first (it rejects nearly
            // all of them); other tokens go through `Tagger::scan_token`.
            let (mut lower_words, mut long_lower) = (0u32, 0u32);
            let mut first_word = true;
            let toks = &tokens[s.first_token..s.end_token];
            let is_lower_word = |t: &Token| {
                t.kind == TokenKind::Word
                    && t.flags & (tokflags::LOWER | tokflags::CAP | tokflags::UPPER)
                        == tokflags::LOWER
            };
            for (k, t) in toks.iter().enumerate() {
                if is_lower_word(t) {
                    lower_words += 1;
                    long_lower += u32::from(t.span().len() > 5);
                    let first = std::mem::replace(&mut first_word, false);
                    if g.lower_start_hint(tb, t.span()) || tb.get(t.span().end) == Some(&b'-') {
                        self.scan_lower(d, tokens, s.first_token + k, first);
                    }
                    continue;
                }
                // Tests in order of frequency rather than a `match` (a jump table whose
                // target changes from token to token).
                if t.kind == TokenKind::Punct {
                    // Opening quotes, bullets, colons and dashes start a new "sentence" for
                    // the capitalisation of its first word.
                    if !closing_punct(tb, t.span()) {
                        first_word = true;
                        scan.dash |=
                            t.has(tokflags::SPACE_BEFORE) && is_dash(&tb[t.span().range()]);
                    }
                } else if t.kind != TokenKind::Clitic {
                    // A word, abbreviation or number.
                    self.scan_token(d, tokens, s.first_token + k, k, first_word, &mut scan);
                    first_word = false;
                }
            }
            // Long lowercase words after the first token only.
            if toks
                .first()
                .is_some_and(|t| is_lower_word(t) && t.span().len() > 5)
            {
                long_lower -= 1;
            }
            let words = scan.words + lower_words;
            let all_upper = scan.all_upper && lower_words == 0;
            let (cap_words, long_lower) = (scan.cap_words, scan.long_lower + long_lower);
            let caps = s.kind == SegmentKind::Dateline || (all_upper && words >= 1);
            d.caps.push(caps);
            // The cheap bound of `title_case`: long lowercase words are never function words.
            d.title_bound
                .push(!(cap_words < 3 || cap_words * 100 < (cap_words + long_lower) * 85));
            d.dash.push(scan.dash);
        }
    }

    /// A lowercase word token `i` that the lookup pass's filter let through, or before a
    /// hyphen: its gazetteer word, if any phrase starts with it, and its position.
    #[inline(never)]
    fn scan_lower(&self, d: &mut Doc<'_, '_>, tokens: &[Token], i: usize, first: bool) {
        let tb = d.text.as_bytes();
        let t = &tokens[i];
        let info = self.gazetteer.lower_start_lowered(&tb[t.span().range()]);
        record(d, tokens, i, info, false, first);
    }

    /// The lookup pass for a word, abbreviation or number token that is not a lowercase word:
    /// token `i`, the `k`-th of its sentence; `first` says that it is the first word of its
    /// sentence or after an opening punctuation mark.
    #[inline(never)]
    fn scan_token(
        &self,
        d: &mut Doc<'_, '_>,
        tokens: &[Token],
        i: usize,
        k: usize,
        first: bool,
        scan: &mut Scan,
    ) {
        let g = &self.gazetteer;
        let text = d.text;
        let tb = text.as_bytes();
        let t = &tokens[i];
        let cap = t.is_cap();
        if t.kind != TokenKind::Number {
            scan.words += 1;
            scan.all_upper &= t.has(tokflags::UPPER) || (cap && t.span().len() == 1);
            if t.kind == TokenKind::Word && k > 0 {
                if cap {
                    scan.cap_words += 1;
                } else if t.span().len() > 5 {
                    scan.long_lower += 1;
                }
            }
        }
        let info = if cap {
            g.word_at(text, t.span(), &mut d.buf)
        } else if t.has(tokflags::LOWER) {
            // Already lowercase (lowercasing changes no character of a word whose letters are
            // all lowercase): its own bytes are the key.
            g.lower_start_lowered(&tb[t.span().range()])
        } else {
            g.lower_start_word(&text[t.span()], &mut d.buf)
        };
        record(d, tokens, i, info, cap, first);
    }

    /// Builds the items of tokens `from..to` (one sentence).
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn items(
        &self,
        d: &mut Doc<'_, '_>,
        si: usize,
        from: usize,
        to: usize,
        ctx: CaseContext,
        caps: bool,
        items: &mut Vec<Item>,
    ) {
        let g = &self.gazetteer;
        let dateline = if caps || !d.dash[si] {
            None
        } else {
            inline_dateline(d, from, to)
        };
        // Only the positions of the lookup pass and the token right after an item are read:
        // most tokens are lowercase words no gazetteer phrase starts with, which make an item
        // only before a hyphen (`al-Abadi`) or as a particle after a name (`de`). The loop
        // runs over the positions (each a word, abbreviation or number); `i` is the first
        // token no item covers yet.
        let mut c = d.pc;
        // Positions of earlier sentences not read (headers, tags, tokens inside an item).
        while d.pos.get(c).is_some_and(|&p| ((p >> 1) as usize) < from) {
            c += 1;
        }
        let mut i = from;
        while let Some(&p) = d.pos.get(c) {
            let at = (p >> 1) as usize;
            if at >= to {
                break;
            }
            c += 1;
            if at < i {
                // Inside the last item.
                continue;
            }
            // The token right after an item that is no position: a lowercase word no phrase
            // starts with, an item only as a particle (`de` in `Thomas de Maizière`).
            // (It needs a capitalised word after it, which is a position: `at`.)
            if at == i + 1 && self.particle_at(d, i, to, items) {
                items.push(particle_item(i));
            }
            i = at;
            let t = d.tokens[i];
            let ctx = match dateline {
                Some((a, b)) if (a..b).contains(&i) => CaseContext::AllCaps,
                _ => ctx,
            };
            // The first word of the sentence, or after an opening punctuation mark.
            let initial = p & 1 != 0 && t.kind != TokenKind::Number;
            // A hyphenated name that is not a chain of gazetteer names.
            if let Some((end, w)) = d.hyphen_after(i).then(|| self.compound(d, i, to)).flatten() {
                items.push(Item {
                    first: i,
                    end,
                    class: class_of_word(w),
                    entry: None,
                    m: None,
                    w,
                    member: true,
                    weak_pos: initial || caps,
                    person: false,
                });
                i = end;
                continue;
            }
            if let Some(w) = d.info[i] {
                if let Some(m) = g.match_word_at(d.text, d.tokens, i, to, ctx, w) {
                    let best = g.accepted(&m).max_by_key(priority);
                    if let Some(e) = best {
                        let class = match e.kind() {
                            EntityType::Title if e.has(flags::HONORIFIC) => Class::Honorific,
                            EntityType::Title => Class::Title,
                            EntityType::Person => Class::Person,
                            EntityType::Country => Class::Country,
                            EntityType::City | EntityType::Region => Class::Place,
                            _ => Class::Org,
                        };
                        let several = g.accepted_count(&m) > 1;
                        let cap = t.is_cap() || d.tokens[i + m.len - 1].is_cap();
                        let w = if m.len == 1 { w.flags } else { 0 };
                        items.push(Item {
                            first: i,
                            end: i + m.len,
                            class,
                            entry: Some(e.id()),
                            m: several.then_some(m),
                            w,
                            member: cap && class != Class::Honorific,
                            weak_pos: false,
                            person: false,
                        });
                        i += m.len;
                        continue;
                    }
                }
            }
            if t.is_cap() && t.kind == TokenKind::Word {
                let text = d.text;
                let s = &text[t.span()];
                if self.not_name(d, i) {
                    i += 1;
                    continue;
                }
                // An initial: one capital letter and a period.
                if s.len() == 1 && d.is_punct(i + 1, ".") && d.touching(i, i + 1) {
                    items.push(Item {
                        first: i,
                        end: i + 2,
                        class: Class::Initial,
                        entry: None,
                        m: None,
                        w: 0,
                        member: true,
                        weak_pos: false,
                        person: false,
                    });
                    i += 2;
                    continue;
                }
                let w = d.wflags(i);
                let class = class_of_word(w);
                items.push(Item {
                    first: i,
                    end: i + 1,
                    class,
                    entry: None,
                    m: None,
                    w,
                    member: true,
                    weak_pos: initial || caps,
                    person: false,
                });
            } else if self.particle_at(d, i, to, items) {
                items.push(particle_item(i));
            } else if t.is_cap() && t.kind == TokenKind::Abbrev {
                items.push(Item {
                    first: i,
                    end: i + 1,
                    class: Class::Unknown,
                    entry: None,
                    m: None,
                    w: 0,
                    member: true,
                    weak_pos: false,
                    person: false,
                });
            }
            i += 1;
        }
        d.pc = c;
        if !caps {
            // A headline run into the first sentence (`US Condemns Russia MOSCOW — The…`), or a
            // title-case sentence: capitals say nothing there.
            let headline_end = match dateline {
                Some((a, _)) if a > from => Some(d.tokens[a].span().start),
                _ if d.title_bound[si] && title_case(d, from, to, &self.rules.not_name) => {
                    Some(usize::MAX)
                }
                _ => None,
            };
            if let Some(end) = headline_end {
                for it in items.iter_mut() {
                    if d.tokens[it.first].span().start < end {
                        it.weak_pos = true;
                    }
                }
            } else {
                self.mark_headline_run(d, from, items);
            }
        }
        settle_members(items);
        // A direction before a place stays with it (`Northern Iraq` opening a sentence).
        for k in 0..items.len().saturating_sub(1) {
            let (x, nx) = (items[k], items[k + 1]);
            // The item fields tested together (one branch, rarely taken), then the word.
            if !x.member
                & x.is_word_like()
                & (x.end - x.first == 1)
                & (x.end == nx.first)
                & matches!(nx.class, Class::Place | Class::Country)
                && self.rules.qualifier.contains_lower(d.tok(x.first))
            {
                items[k].member = true;
            }
        }
    }

    /// Word token `i` (of a sentence ending at `to`) is a name particle (`van`, `bin`, `de`)
    /// between the name chunk item ending there and a capitalised word.
    #[inline]
    fn particle_at(&self, d: &mut Doc<'_, '_>, i: usize, to: usize, items: &[Item]) -> bool {
        let t = d.tokens[i];
        // The token's and the last item's fields tested together (one branch, rarely taken).
        (t.kind == TokenKind::Word)
            & t.has(tokflags::LOWER)
            & items.last().is_some_and(|p| (p.end == i) & p.member)
            && d.tokens
                .get(i + 1)
                .is_some_and(|n| n.is_cap() && n.kind == TokenKind::Word)
            && i + 1 < to
            && d.lookup(i).is_some_and(|w| w.has(word::PARTICLE))
    }

    /// A hyphenated name starting at token `i` (`Jean-Michel`, `Ata-ur-Rehman`, `al-Abadi`),
    /// unless every capitalised part is a gazetteer name of its own (`China-Russia`) or the
    /// whole is one (`Guinea-Bissau`). Returns its end and word flags.
    fn compound(&self, d: &mut Doc<'_, '_>, i: usize, to: usize) -> Option<(usize, u16)> {
        let hyphen_at = |d: &Doc<'_, '_>, k: usize| {
            k + 1 < to && d.is_punct(k, "-") && d.touching(k - 1, k) && d.touching(k, k + 1)
        };
        if !hyphen_at(d, i + 1) || d.tokens[i].kind != TokenKind::Word {
            return None;
        }
        let t0 = d.tokens[i];
        let lead_particle = !t0.is_cap();
        if lead_particle && !(d.lookup(i).is_some_and(|w| w.has(word::PARTICLE))) {
            return None;
        }
        if self.rules.hyphen_prefix.contains_lower(d.tok(i)) {
            return None;
        }
        let mut parts = vec![i];
        let mut k = i + 1;
        while hyphen_at(d, k) && d.tokens[k + 1].kind == TokenKind::Word {
            let p = k + 1;
            let pt = d.tokens[p];
            // Inner lowercase parts are short (`ur`, `i`, `al`); the last part is capitalised.
            if !pt.is_cap() && d.tok(p).chars().count() > 3 {
                break;
            }
            parts.push(p);
            k = p + 1;
        }
        while parts.len() > 1 && !d.tokens[*parts.last()?].is_cap() {
            parts.pop();
        }
        if parts.len() < 2 {
            return None;
        }
        // A headline glued to an all-caps dateline (`Terrorism-WASHINGTON`) is no name.
        let upper = |p: usize| d.tokens[p].has(tokflags::UPPER) && d.tokens[p].span().len() > 2;
        if parts.iter().any(|&p| upper(p))
            && !parts.iter().all(|&p| upper(p) || !d.tokens[p].is_cap())
        {
            return None;
        }
        // A headline glued to the next sentence (`Ukraine Polls-The United States says`): a
        // function word after the hyphen starts a sentence, it is no name part.
        if parts[1..]
            .iter()
            .any(|&p| self.rules.not_name.contains_lower(d.tok(p)))
        {
            return None;
        }
        let end = parts.last()? + 1;
        let g = &self.gazetteer;
        // The whole chain, or one gazetteer name per capitalised part: not a compound.
        let ctx = CaseContext::Normal;
        if let Some(w) = d.info[i] {
            if g.match_word_at(d.text, d.tokens, i, to, ctx, w)
                .is_some_and(|m| m.first + m.len >= end)
            {
                return None;
            }
        }
        let mut all_names = true;
        for &p in &parts {
            if !d.tokens[p].is_cap() {
                all_names = false;
                break;
            }
            let hit = d.info[p].and_then(|w| g.match_word_at(d.text, d.tokens, p, to, ctx, w));
            if hit.is_none_or(|m| m.len != 1) {
                all_names = false;
                break;
            }
        }
        if all_names {
            return None;
        }
        // Word flags: given if the first part is, surname if the last is; common only if all are.
        let f0 = d.lookup(parts[0]).map_or(0, |w| w.flags);
        let fl = d.lookup(*parts.last()?).map_or(0, |w| w.flags);
        let mut w = 0;
        if f0 & word::GIVEN != 0 && !lead_particle {
            w |= word::GIVEN;
        }
        if fl & word::SURNAME != 0 || lead_particle {
            w |= word::SURNAME;
        }
        let all_common = parts
            .iter()
            .all(|&p| d.lookup(p).is_some_and(|x| x.has(word::COMMON)));
        if all_common {
            w |= word::COMMON;
        }
        Some((end, w))
    }

    /// A title-case headline run at the start of a sentence (`Trump Berates Australian Leader
    /// Over Refugee Deal`): its common words are words, not name parts.
    fn mark_headline_run(&self, d: &Doc<'_, '_>, from: usize, items: &mut [Item]) {
        // The run: capitalised items, short lowercase function words allowed between them.
        let mut end_item = 0;
        let mut prev_end = None;
        for (k, it) in items.iter().enumerate() {
            if let Some(pe) = prev_end {
                let gap_ok = (pe..it.first).all(|j| {
                    let t = d.tokens[j];
                    t.kind == TokenKind::Word && t.has(tokflags::LOWER) && t.span().len() <= 3
                });
                if !gap_ok {
                    break;
                }
            } else {
                let lead_ok = (from..it.first).all(|j| d.tokens[j].kind != TokenKind::Word);
                if !lead_ok {
                    return;
                }
            }
            if !(d.tokens[it.first].is_cap()) {
                break;
            }
            prev_end = Some(it.end);
            end_item = k + 1;
        }
        let run = &mut items[..end_item];
        let common = run
            .iter()
            .filter(|it| it.class == Class::Common && it.entry.is_none())
            .count();
        if run.len() >= 5 && common >= 3 {
            for it in run.iter_mut() {
                it.weak_pos = true;
            }
        }
    }

    /// The chunk rules over one sentence's items; pushes the entities found.
    #[inline(never)]
    fn sentence<'a>(
        &'a self,
        d: &mut Doc<'_, '_>,
        si: usize,
        kind: SegmentKind,
        caps: bool,
        items: &mut [Item],
        found: &mut Vec<Found<'a>>,
    ) {
        let n = items.len();
        // Particles are members only between two members.
        for k in 0..n {
            if items[k].class == Class::Particle {
                let ok = k > 0
                    && k + 1 < n
                    && items[k - 1].member
                    && items[k + 1].member
                    && items[k - 1].end == items[k].first
                    && items[k].end == items[k + 1].first;
                items[k].member = ok;
            }
        }
        let headline = kind == SegmentKind::Title || caps;
        let mut k = 0;
        while k < n {
            if !items[k].member {
                // Lowercase titles (`spokesman`) and phrases outside name chunks stand alone.
                if items[k].entry.is_some() && items[k].class != Class::Honorific {
                    let x = items[k];
                    self.emit_gazetteer(d, si, &x, found);
                }
                k += 1;
                continue;
            }
            let mut j = k + 1;
            while j < n && items[j].member && items[j].first == items[j - 1].end {
                j += 1;
            }
            self.chunk(d, si, headline, items, k, j, found);
            k = j;
        }
    }

    /// Decides one name chunk `items[k0..k1]`.
    #[allow(clippy::too_many_arguments)]
    fn chunk<'a>(
        &'a self,
        d: &mut Doc<'_, '_>,
        si: usize,
        headline: bool,
        items: &mut [Item],
        k0: usize,
        k1: usize,
        found: &mut Vec<Found<'a>>,
    ) {
        // A title (or honorific) right before the chunk.
        let title_before = k0 > 0
            && items[k0 - 1].end == items[k0].first
            && matches!(items[k0 - 1].class, Class::Title | Class::Honorific);
        // A chunk ending in the head noun of a street, square or building name (`Manezhnaya
        // Square`, `Martin Luther King Boulevard`) names that place as a whole: no person in it
        // (checked once per chunk, at its end).
        let facility = k1 - k0 >= 2 && self.facility_head(d, &items[k1 - 1]);
        // 3. People.
        let mut persons = std::mem::take(&mut d.persons);
        persons.clear();
        let mut k = k0;
        while k < k1 {
            let after_title = if k == k0 {
                title_before
            } else {
                matches!(items[k - 1].class, Class::Title | Class::Honorific)
            };
            if let Some(end) = self.person_at(d, items, k, k1, after_title, headline) {
                if facility {
                    k = end;
                    continue;
                }
                let mut country = None;
                let mut key = None;
                let gaz_person = (k..end).find(|&x| items[x].class == Class::Person);
                if let Some(p) = gaz_person {
                    let e = self.gazetteer.entry(items[p].entry.unwrap_or_default());
                    country = e.country();
                    if end - k == 1 {
                        key = items[p].entry;
                    }
                }
                if after_title && country.is_none() {
                    country = self.title_country(d, items, k, found);
                }
                for it in &mut items[k..end] {
                    it.person = true;
                }
                persons.push((k, end, country, key));
                k = end;
            } else {
                k += 1;
            }
        }
        // 4. Everything else, segment by segment (runs without people).
        let mut p = 0;
        let mut k = k0;
        while k < k1 {
            if p < persons.len() && persons[p].0 == k {
                let (a, b, country, key) = persons[p];
                self.emit_person(d, si, items, a, b, country, key, found);
                p += 1;
                k = b;
                continue;
            }
            let mut e = k + 1;
            while e < k1 && !items[e].person {
                e += 1;
            }
            self.segment(d, si, items, k0, k, e, facility && e == k1, found);
            k = e;
        }
        d.persons = persons;
    }

    /// The end of a person's name starting at item `k`, if one starts there.
    fn person_at(
        &self,
        d: &mut Doc<'_, '_>,
        items: &[Item],
        k: usize,
        k1: usize,
        after_title: bool,
        headline: bool,
    ) -> Option<usize> {
        let it = items[k];
        // The next name item (a particle in between is skipped: `Thomas de Maizière`).
        let next = if k + 2 < k1 && items[k + 1].class == Class::Particle {
            Some(items[k + 2])
        } else {
            (k + 1 < k1).then(|| items[k + 1])
        };
        let name_part = |x: &Item| self.name_part(x);
        let strong_next = |x: &Item| {
            matches!(
                x.class,
                Class::Surname | Class::Given | Class::Unknown | Class::Initial | Class::Person
            ) || (x.class == Class::Place && x.w & word::COMMON == 0 && x.end - x.first == 1)
        };
        // A capitalised word that looks like a name: letters, not an acronym.
        let namelike = |d: &Doc<'_, '_>, x: &Item| {
            x.end - x.first == 1 && {
                let t = d.tokens[x.first];
                let s = d.tok(x.first);
                t.kind == TokenKind::Word
                    && (headline || !t.has(tokflags::UPPER))
                    && if s.is_ascii() {
                        // The same test on ASCII bytes (ASCII letters are the alphabetic
                        // ASCII characters).
                        s.len() >= 2 && s.bytes().all(|c| c.is_ascii_alphabetic() || c == b'\'')
                    } else {
                        s.chars().count() >= 2
                            && s.chars()
                                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
                    }
            }
        };
        if it.class == Class::Person {
            // A known person; a following suffix is part of it.
            let mut e = k + 1;
            while e < k1 && self.is_name_suffix(d, &items[e]) {
                e += 1;
            }
            return Some(e);
        }
        let surname_next = next
            .as_ref()
            .is_some_and(|x| x.w & word::SURNAME != 0 || x.class == Class::Person);
        // after an honorific, a surname that is also a common word is a name even when some
        // locale gives it as a first name ("Mr Smith": Smith is a given name in faker's es-co
        // list); after another title that one stays a word ("leader Bill")
        let honorific_surname = after_title
            && k > 0
            && items[k - 1].class == Class::Honorific
            && it.class == Class::WeakGiven
            && it.w & word::SURNAME != 0;
        let start = if after_title {
            name_part(&it)
                || it.class == Class::Common && it.w & word::SURNAME != 0
                || honorific_surname
        } else {
            match it.class {
                Class::Given | Class::Initial => next.as_ref().is_some_and(name_part),
                Class::WeakGiven => next.as_ref().is_some_and(|x| {
                    strong_next(x) && (x.w & word::COMMON == 0 || x.w & word::SURNAME != 0)
                }),
                Class::Surname if it.w & word::FAMILY_FIRST != 0 => {
                    next.as_ref().is_some_and(|x| self.syllabic(d, x))
                        || it.w & word::COMMON == 0
                            && next.as_ref().is_some_and(|x| {
                                namelike(d, x) && matches!(x.class, Class::Unknown | Class::Surname)
                            })
                }
                // Two name-like words no lexicon explains, or an unknown word before a surname
                // or given name: `Philando Castile`, `Selahattin Demirtas`, `Akie Abe`.
                Class::Unknown | Class::Surname if !headline && it.w & word::COMMON == 0 => {
                    namelike(d, &it)
                        && next.as_ref().is_some_and(|x| {
                            namelike(d, x)
                                && (matches!(
                                    x.class,
                                    Class::Unknown
                                        | Class::Surname
                                        | Class::Given
                                        | Class::WeakGiven
                                        | Class::Person
                                ) || matches!(x.class, Class::Place | Class::Country)
                                    && x.w & word::SURNAME != 0
                                    && self.name_part(x))
                                && (x.class != Class::WeakGiven || x.w & word::SURNAME != 0)
                        })
                }
                // A place or country that is also a given name, before a surname
                // (`Ariel Cruz`, `Chad Johnson`).
                Class::Place | Class::Country
                    if it.w & word::GIVEN != 0 && it.end - it.first == 1 =>
                {
                    let e = self.gazetteer.entry(it.entry.unwrap_or_default());
                    let ambiguous = e.has(flags::AMBIGUOUS);
                    (it.class == Class::Place || ambiguous)
                        && (surname_next
                            || it.class == Class::Place
                                && next
                                    .as_ref()
                                    .is_some_and(|x| x.class == Class::Unknown && namelike(d, x)))
                }
                _ => false,
            }
        };
        if !start {
            return None;
        }
        let mut e = k + 1;
        while e < k1 && e - k < 5 {
            let x = &items[e];
            if x.class == Class::Particle {
                if e + 1 < k1 && name_part(&items[e + 1]) {
                    e += 2;
                    continue;
                }
                break;
            }
            if name_part(x) || self.is_name_suffix(d, x) {
                e += 1;
                if x.class == Class::Person {
                    break;
                }
                continue;
            }
            // A capitalised common word right after a first name, ending the chunk, is a
            // surname (`Bill Shorten`, `Tiger Woods`).
            if e == k + 1
                && x.class == Class::Common
                && !x.weak_pos
                && matches!(it.class, Class::Given | Class::WeakGiven)
                && e + 1 == k1
            {
                e += 1;
            }
            break;
        }
        // A lone weak given name is no name (`leader Bill` without a surname; `Mr Smith` is).
        if e == k + 1 && it.class == Class::WeakGiven && !honorific_surname {
            return None;
        }
        Some(e)
    }

    /// Can continue a person's name.
    fn name_part(&self, x: &Item) -> bool {
        match x.class {
            Class::Given
            | Class::WeakGiven
            | Class::Surname
            | Class::Unknown
            | Class::Initial
            | Class::Person => true,
            Class::Place | Class::Country => {
                if x.end - x.first != 1 {
                    return false;
                }
                if x.w & word::COMMON != 0 && x.w & (word::SURNAME | word::GIVEN) == 0 {
                    return false;
                }
                x.class == Class::Place
                    || self
                        .gazetteer
                        .entry(x.entry.unwrap_or_default())
                        .has(flags::AMBIGUOUS)
            }
            _ => false,
        }
    }

    fn is_name_suffix(&self, d: &Doc<'_, '_>, x: &Item) -> bool {
        x.end - x.first == 1
            && self
                .rules
                .name_suffix
                .contains_lower(d.tok(x.first).trim_end_matches('.'))
    }

    /// A given name written as pinyin syllables (`Donghai`, `Kefei`) or a hyphenated pair of
    /// short syllables (`Song-ho`).
    fn syllabic(&self, d: &mut Doc<'_, '_>, x: &Item) -> bool {
        if !matches!(x.class, Class::Unknown | Class::Given | Class::Surname) {
            return false;
        }
        if x.end - x.first == 3 {
            return d.tok(x.first).chars().count() <= 5 && d.tok(x.first + 2).chars().count() <= 5;
        }
        if x.end - x.first != 1 {
            return false;
        }
        if x.w & word::PINYIN != 0 {
            return true;
        }
        let s = lc(d.tok(x.first));
        if !s.is_ascii() || s.len() > 12 {
            return false;
        }
        let mut buf = String::new();
        (1..s.len()).any(|cut| {
            let pin = |p: &str, buf: &mut String| {
                self.gazetteer
                    .word(p, buf)
                    .is_some_and(|w| w.has(word::PINYIN))
            };
            pin(&s[..cut], &mut buf) && pin(&s[cut..], &mut buf)
        })
    }

    /// The country of the organisation or country right before the title before item `k`
    /// (`Chinese Defense Ministry spokesman Tan Kefei` → CHN).
    fn title_country(
        &self,
        d: &Doc<'_, '_>,
        items: &[Item],
        k: usize,
        found: &[Found<'_>],
    ) -> Option<Iso3> {
        let title = items.get(k.checked_sub(1)?)?;
        if let Some(e) = title.entry {
            if let Some(c) = self.gazetteer.entry(e).country() {
                return Some(c);
            }
        }
        let start = d.tokens[title.first].span().start;
        let prev = found.last()?;
        let between = &d.text[prev.e.span.end.min(start)..start];
        (prev.e.span.end <= start && between.trim().is_empty() && between.len() <= 2)
            .then_some(prev.e.country)
            .flatten()
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_person<'a>(
        &'a self,
        d: &Doc<'_, '_>,
        si: usize,
        items: &[Item],
        a: usize,
        b: usize,
        country: Option<Iso3>,
        key: Option<u32>,
        found: &mut Vec<Found<'a>>,
    ) {
        let span = Span::new(
            d.tokens[items[a].first].span().start,
            d.tokens[items[b - 1].end - 1].span().end,
        );
        let e = if let Some(id) = key {
            let entry = self.gazetteer.entry(id);
            let mut e = entity_from(entry, span, si);
            if entry.has(flags::SURNAME) && b - a == 1 {
                e.how = How::Gazetteer;
            }
            e
        } else {
            Entity {
                span,
                kind: EntityType::Person,
                sentence: si,
                canonical: Cow::Owned(normalize_name(&d.text[span], d.tokens, items[a].first)),
                key: None,
                country,
                how: How::Rule,
                timex: None,
            }
        };
        found.push(Found {
            e,
            m: None,
            yields_to_person: false,
        });
    }

    /// A one-word item that heads a street, square or building name (`Square`, `Airport`).
    fn facility_head(&self, d: &Doc<'_, '_>, x: &Item) -> bool {
        x.end - x.first == 1
            && x.is_word_like()
            && self.rules.facility_head.contains_lower(d.tok(x.first))
    }

    /// A run of chunk items without people: titles, organisations, countries and places, kept
    /// when nothing unexplained stands beside them. In a run ending a facility's name
    /// (`facility`), known people and titles are part of that name (`King Fahd Airport`).
    #[allow(clippy::too_many_arguments)]
    fn segment<'a>(
        &'a self,
        d: &mut Doc<'_, '_>,
        si: usize,
        items: &[Item],
        chunk_start: usize,
        a: usize,
        b: usize,
        facility: bool,
        found: &mut Vec<Found<'a>>,
    ) {
        let qualifier = |d: &Doc<'_, '_>, x: &Item| {
            x.end - x.first == 1
                && x.is_word_like()
                && self.rules.qualifier.contains_lower(d.tok(x.first))
        };
        let place_suffix = |d: &Doc<'_, '_>, x: &Item| -> Option<EntityType> {
            if x.end - x.first != 1 || !x.is_word_like() {
                return None;
            }
            let w = d.tok(x.first);
            if self.rules.suffix_city.contains_lower(w) {
                Some(EntityType::City)
            } else if self.rules.suffix_region.contains_lower(w) {
                Some(EntityType::Region)
            } else {
                None
            }
        };
        // Unexplained words: any word item that is not a qualifier or suffix of a neighbouring
        // place.
        let is_place = |x: &Item| matches!(x.class, Class::Country | Class::Place);
        let mut unexplained = false;
        for k in a..b {
            let x = &items[k];
            if !x.is_word_like() {
                continue;
            }
            let before_place = k + 1 < b && is_place(&items[k + 1]) && qualifier(d, x);
            let after_place = k > a && is_place(&items[k - 1]) && place_suffix(d, x).is_some();
            let before_title = k + 1 < b
                && items[k + 1].class == Class::Title
                && x.end - x.first == 1
                && self.rules.title_modifier.contains_lower(d.tok(x.first));
            if !(before_place || after_place || before_title) {
                unexplained = true;
            }
        }
        // A place after `of`/`for` that follows a capitalised name (`Bank of Canada`).
        let of_name = a == chunk_start && self.follows_of_name(d, items, a);
        let mut k = a;
        while k < b {
            let x = items[k];
            match x.class {
                Class::Title | Class::Person if facility => {}
                Class::Title | Class::Org | Class::Person => {
                    self.emit_gazetteer(d, si, &x, found);
                }
                // A country before an organisation is that organisation's country
                // (`U.S. Justice Department`, `North Korean Red Cross`).
                Class::Country
                    if !unexplained
                        && k + 1 < b
                        && items[k + 1].class == Class::Org
                        && items[k + 1].first == x.end =>
                {
                    let country = self.gazetteer.entry(x.entry.unwrap_or_default());
                    let org = self.gazetteer.entry(items[k + 1].entry.unwrap_or_default());
                    let span = Span::new(
                        d.tokens[x.first].span().start,
                        d.tokens[items[k + 1].end - 1].span().end,
                    );
                    let ctext =
                        &d.text[d.tokens[x.first].span().start..d.tokens[x.end - 1].span().end];
                    found.push(Found {
                        e: Entity {
                            span,
                            kind: EntityType::Organization,
                            sentence: si,
                            canonical: Cow::Owned(format!("{ctext} {}", org.canonical())),
                            key: None,
                            country: country.country(),
                            how: How::Rule,
                            timex: None,
                        },
                        m: None,
                        yields_to_person: false,
                    });
                    k += 1;
                }
                Class::Country | Class::Place => {
                    let entry = self.gazetteer.entry(x.entry.unwrap_or_default());
                    // A demonym opening a name keeps its country (`Iraqi Security Forces`).
                    let leading_demonym =
                        k == a && entry.has(flags::DEMONYM) && !entry.has(flags::PLURAL);
                    if (unexplained && !leading_demonym) || of_name {
                        k += 1;
                        continue;
                    }
                    // Widen: a qualifier before, a place word after.
                    let mut span = Span::new(
                        d.tokens[x.first].span().start,
                        d.tokens[x.end - 1].span().end,
                    );
                    let mut widened = None;
                    if k > a && qualifier(d, &items[k - 1]) && !entry.has(flags::DEMONYM) {
                        span.start = d.tokens[items[k - 1].first].span().start;
                        widened = Some(if entry.kind() == EntityType::Country {
                            EntityType::Region
                        } else {
                            entry.kind()
                        });
                    }
                    if k + 1 < b {
                        if let Some(kind) = place_suffix(d, &items[k + 1]) {
                            if !entry.has(flags::DEMONYM) {
                                span.end = d.tokens[items[k + 1].end - 1].span().end;
                                widened = Some(kind);
                                k += 1;
                            }
                        }
                    }
                    if let Some(kind) = widened.filter(|_| !entry.has(flags::GEOGRAPHIC)) {
                        found.push(Found {
                            e: Entity {
                                span,
                                kind,
                                sentence: si,
                                canonical: Cow::Owned(normalize_space(&d.text[span])),
                                key: None,
                                country: entry.country(),
                                how: How::Rule,
                                timex: None,
                            },
                            m: None,
                            yields_to_person: false,
                        });
                    } else {
                        self.emit_gazetteer(d, si, &x, found);
                    }
                }
                _ => {}
            }
            k += 1;
        }
    }

    /// True when item `k` follows `of`/`for` (`the`) right after a capitalised word that is no
    /// title, person or place: `Bank of Canada`, `Commission for Africa`.
    fn follows_of_name(&self, d: &Doc<'_, '_>, items: &[Item], k: usize) -> bool {
        let first = items[k].first;
        let mut j = first;
        if j > 0 && d.tok(j - 1).eq_ignore_ascii_case("the") {
            j -= 1;
        }
        if j == 0 || !self.rules.org_connector.contains(d.tok(j - 1)) {
            return false;
        }
        let before = j - 1;
        if before == 0 || k == 0 {
            return false;
        }
        let prev = &items[k - 1];
        prev.end == before
            && prev.member
            && !prev.person
            && prev.is_word_like()
            && prev.w & word::COMMON != 0
    }

    /// Pushes a gazetteer item as an entity, after the ambiguity checks.
    fn emit_gazetteer<'a>(
        &'a self,
        d: &mut Doc<'_, '_>,
        si: usize,
        x: &Item,
        found: &mut Vec<Found<'a>>,
    ) {
        let Some(id) = x.entry else { return };
        let e = self.gazetteer.entry(id);
        if e.kind() == EntityType::Title && e.has(flags::HONORIFIC) || e.has(flags::GEOGRAPHIC) {
            return;
        }
        let span = Span::new(
            d.tokens[x.first].span().start,
            d.tokens[x.end - 1].span().end,
        );
        let one = x.end - x.first == 1;
        let mut yields = false;
        if matches!(
            e.kind(),
            EntityType::Country | EntityType::City | EntityType::Region
        ) && one
        {
            let ambiguous = e.has(flags::AMBIGUOUS);
            let named = x.w & (word::GIVEN | word::SURNAME) != 0;
            if ambiguous
                && e.kind() != EntityType::Country
                && x.w & word::COMMON != 0
                && !self.place_evidence(d, x)
            {
                // `Nice`, `Reading`, `Split`, `Mobile`: a place only where a place is expected.
                return;
            }
            if ambiguous || (named && e.kind() != EntityType::Country) {
                yields = true;
                // A place that speaks is a person (`Davis said`), unless it stands for a
                // government (`Washington said`) or is a country.
                if e.kind() != EntityType::Country
                    && !e.has(flags::METONYM)
                    && named
                    && self.speech_after(d, x.end)
                    && !self.place_evidence(d, x)
                {
                    return;
                }
            }
        }
        found.push(Found {
            e: entity_from(e, span, si),
            m: x.m,
            yields_to_person: yields,
        });
    }

    /// Evidence that a one-word name is a place here: a locative preposition before it,
    /// `, <place>` after it, or a dateline.
    fn place_evidence(&self, d: &mut Doc<'_, '_>, x: &Item) -> bool {
        let i = x.first;
        let t = d.tokens[i];
        let s = t.sentence as usize;
        if i > 0 && d.tokens[i - 1].sentence == t.sentence {
            let p = d.tok(i - 1);
            if self.rules.locative.contains_lower(p) {
                return true;
            }
        } else if d.tokens.get(x.end).is_some_and(|n| {
            n.sentence as usize == s && (n.kind == TokenKind::Number || n.kind == TokenKind::Punct)
        }) {
            // Opening a line followed by a date or a dash: a dateline (`NICE 1996-08-30`).
            let end = x.end;
            if d.tokens[end].kind == TokenKind::Number || d.tok(end) == "-" || d.tok(end) == "," {
                return true;
            }
        }
        if d.is_punct(x.end, ",") {
            if let Some(w) = d.tokens.get(x.end + 1).and_then(|_| d.lookup(x.end + 1)) {
                let n = x.end + 1;
                if let Some(m) = self.gazetteer.match_word_at(
                    d.text,
                    d.tokens,
                    n,
                    d.tokens.len(),
                    CaseContext::Normal,
                    w,
                ) {
                    return self
                        .gazetteer
                        .accepted(&m)
                        .any(|e| matches!(e.kind(), EntityType::Country | EntityType::Region));
                }
            }
        }
        false
    }

    fn speech_after(&self, d: &Doc<'_, '_>, i: usize) -> bool {
        d.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word && self.rules.speech.contains(d.tok(i)))
    }

    /// Places of several countries (`Georgia`): the entry whose country the rest of the
    /// document mentions most.
    #[inline(never)]
    fn resolve_by_votes<'a>(&'a self, found: &mut [Found<'a>]) {
        if !found.iter().any(|f| f.m.is_some()) {
            return;
        }
        let mut votes: FxHashMap<Iso3, u32> = FxHashMap::default();
        for f in found.iter().filter(|f| f.m.is_none()) {
            if let Some(c) = f.e.country {
                *votes.entry(c).or_default() += 1;
            }
        }
        for f in found.iter_mut() {
            let Some(m) = f.m else { continue };
            let current =
                f.e.country
                    .map_or(0, |c| votes.get(&c).copied().unwrap_or(0));
            let best = self
                .gazetteer
                .accepted(&m)
                .filter(|e| e.kind() != EntityType::Title)
                .max_by_key(|e| {
                    (
                        e.country()
                            .map_or(0, |c| votes.get(&c).copied().unwrap_or(0)),
                        priority(e),
                    )
                });
            if let Some(e) = best {
                let v = e
                    .country()
                    .map_or(0, |c| votes.get(&c).copied().unwrap_or(0));
                if v > current {
                    let how = f.e.how;
                    f.e = Entity {
                        how,
                        ..entity_from(e, f.e.span, f.e.sentence)
                    };
                }
            }
        }
    }

    /// Document level: a name part of a person found in full names that person where it
    /// stands alone (`Lebed`, `Li`, `JOHNSON` in an all-caps headline).
    #[inline(never)]
    fn propagate<'a>(
        &'a self,
        d: &mut Doc<'_, '_>,
        a: &Analysis<'a>,
        entities: &mut Vec<Entity<'a>>,
        yielding: &mut [bool],
    ) {
        let text = d.text;
        // Short forms → entity index of the full name, one row per (form, entity). A form in
        // the vocabulary is keyed by its word (every capitalised word token carries it from the
        // lookup pass), another by its lowercase text; the two never hold the same word.
        let mut by_id: Vec<(WordId, usize)> = Vec::new();
        let mut by_text: Vec<(String, usize)> = Vec::new();
        // One bit per word id modulo 64: the quick reject of a token with a vocabulary word.
        let mut id_mask = 0u64;
        for (ei, e) in entities.iter().enumerate() {
            if e.kind != EntityType::Person || e.how == How::Coreference {
                continue;
            }
            let (Some(first), Some(last)) = (first_token_of(a, e.span), last_token_of(a, e.span))
            else {
                continue;
            };
            // The capitalised words of the name: the first and the last, if there are two.
            let mut name_tokens = (first..=last)
                .filter(|&t| d.tokens[t].kind == TokenKind::Word && d.tokens[t].is_cap());
            let (Some(name_first), Some(name_last)) = (name_tokens.next(), name_tokens.next_back())
            else {
                continue;
            };
            let family_first = e
                .country
                .is_some_and(|c| self.rules.surname_first.contains(&c))
                || d.wflags(first) & word::FAMILY_FIRST != 0 && d.wflags(first) & word::COMMON == 0;
            let forms = [Some(name_last), family_first.then_some(name_first)];
            for t in forms.into_iter().flatten() {
                let w = d.tok(t);
                if self
                    .rules
                    .name_suffix
                    .contains_lower(w.trim_end_matches('.'))
                {
                    continue;
                }
                match d.info[t] {
                    Some(wi) => by_id.push((wi.id, ei)),
                    None => by_text.push((lc(w).to_string(), ei)),
                }
            }
        }
        if by_id.is_empty() && by_text.is_empty() {
            return;
        }
        // One row per (form, canonical name): the first in the document. Rows sorted by form
        // (stable: document order within a form), so that a token finds its form's rows by
        // binary search, in time that does not grow with the number of names in the document.
        let same = |x: usize, y: usize| entities[x].canonical == entities[y].canonical;
        group_forms(&mut by_id, same);
        group_forms(&mut by_text, same);
        for &(id, _) in &by_id {
            id_mask |= 1 << (id.index() % 64);
        }
        // Quick reject by (first byte, length) before comparing a token's text.
        let mut shape = [0u64; 32];
        for (k, _) in &by_text {
            let b = k.as_bytes();
            shape[(b[0] & 31) as usize] |= 1 << b.len().min(63);
        }
        let mut new: Vec<(usize, Entity<'a>)> = Vec::new();
        let mut replace: Vec<(usize, Entity<'a>)> = Vec::new();
        let mut lbuf = String::new();
        let mut cands: Vec<usize> = Vec::new();
        // Capitalised tokens are all among the positions of the lookup pass.
        for &p in &d.pos {
            let ti = (p >> 1) as usize;
            let t = &d.tokens[ti];
            if t.kind != TokenKind::Word || !t.is_cap() {
                continue;
            }
            let info = d.info[ti];
            match info {
                Some(wi) => {
                    if id_mask & (1 << (wi.id.index() % 64)) == 0 {
                        continue;
                    }
                }
                None => {
                    if by_text.is_empty() {
                        continue;
                    }
                    let w = &text[t.span()];
                    let b0 = w.as_bytes()[0].to_ascii_lowercase();
                    if shape[(b0 & 31) as usize] & (1 << w.len().min(63)) == 0
                        && crate::gazetteer::is_ascii_word(w.as_bytes())
                    {
                        continue;
                    }
                }
            }
            let s = t.sentence as usize;
            let kind = a.sentences[s].kind;
            if kind == SegmentKind::Header || kind == SegmentKind::Tag {
                continue;
            }
            let caps = d.caps[s];
            if !caps && t.has(tokflags::UPPER) && t.span().len() > 1 {
                continue;
            }
            cands.clear();
            match info {
                Some(wi) => cands.extend(form_rows(&by_id, |k| k.cmp(&wi.id))),
                None => {
                    let l = crate::gazetteer::lower(&text[t.span()], &mut lbuf);
                    cands.extend(form_rows(&by_text, |k| k.as_str().cmp(l)));
                }
            }
            if cands.is_empty() {
                continue;
            }
            // Who holds the token now.
            let idx = entities.partition_point(|e| e.span.end <= t.span().start);
            let holder = entities
                .get(idx)
                .filter(|e| e.span.overlaps(t.span()))
                .map(|_| idx);
            if let Some(h) = holder {
                let e = &entities[h];
                let one_token = e.span == t.span();
                if !(one_token && yielding[h] && e.kind != EntityType::Person) {
                    continue;
                }
            }
            // A capitalised word right after makes it part of another name (`Li Keqiang`),
            // except in all-caps lines.
            let cap_next = |j: usize| {
                d.tokens.get(j).is_some_and(|n| {
                    n.sentence == t.sentence
                        && n.kind == TokenKind::Word
                        && n.is_cap()
                        && !self.not_name(d, j)
                })
            };
            if !caps
                && (cap_next(ti + 1)
                    || (ti > 0 && cap_next(ti - 1) && !self.sentence_start(d, a, ti - 1)))
            {
                continue;
            }
            let pick = cands
                .iter()
                .copied()
                .filter(|&c| entities[c].span.end <= t.span().start)
                .max_by_key(|&c| entities[c].span.start)
                .or_else(|| {
                    cands
                        .iter()
                        .copied()
                        .min_by_key(|&c| entities[c].span.start)
                });
            let Some(c) = pick else { continue };
            let full = &entities[c];
            let e = Entity {
                span: t.span(),
                kind: EntityType::Person,
                sentence: s,
                canonical: full.canonical.clone(),
                key: full.key.clone(),
                country: full.country,
                how: How::Coreference,
                timex: None,
            };
            match holder {
                Some(h) => replace.push((h, e)),
                None => new.push((idx, e)),
            }
        }
        for (h, e) in replace {
            entities[h] = e;
            yielding[h] = false;
        }
        if !new.is_empty() {
            let extra: Vec<Entity<'a>> = new.into_iter().map(|(_, e)| e).collect();
            insert_sorted(entities, extra);
        }
    }

    /// True when token `i` is the first word of its sentence.
    fn sentence_start(&self, d: &Doc<'_, '_>, a: &Analysis<'_>, i: usize) -> bool {
        let s = &a.sentences[d.tokens[i].sentence as usize];
        (s.first_token..i).all(|j| d.tokens[j].kind != TokenKind::Word)
    }

    /// `Chinese` + `Defense Ministry` → one ORGANIZATION "Chinese Defense Ministry" with
    /// country CHN.
    #[inline(never)]
    fn merge_generic_orgs<'a>(&self, a: &mut Analysis<'a>) {
        let generic = |e: &Entity<'_>| {
            e.kind == EntityType::Organization
                && e.country.is_none()
                && e.key.as_deref().is_some_and(|k| k.starts_with("generic:"))
        };
        if !a.entities.iter().any(generic) {
            return;
        }
        let text = a.text();
        let mut out: Vec<Entity<'a>> = Vec::with_capacity(a.entities.len());
        for cur in std::mem::take(&mut a.entities) {
            if let Some(prev) = out.last() {
                let generic = generic(&cur);
                let adjacent = prev.sentence == cur.sentence
                    && prev.span.end <= cur.span.start
                    && text[prev.span.end..cur.span.start].trim().is_empty();
                if generic && adjacent && prev.kind == EntityType::Country {
                    let country = prev.country;
                    let span = prev.span.cover(cur.span);
                    let canonical = format!("{} {}", &text[prev.span], cur.canonical);
                    let sentence = cur.sentence;
                    out.pop();
                    out.push(Entity {
                        span,
                        kind: EntityType::Organization,
                        sentence,
                        canonical: Cow::Owned(canonical),
                        key: None,
                        country,
                        how: How::Rule,
                        timex: None,
                    });
                    continue;
                }
            }
            out.push(cur);
        }
        a.entities = out;
    }
}

/// Sorts propagation rows `(form, entity)` by form, keeping document order within a form, and
/// drops a row whose form already has a row for an entity of the same name (`same`).
fn group_forms<K: Ord>(rows: &mut Vec<(K, usize)>, same: impl Fn(usize, usize) -> bool) {
    // entity indices grow in document order: (form, entity) is the stable order by form
    rows.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    // kept rows are moved to the front, `rows[..kept]`; the current form's start there
    let (mut kept, mut start) = (0, 0);
    for r in 0..rows.len() {
        if kept == 0 || rows[kept - 1].0 != rows[r].0 {
            start = kept;
        }
        let x = rows[r].1;
        if !rows[start..kept].iter().any(|&(_, y)| same(x, y)) {
            rows.swap(kept, r);
            kept += 1;
        }
    }
    rows.truncate(kept);
}

/// The entities of the rows of [`group_forms`]' sorted `rows` whose form compares equal
/// (`cmp(form)` is the form's order against the one looked for).
fn form_rows<'r, K>(
    rows: &'r [(K, usize)],
    cmp: impl Fn(&K) -> std::cmp::Ordering + 'r,
) -> impl Iterator<Item = usize> + 'r {
    let from = rows.partition_point(|r| cmp(&r.0).is_lt());
    rows[from..]
        .iter()
        .take_while(move |r| cmp(&r.0).is_eq())
        .map(|r| r.1)
}

/// `-`, `—` or `–`: the dashes [`inline_dateline`] looks for.
#[inline]
fn is_dash(b: &[u8]) -> bool {
    b == b"-" || b == "—".as_bytes() || b == "–".as_bytes()
}

/// `,`, `.`, `)`, `'` or `’`: punctuation after which a word is not a sentence's first.
#[inline]
fn closing_punct(text: &[u8], span: Span) -> bool {
    match &text[span.start..span.end] {
        [c] => matches!(c, b',' | b'.' | b')' | b'\''),
        s => s == "’".as_bytes(),
    }
}

/// An all-caps dateline inside a sentence (`… Themes WASHINGTON — Former…`,
/// `MOSUL , IRAQ —`): its token range, where title-case gazetteer entries match in capitals.
fn inline_dateline(d: &Doc<'_, '_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let upper = |t: &Token| {
        matches!(t.kind, TokenKind::Word | TokenKind::Abbrev)
            && (t.has(tokflags::UPPER) || t.kind == TokenKind::Abbrev && t.is_cap())
    };
    // Start at the first byte that may begin a dash (`-`, or `—`/`–` in UTF-8).
    let (start, end) = (
        d.tokens.get(from)?.span().start,
        d.tokens.get(to.checked_sub(1)?)?.span().end,
    );
    let dash = start + memchr::memchr2(b'-', 0xE2, d.text.as_bytes().get(start..end)?)?;
    let first = from + d.tokens[from..to].partition_point(|t| t.span().start < dash);
    for i in first..to {
        let t = &d.tokens[i];
        if t.kind != TokenKind::Punct
            || !matches!(d.tok(i), "—" | "–" | "-")
            || !t.has(tokflags::SPACE_BEFORE)
        {
            continue;
        }
        // Walk back over capitals, commas, slashes and periods.
        let mut a = i;
        let mut words = 0;
        while a > from {
            let p = &d.tokens[a - 1];
            if upper(p) {
                words += 1;
            } else if !(p.kind == TokenKind::Punct && matches!(d.tok(a - 1), "," | "/" | ".")) {
                break;
            }
            a -= 1;
        }
        while a < i && d.tokens[a].kind == TokenKind::Punct {
            a += 1;
        }
        if words >= 1
            && d.tokens[a..i]
                .iter()
                .any(|t| t.span().len() >= 3 && upper(t))
        {
            return Some((a, i));
        }
    }
    None
}

/// Most words of the sentence capitalised (lowercase function words and the first word aside):
/// a headline. Called only for sentences that pass the cheap bound of the lookup pass
/// ([`Doc::title_bound`]).
fn title_case(d: &Doc<'_, '_>, from: usize, to: usize, function: &WordSet) -> bool {
    let (mut words, mut caps) = (0, 0);
    let mut first = true;
    for (i, t) in d.tokens[from..to].iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        if std::mem::replace(&mut first, false) {
            continue;
        }
        if t.has(tokflags::LOWER) && function.contains(d.tok(from + i)) {
            continue;
        }
        words += 1;
        if t.is_cap() {
            caps += 1;
        }
    }
    words >= 3 && caps * 100 >= words * 85
}

/// Where capitals say nothing, a word that is also a common word (`Seven`, `BEAT`, `Will`)
/// belongs to a name chunk only as a name word beside a clearly name-like item
/// (`WILL CARLING`).
fn settle_members(items: &mut [Item]) {
    let strong = |x: &Item| {
        x.member
            && match x.class {
                Class::Given | Class::Unknown | Class::Initial | Class::Person => true,
                Class::Surname | Class::Place => {
                    (x.class == Class::Surname || !x.weak_pos) && x.w & word::COMMON == 0
                }
                _ => false,
            }
    };
    for k in 0..items.len() {
        let x = items[k];
        if !(x.weak_pos & x.is_word_like() & (x.w & word::COMMON != 0)) {
            continue;
        }
        let name_word = x.w & (word::GIVEN | word::SURNAME) != 0;
        let beside = (k > 0 && items[k - 1].end == x.first && strong(&items[k - 1]))
            || (k + 1 < items.len() && items[k + 1].first == x.end && strong(&items[k + 1]));
        items[k].member = name_word && beside;
    }
}

/// A name particle item at token `i`.
fn particle_item(i: usize) -> Item {
    Item {
        first: i,
        end: i + 1,
        class: Class::Particle,
        entry: None,
        m: None,
        w: word::PARTICLE,
        member: true,
        weak_pos: false,
        person: false,
    }
}

/// [`class_of_word`] as a table indexed by the GIVEN, SURNAME and COMMON bits (looked up without
/// branches).
const WORD_CLASS: [Class; 16] = {
    let mut t = [Class::Unknown; 16];
    let mut k = 0;
    while k < 16 {
        t[k] = class_of_word_bits(k as u16);
        k += 1;
    }
    t
};

fn class_of_word(w: u16) -> Class {
    const BITS: u16 = word::GIVEN | word::SURNAME | word::COMMON;
    const _: () = assert!(BITS < 16);
    WORD_CLASS[usize::from(w & BITS)]
}

const fn class_of_word_bits(w: u16) -> Class {
    if w & word::GIVEN != 0 {
        if w & word::COMMON != 0 {
            Class::WeakGiven
        } else {
            Class::Given
        }
    } else if w & word::SURNAME != 0 {
        Class::Surname
    } else if w & word::COMMON != 0 {
        Class::Common
    } else {
        Class::Unknown
    }
}

fn entity_from<'a>(e: EntryRef<'a>, span: Span, sentence: usize) -> Entity<'a> {
    Entity {
        span,
        kind: e.kind(),
        sentence,
        canonical: Cow::Borrowed(e.canonical()),
        key: e.key().map(Cow::Borrowed),
        country: e.country(),
        how: if e.from_patterns() {
            How::Pattern
        } else {
            How::Gazetteer
        },
        timex: None,
    }
}

/// `s.to_lowercase()` without a heap allocation for short ASCII words.
enum Lc {
    Stack([u8; 48], usize),
    Heap(String),
}

impl std::ops::Deref for Lc {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        match self {
            // Lowercased ASCII bytes of a `&str`: valid UTF-8.
            Lc::Stack(b, n) => std::str::from_utf8(&b[..*n]).unwrap_or_default(),
            Lc::Heap(s) => s,
        }
    }
}

#[inline]
fn lc(s: &str) -> Lc {
    let b = s.as_bytes();
    if b.len() <= 48 && b.is_ascii() {
        let mut out = [0u8; 48];
        for (o, c) in out.iter_mut().zip(b) {
            *o = c.to_ascii_lowercase();
        }
        Lc::Stack(out, b.len())
    } else {
        Lc::Heap(s.to_lowercase())
    }
}

fn normalize_space(s: &str) -> String {
    // Most names: single ASCII spaces between words, no other white space (the lead bytes of
    // the non-ASCII white space characters are 0xC2, 0xE1, 0xE2 and 0xE3).
    let b = s.as_bytes();
    if b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b
            .iter()
            .any(|&c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1..=0xE3))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A person's canonical name: single spaces; an all-caps name in title case (`ROBERTO DURAN`
/// → `Roberto Duran`).
fn normalize_name(s: &str, tokens: &[Token], first: usize) -> String {
    let n = normalize_space(s);
    if tokens[first].has(tokflags::UPPER) && !n.chars().any(char::is_lowercase) {
        let mut out = String::with_capacity(n.len());
        let mut start = true;
        for c in n.chars() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = !c.is_alphanumeric() && c != '\'' && c != '’';
        }
        return out;
    }
    n
}

/// Index of the first token starting at or after `span.start`.
pub(crate) fn first_token_of(a: &Analysis<'_>, span: Span) -> Option<usize> {
    let i = a.tokens.partition_point(|t| t.span().start < span.start);
    (i < a.tokens.len() && a.tokens[i].span().start < span.end).then_some(i)
}

/// Index of the last token ending at or before `span.end`.
pub(crate) fn last_token_of(a: &Analysis<'_>, span: Span) -> Option<usize> {
    let i = a.tokens.partition_point(|t| t.span().end <= span.end);
    (i > 0 && a.tokens[i - 1].span().end > span.start).then(|| i - 1)
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
    merge_sorted(entities, new);
}

/// Merges `new` entities, sorted by start and overlapping neither each other nor the old ones,
/// into the list (what [`insert_sorted`] does once it has sorted and filtered them; the date
/// stage finds its dates so).
pub(crate) fn merge_sorted<'a>(entities: &mut Vec<Entity<'a>>, new: Vec<Entity<'a>>) {
    if new.is_empty() {
        return;
    }
    if !entities.is_sorted_by_key(|e| e.span.start) {
        entities.extend(new);
        entities.sort_by_key(|e| e.span.start);
        return;
    }
    // Both lists are sorted: merge them, an old entity before a new one at the same start, as
    // the stable sort of the old followed by the new would order them, into one allocation of
    // the final size, moving each entity once.
    let mut merged = Vec::with_capacity(entities.len() + new.len());
    let mut old = std::mem::take(entities).into_iter();
    for n in new {
        let before = old
            .as_slice()
            .partition_point(|o| o.span.start <= n.span.start);
        merged.extend(old.by_ref().take(before));
        merged.push(n);
    }
    merged.extend(old);
    *entities = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn propagation_rows_grouped_by_form_first_of_each_name() {
        // rows (form, entity) in document order; entities 0 and 2 have the same name
        let name = ["Li Shangfu", "Li Keqiang", "Li Shangfu", "Sergey Shoigu"];
        let same = |x: usize, y: usize| name[x] == name[y];
        let mut rows: Vec<(String, usize)> = [("li", 0), ("shoigu", 3), ("li", 1), ("li", 2)]
            .iter()
            .map(|&(f, e)| (f.to_string(), e))
            .collect();
        group_forms(&mut rows, same);
        let rows_of = |f: &str| form_rows(&rows, |k| k.as_str().cmp(f)).collect::<Vec<_>>();
        assert_eq!(rows_of("li"), [0, 1]);
        assert_eq!(rows_of("shoigu"), [3]);
        assert!(rows_of("ma").is_empty() && rows_of("a").is_empty() && rows_of("z").is_empty());
    }

    #[test]
    fn normalize_space_fast_path_sees_every_white_space() {
        // The fast path of `normalize_space` knows white space by its first byte.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let b = c.to_string().into_bytes();
                assert!(
                    matches!(
                        b[0],
                        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1..=0xE3
                    ),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        for (s, want) in [
            ("Li Keqiang", "Li Keqiang"),
            ("Li  Keqiang", "Li Keqiang"),
            ("Li\nKeqiang", "Li Keqiang"),
            ("Li\u{a0}Keqiang", "Li Keqiang"),
            ("Zürich", "Zürich"),
            ("São\u{2009}Paulo", "São Paulo"),
        ] {
            assert_eq!(normalize_space(s), want);
        }
    }
}
