//! Prometheus metrics of the worker: one process-wide registry that the hot path updates and `/metrics` encodes.
//!
//! Every labelled family is filled at start with a zero for each label value
//! the worker can produce (each dead-letter code, requeue reason and
//! configured module), so an `increase()` over the first burst sees it.

#[cfg(target_os = "linux")]
mod process;

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::AtomicI64;
use std::sync::{OnceLock, PoisonError, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::{Registry, Unit};

use enricher_message::intake::RejectCode;

/// The HTTP `Content-Type` of [`Metrics::encode`]'s output: `prometheus-client`
/// writes OpenMetrics text (ending in `# EOF`), which Prometheus negotiates and scrapes.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Histogram bucket bounds in seconds, 1-2.5-5 per decade from 10 µs to 10 s:
/// a module takes tens of microseconds on a short article and seconds on a
/// pathological one, and both ends must stay distinguishable.
const DURATION_BUCKETS: [f64; 19] = [
    0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025,
    0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// A new histogram with [`DURATION_BUCKETS`]; a plain `fn` so it can be a family's constructor.
fn duration_histogram() -> Histogram {
    Histogram::new(DURATION_BUCKETS)
}

/// End-to-end lag bucket bounds in seconds, from half a second to a day: an
/// input's AMQP `timestamp` has whole seconds, and a backlog can last hours.
const LAG_BUCKETS: [f64; 16] = [
    0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0, 14_400.0,
    28_800.0, 86_400.0,
];

/// How far in the future an input's `timestamp` may be and still count (as a
/// lag of 0): clocks of producer and worker differ a little, and the property
/// holds whole seconds. Further ahead, the clock is wrong and the lag is not recorded.
const MAX_CLOCK_SKEW_SECONDS: f64 = 30.0;

/// The seconds from an input's AMQP `timestamp` (seconds since the epoch) to
/// `now`, or `None` when the timestamp is 0 (unset by some clients) or more
/// than [`MAX_CLOCK_SKEW_SECONDS`] ahead of `now`.
fn lag_seconds(sent_at: u64, now: SystemTime) -> Option<f64> {
    if sent_at == 0 {
        return None;
    }
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs_f64();
    let lag = now - sent_at as f64;
    (lag >= -MAX_CLOCK_SKEW_SECONDS).then_some(lag.max(0.0))
}

/// Why an input went back to its queue: the `reason` label of
/// `enricher_messages_requeued_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequeueReason {
    /// The broker kept returning the output as unroutable until `retry.give_up_after` or shutdown.
    Unroutable,
    /// The broker kept nacking the output.
    Nacked,
    /// The enrichment pool produced no outcome (stopped, or processing panicked).
    Pool,
}

impl RequeueReason {
    /// Every reason, so that each has a zero from start.
    pub const ALL: [RequeueReason; 3] = [
        RequeueReason::Unroutable,
        RequeueReason::Nacked,
        RequeueReason::Pool,
    ];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            RequeueReason::Unroutable => "unroutable",
            RequeueReason::Nacked => "nacked",
            RequeueReason::Pool => "pool",
        }
    }
}

/// Every status `POST /v1/enrich` answers with, so that each has a zero from start.
pub const HTTP_ENRICH_STATUSES: [u16; 6] = [200, 400, 413, 415, 422, 503];

/// Microseconds, as the pipeline measures them, to the seconds Prometheus expects.
fn seconds(duration_us: u64) -> f64 {
    duration_us as f64 / 1_000_000.0
}

/// One label (`code`, `reason` or `module`) with its value, the key of a labelled family.
type OneLabel = [(&'static str, String); 1];

/// A family of metrics keyed by one label, with a cache from `&str` to the
/// metric handle so the hot path does not allocate an owned label set per call.
///
/// Metric handles are `Arc`-backed: the cached clone and the family's entry are
/// the same counter or histogram. Label values come from small, fixed sets
/// (dead-letter codes, requeue reasons, configured module names), so the cache
/// stays small.
struct Labeled<M> {
    key: &'static str,
    family: Family<OneLabel, M>,
    handles: RwLock<HashMap<Box<str>, M>>,
}

impl<M> Labeled<M>
where
    M: Clone + prometheus_client::metrics::TypedMetric + Send + Sync + fmt::Debug + 'static,
    Family<OneLabel, M>: prometheus_client::encoding::EncodeMetric,
{
    /// A family whose metrics are built by `constructor`.
    fn new(key: &'static str, constructor: fn() -> M) -> Self {
        Labeled {
            key,
            family: Family::new_with_constructor(constructor),
            handles: RwLock::new(HashMap::new()),
        }
    }

    /// A family that holds a metric for each of `values` from start, so each shows as 0.
    fn with_zeros<'a>(
        key: &'static str,
        constructor: fn() -> M,
        values: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let labeled = Self::new(key, constructor);
        for value in values {
            labeled.get(value);
        }
        labeled
    }

    /// The metric for `value`, created on first use.
    ///
    /// A poisoned lock only means another thread panicked while holding it; the
    /// map is still consistent (inserts are single calls), so it is used as is.
    fn get(&self, value: &str) -> M {
        if let Some(metric) = self
            .handles
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(value)
        {
            return metric.clone();
        }
        let metric = self
            .family
            .get_or_create_owned(&[(self.key, value.to_owned())]);
        self.handles
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(value.into())
            .or_insert_with(|| metric.clone());
        metric
    }
}

impl<M: fmt::Debug> fmt::Debug for Labeled<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Labeled")
            .field("key", &self.key)
            .field("family", &self.family)
            .finish_non_exhaustive()
    }
}

/// Every metric the worker exports on `/metrics`, registered once in its own
/// registry so that tests can build a fresh one and the process shares [`global`].
#[derive(Debug)]
pub struct Metrics {
    /// Unprefixed: the `process_*` collector, and the `enricher_*` sub-registry.
    registry: Registry,
    received: Counter,
    published: Counter,
    input_bytes: Counter,
    output_bytes: Counter,
    end_to_end_lag: Histogram,
    pool_threads: Gauge<i64, AtomicI64>,
    pool_busy: Gauge<i64, AtomicI64>,
    dead_lettered: Labeled<Counter>,
    requeued: Labeled<Counter>,
    processing_duration: Histogram,
    module_duration: Labeled<Histogram>,
    module_failures: Labeled<Counter>,
    in_flight: Gauge<i64, AtomicI64>,
    connection_up: Gauge<i64, AtomicI64>,
    connection_blocked: Gauge<i64, AtomicI64>,
    reconnects: Counter,
    returned: Counter,
    in_flight_bytes: Gauge<i64, AtomicI64>,
    input_paused: Gauge<i64, AtomicI64>,
    prefetch: Gauge<i64, AtomicI64>,
    articles_timed_out: Counter,
    http_requests: Labeled<Counter>,
    http_duration: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// The process-wide metrics: every component updates these, and `/metrics` encodes them.
pub fn global() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::new)
}

impl Metrics {
    /// A registry holding every `enricher_*` metric at zero (and `enricher_build_info`
    /// at 1), each dead-letter code and requeue reason included, and on Linux the
    /// `process_*` metrics.
    pub fn new() -> Self {
        let mut root = Registry::default();
        #[cfg(target_os = "linux")]
        root.register_collector(Box::new(process::ProcessCollector));
        let registry = root.sub_registry_with_prefix("enricher");

        let received = Counter::default();
        registry.register(
            "messages_received",
            "Input messages delivered to this worker",
            received.clone(),
        );
        let published = Counter::default();
        registry.register(
            "messages_published",
            "Enriched messages published and confirmed by the broker",
            published.clone(),
        );
        let input_bytes = Counter::default();
        registry.register_with_unit(
            "input",
            "Bytes of input bodies delivered to this worker",
            Unit::Bytes,
            input_bytes.clone(),
        );
        let output_bytes = Counter::default();
        registry.register_with_unit(
            "output",
            "Bytes of enriched outputs confirmed by the broker",
            Unit::Bytes,
            output_bytes.clone(),
        );
        let end_to_end_lag = Histogram::new(LAG_BUCKETS);
        registry.register_with_unit(
            "end_to_end_lag",
            "Time from an input's AMQP timestamp to its output's confirm, for inputs that carry one",
            Unit::Seconds,
            end_to_end_lag.clone(),
        );
        let pool_threads = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "pool_threads",
            "Threads of the enrichment pool",
            pool_threads.clone(),
        );
        let pool_busy = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "pool_busy_threads",
            "Enrichment pool threads working on an article now",
            pool_busy.clone(),
        );
        let dead_lettered = Labeled::with_zeros(
            "code",
            Counter::default,
            RejectCode::ALL.map(RejectCode::as_str),
        );
        registry.register(
            "dead_lettered",
            "Input messages dead-lettered, by error code",
            dead_lettered.family.clone(),
        );
        let requeued = Labeled::with_zeros(
            "reason",
            Counter::default,
            RequeueReason::ALL.map(RequeueReason::as_str),
        );
        registry.register(
            "messages_requeued",
            "Input messages returned to the queue for redelivery, by reason",
            requeued.family.clone(),
        );
        let processing_duration = duration_histogram();
        registry.register_with_unit(
            "processing_duration",
            "Time to enrich one message, all modules included",
            Unit::Seconds,
            processing_duration.clone(),
        );
        let module_duration = Labeled::new("module", duration_histogram);
        registry.register_with_unit(
            "module_duration",
            "Time one module spent on one message, by module",
            Unit::Seconds,
            module_duration.family.clone(),
        );
        let module_failures = Labeled::new("module", Counter::default);
        registry.register(
            "module_failures",
            "Module runs that failed or panicked (the article is still published), by module",
            module_failures.family.clone(),
        );
        let in_flight = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "messages_in_flight",
            "Messages received and not yet acked or requeued",
            in_flight.clone(),
        );
        let connection_up = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "connection_up",
            "1 while connected to the broker, 0 otherwise",
            connection_up.clone(),
        );
        let connection_blocked = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "connection_blocked",
            "1 while the broker blocks this worker's publishing (a memory or disk alarm), 0 otherwise",
            connection_blocked.clone(),
        );
        let reconnects = Counter::default();
        registry.register(
            "reconnects",
            "Connections to the broker re-established after a loss",
            reconnects.clone(),
        );
        let returned = Counter::default();
        registry.register(
            "outputs_returned",
            "Publishes the broker returned as unroutable or nacked; each is retried in the worker",
            returned.clone(),
        );
        let in_flight_bytes = Gauge::<i64, AtomicI64>::default();
        registry.register_with_unit(
            "in_flight",
            "Input bytes taken from the queue and not yet settled",
            Unit::Bytes,
            in_flight_bytes.clone(),
        );
        let input_paused = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "input_paused",
            "1 while the worker takes no deliveries because input.max_in_flight_bytes is reached",
            input_paused.clone(),
        );
        let prefetch = Gauge::<i64, AtomicI64>::default();
        registry.register(
            "consumer_prefetch",
            "The prefetch of the current consumer, chosen from recent message sizes within input.prefetch",
            prefetch.clone(),
        );
        let articles_timed_out = Counter::default();
        registry.register(
            "articles_timed_out",
            "Articles that reached pipeline.article_timeout, published without the modules left to run",
            articles_timed_out.clone(),
        );
        let statuses = HTTP_ENRICH_STATUSES.map(|status| status.to_string());
        let http_requests = Labeled::with_zeros(
            "status",
            Counter::default,
            statuses.iter().map(String::as_str),
        );
        registry.register(
            "http_requests",
            "POST /v1/enrich requests answered, by HTTP status",
            http_requests.family.clone(),
        );
        let http_duration = duration_histogram();
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer one POST /v1/enrich request, from admission to the response",
            Unit::Seconds,
            http_duration.clone(),
        );
        registry.register(
            "build",
            "The running enricher version",
            Info::new([("version", crate::VERSION)]),
        );

        Metrics {
            registry: root,
            received,
            published,
            input_bytes,
            output_bytes,
            end_to_end_lag,
            pool_threads,
            pool_busy,
            dead_lettered,
            requeued,
            processing_duration,
            module_duration,
            module_failures,
            in_flight,
            connection_up,
            connection_blocked,
            reconnects,
            returned,
            in_flight_bytes,
            input_paused,
            prefetch,
            articles_timed_out,
            http_requests,
            http_duration,
        }
    }

    /// Count a delivery taken from the input queue.
    pub fn received(&self) {
        self.received.inc();
    }

    /// Count an enriched message whose publish the broker confirmed.
    pub fn published(&self) {
        self.published.inc();
    }

    /// Count the body bytes of a delivery taken from the input queue.
    pub fn input_bytes(&self, bytes: usize) {
        self.input_bytes.inc_by(bytes as u64);
    }

    /// Count the body bytes of an enriched output the broker confirmed.
    pub fn output_bytes(&self, bytes: usize) {
        self.output_bytes.inc_by(bytes as u64);
    }

    /// Record the lag from an input's AMQP `timestamp` (seconds since the epoch)
    /// to `now`, when its output is confirmed; nothing when the input had no
    /// timestamp, or one too far in the future to be right.
    pub fn end_to_end_lag(&self, sent_at: Option<u64>, now: SystemTime) {
        if let Some(lag) = sent_at.and_then(|sent_at| lag_seconds(sent_at, now)) {
            self.end_to_end_lag.observe(lag);
        }
    }

    /// Report the enrichment pool's size.
    pub fn set_pool_threads(&self, threads: usize) {
        self.pool_threads
            .set(i64::try_from(threads).unwrap_or(i64::MAX));
    }

    /// Note a pool thread starting on an article; pair with [`Metrics::pool_idle`].
    pub fn pool_busy(&self) {
        self.pool_busy.inc();
    }

    /// Note a pool thread done with its article.
    pub fn pool_idle(&self) {
        self.pool_busy.dec();
    }

    /// Give every per-module family a zero for each of `modules` (the configured
    /// pipeline), so they are on `/metrics` before the first article.
    pub fn known_modules(&self, modules: &[&str]) {
        for module in modules {
            self.module_duration.get(module);
            self.module_failures.get(module);
        }
    }

    /// Count an input dead-lettered with the stable error `code` (`invalid_json`, ...).
    pub fn dead_lettered(&self, code: &str) {
        self.dead_lettered.get(code).inc();
    }

    /// Count an input nacked back to the queue because of a transient failure named by `reason`.
    pub fn requeued(&self, reason: RequeueReason) {
        self.requeued.get(reason.as_str()).inc();
    }

    /// Record how long one message took to enrich, in microseconds.
    pub fn processing_duration(&self, duration_us: u64) {
        self.processing_duration.observe(seconds(duration_us));
    }

    /// Record how long `module` took on one message, in microseconds.
    pub fn module_duration(&self, module: &str, duration_us: u64) {
        self.module_duration
            .get(module)
            .observe(seconds(duration_us));
    }

    /// Count a run of `module` that returned an error or panicked.
    pub fn module_failed(&self, module: &str) {
        self.module_failures.get(module).inc();
    }

    /// Note a message entering processing; pair with [`Metrics::in_flight_dec`].
    pub fn in_flight_inc(&self) {
        self.in_flight.inc();
    }

    /// Note a message leaving processing (acked, dead-lettered or requeued).
    pub fn in_flight_dec(&self) {
        self.in_flight.dec();
    }

    /// Report whether the broker connection is up, so alerts can fire on 0.
    pub fn set_connected(&self, connected: bool) {
        self.connection_up.set(i64::from(connected));
    }

    /// Count a broker connection re-established after a loss.
    pub fn reconnected(&self) {
        self.reconnects.inc();
    }

    /// Report whether the broker blocks this connection's publishing.
    pub fn set_blocked(&self, blocked: bool) {
        self.connection_blocked.set(i64::from(blocked));
    }

    /// Count a publish the broker returned or nacked.
    pub fn returned(&self) {
        self.returned.inc();
    }

    /// Report the input bytes held, taken and not yet settled.
    pub fn set_in_flight_bytes(&self, bytes: usize) {
        self.in_flight_bytes
            .set(i64::try_from(bytes).unwrap_or(i64::MAX));
    }

    /// Report whether taking deliveries is paused for the in-flight byte budget.
    pub fn set_input_paused(&self, paused: bool) {
        self.input_paused.set(i64::from(paused));
    }

    /// Report the prefetch the current consumer was started with.
    pub fn set_prefetch(&self, prefetch: u16) {
        self.prefetch.set(i64::from(prefetch));
    }

    /// Record what the pipeline did on one article: each module's time, its
    /// failures, and whether the article reached its deadline.
    pub fn pipeline_run(&self, run: &enricher_nlp::pipeline::PipelineRun) {
        for timing in &run.timings {
            self.module_duration(timing.module, timing.duration_us);
        }
        for module in &run.failed {
            self.module_failed(module);
        }
        if !run.skipped.is_empty() {
            self.article_timed_out();
        }
    }

    /// Count a `POST /v1/enrich` request answered with `status` after `elapsed`.
    pub fn http_request(&self, status: u16, elapsed: std::time::Duration) {
        self.http_requests.get(&status.to_string()).inc();
        self.http_duration.observe(elapsed.as_secs_f64());
    }

    /// Count an article that reached `pipeline.article_timeout`.
    pub fn article_timed_out(&self) {
        self.articles_timed_out.inc();
    }

    /// The OpenMetrics text exposition of every metric, served as [`CONTENT_TYPE`].
    pub fn encode(&self) -> String {
        let mut text = String::with_capacity(8 * 1024);
        // Writing into a String cannot fail; a metric's own encoder failing would
        // leave a truncated body, which is still better than no metrics at all.
        let _ = encode(&mut text, &self.registry);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value on the line `sample` (name and labels exactly), if present.
    fn sample(text: &str, sample: &str) -> Option<f64> {
        text.lines().find_map(|line| {
            let (name, value) = line.rsplit_once(' ')?;
            (name == sample).then(|| value.parse().ok())?
        })
    }

    #[test]
    fn counters_appear_with_their_labels() {
        let metrics = Metrics::new();
        metrics.received();
        metrics.received();
        metrics.published();
        metrics.dead_lettered("invalid_json");
        metrics.dead_lettered("invalid_json");
        metrics.dead_lettered("too_large");
        metrics.requeued(RequeueReason::Nacked);
        metrics.module_failed("entities");
        metrics.reconnected();
        metrics.returned();
        metrics.article_timed_out();

        let text = metrics.encode();
        assert_eq!(sample(&text, "enricher_messages_received_total"), Some(2.0));
        assert_eq!(
            sample(&text, "enricher_messages_published_total"),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"enricher_dead_lettered_total{code="invalid_json"}"#
            ),
            Some(2.0)
        );
        assert_eq!(
            sample(&text, r#"enricher_dead_lettered_total{code="too_large"}"#),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"enricher_messages_requeued_total{reason="nacked"}"#
            ),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"enricher_module_failures_total{module="entities"}"#
            ),
            Some(1.0)
        );
        assert_eq!(sample(&text, "enricher_reconnects_total"), Some(1.0));
        assert_eq!(sample(&text, "enricher_outputs_returned_total"), Some(1.0));
        assert_eq!(
            sample(&text, "enricher_articles_timed_out_total"),
            Some(1.0)
        );
        assert!(text.ends_with("# EOF\n"), "OpenMetrics text ends in # EOF");
    }

    #[test]
    fn build_info_names_the_crate_version() {
        let text = Metrics::new().encode();
        let line = format!(r#"enricher_build_info{{version="{}"}}"#, crate::VERSION);
        assert_eq!(sample(&text, &line), Some(1.0), "{text}");
    }

    #[test]
    fn durations_are_recorded_in_seconds() {
        let metrics = Metrics::new();
        metrics.processing_duration(1_500_000);
        metrics.module_duration("language", 20);
        metrics.module_duration("language", 30);

        let text = metrics.encode();
        assert_eq!(
            sample(&text, "enricher_processing_duration_seconds_sum"),
            Some(1.5)
        );
        assert_eq!(
            sample(&text, "enricher_processing_duration_seconds_count"),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"enricher_processing_duration_seconds_bucket{le="1.0"}"#
            ),
            Some(0.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"enricher_processing_duration_seconds_bucket{le="2.5"}"#
            ),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"enricher_module_duration_seconds_count{module="language"}"#
            ),
            Some(2.0)
        );
        let sum = sample(
            &text,
            r#"enricher_module_duration_seconds_sum{module="language"}"#,
        )
        .expect("module duration sum");
        assert!((sum - 0.000_05).abs() < 1e-12, "sum was {sum}");
    }

    #[test]
    fn gauges_follow_in_flight_and_connection_state() {
        let metrics = Metrics::new();
        assert_eq!(
            sample(&metrics.encode(), "enricher_connection_up"),
            Some(0.0)
        );
        metrics.set_connected(true);
        metrics.set_blocked(true);
        metrics.set_input_paused(true);
        metrics.set_in_flight_bytes(1234);
        metrics.in_flight_inc();
        metrics.in_flight_inc();
        metrics.in_flight_dec();
        let text = metrics.encode();
        assert_eq!(sample(&text, "enricher_connection_up"), Some(1.0));
        assert_eq!(sample(&text, "enricher_messages_in_flight"), Some(1.0));
        assert_eq!(sample(&text, "enricher_connection_blocked"), Some(1.0));
        assert_eq!(sample(&text, "enricher_input_paused"), Some(1.0));
        assert_eq!(sample(&text, "enricher_in_flight_bytes"), Some(1234.0));
        metrics.set_connected(false);
        assert_eq!(
            sample(&metrics.encode(), "enricher_connection_up"),
            Some(0.0)
        );
    }

    #[test]
    fn label_handles_are_shared_across_threads() {
        let metrics = Metrics::new();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..1000 {
                        metrics.module_failed("quotes");
                    }
                });
            }
        });
        assert_eq!(
            sample(
                &metrics.encode(),
                r#"enricher_module_failures_total{module="quotes"}"#
            ),
            Some(4000.0)
        );
    }

    #[test]
    fn every_code_reason_and_module_is_zero_from_start() {
        let metrics = Metrics::new();
        metrics.known_modules(&["language", "entities"]);
        let text = metrics.encode();
        for code in RejectCode::ALL {
            let line = format!(
                r#"enricher_dead_lettered_total{{code="{}"}}"#,
                code.as_str()
            );
            assert_eq!(sample(&text, &line), Some(0.0), "{line} in\n{text}");
        }
        for reason in RequeueReason::ALL {
            let line = format!(
                r#"enricher_messages_requeued_total{{reason="{}"}}"#,
                reason.as_str()
            );
            assert_eq!(sample(&text, &line), Some(0.0), "{line}");
        }
        for module in ["language", "entities"] {
            let failures = format!(r#"enricher_module_failures_total{{module="{module}"}}"#);
            assert_eq!(sample(&text, &failures), Some(0.0), "{failures}");
            let count = format!(r#"enricher_module_duration_seconds_count{{module="{module}"}}"#);
            assert_eq!(sample(&text, &count), Some(0.0), "{count}");
        }
        for status in HTTP_ENRICH_STATUSES {
            let line = format!(r#"enricher_http_requests_total{{status="{status}"}}"#);
            assert_eq!(sample(&text, &line), Some(0.0), "{line}");
        }
        for zero in [
            "enricher_input_bytes_total",
            "enricher_output_bytes_total",
            "enricher_end_to_end_lag_seconds_count",
            "enricher_http_request_duration_seconds_count",
            "enricher_pool_threads",
            "enricher_pool_busy_threads",
        ] {
            assert_eq!(sample(&text, zero), Some(0.0), "{zero}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn process_metrics_are_unprefixed_and_plausible() {
        let text = Metrics::new().encode();
        let resident = sample(&text, "process_resident_memory_bytes").expect("RSS");
        assert!(resident > 0.0, "{text}");
        assert!(sample(&text, "process_cpu_seconds_total").is_some_and(|cpu| cpu >= 0.0));
        assert!(sample(&text, "process_open_fds").is_some_and(|fds| fds >= 3.0));
        let start = sample(&text, "process_start_time_seconds").expect("start time");
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock after 1970")
            .as_secs_f64();
        assert!(
            start > now - 86_400.0 * 365.0 && start <= now + 1.0,
            "{start}"
        );
        assert!(!text.contains("enricher_process_"), "{text}");
    }

    #[test]
    fn lag_is_observed_from_the_input_timestamp_when_plausible() {
        let metrics = Metrics::new();
        let now = UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_100);
        metrics.end_to_end_lag(Some(1_700_000_000), now); // 100 s
        metrics.end_to_end_lag(Some(1_700_000_110), now); // 10 s ahead: skew, counts as 0
        metrics.end_to_end_lag(Some(1_700_003_600), now); // an hour ahead: a wrong clock
        metrics.end_to_end_lag(Some(0), now); // unset
        metrics.end_to_end_lag(None, now);
        let text = metrics.encode();
        assert_eq!(
            sample(&text, "enricher_end_to_end_lag_seconds_count"),
            Some(2.0),
            "{text}"
        );
        assert_eq!(
            sample(&text, "enricher_end_to_end_lag_seconds_sum"),
            Some(100.0)
        );
        assert_eq!(
            sample(&text, r#"enricher_end_to_end_lag_seconds_bucket{le="0.5"}"#),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"enricher_end_to_end_lag_seconds_bucket{le="120.0"}"#
            ),
            Some(2.0)
        );
    }

    #[test]
    fn bytes_and_pool_use_are_reported() {
        let metrics = Metrics::new();
        metrics.input_bytes(1200);
        metrics.input_bytes(34);
        metrics.output_bytes(5000);
        metrics.set_pool_threads(4);
        metrics.pool_busy();
        metrics.pool_busy();
        metrics.pool_idle();
        let text = metrics.encode();
        assert_eq!(sample(&text, "enricher_input_bytes_total"), Some(1234.0));
        assert_eq!(sample(&text, "enricher_output_bytes_total"), Some(5000.0));
        assert_eq!(sample(&text, "enricher_pool_threads"), Some(4.0));
        assert_eq!(sample(&text, "enricher_pool_busy_threads"), Some(1.0));
    }

    #[test]
    fn global_is_one_registry() {
        assert!(std::ptr::eq(global(), global()));
        assert!(
            global()
                .encode()
                .contains("enricher_messages_received_total")
        );
    }
}
