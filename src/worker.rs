//! The worker: consumer -> enrichment pool -> publisher -> ack, with reconnects, back-off and graceful shutdown.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures_util::StreamExt;
use lapin::message::Delivery;
use lapin::options::{
    BasicAckOptions, BasicCancelOptions, BasicConsumeOptions, BasicNackOptions, BasicQosOptions,
};
use lapin::types::{AMQPValue, FieldTable};
use lapin::{BasicProperties, Connection};
use tokio::sync::mpsc;
use tracing::{Instrument, field, info, info_span, warn};

use crate::amqp::acks::AckTracker;
use crate::amqp::connection::{self, ConnectError};
use crate::amqp::headers::{self, short};
use crate::amqp::publisher::{PublishConfirm, Publisher};
use crate::amqp::topology::{Topology, TopologyError};
use crate::backoff::Backoff;
use crate::config::Settings;
use crate::http::Health;
use crate::metrics;
use crate::pool::{EnrichPool, Job};
use crate::processor::{Outcome, Processor};
use crate::shutdown::Shutdown;

/// Why the worker stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// The broker holds a topology that disagrees with the configuration: exit 2.
    #[error(transparent)]
    Topology(#[from] TopologyError),
    #[error("amqp.url: {0}")]
    BadUri(String),
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
            WorkerError::Topology(_) | WorkerError::BadUri(_) | WorkerError::Pipeline(_)
        )
    }
}

/// What every message task shares.
struct Context {
    settings: Settings,
    topology: Topology,
    pool: EnrichPool,
    retry: Backoff,
    shutdown: Shutdown,
}

/// How one delivery ended, reported by its task to the session that owns the channel.
#[derive(Debug)]
enum Settlement {
    /// Output or dead letter confirmed: ack.
    Confirmed(u64),
    /// Transient failure, back-off already waited: nack with requeue.
    Requeue(u64),
    /// The publishing channel failed: the session is lost.
    ChannelLost(String),
}

/// How a session (one connection) ended.
enum SessionEnd {
    Shutdown,
    Lost(String),
}

/// Run the worker until `shutdown` is cancelled and in-flight work has drained.
pub async fn run(settings: Settings, shutdown: Shutdown) -> Result<(), WorkerError> {
    let processor = Processor::from_settings(&settings).map_err(WorkerError::Pipeline)?;
    // One id for the logs, the connection name and every envelope.
    let worker_id = processor.worker_id().to_owned();
    let module_names = processor.module_names();
    let pool = EnrichPool::start(settings.pipeline.worker_threads(), Arc::new(processor))
        .map_err(WorkerError::Pool)?;

    let health = Health::default();
    let listener = tokio::net::TcpListener::bind(settings.http.listen)
        .await
        .map_err(|source| WorkerError::Http {
            addr: settings.http.listen,
            source,
        })?;
    let http_addr = listener.local_addr().unwrap_or(settings.http.listen);
    let http_stop = shutdown.child_token();
    let http_task = tokio::spawn(crate::http::serve(listener, health.clone(), {
        let stop = http_stop.clone();
        async move { stop.cancelled().await }
    }));

    info!(
        worker_id,
        broker = %crate::config::redact_url(&settings.amqp.url),
        queue = settings.input.queue,
        modules = ?module_names,
        threads = settings.pipeline.worker_threads(),
        http = %http_addr,
        "enricher starting"
    );

    let context = Arc::new(Context {
        topology: settings.topology(),
        retry: Backoff::new(settings.retry.min_backoff, settings.retry.max_backoff),
        settings,
        pool,
        shutdown: shutdown.clone(),
    });
    let result = reconnect_loop(&context, &health, &worker_id).await;
    health.set_ready(false);
    http_stop.cancel();
    let _ = http_task.await;
    if let Ok(context) = Arc::try_unwrap(context) {
        context.pool.shutdown();
    }
    info!("enricher stopped");
    result
}

/// Connect, run a session, and on loss reconnect with exponential back-off and jitter.
async fn reconnect_loop(
    context: &Arc<Context>,
    health: &Health,
    worker_id: &str,
) -> Result<(), WorkerError> {
    let settings = &context.settings;
    let mut backoff = Backoff::new(
        settings.amqp.reconnect_min_backoff,
        settings.amqp.reconnect_max_backoff,
    );
    let name = format!("enricher {worker_id}");
    let mut connected_before = false;
    loop {
        if context.shutdown.is_cancelled() {
            return Ok(());
        }
        let attempt = tokio::select! {
            attempt = connection::connect(&settings.amqp.url, &name, settings.amqp.heartbeat) => attempt,
            _ = context.shutdown.cancelled() => return Ok(()),
        };
        let reason = match attempt {
            Err(ConnectError::BadUri(problem)) => return Err(WorkerError::BadUri(problem)),
            Err(error) => error.to_string(),
            Ok(connection) => {
                metrics::global().set_connected(true);
                if connected_before {
                    metrics::global().reconnected();
                }
                connected_before = true;
                let end = session(context, health, &connection, &mut backoff).await;
                health.set_ready(false);
                metrics::global().set_connected(false);
                match end {
                    Ok(SessionEnd::Shutdown) => {
                        let close = connection.close(200, short("worker shutting down"));
                        let _ = tokio::time::timeout(Duration::from_secs(5), close).await;
                        return Ok(());
                    }
                    Ok(SessionEnd::Lost(reason)) => {
                        let _ = connection.close(200, short("reconnecting")).await;
                        reason
                    }
                    Err(error) if error.is_transient() => error.to_string(),
                    Err(error) => {
                        let _ = connection.close(200, short("configuration mismatch")).await;
                        return Err(error.into());
                    }
                }
            }
        };
        let delay = backoff.next_delay();
        warn!(
            reason,
            retry_in_ms = delay.as_millis() as u64,
            "broker connection lost; reconnecting"
        );
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = context.shutdown.cancelled() => return Ok(()),
        }
    }
}

/// One connection's life: declare, consume, and settle every delivery on the
/// channel it came from. A lost session drops its tracker, so no stale tag is
/// ever acked on a later channel.
async fn session(
    context: &Arc<Context>,
    health: &Health,
    connection: &Connection,
    backoff: &mut Backoff,
) -> Result<SessionEnd, TopologyError> {
    let settings = &context.settings;
    let declare = connection.create_channel().await?;
    context.topology.declare(&declare).await?;
    let _ = declare.close(200, short("declared")).await;

    let publisher = Publisher::open(connection).await?;
    let consume = connection.create_channel().await?;
    consume
        .basic_qos(settings.input.prefetch, BasicQosOptions::default())
        .await?;
    let mut consumer = consume
        .basic_consume(
            short(&settings.input.queue),
            short(""),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let consumer_tag = consumer.tag();
    health.set_ready(true);
    backoff.reset();
    info!(
        queue = settings.input.queue,
        prefetch = settings.input.prefetch,
        "consuming"
    );

    let (done, mut settled) = mpsc::unbounded_channel::<Settlement>();
    let mut tracker = AckTracker::new();
    let mut draining: Option<tokio::time::Instant> = None;
    let mut consumer_done = false;
    let end = loop {
        if draining.is_some() && consumer_done && tracker.is_empty() {
            break SessionEnd::Shutdown;
        }
        let deadline =
            draining.unwrap_or_else(|| tokio::time::Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            biased;
            Some(first) = settled.recv() => {
                let mut next = Some(first);
                while let Some(settlement) = next {
                    match settlement {
                        Settlement::Confirmed(tag) => tracker.confirm(tag),
                        Settlement::Requeue(tag) => {
                            if let Err(error) = consume.basic_nack(tag, BasicNackOptions { multiple: false, requeue: true }).await {
                                return Ok(SessionEnd::Lost(format!("nack failed: {error}")));
                            }
                            tracker.settled(tag);
                        }
                        Settlement::ChannelLost(reason) => return Ok(SessionEnd::Lost(reason)),
                    }
                    next = settled.try_recv().ok();
                }
                if let Some(tag) = tracker.take_ackable()
                    && let Err(error) = consume.basic_ack(tag, BasicAckOptions { multiple: true }).await
                {
                    break SessionEnd::Lost(format!("ack failed: {error}"));
                }
            }
            delivery = consumer.next(), if !consumer_done => match delivery {
                Some(Ok(delivery)) => {
                    tracker.track(delivery.delivery_tag);
                    tokio::spawn(handle(Arc::clone(context), publisher.clone(), delivery, done.clone()));
                }
                Some(Err(error)) => break SessionEnd::Lost(error.to_string()),
                None if draining.is_some() => consumer_done = true,
                None => break SessionEnd::Lost("the broker cancelled the consumer".into()),
            },
            _ = context.shutdown.cancelled(), if draining.is_none() => {
                health.set_ready(false);
                draining = Some(tokio::time::Instant::now() + settings.shutdown.timeout);
                if let Err(error) = consume.basic_cancel(consumer_tag.clone(), BasicCancelOptions::default()).await {
                    break SessionEnd::Lost(format!("cancel failed: {error}"));
                }
                info!(in_flight = tracker.outstanding(), "consumer cancelled; draining");
            }
            _ = tokio::time::sleep_until(deadline), if draining.is_some() => {
                warn!(unfinished = tracker.outstanding(), "shutdown.timeout reached; unfinished articles will be redelivered");
                break SessionEnd::Shutdown;
            }
        }
    };
    if matches!(end, SessionEnd::Shutdown) {
        // Bounded: a broker that stopped answering must not hold the exit past the timeout.
        let close = async {
            publisher.close().await;
            let _ = consume.close(200, short("shutdown")).await;
        };
        let _ = tokio::time::timeout(Duration::from_secs(5), close).await;
    }
    Ok(end)
}

/// Enrich one delivery and publish its output (or dead letter), then report how it settled.
async fn handle(
    context: Arc<Context>,
    publisher: Publisher,
    delivery: Delivery,
    done: mpsc::UnboundedSender<Settlement>,
) {
    let metrics = metrics::global();
    metrics.received();
    metrics.in_flight_inc();
    let tag = delivery.delivery_tag;
    let span = info_span!(
        "process",
        otel.name = %format_args!("{} process", context.settings.input.queue),
        otel.kind = "consumer",
        messaging.system = "rabbitmq",
        messaging.operation.type = "process",
        messaging.destination.name = %delivery.exchange,
        messaging.rabbitmq.destination.routing_key = %delivery.routing_key,
        messaging.message.id = field::Empty,
        messaging.rabbitmq.message.delivery_tag = tag,
        messaging.rabbitmq.message.redelivered = delivery.redelivered,
        enricher.outcome = field::Empty,
    );
    let input_headers = delivery.properties.headers().as_ref();
    crate::telemetry::continue_trace(
        &span,
        headers::text(input_headers, "traceparent").as_deref(),
        headers::text(input_headers, "tracestate").as_deref(),
    );
    let settlement = settle(&context, &publisher, delivery, &span)
        .instrument(span.clone())
        .await;
    metrics.in_flight_dec();
    // The session may be gone (connection lost): then there is nobody to ack on, and the broker redelivers.
    let _ = done.send(match settlement {
        Ok(true) => Settlement::Confirmed(tag),
        Ok(false) => Settlement::Requeue(tag),
        Err(reason) => Settlement::ChannelLost(reason),
    });
}

/// `Ok(true)` when confirmed, `Ok(false)` when it must be requeued (back-off already waited).
async fn settle(
    context: &Context,
    publisher: &Publisher,
    delivery: Delivery,
    span: &tracing::Span,
) -> Result<bool, String> {
    let settings = &context.settings;
    let properties = delivery.properties;
    let job = Job {
        body: delivery.data,
        content_type: properties.content_type().as_ref().map(|t| t.to_string()),
        content_encoding: properties
            .content_encoding()
            .as_ref()
            .map(|t| t.to_string()),
        message_id: properties.message_id().as_ref().map(|t| t.to_string()),
        routing_key: delivery.routing_key.to_string(),
        received_at: Utc::now(),
        span: span.clone(),
    };
    let (job, outcome) = match context.pool.process(job).await {
        Ok(done) => done,
        Err(error) => {
            warn!(%error, "article not processed; requeueing");
            return requeue(
                context,
                "pool",
                properties.headers().as_ref(),
                delivery.redelivered,
            )
            .await;
        }
    };
    let (confirm, dead_letter_code) = match outcome {
        Outcome::Enriched {
            id,
            routing_key,
            body,
            total_us,
        } => {
            span.record("messaging.message.id", id.as_str());
            metrics::global().processing_duration(total_us);
            let output = output_properties(&properties, &id, crate::telemetry::traceparent(span));
            (
                publisher
                    .publish(&settings.output.exchange, &routing_key, &body, output)
                    .await,
                None,
            )
        }
        Outcome::Rejected { id, rejection } => {
            span.record("messaging.message.id", id.as_str());
            tracing::debug!(
                code = rejection.code.as_str(),
                detail = rejection.detail,
                "dead-lettering"
            );
            let dead =
                dead_letter_properties(&properties, rejection.code.as_str(), &rejection.detail);
            let confirm = publisher
                .publish(
                    &settings.dead_letter.exchange,
                    &job.routing_key,
                    &job.body,
                    dead,
                )
                .await;
            (confirm, Some(rejection.code.as_str()))
        }
    };
    match confirm {
        Ok(PublishConfirm::Confirmed) => {
            match dead_letter_code {
                Some(code) => {
                    span.record("enricher.outcome", "dead_lettered");
                    metrics::global().dead_lettered(code);
                }
                None => {
                    span.record("enricher.outcome", "published");
                    metrics::global().published();
                }
            }
            Ok(true)
        }
        Ok(PublishConfirm::Unroutable { reply }) => {
            warn!(
                reply,
                exchange = settings.output.exchange,
                "output unroutable (no queue bound); requeueing"
            );
            requeue(
                context,
                "unroutable",
                properties.headers().as_ref(),
                delivery.redelivered,
            )
            .await
        }
        Ok(PublishConfirm::Nacked) => {
            warn!("broker nacked the output; requeueing");
            requeue(
                context,
                "nacked",
                properties.headers().as_ref(),
                delivery.redelivered,
            )
            .await
        }
        Err(error) => Err(error.to_string()),
    }
}

/// Wait the retry back-off (cut short by shutdown), then ask for a requeue.
async fn requeue(
    context: &Context,
    reason: &str,
    headers: Option<&FieldTable>,
    redelivered: bool,
) -> Result<bool, String> {
    metrics::global().requeued(reason);
    let deliveries =
        headers::integer(headers, "x-delivery-count").unwrap_or(i64::from(redelivered));
    let delay = context.retry.delay_for(deliveries.clamp(0, 30) as u32);
    tokio::select! {
        _ = tokio::time::sleep(delay) => {}
        _ = context.shutdown.cancelled() => {}
    }
    Ok(false)
}

/// Properties of an enriched output: contract fields plus the input's headers and correlation id.
fn output_properties(
    input: &BasicProperties,
    id: &str,
    traceparent: Option<String>,
) -> BasicProperties {
    let mut headers = input.headers().clone().unwrap_or_default();
    headers::set_text(&mut headers, "x-enricher-version", crate::VERSION);
    if let Some(traceparent) = traceparent {
        headers::set_text(&mut headers, "traceparent", &traceparent);
    }
    let mut properties = BasicProperties::default()
        .with_content_type(short("application/json"))
        .with_delivery_mode(2)
        .with_message_id(short(id))
        .with_timestamp(Utc::now().timestamp().max(0) as u64)
        .with_app_id(short("enricher"))
        .with_headers(headers);
    if let Some(correlation_id) = input.correlation_id() {
        properties = properties.with_correlation_id(correlation_id.clone());
    }
    properties
}

/// The input's own properties, unchanged, plus the reason headers of the contract.
fn dead_letter_properties(input: &BasicProperties, code: &str, detail: &str) -> BasicProperties {
    let mut headers = input.headers().clone().unwrap_or_default();
    headers::set_text(&mut headers, "x-enricher-error", code);
    headers::set_text(&mut headers, "x-enricher-error-detail", detail);
    headers::set_text(
        &mut headers,
        "x-enricher-failed-at",
        &crate::output::timestamp(Utc::now()),
    );
    headers.insert(
        short("x-enricher-version"),
        AMQPValue::LongString(crate::VERSION.into()),
    );
    input.clone().with_headers(headers)
}
