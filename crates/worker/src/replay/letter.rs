//! Reading a dead letter (its code, how often it was replayed) and the properties it is replayed with.

use lapin::BasicProperties;
use lapin::types::{AMQPValue, FieldTable};

use super::settings::UNKNOWN;
use crate::amqp::headers::{self, REPLAYS, is_copied, short};

/// The code a dead letter was dead-lettered with.
///
/// The broker's reason wins when there is an `x-death` (the broker dead-letters
/// a message with all its headers, so a producer's own `x-enricher-error` could
/// ride along); otherwise the worker's `x-enricher-error`; otherwise
/// [`UNKNOWN`].
pub fn code(headers: Option<&FieldTable>) -> String {
    death_reason(headers)
        .or_else(|| headers::text(headers, "x-enricher-error").map(|code| code.into_owned()))
        .unwrap_or_else(|| UNKNOWN.to_owned())
}

/// The reason of the latest death the broker recorded: the first entry of
/// `x-death` (newest first), else `x-first-death-reason`.
fn death_reason(headers: Option<&FieldTable>) -> Option<String> {
    let latest = match headers?.inner().get("x-death") {
        Some(AMQPValue::FieldArray(deaths)) => match deaths.as_slice().first() {
            Some(AMQPValue::FieldTable(death)) => {
                headers::text(Some(death), "reason").map(|reason| reason.into_owned())
            }
            _ => None,
        },
        _ => None,
    };
    latest.or_else(|| {
        headers::text(headers, "x-first-death-reason").map(|reason| reason.into_owned())
    })
}

/// How many times the message was replayed before (0 without the header, or
/// with one that is not a non-negative integer).
pub fn replays(headers: Option<&FieldTable>) -> u32 {
    headers::integer(headers, REPLAYS)
        .and_then(|count| u32::try_from(count).ok())
        .unwrap_or(0)
}

/// The properties a dead letter is replayed with: its own, unchanged, with the
/// headers the worker copies onto an output (no `x-enricher-*` error headers, no
/// `x-death`, `x-delivery-count` or `CC`/`BCC`) and the replay count one higher.
pub fn replay_properties(letter: &BasicProperties) -> BasicProperties {
    let input = letter.headers().as_ref();
    let mut kept = FieldTable::default();
    for (key, value) in input.into_iter().flat_map(|table| table.inner().iter()) {
        if is_copied(key.as_str()) {
            kept.insert(key.clone(), value.clone());
        }
    }
    let count = i64::from(replays(input)) + 1;
    kept.insert(short(REPLAYS), AMQPValue::LongLongInt(count));
    letter.clone().with_headers(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lapin::types::{FieldArray, LongString};

    fn table(pairs: &[(&str, AMQPValue)]) -> FieldTable {
        let mut table = FieldTable::default();
        for (key, value) in pairs {
            table.insert(short(key), value.clone());
        }
        table
    }

    fn text(value: &str) -> AMQPValue {
        AMQPValue::LongString(LongString::from(value))
    }

    #[test]
    fn the_worker_code_the_broker_reason_and_unknown() {
        let worker = table(&[("x-enricher-error", text("output_too_large"))]);
        assert_eq!(code(Some(&worker)), "output_too_large");
        let death = table(&[
            ("reason", text("delivery_limit")),
            ("count", AMQPValue::LongLongInt(1)),
        ]);
        let older = table(&[("reason", text("expired"))]);
        let broker = table(&[
            (
                "x-death",
                AMQPValue::FieldArray(FieldArray::from(vec![
                    AMQPValue::FieldTable(death),
                    AMQPValue::FieldTable(older),
                ])),
            ),
            ("x-first-death-reason", text("expired")),
            ("x-enricher-error", text("invalid_json")),
        ]);
        assert_eq!(
            code(Some(&broker)),
            "delivery_limit",
            "the newest death wins"
        );
        let summary_only = table(&[("x-first-death-reason", text("maxlen"))]);
        assert_eq!(code(Some(&summary_only)), "maxlen");
        assert_eq!(code(None), UNKNOWN);
        assert_eq!(code(Some(&table(&[("x-death", text("garbage"))]))), UNKNOWN);
    }

    #[test]
    fn a_replay_drops_the_worker_and_broker_headers_and_counts_up() {
        let letter = BasicProperties::default()
            .with_content_type(short("application/json"))
            .with_message_id(short("m-1"))
            .with_correlation_id(short("c-1"))
            .with_delivery_mode(2)
            .with_headers(table(&[
                ("source", text("wire")),
                ("x-enricher-error", text("output_too_large")),
                ("x-enricher-error-detail", text("too big")),
                ("x-enricher-failed-at", text("2024-10-28T10:30:00Z")),
                ("x-enricher-version", text("0.1.0")),
                ("x-death", AMQPValue::FieldArray(FieldArray::from(vec![]))),
                ("x-first-death-reason", text("delivery_limit")),
                ("x-delivery-count", AMQPValue::LongLongInt(4)),
                ("CC", text("elsewhere")),
                (REPLAYS, AMQPValue::ShortShortUInt(2)),
            ]));
        let replayed = replay_properties(&letter);
        let headers = replayed.headers().as_ref().unwrap();
        let mut keys: Vec<&str> = headers.inner().keys().map(|k| k.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["source", REPLAYS]);
        assert_eq!(replays(Some(headers)), 3);
        assert_eq!(replayed.message_id(), letter.message_id());
        assert_eq!(replayed.correlation_id(), letter.correlation_id());
        assert_eq!(replayed.content_type(), letter.content_type());
        assert_eq!(replayed.delivery_mode(), &Some(2));
    }

    #[test]
    fn a_first_replay_counts_one_and_a_bad_count_is_zero() {
        let replayed = replay_properties(&BasicProperties::default());
        assert_eq!(replays(replayed.headers().as_ref()), 1);
        let bad = table(&[(REPLAYS, text("many"))]);
        assert_eq!(replays(Some(&bad)), 0);
        let negative = table(&[(REPLAYS, AMQPValue::LongLongInt(-4))]);
        assert_eq!(replays(Some(&negative)), 0);
    }
}
