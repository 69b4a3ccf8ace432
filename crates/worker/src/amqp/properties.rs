//! Properties of what the worker publishes (outputs and dead letters): input headers copied by policy, and never a header frame larger than the broker's `frame_max`.
//!
//! The broker closes the whole connection on a frame over `frame_max`, so a
//! header frame that does not fit would drop every message in flight, and the
//! redelivered input would do it again. Sizes are measured with the frame
//! generator lapin publishes with, so they are exact.

use amq_protocol::frame::{AMQPContentHeader, AMQPFrame, gen_frame};
use amq_protocol::types::generation::gen_value;
use chrono::{DateTime, Utc};
use lapin::BasicProperties;
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};

use super::cloudevents;
use super::headers::{is_copied, set_text, short};

/// AMQP class id of `basic`, the class every content header here belongs to.
const BASIC_CLASS: u16 = 60;

/// Longest detail given for a dead letter, so its own headers always fit.
const MAX_DETAIL_BYTES: usize = 1024;

/// Room kept for the note on left-out headers appended to the detail.
const MAX_NOTE_BYTES: usize = 400;

/// Bytes of the content header frame that carries `properties`.
pub fn header_frame_len(properties: &BasicProperties) -> usize {
    let frame = AMQPFrame::Header(
        1,
        AMQPContentHeader {
            class_id: BASIC_CLASS,
            body_size: 0,
            properties: properties.clone(),
        },
    );
    cookie_factory::gen_simple(gen_frame(&frame), Vec::new())
        .map_or(usize::MAX, |bytes| bytes.len())
}

/// Bytes one header adds to a field table: its key (with a length byte) and its typed value.
fn entry_len(key: &ShortString, value: &AMQPValue) -> usize {
    let value_len =
        cookie_factory::gen_simple(gen_value(value), Vec::new()).map_or(usize::MAX, |v| v.len());
    (1 + key.as_str().len()).saturating_add(value_len)
}

/// The input headers the output would carry did not fit in one frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the output's header frame would be {needed} bytes, over the broker's frame_max of {frame_max}: the input's headers take {input_bytes} bytes"
)]
pub struct HeadersTooLarge {
    pub needed: usize,
    pub frame_max: usize,
    pub input_bytes: usize,
}

/// The input headers that are copied, in the table's order.
fn copied(input: Option<&FieldTable>) -> impl Iterator<Item = (&ShortString, &AMQPValue)> {
    input
        .into_iter()
        .flat_map(|table| table.inner().iter())
        .filter(|(key, _)| is_copied(key.as_str()))
}

/// The input headers an output carries: those copied, less CloudEvents attributes.
fn copied_to_output(
    input: Option<&FieldTable>,
) -> impl Iterator<Item = (&ShortString, &AMQPValue)> {
    copied(input).filter(|(key, _)| !cloudevents::is_attribute(key.as_str()))
}

/// Properties of an enriched output: the contract's fields, the input's copied
/// headers and correlation id, and the worker's own headers; with
/// `cloudevents_source` (`output.cloudevents` on), the `cloudEvents_*` headers
/// too. The input's own CloudEvents attributes are never copied: they describe
/// the input's event, and would make an output pass for it.
///
/// All the copied headers or none: an output that silently lost some of its
/// input's headers could mislead consumers, so one that cannot carry them all is
/// refused, and its input is dead-lettered as `headers_too_large` instead.
pub fn output(
    input: &BasicProperties,
    id: &str,
    traceparent: Option<&str>,
    cloudevents_source: Option<&str>,
    now: DateTime<Utc>,
    frame_max: u32,
) -> Result<BasicProperties, HeadersTooLarge> {
    let mut headers = FieldTable::default();
    for (key, value) in copied_to_output(input.headers().as_ref()) {
        headers.insert(key.clone(), value.clone());
    }
    set_text(&mut headers, "x-enricher-version", crate::VERSION);
    if let Some(traceparent) = traceparent {
        set_text(&mut headers, "traceparent", traceparent);
    }
    if let Some(source) = cloudevents_source {
        cloudevents::insert(&mut headers, source, short(id).as_str(), now);
    }
    let mut properties = BasicProperties::default()
        .with_content_type(short("application/json"))
        .with_delivery_mode(2)
        .with_message_id(short(id))
        .with_timestamp(now.timestamp().max(0) as u64)
        .with_app_id(short("enricher"))
        .with_headers(headers);
    if let Some(correlation_id) = input.correlation_id() {
        properties = properties.with_correlation_id(correlation_id.clone());
    }
    let needed = header_frame_len(&properties);
    if needed > frame_max as usize {
        return Err(HeadersTooLarge {
            needed,
            frame_max: frame_max as usize,
            input_bytes: copied_to_output(input.headers().as_ref())
                .map(|(key, value)| entry_len(key, value))
                .sum(),
        });
    }
    Ok(properties)
}

/// A dead letter's properties and the input headers that could not go with it.
#[derive(Debug, Clone)]
pub struct DeadLetter {
    pub properties: BasicProperties,
    /// Copied headers left out because the frame would not hold them: key and bytes.
    pub left_out: Vec<(String, usize)>,
}

/// Properties of a dead letter: the input's own properties unchanged, its copied
/// headers kept in order while the frame holds them, and the reason headers of
/// the contract, which always fit. When headers are left out, the detail says which.
pub fn dead_letter(
    input: &BasicProperties,
    code: &str,
    detail: &str,
    now: DateTime<Utc>,
    frame_max: u32,
) -> DeadLetter {
    let detail = cut(detail, MAX_DETAIL_BYTES);
    let own = |detail: &str| {
        let mut own = FieldTable::default();
        set_text(&mut own, "x-enricher-error", code);
        set_text(&mut own, "x-enricher-error-detail", detail);
        set_text(
            &mut own,
            "x-enricher-failed-at",
            &enricher_message::output::timestamp(now),
        );
        own.insert(
            short("x-enricher-version"),
            AMQPValue::LongString(LongString::from(crate::VERSION)),
        );
        own
    };
    let base = input.clone().with_headers(own(detail));
    let mut room = (frame_max as usize)
        .saturating_sub(header_frame_len(&base))
        .saturating_sub(MAX_NOTE_BYTES + 2);
    let mut headers = FieldTable::default();
    let mut left_out = Vec::new();
    for (key, value) in copied(input.headers().as_ref()) {
        let len = entry_len(key, value);
        if len <= room {
            room -= len;
            headers.insert(key.clone(), value.clone());
        } else {
            left_out.push((key.to_string(), len));
        }
    }
    let detail = if left_out.is_empty() {
        detail.to_owned()
    } else {
        format!(
            "{detail}; {}",
            cut(&describe_left_out(&left_out), MAX_NOTE_BYTES)
        )
    };
    for (key, value) in own(&detail).inner() {
        headers.insert(key.clone(), value.clone());
    }
    DeadLetter {
        properties: input.clone().with_headers(headers),
        left_out,
    }
}

/// `text` cut to at most `max` bytes on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// One line on the headers a dead letter left out, for its detail header and the log.
pub fn describe_left_out(left_out: &[(String, usize)]) -> String {
    let bytes: usize = left_out.iter().map(|(_, len)| len).sum();
    let mut names: Vec<&str> = left_out
        .iter()
        .take(5)
        .map(|(key, _)| cut(key, 40))
        .collect();
    if left_out.len() > names.len() {
        names.push("...");
    }
    format!(
        "{} input header(s) of {bytes} bytes left out to fit the frame: {}",
        left_out.len(),
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lapin::types::FieldArray;

    const FRAME_MAX: u32 = 131_072;

    fn input_with(headers: &[(&str, AMQPValue)]) -> BasicProperties {
        let mut table = FieldTable::default();
        for (key, value) in headers {
            table.insert(short(key), value.clone());
        }
        BasicProperties::default()
            .with_content_type(short("text/plain"))
            .with_message_id(short("m-1"))
            .with_correlation_id(short("c-1"))
            .with_headers(table)
    }

    fn text(bytes: usize) -> AMQPValue {
        AMQPValue::LongString(LongString::from("a".repeat(bytes)))
    }

    #[test]
    fn the_measured_size_is_the_size_lapin_writes() {
        // 7 bytes of frame header, 2 class, 2 weight, 8 body size, 2 flags, 1 frame end.
        assert_eq!(header_frame_len(&BasicProperties::default()), 22);
        let with_type = BasicProperties::default().with_content_type(short("abc"));
        assert_eq!(header_frame_len(&with_type), 22 + 1 + 3);
        let mut table = FieldTable::default();
        table.insert(short("k"), text(10));
        let headers = BasicProperties::default().with_headers(table.clone());
        // Table: 4 length bytes, then key (1 + 1) and value (1 type + 4 length + 10).
        assert_eq!(header_frame_len(&headers), 22 + 4 + 2 + 15);
        assert_eq!(entry_len(&short("k"), &text(10)), 17);
    }

    #[test]
    fn routing_and_broker_headers_never_reach_the_output() {
        let cc = AMQPValue::FieldArray(FieldArray::from(vec![AMQPValue::LongString(
            "elsewhere".into(),
        )]));
        let input = input_with(&[
            ("CC", cc.clone()),
            ("BCC", cc),
            ("x-delivery-count", AMQPValue::LongLongInt(3)),
            ("x-enricher-error", text(5)),
            ("x-enricher-replays", AMQPValue::LongLongInt(2)),
            ("source", text(5)),
        ]);
        let output = output(
            &input,
            "id-1",
            Some("00-ab-cd-01"),
            None,
            Utc::now(),
            FRAME_MAX,
        )
        .unwrap();
        let headers = output.headers().as_ref().unwrap();
        assert!(headers.contains_key("source"));
        assert!(headers.contains_key("x-enricher-version"));
        assert!(headers.contains_key("traceparent"));
        assert!(headers.contains_key("x-enricher-replays"));
        for key in ["CC", "BCC", "x-delivery-count", "x-enricher-error"] {
            assert!(!headers.contains_key(key), "{key} copied");
        }
        assert_eq!(
            output.correlation_id().as_ref().map(|c| c.as_str()),
            Some("c-1")
        );
        let dead = dead_letter(&input, "empty", "nothing", Utc::now(), FRAME_MAX);
        let headers = dead.properties.headers().as_ref().unwrap();
        assert!(!headers.contains_key("CC") && !headers.contains_key("x-delivery-count"));
        assert!(headers.contains_key("source"));
        assert_eq!(
            super::super::headers::integer(Some(headers), "x-enricher-replays"),
            Some(2),
            "the replay count survives the next dead-lettering"
        );
        assert_eq!(
            super::super::headers::text(Some(headers), "x-enricher-error").as_deref(),
            Some("empty"),
            "the old error is replaced"
        );
    }

    #[test]
    fn cloudevents_headers_are_written_only_when_on_and_never_copied_from_the_input() {
        let input = input_with(&[("cloudEvents_id", text(3)), ("cloudEvents:type", text(3))]);
        let off = output(&input, "id-1", None, None, Utc::now(), FRAME_MAX).unwrap();
        let headers = off.headers().as_ref().unwrap();
        assert!(
            headers
                .inner()
                .keys()
                .all(|k| !cloudevents::is_attribute(k.as_str())),
            "{headers:?}"
        );
        let on = output(&input, "id-1", None, Some("urn:x"), Utc::now(), FRAME_MAX).unwrap();
        let headers = on.headers().as_ref();
        let get = |key| super::super::headers::text(headers, key).map(|v| v.into_owned());
        assert_eq!(get("cloudEvents_id").as_deref(), Some("id-1"));
        assert_eq!(get("cloudEvents_source").as_deref(), Some("urn:x"));
        assert_eq!(get("cloudEvents:type"), None);
        assert_eq!(
            on.content_type().as_ref().map(|t| t.as_str()),
            Some(cloudevents::DATA_CONTENT_TYPE)
        );
        // The dead letter is the input as it came, its attributes included.
        let dead = dead_letter(&input, "empty", "nothing", Utc::now(), FRAME_MAX);
        assert!(
            dead.properties
                .headers()
                .as_ref()
                .unwrap()
                .contains_key("cloudEvents_id")
        );
    }

    #[test]
    fn an_output_that_would_not_fit_the_frame_is_refused() {
        // The input's own frame fits, with a little room; the output adds its own
        // headers (a traceparent of 55 characters, the version) and properties.
        let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        let id = "e".repeat(64);
        let input = input_with(&[("blob", text(130_900))]);
        assert!(header_frame_len(&input) <= FRAME_MAX as usize);
        let refused =
            output(&input, &id, Some(traceparent), None, Utc::now(), FRAME_MAX).unwrap_err();
        assert!(refused.needed > FRAME_MAX as usize, "{refused}");
        assert!(refused.input_bytes >= 130_900);
        let small = input_with(&[("blob", text(1_000))]);
        assert!(output(&small, &id, Some(traceparent), None, Utc::now(), FRAME_MAX).is_ok());
    }

    #[test]
    fn a_dead_letter_keeps_headers_while_they_fit_and_always_fits() {
        let input = input_with(&[
            ("a-small", text(100)),
            ("b-blob", text(130_900)),
            ("c-small", text(100)),
        ]);
        let dead = dead_letter(
            &input,
            "headers_too_large",
            &"d".repeat(5000),
            Utc::now(),
            FRAME_MAX,
        );
        assert!(header_frame_len(&dead.properties) <= FRAME_MAX as usize);
        let headers = dead.properties.headers().as_ref().unwrap();
        assert!(headers.contains_key("a-small") && headers.contains_key("c-small"));
        assert!(!headers.contains_key("b-blob"));
        assert_eq!(dead.left_out.len(), 1);
        assert_eq!(dead.left_out[0].0, "b-blob");
        assert!(describe_left_out(&dead.left_out).contains("b-blob"));
        assert_eq!(
            dead.properties.message_id().as_ref().map(|m| m.as_str()),
            Some("m-1"),
            "the input's own properties are kept"
        );
        let detail = super::super::headers::text(Some(headers), "x-enricher-error-detail").unwrap();
        assert!(detail.len() <= MAX_DETAIL_BYTES + MAX_NOTE_BYTES + 2);
        assert!(
            detail.contains("left out") && detail.contains("b-blob"),
            "{detail}"
        );
    }
}
