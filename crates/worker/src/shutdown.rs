//! Shutdown signalling: SIGTERM or SIGINT cancels one token that every task watches; a second signal exits at once.

use tokio_util::sync::CancellationToken;

/// Re-exported so callers need not depend on tokio-util themselves.
pub use tokio_util::sync::CancellationToken as Shutdown;

/// A token cancelled on the first SIGTERM or SIGINT. A second signal ends the
/// process immediately (exit 1): the operator has asked twice. So does a stop
/// that takes longer than `hard_limit` after the first signal: every wait of
/// the shutdown is bounded well inside it, so reaching it means a bug, and an
/// orchestrator should see the exit rather than a hung process. Must be called
/// inside the tokio runtime.
pub fn on_signals(hard_limit: std::time::Duration) -> CancellationToken {
    let token = CancellationToken::new();
    let cancel = token.clone();
    tokio::spawn(async move {
        if wait_for_signal().await.is_err() {
            tracing::error!("cannot listen for shutdown signals");
            return;
        }
        tracing::info!("shutdown requested; draining in-flight articles");
        cancel.cancel();
        // A thread, not a task: it must fire even if the runtime is wedged.
        let _ = std::thread::Builder::new()
            .name("shutdown-watchdog".into())
            .spawn(move || {
                std::thread::sleep(hard_limit);
                tracing::error!(
                    ?hard_limit,
                    "shutdown overran its bound; exiting without finishing it"
                );
                std::process::exit(1);
            });
        if wait_for_signal().await.is_ok() {
            tracing::warn!("second shutdown signal; exiting without draining");
            std::process::exit(1);
        }
    });
    token
}

#[cfg(unix)]
async fn wait_for_signal() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    tokio::select! {
        _ = terminate.recv() => {}
        _ = interrupt.recv() => {}
    }
    Ok(())
}

#[cfg(not(unix))]
async fn wait_for_signal() -> std::io::Result<()> {
    tokio::signal::ctrl_c().await
}
