//! Opt-in CloudEvents on outputs: with `output.cloudevents` on, every output carries the AMQP binding's `cloudEvents_*` headers (binary content mode: the body is the enriched JSON as ever); off, none, and never an input's.

mod common;

use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{Broker, Names, Received, Worker, headers, short};
use lapin::BasicProperties;

/// The attribute headers of the binding, as written by the worker.
const ATTRIBUTES: [&str; 7] = [
    "specversion",
    "type",
    "source",
    "id",
    "time",
    "datacontenttype",
    "dataschema",
];

/// One article through a worker with `output.cloudevents` set to `on`: its output and dead letter.
async fn through_a_worker(on: bool) -> (Names, Received, Received) {
    let names = Names::new(&format!("cloudevents-{on}"));
    let broker = Broker::connect(names.clone()).await;
    let mut worker = Worker::start(
        &names,
        &[
            (
                "ENRICHER__OUTPUT__CLOUDEVENTS",
                if on { "true" } else { "false" },
            ),
            ("ENRICHER__PIPELINE__MODULES", "stats,fingerprint"),
        ],
    );
    // The producer's own event attributes describe the input, not the output.
    let properties = BasicProperties::default()
        .with_content_type(short("application/json"))
        .with_headers(headers(&[
            ("cloudEvents_id", "the-input-event"),
            ("cloudEvents_type", "org.producer.article.v1"),
            ("x-tenant", "desk-7"),
        ]));
    broker
        .publish(
            "news.ce",
            br#"{"id":"ce-1","body":"The council approved the budget on Monday after a long debate."}"#,
            properties.clone(),
        )
        .await;
    broker
        .publish("news.ce", br#"{"id":"ce-dead","body":" "}"#, properties)
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(30)).await;
    let dead = broker
        .collect(&names.dead_letter_queue.clone(), 1, Duration::from_secs(30))
        .await;
    worker.stop();
    let (Some(output), Some(dead)) = (outputs.into_iter().next(), dead.into_iter().next()) else {
        panic!("no output or no dead letter");
    };
    (names, output, dead)
}

#[tokio::test]
async fn with_cloudevents_on_every_output_carries_the_binding_headers() {
    let started = Utc::now();
    let (names, output, dead) = through_a_worker(true).await;
    let attribute = |name: &str| output.header(&format!("cloudEvents_{name}"));
    assert_eq!(attribute("specversion").as_deref(), Some("1.0"));
    assert_eq!(
        attribute("type").as_deref(),
        Some("enricher.article.enriched.v1")
    );
    assert_eq!(
        attribute("source"),
        Some(format!("urn:enricher:{}", names.input_queue)),
        "the default source names the input queue"
    );
    assert_eq!(attribute("id").as_deref(), Some("ce-1"));
    assert_eq!(
        output.properties.message_id().as_ref().map(|m| m.as_str()),
        Some("ce-1"),
        "the event id is the message_id"
    );
    let time = attribute("time").expect("cloudEvents_time");
    let time = DateTime::parse_from_rfc3339(&time).expect("RFC 3339");
    assert!(time >= started - chrono::Duration::seconds(1) && time <= Utc::now());
    assert_eq!(
        attribute("datacontenttype").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        output
            .properties
            .content_type()
            .as_ref()
            .map(|t| t.as_str()),
        Some("application/json"),
        "binary mode: the content_type property is the data's"
    );
    let schema = common::printed_schema("output");
    assert_eq!(attribute("dataschema").as_deref(), schema["$id"].as_str());
    // Binary mode: the body is the enriched article, valid as ever.
    let json = output.json();
    assert_eq!(json["id"], "ce-1");
    common::assert_valid(&common::schema(), &json);
    assert_eq!(output.header("x-tenant").as_deref(), Some("desk-7"));
    // A dead letter is the input as it came: its own attributes, none added.
    assert_eq!(
        dead.header("cloudEvents_id").as_deref(),
        Some("the-input-event")
    );
    assert_eq!(dead.header("cloudEvents_specversion"), None);
}

#[tokio::test]
async fn with_cloudevents_off_no_output_carries_any_attribute() {
    let (_, output, _) = through_a_worker(false).await;
    for name in ATTRIBUTES {
        assert_eq!(
            output.header(&format!("cloudEvents_{name}")),
            None,
            "{name}"
        );
    }
    assert_eq!(output.json()["id"], "ce-1");
    assert_eq!(output.header("x-tenant").as_deref(), Some("desk-7"));
}
