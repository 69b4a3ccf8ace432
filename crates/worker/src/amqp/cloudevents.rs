//! CloudEvents for outputs, in the binary content mode of the CloudEvents AMQP binding: the body stays the enriched JSON and the event's attributes go into `cloudEvents_*` headers (`output.cloudevents`).
//!
//! The binding allows `cloudEvents_` or `cloudEvents:` as the prefix and
//! prefers `_`, which JMS selectors and most AMQP 0-9-1 clients take as an
//! ordinary name. `datacontenttype` is the `content_type` property in the
//! binary mode; it is written as a header too, for clients that read only headers.

use chrono::{DateTime, Utc};
use lapin::types::FieldTable;

use super::headers::set_text;

/// The prefix of every attribute header; the binding's preferred separator.
pub const PREFIX: &str = "cloudEvents_";

/// The version of the CloudEvents specification the attributes follow.
pub const SPEC_VERSION: &str = "1.0";

/// The event type of an enriched article: what happened and the body's schema version.
pub const TYPE: &str = "enricher.article.enriched.v1";

/// The body's media type, `datacontenttype`.
pub const DATA_CONTENT_TYPE: &str = "application/json";

/// The `$id` of the body's JSON Schema, `dataschema`.
pub const DATA_SCHEMA: &str = enricher_message::schemas::OUTPUT.id;

/// Whether a header carries a CloudEvents attribute (either separator, any case
/// of the prefix): an input's describe the input's event, never an output's.
pub fn is_attribute(key: &str) -> bool {
    let name = PREFIX.len() - 1;
    let bytes = key.as_bytes();
    bytes.len() > name
        && bytes[..name].eq_ignore_ascii_case(&PREFIX.as_bytes()[..name])
        && matches!(bytes[name], b'_' | b':')
}

/// The attributes of one output, in the order they are written.
pub fn attributes<'a>(source: &'a str, id: &'a str, time: &'a str) -> [(&'static str, &'a str); 7] {
    [
        ("specversion", SPEC_VERSION),
        ("type", TYPE),
        ("source", source),
        ("id", id),
        ("time", time),
        ("datacontenttype", DATA_CONTENT_TYPE),
        ("dataschema", DATA_SCHEMA),
    ]
}

/// Write the `cloudEvents_*` headers of an output: `id` is its `message_id`,
/// `time` when it was enriched, `source` from `output.cloudevents_source`.
pub fn insert(headers: &mut FieldTable, source: &str, id: &str, time: DateTime<Utc>) {
    let time = enricher_message::output::timestamp(time);
    for (name, value) in attributes(source, id, &time) {
        set_text(headers, &format!("{PREFIX}{name}"), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amqp::headers::text;

    #[test]
    fn every_required_attribute_is_written_with_the_prefix() {
        let mut headers = FieldTable::default();
        let at = DateTime::parse_from_rfc3339("2024-10-28T10:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        insert(&mut headers, "urn:enricher:q", "a-1", at);
        let get = |name: &str| text(Some(&headers), &format!("cloudEvents_{name}"));
        assert_eq!(get("specversion").as_deref(), Some("1.0"));
        assert_eq!(get("type").as_deref(), Some(TYPE));
        assert_eq!(get("source").as_deref(), Some("urn:enricher:q"));
        assert_eq!(get("id").as_deref(), Some("a-1"));
        assert_eq!(get("time").as_deref(), Some("2024-10-28T10:30:00.000000Z"));
        assert_eq!(get("datacontenttype").as_deref(), Some("application/json"));
        assert_eq!(
            get("dataschema").as_deref(),
            Some("urn:enricher:schema:enriched-article:v1")
        );
        assert_eq!(headers.inner().len(), 7);
    }

    #[test]
    fn attribute_headers_are_told_by_their_prefix_with_either_separator() {
        for key in ["cloudEvents_id", "cloudEvents:type", "cloudevents_source"] {
            assert!(is_attribute(key), "{key}");
        }
        for key in [
            "cloudEvents",
            "cloudEventsid",
            "ce_id",
            "x-cloudEvents_id",
            "cloudEventé",
            "é",
        ] {
            assert!(!is_attribute(key), "{key}");
        }
    }
}
