//! The sentiment lexicon: VADER's word valences (-4 to +4), compiled in from `models/sentiment-lexicon.tsv`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// `word TAB valence` lines, lower-case words, built by
/// `scripts/build-sentiment-lexicon.sh` from VADER 3.3.2 (MIT licence).
const LEXICON_TSV: &str = include_str!("../../models/sentiment-lexicon.tsv");

/// The lexicon, parsed once on first use.
static LEXICON: LazyLock<FxHashMap<&'static str, f32>> = LazyLock::new(|| parse(LEXICON_TSV));

/// The valence of `word` (lower-case, straight apostrophes), when the lexicon has it.
pub fn valence(word: &str) -> Option<f32> {
    LEXICON.get(word).copied()
}

/// Parses `word TAB valence` lines; a line that is not one is skipped.
fn parse(tsv: &'static str) -> FxHashMap<&'static str, f32> {
    tsv.lines()
        .filter_map(|line| {
            let (word, valence) = line.split_once('\t')?;
            Some((word, valence.trim().parse::<f32>().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_has_vader_valences() {
        assert!(LEXICON.len() > 7000, "{}", LEXICON.len());
        assert_eq!(valence("war"), Some(-2.9));
        assert_eq!(valence("good"), Some(1.9));
        assert_eq!(valence("the"), None);
        assert_eq!(valence("War"), None, "lookups are lower-case");
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let parsed = parse("good\t1.9\nbad\nugly\tx\n\tnice\t2\n");
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed.get("good"), Some(&1.9));
    }
}
