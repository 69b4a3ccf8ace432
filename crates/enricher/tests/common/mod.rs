//! Shared harness for the integration tests: unique broker names per test, a worker process, publishing and collecting.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicPublishOptions, ConfirmSelectOptions,
    ExchangeDeclareOptions, ExchangeDeleteOptions, QueueBindOptions, QueueDeclareOptions,
    QueueDeleteOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind};

/// The workspace root: workers and commands run there, as from a checkout
/// (`config/tags.toml` and `tests/fixtures/` are found relative to it).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The broker the tests talk to (vhost `/`).
pub fn broker_url() -> String {
    std::env::var("ENRICHER_TEST_AMQP_URL")
        .unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".into())
}

/// Unique names of every exchange and queue one test uses.
#[derive(Debug, Clone)]
pub struct Names {
    pub input_exchange: String,
    pub input_queue: String,
    pub output_exchange: String,
    pub dead_letter_exchange: String,
    pub dead_letter_queue: String,
    /// A queue the test binds to the output exchange to collect outputs.
    pub output_queue: String,
    /// The vhost, URL-encoded in `amqp_url`.
    pub amqp_url: String,
}

impl Names {
    /// Names for test `label`, unique across processes and runs.
    pub fn new(label: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let unique = format!(
            "{label}.{}.{}.{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() % 1_000_000)
        );
        Self {
            input_exchange: format!("test.{unique}.raw"),
            input_queue: format!("test.{unique}.articles"),
            output_exchange: format!("test.{unique}.enriched"),
            dead_letter_exchange: format!("test.{unique}.dead"),
            dead_letter_queue: format!("test.{unique}.dead.q"),
            output_queue: format!("test.{unique}.out.q"),
            amqp_url: broker_url(),
        }
    }

    /// The same names on another vhost.
    pub fn on_vhost(mut self, vhost: &str) -> Self {
        self.amqp_url = format!("amqp://guest:guest@127.0.0.1:5672/{vhost}");
        self
    }

    /// Environment variables pointing a worker at these names.
    pub fn worker_env(&self) -> Vec<(String, String)> {
        [
            ("ENRICHER__AMQP__URL", self.amqp_url.as_str()),
            ("ENRICHER__INPUT__EXCHANGE", &self.input_exchange),
            ("ENRICHER__INPUT__QUEUE", &self.input_queue),
            ("ENRICHER__OUTPUT__EXCHANGE", &self.output_exchange),
            (
                "ENRICHER__DEAD_LETTER__EXCHANGE",
                &self.dead_letter_exchange,
            ),
            ("ENRICHER__DEAD_LETTER__QUEUE", &self.dead_letter_queue),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }
}

/// A test's connection to the broker, which deletes the test's exchanges and queues on drop.
pub struct Broker {
    pub names: Names,
    pub connection: Connection,
    pub channel: Channel,
}

impl Broker {
    /// Connect and bind a collecting queue to the output exchange (declared here so no output is unroutable).
    pub async fn connect(names: Names) -> Self {
        let broker = Self::connect_unbound(names).await;
        broker.declare_output_queue().await;
        broker
    }

    /// Connect with a confirm-mode channel, declaring and binding nothing.
    pub async fn connect_unbound(names: Names) -> Self {
        let connection = Connection::connect(&names.amqp_url, ConnectionProperties::default())
            .await
            .expect("the tests need RabbitMQ at 127.0.0.1:5672 (guest/guest)");
        let channel = connection.create_channel().await.unwrap();
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await
            .unwrap();
        Self {
            names,
            connection,
            channel,
        }
    }

    /// Declare a durable queue `name` with `arguments`, as an operator or an earlier version might have.
    pub async fn declare_queue(&self, name: &str, arguments: FieldTable) {
        self.channel
            .queue_declare(
                short(name),
                QueueDeclareOptions {
                    durable: true,
                    ..Default::default()
                },
                arguments,
            )
            .await
            .unwrap();
    }

    /// Declare the output exchange and the collecting queue bound with `#`.
    pub async fn declare_output_queue(&self) {
        let durable = ExchangeDeclareOptions {
            durable: true,
            ..Default::default()
        };
        self.channel
            .exchange_declare(
                short(&self.names.output_exchange),
                ExchangeKind::Topic,
                durable,
                FieldTable::default(),
            )
            .await
            .unwrap();
        self.channel
            .queue_declare(
                short(&self.names.output_queue),
                QueueDeclareOptions {
                    durable: true,
                    ..Default::default()
                },
                FieldTable::default(),
            )
            .await
            .unwrap();
        self.channel
            .queue_bind(
                short(&self.names.output_queue),
                short(&self.names.output_exchange),
                short("#"),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .unwrap();
    }

    /// Declare the input exchange so the test can publish before a worker starts.
    pub async fn declare_input_exchange(&self) {
        let durable = ExchangeDeclareOptions {
            durable: true,
            ..Default::default()
        };
        self.channel
            .exchange_declare(
                short(&self.names.input_exchange),
                ExchangeKind::Topic,
                durable,
                FieldTable::default(),
            )
            .await
            .unwrap();
    }

    /// Publish to the input exchange and wait for the broker's confirm.
    pub async fn publish(&self, routing_key: &str, body: &[u8], properties: BasicProperties) {
        let confirm = self
            .channel
            .basic_publish(
                short(&self.names.input_exchange),
                short(routing_key),
                BasicPublishOptions {
                    mandatory: true,
                    ..Default::default()
                },
                body,
                properties,
            )
            .await
            .unwrap()
            .await
            .unwrap();
        assert!(confirm.is_ack(), "input publish not confirmed: {confirm:?}");
        assert!(
            confirm.take_message().is_none(),
            "input publish unroutable: is the input queue declared?"
        );
    }

    /// Publish many JSON articles `{"id": prefix-N, "body": ...}` quickly, waiting for all confirms at the end.
    pub async fn publish_many(&self, prefix: &str, count: usize) -> Vec<String> {
        let (ids, refused) =
            publish_articles(&self.channel, &self.names.input_exchange, prefix, 0..count).await;
        assert_eq!(refused, 0, "every input publish confirmed and routed");
        ids
    }

    /// Collect messages from `queue` until `count` have arrived, or none has for `idle`
    /// (the wait restarts with every message, so a slow debug build is not cut short;
    /// two minutes at most in all).
    pub async fn collect(&self, queue: &str, count: usize, idle: Duration) -> Vec<Received> {
        let channel = self.connection.create_channel().await.unwrap();
        let mut consumer = channel
            .basic_consume(
                short(queue),
                short(""),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await
            .unwrap();
        let mut received = Vec::new();
        let cap = tokio::time::Instant::now() + Duration::from_secs(120);
        while received.len() < count {
            let deadline = (tokio::time::Instant::now() + idle).min(cap);
            match tokio::time::timeout_at(deadline, consumer.next()).await {
                Ok(Some(Ok(delivery))) => {
                    delivery
                        .acker
                        .ack(BasicAckOptions::default())
                        .await
                        .unwrap();
                    received.push(Received {
                        routing_key: delivery.routing_key.to_string(),
                        properties: delivery.properties,
                        body: delivery.data,
                    });
                }
                _ => break,
            }
        }
        let _ = channel.close(200, short("done")).await;
        received
    }

    /// Collect enriched outputs.
    pub async fn outputs(&self, count: usize, timeout: Duration) -> Vec<Received> {
        self.collect(&self.names.output_queue.clone(), count, timeout)
            .await
    }

    /// Messages waiting in `queue`, without consuming them.
    pub async fn depth(&self, queue: &str) -> u32 {
        let channel = self.connection.create_channel().await.unwrap();
        let depth = channel
            .queue_declare(
                short(queue),
                QueueDeclareOptions {
                    passive: true,
                    ..Default::default()
                },
                FieldTable::default(),
            )
            .await
            .map(|q| q.message_count())
            .unwrap_or(0);
        let _ = channel.close(200, short("done")).await;
        depth
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let names = self.names.clone();
        // Delete on a fresh connection in a thread of its own: Drop cannot await.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let Ok(connection) =
                    Connection::connect(&names.amqp_url, ConnectionProperties::default()).await
                else {
                    return;
                };
                for queue in [
                    &names.input_queue,
                    &names.output_queue,
                    &names.dead_letter_queue,
                ] {
                    if let Ok(channel) = connection.create_channel().await {
                        let _ = channel
                            .queue_delete(short(queue), QueueDeleteOptions::default())
                            .await;
                    }
                }
                for exchange in [
                    &names.input_exchange,
                    &names.output_exchange,
                    &names.dead_letter_exchange,
                ] {
                    if let Ok(channel) = connection.create_channel().await {
                        let _ = channel
                            .exchange_delete(short(exchange), ExchangeDeleteOptions::default())
                            .await;
                    }
                }
                let _ = connection.close(200, short("cleanup")).await;
            });
        })
        .join();
    }
}

/// Publish JSON articles `{"id": prefix-N, "body": ...}` for `numbers` to `exchange` quickly,
/// waiting for every confirm at the end: the ids the broker took (acked and routed), and
/// how many it did not (nacked, returned, or lost with the channel).
pub async fn publish_articles(
    channel: &Channel,
    exchange: &str,
    prefix: &str,
    numbers: std::ops::Range<usize>,
) -> (Vec<String>, usize) {
    let mut pending = Vec::with_capacity(numbers.len());
    for n in numbers {
        let id = format!("{prefix}-{n}");
        let body =
            serde_json::json!({"id": id, "title": format!("Article {n}"), "body": sample_body(n)});
        let confirm = channel
            .basic_publish(
                short(exchange),
                short("news.world"),
                BasicPublishOptions {
                    mandatory: true,
                    ..Default::default()
                },
                &serde_json::to_vec(&body).unwrap(),
                BasicProperties::default()
                    .with_content_type(short("application/json"))
                    .with_delivery_mode(2),
            )
            .await
            .unwrap();
        pending.push((id, confirm));
    }
    let mut taken = Vec::with_capacity(pending.len());
    let mut refused = 0;
    for (id, confirm) in pending {
        let taken_whole = confirm
            .await
            .is_ok_and(|confirm| confirm.is_ack() && confirm.take_message().is_none());
        if taken_whole {
            taken.push(id);
        } else {
            refused += 1;
        }
    }
    (taken, refused)
}

/// One message a test received.
#[derive(Debug)]
pub struct Received {
    pub routing_key: String,
    pub properties: BasicProperties,
    pub body: Vec<u8>,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("output is JSON")
    }

    pub fn header(&self, key: &str) -> Option<String> {
        match self.properties.headers().as_ref()?.inner().get(key)? {
            AMQPValue::LongString(value) => {
                Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
            }
            AMQPValue::ShortString(value) => Some(value.to_string()),
            other => Some(format!("{other:?}")),
        }
    }
}

/// A short string for test names (always short).
pub fn short(text: &str) -> ShortString {
    ShortString::from(text)
}

/// A header table from string pairs.
pub fn headers(pairs: &[(&str, &str)]) -> FieldTable {
    let mut table = FieldTable::default();
    for (key, value) in pairs {
        table.insert(short(key), AMQPValue::LongString(LongString::from(*value)));
    }
    table
}

/// A realistic article body of about 3 KB, different for each `n`.
pub fn sample_body(n: usize) -> String {
    let paragraph = "The central bank held its benchmark rate steady on Thursday, saying inflation had cooled but remained above target. \"We will stay vigilant,\" the governor told reporters in Frankfurt, adding that wage growth was still strong. Analysts at several banks had expected the decision and said markets now priced a cut in the spring.";
    format!(
        "Story number {n}.\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}"
    )
}

/// A free TCP port on loopback for a worker's HTTP endpoint.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A worker process under test.
pub struct Worker {
    pub child: Child,
    pub http: SocketAddr,
}

impl Worker {
    /// Start `enricher run` pointed at `names`, with `extra` variables, and wait until it is ready.
    pub fn start(names: &Names, extra: &[(&str, &str)]) -> Self {
        let mut worker = Self::spawn(names, extra);
        assert!(
            worker.wait_ready(Duration::from_secs(20)),
            "worker did not become ready"
        );
        worker
    }

    /// Start `enricher run` without waiting.
    pub fn spawn(names: &Names, extra: &[(&str, &str)]) -> Self {
        Self::spawn_to(names, extra, Stdio::inherit())
    }

    /// Start `enricher run` without waiting, its log (stderr) written to `log`.
    pub fn spawn_logged(names: &Names, extra: &[(&str, &str)], log: &std::path::Path) -> Self {
        let file = std::fs::File::create(log).expect("create the worker's log file");
        Self::spawn_to(names, extra, Stdio::from(file))
    }

    /// Start `enricher run` without waiting, its stderr going to `stderr`.
    pub fn spawn_to(names: &Names, extra: &[(&str, &str)], stderr: Stdio) -> Self {
        let (mut command, http) = Self::command("run", stderr);
        command
            .envs(names.worker_env())
            .env("ENRICHER__RETRY__MIN_BACKOFF", "50ms")
            .env("ENRICHER__RETRY__MAX_BACKOFF", "200ms")
            .env("ENRICHER__AMQP__RECONNECT_MIN_BACKOFF", "100ms")
            .env("ENRICHER__AMQP__RECONNECT_MAX_BACKOFF", "1s");
        for (key, value) in extra {
            command.env(key, value);
        }
        let child = command.spawn().expect("start enricher");
        Self { child, http }
    }

    /// Start `enricher serve` (no broker) with `extra` variables, and wait until it is ready.
    pub fn serve(extra: &[(&str, &str)]) -> Self {
        let (mut command, http) = Self::command("serve", Stdio::inherit());
        for (key, value) in extra {
            command.env(key, value);
        }
        let child = command.spawn().expect("start enricher serve");
        let mut server = Self { child, http };
        assert!(
            server.wait_ready(Duration::from_secs(20)),
            "enricher serve did not become ready"
        );
        server
    }

    /// `enricher SUBCOMMAND` in the workspace root, listening on a spare loopback port.
    fn command(subcommand: &str, stderr: Stdio) -> (Command, SocketAddr) {
        let http: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_enricher"));
        command
            .current_dir(workspace_root())
            .arg(subcommand)
            .env("ENRICHER__HTTP__LISTEN", http.to_string())
            .env_remove("RUST_LOG")
            .env_remove("ENRICHER_CONFIG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr);
        (command, http)
    }

    /// GET `path` on the worker's HTTP endpoint; the status code, or None when nothing answers.
    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        http_get(self.http, path)
    }

    /// POST `body` as `content_type` to `path`; the status, headers and body.
    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> HttpReply {
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.http,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        http_send(self.http, &request, Duration::from_secs(60)).expect("the server answers")
    }

    /// Poll `/readyz` until it answers 200.
    pub fn wait_ready(&mut self, timeout: Duration) -> bool {
        self.wait_status("/readyz", 200, timeout)
    }

    /// Poll `path` until it answers `status`; panics if the worker exits meanwhile.
    pub fn wait_status(&mut self, path: &str, status: u16, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(exit)) = self.child.try_wait() {
                panic!("worker exited ({exit}) while waiting for {path} to answer {status}");
            }
            if self.get(path).is_some_and(|(code, _)| code == status) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Poll `/metrics` until it holds `line`, and return the last text read:
    /// a message reaches its queue before the worker hears the broker's
    /// confirm and counts it.
    pub fn wait_metric(&mut self, line: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let text = self
                .get("/metrics")
                .map(|(_, text)| text)
                .unwrap_or_default();
            if text.contains(line) || Instant::now() >= deadline {
                return text;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Send a signal (SIGTERM = 15, SIGKILL = 9).
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on our own child's pid has no memory effects.
        unsafe {
            libc::kill(self.child.id() as i32, signal);
        }
    }

    /// SIGTERM, then wait for a clean exit; afterwards anything unacked is back in the queue as ready.
    pub fn stop(&mut self) {
        self.signal(libc::SIGTERM);
        let status = self
            .wait_exit(Duration::from_secs(40))
            .expect("worker exits after SIGTERM");
        assert!(
            status.success(),
            "worker exit status after SIGTERM: {status}"
        );
    }

    /// Wait for the process to exit, killing it after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A minimal HTTP/1.1 GET, enough for /readyz and /metrics.
pub fn http_get(addr: SocketAddr, path: &str) -> Option<(u16, String)> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    http_send(addr, request.as_bytes(), Duration::from_secs(2))
        .map(|reply| (reply.status, reply.body))
}

/// An HTTP response: status, headers (names lower-cased) and body.
pub struct HttpReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpReply {
    /// The body as JSON; panics with the body when it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| panic!("{error}: {}", self.body))
    }

    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Write `request` (a whole HTTP/1.1 request with `Connection: close`) and read the
/// response to the end, waiting at most `timeout` for each read; None when nothing answers.
pub fn http_send(addr: SocketAddr, request: &[u8], timeout: Duration) -> Option<HttpReply> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(200)).ok()?;
    stream.set_read_timeout(Some(timeout)).ok()?;
    stream.write_all(request).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Some(HttpReply {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// What `enricher schema WHICH` prints (`input` or `output`), parsed.
pub fn printed_schema(which: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_enricher"))
        .args(["schema", which])
        .output()
        .expect("run enricher schema");
    assert!(output.status.success(), "enricher schema {which} failed");
    serde_json::from_slice(&output.stdout).expect("the printed schema is JSON")
}

/// The JSON Schema every output must satisfy: the one `enricher schema output`
/// prints (the file, compiled in), with the input schema reachable by its `$id`
/// and nothing fetched from the network.
pub fn schema() -> jsonschema::Validator {
    let input = printed_schema("input");
    let id = input["$id"]
        .as_str()
        .expect("the input schema has an $id")
        .to_owned();
    let resource = jsonschema::Resource::from_contents(input).expect("a 2020-12 schema");
    jsonschema::options()
        .with_resource(id, resource)
        .build(&printed_schema("output"))
        .expect("the output schema compiles offline")
}

/// Panic with every schema violation of `output`.
pub fn assert_valid(validator: &jsonschema::Validator, output: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(output)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "output violates the schema: {errors:?}\n{output:#}"
    );
}

/// Count outputs per article id.
pub fn count_ids(outputs: &[Received]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for output in outputs {
        let id = output.json()["id"].as_str().unwrap_or_default().to_owned();
        *counts.entry(id).or_insert(0) += 1;
    }
    counts
}

/// Run `rabbitmqctl` with `args`, panicking with its output on failure.
pub fn rabbitmqctl(args: &[&str]) -> String {
    let output = Command::new("rabbitmqctl")
        .args(args)
        .output()
        .expect("rabbitmqctl on PATH");
    assert!(
        output.status.success(),
        "rabbitmqctl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
