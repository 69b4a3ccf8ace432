//! VADER's valence of one sentence: lexicon words shifted by negations, degree adverbs, capitals, "but" and exclamation marks, normalised to [-1, 1].
//!
//! Follows `SentimentIntensityAnalyzer.polarity_scores` of vaderSentiment
//! 3.3.2 rule for rule, over the tokeniser's words instead of whitespace
//! pieces, with one fix: the three-words-back "so"/"this" boost applies only
//! after "never" ("never so good"), as the paper describes, not after any
//! word (an operator-precedence slip in the Python).

use super::lexicon;
use super::rules::{
    ALPHA, BOOST, CAPS_BOOST, DAMPENER_PAIRS, EXCLAMATION_BOOST, MAX_EXCLAMATIONS, NEGATION_SCALAR,
    degree, is_negation,
};

/// One word of a sentence as the rules see it.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Where its lower-case form lies in [`SentenceWords::lower`].
    start: usize,
    end: usize,
    /// Written in capitals: it has a cased letter and no lower-case one.
    caps: bool,
    /// Its lexicon valence, when it has one.
    valence: Option<f32>,
    /// Its booster (+) or dampener (-) strength, 0 for other words.
    degree: f32,
}

/// The words of one sentence, lower-cased into one buffer that is reused
/// from sentence to sentence, so scoring a text allocates only as its
/// longest sentence grows.
#[derive(Debug, Default)]
pub struct SentenceWords {
    lower: String,
    words: Vec<Word>,
    /// `!` characters in the sentence.
    exclamations: usize,
    /// `?` characters in the sentence.
    questions: usize,
}

impl SentenceWords {
    /// Empties the buffer for the next sentence.
    pub fn clear(&mut self) {
        self.lower.clear();
        self.words.clear();
        self.exclamations = 0;
        self.questions = 0;
    }

    /// Adds a word as written; curly apostrophes become straight ones.
    pub fn push_word(&mut self, text: &str) {
        let start = self.lower.len();
        let mut has_lower = false;
        let mut has_upper = false;
        for c in text.chars() {
            has_lower |= c.is_lowercase();
            has_upper |= c.is_uppercase();
            match c {
                '\u{2019}' | '\u{2018}' => self.lower.push('\''),
                c if c.is_ascii() => self.lower.push(c.to_ascii_lowercase()),
                c => self.lower.extend(c.to_lowercase()),
            }
        }
        let end = self.lower.len();
        let lower = self.lower.get(start..end).unwrap_or("");
        self.words.push(Word {
            start,
            end,
            caps: has_upper && !has_lower,
            valence: lexicon::valence(lower),
            degree: degree(lower),
        });
    }

    /// Counts the `!` and `?` of a punctuation token.
    pub fn push_punct(&mut self, text: &str) {
        for b in text.bytes() {
            match b {
                b'!' => self.exclamations += 1,
                b'?' => self.questions += 1,
                _ => {}
            }
        }
    }

    /// The number of words pushed since the last [`clear`](Self::clear).
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// How many of the words the lexicon rates positive and negative, as
    /// written (no rules): GDELT's word counts.
    pub fn polarity_counts(&self) -> (usize, usize) {
        let positive = self
            .words
            .iter()
            .filter(|w| w.valence.is_some_and(|v| v > 0.0))
            .count();
        let negative = self
            .words
            .iter()
            .filter(|w| w.valence.is_some_and(|v| v < 0.0))
            .count();
        (positive, negative)
    }

    /// Whether no word was pushed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The lower-case text of word `i`, "" past the end.
    fn text(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|w| self.lower.get(w.start..w.end))
            .unwrap_or("")
    }

    /// The degree strength of word `i`, 0 past the ends.
    fn degree_of(&self, i: usize) -> f32 {
        self.words.get(i).map_or(0.0, |w| w.degree)
    }

    fn in_lexicon(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| w.valence.is_some())
    }

    /// The sentence's compound score in [-1, 1]: 0 without sentiment words.
    pub fn compound(&self) -> f32 {
        let n = self.words.len();
        let caps_differ = {
            let caps = self.words.iter().filter(|w| w.caps).count();
            caps > 0 && caps < n
        };
        let but = (0..n).find(|&i| self.text(i) == "but");
        let mut sum = 0.0f32;
        let mut i = 0;
        while i < n {
            let word = self.text(i);
            let mut valence = if self.degree_of(i) != 0.0 {
                // A degree adverb modifies; it has no valence of its own.
                0.0
            } else if word == "kind" && self.text(i + 1) == "of" {
                0.0
            } else {
                self.word_valence(i, caps_differ)
            };
            // "but" shifts the weight to the clause after it.
            match but {
                Some(b) if i < b => valence *= 0.5,
                Some(b) if i > b => valence *= 1.5,
                _ => {}
            }
            sum += valence;
            i += 1;
        }
        if sum == 0.0 {
            return 0.0;
        }
        let emphasis = self.punctuation_emphasis();
        sum += emphasis.copysign(sum);
        squash(sum)
    }

    /// Intensity added by `!` (0.292 each, up to four) and by two or more `?`.
    fn punctuation_emphasis(&self) -> f32 {
        let exclamation = self.exclamations.min(MAX_EXCLAMATIONS) as f32 * EXCLAMATION_BOOST;
        let question = match self.questions {
            0 | 1 => 0.0,
            2 | 3 => self.questions as f32 * 0.18,
            _ => 0.96,
        };
        exclamation + question
    }

    /// The valence of word `i` in its context: VADER's `sentiment_valence`.
    fn word_valence(&self, i: usize, caps_differ: bool) -> f32 {
        let Some(word) = self.words.get(i) else {
            return 0.0;
        };
        let Some(base) = word.valence else {
            return 0.0;
        };
        let back = |k: usize| if i >= k { self.text(i - k) } else { "" };
        let mut valence = base;
        // "no" before another sentiment word negates it instead of counting.
        if self.text(i) == "no" && self.in_lexicon(i + 1) {
            valence = 0.0;
        }
        if back(1) == "no"
            || back(2) == "no"
            || (back(3) == "no" && matches!(back(1), "or" | "nor"))
        {
            valence = base * NEGATION_SCALAR;
        }
        if word.caps && caps_differ && valence != 0.0 {
            valence += CAPS_BOOST.copysign(valence);
        }
        for distance in 1..=3 {
            if i < distance || self.in_lexicon(i - distance) {
                continue;
            }
            // A booster pushes the valence away from 0, a dampener towards it.
            let strength = self.degree_of(i - distance);
            let mut scalar = if valence < 0.0 { -strength } else { strength };
            let modifier_caps = self.words.get(i - distance).is_some_and(|m| m.caps);
            if strength != 0.0 && modifier_caps && caps_differ {
                scalar += if valence > 0.0 {
                    CAPS_BOOST
                } else {
                    -CAPS_BOOST
                };
            }
            scalar *= match distance {
                1 => 1.0,
                2 => 0.95,
                _ => 0.9,
            };
            valence += scalar;
            valence = negation(valence, distance, &back);
            if distance == 3 {
                for (first, second) in DAMPENER_PAIRS {
                    if (back(2) == *first && back(1) == *second)
                        || (back(3) == *first && back(2) == *second)
                    {
                        valence -= BOOST;
                    }
                }
            }
        }
        // "least good" is negative; "at least" and "very least" are not.
        if i >= 1
            && back(1) == "least"
            && !self.in_lexicon(i - 1)
            && !matches!(back(2), "at" | "very")
        {
            valence *= NEGATION_SCALAR;
        }
        valence
    }
}

/// VADER's `_negation_check` for the word `distance` back (`back(k)` is the
/// lower-case word `k` before the sentiment word, "" before the start).
fn negation<'w>(valence: f32, distance: usize, back: &dyn Fn(usize) -> &'w str) -> f32 {
    match distance {
        1 if is_negation(back(1)) => valence * NEGATION_SCALAR,
        2 if back(2) == "never" && matches!(back(1), "so" | "this") => valence * 1.25,
        2 if back(2) == "without" && back(1) == "doubt" => valence,
        2 if is_negation(back(2)) => valence * NEGATION_SCALAR,
        3 if back(3) == "never" && matches!(back(2), "so" | "this") => valence * 1.25,
        3 if back(3) == "without" && (back(2) == "doubt" || back(1) == "doubt") => valence,
        3 if is_negation(back(3)) => valence * NEGATION_SCALAR,
        _ => valence,
    }
}

/// `x / sqrt(x² + 15)`: a valence sum squashed into (-1, 1).
pub fn squash(sum: f32) -> f32 {
    if !sum.is_finite() {
        return sum.signum().clamp(-1.0, 1.0);
    }
    (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0)
}
