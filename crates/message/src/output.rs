//! The output envelope (`schema_version` 1) and the routing-key template of enriched articles.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use enricher_nlp::document::{Article, Document, Enrichments, Skipped};
use enricher_nlp::pipeline::ModuleTiming;

/// Version of the output body; bumped only with a migration note.
pub const SCHEMA_VERSION: u32 = 1;

/// One piece of `output.routing_key`: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    RoutingKey,
    Language,
    Topic,
}

/// A parsed `output.routing_key` template: `{routing_key}`, `{language}`, `{topic}` and literal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingKeyTemplate {
    parts: Vec<Part>,
}

/// The values a routing key is rendered from.
#[derive(Debug, Clone, Copy)]
pub struct RoutingValues<'a> {
    pub routing_key: &'a str,
    pub language: Option<&'a str>,
    pub topic: Option<&'a str>,
}

impl Default for RoutingKeyTemplate {
    /// `{routing_key}`: the input's routing key, unchanged (the default `output.routing_key`).
    fn default() -> Self {
        Self {
            parts: vec![Part::RoutingKey],
        }
    }
}

impl RoutingKeyTemplate {
    /// Parse a template, naming the first placeholder that is not known.
    pub fn parse(template: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_owned()));
            }
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("unclosed `{{` in `{template}`"))?;
            parts.push(match &after[..close] {
                "routing_key" => Part::RoutingKey,
                "language" => Part::Language,
                "topic" => Part::Topic,
                other => {
                    return Err(format!(
                        "unknown placeholder `{{{other}}}`; allowed: {{routing_key}}, {{language}}, {{topic}}"
                    ));
                }
            });
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(Self { parts })
    }

    /// The routing key for one article; a value that is not known renders as `und`
    /// (language) or `none` (topic), so the key is always routable by a pattern.
    pub fn render(&self, values: RoutingValues<'_>) -> String {
        let mut key = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => key.push_str(text),
                Part::RoutingKey => key.push_str(values.routing_key),
                Part::Language => key.push_str(values.language.unwrap_or("und")),
                Part::Topic => key.push_str(values.topic.unwrap_or("none")),
            }
        }
        // AMQP short strings hold at most 255 bytes.
        if key.len() > 255 {
            let mut end = 255;
            while !key.is_char_boundary(end) {
                end -= 1;
            }
            key.truncate(end);
        }
        key
    }
}

/// The `processing` field: who enriched the article, when, and how long each module took.
#[derive(Debug, Clone, Serialize)]
pub struct Processing {
    pub enricher_version: &'static str,
    pub worker_id: String,
    pub received_at: String,
    pub enriched_at: String,
    pub duration_us: u64,
    pub modules: Vec<ModuleTiming>,
    pub warnings: Vec<String>,
    /// Modules not run on the article, each with its reason (an article in
    /// a language a module has no model for; the article timeout).
    pub skipped: Vec<Skipped>,
}

/// The whole output body.
#[derive(Debug, Serialize)]
pub struct Envelope<'a> {
    pub schema_version: u32,
    pub id: &'a str,
    pub article: &'a Article,
    #[serde(flatten)]
    pub enrichments: &'a Enrichments,
    pub processing: Processing,
}

/// Timestamps in the envelope: RFC 3339, UTC, microseconds.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Serialise the envelope of `doc`.
pub fn render(doc: &Document, processing: Processing) -> Vec<u8> {
    let envelope = Envelope {
        schema_version: SCHEMA_VERSION,
        id: &doc.article.id,
        article: &doc.article,
        enrichments: &doc.enrichments,
        processing,
    };
    // Serialising plain structs with string keys cannot fail.
    serde_json::to_vec(&envelope).unwrap_or_else(|_| b"{}".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_renders_placeholders_and_literals() {
        let template = RoutingKeyTemplate::parse("enriched.{language}.{routing_key}").unwrap();
        let key = template.render(RoutingValues {
            routing_key: "news.world",
            language: Some("en"),
            topic: None,
        });
        assert_eq!(key, "enriched.en.news.world");
        let key = RoutingKeyTemplate::parse("{topic}/{language}")
            .unwrap()
            .render(RoutingValues {
                routing_key: "",
                language: None,
                topic: None,
            });
        assert_eq!(key, "none/und");
    }

    #[test]
    fn template_rejects_unknown_and_unclosed_placeholders() {
        assert!(
            RoutingKeyTemplate::parse("{lang}")
                .unwrap_err()
                .contains("{lang}")
        );
        assert!(
            RoutingKeyTemplate::parse("a.{routing_key")
                .unwrap_err()
                .contains("unclosed")
        );
    }

    #[test]
    fn long_keys_are_cut_to_255_bytes_on_a_char_boundary() {
        let long = "é".repeat(200);
        let key = RoutingKeyTemplate::parse("{routing_key}")
            .unwrap()
            .render(RoutingValues {
                routing_key: &long,
                language: None,
                topic: None,
            });
        assert!(key.len() <= 255);
        assert!(key.chars().all(|c| c == 'é'));
    }
}
