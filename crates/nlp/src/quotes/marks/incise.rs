//! Attributions set inside the marks between commas, as French, Spanish, Italian and Portuguese news writes them: `« Nous ne céderons pas, a déclaré le ministre, c'est hors de question. »` is one utterance in two parts, with the narrator's words between them outside the quote.
//!
//! An incise starts at a comma inside the quote with a verb of saying
//! (after at most two auxiliaries: `a déclaré`, `ha detto`, `a-t-il
//! ajouté`, `dijo`, `disse`), runs at most [`INCISE_WORDS`] words, and ends
//! at the next comma or full stop, or at the end of the quote. A verb
//! followed by a clause (`dijo que…`, `ha detto che…`) is the speaker's own
//! reported speech, not an incise.

use super::super::language::Lang;
use super::super::lexicons::key;
use super::pairing::Part;
use crate::text::{TokenKind, tokens};

/// The most words an incise holds (`a déclaré le ministre de l'Intérieur`).
const INCISE_WORDS: usize = 8;

/// The parts of `parts` with each incise cut out: the words before it end
/// at its comma (so that its attribution reads as the words after a
/// quote), the words after it are a new part of the same chain. Each
/// part's words are tokenised once.
pub(super) fn split(text: &str, parts: Vec<Part>, lang: Lang) -> Vec<Part> {
    let mut out = Vec::with_capacity(parts.len());
    for part in parts {
        if part.single {
            out.push(part);
            continue;
        }
        let Some(words) = text.get(part.words.clone()) else {
            out.push(part);
            continue;
        };
        let base = part.words.start;
        let all: Vec<Token> = tokens(words)
            .map(|t| Token {
                start: base + t.span.start,
                text: t.text(),
                punct: t.kind == TokenKind::Punct,
            })
            .collect();
        let mut rest = part;
        let mut from = 1;
        loop {
            let Some((comma, end)) = find(&all, from, lang) else {
                out.push(rest);
                break;
            };
            let Some(&Token { start: at, .. }) = all.get(comma) else {
                out.push(rest);
                break;
            };
            let before = text.get(rest.words.start..at).unwrap_or_default();
            out.push(Part {
                words: rest.words.start..rest.words.start + before.trim_end().len(),
                close_end: Some(at),
                ..rest.clone()
            });
            // The punctuation that ends the incise opens the words after it.
            match (all.get(end), all.get(end + 1)) {
                (Some(mark), Some(next)) => {
                    rest = Part {
                        words: next.start..rest.words.end,
                        open: mark.start,
                        ..rest
                    };
                    from = end + 2;
                }
                _ => break,
            }
        }
    }
    out
}

/// One token of a part's words, in byte offsets into the text.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    start: usize,
    text: &'a str,
    punct: bool,
}

/// The first incise among `all` whose comma is at `from` or later: the
/// index of its comma and of the punctuation that ends it (`all.len()` at
/// the end of the part).
fn find(all: &[Token<'_>], from: usize, lang: Lang) -> Option<(usize, usize)> {
    (from..all.len())
        .filter(|&j| all[j].text == ",")
        .find_map(|j| Some((j, j + 1 + incise_end(&all[j + 1..], lang)?)))
}

/// If `rest` (the tokens after a comma) opens with an attribution, the
/// index of the punctuation that ends it (or `rest.len()` at the end).
fn incise_end(rest: &[Token<'_>], lang: Lang) -> Option<usize> {
    let mut words = 0;
    let mut verb = false;
    for (k, &Token { text, punct, .. }) in rest.iter().enumerate().take(3 * INCISE_WORDS) {
        if punct {
            if text == "-" {
                continue;
            }
            let ends = matches!(text, "," | "." | "!" | "?" | ";" | "…");
            return (verb && ends).then_some(k);
        }
        words += 1;
        if !verb {
            if lang.is_speech_verb(text) {
                verb = true;
                // `dijo que…`, `ha detto che…`: reported speech, not an incise.
                let next = rest[k + 1..].iter().find(|t| !t.punct).map(|t| key(t.text));
                if next.is_some_and(|n| {
                    matches!(
                        n.as_ref(),
                        "que" | "che" | "si" | "se" | "como" | "come" | "comme"
                    ) || n.starts_with("qu'")
                }) {
                    return None;
                }
            } else if words > 3
                || !(lang.is_auxiliary(text) || matches!(text, "t" | "il" | "elle" | "on"))
            {
                return None;
            }
        }
        if words > INCISE_WORDS {
            return None;
        }
    }
    (verb && rest.len() <= 3 * INCISE_WORDS).then_some(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, lang: Lang) -> Vec<&str> {
        let paragraphs = crate::text::paragraphs(text).map(|p| p.byte_range());
        let parts = super::super::nested::parts(text, paragraphs, lang);
        split(text, parts, lang)
            .into_iter()
            .map(|p| &text[p.words])
            .collect()
    }

    #[test]
    fn a_french_incise_splits_the_quote_in_two() {
        assert_eq!(
            pieces(
                "« Nous ne céderons pas, a déclaré le ministre, c'est hors de question. »",
                Lang::Fr
            ),
            ["Nous ne céderons pas", "c'est hors de question."]
        );
        assert_eq!(
            pieces("« C'est fini, a-t-il ajouté. Nous partons. »", Lang::Fr),
            ["C'est fini", "Nous partons."]
        );
    }

    #[test]
    fn an_incise_at_the_end_leaves_one_part() {
        assert_eq!(
            pieces("«No vamos a ceder, dijo el ministro.»", Lang::Es),
            ["No vamos a ceder"]
        );
    }

    #[test]
    fn reported_speech_and_plain_commas_are_not_incises() {
        assert_eq!(
            pieces("«Él vino, dijo que no y se fue»", Lang::Es),
            ["Él vino, dijo que no y se fue"]
        );
        assert_eq!(
            pieces("«Siamo pronti, come sempre, a lavorare»", Lang::It),
            ["Siamo pronti, come sempre, a lavorare"]
        );
    }
}
