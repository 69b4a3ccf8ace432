//! Date normalisation: the many ways pages, feeds and CMS JSON write a publication time, made RFC 3339 in UTC.
//!
//! Pages write ISO 8601 with and without seconds, fractions, colons in the
//! offset or a `T`, and RFC 2822 in feeds. A time without an offset is taken
//! as UTC (the page gives no better guess); a bare date is midnight UTC.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// Formats with an offset, tried after RFC 3339 and RFC 2822.
const WITH_OFFSET: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M%:z",
];

/// Formats without an offset (taken as UTC).
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

/// Formats of a bare date.
const DATE_ONLY: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
];

/// `raw` as RFC 3339 in UTC (`2024-10-28T10:30:00Z`), or `None` when it is not a date.
pub fn parse(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    // `Z` and `UTC` suffixes are offsets too.
    let zulu = raw
        .strip_suffix('Z')
        .or_else(|| raw.strip_suffix(" UTC"))
        .or_else(|| raw.strip_suffix(" GMT"))
        .map(|rest| format!("{rest}+0000"));
    let candidate = zulu.as_deref().unwrap_or(raw);
    let at = DateTime::parse_from_rfc3339(raw)
        .or_else(|_| DateTime::parse_from_rfc2822(raw))
        .ok()
        .or_else(|| parse_any(candidate))
        .map(|at| at.with_timezone(&Utc))
        .or_else(|| {
            WITHOUT_OFFSET
                .iter()
                .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok())
                .map(|at| at.and_utc())
        })
        .or_else(|| {
            DATE_ONLY
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(raw, format).ok())
                .and_then(|date| date.and_hms_opt(0, 0, 0))
                .map(|at| at.and_utc())
        })?;
    Some(at.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn parse_any(raw: &str) -> Option<DateTime<FixedOffset>> {
    WITH_OFFSET
        .iter()
        .find_map(|format| DateTime::parse_from_str(raw, format).ok())
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
}
