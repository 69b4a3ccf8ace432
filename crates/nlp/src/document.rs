//! The document modules share: the [`Article`] as intake made it, the [`Enrichments`] modules add, and the [`Input`] a module reads.

use std::cell::OnceCell;

use serde::Serialize;

use crate::amounts::Amount;
use crate::dates::DateMention;
use crate::entities::Entity;
use crate::fingerprint::Fingerprint;
use crate::keywords::Keyword;
use crate::language::Language;
use crate::quotes::Quote;
use crate::sentiment::Tone;
use crate::stats::Stats;
use crate::summary::SummarySentence;
use crate::text::{Segments, segment};
use crate::topics::Topic;

/// An article as it came in, normalised from whichever input format carried it.
///
/// Modules may read it; only intake (and, later, extraction modules) writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Stable id: the JSON `id`, else the AMQP `message_id`, else a hash of the body.
    #[serde(skip)]
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// RFC 3339 timestamp (a bare date becomes midnight UTC).
    pub published_at: Option<String>,
    /// The dateline place of wire copy (`KYIV`, `PORTLAND, Ore.`), when the text had one.
    pub dateline: Option<String>,
    /// The producer's language hint, if any (not yet a detected language).
    #[serde(skip)]
    pub language_hint: Option<String>,
    /// The clean body text that every offset in the output counts into.
    pub text: String,
    /// Producer metadata, passed through untouched (`null` when there was none).
    pub metadata: serde_json::Value,
}

/// What the modules add to an article, one optional field per module.
///
/// A field stays `None` when its module is disabled or failed, and is then left
/// out of the output, as the contract says.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Enrichments {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<Stats>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<Quote>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Topic>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<Keyword>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Tone>,
    /// ✚ Quantities with what they count (an extension of the contract).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amounts: Option<Vec<Amount>>,
    /// ✚ Dates and relative time expressions, resolved (an extension of the contract).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<DateMention>>,
    /// ✚ Up to three sentences of the article (an extension of the contract).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Vec<SummarySentence>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Fingerprint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// The shared document: the article plus everything earlier modules added.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub article: Article,
    pub enrichments: Enrichments,
    /// Human-readable notes on anything that went wrong without stopping the article.
    pub warnings: Vec<String>,
    /// Modules that did not run on the article, and why.
    pub skipped: Vec<Skipped>,
}

/// A module that did not run on an article, and why (`processing.skipped`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub module: &'static str,
    pub reason: String,
}

impl Document {
    /// A document for `article` with nothing added yet.
    pub fn new(article: Article) -> Self {
        Self {
            article,
            enrichments: Enrichments::default(),
            warnings: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// What a module reads: the article, and its text's segmentation, computed
/// at most once per article however many modules ask for it.
pub struct Input<'a> {
    pub article: &'a Article,
    segments: OnceCell<Segments<'a>>,
}

impl<'a> Input<'a> {
    /// The input for `article`, nothing computed yet.
    pub fn new(article: &'a Article) -> Self {
        Input {
            article,
            segments: OnceCell::new(),
        }
    }

    /// The paragraphs, sentences and tokens of `article.text` ([`segment`]).
    pub fn segments(&self) -> &Segments<'a> {
        self.segments.get_or_init(|| segment(&self.article.text))
    }
}
