//! An output outage (nothing bound to the output exchange for 20 s): the worker republishes in place, loses nothing, dead-letters nothing, and logs a few short lines.

mod common;

use std::time::Duration;

use common::{Broker, Names, Worker, count_ids, short};
use lapin::options::QueueBindOptions;
use lapin::types::FieldTable;

/// The value of an unlabelled metric line.
fn metric(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {text}"))
}

#[tokio::test]
async fn an_output_unbound_for_20s_loses_nothing_dead_letters_nothing_and_logs_little() {
    let names = Names::new("outage");
    let broker = Broker::connect(names.clone()).await;
    broker
        .channel
        .queue_unbind(
            short(&names.output_queue),
            short(&names.output_exchange),
            short("#"),
            FieldTable::default(),
        )
        .await
        .unwrap();
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut worker = Worker::spawn_logged(&names, &[], log.path());
    assert!(worker.wait_ready(Duration::from_secs(20)));
    let ids = broker.publish_many("outage", 5000).await;
    tokio::time::sleep(Duration::from_secs(20)).await;
    let (_, metrics) = worker.get("/metrics").unwrap();
    let returned = metric(&metrics, "enricher_outputs_returned_total");
    assert!(
        returned >= 1000.0,
        "only {returned} returns during the outage"
    );
    broker
        .channel
        .queue_bind(
            short(&names.output_queue),
            short(&names.output_exchange),
            short("#"),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await
        .unwrap();

    let outputs = broker.outputs(ids.len(), Duration::from_secs(30)).await;
    let counts = count_ids(&outputs);
    let missing = ids.iter().filter(|id| !counts.contains_key(*id)).count();
    assert_eq!(missing, 0, "{missing} of {} articles lost", ids.len());
    worker.stop();
    assert_eq!(
        broker.depth(&names.dead_letter_queue).await,
        0,
        "nothing was dead-lettered"
    );
    assert_eq!(broker.depth(&names.input_queue).await, 0);

    let written = std::fs::read_to_string(log.path()).unwrap();
    assert!(
        written.len() < 1_000_000,
        "{} bytes of log for {returned} returns",
        written.len()
    );
    assert!(
        !written.contains("central bank") && !written.contains("benchmark rate"),
        "article text in the log"
    );
    assert!(written.contains("publish returned or nacked by the broker"));
    assert!(written.contains("publishes are routed again"));
}
