//! Losing every connection mid-stream (`rabbitmqctl close_all_connections`): the worker goes unready, reconnects, and loses nothing.

mod common;

use std::time::Duration;

use common::{Broker, Names, Worker, count_ids, rabbitmqctl};

/// A vhost of the test's own, so cutting its connections disturbs no other test; deleted on drop.
struct Vhost(String);

impl Vhost {
    fn create(label: &str) -> Self {
        let name = format!("enricher-test-{label}-{}", std::process::id());
        rabbitmqctl(&["add_vhost", &name]);
        rabbitmqctl(&["set_permissions", "-p", &name, "guest", ".*", ".*", ".*"]);
        Self(name)
    }
}

impl Drop for Vhost {
    fn drop(&mut self) {
        let _ = std::process::Command::new("rabbitmqctl")
            .args(["delete_vhost", &self.0])
            .output();
    }
}

#[tokio::test]
async fn closing_all_connections_mid_stream_is_survived_with_nothing_lost() {
    let vhost = Vhost::create("cut");
    let names = Names::new("recovery-cut").on_vhost(&vhost.0);
    let broker = Broker::connect(names.clone()).await;
    // A slow first reconnect keeps /readyz at 503 long enough to be seen.
    let mut worker = Worker::start(
        &names,
        &[
            ("ENRICHER__AMQP__RECONNECT_MIN_BACKOFF", "1500ms"),
            ("ENRICHER__AMQP__RECONNECT_MAX_BACKOFF", "3s"),
        ],
    );
    let ids = broker.publish_many("cut", 3000).await;
    while broker.depth(&names.output_queue).await < 200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    rabbitmqctl(&[
        "close_all_connections",
        "-p",
        &vhost.0,
        "test: cutting every connection",
    ]);
    assert!(
        worker.wait_status("/readyz", 503, Duration::from_secs(10)),
        "/readyz goes 503 while disconnected"
    );
    assert!(
        worker.wait_status("/readyz", 200, Duration::from_secs(30)),
        "/readyz is 200 again after reconnecting"
    );

    let broker = Broker::connect(names.clone()).await;
    let outputs = broker.outputs(usize::MAX, Duration::from_secs(5)).await;
    let counts = count_ids(&outputs);
    let missing = ids.iter().filter(|id| !counts.contains_key(*id)).count();
    assert_eq!(missing, 0, "{missing} of {} articles lost", ids.len());
    let (_, metrics) = worker.get("/metrics").unwrap();
    assert!(metrics.contains("enricher_reconnects_total 1"), "{metrics}");
    worker.stop();
    assert_eq!(broker.depth(&names.input_queue).await, 0);
    drop(broker);
}
