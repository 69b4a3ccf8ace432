//! Input that can never be enriched is dead-lettered with its body and properties unchanged and a stable reason; nothing stays queued.

mod common;

use std::time::Duration;

use common::{Broker, Names, Worker, headers, short};
use lapin::BasicProperties;

#[tokio::test]
async fn every_dead_letter_code_keeps_the_body_and_empties_the_input_queue() {
    let broker = Broker::connect(Names::new("dead-codes")).await;
    let mut worker = Worker::start(
        &broker.names,
        &[("ENRICHER__INPUT__MAX_MESSAGE_BYTES", "1000")],
    );
    let json = || BasicProperties::default().with_content_type(short("application/json"));
    let cases: Vec<(&str, Vec<u8>, BasicProperties)> = vec![
        (
            "invalid_utf8",
            b"{\"body\": \"caf\xe9 au lait\"}".to_vec(),
            json(),
        ),
        (
            "invalid_utf8",
            b"caf\xe9 au lait".to_vec(),
            BasicProperties::default().with_content_type(short("text/plain; charset=utf-8")),
        ),
        (
            "invalid_json",
            br#"{"id": "x", "body": "unterminated"#.to_vec(),
            json(),
        ),
        ("invalid_shape", br#"["an", "array"]"#.to_vec(), json()),
        (
            "invalid_shape",
            br#"{"id": "no-body", "title": "Title only"}"#.to_vec(),
            json(),
        ),
        ("empty", b"".to_vec(), BasicProperties::default()),
        (
            "empty",
            br#"{"id": "blank", "body": "  "}"#.to_vec(),
            json(),
        ),
        (
            "too_large",
            vec![b'a'; 1001],
            BasicProperties::default().with_content_type(short("text/plain")),
        ),
        (
            "unsupported_content_type",
            b"%PDF-1.7".to_vec(),
            BasicProperties::default().with_content_type(short("application/pdf")),
        ),
        (
            "unsupported_content_encoding",
            b"\x1f\x8b\x08".to_vec(),
            BasicProperties::default().with_content_encoding(short("br")),
        ),
        (
            "invalid_content_encoding",
            b"\x1f\x8b\x08".to_vec(),
            BasicProperties::default().with_content_encoding(short("gzip")),
        ),
    ];
    for (index, (_, body, properties)) in cases.iter().enumerate() {
        let properties = properties
            .clone()
            .with_message_id(short(&format!("bad-{index}")))
            .with_correlation_id(short("corr-dead"))
            .with_headers(headers(&[("x-case", &index.to_string())]));
        broker.publish("news.bad", body, properties).await;
    }
    let dead = broker
        .collect(
            &broker.names.dead_letter_queue.clone(),
            cases.len(),
            Duration::from_secs(20),
        )
        .await;
    assert_eq!(dead.len(), cases.len(), "every bad input is dead-lettered");
    for letter in &dead {
        let index: usize = letter.header("x-case").unwrap().parse().unwrap();
        let (code, body, properties) = &cases[index];
        assert_eq!(
            letter.header("x-enricher-error").as_deref(),
            Some(*code),
            "case {index}"
        );
        assert!(!letter.header("x-enricher-error-detail").unwrap().is_empty());
        assert!(
            letter
                .header("x-enricher-failed-at")
                .unwrap()
                .ends_with('Z')
        );
        assert_eq!(&letter.body, body, "case {index}: body unchanged");
        assert_eq!(letter.routing_key, "news.bad", "original routing key kept");
        assert_eq!(
            letter.properties.content_type(),
            properties.content_type(),
            "case {index}"
        );
        assert_eq!(
            letter
                .properties
                .message_id()
                .as_ref()
                .map(|s| s.to_string()),
            Some(format!("bad-{index}"))
        );
        assert_eq!(
            letter
                .properties
                .correlation_id()
                .as_ref()
                .map(|s| s.as_str()),
            Some("corr-dead")
        );
    }
    let expected = "enricher_dead_lettered_total{code=\"invalid_json\"} 1";
    let metrics = worker.wait_metric(expected, Duration::from_secs(10));
    assert!(metrics.contains(expected), "{metrics}");
    worker.stop();
    assert_eq!(
        broker.depth(&broker.names.input_queue).await,
        0,
        "input queue is empty: all acked"
    );
    assert!(
        broker
            .outputs(1, Duration::from_millis(300))
            .await
            .is_empty(),
        "nothing bad was published as output"
    );
}

#[tokio::test]
async fn an_unroutable_output_is_handed_back_after_give_up_after_until_the_broker_dead_letters_it()
{
    let names = Names::new("dead-limit");
    let broker = Broker::connect(names.clone()).await;
    // Nothing is bound to this output exchange: every output comes back unroutable,
    // is republished in the worker for a second, then handed back to the queue.
    let mut worker = Worker::start(
        &names,
        &[
            (
                "ENRICHER__OUTPUT__EXCHANGE",
                &format!("{}.unbound", names.output_exchange),
            ),
            ("ENRICHER__INPUT__DELIVERY_LIMIT", "2"),
            ("ENRICHER__RETRY__GIVE_UP_AFTER", "1s"),
        ],
    );
    broker
        .publish(
            "news.x",
            br#"{"id":"looping","body":"Nobody listens."}"#,
            BasicProperties::default(),
        )
        .await;
    let dead = broker
        .collect(&names.dead_letter_queue.clone(), 1, Duration::from_secs(30))
        .await;
    assert_eq!(
        dead.len(),
        1,
        "the broker dead-letters it once the delivery limit is passed"
    );
    assert_eq!(
        dead[0].body,
        br#"{"id":"looping","body":"Nobody listens."}"#
    );
    assert!(
        dead[0].header("x-death").is_some(),
        "dead-lettered by the broker (x-death)"
    );
    assert!(dead[0].header("x-enricher-error").is_none());
    worker.stop();
    assert_eq!(broker.depth(&names.input_queue).await, 0);
    let channel = broker.connection.create_channel().await.unwrap();
    let _ = channel
        .exchange_delete(
            short(&format!("{}.unbound", names.output_exchange)),
            Default::default(),
        )
        .await;
}
