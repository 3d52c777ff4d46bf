//! The words date rules read, from `rules/dates.tsv`.

use crate::data::Table;
use crate::error::Result;
use crate::tokenize::{lower8, raw8};
use rustc_hash::{FxHashMap, FxHashSet};

/// A duration or calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Two weeks.
    Fortnight,
    /// Weekends.
    Weekend,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "S" => Unit::Second,
            "MI" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "2W" => Unit::Fortnight,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// The ISO 8601 duration designator and multiplier: `P4D`, `PT3H`, `P2W`, `P10Y` for a decade.
    pub fn duration(&self, n: Option<f64>) -> String {
        let (time, code, mul) = match self {
            Unit::Second => (true, "S", 1.0),
            Unit::Minute => (true, "M", 1.0),
            Unit::Hour => (true, "H", 1.0),
            Unit::Day => (false, "D", 1.0),
            Unit::Week => (false, "W", 1.0),
            Unit::Fortnight => (false, "W", 2.0),
            Unit::Weekend => (false, "WE", 1.0),
            Unit::Month => (false, "M", 1.0),
            // TimeML writes quarters, decades and centuries in months and years.
            Unit::Quarter => (false, "M", 3.0),
            Unit::Year => (false, "Y", 1.0),
            Unit::Decade => (false, "Y", 10.0),
            Unit::Century => (false, "Y", 100.0),
        };
        // A fraction goes to the next smaller unit, as ISO 8601 writes it: 2.5 years =
        // P2Y6M, 5.5 hours = PT5H30M, 1.5 minutes = PT1M30S.
        let smaller = match self {
            Unit::Year => Some((false, "M", 12.0)),
            Unit::Week => Some((false, "D", 7.0)),
            Unit::Day => Some((true, "H", 24.0)),
            Unit::Hour => Some((true, "M", 60.0)),
            Unit::Minute => Some((true, "S", 60.0)),
            _ => None,
        };
        let whole = |v: f64| v.fract().abs() < 1e-9;
        let p = |t: bool| if t { "PT" } else { "P" };
        match n {
            None => [p(time), "X", code].concat(),
            Some(v) => {
                let v = v * mul;
                match smaller {
                    Some((sub_time, sub, k)) if !whole(v) && whole(v.fract() * k) => {
                        let rest = (v.fract() * k).round() as i64;
                        let t = if sub_time && !time { "T" } else { "" };
                        if v.trunc() == 0.0 {
                            format!("{}{rest}{sub}", p(time || sub_time))
                        } else {
                            format!("{}{}{code}{t}{rest}{sub}", p(time), v.trunc() as i64)
                        }
                    }
                    _ if whole(v) && (0.0..10_000.0).contains(&v) => {
                        let mut s = String::with_capacity(8);
                        s.push_str(p(time));
                        super::value::push_padded(&mut s, v as i32, 1);
                        s.push_str(code);
                        s
                    }
                    _ if whole(v) => format!("{}{}{code}", p(time), v as i64),
                    _ => format!("{}{v}{code}", p(time)),
                }
            }
        }
    }
}

/// The day of a holiday in its month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidayDay {
    /// A fixed day: Christmas = 25.
    Fixed(u32),
    /// The `n`th weekday `wd` (1 = Monday) of the month (`n` = −1: the last), plus `offset`
    /// days: Thanksgiving = 4th Thursday; Election Day = 1st Monday + 1.
    Nth {
        /// Weekday, 1 = Monday.
        wd: u32,
        /// Which one; −1 = the last.
        n: i32,
        /// Days to add.
        offset: i64,
    },
}

/// A holiday: its name as lowercase tokens, its month and day.
#[derive(Clone, Debug, PartialEq)]
pub struct Holiday {
    /// The name as lowercase tokens ("election", "day").
    pub words: Vec<Box<str>>,
    /// Month.
    pub month: u32,
    /// Day.
    pub day: HolidayDay,
}

impl HolidayDay {
    /// Parses `25` or `4/4` (4th Thursday) or `1/1+1` (1st Monday, plus a day) or `1/-1`.
    fn parse(s: &str) -> Option<HolidayDay> {
        match s.split_once('/') {
            None => s
                .parse()
                .ok()
                .filter(|d| (1..=31).contains(d))
                .map(HolidayDay::Fixed),
            Some((wd, rest)) => {
                let (n, offset) = match rest.split_once('+') {
                    Some((n, o)) => (n, o.parse().ok()?),
                    None => (rest, 0),
                };
                let wd: u32 = wd.parse().ok().filter(|w| (1..=7).contains(w))?;
                let n: i32 = n.parse().ok().filter(|n| (-1..=5).contains(n) && *n != 0)?;
                Some(HolidayDay::Nth { wd, n, offset })
            }
        }
    }
}

/// Tense cues for choosing a weekday's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// Past.
    Past,
    /// Present.
    Present,
    /// Future.
    Future,
}

/// What a word means to the date rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Word {
    /// A month name: 1–12.
    Month(u32),
    /// A weekday: 1 (Monday) – 7.
    Weekday(u32),
    /// A cardinal number word (`None` = vague: few, several).
    Number(Option<f64>),
    /// An ordinal word.
    Ordinal(u32),
    /// A unit.
    Unit(Unit),
    /// yesterday/today/tomorrow: day offset.
    RelDay(i32),
    /// last/next/this: offset.
    Shift(i32),
    /// early/mid/late.
    Part(&'static str),
    /// PAST_REF etc.
    Ref(&'static str),
    /// daily/weekly: SET value.
    Set(&'static str),
    /// A season code.
    Season(&'static str),
    /// A part of the day code.
    DayPart(&'static str),
    /// A decade named in words ("the nineties"): 199.
    Decade(i32),
    /// The first word of a holiday's name ("Thanksgiving", "Election" of "Election Day").
    Holiday,
    /// The first word of a vague reference of several words ("near" of "the near future",
    /// after an article).
    RefHead,
    /// The first word of an anaphoric date ("that" of "that year", "following" of "the
    /// following month"), after an article.
    AnaphorHead,
    /// A time zone.
    TimeZone,
    /// am/pm.
    Meridiem(bool),
}

/// `Word::month(w)` etc.: one meaning each, to pick from a word's meanings (`Ctx::word` in
/// the rules).
macro_rules! meaning {
    ($($name:ident: $variant:ident -> $t:ty, $doc:literal;)*) => {
        impl Word {
            $(
                #[doc = $doc]
                pub fn $name(self) -> Option<$t> {
                    match self {
                        Word::$variant(x) => Some(x),
                        _ => None,
                    }
                }
            )*
        }
    };
}

meaning! {
    month: Month -> u32, "A month's number, if this is one.";
    weekday: Weekday -> u32, "A weekday's number, if this is one.";
    number: Number -> Option<f64>, "A number word's value, if this is one.";
    ordinal: Ordinal -> u32, "An ordinal word's value, if this is one.";
    unit: Unit -> Unit, "A unit, if this is one.";
    rel_day: RelDay -> i32, "A relative day's offset, if this is one.";
    shift: Shift -> i32, "A shift word's offset, if this is one.";
    part: Part -> &'static str, "An early/mid/late code, if this is one.";
    reference: Ref -> &'static str, "A vague reference's value, if this is one.";
    set: Set -> &'static str, "A SET value, if this is one.";
    season: Season -> &'static str, "A season code, if this is one.";
    day_part: DayPart -> &'static str, "A part of the day's code, if this is one.";
    decade: Decade -> i32, "A decade in words, if this is one.";
    meridiem: Meridiem -> bool, "PM (true) or AM (false), if this is one.";
}

/// The date lexicon: lowercase word → meanings (a word may have several: "second", "may").
#[derive(Debug, Default)]
pub struct Lexicon {
    words: FxHashMap<Box<str>, Vec<Word>>,
    tense: FxHashMap<Box<str>, Tense>,
    /// Holidays, by name.
    holidays: Vec<Holiday>,
    /// Vague references of several words ("the near future"): lowercase words and value.
    ref_phrases: Vec<(Vec<Box<str>>, &'static str)>,
    /// Anaphoric dates ("that year", "the following month"): lowercase words, the unit and the
    /// offset from the date the text last named.
    anaphors: Vec<(Vec<Box<str>>, Unit, i32)>,
    /// Quantity modifiers that TimeML keeps inside a duration's span ("more than", "nearly"),
    /// as lowercase word sequences.
    modifiers: Vec<Vec<Box<str>>>,
    /// Tense cues that hold only when "to" follows ("set to resume", "is to meet").
    tense_to: FxHashMap<Box<str>, Tense>,
    /// Perfect auxiliaries: a future cue right after one is past ("had been due to").
    perfect: FxHashSet<Box<str>>,
    /// Words after which an ambiguous month name ("May", "March") may stand alone.
    month_cue: FxHashSet<Box<str>>,
    /// Month names that are also ordinary words or names, exactly as written.
    month_ambiguous: FxHashSet<Box<str>>,
    /// Day parts that keep their code after a weekday ("Friday evening" = `…TEV`).
    weekday_part: FxHashSet<&'static str>,
    /// The anchor words, lowercase: the `anchor` rows (words without a date meaning of their
    /// own that the rules still read as the head of a date: "noon", "the latest period") and
    /// the lexicon words that can make a date alone.
    anchor_words: FxHashSet<Box<str>>,
    /// Every ASCII word the stage looks up in a token (the lexicon words, the `anchor` rows and
    /// the starters) with its entry, by the rank of its signature bit in `filter`: a token as
    /// written is compared with the few words of its signature, without hashing or lowercasing.
    slots: Vec<Vec<(Box<str>, Entry)>>,
    /// The same words, lowercase, for a token with non-ASCII letters.
    entries: FxHashMap<Box<str>, Entry>,
    /// The meanings of each entry (index 0: none).
    entry_words: Vec<Vec<Word>>,
    /// True for each entry with a unit among its meanings.
    entry_unit: Vec<bool>,
    /// The rules that may start at each entry's word, a bit per rule (see
    /// [`Lexicon::set_rule_masks`]; index 0, and before the masks are set: every rule).
    rule_masks: Vec<u32>,
    /// The same ASCII words of at most 16 bytes, keyed by their bytes packed ([`pack`]) and
    /// length: a token is packed once and found with one hash of two integers. `slots` then
    /// serves only longer words.
    short: FxHashMap<(u128, u8), Entry>,
    /// The same ASCII words of at most 8 bytes, in an open-addressing table keyed by their
    /// bytes packed ([`pack`]): most tokens are found or rejected with one multiply and one
    /// probe, without a filter in front.
    table: WordTable,
    /// A filter in front of `short` and `slots`.
    filter: SigFilter,
    /// A filter in front of `tense` and `tense_to`.
    tense_filter: SigFilter,
    /// The lowercase ASCII words of `tense`, `tense_to` and `perfect` of at most 8 bytes, each
    /// with its cues packed ([`TenseCues`]): a short ASCII token is answered without
    /// lowercasing or hashing it.
    tense_table: WordTable,
    /// True when some word has non-ASCII letters: the filter then cannot judge a non-ASCII
    /// token.
    non_ascii_keys: bool,
}

/// What a token is to the date lexicon, found with one lookup: its meanings and whether it can
/// anchor a date (a word with a meaning that can make a date alone, or an `anchor` row: "noon",
/// "the latest period"). Every date holds an anchor or a number that can be a date part by
/// itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry(u16);

impl Entry {
    /// Not a word of the lexicon.
    pub const NONE: Entry = Entry(0);
    const ANCHOR: u16 = 1 << 15;
    const STARTER: u16 = 1 << 14;

    /// True when the word can anchor a date.
    #[inline]
    pub fn is_anchor(self) -> bool {
        self.0 & Entry::ANCHOR != 0
    }

    /// True for a starter word (see [`Lexicon::new`]): the caller checks it exactly.
    #[inline]
    pub fn is_starter(self) -> bool {
        self.0 & Entry::STARTER != 0
    }

    #[inline]
    fn index(self) -> usize {
        usize::from(self.0 & !(Entry::ANCHOR | Entry::STARTER))
    }
}

/// A word's tense cues, from [`Lexicon::tense_cues`]: its `tense` and `tense_to` cues and
/// whether it is a perfect auxiliary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TenseCues(u16);

impl TenseCues {
    const PERFECT: u16 = 1 << 4;

    fn code(t: Tense) -> u16 {
        match t {
            Tense::Past => 1,
            Tense::Present => 2,
            Tense::Future => 3,
        }
    }

    fn tense_of(code: u16) -> Option<Tense> {
        match code & 3 {
            1 => Some(Tense::Past),
            2 => Some(Tense::Present),
            3 => Some(Tense::Future),
            _ => None,
        }
    }

    /// The word's `tense` cue ([`Lexicon::tense`]).
    #[inline]
    pub fn tense(self) -> Option<Tense> {
        TenseCues::tense_of(self.0)
    }

    /// The word's `tense_to` cue ([`Lexicon::tense_to`]).
    #[inline]
    pub fn tense_to(self) -> Option<Tense> {
        TenseCues::tense_of(self.0 >> 2)
    }

    /// True for a perfect auxiliary ([`Lexicon::is_perfect`]).
    #[inline]
    pub fn is_perfect(self) -> bool {
        self.0 & TenseCues::PERFECT != 0
    }
}

/// The lowercase bytes of a word of at most 16 bytes, the first in the low byte (other bytes
/// as written: a key is ASCII, so a word with other bytes matches none).
#[inline]
fn pack(b: &[u8]) -> u128 {
    b.iter()
        .rev()
        .fold(0u128, |k, c| k << 8 | u128::from(c.to_ascii_lowercase()))
}

/// [`pack`] of the `n` bytes (at most 16) of `text` from `start`, eight at a time: a word
/// inside a text is loaded as two words of memory and lowercased by bit arithmetic.
#[inline]
fn pack_at(text: &[u8], start: usize, n: usize) -> u128 {
    match n {
        0 => 0,
        1..=8 => u128::from(lower8(text, start, n)),
        _ => {
            u128::from(lower8(text, start, 8))
                | u128::from(lower8(text, start + 8, n.min(16) - 8)) << 64
        }
    }
}

/// The low `n` bytes of a word set, by `n` (0–8).
const LOW_BYTES: [u64; 9] = [
    0,
    0xff,
    0xffff,
    0xff_ffff,
    0xffff_ffff,
    0xff_ffff_ffff,
    0xffff_ffff_ffff,
    0xff_ffff_ffff_ffff,
    u64::MAX,
];

/// The high bit of every byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Words of at most 8 ASCII bytes by their lowercase bytes packed into a `u64` ([`pack`]), with
/// their entries: linear probing in a table kept at most a quarter full, so that a word not in
/// it mostly meets an empty slot at the first probe.
#[derive(Debug)]
struct WordTable {
    /// The packed words (0: empty).
    keys: Vec<u64>,
    /// Each slot's entry and, above bit 16, its word's length (a word's NUL bytes would pack
    /// like the end of a shorter word).
    meta: Vec<u32>,
    /// `64 - log2(keys.len())`.
    shift: u32,
    /// A filter in front of the table: a bit per signature ([`WordTable::sig`]) of its words.
    bits: Box<[u64; 1 << 10]>,
}

impl Default for WordTable {
    fn default() -> WordTable {
        WordTable {
            keys: vec![0],
            meta: vec![0],
            shift: 63,
            bits: Box::new([0; 1 << 10]),
        }
    }
}

impl WordTable {
    /// Builds the table of `words` (lowercase ASCII, 1 to 8 bytes).
    fn new<'w>(words: impl Iterator<Item = (&'w str, Entry)> + Clone) -> WordTable {
        let n = words.clone().count();
        let bits = (n * 4).next_power_of_two().trailing_zeros().max(4);
        let mut t = WordTable {
            keys: vec![0; 1 << bits],
            meta: vec![0; 1 << bits],
            shift: 64 - bits,
            bits: Box::new([0; 1 << 10]),
        };
        let mask = t.keys.len() - 1;
        for (w, e) in words {
            let mut h = t.home(pack(w.as_bytes()) as u64);
            while t.meta[h] != 0 {
                h = (h + 1) & mask;
            }
            t.keys[h] = pack(w.as_bytes()) as u64;
            t.meta[h] = u32::from(e.0) | (w.len() as u32) << 16;
            let b = WordTable::sig(pack(w.as_bytes()) as u64);
            t.bits[b >> 6] |= 1 << (b & 63);
        }
        t
    }

    /// The signature of a word of 1 to 8 bytes packed as written (`raw`, its unused bytes 0):
    /// the low five bits of each byte (which fold ASCII case: a letter's cases differ in bit 5
    /// alone), hashed to 16 bits. The length is not in it: a letter's five bits are never 0, so
    /// the zero bytes after a word mostly tell it (a byte such as `@` that folds to 0 can only
    /// make the filter pass a word, which the table then rejects).
    #[inline(always)]
    fn sig(raw: u64) -> usize {
        ((raw & 0x1f1f_1f1f_1f1f_1f1f).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }

    /// False when the word of `len` bytes packed as written (`raw`, ASCII) is certainly not in
    /// the table.
    #[inline(always)]
    fn may_contain(&self, raw: u64) -> bool {
        let b = WordTable::sig(raw);
        self.bits[(b >> 6) & ((1 << 10) - 1)] & (1 << (b & 63)) != 0
    }

    /// The first slot to probe for a packed word.
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The entry of the packed word `key` of `len` bytes ([`Entry::NONE`] when absent).
    #[inline(always)]
    fn get(&self, key: u64, len: usize) -> Entry {
        let mask = self.keys.len() - 1;
        let mut h = self.home(key) & mask;
        loop {
            let (k, m) = (self.keys[h], self.meta[h]);
            if k == key && (m >> 16) as usize == len {
                return Entry(m as u16);
            }
            if m == 0 {
                return Entry::NONE;
            }
            h = (h + 1) & mask;
        }
    }
}

/// A one-probe filter over words, case-insensitive: a bit per (first letter, second letter,
/// last letter, length) signature. A clear bit means the word is certainly not in the set;
/// a set bit sends it to the exact lookup. 8 KB, so it stays in the L1 cache.
#[derive(Debug)]
struct SigFilter {
    bits: Box<[u64; 1 << 10]>,
    /// Set bits before each word of `bits` (after [`SigFilter::rank`]).
    before: Vec<u32>,
}

impl Default for SigFilter {
    fn default() -> SigFilter {
        SigFilter {
            bits: Box::new([0; 1 << 10]),
            before: Vec::new(),
        }
    }
}

impl SigFilter {
    /// The signature's bit, from the bytes as written: the low five bits of the first, second
    /// and last bytes (which fold ASCII case: a letter's cases differ in bit 5 alone) and the
    /// length, hashed to 16 bits. A handful of instructions and no branch but the empty word.
    #[inline]
    fn sig(word: &[u8]) -> usize {
        let n = word.len();
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return 0;
        };
        let second = *word.get(1).unwrap_or(&first);
        let key = u32::from(first & 31)
            | u32::from(second & 31) << 5
            | u32::from(last & 31) << 10
            | (n.min(63) as u32) << 15;
        (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }

    /// Adds a word as written (bytes).
    fn insert_bytes(&mut self, word: &[u8]) {
        let b = SigFilter::sig(word);
        self.bits[b >> 6] |= 1 << (b & 63);
    }

    /// Adds a lowercase ASCII word and every way a token can write it: ASCII case does not
    /// change the signature, and the one non-ASCII letter that lowercases to ASCII, the Kelvin
    /// sign (U+212A, "k"), is added in each combination of the word's "k"s.
    fn insert(&mut self, word: &str) {
        let ks: Vec<usize> = word
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'k')
            .map(|(i, _)| i)
            .take(8)
            .collect();
        for mask in 0u32..1 << ks.len() {
            let mut v = Vec::with_capacity(word.len() + 2 * ks.len());
            for (i, b) in word.bytes().enumerate() {
                match ks.iter().position(|&k| k == i) {
                    Some(p) if mask & (1 << p) != 0 => v.extend_from_slice("\u{212A}".as_bytes()),
                    _ => v.push(b),
                }
            }
            self.insert_bytes(&v);
        }
    }

    /// False when the word is certainly not in the set (for a word with non-ASCII bytes, only
    /// when every word of the set is ASCII).
    #[inline]
    fn may_contain(&self, word: &[u8]) -> bool {
        self.has(SigFilter::sig(word))
    }

    /// True when a signature's bit is set.
    #[inline]
    fn has(&self, b: usize) -> bool {
        self.bits[(b >> 6) & ((1 << 10) - 1)] & (1 << (b & 63)) != 0
    }

    /// Counts the set bits, for [`SigFilter::slot`], once every word is in.
    fn rank(&mut self) {
        let mut n = 0;
        self.before = self
            .bits
            .iter()
            .map(|w| {
                let b = n;
                n += w.count_ones();
                b
            })
            .collect();
    }

    /// How many bits are set.
    fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The rank of a set bit among the set bits: 0..len.
    #[inline]
    fn slot(&self, b: usize) -> usize {
        let below = self.bits[b >> 6] & ((1u64 << (b & 63)) - 1);
        self.before[b >> 6] as usize + below.count_ones() as usize
    }
}

fn intern(s: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "START",
        "MID",
        "END",
        "PAST_REF",
        "PRESENT_REF",
        "FUTURE_REF",
        "P1D",
        "P1W",
        "P1M",
        "P1Y",
        "PT1H",
        "P3M",
        "SP",
        "SU",
        "FA",
        "WI",
        "MO",
        "AF",
        "EV",
        "NI",
    ];
    KNOWN.iter().copied().find(|k| *k == s).unwrap_or("")
}

impl Lexicon {
    /// The words of a phrase entry, marking its head (the first word besides "the", which the
    /// rules read anyway) with `head` so that the rules try the phrase there; `None` when the
    /// phrase has no such word.
    fn phrase(&mut self, text: &str, head: Word) -> Option<Vec<Box<str>>> {
        let words: Vec<Box<str>> = text.split_whitespace().map(Box::from).collect();
        let first = words.iter().find(|w| &***w != "the")?.clone();
        let e = self.words.entry(first).or_default();
        if !e.contains(&head) {
            e.push(head);
        }
        Some(words)
    }

    /// Builds the lexicon from its table; `starters` are words (lowercase) that may start a
    /// date without a meaning of their own ("between", "the"): their entries carry
    /// `Entry::is_starter`, as do the first words of the quantity modifiers.
    pub fn new(table: &Table, starters: &[&str]) -> Result<Lexicon> {
        let mut lx = Lexicon::default();
        for row in table.rows() {
            let text = row.get("text").to_lowercase();
            let v = row.get("value");
            let bad = || row.error(format!("bad value `{v}` for kind `{}`", row.get("kind")));
            let num = || v.parse::<u32>().map_err(|_| bad());
            let known = || Some(intern(v)).filter(|s| !s.is_empty()).ok_or_else(bad);
            let w = match row.get("kind") {
                "month" => Word::Month(num()?),
                "weekday" => Word::Weekday(num()?),
                "number" => Word::Number(if v == "X" {
                    None
                } else {
                    Some(v.parse::<f64>().map_err(|_| bad())?)
                }),
                "ordinal" => Word::Ordinal(num()?),
                "unit" => Word::Unit(Unit::parse(v).ok_or_else(bad)?),
                "relday" => Word::RelDay(v.parse().map_err(|_| bad())?),
                "shift" => Word::Shift(v.parse().map_err(|_| bad())?),
                "part" => Word::Part(known()?),
                "ref" if text.contains(' ') => {
                    let words = lx.phrase(&text, Word::RefHead).ok_or_else(bad)?;
                    lx.ref_phrases.push((words, known()?));
                    continue;
                }
                "ref" => Word::Ref(known()?),
                "anaphor" => {
                    // `Y 1`: a unit and an offset ("the following year").
                    let (u, n) = v.split_once(' ').ok_or_else(bad)?;
                    let unit = Unit::parse(u).ok_or_else(bad)?;
                    let n: i32 = n.parse().map_err(|_| bad())?;
                    let words = lx.phrase(&text, Word::AnaphorHead).ok_or_else(bad)?;
                    lx.anaphors.push((words, unit, n));
                    continue;
                }
                "set" => Word::Set(known()?),
                "season" => Word::Season(known()?),
                "daypart" => Word::DayPart(known()?),
                "decade" => Word::Decade(v.parse().map_err(|_| bad())?),
                "timezone" => Word::TimeZone,
                "meridiem" => Word::Meridiem(v == "PM"),
                "holiday" => {
                    // `MM-DD` or `MM-WD/N[+D]`: "12-25", "11-4/4" (4th Thursday of November).
                    let (m, day) = v.split_once('-').ok_or_else(bad)?;
                    let month = m
                        .parse()
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(bad)?;
                    let day = HolidayDay::parse(day).ok_or_else(bad)?;
                    let words: Vec<Box<str>> = text
                        .split_whitespace()
                        .flat_map(|w| match w.strip_suffix("'s") {
                            Some(stem) => vec![Box::from(stem), Box::from("'s")],
                            None => vec![Box::from(w)],
                        })
                        .collect();
                    let Some(head) = words.first().cloned() else {
                        return Err(bad());
                    };
                    lx.holidays.push(Holiday { words, month, day });
                    let e = lx.words.entry(head).or_default();
                    if !e.contains(&Word::Holiday) {
                        e.push(Word::Holiday);
                    }
                    continue;
                }
                "modifier" => {
                    lx.modifiers
                        .push(text.split_whitespace().map(Box::from).collect::<Vec<_>>());
                    continue;
                }
                "tense" | "tense_to" => {
                    let t = match v {
                        "PAST" => Tense::Past,
                        "PRESENT" => Tense::Present,
                        "FUTURE" => Tense::Future,
                        _ => return Err(bad()),
                    };
                    if row.get("kind") == "tense" {
                        lx.tense.insert(text.into(), t);
                    } else {
                        lx.tense_to.insert(text.into(), t);
                    }
                    continue;
                }
                "perfect" => {
                    lx.perfect.insert(text.into());
                    continue;
                }
                "month_cue" => {
                    lx.month_cue.insert(text.into());
                    continue;
                }
                "month_ambiguous" => {
                    lx.month_ambiguous.insert(row.get("text").into());
                    continue;
                }
                "weekday_part" => {
                    lx.weekday_part.insert(known()?);
                    continue;
                }
                "anchor" => {
                    lx.anchor_words.insert(text.into());
                    continue;
                }
                other => return Err(row.error(format!("unknown kind `{other}`"))),
            };
            lx.words.entry(text.into()).or_default().push(w);
        }
        // Number words, ordinals, "last"/"this", "early"/"late" never make a date alone.
        let strong = |ws: &Vec<Word>| {
            ws.iter().any(|w| {
                !matches!(
                    w,
                    Word::Number(_)
                        | Word::Ordinal(_)
                        | Word::Shift(_)
                        | Word::Part(_)
                        | Word::RefHead
                        | Word::AnaphorHead
                )
            })
        };
        let strong_words: Vec<Box<str>> = lx
            .words
            .iter()
            .filter(|(_, ws)| strong(ws))
            .map(|(k, _)| k.clone())
            .collect();
        lx.anchor_words.extend(strong_words);
        // One entry per word: its meanings, and the anchor bit.
        let mut start_words: FxHashSet<String> = starters.iter().map(|w| w.to_string()).collect();
        start_words.extend(
            lx.modifiers
                .iter()
                .filter_map(|m| m.first())
                .map(|w| w.to_string()),
        );
        let mut keys: Vec<&str> = lx
            .words
            .keys()
            .chain(lx.anchor_words.iter())
            .map(|k| &**k)
            .chain(start_words.iter().map(String::as_str))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut entry_words = vec![Vec::new()];
        let mut entries: FxHashMap<Box<str>, Entry> = FxHashMap::default();
        for k in keys {
            let index = u16::try_from(entry_words.len())
                .ok()
                .filter(|i| *i < Entry::STARTER)
                .ok_or_else(|| crate::error::Error::data("rules/dates.tsv", 0, "too many words"))?;
            let mut bits = index;
            if lx.anchor_words.contains(k) {
                bits |= Entry::ANCHOR;
            }
            if start_words.contains(k) {
                bits |= Entry::STARTER;
            }
            entry_words.push(lx.words.get(k).cloned().unwrap_or_default());
            entries.insert(k.into(), Entry(bits));
        }
        for k in entries.keys() {
            lx.filter.insert(k);
            lx.non_ascii_keys |= !k.is_ascii();
        }
        lx.filter.rank();
        let mut slots = vec![Vec::new(); lx.filter.len()];
        let mut sorted: Vec<(&Box<str>, &Entry)> = entries.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (k, e) in sorted {
            if k.is_ascii() {
                slots[lx.filter.slot(SigFilter::sig(k.as_bytes()))].push((k.clone(), *e));
            }
        }
        lx.table = WordTable::new(
            entries
                .iter()
                .filter(|(k, _)| k.is_ascii() && (1..=8).contains(&k.len()))
                .map(|(k, e)| (&**k, *e)),
        );
        lx.short = entries
            .iter()
            .filter(|(k, _)| k.is_ascii() && k.len() <= 16)
            .map(|(k, e)| ((pack(k.as_bytes()), k.len() as u8), *e))
            .collect();
        let mut cues: FxHashMap<&str, u16> = FxHashMap::default();
        for (k, t) in &lx.tense {
            *cues.entry(k).or_default() |= TenseCues::code(*t);
        }
        for (k, t) in &lx.tense_to {
            *cues.entry(k).or_default() |= TenseCues::code(*t) << 2;
        }
        for k in &lx.perfect {
            *cues.entry(k).or_default() |= TenseCues::PERFECT;
        }
        lx.tense_table = WordTable::new(
            cues.iter()
                .filter(|(k, _)| {
                    k.is_ascii()
                        && (1..=8).contains(&k.len())
                        && !k.bytes().any(|b| b.is_ascii_uppercase())
                })
                .map(|(k, c)| (*k, Entry(*c))),
        );
        for k in lx.tense.keys().chain(lx.tense_to.keys()) {
            lx.tense_filter.insert(k);
            lx.non_ascii_keys |= !k.is_ascii();
        }
        lx.slots = slots;
        lx.entries = entries;
        lx.entry_unit = entry_words
            .iter()
            .map(|ws| ws.iter().any(|w| matches!(w, Word::Unit(_))))
            .collect();
        lx.entry_words = entry_words;
        Ok(lx)
    }

    /// Meanings of a lowercase word.
    #[inline]
    pub fn get(&self, lower: &str) -> &[Word] {
        self.words.get(lower).map_or(&[], |v| v.as_slice())
    }

    /// The entry of a word as written (any case), without allocating for ASCII words.
    #[inline]
    pub fn entry(&self, word: &str) -> Entry {
        self.entry_bytes(word.as_bytes())
    }

    /// [`Lexicon::entry`] of a word's UTF-8 bytes (a token's bytes: no `str` slicing). The
    /// filter test is inlined; most words stop there.
    #[inline]
    pub fn entry_bytes(&self, b: &[u8]) -> Entry {
        let sig = SigFilter::sig(b);
        if self.filter.has(sig) {
            self.entry_slot(b, sig)
        } else if self.non_ascii_keys && !b.is_ascii() {
            self.entry_non_ascii(b)
        } else {
            Entry::NONE
        }
    }

    /// [`Lexicon::entry`] of a word whose signature's bit is set: compared with the few words
    /// of its slot.
    #[inline(never)]
    fn entry_slot(&self, b: &[u8], sig: usize) -> Entry {
        if b.len() <= 16 && !self.short.is_empty() {
            return self.entry_short(pack(b), b);
        }
        // The slots hold ASCII words: a word with other bytes matches none of them.
        match self
            .slots
            .get(self.filter.slot(sig))
            .and_then(|v| v.iter().find(|(k, _)| k.as_bytes().eq_ignore_ascii_case(b)))
        {
            Some((_, e)) => *e,
            None if !b.is_ascii() => self.entry_non_ascii(b),
            None => Entry::NONE,
        }
    }

    /// [`Lexicon::entry`] of a word of at most 16 bytes whose signature's bit is set, packed
    /// (`key`): found in `short`.
    #[inline]
    fn entry_short(&self, key: u128, b: &[u8]) -> Entry {
        if let Some(e) = self.short.get(&(key, b.len() as u8)) {
            return *e;
        }
        if b.is_ascii() {
            Entry::NONE
        } else {
            self.entry_non_ascii(b)
        }
    }

    /// [`Lexicon::entry_short`] of `b`, the word at `start` of `text`, packed from the text (out
    /// of line: inlined, the packing is done ahead of the filter test, for every word).
    #[inline(never)]
    fn entry_short_at(&self, text: &[u8], start: usize, b: &[u8]) -> Entry {
        self.entry_short(pack_at(text, start, b.len()), b)
    }

    /// Every word with an entry (lowercase) and the entry, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = (&str, Entry)> {
        self.entries.iter().map(|(k, e)| (&**k, *e))
    }

    /// [`Lexicon::entry`] of the word at `start..end` of `text` (a token), read from the text
    /// eight bytes at a time.
    #[inline]
    pub fn entry_in(&self, text: &[u8], start: usize, end: usize) -> Entry {
        // Most tokens: a word of 1 to 8 bytes with 8 bytes of text from its start, read as one
        // word of memory (its end then lies within the text) and answered by the table's filter.
        let n = end.wrapping_sub(start);
        if n.wrapping_sub(1) < 8 {
            // Two bounds tests: the start lies in the text, and 8 bytes follow it.
            if let Some(w) = text.get(start..).and_then(|t| t.first_chunk::<8>()) {
                let raw = u64::from_le_bytes(*w) & LOW_BYTES.get(n).copied().unwrap_or(0);
                if raw & HIGH_BITS == 0 {
                    if !self.table.may_contain(raw) {
                        return Entry::NONE;
                    }
                    return self
                        .table
                        .get(raw | crate::tokenize::ascii_capitals8(raw) >> 2, n);
                }
            }
        }
        self.entry_in_rest(text, start, end)
    }

    /// [`Lexicon::entry_in`] of a token that is longer than 8 bytes, near the end of the text or
    /// not ASCII.
    #[inline]
    fn entry_in_rest(&self, text: &[u8], start: usize, end: usize) -> Entry {
        // A token's span is within the text (indexed as the tokenizer made it).
        let Some(b) = text.get(start..end) else {
            return Entry::NONE;
        };
        if (1..=8).contains(&b.len()) {
            // Read as one word of memory: its own filter, then its table.
            let raw = raw8(text, start, b.len());
            if raw & HIGH_BITS != 0 {
                // The table holds the ASCII words: a word with other bytes is lowercased and
                // looked up (when a word of the lexicon can be written so).
                return if self.non_ascii_keys || self.filter.may_contain(b) {
                    self.entry_non_ascii(b)
                } else {
                    Entry::NONE
                };
            }
            if !self.table.may_contain(raw) {
                return Entry::NONE;
            }
            return self
                .table
                .get(raw | crate::tokenize::ascii_capitals8(raw) >> 2, b.len());
        }
        let sig = SigFilter::sig(b);
        if self.filter.has(sig) {
            if b.len() <= 16 && !self.short.is_empty() {
                self.entry_short_at(text, start, b)
            } else {
                self.entry_slot(b, sig)
            }
        } else if self.non_ascii_keys && !b.is_ascii() {
            self.entry_non_ascii(b)
        } else {
            Entry::NONE
        }
    }

    /// [`Lexicon::entry`] of a word with non-ASCII letters: lowercased and looked up.
    #[cold]
    #[inline(never)]
    fn entry_non_ascii(&self, b: &[u8]) -> Entry {
        std::str::from_utf8(b)
            .ok()
            .and_then(|word| self.entries.get(word.to_lowercase().as_str()))
            .copied()
            .unwrap_or(Entry::NONE)
    }

    /// Records, for each entry, which rules may start at its word: `mask` gets the lowercase
    /// word, its meanings and whether it starts a quantity modifier.
    pub fn set_rule_masks(&mut self, mask: impl Fn(&str, &[Word], bool) -> u32) {
        let mut masks = vec![u32::MAX; self.entry_words.len()];
        for (k, e) in &self.entries {
            if let Some(m) = masks.get_mut(e.index()) {
                *m = mask(k, self.get(k), self.starts_modifier(k));
            }
        }
        if let Some(none) = masks.first_mut() {
            *none = u32::MAX;
        }
        self.rule_masks = masks;
    }

    /// The rules that may start at an entry's word (every rule for `Entry::NONE`).
    #[inline]
    pub fn rule_mask(&self, e: Entry) -> u32 {
        self.rule_masks.get(e.index()).copied().unwrap_or(u32::MAX)
    }

    /// True when an entry has a unit among its meanings.
    #[inline]
    pub fn entry_has_unit(&self, e: Entry) -> bool {
        self.entry_unit.get(e.index()).copied().unwrap_or(false)
    }

    /// The meanings of an entry.
    #[inline]
    pub fn entry_words(&self, e: Entry) -> &[Word] {
        self.entry_words
            .get(e.index())
            .map_or(&[], |v| v.as_slice())
    }

    /// Meanings of a word as written (any case), without allocating for ASCII words.
    #[inline]
    pub fn get_any_case(&self, word: &str) -> &[Word] {
        self.entry_words(self.entry(word))
    }

    /// True when the word has any meaning.
    #[inline]
    pub fn contains(&self, lower: &str) -> bool {
        self.words.contains_key(lower)
    }

    /// The vague references of several words, as lowercase words, with their values.
    pub fn ref_phrases(&self) -> &[(Vec<Box<str>>, &'static str)] {
        &self.ref_phrases
    }

    /// The anaphoric dates, as lowercase words, with their unit and offset.
    pub fn anaphors(&self) -> &[(Vec<Box<str>>, Unit, i32)] {
        &self.anaphors
    }

    /// The holidays.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The quantity modifiers, each a sequence of lowercase words.
    pub fn modifiers(&self) -> &[Vec<Box<str>>] {
        &self.modifiers
    }

    /// True when a lowercase word starts a quantity modifier.
    pub fn starts_modifier(&self, lower: &str) -> bool {
        self.modifiers
            .iter()
            .any(|m| m.first().is_some_and(|w| &**w == lower))
    }

    /// True when a word as written (any case) starts a quantity modifier.
    pub fn starts_modifier_any_case(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return self.starts_modifier(&word.to_lowercase());
        }
        self.modifiers
            .iter()
            .any(|m| m.first().is_some_and(|w| w.eq_ignore_ascii_case(word)))
    }

    /// Tense cue of a lowercase word.
    #[inline]
    pub fn tense(&self, lower: &str) -> Option<Tense> {
        self.tense.get(lower).copied()
    }

    /// False when a word as written (any case) is certainly neither a `tense` nor a `tense_to`
    /// cue.
    #[inline(always)]
    pub fn may_be_tense(&self, word: &str) -> bool {
        let b = word.as_bytes();
        self.tense_filter.may_contain(b) || (self.non_ascii_keys && !b.is_ascii())
    }

    /// False when an ASCII word as written (any case) is certainly neither a `tense` nor a
    /// `tense_to` cue ([`Lexicon::may_be_tense`] without its test for other bytes).
    #[inline(always)]
    pub fn may_be_tense_ascii(&self, word: &[u8]) -> bool {
        self.tense_filter.may_contain(word)
    }

    /// The tense cues of a word as written (any case), when it is ASCII and at most 8 bytes
    /// (`None` otherwise: the caller lowercases it and asks [`Lexicon::tense`],
    /// [`Lexicon::tense_to`] and [`Lexicon::is_perfect`]).
    #[inline]
    pub fn tense_cues(&self, word: &[u8]) -> Option<TenseCues> {
        let n = word.len();
        if !(1..=8).contains(&n) {
            return None;
        }
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(word);
        let raw = u64::from_le_bytes(buf);
        if raw & HIGH_BITS != 0 {
            return None;
        }
        let e = if self.tense_table.may_contain(raw) {
            self.tense_table
                .get(raw | crate::tokenize::ascii_capitals8(raw) >> 2, n)
        } else {
            Entry::NONE
        };
        Some(TenseCues(e.0))
    }

    /// Tense cue of a lowercase word that "to" follows.
    #[inline]
    pub fn tense_to(&self, lower: &str) -> Option<Tense> {
        self.tense_to.get(lower).copied()
    }

    /// True for a perfect auxiliary ("had").
    #[inline]
    pub fn is_perfect(&self, lower: &str) -> bool {
        self.perfect.contains(lower)
    }

    /// True when an ambiguous month may stand alone after this lowercase word.
    #[inline]
    pub fn is_month_cue(&self, lower: &str) -> bool {
        self.month_cue.contains(lower)
    }

    /// True for a month name that is also a word or name, as written ("May", "Jan").
    #[inline]
    pub fn is_month_ambiguous(&self, text: &str) -> bool {
        self.month_ambiguous.contains(text)
    }

    /// True when a day part code stays after a weekday ("EV").
    #[inline]
    pub fn keeps_weekday_part(&self, code: &str) -> bool {
        self.weekday_part.contains(code)
    }
}
