//! Tests on a slice of tokens that the pattern finders (amounts, dates) share: is the token at `i` one of these words, this punctuation, touching the next.

use super::tokens::{Token, TokenKind};

/// The token's text in lower case (allocates: for the rare paths after a match).
pub fn lower(token: &Token<'_>) -> String {
    token.text().to_lowercase()
}

/// `f` of `word` in lower case, when the word is ASCII of at most 24 bytes
/// (lowered on the stack, without allocating); `None` for any other word,
/// which no word list of the pattern finders holds.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> Option<R>) -> Option<R> {
    let mut buf = [0u8; 24];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let lowered = &mut buf[..bytes.len()];
    lowered.copy_from_slice(bytes);
    lowered.make_ascii_lowercase();
    f(std::str::from_utf8(lowered).ok()?)
}

/// Whether the token at `at` is a word or number that, case aside, is one of
/// `words` (which must be ASCII and lower case).
pub fn word_is(toks: &[Token<'_>], at: usize, words: &[&str]) -> bool {
    toks.get(at).is_some_and(|t| {
        t.kind != TokenKind::Punct && words.iter().any(|w| t.text().eq_ignore_ascii_case(w))
    })
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
    use crate::text::tokens;

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
        assert_eq!(
            with_lower("MaY", |w| Some(w.to_owned())).as_deref(),
            Some("may")
        );
        assert_eq!(with_lower("Київ", |w| Some(w.len())), None);
        assert_eq!(with_lower(&"a".repeat(25), |w| Some(w.len())), None);
    }
}
