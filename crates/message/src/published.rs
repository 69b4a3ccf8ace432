//! Date normalisation: the many ways pages, feeds and CMS JSON write a publication time, made RFC 3339 in UTC.
//!
//! Pages write ISO 8601 with and without seconds, fractions, colons in the
//! offset or a `T`, RFC 2822 in feeds, and CMS templates write what people
//! read: `October 28, 2024 10:30 AM`, `Mon 28 Oct 2024`, `28/10/2024 10:30`,
//! `2024-10-28 10:30 EST`, or epoch seconds and milliseconds. A time without
//! an offset or zone is taken as UTC (the page gives no better guess); a bare
//! date is midnight UTC.
//!
//! Zone abbreviations are read with one meaning each (see [`ZONES`]): `CST` is
//! US Central (not China), `IST` is India (not Ireland or Israel), `BST` is
//! British Summer Time. Numeric dates such as `03/04/2024` are day-first or
//! month-first by the language of the page or article ([`day_first`]); when
//! the numbers settle it (`28/10/2024`) either order is read, and when neither
//! does the date is left out rather than guessed.

use std::sync::LazyLock;

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone,
    Utc,
};
use regex::Regex;

/// Formats with an offset, tried after RFC 3339 and RFC 2822.
const WITH_OFFSET: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M%:z",
];

/// Formats of a date and time without an offset (the zone, if any, is already cut off).
const WITHOUT_OFFSET: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];

/// Formats of a bare date in digits.
const DATE_ONLY: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"];

/// Dates with a month name, after commas, full stops and ordinals are taken out
/// (`Oct. 28th, 2024` is read as `Oct 28 2024`); chrono reads full and short names for either.
const NAMED_MONTH: &[&str] = &["%B %d %Y", "%d %B %Y", "%Y %B %d"];

/// Times of day that may follow a date.
const TIMES: &[&str] = &[
    "%H:%M:%S%.f",
    "%H:%M:%S",
    "%H:%M",
    "%I:%M:%S %p",
    "%I:%M %p",
    "%I:%M%p",
];

/// Zone abbreviations and their offsets east of UTC, in minutes. Each has one
/// meaning here: the one news pages most often mean.
pub const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("UT", 0),
    ("GMT", 0),
    ("Z", 0),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("MEZ", 60),
    ("MESZ", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("IST", 330),
    ("PKT", 300),
    ("ICT", 420),
    ("WIB", 420),
    ("SGT", 480),
    ("HKT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("ACDT", 630),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
    ("NST", -210),
    ("NDT", -150),
    ("AST", -240),
    ("ADT", -180),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
];

/// Epoch numbers are read only between 1990-01-01 and 2100-01-01: anything
/// else is an id or a count, not a publication time.
const EPOCH_RANGE: std::ops::Range<i64> = 631_152_000..4_102_444_800;

/// A date in digits with the day and month in either order: `28/10/2024`, `03.04.2024 10:30`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T,]+(.+))?$").expect("static regex")
});

/// Ordinal suffixes after a day: `28th` is `28`.
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})(?:st|nd|rd|th)\b").expect("static regex"));

/// [`parse_in`] without a language: numeric dates are read only when their numbers settle the order.
pub fn parse(raw: &str) -> Option<String> {
    parse_in(raw, None)
}

/// `raw` as RFC 3339 in UTC (`2024-10-28T10:30:00Z`), or `None` when it is not
/// a date. `language` is the language tag of the page or article (`en-US`,
/// `de`), which decides the order of day and month in a date such as `03/04/2024`.
pub fn parse_in(raw: &str, language: Option<&str>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    let at = epoch(raw)
        .or_else(|| {
            DateTime::parse_from_rfc3339(raw)
                .or_else(|_| DateTime::parse_from_rfc2822(raw))
                .ok()
                .or_else(|| {
                    WITH_OFFSET
                        .iter()
                        .find_map(|format| DateTime::parse_from_str(raw, format).ok())
                })
                .map(|at| at.with_timezone(&Utc))
        })
        .or_else(|| {
            let (local, offset) = split_zone(raw);
            let naive = local_time(local, day_first(language))?;
            let offset = offset.unwrap_or(FixedOffset::east_opt(0)?);
            offset
                .from_local_datetime(&naive)
                .single()
                .map(|at| at.with_timezone(&Utc))
        })
        // chrono reads `28/10/24` as the year 28: a year of four digits only.
        .filter(|at| (1000..=9999).contains(&at.year()))?;
    Some(at.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

/// Epoch seconds (10 digits or fewer) or milliseconds (13 digits) in the sane range.
fn epoch(raw: &str) -> Option<DateTime<Utc>> {
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: i64 = raw.parse().ok()?;
    let (seconds, millis) = match raw.len() {
        9 | 10 => (number, 0),
        12 | 13 => (number / 1000, number % 1000),
        _ => return None,
    };
    if !EPOCH_RANGE.contains(&seconds) {
        return None;
    }
    DateTime::from_timestamp(seconds, (millis * 1_000_000) as u32)
}

/// The date and time before a trailing zone, and the zone's offset: `2024-10-28
/// 10:30 EST`, `... (GMT)`, `...Z`, `... +05:30`, `... GMT+2`.
fn split_zone(raw: &str) -> (&str, Option<FixedOffset>) {
    if let Some(rest) = raw.strip_suffix('Z')
        && rest.ends_with(|c: char| c.is_ascii_digit())
    {
        return (rest, FixedOffset::east_opt(0));
    }
    let Some((rest, last)) = raw.rsplit_once(' ') else {
        return (raw, None);
    };
    let token = last.trim_matches(|c| c == '(' || c == ')');
    let offset = zone(token).or_else(|| {
        let (name, number) = token.split_at(token.find(['+', '-'])?);
        let base = if name.is_empty() {
            0
        } else {
            zone(name)?.local_minus_utc()
        };
        FixedOffset::east_opt(base + numeric_offset(number)?)
    });
    match offset {
        Some(offset) => (rest.trim_end(), Some(offset)),
        None => (raw, None),
    }
}

fn zone(name: &str) -> Option<FixedOffset> {
    ZONES
        .iter()
        .find(|(abbreviation, _)| abbreviation.eq_ignore_ascii_case(name))
        .and_then(|&(_, minutes)| FixedOffset::east_opt(minutes * 60))
}

/// `+05:30`, `-0500`, `+2`: seconds east of UTC.
fn numeric_offset(text: &str) -> Option<i32> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        _ => {
            let split = digits.len() - 2;
            (
                digits[..split].parse::<i32>().ok()?,
                digits[split..].parse::<i32>().ok()?,
            )
        }
    };
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// The local date and time of `text`, a date alone being midnight.
fn local_time(text: &str, day_first: Option<bool>) -> Option<NaiveDateTime> {
    if let Some(at) = WITHOUT_OFFSET
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    {
        return Some(at);
    }
    if let Some(date) = DATE_ONLY
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
    {
        return date.and_hms_opt(0, 0, 0);
    }
    if let Some(found) = NUMERIC.captures(text) {
        let number = |i: usize| found.get(i)?.as_str().parse::<u32>().ok();
        let date = numeric_date(number(1)?, number(2)?, number(3)? as i32, day_first)?;
        let time = match found.get(4) {
            Some(time) => time_of_day(time.as_str())?,
            None => NaiveTime::MIN,
        };
        return Some(date.and_time(time));
    }
    named_month(text)
}

/// `first/second/year`: the order the numbers allow, else the one the language says.
fn numeric_date(first: u32, second: u32, year: i32, day_first: Option<bool>) -> Option<NaiveDate> {
    let as_day_month = NaiveDate::from_ymd_opt(year, second, first);
    let as_month_day = NaiveDate::from_ymd_opt(year, first, second);
    match (as_day_month, as_month_day) {
        (Some(date), None) | (None, Some(date)) => Some(date),
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(day_month), Some(month_day)) => match day_first? {
            true => Some(day_month),
            false => Some(month_day),
        },
        (None, None) => None,
    }
}

/// `Monday, Oct. 28th, 2024 at 10:30 AM`: a date with a month name, maybe a weekday before it and a time after it.
fn named_month(text: &str) -> Option<NaiveDateTime> {
    let cleaned = ORDINAL.replace_all(text, "$1");
    let cleaned = cleaned.replace([',', '.'], " ");
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("at"))
        .collect();
    let words = match words.first() {
        Some(first) if is_weekday(first) => &words[1..],
        _ => &words[..],
    };
    if words.len() < 3 {
        return None;
    }
    let date_text = words[..3].join(" ");
    let date = NAMED_MONTH
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&date_text, format).ok())?;
    let time = match &words[3..] {
        [] => NaiveTime::MIN,
        rest => time_of_day(&rest.join(" "))?,
    };
    Some(date.and_time(time))
}

/// `10:30`, `10:30:15`, `10:30 PM`, `9 am`.
fn time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let on_the_hour;
    let text = match text
        .len()
        .checked_sub(2)
        .and_then(|at| text.split_at_checked(at))
    {
        // chrono wants minutes: `9 AM` is read as `9:00 AM`.
        Some((hour, half))
            if !text.contains(':') && ["am", "pm"].iter().any(|h| half.eq_ignore_ascii_case(h)) =>
        {
            on_the_hour = format!("{}:00 {half}", hour.trim());
            &on_the_hour
        }
        _ => text,
    };
    TIMES
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
}

fn is_weekday(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|day| word.starts_with(day) && word.len() <= 9)
}

/// Whether `03/04/2024` is the 3rd of April (`Some(true)`), March 4th
/// (`Some(false)`) or unknown (`None`), by a language tag. Only the United
/// States writes the month first (`en-US`, `es-US`); English without a region
/// is used on both sides of the Atlantic, so it settles nothing; every other
/// language or region writes the day first.
pub fn day_first(language: Option<&str>) -> Option<bool> {
    let tag = language?.trim().replace('_', "-").to_ascii_lowercase();
    let mut parts = tag.split('-');
    let primary = parts.next().filter(|p| !p.is_empty())?;
    let region =
        parts.find(|p| p.len() == 2 || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())));
    match (primary, region) {
        (_, Some("us")) => Some(false),
        ("en", None) => None,
        _ => Some(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_variants_become_utc() {
        let cases = [
            ("2019-11-19T08:00:00-05:00", "2019-11-19T13:00:00Z"),
            ("2019-11-19T08:00:00-0500", "2019-11-19T13:00:00Z"),
            ("2019-11-19T08:00:00.123+01:00", "2019-11-19T07:00:00.123Z"),
            ("2019-11-19T08:00Z", "2019-11-19T08:00:00Z"),
            ("2019-11-19 08:00:00", "2019-11-19T08:00:00Z"),
            ("2019-11-19T08:00:00", "2019-11-19T08:00:00Z"),
            ("2019-11-19", "2019-11-19T00:00:00Z"),
            ("Tue, 19 Nov 2019 08:00:00 +0000", "2019-11-19T08:00:00Z"),
            ("November 19, 2019", "2019-11-19T00:00:00Z"),
            (" 2019-11-19 08:00:00 UTC ", "2019-11-19T08:00:00Z"),
        ];
        for (raw, want) in cases {
            assert_eq!(parse(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn non_dates_are_none() {
        for raw in [
            "",
            "yesterday",
            "2019-13-45",
            "Updated 5 hours ago",
            &"9".repeat(100),
        ] {
            assert_eq!(parse(raw), None, "{raw}");
        }
    }

    fn utc(raw: &str) -> Option<String> {
        parse(raw)
    }

    #[test]
    fn zone_abbreviations_give_their_offsets() {
        let cases = [
            ("2024-10-28 10:30 EST", "2024-10-28T15:30:00Z"),
            ("2024-10-28 10:30 EDT", "2024-10-28T14:30:00Z"),
            ("2024-10-28 10:30:15 CST", "2024-10-28T16:30:15Z"),
            ("2024-10-28 10:30 CDT", "2024-10-28T15:30:00Z"),
            ("2024-10-28 10:30 MST", "2024-10-28T17:30:00Z"),
            ("2024-10-28 10:30 MDT", "2024-10-28T16:30:00Z"),
            ("2024-10-28 10:30 PST", "2024-10-28T18:30:00Z"),
            ("2024-10-28 10:30 PDT", "2024-10-28T17:30:00Z"),
            ("2024-10-28 10:30 GMT", "2024-10-28T10:30:00Z"),
            ("2024-10-28 10:30 utc", "2024-10-28T10:30:00Z"),
            ("2024-10-28 10:30 BST", "2024-10-28T09:30:00Z"),
            ("2024-10-28 10:30 CET", "2024-10-28T09:30:00Z"),
            ("2024-10-28 10:30 CEST", "2024-10-28T08:30:00Z"),
            ("2024-10-28 10:30 EET", "2024-10-28T08:30:00Z"),
            ("2024-10-28 10:30 EEST", "2024-10-28T07:30:00Z"),
            ("2024-10-28 10:30 MSK", "2024-10-28T07:30:00Z"),
            ("2024-10-28 10:30 IST", "2024-10-28T05:00:00Z"),
            ("2024-10-28 10:30 JST", "2024-10-28T01:30:00Z"),
            ("2024-10-28 10:30 AEST", "2024-10-28T00:30:00Z"),
            ("2024-10-28 10:30 AEDT", "2024-10-27T23:30:00Z"),
            ("2024-10-28 10:30 (GMT)", "2024-10-28T10:30:00Z"),
            ("2024-10-28 10:30 GMT+2", "2024-10-28T08:30:00Z"),
            ("2024-10-28 10:30 UTC-05:30", "2024-10-28T16:00:00Z"),
            ("2024-10-28 10:30 +05:30", "2024-10-28T05:00:00Z"),
            ("28 Oct 2024 10:30 EST", "2024-10-28T15:30:00Z"),
        ];
        for (raw, want) in cases {
            assert_eq!(utc(raw).as_deref(), Some(want), "{raw}");
        }
        assert_eq!(
            utc("2024-10-28 10:30 XYZ"),
            None,
            "an unknown zone is no date"
        );
    }

    #[test]
    fn epoch_seconds_and_milliseconds_in_range_are_read() {
        assert_eq!(utc("1730111400").as_deref(), Some("2024-10-28T10:30:00Z"));
        assert_eq!(
            utc("1730111400000").as_deref(),
            Some("2024-10-28T10:30:00Z")
        );
        assert_eq!(
            utc("1730111400250").as_deref(),
            Some("2024-10-28T10:30:00.250Z")
        );
        assert_eq!(utc("700000000").as_deref(), Some("1992-03-07T20:26:40Z"));
        // Outside 1990..2100, or the wrong number of digits: an id, not a date.
        for raw in [
            "123456789",
            "4102444800",
            "9999999999",
            "17301114000",
            "42",
            "-1730111400",
        ] {
            assert_eq!(utc(raw), None, "{raw}");
        }
    }

    #[test]
    fn month_names_with_times_and_weekdays_are_read() {
        let cases = [
            ("October 28, 2024 10:30 AM", "2024-10-28T10:30:00Z"),
            ("October 28, 2024 10:30 PM", "2024-10-28T22:30:00Z"),
            ("October 28, 2024 at 10:30 pm EDT", "2024-10-29T02:30:00Z"),
            ("October 28, 2024, 10:30", "2024-10-28T10:30:00Z"),
            ("Oct 28, 2024", "2024-10-28T00:00:00Z"),
            ("Oct. 28, 2024", "2024-10-28T00:00:00Z"),
            ("Oct 28th, 2024 9 AM", "2024-10-28T09:00:00Z"),
            ("28 October 2024", "2024-10-28T00:00:00Z"),
            ("28 Oct 2024 10:30:05", "2024-10-28T10:30:05Z"),
            ("Monday, October 28, 2024", "2024-10-28T00:00:00Z"),
            ("Mon 28 Oct 2024 10:30 GMT", "2024-10-28T10:30:00Z"),
            ("2024 October 28", "2024-10-28T00:00:00Z"),
        ];
        for (raw, want) in cases {
            assert_eq!(utc(raw).as_deref(), Some(want), "{raw}");
        }
        for raw in [
            "October 2024",
            "Octember 28, 2024",
            "October 32, 2024",
            "October 28, 2024 25:00",
        ] {
            assert_eq!(utc(raw), None, "{raw}");
        }
    }

    #[test]
    fn rfc_2822_and_iso_without_seconds_are_read() {
        assert_eq!(
            utc("Mon, 28 Oct 2024 10:30:00 EST").as_deref(),
            Some("2024-10-28T15:30:00Z")
        );
        assert_eq!(
            utc("28 Oct 2024 10:30:00 +0200").as_deref(),
            Some("2024-10-28T08:30:00Z")
        );
        assert_eq!(
            utc("2024-10-28T10:30").as_deref(),
            Some("2024-10-28T10:30:00Z")
        );
        assert_eq!(
            utc("2024-10-28T10:30+02:00").as_deref(),
            Some("2024-10-28T08:30:00Z")
        );
        assert_eq!(
            utc("2024-10-28 10:30").as_deref(),
            Some("2024-10-28T10:30:00Z")
        );
    }

    #[test]
    fn numeric_dates_follow_the_numbers_then_the_language() {
        // The numbers settle it whatever the language says.
        for language in [None, Some("en-US"), Some("de"), Some("en")] {
            assert_eq!(
                parse_in("28/10/2024", language).as_deref(),
                Some("2024-10-28T00:00:00Z"),
                "{language:?}"
            );
            assert_eq!(
                parse_in("10/28/2024", language).as_deref(),
                Some("2024-10-28T00:00:00Z"),
                "{language:?}"
            );
        }
        assert_eq!(
            parse_in("03/04/2024", Some("en-US")).as_deref(),
            Some("2024-03-04T00:00:00Z")
        );
        assert_eq!(
            parse_in("03/04/2024", Some("en_GB")).as_deref(),
            Some("2024-04-03T00:00:00Z")
        );
        assert_eq!(
            parse_in("03.04.2024", Some("ru")).as_deref(),
            Some("2024-04-03T00:00:00Z")
        );
        assert_eq!(
            parse_in("03-04-2024", Some("fr-FR")).as_deref(),
            Some("2024-04-03T00:00:00Z")
        );
        assert_eq!(
            parse_in("04/04/2024", None).as_deref(),
            Some("2024-04-04T00:00:00Z")
        );
        // Neither the numbers nor the language settle it: left out, not guessed.
        assert_eq!(parse_in("03/04/2024", None), None);
        assert_eq!(parse_in("03/04/2024", Some("en")), None);
        assert_eq!(
            parse_in("28.10.2024 10:30", Some("de")).as_deref(),
            Some("2024-10-28T10:30:00Z")
        );
        assert_eq!(
            parse_in("28/10/2024 10:30 MSK", Some("ru-RU")).as_deref(),
            Some("2024-10-28T07:30:00Z")
        );
        assert_eq!(
            parse_in("10/28/2024 10:30 AM EST", Some("en-US")).as_deref(),
            Some("2024-10-28T15:30:00Z")
        );
        for raw in ["31/02/2024", "13/13/2024", "28/10/24"] {
            assert_eq!(parse_in(raw, Some("de")), None, "{raw}");
        }
    }

    #[test]
    fn the_language_tag_decides_the_order() {
        assert_eq!(day_first(Some("en-US")), Some(false));
        assert_eq!(day_first(Some("es-us")), Some(false));
        assert_eq!(day_first(Some("en")), None);
        assert_eq!(day_first(Some("en-GB")), Some(true));
        assert_eq!(day_first(Some("ru")), Some(true));
        assert_eq!(day_first(Some("zh-Hant-TW")), Some(true));
        assert_eq!(day_first(Some("")), None);
        assert_eq!(day_first(None), None);
    }
}
