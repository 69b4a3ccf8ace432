//! Shared text machinery used by several modules: words, sentences, paragraphs.
