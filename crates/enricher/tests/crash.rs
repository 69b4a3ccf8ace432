//! Killing or stopping a worker in the middle of a stream: SIGKILL loses nothing, SIGTERM drains and duplicates nothing.

mod common;

use std::time::{Duration, Instant};

use common::{Broker, Names, Worker, count_ids};

const ARTICLES: usize = 3000;

/// Wait until at least `count` outputs are queued (so the worker is mid-stream).
async fn wait_for_outputs(broker: &Broker, count: u32) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while broker.depth(&broker.names.output_queue).await < count {
        assert!(Instant::now() < deadline, "worker made no progress");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn sigkill_in_the_middle_of_thousands_of_messages_loses_none() {
    let broker = Broker::connect(Names::new("crash-kill")).await;
    let mut first = Worker::start(&broker.names, &[]);
    let ids = broker.publish_many("kill", ARTICLES).await;
    wait_for_outputs(&broker, 200).await;
    first.signal(libc::SIGKILL);
    first
        .wait_exit(Duration::from_secs(10))
        .expect("killed worker exits");
    let mut second = Worker::start(&broker.names, &[]);
    let outputs = broker.outputs(usize::MAX, Duration::from_secs(5)).await;
    let counts = count_ids(&outputs);
    let missing: Vec<&String> = ids.iter().filter(|id| !counts.contains_key(*id)).collect();
    assert!(
        missing.is_empty(),
        "{} of {ARTICLES} articles lost, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    second.stop();
    assert_eq!(broker.depth(&broker.names.input_queue).await, 0);
    assert_eq!(broker.depth(&broker.names.dead_letter_queue).await, 0);
}

#[tokio::test]
async fn sigterm_under_load_exits_zero_and_publishes_nothing_twice() {
    let broker = Broker::connect(Names::new("crash-term")).await;
    let mut first = Worker::start(&broker.names, &[]);
    let ids = broker.publish_many("term", ARTICLES).await;
    wait_for_outputs(&broker, 200).await;
    first.stop();
    let mut second = Worker::start(&broker.names, &[]);
    let outputs = broker.outputs(usize::MAX, Duration::from_secs(5)).await;
    second.stop();
    let counts = count_ids(&outputs);
    let duplicated: Vec<(&String, &usize)> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        duplicated.is_empty(),
        "{} articles published twice, e.g. {:?}",
        duplicated.len(),
        &duplicated[..duplicated.len().min(5)]
    );
    assert_eq!(counts.len(), ARTICLES, "every article published once");
    assert!(ids.iter().all(|id| counts.contains_key(id)));
    assert_eq!(broker.depth(&broker.names.input_queue).await, 0);
}
