//! Shared text machinery used by several modules: words, tokens, sentences, paragraphs, and code-point offsets.
//!
//! [`segment`] runs the paragraph, sentence and token splitters once and
//! links the levels, for modules that need more than one.
//!
//! Every splitter yields [`Span`]s: the text plus its byte offsets, without
//! allocating. The output contract counts offsets in code points, so modules
//! that report `start`/`end` convert with [`offsets::CodePointCursor`] or
//! [`offsets::with_code_points`].

pub(crate) mod ascii;
pub mod calendar;
pub mod chars;
#[cfg(test)]
pub(crate) mod corpus;
pub mod hash;
pub mod lines;
pub mod normal_forms;
pub mod numbers;
pub mod offsets;
pub mod paragraphs;
mod plain_words;
pub mod segment;
mod sentence_bounds;
pub mod sentences;
pub mod span;
pub mod token_match;
pub mod tokens;
pub mod words;

pub use offsets::{CodePointCursor, with_code_points};
pub use paragraphs::paragraphs;
pub use segment::{Paragraph, Segments, Sentence, segment};
pub use sentences::sentences;
pub use span::Span;
pub use tokens::{Token, TokenKind, tokens};
pub use words::words;
