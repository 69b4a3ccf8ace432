//! The worker: connect, declare, consume into the enrichment pool, publish and ack; reconnect with back-off; shut down within `shutdown.timeout` whatever the broker does.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{FutureExt, StreamExt};
use tracing::{info, warn};

use crate::amqp::connection::{BrokerConnection, ConnectError, Connector};
use crate::amqp::consumer::{self, ConsumeOptions, End};
use crate::amqp::publisher::Publisher;
use crate::amqp::refusal::Refusal;
use crate::amqp::returns::ReturnLog;
use crate::amqp::topology::TopologyError;
use crate::backoff::Backoff;
use crate::delivery::{self, Context, Session};
use crate::http::Health;
use crate::http::enrich::EnrichEndpoint;
use crate::metrics;
use crate::pool::EnrichPool;
use crate::settings::Settings;
use crate::shutdown::Shutdown;

/// A connection that lasted this long counts as stable: the reconnect back-off starts again from its minimum.
const STABLE_SESSION: Duration = Duration::from_secs(60);

/// How long the connection's close may take. After the drain the worker spends at
/// most about 4.5 s more (acks 1.5 s, channels 1 s, this, the pool and the HTTP
/// server 0.5 s each), so it exits within `shutdown.timeout` plus 5 s.
const CLOSE_WAIT: Duration = Duration::from_secs(1);

/// How long enrichment threads get to finish their article at exit before the process leaves without them.
const POOL_EXIT_WAIT: Duration = Duration::from_millis(500);

/// Why the worker stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// The broker holds a topology that disagrees with the configuration: exit 2.
    #[error(transparent)]
    Topology(#[from] TopologyError),
    #[error("{0}")]
    Settings(String),
    /// The broker refused the credentials, the vhost or a permission at start: exit 2.
    #[error("{0}")]
    Refused(String),
    #[error("cannot listen on http.listen {addr}: {source}")]
    Http {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the enrichment pool: {0}")]
    Pool(std::io::Error),
    #[error("{0}")]
    Pipeline(String),
}

impl WorkerError {
    /// Whether the error is the operator's configuration (exit code 2).
    pub fn is_configuration(&self) -> bool {
        matches!(
            self,
            WorkerError::Topology(_)
                | WorkerError::Settings(_)
                | WorkerError::Refused(_)
                | WorkerError::Pipeline(_)
        )
    }
}

/// How a session (one connection) ended.
enum SessionEnd {
    Shutdown,
    Lost(String),
}

/// Run the worker until `shutdown` is cancelled and in-flight work has drained.
pub async fn run(settings: Settings, shutdown: Shutdown) -> Result<(), WorkerError> {
    crate::memory::tune_for_worker();
    let processor = settings
        .processor()
        .map_err(|error| WorkerError::Pipeline(error.to_string()))?;
    // One id for the logs, the connection name and every envelope.
    let worker_id = processor.worker_id().to_owned();
    let module_names = processor.module_names();
    let connector =
        Connector::new(&settings.amqp, &format!("enricher {worker_id}")).map_err(|error| {
            match error {
                ConnectError::Settings(problem) => WorkerError::Settings(problem),
                other => WorkerError::Settings(other.to_string()),
            }
        })?;
    let pool = Arc::new(
        EnrichPool::start(settings.pipeline.worker_threads(), Arc::new(processor))
            .map_err(WorkerError::Pool)?,
    );
    // `http.enrich`: the HTTP requests share the pool, within their own bounded queue.
    let enrich = settings.http.enrich.then(|| {
        EnrichEndpoint::new(
            Arc::clone(&pool),
            settings.http.enrich_queue,
            settings.input.max_message_bytes,
        )
    });

    let health = Health::new(settings.amqp.unhealthy_after);
    let listener = tokio::net::TcpListener::bind(settings.http.listen)
        .await
        .map_err(|source| WorkerError::Http {
            addr: settings.http.listen,
            source,
        })?;
    let http_addr = listener.local_addr().unwrap_or(settings.http.listen);
    let http_stop = shutdown.child_token();
    let http_task = tokio::spawn(crate::http::serve(listener, health.clone(), enrich, {
        let stop = http_stop.clone();
        async move { stop.cancelled().await }
    }));

    info!(
        worker_id,
        broker = %settings.amqp.redacted_addresses(),
        queue = settings.input.queue,
        modules = ?module_names,
        threads = settings.pipeline.worker_threads(),
        http = %http_addr,
        http_enrich = settings.http.enrich,
        "enricher starting"
    );

    let context = Arc::new(Context {
        retry: Backoff::new(settings.retry.min_backoff, settings.retry.max_backoff),
        settings,
        pool,
        returns: ReturnLog::default(),
        shutdown: shutdown.clone(),
    });
    let result = reconnect_loop(&context, &connector, &health).await;
    health.set_ready(false);
    http_stop.cancel();
    let _ = tokio::time::timeout(Duration::from_millis(500), http_task).await;
    if let Ok(context) = Arc::try_unwrap(context) {
        context.pool.shutdown(POOL_EXIT_WAIT);
    }
    if result.is_ok() {
        info!("enricher stopped");
    }
    result
}

/// Connect, run a session, and on loss reconnect with exponential back-off and
/// jitter, each round starting with the address after the one lost.
///
/// Until the worker first consumes it is starting: a refusal (credentials, vhost,
/// permissions) then stops it with exit 2. Later the same refusal is logged once
/// per back-off step and retried, as an operator may be fixing it.
async fn reconnect_loop(
    context: &Arc<Context>,
    connector: &Connector,
    health: &Health,
) -> Result<(), WorkerError> {
    let settings = &context.settings;
    let key = settings.amqp.address_key();
    let mut backoff = Backoff::new(
        settings.amqp.reconnect_min_backoff,
        settings.amqp.reconnect_max_backoff,
    );
    let mut connected_before = false;
    loop {
        if context.shutdown.is_cancelled() {
            return Ok(());
        }
        let attempt = tokio::select! {
            attempt = connector.connect() => attempt,
            _ = context.shutdown.cancelled() => return Ok(()),
        };
        let reason = match attempt {
            Err(failed) => match failed.refusal() {
                Some(refusal) if !health.has_consumed() => {
                    return Err(WorkerError::Refused(refusal.explain(key)));
                }
                _ => failed.summary(key),
            },
            Ok(connection) => {
                metrics::global().set_connected(true);
                if connected_before {
                    metrics::global().reconnected();
                }
                connected_before = true;
                info!(broker = connector.current_address(), "connected");
                let started = tokio::time::Instant::now();
                let end = session(context, health, &connection).await;
                let starting = !health.has_consumed();
                health.set_ready(false);
                metrics::global().set_connected(false);
                if started.elapsed() >= STABLE_SESSION {
                    backoff.reset();
                }
                let lost = match end {
                    Ok(SessionEnd::Shutdown) => {
                        connection.close("worker shutting down", CLOSE_WAIT).await;
                        return Ok(());
                    }
                    Ok(SessionEnd::Lost(reason)) => {
                        match Refusal::permission_in(
                            &reason,
                            "the read permission on input.queue",
                            "consuming",
                        ) {
                            Some(refusal) => Err(refusal),
                            None => Ok(reason),
                        }
                    }
                    Err(TopologyError::Refused { detail, .. })
                        if detail.starts_with("ACCESS_REFUSED") =>
                    {
                        // Declaring needs configure; binding write (queue) and read (exchange);
                        // a queue with a dead-letter exchange read on it and write on that exchange.
                        Err(Refusal::Permission {
                            needed: "the configure, write and read permissions on the worker's exchanges and queues (a user without configure can run with topology.declare = false once the topology exists)",
                            operation: "declaring the topology",
                            detail,
                        })
                    }
                    Err(error) if error.is_transient() => Ok(error.to_string()),
                    Err(error) => {
                        connection
                            .close("configuration mismatch", Duration::from_secs(2))
                            .await;
                        return Err(error.into());
                    }
                };
                match lost {
                    Err(refusal) if starting => {
                        connection.close("refused", Duration::from_secs(2)).await;
                        return Err(WorkerError::Refused(refusal.explain(key)));
                    }
                    lost => {
                        connection
                            .close("reconnecting", Duration::from_secs(2))
                            .await;
                        connector.lost();
                        lost.unwrap_or_else(|refusal| refusal.explain(key))
                    }
                }
            }
        };
        let delay = backoff.next_delay();
        warn!(
            reason = crate::settings::redact_urls(&reason),
            retry_in_ms = delay.as_millis() as u64,
            "broker connection lost or refused; reconnecting"
        );
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = context.shutdown.cancelled() => return Ok(()),
        }
    }
}

/// One connection's life: declare, consume and settle every delivery on the
/// channel it came from. A lost session drops its bookkeeping, so no stale tag
/// is ever acked on a later channel.
async fn session(
    context: &Arc<Context>,
    health: &Health,
    connection: &BrokerConnection,
) -> Result<SessionEnd, TopologyError> {
    let settings = &context.settings;
    let _events = EventWatch {
        task: tokio::spawn(watch_events(
            connection.lapin().events_listener(),
            health.clone(),
        )),
        health: health.clone(),
    };
    let setup = async {
        let prepared = settings.topology().prepare(connection.lapin()).await?;
        if prepared.output_unbound {
            context.returns.unbound_at_start(&settings.output.exchange);
        }
        let publisher = Publisher::open(connection.lapin()).await?;
        let consume = connection.lapin().create_channel().await?;
        Ok::<_, TopologyError>((publisher, consume))
    };
    let (publisher, consume) = match tokio::time::timeout(settings.amqp.connect_timeout, setup)
        .await
    {
        Ok(setup) => setup?,
        Err(_) => {
            return Ok(SessionEnd::Lost(format!(
                "the broker did not answer the session setup within amqp.connect_timeout ({:?})",
                settings.amqp.connect_timeout
            )));
        }
    };
    let options = ConsumeOptions {
        queue: settings.input.queue.clone(),
        prefetch: settings.input.prefetch,
        max_message_bytes: settings.input.max_message_bytes,
        max_in_flight_bytes: settings.input.max_in_flight_bytes,
        drain_timeout: settings.shutdown.timeout,
        call_timeout: settings.amqp.connect_timeout,
    };
    let handler: consumer::Handler = {
        let context = Arc::clone(context);
        let session = Session {
            publisher: publisher.clone(),
            frame_max: connection.frame_max(),
            server: connection.peer_addr(),
        };
        Arc::new(move |delivery| {
            delivery::handle(Arc::clone(&context), session.clone(), delivery).boxed()
        })
    };
    info!(
        queue = settings.input.queue,
        max_prefetch = settings.input.prefetch,
        frame_max = connection.frame_max(),
        "consuming"
    );
    let end = consumer::consume(&consume, &options, handler, health, &context.shutdown).await;
    Ok(match end {
        End::Shutdown => {
            publisher.close(Duration::from_millis(500)).await;
            SessionEnd::Shutdown
        }
        End::Lost(reason) => SessionEnd::Lost(reason),
    })
}

/// Follow the connection's events: a blocked connection (the broker's memory or
/// disk alarm) makes the worker unready, sets a metric, and is logged when it
/// starts and when it ends.
async fn watch_events(
    mut events: impl futures_util::Stream<Item = lapin::Event> + Unpin,
    health: Health,
) {
    let mut blocked = false;
    while let Some(event) = events.next().await {
        match event {
            lapin::Event::ConnectionBlocked(reason) if !blocked => {
                blocked = true;
                health.set_blocked(true);
                metrics::global().set_blocked(true);
                warn!(
                    reason,
                    "the broker blocks publishing on this connection (resource alarm); not ready until it lifts"
                );
            }
            lapin::Event::ConnectionUnblocked if blocked => {
                blocked = false;
                health.set_blocked(false);
                metrics::global().set_blocked(false);
                info!("the broker unblocked this connection; publishing resumes");
            }
            _ => {}
        }
    }
}

/// The session's [`watch_events`] task: stopped with the session, and what it reported cleared.
struct EventWatch {
    task: tokio::task::JoinHandle<()>,
    health: Health,
}

impl Drop for EventWatch {
    fn drop(&mut self) {
        self.task.abort();
        self.health.set_blocked(false);
        metrics::global().set_blocked(false);
    }
}
