//! What a running worker reports: `/metrics` before any message (process figures, every dead-letter code at zero), bytes and end-to-end lag after one article, and trace ids in its JSON logs.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{Broker, Names, Worker, headers, short};
use lapin::BasicProperties;

/// The value on the line `name` (name and labels exactly) of an exposition, if present.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines().find_map(|line| {
        let (key, value) = line.rsplit_once(' ')?;
        (key == name).then(|| value.parse().ok())?
    })
}

/// Seconds since the epoch, as an AMQP `timestamp`.
fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// The metric names (`enricher_*`, `process_*`) that a dashboard or rules file queries.
fn names_queried(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for prefix in ["enricher_", "process_"] {
        for (at, _) in text.match_indices(prefix) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `enricher_*` in a comment names no metric.
            if !name.ends_with('_') && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Every metric the Grafana dashboard and the alert rules query is one the
/// worker serves from start, so no panel or alert waits on a misspelt name.
#[tokio::test]
async fn the_dashboard_and_alerts_query_only_metrics_the_worker_serves() {
    let broker = Broker::connect(Names::new("metrics-names")).await;
    let mut worker = Worker::start(&broker.names, &[]);
    let (status, text) = worker.get("/metrics").expect("/metrics answers");
    assert_eq!(status, 200);
    let served: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split(['{', ' ']).next())
        .collect();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut checked = 0;
    for file in [
        "deploy/grafana/enricher.json",
        "deploy/prometheus/alerts.yml",
    ] {
        let queries = std::fs::read_to_string(format!("{root}/{file}")).expect(file);
        for name in names_queried(&queries) {
            assert!(
                served.contains(&name.as_str()),
                "{file} queries {name}, which /metrics does not serve:\n{text}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} names found in the files");
    worker.stop();
}

#[tokio::test]
async fn metrics_show_process_figures_and_zeros_at_start_then_bytes_and_lag() {
    let broker = Broker::connect(Names::new("metrics-start")).await;
    let mut worker = Worker::start(&broker.names, &[]);

    let (status, text) = worker.get("/metrics").expect("/metrics answers");
    assert_eq!(status, 200);
    assert!(
        sample(&text, "process_resident_memory_bytes").is_some_and(|rss| rss > 0.0),
        "{text}"
    );
    assert!(text.contains("process_cpu_seconds_total "), "{text}");
    assert!(text.contains("process_start_time_seconds "), "{text}");
    assert!(text.contains("process_open_fds "), "{text}");
    assert!(
        text.contains("\nenricher_dead_lettered_total{code=\"invalid_json\"} 0\n"),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            r#"enricher_messages_requeued_total{reason="unroutable"}"#
        ),
        Some(0.0)
    );
    assert_eq!(
        sample(
            &text,
            r#"enricher_module_failures_total{module="entities"}"#
        ),
        Some(0.0)
    );
    assert_eq!(
        sample(
            &text,
            r#"enricher_module_duration_seconds_count{module="summary"}"#
        ),
        Some(0.0)
    );
    assert!(sample(&text, "enricher_pool_threads").is_some_and(|threads| threads >= 1.0));
    assert_eq!(sample(&text, "enricher_pool_busy_threads"), Some(0.0));
    assert_eq!(sample(&text, "enricher_input_bytes_total"), Some(0.0));

    let body = serde_json::to_vec(&serde_json::json!({
        "id": "lagged-1",
        "title": "Rates on hold",
        "body": common::sample_body(1),
    }))
    .unwrap();
    broker
        .publish(
            "news.economy",
            &body,
            BasicProperties::default()
                .with_content_type(short("application/json"))
                .with_timestamp(now_seconds() - 5),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(outputs.len(), 1, "one enriched output");

    let text = worker.wait_metric(
        "\nenricher_end_to_end_lag_seconds_count 1\n",
        Duration::from_secs(10),
    );
    assert_eq!(
        sample(&text, "enricher_end_to_end_lag_seconds_count"),
        Some(1.0),
        "{text}"
    );
    // Published 5 s in the past (whole seconds), so at least 4 s of lag.
    assert!(
        sample(&text, "enricher_end_to_end_lag_seconds_sum").is_some_and(|lag| lag >= 4.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "enricher_input_bytes_total"),
        Some(body.len() as f64)
    );
    assert_eq!(
        sample(&text, "enricher_output_bytes_total"),
        Some(outputs[0].body.len() as f64)
    );
    worker.stop();
}

#[tokio::test]
async fn json_log_lines_in_a_message_span_carry_its_trace_id() {
    const REMOTE_TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
    let broker = Broker::connect(Names::new("metrics-traceid")).await;
    let log = std::env::temp_dir().join(format!("{}.log", broker.names.input_queue));
    // Nothing listens there: the exporter fails its exports, and the worker carries on.
    let endpoint = format!("http://127.0.0.1:{}", common::free_port());
    let mut worker = Worker::spawn_logged(
        &broker.names,
        &[
            ("ENRICHER__TELEMETRY__LOG_FORMAT", "json"),
            (
                "ENRICHER__TELEMETRY__LOG_LEVEL",
                "info,enricher_worker::delivery=debug",
            ),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
            ("OTEL_SERVICE_NAME", "enricher-test"),
        ],
        &log,
    );
    assert!(
        worker.wait_ready(Duration::from_secs(20)),
        "worker did not become ready"
    );
    broker
        .publish(
            "news.bad",
            b"{not json",
            BasicProperties::default()
                .with_content_type(short("application/json"))
                .with_headers(headers(&[(
                    "traceparent",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                )])),
        )
        .await;
    let expected = "enricher_dead_lettered_total{code=\"invalid_json\"} 1";
    let metrics = worker.wait_metric(expected, Duration::from_secs(10));
    assert!(metrics.contains(expected), "{metrics}");
    worker.stop();

    let logs = std::fs::read_to_string(&log).expect("the worker's log");
    let _ = std::fs::remove_file(&log);
    let lines: Vec<serde_json::Value> = logs
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("JSON line: {line}")))
        .collect();
    let exporting = lines
        .iter()
        .find(|line| line["fields"]["message"] == "exporting spans over OTLP/gRPC")
        .unwrap_or_else(|| panic!("a line on export:\n{logs}"));
    assert_eq!(
        exporting["fields"]["from"], "OTEL_EXPORTER_OTLP_ENDPOINT",
        "{logs}"
    );
    assert_eq!(exporting["fields"]["service_name"], "enricher-test");
    let dead_lettering = lines
        .iter()
        .find(|line| line["fields"]["message"] == "dead-lettering")
        .unwrap_or_else(|| panic!("a dead-lettering line:\n{logs}"));
    assert_eq!(dead_lettering["trace_id"], REMOTE_TRACE_ID, "{logs}");
    let span_id = dead_lettering["span_id"].as_str().expect("a span_id");
    assert_eq!(span_id.len(), 16, "{span_id}");
    assert_ne!(span_id, "00f067aa0ba902b7", "the worker's own span");
    let started = lines
        .iter()
        .find(|line| line["fields"]["message"] == "enricher starting")
        .unwrap_or_else(|| panic!("a start line:\n{logs}"));
    assert!(
        started.get("trace_id").is_none(),
        "no span, no ids: {started}"
    );
}

#[test]
fn an_otlp_endpoint_variable_that_is_not_a_url_stops_the_worker_with_exit_2() {
    let names = Names::new("metrics-badotel");
    let log = std::env::temp_dir().join(format!("{}.log", names.input_queue));
    let mut worker = Worker::spawn_logged(
        &names,
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", "collector port 4317")],
        &log,
    );
    let status = worker.wait_exit(Duration::from_secs(20));
    let logs = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    assert_eq!(status.and_then(|status| status.code()), Some(2), "{logs}");
    assert!(logs.contains("OTEL_EXPORTER_OTLP_ENDPOINT"), "{logs}");
}
