//! First pass: date rules over tokens. Each rule reads a short token sequence and emits an
//! underspecified [`Val`]; the stage resolves it afterwards. Rules are tried longest first at
//! every candidate token; a cheap prefilter skips tokens that cannot start a date.

use super::lexicon::{Entry, Lexicon, Unit, Word};
use super::value::{Dir, Val};
use crate::model::{Token, TokenKind};
use smallvec::{smallvec, SmallVec};

/// What a rule found at a token: one date kept inline (a rule allocates nothing), or the two
/// ends of a range (rare: on the heap). One inline date is small enough to be moved without a
/// call to `memcpy`, as the rules hand their finds on.
pub type Finds = SmallVec<[Found; 1]>;

/// Which end of a range a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangePart {
    /// The first date of a range ("April 16" in "April 16 to 19").
    Begin,
    /// The last ("19").
    End,
}

/// A date found by a rule: tokens `start..end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The value.
    pub val: Val,
    /// Rule id.
    pub rule: &'static str,
    /// Range end, if part of a range.
    pub range: Option<RangePart>,
    /// Direction forced by the expression itself ("last March").
    pub dir: Option<Dir>,
}

/// Token access for the rules.
pub struct Ctx<'t> {
    /// Document text.
    pub text: &'t str,
    /// All tokens.
    pub toks: &'t [Token],
    /// Sentence token range start.
    pub start: usize,
    /// Sentence token range end.
    pub end: usize,
    /// The lexicon.
    pub lx: &'t Lexicon,
    /// The lexicon entry of each token of the sentence (`start..end`), looked up once.
    pub entries: &'t [Entry],
    /// One past the sentence's last token with a unit among its meanings ([`Ctx::has_unit`]),
    /// 0 without one: a duration starts before it.
    pub unit_end: usize,
}

/// A lowercased token without allocation for short ASCII words.
pub struct Lower {
    buf: [u8; 24],
    len: usize,
    heap: Option<String>,
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.heap {
            Some(s) => s,
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""),
        }
    }
}

impl<'t> Ctx<'t> {
    #[inline]
    fn tok(&self, i: usize) -> Option<&'t str> {
        (i < self.end).then(|| &self.text[self.toks[i].span()])
    }

    #[inline]
    fn kind(&self, i: usize) -> Option<TokenKind> {
        (i < self.end).then(|| self.toks[i].kind)
    }

    /// Lowercase text of token `i` (empty past the end).
    pub fn lower(&self, i: usize) -> Lower {
        let s = self.tok(i).unwrap_or("");
        if s.is_ascii() && s.len() <= 24 {
            let mut buf = [0u8; 24];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            buf[..s.len()].make_ascii_lowercase();
            Lower {
                buf,
                len: s.len(),
                heap: None,
            }
        } else {
            Lower {
                buf: [0; 24],
                len: 0,
                heap: Some(s.to_lowercase()),
            }
        }
    }

    /// The bytes of token `i` (`None` past the end).
    #[inline]
    fn bytes(&self, i: usize) -> Option<&'t [u8]> {
        (i < self.end).then(|| {
            let sp = self.toks[i].span();
            &self.text.as_bytes()[sp.start..sp.end]
        })
    }

    /// True when token `i` is `w` in any ASCII case (the lengths compared first: most tokens
    /// stop there).
    #[inline]
    pub(super) fn is(&self, i: usize, w: &str) -> bool {
        self.bytes(i)
            .is_some_and(|s| s.len() == w.len() && s.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// True when token `i` is one of `ws` in any ASCII case (inlined: the list, known at each
    /// call, unrolls into tests of its lengths and bytes).
    #[inline(always)]
    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        self.bytes(i).is_some_and(|s| {
            ws.iter()
                .any(|w| s.len() == w.len() && s.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    #[inline(always)]
    fn words(&self, i: usize) -> &'t [Word] {
        if i >= self.end || !matches!(self.toks[i].kind, TokenKind::Word | TokenKind::Abbrev) {
            return &[];
        }
        match i.checked_sub(self.start).and_then(|k| self.entries.get(k)) {
            Some(e) => self.lx.entry_words(*e),
            None => self.lx.get_any_case(&self.text[self.toks[i].span()]),
        }
    }

    /// True when token `i` is a word or abbreviation with a meaning in the lexicon (what
    /// [`Lexicon::contains`] says of it lowercased).
    #[inline]
    pub(super) fn has_meaning(&self, i: usize) -> bool {
        !self.words(i).is_empty()
    }

    /// True when token `i` has a unit among its meanings (`word(i, Word::unit).is_some()`,
    /// from a flag of its entry; inlined: most callers test a few tokens in a row).
    #[inline(always)]
    pub(super) fn has_unit(&self, i: usize) -> bool {
        if i >= self.end || !matches!(self.toks[i].kind, TokenKind::Word | TokenKind::Abbrev) {
            return false;
        }
        match i.checked_sub(self.start).and_then(|k| self.entries.get(k)) {
            Some(e) => self.lx.entry_has_unit(*e),
            None => self.word(i, Word::unit).is_some(),
        }
    }

    /// The first meaning of token `i` that `pick` accepts (`Word::month`, `Word::day_part`…);
    /// inlined into each caller, where `pick` is known (a call cost more than the search).
    #[inline(always)]
    pub(super) fn word<T>(&self, i: usize, pick: impl Fn(Word) -> Option<T>) -> Option<T> {
        meaning(self.words(i), pick)
    }

    /// The lexicon entry of token `i` (a word or abbreviation of the sentence).
    #[inline]
    fn entry(&self, i: usize) -> Entry {
        match i.checked_sub(self.start).and_then(|k| self.entries.get(k)) {
            Some(e) if i < self.end => *e,
            _ if i < self.end => self.lx.entry(&self.text[self.toks[i].span()]),
            _ => Entry::NONE,
        }
    }

    /// The meanings of token `i` whatever its kind (a word, or punctuation that spells a
    /// lexicon word).
    fn words_any_kind(&self, i: usize) -> &'t [Word] {
        match self.kind(i) {
            None => &[],
            Some(TokenKind::Word | TokenKind::Abbrev) => self.words(i),
            Some(_) => self.lx.get_any_case(&self.text[self.toks[i].span()]),
        }
    }

    /// True when tokens `i` and `i+1` touch (no space between).
    fn touching(&self, i: usize) -> bool {
        i + 1 < self.end && self.toks[i].span().end == self.toks[i + 1].span().start
    }

    /// True when token `i` is a hyphen or a dash ("-", "–", "—"), compared as bytes.
    #[inline(always)]
    fn hyphen(&self, i: usize) -> bool {
        self.bytes(i)
            .is_some_and(|s| matches!(s, b"-" | [0xE2, 0x80, 0x93 | 0x94]))
    }

    /// A month name (capitalised, or any case in all-caps text): (month, next token).
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i).filter(|_| i < self.end)?;
        if t.kind != TokenKind::Word || !t.is_cap() {
            return None;
        }
        let m = self.word(i, Word::month)?;
        let mut next = i + 1;
        let s = self.tok(i)?;
        let abbreviation = s.len() <= 4 && !matches!(s, "June" | "July" | "May");
        if abbreviation && self.is(next, ".") && self.touching(i) {
            next += 1;
        }
        Some((m, next))
    }

    /// A day of month 1–31, digits with an optional ordinal suffix: (day, next).
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let s = self.tok(i)?;
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &s[digits.len()..];
        if !(suffix.is_empty()
            || ["st", "nd", "rd", "th"]
                .iter()
                .any(|x| suffix.eq_ignore_ascii_case(x)))
        {
            return None;
        }
        if digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some((d, i + 1))
    }

    /// A four-digit year: (year, next).
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let s = self.bytes(i)?;
        if s.len() != 4 || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Four digits: read without the integer parser.
        let y = s.iter().fold(0i32, |y, b| y * 10 + i32::from(b - b'0'));
        (1000..=2199).contains(&y).then_some((y, i + 1))
    }

    /// A cardinal number (digits or words; `None` for vague "few"): (value, next).
    fn number(&self, i: usize) -> Option<(Option<f64>, usize)> {
        match self.kind(i)? {
            TokenKind::Number => {
                let s = self.tok(i)?;
                // Plain digits (exact in an f64) without the float parser.
                let v: f64 = if (1..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
                {
                    s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64
                } else if s.contains(',') {
                    s.replace(',', "").parse().ok()?
                } else {
                    s.parse().ok()?
                };
                Some((Some(v), i + 1))
            }
            TokenKind::Word => {
                let mut v = self.word(i, Word::number)?;
                let mut next = i + 1;
                // "a few", "a couple of" (two, as TimeBank values it)
                if self.is_any(i, &["a", "an"]) && self.is_any(next, &["few", "couple"]) {
                    v = self.word(next, Word::number)?;
                    next += 1;
                }
                if self.is(next, "of") && self.is(next - 1, "couple") {
                    next += 1;
                }
                // twenty four / twenty-four
                if let Some(tens) = v.filter(|t| *t >= 20.0 && *t % 10.0 == 0.0 && *t < 100.0) {
                    let j = if self.hyphen(next) { next + 1 } else { next };
                    if let Some(Some(u)) = self.word(j, Word::number) {
                        if (1.0..10.0).contains(&u) && !self.is_any(j, &["a", "an"]) {
                            v = Some(tens + u);
                            next = j + 1;
                        }
                    }
                }
                Some((v, next))
            }
            _ => None,
        }
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool, usize)> {
        if !self.has_unit(i) {
            return None;
        }
        let u = self.word(i, Word::unit)?;
        let plural = self.bytes(i)?.ends_with(b"s");
        Some((u, plural, i + 1))
    }

    #[inline]
    fn shift_word(&self, i: usize) -> Option<i32> {
        self.word(i, Word::shift)
    }
}

/// The first of `words` that `pick` accepts (`Word::month`, `Word::day_part`…): what
/// [`Ctx::word`] answers, for meanings already read.
#[inline(always)]
fn meaning<T>(words: &[Word], pick: impl Fn(Word) -> Option<T>) -> Option<T> {
    words.iter().copied().find_map(pick)
}

fn found(start: usize, end: usize, val: Val, rule: &'static str) -> Found {
    Found {
        start,
        end,
        val,
        rule,
        range: None,
        dir: None,
    }
}

/// Words without a date meaning that [`may_start`] lets start a date: the commonest ones
/// (`a`, `an`, `the`, `for`, `within`) only before a date word or a number.
pub const STARTERS: &[&str] = &[
    "a", "an", "the", "for", "within", "between", "from", "every", "each", "recent", "at",
    "fiscal", "mid", "noon", "midday",
];

/// A word's flag beside its rule mask: one of the commonest starters (`STARTERS[..5]`: "a",
/// "an", "the", "for", "within").
const COMMON_STARTER: u32 = 1 << 29;
/// A word's flag beside its rule mask: another of `STARTERS`.
const OTHER_STARTER: u32 = 1 << 30;
/// A word's flag beside its rule mask: the first word of a quantity modifier.
const MODIFIER_FIRST: u32 = 1 << 31;
/// The rule bits of a word's mask.
const RULE_BITS: u32 = (1 << WORD_RULES.len()) - 1;

/// Can a date start at token `i`? (Cheap check before the rules.)
pub fn may_start(c: &Ctx<'_>, i: usize) -> bool {
    match c.toks[i].kind {
        TokenKind::Number => true,
        TokenKind::Word | TokenKind::Abbrev => {
            // Only a starter word (one of `STARTERS` or the first word of a modifier) needs
            // more than its meanings.
            let e = c.entry(i);
            if !e.is_starter() {
                return !c.words(i).is_empty();
            }
            let flags = c.lx.rule_mask(e);
            // The commonest words start a date only before a date word or a number.
            if flags & COMMON_STARTER != 0 {
                // Compared as written, case-insensitively: no lowercased copy.
                let s = &c.text[c.toks[i].span()];
                let is = |w: &str| s.eq_ignore_ascii_case(w);
                let next_ok = |j: usize| {
                    c.kind(j) == Some(TokenKind::Number) || !c.words_any_kind(j).is_empty()
                };
                return next_ok(i + 1)
                    || (is("a") && c.is_any(i + 1, &["few", "couple"]))
                    || (is("the")
                        && c.is_any(
                            i + 1,
                            &[
                                "latest",
                                "initial",
                                "final",
                                "same",
                                "comparable",
                                "corresponding",
                                "calendar",
                                "fiscal",
                                "full",
                                "whole",
                            ],
                        ));
            }
            !c.words(i).is_empty() || flags & (MODIFIER_FIRST | OTHER_STARTER) != 0
        }
        _ => false,
    }
}

/// A rule: the dates it finds starting at token `i`.
type Rule = fn(&Ctx<'_>, usize) -> Option<Finds>;

/// The rules a word tries, in order (the first of the longest wins); bit `k` of a word's rule
/// mask ([`word_rule_mask`]) lets it try `WORD_RULES[k]`.
const WORD_RULES: [Rule; 17] = [
    time_rule,
    year_range,
    month_rules,
    part_of,
    decade,
    weekday,
    relday,
    shift_unit,
    duration,
    reference,
    set_rule,
    season_quarter,
    quarter,
    year_alone,
    spoken_year,
    weekend_fiscal,
    holiday,
];

/// Which of [`WORD_RULES`] can find a date that starts with a word, from the word (lowercase),
/// its meanings and whether it starts a quantity modifier: each rule's first test, so that a
/// word tries only the rules that can start with it. (A rule left in may still find nothing;
/// a rule left out would find nothing.)
pub fn word_rule_mask(w: &str, meanings: &[Word], modifier_first: bool) -> u32 {
    let has = |f: fn(&Word) -> bool| meanings.iter().any(f);
    let is = |ws: &[&str]| ws.contains(&w);
    let shift = has(|m| matches!(m, Word::Shift(_)));
    let the = w == "the";
    let starts = [
        // time_rule: "noon", "midday" (a time of day is a number)
        is(&["noon", "midday"]),
        // year_range: "between 2019 and 2021", "from 2019 to 2021"
        is(&["between", "from"]),
        // month_rules: "last May", "from May to July", "May"
        shift || w == "from" || has(|m| matches!(m, Word::Month(_))),
        // part_of: "the end of", "early", "mid-2022"
        the || w == "mid" || has(|m| matches!(m, Word::Part(_))),
        // decade: "the nineties", "the 1990s" (a number or decade word alone: after "the")
        the,
        // weekday: "the previous Friday", "last Friday", "Friday"
        the || shift || has(|m| matches!(m, Word::Weekday(_))),
        // relday: "this morning", "yesterday"
        shift || has(|m| matches!(m, Word::RelDay(_))),
        // shift_unit: an anaphor ("that year", "the following month"), "the past week",
        // "next week"
        the || shift || has(|m| matches!(m, Word::AnaphorHead)),
        // duration: "decades-long", "recent years", "more than two years", "the nine months",
        // "two years"
        the || w == "recent"
            || modifier_first
            || has(|m| matches!(m, Word::Unit(_) | Word::Number(_))),
        // reference: a phrase ("the near future"), "the past", "at present", "now"
        the || w == "at" || has(|m| matches!(m, Word::RefHead | Word::Ref(_))),
        // set_rule: "every week", "daily"
        is(&["every", "each"]) || has(|m| matches!(m, Word::Set(_))),
        // season_quarter: "the summer", "this past spring", "last summer", "summer"
        the || w == "this" || shift || has(|m| matches!(m, Word::Season(_))),
        // quarter: "next year's first quarter", "the third quarter", "fiscal", "year-earlier",
        // "third-quarter"
        shift
            || is(&["the", "this", "year"])
            || is(&QUARTER_ADJECTIVES)
            || has(|m| matches!(m, Word::Ordinal(_))),
        // year_alone: "fiscal 1989" (a year alone is a number)
        w == "fiscal",
        // spoken_year: "the year 2000", "nineteen ninety-six"
        is(&["the", "nineteen", "eighteen"]),
        // weekend_fiscal: "the weekend", "the fiscal year", "for weeks", "within months"
        is(&["the", "for", "within"]),
        // holiday: "last Christmas", "Christmas"
        shift || has(|m| matches!(m, Word::Holiday)),
    ];
    let flags = [
        (STARTERS[..5].contains(&w), COMMON_STARTER),
        (STARTERS[5..].contains(&w), OTHER_STARTER),
        (modifier_first, MODIFIER_FIRST),
    ];
    starts
        .iter()
        .enumerate()
        .filter(|(_, s)| **s)
        .fold(0, |mask, (k, _)| mask | 1 << k)
        | flags
            .iter()
            .filter(|(on, _)| *on)
            .fold(0, |mask, (_, flag)| mask | flag)
}

/// Tries every rule that can start at token `i`; returns what the longest one found.
#[inline(always)]
pub fn rules_at(c: &Ctx<'_>, i: usize) -> Finds {
    // The rules in order (the first of the longest wins); a number tries only the rules that
    // can start with one (those that need a year only before a year), a word only those its
    // rule mask names.
    let mut best = Longest::default();
    if c.kind(i) == Some(TokenKind::Number) {
        let year = c.year(i).is_some();
        if may_be_time(c, i) {
            best.keep(time_rule(c, i));
        }
        best.keep(numeric_date(c, i));
        // A year range needs its separator right after the year.
        if year && range_sep(c, i + 1) {
            best.keep(year_range(c, i));
        }
        // A day before its month needs the month ("16 April"), "of" ("16th of April") or a
        // range's separator ("16-18 April") right after it.
        if c.toks
            .get(i + 1)
            .is_some_and(|t| t.kind == TokenKind::Word && t.is_cap())
            || c.is(i + 1, "of")
            || range_sep(c, i + 1)
        {
            best.keep(day_first(c, i));
        }
        // A decade number is "1990s" (five bytes) or "20th" before "century".
        if c.toks[i].span().len() == 5 || c.is(i + 1, "century") {
            best.keep(decade(c, i));
        }
        if i < c.unit_end {
            best.keep(duration(c, i));
        }
        if year {
            // A quarter after a year ("1988 third quarter", "1989 year-earlier") needs an
            // ordinal, "year", "quarter" or "period" right after it.
            if c.is_any(i + 1, &["year", "quarter", "period"])
                || c.word(i + 1, Word::ordinal).is_some()
            {
                best.keep(quarter(c, i));
            }
            best.keep(year_alone(c, i));
        }
    } else {
        let flags = c.lx.rule_mask(c.entry(i));
        let mut mask = flags & RULE_BITS;
        // "the" tries ten rules; the word after it rules out most of them.
        if flags & COMMON_STARTER != 0
            && flags & MODIFIER_FIRST == 0
            && c.is(i, "the")
            && c.words(i).is_empty()
        {
            mask &= after_the(c, i + 1);
        }
        // A shift word ("last", "this", "next"…) tries seven rules; most need a word of their
        // own after it.
        if mask & SHIFT_TESTED != 0 && c.shift_word(i).is_some() {
            mask &= after_shift(c, i);
        }
        // A duration needs a unit at or after its first token.
        if i >= c.unit_end {
            mask &= !DURATION;
        }
        while mask != 0 {
            let k = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if let Some(rule) = WORD_RULES.get(k) {
                best.keep(rule(c, i));
            }
        }
    }
    best.found
}

/// The rules of [`WORD_RULES`] that can find a date starting with "the" before token `n`
/// (a "the" without meanings that starts no modifier): each rule's test of the word after
/// "the", so that a rule left out would find nothing there. The bits of other rules are kept.
/// A rule is named by its index in `WORD_RULES` (the test `the_rules_are_those_after_the_tests`
/// checks that these are the rules "the" tries).
fn after_the(c: &Ctx<'_>, n: usize) -> u32 {
    let number = c.kind(n) == Some(TokenKind::Number);
    // The meanings of the word after "the", read once: those of any token (`words_any_kind`)
    // and those of a word (`Ctx::word`, none for other tokens).
    let any = c.words_any_kind(n);
    let words = if matches!(c.kind(n), Some(TokenKind::Word | TokenKind::Abbrev)) {
        any
    } else {
        &[]
    };
    let shift = meaning(words, Word::shift).is_some();
    let tests: [(usize, bool); 10] = [
        // "the end of", "the mid-1990s"
        (3, meaning(words, Word::part).is_some() || c.is(n, "mid")),
        // "the nineties", "the 1990s", "the 20th century"
        (4, number || meaning(words, Word::decade).is_some()),
        // "the previous Friday"
        (5, shift),
        // "the following month", "the past week"
        (7, shift || any.contains(&Word::AnaphorHead)),
        // "the first nine months", "the two years"
        (
            8,
            number
                || meaning(words, Word::number).is_some()
                || c.is_any(n, &["first", "latest", "initial", "final", "same"]),
        ),
        // "the near future", "the past"
        (
            9,
            any.contains(&Word::RefHead) || c.is_any(n, &["past", "future"]),
        ),
        // "the summer", "the last summer", "the this past spring"
        (
            11,
            shift || c.is(n, "this") || meaning(words, Word::season).is_some(),
        ),
        // "the third quarter", "the fiscal first quarter", "the 1988 third quarter", "the
        // year-earlier quarter", "the quarter", "the period"
        (
            12,
            number
                || c.is_any(n, &QUARTER_ADJECTIVES)
                || c.is_any(n, &["year", "quarter", "period"])
                || meaning(words, Word::ordinal).is_some(),
        ),
        // "the year 2000"
        (14, c.is(n, "year")),
        // "the weekend", "the (current) fiscal year", "the year ended", "the full year"
        (
            15,
            c.is_any(
                n,
                &[
                    "weekend", "year", "full", "whole", "current", "latest", "fiscal",
                ],
            ),
        ),
    ];
    rules_kept(&tests)
}

/// [`RULE_BITS`] without the bit of each rule (by its index in [`WORD_RULES`]) whose test failed.
fn rules_kept(tests: &[(usize, bool)]) -> u32 {
    tests
        .iter()
        .fold(RULE_BITS, |m, (k, ok)| if *ok { m } else { m & !(1 << k) })
}

/// The bit of `duration` in [`WORD_RULES`].
const DURATION: u32 = 1 << 8;

/// The rules of [`WORD_RULES`] that [`after_shift`] tests: month_rules, weekday, relday,
/// season_quarter, quarter and holiday.
const SHIFT_TESTED: u32 = 1 << 2 | 1 << 5 | 1 << 6 | 1 << 11 | 1 << 12 | 1 << 16;

/// The rules of [`WORD_RULES`] that can find a date starting with the shift word at token
/// `i` ("last", "this", "next"…): each rule's test of a shift word and the word after it, so
/// that a rule left out would find nothing there. The bits of other rules are kept. A rule is
/// named by its index in `WORD_RULES` (the test `the_rules_are_those_after_a_shift_tests`
/// checks the names).
fn after_shift(c: &Ctx<'_>, i: usize) -> u32 {
    let n = i + 1;
    let the = c.is(i, "the");
    // The meanings of the shift word and of the word after it, read once.
    let (own, next) = (c.words(i), c.words(n));
    let tests: [(usize, bool); 6] = [
        // "last November": a month after the shift word
        (2, meaning(next, Word::month).is_some()),
        // "last Friday" ("the previous Friday" starts at "the")
        (5, the || meaning(next, Word::weekday).is_some()),
        // "this morning" (a part of the day after it), or a shift word that is itself a day
        (
            6,
            meaning(next, Word::day_part).is_some() || meaning(own, Word::rel_day).is_some(),
        ),
        // "last summer", "this past spring"
        (
            11,
            the || meaning(next, Word::season).is_some() || (c.is(i, "this") && c.is(n, "past")),
        ),
        // "next year's first quarter", "this quarter", "current quarter"; a shift word that
        // is itself a determiner, an adjective, an ordinal or a quarter word
        (
            12,
            c.is(n, "year")
                || c.is_any(i, &["the", "this", "year", "quarter", "period"])
                || c.is_any(i, &QUARTER_ADJECTIVES)
                || meaning(own, Word::ordinal).is_some(),
        ),
        // "last Christmas", or a shift word that is itself a holiday
        (
            16,
            next.contains(&Word::Holiday) || own.contains(&Word::Holiday),
        ),
    ];
    rules_kept(&tests)
}

/// What the longest rule found so far at a token (the first of equally long ones).
#[derive(Default)]
struct Longest {
    found: Finds,
    end: usize,
}

impl Longest {
    #[inline(always)]
    fn keep(&mut self, f: Option<Finds>) {
        if let Some(f) = f {
            let end = f.iter().map(|x| x.end).max().unwrap_or(0);
            if end > self.end {
                self.end = end;
                self.found = f;
            }
        }
    }
}

/// A day right after a time of day: "10 p.m. Wednesday", "noon Thursday", "9 a.m. EST
/// Tuesday". The time then stands for that day.
fn day_after_time(c: &Ctx<'_>, next: usize) -> Option<(Val, usize)> {
    let f = weekday(c, next).or_else(|| relday(c, next))?;
    match f.as_slice() {
        [one] if one.start == next && one.dir.is_none() => Some((one.val.clone(), one.end)),
        _ => None,
    }
}

/// True when the number at token `i` may be a time of day, as [`time_rule`] reads one: with a
/// colon ("09:15"), a meridiem of its own ("9pm") or one after it ("9 p.m."). Most numbers
/// have none: they skip the rule.
#[inline]
fn may_be_time(c: &Ctx<'_>, i: usize) -> bool {
    c.bytes(i).is_some_and(|s| {
        matches!(s, [.., b'a' | b'A' | b'p' | b'P', b'm' | b'M']) || s.contains(&b':')
    }) || c.word(i + 1, Word::meridiem).is_some()
}

fn time_rule(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    if c.is_any(i, &["noon", "midday"]) {
        // "at midday" alone: noon of the day of publication.
        let (day, end) = day_after_time(c, i + 1).or_else(|| {
            c.is(i, "midday").then_some((
                Val::Shift {
                    unit: Unit::Day,
                    n: 0,
                },
                i + 1,
            ))
        })?;
        let val = Val::Time {
            day: Some(Box::new(day)),
            h: 12,
            mi: 0,
        };
        return Some(smallvec![found(i, end, val, "time")]);
    }
    if c.kind(i)? != TokenKind::Number {
        return None;
    }
    let s = c.tok(i)?;
    // A suffix "am"/"pm" in any case; the body is read as written (its letters, in any case,
    // fail to parse alike).
    let suffix = s.len().checked_sub(2).and_then(|k| s.get(k..));
    let (body, mer_inline) = match suffix {
        Some(x) if x.eq_ignore_ascii_case("am") => (&s[..s.len() - 2], Some(false)),
        Some(x) if x.eq_ignore_ascii_case("pm") => (&s[..s.len() - 2], Some(true)),
        _ => (s, None),
    };
    // A time has a colon or a meridiem ("09:15", "9pm", "9 p.m."): most numbers stop here,
    // unparsed.
    if mer_inline.is_none() && !body.contains(':') && c.word(i + 1, Word::meridiem).is_none() {
        return None;
    }
    let (mut h, mi, colon) = match body.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?, true),
        None if mer_inline.is_some() => (body.parse::<u32>().ok()?, 0, false),
        None => (body.parse::<u32>().ok()?, 0, false),
        _ => return None,
    };
    let mut next = i + 1;
    let mut mer = mer_inline;
    if mer.is_none() {
        if let Some(m) = c.word(next, Word::meridiem) {
            mer = Some(m);
            next += 1;
        }
    }
    if !colon && mer.is_none() {
        return None;
    }
    if h > 23 || mi > 59 || (mer.is_some() && (h == 0 || h > 12)) {
        return None;
    }
    if let Some(pm) = mer {
        if pm && h < 12 {
            h += 12;
        } else if !pm && h == 12 {
            h = 0;
        }
    }
    if c.words(next).contains(&Word::TimeZone) {
        next += 1;
    }
    if let Some((day, end)) = day_after_time(c, next) {
        if !matches!(day, Val::DayPart { .. }) {
            let val = Val::Time {
                day: Some(Box::new(day)),
                h,
                mi,
            };
            return Some(smallvec![found(i, end, val, "time")]);
        }
    }
    Some(smallvec![found(
        i,
        next,
        Val::Time { day: None, h, mi },
        "time"
    )])
}

fn numeric_date(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    if c.kind(i)? != TokenKind::Number {
        return None;
    }
    let s = c.tok(i)?;
    // ISO 2023-04-14 as tokens 2023 - 04 - 14 (touching).
    if s.len() == 4
        && c.touching(i)
        && c.hyphen(i + 1)
        && c.touching(i + 1)
        && c.touching(i + 2)
        && c.hyphen(i + 3)
        && c.touching(i + 3)
    {
        let y: i32 = s.parse().ok()?;
        let m: u32 = c.tok(i + 2)?.parse().ok()?;
        let d: u32 = c.tok(i + 4)?.parse().ok()?;
        if c.tok(i + 2)?.len() == 2
            && c.tok(i + 4)?.len() == 2
            && chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
        {
            return Some(smallvec![found(
                i,
                i + 5,
                Val::Day { y: Some(y), m, d },
                "iso_date",
            )]);
        }
    }
    let sep = if s.contains('.') {
        '.'
    } else if s.contains('/') {
        '/'
    } else {
        return None;
    };
    // Exactly three parts of digits, read without allocating.
    let mut split = s.split(sep);
    let (Some(p0), Some(p1), Some(p2), None) =
        (split.next(), split.next(), split.next(), split.next())
    else {
        return None;
    };
    let parts = [p0, p1, p2];
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: [u32; 3] = parts.map(|p| p.parse().unwrap_or(0));
    let year = |p: &str, v: u32| -> Option<i32> {
        match p.len() {
            4 => Some(v as i32),
            2 => Some(if v < 50 {
                2000 + v as i32
            } else {
                1900 + v as i32
            }),
            _ => None,
        }
    };
    let (y, m, d) = if parts[0].len() == 4 {
        (Some(n[0] as i32), n[1], n[2])
    } else if sep == '.' || n[0] > 12 {
        (year(parts[2], n[2]), n[1], n[0]) // European d.m.y
    } else {
        (year(parts[2], n[2]), n[0], n[1]) // US m/d/y
    };
    let y = y?;
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    Some(smallvec![found(
        i,
        i + 1,
        Val::Day { y: Some(y), m, d },
        "numeric_date",
    )])
}

fn range_sep(c: &Ctx<'_>, i: usize) -> bool {
    // Every separator starts with '-', the first byte of '–' and '—', 't' or 'u': most tokens
    // stop at their first byte.
    c.bytes(i)
        .is_some_and(|s| matches!(s.first(), Some(b'-' | 0xE2 | b't' | b'T' | b'u' | b'U')))
        && (c.hyphen(i) || c.is_any(i, &["to", "through", "thru", "until", "till"]))
}

fn year_range(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let (start, lead) = if c.is_any(i, &["between", "from"]) {
        (i + 1, true)
    } else {
        (i, false)
    };
    let (y1, n1) = c.year(start)?;
    let (sep_ok, j) = if lead && c.is_any(i, &["between"]) {
        (c.is(n1, "and"), n1 + 1)
    } else {
        (range_sep(c, n1), n1 + 1)
    };
    if !sep_ok {
        return None;
    }
    // 1998-99
    let (y2, n2) = match c.year(j) {
        Some(v) => v,
        None if c.hyphen(n1) => {
            let s = c.tok(j)?;
            if c.kind(j)? != TokenKind::Number || s.len() != 2 {
                return None;
            }
            let v: i32 = s.parse().ok()?;
            let y = y1 / 100 * 100 + v;
            if y <= y1 {
                return None;
            }
            (y, j + 1)
        }
        None => return None,
    };
    if y2 <= y1 {
        return None;
    }
    let mut a = found(start, n1, Val::Year(y1), "year_range");
    a.range = Some(RangePart::Begin);
    let mut b = found(j, n2, Val::Year(y2), "year_range");
    b.range = Some(RangePart::End);
    Some(smallvec![a, b])
}

/// Months: "April 16", "April 16, 2023", "April 16 to 19", "April 16-18", "March 2023",
/// "from May to July", "March".
fn month_rules(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // "last November", "this September", "next May": the shift word is part of the date.
    if let Some(n) = c.shift_word(i) {
        if c.month(i + 1).is_some() {
            let mut f = month_rules(c, i + 1)?;
            if f.len() == 1 && f[0].start == i + 1 {
                f[0].start = i;
                f[0].dir = match n {
                    n if n < 0 => Some(Dir::Past),
                    n if n > 0 => Some(Dir::Future),
                    _ => Some(Dir::Same),
                };
                return Some(f);
            }
        }
        return None;
    }
    let from = c.is(i, "from");
    let i0 = if from { i + 1 } else { i };
    let (m, n) = c.month(i0)?;
    // day
    if let Some((d, nd)) = c.day(n) {
        // don't read "April 16:00" or a number that continues (16.5)
        let mut k = nd;
        // range of days
        if range_sep(c, k) || (c.is(k, "and") && c.day(k + 1).is_some()) {
            if let Some((d2, nd2)) = c.day(k + 1) {
                if d2 > d {
                    let (y, end2) = year_after(c, nd2);
                    let mut a = found(i0, nd, Val::Day { y, m, d }, "month_day_range");
                    a.range = Some(RangePart::Begin);
                    let mut b = found(k + 1, end2, Val::Day { y, m, d: d2 }, "month_day_range");
                    b.range = Some(RangePart::End);
                    return Some(smallvec![a, b]);
                }
            }
            // April 16 to May 2
            if let Some((m2, nm2)) = c.month(k + 1) {
                if let Some((d2, nd2)) = c.day(nm2) {
                    let (y, end2) = year_after(c, nd2);
                    let mut a = found(i0, nd, Val::Day { y, m, d }, "month_day_range");
                    a.range = Some(RangePart::Begin);
                    let mut b = found(k + 1, end2, Val::Day { y, m: m2, d: d2 }, "month_day_range");
                    b.range = Some(RangePart::End);
                    return Some(smallvec![a, b]);
                }
            }
        }
        let (y, end) = year_after(c, nd);
        k = end;
        return Some(smallvec![found(i0, k, Val::Day { y, m, d }, "month_day")]);
    }
    // month year
    if let (Some(y), ny) = year_after(c, n) {
        return Some(smallvec![found(
            i0,
            ny,
            Val::Month { y: Some(y), m },
            "month_year",
        )]);
    }
    // month range: May to July [2023]
    if range_sep(c, n) {
        if let Some((m2, nm2)) = c.month(n + 1) {
            let (y, end2) = year_after(c, nm2);
            let mut a = found(i0, n, Val::Month { y, m }, "month_range");
            a.range = Some(RangePart::Begin);
            let mut b = found(n + 1, end2, Val::Month { y, m: m2 }, "month_range");
            b.range = Some(RangePart::End);
            return Some(smallvec![a, b]);
        }
    }
    // a month alone; "May" (and "March") need a preposition or modifier before them
    let s = c.tok(i0)?;
    if c.lx.is_month_ambiguous(s) && !(i0 > c.start && c.lx.is_month_cue(&c.lower(i0 - 1))) {
        return None;
    }
    // "June last year", "January this year"
    if let Some(dy) = c.shift_word(n) {
        if let Some((Unit::Year, false, end)) = c.unit(n + 1) {
            return Some(smallvec![found(
                i0,
                end,
                Val::MonthShift { m, dy },
                "month_shift_year",
            )]);
        }
    }
    let mut f = found(i0, n, Val::Month { y: None, m }, "month");
    // (Compared in any ASCII case: no other character lowercases to a letter of these.)
    if i0 > c.start {
        if c.is_any(i0 - 1, &["last", "past", "previous"]) {
            f.dir = Some(Dir::Past);
        } else if c.is_any(i0 - 1, &["next", "coming"]) {
            f.dir = Some(Dir::Future);
        }
    }
    Some(smallvec![f])
}

/// `, 2023` or ` 2023` after a day.
fn year_after(c: &Ctx<'_>, i: usize) -> (Option<i32>, usize) {
    let j = if c.is(i, ",") { i + 1 } else { i };
    match c.year(j) {
        Some((y, n)) => (Some(y), n),
        None => match spoken_year(c, j).as_deref() {
            Some([f]) => match f.val {
                Val::Year(y) => (Some(y), f.end),
                _ => (None, i),
            },
            _ => (None, i),
        },
    }
}

/// "16 April", "16th of April 2023", "16-18 April".
fn day_first(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let (d, nd) = c.day(i)?;
    if range_sep(c, nd) {
        if let Some((d2, nd2)) = c.day(nd + 1) {
            if let Some((m, nm)) = c.month(nd2) {
                if d2 > d {
                    let (y, end) = year_after(c, nm);
                    let mut a = found(i, nd, Val::Day { y, m, d }, "day_month_range");
                    a.range = Some(RangePart::Begin);
                    let mut b = found(nd + 1, end, Val::Day { y, m, d: d2 }, "day_month_range");
                    b.range = Some(RangePart::End);
                    return Some(smallvec![a, b]);
                }
            }
        }
    }
    let j = if c.is(nd, "of") { nd + 1 } else { nd };
    let (m, nm) = c.month(j)?;
    let (y, end) = year_after(c, nm);
    let end = if y.is_some() { end } else { nm };
    Some(smallvec![found(i, end, Val::Day { y, m, d }, "day_month")])
}

/// "early March", "mid-2022", "late 1990s", "the end of March", "the beginning of 2020".
fn part_of(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let mut j = i;
    if c.is(j, "the") {
        j += 1;
    }
    let part = c.word(j, Word::part);
    let is_mid = c.is(j, "mid");
    if part.is_none() && !is_mid {
        return None;
    }
    if is_mid {
        if let Some(f) = mid_day_part(c, i, j) {
            return Some(f);
        }
    }
    // "earlier this year" is one TIMEX3, but "earlier this week", "later today" are not.
    let comparative = c.is_any(j, &["earlier", "later"]);
    j += 1;
    if (c.hyphen(j) && c.touching(j - 1)) || c.is(j, "of") {
        j += 1;
    } else if c.is(i, "the") && decade(c, j).is_none() && season_quarter(c, j).is_none() {
        return None; // "the end" alone; but "the late 1970s", "the early summer"
    }
    if comparative {
        let f = shift_unit(c, j)?;
        // "earlier that day" is one, though: the day the text last named.
        let wide = matches!(
            f.as_slice(),
            [Found {
                val: Val::Shift {
                    unit: Unit::Month | Unit::Year | Unit::Quarter,
                    ..
                } | Val::Anaphor { .. },
                ..
            }]
        );
        if !wide {
            return None;
        }
    }
    let inner = month_rules(c, j)
        .or_else(|| decade(c, j))
        .or_else(|| {
            c.year(j)
                .map(|(y, n)| smallvec![found(j, n, Val::Year(y), "year")])
        })
        .or_else(|| shift_unit(c, j))
        .or_else(|| relday(c, j))
        .or_else(|| weekday(c, j))
        .or_else(|| weekend_fiscal(c, j))
        .or_else(|| season_quarter(c, j))?;
    if inner.len() != 1 {
        return None;
    }
    let mut f = inner.into_iter().next()?;
    f.start = i;
    f.rule = "part_of";
    Some(smallvec![f])
}

/// "mid-afternoon", "mid afternoon yesterday", "mid-morning Friday": that part of the day
/// (`j` is the "mid" token); without a day after it, the day of publication.
fn mid_day_part(c: &Ctx<'_>, i: usize, j: usize) -> Option<Finds> {
    let mut k = j + 1;
    if c.hyphen(k) && c.touching(j) {
        k += 1;
    }
    let part = c.word(k, Word::day_part)?;
    let (day, end) = day_after_time(c, k + 1).unwrap_or((
        Val::Shift {
            unit: Unit::Day,
            n: 0,
        },
        k + 1,
    ));
    let val = Val::DayPart {
        day: Box::new(day),
        part,
    };
    Some(smallvec![found(i, end, val, "mid_day_part")])
}

/// "the 1990s", "1990s", "the nineties", "the 20th century".
fn decade(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let j = if c.is(i, "the") { i + 1 } else { i };
    // "the nineties"
    if let Some(d) = c.word(j, Word::decade) {
        return (j > i).then(|| smallvec![found(i, j + 1, Val::Decade(d), "decade")]);
    }
    // "the 20th century", "the 11th century"
    if c.kind(j)? == TokenKind::Number && c.is_any(j + 1, &["century"]) {
        let s = c.tok(j)?;
        let digits = s.trim_end_matches(|ch: char| ch.is_ascii_alphabetic());
        let n: i32 = digits.parse().ok()?;
        if digits.len() < s.len() && (1..=22).contains(&n) {
            return Some(smallvec![found(i, j + 2, Val::Century(n - 1), "century")]);
        }
        return None;
    }
    let s = c.tok(j)?;
    if c.kind(j)? != TokenKind::Number || s.len() != 5 || !s.ends_with('s') {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    if y % 10 != 0 || !(1000..=2190).contains(&y) {
        return None;
    }
    Some(smallvec![found(i, j + 1, Val::Decade(y / 10), "decade")])
}

fn weekday(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // "the previous Friday", "the following Monday"
    if c.is(i, "the") && c.shift_word(i + 1).is_some_and(|n| n != 0) {
        let mut f = weekday(c, i + 1)?;
        if f.len() == 1 && f[0].start == i + 1 {
            f[0].start = i;
            return Some(f);
        }
        return None;
    }
    let (j, dir) = match c.shift_word(i) {
        Some(-1) => (i + 1, Some(Dir::Past)),
        Some(1) => (i + 1, Some(Dir::Future)),
        Some(_) => (i + 1, None),
        None => (i, None),
    };
    let t = c.toks.get(j).filter(|_| j < c.end)?;
    if !t.is_cap() {
        return None;
    }
    let wd = c.word(j, Word::weekday)?;
    // "Sun", "Wed", "Sat" are also names and words: an abbreviation needs its period.
    if c.tok(j).is_some_and(|s| s.len() <= 4) && !(c.is(j + 1, ".") && c.touching(j)) {
        return None;
    }
    let mut end = j + 1;
    let mut val = Val::Weekday {
        wd,
        dir: dir.unwrap_or(Dir::Nearest),
    };
    if let Some(part) = c.word(end, Word::day_part) {
        // "Friday night" is annotated as the day in TimeBank, "Friday evening" as its
        // evening: the lexicon says which parts keep their code.
        if c.lx.keeps_weekday_part(part) {
            val = Val::DayPart {
                day: Box::new(val),
                part,
            };
        }
        end += 1;
    }
    // "Friday, April 14", "Friday Oct. 13"
    let k = if c.is(end, ",") { end + 1 } else { end };
    if c.is(end, ",") || c.month(end).is_some() {
        if let Some(mut f) = month_rules(c, k) {
            if f.len() == 1 && matches!(f[0].val, Val::Day { .. }) {
                f[0].start = i;
                f[0].rule = "weekday_date";
                return Some(f);
            }
        }
    }
    let mut f = found(i, end, val, "weekday");
    // "Wednesday's ruling", "Friday's trading": an event the news reports, so a past day.
    f.dir = dir.or_else(|| c.is_any(end, &["'s", "’s"]).then_some(Dir::Past));
    Some(smallvec![f])
}

fn relday(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // "this morning", "this evening", "last night"
    if let Some(shift) = c.shift_word(i).filter(|n| *n <= 0) {
        let part = c.word(i + 1, Word::day_part)?;
        if shift < 0 && part != "NI" {
            return None;
        }
        let val = Val::DayPart {
            day: Box::new(Val::Shift {
                unit: Unit::Day,
                n: shift,
            }),
            part,
        };
        return Some(smallvec![found(i, i + 2, val, "relday")]);
    }
    let n = c.word(i, Word::rel_day)?;
    // "today's world": the present in general, not the day.
    if c.is(i, "today") && c.is_any(i + 1, &["'s", "’s"]) {
        return None;
    }
    let mut val = Val::Shift { unit: Unit::Day, n };
    let mut end = i + 1;
    if c.is(i, "tonight") {
        val = Val::DayPart {
            day: Box::new(val),
            part: "NI",
        };
    } else if let Some(part) = c.word(end, Word::day_part) {
        val = Val::DayPart {
            day: Box::new(val),
            part,
        };
        end += 1;
    }
    Some(smallvec![found(i, end, val, "relday")])
}

/// "last month", "next week", "this year", "the past week" (a duration), "the last two years".
fn shift_unit(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // Every form below reads a unit after `i` (an anaphor's second or third word, or the
    // unit after the shift word or its number).
    if i + 1 >= c.unit_end {
        return None;
    }
    if let Some(f) = anaphor(c, i) {
        return Some(f);
    }
    let j = if c.is(i, "the") { i + 1 } else { i };
    let n = c.shift_word(j)?;
    let past = c.is(j, "past");
    // the last two years / the next five months / the past few years (PXY)
    if let Some((num, nn)) = c.number(j + 1) {
        if let Some((u, _, nu)) = c.unit(nn) {
            return Some(smallvec![found(
                i,
                nu,
                Val::Duration(u.duration(num)),
                "shift_duration",
            )]);
        }
    }
    let (u, plural, nu) = c.unit(j + 1)?;
    if plural {
        if let Some(f) = ref_phrase(c, i).filter(|f| f[0].end == nu) {
            return Some(f);
        }
        // "the past years", "coming months": a vague duration (PXY), as TimeBank mostly has it
        let val = Val::Duration(u.duration(None));
        return Some(smallvec![found(i, nu, val, "shift_duration")]);
    }
    // "over the past decade": a span of time; "the past year", "the last week": that period.
    // "this century" is annotated as the hundred years it spans, not the calendar century.
    if (past && !c.is(i, "the")) || (n == 0 && u == Unit::Century && c.is(j, "this")) {
        return Some(smallvec![found(
            i,
            nu,
            Val::Duration(u.duration(Some(1.0))),
            "shift_duration",
        )]);
    }
    Some(smallvec![found(
        i,
        nu,
        Val::Shift { unit: u, n },
        "shift_unit"
    )])
}

/// A quantity modifier at `i` ("more than", "nearly"): the token after it.
fn modifier(c: &Ctx<'_>, i: usize) -> Option<usize> {
    // The first word of every modifier is a starter: most words stop at their entry.
    if !c.kind(i).is_some_and(|k| k == TokenKind::Word) {
        return None;
    }
    let e = c.entry(i);
    if !e.is_starter() || c.lx.rule_mask(e) & MODIFIER_FIRST == 0 {
        return None;
    }
    c.lx.modifiers()
        .iter()
        .filter(|m| m.iter().enumerate().all(|(k, w)| c.is(i + k, w)))
        .map(|m| i + m.len())
        .max()
}

/// "two years", "four-day", "a few weeks", "two days ago", "a year earlier", "recent years",
/// "more than four hours", "the first nine months".
fn duration(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // Every form below reads a unit at or after `i` (the forms after a modifier or "the"
    // read it in the duration they hold).
    if i >= c.unit_end {
        return None;
    }
    // A number token can start only the last form below, whose unit comes right after it or
    // after one of the words that [`unit_may_follow`] names: most numbers stop here, unparsed.
    if c.kind(i) == Some(TokenKind::Number) && !unit_may_follow(c, i + 1) {
        return None;
    }
    // "decades-long", "day-long": a span of time as an adjective.
    if let Some((u, plural, nu)) = c.unit(i) {
        if c.hyphen(nu) && c.touching(nu - 1) && c.is(nu + 1, "long") {
            let n = (!plural).then_some(1.0);
            return Some(smallvec![found(
                i,
                nu + 2,
                Val::Duration(u.duration(n)),
                "duration",
            )]);
        }
    }
    // recent years / for years
    if c.is(i, "recent") {
        let (u, plural, nu) = c.unit(i + 1)?;
        // "in recent years": a lexicon phrase (PAST_REF) before a vague duration.
        if let Some(f) = ref_phrase(c, i).filter(|f| f[0].end == nu) {
            return Some(f);
        }
        return plural.then(|| {
            smallvec![found(
                i,
                nu,
                Val::Duration(u.duration(None)),
                "vague_duration",
            )]
        });
    }
    // A modifier TimeML keeps in the span: "more than four hours", "nearly two years ago".
    if let Some(j) = modifier(c, i) {
        if c.number(j).is_some_and(|(n, _)| n.is_some()) {
            if let Some(mut f) = duration(c, j) {
                if f.len() == 1 && f[0].start == j {
                    f[0].start = i;
                    return Some(f);
                }
            }
        }
    }
    // "the nine months", "the first nine months", "the latest nine months": the article is
    // part of a counted span of time.
    if c.is(i, "the") {
        let j = if c.is_any(i + 1, &["first", "latest", "initial", "final", "same"]) {
            i + 2
        } else {
            i + 1
        };
        if c.year(j).is_none()
            && c.number(j).is_some_and(|(n, _)| n.is_some())
            && !c.is_any(j, &["a", "an"])
        {
            let mut f = duration(c, j)?;
            if f.len() == 1 && f[0].start == j && matches!(f[0].val, Val::Duration(_)) {
                f[0].start = i;
                return Some(f);
            }
        }
        return None;
    }
    let (num, nn) = c.number(i)?;
    // Without a unit or one of the words read before it right after the number, nothing
    // below finds a duration.
    if !unit_may_follow(c, nn) {
        return None;
    }
    let more = usize::from(c.is_any(nn, &["more", "additional", "extra"]));
    if c.is_any(i, &["a", "an"]) && num.is_some() && c.unit(nn + more).is_none() {
        return None;
    }
    // "$2 million a year", "20% a year": a rate, not a span of time (but "$2 million a year
    // earlier" is a date).
    if c.is_any(i, &["a", "an", "per"])
        && !c
            .unit(nn)
            .is_some_and(|(_, _, nu)| c.is_any(nu, &["ago", "earlier"]))
        && i > c.start
        && (c.kind(i - 1) == Some(TokenKind::Number)
            || c.is_any(
                i - 1,
                &[
                    "million", "billion", "trillion", "percent", "%", "cents", "dollars",
                ],
            )
            // "24 hours a day", "four flights a week", "700 seats a week"
            || c.unit(i - 1).is_some()
            || (i > c.start + 1
                && c.number(i - 2).is_some_and(|(n, _)| n.is_some())
                && c.toks[i - 1].has(crate::model::tokflags::LOWER)))
    {
        return None;
    }
    // "2 1/2 years": a half after the number.
    let (num, nn) = if c.is_any(nn, &["1/2", "½"]) {
        (num.map(|n| n + 0.5), nn + 1)
    } else {
        (num, nn)
    };
    // "eight trading days", "five business days": days all the same.
    let nn = if c.is_any(nn, &["trading", "business", "working"])
        && c.is_any(nn + 1, &["day", "days"])
    {
        nn + 1
    } else {
        nn
    };
    // "two more weeks", "an additional year": the same span of time.
    let nn = if c.is_any(nn, &["more", "additional", "extra"]) && c.unit(nn + 1).is_some() {
        nn + 1
    } else {
        nn
    };
    let (j, hyph) = if c.hyphen(nn) && c.touching(nn - 1) {
        (nn + 1, true)
    } else {
        (nn, false)
    };
    let (u, plural, nu) = c.unit(j)?;
    // "a decades-long battle": the adjective alone is the span (read at the unit).
    if c.hyphen(nu) && c.touching(nu - 1) && c.is(nu + 1, "long") {
        return None;
    }
    // An age ("52 years old"), not a span of time; "a second" before a noun is an ordinal.
    if c.is(nu, "old") || (u == Unit::Second && c.is_any(i, &["a", "an"])) {
        return None;
    }
    // "a minute and a half", "a year and a half"
    let (num, nu) = if !hyph && c.is(nu, "and") && c.is(nu + 1, "a") && c.is(nu + 2, "half") {
        (num.map(|n| n + 0.5), nu + 3)
    } else {
        (num, nu)
    };
    if hyph && plural {
        return None;
    }
    // An age, not a time span: "6-year-old".
    if hyph && c.hyphen(nu) && c.is(nu + 1, "old") {
        return None;
    }
    // N units ago / earlier → a date
    if c.is_any(nu, &["ago", "earlier"]) && !hyph {
        let val = match num {
            Some(n) if n.fract() == 0.0 => Val::Shift {
                unit: u,
                n: -(n as i32),
            },
            _ => Val::Ref("PAST_REF"),
        };
        return Some(smallvec![found(i, nu + 1, val, "ago")]);
    }
    if u == Unit::Weekend {
        return None;
    }
    Some(smallvec![found(
        i,
        nu,
        Val::Duration(u.duration(num)),
        "duration",
    )])
}

/// True when the unit of a duration can follow its number at token `nn`: a unit there, or one
/// of the words [`duration`] reads between them ("2 1/2 years", "eight trading days", "two
/// more weeks", "four-day"). Without one, `duration` reads the unit at `nn` itself.
#[inline]
fn unit_may_follow(c: &Ctx<'_>, nn: usize) -> bool {
    c.has_unit(nn)
        || c.hyphen(nn)
        || c.is_any(
            nn,
            &[
                "1/2",
                "½",
                "trading",
                "business",
                "working",
                "more",
                "additional",
                "extra",
            ],
        )
}

/// "that year", "the following month": a date told from the one the text last named.
fn anaphor(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // Every anaphor ends with its unit, its second or third word (the test
    // `every_anaphor_ends_with_a_unit` checks it): most words stop here.
    if !(c.has_unit(i + 1) || c.has_unit(i + 2)) {
        return None;
    }
    // An anaphor starts with its head word or with "the" and its head word (see
    // `Word::AnaphorHead`).
    let head = |k: usize| c.words_any_kind(k).contains(&Word::AnaphorHead);
    if !(head(i) || (c.is(i, "the") && head(i + 1))) {
        return None;
    }
    let (words, unit, n) =
        c.lx.anaphors()
            .iter()
            .filter(|(ws, _, _)| ws.iter().enumerate().all(|(k, w)| c.is(i + k, w)))
            .max_by_key(|(ws, _, _)| ws.len())?;
    let val = Val::Anaphor { unit: *unit, n: *n };
    Some(smallvec![found(i, i + words.len(), val, "anaphor")])
}

/// "the near future", "these days", "recent years": the longest phrase of the lexicon that
/// starts at `i`.
fn ref_phrase(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // A phrase starts with its head word or with "the" and its head word (see
    // `Word::RefHead`).
    let head = |k: usize| c.words_any_kind(k).contains(&Word::RefHead);
    if !(head(i) || (c.is(i, "the") && head(i + 1))) {
        return None;
    }
    let (words, v) =
        c.lx.ref_phrases()
            .iter()
            .filter(|(ws, _)| ws.iter().enumerate().all(|(k, w)| c.is(i + k, w)))
            .max_by_key(|(ws, _)| ws.len())?;
    Some(smallvec![found(
        i,
        i + words.len(),
        Val::Ref(v),
        "reference"
    )])
}

fn reference(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    // "at present": "at" has no meaning of its own (the test `at_has_no_meaning` checks it),
    // so it starts no other reference.
    if c.is(i, "at") {
        return c
            .is(i + 1, "present")
            .then(|| smallvec![found(i + 1, i + 2, Val::Ref("PRESENT_REF"), "reference",)]);
    }
    if let Some(f) = ref_phrase(c, i) {
        return Some(f);
    }
    // "the past", "the future", "at present"
    if c.is(i, "the")
        && c.is_any(i + 1, &["past", "future"])
        && c.unit(i + 2).is_none()
        && c.number(i + 2).is_none()
    {
        let v = if c.is(i + 1, "past") {
            "PAST_REF"
        } else {
            "FUTURE_REF"
        };
        return Some(smallvec![found(i, i + 2, Val::Ref(v), "reference")]);
    }
    if c.is_any(i, &["past", "future", "present"]) {
        return None;
    }
    // "as soon as" is a conjunction, not a time.
    if c.is(i, "soon") && i > c.start && c.is(i - 1, "as") && c.is(i + 1, "as") {
        return None;
    }
    // "killed soon after being captured": the time is the event's.
    if c.is(i, "soon") && c.is_any(i + 1, &["after", "before"]) {
        return None;
    }
    let r = c.word(i, Word::reference)?;
    // "was soon released", "soon became a flood": the future of a past event, not of the
    // publication.
    let past = |k: usize| c.lx.tense(&c.lower(k)) == Some(super::lexicon::Tense::Past);
    if r == "FUTURE_REF" && ((i > c.start && past(i - 1)) || (i + 1 < c.end && past(i + 1))) {
        return None;
    }
    Some(smallvec![found(i, i + 1, Val::Ref(r), "reference")])
}

fn set_rule(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    if c.is_any(i, &["every", "each"]) {
        let j = if c.is(i + 1, "other") { i + 2 } else { i + 1 };
        if let Some((u, plural, nu)) = c.unit(j) {
            if !plural {
                let n = if j == i + 2 { 2.0 } else { 1.0 };
                return Some(smallvec![found(
                    i,
                    nu,
                    Val::Set(u.duration(Some(n))),
                    "set"
                )]);
            }
        }
        let wd = c.word(j, Word::weekday)?;
        return Some(smallvec![found(
            i,
            j + 1,
            Val::Set(format!("XXXX-WXX-{wd}")),
            "set",
        )]);
    }
    let s = c.word(i, Word::set)?;
    // "its quarterly dividend", "the average daily volume": an attribute of a noun after a
    // determiner describes the thing, it is not a time.
    let determined = i > c.start
        && c.is_any(
            i - 1,
            &[
                "its", "their", "the", "a", "an", "average", "initial", "regular", "annual",
            ],
        );
    let before_noun = c.toks.get(i + 1).is_some_and(|t| {
        i + 1 < c.end
            && t.kind == TokenKind::Word
            && t.has(crate::model::tokflags::LOWER)
            && !c.is(i + 1, "basis")
    });
    if determined && before_noun {
        return None;
    }
    // "rise 8.5% annually", "$17.9 million annually": a rate of an amount, not a time.
    if i > c.start
        && (c.kind(i - 1) == Some(TokenKind::Number)
            || c.is_any(i - 1, &["%", "percent", "million", "billion", "trillion"]))
    {
        return None;
    }
    Some(smallvec![found(i, i + 1, Val::Set(s.to_string()), "set")])
}

fn season_quarter(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let mut j = i;
    if c.is(j, "the") {
        j += 1;
    }
    // "this past spring": the last one begun, this year's or last.
    let this_past = c.is(j, "this") && c.is(j + 1, "past");
    let shift = if this_past { Some(0) } else { c.shift_word(j) };
    if this_past {
        j += 1;
    }
    if shift.is_some() {
        j += 1;
    }
    if let Some(s) = c.word(j, Word::season) {
        if j == i
            && !(i > c.start
                && c.is_any(
                    i - 1,
                    &[
                        "in", "this", "last", "next", "during", "by", "until", "since", "early",
                        "late", "mid",
                    ],
                ))
        {
            return None;
        }
        // "summer 1998", "the winter of nineteen ninety-four"
        let k = if c.is(j + 1, "of") { j + 2 } else { j + 1 };
        let (y, end) = match year_after(c, k) {
            (Some(y), n) => (Some(y), n),
            (None, _) => (None, j + 1),
        };
        let val = match (y, shift) {
            (None, Some(n)) if n != 0 => Val::ShiftSeason { s, n },
            _ => Val::Season { y, s },
        };
        let mut f = found(i, end, val, "season");
        f.dir = Some(if this_past { Dir::Past } else { Dir::Same });
        return Some(smallvec![f]);
    }
    None
}

/// Adjectives a quarter may take between its determiner and its ordinal ("the latest fiscal
/// third quarter"); the quarter rule skips up to three, and they can start it.
const QUARTER_ADJECTIVES: [&str; 7] = [
    "fiscal",
    "latest",
    "current",
    "comparable",
    "corresponding",
    "same",
    "calendar",
];
/// Quarters as financial news writes them: "the third quarter", "third-quarter", "the fiscal
/// first quarter", "the 1988 third quarter", "fourth quarter of 1989", "the quarter", "the
/// latest quarter", "the year-earlier quarter", "the year-ago period", "year-earlier",
/// "next year's first quarter". A quarter without its year takes the document's quarter in
/// focus or, failing that, the publication date's.
fn quarter(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let mut j = i;
    // "next year's first quarter", "this year's third quarter", "last year's quarter"
    let mut dy = 0;
    let mut y = None;
    let mut years = false;
    if let Some(n) = c.shift_word(j) {
        if c.is(j + 1, "year") && c.is_any(j + 2, &["'s", "’s"]) {
            dy = n;
            j += 3;
            years = true;
        }
    }
    // ("that quarter" is an anaphor: the quarter of the date named last.)
    let det = !years && c.is_any(j, &["the", "this"]);
    if det {
        j += 1;
    }
    let mut adjectives = 0;
    while adjectives < 3 && c.is_any(j, &QUARTER_ADJECTIVES) {
        j += 1;
        adjectives += 1;
    }
    if let Some((yy, n)) = c.year(j) {
        y = Some(yy);
        j = n;
    }
    // year-earlier / year-ago
    let mut year_before = false;
    if c.is(j, "year") && c.hyphen(j + 1) && c.is_any(j + 2, &["earlier", "ago"]) {
        year_before = true;
        j += 3;
        if c.is(j, "fiscal") {
            j += 1;
        }
    }
    let q = c.word(j, Word::ordinal);
    let mut first = i;
    if let Some(q) = q {
        if !(1..=4).contains(&q) {
            return None;
        }
        j += 1;
        if c.hyphen(j) && c.touching(j - 1) {
            j += 1;
            // "the third-quarter loss": the article belongs to the noun, not the quarter.
            if det && c.is(i, "the") && j == i + 3 {
                first = i + 1;
            }
        }
    }
    let period = c.is(j, "period");
    if !(c.is(j, "quarter") || (period && q.is_none())) {
        // "year-earlier" alone, as in "year-earlier profit"
        if year_before && q.is_none() && !det {
            return Some(smallvec![found(
                i,
                j,
                Val::RelQuarter {
                    y: None,
                    q: None,
                    dy: -1,
                },
                "quarter_ref",
            )]);
        }
        return None;
    }
    let mut end = j + 1;
    // Plural "quarters" is a unit, handled as a duration.
    if q.is_none() && !det && !year_before && y.is_none() && !years {
        return None;
    }
    if period && !(year_before || y.is_some() || adjectives > 0) {
        return None; // "the period" alone is too vague
    }
    if q.is_some() && y.is_none() {
        if c.is(end, "of") {
            if let Some((yy, n)) = c.year(end + 1) {
                y = Some(yy);
                end = n;
            }
        } else if let Some((yy, n)) = c.year(end) {
            y = Some(yy);
            end = n;
        }
    }
    let mut dy = if year_before { dy - 1 } else { dy };
    // "the quarter a year ago", "the corresponding period last year"
    if y.is_none() && !year_before && !years {
        if c.is(end, "a") && c.is(end + 1, "year") && c.is_any(end + 2, &["ago", "earlier"]) {
            dy -= 1;
            end += 3;
        } else if c.is(end, "last") && c.is(end + 1, "year") && !c.is_any(end + 2, &["'s", "’s"])
        {
            dy -= 1;
            end += 2;
        }
    }
    let val = match (y, q) {
        (Some(y), Some(q)) => Val::Quarter { y: Some(y + dy), q },
        (y, q) => Val::RelQuarter { y, q, dy },
    };
    Some(smallvec![found(first, end, val, "quarter")])
}

/// "the weekend" (the one of the reference's week), "the (current) fiscal year" (the reference's
/// year), "for weeks", "within months" (a vague duration).
fn weekend_fiscal(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    if c.is(i, "the") && c.is(i + 1, "weekend") {
        let val = Val::Shift {
            unit: Unit::Weekend,
            n: 0,
        };
        return Some(smallvec![found(i, i + 2, val, "weekend")]);
    }
    if c.is(i, "the") {
        let j = if c.is_any(i + 1, &["current", "latest"]) {
            i + 2
        } else {
            i + 1
        };
        // "the year ended March 31": a fiscal year, a span of time
        if c.is(i + 1, "year") && c.is_any(i + 2, &["ended", "ending"]) {
            let val = Val::Duration(Unit::Year.duration(Some(1.0)));
            return Some(smallvec![found(i, i + 2, val, "fiscal_year")]);
        }
        // "for the year", "a high for the year", "nine months of the year": the year of the
        // report (but not "the year before", "the year's", "the year 2000").
        if c.is(i + 1, "year")
            && i > c.start
            && c.is_any(i - 1, &["for", "of"])
            && c.kind(i + 2) != Some(TokenKind::Number)
            && !c.hyphen(i + 2)
            && !c.is_any(
                i + 2,
                &[
                    "'s", "’s", "before", "after", "ended", "ending", "earlier", "later", "ago",
                    "two", "nineteen",
                ],
            )
        {
            let val = Val::Shift {
                unit: Unit::Year,
                n: 0,
            };
            return Some(smallvec![found(i, i + 2, val, "fiscal_year")]);
        }
        // "sales for the full year"
        if c.is_any(i + 1, &["full", "whole"]) && c.is(i + 2, "year") {
            let val = Val::Shift {
                unit: Unit::Year,
                n: 0,
            };
            return Some(smallvec![found(i, i + 3, val, "fiscal_year")]);
        }
        if c.is(j, "fiscal") && c.is(j + 1, "year") {
            let val = Val::Shift {
                unit: Unit::Year,
                n: 0,
            };
            return Some(smallvec![found(i, j + 2, val, "fiscal_year")]);
        }
        return None;
    }
    if c.is_any(i, &["for", "within"]) {
        let (u, plural, nu) = c.unit(i + 1)?;
        if plural && !c.hyphen(nu) {
            let val = Val::Duration(u.duration(None));
            return Some(smallvec![found(i + 1, nu, val, "vague_duration")]);
        }
    }
    None
}

/// A year read aloud, as broadcast transcripts write it: "nineteen ninety-six", "the year two
/// thousand".
fn spoken_year(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    if c.is(i, "the") && c.is(i + 1, "year") {
        if let Some((y, n)) = c.year(i + 2) {
            return Some(smallvec![found(i, n, Val::Year(y), "spoken_year")]);
        }
        if c.is(i + 2, "two") && c.is(i + 3, "thousand") {
            let (extra, end) = match c.number(i + 4) {
                Some((Some(n), e)) if n.fract() == 0.0 && (1.0..100.0).contains(&n) => {
                    (n as i32, e)
                }
                _ => (0, i + 4),
            };
            return Some(smallvec![found(
                i,
                end,
                Val::Year(2000 + extra),
                "spoken_year"
            )]);
        }
        return spoken_year(c, i + 2).map(|mut f| {
            f[0].start = i;
            f
        });
    }
    let century = if c.is(i, "nineteen") {
        1900
    } else if c.is(i, "eighteen") {
        1800
    } else {
        return None;
    };
    let (n, next) = c.number(i + 1)?;
    let n = n.filter(|n| n.fract() == 0.0 && (10.0..100.0).contains(n))?;
    Some(smallvec![found(
        i,
        next,
        Val::Year(century + n as i32),
        "spoken_year",
    )])
}

fn year_alone(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let start = if c.is(i, "fiscal") { i + 1 } else { i };
    let (y, n) = c.year(start)?;
    let after_prep =
        start > c.start && c.is_any(start - 1, &["in", "since", "of", "from", "until"]);
    if !((1900..=2099).contains(&y) || (after_prep && (1500..1900).contains(&y))) {
        return None;
    }
    // "fiscal 1989 sales", "the 1998 bombing", "a 1996 law": a year that modifies a noun.
    let premodifier = start > i
        || (start > c.start
            && c.is_any(
                start - 1,
                &[
                    "the", "a", "an", "that", "this", "its", "his", "her", "their", "our",
                ],
            ));
    // Not money, not a measure: "$1998", "2000 tonnes", "1,500".
    if start > c.start && c.is_any(start - 1, &["$", "£", "€", "#", "No", "no"]) {
        return None;
    }
    if c.is_any(n, &["%", "percent"]) {
        return None;
    }
    if let Some(t) = c.toks.get(n).filter(|_| n < c.end) {
        if t.kind == TokenKind::Word && t.has(crate::model::tokflags::LOWER) {
            // (Compared in any ASCII case: no other character lowercases to a letter of these.)
            let prev_prep = || {
                start > c.start
                    && c.is_any(
                        start - 1,
                        &[
                            "in", "since", "by", "until", "of", "from", "to", "before", "after",
                            "during", "through", "year", "early", "late", "mid",
                        ],
                    )
            };
            if !premodifier
                && !c.is_any(
                    n,
                    &[
                        "and", "or", "to", "when", "as", "after", "before", "but", "with", "for",
                        "in", "at", "on",
                    ],
                )
                && !prev_prep()
            {
                return None;
            }
        }
    }
    Some(smallvec![found(i, n, Val::Year(y), "year")])
}

/// A holiday by name, capitalised: "Thanksgiving Day", "last Christmas", "Election Day".
fn holiday(c: &Ctx<'_>, i: usize) -> Option<Finds> {
    let (j, dir) = match c.shift_word(i) {
        Some(n) if n < 0 => (i + 1, Dir::Past),
        Some(n) if n > 0 => (i + 1, Dir::Future),
        _ => (i, Dir::Nearest),
    };
    if !c.words(j).contains(&Word::Holiday) || !c.toks[j].is_cap() {
        return None;
    }
    let h =
        c.lx.holidays()
            .iter()
            .filter(|h| h.words.iter().enumerate().all(|(k, w)| c.is(j + k, w)))
            .max_by_key(|h| h.words.len())?;
    let mut f = found(
        i,
        j + h.words.len(),
        Val::Holiday {
            m: h.month,
            day: h.day,
            dir,
        },
        "holiday",
    );
    f.dir = (dir != Dir::Nearest).then_some(dir);
    Some(smallvec![f])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexicon of `rules/dates.tsv`, as the stage builds it.
    fn lexicon() -> Lexicon {
        let table =
            crate::resources::rule_table("rules/dates.tsv", &["kind", "text", "value"]).unwrap();
        Lexicon::new(&table, STARTERS).unwrap()
    }

    #[test]
    fn every_anaphor_ends_with_a_unit() {
        // `anaphor` looks for a unit as the second or third word before the phrases.
        let lx = lexicon();
        assert!(!lx.anaphors().is_empty());
        for (words, _, _) in lx.anaphors() {
            assert!((2..=3).contains(&words.len()), "{words:?}");
            let last = words.last().unwrap();
            assert!(
                lx.get_any_case(last)
                    .iter()
                    .any(|w| matches!(w, Word::Unit(_))),
                "{words:?}"
            );
        }
    }

    #[test]
    fn at_has_no_meaning() {
        // `reference` reads "at" only before "present".
        let lx = lexicon();
        assert!(lx.get_any_case("at").is_empty());
        assert!(lx.ref_phrases().iter().all(|(ws, _)| &*ws[0] != "at"));
    }

    #[test]
    fn the_rules_are_those_after_the_tests() {
        // `after_the` names by index the rules "the" tries: part_of, decade, weekday,
        // shift_unit, duration, reference, season_quarter, quarter, spoken_year and
        // weekend_fiscal.
        let names: [Rule; 10] = [
            part_of,
            decade,
            weekday,
            shift_unit,
            duration,
            reference,
            season_quarter,
            quarter,
            spoken_year,
            weekend_fiscal,
        ];
        let indices = [3, 4, 5, 7, 8, 9, 11, 12, 14, 15];
        for (rule, k) in names.iter().zip(indices) {
            assert!(std::ptr::fn_addr_eq(*rule, WORD_RULES[k]), "rule {k}");
        }
        let handled = indices.iter().fold(0u32, |m, k| m | 1 << k);
        assert_eq!(word_rule_mask("the", &[], false) & RULE_BITS, handled);
    }

    #[test]
    fn the_rules_are_those_after_a_shift_tests() {
        // `after_shift` names by index month_rules, weekday, relday, season_quarter, quarter
        // and holiday.
        let names: [Rule; 6] = [
            month_rules,
            weekday,
            relday,
            season_quarter,
            quarter,
            holiday,
        ];
        let indices = [2, 5, 6, 11, 12, 16];
        for (rule, k) in names.iter().zip(indices) {
            assert!(std::ptr::fn_addr_eq(*rule, WORD_RULES[k]), "rule {k}");
        }
        let handled = indices.iter().fold(0u32, |m, k| m | 1 << k);
        assert_eq!(SHIFT_TESTED, handled);
        assert!(std::ptr::fn_addr_eq(
            WORD_RULES[DURATION.trailing_zeros() as usize] as Rule,
            duration as Rule
        ));
    }
}
