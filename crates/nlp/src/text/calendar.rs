//! Month and weekday names as news writes them, full and abbreviated.

use chrono::Weekday;

/// The month a lower-case word names, and whether it is an abbreviation
/// (which may take a full stop: `Oct.`).
pub fn month_of(word: &str) -> Option<(u32, bool)> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Some(m) = FULL.iter().position(|f| *f == word) {
        return Some((m as u32 + 1, false));
    }
    if word == "sept" {
        return Some((9, true));
    }
    SHORT
        .iter()
        .position(|s| *s == word)
        .map(|m| (m as u32 + 1, true))
}

/// The weekday a lower-case word names (`monday`, `mon`, `tues`).
pub fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_of("october"), Some((10, false)));
        assert_eq!(month_of("oct"), Some((10, true)));
        assert_eq!(month_of("sept"), Some((9, true)));
        assert_eq!(month_of("may"), Some((5, false)));
        assert_eq!(month_of("mark"), None);
        assert_eq!(weekday_of("friday"), Some(Weekday::Fri));
        assert_eq!(weekday_of("fri"), None);
    }
}
