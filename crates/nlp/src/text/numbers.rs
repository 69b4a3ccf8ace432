//! The words of a quantity: numerals in the ways news writes them (`600,000`, `3.5`, `1.234,5`, `1.2bn`), number words, scale words, currencies and percent.

use crate::text::token_match::with_lower;

/// The value of a numeral as written, thousands separators and a decimal
/// comma understood: `600,000`, `3.5`, `1.234.567`, `1.234,5`, `3,5`.
/// `None` for anything that is not digits with separators between them.
pub fn numeral(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (first, last) = (bytes.first()?, bytes.last()?);
    if !first.is_ascii_digit() || !last.is_ascii_digit() {
        return None;
    }
    if !bytes
        .iter()
        .all(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
    {
        return None;
    }
    let commas = bytes.iter().filter(|b| **b == b',').count();
    let dots = bytes.iter().filter(|b| **b == b'.').count();
    // Which separator, if any, is the decimal one: a lone dot; a lone comma
    // that does not group thousands (`3,5`); the last of two kinds.
    let decimal = match (commas, dots) {
        (0, 1) => Some(b'.'),
        (1, 0) if !grouped(text, b',') => Some(b','),
        (0, _) | (_, 0) => None,
        _ => bytes
            .iter()
            .rev()
            .copied()
            .find(|b| *b == b',' || *b == b'.'),
    };
    let (integer, fraction) = match decimal {
        Some(d) => {
            let at = bytes.iter().rposition(|b| *b == d)?;
            (&text[..at], &text[at + 1..])
        }
        None => (text, ""),
    };
    let thousands = match decimal {
        Some(b'.') => b',',
        Some(_) => b'.',
        None if commas > 0 => b',',
        None => b'.',
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit())
        || !integer
            .bytes()
            .all(|b| b.is_ascii_digit() || b == thousands)
        || (integer.as_bytes().contains(&thousands) && !grouped(integer, thousands))
    {
        return None;
    }
    let mut plain: String = integer.chars().filter(char::is_ascii_digit).collect();
    if !fraction.is_empty() {
        plain.push('.');
        plain.push_str(fraction);
    }
    plain.parse().ok()
}

/// Whether `sep` cuts `integer` into a first group of one to three digits
/// and groups of exactly three after it.
fn grouped(integer: &str, sep: u8) -> bool {
    let mut groups = integer.split(sep as char);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// A scale word or suffix and its factor: `million`, `bn`, `mln`, `k`, `tn`.
pub fn scale(word: &str) -> Option<f64> {
    with_lower(word, |w| {
        Some(match w {
            "thousand" | "k" => 1e3,
            "million" | "mln" | "mn" | "m" => 1e6,
            "billion" | "bln" | "bn" | "b" => 1e9,
            "trillion" | "tn" | "trn" => 1e12,
            _ => return None,
        })
    })
}

/// Plural scale words of a vague quantity: `millions of`, `dozens of`.
pub fn vague_scale(word: &str) -> Option<f64> {
    with_lower(word, |w| {
        Some(match w {
            "dozens" => 12.0,
            "scores" => 20.0,
            "hundreds" => 1e2,
            "thousands" => 1e3,
            "millions" => 1e6,
            "billions" => 1e9,
            "trillions" => 1e12,
            _ => return None,
        })
    })
}

/// The words [`number_word`] reads, with their values. Scale words above a
/// hundred are [`scale`]'s.
const NUMBER_WORDS: [(&str, f64); 30] = [
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// What every word of [`NUMBER_WORDS`] has: its shortest and longest
/// length, and a bit per letter (`a` = bit 0) that one of them starts with.
/// Derived from the table, so a word added there is never rejected early.
const NUMBER_WORD_SHAPE: (usize, usize, u32) = {
    let (mut shortest, mut longest, mut initials) = (usize::MAX, 0, 0u32);
    let mut i = 0;
    while i < NUMBER_WORDS.len() {
        let word = NUMBER_WORDS[i].0.as_bytes();
        if word.len() < shortest {
            shortest = word.len();
        }
        if word.len() > longest {
            longest = word.len();
        }
        initials |= 1 << (word[0] - b'a');
        i += 1;
    }
    (shortest, longest, initials)
};

/// A number word and its value: `one` to `ninety`, `hundred`, `dozen`, in
/// any case.
pub fn number_word(word: &str) -> Option<f64> {
    // Most words of a text fail on length or first letter, without thirty
    // comparisons.
    let (shortest, longest, initials) = NUMBER_WORD_SHAPE;
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    let plausible = (shortest..=longest).contains(&word.len())
        && first.is_ascii_lowercase()
        && initials & (1 << (first - b'a')) != 0;
    if !plausible {
        return None;
    }
    NUMBER_WORDS
        .iter()
        .find(|(known, _)| word.eq_ignore_ascii_case(known))
        .map(|&(_, value)| value)
}

/// A numeral with a scale suffix in one word, as `1.2bn`, `5m`, `300k`, `2tn`:
/// its value with the scale applied.
pub fn suffixed(word: &str) -> Option<f64> {
    let split = word.find(|c: char| c.is_ascii_alphabetic())?;
    let (digits, suffix) = word.split_at(split);
    Some(numeral(digits)? * scale(suffix)?)
}

/// The ISO 4217 code of a currency sign or code written before an amount:
/// `$`, `£`, `€`, `¥`, `₽`, `₴`, `USD`, `EUR`.
pub fn currency_sign(sign: &str) -> Option<&'static str> {
    Some(match sign {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        "₴" => "UAH",
        "₩" => "KRW",
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CHF" => "CHF",
        "CNY" | "RMB" => "CNY",
        _ => return None,
    })
}

/// The currency named by a word written after an amount: `dollars`,
/// `euros`, `pounds`, `roubles`.
pub fn currency_word(word: &str) -> Option<&'static str> {
    with_lower(word, |w| {
        Some(match w {
            "dollar" | "dollars" => "USD",
            "euro" | "euros" => "EUR",
            "pound" | "pounds" | "sterling" => "GBP",
            "yen" => "JPY",
            "yuan" | "renminbi" => "CNY",
            "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
            "hryvnia" | "hryvnias" | "hryvnas" => "UAH",
            "rupee" | "rupees" => "INR",
            "won" => "KRW",
            "franc" | "francs" => "CHF",
            _ => return None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_with_either_separator_convention() {
        assert_eq!(numeral("600,000"), Some(600_000.0));
        assert_eq!(numeral("3.5"), Some(3.5));
        assert_eq!(numeral("1,234,567"), Some(1_234_567.0));
        assert_eq!(numeral("1.234.567"), Some(1_234_567.0));
        assert_eq!(numeral("1.234,5"), Some(1234.5));
        assert_eq!(numeral("1,234.5"), Some(1234.5));
        assert_eq!(numeral("3,5"), Some(3.5));
        assert_eq!(numeral("2024"), Some(2024.0));
        assert_eq!(numeral("0.25"), Some(0.25));
    }

    #[test]
    fn malformed_numerals_are_none() {
        for bad in [
            "",
            ",",
            "1,,000",
            "12,34,567",
            "1.2.3,4,5",
            "1,000,00",
            "abc",
            "1e5",
            "-3",
            "3.",
        ] {
            assert_eq!(numeral(bad), None, "{bad}");
        }
        assert_eq!(numeral(&"9".repeat(400)), Some(f64::INFINITY));
    }

    #[test]
    fn scales_suffixes_words_and_currencies() {
        assert_eq!(suffixed("1.2bn"), Some(1.2e9));
        assert_eq!(suffixed("5m"), Some(5e6));
        assert_eq!(suffixed("300k"), Some(3e5));
        assert_eq!(suffixed("21st"), None);
        assert_eq!(suffixed("bn"), None);
        assert_eq!(scale("Billion"), Some(1e9));
        assert_eq!(vague_scale("millions"), Some(1e6));
        assert_eq!(number_word("Seventy"), Some(70.0));
        assert_eq!(number_word("eleven"), Some(11.0));
        assert_eq!(number_word("once"), None);
        for (word, value) in NUMBER_WORDS {
            assert_eq!(number_word(word), Some(value), "{word}");
            assert_eq!(number_word(&word.to_uppercase()), Some(value), "{word}");
        }
        assert_eq!(number_word(""), None);
        assert_eq!(number_word("ninetyish"), None);
        assert_eq!(currency_sign("£"), Some("GBP"));
        assert_eq!(currency_word("Roubles"), Some("RUB"));
        assert_eq!(currency_word("troops"), None);
    }
}
