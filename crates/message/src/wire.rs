//! Wire copy: syndication headers, datelines, bylines and trailing boilerplate, parsed into metadata and removed from the text.
//!
//! Syndicated news arrives with the agency's furniture still in the text:
//! `date 2024-10-28 (MENAFN- UkrinForm) ...`, `KYIV, Oct 28 (Reuters) - ...`,
//! `WASHINGTON (AP) — ...`, `PARIS, 28 oct 2024 (AFP) - ...`, a `By Jane Doe`
//! line, `(Updated ...)`, and at the end `Read more:` links and copyright
//! lines. [`parse`] takes them out and says what they meant. It is
//! conservative: a header is recognised only in its typical shape (an
//! upper-case place, an agency in parentheses, a dash), so a sentence that
//! merely starts with a city name is left alone.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// What the wire furniture of an article said, and the text without it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireCopy {
    /// The agency or outlet: `Reuters`, `AP`, `UkrinForm (via MENAFN)`.
    pub source: Option<String>,
    /// The dateline place as written: `KYIV`, `PORTLAND, Ore.`.
    pub place: Option<String>,
    /// The dateline date (a date without a year takes the year that puts it
    /// closest before the reference date).
    pub date: Option<NaiveDate>,
    /// The byline's name(s).
    pub author: Option<String>,
    /// The text with the recognised furniture removed, trimmed.
    pub text: String,
}

/// `date 2024-10-28 (MENAFN- UkrinForm) ` and `(MENAFN- Jordan Times) `.
static MENAFN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:date\s+(\d{4}-\d{2}-\d{2})\s+)?\(MENAFN\s*-\s*([^()\n]{1,80}?)\s*\)\s*")
        .expect("static regex")
});

/// An upper-case dateline place, optionally with a US-style state (`PORTLAND, Ore.`).
const PLACE: &str = r"(?P<place>[A-Z][A-Z.'\-]*(?:[ ][A-Z][A-Z.'\-]*){0,4}(?:,[ ](?:[A-Z][a-z]{1,4}\.(?:[ ]?[A-Z][a-z]?\.)?|[A-Z]\.[A-Z]\.|[A-Z][a-z]+))?)";

/// A dateline date: `Oct 28`, `Oct. 28, 2024`, `October 28`, `28 oct 2024`, `28 October`.
const DATE: &str = r"(?P<date>(?:[A-Za-z]{3,9}\.?[ ]\d{1,2}(?:,?[ ]\d{4})?)|(?:\d{1,2}[ ][A-Za-z]{3,9}\.?(?:[ ]\d{4})?))";

/// An agency in parentheses: `(Reuters)`, `(AP)`, `(AFP)`, `(dpa)`, `(Xinhua)`.
const AGENCY: &str = r"\((?P<agency>[A-Za-z][A-Za-z&.\- ]{0,30}[A-Za-z.])\)";

/// A dash after a dateline: hyphen, en dash, em dash, or `--`.
const DASH: &str = r"[ ]*(?:--|[-\u{2013}\u{2014}])[ ]*";

/// `PLACE, DATE (AGENCY) -`, `PLACE (AGENCY) —`, `PLACE, DATE -`, `PLACE —`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^{PLACE}(?:,[ ]{DATE})?(?:[ ]{AGENCY})?{DASH}")).expect("static regex")
});

/// `(AGENCY) -` alone at the start: `(Reuters) - ...`.
static AGENCY_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{AGENCY}{DASH}")).expect("static regex"));

/// A byline on a line of its own: `By Jane Doe`, `By Jane Doe and John Roe, Reuters`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by)[ ]+(?P<names>\p{Lu}[\p{L}.'\-]*(?:[ ]\p{Lu}[\p{L}.'\-]*){0,3}(?:(?:,[ ]|[ ]and[ ]|[ ]&[ ])\p{Lu}[\p{L}.'\-]*(?:[ ]\p{Lu}[\p{L}.'\-]*){0,3})*)(?:[ ]*[,|][ ]*(?P<outlet>[^\n]{1,60}))?$",
    )
    .expect("static regex")
});

/// `(Updated 10:30 GMT)`, `(Updated: Oct 28, 2024)`, `Updated 28 October 2024` on its own line.
static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\((?i:updated|update \d+)\b[^)\n]{0,80}\)\s*|(?i:updated):?[ ][^\n]{0,60}\d[^\n]{0,30}$)")
        .expect("static regex")
});

/// Trailing lines that are furniture, not article.
static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:read more|read also|also read|see also|related(?: articles| stories)?|more on this story)\s*[:>]|(?:©|\(c\)|(?i:copyright)\b)|(?i:all rights reserved)|(?i:legal disclaimer:?)|MENAFN\d{8,}|(?i:follow us on)\b|(?i:this story has been (?:corrected|updated))|\((?i:reporting|writing|editing) by [^)\n]{1,200}\)$)",
    )
    .expect("static regex")
});

/// Lines of a MENAFN legal-disclaimer block that follow its heading.
static DISCLAIMER_BODY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:menafn provides the information)").expect("static regex"));

/// Words that look like an upper-case place but open a sentence or a headline.
const NOT_PLACES: &[&str] = &[
    "A",
    "AN",
    "THE",
    "I",
    "WE",
    "BREAKING",
    "UPDATE",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "FACTBOX",
    "EXPLAINER",
    "WATCH",
    "LIVE",
    "NOTE",
    "EDITORS",
    "CORRECTION",
    "URGENT",
    "FLASH",
    "PHOTO",
    "VIDEO",
];

/// Parse the wire furniture of `text`. `reference` (the producer's date, or
/// today) gives the year to a dateline date that has none.
pub fn parse(text: &str, reference: NaiveDate) -> WireCopy {
    let mut copy = WireCopy::default();
    let mut rest = text.trim_start();

    // Header lines before the story: bylines and update notes, in any order.
    rest = strip_header_lines(rest, &mut copy);

    if let Some(found) = MENAFN.captures(rest) {
        let date = found
            .get(1)
            .and_then(|d| NaiveDate::parse_from_str(d.as_str(), "%Y-%m-%d").ok());
        let outlet = found
            .get(2)
            .map(|m| m.as_str().trim())
            .filter(|s| !s.is_empty());
        copy.source = Some(match outlet {
            Some(outlet) => format!("{outlet} (via MENAFN)"),
            None => "MENAFN".to_owned(),
        });
        copy.date = date;
        rest = &rest[found.get(0).map_or(0, |m| m.end())..];
        rest = strip_header_lines(rest.trim_start(), &mut copy);
    }

    if let Some(found) = DATELINE
        .captures(rest)
        .filter(|c| plausible_place(&c["place"]))
    {
        copy.place = Some(found["place"].trim().to_owned());
        if let Some(date) = found.name("date") {
            copy.date = copy.date.or_else(|| parse_date(date.as_str(), reference));
        }
        if let Some(agency) = found.name("agency") {
            copy.source
                .get_or_insert_with(|| agency.as_str().trim().to_owned());
        }
        // A dateline needs a date or an agency unless its dash is unmistakable (em/en dash).
        let has_date_or_agency = found.name("date").is_some() || found.name("agency").is_some();
        let matched = found.get(0).map_or("", |m| m.as_str());
        if has_date_or_agency || matched.contains(['\u{2013}', '\u{2014}']) {
            rest = &rest[matched.len()..];
        } else {
            copy.place = None;
        }
    } else if let Some(found) = AGENCY_ONLY.captures(rest) {
        copy.source
            .get_or_insert_with(|| found["agency"].trim().to_owned());
        rest = &rest[found.get(0).map_or(0, |m| m.end())..];
    }

    copy.text = crate::furniture::strip(strip_trailer(rest))
        .trim()
        .to_owned();
    copy
}

/// Remove leading byline and `(Updated ...)` lines, noting the author.
fn strip_header_lines<'a>(mut rest: &'a str, copy: &mut WireCopy) -> &'a str {
    for _ in 0..4 {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let line = line.trim();
        if let Some(byline) = BYLINE.captures(line).filter(|_| !after.trim().is_empty()) {
            copy.author
                .get_or_insert_with(|| byline_names(&byline["names"]));
            rest = after.trim_start();
        } else if let Some(found) = UPDATED.find(rest) {
            rest = rest[found.end()..].trim_start();
        } else {
            break;
        }
    }
    rest
}

/// The names of a byline: a last comma-separated item of one word is the
/// outlet (`Jane Doe, Reuters`), not a person.
fn byline_names(names: &str) -> String {
    let names = names.trim();
    match names.rsplit_once(", ") {
        Some((people, last)) if !last.trim().contains(' ') => people.trim().to_owned(),
        _ => names.to_owned(),
    }
}

/// An upper-case place must not be a headline word or a sentence-opening acronym run.
fn plausible_place(place: &str) -> bool {
    let head = place.split(',').next().unwrap_or(place).trim();
    let first = head.split(' ').next().unwrap_or(head);
    head.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2 && !NOT_PLACES.contains(&first)
}

/// Drop trailing boilerplate lines (and a MENAFN disclaimer block), from the end.
fn strip_trailer(text: &str) -> &str {
    let mut end = text.trim_end().len();
    loop {
        let body = &text[..end];
        let start = body.rfind('\n').map_or(0, |i| i + 1);
        let line = body[start..].trim();
        if start == 0 {
            // Never remove the whole article.
            return &text[..end];
        }
        if line.is_empty() || TRAILER.is_match(line) || DISCLAIMER_BODY.is_match(line) {
            end = body[..start].trim_end().len();
        } else {
            return &text[..end];
        }
    }
}

/// `Oct 28`, `Oct. 28, 2024`, `October 28`, `28 oct 2024`, `28 October`.
fn parse_date(raw: &str, reference: NaiveDate) -> Option<NaiveDate> {
    let cleaned = raw.replace(['.', ','], " ");
    let parts: Vec<&str> = cleaned.split_whitespace().collect();
    let (month, day, year) = match parts.as_slice() {
        [m, d] if d.chars().all(|c| c.is_ascii_digit()) => {
            (month_number(m)?, d.parse().ok()?, None)
        }
        [m, d, y] if d.chars().all(|c| c.is_ascii_digit()) => {
            (month_number(m)?, d.parse().ok()?, Some(y.parse().ok()?))
        }
        [d, m] => (month_number(m)?, d.parse().ok()?, None),
        [d, m, y] => (month_number(m)?, d.parse().ok()?, Some(y.parse().ok()?)),
        _ => return None,
    };
    match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day),
        None => {
            // The dateline is at most a few days after the reference, else it is last year's.
            let this_year = NaiveDate::from_ymd_opt(reference.year(), month, day)?;
            if this_year > reference + chrono::Days::new(2) {
                NaiveDate::from_ymd_opt(reference.year() - 1, month, day)
            } else {
                Some(this_year)
            }
        }
    }
}

/// English and French month names and abbreviations.
fn month_number(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    const MONTHS: [&[&str]; 12] = [
        &["jan", "january", "janv", "janvier"],
        &["feb", "february", "fév", "fev", "février", "fevrier"],
        &["mar", "march", "mars"],
        &["apr", "april", "avr", "avril"],
        &["may", "mai"],
        &["jun", "june", "juin"],
        &["jul", "july", "juil", "juillet"],
        &["aug", "august", "août", "aout"],
        &["sep", "sept", "september", "septembre"],
        &["oct", "october", "octobre"],
        &["nov", "november", "novembre"],
        &["dec", "december", "déc", "décembre", "decembre"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 10, 30).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn wire(text: &str) -> WireCopy {
        parse(text, reference())
    }

    #[test]
    fn menafn_header_gives_date_and_outlet_via_menafn() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/menafn-ukrinform-2024-10-28.txt"
        ))
        .unwrap();
        let copy = wire(&text);
        assert_eq!(copy.source.as_deref(), Some("UkrinForm (via MENAFN)"));
        assert_eq!(copy.date, date(2024, 10, 28));
        assert!(
            copy.text.starts_with("Secretary General Mark Rutte"),
            "{}",
            &copy.text[..60]
        );
        assert!(copy.text.ends_with("war in Ukraine."));
    }

    #[test]
    fn menafn_variants() {
        let copy = wire("(MENAFN- Jordan Times) AMMAN — Jordan's exports rose.");
        assert_eq!(copy.source.as_deref(), Some("Jordan Times (via MENAFN)"));
        assert_eq!(copy.place.as_deref(), Some("AMMAN"));
        assert_eq!(copy.text, "Jordan's exports rose.");
        let copy = wire("date 2024-03-01 (MENAFN - AzerNews) Azerbaijan's gas exports grew.");
        assert_eq!(copy.source.as_deref(), Some("AzerNews (via MENAFN)"));
        assert_eq!(copy.date, date(2024, 3, 1));
        assert_eq!(copy.text, "Azerbaijan's gas exports grew.");
    }

    #[test]
    fn reuters_dateline_with_day_and_month() {
        let copy = wire("KYIV, Oct 28 (Reuters) - Ukraine said on Monday that...");
        assert_eq!(copy.place.as_deref(), Some("KYIV"));
        assert_eq!(copy.date, date(2024, 10, 28));
        assert_eq!(copy.source.as_deref(), Some("Reuters"));
        assert_eq!(copy.text, "Ukraine said on Monday that...");
    }

    #[test]
    fn ap_dateline_with_em_dash_and_no_date() {
        let copy = wire("WASHINGTON (AP) — The Senate voted on Tuesday.");
        assert_eq!(
            (copy.place.as_deref(), copy.source.as_deref()),
            (Some("WASHINGTON"), Some("AP"))
        );
        assert_eq!(copy.date, None);
        assert_eq!(copy.text, "The Senate voted on Tuesday.");
    }

    #[test]
    fn afp_dateline_with_french_date_and_year() {
        let copy = wire("PARIS, 28 oct 2024 (AFP) - Le gouvernement a annoncé...");
        assert_eq!(copy.place.as_deref(), Some("PARIS"));
        assert_eq!(copy.date, date(2024, 10, 28));
        assert_eq!(copy.source.as_deref(), Some("AFP"));
        assert_eq!(copy.text, "Le gouvernement a annoncé...");
    }

    #[test]
    fn multi_word_places_and_us_states() {
        let copy = wire("NEW YORK, Feb 26 (Reuters) - Stocks rose.");
        assert_eq!(copy.place.as_deref(), Some("NEW YORK"));
        let copy = wire("PORTLAND, Ore., Feb 26 - Red Lion Inns Limited Partnership said...");
        assert_eq!(copy.place.as_deref(), Some("PORTLAND, Ore."));
        assert_eq!(copy.date, date(2024, 2, 26));
        assert_eq!(copy.source, None);
        assert!(copy.text.starts_with("Red Lion"));
        let copy = wire("ROCHESTER, N.Y., Feb 26 - Champion Products Inc said...");
        assert_eq!(copy.place.as_deref(), Some("ROCHESTER, N.Y."));
        let copy = wire("SAO PAULO, Oct. 28, 2024 (Bloomberg) -- Brazil's real fell.");
        assert_eq!(copy.place.as_deref(), Some("SAO PAULO"));
        assert_eq!(copy.date, date(2024, 10, 28));
        assert_eq!(copy.source.as_deref(), Some("Bloomberg"));
        assert_eq!(copy.text, "Brazil's real fell.");
        let copy = wire("ST. LOUIS (AP) — A jury found...");
        assert_eq!(copy.place.as_deref(), Some("ST. LOUIS"));
    }

    #[test]
    fn other_agencies() {
        for (text, agency) in [
            ("BERLIN (dpa) - Germany's economy shrank.", "dpa"),
            (
                "BEIJING, Oct 28 (Xinhua) -- China's industrial profits...",
                "Xinhua",
            ),
            ("NEW DELHI, Oct 28 (PTI) - The government said...", "PTI"),
            (
                "TOKYO, Oct 28 (Kyodo) - Japan's ruling coalition...",
                "Kyodo",
            ),
            (
                "SEOUL, Oct. 28 (Yonhap) -- South Korea's spy agency...",
                "Yonhap",
            ),
        ] {
            let copy = wire(text);
            assert_eq!(copy.source.as_deref(), Some(agency), "{text}");
            assert!(
                copy.text.chars().next().unwrap().is_uppercase(),
                "{text}: {}",
                copy.text
            );
        }
    }

    #[test]
    fn a_date_without_year_after_the_reference_is_last_year() {
        let copy = wire("MOSCOW, Dec 30 (Reuters) - Russia said...");
        assert_eq!(copy.date, date(2023, 12, 30));
    }

    #[test]
    fn agency_alone_at_the_start() {
        let copy = wire("(Reuters) - Oil prices rose on Monday.");
        assert_eq!(copy.source.as_deref(), Some("Reuters"));
        assert_eq!(copy.text, "Oil prices rose on Monday.");
    }

    #[test]
    fn bylines_become_the_author() {
        let copy = wire("By Jane Doe\n\nLONDON (Reuters) - Britain's economy grew.");
        assert_eq!(copy.author.as_deref(), Some("Jane Doe"));
        assert_eq!(copy.place.as_deref(), Some("LONDON"));
        assert_eq!(copy.text, "Britain's economy grew.");
        let copy = wire("By Jane Doe and John Roe, Reuters\nThe central bank held rates.");
        assert_eq!(copy.author.as_deref(), Some("Jane Doe and John Roe"));
        assert_eq!(copy.text, "The central bank held rates.");
        let copy = wire("BY MARIA GARCÍA\nMADRID (EFE) - Spain's unemployment fell.");
        assert_eq!(copy.author.as_deref(), Some("MARIA GARCÍA"));
        assert_eq!(copy.source.as_deref(), Some("EFE"));
    }

    #[test]
    fn updated_notes_are_removed() {
        let copy = wire(
            "(Updated 10:30 GMT with minister's comments)\nKYIV, Oct 28 (Reuters) - Ukraine said...",
        );
        assert_eq!(copy.place.as_deref(), Some("KYIV"));
        assert_eq!(copy.text, "Ukraine said...");
    }

    #[test]
    fn trailing_boilerplate_is_removed() {
        let copy = wire(
            "LONDON (Reuters) - Britain's economy grew.\n\nIt was the third quarter of growth.\n\n(Reporting by Jane Doe; Editing by John Roe)\n\nRead more: Economy slows\n\n© 2024 Reuters. All rights reserved.",
        );
        assert_eq!(
            copy.text,
            "Britain's economy grew.\n\nIt was the third quarter of growth."
        );
        let copy = wire(
            "date 2024-10-28 (MENAFN- UkrinForm) Story text.\n\nMore text.\n\nMENAFN28102024000193011044ID1108826573\n\nLegal Disclaimer:\nMENAFN provides the information “as is” without warranty of any kind.",
        );
        assert_eq!(copy.text, "Story text.\n\nMore text.");
    }

    #[test]
    fn ordinary_sentences_are_left_alone() {
        for text in [
            "Paris is where the talks will be held, officials said.",
            "London - based banks reported higher profits.",
            "The UK said on Monday it would act.",
            "NATO allies met in Brussels on Tuesday.",
            "BREAKING - Markets fall sharply.",
            "US President Joe Biden said on Monday...",
            "A man was arrested (police said) - no charges yet.",
            "Read more: this is the whole article, nothing else.",
            "By the end of the year, prices had doubled.",
        ] {
            let copy = wire(text);
            assert_eq!(copy.text, text, "{text} must be left alone");
            assert_eq!(
                (copy.place, copy.source, copy.author),
                (None, None, None),
                "{text}"
            );
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            " ",
            "(",
            "(MENAFN-",
            "date 2024-13-45 (MENAFN- X) y",
            "KYIV, Feb 30 (Reuters) - x",
            "By\n",
            "\u{feff}",
            "—",
        ] {
            let _ = wire(text);
        }
        assert_eq!(
            wire("KYIV, Feb 30 (Reuters) - x").date,
            None,
            "an impossible date is no date"
        );
    }
}
