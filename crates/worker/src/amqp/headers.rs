//! AMQP string and header helpers: safe short strings, header reads and writes.

use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};

/// A short string (at most 255 bytes), cut on a character boundary when longer,
/// because lapin panics on longer ones and message ids come from producers.
pub fn short(text: &str) -> ShortString {
    let mut end = text.len().min(255);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    ShortString::try_new(&text[..end]).unwrap_or_else(|_| ShortString::from(""))
}

/// A header value as text, when it is a string of either AMQP kind.
pub fn text<'a>(headers: Option<&'a FieldTable>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    match headers?.inner().get(key)? {
        AMQPValue::LongString(value) => Some(String::from_utf8_lossy(value.as_bytes())),
        AMQPValue::ShortString(value) => Some(std::borrow::Cow::Borrowed(value.as_str())),
        _ => None,
    }
}

/// A header value as an integer, when it is any AMQP integer kind.
pub fn integer(headers: Option<&FieldTable>, key: &str) -> Option<i64> {
    match headers?.inner().get(key)? {
        AMQPValue::ShortShortInt(v) => Some(i64::from(*v)),
        AMQPValue::ShortShortUInt(v) => Some(i64::from(*v)),
        AMQPValue::ShortInt(v) => Some(i64::from(*v)),
        AMQPValue::ShortUInt(v) => Some(i64::from(*v)),
        AMQPValue::LongInt(v) => Some(i64::from(*v)),
        AMQPValue::LongUInt(v) => Some(i64::from(*v)),
        AMQPValue::LongLongInt(v) => Some(*v),
        AMQPValue::Timestamp(v) => i64::try_from(*v).ok(),
        _ => None,
    }
}

/// Headers the broker writes about a message's own life (deliveries, dead-lettering,
/// federation): they describe the input, not what the worker publishes from it.
const BROKER_HEADERS: &[&str] = &["x-delivery-count", "x-death", "x-received-from"];

/// Prefixes of headers never copied: the broker's per-death summaries, and the
/// worker's own headers, which it writes fresh (a replayed dead letter must not
/// carry its old error onto its output), all but [`REPLAYS`].
const NEVER_COPIED_PREFIXES: &[&str] = &["x-first-death-", "x-last-death-", "x-enricher-"];

/// How many times `enricher replay` has moved a message back from the dead-letter
/// queue. Copied like a producer's header, so it survives the next dead-lettering
/// (by the worker or the broker) and `replay.max_replays` can stop a loop.
pub const REPLAYS: &str = "x-enricher-replays";

/// Whether an input header is copied onto the output and the dead letter.
///
/// `CC` and `BCC` are never copied: the broker routes a message to the keys they
/// list as well as its routing key, so copying them would let a producer route
/// outputs past `output.routing_key`. Neither are the broker's own headers, nor
/// the worker's, except the replay count.
pub fn is_copied(key: &str) -> bool {
    if key == REPLAYS {
        return true;
    }
    !(key.eq_ignore_ascii_case("cc")
        || key.eq_ignore_ascii_case("bcc")
        || BROKER_HEADERS.contains(&key)
        || NEVER_COPIED_PREFIXES
            .iter()
            .any(|prefix| key.starts_with(prefix)))
}

/// Set a string header (as an AMQP long string).
pub fn set_text(headers: &mut FieldTable, key: &str, value: &str) {
    headers.insert(short(key), AMQPValue::LongString(LongString::from(value)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_on_a_char_boundary_instead_of_panicking() {
        let id = "ü".repeat(300);
        let cut = short(&id);
        assert!(cut.as_str().len() <= 255);
        assert!(cut.as_str().chars().all(|c| c == 'ü'));
    }

    #[test]
    fn routing_and_broker_headers_are_not_copied_and_the_rest_is() {
        for key in [
            "CC",
            "BCC",
            "cc",
            "x-delivery-count",
            "x-death",
            "x-first-death-reason",
            "x-last-death-queue",
            "x-received-from",
            "x-enricher-error",
        ] {
            assert!(!is_copied(key), "{key}");
        }
        for key in [
            "traceparent",
            "x-case",
            "source",
            "x-tenant",
            "ccx",
            REPLAYS,
        ] {
            assert!(is_copied(key), "{key}");
        }
    }

    #[test]
    fn headers_read_both_string_kinds_and_all_integers() {
        let mut table = FieldTable::default();
        set_text(&mut table, "a", "long");
        table.insert(short("b"), AMQPValue::ShortString(short("short")));
        table.insert(short("n"), AMQPValue::LongLongInt(7));
        table.insert(short("m"), AMQPValue::ShortShortUInt(3));
        assert_eq!(text(Some(&table), "a").as_deref(), Some("long"));
        assert_eq!(text(Some(&table), "b").as_deref(), Some("short"));
        assert_eq!(integer(Some(&table), "n"), Some(7));
        assert_eq!(integer(Some(&table), "m"), Some(3));
        assert_eq!(text(None, "a"), None);
    }
}
