//! `GET /healthz`, `/readyz` and `/metrics` (SCAFFOLD interface).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the worker is connected and consuming; `/readyz` answers 503 until it is.
#[derive(Debug, Clone, Default)]
pub struct Health {
    ready: Arc<AtomicBool>,
}

impl Health {
    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::SeqCst);
    }
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::SeqCst)
    }
}

/// Serve the endpoints on `listener` until `shutdown` resolves.
pub async fn serve(
    _listener: tokio::net::TcpListener,
    _health: Health,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    shutdown.await;
    Ok(())
}
