//! The messaging spans, named and attributed per OpenTelemetry's messaging semantic conventions for RabbitMQ: `process {queue}` (CONSUMER) for each delivery, `send {exchange}` (PRODUCER) for each publish of its output or dead letter.
//!
//! Span names keep to low-cardinality parts (the queue, the exchange); the
//! routing key goes in `messaging.destination.name` and its own attribute.
//! A failed operation gets `error.type` (a dead-letter code, a requeue reason
//! or why a publish went unconfirmed) and the error status.

use std::fmt;
use std::net::SocketAddr;

use tracing::{Span, field, info_span};

/// What the `process` span of one delivery is made from.
#[derive(Debug, Clone, Copy)]
pub struct Consumed<'a> {
    pub queue: &'a str,
    pub exchange: &'a str,
    pub routing_key: &'a str,
    pub delivery_tag: u64,
    pub redelivered: bool,
    pub body_size: usize,
    /// The broker as the connection's socket reaches it.
    pub server: Option<SocketAddr>,
}

/// What the `send` span of one publish is made from.
#[derive(Debug, Clone, Copy)]
pub struct Sent<'a> {
    pub exchange: &'a str,
    pub routing_key: &'a str,
    pub message_id: &'a str,
    pub body_size: usize,
    pub server: Option<SocketAddr>,
}

/// A `messaging.destination.name`: the non-empty parts joined by `:`, a part
/// equal to the one before it left out, or `fallback` when every part is empty.
struct Destination<'a> {
    parts: [&'a str; 3],
    fallback: &'a str,
}

impl fmt::Display for Destination<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut previous: Option<&str> = None;
        for part in self.parts {
            if part.is_empty() || previous == Some(part) {
                continue;
            }
            if previous.is_some() {
                f.write_str(":")?;
            }
            f.write_str(part)?;
            previous = Some(part);
        }
        if previous.is_none() {
            f.write_str(self.fallback)?;
        }
        Ok(())
    }
}

/// The consumer side's destination: `{exchange}:{routing key}:{queue}`, as the
/// RabbitMQ conventions define it.
fn consumer_destination<'a>(
    exchange: &'a str,
    routing_key: &'a str,
    queue: &'a str,
) -> Destination<'a> {
    Destination {
        parts: [exchange, routing_key, queue],
        fallback: "",
    }
}

/// The producer side's destination: `{exchange}:{routing key}`, or
/// `amq.default` for the default exchange with no routing key.
fn producer_destination<'a>(exchange: &'a str, routing_key: &'a str) -> Destination<'a> {
    Destination {
        parts: [exchange, routing_key, ""],
        fallback: "amq.default",
    }
}

/// The CONSUMER span `process {queue}` for one delivery, with every attribute
/// known before the body is read; `messaging.message.id`, `error.type` and
/// `enricher.outcome` are recorded later.
pub fn process(delivery: &Consumed<'_>) -> Span {
    info_span!(
        "process",
        otel.name = %format_args!("process {}", delivery.queue),
        otel.kind = "consumer",
        otel.status_code = field::Empty,
        messaging.system = "rabbitmq",
        messaging.operation.name = "process",
        messaging.operation.type = "process",
        messaging.destination.name = %consumer_destination(delivery.exchange, delivery.routing_key, delivery.queue),
        messaging.rabbitmq.destination.routing_key = (!delivery.routing_key.is_empty()).then_some(delivery.routing_key),
        messaging.message.id = field::Empty,
        messaging.message.body.size = delivery.body_size as u64,
        messaging.rabbitmq.message.delivery_tag = delivery.delivery_tag,
        messaging.rabbitmq.message.redelivered = delivery.redelivered,
        server.address = delivery.server.map(|server| field::display(server.ip())),
        server.port = delivery.server.map(|server| server.port()),
        error.type = field::Empty,
        enricher.outcome = field::Empty,
    )
}

/// The PRODUCER span `send {exchange}` for one publish (a child of the current
/// span, the delivery's `process`).
pub fn send(publish: &Sent<'_>) -> Span {
    info_span!(
        "send",
        otel.name = %format_args!("send {}", publish.exchange),
        otel.kind = "producer",
        otel.status_code = field::Empty,
        messaging.system = "rabbitmq",
        messaging.operation.name = "send",
        messaging.operation.type = "send",
        messaging.destination.name = %producer_destination(publish.exchange, publish.routing_key),
        messaging.rabbitmq.destination.routing_key = (!publish.routing_key.is_empty()).then_some(publish.routing_key),
        messaging.message.id = publish.message_id,
        messaging.message.body.size = publish.body_size as u64,
        server.address = publish.server.map(|server| field::display(server.ip())),
        server.port = publish.server.map(|server| server.port()),
        error.type = field::Empty,
    )
}

/// Mark `span`'s operation as failed with `error_type` (low-cardinality: a code or reason).
pub fn failed(span: &Span, error_type: &str) {
    span.record("error.type", error_type);
    span.record("otel.status_code", "error");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex, PoisonError};

    use opentelemetry::trace::{SpanKind, Status, TracerProvider as _};
    use opentelemetry_sdk::error::OTelSdkResult;
    use opentelemetry_sdk::trace::{SdkTracerProvider, SpanData, SpanExporter};
    use tracing_subscriber::layer::SubscriberExt;

    /// Spans as the SDK hands them to an exporter, kept in memory.
    #[derive(Debug, Clone, Default)]
    struct Captured(Arc<Mutex<Vec<SpanData>>>);

    impl SpanExporter for Captured {
        async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend(batch);
            Ok(())
        }
    }

    /// The spans `body` ends, as exported.
    fn exported(body: impl FnOnce()) -> Vec<SpanData> {
        let captured = Captured::default();
        let provider = SdkTracerProvider::builder()
            .with_simple_exporter(captured.clone())
            .build();
        let subscriber = tracing_subscriber::registry()
            .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("test")));
        tracing::subscriber::with_default(subscriber, body);
        std::mem::take(&mut *captured.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// The attribute `key` of `span`, as text.
    fn attribute(span: &SpanData, key: &str) -> Option<String> {
        span.attributes
            .iter()
            .find(|pair| pair.key.as_str() == key)
            .map(|pair| pair.value.to_string())
    }

    #[test]
    fn process_and_send_spans_follow_the_messaging_conventions() {
        let server = "10.1.2.3:5672".parse().ok();
        let spans = exported(|| {
            let process = process(&Consumed {
                queue: "enricher.articles",
                exchange: "articles.raw",
                routing_key: "news.en",
                delivery_tag: 7,
                redelivered: false,
                body_size: 1234,
                server,
            });
            process.in_scope(|| {
                let send = send(&Sent {
                    exchange: "articles.dead",
                    routing_key: "news.en",
                    message_id: "a-1",
                    body_size: 1234,
                    server,
                });
                failed(&send, "unroutable");
            });
            failed(&process, "invalid_json");
        });
        let named = |name: &str| {
            spans
                .iter()
                .find(|span| span.name == name)
                .unwrap_or_else(|| panic!("no span `{name}` in {spans:#?}"))
        };
        let process = named("process enricher.articles");
        assert_eq!(process.span_kind, SpanKind::Consumer);
        assert!(
            matches!(process.status, Status::Error { .. }),
            "{:?}",
            process.status
        );
        for (key, value) in [
            ("messaging.system", "rabbitmq"),
            ("messaging.operation.name", "process"),
            ("messaging.operation.type", "process"),
            (
                "messaging.destination.name",
                "articles.raw:news.en:enricher.articles",
            ),
            ("messaging.rabbitmq.destination.routing_key", "news.en"),
            ("messaging.message.body.size", "1234"),
            ("server.address", "10.1.2.3"),
            ("server.port", "5672"),
            ("error.type", "invalid_json"),
        ] {
            assert_eq!(attribute(process, key).as_deref(), Some(value), "{key}");
        }
        let send = named("send articles.dead");
        assert_eq!(send.span_kind, SpanKind::Producer);
        assert_eq!(send.parent_span_id, process.span_context.span_id());
        for (key, value) in [
            ("messaging.operation.name", "send"),
            ("messaging.operation.type", "send"),
            ("messaging.destination.name", "articles.dead:news.en"),
            ("messaging.message.id", "a-1"),
            ("messaging.message.body.size", "1234"),
            ("error.type", "unroutable"),
        ] {
            assert_eq!(attribute(send, key).as_deref(), Some(value), "{key}");
        }
    }

    #[test]
    fn a_span_without_failure_has_no_error_type() {
        let spans = exported(|| {
            let span = send(&Sent {
                exchange: "articles.enriched",
                routing_key: "",
                message_id: "a-2",
                body_size: 10,
                server: None,
            });
            drop(span);
        });
        let span = &spans[0];
        assert_eq!(attribute(span, "error.type"), None);
        assert_eq!(attribute(span, "server.address"), None);
        assert_eq!(
            attribute(span, "messaging.rabbitmq.destination.routing_key"),
            None
        );
        assert_eq!(span.status, Status::Unset);
    }

    #[test]
    fn consumer_destination_joins_exchange_routing_key_and_queue() {
        let name = |e, r, q| consumer_destination(e, r, q).to_string();
        assert_eq!(
            name("articles.raw", "news.en", "enricher.articles"),
            "articles.raw:news.en:enricher.articles"
        );
        assert_eq!(name("", "jobs", "jobs"), "jobs");
        assert_eq!(name("articles.raw", "", "q"), "articles.raw:q");
    }

    #[test]
    fn producer_destination_is_exchange_and_routing_key() {
        let name = |e, r| producer_destination(e, r).to_string();
        assert_eq!(
            name("articles.enriched", "news.en"),
            "articles.enriched:news.en"
        );
        assert_eq!(name("articles.dead", ""), "articles.dead");
        assert_eq!(name("", ""), "amq.default");
    }
}
