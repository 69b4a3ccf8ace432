//! The bench's corpus: articles read from files (JSON lines or plain text), optionally grown to a size, and the message each is published as.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use lapin::BasicProperties;

use enricher_worker::amqp::headers::short;

/// The canonical example article, used when no corpus is given (2.8 KB of wire copy).
const BUILT_IN_ARTICLE: &str =
    include_str!("../../../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");

/// One article of the corpus, ready to publish.
pub struct Article {
    /// A JSON object (published as application/json with a fresh id), or plain text.
    json: Option<serde_json::Map<String, serde_json::Value>>,
    text: String,
}

/// Read the corpus files into articles.
pub fn load_corpus(
    paths: &[PathBuf],
    article_bytes: usize,
    count: usize,
) -> anyhow::Result<Vec<Article>> {
    let mut articles = Vec::new();
    if paths.is_empty() {
        articles.push(Article {
            json: None,
            text: BUILT_IN_ARTICLE.to_owned(),
        });
    }
    for path in paths {
        let content = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if is_jsonl(path) {
            for (number, line) in content
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let value: serde_json::Value = serde_json::from_str(line).with_context(|| {
                    format!("{}:{}: not a JSON object", path.display(), number + 1)
                })?;
                let serde_json::Value::Object(object) = value else {
                    bail!("{}:{}: not a JSON object", path.display(), number + 1);
                };
                let text = object
                    .get("body")
                    .and_then(|b| b.as_str())
                    .unwrap_or_default()
                    .to_owned();
                articles.push(Article {
                    json: Some(object),
                    text,
                });
            }
        } else {
            articles.push(Article {
                json: None,
                text: content,
            });
        }
    }
    if articles.is_empty() {
        bail!("the corpus holds no articles");
    }
    if article_bytes > 0 {
        let bodies: Vec<String> = articles.iter().map(|a| a.text.clone()).collect();
        // Only as many articles are grown as a run publishes: 2,000 of 10 MB each would be 20 GB.
        articles.truncate(count.max(1));
        let corpus_bytes: usize = bodies.iter().map(String::len).sum();
        if corpus_bytes == 0 {
            bail!("--article-bytes needs a corpus with text");
        }
        // The corpus is cycled as often as it takes to reach the size.
        let joins = bodies.len() * (article_bytes / corpus_bytes + 1);
        for (index, article) in articles.iter_mut().enumerate() {
            let mut next = index + 1;
            while article.text.len() < article_bytes && next < index + 1 + joins {
                article.text.push_str("\n\n");
                article.text.push_str(&bodies[next % bodies.len()]);
                next += 1;
            }
            let mut cut = article_bytes.min(article.text.len());
            while !article.text.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some(space) = article.text[..cut]
                .rfind(char::is_whitespace)
                .filter(|_| cut < article.text.len())
            {
                cut = space;
            }
            article.text.truncate(cut);
            if let Some(json) = &mut article.json {
                json.insert(
                    "body".into(),
                    serde_json::Value::String(article.text.clone()),
                );
            }
        }
    }
    Ok(articles)
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// The body and properties of copy `n` of `article`.
pub fn message(article: &Article, id: &str) -> (Vec<u8>, BasicProperties) {
    let properties = BasicProperties::default()
        .with_delivery_mode(2)
        .with_message_id(short(id));
    match &article.json {
        Some(object) => {
            let mut object = object.clone();
            object.insert("id".into(), serde_json::Value::String(id.to_owned()));
            let body = serde_json::to_vec(&object).unwrap_or_default();
            (
                body,
                properties.with_content_type(short("application/json")),
            )
        }
        None => (
            article.text.as_bytes().to_vec(),
            properties.with_content_type(short("text/plain")),
        ),
    }
}
