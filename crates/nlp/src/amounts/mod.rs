//! Amounts: the quantities an article gives ("600,000 Russian soldiers", "millions of artillery shells", "$1.2bn", "3.5%"), each with its value, unit and what it counts.
//!
//! One pass over the tokens. A quantity starts at a numeral (`600,000`,
//! `3.5`, `1.2bn`), a number word (`seven`, `two hundred`) or a vague plural
//! (`millions of`, `dozens of`), may carry a currency before it (`$`, `£`,
//! `US$`, `EUR`) or after it (`dollars`), a scale (`million`, `bn`) and
//! `%` or `per cent`, and may be hedged (`about`, `more than`, `nearly`:
//! `approximate`). What it counts is the run of up to four content words
//! after it ("Russian soldiers" in "600,000 Russian soldiers have been
//! killed"): the run stops at a function word, an adverb in `-ly`, or a
//! past or present participle after the first word, which is how news
//! turns from the noun phrase to its verb.
//!
//! A bare number with neither unit nor counted noun ("3 of them", "in
//! 2024") is not an amount, and numbers that are parts of dates, times or
//! codes (`October 28`, `28 October`, `10:30`, `2024-10-28`, `F-16`) are
//! left to the date finder or skipped.

use serde::Serialize;

use crate::text::calendar::month_of;
use crate::text::numbers;
use crate::text::token_match::{lower, punct_is, touching, with_lower, word_is};
use crate::text::{Token, TokenKind, tokens};

mod module;

pub use module::AmountsModule;

/// One quantity of the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The expression as written, counted noun included.
    pub text: String,
    /// Its value, scale applied (`$1.2bn` is 1.2e9, `3.5%` is 3.5).
    pub value: f64,
    /// `percent`, or the ISO 4217 code of a currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What it counts ("Russian soldiers", "artillery shells").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
    /// Hedged ("about", "more than") or vague ("millions of").
    pub approximate: bool,
    /// Code-point offsets of `text` in the article text.
    pub start: usize,
    pub end: usize,
}

/// Words that end the counted noun phrase (or make a number word a pronoun: "one of").
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "against", "ago", "all", "along", "also", "am",
    "among", "an", "and", "any", "are", "around", "as", "at", "be", "because", "been", "before",
    "behind", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "during", "each", "either", "every", "for", "from", "had", "has", "have", "he", "her",
    "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "last", "least",
    "less", "may", "might", "more", "most", "must", "near", "neither", "next", "no", "nor", "not",
    "of", "off", "on", "or", "other", "our", "out", "over", "per", "percent", "she", "should",
    "since", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "via",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your",
];

/// Words after a number that make it a time, not an amount.
const TIME_WORDS: &[&str] = &["am", "a.m", "pm", "p.m", "gmt", "utc", "bst", "cet", "est"];

/// Hedges before a number.
const HEDGES: &[&str] = &[
    "about",
    "almost",
    "approximately",
    "around",
    "nearly",
    "over",
    "roughly",
    "some",
    "up to",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "as many as",
    "as much as",
    "close to",
    "estimated",
    "an estimated",
    "well over",
];

/// Common verbs of news without a participle ending, which end a counted
/// noun phrase after its first word ("600 jobs cut", "the shares rose").
const VERBS: &[&str] = &[
    "backed", "became", "began", "bought", "brought", "built", "came", "cost", "costs", "cut",
    "cuts", "died", "drew", "face", "faced", "faces", "fell", "fled", "gave", "get", "gets", "got",
    "grew", "held", "hit", "hits", "joined", "kept", "knew", "led", "left", "lost", "made", "make",
    "makes", "meet", "met", "paid", "pay", "pays", "put", "ran", "remain", "remains", "rise",
    "rises", "rose", "run", "said", "saw", "say", "says", "see", "sees", "sell", "sells", "sent",
    "set", "sold", "spent", "stood", "take", "taken", "takes", "told", "took", "want", "wants",
    "went", "won", "wrote",
];

/// Longest counted noun phrase, in words.
const MAX_COUNTED_WORDS: usize = 4;

/// The amounts of `text`, in text order.
pub fn amounts(text: &str) -> Vec<Amount> {
    let toks: Vec<Token<'_>> = tokens(text).collect();
    amounts_in(text, &toks)
}

/// [`amounts`] of a text already cut into its [`tokens`] (`toks`, which
/// must be those of `text`), for a caller that shares one segmentation.
pub fn amounts_in(text: &str, toks: &[Token<'_>]) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match read_amount(text, toks, i) {
            Some((amount, next)) => {
                out.push(amount);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The amount starting at token `i` (its currency sign or number), and the
/// token after it.
fn read_amount(text: &str, toks: &[Token<'_>], i: usize) -> Option<(Amount, usize)> {
    let mut start = i;
    let mut unit: Option<&'static str> = None;
    let mut at = i;
    // A currency before the number: `$`, `US$`, `EUR`.
    if let Some(code) = numbers::currency_sign(toks[at].text()) {
        let next = toks.get(at + 1)?;
        if toks[at].kind == TokenKind::Punct && !touching(&toks[at], next) {
            return None;
        }
        unit = Some(code);
        at += 1;
    } else if let Some(code) = dollar_prefix(toks[at].text())
        && punct_is(toks, at + 1, "$")
        && touching(&toks[at], &toks[at + 1])
    {
        unit = Some(code);
        at += 2;
    }
    let (mut value, vague, mut next) = read_number(toks, at)?;
    let mut approximate = vague;
    if unit.is_none() && start == at {
        // Numbers that belong to dates, times, codes and ranges are not amounts.
        if part_of_date_time_or_code(toks, at, next) {
            return None;
        }
    }
    // Scale words after the number: `million`, `bn`.
    if let Some(factor) = toks.get(next).and_then(|t| numbers::scale(t.text())) {
        let t = &toks[next];
        let spelled = t.text().len() > 2 || t.text() == "bn" || t.text() == "tn";
        if spelled || touching(&toks[next - 1], t) {
            value *= factor;
            next += 1;
        }
    }
    // Percent, or a currency word.
    if punct_is(toks, next, "%") || word_is(toks, next, &["percent"]) {
        unit = Some("percent");
        next += 1;
    } else if word_is(toks, next, &["per"]) && word_is(toks, next + 1, &["cent"]) {
        unit = Some("percent");
        next += 2;
    } else if unit.is_none()
        && let Some(code) = toks
            .get(next)
            .and_then(|t| numbers::currency_word(t.text()))
    {
        unit = Some(code);
        next += 1;
    }
    // A hedge before it.
    if let Some(hedge_start) = hedge_before(toks, start) {
        approximate = true;
        start = hedge_start;
    }
    // What it counts.
    let counted_from = if word_is(toks, next, &["of"]) && vague {
        next + 1
    } else {
        next
    };
    let (counts, counted_end) = counted(toks, counted_from);
    if unit.is_none() && counts.is_none() {
        return None;
    }
    let end = if counts.is_some() { counted_end } else { next };
    let first = &toks[start];
    let last = &toks[end - 1];
    let bytes = first.span.byte_range().start..last.span.byte_range().end;
    let chars = first.char_range().start..last.char_range().end;
    if !value.is_finite() {
        return None;
    }
    Some((
        Amount {
            text: text.get(bytes)?.to_owned(),
            value,
            unit: unit.map(str::to_owned),
            counts,
            approximate,
            start: chars.start,
            end: chars.end,
        },
        end,
    ))
}

/// The currency of a dollar sign after these letters (`US$`, `A$`, `HK$`).
fn dollar_prefix(letters: &str) -> Option<&'static str> {
    Some(match letters {
        "US" => "USD",
        "A" | "AU" => "AUD",
        "C" | "CA" => "CAD",
        "HK" => "HKD",
        "NZ" => "NZD",
        "S" => "SGD",
        _ => return None,
    })
}

/// The number at token `at`: its value, whether it is vague, and the token after it.
fn read_number(toks: &[Token<'_>], at: usize) -> Option<(f64, bool, usize)> {
    let t = toks.get(at)?;
    match t.kind {
        TokenKind::Number => Some((numbers::numeral(t.text())?, false, at + 1)),
        TokenKind::Word => {
            if let Some(v) = numbers::suffixed(t.text()) {
                return Some((v, false, at + 1));
            }
            if let Some(v) = numbers::vague_scale(t.text()) {
                // "tens of thousands of", "hundreds of millions of".
                if word_is(toks, at + 1, &["of"])
                    && let Some(w) = toks
                        .get(at + 2)
                        .and_then(|n| numbers::vague_scale(n.text()))
                    && word_is(toks, at + 3, &["of"])
                {
                    return Some((v * w, true, at + 3));
                }
                return word_is(toks, at + 1, &["of"]).then_some((v, true, at + 1));
            }
            if t.text().eq_ignore_ascii_case("tens")
                && word_is(toks, at + 1, &["of"])
                && let Some(w) = toks
                    .get(at + 2)
                    .and_then(|n| numbers::vague_scale(n.text()))
            {
                return Some((10.0 * w, true, at + 3));
            }
            number_words(toks, at)
        }
        TokenKind::Punct => None,
    }
}

/// A run of number words (`two hundred thousand`, `twenty-five`, `a million`).
fn number_words(toks: &[Token<'_>], at: usize) -> Option<(f64, bool, usize)> {
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut i = at;
    let mut any = false;
    if word_is(toks, at, &["a", "half"])
        && toks
            .get(at + 1)
            .and_then(|t| numbers::scale(t.text()))
            .is_some()
    {
        let half = word_is(toks, at, &["half"]);
        let factor = numbers::scale(toks[at + 1].text())?;
        if toks[at + 1].text().len() <= 2 {
            return None;
        }
        return Some((if half { factor / 2.0 } else { factor }, false, at + 2));
    }
    while let Some(t) = toks.get(i) {
        if t.kind != TokenKind::Word {
            // `twenty-five`: a hyphen between two number words.
            if any
                && t.text() == "-"
                && toks
                    .get(i + 1)
                    .and_then(|n| numbers::number_word(n.text()))
                    .is_some()
            {
                i += 1;
                continue;
            }
            break;
        }
        if let Some(v) = numbers::number_word(t.text()).or_else(|| hyphenated_number(t.text())) {
            if v == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                current += v;
            }
        } else if let Some(f) = numbers::scale(t.text()).filter(|_| t.text().len() > 2 && any) {
            total += current.max(1.0) * f;
            current = 0.0;
        } else {
            break;
        }
        any = true;
        i += 1;
        if word_is(toks, i, &["and"])
            && toks
                .get(i + 1)
                .and_then(|n| numbers::number_word(n.text()))
                .is_some()
        {
            i += 1;
        }
    }
    any.then_some((total + current, false, i))
}

/// `twenty-five` written as one word: the sum of its number words.
fn hyphenated_number(word: &str) -> Option<f64> {
    let (tens, ones) = word.split_once('-')?;
    let (tens, ones) = (numbers::number_word(tens)?, numbers::number_word(ones)?);
    ((20.0..100.0).contains(&tens) && ones < 10.0).then_some(tens + ones)
}

/// Whether the token at `at` names a month.
fn is_month(toks: &[Token<'_>], at: usize) -> bool {
    toks.get(at)
        .is_some_and(|t| t.kind == TokenKind::Word && with_lower(t.text(), month_of).is_some())
}

/// The start of a hedge that ends just before token `at`.
fn hedge_before(toks: &[Token<'_>], at: usize) -> Option<usize> {
    for words in [3, 2, 1] {
        let Some(from) = at.checked_sub(words) else {
            continue;
        };
        let phrase: Vec<String> = toks[from..at].iter().map(lower).collect();
        if toks[from..at].iter().all(|t| t.kind == TokenKind::Word)
            && HEDGES.contains(&phrase.join(" ").as_str())
        {
            return Some(from);
        }
    }
    None
}

/// Whether the number tokens `at..next` are a day of a date, a time, a
/// part of a date or code, or a year with nothing after it.
fn part_of_date_time_or_code(toks: &[Token<'_>], at: usize, next: usize) -> bool {
    let t = &toks[at];
    // `October 28`, `28 October`, `Oct. 28`.
    let month_before = (at >= 1 && is_month(toks, at - 1))
        || (at >= 2 && punct_is(toks, at - 1, ".") && is_month(toks, at - 2));
    if month_before || is_month(toks, next) || word_is(toks, next, &["th", "st", "nd", "rd"]) {
        return true;
    }
    // `10:30`, `2024-10-28`, `F-16`, `1/2`: glued to other punctuation or letters.
    if let Some(after) = toks.get(next)
        && touching(&toks[next - 1], after)
        && matches!(after.text(), ":" | "-" | "/")
        && toks
            .get(next + 1)
            .is_some_and(|n| touching(after, n) && n.kind != TokenKind::Punct)
    {
        return true;
    }
    if at >= 1 {
        let before = &toks[at - 1];
        if touching(before, t) && matches!(before.text(), ":" | "-" | "/" | "#") {
            return true;
        }
        if touching(before, t) && before.kind == TokenKind::Word {
            return true;
        }
    }
    // A year (`the 2024 election`), unless written with a separator.
    if t.kind == TokenKind::Number
        && t.text().len() == 4
        && t.text().bytes().all(|b| b.is_ascii_digit())
        && (1800..=2100).contains(&t.text().parse::<u32>().unwrap_or(0))
    {
        return true;
    }
    // Times: `10 am`, `7 p.m.`.
    if word_is(toks, next, TIME_WORDS) {
        return true;
    }
    false
}

/// Whether a lower-case word reads as a past or present participle (`owned`, `relating`).
fn is_participle(lower: &str) -> bool {
    lower.len() > 4 && (lower.ends_with("ed") || lower.ends_with("ing"))
}

/// The counted noun phrase starting at token `from`: up to four content words.
fn counted(toks: &[Token<'_>], from: usize) -> (Option<String>, usize) {
    let mut words: Vec<&str> = Vec::new();
    let mut first_is_participle = false;
    let mut i = from;
    while let Some(t) = toks.get(i) {
        if words.len() == MAX_COUNTED_WORDS {
            break;
        }
        if t.kind == TokenKind::Punct {
            // `North Korean-made`, `long-range`: a hyphen inside a compound.
            if t.text() == "-"
                && !words.is_empty()
                && let Some(n) = toks.get(i + 1)
                && touching(t, n)
                && touching(&toks[i - 1], t)
                && n.kind == TokenKind::Word
            {
                i += 1;
                continue;
            }
            break;
        }
        if t.kind != TokenKind::Word || !t.text().chars().any(char::is_alphabetic) {
            break;
        }
        let w = lower(t);
        if FUNCTION_WORDS.contains(&w.as_str()) || month_of(&w).is_some() {
            break;
        }
        if numbers::scale(t.text()).is_some() || numbers::number_word(t.text()).is_some() {
            break;
        }
        if w.ends_with("ly") && w.len() > 4 {
            break;
        }
        if !words.is_empty() && is_participle(&w) {
            break;
        }
        if !words.is_empty() && VERBS.binary_search(&w.as_str()).is_ok() {
            break;
        }
        if words.is_empty() {
            first_is_participle = is_participle(&w);
        }
        words.push(t.text());
        i += 1;
    }
    // A lone participle is the verb, not the noun ("80% owned by", "5m euros relating to").
    if words.is_empty() || (words.len() == 1 && first_is_participle) {
        return (None, from);
    }
    let last = i - 1;
    // Hyphenated compounds keep their hyphens.
    let surface: String = toks[from..=last].iter().fold(String::new(), |mut s, t| {
        if !s.is_empty() && t.text() != "-" && !s.ends_with('-') {
            s.push(' ');
        }
        s.push_str(t.text());
        s
    });
    (Some(surface), last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Amount {
        let found = amounts(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn soldiers_shells_money_and_percent() {
        let a = one("Over 600,000 Russian soldiers have been killed or wounded.");
        assert_eq!(a.value, 600_000.0);
        assert_eq!(a.counts.as_deref(), Some("Russian soldiers"));
        assert!(a.approximate);
        assert_eq!(a.text, "Over 600,000 Russian soldiers");
        let a = one("It sent millions of artillery shells to Russia.");
        assert_eq!(a.value, 1e6);
        assert_eq!(a.counts.as_deref(), Some("artillery shells"));
        assert!(a.approximate);
        let a = one("The deal is worth $1.2bn, officials said.");
        assert_eq!((a.value, a.unit.as_deref()), (1.2e9, Some("USD")));
        assert_eq!(a.text, "$1.2bn");
        let a = one("Inflation rose to 3.5% in March.");
        assert_eq!((a.value, a.unit.as_deref()), (3.5, Some("percent")));
        let a = one("Profits fell 12 per cent.");
        assert_eq!((a.value, a.unit.as_deref()), (12.0, Some("percent")));
        let a = one("It raised £5m for charity.");
        assert_eq!((a.value, a.unit.as_deref()), (5e6, Some("GBP")));
        let a = one("It is more than 80% owned by the state.");
        assert_eq!((a.text.as_str(), a.counts), ("more than 80%", None));
        let a = one("A £80m restructuring charge hit profits.");
        assert_eq!(a.counts.as_deref(), Some("restructuring charge"));
        let a = one("The firm paid 2.5 billion euros.");
        assert_eq!((a.value, a.unit.as_deref()), (2.5e9, Some("EUR")));
    }

    #[test]
    fn number_words_and_vague_plurals() {
        let a = one("Two hundred thousand people marched.");
        assert_eq!(a.value, 200_000.0);
        assert_eq!(a.counts.as_deref(), Some("people"));
        let a = one("Tens of thousands of protesters gathered.");
        assert_eq!(a.value, 10_000.0);
        assert_eq!(a.counts.as_deref(), Some("protesters"));
        let a = one("The team signed twenty-five players.");
        assert_eq!(a.value, 25.0);
        assert!(amounts("One of them left. Some of us stayed.").is_empty());
    }

    #[test]
    fn verb_lists_are_sorted_for_binary_search() {
        assert!(VERBS.is_sorted());
    }

    #[test]
    fn dates_times_years_and_codes_are_not_amounts() {
        for text in [
            "On October 28 the council met.",
            "On 28 October the council met.",
            "It happened in 2024.",
            "They met at 10:30 on 2024-10-28.",
            "It bought F-16 jets.",
            "The vote was 3 to 1.",
            "Meet at 7 pm.",
        ] {
            assert!(amounts(text).is_empty(), "{text}: {:#?}", amounts(text));
        }
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "Kyiv – “Over 600,000 Russian soldiers” were lost; €3bn spent.";
        let chars: Vec<char> = text.chars().collect();
        let found = amounts(text);
        assert_eq!(found.len(), 2, "{found:#?}");
        for a in &found {
            let at: String = chars[a.start..a.end].iter().collect();
            assert_eq!(at, a.text);
        }
        assert_eq!(found[1].unit.as_deref(), Some("EUR"));
    }

    #[test]
    fn bad_input_gives_clean_output() {
        for text in [
            String::new(),
            "$".into(),
            "$ $ % %".into(),
            "9".repeat(500) + " people",
            "1,2,3,4,5 6.7.8 9,99,999 0.0.0 1e10 -5 +3 ½ ٣ 五".into(),
            "millions of".into(),
            "tens of".into(),
            "%".repeat(10_000),
            "3 ".repeat(20_000),
            "a half million".into(),
        ] {
            for a in amounts(&text) {
                assert!(a.value.is_finite());
                assert!(a.start < a.end && a.end <= text.chars().count());
            }
        }
    }
}
