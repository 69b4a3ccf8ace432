//! The enrichment service without a broker (`enricher serve`): the processor on the pool, and `POST /v1/enrich` beside the probes and metrics on one address.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tracing::info;

use crate::http::Health;
use crate::http::enrich::EnrichEndpoint;
use crate::pool::EnrichPool;
use crate::settings::Settings;
use crate::shutdown::Shutdown;
use crate::worker::WorkerError;

/// How long enrichment threads get to finish their article at exit, as in the worker.
const POOL_EXIT_WAIT: Duration = Duration::from_millis(500);

/// Build the processor, listen on `listen` and answer requests until `shutdown` is
/// cancelled, then finish the requests in progress. `/readyz` answers 200 from the
/// moment the processor is built (there is no broker to wait for).
pub async fn run(
    settings: Settings,
    listen: SocketAddr,
    shutdown: Shutdown,
) -> Result<(), WorkerError> {
    crate::memory::tune_for_worker();
    let processor = settings
        .processor()
        .map_err(|error| WorkerError::Pipeline(error.to_string()))?;
    let module_names = processor.module_names();
    let threads = settings.pipeline.worker_threads();
    let pool =
        Arc::new(EnrichPool::start(threads, Arc::new(processor)).map_err(WorkerError::Pool)?);
    let endpoint = EnrichEndpoint::new(
        Arc::clone(&pool),
        settings.http.enrich_queue,
        settings.input.max_message_bytes,
    );
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| WorkerError::Http {
            addr: listen,
            source,
        })?;
    let addr = listener.local_addr().unwrap_or(listen);
    let health = Health::new(Duration::ZERO);
    health.set_ready(true);
    info!(
        http = %addr,
        modules = ?module_names,
        threads,
        queue = settings.http.enrich_queue,
        "enricher serving POST {}",
        crate::http::enrich::PATH
    );
    let result = crate::http::serve(listener, health, Some(endpoint), async move {
        shutdown.cancelled().await;
    })
    .await;
    pool.shutdown(POOL_EXIT_WAIT);
    info!("enricher stopped");
    result.map_err(|source| WorkerError::Http { addr, source })
}
