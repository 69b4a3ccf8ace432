//! Offline evaluations of the text machinery against annotated corpora (`enricher eval ...`).

pub mod conll;
pub mod sentences;
