//! Tests on a slice of tokens that the pattern finders (amounts, dates) share: is the token at `i` one of these words, this punctuation, touching the next.

use super::tokens::{Token, TokenKind};

/// The token's text in lower case.
pub fn lower(token: &Token<'_>) -> String {
    token.text().to_lowercase()
}

/// Whether the token at `at` is a word or number that, in lower case, is one of `words`.
pub fn word_is(toks: &[Token<'_>], at: usize, words: &[&str]) -> bool {
    toks.get(at)
        .is_some_and(|t| t.kind != TokenKind::Punct && words.contains(&lower(t).as_str()))
}

/// Whether the token at `at` is the punctuation `p`.
pub fn punct_is(toks: &[Token<'_>], at: usize, p: &str) -> bool {
    toks.get(at)
        .is_some_and(|t| t.kind == TokenKind::Punct && t.text() == p)
}

/// Whether `b` starts where `a` ends, with no space between.
pub fn touching(a: &Token<'_>, b: &Token<'_>) -> bool {
    a.span.byte_range().end == b.span.byte_range().start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens;

    #[test]
    fn words_punctuation_and_touching() {
        let toks: Vec<Token<'_>> = tokens("In 2024-10 , May").collect();
        assert!(word_is(&toks, 0, &["in"]));
        assert!(word_is(&toks, 1, &["2024"]));
        assert!(!word_is(&toks, 2, &["-"]));
        assert!(punct_is(&toks, 2, "-"));
        assert!(touching(&toks[1], &toks[2]));
        assert!(!touching(&toks[3], &toks[4]));
        assert!(!word_is(&toks, 99, &["in"]) && !punct_is(&toks, 99, ","));
    }
}
