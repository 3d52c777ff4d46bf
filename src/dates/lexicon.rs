//! The words date rules read, from `rules/dates.tsv`.

use crate::data::Table;
use crate::error::Result;
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
            None => format!("{}X{code}", p(time)),
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
    /// A time zone.
    TimeZone,
    /// am/pm.
    Meridiem(bool),
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
    /// [`fold_hash`] of every word that can anchor a date: the words with a meaning that can
    /// make a date alone and the `anchor` rows. Every date holds one of these or a number
    /// that can be a date part by itself.
    anchors: FxHashSet<u64>,
    /// The words by [`fold_hash`]: (lowercase word, index into `by_hash_words`), to look up a
    /// token as written without lowercasing it.
    by_hash: FxHashMap<u64, Vec<(Box<str>, usize)>>,
    by_hash_words: Vec<Vec<Word>>,
    /// The anchor words, lowercase: the `anchor` rows (words without a date meaning of their
    /// own that the rules still read as the head of a date: "noon", "the latest period") and
    /// the lexicon words that can make a date alone.
    anchor_words: FxHashSet<Box<str>>,
    /// Filters in front of `anchors` and `by_hash`.
    anchor_filter: SigFilter,
    word_filter: SigFilter,
}

/// A one-probe filter over words, case-insensitive: a bit per (first letter, second letter,
/// last letter, length) signature. A clear bit means the word is certainly not in the set;
/// a set bit sends it to the exact lookup. 8 KB, so it stays in the L1 cache.
#[derive(Debug)]
struct SigFilter {
    bits: Vec<u64>,
}

impl Default for SigFilter {
    fn default() -> SigFilter {
        SigFilter {
            bits: vec![0; 1 << 10],
        }
    }
}

impl SigFilter {
    /// The signature's bit; `None` for a word the filter cannot judge (non-ASCII).
    #[inline]
    fn sig(word: &[u8]) -> Option<usize> {
        let n = word.len();
        if n == 0 || !word.is_ascii() {
            return None;
        }
        let low = |b: u8| usize::from(b.to_ascii_lowercase()) & 63;
        let key = low(word[0])
            | low(word[n.min(2) - 1]) << 6
            | low(word[n - 1]) << 12
            | (n.min(63)) << 18;
        Some((key ^ (key >> 16) ^ (key >> 8 & 0xff00)) & 0xffff)
    }

    fn insert(&mut self, word: &str) {
        if let Some(b) = SigFilter::sig(word.as_bytes()) {
            self.bits[b >> 6] |= 1 << (b & 63);
        }
    }

    /// False when the word is certainly not in the set.
    #[inline]
    fn may_contain(&self, word: &[u8]) -> bool {
        SigFilter::sig(word).is_none_or(|b| self.bits[b >> 6] & (1 << (b & 63)) != 0)
    }
}

/// A hash of an ASCII word with its letters lowercased, computed without allocating; `None`
/// for a word with non-ASCII bytes (the caller lowercases those).
#[inline]
pub fn fold_hash(bytes: &[u8]) -> Option<u64> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        if b >= 0x80 {
            return None;
        }
        h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01b3);
    }
    Some(h)
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
    /// Builds the lexicon from its table.
    pub fn new(table: &Table) -> Result<Lexicon> {
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
                    let words: Vec<Box<str>> = text.split_whitespace().map(Box::from).collect();
                    // The word that starts the date ("the" is read by the rules anyway).
                    let head = words
                        .iter()
                        .find(|w| &***w != "the")
                        .cloned()
                        .ok_or_else(bad)?;
                    lx.ref_phrases.push((words, known()?));
                    let e = lx.words.entry(head).or_default();
                    if !e.contains(&Word::RefHead) {
                        e.push(Word::RefHead);
                    }
                    continue;
                }
                "ref" => Word::Ref(known()?),
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
        let hashes: Vec<u64> = lx
            .anchor_words
            .iter()
            .filter_map(|w| fold_hash(w.as_bytes()))
            .collect();
        lx.anchors.extend(hashes);
        let mut keys: Vec<(&Box<str>, &Vec<Word>)> = lx.words.iter().collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        let mut by_hash: FxHashMap<u64, Vec<(Box<str>, usize)>> = FxHashMap::default();
        let mut by_hash_words = Vec::new();
        for (k, ws) in keys {
            if let Some(h) = fold_hash(k.as_bytes()) {
                by_hash
                    .entry(h)
                    .or_default()
                    .push((k.clone(), by_hash_words.len()));
                by_hash_words.push(ws.clone());
            }
        }
        for w in lx.anchor_words.iter() {
            lx.anchor_filter.insert(w);
        }
        for w in lx.words.keys() {
            lx.word_filter.insert(w);
        }
        lx.by_hash = by_hash;
        lx.by_hash_words = by_hash_words;
        Ok(lx)
    }

    /// Meanings of a lowercase word.
    #[inline]
    pub fn get(&self, lower: &str) -> &[Word] {
        self.words.get(lower).map_or(&[], |v| v.as_slice())
    }

    /// Meanings of a word as written (any case), without allocating for ASCII words.
    #[inline]
    pub fn get_any_case(&self, word: &str) -> &[Word] {
        if !self.word_filter.may_contain(word.as_bytes()) {
            return &[];
        }
        match fold_hash(word.as_bytes()) {
            Some(h) => self.by_hash.get(&h).map_or(&[], |v| {
                v.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(word))
                    .map_or(&[], |(_, i)| self.by_hash_words[*i].as_slice())
            }),
            None => self.get(&word.to_lowercase()),
        }
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

    /// True when a word (as written) can anchor a date: a month, weekday, unit or other word
    /// that can make a date alone, or an `anchor` row. A hash match is confirmed by the caller's exact rules, so a collision only costs
    /// time; a word the hash cannot take is lowercased and looked up.
    #[inline]
    pub fn may_anchor(&self, word: &str) -> bool {
        if !self.anchor_filter.may_contain(word.as_bytes()) {
            return false;
        }
        match fold_hash(word.as_bytes()) {
            Some(h) => self.anchors.contains(&h),
            None => self.anchor_words.contains(word.to_lowercase().as_str()),
        }
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
