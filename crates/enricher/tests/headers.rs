//! Input headers on outputs and dead letters: routing headers never copied, and no input whose headers fill the frame can make the worker drop its connection.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::{Broker, Names, Worker, count_ids, short};
use lapin::BasicProperties;
use lapin::options::{QueueBindOptions, QueueDeclareOptions};
use lapin::types::{AMQPValue, FieldArray, FieldTable, LongString};

/// An input whose headers take 130,900 bytes: its own frame fits the broker's
/// 131,072, the output's (the same headers plus the worker's) would not.
fn big_header_input() -> BasicProperties {
    let mut headers = FieldTable::default();
    headers.insert(
        short("blob"),
        AMQPValue::LongString(LongString::from("h".repeat(130_900))),
    );
    BasicProperties::default()
        .with_content_type(short("application/json"))
        .with_message_id(short("big-headers"))
        .with_headers(headers)
}

/// 2,000 ordinary articles with one input of oversized headers among them, on a queue of `queue_type`.
async fn oversized_headers_among_ordinary_articles(queue_type: &str) {
    let names = Names::new(&format!("big-headers-{queue_type}"));
    let broker = Broker::connect(names.clone()).await;
    let mut worker = Worker::start(&names, &[("ENRICHER__INPUT__QUEUE_TYPE", queue_type)]);
    let mut ids = broker.publish_many("before", 1000).await;
    let body =
        br#"{"id":"big-headers","body":"An article whose producer sent far too many headers."}"#;
    broker.publish("news.big", body, big_header_input()).await;
    ids.extend(broker.publish_many("after", 1000).await);

    let dead = broker
        .collect(&names.dead_letter_queue.clone(), 1, Duration::from_secs(60))
        .await;
    assert_eq!(dead.len(), 1, "the oversized input is dead-lettered");
    assert_eq!(
        dead[0].header("x-enricher-error").as_deref(),
        Some("headers_too_large")
    );
    let detail = dead[0].header("x-enricher-error-detail").unwrap();
    assert!(
        detail.contains("frame_max") && detail.contains("blob"),
        "{detail}"
    );
    assert_eq!(dead[0].body, body, "the body is unchanged");
    assert_eq!(dead[0].routing_key, "news.big");
    assert_eq!(
        dead[0].properties.message_id().as_ref().map(|m| m.as_str()),
        Some("big-headers")
    );

    let outputs = broker.outputs(ids.len(), Duration::from_secs(30)).await;
    let counts = count_ids(&outputs);
    let missing = ids.iter().filter(|id| !counts.contains_key(*id)).count();
    let duplicated: HashMap<_, _> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert_eq!(missing, 0, "{missing} of {} articles lost", ids.len());
    assert!(duplicated.is_empty(), "duplicates: {duplicated:?}");
    assert!(!counts.contains_key("big-headers"));
    let (_, metrics) = worker.get("/metrics").unwrap();
    assert!(
        metrics.contains("enricher_reconnects_total 0"),
        "the connection was never dropped: {metrics}"
    );
    worker.stop();
    assert_eq!(broker.depth(&names.input_queue).await, 0);
}

#[tokio::test]
async fn oversized_headers_are_dead_lettered_without_dropping_the_connection_on_a_classic_queue() {
    oversized_headers_among_ordinary_articles("classic").await;
}

#[tokio::test]
async fn oversized_headers_are_dead_lettered_without_dropping_the_connection_on_a_quorum_queue() {
    oversized_headers_among_ordinary_articles("quorum").await;
}

#[tokio::test]
async fn a_cc_header_reaches_no_queue_but_the_configured_route() {
    let names = Names::new("cc-header");
    let broker = Broker::connect(names.clone()).await;
    let mut worker = Worker::start(&names, &[]);
    // Spies bound to the keys the producer lists, on the output and dead-letter exchanges.
    let spies = [
        (
            format!("{}.spy", names.output_queue),
            names.output_exchange.clone(),
        ),
        (
            format!("{}.spy", names.dead_letter_queue),
            names.dead_letter_exchange.clone(),
        ),
    ];
    for (queue, exchange) in &spies {
        broker
            .channel
            .queue_declare(
                short(queue),
                // Exclusive: gone with the test's connection (an auto-delete
                // queue that was never consumed from would outlive the test).
                QueueDeclareOptions {
                    exclusive: true,
                    ..Default::default()
                },
                FieldTable::default(),
            )
            .await
            .unwrap();
        for key in ["spy.cc", "spy.bcc"] {
            broker
                .channel
                .queue_bind(
                    short(queue),
                    short(exchange),
                    short(key),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await
                .unwrap();
        }
    }
    let list = |key: &str| {
        AMQPValue::FieldArray(FieldArray::from(vec![AMQPValue::LongString(
            LongString::from(key),
        )]))
    };
    let mut headers = FieldTable::default();
    headers.insert(short("CC"), list("spy.cc"));
    headers.insert(short("BCC"), list("spy.bcc"));
    headers.insert(short("x-tenant"), AMQPValue::LongString("desk-7".into()));
    let properties = BasicProperties::default().with_headers(headers);
    broker
        .publish(
            "news.cc",
            br#"{"id":"with-cc","body":"A producer asked for extra routes."}"#,
            properties.clone(),
        )
        .await;
    broker
        .publish("news.cc", br#"{"id":"dead-cc","body":""}"#, properties)
        .await;

    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(outputs.len(), 1);
    assert_eq!(
        outputs[0].routing_key, "news.cc",
        "output.routing_key's route"
    );
    assert_eq!(outputs[0].header("CC"), None);
    assert_eq!(outputs[0].header("BCC"), None);
    assert_eq!(outputs[0].header("x-tenant").as_deref(), Some("desk-7"));
    let dead = broker
        .collect(&names.dead_letter_queue.clone(), 1, Duration::from_secs(20))
        .await;
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].header("CC"), None);
    assert_eq!(dead[0].header("x-tenant").as_deref(), Some("desk-7"));
    for (queue, _) in &spies {
        assert_eq!(broker.depth(queue).await, 0, "{queue} got a copy");
    }
    worker.stop();
}
