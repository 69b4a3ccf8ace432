//! A detector's answer and the confidence bars that say how far to trust it, shared by both stages.

/// Above this confidence an answer is sure: it beats the producer's hint and
/// needs no second opinion. It is whatlang's own bar for `is_reliable`, used
/// for both stages so that "unsure" means one thing.
const SURE: f64 = 0.9;

/// From this confidence an unsure whatlang answer is still given when there is
/// no hint; below it the answer is `und`. (lingua's confidences are shares of
/// one over all the languages, so spread thin on short text; it has its own
/// rule, [`super::accurate::ODDS`].)
const LIKELY: f64 = 0.5;

/// A detector's answer: a configured code and its confidence, 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Guess {
    pub(super) code: &'static str,
    pub(super) confidence: f64,
    /// Whether the answer is good enough to give without a hint when unsure.
    pub(super) likely: bool,
}

impl Guess {
    /// whatlang's answer: likely from a confidence of [`LIKELY`].
    pub(super) fn fast(code: &'static str, confidence: f64) -> Self {
        Self {
            code,
            confidence,
            likely: confidence >= LIKELY,
        }
    }

    pub(super) fn is_sure(&self) -> bool {
        self.confidence > SURE
    }
}
