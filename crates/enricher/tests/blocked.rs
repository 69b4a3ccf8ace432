//! A broker memory alarm (publishers blocked for 60 s): the worker is unready while blocked, SIGTERM still ends it within `shutdown.timeout` plus 5 s, and nothing is lost.
//!
//! The alarm is node-wide, so this test has a binary of its own: cargo runs
//! test binaries one after another, and no other test shares the broker meanwhile.

mod common;

use std::time::{Duration, Instant};

use common::{Broker, Names, Worker, count_ids, rabbitmqctl};

/// The broker's memory watermark set so low that the memory alarm goes off; the
/// original setting is put back on drop, whatever the test did.
struct MemoryAlarm {
    original: String,
}

impl MemoryAlarm {
    fn raise() -> Self {
        let original = rabbitmqctl(&["eval", "vm_memory_monitor:get_vm_memory_high_watermark()."])
            .trim()
            .to_owned();
        rabbitmqctl(&["set_vm_memory_high_watermark", "absolute", "1MB"]);
        Self { original }
    }
}

impl Drop for MemoryAlarm {
    fn drop(&mut self) {
        // `0.4` or `{absolute,1073741824}`.
        let args: Vec<String> = match self.original.strip_prefix("{absolute,") {
            Some(rest) => vec![
                "absolute".into(),
                rest.trim_end_matches('}').trim().to_owned(),
            ],
            None => vec![self.original.clone()],
        };
        let mut command = vec!["set_vm_memory_high_watermark".to_owned()];
        command.extend(args);
        let _ = std::process::Command::new("rabbitmqctl")
            .args(&command)
            .output();
    }
}

#[tokio::test]
async fn a_memory_alarm_makes_the_worker_unready_and_sigterm_still_exits_in_time_losing_nothing() {
    let names = Names::new("alarm");
    let broker = Broker::connect(names.clone()).await;
    let shutdown_timeout = Duration::from_secs(10);
    let mut worker = Worker::start(&names, &[("ENRICHER__SHUTDOWN__TIMEOUT", "10s")]);
    let ids = broker.publish_many("alarm", 3000).await;
    while broker.depth(&names.output_queue).await < 100 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let alarm = MemoryAlarm::raise();
    let raised = Instant::now();
    assert!(
        worker.wait_status("/readyz", 503, Duration::from_secs(15)),
        "/readyz goes 503 once the broker blocks the worker"
    );
    let (_, metrics) = worker.get("/metrics").unwrap();
    assert!(
        metrics.contains("enricher_connection_blocked 1"),
        "{metrics}"
    );
    while raised.elapsed() < Duration::from_secs(20) {
        assert_eq!(
            worker.get("/readyz").map(|(code, _)| code),
            Some(503),
            "unready for as long as the alarm lasts"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    let signalled = Instant::now();
    worker.signal(libc::SIGTERM);
    let status = worker
        .wait_exit(shutdown_timeout + Duration::from_secs(20))
        .expect("the worker exits while the broker blocks it");
    let took = signalled.elapsed();
    assert!(status.success(), "exit status {status}");
    assert!(
        took <= shutdown_timeout + Duration::from_secs(5),
        "exit took {took:?} with shutdown.timeout {shutdown_timeout:?}"
    );

    // The alarm lasts 60 s in all; then a new worker finishes what was left.
    tokio::time::sleep(Duration::from_secs(60).saturating_sub(raised.elapsed())).await;
    drop(alarm);
    let mut worker = Worker::start(&names, &[]);
    let outputs = broker.outputs(usize::MAX, Duration::from_secs(10)).await;
    let counts = count_ids(&outputs);
    let missing = ids.iter().filter(|id| !counts.contains_key(*id)).count();
    assert_eq!(missing, 0, "{missing} of {} articles lost", ids.len());
    worker.stop();
    assert_eq!(broker.depth(&names.input_queue).await, 0);
}
