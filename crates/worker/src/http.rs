//! `GET /healthz`, `/readyz` and `/metrics`: what orchestrators probe and Prometheus scrapes; and, when served, `POST /v1/enrich` ([`enrich`]).

pub mod enrich;
#[cfg(test)]
mod test_client;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;

use enrich::EnrichEndpoint;

/// What the probes report: whether the worker consumes, whether the broker
/// blocks it, and how long it has been without a connection.
///
/// Cloned into every component that knows about it (the session sets consuming
/// when it starts and clears it when the connection drops or shutdown begins;
/// the connection's event watcher sets blocked); all clones share one state.
#[derive(Debug, Clone)]
pub struct Health {
    inner: Arc<HealthState>,
}

#[derive(Debug)]
struct HealthState {
    consuming: AtomicBool,
    /// Whether any session has consumed yet: before that the worker is still starting.
    consumed: AtomicBool,
    blocked: AtomicBool,
    /// Since when the worker has had no consuming session; `None` while it has one.
    disconnected_since: Mutex<Option<Instant>>,
    /// `/healthz` fails once disconnected this long; zero never fails it.
    unhealthy_after: Duration,
}

impl Default for Health {
    fn default() -> Self {
        Self::new(Duration::ZERO)
    }
}

impl Health {
    /// Not consuming yet; `/healthz` fails after `unhealthy_after` without a session (zero: never).
    pub fn new(unhealthy_after: Duration) -> Self {
        Self {
            inner: Arc::new(HealthState {
                consuming: AtomicBool::new(false),
                consumed: AtomicBool::new(false),
                blocked: AtomicBool::new(false),
                disconnected_since: Mutex::new(Some(Instant::now())),
                unhealthy_after,
            }),
        }
    }

    /// Mark the worker consuming or not, e.g. while reconnecting or draining.
    pub fn set_ready(&self, consuming: bool) {
        self.inner.consuming.store(consuming, Ordering::SeqCst);
        if consuming {
            self.inner.consumed.store(true, Ordering::SeqCst);
        }
        let mut since = self
            .inner
            .disconnected_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match (consuming, *since) {
            (true, _) => *since = None,
            (false, None) => *since = Some(Instant::now()),
            (false, Some(_)) => {}
        }
    }

    /// Whether the worker has consumed at least once, i.e. has finished starting.
    pub fn has_consumed(&self) -> bool {
        self.inner.consumed.load(Ordering::SeqCst)
    }

    /// Mark the connection blocked by the broker (a resource alarm) or not.
    pub fn set_blocked(&self, blocked: bool) {
        self.inner.blocked.store(blocked, Ordering::SeqCst);
    }

    /// Whether `/readyz` should answer 200: consuming, and not blocked.
    pub fn is_ready(&self) -> bool {
        self.inner.consuming.load(Ordering::SeqCst) && !self.inner.blocked.load(Ordering::SeqCst)
    }

    /// How long the worker has been without a consuming session, if it is.
    pub fn disconnected_for(&self) -> Option<Duration> {
        self.inner
            .disconnected_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .map(|since| since.elapsed())
    }

    /// Whether `/healthz` should answer 200: not disconnected past `amqp.unhealthy_after`.
    pub fn is_live(&self) -> bool {
        self.inner.unhealthy_after.is_zero()
            || self
                .disconnected_for()
                .is_none_or(|elapsed| elapsed < self.inner.unhealthy_after)
    }

    fn not_ready_reason(&self) -> &'static str {
        if self.inner.blocked.load(Ordering::SeqCst) {
            "not ready: the broker blocks publishing (resource alarm)"
        } else {
            "not ready"
        }
    }
}

/// The routes, separate from [`serve`] so that the wiring is one readable list.
fn router(health: Health, enrich: Option<Arc<EnrichEndpoint>>) -> Router {
    let probes = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .with_state(health);
    match enrich {
        Some(endpoint) => probes.merge(enrich::routes(endpoint)),
        None => probes,
    }
}

/// Liveness: the process and its runtime answer, and the worker has not been
/// without the broker past `amqp.unhealthy_after` (a restart may then help).
async fn healthz(State(health): State<Health>) -> (StatusCode, String) {
    if health.is_live() {
        (StatusCode::OK, "ok".into())
    } else {
        let seconds = health.disconnected_for().unwrap_or_default().as_secs();
        (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("unhealthy: no consuming broker connection for {seconds} s"),
        )
    }
}

/// Readiness: 200 only while consuming and not blocked, so a load balancer or rollout waits for the broker.
async fn readyz(State(health): State<Health>) -> (StatusCode, &'static str) {
    if health.is_ready() {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, health.not_ready_reason())
    }
}

/// The process-wide metrics in OpenMetrics text, the format `prometheus-client` writes.
async fn metrics() -> impl IntoResponse {
    (
        [(CONTENT_TYPE, crate::metrics::CONTENT_TYPE)],
        crate::metrics::global().encode(),
    )
}

/// Serve the endpoints on `listener` until `shutdown` resolves; `POST /v1/enrich`
/// too when `enrich` is given.
///
/// After `shutdown` resolves no new connection is accepted and the call returns
/// once the requests in progress have been answered. Errors are those of the
/// listener itself; a failed connection only ends that connection.
pub async fn serve(
    listener: tokio::net::TcpListener,
    health: Health,
    enrich: Option<Arc<EnrichEndpoint>>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(health, enrich))
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::test_client::get;
    use super::*;
    use std::net::SocketAddr;
    use tokio::net::{TcpListener, TcpStream};
    use tokio::sync::oneshot;
    use tokio::task::JoinHandle;

    /// A server on an ephemeral port, and the sender that shuts it down.
    async fn start(
        health: Health,
    ) -> (
        SocketAddr,
        oneshot::Sender<()>,
        JoinHandle<std::io::Result<()>>,
    ) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, health, None, async {
            let _ = stopped.await;
        }));
        (addr, stop, server)
    }

    #[tokio::test]
    async fn healthz_answers_ok_whether_or_not_ready() {
        let health = Health::default();
        let (addr, stop, server) = start(health.clone()).await;
        let reply = get(addr, "/healthz").await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "ok"));
        health.set_ready(true);
        let reply = get(addr, "/healthz").await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "ok"));
        stop.send(()).expect("server running");
        server.await.expect("join").expect("serve");
    }

    #[tokio::test]
    async fn a_blocked_connection_is_not_ready() {
        let health = Health::default();
        let (addr, stop, server) = start(health.clone()).await;
        health.set_ready(true);
        health.set_blocked(true);
        let reply = get(addr, "/readyz").await;
        assert_eq!(reply.status, 503);
        assert!(reply.body.contains("blocks"), "{}", reply.body);
        health.set_blocked(false);
        assert_eq!(get(addr, "/readyz").await.status, 200);
        stop.send(()).expect("server running");
        server.await.expect("join").expect("serve");
    }

    #[tokio::test]
    async fn healthz_fails_after_being_disconnected_too_long() {
        let health = Health::new(Duration::from_millis(50));
        let (addr, stop, server) = start(health.clone()).await;
        health.set_ready(true);
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert_eq!(get(addr, "/healthz").await.status, 200, "consuming");
        health.set_ready(false);
        assert_eq!(get(addr, "/healthz").await.status, 200, "just disconnected");
        tokio::time::sleep(Duration::from_millis(80)).await;
        let reply = get(addr, "/healthz").await;
        assert_eq!(reply.status, 503);
        assert!(
            reply.body.contains("no consuming broker connection"),
            "{}",
            reply.body
        );
        health.set_ready(true);
        assert_eq!(get(addr, "/healthz").await.status, 200, "reconnected");
        stop.send(()).expect("server running");
        server.await.expect("join").expect("serve");
    }

    #[tokio::test]
    async fn readyz_follows_set_ready() {
        let health = Health::default();
        let (addr, stop, server) = start(health.clone()).await;

        let reply = get(addr, "/readyz").await;
        assert_eq!((reply.status, reply.body.as_str()), (503, "not ready"));

        health.set_ready(true);
        let reply = get(addr, "/readyz").await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "ready"));

        health.set_ready(false);
        let reply = get(addr, "/readyz").await;
        assert_eq!(reply.status, 503);

        stop.send(()).expect("server running");
        server.await.expect("join").expect("serve");
    }

    #[tokio::test]
    async fn metrics_serves_openmetrics_text() {
        crate::metrics::global().received();
        let (addr, stop, server) = start(Health::default()).await;
        let reply = get(addr, "/metrics").await;
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.header("content-type"),
            Some(crate::metrics::CONTENT_TYPE)
        );
        assert!(
            reply.body.contains("enricher_messages_received_total "),
            "{}",
            reply.body
        );
        assert!(reply.body.ends_with("# EOF\n"));
        stop.send(()).expect("server running");
        server.await.expect("join").expect("serve");
    }

    #[tokio::test]
    async fn unknown_paths_are_not_found() {
        let (addr, stop, server) = start(Health::default()).await;
        assert_eq!(get(addr, "/nope").await.status, 404);
        stop.send(()).expect("server running");
        server.await.expect("join").expect("serve");
    }

    #[tokio::test]
    async fn shutdown_stops_accepting_connections() {
        let (addr, stop, server) = start(Health::default()).await;
        stop.send(()).expect("server running");
        tokio::time::timeout(std::time::Duration::from_secs(5), server)
            .await
            .expect("server stops promptly")
            .expect("join")
            .expect("serve");
        assert!(TcpStream::connect(addr).await.is_err());
    }
}
