//! enricher-nlp: the text analysis of enricher, as modules of one pipeline.
//!
//! An [`document::Article`] goes into a [`pipeline::Pipeline`] of modules, built
//! by name with [`registry::build`]; each module reads the article and what
//! earlier modules found, and writes its own field of [`document::Enrichments`].
//! The analysers behind the modules live in one folder each, with the module
//! adapter in its `module.rs`; [`text`] is the shared machinery (tokens,
//! sentences, words). Everything is synchronous and does no I/O beyond the
//! models compiled in (`models/`); training lives behind the `train` feature.

pub mod amounts;
#[cfg(feature = "train")]
pub mod cpu_time;
pub mod dates;
pub mod document;
pub mod entities;
pub mod fingerprint;
pub mod geo;
pub mod keywords;
pub mod language;
pub mod ner;
pub mod pipeline;
pub mod provenance;
pub mod quotes;
pub mod registry;
#[cfg(feature = "train")]
pub mod scores;
pub mod sentiment;
pub mod stats;
pub mod summary;
pub mod tags;
pub mod text;
pub mod topics;

#[cfg(test)]
mod testing;

/// The version of enricher, reported in `processing.enricher_version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
