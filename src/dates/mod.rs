//! Stage 5: dates. Temporal expressions become DATE entities with TIMEX3-style values, in two
//! passes: rules (`detect`) emit underspecified values ("April 16" = `XXXX-04-16`, "Friday" =
//! `XXXX-WXX-5`), then resolution (`value`) fills them from the publication date, choosing a
//! weekday's direction by the tense of its clause. Without a publication date nothing is guessed
//! from the clock: unknown parts stay `X`.

mod detect;
mod lexicon;
mod value;

pub use detect::RangePart;
pub use lexicon::{Holiday, HolidayDay, Lexicon, Tense, Unit};
pub use value::{Dir, Resolved, Val};

use crate::data::Table;
use crate::error::Result;
use crate::model::{tokflags, Analysis, Entity, EntityType, How, Timex, TimexType, TokenKind};
use crate::span::Span;
use detect::{may_start, rules_at, Ctx, Found};
use lexicon::Entry;
use std::borrow::Cow;

/// Month number of an English month name or abbreviation (`Feb`, `February`, `Sept`).
pub fn month_number(s: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| l.starts_with(n))
        .map(|i| i as u32 + 1)
}

/// How many tokens a date may run before its first anchor ("at least the past 18 months":
/// `months` is the sixth token).
const REACH: usize = 8;

/// The date stage.
#[derive(Debug)]
pub struct DateTagger {
    lexicon: Lexicon,
}

impl DateTagger {
    /// Builds the stage from `rules/dates.tsv`.
    pub fn new(table: &Table) -> Result<DateTagger> {
        let mut lexicon = Lexicon::new(table, detect::STARTERS)?;
        lexicon.set_rule_masks(detect::word_rule_mask);
        Ok(DateTagger { lexicon })
    }

    /// The filter the tokeniser marks possible date words with ([`tokflags::MAYBE_DATE`]) and
    /// tells the sentences that may hold a date by ([`Sentence::maybe_date`]): the words of the
    /// lexicon, and which of them can anchor a date. The first pass reads only those sentences
    /// and looks up only the words marked in them.
    ///
    /// [`tokflags::MAYBE_DATE`]: crate::model::tokflags::MAYBE_DATE
    /// [`Sentence::maybe_date`]: crate::model::Sentence::maybe_date
    pub fn word_hint(&self) -> crate::tokenize::WordHint {
        crate::tokenize::WordHint::new(self.lexicon.words().map(|(w, e)| (w, e.is_anchor())))
    }

    /// Finds and resolves the dates of every sentence, adding DATE entities where no other
    /// entity stands.
    pub fn run(&self, a: &mut Analysis<'_>) {
        let text = a.text();
        let reference = a.meta.reference;
        let mut new: Vec<Entity<'static>> = Vec::new();
        let mut ent = 0usize; // cursor into the (sorted) entities
                              // The quarter the document is about, once one is named ("third-quarter profit"):
                              // "the quarter" and "a year earlier" refer to it.
        let mut focus: Option<(i32, u32)> = None;
        // The first day and granularity of the date the text named last: "that year", "the
        // following month" count from it.
        let mut last: Option<(chrono::NaiveDate, &'static str)> = None;
        // One pass over the tokens of the sentences that may hold a date finds the tokens where
        // a date may start (see `detect::may_start`: numbers and words with an entry; the rules
        // skip the others) and the anchors among them, looking up once each word the tokeniser
        // marked as a possible date word; the rules read its meanings from `entries`. Every date
        // holds an anchor (a date word or a number that can be a date part by itself) at most
        // `REACH` tokens after its first token: a sentence without any costs nothing more, and
        // the rules are tried only where an anchor is within reach.
        let (entries, candidates, anchors) = self.first_pass(a);
        // Every date holds an anchor: one allocation of `new` holds them all.
        new.reserve_exact(anchors.len());
        let mut found: Vec<Found> = Vec::new();
        // Cursors into `anchors` and `candidates` (the sentences come in token order).
        let (mut next_anchor, mut next_candidate) = (0usize, 0usize);
        for (si, s) in a.sentences.iter().enumerate() {
            // The sentence's anchors and candidates.
            let anchors = within(&anchors, &mut next_anchor, s.first_token, s.end_token);
            if anchors.is_empty() || s.end_token > a.tokens.len() {
                continue;
            }
            let candidates = within(&candidates, &mut next_candidate, s.first_token, s.end_token);
            let entries = &entries[s.first_token..s.end_token];
            let mut c = Ctx {
                text,
                toks: &a.tokens,
                start: s.first_token,
                end: s.end_token,
                lx: &self.lexicon,
                entries,
                unit_end: 0,
            };
            // Every unit word is a candidate: the last one bounds where a duration can start.
            c.unit_end = candidates
                .iter()
                .rev()
                .find(|&&k| c.has_unit(k))
                .map_or(0, |&k| k + 1);
            found.clear();
            let mut i = s.first_token;
            let mut next_anchor = 0usize;
            let mut next_candidate = 0usize;
            while i < s.end_token {
                while next_anchor < anchors.len() && anchors[next_anchor] < i {
                    next_anchor += 1;
                }
                let Some(&anchor) = anchors.get(next_anchor) else {
                    break;
                };
                if anchor > i + REACH {
                    i = anchor - REACH;
                    continue;
                }
                // A token that is neither a number nor a word with an entry starts no date.
                while next_candidate < candidates.len() && candidates[next_candidate] < i {
                    next_candidate += 1;
                }
                let Some(&candidate) = candidates.get(next_candidate) else {
                    break;
                };
                if candidate > i {
                    i = candidate;
                    continue;
                }
                let t = a.tokens[i];
                while ent < a.entities.len() && a.entities[ent].span.end <= t.span().start {
                    ent += 1;
                }
                if ent < a.entities.len() && a.entities[ent].span.overlaps(t.span()) {
                    i += 1;
                    continue;
                }
                if !may_start(&c, i) {
                    i += 1;
                    continue;
                }
                let f = rules_at(&c, i);
                if f.is_empty() || self.titled(&c, &f) {
                    i += 1;
                    continue;
                }
                // Never run over another entity.
                let last = f.iter().map(|x| x.end).max().unwrap_or(i + 1);
                let span = Span::new(t.span().start, a.tokens[last - 1].span().end);
                let blocked = a.entities[ent..]
                    .iter()
                    .take_while(|e| e.span.start < span.end)
                    .any(|e| e.span.overlaps(span));
                if blocked {
                    i += 1;
                    continue;
                }
                // One date (the common case) moves without an iterator.
                match f.into_inner() {
                    Ok([one]) => found.push(one),
                    Err(f) => found.extend(f),
                }
                i = last;
            }
            attach_times(&mut found, &a.tokens, text);
            for f in found.drain(..) {
                // The tense is searched only when the expression does not set the direction,
                // and only when something reads it: without a publication date, only an
                // anaphor ("the following week") resolved against a date the text named does.
                let reads_dir =
                    reference.is_some() || (matches!(f.val, Val::Anaphor { .. }) && last.is_some());
                let tense = || reads_dir.then(|| self.tense(&c, f.start, f.end)).flatten();
                let dir = match (&f.val, f.dir) {
                    // A bare month goes to the nearest one, but the tense keeps it on its side:
                    // told in the past, never next year's; in the future, never last year's.
                    (Val::Month { .. }, None) => match tense() {
                        Some(Tense::Past) => Dir::NearestPast,
                        Some(Tense::Future) => Dir::NearestFuture,
                        _ => Dir::Nearest,
                    },
                    (_, Some(d)) => d,
                    // A value that resolves the same in every direction: no tense search.
                    (
                        Val::Year(_)
                        | Val::Decade(_)
                        | Val::Century(_)
                        | Val::Ref(_)
                        | Val::Duration(_)
                        | Val::Set(_)
                        | Val::Day { y: Some(_), .. },
                        None,
                    ) => Dir::Nearest,
                    (_, None) => Dir::from(tense()),
                };
                // Only a quarter the text names sets the focus, not one derived from it.
                let named = matches!(
                    f.val,
                    Val::Quarter { .. }
                        | Val::RelQuarter {
                            q: Some(_),
                            dy: 0,
                            ..
                        }
                );
                let val = with_focus(f.val, f.rule, focus);
                let timex_type = val.timex_type();
                let r = match val {
                    Val::Anaphor { unit, n } => value::anaphor(unit, n, last, reference, dir),
                    _ => val.resolve(reference, dir),
                };
                if let Some((first, _)) = r.interval {
                    if value::granularity_rank(r.granularity).is_some() {
                        last = Some((first, r.granularity));
                    }
                }
                // A report is about a quarter that has ended: "a fourth-quarter charge" told in
                // November, or "the third quarter of 1990", is a forecast, not the focus. Among
                // the ended quarters a text names, the latest is the one it reports on (an
                // earlier one is a comparison: "after a flat second quarter").
                if let Some(q) = named.then(|| quarter_of(&r.value)).flatten() {
                    // "the fourth quarter ended Sept. 30", "reported a decline in
                    // fourth-quarter earnings": a fiscal quarter the text reports as past.
                    let ended = reference.is_none_or(|d| quarter_ended(q, d))
                        || tense() == Some(Tense::Past)
                        || matches!(&*c.lower(f.end), "ended" | "ending");
                    if ended && (reference.is_none() || focus.is_none_or(|f| q > f)) {
                        focus = Some(q);
                    }
                }
                let span = Span::new(
                    a.tokens[f.start].span().start,
                    a.tokens[f.end - 1].span().end,
                );
                new.push(Entity {
                    span,
                    kind: EntityType::Date,
                    sentence: si,
                    canonical: Cow::Owned(r.value.clone()),
                    key: None,
                    country: None,
                    how: How::DateRule,
                    timex: Some(Box::new(Timex {
                        value: r.value,
                        timex_type,
                        interval: if timex_type == TimexType::Duration
                            || timex_type == TimexType::Set
                        {
                            None
                        } else {
                            r.interval
                        },
                        granularity: r.granularity,
                        rule: f.rule,
                        range: f.range,
                    })),
                });
            }
        }
        // The dates come in text order, and overlap neither each other (the walk goes on after
        // each) nor another entity (the walk skips those).
        debug_assert!(
            new.windows(2).all(|p| p[0].span.end <= p[1].span.start)
                && new
                    .iter()
                    .all(|n| !a.entities.iter().any(|e| e.span.overlaps(n.span))),
            "dates out of order or overlapping"
        );
        crate::tag::merge_sorted(&mut a.entities, new);
    }

    /// The first pass of [`DateTagger::run`] over the document's tokens: the lexicon entry of
    /// every token ([`Entry::NONE`] for most), the candidates (the tokens where a date may
    /// start: numbers and words with an entry) and the anchors among them, in token order. Kept
    /// out of `run`: its loop then keeps more values in registers (117.2M → 114.2M
    /// instructions per BBC pass for the whole stage). Only the sentences the tokeniser flagged
    /// are read, and only the words it marked [`tokflags::MAYBE_DATE`] in them are looked up
    /// (see [`DateTagger::word_hint`]).
    #[inline(never)]
    fn first_pass(&self, a: &Analysis<'_>) -> (Vec<Entry>, Vec<usize>, Vec<usize>) {
        let bytes = a.text().as_bytes();
        let tokens = &a.tokens;
        // Only the sentences where the tokeniser saw a possible anchor are read (two in five).
        // Which words may be date words cannot be predicted from one token to the next: a
        // first loop, without branches on the tokens, keeps the numbers and the words the
        // tokeniser marked (a fifth of the words). Each token is written to the list, whose
        // length moves on past the ones kept.
        let mut kept: Vec<u32> = vec![0; tokens.len() + 1];
        let mut n = 0usize;
        for s in a.sentences.iter().filter(|s| s.maybe_date) {
            let Some(toks) = tokens.get(s.first_token..s.end_token) else {
                continue;
            };
            for (i, t) in (s.first_token..).zip(toks) {
                let word = (t.kind == TokenKind::Word) | (t.kind == TokenKind::Abbrev);
                let keep = (word & t.has(tokflags::MAYBE_DATE)) | (t.kind == TokenKind::Number);
                if let Some(slot) = kept.get_mut(n) {
                    // (exact: text past 4 GiB is not tokenised, so fewer than 2^32 tokens)
                    *slot = u32::try_from(i).unwrap_or(u32::MAX);
                }
                n += usize::from(keep);
            }
        }
        kept.truncate(n);
        let mut entries: Vec<Entry> = vec![Entry::NONE; tokens.len()];
        let mut candidates: Vec<usize> = Vec::with_capacity(n);
        let mut anchors: Vec<usize> = Vec::with_capacity(n / 2);
        for i in kept.into_iter().map(|i| i as usize) {
            let Some(t) = tokens.get(i) else {
                continue;
            };
            let sp = t.span();
            let anchor = if t.kind == TokenKind::Number {
                number_can_anchor(bytes.get(sp.range()).unwrap_or_default())
            } else {
                let e = self.lexicon.entry_in(bytes, sp.start, sp.end);
                if e == Entry::NONE {
                    continue;
                }
                if let Some(slot) = entries.get_mut(i) {
                    *slot = e;
                }
                e.is_anchor()
            };
            candidates.push(i);
            if anchor {
                anchors.push(i);
            }
        }
        (entries, candidates, anchors)
    }

    /// True when a unit inside a date is written with a capital after its first word: a
    /// title, not a time ("This Week" of ABC, "60 Minutes" of CBS).
    fn titled(&self, c: &Ctx<'_>, f: &[Found]) -> bool {
        // (A holiday's name is written so: "Thanksgiving Day".)
        f.iter()
            .filter(|x| !matches!(x.val, Val::Holiday { .. }))
            .any(|x| {
                (x.start + 1..x.end).any(|k| {
                    let t = &c.toks[k];
                    t.is_cap() && !t.has(crate::model::tokflags::UPPER) && c.has_unit(k)
                })
            })
    }

    /// The tense of the clause around tokens `start..end`: the nearest tense cue.
    fn tense(&self, c: &Ctx<'_>, start: usize, end: usize) -> Option<Tense> {
        // The verb a date hangs on mostly comes before it ("will meet on Tuesday", "was
        // killed Friday"); look left first, then right.
        let left = (1..=12).map_while(|d| start.checked_sub(d).filter(|&k| k >= c.start));
        let right = (0..8).map(|d| end + d).take_while(|&k| k < c.end);
        for i in left.chain(right) {
            if self.no_cue(c, i) {
                continue;
            }
            if let Some(t) = self.cue(c, i) {
                return Some(t);
            }
        }
        None
    }

    /// True when token `i` is certainly no tense cue: not a word, or an ASCII word in no tense
    /// list that is no past form in "-ed" (most words; tested inline, before [`Self::cue`]).
    #[inline(always)]
    fn no_cue(&self, c: &Ctx<'_>, i: usize) -> bool {
        let Some((w, ed, cap)) = cue_word(c, i) else {
            return true;
        };
        (!ed || cap) && !self.lexicon.may_be_tense_ascii(w) && is_ascii(w)
    }

    /// The tense cue of token `i`, if it is one.
    #[inline(never)]
    fn cue(&self, c: &Ctx<'_>, i: usize) -> Option<Tense> {
        let (w, ed, cap) = cue_word(c, i)?;
        if !self.lexicon.may_be_tense_ascii(w) && w.is_ascii() {
            // In no tense list: only a past form in "-ed" is a cue, when it is no word of
            // the lexicon (its entry, looked up once, tells).
            if !ed || cap {
                return None;
            }
            return (!c.has_meaning(i)).then_some(Tense::Past);
        }
        let to = c.is(i + 1, "to");
        // A short ASCII word's cues come from one lookup; another word is lowercased.
        let fast = self.lexicon.tense_cues(w);
        let t = match fast {
            Some(cues) => to.then(|| cues.tense_to()).flatten().or(cues.tense()),
            None => {
                let l = c.lower(i);
                to.then(|| self.lexicon.tense_to(&l))
                    .flatten()
                    .or_else(|| self.lexicon.tense(&l))
            }
        };
        if let Some(t) = t {
            // "had been due to expire Friday", "had planned to": a plan in the past.
            let perfect = (1..=2)
                .filter_map(|d| i.checked_sub(d).filter(|&k| k >= c.start))
                .any(|k| {
                    let sp = c.toks[k].span();
                    let b = c.text.as_bytes().get(sp.start..sp.end).unwrap_or_default();
                    match self.lexicon.tense_cues(b) {
                        Some(cues) => cues.is_perfect(),
                        None => self.lexicon.is_perfect(&c.lower(k)),
                    }
                });
            return Some(if t == Tense::Future && perfect {
                Tense::Past
            } else {
                t
            });
        }
        // A past participle or past form ("killed"), but not a name ("United").
        if fast.is_some() {
            // ASCII: the lowercase word ends in "ed" when the word does in any case, and its
            // entry tells whether the lexicon has it.
            return (ed && !cap && !c.has_meaning(i)).then_some(Tense::Past);
        }
        let l = c.lower(i);
        (l.len() > 4 && l.ends_with("ed") && !cap && !self.lexicon.contains(&l))
            .then_some(Tense::Past)
    }
}

/// True when the number token `n` can anchor a date. A short plain number ("5", "20", "1,500")
/// is a date only beside a date word ("5 April", "20 years"), which anchors it; a year, "16th",
/// "09:15", "14.04.2023" anchors itself.
pub(crate) fn number_can_anchor(n: &[u8]) -> bool {
    n.len() == 4 || !n.iter().all(|b| b.is_ascii_digit() || *b == b',')
}

/// The part of the sorted `list`, from `cursor` on, that lies in `from..to`; moves `cursor` past
/// it (the sentences come in token order).
fn within<'l>(list: &'l [usize], cursor: &mut usize, from: usize, to: usize) -> &'l [usize] {
    let tail = list.get(*cursor..).unwrap_or_default();
    let lo = *cursor + tail.partition_point(|&k| k < from);
    let tail = list.get(lo..).unwrap_or_default();
    *cursor = lo + tail.partition_point(|&k| k < to);
    list.get(lo..*cursor).unwrap_or_default()
}

/// What the tense search reads of token `i` when it is a word: its bytes, whether it ends in
/// "ed" after at least three more bytes (a possible past form), and whether it is capitalised.
#[inline(always)]
fn cue_word<'t>(c: &Ctx<'t>, i: usize) -> Option<(&'t [u8], bool, bool)> {
    let t = &c.toks[i];
    if t.kind != TokenKind::Word {
        return None;
    }
    let w = c.text.as_bytes().get(t.span().range()).unwrap_or_default();
    let ed = w.len() > 4 && w[w.len() - 2..].eq_ignore_ascii_case(b"ed");
    Some((w, ed, t.is_cap()))
}

/// True when every byte is ASCII: a word of at most 8 bytes tested as one word of memory.
#[inline(always)]
fn is_ascii(w: &[u8]) -> bool {
    match w.first_chunk::<8>() {
        Some(b) if w.len() == 8 => u64::from_le_bytes(*b) & 0x8080_8080_8080_8080 == 0,
        _ if w.len() < 8 => w.iter().fold(0u8, |a, b| a | b) < 0x80,
        _ => w.is_ascii(),
    }
}

/// Fills a value that depends on the quarter in focus.
fn with_focus(val: Val, rule: &str, focus: Option<(i32, u32)>) -> Val {
    match (&val, focus) {
        (Val::RelQuarter { y, q: None, dy }, Some((fy, fq))) => Val::Quarter {
            y: Some(y.unwrap_or(fy) + dy),
            q: fq,
        },
        // "year-earlier" with no quarter in sight: the year before.
        (
            Val::RelQuarter {
                y: None,
                q: None,
                dy,
            },
            None,
        ) if rule == "quarter_ref" => Val::Shift {
            unit: Unit::Year,
            n: *dy,
        },
        // "a year earlier" in a quarterly report: the same quarter a year before.
        (
            Val::Shift {
                unit: Unit::Year,
                n: -1,
            },
            Some((fy, fq)),
        ) if rule == "ago" => Val::Quarter {
            y: Some(fy - 1),
            q: fq,
        },
        _ => val,
    }
}

/// True when quarter `(year, q)` ended before day `d`.
fn quarter_ended((y, q): (i32, u32), d: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (y, q) < (d.year(), d.month0() / 3 + 1)
}

/// `(2023, 2)` for the value `2023-Q2`.
fn quarter_of(value: &str) -> Option<(i32, u32)> {
    let (y, q) = value.split_once("-Q")?;
    if y.len() != 4 || q.len() != 1 {
        return None;
    }
    Some((
        y.parse().ok()?,
        q.parse().ok().filter(|q| (1..=4).contains(q))?,
    ))
}

/// A time of day next to a date takes that date: "09:15 GMT 14.04.2023".
fn attach_times(found: &mut [Found], toks: &[crate::model::Token], text: &str) {
    for k in 0..found.len() {
        if !matches!(found[k].val, Val::Time { day: None, .. }) {
            continue;
        }
        let near = |other: &Found| -> bool {
            let (a, b) = if other.start >= found[k].end {
                (found[k].end - 1, other.start)
            } else {
                (other.end - 1, found[k].start)
            };
            text[toks[a].span().end..toks[b].span().start]
                .trim_matches(|c: char| c.is_whitespace() || c == ',')
                .is_empty()
        };
        let day = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| found.get(j))
            .find(|o| matches!(o.val, Val::Day { .. }) && near(o))
            .map(|o| o.val.clone());
        if let (Some(d), Val::Time { day, .. }) = (day, &mut found[k].val) {
            *day = Some(Box::new(d));
        }
    }
}
