//! Stage 2: segmentation. Finds the article's parts — header line (`date 2023-04-14 https://…`),
//! headline, tag lines (`russia`), datelines (`09:15 GMT 14.04.2023`, `CLEVELAND, Feb 26 -`),
//! body paragraphs — and splits the body into sentences. Hard-wrapped lines are joined into their
//! sentence; headlines, datelines and tag lines stand alone. It also settles the publication date
//! (input field, then header, then dateline, then the reference date).

use crate::data::Table;
use crate::error::Result;
use crate::model::{Analysis, PublishedSource, Segment, SegmentKind, Sentence};
use crate::span::Span;
use crate::tokenize::is_ascii_space;
use chrono::NaiveDate;
use regex::Regex;
use rustc_hash::FxHashSet;

/// How many non-blank lines at the top of an article may hold metadata.
const HEAD_LINES: usize = 12;
/// Sentences longer than this are cut at the next space, to bound the work of later stages.
const MAX_SENTENCE_BYTES: usize = 4096;

/// The segmentation stage. Build it once from `rules/segment.tsv`.
#[derive(Debug)]
pub struct Segmenter {
    abbrev: FxHashSet<String>,
    abbrev_end: FxHashSet<String>,
    starters: FxHashSet<String>,
    minor: FxHashSet<String>,
    /// The length of the longest word of `minor` (a longer word is not looked up).
    minor_max: usize,
    header_re: Regex,
    dateline_re: Regex,
    wire_re: Regex,
}

#[derive(Clone, Copy, Debug)]
struct Line {
    /// Trimmed content.
    span: Span,
    indented: bool,
    blank: bool,
}

impl Segmenter {
    /// Builds the segmenter from its table (`kind`, `text` columns).
    pub fn new(table: &Table) -> Result<Segmenter> {
        let mut s = Segmenter {
            abbrev: FxHashSet::default(),
            abbrev_end: FxHashSet::default(),
            starters: FxHashSet::default(),
            minor: FxHashSet::default(),
            minor_max: 0,
            header_re: Regex::new(
                r"^date\s+([0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)(?:\s+(\S+))?\s*$",
            )
            .expect("static regex"),
            dateline_re: Regex::new(concat!(
                r"^(?:(?:Published|Updated|Posted|Last updated)(?: on)?:?\s+)?",
                r"(?:(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?:\s*(?:GMT|UTC|[A-Z]{2,4}))?\s+)?",
                r"(?:(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})",
                r"|(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})",
                r"|(?P<mn>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<md>[0-9]{1,2}),\s+(?P<my>[0-9]{4}))",
                r"(?:,?\s+(?:at\s+)?[0-9]{1,2}:[0-9]{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}))?)?",
                r"(?:\s*\((?:Updated|updated|Last updated):?[^)]*\))?\s*$"
            ))
            .expect("static regex"),
            wire_re: Regex::new(concat!(
                r"^(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*(?:, [A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+)*)?)",
                r"(?: \((?:AP|Reuters|AFP|UPI|dpa|Xinhua|TASS|IANS|PTI)\))?,?",
                r"(?: (?:Jan|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|Aug|Sept|Sep|Oct|Nov|Dec)[a-z]*\.? [0-9]{1,2})?",
                r"\s*(?:-{1,2}|–|—)\s"
            ))
            .expect("static regex"),
        };
        for row in table.rows() {
            let text = row.get("text").to_string();
            match row.get("kind") {
                "abbrev" => s.abbrev.insert(text),
                "abbrev_end" => s.abbrev_end.insert(text),
                "starter" => s.starters.insert(text),
                "headline_minor" => s.minor.insert(text),
                other => return Err(row.error(format!("unknown kind `{other}`"))),
            };
        }
        s.minor_max = s.minor.iter().map(String::len).max().unwrap_or(0);
        Ok(s)
    }

    /// Segments the document: fills `segments`, `sentences` (without tokens) and `meta`.
    pub fn run(&self, a: &mut Analysis<'_>, reference: Option<NaiveDate>) {
        let text = a.text();
        let lines = split_lines(text);
        let mut kinds: Vec<Option<SegmentKind>> = vec![None; lines.len()];

        // --- metadata in the head of the article ---------------------------------------------
        let nonblank: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.blank)
            .map(|(i, _)| i)
            .take(HEAD_LINES)
            .collect();
        let mut header_date: Option<(String, NaiveDate)> = None;
        let mut header_url: Option<&str> = None;
        let mut cursor = 0;
        if let Some(&i) = nonblank.first() {
            let l = &text[lines[i].span];
            // (The header line starts with "date": most documents have none, and the test
            // costs far less than the regex.)
            if let Some(c) = l
                .starts_with("date")
                .then(|| self.header_re.captures(l))
                .flatten()
            {
                kinds[i] = Some(SegmentKind::Header);
                let raw = c.get(1).map_or("", |m| m.as_str());
                if let Some(d) = parse_iso_day(raw) {
                    header_date = Some((raw.replace(' ', "T"), d));
                }
                header_url = c.get(2).map(|m| m.as_str());
                cursor = 1;
            }
        }
        // The headline: the first line after the header when it reads as one.
        let mut title_span: Option<Span> = None;
        if let Some(&i) = nonblank.get(cursor) {
            let next = nonblank.get(cursor + 1).map(|&j| &lines[j]);
            if self.is_headline(text, &lines[i], next, a.doc.title.as_deref()) {
                kinds[i] = Some(SegmentKind::Title);
                title_span = Some(lines[i].span);
            }
        }
        let title_text = title_span.map(|s| &text[s]).or(a.doc.title.as_deref());
        let mut dateline_date: Option<(String, NaiveDate)> = None;
        let mut prev_closed = true; // the previous non-blank line ends a sentence or is metadata
        for &i in &nonblank {
            if kinds[i].is_some() {
                prev_closed = true;
                continue;
            }
            let l = &text[lines[i].span];
            if title_text.is_some_and(|t| t.trim() == l) {
                kinds[i] = Some(SegmentKind::Title);
            } else if prev_closed && is_tag_line(l) {
                kinds[i] = Some(SegmentKind::Tag);
            } else if let Some(c) = may_be_dateline(l)
                .then(|| self.dateline_re.captures(l))
                .flatten()
            {
                kinds[i] = Some(SegmentKind::Dateline);
                if dateline_date.is_none() {
                    dateline_date = dateline_day(&c);
                }
            }
            prev_closed = kinds[i].is_some() || ends_sentence(l);
        }

        // --- segments: metadata lines and body paragraphs ------------------------------------
        let mut segments = Vec::new();
        let mut para: Option<Span> = None;
        let mut prev_line: Option<usize> = None;
        for (i, line) in lines.iter().enumerate() {
            if line.blank {
                if let Some(p) = para.take() {
                    segments.push(Segment {
                        span: p,
                        kind: SegmentKind::Body,
                    });
                }
                prev_line = None;
                continue;
            }
            if let Some(k) = kinds[i] {
                if let Some(p) = para.take() {
                    segments.push(Segment {
                        span: p,
                        kind: SegmentKind::Body,
                    });
                }
                segments.push(Segment {
                    span: line.span,
                    kind: k,
                });
                prev_line = None;
                continue;
            }
            let join = match (para, prev_line) {
                (Some(_), Some(p)) => !line.indented && !self.hard_break(text, &lines[p], line),
                _ => false,
            };
            if join {
                if let Some(p) = para.as_mut() {
                    p.end = line.span.end;
                }
            } else {
                if let Some(p) = para.take() {
                    segments.push(Segment {
                        span: p,
                        kind: SegmentKind::Body,
                    });
                }
                para = Some(line.span);
            }
            prev_line = Some(i);
        }
        if let Some(p) = para.take() {
            segments.push(Segment {
                span: p,
                kind: SegmentKind::Body,
            });
        }

        // --- wire dateline at the start of the first body paragraph --------------------------
        if let Some(pos) = segments.iter().position(|s| s.kind == SegmentKind::Body) {
            let s = segments[pos];
            let body = &text[s.span];
            if let Some(m) = self.wire_dateline(body) {
                let place = &text[s.span][..m.end()].trim_end();
                if place.chars().filter(|c| c.is_alphabetic()).take(2).count() == 2 {
                    let cut = s.span.start + m.end();
                    let dl = Span::new(s.span.start, s.span.start + place.len());
                    segments[pos] = Segment {
                        span: dl,
                        kind: SegmentKind::Dateline,
                    };
                    let rest = Span::new(skip_space(text, cut, s.span.end), s.span.end);
                    if !rest.is_empty() {
                        segments.insert(
                            pos + 1,
                            Segment {
                                span: rest,
                                kind: SegmentKind::Body,
                            },
                        );
                    }
                }
            }
        }

        // --- sentences -------------------------------------------------------------------------
        let mut sentences = Vec::with_capacity(segments.len() * 2);
        for seg in &segments {
            match seg.kind {
                SegmentKind::Header | SegmentKind::Tag => {}
                SegmentKind::Title | SegmentKind::Dateline => {
                    sentences.push(sentence(seg.span, seg.kind))
                }
                SegmentKind::Body => self.split_sentences(text, seg.span, &mut sentences),
            }
        }

        // --- metadata ----------------------------------------------------------------------------
        let meta = &mut a.meta;
        meta.title = match (&a.doc.title, title_span) {
            (Some(t), _) => Some(t.as_str().into()),
            (None, Some(s)) => Some(text[s].into()),
            _ => None,
        };
        meta.url = a.doc.url.as_deref().or(header_url).map(Into::into);
        let input_date = a.doc.date.as_deref().map(|d| (d, parse_iso_day(d.trim())));
        if let Some((raw, None)) = input_date {
            meta.date_warning = Some(format!(
                "the input's date `{raw}` is not an ISO 8601 date; ignored"
            ));
        }
        let (published, day, source) = if let Some((raw, Some(day))) = input_date {
            (
                Some(raw.trim().to_string()),
                Some(day),
                Some(PublishedSource::Input),
            )
        } else if let Some((raw, day)) = header_date {
            (Some(raw), Some(day), Some(PublishedSource::Header))
        } else if let Some((raw, day)) = dateline_date {
            (Some(raw), Some(day), Some(PublishedSource::Dateline))
        } else if let Some(day) = reference {
            (
                Some(day.to_string()),
                Some(day),
                Some(PublishedSource::Reference),
            )
        } else {
            (None, None, None)
        };
        meta.published = published;
        meta.reference = day;
        meta.published_source = source;
        a.segments = segments;
        a.sentences = sentences;
    }

    /// Does line `l` (followed by `next`) read as a headline?
    fn is_headline(
        &self,
        text: &str,
        l: &Line,
        next: Option<&Line>,
        input_title: Option<&str>,
    ) -> bool {
        let s = &text[l.span];
        if let Some(t) = input_title {
            return t.trim() == s;
        }
        let Some(next) = next else { return false };
        if s.len() > 200 || ends_sentence(s) || !s.chars().any(char::is_alphabetic) {
            return false;
        }
        if self.wire_dateline(s).is_some() {
            return false;
        }
        // A wrapped first line continues in lowercase.
        let n = &text[next.span];
        if n.chars().next().is_some_and(|c| c.is_lowercase()) {
            return false;
        }
        true
    }

    /// Must the line break between `l` and `n` (same paragraph) end a sentence?
    fn hard_break(&self, text: &str, l: &Line, n: &Line) -> bool {
        let ls = &text[l.span];
        let ns = &text[n.span];
        let next_upper = ns.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '(')
        });
        if ends_sentence(ls) || !next_upper {
            return false; // the splitter decides, or the sentence goes on in lowercase
        }
        ls.len() < 40 || self.title_like(ls)
    }

    /// The wire dateline that opens `s` ("CLEVELAND, Feb 26 -"), if any. It opens with two
    /// capitals ("NEW YORK", "U.S."): the regex runs only then.
    fn wire_dateline<'t>(&self, s: &'t str) -> Option<regex::Match<'t>> {
        let opens = matches!(
            s.as_bytes(),
            [b'A'..=b'Z', b'A'..=b'Z' | b'\'' | b'.' | b'-', ..]
        );
        opens.then(|| self.wire_re.find(s)).flatten()
    }

    /// Headline-style capitalisation: most content words capitalised.
    fn title_like(&self, s: &str) -> bool {
        if s.is_ascii() {
            self.title_like_ascii(s.as_bytes())
        } else {
            self.title_like_chars(s)
        }
    }

    /// [`Segmenter::title_like`] of any line, read as characters.
    fn title_like_chars(&self, s: &str) -> bool {
        let mut content = 0;
        let mut caps = 0;
        for w in s.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !w.chars().any(char::is_alphabetic) || self.is_minor(w.as_bytes()) {
                continue;
            }
            content += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                caps += 1;
            }
        }
        content >= 2 && caps * 4 >= content * 3
    }

    /// [`Segmenter::title_like`] of an ASCII line, read as bytes (the same words: split at ASCII
    /// white space, which is all the white space ASCII has, and trimmed of what is not a letter
    /// or digit).
    fn title_like_ascii(&self, s: &[u8]) -> bool {
        let mut content = 0;
        let mut caps = 0;
        for w in s.split(|&b| is_ascii_space(b)) {
            let Some(first) = w.iter().position(u8::is_ascii_alphanumeric) else {
                continue;
            };
            let last = w
                .iter()
                .rposition(u8::is_ascii_alphanumeric)
                .unwrap_or(first);
            let w = &w[first..=last];
            if !w.iter().any(u8::is_ascii_alphabetic) || self.is_minor(w) {
                continue;
            }
            content += 1;
            if w[0].is_ascii_uppercase() {
                caps += 1;
            }
        }
        content >= 2 && caps * 4 >= content * 3
    }

    /// A function word that stays lowercase in a title-case headline (a word longer than the
    /// longest of them is not looked up).
    #[inline]
    fn is_minor(&self, w: &[u8]) -> bool {
        w.len() <= self.minor_max && std::str::from_utf8(w).is_ok_and(|w| self.minor.contains(w))
    }

    /// Splits a body paragraph into sentences.
    fn split_sentences(&self, text: &str, span: Span, out: &mut Vec<Sentence>) {
        let b = text.as_bytes();
        let mut start = span.start;
        let mut i = span.start;
        while i < span.end {
            // The next terminal; a sentence that grows past the limit first is cut at the first
            // space or line break beyond it.
            let t = memchr::memchr3(b'.', b'!', b'?', &b[i..span.end]).map_or(span.end, |p| i + p);
            let limit = start + MAX_SENTENCE_BYTES + 1;
            if t > limit {
                let from = i.max(limit);
                if let Some(p) = memchr::memchr2(b' ', b'\n', &b[from..t]) {
                    push_sentence(text, Span::new(start, from + p), out);
                    start = skip_space(text, from + p, span.end);
                    i = start;
                    continue;
                }
            }
            if t >= span.end {
                break;
            }
            i = t;
            let c = b[i];
            // Skip further terminals and closing quotes/brackets.
            let mut j = i + 1;
            loop {
                if j < span.end && matches!(b[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
                    j += 1;
                } else if text[j.min(span.end)..span.end].starts_with(['”', '’', '»']) {
                    j += text[j..].chars().next().map_or(1, char::len_utf8);
                } else {
                    break;
                }
            }
            if j >= span.end {
                break;
            }
            let k = skip_space(text, j, span.end);
            if k == j || k >= span.end {
                i = j;
                continue;
            }
            let next = text[k..].chars().next().unwrap_or(' ');
            let opens = next.is_uppercase()
                || next.is_ascii_digit()
                || matches!(next, '"' | '“' | '‘' | '(' | '\'' | '[');
            if !opens || (c == b'.' && !self.period_ends(text, span.start, i, k)) {
                i = j;
                continue;
            }
            push_sentence(text, Span::new(start, j), out);
            start = k;
            i = k;
        }
        if start < span.end {
            push_sentence(text, Span::new(start, span.end), out);
        }
    }

    /// Does the period at `dot` end a sentence, given that the next word starts at `next`?
    fn period_ends(&self, text: &str, floor: usize, dot: usize, next: usize) -> bool {
        let before = &text[floor..dot];
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        if word.is_empty() {
            return true;
        }
        if self.abbrev.contains(word) {
            return false;
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_uppercase() {
                return false; // an initial: George W. Bush
            }
        }
        if self.abbrev_end.contains(word) || (word.contains('.') && word.len() <= 6) {
            let rest = &text[next..];
            let w: &str = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            return self.starters.contains(w);
        }
        true
    }
}

fn sentence(span: Span, kind: SegmentKind) -> Sentence {
    Sentence {
        span,
        kind,
        first_token: 0,
        end_token: 0,
        all_caps: false,
        maybe_date: true,
    }
}

fn push_sentence(text: &str, span: Span, out: &mut Vec<Sentence>) {
    let (lead, len) = trim_bounds(&text[span]);
    let span = Span::new(span.start + lead, span.start + lead + len);
    if !span.is_empty() {
        out.push(sentence(span, SegmentKind::Body));
    }
}

fn skip_space(text: &str, mut i: usize, end: usize) -> usize {
    while i < end {
        match text[i..].chars().next() {
            Some(c) if c.is_whitespace() => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// The start and length of `s.trim()`, found byte by byte over ASCII white space; `str::trim`
/// decides where a non-ASCII character stands at either end.
fn trim_bounds(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let lead = b
        .iter()
        .position(|&c| !is_ascii_space(c))
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !is_ascii_space(c))
        .map_or(lead, |p| p + 1);
    if b.get(lead).is_some_and(|&c| c >= 0x80) || (end > lead && b[end - 1] >= 0x80) {
        let t = s.trim_start();
        let lead = s.len() - t.len();
        return (lead, t.trim_end().len());
    }
    (lead, end - lead)
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 60 + 1);
    let mut start = 0;
    // One searcher over the whole text, each line's end after the last one.
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    loop {
        let end = breaks.next().unwrap_or(text.len());
        let raw = &text[start..end];
        let (lead, len) = trim_bounds(raw);
        let content = &raw[lead..lead + len];
        lines.push(Line {
            span: Span::new(start + lead, start + lead + content.len()),
            indented: lead > 0,
            blank: content.is_empty(),
        });
        if end >= text.len() {
            break;
        }
        start = end + 1;
    }
    lines
}

/// Does the line end with sentence-final punctuation (possibly inside closing quotes)?
fn ends_sentence(s: &str) -> bool {
    // Most lines end with an ASCII byte that is no closing quote or bracket: it decides alone.
    match s.as_bytes().last() {
        Some(&b) if b < 0x80 && !matches!(b, b'"' | b'\'' | b')' | b']') => {
            return matches!(b, b'.' | b'!' | b'?' | b':' | b';');
        }
        _ => {}
    }
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

/// A tag line: one to three lowercase words, nothing else (`russia`, `middle east`).
fn is_tag_line(s: &str) -> bool {
    if s.len() > 40 {
        return false;
    }
    let mut n = 0;
    for w in s.split_whitespace() {
        n += 1;
        let tag_word =
            w.chars().all(|c| c.is_lowercase() || c == '-') && w.chars().any(char::is_alphabetic);
        if n > 3 || !tag_word {
            return false;
        }
    }
    n > 0
}

fn parse_iso_day(s: &str) -> Option<NaiveDate> {
    let day = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
        return None;
    }
    // The usual form, four digits, a hyphen, two, a hyphen, two, read directly; anything else
    // goes to chrono's parser.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *day.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |b: &[u8]| b.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
            return NaiveDate::from_ymd_opt(
                n(&digits[..4]) as i32,
                n(&digits[4..6]),
                n(&digits[6..]),
            );
        }
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// A necessary condition for a line to be a dateline (`dateline_re`, far slower, decides): it
/// opens with "Published", "Updated", "Posted", "Last updated", a digit or a month's capital,
/// and holds four digits in a row (every form of the date has a four-digit year).
fn may_be_dateline(l: &str) -> bool {
    let b = l.as_bytes();
    let opens = matches!(
        b.first(),
        Some(
            b'0'..=b'9'
                | b'P'
                | b'U'
                | b'L'
                | b'J'
                | b'F'
                | b'M'
                | b'A'
                | b'S'
                | b'O'
                | b'N'
                | b'D'
        )
    );
    opens && b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

fn dateline_day(c: &regex::Captures<'_>) -> Option<(String, NaiveDate)> {
    let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, d) = if let (Some(y), Some(m), Some(d)) = (num("y"), num("m"), num("d")) {
        (y, m, d)
    } else if let (Some(y), Some(m), Some(d)) = (num("iy"), num("im"), num("id")) {
        (y, m, d)
    } else {
        let mn = c.name("mn")?.as_str();
        let m = crate::dates::month_number(mn)?;
        (num("my")?, m, num("md")?)
    };
    let day = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let raw = match (num("h"), num("mi")) {
        (Some(h), Some(mi)) if h < 24 && mi < 60 => {
            format!("{}T{h:02}:{mi:02}Z", day.format("%Y-%m-%d"))
        }
        _ => day.format("%Y-%m-%d").to_string(),
    };
    Some((raw, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::resources;

    fn seg(text: &str) -> Vec<(SegmentKind, String)> {
        let s = Segmenter::new(&resources::segment_table().unwrap()).unwrap();
        let doc = Document::from_text("t", text);
        let mut a = Analysis::new(&doc);
        s.run(&mut a, None);
        a.sentences
            .iter()
            .map(|x| (x.kind, text[x.span].to_string()))
            .collect()
    }

    #[test]
    fn wrapped_lines_stay_whole_headlines_alone() {
        let got = seg("Big News Happens in Moscow Today\nThe US and its allies slapped sanctions\nshortly after Moscow began. It went on.\nrussia\n");
        assert_eq!(
            got[0],
            (
                SegmentKind::Title,
                "Big News Happens in Moscow Today".into()
            )
        );
        assert_eq!(
            got[1].1,
            "The US and its allies slapped sanctions\nshortly after Moscow began."
        );
        assert_eq!(got[2].1, "It went on.");
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn abbreviations_and_initials() {
        let got =
            seg("Mr. Smith met George W. Bush in the U.S. capital on Feb. 26. The U.S. The end.");
        let texts: Vec<_> = got.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Mr. Smith met George W. Bush in the U.S. capital on Feb. 26.",
                "The U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn wire_dateline() {
        let got = seg("CLEVELAND, Feb 26 - Shares rose.\n    More text here.");
        assert_eq!(
            got[0],
            (SegmentKind::Dateline, "CLEVELAND, Feb 26 -".into())
        );
        assert_eq!(got[1].1, "Shares rose.");
        assert_eq!(got[2].1, "More text here.");
    }

    #[test]
    fn header_dateline_and_published() {
        let text = " date 2023-04-14 https://example.com/x\nHeadline Here Today\nBody text goes here.\nrussia\n09:15 GMT 14.04.2023 (Updated: 09:31 GMT 14.04.2023)\nMore.";
        let s = Segmenter::new(&resources::segment_table().unwrap()).unwrap();
        let doc = Document::from_text("t", text);
        let mut a = Analysis::new(&doc);
        s.run(&mut a, None);
        assert_eq!(a.meta.published.as_deref(), Some("2023-04-14"));
        assert_eq!(a.meta.published_source, Some(PublishedSource::Header));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.com/x"));
        let kinds: Vec<_> = a.segments.iter().map(|s| s.kind).collect();
        use SegmentKind::*;
        assert_eq!(kinds, [Header, Title, Body, Tag, Dateline, Body]);
    }

    proptest::proptest! {
        #[test]
        fn trim_bounds_is_str_trim(s in "[ \t\u{b}\u{c}\r\u{a0}\u{3000}a-z.é]{0,12}") {
            let (lead, len) = trim_bounds(&s);
            proptest::prop_assert_eq!(&s[lead..lead + len], s.trim());
            proptest::prop_assert_eq!(lead, s.len() - s.trim_start().len());
        }

        #[test]
        fn iso_days_read_as_chrono_reads_them(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9+-]{10}") {
            proptest::prop_assert_eq!(
                parse_iso_day(&s),
                NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()
            );
        }
    }

    #[test]
    fn every_dateline_passes_the_prefilter() {
        let s = Segmenter::new(&resources::segment_table().unwrap()).unwrap();
        let lines = [
            "09:15 GMT 14.04.2023 (Updated: 09:31 GMT 14.04.2023)",
            "14.04.2023",
            "2023-04-14",
            "Published: 2023-04-14 09:15",
            "Updated 3.5.2021",
            "Posted on April 16, 2023",
            "Last updated: 14.04.2023",
            "April 16, 2023 at 9:15 a.m. EST",
            "Sept. 4, 1987",
            "Dec 31, 1999, 23:59 UTC",
        ];
        for l in lines {
            assert!(s.dateline_re.is_match(l), "{l}");
            assert!(may_be_dateline(l), "{l}");
        }
        for l in [
            "Shares rose 2.5 pct in 1987.",
            "The 14.04 train",
            "Monday, 2023",
        ] {
            assert!(!s.dateline_re.is_match(l) || may_be_dateline(l), "{l}");
        }
    }

    proptest::proptest! {
        #[test]
        fn title_case_reads_the_same_as_bytes(s in "[A-Za-z0-9 .,'\t-]{0,60}|(The|of|and|Big|news|UP|a|To|, )+") {
            let seg = Segmenter::new(&resources::segment_table().unwrap()).unwrap();
            proptest::prop_assert_eq!(seg.title_like_ascii(s.as_bytes()), seg.title_like_chars(&s));
        }
    }

    #[test]
    fn sentence_ends() {
        for (s, end) in [
            ("It went on.", true),
            ("He said: \"No.\"", true),
            ("(See below.)", true),
            ("Really?’", true),
            ("Wait…", true),
            ("It went on", false),
            ("the \"limits\"", false),
            ("", false),
            ("»", false),
        ] {
            assert_eq!(ends_sentence(s), end, "{s}");
        }
    }
}
