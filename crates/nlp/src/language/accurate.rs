//! The second stage of language detection: `lingua`'s n-gram models (1 to 5 characters), for samples the fast detector cannot settle.
//!
//! Only the languages compiled in (the `lingua` features in Cargo.toml: the
//! default set of `language.languages`) are available; a configured code
//! without a model is left to the fast stage alone.

use lingua::{Language as Model, LanguageDetector, LanguageDetectorBuilder};

use super::guess::Guess;

/// lingua's answer is likely (given without a hint when unsure) when it is at
/// least this many times as probable as the runner-up: 2:1 odds. Its
/// confidences are shares of one over all the configured languages, so on a
/// clear English headline the top one is often below one half (0.47 against
/// German's 0.14) and an absolute bar would turn it into `und`.
pub(super) const ODDS: f64 = 2.0;

/// Detected once at construction, so that what lingua builds on its first call
/// (its regexes, about 60 ms) is not paid by the first article.
const WARM_UP: &str = "Warm-up text so the first article does not wait.";

/// `lingua` over the configured languages that it has a model for.
pub(super) struct AccurateDetector {
    detector: LanguageDetector,
    /// Each model's language with the configured code it answers for.
    codes: Vec<(Model, &'static str)>,
}

impl AccurateDetector {
    /// A detector over those of `codes` that have a compiled-in model, its
    /// models loaded now rather than on the first article; `None` when fewer
    /// than two have one, since a detector with one language has nothing to decide.
    pub(super) fn new(codes: &[&'static str]) -> Option<Self> {
        let models = Model::all();
        let mut pairs: Vec<(Model, &'static str)> = codes
            .iter()
            .filter_map(|&code| {
                models
                    .iter()
                    .find(|model| model.iso_code_639_1().to_string() == code)
                    .map(|&model| (model, code))
            })
            .collect();
        pairs.sort_unstable_by_key(|&(_, code)| code);
        pairs.dedup_by_key(|&mut (_, code)| code);
        if pairs.len() < 2 {
            return None;
        }
        let languages: Vec<Model> = pairs.iter().map(|&(model, _)| model).collect();
        let detector = LanguageDetectorBuilder::from_languages(&languages)
            .with_preloaded_language_models()
            .build();
        let accurate = Self {
            detector,
            codes: pairs,
        };
        accurate.guess(WARM_UP);
        Some(accurate)
    }

    /// Whether `code` has a model here.
    pub(super) fn covers(&self, code: &str) -> bool {
        self.codes.iter().any(|&(_, c)| c == code)
    }

    /// The most likely language of `sample` with its share of the confidence
    /// (the values over all languages sum to 1), or `None` when no language
    /// scores at all (no letters it knows).
    pub(super) fn guess(&self, sample: &str) -> Option<Guess> {
        let values = self.detector.compute_language_confidence_values(sample);
        let (model, confidence) = values.first().copied()?;
        if confidence <= 0.0 {
            return None;
        }
        let runner_up = values.get(1).map_or(0.0, |&(_, value)| value);
        let code = self
            .codes
            .iter()
            .find(|&&(m, _)| m == model)
            .map(|&(_, code)| code)?;
        Some(Guess {
            code,
            confidence,
            likely: confidence >= ODDS * runner_up,
        })
    }
}
