//! Underspecified temporal values (first pass) and their resolution against the publication
//! date (second pass), as HeidelTime does it: rules say "April 16" or "last month"; resolution
//! says which April 16 and which month.

use super::lexicon::{HolidayDay, Tense, Unit};
use crate::model::TimexType;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Direction of a weekday reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// The last such day on or before the reference.
    Past,
    /// The next such day after the reference.
    Future,
    /// The nearest such day.
    Nearest,
    /// The one in the reference's own year ("this September").
    Same,
    /// The nearest, but not a later year (a bare month told in the past tense).
    NearestPast,
    /// The nearest, but not an earlier year (a bare month told in the future tense).
    NearestFuture,
}

impl From<Option<Tense>> for Dir {
    fn from(t: Option<Tense>) -> Dir {
        match t {
            Some(Tense::Past) => Dir::Past,
            Some(Tense::Future) => Dir::Future,
            _ => Dir::Nearest,
        }
    }
}

/// A temporal value as the rules found it.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// A calendar day, year maybe unknown.
    Day {
        /// Year, if written.
        y: Option<i32>,
        /// Month.
        m: u32,
        /// Day.
        d: u32,
    },
    /// A month.
    Month {
        /// Year, if written.
        y: Option<i32>,
        /// Month.
        m: u32,
    },
    /// A month of a year given relative to the reference's: "June last year" (`dy` = −1).
    MonthShift {
        /// Month.
        m: u32,
        /// Years to add.
        dy: i32,
    },
    /// A year.
    Year(i32),
    /// A decade: 199 for the 1990s.
    Decade(i32),
    /// A century: 19 for the 20th century (the years 1900–1999, as TimeML writes it).
    Century(i32),
    /// A holiday: the day in its month, the year found like a weekday's.
    Holiday {
        /// Month.
        m: u32,
        /// Day in the month.
        day: HolidayDay,
        /// Which one.
        dir: Dir,
    },
    /// A season: `SU`.
    Season {
        /// Year, if written.
        y: Option<i32>,
        /// Season code.
        s: &'static str,
    },
    /// A season a number of years from the reference's: "last fall" (`n` = −1).
    ShiftSeason {
        /// Season code.
        s: &'static str,
        /// Years to add.
        n: i32,
    },
    /// A quarter.
    Quarter {
        /// Year, if written.
        y: Option<i32>,
        /// 1–4.
        q: u32,
    },
    /// A quarter known in part: "the quarter" (the one the document is about), "the
    /// year-earlier quarter" (`dy` = −1), "third-quarter" (year unknown).
    RelQuarter {
        /// Year, if written.
        y: Option<i32>,
        /// Quarter, if written.
        q: Option<u32>,
        /// Years to add.
        dy: i32,
    },
    /// A weekday: 1 (Monday) – 7.
    Weekday {
        /// Day of week.
        wd: u32,
        /// Which one.
        dir: Dir,
    },
    /// The reference shifted by `n` units (yesterday = Day −1, last month = Month −1).
    Shift {
        /// Unit.
        unit: Unit,
        /// Offset.
        n: i32,
    },
    /// A date told from the one the text last named: "that year" (`n` = 0), "the following
    /// month" (`n` = 1). Without a date named before it, from the reference, as a [`Val::Shift`].
    Anaphor {
        /// Unit.
        unit: Unit,
        /// Offset.
        n: i32,
    },
    /// PAST_REF, PRESENT_REF, FUTURE_REF.
    Ref(&'static str),
    /// An ISO 8601 duration.
    Duration(String),
    /// A time of day, on a day if known.
    Time {
        /// The day it is on.
        day: Option<Box<Val>>,
        /// Hour.
        h: u32,
        /// Minute.
        mi: u32,
    },
    /// A part of a day: `TMO`.
    DayPart {
        /// The day.
        day: Box<Val>,
        /// MO, AF, EV, NI.
        part: &'static str,
    },
    /// A recurring time.
    Set(String),
}

impl Val {
    /// TIMEX3 type.
    pub fn timex_type(&self) -> TimexType {
        match self {
            Val::Duration(_) => TimexType::Duration,
            Val::Time { .. } | Val::DayPart { .. } => TimexType::Time,
            Val::Set(_) => TimexType::Set,
            _ => TimexType::Date,
        }
    }
}

/// The resolved form: value, inclusive interval, granularity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// TIMEX3 value.
    pub value: String,
    /// Inclusive bounds.
    pub interval: Option<(NaiveDate, NaiveDate)>,
    /// Granularity name.
    pub granularity: &'static str,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = ymd(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

fn fmt_day(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_padded(&mut s, d.year(), 4);
    s.push('-');
    push_padded(&mut s, d.month() as i32, 2);
    s.push('-');
    push_padded(&mut s, d.day() as i32, 2);
    s
}

/// `format!("{v:0width$}")` appended to `s`, without the formatting machinery for the values
/// dates have (0 to 9999, width at most 4).
pub(super) fn push_padded(s: &mut String, v: i32, width: usize) {
    use std::fmt::Write;
    if !(0..10_000).contains(&v) || width > 4 {
        let _ = write!(s, "{v:0width$}");
        return;
    }
    let digits = [v / 1000, v / 100 % 10, v / 10 % 10, v % 10].map(|d| b'0' + d as u8);
    let len = match v {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        _ => 4,
    };
    // One byte at a time: an ASCII push is a store (no iterator, no UTF-8 check).
    for &d in &digits[4 - len.max(width)..] {
        s.push(char::from(d));
    }
}

/// `format!("{v:0width$}")` for the values dates have.
fn padded(v: i32, width: usize) -> String {
    let mut s = String::with_capacity(width.max(4));
    push_padded(&mut s, v, width);
    s
}

/// A year (`XXXX` when unknown), `sep` and `v` padded to `width` digits: `2023-04`,
/// `XXXX-04`, `2023-Q2`, `2023-W15`.
fn year_then(y: Option<i32>, sep: &str, v: u32, width: usize) -> String {
    // Room for a day after it (`XXXX-04` + `-16`).
    let mut s = String::with_capacity(10);
    match y {
        Some(y) => push_padded(&mut s, y, 4),
        None => s.push_str("XXXX"),
    }
    s.push_str(sep);
    push_padded(&mut s, v as i32, width);
    s
}

/// `format!("{y:04}-{m:02}")`.
fn fmt_month(y: i32, m: u32) -> String {
    year_then(Some(y), "-", m, 2)
}

/// `format!("XXXX-{m:02}")`.
fn unknown_year_month(m: u32) -> String {
    year_then(None, "-", m, 2)
}

/// `format!("{y:04}-Q{q}")`.
fn fmt_quarter(y: i32, q: u32) -> String {
    year_then(Some(y), "-Q", q, 1)
}

/// The year of an underspecified month: an explicit direction ("last May", "next March")
/// takes the last such month up to the reference's or the first one from it on; "this
/// September" the reference's year; otherwise the nearest such month (six months back or five
/// ahead), except that a month told in the past tense is never moved into next year and one
/// told in the future never into last year.
fn month_year(r: NaiveDate, m: u32, dir: Dir) -> i32 {
    match dir {
        Dir::Past if m > r.month() => r.year() - 1,
        Dir::Future if m < r.month() => r.year() + 1,
        Dir::Past | Dir::Future | Dir::Same => r.year(),
        Dir::Nearest | Dir::NearestPast | Dir::NearestFuture => {
            let diff = m as i32 - r.month() as i32; // −11..=11
            if diff > 5 && dir != Dir::NearestFuture {
                r.year() - 1
            } else if diff < -6 && dir != Dir::NearestPast {
                r.year() + 1
            } else {
                r.year()
            }
        }
    }
}

/// The year among `r.year()-1 ..= r.year()+1` that puts `(m, d)` nearest to `r`, preferring the
/// side the tense points to.
fn nearest_year(r: NaiveDate, m: u32, d: u32, tense: Dir) -> i32 {
    let mut best = r.year();
    let mut best_dist = i64::MAX;
    for y in [r.year() - 1, r.year(), r.year() + 1] {
        let Some(c) = ymd(y, m, d).or_else(|| ymd(y, m, 28)) else {
            continue;
        };
        let mut dist = (c - r).num_days().abs();
        match tense {
            Dir::Past if c > r => dist += 200,
            Dir::Future if c < r => dist += 200,
            _ => {}
        }
        if dist < best_dist {
            best_dist = dist;
            best = y;
        }
    }
    best
}

/// The year of quarter `q` named without one: the reference's, unless the quarter starts two
/// or more quarters after the reference's ("the fourth quarter" in a January report is last
/// year's).
fn quarter_year(r: NaiveDate, q: u32) -> i32 {
    r.year() - i32::from(q >= r.month0() / 3 + 3)
}

/// The day of a holiday in year `y`.
fn holiday_date(y: i32, m: u32, day: HolidayDay) -> Option<NaiveDate> {
    match day {
        HolidayDay::Fixed(d) => ymd(y, m, d),
        HolidayDay::Nth { wd, n, offset } => {
            let wd = weekday_from(wd);
            let d = if n > 0 {
                NaiveDate::from_weekday_of_month_opt(y, m, wd, n as u8)?
            } else {
                let (_, last) = month_bounds(y, m)?;
                let back =
                    (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                last - Days::new(u64::from(back))
            };
            d.checked_add_signed(chrono::Duration::days(offset))
        }
    }
}

fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    year_then(Some(w.year()), "-W", w.week(), 2)
}

fn week_bounds(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = d - Days::new(d.weekday().num_days_from_monday() as u64);
    (monday, monday + Days::new(6))
}

impl Val {
    /// Resolves against the reference day `r` (the publication date), with the tense of the
    /// clause for underspecified years and weekdays. Without `r`, unknown parts stay `X`.
    pub fn resolve(self, r: Option<NaiveDate>, tense: Dir) -> Resolved {
        let dayres = |d: NaiveDate| Resolved {
            value: fmt_day(d),
            interval: Some((d, d)),
            granularity: "day",
        };
        let unresolved = |value: String, granularity: &'static str| Resolved {
            value,
            interval: None,
            granularity,
        };
        match self {
            Val::Day { y, m, d } => {
                let y = y.or_else(|| r.map(|r| nearest_year(r, m, d, tense)));
                match y.and_then(|y| ymd(y, m, d)) {
                    Some(day) => dayres(day),
                    None => {
                        let mut s = year_then(y, "-", m, 2);
                        s.push('-');
                        push_padded(&mut s, d as i32, 2);
                        unresolved(s, "day")
                    }
                }
            }
            Val::Month { y, m } => {
                let y = y.or_else(|| r.map(|r| month_year(r, m, tense)));
                match y {
                    Some(y) => Resolved {
                        value: fmt_month(y, m),
                        interval: month_bounds(y, m),
                        granularity: "month",
                    },
                    None => unresolved(unknown_year_month(m), "month"),
                }
            }
            Val::MonthShift { m, dy } => match r {
                Some(r) => Val::Month {
                    y: Some(r.year() + dy),
                    m,
                }
                .resolve(Some(r), tense),
                None => unresolved(unknown_year_month(m), "month"),
            },
            Val::Year(y) => Resolved {
                value: padded(y, 4),
                interval: ymd(y, 1, 1).zip(ymd(y, 12, 31)),
                granularity: "year",
            },
            Val::Decade(d) => Resolved {
                value: format!("{d:03}"),
                interval: ymd(d * 10, 1, 1).zip(ymd(d * 10 + 9, 12, 31)),
                granularity: "decade",
            },
            Val::Holiday { m, day, dir } => {
                let on = |y: i32| holiday_date(y, m, day);
                let dir = if dir == Dir::Nearest { tense } else { dir };
                let pick = r.and_then(|r| {
                    let cands = [r.year() - 1, r.year(), r.year() + 1].map(on);
                    let cands = cands.iter().flatten();
                    match dir {
                        Dir::Past => cands.filter(|d| **d <= r).max().copied(),
                        Dir::Future => cands.filter(|d| **d >= r).min().copied(),
                        _ => cands.min_by_key(|d| (**d - r).num_days().abs()).copied(),
                    }
                });
                match pick {
                    Some(d) => dayres(d),
                    None => unresolved(
                        match day {
                            HolidayDay::Fixed(d) => format!("XXXX-{m:02}-{d:02}"),
                            HolidayDay::Nth { .. } => format!("XXXX-{m:02}-XX"),
                        },
                        "day",
                    ),
                }
            }
            Val::Century(c) => Resolved {
                value: format!("{c:02}"),
                interval: ymd(c * 100, 1, 1).zip(ymd(c * 100 + 99, 12, 31)),
                granularity: "century",
            },
            Val::Season { y, s } => {
                // Told in the past, a season not yet begun this year is last year's.
                let start = match s {
                    "SP" => 3,
                    "SU" => 6,
                    "FA" => 9,
                    _ => 12,
                };
                let y = y.or_else(|| {
                    r.map(|r| r.year() - i32::from(tense == Dir::Past && start > r.month()))
                });
                unresolved(
                    format!(
                        "{}-{s}",
                        y.map_or("XXXX".to_string(), |y| format!("{y:04}"))
                    ),
                    "season",
                )
            }
            Val::ShiftSeason { s, n } => match r {
                Some(r) => unresolved(format!("{:04}-{s}", r.year() + n), "season"),
                None => unresolved(format!("XXXX-{s}"), "season"),
            },
            Val::Quarter { y, q } => {
                let y = y.or_else(|| r.map(|r| quarter_year(r, q)));
                match y {
                    Some(y) => Resolved {
                        value: fmt_quarter(y, q),
                        interval: ymd(y, (q - 1) * 3 + 1, 1)
                            .zip(month_bounds(y, q * 3).map(|b| b.1)),
                        granularity: "quarter",
                    },
                    None => unresolved(format!("XXXX-Q{q}"), "quarter"),
                }
            }
            Val::RelQuarter { y, q, dy } => {
                // Without a quarter in focus: the last quarter before the reference's, the one
                // a report published then is about.
                let base = r.map(|r| {
                    let q0 = r.year() * 4 + (r.month0() / 3) as i32 - 1;
                    (q0.div_euclid(4), q0.rem_euclid(4) as u32 + 1)
                });
                let year = match (y, q, r) {
                    (Some(y), _, _) => Some(y + dy),
                    (None, Some(q), Some(r)) => Some(quarter_year(r, q) + dy),
                    (None, None, _) => base.map(|b| b.0 + dy),
                    _ => None,
                };
                let q = q.or(base.map(|b| b.1));
                match (year, q) {
                    (Some(y), Some(q)) => Val::Quarter { y: Some(y), q }.resolve(r, tense),
                    _ => unresolved(
                        format!(
                            "{}-Q{}",
                            year.map_or("XXXX".to_string(), |y| format!("{y:04}")),
                            q.map_or("X".to_string(), |q| q.to_string())
                        ),
                        "quarter",
                    ),
                }
            }
            Val::Weekday { wd, dir } => {
                // "last Wednesday" said on a Wednesday is a week ago, not today.
                let strict = dir == Dir::Past;
                let dir = if dir == Dir::Nearest { tense } else { dir };
                match r {
                    Some(r) => {
                        let target = weekday_from(wd);
                        let back = (7 + r.weekday().num_days_from_monday() as i64
                            - target.num_days_from_monday() as i64)
                            % 7;
                        let fwd = (7 - back) % 7;
                        let day = match dir {
                            Dir::Past if strict && back == 0 => r - Days::new(7),
                            Dir::Past => r - Days::new(back as u64),
                            Dir::Future => r + Days::new(if fwd == 0 { 7 } else { fwd as u64 }),
                            // No tense: news mostly reports the past week, so the
                            // past unless the day is just ahead (tomorrow).
                            Dir::Nearest | Dir::Same | Dir::NearestPast | Dir::NearestFuture => {
                                if fwd != 1 {
                                    r - Days::new(back as u64)
                                } else {
                                    r + Days::new(fwd as u64)
                                }
                            }
                        };
                        dayres(day)
                    }
                    None => {
                        let mut s = String::with_capacity(10);
                        s.push_str("XXXX-WXX-");
                        push_padded(&mut s, wd as i32, 1);
                        unresolved(s, "day")
                    }
                }
            }
            Val::Shift { unit, n } | Val::Anaphor { unit, n } => shift(unit, n, r, tense),
            Val::Ref(s) => unresolved(s.to_string(), "vague"),
            Val::Duration(s) => unresolved(s, "duration"),
            Val::Set(s) => unresolved(s, "set"),
            Val::Time { day, h, mi } => {
                let base = match day {
                    Some(d) => (*d).resolve(r, tense),
                    None => match r {
                        Some(r) => dayres(r),
                        None => unresolved("XXXX-XX-XX".to_string(), "day"),
                    },
                };
                Resolved {
                    value: format!("{}T{h:02}:{mi:02}", base.value),
                    interval: base.interval,
                    granularity: "time",
                }
            }
            Val::DayPart { day, part } => {
                let base = (*day).resolve(r, tense);
                Resolved {
                    value: format!("{}T{part}", base.value),
                    interval: base.interval,
                    granularity: "time",
                }
            }
        }
    }
}

/// How fine a granularity is, for an anaphoric date's anchor: day 0 … year 4; `None` for the
/// ones no anaphor counts from (decades, seasons, vague references, durations).
pub fn granularity_rank(g: &str) -> Option<u8> {
    Some(match g {
        "day" | "time" => 0,
        "week" => 1,
        "month" => 2,
        "quarter" => 3,
        "year" => 4,
        _ => return None,
    })
}

fn unit_rank(u: Unit) -> Option<u8> {
    granularity_rank(match u {
        Unit::Day => "day",
        Unit::Week | Unit::Weekend | Unit::Fortnight => "week",
        Unit::Month => "month",
        Unit::Quarter => "quarter",
        Unit::Year => "year",
        _ => return None,
    })
}

/// An anaphoric date ("that year", "the following month", "that same day") told from
/// `anchor`, the first day and granularity of the date the text last named; without one, from
/// the reference. An anchor coarser than the unit gives what it knows: "that same day" after
/// "last October" is `1998-10-XX`.
pub fn anaphor(
    unit: Unit,
    n: i32,
    anchor: Option<(NaiveDate, &'static str)>,
    r: Option<NaiveDate>,
    tense: Dir,
) -> Resolved {
    let Some((a, g)) = anchor else {
        return shift(unit, n, r, tense);
    };
    match (granularity_rank(g), unit_rank(unit)) {
        (Some(ga), Some(gu)) if ga <= gu => shift(unit, n, Some(a), tense),
        (Some(ga), Some(gu)) => {
            let known = match ga {
                2 => format!("{:04}-{:02}", a.year(), a.month()),
                _ => format!("{:04}", a.year()),
            };
            let value = match gu {
                0 if ga == 2 => format!("{known}-XX"),
                0 => format!("{known}-XX-XX"),
                1 => format!("{known}-WXX"),
                2 => format!("{known}-XX"),
                _ => format!("{known}-QX"),
            };
            let granularity = ["day", "week", "month", "quarter", "year"][usize::from(gu)];
            Resolved {
                value,
                interval: None,
                granularity,
            }
        }
        _ => shift(unit, n, r, tense),
    }
}

fn shift(unit: Unit, n: i32, r: Option<NaiveDate>, tense: Dir) -> Resolved {
    let Some(r) = r else {
        let (value, g) = match unit {
            Unit::Day => ("XXXX-XX-XX", "day"),
            Unit::Week | Unit::Fortnight => ("XXXX-WXX", "week"),
            Unit::Weekend => ("XXXX-WXX-WE", "week"),
            Unit::Month => ("XXXX-XX", "month"),
            Unit::Quarter => ("XXXX-QX", "quarter"),
            Unit::Year => ("XXXX", "year"),
            Unit::Decade => ("XXX", "decade"),
            Unit::Century => ("XX", "century"),
            _ => ("PRESENT_REF", "vague"),
        };
        return Resolved {
            value: value.to_string(),
            interval: None,
            granularity: g,
        };
    };
    let add_days = |d: NaiveDate, k: i64| {
        if k >= 0 {
            d.checked_add_days(Days::new(k as u64))
        } else {
            d.checked_sub_days(Days::new((-k) as u64))
        }
    };
    let add_months = |d: NaiveDate, k: i32| {
        if k >= 0 {
            d.checked_add_months(Months::new(k as u32))
        } else {
            d.checked_sub_months(Months::new((-k) as u32))
        }
    };
    let fallback = Resolved {
        value: "PRESENT_REF".into(),
        interval: None,
        granularity: "vague",
    };
    match unit {
        Unit::Day => add_days(r, n as i64).map_or(fallback, |d| Resolved {
            value: fmt_day(d),
            interval: Some((d, d)),
            granularity: "day",
        }),
        Unit::Week | Unit::Fortnight => add_days(r, 7 * n as i64).map_or(fallback, |d| Resolved {
            value: iso_week(d),
            interval: Some(week_bounds(d)),
            granularity: "week",
        }),
        // "the weekend" told in the past tense on a weekday is the one just past.
        Unit::Weekend => add_days(
            r,
            7 * n as i64
                - if n == 0 && tense == Dir::Past && r.weekday().num_days_from_monday() < 5 {
                    7
                } else {
                    0
                },
        )
        .map_or(fallback, |d| {
            let (mon, _) = week_bounds(d);
            Resolved {
                value: format!("{}-WE", iso_week(d)),
                interval: Some((mon + Days::new(5), mon + Days::new(6))),
                granularity: "week",
            }
        }),
        Unit::Month => add_months(r.with_day(1).unwrap_or(r), n).map_or(fallback, |d| Resolved {
            value: fmt_month(d.year(), d.month()),
            interval: month_bounds(d.year(), d.month()),
            granularity: "month",
        }),
        Unit::Quarter => {
            let q0 = (r.year() * 4 + (r.month0() / 3) as i32) + n;
            let (y, q) = (q0.div_euclid(4), q0.rem_euclid(4) as u32 + 1);
            Resolved {
                value: fmt_quarter(y, q),
                interval: ymd(y, (q - 1) * 3 + 1, 1).zip(month_bounds(y, q * 3).map(|b| b.1)),
                granularity: "quarter",
            }
        }
        Unit::Year => {
            let y = r.year() + n;
            Resolved {
                value: padded(y, 4),
                interval: ymd(y, 1, 1).zip(ymd(y, 12, 31)),
                granularity: "year",
            }
        }
        Unit::Decade => {
            let d = r.year().div_euclid(10) + n;
            Resolved {
                value: format!("{d:03}"),
                interval: ymd(d * 10, 1, 1).zip(ymd(d * 10 + 9, 12, 31)),
                granularity: "decade",
            }
        }
        Unit::Century => {
            let c = r.year().div_euclid(100) + n;
            Resolved {
                value: format!("{c:02}"),
                interval: ymd(c * 100, 1, 1).zip(ymd(c * 100 + 99, 12, 31)),
                granularity: "century",
            }
        }
        Unit::Hour | Unit::Minute | Unit::Second => Resolved {
            value: "PRESENT_REF".into(),
            interval: Some((r, r)),
            granularity: "vague",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn weekdays_by_tense() {
        let r = d("2023-04-14"); // a Friday
        let fri = Val::Weekday {
            wd: 5,
            dir: Dir::Nearest,
        };
        assert_eq!(fri.clone().resolve(r, Dir::Past).value, "2023-04-14");
        assert_eq!(fri.resolve(r, Dir::Future).value, "2023-04-21");
        let tue = Val::Weekday {
            wd: 2,
            dir: Dir::Nearest,
        };
        assert_eq!(tue.clone().resolve(r, Dir::Past).value, "2023-04-11");
        assert_eq!(tue.clone().resolve(r, Dir::Future).value, "2023-04-18");
        assert_eq!(tue.resolve(None, Dir::Past).value, "XXXX-WXX-2");
    }

    #[test]
    fn months_and_shifts() {
        let r = d("2023-04-14");
        let lm = Val::Shift {
            unit: Unit::Month,
            n: -1,
        }
        .resolve(r, Dir::Nearest);
        assert_eq!(lm.value, "2023-03");
        assert_eq!(lm.interval, d("2023-03-01").zip(d("2023-03-31")));
        assert_eq!(
            Val::Shift {
                unit: Unit::Month,
                n: -1
            }
            .resolve(None, Dir::Nearest)
            .value,
            "XXXX-XX"
        );
        assert_eq!(
            Val::Month { y: None, m: 3 }.resolve(r, Dir::Nearest).value,
            "2023-03"
        );
        assert_eq!(
            Val::Month { y: None, m: 12 }
                .resolve(d("2024-01-05"), Dir::Nearest)
                .value,
            "2023-12"
        );
        assert_eq!(
            Val::Day {
                y: None,
                m: 4,
                d: 16
            }
            .resolve(None, Dir::Nearest)
            .value,
            "XXXX-04-16"
        );
        assert_eq!(
            Val::Shift {
                unit: Unit::Week,
                n: 1
            }
            .resolve(r, Dir::Nearest)
            .value,
            "2023-W16"
        );
        assert_eq!(
            Val::Shift {
                unit: Unit::Quarter,
                n: -1
            }
            .resolve(r, Dir::Nearest)
            .value,
            "2023-Q1"
        );
        assert_eq!(
            Val::Shift {
                unit: Unit::Day,
                n: -1
            }
            .resolve(r, Dir::Nearest)
            .value,
            "2023-04-13"
        );
    }
}
