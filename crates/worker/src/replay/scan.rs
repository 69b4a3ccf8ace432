//! The replay itself: take dead letters from `dead_letter.queue` with `basic.get`, republish the selected ones to `input.exchange` with confirms, ack each only once confirmed, and put every other one back in order.
//!
//! The scan holds every dead letter it leaves unacked until it ends, so
//! `basic.get` never hands the same message out twice, and it stops after the
//! queue's length at start or once `--limit` have moved; then it nacks the
//! held ones with `requeue`, one by one in the order taken. A classic queue
//! puts each back in its place, so its order is kept; a quorum queue
//! (RabbitMQ 3.x) puts them back in an order of its own. A message is either
//! unacked (back in the queue when the connection ends, whatever kills the
//! process) or confirmed on the input exchange before its ack: at least once,
//! never lost.

use std::collections::VecDeque;
use std::time::Duration;

use lapin::options::{BasicAckOptions, BasicGetOptions, BasicNackOptions, QueueDeclareOptions};
use lapin::protocol::{AMQPErrorKind, AMQPSoftError};
use lapin::types::FieldTable;
use lapin::{Channel, ErrorKind};

use super::letter;
use super::report::{Fate, Report};
use crate::amqp::connection::{BrokerConnection, ConnectError, Connector};
use crate::amqp::headers::short;
use crate::amqp::passive::{self, Kind, Needed, Presence};
use crate::amqp::publisher::{PendingConfirm, PublishConfirm, PublishError, Publisher};
use crate::settings::Settings;

/// Republishes awaiting their confirm at once: enough to keep the link busy,
/// few enough that a kill leaves little to publish twice.
const WINDOW: usize = 64;

/// How long the length of the queue at the end may take to count the requeued messages.
const SETTLE_WAIT: Duration = Duration::from_secs(1);

/// How long the connection's close may take at the end.
const CLOSE_WAIT: Duration = Duration::from_secs(2);

/// What to replay.
#[derive(Debug, Clone)]
pub struct Request {
    /// Codes to move; the others stay.
    pub codes: Vec<String>,
    /// Move at most this many.
    pub limit: Option<u64>,
    /// Count what would move, and move nothing.
    pub dry_run: bool,
}

/// Why a replay stopped. Every dead letter not yet moved is back in the queue.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// Settings that can never work, or the broker refused the login: exit 2.
    #[error("{0}")]
    Settings(String),
    /// The queue or exchange named by a setting does not exist: exit 2.
    #[error(
        "the broker has no {0}: check the setting, or start the worker once so it declares the topology"
    )]
    Missing(Needed),
    #[error("cannot connect to the broker: {0}")]
    Connect(String),
    /// The broker refused something on a channel (a permission, say): exit 2.
    #[error("the broker refused {what}: {detail}")]
    Refused { what: String, detail: String },
    /// The connection or a channel failed mid-way.
    #[error(
        "the connection failed during the replay ({0}); every dead letter not yet moved is back in the queue"
    )]
    Broker(#[from] lapin::Error),
}

impl From<PublishError> for ReplayError {
    fn from(error: PublishError) -> Self {
        ReplayError::Broker(error.0)
    }
}

impl ReplayError {
    /// Whether the operator's configuration is at fault (exit 2).
    pub fn is_configuration(&self) -> bool {
        matches!(
            self,
            ReplayError::Settings(_) | ReplayError::Missing(_) | ReplayError::Refused { .. }
        )
    }
}

/// A republish sent and not yet confirmed, with the dead letter it came from.
struct InFlight {
    tag: u64,
    code: String,
    routing_key: String,
    confirm: PendingConfirm,
}

/// Replay dead letters as `request` says, calling `progress` as it goes; the
/// report at the end. A refused republish leaves its dead letter in the queue
/// and is counted, not an error.
pub async fn run(
    settings: &Settings,
    request: &Request,
    progress: &mut dyn FnMut(&Report),
) -> Result<Report, ReplayError> {
    let connector =
        Connector::new(&settings.amqp, "enricher replay").map_err(|error| match error {
            ConnectError::Settings(problem) => ReplayError::Settings(problem),
            other => ReplayError::Connect(other.to_string()),
        })?;
    let connection = connector.connect().await.map_err(|failed| {
        let summary = failed.summary(settings.amqp.address_key());
        match failed.refusal() {
            Some(_) => ReplayError::Settings(summary),
            None => ReplayError::Connect(summary),
        }
    })?;
    let result = replay(&connection, settings, request, progress).await;
    connection.close("replayed", CLOSE_WAIT).await;
    result
}

/// The replay on an open connection.
async fn replay(
    connection: &BrokerConnection,
    settings: &Settings,
    request: &Request,
    progress: &mut dyn FnMut(&Report),
) -> Result<Report, ReplayError> {
    let queue = &settings.dead_letter.queue;
    let exchange = &settings.input.exchange;
    expect_exchange(connection, exchange).await?;
    let source = connection.lapin().create_channel().await?;
    let at_start = ready_messages(&source, queue).await?;
    let publisher = Publisher::open(connection.lapin()).await?;
    let mut report = Report {
        queue: queue.clone(),
        dry_run: request.dry_run,
        at_start,
        ..Report::default()
    };
    progress(&report);
    // Dead letters left unacked until the end, by delivery tag.
    let mut held: Vec<u64> = Vec::new();
    let mut in_flight: VecDeque<InFlight> = VecDeque::new();
    // Moved, or on their way (in flight), or counted as movable in a dry run.
    let mut moving = 0u64;
    loop {
        if request.limit.is_some_and(|limit| moving >= limit) {
            // The limit counts what is in flight: settle those, and take
            // another dead letter only if the broker refused one.
            let Some(front) = in_flight.pop_front() else {
                break;
            };
            if !settle(&source, front, &mut report, &mut held).await? {
                moving -= 1;
            }
            progress(&report);
            continue;
        }
        if report.scanned >= at_start {
            break;
        }
        let Some(got) = source
            .basic_get(short(queue), BasicGetOptions { no_ack: false })
            .await?
        else {
            break;
        };
        report.scanned += 1;
        let delivery = got.delivery;
        let headers = delivery.properties.headers().as_ref();
        let code = letter::code(headers);
        let fate = if !request.codes.contains(&code) {
            Some(Fate::NotSelected)
        } else if letter::replays(headers) >= settings.replay.max_replays {
            Some(Fate::AtReplayLimit)
        } else if request.dry_run {
            moving += 1;
            Some(Fate::Moved)
        } else {
            None
        };
        if let Some(fate) = fate {
            report.count(&code, fate);
            held.push(delivery.delivery_tag);
            progress(&report);
            continue;
        }
        let confirm = publisher
            .send(
                exchange,
                delivery.routing_key.as_str(),
                &delivery.data,
                letter::replay_properties(&delivery.properties),
            )
            .await?;
        moving += 1;
        in_flight.push_back(InFlight {
            tag: delivery.delivery_tag,
            code,
            routing_key: delivery.routing_key.to_string(),
            confirm,
        });
        if in_flight.len() >= WINDOW
            && let Some(front) = in_flight.pop_front()
            && !settle(&source, front, &mut report, &mut held).await?
        {
            moving -= 1;
        }
        progress(&report);
    }
    while let Some(front) = in_flight.pop_front() {
        settle(&source, front, &mut report, &mut held).await?;
        progress(&report);
    }
    // Back in the order they were taken (delivery tags grow).
    held.sort_unstable();
    let requeued = held.len() as u64;
    for tag in held {
        source
            .basic_nack(
                tag,
                BasicNackOptions {
                    multiple: false,
                    requeue: true,
                },
            )
            .await?;
    }
    report.left = settled_length(&source, queue, requeued).await;
    let _ = source.close(200, short("replayed")).await;
    publisher.close(CLOSE_WAIT).await;
    progress(&report);
    Ok(report)
}

/// Wait for one republish's confirm: ack its dead letter when the broker took
/// it, or hold it for the requeue at the end when the broker refused it.
/// Whether it was moved.
async fn settle(
    source: &Channel,
    sent: InFlight,
    report: &mut Report,
    held: &mut Vec<u64>,
) -> Result<bool, ReplayError> {
    match sent.confirm.confirmed().await? {
        PublishConfirm::Confirmed => {
            source
                .basic_ack(sent.tag, BasicAckOptions { multiple: false })
                .await?;
            report.count(&sent.code, Fate::Moved);
            Ok(true)
        }
        refused => {
            let why = match refused {
                PublishConfirm::Unroutable { code, reply } => {
                    format!("returned as unroutable ({code} {reply}): no queue is bound for it")
                }
                _ => "nacked by the broker".to_owned(),
            };
            report.note_failure(format!("routing key `{}`: {why}", sent.routing_key));
            report.count(&sent.code, Fate::Failed);
            held.push(sent.tag);
            Ok(false)
        }
    }
}

/// The queue's length once the requeued messages are back: a quorum queue
/// applies the nacks a little after they are sent, so ask until it holds at
/// least those, for a second at most (others may have taken some meanwhile).
async fn settled_length(channel: &Channel, queue: &str, requeued: u64) -> Option<u64> {
    let deadline = tokio::time::Instant::now() + SETTLE_WAIT;
    loop {
        let length = ready_messages(channel, queue).await.ok()?;
        if length >= requeued || tokio::time::Instant::now() >= deadline {
            return Some(length);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Check with a passive declare that the input exchange exists.
async fn expect_exchange(connection: &BrokerConnection, name: &str) -> Result<(), ReplayError> {
    let needed = Needed {
        kind: Kind::Exchange,
        name: name.to_owned(),
        setting: "input.exchange",
    };
    match passive::probe(connection.lapin(), &needed).await? {
        Presence::Exists => Ok(()),
        Presence::Missing => Err(ReplayError::Missing(needed)),
        Presence::Refused(detail) => Err(ReplayError::Refused {
            what: needed.to_string(),
            detail,
        }),
    }
}

/// Ready messages in `queue`, by a passive declare on `channel` (which a 404 closes).
async fn ready_messages(channel: &Channel, queue: &str) -> Result<u64, ReplayError> {
    let declared = channel
        .queue_declare(
            short(queue),
            QueueDeclareOptions {
                passive: true,
                ..QueueDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await;
    match declared {
        Ok(declared) => Ok(u64::from(declared.message_count())),
        Err(error) => match error.kind() {
            ErrorKind::ProtocolError(amqp) => match amqp.kind() {
                AMQPErrorKind::Soft(AMQPSoftError::NOTFOUND) => Err(ReplayError::Missing(Needed {
                    kind: Kind::Queue,
                    name: queue.to_owned(),
                    setting: "dead_letter.queue",
                })),
                AMQPErrorKind::Soft(_) => Err(ReplayError::Refused {
                    what: format!("queue `{queue}` (dead_letter.queue)"),
                    detail: amqp.get_message().as_str().to_owned(),
                }),
                AMQPErrorKind::Hard(_) => Err(error.into()),
            },
            _ => Err(error.into()),
        },
    }
}
