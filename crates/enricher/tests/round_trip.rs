//! Round trips through a real broker: JSON and text articles, properties, headers, schema and trace context.

mod common;

use std::time::Duration;

use common::{Broker, Names, Worker, assert_valid, headers, schema, short};
use lapin::BasicProperties;

#[tokio::test]
async fn json_article_round_trip_keeps_properties_and_headers() {
    let broker = Broker::connect(Names::new("roundtrip-json")).await;
    let _worker = Worker::start(&broker.names, &[]);
    let body = serde_json::json!({
        "id": "article-1",
        "url": "https://news.example/a1",
        "title": "Rates on hold",
        "body": common::sample_body(1),
        "source": "Example Wire",
        "author": "Jane Doe",
        "published_at": "2024-10-28T09:30:00+01:00",
        "metadata": {"desk": "economy"},
        "feed": "rss-7"
    });
    broker
        .publish(
            "news.economy",
            &serde_json::to_vec(&body).unwrap(),
            BasicProperties::default()
                .with_content_type(short("application/json"))
                .with_correlation_id(short("corr-42"))
                .with_message_id(short("ignored-because-json-has-an-id"))
                .with_headers(headers(&[("x-tenant", "acme"), ("x-feed", "wire")])),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(outputs.len(), 1, "one enriched output");
    let output = &outputs[0];
    assert_eq!(output.routing_key, "news.economy");
    let properties = &output.properties;
    assert_eq!(
        properties.content_type().as_ref().map(|s| s.as_str()),
        Some("application/json")
    );
    assert_eq!(properties.delivery_mode(), &Some(2));
    assert_eq!(
        properties.message_id().as_ref().map(|s| s.as_str()),
        Some("article-1")
    );
    assert_eq!(
        properties.correlation_id().as_ref().map(|s| s.as_str()),
        Some("corr-42")
    );
    assert!(properties.timestamp().is_some());
    assert_eq!(output.header("x-tenant").as_deref(), Some("acme"));
    assert_eq!(output.header("x-feed").as_deref(), Some("wire"));
    assert_eq!(
        output.header("x-enricher-version").as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert!(
        output.header("traceparent").is_some(),
        "a traceparent is written on every output"
    );

    let json = output.json();
    assert_valid(&schema(), &json);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["id"], "article-1");
    assert_eq!(json["article"]["title"], "Rates on hold");
    assert_eq!(json["article"]["published_at"], "2024-10-28T08:30:00Z");
    assert_eq!(
        json["article"]["metadata"],
        serde_json::json!({"desk": "economy", "feed": "rss-7"})
    );
    assert!(json["stats"]["words"].as_u64().unwrap() > 400);
    assert_eq!(json["fingerprint"]["simhash"].as_str().unwrap().len(), 16);
    assert!(
        json["processing"]["warnings"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{json:#}"
    );
}

#[tokio::test]
async fn text_article_round_trip_uses_the_message_id() {
    let broker = Broker::connect(Names::new("roundtrip-text")).await;
    let _worker = Worker::start(&broker.names, &[]);
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/menafn-ukrinform-2024-10-28.txt"
    ))
    .unwrap();
    broker
        .publish(
            "wire.ukrinform",
            &text,
            BasicProperties::default()
                .with_content_type(short("text/plain; charset=utf-8"))
                .with_message_id(short("menafn-1")),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(outputs.len(), 1);
    let json = outputs[0].json();
    assert_valid(&schema(), &json);
    assert_eq!(json["id"], "menafn-1");
    assert_eq!(
        outputs[0]
            .properties
            .message_id()
            .as_ref()
            .map(|s| s.as_str()),
        Some("menafn-1")
    );
    // The wire header becomes metadata and leaves the text.
    let article = &json["article"];
    assert_eq!(article["published_at"], "2024-10-28T00:00:00Z");
    assert_eq!(article["source"], "UkrinForm (via MENAFN)");
    assert!(
        article["text"]
            .as_str()
            .unwrap()
            .starts_with("Secretary General Mark Rutte")
    );
    assert_eq!(json["language"]["code"], "en");
    assert!(json["stats"]["paragraphs"].as_u64().unwrap() >= 9);
}

#[tokio::test]
async fn empty_module_list_is_a_pass_through_that_still_wraps_the_envelope() {
    let broker = Broker::connect(Names::new("roundtrip-passthrough")).await;
    let _worker = Worker::start(&broker.names, &[("ENRICHER__PIPELINE__MODULES", "")]);
    broker
        .publish(
            "k",
            br#"{"id":"p1","body":"Just text."}"#,
            BasicProperties::default(),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    let json = outputs[0].json();
    assert_valid(&schema(), &json);
    assert_eq!(json["article"]["text"], "Just text.");
    assert!(json.get("stats").is_none() && json.get("fingerprint").is_none());
    assert!(json["processing"]["modules"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn trace_parent_on_the_input_is_the_parent_of_the_output_traceparent() {
    let broker = Broker::connect(Names::new("roundtrip-trace")).await;
    let _worker = Worker::start(&broker.names, &[]);
    let parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    broker
        .publish(
            "k",
            br#"{"id":"t1","body":"Traced text."}"#,
            BasicProperties::default().with_headers(headers(&[("traceparent", parent)])),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    let traceparent = outputs[0]
        .header("traceparent")
        .expect("output carries a traceparent");
    let parts: Vec<&str> = traceparent.split('-').collect();
    assert_eq!(parts.len(), 4, "{traceparent}");
    assert_eq!(parts[0], "00");
    assert_eq!(
        parts[1], "4bf92f3577b34da6a3ce929d0e0e4736",
        "same trace as the input"
    );
    assert_ne!(
        parts[2], "00f067aa0ba902b7",
        "a new span, child of the input's"
    );
    assert_eq!(parts[2].len(), 16);
}
