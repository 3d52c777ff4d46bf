//! Gazetteers: dictionaries of names (countries, cities, regions, people, titles,
//! organisations) and word lexicons (given names, surnames, common English words), loaded from
//! TSV files and matched as token sequences.
//!
//! Every entry is tokenised with the article tokeniser, so matches always fall on token
//! boundaries. All surface forms share one vocabulary of lowercased words: looking a token up
//! is one hash probe, which also tells the person-name rules whether the word is a given name,
//! a surname or a common English word ([`word`] flags). A match starting at a token compares
//! the following tokens with the phrases that start with its word, longest first, and keeps the
//! entries whose case policy accepts the text.
//!
//! Building is allocation-light (one string arena, no per-entry allocation): the embedded
//! default gazetteers, about 90,000 rows, compile in a few tens of milliseconds.
//!
//! Gazetteer files (UTF-8, tab-separated, `#` comments, a header line, no quoting):
//!
//! ```text
//! text<TAB>type<TAB>canonical<TAB>key<TAB>country<TAB>case<TAB>flags<TAB>source
//! Russia<TAB>COUNTRY<TAB>Russia<TAB>RUS<TAB>RUS<TAB>title<TAB><TAB>iso-codes@4.15.0
//! ```
//!
//! Word lexicons have a `kind` column instead of `type`:
//!
//! ```text
//! text<TAB>kind<TAB>culture<TAB>source
//! Shangfu<TAB>given<TAB>zh<TAB>https://…
//! ```
//!
//! ```
//! use newsfacts::gazetteer::{CaseContext, Gazetteer};
//! use newsfacts::model::EntityType;
//!
//! let mut g = Gazetteer::new();
//! g.add_file("my.tsv", "text\ttype\tcanonical\tkey\tcountry\tcase\n\
//!                       New York\tCITY\tNew York City\tnyc\tUSA\ttitle\n", false)?;
//! let text = "He flew to New York.";
//! let mut tokens = Vec::new();
//! newsfacts::tokenize::tokenize_span(text, newsfacts::Span::new(0, text.len()), 0, &mut tokens);
//! let m = g.match_at(text, &tokens, 3, tokens.len(), CaseContext::Normal, &mut String::new()).unwrap();
//! assert_eq!((m.first, m.len), (3, 2));
//! let e = g.accepted(&m).next().unwrap();
//! assert_eq!((e.kind(), e.canonical(), e.country().unwrap().as_str()), (EntityType::City, "New York City", "USA"));
//! # Ok::<(), newsfacts::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::model::{tokflags, EntityType, Iso3, Token, TokenKind};
use crate::span::Span;
use crate::tokenize::tokenize_span;
use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// How a gazetteer entry may differ in case from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CasePolicy {
    /// Only exactly as written (`US`, `PRC`).
    Exact,
    /// As written, or in ALL CAPS inside an all-caps headline or dateline.
    Title,
    /// Any case (`spokesman`, `Defense Minister`).
    Fold,
}

/// Entry flags (bit set), from the `flags` column.
pub mod flags {
    /// Also a common word or a person's name: needs context.
    pub const AMBIGUOUS: u16 = 1;
    /// A capital standing for its government.
    pub const METONYM: u16 = 2;
    /// A former name still in use.
    pub const FORMER: u16 = 4;
    /// A demonym (`Russian`).
    pub const DEMONYM: u16 = 8;
    /// A plural demonym (`Russians`).
    pub const PLURAL: u16 = 16;
    /// An alias.
    pub const ALIAS: u16 = 32;
    /// An abbreviation.
    pub const ABBREV: u16 = 64;
    /// A capital city.
    pub const CAPITAL: u16 = 128;
    /// A surname alone standing for a person.
    pub const SURNAME: u16 = 256;
    /// An honorific (`Mr.`, `Dr.`) introducing a name.
    pub const HONORIFIC: u16 = 512;
    /// A generic organisation head (`Defense Ministry`) that takes a country before it.
    pub const GENERIC: u16 = 1024;
    /// A continent, world region, sea, strait or peninsula: not a political place. Matched (so
    /// `Latin America` is not `America`) but not an entity.
    pub const GEOGRAPHIC: u16 = 2048;
    /// The names of the flags, as written in files.
    pub const NAMES: &[(&str, u16)] = &[
        ("ambiguous", AMBIGUOUS),
        ("metonym", METONYM),
        ("former", FORMER),
        ("demonym", DEMONYM),
        ("plural", PLURAL),
        ("alias", ALIAS),
        ("abbrev", ABBREV),
        ("capital", CAPITAL),
        ("surname", SURNAME),
        ("honorific", HONORIFIC),
        ("generic", GENERIC),
        ("geographic", GEOGRAPHIC),
    ];
}

/// What the word lexicons say about a (lowercased) word: bits of [`WordInfo::flags`].
pub mod word {
    /// A given name (`given` rows).
    pub const GIVEN: u16 = 1;
    /// A surname (`surname` rows).
    pub const SURNAME: u16 = 2;
    /// A surname particle written lowercase inside names (`van`, `de`, `bin`, `al`).
    pub const PARTICLE: u16 = 4;
    /// A common English word in lowercase (`common` rows): `Bill` and `Reading` are also words.
    pub const COMMON: u16 = 8;
    /// A Mandarin syllable (`given` rows of culture `zh-pinyin`).
    pub const PINYIN: u16 = 16;
    /// A surname of a culture that writes the family name first (Chinese, Korean, Vietnamese).
    pub const FAMILY_FIRST: u16 = 32;
    /// Some gazetteer phrase starts with this word.
    pub const STARTS: u16 = 1 << 14;
    /// Some gazetteer phrase starting with this word accepts a lowercase or uncased first token.
    pub const LOWER_START: u16 = 1 << 15;
}

/// A word of the gazetteer's vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WordId(u32);

impl WordId {
    /// The word's index in the vocabulary (below [`Gazetteer::vocabulary_len`]).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What the gazetteer knows about a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordInfo {
    /// The word.
    pub id: WordId,
    /// [`word`] bits.
    pub flags: u16,
}

impl WordInfo {
    /// True when any of the [`word`] bits is set.
    #[inline]
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// A string in the arena.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Str {
    start: u32,
    len: u32,
}

#[derive(Clone, Debug)]
struct Word {
    s: Str,
    flags: u16,
    /// The one-word phrase of this word, if any.
    single: Option<u32>,
    /// The phrases of several words that start with this word (see `Gazetteer::pairs`): a bit
    /// set over the shapes of their second words ([`second_bit`]); 0 when there is none.
    second: u32,
}

/// The bit of a phrase's second word (its lowercase bytes) in `Word::second`, from its first
/// byte and length: a token that is ASCII (so lowercases to ASCII bytes of the same length)
/// and whose bit is not set cannot be the second word of a phrase, and is not looked up.
#[inline]
fn second_bit(l: &[u8]) -> u32 {
    let x = u32::from(l.first().copied().unwrap_or(0)) | (l.len().min(255) as u32) << 8;
    1 << (x.wrapping_mul(0x9E37_79B1) >> 27)
}

#[derive(Clone, Debug)]
struct Phrase {
    /// Range of `phrase_words`.
    words: Str,
    /// Entries with this lowercased token sequence, in load order.
    entries: Vec<u32>,
}

#[derive(Clone, Debug)]
struct Entry {
    kind: EntityType,
    country: Option<Iso3>,
    case: CasePolicy,
    flags: u16,
    text: Str,
    canonical: Str,
    key: Option<Str>,
    /// Range of `tok_spans`.
    tokens: Str,
    file: u32,
    line: u32,
}

/// One gazetteer entry (one surface form), borrowed from its [`Gazetteer`].
#[derive(Clone, Copy, Debug)]
pub struct EntryRef<'g> {
    g: &'g Gazetteer,
    id: u32,
    e: &'g Entry,
}

impl<'g> EntryRef<'g> {
    /// The entry's id (stable for the gazetteer's life).
    pub fn id(&self) -> u32 {
        self.id
    }
    /// Entity type.
    pub fn kind(&self) -> EntityType {
        self.e.kind
    }
    /// Surface form as written in the file.
    pub fn text(&self) -> &'g str {
        self.g.s(self.e.text)
    }
    /// Canonical name.
    pub fn canonical(&self) -> &'g str {
        self.g.s(self.e.canonical)
    }
    /// Stable id (ISO alpha-3, `geonames:…`, Wikidata id, slug).
    pub fn key(&self) -> Option<&'g str> {
        self.e.key.map(|k| self.g.s(k))
    }
    /// Country.
    pub fn country(&self) -> Option<Iso3> {
        self.e.country
    }
    /// Case policy.
    pub fn case(&self) -> CasePolicy {
        self.e.case
    }
    /// [`flags`] bits.
    pub fn flags(&self) -> u16 {
        self.e.flags
    }
    /// True when the flag bit is set.
    #[inline]
    pub fn has(&self, flag: u16) -> bool {
        self.e.flags & flag != 0
    }
    /// Number of tokens of the surface form.
    pub fn len(&self) -> usize {
        self.e.tokens.len as usize
    }
    /// Always false: entries without tokens are refused.
    pub fn is_empty(&self) -> bool {
        self.e.tokens.len == 0
    }
    /// Token `k` of the surface form.
    pub fn token(&self, k: usize) -> &'g str {
        let (a, b) = self.g.tok_spans[self.e.tokens.start as usize + k];
        &self.g.arena[a as usize..b as usize]
    }
    /// True for an entry read from a spaCy EntityRuler pattern file.
    pub fn from_patterns(&self) -> bool {
        self.g.files[self.e.file as usize].ends_with(".jsonl")
    }
    /// `file:line` the entry came from.
    pub fn origin(&self) -> String {
        format!("{}:{}", self.g.files[self.e.file as usize], self.e.line)
    }
}

/// A gazetteer match: the phrase of `len` tokens from token `first`; [`Gazetteer::accepted`]
/// lists the entries whose case policy accepts the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// First token index.
    pub first: usize,
    /// Number of tokens.
    pub len: usize,
    phrase: u32,
    /// Bit k: the phrase's entry k accepts the text (the first 64 entries of a phrase).
    accepted: u64,
}

/// Where case-insensitive title matching is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseContext {
    /// Ordinary running text.
    Normal,
    /// An all-caps headline or a wire dateline: `CHINA`, `MOSCOW` match title entries.
    AllCaps,
}

/// A compiled set of gazetteer entries and word lexicons.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    arena: String,
    files: Vec<Box<str>>,
    entries: Vec<Entry>,
    removed: Vec<bool>,
    live: usize,
    tok_spans: Vec<(u32, u32)>,
    words: Vec<Word>,
    vocab: Vocab,
    /// Words with [`word::LOWER_START`]: a small table probed for every lowercase token.
    lower_vocab: Vocab,
    phrases: Vec<Phrase>,
    phrase_words: Vec<u32>,
    /// (first word, second word) → phrases of several words, longest first.
    pairs: rustc_hash::FxHashMap<(u32, u32), Vec<u32>>,
    /// Bit set over (first four bytes, length) of lowercase-start words ([`lower_filter_bit`]):
    /// rejects most lowercase tokens without hashing them; `None` while there is none.
    lower_filter: Option<Box<[u64; LOWER_FILTER_BITS / 64]>>,
    scratch: Vec<Token>,
}

const LOWER_FILTER_BITS: usize = 1 << 15;

/// A table of words (lowercase bytes → index in `Gazetteer::words`). A slot holds the word's
/// first 16 bytes, its length and its [`word`] flags, so that a probe compares most words
/// without reading the arena and a lookup reads no other memory.
#[derive(Clone, Debug, Default)]
struct Vocab(HashTable<Slot>);

#[derive(Clone, Copy, Debug)]
struct Slot {
    /// Bytes 0..8 and 8..16 of the word, zero-padded ([`head_tail`]).
    head: u64,
    tail: u64,
    id: u32,
    /// The length in bytes, `u16::MAX` for longer words (compared in full then).
    len: u16,
    /// A copy of `Word::flags` (see `Gazetteer::sync_slots`).
    flags: u16,
}

/// A word's length as a slot holds it.
#[inline]
fn slot_len(l: &[u8]) -> u16 {
    l.len().min(u16::MAX as usize) as u16
}

/// Bytes 0..8 and 8..16 of a word (zero-padded), as two integers: [`pad16`] for words of up
/// to 16 bytes.
#[inline]
fn head_tail(l: &[u8]) -> (u64, u64) {
    pad16(l).unwrap_or_else(|| {
        let load8 = |at: usize| l[at..at + 8].try_into().map_or(0, u64::from_le_bytes);
        (load8(0), load8(8))
    })
}

/// Words longer than 16 bytes compare their bytes beyond the 16th in the arena.
#[cold]
#[inline(never)]
fn long_eq(stored: &[u8], l: &[u8]) -> bool {
    stored.get(16..) == l.get(16..)
}

impl Vocab {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The id of the word `l` (lowercase bytes); `text` gives a word's bytes by id.
    #[inline]
    fn find<'t>(&self, l: &[u8], text: impl Fn(u32) -> &'t [u8]) -> Option<u32> {
        self.find_slot(l, text).map(|x| x.id)
    }

    /// The slot of the word `l` (lowercase bytes).
    #[inline]
    fn find_slot<'t>(&self, l: &[u8], text: impl Fn(u32) -> &'t [u8]) -> Option<Slot> {
        self.find_hashed(l, key_hash(l), head_tail(l), text)
    }

    /// [`Vocab::find_slot`] with the word's [`key_hash`] and [`head_tail`] already known.
    #[inline]
    fn find_hashed<'t>(
        &self,
        l: &[u8],
        hash: u64,
        (h, t): (u64, u64),
        text: impl Fn(u32) -> &'t [u8],
    ) -> Option<Slot> {
        let len = slot_len(l);
        self.0
            .find(hash, |x| {
                x.head == h
                    && x.tail == t
                    && x.len == len
                    && (l.len() <= 16 || long_eq(text(x.id), l))
            })
            .copied()
    }

    /// Adds word `id`, whose bytes are `l` (not in the table yet).
    fn insert<'t>(&mut self, l: &[u8], id: u32, text: impl Fn(u32) -> &'t [u8]) {
        let (head, tail) = head_tail(l);
        let slot = Slot {
            head,
            tail,
            id,
            len: slot_len(l),
            flags: 0,
        };
        self.0
            .insert_unique(key_hash(l), slot, |x| key_hash(text(x.id)));
    }

    fn reserve<'t>(&mut self, n: usize, text: impl Fn(u32) -> &'t [u8]) {
        self.0.reserve(n, |x| key_hash(text(x.id)));
    }
}

/// The filter bit of a lowercase word: a mix of its first four bytes (zero-padded, [`head4`])
/// and its length, so that a token is tested from one load at its start
/// ([`Gazetteer::lower_start_hint`]).
#[inline]
fn lower_filter_bit(l: &[u8]) -> usize {
    lower_filter_bit4(head4(l), l.len())
}

/// [`lower_filter_bit`] from the word's first four bytes and its length.
#[inline]
fn lower_filter_bit4(head: u32, len: usize) -> usize {
    let x = u64::from(head) | (len as u64) << 32;
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LOWER_FILTER_BITS.trailing_zeros())) as usize
}

/// The first four bytes of a word (zero-padded), as one integer.
#[inline]
fn head4(l: &[u8]) -> u32 {
    let mut b = [0u8; 4];
    let n = l.len().min(4);
    b[..n].copy_from_slice(&l[..n]);
    u32::from_le_bytes(b)
}

/// Tests filter bit `bit` of `filter`.
#[inline]
fn filter_has(filter: &[u64; LOWER_FILTER_BITS / 64], bit: usize) -> bool {
    filter[bit % LOWER_FILTER_BITS / 64] & (1 << (bit % 64)) != 0
}

/// The hash of a word's lowercase bytes in a [`Vocab`]: words of up to 16 bytes (most) from
/// their two zero-padded halves ([`pad16`]), so that a token lowercased eight bytes at a time
/// ([`lower16`]) is hashed without a loop over its bytes; longer ones byte by byte.
#[inline]
fn key_hash(l: &[u8]) -> u64 {
    match pad16(l) {
        Some((lo, hi)) => hash16(lo, hi, l.len()),
        None => hash_bytes(l),
    }
}

/// [`key_hash`] of a word of up to 16 bytes given as its zero-padded halves.
#[inline]
fn hash16(lo: u64, hi: u64, len: usize) -> u64 {
    // A folded 64×64→128-bit multiply (as wyhash and foldhash do): every input bit reaches both
    // the low bits (the bucket) and the high bits (the tag) of the hash.
    let p = u128::from(lo ^ 0x243F_6A88_85A3_08D3)
        * u128::from(hi ^ 0x1319_8A2E_0370_7344 ^ len as u64);
    (p as u64) ^ (p >> 64) as u64
}

/// The bytes of a word of up to 16 bytes as two little-endian integers, zero-padded.
#[inline]
fn pad16(b: &[u8]) -> Option<(u64, u64)> {
    // Two overlapping loads per size class instead of a loop or a copy of variable length
    // (whose branches the processor mispredicts as word lengths vary).
    let n = b.len();
    let load8 = |at: usize| b[at..at + 8].try_into().map_or(0, u64::from_le_bytes);
    let load4 = |at: usize| b[at..at + 4].try_into().map_or(0, u32::from_le_bytes);
    match n {
        0 => Some((0, 0)),
        1..=3 => {
            let lo = u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1));
            Some((lo, 0))
        }
        4..=8 => Some((
            u64::from(load4(0)) | u64::from(load4(n - 4)) << (8 * (n - 4)),
            0,
        )),
        9..=16 => Some((load8(0), load8(n - 8) >> (8 * (16 - n)))),
        _ => None,
    }
}

/// [`pad16`] of the `n` bytes of `text` at `start`: one pair of 8-byte loads masked to the
/// word's length, without the branches on its size class, wherever 16 bytes follow `start`.
#[inline]
fn pad16_at(text: &[u8], start: usize, n: usize) -> Option<(u64, u64)> {
    if n > 16 {
        return None;
    }
    match text.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(b) => {
            let (lo, hi) = b.split_at(8);
            let lo = lo.try_into().map_or(0, u64::from_le_bytes);
            let hi = hi.try_into().map_or(0, u64::from_le_bytes);
            // The low `k` bytes of a u64, for k in 0..=8.
            let mask = |k: usize| ((1u128 << (8 * k)) - 1) as u64;
            Some((lo & mask(n.min(8)), hi & mask(n.saturating_sub(8))))
        }
        None => pad16(text.get(start..start + n)?),
    }
}

/// `b.is_ascii()`, without a loop for words of up to 16 bytes.
#[inline]
pub(crate) fn is_ascii_word(b: &[u8]) -> bool {
    match pad16(b) {
        Some((lo, hi)) => (lo | hi) & 0x8080_8080_8080_8080 == 0,
        None => b.is_ascii(),
    }
}

/// A token of up to 16 ASCII bytes lowercased eight bytes at a time: its padded halves
/// ([`pad16`]) lowercased, and the lowercase bytes in `out`.
#[inline]
fn lower16(s: &str, out: &mut [u8; 16]) -> Option<(u64, u64)> {
    let (lo, hi) = pad16(s.as_bytes())?;
    if (lo | hi) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let (lo, hi) = (
        lo | crate::tokenize::ascii_capitals8(lo) >> 2,
        hi | crate::tokenize::ascii_capitals8(hi) >> 2,
    );
    let (a, b) = out.split_at_mut(8);
    a.copy_from_slice(&lo.to_le_bytes());
    b.copy_from_slice(&hi.to_le_bytes());
    Some((lo, hi))
}

#[inline]
fn hash_bytes(s: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(s);
    h.write_u8(0xff);
    h.finish()
}

/// The bytes of word `w`.
#[inline]
fn word_bytes<'t>(words: &[Word], arena: &'t [u8], w: u32) -> &'t [u8] {
    let s = words[w as usize].s;
    &arena[s.start as usize..(s.start + s.len) as usize]
}

/// Longest ASCII word lowercased on the stack; longer or non-ASCII words go through [`lower`].
const STACK_WORD: usize = 48;

/// `s` lowercased into a stack buffer, when it is ASCII and short: the same bytes [`lower`]
/// gives, without touching a `String`.
#[inline]
fn lower_ascii_stack<'o>(s: &str, out: &'o mut [u8; STACK_WORD]) -> Option<&'o [u8]> {
    let b = s.as_bytes();
    if b.len() > STACK_WORD || !b.is_ascii() {
        return None;
    }
    let out = &mut out[..b.len()];
    for (o, c) in out.iter_mut().zip(b) {
        *o = c.to_ascii_lowercase();
    }
    Some(out)
}

/// The lowercase form of `s`: `s` itself when it is already lowercase ASCII, else written into
/// `buf`.
#[inline]
pub fn lower<'b>(s: &'b str, buf: &'b mut String) -> &'b str {
    let b = s.as_bytes();
    if b.iter().all(|c| !c.is_ascii_uppercase() && c.is_ascii()) {
        return s;
    }
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    buf.as_str()
}

/// Lowercases `s` into `buf` (ASCII fast path); returns the lowercased text.
#[inline]
pub fn lower_into<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    buf.as_str()
}

/// Columns of a TSV table, located by name in its header.
struct Columns {
    idx: Vec<(&'static str, Option<usize>)>,
}

impl Columns {
    fn get<'r>(&self, rec: &[&'r str], name: &str) -> &'r str {
        self.idx
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, i)| *i)
            .and_then(|i| rec.get(i).copied())
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Reads a TSV file row by row (one reused field list): `f(line, fields, columns)`.
fn each_row(
    name: &str,
    content: &str,
    wanted: &[&'static str],
    required: &[&str],
    mut f: impl FnMut(u64, &[&str], &Columns) -> Result<()>,
) -> Result<()> {
    let (cols, lines) = crate::data::tsv_header(name, content, required)?;
    let columns = Columns {
        idx: wanted
            .iter()
            .map(|w| (*w, cols.iter().position(|c| c == w)))
            .collect(),
    };
    let mut fields: Vec<&str> = Vec::with_capacity(cols.len());
    for (line, text) in lines {
        fields.clear();
        fields.extend(crate::data::tsv_fields(text));
        crate::data::check_width(name, line, fields.len(), cols.len())?;
        f(line, &fields, &columns)?;
    }
    Ok(())
}

/// What [`Gazetteer::add_file`] found in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Gazetteer rows (a `type` column).
    Entries,
    /// Word lexicon rows (a `kind` column).
    Lexicon,
    /// spaCy EntityRuler patterns (`.jsonl`).
    Patterns,
}

impl FileKind {
    /// What a file is, by its name (`*.jsonl`) or its header's columns.
    pub fn of(name: &str, content: &str) -> Result<FileKind> {
        if name.ends_with(".jsonl") {
            return Ok(FileKind::Patterns);
        }
        let first = content
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        let has = |c: &str| first.split('\t').any(|h| h.trim() == c);
        if has("type") {
            Ok(FileKind::Entries)
        } else if has("kind") {
            Ok(FileKind::Lexicon)
        } else {
            Err(Error::data(
                name,
                1,
                "neither a gazetteer (columns text, type, canonical, key, country, case, flags, \
                 source) nor a word lexicon (columns text, kind, culture, source)",
            ))
        }
    }
}

/// A word lexicon file read and checked, its words lowercased: what
/// [`Gazetteer::add_lexicon`] adds, made apart from the gazetteer (the pipeline's builder reads
/// the embedded lexicons on one thread while the gazetteer is built on another).
#[derive(Debug)]
pub struct ParsedLexicon {
    /// The file's size (room is made for its words at once).
    bytes: usize,
    /// The rows' lowercase words, one after another.
    words: String,
    /// Per row: the end of its word in `words` and its [`word`] flags.
    rows: Vec<(u32, u16)>,
}

impl ParsedLexicon {
    /// Reads a word lexicon (columns `text`, `kind`, `culture`); an error names the file and
    /// line of the first bad row.
    pub fn parse(name: &str, content: &str) -> Result<ParsedLexicon> {
        let mut p = ParsedLexicon {
            bytes: content.len(),
            words: String::with_capacity(content.len() / 3),
            rows: Vec::with_capacity(content.len() / 30),
        };
        let mut buf = String::new();
        each_row(
            name,
            content,
            &["text", "kind", "culture"],
            &["text", "kind"],
            |line, rec, cols| {
                let text = cols.get(rec, "text");
                if text.is_empty() {
                    return Err(Error::data(name, line, "empty `text`"));
                }
                let mut fl = match cols.get(rec, "kind") {
                    "given" => word::GIVEN,
                    "surname" => word::SURNAME,
                    "particle" => word::PARTICLE,
                    "common" => word::COMMON,
                    other => {
                        return Err(Error::data(
                            name,
                            line,
                            format!("unknown kind `{other}` (given, surname, particle, common)"),
                        ))
                    }
                };
                // only given names and surnames read their cultures (a byte split: most rows
                // hold one short code, for which a `str` split's searcher costs more)
                if fl & (word::GIVEN | word::SURNAME) != 0 {
                    for c in cols.get(rec, "culture").as_bytes().split(|&b| b == b',') {
                        match c.trim_ascii() {
                            b"zh-pinyin" if fl == word::GIVEN => fl |= word::PINYIN,
                            b"zh" | b"zh-cn" | b"zh-tw" | b"ko" | b"vi" | b"vi-vn"
                                if fl == word::SURNAME =>
                            {
                                fl |= word::FAMILY_FIRST
                            }
                            _ => {}
                        }
                    }
                }
                p.words.push_str(lower(text, &mut buf));
                let end = u32::try_from(p.words.len())
                    .map_err(|_| Error::data(name, line, "the lexicon is larger than 4 GiB"))?;
                p.rows.push((end, fl));
                Ok(())
            },
        )?;
        Ok(p)
    }
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    #[inline]
    fn s(&self, s: Str) -> &str {
        &self.arena[s.start as usize..(s.start + s.len) as usize]
    }

    fn put(&mut self, s: &str) -> Str {
        let start = self.arena.len() as u32;
        self.arena.push_str(s);
        Str {
            start,
            len: s.len() as u32,
        }
    }

    /// Adds a file by its name and header: `*.jsonl` is a spaCy EntityRuler pattern file, a TSV
    /// with a `type` column holds gazetteer rows (with `replace`, rows whose text and type are
    /// already present replace the earlier ones: user files override the defaults), a TSV with
    /// a `kind` column is a word lexicon. Returns what the file was and how many rows it added.
    pub fn add_file(
        &mut self,
        name: &str,
        content: &str,
        replace: bool,
    ) -> Result<(FileKind, usize)> {
        let r = self.add_file_unsynced(name, content, replace);
        self.sync_slots();
        r
    }

    /// [`Gazetteer::add_file`] without copying the words' flags into their slots: the caller
    /// adds more files, then calls [`Gazetteer::sync_slots`] once (a walk over every slot).
    pub(crate) fn add_file_unsynced(
        &mut self,
        name: &str,
        content: &str,
        replace: bool,
    ) -> Result<(FileKind, usize)> {
        let kind = FileKind::of(name, content)?;
        let n = match kind {
            FileKind::Patterns => self.add_spacy_patterns_rows(name, content)?,
            FileKind::Entries => self.add_tsv_rows(name, content, replace)?,
            FileKind::Lexicon => self.add_lexicon_rows(name, content)?,
        };
        Ok((kind, n))
    }

    /// Copies every word's flags into its slots (after a file is added: lookups read the flags
    /// from the slot).
    pub(crate) fn sync_slots(&mut self) {
        let words = &self.words;
        for x in self.vocab.0.iter_mut() {
            x.flags = words[x.id as usize].flags;
        }
        for x in self.lower_vocab.0.iter_mut() {
            x.flags = words[x.id as usize].flags;
        }
    }

    /// Makes room for the entries and words of a file of `bytes` (one row is roughly 30
    /// bytes).
    fn reserve_bytes(&mut self, bytes: usize) {
        let rows = bytes / 30;
        let (words, arena) = (&self.words, self.arena.as_bytes());
        self.vocab.reserve(rows, |w| word_bytes(words, arena, w));
        self.words.reserve(rows);
        self.arena.reserve(bytes);
    }

    fn file_id(&mut self, name: &str) -> u32 {
        if let Some(i) = self.files.iter().position(|f| &**f == name) {
            return i as u32;
        }
        self.files.push(name.into());
        (self.files.len() - 1) as u32
    }

    /// Adds the rows of a gazetteer TSV. With `replace`, rows whose (text, type) pair is already
    /// present replace the earlier ones (user files override the defaults).
    pub fn add_tsv(&mut self, name: &str, content: &str, replace: bool) -> Result<usize> {
        let r = self.add_tsv_rows(name, content, replace);
        self.sync_slots();
        r
    }

    fn add_tsv_rows(&mut self, name: &str, content: &str, replace: bool) -> Result<usize> {
        let file = self.file_id(name);
        self.reserve_bytes(content.len());
        self.entries.reserve(content.len() / 60);
        let mut added = 0;
        let mut seen: rustc_hash::FxHashSet<(String, EntityType)> = Default::default();
        let r = each_row(
            name,
            content,
            &[
                "text",
                "type",
                "canonical",
                "key",
                "country",
                "case",
                "flags",
            ],
            &["text", "type", "canonical", "key", "country", "case"],
            |line, rec, cols| {
                let err = |m: String| Error::data(name, line, m);
                let text = cols.get(rec, "text");
                if text.is_empty() {
                    return Err(err("empty `text`".into()));
                }
                let ty = cols.get(rec, "type");
                let kind = EntityType::parse(ty)
                    .filter(|k| *k != EntityType::Date)
                    .ok_or_else(|| {
                        err(format!(
                            "unknown type `{ty}` (PERSON, COUNTRY, CITY, REGION, ORGANIZATION, TITLE)"
                        ))
                    })?;
                let country =
                    match cols.get(rec, "country") {
                        "" => None,
                        c => Some(Iso3::parse(c).ok_or_else(|| {
                            err(format!("country `{c}` is not an ISO alpha-3 code"))
                        })?),
                    };
                let case = parse_case(cols.get(rec, "case")).map_err(err)?;
                let fl = parse_flags(cols.get(rec, "flags")).map_err(err)?;
                let canonical = Some(cols.get(rec, "canonical")).filter(|c| !c.is_empty());
                let key = Some(cols.get(rec, "key")).filter(|c| !c.is_empty());
                if replace && seen.insert((text.to_string(), kind)) {
                    self.remove(text, kind);
                }
                self.push_entry(
                    kind,
                    text,
                    canonical.unwrap_or(text),
                    key,
                    country,
                    case,
                    fl,
                    (file, line as u32),
                )
                .map_err(err)?;
                added += 1;
                Ok(())
            },
        );
        r?;
        Ok(added)
    }

    /// Adds a word lexicon (columns `text`, `kind`, `culture`): kinds `given`, `surname`,
    /// `particle` and `common` set the [`word`] flags the person-name rules read. A file with a
    /// bad row adds none of its rows (the error names the row).
    pub fn add_lexicon(&mut self, name: &str, content: &str) -> Result<usize> {
        let r = self.add_lexicon_rows(name, content);
        self.sync_slots();
        r
    }

    fn add_lexicon_rows(&mut self, name: &str, content: &str) -> Result<usize> {
        Ok(self.add_lexicon_parsed(&ParsedLexicon::parse(name, content)?))
    }

    /// Adds a word lexicon read by [`ParsedLexicon::parse`], without copying the words' flags
    /// into their slots (see [`Gazetteer::add_file_unsynced`]). Returns its number of rows.
    pub(crate) fn add_lexicon_parsed(&mut self, p: &ParsedLexicon) -> usize {
        self.reserve_bytes(p.bytes);
        let mut start = 0;
        for &(end, fl) in &p.rows {
            let w = self.intern(&p.words[start..end as usize]);
            self.words[w as usize].flags |= fl;
            start = end as usize;
        }
        p.rows.len()
    }

    fn intern(&mut self, lower: &str) -> u32 {
        let (words, arena) = (&self.words, self.arena.as_bytes());
        if let Some(w) = self
            .vocab
            .find(lower.as_bytes(), |w| word_bytes(words, arena, w))
        {
            return w;
        }
        let s = self.put(lower);
        let id = self.words.len() as u32;
        self.words.push(Word {
            s,
            flags: 0,
            single: None,
            second: 0,
        });
        let (words, arena) = (&self.words, self.arena.as_bytes());
        self.vocab
            .insert(lower.as_bytes(), id, |w| word_bytes(words, arena, w));
        id
    }

    /// Removes the live entries with this text and type (a user row replacing a default one).
    fn remove(&mut self, text: &str, kind: EntityType) {
        let mut toks = std::mem::take(&mut self.scratch);
        toks.clear();
        tokenize_span(text, Span::new(0, text.len()), 0, &mut toks);
        let mut buf = String::new();
        let seq: Option<Vec<u32>> = toks
            .iter()
            .map(|t| {
                self.find_in(&self.vocab, lower(&text[t.span()], &mut buf))
                    .map(|w| w.id.0)
            })
            .collect();
        self.scratch = toks;
        let Some(seq) = seq.filter(|s| !s.is_empty()) else {
            return;
        };
        let Some(p) = self.find_phrase(&seq) else {
            return;
        };
        let mut gone = Vec::new();
        for &e in &self.phrases[p as usize].entries {
            let en = &self.entries[e as usize];
            if en.kind == kind && self.s(en.text) == text {
                gone.push(e);
            }
        }
        for e in gone {
            self.removed[e as usize] = true;
            self.live -= 1;
            self.phrases[p as usize].entries.retain(|&x| x != e);
        }
    }

    /// Adds one entry.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        kind: EntityType,
        text: &str,
        canonical: &str,
        key: Option<&str>,
        country: Option<Iso3>,
        case: CasePolicy,
        flags: u16,
        origin: &str,
    ) -> Result<u32> {
        let file = self.file_id(origin);
        self.push_entry(kind, text, canonical, key, country, case, flags, (file, 0))
            .map_err(|m| Error::data(origin, 0, m))
    }

    #[allow(clippy::too_many_arguments)]
    fn push_entry(
        &mut self,
        kind: EntityType,
        text: &str,
        canonical: &str,
        key: Option<&str>,
        country: Option<Iso3>,
        case: CasePolicy,
        flags: u16,
        (file, line): (u32, u32),
    ) -> std::result::Result<u32, String> {
        let mut toks = std::mem::take(&mut self.scratch);
        toks.clear();
        tokenize_span(text, Span::new(0, text.len()), 0, &mut toks);
        if toks.is_empty() {
            self.scratch = toks;
            return Err(format!("`{text}` has no tokens"));
        }
        let text_s = self.put(text);
        let canonical_s = if canonical == text {
            text_s
        } else {
            self.put(canonical)
        };
        let key_s = key.map(|k| self.put(k));
        let tok_start = self.tok_spans.len() as u32;
        for t in &toks {
            self.tok_spans.push((
                text_s.start + t.span().start as u32,
                text_s.start + t.span().end as u32,
            ));
        }
        // The phrase: lowercased word ids.
        let pw_start = self.phrase_words.len();
        let mut buf = String::new();
        for t in &toks {
            let w = self.intern(lower(&text[t.span()], &mut buf));
            self.phrase_words.push(w);
        }
        let n = toks.len();
        let first_upper = text[toks[0].span()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        self.scratch = toks;
        let seq = self.phrase_words[pw_start..].to_vec();
        let first = seq[0] as usize;
        let existing = self.find_phrase(&seq);
        let id = self.entries.len() as u32;
        let phrase = match existing {
            Some(p) => {
                self.phrase_words.truncate(pw_start);
                p
            }
            None => {
                let pid = self.phrases.len() as u32;
                self.phrases.push(Phrase {
                    words: Str {
                        start: pw_start as u32,
                        len: n as u32,
                    },
                    entries: Vec::new(),
                });
                if n == 1 {
                    self.words[first].single = Some(pid);
                } else {
                    let bit = second_bit(word_bytes(&self.words, self.arena.as_bytes(), seq[1]));
                    self.words[first].second |= bit;
                    let phrases = &self.phrases;
                    let list = self.pairs.entry((seq[0], seq[1])).or_default();
                    let pos = list
                        .iter()
                        .position(|&q| (phrases[q as usize].words.len as usize) < n)
                        .unwrap_or(list.len());
                    list.insert(pos, pid);
                }
                pid
            }
        };
        self.phrases[phrase as usize].entries.push(id);
        self.entries.push(Entry {
            kind,
            country,
            case,
            flags,
            text: text_s,
            canonical: canonical_s,
            key: key_s,
            tokens: Str {
                start: tok_start,
                len: n as u32,
            },
            file,
            line,
        });
        self.removed.push(false);
        self.live += 1;
        let w = &mut self.words[first];
        w.flags |= word::STARTS;
        if (case == CasePolicy::Fold || !first_upper) && w.flags & word::LOWER_START == 0 {
            w.flags |= word::LOWER_START;
            let bit = lower_filter_bit(self.s(self.words[first].s).as_bytes());
            let filter = self
                .lower_filter
                .get_or_insert_with(|| Box::new([0; LOWER_FILTER_BITS / 64]));
            filter[bit / 64] |= 1 << (bit % 64);
            let (words, arena) = (&self.words, self.arena.as_bytes());
            let l = word_bytes(words, arena, first as u32);
            self.lower_vocab
                .insert(l, first as u32, |w| word_bytes(words, arena, w));
        }
        Ok(id)
    }

    fn find_phrase(&self, seq: &[u32]) -> Option<u32> {
        if seq.len() == 1 {
            return self.words[seq[0] as usize].single;
        }
        self.pairs
            .get(&(seq[0], seq[1]))?
            .iter()
            .copied()
            .find(|&p| {
                let ws = self.phrases[p as usize].words;
                self.phrase_words[ws.start as usize..(ws.start + ws.len) as usize] == *seq
            })
    }

    /// The entry with this id.
    #[inline]
    pub fn entry(&self, id: u32) -> EntryRef<'_> {
        EntryRef {
            g: self,
            id,
            e: &self.entries[id as usize],
        }
    }

    /// All live entries (not replaced by a user file), in load order.
    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> + '_ {
        (0..self.entries.len() as u32)
            .filter(|&i| !self.removed[i as usize])
            .map(|i| self.entry(i))
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Number of distinct lowercased words (of entries and lexicons).
    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    /// [`Gazetteer::word`] of the token at `span` of `text`: a word of up to 16 ASCII bytes is
    /// read with two masked loads from `text` (no branch on its length).
    #[inline]
    pub fn word_at(&self, text: &str, span: Span, buf: &mut String) -> Option<WordInfo> {
        let n = span.end.wrapping_sub(span.start);
        if let Some((lo, hi)) = pad16_at(text.as_bytes(), span.start, n) {
            if (lo | hi) & 0x8080_8080_8080_8080 == 0 {
                let (lo, hi) = (
                    lo | crate::tokenize::ascii_capitals8(lo) >> 2,
                    hi | crate::tokenize::ascii_capitals8(hi) >> 2,
                );
                let mut out = [0u8; 16];
                let (a, b) = out.split_at_mut(8);
                a.copy_from_slice(&lo.to_le_bytes());
                b.copy_from_slice(&hi.to_le_bytes());
                let l = &out[..n];
                return self.find_hashed(&self.vocab, l, hash16(lo, hi, n), (lo, hi));
            }
        }
        self.word(&text[span], buf)
    }

    /// Looks a word up (any case), `buf` being scratch space for lowercasing.
    #[inline]
    pub fn word(&self, s: &str, buf: &mut String) -> Option<WordInfo> {
        let mut out = [0u8; 16];
        if let Some((lo, hi)) = lower16(s, &mut out) {
            let l = &out[..s.len()];
            return self.find_hashed(&self.vocab, l, hash16(lo, hi, l.len()), (lo, hi));
        }
        let mut st = [0u8; STACK_WORD];
        match lower_ascii_stack(s, &mut st) {
            Some(l) => self.find_lower_bytes(&self.vocab, l),
            None => self.find_in(&self.vocab, lower(s, buf)),
        }
    }

    /// Looks up a lowercase or uncased token, in the small table of words that start a phrase
    /// able to match it (`president`, `mainland`); `None` for every other word.
    #[inline]
    pub fn lower_start_word(&self, s: &str, buf: &mut String) -> Option<WordInfo> {
        if self.lower_vocab.is_empty() {
            return None;
        }
        let mut st = [0u8; STACK_WORD];
        if let Some(l) = lower_ascii_stack(s, &mut st) {
            return self.lower_start_lowered(l);
        }
        let l = lower(s, buf);
        if !self
            .lower_filter
            .as_deref()
            .is_some_and(|f| filter_has(f, lower_filter_bit(l.as_bytes())))
        {
            return None;
        }
        self.find_in(&self.lower_vocab, l)
    }

    /// [`Gazetteer::lower_start_word`] for a token already in lowercase ASCII (`l` is its
    /// bytes): no copy, the bit filter first.
    #[inline]
    pub fn lower_start_lowered(&self, l: &[u8]) -> Option<WordInfo> {
        if !self
            .lower_filter
            .as_deref()
            .is_some_and(|f| filter_has(f, lower_filter_bit(l)))
        {
            return None;
        }
        self.find_lower_bytes(&self.lower_vocab, l)
    }

    /// A cheap test of the lowercase token at `span` of `text` (its bytes already lowercase):
    /// false when no phrase able to match it starts with it (most tokens); true when
    /// [`Gazetteer::lower_start_lowered`] may find it. Reads four bytes at the token's start.
    #[inline]
    pub fn lower_start_hint(&self, text: &[u8], span: Span) -> bool {
        let Some(f) = self.lower_filter.as_deref() else {
            return false;
        };
        /// The bytes of a word of 0, 1, 2, 3 and 4 or more bytes among four loaded.
        const MASK: [u32; 5] = [0, 0xFF, 0xFFFF, 0xFF_FFFF, u32::MAX];
        let len = span.end.wrapping_sub(span.start);
        let head = match text.get(span.start..).and_then(<[u8]>::first_chunk::<4>) {
            Some(b) => u32::from_le_bytes(*b) & MASK[len.min(4)],
            None => head4(text.get(span.start..span.end).unwrap_or_default()),
        };
        filter_has(f, lower_filter_bit4(head, len))
    }

    #[inline]
    fn find_in(&self, table: &Vocab, l: &str) -> Option<WordInfo> {
        self.find_lower_bytes(table, l.as_bytes())
    }

    /// [`Gazetteer::find_lower_bytes`] with the [`key_hash`] and [`head_tail`] of `l` known.
    #[inline]
    fn find_hashed(
        &self,
        table: &Vocab,
        l: &[u8],
        hash: u64,
        head: (u64, u64),
    ) -> Option<WordInfo> {
        let (words, arena) = (&self.words, self.arena.as_bytes());
        table
            .find_hashed(l, hash, head, |w| word_bytes(words, arena, w))
            .map(|x| WordInfo {
                id: WordId(x.id),
                flags: x.flags,
            })
    }

    /// Probes `table` for the already lowercased bytes `l`.
    #[inline]
    fn find_lower_bytes(&self, table: &Vocab, l: &[u8]) -> Option<WordInfo> {
        let (words, arena) = (&self.words, self.arena.as_bytes());
        table
            .find_slot(l, |w| word_bytes(words, arena, w))
            .map(|x| WordInfo {
                id: WordId(x.id),
                flags: x.flags,
            })
    }

    /// The lowercased text of a word.
    pub fn word_text(&self, w: WordId) -> &str {
        self.s(self.words[w.0 as usize].s)
    }

    /// The longest phrase starting at token `i` of `tokens[..end]` whose entries accept the
    /// text, if any (the token's word is looked up here; see [`Gazetteer::match_word_at`]).
    pub fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        end: usize,
        ctx: CaseContext,
        buf: &mut String,
    ) -> Option<Match> {
        let t = tokens.get(i)?;
        if !matches!(
            t.kind,
            TokenKind::Word | TokenKind::Abbrev | TokenKind::Number
        ) {
            return None;
        }
        let s = &text[t.span()];
        let w = if t.is_cap() {
            self.word(s, buf)?
        } else if t.has(tokflags::LOWER) {
            // Letters all lowercase: lowercasing changes nothing, so the bit filter reads the
            // text in place (it rejects nearly every such token) and the bytes are the key.
            if !self.lower_start_hint(text.as_bytes(), t.span()) {
                return None;
            }
            self.lower_start_lowered(s.as_bytes())?
        } else {
            self.lower_start_word(s, buf)?
        };
        self.match_word_at(text, tokens, i, end, ctx, w)
    }

    /// [`Gazetteer::match_at`] when token `i`'s word is already known.
    #[inline]
    pub fn match_word_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        end: usize,
        ctx: CaseContext,
        w: WordInfo,
    ) -> Option<Match> {
        // Most words start no phrase: answered without a call.
        if !w.has(word::STARTS) {
            return None;
        }
        self.match_starting(text, tokens, i, end, ctx, w)
    }

    /// [`Gazetteer::match_word_at`] for a word that starts some phrase.
    #[inline(never)]
    fn match_starting(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        end: usize,
        ctx: CaseContext,
        w: WordInfo,
    ) -> Option<Match> {
        let word = &self.words[w.id.0 as usize];
        if word.second != 0 && i + 1 < end {
            let t1 = &tokens[i + 1];
            let s1 = &text[t1.span()];
            let mut out = [0u8; 16];
            let second = if let Some((lo, hi)) = lower16(s1, &mut out) {
                let l = &out[..s1.len()];
                if word.second & second_bit(l) == 0 {
                    None
                } else {
                    self.find_hashed(&self.vocab, l, hash16(lo, hi, l.len()), (lo, hi))
                }
            } else if let Some(l) = lower_ascii_stack(s1, &mut [0u8; STACK_WORD]) {
                if word.second & second_bit(l) == 0 {
                    None
                } else {
                    self.find_lower_bytes(&self.vocab, l)
                }
            } else {
                self.find_in(&self.vocab, &s1.to_lowercase())
            };
            if let Some(list) = second.and_then(|w1| self.pairs.get(&(w.id.0, w1.id.0))) {
                for &pid in list {
                    if let Some(m) = self.try_phrase(text, tokens, i, end, ctx, pid) {
                        return Some(m);
                    }
                }
            }
        }
        let pid = word.single?;
        self.try_phrase(text, tokens, i, end, ctx, pid)
    }

    #[inline]
    fn try_phrase(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        end: usize,
        ctx: CaseContext,
        pid: u32,
    ) -> Option<Match> {
        let p = &self.phrases[pid as usize];
        let n = p.words.len as usize;
        if i + n > end || p.entries.is_empty() {
            return None;
        }
        let ws = &self.phrase_words[p.words.start as usize..p.words.start as usize + n];
        let ok = (2..n).all(|k| {
            let tk = &tokens[i + k];
            eq_lower(&text[tk.span()], self.s(self.words[ws[k] as usize].s))
        });
        if !ok {
            return None;
        }
        let mut accepted = 0u64;
        for (k, &e) in p.entries.iter().enumerate().take(64) {
            if self.case_ok(&self.entries[e as usize], text, &tokens[i..i + n], ctx) {
                accepted |= 1 << k;
            }
        }
        (accepted != 0).then_some(Match {
            first: i,
            len: n,
            phrase: pid,
            accepted,
        })
    }

    /// The entries of a match that accept its text, in load order.
    pub fn accepted<'g>(&'g self, m: &Match) -> impl Iterator<Item = EntryRef<'g>> + 'g {
        // The set bits of `accepted`, lowest first (only bits of the phrase's first 64 entries
        // are ever set).
        let entries = &self.phrases[m.phrase as usize].entries;
        let mut bits = m.accepted;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let k = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            entries.get(k).map(|&e| self.entry(e))
        })
    }

    /// The number of entries of a match that accept its text.
    pub fn accepted_count(&self, m: &Match) -> u32 {
        m.accepted.count_ones()
    }

    fn case_ok(&self, e: &Entry, text: &str, toks: &[Token], ctx: CaseContext) -> bool {
        let etok = |k: usize| {
            let (a, b) = self.tok_spans[e.tokens.start as usize + k];
            &self.arena[a as usize..b as usize]
        };
        match e.case {
            CasePolicy::Fold => true,
            CasePolicy::Exact => toks
                .iter()
                .enumerate()
                .all(|(k, t)| text[t.span()] == *etok(k)),
            CasePolicy::Title => toks.iter().enumerate().all(|(k, t)| {
                let s = &text[t.span()];
                s == etok(k) || (ctx == CaseContext::AllCaps && !s.chars().any(char::is_lowercase))
            }),
        }
    }

    /// Reads a spaCy EntityRuler `patterns.jsonl` (`{"label", "pattern", "id"}`) into gazetteer
    /// entries. String patterns match exactly; token patterns may use `ORTH` (exact) or `LOWER`
    /// (any case) per token. Labels: PERSON/PER, ORG, GPE/COUNTRY/NORP, CITY, LOC/REGION, TITLE.
    pub fn add_spacy_patterns(&mut self, name: &str, content: &str) -> Result<usize> {
        let r = self.add_spacy_patterns_rows(name, content);
        self.sync_slots();
        r
    }

    fn add_spacy_patterns_rows(&mut self, name: &str, content: &str) -> Result<usize> {
        let file = self.file_id(name);
        let mut n = 0;
        for (i, line) in content.lines().enumerate() {
            let line_no = i as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let err = |m: String| Error::data(name, line_no, m);
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| err(format!("not JSON: {e}")))?;
            let label = v
                .get("label")
                .and_then(|l| l.as_str())
                .ok_or_else(|| err("missing `label`".into()))?;
            let kind = match label {
                "PERSON" | "PER" => EntityType::Person,
                "ORG" | "ORGANIZATION" => EntityType::Organization,
                "GPE" | "COUNTRY" | "NORP" => EntityType::Country,
                "CITY" => EntityType::City,
                "LOC" | "REGION" => EntityType::Region,
                "TITLE" => EntityType::Title,
                other => return Err(err(format!("label `{other}` has no newsfacts type"))),
            };
            let (text, case) = match v.get("pattern") {
                Some(serde_json::Value::String(s)) => (s.clone(), CasePolicy::Exact),
                Some(serde_json::Value::Array(toks)) => {
                    let mut words = Vec::new();
                    let mut fold = false;
                    for t in toks {
                        if let Some(w) = t.get("ORTH").and_then(|w| w.as_str()) {
                            words.push(w.to_string());
                        } else if let Some(w) = t.get("LOWER").and_then(|w| w.as_str()) {
                            fold = true;
                            words.push(w.to_string());
                        } else {
                            return Err(err(
                                "only ORTH and LOWER token patterns are supported".into()
                            ));
                        }
                    }
                    let case = if fold {
                        CasePolicy::Fold
                    } else {
                        CasePolicy::Exact
                    };
                    (words.join(" "), case)
                }
                _ => {
                    return Err(err(
                        "missing `pattern` (a string or a list of token patterns)".into(),
                    ))
                }
            };
            if text.trim().is_empty() {
                return Err(err("empty pattern".into()));
            }
            let id = v.get("id").and_then(|l| l.as_str());
            self.push_entry(
                kind,
                &text,
                &text,
                id,
                None,
                case,
                0,
                (file, line_no as u32),
            )
            .map_err(err)?;
            n += 1;
        }
        Ok(n)
    }
}

fn parse_case(s: &str) -> std::result::Result<CasePolicy, String> {
    match s {
        "exact" => Ok(CasePolicy::Exact),
        "title" | "" => Ok(CasePolicy::Title),
        "fold" => Ok(CasePolicy::Fold),
        other => Err(format!(
            "unknown case policy `{other}` (exact, title, fold)"
        )),
    }
}

fn parse_flags(s: &str) -> std::result::Result<u16, String> {
    let mut fl = 0u16;
    for f in s.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        fl |= flags::NAMES
            .iter()
            .find(|(n, _)| *n == f)
            .map(|(_, b)| *b)
            .ok_or_else(|| format!("unknown flag `{f}`"))?;
    }
    Ok(fl)
}

/// True when `s` lowercased equals `lower`.
#[inline]
pub fn eq_lower(s: &str, lower: &str) -> bool {
    if s.is_ascii() {
        s.len() == lower.len()
            && s.bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        s.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pad16_is_the_zero_padded_bytes() {
        let text = b"abcdefghijklmnopqrstu";
        for n in 0..=text.len() {
            let b = &text[..n];
            let want = (n <= 16).then(|| {
                let mut buf = [0u8; 16];
                buf[..n].copy_from_slice(b);
                let (lo, hi) = buf.split_at(8);
                (
                    u64::from_le_bytes(lo.try_into().unwrap()),
                    u64::from_le_bytes(hi.try_into().unwrap()),
                )
            });
            assert_eq!(pad16(b), want, "{n}");
            // In place, with 16 bytes after the start and with fewer (near the text's end).
            let long = [text.as_slice(), &[b'z'; 16]].concat();
            assert_eq!(pad16_at(&long, 0, n), want, "{n}");
            assert_eq!(pad16_at(text, 0, n), want, "{n}");
            assert_eq!(
                key_hash(b),
                want.map_or(hash_bytes(b), |(lo, hi)| hash16(lo, hi, n))
            );
        }
        let mut out = [0u8; 16];
        assert_eq!(
            lower16("McDonald", &mut out).map(|x| x.0),
            pad16(b"mcdonald").map(|x| x.0)
        );
        assert_eq!(&out[..8], b"mcdonald");
        assert_eq!(lower16("Zürich", &mut out), None);
        for w in [
            "",
            "a",
            "Zürich",
            "abcdefghijklmnoé",
            "abcdefghijklmnopé",
            "ab\u{80}",
        ] {
            assert_eq!(is_ascii_word(w.as_bytes()), w.is_ascii(), "{w}");
        }
    }

    fn tokenize_text(text: &str) -> Vec<Token> {
        let mut toks = Vec::new();
        tokenize_span(text, Span::new(0, text.len()), 0, &mut toks);
        toks
    }

    const T: &str = "text\ttype\tcanonical\tkey\tcountry\tcase\tflags\tsource\n\
US\tCOUNTRY\tUnited States\tUSA\tUSA\texact\talias\tx\n\
United States\tCOUNTRY\tUnited States\tUSA\tUSA\ttitle\t\tx\n\
United States of America\tCOUNTRY\tUnited States\tUSA\tUSA\ttitle\t\tx\n\
Russian\tCOUNTRY\tRussia\tRUS\tRUS\ttitle\tdemonym\tx\n\
Defense Minister\tTITLE\tDefense Minister\tdefense_minister\t\tfold\t\tx\n";

    fn matches(g: &Gazetteer, text: &str, ctx: CaseContext) -> Vec<(String, usize)> {
        let toks = tokenize_text(text);
        let mut out = Vec::new();
        let mut i = 0;
        let mut buf = String::new();
        while i < toks.len() {
            if let Some(m) = g.match_at(text, &toks, i, toks.len(), ctx, &mut buf) {
                let s = Span::new(
                    toks[m.first].span().start,
                    toks[m.first + m.len - 1].span().end,
                );
                out.push((text[s].to_string(), g.accepted(&m).count()));
                i += m.len;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn longest_match_and_case_policies() {
        let mut g = Gazetteer::new();
        g.add_tsv("t.tsv", T, false).unwrap();
        let m = matches(
            &g,
            "the United States of America and us and the US, anti-Russian defense minister",
            CaseContext::Normal,
        );
        assert_eq!(
            m,
            [
                ("United States of America".into(), 1),
                ("US".into(), 1),
                ("Russian".into(), 1),
                ("defense minister".into(), 1)
            ]
        );
        assert!(matches(&g, "RUSSIAN troops", CaseContext::Normal).is_empty());
        assert_eq!(matches(&g, "RUSSIAN troops", CaseContext::AllCaps).len(), 1);
        // `US` is exact even in an all-caps line; `us` never matches.
        assert_eq!(matches(&g, "TOLD US", CaseContext::AllCaps).len(), 1);
        assert!(matches(&g, "told us", CaseContext::AllCaps).is_empty());
    }

    #[test]
    fn user_rows_replace_and_origins_name_file_and_line() {
        let mut g = Gazetteer::new();
        g.add_tsv("t.tsv", T, false).unwrap();
        let user = "text\ttype\tcanonical\tkey\tcountry\tcase\nRussian\tCOUNTRY\tRussian Federation\tRUS\tRUS\ttitle\n";
        g.add_tsv("user.tsv", user, true).unwrap();
        let text = "Russian";
        let toks = tokenize_text(text);
        let m = g
            .match_at(text, &toks, 0, 1, CaseContext::Normal, &mut String::new())
            .unwrap();
        let e: Vec<_> = g.accepted(&m).collect();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].canonical(), "Russian Federation");
        assert_eq!(e[0].origin(), "user.tsv:2");
        assert_eq!(g.len(), 5);
    }

    /// The tagger looks a token whose letters are all lowercase (`tokflags::LOWER`) up with its
    /// own bytes: lowercasing must leave every character of such a token unchanged.
    #[test]
    fn lowercasing_keeps_lowercase_tokens() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_lowercase() || !c.is_alphabetic() {
                assert!(c.to_lowercase().eq([c]), "{c:?} U+{:04X}", c as u32);
            }
        }
        let mut buf = String::new();
        for s in ["straße", "émigré", "ǆ", "ﬁnance", "çà-ça", "2ª"] {
            if crate::tokenize::case_flags(s) & crate::model::tokflags::LOWER != 0 {
                assert_eq!(lower(s, &mut buf), s);
            }
        }
    }

    #[test]
    fn lexicon_flags() {
        let mut g = Gazetteer::new();
        let lex = "# c\ntext\tkind\tculture\tsource\nWang\tsurname\tzh\tx\nDong\tgiven\tzh-pinyin\tx\nbill\tcommon\ten\tx\nBill\tgiven\tus\tx\nvan\tparticle\t\tx\n";
        assert_eq!(
            g.add_file("n.tsv", lex, false).unwrap(),
            (FileKind::Lexicon, 5)
        );
        let mut buf = String::new();
        let w = g.word("WANG", &mut buf).unwrap();
        assert!(w.has(word::SURNAME) && w.has(word::FAMILY_FIRST) && !w.has(word::GIVEN));
        assert!(g.word("Dong", &mut buf).unwrap().has(word::PINYIN));
        let b = g.word("Bill", &mut buf).unwrap();
        assert!(b.has(word::GIVEN) && b.has(word::COMMON));
        assert!(g.word("Smith", &mut buf).is_none());
        let e = g
            .add_file("n.tsv", "text\tkind\nX\tnickname\n", false)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "n.tsv:2: unknown kind `nickname` (given, surname, particle, common)"
        );
        // a bad row anywhere: the file adds none of its rows
        let e = g
            .add_file(
                "m.tsv",
                "text\tkind\nOkonkwo\tsurname\nY\tnickname\n",
                false,
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.tsv:3: unknown kind `nickname` (given, surname, particle, common)"
        );
        assert!(g.word("Okonkwo", &mut buf).is_none());
        // read apart and added: the same flags as add_file gives
        let mut h = Gazetteer::new();
        h.add_lexicon_parsed(&ParsedLexicon::parse("n.tsv", lex).unwrap());
        h.sync_slots();
        for w in ["Wang", "Dong", "Bill", "van"] {
            let (x, y) = (g.word(w, &mut buf).unwrap(), h.word(w, &mut buf).unwrap());
            assert_eq!((x.id, x.flags), (y.id, y.flags), "{w}");
        }
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let mut g = Gazetteer::new();
        let bad = "text\ttype\tcanonical\tkey\tcountry\tcase\tflags\tsource\n# comment\n\nX\tCOUNTRY\tX\tX\tXX\texact\t\tx\n";
        let e = g.add_tsv("bad.tsv", bad, false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "bad.tsv:4: country `XX` is not an ISO alpha-3 code"
        );
        let e = g
            .add_tsv(
                "bad.tsv",
                "text\ttype\tcanonical\tkey\tcountry\tcase\nX\tPLANET\t\t\t\t\n",
                false,
            )
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("bad.tsv:2: unknown type `PLANET`"),
            "{e}"
        );
        let e = g
            .add_tsv("bad.tsv", "text\ttype\nX\tCITY\n", false)
            .unwrap_err();
        assert!(e.to_string().contains("missing column `canonical`"), "{e}");
        let e = g
            .add_tsv(
                "bad.tsv",
                "text\ttype\tcanonical\tkey\tcountry\tcase\nX\tCITY\t\t\t\tloud\n",
                false,
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "bad.tsv:2: unknown case policy `loud` (exact, title, fold)"
        );
    }

    #[test]
    fn spacy_patterns() {
        let mut g = Gazetteer::new();
        let p = r#"{"label": "ORG", "pattern": "Rosoboronexport", "id": "rosoboronexport"}
{"label": "PERSON", "pattern": [{"LOWER": "tan"}, {"LOWER": "kefei"}]}
"#;
        assert_eq!(
            g.add_file("p.jsonl", p, true).unwrap(),
            (FileKind::Patterns, 2)
        );
        let m = matches(
            &g,
            "TAN KEFEI and rosoboronexport, Rosoboronexport",
            CaseContext::Normal,
        );
        assert_eq!(m, [("TAN KEFEI".into(), 1), ("Rosoboronexport".into(), 1)]);
        let e = g
            .add_file(
                "p.jsonl",
                "{\"label\": \"FOOD\", \"pattern\": \"x\"}\n",
                true,
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.jsonl:1: label `FOOD` has no newsfacts type"
        );
        let e = g.add_file("p.jsonl", "\n[\n", true).unwrap_err();
        assert!(e.to_string().starts_with("p.jsonl:2: not JSON"), "{e}");
    }
}
