//! Competing consumers: two workers on one queue each take a share, and every article is published once.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::{Broker, Names, Worker, count_ids};

#[tokio::test]
async fn two_workers_on_one_queue_each_take_a_share_and_publish_every_article_once() {
    let broker = Broker::connect(Names::new("scale-two")).await;
    let mut first = Worker::start(&broker.names, &[("ENRICHER__PIPELINE__WORKERS", "1")]);
    let mut second = Worker::start(&broker.names, &[("ENRICHER__PIPELINE__WORKERS", "1")]);
    let ids = broker.publish_many("scale", 2000).await;
    let outputs = broker.outputs(ids.len(), Duration::from_secs(60)).await;
    first.stop();
    second.stop();
    let counts = count_ids(&outputs);
    assert_eq!(counts.len(), ids.len(), "every article published");
    assert!(
        counts.values().all(|n| *n == 1),
        "no article published twice"
    );
    let mut shares: HashMap<String, usize> = HashMap::new();
    for output in &outputs {
        let worker = output.json()["processing"]["worker_id"]
            .as_str()
            .unwrap()
            .to_owned();
        *shares.entry(worker).or_default() += 1;
    }
    assert_eq!(shares.len(), 2, "both workers took a share: {shares:?}");
    assert!(
        shares.values().all(|n| *n >= 100),
        "each share is real: {shares:?}"
    );
}
