//! Stage 3: tokenisation. Splits each sentence into tokens with byte spans into the original
//! text: words, numbers (`14.04.2023`, `09:15`, `16th`), period abbreviations (`U.S.`),
//! possessive clitics (`’s`) and single punctuation characters. Hyphenated compounds
//! (`China-Russia`, `four-day`) become their parts with the hyphen between them, so gazetteers
//! and date rules see `China`, `-`, `Russia`. Offsets are never rewritten.
//!
//! While it reads a word, the tokeniser also tests it against a filter of the date lexicon
//! ([`WordHint`]): it marks the words that may be date words ([`tokflags::MAYBE_DATE`]) and
//! flags the sentences that may hold a date ([`crate::model::Sentence::maybe_date`]), so that the
//! date stage reads two sentences in five and looks up a fifth of their words (BBC news).

use crate::model::{tokflags, Analysis, Token, TokenKind};
use crate::span::Span;

/// The tokeniser stage; see the module docs for what a token is. With the filter it is given,
/// it also marks the words that may be date words ([`tokflags::MAYBE_DATE`]) and tells the
/// sentences that may hold a date ([`crate::model::Sentence::maybe_date`]).
#[derive(Clone, Debug, Default)]
pub struct Tokenizer {
    date_hint: WordHint,
}

impl Tokenizer {
    /// A tokeniser that marks the words that may be in `date_hint`.
    pub fn new(date_hint: WordHint) -> Tokenizer {
        Tokenizer { date_hint }
    }

    /// Tokenises every sentence of the analysis, filling `tokens` and each sentence's token range
    /// and flags.
    pub fn run(&self, a: &mut Analysis<'_>) {
        let text = a.text();
        a.tokens.clear();
        a.tokens.reserve(text.len() / 5);
        for (si, s) in a.sentences.iter_mut().enumerate() {
            s.first_token = a.tokens.len();
            s.maybe_date = tokenize_into(text, s.span, si as u32, &mut a.tokens, &self.date_hint);
            s.end_token = a.tokens.len();
            // ALL-CAPS: at least two words, every one of them uppercase (a one-letter word
            // counts when capitalised); stops at the first word that is not.
            let mut n = 0;
            let mut all_upper = true;
            for t in &a.tokens[s.first_token..] {
                if matches!(t.kind, TokenKind::Word | TokenKind::Abbrev) {
                    n += 1;
                    if !(t.has(tokflags::UPPER) || (t.is_cap() && t.span().len() == 1)) {
                        all_upper = false;
                        break;
                    }
                }
            }
            s.all_caps = all_upper && n >= 2;
        }
    }
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..)?.chars().next()
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic()
    }
}

#[inline]
fn is_mark(c: char) -> bool {
    // Combining diacritical marks (decomposed accents) stay inside their word.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Token `i` is followed by a hyphen touching it ("al-Abadi", "self-financed").
#[inline]
pub(crate) fn hyphen_at(tokens: &[Token], text: &[u8], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|h| {
        h.kind == TokenKind::Punct
            && h.span().start == tokens[i].span().end
            && text[h.span().start] == b'-'
            && h.span().len() == 1
    })
}

/// `char::is_whitespace` of an ASCII byte: tab, line feed, vertical tab, form feed, carriage
/// return and space (`u8::is_ascii_whitespace` leaves out the vertical tab), as `str::trim` and
/// `split_whitespace` see ASCII text.
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    // (one compare answers the letters and digits that most bytes are)
    b <= b' ' && matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace()
    } else {
        c.is_whitespace() || c == '\u{FEFF}'
    }
}

/// A filter over lowercase words, tested by the tokeniser with the bytes it reads to find a
/// word's end: an ASCII word of letters and digits is hashed from its first eight bytes,
/// lowercase, and whether it is longer. Each hash has two bits: some word of the list hashes
/// there, and some word that can anchor a date does. [`WordHint::marks`] never leaves out a
/// word of the list; the default marks every word.
#[derive(Clone, Debug)]
pub struct WordHint {
    /// Two bits per hash of the words' keys ([`WordHint::key`]); all set for the default.
    bits: Box<[u64; HINT_WORDS]>,
}

/// log2 of the number of hashes of [`WordHint`] (8 KiB of bits: they stay in the first-level
/// cache).
const HINT_BITS: u32 = 15;

/// The number of words of [`WordHint::bits`] (two bits per hash).
const HINT_WORDS: usize = 1 << (HINT_BITS + 1 - 6);

/// [`WordHint::marks`]: a word of the list.
pub const HINT_WORD: u64 = 1;
/// [`WordHint::marks`]: a word of the list that can anchor a date.
pub const HINT_ANCHOR: u64 = 2;

impl Default for WordHint {
    fn default() -> WordHint {
        WordHint {
            bits: Box::new([u64::MAX; HINT_WORDS]),
        }
    }
}

impl WordHint {
    /// The filter of `words` (lowercase), each with whether it can anchor a date. Words that
    /// are not ASCII are left out: the tokeniser tests only ASCII words.
    pub fn new<'w>(words: impl IntoIterator<Item = (&'w str, bool)>) -> WordHint {
        let mut bits = Box::new([0u64; HINT_WORDS]);
        for (w, anchor) in words {
            let b = w.as_bytes();
            if b.is_empty() || !b.is_ascii() {
                continue;
            }
            let h = 2 * WordHint::hash(WordHint::key(lower8(b, 0, b.len().min(8)), b.len() > 8));
            let cell = HINT_WORD | if anchor { HINT_ANCHOR } else { 0 };
            bits[h >> 6] |= cell << (h & 63);
        }
        WordHint { bits }
    }

    /// A word's key: its first eight bytes (zero-padded), and the top bit for a longer word
    /// (an ASCII byte never has it).
    #[inline(always)]
    fn key(first8: u64, long: bool) -> u64 {
        first8 | u64::from(long) << 63
    }

    /// A key's hash, below 2^[`HINT_BITS`].
    #[inline(always)]
    fn hash(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - HINT_BITS)) as usize
    }

    /// [`WordHint::marks`] of the word or abbreviation at `span` of `text` that the tokeniser's
    /// fast path did not read: an ASCII token by its first eight bytes, lowercase; another gets
    /// both marks.
    #[inline]
    fn marks_token(&self, text: &[u8], span: Span) -> u64 {
        match text.get(span.start..span.end) {
            Some(w) if !w.is_empty() && w.is_ascii() => {
                self.marks(lower8(text, span.start, w.len().min(8)), w.len() > 8)
            }
            _ => HINT_WORD | HINT_ANCHOR,
        }
    }

    /// What the ASCII word whose first eight bytes are `first8` (lowercase, zero-padded) and
    /// that is `long` (more than eight bytes) may be: [`HINT_WORD`] and [`HINT_ANCHOR`] bits,
    /// each clear only when the word certainly is not one.
    #[inline(always)]
    pub fn marks(&self, first8: u64, long: bool) -> u64 {
        let h = 2 * WordHint::hash(WordHint::key(first8, long));
        (self.bits[(h >> 6) & (HINT_WORDS - 1)] >> (h & 63)) & (HINT_WORD | HINT_ANCHOR)
    }
}

/// One past the last byte a token can hold: [`Token`] offsets are 32-bit, and text past 4 GiB
/// is not tokenised (the reader's `--max-doc-bytes` stays below it).
pub const MAX_TOKEN_END: usize = u32::MAX as usize;

/// Tokenises `text[span]`, appending tokens (with absolute offsets) to `out`. Every word and
/// abbreviation is marked [`tokflags::MAYBE_DATE`] (no filter: see [`Tokenizer`]).
pub fn tokenize_span(text: &str, span: Span, sentence: u32, out: &mut Vec<Token>) {
    // built once: the gazetteer's builder calls this for each of its 50,000 rows, and a hint is
    // 8 KiB to allocate and fill
    static EVERY_WORD: std::sync::LazyLock<WordHint> = std::sync::LazyLock::new(WordHint::default);
    tokenize_into(text, span, sentence, out, &EVERY_WORD);
}

/// [`tokenize_span`], marking the words that may be in `date_hint`. Returns false when no token
/// can anchor a date: no number, and no word `date_hint` marks as a possible anchor.
fn tokenize_into(
    text: &str,
    span: Span,
    sentence: u32,
    out: &mut Vec<Token>,
    date_hint: &WordHint,
) -> bool {
    let bytes = text.as_bytes();
    // The marks of the words, ORed ([`HINT_ANCHOR`] tells), and whether a number that can
    // anchor a date was seen.
    let mut marks = 0u64;
    let mut anchor_number = false;
    // Token offsets are 32-bit: text past 4 GiB is not tokenised.
    let end = span.end.min(text.len()).min(MAX_TOKEN_END);
    let mut i = span.start;
    let mut space_before = true;
    let mut line_before = false;
    while i < end {
        let b = bytes[i];
        // Fast ASCII whitespace.
        if b == b' ' || b == b'\t' || b == b'\r' {
            space_before = true;
            i += 1;
            continue;
        }
        if b == b'\n' {
            space_before = true;
            line_before = true;
            i += 1;
            continue;
        }
        if b.is_ascii_alphabetic() {
            if let Some((e, flags, first8)) = ascii_word(bytes, i, end) {
                // (a word read byte by byte, near the text's end, has no `first8`: maybe)
                let m = if first8 == 0 {
                    HINT_WORD | HINT_ANCHOR
                } else {
                    date_hint.marks(first8, e - i > 8)
                };
                marks |= m;
                let hint = if m & HINT_WORD != 0 {
                    tokflags::MAYBE_DATE
                } else {
                    0
                };
                out.push(Token {
                    // (exact: `e` <= `end` <= `MAX_TOKEN_END`)
                    start: i as u32,
                    end: e as u32,
                    kind: TokenKind::Word,
                    flags: flags | hint | space_flags(space_before, line_before),
                    sentence,
                });
                space_before = false;
                line_before = false;
                i = e;
                continue;
            }
        }
        let Some(c) = char_at(text, i) else {
            i += 1;
            continue;
        };
        let clen = c.len_utf8();
        if !c.is_ascii() && is_space(c) {
            space_before = true;
            if c == '\u{2028}' || c == '\u{2029}' {
                line_before = true;
            }
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            kind = TokenKind::Number;
            i = scan_number(text, i, end);
        } else if is_word_char(c) {
            let (e, k) = scan_word(text, i, end);
            i = e;
            kind = k;
        } else if is_apostrophe(c) && !space_before && prev_is_word(out, start) {
            // Possessive clitic: ’s / 's, or a bare ’ after a plural.
            let after = i + clen;
            match char_at(text, after) {
                Some('s') | Some('S')
                    if !char_at(text, after + 1).is_some_and(is_word_char) || after + 1 >= end =>
                {
                    i = after + 1;
                    kind = TokenKind::Clitic;
                }
                n if n.is_none_or(|n| !is_word_char(n)) || after >= end => {
                    i = after;
                    kind = TokenKind::Clitic;
                }
                _ => {
                    i = after;
                    kind = TokenKind::Punct;
                }
            }
        } else {
            i += clen;
            kind = TokenKind::Punct;
        }
        let sp = Span::new(start, i.min(end));
        let mut flags = space_flags(space_before, line_before);
        if matches!(
            kind,
            TokenKind::Word | TokenKind::Abbrev | TokenKind::Number
        ) {
            flags |= case_flags(&text[sp]);
        }
        match kind {
            TokenKind::Word | TokenKind::Abbrev => {
                let m = date_hint.marks_token(bytes, sp);
                marks |= m;
                if m & HINT_WORD != 0 {
                    flags |= tokflags::MAYBE_DATE;
                }
            }
            TokenKind::Number => {
                anchor_number |= crate::dates::number_can_anchor(&bytes[sp.start..sp.end]);
            }
            _ => {}
        }
        out.push(Token {
            // (exact, as above)
            start: sp.start as u32,
            end: sp.end as u32,
            kind,
            flags,
            sentence,
        });
        space_before = false;
        line_before = false;
    }
    anchor_number || marks & HINT_ANCHOR != 0
}

#[inline]
fn space_flags(space_before: bool, line_before: bool) -> u8 {
    let mut flags = 0u8;
    if space_before {
        flags |= tokflags::SPACE_BEFORE;
    }
    if line_before {
        flags |= tokflags::LINE_BEFORE;
    }
    flags
}

/// [`ASCII_CLASS`] bits: a letter (1), an uppercase letter (2 | 1), a digit (4).
const LETTER: u8 = 1;
const UPPER_LETTER: u8 = 3;
const DIGIT: u8 = 4;

/// The class of each byte for [`ascii_word`]: 0 for anything that is not an ASCII letter or digit.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER_LETTER
        } else if c.is_ascii_lowercase() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The fast path for the common token: a run of ASCII letters and digits starting with a letter
/// at `start`, ended by an ASCII byte that cannot continue it (not an apostrophe, and not a
/// period after one or two letters, which may open an abbreviation such as `U.S.`). Returns its
/// end, case flags and its first eight bytes lowercase as a little-endian number (the bytes
/// past a shorter word zero; 0 when the word was read byte by byte), or `None` when
/// [`scan_word`] must decide. Reads eight bytes at a time where the text has them
/// ([`classes8`]), one at a time near its end.
#[inline]
fn ascii_word(bytes: &[u8], start: usize, end: usize) -> Option<(usize, u8, u64)> {
    let mut j = start;
    // The first chunk's bytes of the word, lowercase: kept through `first` (all ones for the
    // first chunk only), without a branch in the loop.
    let (mut first8, mut first) = (0u64, u64::MAX);
    // Masks of the uppercase and lowercase letters seen (high bits; one bit per letter is enough
    // to tell "none"), and the letters counted up to two per chunk (enough to tell "two or more").
    let (mut any_upper, mut any_lower, mut letters) = (0u64, 0u64, 0u32);
    let mut stopped = false;
    while let Some(chunk) = bytes.get(j..j + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let (mut up, mut low, digit) = classes8(w);
        let mut stop = !(up | low | digit) & HIGH_BITS;
        if end - j < 8 {
            // Bytes from `end` on are not ours to read: they stop the word.
            stop |= HIGH_BITS & !((1u64 << (8 * (end - j))) - 1);
        }
        let (n, keep) = if stop == 0 {
            (8, u64::MAX)
        } else {
            // The word ends before byte `n` (0..=7) of the chunk.
            let n = (stop.trailing_zeros() / 8) as usize;
            let keep = (1u64 << (8 * n)) - 1;
            up &= keep;
            low &= keep;
            (n, keep)
        };
        // (`up` has the high bit of each capital: two places down, the bit that lowercases)
        first8 |= ((w & keep) | up >> 2) & first;
        first = 0;
        let both = up | low;
        letters += u32::from(both != 0) + u32::from(both & both.wrapping_sub(1) != 0);
        any_upper |= up;
        any_lower |= low;
        j += n;
        if stop != 0 || j == end {
            stopped = true;
            break;
        }
    }
    if !stopped {
        while j < end {
            let class = ASCII_CLASS[usize::from(bytes[j])];
            if class == 0 {
                break;
            }
            letters += u32::from(class & LETTER);
            any_upper |= u64::from((class >> 1) & 1);
            any_lower |= u64::from(class == LETTER);
            j += 1;
        }
    }
    if j < end {
        let next = bytes[j];
        if next >= 0x80 || next == b'\'' || (next == b'.' && j - start <= 2) {
            return None;
        }
    }
    let mut flags = 0u8;
    if bytes[start].is_ascii_uppercase() {
        flags |= tokflags::CAP;
    }
    // The word starts with a letter: there is at least one.
    if letters >= 2 && any_lower == 0 {
        flags |= tokflags::UPPER;
    }
    if any_upper == 0 {
        flags |= tokflags::LOWER;
    }
    Some((j, flags, first8))
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `w` classified at once: the high bit of each byte is set in the first mask
/// for an ASCII uppercase letter, in the second for a lowercase one, in the third for a digit.
/// For a 7-bit byte `x`, `x + (0x80 - lo)` has its high bit set when `x >= lo` and
/// `x + (0x7f - hi)` when `x > hi`; no sum carries into the next byte. Bytes with the high bit
/// set (non-ASCII) are in no class.
#[inline]
fn classes8(w: u64) -> (u64, u64, u64) {
    const fn splat(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    let ascii = !w & HIGH_BITS;
    let x = w & !HIGH_BITS;
    let range = |lo: u8, hi: u8| {
        let ge = x + splat(0x80 - lo);
        let gt = x + splat(0x7f - hi);
        ge & !gt & ascii
    };
    (ascii_capitals8(w), range(b'a', b'z'), range(b'0', b'9'))
}

/// The high bit of each byte of `w` that is an ASCII capital (`A`–`Z`; any other byte, non-ASCII
/// too, is not): `w | ascii_capitals8(w) >> 2` lowercases the eight bytes as
/// `u8::to_ascii_lowercase` does one by one. See [`classes8`] for the arithmetic.
#[inline]
pub(crate) fn ascii_capitals8(w: u64) -> u64 {
    let x = w & !HIGH_BITS;
    x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !x.wrapping_add(0x2525_2525_2525_2525) & !w & HIGH_BITS
}

/// The `n` bytes (1–8) of `text` from `start` as a little-endian word, ASCII capitals
/// lowercased (as `u8::to_ascii_lowercase` does byte by byte), the bytes past `n` zero.
#[inline]
pub(crate) fn lower8(text: &[u8], start: usize, n: usize) -> u64 {
    let x = raw8(text, start, n.clamp(1, 8));
    x | ascii_capitals8(x) >> 2
}

/// The `n` bytes (1–8) of `text` from `start` as a little-endian word, as written, the bytes
/// past `n` zero.
#[inline(always)]
pub(crate) fn raw8(text: &[u8], start: usize, n: usize) -> u64 {
    let x = match text.get(start..start + 8) {
        Some(s) => u64::from_le_bytes(<[u8; 8]>::try_from(s).unwrap_or_default()),
        None => {
            let mut buf = [0u8; 8];
            let s = text.get(start..start + n).unwrap_or_default();
            buf[..s.len()].copy_from_slice(s);
            u64::from_le_bytes(buf)
        }
    };
    x & (u64::MAX >> (64 - 8 * n))
}

/// UPPER (two or more letters, all uppercase) and LOWER (all letters lowercase) from the counts
/// of letters, uppercase and lowercase letters.
#[inline]
fn letter_case(letters: usize, upper: usize, lower: usize) -> u8 {
    let mut flags = 0;
    if letters >= 2 && upper == letters {
        flags |= tokflags::UPPER;
    }
    if letters > 0 && lower == letters {
        flags |= tokflags::LOWER;
    }
    flags
}

fn prev_is_word(out: &[Token], start: usize) -> bool {
    out.last().is_some_and(|t| {
        t.span().end == start
            && matches!(
                t.kind,
                TokenKind::Word | TokenKind::Abbrev | TokenKind::Number
            )
    })
}

/// Case flags of a token's text.
pub fn case_flags(s: &str) -> u8 {
    if s.is_ascii() {
        return ascii_case_flags(s.as_bytes());
    }
    let mut first = true;
    let mut flags = 0u8;
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut lower = 0usize;
    for c in s.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                if first {
                    flags |= tokflags::CAP;
                }
            } else if c.is_lowercase() {
                lower += 1;
            }
            first = false;
        } else if !c.is_numeric() {
            // punctuation inside (U.S.) does not end the first-letter check
        } else {
            first = false;
        }
    }
    flags | letter_case(letters, upper, lower)
}

/// [`case_flags`] of ASCII text.
fn ascii_case_flags(s: &[u8]) -> u8 {
    let mut flags = 0u8;
    let (mut letters, mut upper) = (0usize, 0usize);
    let mut first = true;
    for &b in s {
        if b.is_ascii_alphabetic() {
            letters += 1;
            if b.is_ascii_uppercase() {
                upper += 1;
                if first {
                    flags |= tokflags::CAP;
                }
            }
            first = false;
        } else if b.is_ascii_digit() {
            first = false;
        }
    }
    flags | letter_case(letters, upper, letters - upper)
}

fn scan_number(text: &str, mut i: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while i < end && bytes[i].is_ascii_digit() {
        i += 1;
    }
    loop {
        if i + 1 < end
            && matches!(bytes[i], b'.' | b',' | b':' | b'/')
            && bytes[i + 1].is_ascii_digit()
        {
            i += 1;
            while i < end && bytes[i].is_ascii_digit() {
                i += 1;
            }
        } else {
            break;
        }
    }
    // Letter suffixes: 16th, 1990s, 5bn, 4pm.
    while i < end {
        match char_at(text, i) {
            Some(c) if is_word_char(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// Scans a word starting at `i`; returns its end and kind.
fn scan_word(text: &str, start: usize, end: usize) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    // Period abbreviations: (L{1,2}.){2,}  — U.S., U.K., a.m., U.S.S.R.
    {
        let mut j = start;
        let mut groups = 0;
        loop {
            let mut n = 0;
            while j < end && n < 3 {
                match char_at(text, j) {
                    Some(c) if is_letter(c) => {
                        j += c.len_utf8();
                        n += 1;
                    }
                    _ => break,
                }
            }
            if n == 0 || n > 2 || j >= end || bytes[j] != b'.' {
                break;
            }
            j += 1;
            groups += 1;
            if !char_at(text, j).is_some_and(is_letter) || j >= end {
                break;
            }
        }
        if groups >= 2 {
            // Don't swallow a following letter run ("U.S.A" without final dot handled as groups).
            return (j, TokenKind::Abbrev);
        }
    }
    let mut i = start;
    while i < end {
        let Some(c) = char_at(text, i) else { break };
        if is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            // Internal apostrophe: O'Brien, d'Ivoire, don't; not a possessive ’s.
            let after = i + c.len_utf8();
            match char_at(text, after) {
                Some(n) if is_letter(n) && after < end => {
                    let possessive = (n == 's' || n == 'S')
                        && !char_at(text, after + 1).is_some_and(is_word_char);
                    if possessive {
                        break;
                    }
                    i = after;
                    continue;
                }
                _ => break,
            }
        }
        break;
    }
    (i.min(end), TokenKind::Word)
}

/// Tokenises a phrase (a gazetteer entry) into its token strings.
pub fn phrase_tokens(phrase: &str) -> Vec<&str> {
    let mut toks = Vec::new();
    tokenize_span(phrase, Span::new(0, phrase.len()), 0, &mut toks);
    toks.iter().map(|t| &phrase[t.span()]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        phrase_tokens(s)
    }

    /// [`ascii_word`] one byte at a time, as it was before it read eight at once.
    fn ascii_word_bytewise(bytes: &[u8], start: usize, end: usize) -> Option<(usize, u8)> {
        let mut j = start;
        let (mut letters, mut upper) = (0usize, 0usize);
        while j < end && ASCII_CLASS[usize::from(bytes[j])] != 0 {
            let class = ASCII_CLASS[usize::from(bytes[j])];
            letters += usize::from(class & LETTER);
            upper += usize::from((class >> 1) & 1);
            j += 1;
        }
        if j < end {
            let next = bytes[j];
            if next >= 0x80 || next == b'\'' || (next == b'.' && j - start <= 2) {
                return None;
            }
        }
        let cap = if bytes[start].is_ascii_uppercase() {
            tokflags::CAP
        } else {
            0
        };
        Some((j, cap | letter_case(letters, upper, letters - upper)))
    }

    proptest::proptest! {
        #[test]
        fn ascii_word_reads_eight_bytes_as_it_reads_one(
            text in "[a-zA-Z0-9 .'@\\[\\]`{}\u{e9}\u{2019}/:-]{1,40}",
            cut in 0usize..40,
        ) {
            let bytes = text.as_bytes();
            let end = bytes.len() - cut.min(bytes.len() - 1);
            for start in 0..end {
                if bytes[start].is_ascii_alphabetic() {
                    let got = ascii_word(bytes, start, end);
                    proptest::prop_assert_eq!(
                        got.map(|(e, flags, _)| (e, flags)),
                        ascii_word_bytewise(bytes, start, end),
                        "{:?} from {} to {}", text, start, end
                    );
                    // The first eight bytes lowercase, when read at once.
                    if let Some((e, _, first8)) = got.filter(|w| w.2 != 0) {
                        let n = (e - start).min(8);
                        let mut want = [0u8; 8];
                        want[..n].copy_from_slice(&bytes[start..start + n]);
                        want.make_ascii_lowercase();
                        proptest::prop_assert_eq!(first8, u64::from_le_bytes(want));
                    }
                }
            }
        }
    }

    /// The tokens of `text` and whether each is marked [`tokflags::MAYBE_DATE`].
    fn marked<'t>(text: &'t str, hint: &WordHint) -> Vec<(&'t str, bool)> {
        let mut out = Vec::new();
        tokenize_into(text, Span::new(0, text.len()), 0, &mut out, hint);
        out.iter()
            .map(|t| (&text[t.span()], t.has(tokflags::MAYBE_DATE)))
            .collect()
    }

    #[test]
    fn a_word_hint_marks_every_word_of_its_list_in_any_case() {
        let words = [
            "a",
            "may",
            "monday",
            "thursday",
            "yesterday",
            "q4",
            "mid",
            "decades",
        ];
        let hint = WordHint::new(words.map(|w| (w, false)));
        for w in words {
            let title = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
            for form in [w.to_string(), title, w.to_uppercase()] {
                // (followed by more than eight bytes: the word is read eight bytes at once)
                let text = format!("{form} and then some more text");
                let toks = marked(&text, &hint);
                assert_eq!(toks[0], (form.as_str(), true), "{text:?}");
            }
        }
    }

    #[test]
    fn an_empty_word_hint_marks_only_the_words_it_cannot_test() {
        let hint = WordHint::new(std::iter::empty());
        let toks = marked(
            "Monday the U.S. and O'Brien met Zoë. Then came the end",
            &hint,
        );
        let marked_words: Vec<&str> = toks.iter().filter(|t| t.1).map(|t| t.0).collect();
        // a word that is not ASCII, and the words of the text's last eight bytes (read one byte
        // at a time) are not tested
        assert_eq!(marked_words, ["Zoë", "the", "end"]);
        // without a hint every word and abbreviation is marked; punctuation never is
        let mut all = Vec::new();
        tokenize_span("Monday, the U.S.", Span::new(0, 16), 0, &mut all);
        let flags: Vec<bool> = all.iter().map(|t| t.has(tokflags::MAYBE_DATE)).collect();
        assert_eq!(flags, [true, false, true, true]);
    }

    #[test]
    fn a_sentence_may_hold_a_date_when_a_token_can_anchor_one() {
        let hint = WordHint::new([("monday", true), ("the", false), ("sept", true)]);
        let may = |text: &str| {
            let mut out = Vec::new();
            // (text enough after the sentence for every word to be read eight bytes at once)
            let padded = format!("{text}                ");
            tokenize_into(&padded, Span::new(0, text.len()), 0, &mut out, &hint)
        };
        assert!(may("They met on Monday."));
        assert!(may("They met on MONDAY."));
        assert!(may("It was Sept. 5 then."));
        // an abbreviation is looked up as written: "U.S." is no anchor here
        assert!(!may("The U.S. team met."));
        assert!(may("It was in 1998."));
        assert!(may("It was at 09:15."));
        // a plain number anchors nothing, nor does a listed word that is no anchor
        assert!(!may("The 5 men met the others."));
        assert!(!may("They met."));
    }

    #[test]
    fn words_numbers_abbreviations() {
        assert_eq!(
            toks("the U.S. and China-Russia ties"),
            ["the", "U.S.", "and", "China", "-", "Russia", "ties"]
        );
        assert_eq!(toks("Li Shangfu’s visit"), ["Li", "Shangfu", "’s", "visit"]);
        assert_eq!(
            toks("countries’ sanctions"),
            ["countries", "’", "sanctions"]
        );
        assert_eq!(toks("09:15 GMT 14.04.2023"), ["09:15", "GMT", "14.04.2023"]);
        assert_eq!(
            toks("April 16-18, a four-day visit"),
            ["April", "16", "-", "18", ",", "a", "four", "-", "day", "visit"]
        );
        assert_eq!(
            toks("Côte d'Ivoire's O'Brien"),
            ["Côte", "d'Ivoire", "'s", "O'Brien"]
        );
        assert_eq!(toks("“no limits.”"), ["“", "no", "limits", ".", "”"]);
        assert_eq!(toks("the 1990s and 16th"), ["the", "1990s", "and", "16th"]);
        assert_eq!(toks("U.S.-led"), ["U.S.", "-", "led"]);
    }

    #[test]
    fn flags() {
        let text = "CHINA and China\nru";
        let mut out = Vec::new();
        tokenize_span(text, Span::new(0, text.len()), 0, &mut out);
        assert!(out[0].has(tokflags::UPPER) && out[0].has(tokflags::CAP));
        assert!(out[1].has(tokflags::LOWER));
        assert!(out[2].has(tokflags::CAP) && !out[2].has(tokflags::UPPER));
        assert!(out[3].has(tokflags::LINE_BEFORE));
    }

    #[test]
    fn spans_slice_the_text() {
        let text = "  Ünïcödé\u{2028}text, U.S.A. ’s ’ 3,000.5km\u{0}";
        let mut out = Vec::new();
        tokenize_span(text, Span::new(0, text.len()), 0, &mut out);
        for t in &out {
            assert!(text.is_char_boundary(t.span().start) && text.is_char_boundary(t.span().end));
            assert!(!t.span().is_empty());
        }
    }
}
