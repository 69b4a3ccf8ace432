//! The topology against a real broker: quorum input queues dead-letter at least once, `output.queue` makes a first run work, an unbound output is explained once, and `topology.declare = false` runs without the configure permission.

mod common;

use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use common::{Broker, Names, Worker, count_ids, rabbitmqctl, short};
use lapin::BasicProperties;
use lapin::options::QueueDeleteOptions;
use lapin::types::{AMQPValue, FieldTable, LongString};

/// The arguments column of `rabbitmqctl list_queues` for `queue` on `vhost`.
fn queue_arguments(vhost: &str, queue: &str) -> String {
    let listing = rabbitmqctl(&[
        "list_queues",
        "-q",
        "--no-table-headers",
        "-p",
        vhost,
        "name",
        "arguments",
    ]);
    listing
        .lines()
        .find_map(|line| {
            let (name, arguments) = line.split_once('\t')?;
            (name == queue).then(|| arguments.to_owned())
        })
        .unwrap_or_else(|| panic!("queue {queue} not listed:\n{listing}"))
}

#[tokio::test]
async fn a_new_quorum_input_queue_dead_letters_at_least_once_with_reject_publish() {
    let names = Names::new("topology-dlx");
    let broker = Broker::connect(names.clone()).await;
    let mut worker = Worker::start(&names, &[]);
    worker.stop();
    let arguments = queue_arguments("/", &names.input_queue);
    for expected in [
        r#"{"x-dead-letter-strategy","at-least-once"}"#,
        r#"{"x-overflow","reject-publish"}"#,
        r#"{"x-queue-type","quorum"}"#,
    ] {
        assert!(arguments.contains(expected), "{expected} in {arguments}");
    }
    drop(broker);
}

#[tokio::test]
async fn an_input_queue_declared_before_at_least_once_exits_2_saying_how_to_migrate() {
    let names = Names::new("topology-old");
    let broker = Broker::connect(names.clone()).await;
    // The input queue as earlier versions declared it: quorum, delivery limit, dead-letter exchange.
    let mut arguments = FieldTable::default();
    for (key, value) in [
        ("x-queue-type", "quorum"),
        (
            "x-dead-letter-exchange",
            names.dead_letter_exchange.as_str(),
        ),
    ] {
        arguments.insert(short(key), AMQPValue::LongString(LongString::from(value)));
    }
    arguments.insert(short("x-delivery-limit"), AMQPValue::LongLongInt(5));
    broker.declare_queue(&names.input_queue, arguments).await;
    let mut worker = Worker::spawn_to(&names, &[], Stdio::piped());
    let status = worker.wait_exit(Duration::from_secs(30)).expect("exits");
    let log = read_stderr(&mut worker);
    assert_eq!(status.code(), Some(2), "{log}");
    assert!(log.contains(&names.input_queue), "{log}");
    assert!(
        log.contains("x-dead-letter-strategy") || log.contains("x-overflow"),
        "{log}"
    );
    assert!(log.contains("Migrating the input queue"), "{log}");
    drop(broker);
}

#[tokio::test]
async fn output_queue_collects_a_thousand_articles_with_nothing_else_bound() {
    let mut names = Names::new("topology-first-run");
    names.output_queue = format!("{}.first", names.output_queue);
    let broker = Broker::connect_unbound(names.clone()).await;
    let mut worker = Worker::start(
        &names,
        &[
            ("ENRICHER__OUTPUT__QUEUE", &names.output_queue),
            ("ENRICHER__PIPELINE__MODULES", ""),
        ],
    );
    let ids = broker.publish_many("first-run", 1000).await;
    let outputs = broker.outputs(ids.len(), Duration::from_secs(20)).await;
    let counts = count_ids(&outputs);
    let missing = ids.iter().filter(|id| !counts.contains_key(*id)).count();
    assert_eq!(missing, 0, "{missing} of {} articles missing", ids.len());
    let (_, metrics) = worker.get("/metrics").unwrap();
    assert!(
        metrics.contains("enricher_outputs_returned_total 0"),
        "{metrics}"
    );
    worker.stop();
    drop(broker);
}

/// The lines of `log` that say nothing is bound to the output exchange.
fn unbound_warnings(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| line.contains("nothing is bound to output exchange"))
        .collect()
}

/// Publish `count` articles to a worker whose output is unbound and wait until
/// each has come back unroutable at least once, most more than once.
async fn wait_for_returns(broker: &Broker, worker: &Worker, count: usize) {
    broker.publish_many("unbound", count).await;
    let wanted = 2 * count as u64;
    let mut returned = 0;
    for _ in 0..3000 {
        let text = worker.get("/metrics").map(|(_, t)| t).unwrap_or_default();
        returned = text
            .lines()
            .find_map(|l| l.strip_prefix("enricher_outputs_returned_total "))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0) as u64;
        if returned >= wanted {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(returned >= wanted, "{returned} returns");
}

#[tokio::test]
async fn an_output_exchange_the_worker_creates_is_said_unbound_at_start_and_only_then() {
    let names = Names::new("topology-unbound");
    let broker = Broker::connect_unbound(names.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("worker.log");
    let mut worker = Worker::spawn_logged(&names, &[], &log_path);
    assert!(worker.wait_ready(Duration::from_secs(20)));
    let at_start = std::fs::read_to_string(&log_path).unwrap();
    let told = unbound_warnings(&at_start);
    assert_eq!(
        told.len(),
        1,
        "said at start, before any article:\n{at_start}"
    );
    assert!(told[0].contains("WARN"), "{at_start}");
    assert!(told[0].contains(&names.output_exchange), "{at_start}");
    assert!(told[0].contains("output.queue"), "{at_start}");
    wait_for_returns(&broker, &worker, 8).await;
    worker.stop();
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(unbound_warnings(&log).len(), 1, "said once:\n{log}");
    drop(broker);
}

#[tokio::test]
async fn an_existing_output_exchange_with_nothing_bound_is_said_unbound_at_the_first_return() {
    let names = Names::new("topology-unbound-existing");
    let broker = Broker::connect_unbound(names.clone()).await;
    // The exchange exists (an earlier run, an operator) but nothing is bound:
    // AMQP cannot tell that at start, so the first return says it.
    broker
        .channel
        .exchange_declare(
            short(&names.output_exchange),
            lapin::ExchangeKind::Topic,
            lapin::options::ExchangeDeclareOptions {
                durable: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("worker.log");
    let mut worker = Worker::spawn_logged(&names, &[], &log_path);
    assert!(worker.wait_ready(Duration::from_secs(20)));
    let at_start = std::fs::read_to_string(&log_path).unwrap();
    assert!(unbound_warnings(&at_start).is_empty(), "{at_start}");
    wait_for_returns(&broker, &worker, 8).await;
    worker.stop();
    let log = std::fs::read_to_string(&log_path).unwrap();
    let told = unbound_warnings(&log);
    assert_eq!(told.len(), 1, "{log}");
    assert!(told[0].contains("WARN"), "{log}");
    assert!(told[0].contains("routing key"), "{log}");
    drop(broker);
}

/// A vhost and a user of the test's own, deleted on drop (also when the test fails).
struct Tenant {
    vhost: String,
    user: String,
}

impl Tenant {
    /// A vhost where guest may do anything, and `user` (password `password`) who may read and write but not configure.
    fn create(label: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let unique = format!(
            "enricher-test-{label}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let tenant = Self {
            vhost: unique.clone(),
            user: unique,
        };
        rabbitmqctl(&["add_vhost", &tenant.vhost]);
        rabbitmqctl(&[
            "set_permissions",
            "-p",
            &tenant.vhost,
            "guest",
            ".*",
            ".*",
            ".*",
        ]);
        rabbitmqctl(&["add_user", &tenant.user, "password"]);
        rabbitmqctl(&[
            "set_permissions",
            "-p",
            &tenant.vhost,
            &tenant.user,
            "^$",
            ".*",
            ".*",
        ]);
        tenant
    }

    /// The restricted user's URL for the vhost.
    fn url(&self) -> String {
        format!(
            "amqp://{}:password@127.0.0.1:5672/{}",
            self.user, self.vhost
        )
    }
}

impl Drop for Tenant {
    fn drop(&mut self) {
        for args in [["delete_vhost", &self.vhost], ["delete_user", &self.user]] {
            let _ = std::process::Command::new("rabbitmqctl")
                .args(args)
                .output();
        }
    }
}

/// Everything the worker wrote to a piped stderr, once it has exited.
fn read_stderr(worker: &mut Worker) -> String {
    let mut text = String::new();
    if let Some(mut pipe) = worker.child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
    }
    text
}

#[tokio::test]
async fn passive_mode_runs_without_configure_permission_and_names_a_missing_queue() {
    let tenant = Tenant::create("passive");
    let names = Names::new("passive").on_vhost(&tenant.vhost);
    // guest declares the topology once, as an operator with configure permission would.
    let mut declaring = Worker::start(&names, &[]);
    declaring.stop();
    let broker = Broker::connect(names.clone()).await;

    let passive = [
        ("ENRICHER__AMQP__URL", tenant.url()),
        ("ENRICHER__TOPOLOGY__DECLARE", "false".to_owned()),
        ("ENRICHER__PIPELINE__MODULES", "stats".to_owned()),
    ];
    let passive: Vec<(&str, &str)> = passive.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // Declaring is refused to this user: the permission really is missing.
    let declare = [passive[0], passive[2]];
    let mut refused = Worker::spawn_to(&names, &declare, Stdio::piped());
    let status = refused.wait_exit(Duration::from_secs(30)).expect("exits");
    let log = read_stderr(&mut refused);
    assert_eq!(status.code(), Some(2), "{log}");
    assert!(log.contains("refused"), "{log}");
    assert!(log.contains("topology.declare = false"), "{log}");

    let mut worker = Worker::start(&names, &passive);
    broker
        .publish(
            "news.world",
            br#"{"id": "passive-1", "title": "Rates", "body": "The central bank held rates."}"#,
            BasicProperties::default().with_content_type(short("application/json")),
        )
        .await;
    broker
        .publish(
            "news.world",
            b"{not json",
            BasicProperties::default().with_content_type(short("application/json")),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(outputs.len(), 1);
    assert_eq!(outputs[0].json()["id"], "passive-1");
    let dead = broker
        .collect(&names.dead_letter_queue, 1, Duration::from_secs(20))
        .await;
    assert_eq!(dead.len(), 1, "the dead letter is published too");
    assert_eq!(
        dead[0].header("x-enricher-error").as_deref(),
        Some("invalid_json")
    );
    worker.stop();

    broker
        .channel
        .queue_delete(short(&names.input_queue), QueueDeleteOptions::default())
        .await
        .unwrap();
    let mut missing = Worker::spawn_to(&names, &passive, Stdio::piped());
    let status = missing.wait_exit(Duration::from_secs(30)).expect("exits");
    let log = read_stderr(&mut missing);
    assert_eq!(status.code(), Some(2), "{log}");
    assert!(
        log.contains(&format!("queue `{}` (input.queue)", names.input_queue)),
        "{log}"
    );
    assert!(
        !log.contains("(output.exchange)"),
        "only what is missing is named: {log}"
    );
    drop(broker);
    drop(tenant);
}
