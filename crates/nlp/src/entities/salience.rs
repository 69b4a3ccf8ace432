//! Salience: how central an entity is to its article, in [0, 1], from how often and how early it is named and whether the title names it.
//!
//! The score is a weighted sum of three signals, each already in [0, 1], so
//! it needs no division by the article's top score and a 0.8 means the same
//! in a short brief as in a long feature:
//!
//! - frequency `f = 1 - exp(-mentions / 4)`: 1 mention 0.22, 3 mentions
//!   0.53, 6 mentions 0.78, 12 mentions 0.95; it saturates, so a long article
//!   does not crowd out a short one;
//! - earliness `e = exp(-3 * first / length)`, with `first` the code-point
//!   offset of the first mention and `length` that of the text: 1 in the
//!   opening words, 0.74 a tenth of the way in, 0.22 at the middle;
//! - title `t`: 1 if any form of the entity appears in the title as whole
//!   words (case, diacritics, dots and possessives aside), else 0.
//!
//! With a title, `salience = 0.45 f + 0.25 e + 0.30 t`; without one the
//! title's weight is shared out, `salience = (0.45 f + 0.25 e) / 0.70`, so a
//! missing title neither lowers nor raises scores. An entity in the title,
//! named first and eight times scores 0.94; one named once near the end of
//! a titled article about 0.11.

use rustc_hash::FxHashSet;

use super::keys::key_tokens;

const FREQUENCY_WEIGHT: f64 = 0.45;
const EARLINESS_WEIGHT: f64 = 0.25;
const TITLE_WEIGHT: f64 = 0.30;
/// The mention count at which frequency reaches 1 - 1/e.
const FREQUENCY_SCALE: f64 = 4.0;
/// How fast earliness falls along the text.
const EARLINESS_DECAY: f64 = 3.0;
/// The longest name, in words, looked for in a title.
const MAX_TITLE_NAME_WORDS: usize = 8;

/// The salience of an entity named `mentions` times, first at code point
/// `first` of a text `length` code points long; `in_title` is `None` when
/// the article has no title.
pub fn salience(mentions: usize, first: usize, length: usize, in_title: Option<bool>) -> f64 {
    let frequency = 1.0 - (-(mentions as f64) / FREQUENCY_SCALE).exp();
    let position = first.min(length) as f64 / length.max(1) as f64;
    let earliness = (-EARLINESS_DECAY * position).exp();
    let body = FREQUENCY_WEIGHT * frequency + EARLINESS_WEIGHT * earliness;
    let score = match in_title {
        Some(named) => body + if named { TITLE_WEIGHT } else { 0.0 },
        None => body / (FREQUENCY_WEIGHT + EARLINESS_WEIGHT),
    };
    // Four decimals keep the output stable to read and to diff.
    (score.clamp(0.0, 1.0) * 1e4).round() / 1e4
}

/// The names a title contains: every run of up to eight of its folded words,
/// so that checking a name is one set look-up whatever the number of names.
#[derive(Debug, Clone, Default)]
pub struct TitleNames {
    runs: FxHashSet<String>,
}

impl TitleNames {
    /// The word runs of `title`, folded as name keys are.
    pub fn new(title: &str) -> Self {
        let words = key_tokens(title);
        let mut runs = FxHashSet::default();
        for start in 0..words.len() {
            for end in start + 1..=words.len().min(start + MAX_TITLE_NAME_WORDS) {
                runs.insert(words[start..end].join(" "));
            }
        }
        Self { runs }
    }

    /// Whether the name with this key (see [`super::keys::name_key`]) is in
    /// the title as whole words.
    pub fn contains(&self, key: &str) -> bool {
        self.runs.contains(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::keys::name_key;

    #[test]
    fn the_lead_entity_of_a_titled_article_scores_near_one() {
        let score = salience(8, 0, 3000, Some(true));
        assert!(score > 0.9 && score <= 1.0, "{score}");
    }

    #[test]
    fn more_mentions_earlier_and_in_the_title_each_raise_the_score() {
        let base = salience(2, 1500, 3000, Some(false));
        assert!(salience(5, 1500, 3000, Some(false)) > base);
        assert!(salience(2, 100, 3000, Some(false)) > base);
        assert!(salience(2, 1500, 3000, Some(true)) > base);
    }

    #[test]
    fn scores_stay_in_range_for_extreme_inputs() {
        for score in [
            salience(0, 0, 0, None),
            salience(usize::MAX, 0, 1, Some(true)),
            salience(1, usize::MAX, 10, Some(false)),
        ] {
            assert!((0.0..=1.0).contains(&score), "{score}");
        }
    }

    #[test]
    fn an_untitled_article_spreads_the_title_weight() {
        let untitled = salience(8, 0, 3000, None);
        assert!(untitled > 0.9, "{untitled}");
    }

    #[test]
    fn title_names_match_whole_words_only() {
        let title = TitleNames::new("Rutte’s warning: NATO allies must spend more, says U.N.");
        assert!(title.contains(&name_key("Rutte")));
        assert!(title.contains(&name_key("NATO")));
        assert!(title.contains(&name_key("the UN")));
        assert!(title.contains(&name_key("NATO allies")));
        assert!(!title.contains(&name_key("Nat")));
        assert!(!title.contains(&name_key("Mark Rutte")));
    }
}
