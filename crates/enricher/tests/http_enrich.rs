//! `POST /v1/enrich` on the real binary: `enricher serve` answers as `enricher enrich` prints, bad input 422, oversized 413; the worker serves it only when `http.enrich` is set.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{Broker, Names, Worker, http_send, workspace_root};

const CANONICAL: &str = "tests/fixtures/menafn-ukrinform-2024-10-28.txt";

/// What `enricher enrich FILE` prints for `file`, as JSON.
fn enrich_cli(file: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_enricher"))
        .current_dir(workspace_root())
        .args(["enrich", file])
        .env_remove("ENRICHER_CONFIG")
        .env_remove("RUST_LOG")
        .output()
        .expect("run enricher enrich");
    assert!(output.status.success(), "enrich {file}: {output:?}");
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

/// The fields that depend on the article alone, not on when or where it was enriched.
const ANALYSIS: [&str; 6] = [
    "id",
    "language",
    "entities",
    "quotes",
    "topics",
    "fingerprint",
];

fn assert_same_analysis(served: &serde_json::Value, printed: &serde_json::Value) {
    for field in ANALYSIS {
        assert!(!printed[field].is_null(), "enrich printed no {field}");
        assert_eq!(served[field], printed[field], "{field} differs");
    }
}

#[test]
fn serve_answers_the_canonical_article_as_enrich_prints_it() {
    let server = Worker::serve(&[]);
    let body = std::fs::read(workspace_root().join(CANONICAL)).expect("fixture");
    let reply = server.post("/v1/enrich", "text/plain; charset=utf-8", &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let served = reply.json();
    assert_same_analysis(&served, &enrich_cli(CANONICAL));
    common::assert_valid(&common::schema(), &served);
}

#[test]
fn serve_answers_a_json_article_as_enrich_prints_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(workspace_root().join(CANONICAL)).expect("fixture");
    let article =
        serde_json::json!({"id": "http-1", "title": "NATO confirms troops", "body": text});
    let path = dir.path().join("article.json");
    std::fs::write(&path, article.to_string()).expect("write article");
    let server = Worker::serve(&[]);
    let reply = server.post(
        "/v1/enrich",
        "application/json",
        article.to_string().as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let served = reply.json();
    assert_eq!(served["id"], "http-1");
    assert_same_analysis(&served, &enrich_cli(path.to_str().expect("UTF-8 path")));
}

#[test]
fn bad_json_is_422_with_its_code_and_counted() {
    let mut server = Worker::serve(&[]);
    let reply = server.post(
        "/v1/enrich",
        "application/json",
        b"{\"body\": \"unterminated",
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    let error = reply.json();
    assert_eq!(error["error"]["code"], "invalid_json");
    assert!(error["id"].is_string(), "{error}");
    assert!(error["error"]["detail"].is_string(), "{error}");
    let metrics = server.wait_metric(
        r#"enricher_http_requests_total{status="422"} 1"#,
        Duration::from_secs(5),
    );
    assert!(
        metrics.contains(r#"enricher_http_requests_total{status="422"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"enricher_http_requests_total{status="503"} 0"#),
        "{metrics}"
    );
    assert!(
        metrics.contains("enricher_http_request_duration_seconds_count 1"),
        "{metrics}"
    );
}

#[test]
fn a_body_over_max_message_bytes_is_413_unread_and_serve_stops_on_sigterm() {
    let mut server = Worker::serve(&[("ENRICHER__INPUT__MAX_MESSAGE_BYTES", "10000")]);
    // As curl sends a large body: the headers, then the body only after `100 Continue`.
    let request = format!(
        "POST /v1/enrich HTTP/1.1\r\nHost: {}\r\nContent-Type: text/plain\r\nContent-Length: 20000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n",
        server.http
    );
    let reply =
        http_send(server.http, request.as_bytes(), Duration::from_secs(10)).expect("an answer");
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(reply.json()["error"]["code"], "too_large");
    // Under the limit the same server enriches.
    let reply = server.post("/v1/enrich", "text/plain", &[b'a'; 200]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    server.stop();
}

#[tokio::test]
async fn the_worker_serves_enrichment_only_when_http_enrich_is_set() {
    let broker = Broker::connect(Names::new("http-enrich")).await;
    let plain = Worker::start(&broker.names, &[]);
    let reply = plain.post("/v1/enrich", "text/plain", b"A short article.");
    assert_eq!(reply.status, 404, "{}", reply.body);

    let enriching = Worker::start(&broker.names, &[("ENRICHER__HTTP__ENRICH", "true")]);
    let body = std::fs::read(workspace_root().join(CANONICAL)).expect("fixture");
    let reply = enriching.post("/v1/enrich", "text/plain", &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_same_analysis(&reply.json(), &enrich_cli(CANONICAL));
    let reply = enriching.post("/v1/enrich", "application/json", b"[1, 2");
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.json()["error"]["code"], "invalid_json");
}
