//! Dialogue after a dash, as Russian, Polish, Spanish, Italian, Portuguese and French news sets a speaker's words: a paragraph that opens with a dash is speech, up to a dash that starts the narrator's words (`— Мы не отступим, — заявил министр.`, `—No cederemos —dijo el ministro—. Es nuestra tierra.`), and speech again after the next dash.
//!
//! The narrator's words start at a dash that a verb of saying follows
//! within a few words (`— заявил`, `—dijo`, `– powiedział`, `— a-t-il
//! dit`), or that follows the comma, question or exclamation mark that ends
//! the spoken part before a lower-case word (`…, — уверен министр`). Speech
//! resumes at a dash followed by a capital (`…министр. — Это наша земля.`,
//! `—dijo—. Es…`) or after narration that ends in a comma or colon. A dash
//! between two letters or digits (`2010–2015`) is not one of these. Each
//! spoken stretch is a [`Part`] of one chain, so that attribution gives
//! them all the speaker the narrator names.

use std::ops::Range;

use super::super::language::Lang;
use super::pairing::{Pairing, Part};
use crate::text::{TokenKind, tokens};

/// How many words after a dash may come before its verb of saying (`— a-t-il
/// ajouté`, `— отметил`, `— сказал в интервью`): the verb is at most this
/// many words in.
const VERB_WORDS: usize = 5;
/// How far after a dash (in bytes) its verb is looked for.
const LOOKAHEAD: usize = 120;

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Whether a spoken stretch may start with `c` (after the dash and any
/// space): a capital or a digit, or an opening mark or Spanish `¿`/`¡`
/// before one.
fn starts_speech(rest: &str) -> bool {
    rest.chars()
        .find(|c| !matches!(c, '¿' | '¡' | '«' | '„' | '"' | '“' | '…' | '(') && !c.is_whitespace())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// If the paragraph `range` is dialogue after a dash, add its spoken parts
/// to `pairing` and return `true`; otherwise change nothing and return
/// `false`.
pub(super) fn speech(pairing: &mut Pairing<'_>, range: Range<usize>, lang: Lang) -> bool {
    let text = pairing.text;
    let Some(paragraph) = text.get(range.clone()) else {
        return false;
    };
    let Some(first) = paragraph.chars().next().filter(|&c| is_dash(c)) else {
        return false;
    };
    let body = &paragraph[first.len_utf8()..];
    // A list item (`— повышение пенсий;`) is not speech.
    if !starts_speech(body) || paragraph.trim_end().ends_with([';', ',']) {
        return false;
    }
    let chain = pairing.new_chain();
    // (dash byte, words start) of the spoken stretch being read.
    let mut speaking: Option<(usize, usize)> = Some((range.start, range.start + first.len_utf8()));
    let mut narration_start = 0;
    let mut prev: Option<char> = None;
    let mut chars = paragraph.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let was = prev.replace(c);
        if !is_dash(c)
            || (was.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric))
        {
            continue;
        }
        let dash = range.start + at;
        let after = dash + c.len_utf8();
        let rest = text.get(after..range.end).unwrap_or_default();
        match speaking {
            Some((open, start)) => {
                let before = text.get(start..dash).unwrap_or_default().trim_end();
                if narrator_follows(rest, before, lang) {
                    push(pairing, open, start..dash, Some(after), chain);
                    speaking = None;
                    narration_start = after;
                }
            }
            None => {
                let narration = text
                    .get(narration_start..dash)
                    .unwrap_or_default()
                    .trim_end();
                let resumes = narration.ends_with([',', ':']);
                let lead = rest.len()
                    - rest
                        .trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':')
                        })
                        .len();
                if resumes || starts_speech(&rest[lead..]) {
                    speaking = Some((dash, after + lead));
                }
            }
        }
    }
    if let Some((open, start)) = speaking {
        push(pairing, open, start..range.end, None, chain);
    }
    true
}

/// Whether the narrator's words start after a dash: `rest` is the text
/// after it, `before` the spoken words before it.
fn narrator_follows(rest: &str, before: &str, lang: Lang) -> bool {
    let mut end = rest.len().min(LOOKAHEAD);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let window = &rest[..end];
    let mut words = 0;
    for token in tokens(window) {
        if token.kind == TokenKind::Punct {
            if token.text() == "-" {
                continue;
            }
            break;
        }
        if lang.is_speech_verb(token.text()) {
            return true;
        }
        words += 1;
        if words >= VERB_WORDS {
            break;
        }
    }
    // `— Мы не отступим, — уверен министр.`
    before.ends_with([',', '!', '?', '…'])
        && window
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// Add the spoken words `words` (trimmed) opened by the dash at byte `open`.
fn push(
    pairing: &mut Pairing<'_>,
    open: usize,
    words: Range<usize>,
    close_end: Option<usize>,
    chain: usize,
) {
    let Some(inner) = pairing.text.get(words.clone()) else {
        return;
    };
    let lead = inner.len() - inner.trim_start().len();
    let kept = inner.trim().len();
    if kept == 0 {
        return;
    }
    pairing.parts.push(Part {
        words: words.start + lead..words.start + lead + kept,
        open,
        close_end,
        chain,
        single: false,
        dash: true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (words, close_end is set) of each part of `text`.
    fn spoken(text: &str, lang: Lang) -> Vec<(&str, bool)> {
        let mut pairing = Pairing {
            text,
            parts: Vec::new(),
            chains: 0,
        };
        for paragraph in crate::text::paragraphs(text) {
            speech(&mut pairing, paragraph.byte_range(), lang);
        }
        assert!(pairing.parts.iter().all(|p| p.dash));
        pairing
            .parts
            .iter()
            .map(|p| (&text[p.words.clone()], p.close_end.is_some()))
            .collect()
    }

    #[test]
    fn russian_speech_ends_at_the_dash_before_the_narrator() {
        assert_eq!(
            spoken(
                "— Мы не отступим, — заявил министр. — Это наша земля.",
                Lang::Ru
            ),
            [("Мы не отступим,", true), ("Это наша земля.", false)]
        );
    }

    #[test]
    fn a_dash_inside_the_speech_is_not_the_narrator() {
        assert_eq!(
            spoken("— Москва — столица России, — сказал он.", Lang::Ru),
            [("Москва — столица России,", true)]
        );
    }

    #[test]
    fn russian_narration_without_a_verb_after_a_comma() {
        assert_eq!(
            spoken(
                "— Всё будет хорошо, — уверен министр, — мы справимся.",
                Lang::Ru
            ),
            [("Всё будет хорошо,", true), ("мы справимся.", false)]
        );
    }

    #[test]
    fn spanish_raya_attached_to_the_words() {
        assert_eq!(
            spoken(
                "—No vamos a ceder —dijo el ministro—. Es nuestra tierra.",
                Lang::Es
            ),
            [("No vamos a ceder", true), ("Es nuestra tierra.", false)]
        );
        assert_eq!(
            spoken(
                "—¿Qué esperaban? —preguntó la alcaldesa— y se marchó.",
                Lang::Es
            ),
            [("¿Qué esperaban?", true)]
        );
    }

    #[test]
    fn polish_en_dash_without_comma() {
        assert_eq!(
            spoken("– Nie ustąpimy – powiedziała posłanka Nowak.", Lang::Pl),
            [("Nie ustąpimy", true)]
        );
    }

    #[test]
    fn ranges_lists_and_plain_paragraphs_are_not_dialogue() {
        assert_eq!(spoken("В 2010–2015 годах — рост.", Lang::Ru), []);
        assert_eq!(spoken("— повышение пенсий;", Lang::Ru), []);
        assert_eq!(spoken("—", Lang::Es), []);
        assert_eq!(spoken("— ", Lang::Es), []);
    }

    #[test]
    fn a_dash_paragraph_without_a_narrator_is_all_speech() {
        assert_eq!(
            spoken("— Мы не отступим. Никогда.", Lang::Ru),
            [("Мы не отступим. Никогда.", false)]
        );
    }

    #[test]
    fn many_dashes_stay_linear() {
        let text = format!("— Да{}", " — да, — сказал он".repeat(20_000));
        let started = std::time::Instant::now();
        let found = spoken(&text, Lang::Ru);
        assert!(found.len() <= 20_001);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(spoken(&"—".repeat(10_000), Lang::Ru), []);
    }
}
