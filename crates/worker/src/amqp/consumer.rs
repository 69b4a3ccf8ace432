//! The consuming side of one session: take deliveries within the prefetch and an in-flight byte budget, hand each to a task, ack in order once settled, and drain on shutdown.
//!
//! The prefetch bounds how many messages the broker sends ahead, not how many
//! bytes: 256 bodies of 10 MiB are 2.5 GB. So the prefetch follows the sizes
//! of recent deliveries ([`PrefetchPlan`]), and the loop also counts the bytes
//! it holds: when they reach `input.max_in_flight_bytes` it cancels its
//! consumer (what is already on the wire still arrives and is handled) and
//! consumes again once half the budget is free. Nothing here awaits the broker
//! without a bound, so a blocked or silent broker never freezes the loop.

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use lapin::message::Delivery;
use lapin::options::{BasicCancelOptions, BasicConsumeOptions, BasicQosOptions};
use lapin::types::FieldTable;
use lapin::{Channel, Consumer};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

use super::acks::AckTracker;
use super::headers::short;
use super::prefetch::PrefetchPlan;
use super::settler::Settler;
use crate::http::Health;
use crate::metrics;

/// How a delivery's task ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// Its output (or dead letter) is confirmed: ack it.
    Ack,
    /// It could not be finished now: hand it back to the queue.
    Requeue,
    /// The publishing channel failed: the session is lost.
    ChannelLost(String),
}

/// What runs for each delivery, on a task of its own.
pub type Handler = Arc<dyn Fn(Delivery) -> BoxFuture<'static, Settlement> + Send + Sync>;

/// The settings the consuming loop follows.
#[derive(Debug, Clone)]
pub struct ConsumeOptions {
    pub queue: String,
    /// `input.prefetch`: the most deliveries the broker may send ahead.
    pub prefetch: u16,
    /// `input.max_message_bytes`: the largest delivery to expect before any is seen.
    pub max_message_bytes: usize,
    /// Input bytes held at once before the consumer is paused.
    pub max_in_flight_bytes: usize,
    /// How long a drain may take after shutdown is asked for.
    pub drain_timeout: Duration,
    /// Bound on each broker call the loop makes (consume, cancel).
    pub call_timeout: Duration,
}

/// How the consuming loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// Drained (or out of time draining) after shutdown; the acks that could be sent are sent.
    Shutdown,
    /// The channel or connection failed; the broker redelivers everything unacked.
    Lost(String),
}

/// Whether deliveries are being taken.
enum Intake {
    /// A consumer is active.
    Consuming(Consumer),
    /// Its cancel is sent; deliveries already on the wire still arrive until the stream ends.
    Cancelling(Consumer),
    /// No consumer: the byte budget is full.
    Paused,
    /// No consumer, for good: the session is draining.
    Stopped,
}

impl Intake {
    /// The next delivery of the active or cancelling consumer; pending forever without one.
    async fn next(&mut self) -> Option<lapin::Result<Delivery>> {
        match self {
            Intake::Consuming(consumer) | Intake::Cancelling(consumer) => consumer.next().await,
            Intake::Paused | Intake::Stopped => std::future::pending().await,
        }
    }
}

/// Bytes and deliveries this session holds.
struct Held {
    tracker: AckTracker,
    bytes: usize,
}

impl Held {
    fn take(&mut self, tag: u64, bytes: usize) {
        self.tracker.track(tag);
        self.bytes += bytes;
        metrics::global().set_in_flight_bytes(self.bytes);
    }

    fn release(&mut self, bytes: usize) {
        self.bytes = self.bytes.saturating_sub(bytes);
        metrics::global().set_in_flight_bytes(self.bytes);
    }
}

/// Consume `options.queue` on `channel` until shutdown (then drain) or until the session is lost.
pub async fn consume(
    channel: &Channel,
    options: &ConsumeOptions,
    handler: Handler,
    health: &Health,
    shutdown: &CancellationToken,
) -> End {
    let (settler, mut settler_failed) = Settler::start(channel.clone());
    let mut plan = PrefetchPlan::new(
        options.prefetch,
        options.max_in_flight_bytes,
        options.max_message_bytes,
    );
    let consumer = match start_consumer(channel, options, plan.current()).await {
        Ok(consumer) => consumer,
        Err(reason) => return End::Lost(reason),
    };
    health.set_ready(true);
    let mut intake = Intake::Consuming(consumer);
    let (done, mut settled) = mpsc::unbounded_channel::<(u64, usize, Settlement)>();
    let mut held = Held {
        tracker: AckTracker::new(),
        bytes: 0,
    };
    let mut draining: Option<Instant> = None;
    let end = loop {
        if draining.is_some() && matches!(intake, Intake::Stopped) && held.tracker.is_empty() {
            break End::Shutdown;
        }
        let deadline = draining.unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            biased;
            Some(reason) = settler_failed.recv() => break End::Lost(reason),
            Some(first) = settled.recv() => {
                let mut next = Some(first);
                while let Some((tag, bytes, settlement)) = next {
                    held.release(bytes);
                    match settlement {
                        Settlement::Ack => held.tracker.confirm(tag),
                        Settlement::Requeue => {
                            settler.requeue(tag);
                            held.tracker.settled(tag);
                        }
                        Settlement::ChannelLost(reason) => return End::Lost(reason),
                    }
                    next = settled.try_recv().ok();
                }
                if let Some(tag) = held.tracker.take_ackable() {
                    settler.ack_up_to(tag);
                }
                if let Err(reason) = resume_if_room(&mut intake, &held, channel, options, plan.current(), draining.is_some()).await {
                    break End::Lost(reason);
                }
            }
            delivery = intake.next() => match delivery {
                Some(Ok(delivery)) => {
                    let tag = delivery.delivery_tag;
                    let bytes = delivery.data.len();
                    held.take(tag, bytes);
                    let handler = Arc::clone(&handler);
                    let done = done.clone();
                    tokio::spawn(async move {
                        let settlement = handler(delivery).await;
                        // The session may be gone (connection lost): the broker redelivers then.
                        let _ = done.send((tag, bytes, settlement));
                    });
                    let new_prefetch = plan.observe(bytes);
                    if draining.is_none() && held.bytes >= options.max_in_flight_bytes {
                        intake = pause(intake, channel, options, held.bytes);
                    } else if let (Some(prefetch), Intake::Consuming(consumer)) = (new_prefetch, &intake) {
                        // A prefetch applies to consumers started after it: cancel, and start anew when the stream ends.
                        debug!(prefetch, "changing the consumer's prefetch");
                        cancel_in_background(channel, consumer, options.call_timeout);
                        if let Intake::Consuming(consumer) = std::mem::replace(&mut intake, Intake::Stopped) {
                            intake = Intake::Cancelling(consumer);
                        }
                    }
                }
                Some(Err(error)) => break End::Lost(error.to_string()),
                None => match intake {
                    Intake::Consuming(_) => break End::Lost("the broker cancelled the consumer".into()),
                    _ if draining.is_some() => intake = Intake::Stopped,
                    _ => {
                        intake = Intake::Paused;
                        if let Err(reason) = resume_if_room(&mut intake, &held, channel, options, plan.current(), false).await {
                            break End::Lost(reason);
                        }
                    }
                },
            },
            _ = shutdown.cancelled(), if draining.is_none() => {
                health.set_ready(false);
                draining = Some(Instant::now() + options.drain_timeout);
                intake = match intake {
                    Intake::Consuming(consumer) => {
                        cancel_in_background(channel, &consumer, options.call_timeout);
                        Intake::Cancelling(consumer)
                    }
                    Intake::Cancelling(consumer) => Intake::Cancelling(consumer),
                    Intake::Paused | Intake::Stopped => Intake::Stopped,
                };
                metrics::global().set_input_paused(false);
                info!(in_flight = held.tracker.outstanding(), "consumer cancelled; draining");
            }
            _ = tokio::time::sleep_until(deadline), if draining.is_some() => {
                warn!(unfinished = held.tracker.outstanding(), "shutdown.timeout reached; unfinished articles will be redelivered");
                break End::Shutdown;
            }
        }
    };
    health.set_ready(false);
    metrics::global().set_input_paused(false);
    metrics::global().set_in_flight_bytes(0);
    if end == End::Shutdown {
        // The last acks, then the channel; bounded, as the broker may block or be gone.
        if settler.flush(Duration::from_millis(1500)).await {
            let _ = tokio::time::timeout(
                Duration::from_millis(500),
                channel.close(200, short("shutdown")),
            )
            .await;
        }
    }
    end
}

/// Open a consumer with `prefetch`, within the call bound.
async fn start_consumer(
    channel: &Channel,
    options: &ConsumeOptions,
    prefetch: u16,
) -> Result<Consumer, String> {
    let consume = async {
        channel
            .basic_qos(prefetch, BasicQosOptions::default())
            .await?;
        channel
            .basic_consume(
                short(&options.queue),
                short(""),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await
    };
    metrics::global().set_prefetch(prefetch);
    match tokio::time::timeout(options.call_timeout, consume).await {
        Ok(Ok(consumer)) => Ok(consumer),
        Ok(Err(error)) => Err(format!("consuming {} failed: {error}", options.queue)),
        Err(_) => Err(format!(
            "the broker did not confirm consuming {} within {:?}",
            options.queue, options.call_timeout
        )),
    }
}

/// Stop taking deliveries: the budget is full.
fn pause(intake: Intake, channel: &Channel, options: &ConsumeOptions, bytes: usize) -> Intake {
    match intake {
        Intake::Consuming(consumer) => {
            debug!(
                in_flight_bytes = bytes,
                budget = options.max_in_flight_bytes,
                "in-flight byte budget reached; pausing the consumer"
            );
            metrics::global().set_input_paused(true);
            cancel_in_background(channel, &consumer, options.call_timeout);
            Intake::Cancelling(consumer)
        }
        other => other,
    }
}

/// Consume again once half the byte budget is free (not while draining).
async fn resume_if_room(
    intake: &mut Intake,
    held: &Held,
    channel: &Channel,
    options: &ConsumeOptions,
    prefetch: u16,
    draining: bool,
) -> Result<(), String> {
    if !matches!(intake, Intake::Paused) || draining || held.bytes > options.max_in_flight_bytes / 2
    {
        return Ok(());
    }
    *intake = Intake::Consuming(start_consumer(channel, options, prefetch).await?);
    metrics::global().set_input_paused(false);
    debug!(in_flight_bytes = held.bytes, "consuming again");
    Ok(())
}

/// Send the consumer's cancel without waiting in the loop: its stream ends when the broker confirms.
fn cancel_in_background(channel: &Channel, consumer: &Consumer, within: Duration) {
    let channel = channel.clone();
    let tag = consumer.tag();
    tokio::spawn(async move {
        let cancel = channel.basic_cancel(tag, BasicCancelOptions::default());
        if let Ok(Err(error)) = tokio::time::timeout(within, cancel).await {
            debug!(%error, "cancelling the consumer failed");
        }
    });
}
