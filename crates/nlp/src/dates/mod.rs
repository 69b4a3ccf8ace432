//! Time expressions: the dates an article names ("October 28", "28 October 2024", "2024-10-28", "March 2003", "in 2022") and the relative ones ("today", "last week", "on Monday", "three days ago"), resolved against `published_at`.
//!
//! One pass over the tokens; each expression is resolved to an ISO value
//! at its granularity: a day `2024-10-28`, an ISO week `2024-W43`, a month
//! `2024-10` or a year `2024`. A date without a year takes the year of
//! publication, moved back a year when that would put it more than about
//! nine months after publication (a January article's "December 20" is
//! last December). A bare weekday is the most recent such day on or before
//! publication, or the next one when the sentence looks forward ("will",
//! "next", "due", "is to"). Relative expressions without a publication date
//! are reported with `value` null. A bare year counts only after a
//! preposition ("in 2022", "since 1991", "by 2030"), so "2024 people" is not a
//! date; years from 1000 to 2999 are accepted.

mod module;

pub use module::DatesModule;

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;

use crate::text::token_match::{lower, punct_is, touching, with_lower, word_is};
use crate::text::{Token, TokenKind, tokens};

use crate::text::calendar::{month_of, weekday_of};

/// One time expression of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// The expression as written.
    pub text: String,
    /// Its resolved value (`2024-10-28`, `2024-W43`, `2024-10`, `2024`), or
    /// null when it is relative and the article has no publication date.
    pub value: Option<String>,
    /// `day`, `week`, `month` or `year`.
    pub granularity: Granularity,
    /// Whether it was resolved against the publication date.
    pub relative: bool,
    /// Code-point offsets of `text` in the article text.
    pub start: usize,
    pub end: usize,
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

/// What an expression means before it is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Day(NaiveDate),
    Week(NaiveDate),
    Month(i32, u32),
    Year(i32),
}

impl Value {
    fn iso(self) -> String {
        match self {
            Value::Day(d) => d.format("%Y-%m-%d").to_string(),
            Value::Week(d) => {
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Value::Month(y, m) => format!("{y:04}-{m:02}"),
            Value::Year(y) => format!("{y:04}"),
        }
    }

    fn granularity(self) -> Granularity {
        match self {
            Value::Day(_) => Granularity::Day,
            Value::Week(_) => Granularity::Week,
            Value::Month(..) => Granularity::Month,
            Value::Year(_) => Granularity::Year,
        }
    }
}

/// Years accepted as written.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

/// Words after which a bare year is a date.
const YEAR_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "before",
    "after",
    "during",
    "of",
    "early",
    "late",
    "mid",
    "throughout",
    "through",
    "between",
    "and",
    "to",
];

/// Words that make a bare weekday the next one.
const FORWARD: &[&str] = &[
    "will",
    "next",
    "due",
    "'ll",
    "shall",
    "scheduled",
    "expected",
    "plans",
    "planned",
];

/// Words before "to" that make it look forward ("is to meet", "set to
/// vote"); "to" alone does not ("went to Kyiv on Monday").
const FORWARD_TO: &[&str] = &["is", "are", "was", "were", "am", "be", "set", "going"];

/// The time expressions of `text`, resolved against `published_at` (RFC
/// 3339 or a bare date), in text order.
pub fn dates(text: &str, published_at: Option<&str>) -> Vec<DateMention> {
    let toks: Vec<Token<'_>> = tokens(text).collect();
    dates_in(text, &toks, published_at)
}

/// [`dates`] of a text already cut into its [`tokens`] (`toks`, which must
/// be those of `text`), for a caller that shares one segmentation.
pub fn dates_in(text: &str, toks: &[Token<'_>], published_at: Option<&str>) -> Vec<DateMention> {
    let anchor = published_at.and_then(|p| {
        p.get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    });
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match read(toks, i, anchor) {
            // An absolute date that does not exist: skipped whole.
            Some((None, false, end)) => i = end.max(i + 1),
            Some((value, relative, end)) => {
                let (first, last) = (&toks[i], &toks[end - 1]);
                let bytes = first.span.byte_range().start..last.span.byte_range().end;
                let granularity = match value {
                    Some(v) => v.granularity(),
                    None => relative_granularity(&toks[i..end]),
                };
                if let Some(written) = text.get(bytes) {
                    out.push(DateMention {
                        text: written.to_owned(),
                        value: value.map(Value::iso),
                        granularity,
                        relative,
                        start: first.char_range().start,
                        end: last.char_range().end,
                    });
                }
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A number token's value when it is plain digits.
fn digits(toks: &[Token<'_>], at: usize) -> Option<u32> {
    let t = toks.get(at)?;
    if t.kind != TokenKind::Number
        || t.text().len() > 4
        || !t.text().bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    t.text().parse().ok()
}

/// A day of the month written `28`, `28th`, `1st`: its value and the token after it.
fn day(toks: &[Token<'_>], at: usize) -> Option<(u32, usize)> {
    let t = toks.get(at)?;
    let (n, next) = if let Some(n) = digits(toks, at) {
        let next = if word_is(toks, at + 1, &["th", "st", "nd", "rd"]) && touching(t, &toks[at + 1])
        {
            at + 2
        } else {
            at + 1
        };
        (n, next)
    } else if t.kind == TokenKind::Word && t.text().starts_with(|c: char| c.is_ascii_digit()) {
        let text = lower(t);
        let num = text
            .strip_suffix("th")
            .or_else(|| text.strip_suffix("st"))
            .or_else(|| text.strip_suffix("nd"))
            .or_else(|| text.strip_suffix("rd"))?;
        (num.parse().ok()?, at + 1)
    } else {
        return None;
    };
    (1..=31).contains(&n).then_some((n, next))
}

/// A year written as four digits at `at` (optionally after a comma): its value and the token after it.
fn year(toks: &[Token<'_>], at: usize) -> Option<(i32, usize)> {
    let at = if punct_is(toks, at, ",") { at + 1 } else { at };
    let t = toks.get(at)?;
    if t.text().len() != 4 {
        return None;
    }
    let y = digits(toks, at)? as i32;
    YEARS.contains(&y).then_some((y, at + 1))
}

/// A month name at `at`, with an abbreviation's full stop: its number and the token after it.
fn month(toks: &[Token<'_>], at: usize) -> Option<(u32, usize)> {
    let t = toks.get(at)?;
    if t.kind != TokenKind::Word || !t.text().starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let (m, abbreviated) = with_lower(t.text(), month_of)?;
    // "May" alone is too often the verb; it needs a day or year beside it (checked by the callers).
    let next = if abbreviated && punct_is(toks, at + 1, ".") {
        at + 2
    } else {
        at + 1
    };
    Some((m, next))
}

/// The expression starting at token `i`: its value (none when relative with
/// no anchor), whether it is relative, and the token after it.
fn read(
    toks: &[Token<'_>],
    i: usize,
    anchor: Option<NaiveDate>,
) -> Option<(Option<Value>, bool, usize)> {
    let t = &toks[i];
    // ISO dates: 2024-10-28.
    if let Some(y) = digits(toks, i).filter(|_| t.text().len() == 4)
        && punct_is(toks, i + 1, "-")
        && let Some(m) = digits(toks, i + 2)
        && punct_is(toks, i + 3, "-")
        && let Some(d) = digits(toks, i + 4)
        && toks[i..i + 5].windows(2).all(|w| touching(&w[0], &w[1]))
    {
        let date = NaiveDate::from_ymd_opt(y as i32, m, d).map(Value::Day);
        return Some((date, false, i + 5));
    }
    // Month day[, year]: October 28, Oct. 28, 2024.
    if let Some((m, next)) = month(toks, i) {
        if let Some((d, after_day)) = day(toks, next) {
            if let Some((y, after_year)) = year(toks, after_day) {
                let date = NaiveDate::from_ymd_opt(y, m, d).map(Value::Day);
                return Some((date, false, after_year));
            }
            let value = anchor.and_then(|a| yearless(a, m, d)).map(Value::Day);
            return Some((value, true, after_day));
        }
        if let Some((y, after_year)) = year(toks, next).filter(|_| !punct_is(toks, next, ",")) {
            return Some((Some(Value::Month(y, m)), false, after_year));
        }
        return None;
    }
    // Day month [year]: 28 October 2024, 28th October.
    if let Some((d, next)) = day(toks, i)
        && let Some((m, after_month)) = month(toks, next)
    {
        if let Some((y, after_year)) =
            year(toks, after_month).filter(|_| !punct_is(toks, after_month, ","))
        {
            // An impossible date (31 February) is skipped whole.
            let date = NaiveDate::from_ymd_opt(y, m, d).map(Value::Day);
            return Some((date, false, after_year));
        }
        let value = anchor.and_then(|a| yearless(a, m, d)).map(Value::Day);
        return Some((value, true, after_month));
    }
    // A bare year after a preposition.
    if i >= 1
        && word_is(toks, i - 1, YEAR_PREPOSITIONS)
        && let Some((y, next)) = year(toks, i).filter(|_| t.kind == TokenKind::Number)
        && !toks
            .get(next)
            .is_some_and(|n| touching(&toks[next - 1], n) && n.kind != TokenKind::Punct)
    {
        return Some((Some(Value::Year(y)), false, next));
    }
    relative(toks, i, anchor)
}

/// A date without a year, placed in the year that puts it nearest
/// publication, leaning to the past.
fn yearless(anchor: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(anchor.year(), m, d);
    match this {
        Some(date) if (date - anchor).num_days() > 270 => {
            NaiveDate::from_ymd_opt(anchor.year() - 1, m, d)
        }
        Some(date) if (anchor - date).num_days() > 270 => {
            NaiveDate::from_ymd_opt(anchor.year() + 1, m, d)
        }
        other => other,
    }
}

/// Relative expressions: today, yesterday, last week, on Monday, three days ago.
fn relative(
    toks: &[Token<'_>],
    i: usize,
    anchor: Option<NaiveDate>,
) -> Option<(Option<Value>, bool, usize)> {
    if toks[i].kind != TokenKind::Word {
        // "3 days ago", "in 2 weeks".
        return counted_offset(toks, i, anchor);
    }
    // Every word passes here: lowered on the stack, only short ASCII ones.
    with_lower(toks[i].text(), |w| relative_word(toks, i, anchor, w))
}

/// [`relative`] at the word `w` (token `i`, in lower case).
fn relative_word(
    toks: &[Token<'_>],
    i: usize,
    anchor: Option<NaiveDate>,
    w: &str,
) -> Option<(Option<Value>, bool, usize)> {
    let day_value = |offset: i64| anchor.and_then(|a| add_days(a, offset)).map(Value::Day);
    match w {
        "today" | "tonight" => Some((day_value(0), true, i + 1)),
        "yesterday" => Some((day_value(-1), true, i + 1)),
        "tomorrow" => Some((day_value(1), true, i + 1)),
        "this" | "last" | "next" | "past" | "coming" => {
            let step: i64 = match w {
                "last" | "past" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            if word_is(toks, i + 1, &["morning", "afternoon", "evening"]) && step == 0 {
                return Some((day_value(0), true, i + 2));
            }
            if word_is(toks, i + 1, &["night"]) && step == -1 {
                return Some((day_value(-1), true, i + 2));
            }
            if let Some(unit) = toks
                .get(i + 1)
                .filter(|t| t.kind == TokenKind::Word)
                .map(lower)
            {
                let value = match unit.as_str() {
                    "week" => anchor.and_then(|a| add_days(a, 7 * step)).map(Value::Week),
                    "month" => anchor
                        .and_then(|a| shift_months(a, step))
                        .map(|d| Value::Month(d.year(), d.month())),
                    "year" => anchor.map(|a| Value::Year(a.year() + step as i32)),
                    _ => {
                        if let Some(wd) = weekday_of(&unit) {
                            // "last Friday" is before publication day even on a Friday.
                            let from = if step < 0 {
                                anchor.and_then(|a| add_days(a, -1))
                            } else {
                                anchor
                            };
                            let value =
                                from.and_then(|a| weekday_near(a, wd, step)).map(Value::Day);
                            return Some((value, true, i + 2));
                        }
                        return None;
                    }
                };
                return Some((value, true, i + 2));
            }
            None
        }
        _ if crate::text::numbers::number_word(w).is_some() => counted_offset(toks, i, anchor),
        _ => {
            let wd =
                weekday_of(w).filter(|_| toks[i].text().starts_with(|c: char| c.is_uppercase()))?;
            let forward = looks_forward(&toks[i.saturating_sub(6)..i]);
            let value = anchor
                .and_then(|a| weekday_near(a, wd, if forward { 1 } else { -1 }))
                .map(Value::Day);
            Some((value, true, i + 1))
        }
    }
}

/// Whether the words before a bare weekday put it ahead of publication:
/// a word of [`FORWARD`], or "to" after a word of [`FORWARD_TO`].
fn looks_forward(before: &[Token<'_>]) -> bool {
    let words: Vec<String> = before.iter().map(lower).collect();
    words.iter().enumerate().any(|(n, w)| {
        FORWARD.contains(&w.as_str())
            || (w == "to" && n > 0 && FORWARD_TO.contains(&words[n - 1].as_str()))
    })
}

/// `N days/weeks/months/years ago` and `in N days/weeks/...`, with N a numeral or a number word.
fn counted_offset(
    toks: &[Token<'_>],
    i: usize,
    anchor: Option<NaiveDate>,
) -> Option<(Option<Value>, bool, usize)> {
    let n = match digits(toks, i) {
        Some(n) => i64::from(n),
        None => crate::text::numbers::number_word(toks.get(i)?.text())? as i64,
    };
    if n > 10_000 {
        return None;
    }
    let unit = lower(toks.get(i + 1)?);
    let sign = if word_is(toks, i + 2, &["ago"]) {
        -1
    } else if i >= 1 && word_is(toks, i - 1, &["in"]) && word_is(toks, i + 2, &["time"]) {
        1
    } else {
        return None;
    };
    let end = i + 3;
    let value = match unit.trim_end_matches('s') {
        "day" => anchor.and_then(|a| add_days(a, sign * n)).map(Value::Day),
        "week" => anchor
            .and_then(|a| add_days(a, 7 * sign * n))
            .map(Value::Week),
        "month" => anchor
            .and_then(|a| shift_months(a, sign * n))
            .map(|d| Value::Month(d.year(), d.month())),
        "year" => anchor.map(|a| Value::Year(a.year() + (sign * n) as i32)),
        _ => return None,
    };
    Some((value, true, end))
}

fn shift_months(date: NaiveDate, by: i64) -> Option<NaiveDate> {
    let months = Months::new(u32::try_from(by.unsigned_abs()).ok()?);
    if by >= 0 {
        date.checked_add_months(months)
    } else {
        date.checked_sub_months(months)
    }
}

/// The weekday `wd` nearest `anchor` in direction `step`: -1 the most
/// recent on or before it, 1 the next after it, 0 the one of its week.
fn weekday_near(anchor: NaiveDate, wd: chrono::Weekday, step: i64) -> Option<NaiveDate> {
    let from = i64::from(anchor.weekday().num_days_from_monday());
    let to = i64::from(wd.num_days_from_monday());
    let back = (from - to).rem_euclid(7);
    add_days(
        anchor,
        match step {
            s if s < 0 => -back,
            0 => to - from,
            _ => 7 - back,
        },
    )
}

/// `date` moved by `days`, or none past chrono's range.
fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

/// The granularity of an unresolved relative expression, from its unit word.
fn relative_granularity(toks: &[Token<'_>]) -> Granularity {
    let words: Vec<String> = toks.iter().map(lower).collect();
    if words.iter().any(|w| w.starts_with("week")) {
        Granularity::Week
    } else if words.iter().any(|w| w.starts_with("month")) {
        Granularity::Month
    } else if words.iter().any(|w| w.starts_with("year")) {
        Granularity::Year
    } else {
        Granularity::Day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, published: &str) -> Vec<(String, Option<String>)> {
        dates(text, Some(published))
            .into_iter()
            .map(|d| (d.text, d.value))
            .collect()
    }

    fn v(text: &str, value: &str) -> (String, Option<String>) {
        (text.to_owned(), Some(value.to_owned()))
    }

    #[test]
    fn absolute_dates_in_news_styles() {
        let got = values(
            "On October 28, 2024 and 28 October 2024, Oct. 28, on 2024-10-28, in March 2003, and in 2022.",
            "2024-10-29T10:00:00Z",
        );
        assert_eq!(
            got,
            [
                v("October 28, 2024", "2024-10-28"),
                v("28 October 2024", "2024-10-28"),
                v("Oct. 28", "2024-10-28"),
                v("2024-10-28", "2024-10-28"),
                v("March 2003", "2003-03"),
                v("2022", "2022"),
            ]
        );
    }

    #[test]
    fn relative_expressions_resolve_against_publication() {
        // 2024-10-28 is a Monday.
        let got = values(
            "Today and yesterday, last week, next month, last year, on Friday, three days ago, 3 days ago, this morning, last night.",
            "2024-10-28",
        );
        assert_eq!(
            got,
            [
                v("Today", "2024-10-28"),
                v("yesterday", "2024-10-27"),
                v("last week", "2024-W43"),
                v("next month", "2024-11"),
                v("last year", "2023"),
                v("Friday", "2024-10-25"),
                v("three days ago", "2024-10-25"),
                v("3 days ago", "2024-10-25"),
                v("this morning", "2024-10-28"),
                v("last night", "2024-10-27"),
            ]
        );
        let got = values("The ministers will meet on Friday.", "2024-10-28");
        assert_eq!(got, [v("Friday", "2024-11-01")]);
        // "to" looks forward after "is" or "set", not after a verb of motion.
        let got = values("The minister is to fly to Kyiv on Friday.", "2024-10-28");
        assert_eq!(got, [v("Friday", "2024-11-01")]);
        let got = values("Parliament is set to vote on Friday.", "2024-10-28");
        assert_eq!(got, [v("Friday", "2024-11-01")]);
        let got = values("The minister went to Kyiv on Friday.", "2024-10-28");
        assert_eq!(got, [v("Friday", "2024-10-25")]);
        let got = values("The summit is on December 20.", "2025-01-05");
        assert_eq!(got, [v("December 20", "2024-12-20")]);
    }

    #[test]
    fn without_publication_relative_dates_have_no_value() {
        let found = dates("He left yesterday, on 2 May 2024.", None);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].value, None);
        assert!(found[0].relative);
        assert_eq!(found[1].value.as_deref(), Some("2024-05-02"));
    }

    #[test]
    fn words_that_are_not_dates() {
        for text in [
            "You may go.",
            "2024 people came.",
            "Mark said so.",
            "The March was long.",
            "They met on 31 February 2024.",
            "In 99999 years.",
        ] {
            let found = dates(text, Some("2024-10-28"));
            assert!(
                found
                    .iter()
                    .all(|d| d.text != "May" && d.text != "2024" && d.text != "March"),
                "{text}: {found:?}"
            );
            assert!(
                !found.iter().any(|d| d.text.contains("February")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn offsets_count_code_points_and_bad_input_is_safe() {
        let text = "Kyiv – “on October 28” and ‘yesterday’.";
        let chars: Vec<char> = text.chars().collect();
        for d in dates(text, Some("2024-10-29")) {
            let at: String = chars[d.start..d.end].iter().collect();
            assert_eq!(at, d.text);
        }
        for text in [
            String::new(),
            "in 0999 and in 3000, 1 January 1066, 1 January 2999, 99 days ago, 4294967295 days ago"
                .into(),
            "October ".repeat(10_000),
            "last ".repeat(10_000),
            "9999-99-99 0000-00-00 2024-02-30".into(),
        ] {
            for published in [
                Some("2024-10-28"),
                Some("not a date"),
                Some("0001-01-01"),
                Some("9999-12-31"),
                None,
            ] {
                let _ = dates(&text, published);
            }
        }
        let far = dates("1 January 1066 and in 2999", Some("2024-10-28"));
        assert_eq!(far.len(), 2, "{far:?}");
    }
}
