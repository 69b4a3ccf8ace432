//! Intake: turns a message body and its content type into an [`Article`], or into the stable reason it can never be enriched.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::content_encoding::{self, EncodingError};
use crate::normalise::normalise;
use enricher_nlp::document::Article;

/// Why an input can never be enriched; the code is part of the public contract
/// (header `x-enricher-error` on the dead letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectCode {
    InvalidUtf8,
    InvalidJson,
    InvalidShape,
    Empty,
    TooLarge,
    UnsupportedContentType,
    UnsupportedContentEncoding,
    /// The body does not inflate under its `content_encoding` (corrupt or truncated gzip or deflate).
    InvalidContentEncoding,
    /// The input's headers leave no room in one frame for the output's (decided by the worker, which knows the broker's `frame_max`).
    HeadersTooLarge,
    /// The enriched output is over `output.max_message_bytes`.
    OutputTooLarge,
}

impl RejectCode {
    /// Every code, for documentation and tests.
    pub const ALL: [RejectCode; 10] = [
        RejectCode::InvalidUtf8,
        RejectCode::InvalidJson,
        RejectCode::InvalidShape,
        RejectCode::Empty,
        RejectCode::TooLarge,
        RejectCode::UnsupportedContentType,
        RejectCode::UnsupportedContentEncoding,
        RejectCode::InvalidContentEncoding,
        RejectCode::HeadersTooLarge,
        RejectCode::OutputTooLarge,
    ];

    /// The stable code string.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectCode::InvalidUtf8 => "invalid_utf8",
            RejectCode::InvalidJson => "invalid_json",
            RejectCode::InvalidShape => "invalid_shape",
            RejectCode::Empty => "empty",
            RejectCode::TooLarge => "too_large",
            RejectCode::UnsupportedContentType => "unsupported_content_type",
            RejectCode::UnsupportedContentEncoding => "unsupported_content_encoding",
            RejectCode::InvalidContentEncoding => "invalid_content_encoding",
            RejectCode::HeadersTooLarge => "headers_too_large",
            RejectCode::OutputTooLarge => "output_too_large",
        }
    }
}

/// An input that can never be enriched: the code plus a sentence for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {detail}", code.as_str())]
pub struct Rejection {
    pub code: RejectCode,
    pub detail: String,
}

impl Rejection {
    /// A rejection with `code` and a sentence for the operator.
    pub fn new(code: RejectCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
        }
    }
}

/// A raw input as the transport (or a file) delivered it.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawInput<'a> {
    pub body: &'a [u8],
    /// The `content_type` property; parameters such as `charset` are allowed.
    pub content_type: Option<&'a str>,
    /// The `content_encoding` property.
    pub content_encoding: Option<&'a str>,
    /// The `message_id` property.
    pub message_id: Option<&'a str>,
}

/// An accepted article plus notes on fields that were ignored.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    pub article: Article,
    pub warnings: Vec<String>,
}

/// The format an input body is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Text,
    Html,
}

/// The article id when the input itself names none: hex SHA-256 of the body.
pub fn body_hash_id(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// How much of a compressed body [`best_effort_id`] inflates to look for a JSON `id`.
const ID_SCAN_BYTES: usize = 1024 * 1024;

/// The id of an input even when it is rejected: JSON `id` if readable (in a
/// compressed body, if its first MiB inflated holds the whole JSON), else
/// `message_id`, else the hash of the body as sent.
pub fn best_effort_id(input: &RawInput<'_>) -> String {
    let inflated = content_encoding::decode(input.body, input.content_encoding, ID_SCAN_BYTES);
    serde_json::from_slice::<Value>(inflated.as_deref().unwrap_or(input.body))
        .ok()
        .and_then(|value| value.get("id").and_then(id_value))
        .or_else(|| non_empty(input.message_id))
        .unwrap_or_else(|| body_hash_id(input.body))
}

/// Read one input, checking in contract order: size, encoding (and the size
/// it inflates to), emptiness, content type, charset or UTF-8, shape.
pub fn read(input: &RawInput<'_>, max_bytes: usize) -> Result<Intake, Rejection> {
    if input.body.len() > max_bytes {
        return Err(Rejection::new(
            RejectCode::TooLarge,
            format!(
                "body is {} bytes; input.max_message_bytes allows {max_bytes}",
                input.body.len()
            ),
        ));
    }
    let body = content_encoding::decode(input.body, input.content_encoding, max_bytes).map_err(
        |error| {
            let code = match error {
                EncodingError::Unsupported(_) => RejectCode::UnsupportedContentEncoding,
                EncodingError::TooLarge { .. } => RejectCode::TooLarge,
                EncodingError::Corrupt { .. } => RejectCode::InvalidContentEncoding,
            };
            Rejection::new(code, error.to_string())
        },
    )?;
    let body = &*body;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Rejection::new(RejectCode::Empty, "the body is empty"));
    }
    let declared = input.content_type.map(media_type).filter(|t| !t.is_empty());
    let format = match declared.as_deref() {
        None => sniff(body),
        Some("application/json") => Format::Json,
        Some(t) if t.ends_with("+json") => Format::Json,
        Some("text/plain") => Format::Text,
        Some("text/html" | "application/xhtml+xml") => Format::Html,
        Some(other) => {
            return Err(Rejection::new(
                RejectCode::UnsupportedContentType,
                format!(
                    "content type `{other}` is not supported; use application/json, text/plain or text/html"
                ),
            ));
        }
    };
    let id = || non_empty(input.message_id).unwrap_or_else(|| body_hash_id(body));
    match format {
        // HTML declares its own charset; decoding is the extractor's job.
        Format::Html => finish(html_article(
            crate::html::extract(body, input.content_type, None),
            id(),
        )),
        Format::Text => {
            let text = crate::html::charset::decode_text(body, input.content_type, None)
                .map_err(not_utf8)?;
            finish(Intake {
                article: Article {
                    id: id(),
                    text: normalise(&text),
                    metadata: Value::Null,
                    ..Article::default()
                },
                warnings: Vec::new(),
            })
        }
        // JSON is UTF-8 (RFC 8259), whatever the content type says.
        Format::Json => read_json(
            std::str::from_utf8(body).map_err(|e| not_utf8(e.valid_up_to()))?,
            input.message_id,
        ),
    }
}

fn not_utf8(offset: usize) -> Rejection {
    Rejection::new(
        RejectCode::InvalidUtf8,
        format!("the body is not UTF-8 (invalid byte at offset {offset})"),
    )
}

/// An article from an extracted web page: its main text and the page's metadata.
fn html_article(page: crate::html::ExtractedPage, id: String) -> Intake {
    Intake {
        article: Article {
            id,
            url: page.canonical_url,
            title: page.title,
            source: page.site_name,
            author: page.author,
            published_at: page.published_at,
            language_hint: page.language,
            text: normalise(&page.text),
            ..Article::default()
        },
        warnings: Vec::new(),
    }
}

/// Without a content type: a body that parses as a JSON object is JSON, one that
/// starts like a web page is HTML, anything else is text. A body that starts
/// with `{` and is not UTF-8 is taken for JSON (and refused as such), not for
/// text in a legacy charset.
fn sniff(body: &[u8]) -> Format {
    let start = body.trim_ascii_start();
    let starts_with = |prefix: &[u8]| {
        start
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if start.starts_with(b"{") {
        match std::str::from_utf8(body) {
            Err(_) => Format::Json,
            Ok(text) if serde_json::from_str::<Value>(text).is_ok_and(|v| v.is_object()) => {
                Format::Json
            }
            Ok(_) => Format::Text,
        }
    } else if starts_with(b"<!doctype html") || starts_with(b"<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// `Text/HTML; charset=UTF-8` becomes `text/html`.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A JSON `id` may be a non-empty string or a number.
fn id_value(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => non_empty(Some(text)),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The recognised fields of a JSON article; everything else goes under `metadata`.
const KNOWN_FIELDS: &[&str] = &[
    "id",
    "url",
    "title",
    "body",
    "html",
    "source",
    "author",
    "published_at",
    "language",
    "metadata",
];

fn read_json(text: &str, message_id: Option<&str>) -> Result<Intake, Rejection> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        Rejection::new(
            RejectCode::InvalidJson,
            format!("the body is not valid JSON: {error}"),
        )
    })?;
    let Value::Object(mut object) = value else {
        return Err(Rejection::new(
            RejectCode::InvalidShape,
            format!("expected a JSON object, got {}", json_kind(&value)),
        ));
    };
    let mut warnings = Vec::new();
    let id = match object.get("id") {
        None | Some(Value::Null) => None,
        Some(value) => Some(id_value(value).ok_or_else(|| {
            Rejection::new(
                RejectCode::InvalidShape,
                "`id` must be a non-empty string or a number",
            )
        })?),
    };
    let url = string_field(&object, "url")?;
    let title = string_field(&object, "title")?;
    let body = string_field(&object, "body")?;
    let html = string_field(&object, "html")?;
    let source = string_field(&object, "source")?;
    let author = author_field(&object)?;
    let language_hint = string_field(&object, "language")?;
    let published_raw = date_field(&object, "published_at")?;
    let mut page = None;
    let text = match (body, html) {
        (Some(body), _) if !body.trim().is_empty() => normalise(&body),
        (Some(_), None) => return Err(Rejection::new(RejectCode::Empty, "`body` is empty")),
        (_, Some(html)) if !html.trim().is_empty() => {
            let extracted = crate::html::extract_html(&html, url.as_deref());
            let text = normalise(&extracted.text);
            page = Some(extracted);
            text
        }
        (_, Some(_)) => return Err(Rejection::new(RejectCode::Empty, "`html` is empty")),
        (None, None) => {
            return Err(Rejection::new(
                RejectCode::InvalidShape,
                "a JSON article needs a `body` (plain text) or an `html` field",
            ));
        }
    };
    let metadata = object.remove("metadata").unwrap_or(Value::Null);
    let unknown: Map<String, Value> = object
        .into_iter()
        .filter(|(key, _)| !KNOWN_FIELDS.contains(&key.as_str()))
        .collect();
    let metadata = merge_unknown(metadata, unknown);
    // The producer's fields win; the page's metadata fills what they left out.
    let page = page.unwrap_or_default();
    let language_hint = language_hint.or(page.language);
    // The declared language (the producer's, else the page's) orders day and month.
    let published_at = published_raw.and_then(|raw| {
        let parsed = crate::published::parse_in(&raw, language_hint.as_deref());
        if parsed.is_none() {
            warnings.push(format!(
                "published_at `{raw}` is not a date form enricher reads (or a numeric date whose day and month order neither its numbers nor `language` settle); left out"
            ));
        }
        parsed
    });
    finish(Intake {
        article: Article {
            id: id
                .or_else(|| non_empty(message_id))
                .unwrap_or_else(|| body_hash_id(text.as_bytes())),
            dateline: None,
            url: url.or(page.canonical_url),
            title: title.map(|t| t.trim().to_owned()).or(page.title),
            source: source.or(page.site_name),
            author: author.or(page.author),
            published_at: published_at.or(page.published_at),
            language_hint,
            text,
            metadata,
        },
        warnings,
    })
}

/// Take the wire furniture out of the text into the article's fields (fields
/// the producer set win), and refuse an article whose text is then empty.
fn finish(mut intake: Intake) -> Result<Intake, Rejection> {
    let article = &mut intake.article;
    let reference = article
        .published_at
        .as_deref()
        .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
        .map_or_else(|| Utc::now().date_naive(), |at| at.date_naive());
    let wire = crate::wire::parse(&article.text, reference);
    article.text = wire.text;
    if article.source.is_none() {
        article.source = wire.source;
    }
    if article.author.is_none() {
        article.author = wire.author;
    }
    if article.published_at.is_none() {
        article.published_at = wire
            .date
            .and_then(|date| date.and_hms_opt(0, 0, 0))
            .map(|at| at.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true));
    }
    article.dateline = wire.place;
    if article.text.is_empty() {
        return Err(Rejection::new(
            RejectCode::Empty,
            "no article text is left after normalisation",
        ));
    }
    Ok(intake)
}

/// Unknown top-level fields join `metadata`; keys already in `metadata` win. A
/// non-object `metadata` is kept whole under `value` when there are unknown fields.
fn merge_unknown(metadata: Value, unknown: Map<String, Value>) -> Value {
    if unknown.is_empty() {
        return metadata;
    }
    let mut merged = match metadata {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        other => Map::from_iter([("value".to_owned(), other)]),
    };
    for (key, value) in unknown {
        merged.entry(key).or_insert(value);
    }
    Value::Object(merged)
}

/// A field that must be a string when present (`null` counts as absent).
fn string_field(
    object: &Map<String, Value>,
    field: &'static str,
) -> Result<Option<String>, Rejection> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(other) => Err(Rejection::new(
            RejectCode::InvalidShape,
            format!("`{field}` must be a string, got {}", json_kind(other)),
        )),
    }
}

/// A date may be a string, or a number of epoch seconds or milliseconds
/// (`1730111400`), which is read as its decimal text is.
fn date_field(
    object: &Map<String, Value>,
    field: &'static str,
) -> Result<Option<String>, Rejection> {
    match object.get(field) {
        Some(Value::Number(number)) => Ok(Some(number.to_string())),
        Some(Value::String(_)) | Some(Value::Null) | None => string_field(object, field),
        Some(other) => Err(Rejection::new(
            RejectCode::InvalidShape,
            format!(
                "`{field}` must be a string or a number of epoch seconds, got {}",
                json_kind(other)
            ),
        )),
    }
}

/// `author` may be a string or a list of strings (joined with ", ").
fn author_field(object: &Map<String, Value>) -> Result<Option<String>, Rejection> {
    match object.get("author") {
        Some(Value::Array(items)) => {
            let names: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            let names = names.ok_or_else(|| {
                Rejection::new(
                    RejectCode::InvalidShape,
                    "`author` must be a string or a list of strings",
                )
            })?;
            Ok(Some(names.join(", ")).filter(|n| !n.is_empty()))
        }
        _ => string_field(object, "author"),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: usize = 1024;

    fn json(body: &str) -> Result<Intake, Rejection> {
        read(
            &RawInput {
                body: body.as_bytes(),
                content_type: Some("application/json"),
                ..RawInput::default()
            },
            LIMIT,
        )
    }

    fn code(result: Result<Intake, Rejection>) -> &'static str {
        result.unwrap_err().code.as_str()
    }

    #[test]
    fn json_article_keeps_recognised_fields_and_moves_unknown_ones_to_metadata() {
        let intake = json(
            r#"{"id":"a1","url":"https://x.test/a","title":" T ","body":"Hello world.\r\n\r\nBye.",
                "source":"Reuters","author":["A B","C D"],"published_at":"2024-10-28",
                "language":"en","metadata":{"desk":"world"},"feed":"rss-7","desk":"ignored"}"#,
        )
        .unwrap();
        let article = intake.article;
        assert_eq!(article.id, "a1");
        assert_eq!(article.title.as_deref(), Some("T"));
        assert_eq!(article.text, "Hello world.\n\nBye.");
        assert_eq!(article.author.as_deref(), Some("A B, C D"));
        assert_eq!(
            article.published_at.as_deref(),
            Some("2024-10-28T00:00:00Z")
        );
        assert_eq!(article.language_hint.as_deref(), Some("en"));
        assert_eq!(
            article.metadata,
            serde_json::json!({"desk": "world", "feed": "rss-7"})
        );
        assert!(intake.warnings.is_empty());
    }

    #[test]
    fn id_falls_back_to_message_id_then_to_the_body_hash() {
        let body = br#"{"body":"text"}"#;
        let with_message_id = read(
            &RawInput {
                body,
                message_id: Some("m-9"),
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(with_message_id.article.id, "m-9");
        let text = read(
            &RawInput {
                body: b"plain words",
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(text.article.id, body_hash_id(b"plain words"));
        assert_eq!(text.article.id.len(), 64);
    }

    #[test]
    fn numeric_ids_are_kept_as_text() {
        assert_eq!(json(r#"{"id": 42, "body": "x"}"#).unwrap().article.id, "42");
    }

    #[test]
    fn content_type_is_sniffed_when_missing() {
        let as_json = read(
            &RawInput {
                body: br#"{"body":"b","title":"t"}"#,
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(as_json.article.title.as_deref(), Some("t"));
        let as_text = read(
            &RawInput {
                body: b"{not json at all",
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(as_text.article.text, "{not json at all");
        let array_is_text = read(
            &RawInput {
                body: b"[1,2]",
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(array_is_text.article.text, "[1,2]");
    }

    #[test]
    fn every_reject_code_has_its_cause() {
        assert_eq!(code(json("{\"body\": ")), "invalid_json");
        assert_eq!(code(json("[1]")), "invalid_shape");
        assert_eq!(code(json(r#"{"title": 5, "body": "x"}"#)), "invalid_shape");
        assert_eq!(code(json(r#"{"title": "no body"}"#)), "invalid_shape");
        assert_eq!(code(json(r#"{"body": "   "}"#)), "empty");
        assert_eq!(code(json(" \n ")), "empty");
        let big = "x".repeat(LIMIT + 1);
        assert_eq!(code(json(&big)), "too_large");
        for content_type in [
            Some("application/json"),
            Some("text/plain; charset=utf-8"),
            None,
        ] {
            let not_utf8 = read(
                &RawInput {
                    body: b"{\"body\": \"caf\xe9\"}",
                    content_type,
                    ..RawInput::default()
                },
                LIMIT,
            );
            assert_eq!(code(not_utf8), "invalid_utf8", "{content_type:?}");
        }
        let pdf = read(
            &RawInput {
                body: b"%PDF",
                content_type: Some("application/pdf"),
                ..RawInput::default()
            },
            LIMIT,
        );
        assert_eq!(code(pdf), "unsupported_content_type");
        let html = read(
            &RawInput {
                body: b"<html><body><nav>Home</nav></body></html>",
                content_type: Some("text/html; charset=utf-8"),
                ..RawInput::default()
            },
            LIMIT,
        );
        assert_eq!(code(html), "empty", "a page with no article is empty");
        let brotli = read(
            &RawInput {
                body: b"x",
                content_encoding: Some("br"),
                ..RawInput::default()
            },
            LIMIT,
        );
        assert_eq!(code(brotli), "unsupported_content_encoding");
        let corrupt = read(
            &RawInput {
                body: b"x",
                content_encoding: Some("gzip"),
                ..RawInput::default()
            },
            LIMIT,
        );
        assert_eq!(code(corrupt), "invalid_content_encoding");
    }

    #[test]
    fn web_pages_become_articles_with_their_metadata() {
        let page = include_bytes!("../../../tests/fixtures/html/news-article.html");
        let declared = read(
            &RawInput {
                body: page,
                content_type: Some("text/html"),
                ..RawInput::default()
            },
            LIMIT * 100,
        )
        .unwrap();
        let article = &declared.article;
        assert_eq!(
            article.title.as_deref(),
            Some("Riverside bridge to reopen in spring")
        );
        assert_eq!(article.source.as_deref(), Some("The Valley Courier"));
        assert!(
            article
                .url
                .as_deref()
                .is_some_and(|u| u.ends_with("/news/riverside-bridge"))
        );
        assert!(
            article.text.starts_with("The council voted on Tuesday"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("Read more"));
        let sniffed = read(
            &RawInput {
                body: page,
                ..RawInput::default()
            },
            LIMIT * 100,
        )
        .unwrap();
        assert_eq!(
            sniffed.article.text, article.text,
            "a page is recognised without a content type"
        );
        let json = serde_json::json!({"id": "h1", "title": "Producer title", "html": String::from_utf8_lossy(page)});
        let from_json = read(
            &RawInput {
                body: json.to_string().as_bytes(),
                ..RawInput::default()
            },
            LIMIT * 100,
        )
        .unwrap();
        assert_eq!(
            from_json.article.title.as_deref(),
            Some("Producer title"),
            "the producer's fields win"
        );
        assert_eq!(
            from_json.article.source.as_deref(),
            Some("The Valley Courier")
        );
        assert_eq!(from_json.article.text, article.text);
        assert_eq!(code(json_html_not_a_string()), "invalid_shape");
    }

    fn json_html_not_a_string() -> Result<Intake, Rejection> {
        read(
            &RawInput {
                body: br#"{"html": ["<p>x</p>"]}"#,
                content_type: Some("application/json"),
                ..RawInput::default()
            },
            LIMIT,
        )
    }

    #[test]
    fn content_type_parameters_and_case_are_ignored() {
        let intake = read(
            &RawInput {
                body: b"Some text",
                content_type: Some("Text/Plain; charset=UTF-8"),
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(intake.article.text, "Some text");
    }

    #[test]
    fn unreadable_date_is_a_warning_not_a_rejection() {
        let intake = json(r#"{"body": "x", "published_at": "last Tuesday"}"#).unwrap();
        assert_eq!(intake.article.published_at, None);
        assert!(intake.warnings[0].contains("last Tuesday"));
    }

    #[test]
    fn json_dates_in_any_common_form_are_normalised_to_utc() {
        for (raw, want) in [
            ("2024-10-28T12:30:00+02:00", "2024-10-28T10:30:00Z"),
            ("Mon, 28 Oct 2024 10:00:00 +0000", "2024-10-28T10:00:00Z"),
            ("2024-10-28 10:00:00", "2024-10-28T10:00:00Z"),
            ("October 28, 2024", "2024-10-28T00:00:00Z"),
        ] {
            let body = format!(r#"{{"body": "x", "published_at": "{raw}"}}"#);
            let intake = json(&body).unwrap();
            assert_eq!(intake.article.published_at.as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn best_effort_id_reads_the_json_id_of_a_rejected_input() {
        let input = RawInput {
            body: br#"{"id":"x7","title":1}"#,
            ..RawInput::default()
        };
        assert_eq!(best_effort_id(&input), "x7");
        let compressed = gzip(input.body);
        let input = RawInput {
            body: &compressed,
            content_encoding: Some("gzip"),
            message_id: Some("m-1"),
            ..RawInput::default()
        };
        assert_eq!(best_effort_id(&input), "x7", "read through gzip");
        let input = RawInput {
            content_encoding: Some("br"),
            ..input
        };
        assert_eq!(best_effort_id(&input), "m-1");
    }

    /// A Russian news paragraph (UTF-8 in the fixture), for the undeclared-charset cases.
    fn russian() -> &'static str {
        include_str!("../../../tests/fixtures/charset/russian.txt").trim_end()
    }

    #[test]
    fn a_windows_1251_page_or_text_without_a_declaration_gives_its_text() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian());
        let page = [
            b"<html><head><title>".as_slice(),
            &encoding_rs::WINDOWS_1251.encode("Мост").0,
            b"</title></head><body><article><p>",
            &cp1251,
            b"</p></article></body></html>",
        ]
        .concat();
        let cases = [
            (&page[..], Some("text/html")),
            (&page[..], None),
            (&cp1251[..], Some("text/plain")),
            (&cp1251[..], None),
        ];
        for (body, content_type) in cases {
            let intake = read(
                &RawInput {
                    body,
                    content_type,
                    ..RawInput::default()
                },
                LIMIT * 100,
            )
            .unwrap();
            let article = intake.article;
            assert_eq!(article.text, normalise(russian()), "{content_type:?}");
            let is_page = body.starts_with(b"<html>");
            assert_eq!(article.title.as_deref(), is_page.then_some("Мост"));
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_gzip_body_is_read_as_if_it_came_uncompressed() {
        let body = br#"{"id":"z1","title":"Bridge","body":"The council voted on Tuesday."}"#;
        let intake = read(
            &RawInput {
                body: &gzip(body),
                content_type: Some("application/json"),
                content_encoding: Some("gzip"),
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(intake.article.id, "z1");
        assert_eq!(intake.article.text, "The council voted on Tuesday.");
        let text = read(
            &RawInput {
                body: &gzip(b"plain words"),
                content_encoding: Some("gzip"),
                ..RawInput::default()
            },
            LIMIT,
        )
        .unwrap();
        assert_eq!(
            text.article.id,
            body_hash_id(b"plain words"),
            "the id hashes the body as published before compression"
        );
    }

    #[test]
    fn the_limit_applies_to_the_inflated_body() {
        let big = "word ".repeat(LIMIT);
        let compressed = gzip(big.as_bytes());
        assert!(compressed.len() < LIMIT);
        let result = read(
            &RawInput {
                body: &compressed,
                content_type: Some("text/plain"),
                content_encoding: Some("gzip"),
                ..RawInput::default()
            },
            LIMIT,
        );
        assert_eq!(code(result), "too_large");
    }

    #[test]
    fn numeric_json_dates_follow_the_declared_language() {
        let intake =
            json(r#"{"body": "x", "published_at": "03/04/2024 10:30 CET", "language": "de"}"#)
                .unwrap();
        assert_eq!(
            intake.article.published_at.as_deref(),
            Some("2024-04-03T09:30:00Z")
        );
        let intake =
            json(r#"{"body": "x", "published_at": "03/04/2024", "language": "en-US"}"#).unwrap();
        assert_eq!(
            intake.article.published_at.as_deref(),
            Some("2024-03-04T00:00:00Z")
        );
        let intake = json(r#"{"body": "x", "published_at": "03/04/2024"}"#).unwrap();
        assert_eq!(intake.article.published_at, None);
        assert!(intake.warnings[0].contains("03/04/2024"));
        let intake = json(r#"{"body": "x", "published_at": "1730111400"}"#).unwrap();
        assert_eq!(
            intake.article.published_at.as_deref(),
            Some("2024-10-28T10:30:00Z")
        );
    }

    #[test]
    fn a_json_number_date_is_epoch_seconds_or_milliseconds() {
        for raw in ["1730111400", "1730111400000"] {
            let intake = json(&format!(r#"{{"body": "x", "published_at": {raw}}}"#)).unwrap();
            assert_eq!(
                intake.article.published_at.as_deref(),
                Some("2024-10-28T10:30:00Z"),
                "{raw}"
            );
        }
        let intake = json(r#"{"body": "x", "published_at": 1.5}"#).unwrap();
        assert_eq!(intake.article.published_at, None);
        assert!(intake.warnings[0].contains("1.5"));
        let rejected = json(r#"{"body": "x", "published_at": true}"#).unwrap_err();
        assert_eq!(rejected.code, RejectCode::InvalidShape);
        assert!(rejected.detail.contains("published_at"));
    }
}
