//! Word classes: a few ids per word (clusters learnt from unlabelled text, at several granularities) that the tagger's features read.

/// How many word-class ids (clusters at several granularities) a word can have.
pub const MAX_CLASSES: usize = 4;

/// A source of word classes (such as clusters learnt from unlabelled text),
/// a few ids per word at several granularities, coarse first; 0 means none.
pub trait WordClasses: Send + Sync {
    /// The classes of `word` (typography already folded to ASCII).
    fn classes(&self, word: &str) -> [u32; MAX_CLASSES];
}
