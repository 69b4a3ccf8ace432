//! `POST /v1/enrich` against a real pool and processor: each status it answers with, and the bound on waiting requests.

use std::net::SocketAddr;
use std::sync::Arc;

use enricher_message::processor::{Processor, ProcessorOptions};
use enricher_nlp::pipeline::Pipeline;
use enricher_nlp::registry::{self, ModuleSettings};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::{EnrichEndpoint, PATH};
use crate::http::test_client::{Reply, post, send};
use crate::http::{Health, serve};
use crate::pool::EnrichPool;

/// A server with `POST /v1/enrich` on a pool of `threads`, `queue` waiting requests and a body
/// limit of `max_bytes`; the endpoint (for its admission) and the sender that stops the server.
async fn start(
    threads: usize,
    queue: usize,
    max_bytes: usize,
) -> (SocketAddr, Arc<EnrichEndpoint>, oneshot::Sender<()>) {
    let names = ["language".to_owned(), "stats".to_owned()];
    let modules = registry::build(&names, &ModuleSettings::default()).expect("modules");
    let processor = Processor::new(
        Pipeline::new(modules),
        ProcessorOptions {
            max_message_bytes: max_bytes,
            ..ProcessorOptions::unlimited()
        },
        "test".into(),
    );
    let pool = Arc::new(EnrichPool::start(threads, Arc::new(processor)).expect("pool"));
    let endpoint = EnrichEndpoint::new(pool, queue, max_bytes);
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve(
        listener,
        Health::default(),
        Some(Arc::clone(&endpoint)),
        async {
            let _ = stopped.await;
        },
    ));
    (addr, endpoint, stop)
}

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|error| panic!("{error}: {}", reply.body))
}

const ARTICLE: &str = r#"{"id": "a-1", "title": "Rates held", "body": "The central bank held its benchmark rate steady on Thursday, saying inflation had cooled."}"#;

#[tokio::test]
async fn a_json_article_is_answered_with_its_envelope() {
    let (addr, _, stop) = start(1, 4, 1 << 20).await;
    let reply = post(
        addr,
        PATH,
        "application/json; charset=utf-8",
        ARTICLE.as_bytes(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let output = json(&reply);
    assert_eq!(output["id"], "a-1");
    assert_eq!(output["language"]["code"], "en");
    let _ = stop.send(());
}

#[tokio::test]
async fn an_input_the_worker_would_dead_letter_gets_the_status_of_its_code() {
    let (addr, _, stop) = start(1, 4, 1 << 20).await;
    let cases: [(&str, &[u8], u16, &str); 4] = [
        ("application/json", b"{\"body\": ", 422, "invalid_json"),
        ("application/json", b"[1, 2]", 422, "invalid_shape"),
        ("text/plain", b"  \n ", 422, "empty"),
        ("image/png", b"\x89PNG", 415, "unsupported_content_type"),
    ];
    for (content_type, body, status, code) in cases {
        let reply = post(addr, PATH, content_type, body).await;
        assert_eq!(reply.status, status, "{code}: {}", reply.body);
        let output = json(&reply);
        assert_eq!(output["error"]["code"], code);
        assert!(output["id"].is_string(), "{output}");
        assert!(output["error"]["detail"].is_string(), "{output}");
    }
    // `Content-Encoding` is the input's `content_encoding`: one intake does not read is 415.
    let request = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\nContent-Encoding: br\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
    );
    let reply = send(addr, request.as_bytes()).await;
    assert_eq!(reply.status, 415, "{}", reply.body);
    assert_eq!(
        json(&reply)["error"]["code"],
        "unsupported_content_encoding"
    );
    let _ = stop.send(());
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_whether_declared_or_streamed() {
    let (addr, _, stop) = start(1, 4, 1000).await;
    // `Expect: 100-continue` and no body: the server must answer from the header alone.
    let declared = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
    );
    // Chunked, no length: the server must stop reading at the limit.
    let chunk = "x".repeat(600);
    let streamed = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
         258\r\n{chunk}\r\n258\r\n{chunk}\r\n0\r\n\r\n"
    );
    for request in [declared, streamed] {
        let reply = send(addr, request.as_bytes()).await;
        assert_eq!(reply.status, 413, "{}", reply.body);
        let output = json(&reply);
        assert_eq!(output["error"]["code"], "too_large");
        assert!(output["id"].is_null(), "{output}");
    }
    let _ = stop.send(());
}

#[tokio::test]
async fn a_full_queue_is_503_with_retry_after_and_counted() {
    let (addr, endpoint, stop) = start(1, 0, 1 << 20).await;
    // One thread, no queue: holding the only admission permit is a request in the pool.
    let held = Arc::clone(&endpoint.admission)
        .try_acquire_owned()
        .expect("one permit");
    let reply = post(addr, PATH, "application/json", ARTICLE.as_bytes()).await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(reply.header("retry-after"), Some("1"));
    assert_eq!(json(&reply)["error"]["code"], "busy");
    let text = crate::metrics::global().encode();
    let line = text
        .lines()
        .find(|line| line.starts_with(r#"enricher_http_requests_total{status="503"}"#))
        .expect("the 503 counter");
    assert_ne!(line.rsplit(' ').next(), Some("0"), "{line}");
    drop(held);
    let reply = post(addr, PATH, "application/json", ARTICLE.as_bytes()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let _ = stop.send(());
}
