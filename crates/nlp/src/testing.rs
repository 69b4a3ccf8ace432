//! What the analysers' tests share: the canonical wire article as intake leaves it.
//!
//! The canonical input (`tests/fixtures/menafn-ukrinform-2024-10-28.txt`) is
//! wire copy with a MENAFN header; intake (in enricher-message) removes the
//! header and normalises the text. Its result is committed beside it as JSON,
//! and a test of enricher-message checks that intake still gives exactly that.

use crate::document::Article;

/// The canonical article as it comes off the wire.
pub const WIRE: &str = include_str!("../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");

/// The canonical article as intake leaves it, as JSON (`article` of the output).
const WIRE_ARTICLE: &str =
    include_str!("../../../tests/fixtures/menafn-ukrinform-2024-10-28.article.json");

/// The canonical article as intake leaves it: what the modules are given.
pub fn wire_article() -> Article {
    let value: serde_json::Value = serde_json::from_str(WIRE_ARTICLE).expect("the fixture is JSON");
    let text = |key: &str| value[key].as_str().map(str::to_owned);
    Article {
        id: "menafn-ukrinform-2024-10-28".into(),
        url: text("url"),
        title: text("title"),
        source: text("source"),
        author: text("author"),
        published_at: text("published_at"),
        dateline: text("dateline"),
        language_hint: None,
        text: text("text").expect("the fixture has a text"),
        metadata: value["metadata"].clone(),
    }
}

/// The canonical article's text as intake leaves it.
pub fn canonical() -> String {
    wire_article().text
}
