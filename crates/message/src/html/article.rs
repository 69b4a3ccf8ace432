//! Main text: locate the article in a parsed page and turn it into clean paragraphs.
//!
//! Three passes over one parsed document: [`boilerplate::remove`] strips page
//! furniture, `dom_smoothie` (a port of Mozilla's Readability, fast enough to
//! leave room for the other passes) picks the container with the most
//! article-like text, and [`filters::filter`] drops the furniture left inside it.

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::blocks;
use super::boilerplate;
use super::filters::{self, PageFacts};
use super::metadata::Metadata;

/// The article text of `doc` as paragraphs separated by blank lines; empty when
/// the page holds no article.
pub fn main_text(doc: Document, metadata: &Metadata) -> String {
    boilerplate::remove(&doc);
    let config = Config {
        // Metadata is read separately, before boilerplate removal.
        disable_json_ld: true,
        ..Config::default()
    };
    let Ok(mut readability) = Readability::with_document(doc, None, Some(config)) else {
        return String::new();
    };
    if readability.parse().is_err() {
        return String::new();
    }
    let selection = readability.doc.select_single("#readability-page-1");
    let Some(root) = selection.nodes().first().copied() else {
        return String::new();
    };
    let facts = PageFacts {
        title: metadata.title.as_deref(),
        document_title: metadata.document_title.as_deref(),
        author: metadata.author.as_deref(),
        site_name: metadata.site_name.as_deref(),
    };
    filters::filter(blocks::blocks(root), &facts).join("\n\n")
}
