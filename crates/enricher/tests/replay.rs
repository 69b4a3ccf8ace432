//! `enricher replay` against a real broker: it moves exactly the dead letters asked for back to the input exchange, with their routing key and properties, leaves the others in order, refuses a message replayed too often, and loses none when killed.

mod common;

use std::collections::HashSet;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Broker, Names, Received, Worker, headers, short};
use lapin::BasicProperties;
use lapin::options::{BasicGetOptions, BasicNackOptions, BasicPublishOptions, QueueDeleteOptions};
use lapin::types::{AMQPValue, FieldTable, LongString};

/// Let a worker declare the topology (by default quorum input and dead-letter
/// queues, as in production), then stop it, so what is replayed stays in the input queue.
fn declare_topology(names: &Names, queue_type: &str) {
    Worker::start(names, &[("ENRICHER__INPUT__QUEUE_TYPE", queue_type)]).stop();
}

/// `enricher replay` with `args`, pointed at `names`.
fn replay_command(names: &Names, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_enricher"));
    command
        .current_dir(common::workspace_root())
        .arg("replay")
        .args(args)
        .envs(names.worker_env())
        .env_remove("ENRICHER_CONFIG")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null());
    command
}

/// Run `enricher replay` with `args` to its end.
fn replay(names: &Names, args: &[&str]) -> Output {
    replay_command(names, args)
        .output()
        .expect("run enricher replay")
}

fn text(output: &Output) -> String {
    format!(
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The table row of `code`, split into its cells.
fn row(output: &Output, code: &str) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find(|line| line.split_whitespace().next() == Some(code))
        .unwrap_or_else(|| panic!("no row for {code}: {}", text(output)))
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Properties of a dead letter as the worker writes them: the input's own, its
/// headers, and the `x-enricher-*` reason headers.
fn dead_letter_properties(id: &str, code: &str) -> BasicProperties {
    let mut table = headers(&[
        ("x-case", id),
        ("source", "wire"),
        ("x-enricher-error", code),
        ("x-enricher-error-detail", "for the test"),
        ("x-enricher-failed-at", "2024-10-28T10:30:00Z"),
        ("x-enricher-version", "0.1.0"),
    ]);
    table.insert(short("x-priority-hint"), AMQPValue::LongLongInt(7));
    BasicProperties::default()
        .with_content_type(short("application/json"))
        .with_message_id(short(id))
        .with_correlation_id(short(&format!("corr-{id}")))
        .with_delivery_mode(2)
        .with_headers(table)
}

/// Send one dead letter to the dead-letter exchange, not waiting for its confirm.
async fn send_dead_letter(
    broker: &Broker,
    id: &str,
    routing_key: &str,
    properties: BasicProperties,
) -> lapin::PublisherConfirm {
    let body = format!(r#"{{"id": "{id}", "body": "dead letter {id}"}}"#);
    broker
        .channel
        .basic_publish(
            short(&broker.names.dead_letter_exchange),
            short(routing_key),
            BasicPublishOptions {
                mandatory: true,
                ..Default::default()
            },
            body.as_bytes(),
            properties,
        )
        .await
        .unwrap()
}

/// Publish dead letters `(id, code, routing key)` to the dead-letter exchange, as
/// the worker does, waiting for every confirm at the end.
async fn publish_dead_letters(broker: &Broker, letters: &[(String, &str, String)]) {
    let mut pending = Vec::with_capacity(letters.len());
    for (id, code, routing_key) in letters {
        pending.push(
            send_dead_letter(broker, id, routing_key, dead_letter_properties(id, code)).await,
        );
    }
    for confirm in pending {
        let confirm = confirm.await.unwrap();
        assert!(confirm.is_ack() && confirm.take_message().is_none());
    }
}

fn message_id(message: &Received) -> String {
    message
        .properties
        .message_id()
        .as_ref()
        .map(|id| id.to_string())
        .unwrap_or_default()
}

fn integer_header(message: &Received, key: &str) -> Option<i64> {
    match message.properties.headers().as_ref()?.inner().get(key)? {
        AMQPValue::LongLongInt(value) => Some(*value),
        AMQPValue::LongInt(value) => Some(i64::from(*value)),
        other => panic!("{key} is not an integer: {other:?}"),
    }
}

fn header_keys(message: &Received) -> Vec<String> {
    let mut keys: Vec<String> = message
        .properties
        .headers()
        .as_ref()
        .map(|table| table.inner().keys().map(|k| k.to_string()).collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

#[tokio::test]
async fn replay_code_limit_moves_exactly_n_with_routing_key_and_properties_and_leaves_the_rest_in_order()
 {
    let names = Names::new("replay-limit");
    let broker = Broker::connect(names.clone()).await;
    // A classic queue puts a requeued message back in its place (a quorum
    // queue in an order of its own): the order of what stays is checked here.
    declare_topology(&names, "classic");
    // Two codes, interleaved: o-0, j-0, o-1, j-1, ... o-5, j-5.
    let mut letters = Vec::new();
    for n in 0..6 {
        letters.push((
            format!("o-{n}"),
            "output_too_large",
            format!("news.big.{n}"),
        ));
        letters.push((format!("j-{n}"), "invalid_json", format!("news.bad.{n}")));
    }
    publish_dead_letters(&broker, &letters).await;
    // The names from a configuration file this time, not the environment.
    let config = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        config.path(),
        format!(
            "[input]\nexchange = \"{}\"\n[dead_letter]\nqueue = \"{}\"\n",
            names.input_exchange, names.dead_letter_queue
        ),
    )
    .unwrap();
    let mut command = replay_command(
        &names,
        &[
            "--code",
            "output_too_large",
            "--limit",
            "4",
            "--config",
            config.path().to_str().unwrap(),
        ],
    );
    let output = command
        .env_remove("ENRICHER__INPUT__EXCHANGE")
        .env_remove("ENRICHER__DEAD_LETTER__QUEUE")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(
        row(&output, "output_too_large")[1],
        "4",
        "{}",
        text(&output)
    );
    assert_eq!(row(&output, "invalid_json")[2], "3", "{}", text(&output));
    assert!(
        text(&output).contains("not looked at: 5"),
        "{}",
        text(&output)
    );

    let replayed = broker
        .collect(&names.input_queue, usize::MAX, Duration::from_secs(2))
        .await;
    let ids: Vec<String> = replayed.iter().map(message_id).collect();
    assert_eq!(ids, ["o-0", "o-1", "o-2", "o-3"], "exactly 4, in order");
    for (n, message) in replayed.iter().enumerate() {
        assert_eq!(message.routing_key, format!("news.big.{n}"));
        assert_eq!(
            message.body,
            format!(r#"{{"id": "o-{n}", "body": "dead letter o-{n}"}}"#).as_bytes()
        );
        let original = dead_letter_properties(&format!("o-{n}"), "output_too_large");
        assert_eq!(message.properties.content_type(), original.content_type());
        assert_eq!(
            message.properties.correlation_id(),
            original.correlation_id()
        );
        assert_eq!(message.properties.delivery_mode(), &Some(2));
        assert_eq!(
            header_keys(message),
            ["source", "x-case", "x-enricher-replays", "x-priority-hint"],
            "x-enricher-* dropped, the replay count added"
        );
        assert_eq!(message.header("x-case"), Some(format!("o-{n}")));
        assert_eq!(integer_header(message, "x-priority-hint"), Some(7));
        assert_eq!(integer_header(message, "x-enricher-replays"), Some(1));
    }

    let left = broker
        .collect(&names.dead_letter_queue, usize::MAX, Duration::from_secs(2))
        .await;
    let left_ids: Vec<String> = left.iter().map(message_id).collect();
    let expected: Vec<String> = letters
        .iter()
        .map(|(id, _, _)| id.clone())
        .filter(|id| !ids.contains(id))
        .collect();
    assert_eq!(left_ids, expected, "the others stay, in their order");
    for message in &left {
        let id = message_id(message);
        let code = if id.starts_with('o') {
            "output_too_large"
        } else {
            "invalid_json"
        };
        assert_eq!(
            message.header("x-enricher-error").as_deref(),
            Some(code),
            "untouched"
        );
    }
}

/// A real poison message: a quorum queue with a delivery limit of 1 that
/// dead-letters to the test's dead-letter exchange, nacked until the broker gives up on it.
async fn broker_dead_letter(broker: &Broker, id: &str) -> String {
    let queue = format!("{}.poison", broker.names.input_queue);
    let mut arguments = FieldTable::default();
    for (key, value) in [
        ("x-queue-type", "quorum"),
        (
            "x-dead-letter-exchange",
            broker.names.dead_letter_exchange.as_str(),
        ),
    ] {
        arguments.insert(short(key), AMQPValue::LongString(LongString::from(value)));
    }
    arguments.insert(short("x-delivery-limit"), AMQPValue::LongLongInt(1));
    broker.declare_queue(&queue, arguments).await;
    let confirm = broker
        .channel
        .basic_publish(
            short(""),
            short(&queue),
            BasicPublishOptions::default(),
            format!(r#"{{"id": "{id}", "body": "poison"}}"#).as_bytes(),
            BasicProperties::default()
                .with_message_id(short(id))
                .with_content_type(short("application/json"))
                .with_headers(headers(&[("x-case", id)])),
        )
        .await
        .unwrap()
        .await
        .unwrap();
    assert!(confirm.is_ack());
    let channel = broker.connection.create_channel().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while broker.depth(&broker.names.dead_letter_queue).await == 0 {
        assert!(
            Instant::now() < deadline,
            "the broker never dead-lettered it"
        );
        if let Some(got) = channel
            .basic_get(short(&queue), BasicGetOptions::default())
            .await
            .unwrap()
        {
            got.delivery
                .acker
                .nack(BasicNackOptions {
                    requeue: true,
                    ..Default::default()
                })
                .await
                .unwrap();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = channel
        .queue_delete(short(&queue), QueueDeleteOptions::default())
        .await;
    queue
}

#[tokio::test]
async fn by_default_poison_is_replayed_content_rejects_stay_and_max_replays_stops_a_loop() {
    let names = Names::new("replay-default");
    let broker = Broker::connect(names.clone()).await;
    declare_topology(&names, "quorum");
    let poison_queue = broker_dead_letter(&broker, "poison-1").await;
    let mut tired = dead_letter_properties("tired", "output_too_large");
    let mut table = tired.headers().clone().unwrap();
    table.insert(short("x-enricher-replays"), AMQPValue::LongLongInt(3));
    tired = tired.with_headers(table);
    publish_dead_letters(
        &broker,
        &[("bad".into(), "invalid_json", "news.bad".into())],
    )
    .await;
    let confirm = send_dead_letter(&broker, "tired", "news.tired", tired)
        .await
        .await
        .unwrap();
    assert!(confirm.is_ack());

    let dry = replay(&names, &["--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(text(&dry).contains("would move"), "{}", text(&dry));
    assert_eq!(row(&dry, "delivery_limit")[1], "1", "{}", text(&dry));
    assert_eq!(broker.depth(&names.dead_letter_queue).await, 3);
    assert_eq!(
        broker.depth(&names.input_queue).await,
        0,
        "a dry run moves nothing"
    );

    let output = replay(&names, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(row(&output, "delivery_limit")[1], "1", "{}", text(&output));
    assert_eq!(row(&output, "invalid_json")[2], "1", "not a default code");
    assert_eq!(
        row(&output, "output_too_large")[3],
        "1",
        "at max_replays (3)"
    );
    let replayed = broker
        .collect(&names.input_queue, usize::MAX, Duration::from_secs(2))
        .await;
    assert_eq!(replayed.len(), 1, "{replayed:?}");
    let poison = &replayed[0];
    assert_eq!(message_id(poison), "poison-1");
    assert_eq!(poison.routing_key, poison_queue, "the original routing key");
    assert_eq!(
        header_keys(poison),
        ["x-case", "x-enricher-replays"],
        "no x-death or x-first-death-* either"
    );
    let left: HashSet<String> = broker
        .collect(&names.dead_letter_queue, usize::MAX, Duration::from_secs(2))
        .await
        .iter()
        .map(message_id)
        .collect();
    assert_eq!(left, HashSet::from(["bad".into(), "tired".into()]));
}

#[tokio::test]
async fn the_replay_count_survives_the_next_dead_lettering_by_the_worker() {
    let names = Names::new("replay-again");
    let broker = Broker::connect(names.clone()).await;
    declare_topology(&names, "quorum");
    publish_dead_letters(
        &broker,
        &[("still-bad".into(), "invalid_json", "news.bad".into())],
    )
    .await;
    let output = replay(&names, &["--code", "invalid_json"]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(broker.depth(&names.input_queue).await, 1);
    // A second replay before the worker runs finds nothing to move.
    let again = replay(&names, &["--code", "invalid_json"]);
    assert!(again.status.success(), "{}", text(&again));

    // A limit the body is over, so the worker dead-letters it again (as too_large).
    let mut worker = Worker::start(&names, &[("ENRICHER__INPUT__MAX_MESSAGE_BYTES", "10")]);
    let dead = broker
        .collect(&names.dead_letter_queue, 1, Duration::from_secs(20))
        .await;
    worker.stop();
    assert_eq!(dead.len(), 1);
    assert_eq!(
        dead[0].header("x-enricher-error").as_deref(),
        Some("too_large")
    );
    assert_eq!(
        integer_header(&dead[0], "x-enricher-replays"),
        Some(1),
        "the worker's dead letter keeps the replay count"
    );
}

#[tokio::test]
async fn an_unknown_code_a_zero_limit_and_a_missing_exchange_exit_2() {
    let names = Names::new("replay-usage");
    let output = replay(&names, &["--code", "output_to_large"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("unknown dead-letter code `output_to_large`"));
    let output = replay(&names, &["--limit", "0"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    // Nothing is declared under these names.
    let output = replay(&names, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains(&format!(
            "exchange `{}` (input.exchange)",
            names.input_exchange
        )),
        "{}",
        text(&output)
    );
}

#[tokio::test]
async fn a_republish_nobody_is_bound_for_leaves_the_dead_letter_and_exits_1() {
    let names = Names::new("replay-unroutable");
    let broker = Broker::connect(names.clone()).await;
    declare_topology(&names, "quorum");
    publish_dead_letters(
        &broker,
        &[("lost".into(), "output_too_large", "news.big".into())],
    )
    .await;
    // An input exchange with no queue bound to it.
    let unbound = format!("{}.unbound", names.input_exchange);
    broker
        .channel
        .exchange_declare(
            short(&unbound),
            lapin::ExchangeKind::Topic,
            Default::default(),
            FieldTable::default(),
        )
        .await
        .unwrap();
    let output = replay_command(&names, &[])
        .env("ENRICHER__INPUT__EXCHANGE", &unbound)
        .output()
        .unwrap();
    let _ = broker
        .channel
        .exchange_delete(short(&unbound), Default::default())
        .await;
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert_eq!(row(&output, "output_too_large")[4], "1", "refused");
    assert!(
        text(&output).contains("routing key `news.big`"),
        "{}",
        text(&output)
    );
    let left = broker
        .collect(&names.dead_letter_queue, usize::MAX, Duration::from_secs(2))
        .await;
    assert_eq!(left.len(), 1, "the dead letter stays");
    assert_eq!(message_id(&left[0]), "lost");
}

#[tokio::test]
async fn sigkill_during_a_replay_of_thousands_loses_none() {
    const LETTERS: usize = 5000;
    let names = Names::new("replay-kill");
    let broker = Broker::connect(names.clone()).await;
    declare_topology(&names, "quorum");
    let letters: Vec<(String, &str, String)> = (0..LETTERS)
        .map(|n| (format!("k-{n}"), "output_too_large", "news.kill".to_owned()))
        .collect();
    publish_dead_letters(&broker, &letters).await;
    let mut child = replay_command(&names, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while broker.depth(&names.input_queue).await < 300 {
        assert!(Instant::now() < deadline, "the replay made no progress");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the replay was still running when killed"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    // The broker puts back what the killed replay held unacked.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let total =
            broker.depth(&names.input_queue).await + broker.depth(&names.dead_letter_queue).await;
        if total as usize >= LETTERS || Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let moved = broker
        .collect(&names.input_queue, usize::MAX, Duration::from_secs(2))
        .await;
    let left = broker
        .collect(&names.dead_letter_queue, usize::MAX, Duration::from_secs(2))
        .await;
    assert!(!moved.is_empty() && !left.is_empty(), "killed mid-way");
    assert!(moved.len() + left.len() >= LETTERS);
    let seen: HashSet<String> = moved.iter().chain(&left).map(message_id).collect();
    let missing: Vec<&String> = letters
        .iter()
        .map(|(id, _, _)| id)
        .filter(|id| !seen.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {LETTERS} lost, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
}
