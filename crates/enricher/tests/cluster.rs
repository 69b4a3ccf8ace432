//! A three-node RabbitMQ cluster of the test's own (its nodes, ports and data folder; the machine's broker untouched): the node under the worker, or the input queue's leader, killed mid-stream loses nothing, and `/readyz` is 200 again.
//!
//! Needs `rabbitmq-server` installed and root, as CI has: the nodes run as the
//! `rabbitmq` user (Debian's wrappers switch to it), sharing its Erlang cookie.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Broker, Names, Worker, count_ids, free_port, publish_articles};

/// One cluster at a time: three nodes each are already a lot for a CI machine.
static ONE_CLUSTER_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// One node of the test's cluster.
struct Node {
    /// `enricher-test-PID-LABEL-a@localhost`.
    name: String,
    amqp_port: u16,
    dist_port: u16,
    /// The node's own folder: its configuration, data, logs and pid file.
    dir: PathBuf,
}

impl Node {
    /// The environment `rabbitmq-server` reads for this node, in place of the machine's.
    fn env(&self, plugins: &Path) -> Vec<(&'static str, String)> {
        let path = |name: &str| self.dir.join(name).display().to_string();
        vec![
            ("RABBITMQ_NODENAME", self.name.clone()),
            ("RABBITMQ_NODE_PORT", self.amqp_port.to_string()),
            ("RABBITMQ_DIST_PORT", self.dist_port.to_string()),
            ("RABBITMQ_CONFIG_FILE", path("rabbitmq")),
            ("RABBITMQ_MNESIA_BASE", path("mnesia")),
            ("RABBITMQ_LOG_BASE", path("log")),
            ("RABBITMQ_PID_FILE", path("pid")),
            (
                "RABBITMQ_ENABLED_PLUGINS_FILE",
                plugins.display().to_string(),
            ),
        ]
    }

    /// The beam process, once the node has written its pid file.
    fn pid(&self) -> Option<i32> {
        std::fs::read_to_string(self.dir.join("pid"))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    fn url(&self) -> String {
        format!("amqp://guest:guest@127.0.0.1:{}/%2f", self.amqp_port)
    }
}

/// Three nodes joined into one cluster; every node killed and the folder deleted on drop, also on panic.
struct Cluster {
    nodes: Vec<Node>,
    dir: tempfile::TempDir,
}

impl Cluster {
    /// Start nodes a, b and c, then join b and c to a.
    fn start(label: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("enricher-cluster.")
            .tempdir()
            .unwrap();
        std::fs::write(dir.path().join("enabled_plugins"), "[].\n").unwrap();
        let nodes: Vec<Node> = ["a", "b", "c"]
            .into_iter()
            .map(|letter| {
                let node = Node {
                    name: format!(
                        "enricher-test-{}-{label}-{letter}@localhost",
                        std::process::id()
                    ),
                    amqp_port: free_port(),
                    dist_port: free_port(),
                    dir: dir.path().join(letter),
                };
                std::fs::create_dir(&node.dir).unwrap();
                std::fs::write(
                    node.dir.join("rabbitmq.conf"),
                    format!("listeners.tcp.local = 127.0.0.1:{}\n", node.amqp_port),
                )
                .unwrap();
                node
            })
            .collect();
        // The nodes run as the rabbitmq user (Debian's wrapper switches to it).
        let _ = Command::new("chown")
            .args(["-R", "rabbitmq:rabbitmq"])
            .arg(dir.path())
            .status();
        let cluster = Self { nodes, dir };
        for node in &cluster.nodes {
            cluster.launch(node);
        }
        for node in &cluster.nodes {
            cluster.await_startup(node);
        }
        let first = cluster.nodes[0].name.clone();
        for node in &cluster.nodes[1..] {
            cluster.ctl(node, &["stop_app"]);
            cluster.ctl(node, &["join_cluster", &first]);
            cluster.ctl(node, &["start_app"]);
        }
        cluster
    }

    /// `rabbitmq-server -detached` for `node`; the node boots in the background.
    fn launch(&self, node: &Node) {
        let _ = std::fs::remove_file(node.dir.join("pid"));
        let status = Command::new("rabbitmq-server")
            .arg("-detached")
            .envs(node.env(&self.dir.path().join("enabled_plugins")))
            .status()
            .expect("the cluster test needs rabbitmq-server installed (and root)");
        assert!(
            status.success(),
            "rabbitmq-server -detached for {}",
            node.name
        );
    }

    /// Wait for `node` to boot: `await_startup` fails at once while the node has not
    /// yet registered its name, so it is asked again until three minutes have passed.
    fn await_startup(&self, node: &Node) {
        let deadline = Instant::now() + Duration::from_secs(180);
        while Instant::now() < deadline {
            let answered = Command::new("rabbitmqctl")
                .args(["-n", &node.name, "await_startup", "--timeout", "180"])
                .output()
                .is_ok_and(|output| output.status.success());
            if answered {
                return;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        self.ctl(node, &["await_startup", "--timeout", "1"]);
    }

    /// `rabbitmqctl -n NODE args`, panicking with its output (and the node's log) on failure.
    fn ctl(&self, node: &Node, args: &[&str]) -> String {
        let output = Command::new("rabbitmqctl")
            .arg("-n")
            .arg(&node.name)
            .args(args)
            .output()
            .expect("rabbitmqctl on PATH");
        if !output.status.success() {
            let log = std::fs::read_dir(node.dir.join("log"))
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
                .collect::<String>();
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            panic!(
                "rabbitmqctl -n {} {args:?}: {}{}\n--- node log, last lines first:\n{}",
                node.name,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr),
                tail.join("\n")
            );
        }
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Every node's URL, comma-separated, as `ENRICHER__AMQP__URLS` takes them.
    fn urls(&self) -> String {
        self.nodes
            .iter()
            .map(Node::url)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Kill the node's beam process (SIGKILL): no goodbye to clients or peers.
    fn kill(&self, node: &Node) {
        let pid = node.pid().expect("the node wrote its pid file");
        // SAFETY: kill(2) on a pid we read from the node's own pid file has no memory effects.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }

    /// The node the worker's connection is on, asked of node `via` while it is the only client.
    fn workers_node(&self, via: &Node) -> &Node {
        let listing = self.ctl(via, &["list_connections", "port"]);
        let ports: Vec<u16> = listing
            .lines()
            .filter_map(|line| line.trim().parse().ok())
            .collect();
        assert_eq!(ports.len(), 1, "one connection, the worker's:\n{listing}");
        self.nodes
            .iter()
            .find(|node| node.amqp_port == ports[0])
            .expect("the worker is on one of the cluster's nodes")
    }

    /// The node leading quorum queue `queue`, asked of node `via`.
    fn leader(&self, via: &Node, queue: &str) -> &Node {
        let listing = self.ctl(via, &["list_queues", "name", "leader"]);
        let leader = listing
            .lines()
            .find_map(|line| line.strip_prefix(queue)?.strip_prefix('\t'))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no leader of {queue} in:\n{listing}"));
        self.nodes
            .iter()
            .find(|node| node.name == leader)
            .unwrap_or_else(|| panic!("leader {leader} is not one of the cluster's nodes"))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for node in &self.nodes {
            match node.pid() {
                Some(pid) => unsafe {
                    // SAFETY: as in `kill`.
                    libc::kill(pid, libc::SIGKILL);
                },
                None => {
                    let _ = Command::new("rabbitmqctl")
                        .args(["-n", &node.name, "stop"])
                        .output();
                }
            }
        }
        // The folder goes with `self.dir`.
    }
}

/// Which node the test kills.
#[derive(Debug, Clone, Copy)]
enum Victim {
    /// The node the worker is connected to.
    WorkersNode,
    /// The node leading the input queue.
    LeadersNode,
}

/// Start a cluster and a worker given every address, publish, kill `victim` mid-stream
/// while publishing more, and check that every article comes out and `/readyz` is 200 again.
async fn kill_mid_stream(label: &str, victim: Victim) {
    let _one = ONE_CLUSTER_AT_A_TIME.lock().await;
    let began = Instant::now();
    let cluster = Cluster::start(label);
    println!(
        "{label}: three nodes clustered in {:.1} s",
        began.elapsed().as_secs_f64()
    );

    let mut names = Names::new(label);
    names.amqp_url = cluster.nodes[0].url();
    let urls = cluster.urls();
    let log = tempfile::NamedTempFile::new().unwrap();
    // The built-in back-off (200 ms doubling to 2 s), so the figure is what a deployment sees.
    let mut worker = Worker::spawn_logged(
        &names,
        &[
            ("ENRICHER__AMQP__URLS", urls.as_str()),
            ("ENRICHER__AMQP__RECONNECT_MIN_BACKOFF", "200ms"),
            ("ENRICHER__AMQP__RECONNECT_MAX_BACKOFF", "2s"),
            // Two cheap modules: the connection is under test, not the enrichment.
            ("ENRICHER__PIPELINE__MODULES", "language,stats"),
        ],
        log.path(),
    );
    assert!(
        worker.wait_ready(Duration::from_secs(60)),
        "the worker became ready on the cluster"
    );
    let mut workers_node = cluster.workers_node(&cluster.nodes[0]);
    let leader = cluster.leader(&cluster.nodes[0], &names.input_queue);
    if let Victim::LeadersNode = victim
        && workers_node.name == leader.name
    {
        // The worker declared the queue, so it leads where the worker is: cut the
        // connection, and the worker moves on to the next address.
        cluster.ctl(
            &cluster.nodes[0],
            &[
                "close_all_connections",
                "-p",
                "/",
                "test: move to the next node",
            ],
        );
        assert!(worker.wait_status("/readyz", 503, Duration::from_secs(10)));
        assert!(worker.wait_ready(Duration::from_secs(60)));
        workers_node = cluster.workers_node(&cluster.nodes[0]);
        assert_ne!(
            workers_node.name, leader.name,
            "the worker moved to another node"
        );
    }
    let target = match victim {
        Victim::WorkersNode => workers_node,
        Victim::LeadersNode => leader,
    };
    // The test's own connection goes to a node that stays up.
    let survivor = cluster
        .nodes
        .iter()
        .find(|node| node.name != target.name)
        .unwrap();
    names.amqp_url = survivor.url();
    let broker = Broker::connect(names.clone()).await;

    let (mut ids, mut refused) =
        publish_articles(&broker.channel, &names.input_exchange, "before", 0..500).await;
    while broker.depth(&names.output_queue).await < 100 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let killed = Instant::now();
    cluster.kill(target);
    // More articles while the worker recovers.
    let during = tokio::spawn({
        let (channel, exchange) = (broker.channel.clone(), names.input_exchange.clone());
        async move { publish_articles(&channel, &exchange, "during", 0..500).await }
    });
    // A worker whose node survives keeps its consumer while the queue elects a leader.
    let went_unready = worker.wait_status("/readyz", 503, Duration::from_secs(5));
    assert!(
        worker.wait_ready(Duration::from_secs(120)),
        "/readyz is 200 again after the kill"
    );
    let readiness = if went_unready {
        format!(
            "/readyz went 503 and was 200 again {:.2} s after the kill",
            killed.elapsed().as_secs_f64()
        )
    } else {
        "/readyz stayed 200 (the worker's connection was not on that node)".to_owned()
    };
    println!(
        "{label}: killed {} ({victim:?}; worker on {}, leader on {}); {readiness}",
        target.name, workers_node.name, leader.name,
    );
    if let Victim::WorkersNode = victim {
        assert!(went_unready, "the worker noticed it lost its node");
    }
    let (more, more_refused) = during.await.unwrap();
    ids.extend(more);
    refused += more_refused;

    let deadline = Instant::now() + Duration::from_secs(300);
    let mut counts = std::collections::HashMap::new();
    loop {
        let unseen = ids.iter().filter(|id| !counts.contains_key(*id)).count();
        if unseen == 0 || Instant::now() >= deadline {
            break;
        }
        let outputs = broker.outputs(unseen, Duration::from_secs(10)).await;
        for (id, count) in count_ids(&outputs) {
            *counts.entry(id).or_insert(0) += count;
        }
    }
    let missing: Vec<&String> = ids.iter().filter(|id| !counts.contains_key(*id)).collect();
    let duplicates: usize = counts.values().map(|count| count - 1).sum();
    println!(
        "{label}: {} articles accepted ({refused} refused by the broker), {} missing, {duplicates} duplicates; {:.1} s in all",
        ids.len(),
        missing.len(),
        began.elapsed().as_secs_f64()
    );
    assert!(
        missing.is_empty(),
        "{} of {} articles lost, e.g. {:?}\n{}",
        missing.len(),
        ids.len(),
        &missing[..missing.len().min(5)],
        std::fs::read_to_string(log.path()).unwrap_or_default()
    );
    worker.stop();
    drop(broker);
    drop(cluster);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_workers_node_mid_stream_loses_nothing_and_it_moves_to_another() {
    kill_mid_stream("node", Victim::WorkersNode).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_input_queues_leader_mid_stream_loses_nothing() {
    kill_mid_stream("leader", Victim::LeadersNode).await;
}
