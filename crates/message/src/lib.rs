//! enricher-message: one message body and its properties in, one outcome out.
//!
//! [`intake`] reads a body (JSON, plain text or an HTML page; inflated first
//! when gzip or deflate, see [`content_encoding`]) into an
//! [`enricher_nlp::document::Article`], parsing wire headers ([`wire`]),
//! dropping page furniture between paragraphs ([`furniture`]),
//! normalising the text ([`normalise`]) and publication dates ([`published`]);
//! the [`processor`] runs the NLP pipeline on it under a deadline and wraps the
//! result in the output envelope ([`output`]), or says why the input can never
//! be enriched ([`error_object`] is how that reads). No broker and no async: the worker and `enricher enrich` both
//! call [`processor::Processor::process`]. [`schemas`] holds the published
//! JSON Schemas of the input and the output.

pub mod content_encoding;
pub mod error_object;
pub mod furniture;
pub mod html;
pub mod intake;
pub mod normalise;
pub mod output;
pub mod processor;
pub mod published;
pub mod schemas;
pub mod wire;

/// The version of enricher, reported in `processing.enricher_version`.
pub use enricher_nlp::VERSION;
