//! One delivery from enrichment to settlement: enrich it on the pool, publish its output (or dead letter) fitted to the frame, republish what the broker returns or nacks, and say how it settled.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use chrono::Utc;
use lapin::BasicProperties;
use lapin::message::Delivery;
use tracing::{Instrument, warn};

use crate::amqp::consumer::Settlement;
use crate::amqp::headers;
use crate::amqp::properties;
use crate::amqp::publisher::{PublishConfirm, Publisher};
use crate::amqp::returns::{ReturnLog, Returned};
use crate::backoff::Backoff;
use crate::metrics::{self, RequeueReason};
use crate::pool::{EnrichPool, Job};
use crate::settings::Settings;
use crate::shutdown::Shutdown;
use crate::telemetry::spans;
use enricher_message::intake::RejectCode;
use enricher_message::processor::Outcome;

/// What every delivery's task shares, for the worker's whole life.
pub struct Context {
    pub settings: Settings,
    pub pool: Arc<EnrichPool>,
    /// Waits between republishing a returned output.
    pub retry: Backoff,
    pub returns: ReturnLog,
    pub shutdown: Shutdown,
}

/// What a session gives its deliveries: where to publish, the largest frame the
/// broker takes, and the broker's address for the spans' `server.*` attributes.
#[derive(Clone)]
pub struct Session {
    pub publisher: Publisher,
    pub frame_max: u32,
    pub server: Option<SocketAddr>,
}

/// A message to publish, and what counts once it is confirmed.
struct Outgoing<'a> {
    exchange: &'a str,
    routing_key: &'a str,
    body: &'a [u8],
    properties: BasicProperties,
    message_id: &'a str,
    /// `Some(code)` for a dead letter.
    dead_letter: Option<&'static str>,
    /// The input's AMQP `timestamp`, for the end-to-end lag of an output.
    sent_at: Option<u64>,
}

/// Enrich `delivery`, publish what it became, and report how it settled.
pub async fn handle(context: Arc<Context>, session: Session, delivery: Delivery) -> Settlement {
    let metrics = metrics::global();
    metrics.received();
    metrics.input_bytes(delivery.data.len());
    metrics.in_flight_inc();
    let span = spans::process(&spans::Consumed {
        queue: &context.settings.input.queue,
        exchange: delivery.exchange.as_str(),
        routing_key: delivery.routing_key.as_str(),
        delivery_tag: delivery.delivery_tag,
        redelivered: delivery.redelivered,
        body_size: delivery.data.len(),
        server: session.server,
    });
    let input_headers = delivery.properties.headers().as_ref();
    crate::telemetry::continue_trace(
        &span,
        headers::text(input_headers, "traceparent").as_deref(),
        headers::text(input_headers, "tracestate").as_deref(),
    );
    let settlement = settle(&context, &session, delivery, &span)
        .instrument(span.clone())
        .await;
    if let Settlement::ChannelLost(_) = settlement {
        spans::failed(&span, "channel_lost");
    }
    metrics.in_flight_dec();
    settlement
}

/// Enrich, then publish the output or the dead letter until the broker routes it.
async fn settle(
    context: &Context,
    session: &Session,
    delivery: Delivery,
    span: &tracing::Span,
) -> Settlement {
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
            spans::failed(span, RequeueReason::Pool.as_str());
            return requeue_after_backoff(
                context,
                RequeueReason::Pool,
                &properties,
                delivery.redelivered,
            )
            .await;
        }
    };
    let now = Utc::now();
    // The input as it came, to the dead-letter exchange under its own routing key.
    let dead_letter = |code: RejectCode, detail: &str| {
        let letter =
            properties::dead_letter(&properties, code.as_str(), detail, now, session.frame_max);
        (letter.properties, code.as_str())
    };
    let (id, letter) = match outcome {
        Outcome::Enriched {
            id,
            routing_key,
            body,
            total_us,
            run,
        } => {
            metrics::global().pipeline_run(&run);
            span.record("messaging.message.id", id.as_str());
            metrics::global().processing_duration(total_us);
            let traceparent = crate::telemetry::traceparent(span);
            let fitted = properties::output(
                &properties,
                &id,
                traceparent.as_deref(),
                settings.cloudevents_source().as_deref(),
                now,
                session.frame_max,
            );
            match fitted {
                Ok(output) => {
                    // The input body is not needed once it is enriched; a large one goes now.
                    drop(job);
                    let outgoing = Outgoing {
                        exchange: &settings.output.exchange,
                        routing_key: &routing_key,
                        body: &body,
                        properties: output,
                        message_id: &id,
                        dead_letter: None,
                        sent_at: *properties.timestamp(),
                    };
                    return publish_until_routed(context, session, outgoing, span).await;
                }
                Err(too_large) => {
                    let letter = dead_letter(RejectCode::HeadersTooLarge, &too_large.to_string());
                    (id, letter)
                }
            }
        }
        Outcome::Rejected { id, rejection, run } => {
            metrics::global().pipeline_run(&run);
            span.record("messaging.message.id", id.as_str());
            tracing::debug!(
                code = rejection.code.as_str(),
                detail = rejection.detail,
                "dead-lettering"
            );
            let letter = dead_letter(rejection.code, &rejection.detail);
            (id, letter)
        }
    };
    let (properties, code) = letter;
    let outgoing = Outgoing {
        exchange: &settings.dead_letter.exchange,
        routing_key: &job.routing_key,
        body: &job.body,
        properties,
        message_id: &id,
        dead_letter: Some(code),
        sent_at: None,
    };
    spans::failed(span, code);
    publish_until_routed(context, session, outgoing, span).await
}

/// Publish, and while the broker returns or nacks it, publish again after a back-off;
/// hand the input back to the queue only after `retry.give_up_after` or at shutdown.
///
/// Republishing here, with the input unacked, rides out a short output outage
/// without spending the quorum queue's delivery limit (every requeue counts
/// against it); the prefetch window bounds how many deliveries wait like this.
async fn publish_until_routed(
    context: &Context,
    session: &Session,
    outgoing: Outgoing<'_>,
    span: &tracing::Span,
) -> Settlement {
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        // Created, not entered: the span runs from here to its drop once the
        // broker has answered. (Entering it on every poll of the publish, with
        // `.instrument`, slowed the worker enough to fail tests/recovery.rs.)
        let send = spans::send(&spans::Sent {
            exchange: outgoing.exchange,
            routing_key: outgoing.routing_key,
            message_id: outgoing.message_id,
            body_size: outgoing.body.len(),
            server: session.server,
        });
        let confirm = session
            .publisher
            .publish(
                outgoing.exchange,
                outgoing.routing_key,
                outgoing.body,
                outgoing.properties.clone(),
            )
            .await;
        let (reply_code, reason) = match confirm {
            Ok(PublishConfirm::Confirmed) => {
                context.returns.routed();
                let metrics = metrics::global();
                match outgoing.dead_letter {
                    Some(code) => {
                        span.record("enricher.outcome", "dead_lettered");
                        metrics.dead_lettered(code);
                    }
                    None => {
                        span.record("enricher.outcome", "published");
                        metrics.published();
                        metrics.output_bytes(outgoing.body.len());
                        metrics.end_to_end_lag(outgoing.sent_at, SystemTime::now());
                    }
                }
                return Settlement::Ack;
            }
            Ok(PublishConfirm::Unroutable { code, .. }) => (code, RequeueReason::Unroutable),
            Ok(PublishConfirm::Nacked) => (0, RequeueReason::Nacked),
            Err(error) => {
                spans::failed(&send, "channel_lost");
                return Settlement::ChannelLost(error.to_string());
            }
        };
        spans::failed(&send, reason.as_str());
        // The span is the publish, not the back-off that follows.
        drop(send);
        context.returns.returned(Returned {
            exchange: outgoing.exchange,
            routing_key: outgoing.routing_key,
            message_id: outgoing.message_id,
            reply_code,
            dead_letter: outgoing.dead_letter.is_some(),
        });
        if started.elapsed() >= context.settings.retry.give_up_after {
            return hand_back(reason, span);
        }
        let delay = context.retry.delay_for(attempt);
        attempt = attempt.saturating_add(1);
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = context.shutdown.cancelled() => return hand_back(reason, span),
        }
    }
}

/// Give the input back to the queue (a redelivery, counted by a quorum queue).
fn hand_back(reason: RequeueReason, span: &tracing::Span) -> Settlement {
    span.record("enricher.outcome", "requeued");
    spans::failed(span, reason.as_str());
    metrics::global().requeued(reason);
    Settlement::Requeue
}

/// Wait a back-off that grows with the input's deliveries (cut short by shutdown), then requeue it.
async fn requeue_after_backoff(
    context: &Context,
    reason: RequeueReason,
    properties: &BasicProperties,
    redelivered: bool,
) -> Settlement {
    metrics::global().requeued(reason);
    let deliveries = headers::integer(properties.headers().as_ref(), "x-delivery-count")
        .unwrap_or(i64::from(redelivered));
    let delay = context.retry.delay_for(deliveries.clamp(0, 30) as u32);
    tokio::select! {
        _ = tokio::time::sleep(delay) => {}
        _ = context.shutdown.cancelled() => {}
    }
    Settlement::Requeue
}
