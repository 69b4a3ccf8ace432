//! VADER's rule constants and word lists (Hutto and Gilbert 2014; vaderSentiment 3.3.2, MIT licence): negations, boosters, dampeners.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// Valence added by a booster ("very good") or taken by a dampener ("slightly good").
pub const BOOST: f32 = 0.293;

/// Valence added to a lexicon word (or booster) written in capitals among
/// words that are not.
pub const CAPS_BOOST: f32 = 0.733;

/// What a negation multiplies the valence of a word after it by.
pub const NEGATION_SCALAR: f32 = -0.74;

/// Each `!` adds this much intensity to a sentence, up to [`MAX_EXCLAMATIONS`].
pub const EXCLAMATION_BOOST: f32 = 0.292;

/// Exclamation marks counted at most.
pub const MAX_EXCLAMATIONS: usize = 4;

/// The normalisation constant: a sentence's valence sum `x` becomes
/// `x / sqrt(x² + ALPHA)`.
pub const ALPHA: f32 = 15.0;

/// Words that negate what follows within three words. Sorted for binary search.
const NEGATIONS: &[&str] = &[
    "ain't",
    "aint",
    "aren't",
    "arent",
    "can't",
    "cannot",
    "cant",
    "couldn't",
    "couldnt",
    "daren't",
    "darent",
    "despite",
    "didn't",
    "didnt",
    "doesn't",
    "doesnt",
    "don't",
    "dont",
    "hadn't",
    "hadnt",
    "hasn't",
    "hasnt",
    "haven't",
    "havent",
    "isn't",
    "isnt",
    "mightn't",
    "mightnt",
    "mustn't",
    "mustnt",
    "needn't",
    "neednt",
    "neither",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtn't",
    "oughtnt",
    "rarely",
    "seldom",
    "shan't",
    "shant",
    "shouldn't",
    "shouldnt",
    "uhuh",
    "wasn't",
    "wasnt",
    "weren't",
    "werent",
    "without",
    "won't",
    "wont",
    "wouldn't",
    "wouldnt",
];

/// Degree adverbs that strengthen the next sentiment word. Sorted.
const BOOSTERS: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flippin",
    "flipping",
    "frackin",
    "fracking",
    "frickin",
    "fricking",
    "friggin",
    "frigging",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "fully",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];

/// Degree adverbs that weaken the next sentiment word. Sorted.
const DAMPENERS: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "kinda",
    "kindof",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sorta",
    "sortof",
];

/// Two-word dampeners ("kind of good").
pub const DAMPENER_PAIRS: &[(&str, &str)] = &[("just", "enough"), ("kind", "of"), ("sort", "of")];

/// Whether `word` (lower-case) negates what follows: a negation word or any
/// contraction in "n't".
pub fn is_negation(word: &str) -> bool {
    NEGATIONS.binary_search(&word).is_ok() || word.contains("n't")
}

/// The booster (positive) or dampener (negative) strength of `word`
/// (lower-case), 0 for any other word.
pub fn degree(word: &str) -> f32 {
    DEGREES.get(word).copied().unwrap_or(0.0)
}

/// Boosters and dampeners hashed with their strengths: every word of a
/// text is looked up.
static DEGREES: LazyLock<FxHashMap<&'static str, f32>> = LazyLock::new(|| {
    let boosters = BOOSTERS.iter().map(|&w| (w, BOOST));
    boosters
        .chain(DAMPENERS.iter().map(|&w| (w, -BOOST)))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(NEGATIONS.is_sorted());
        assert!(BOOSTERS.is_sorted());
        assert!(DAMPENERS.is_sorted());
    }

    #[test]
    fn negations_include_contractions() {
        assert!(is_negation("not"));
        assert!(is_negation("without"));
        assert!(is_negation("shouldn't"));
        assert!(is_negation("wasn't"));
        assert!(!is_negation("note"));
    }

    #[test]
    fn degrees_of_boosters_and_dampeners() {
        assert_eq!(degree("very"), BOOST);
        assert_eq!(degree("slightly"), -BOOST);
        assert_eq!(degree("war"), 0.0);
    }
}
