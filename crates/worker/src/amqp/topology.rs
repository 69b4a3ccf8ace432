//! Declaring the exchanges, queues and bindings the worker relies on, idempotently, on every (re)connect; or, with `topology.declare = false`, only checking that they exist.

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::protocol::AMQPErrorKind;
use lapin::types::{AMQPValue, FieldTable, LongString};
use lapin::{Channel, Connection, ErrorKind, ExchangeKind};

use super::headers::short;
use super::passive::{self, Kind, Needed, Presence};

/// Names and arguments of everything the worker declares.
#[derive(Debug, Clone)]
pub struct Topology {
    pub input_exchange: String,
    pub input_queue: String,
    /// `true` for a quorum queue, `false` for a classic one.
    pub quorum: bool,
    pub binding_keys: Vec<String>,
    /// Quorum only: deliveries after which the broker dead-letters a message.
    pub delivery_limit: u32,
    pub output_exchange: String,
    pub dead_letter_exchange: String,
    pub dead_letter_queue: String,
    /// `output.queue`: a queue bound to the output exchange with `#`, for first runs and small deployments.
    pub output_queue: Option<String>,
    /// `topology.declare`: `false` only checks, with passive declares, that everything exists.
    pub declare: bool,
}

/// What [`Topology::prepare`] learnt on the way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prepared {
    /// The worker has just created the output exchange and bound no queue to
    /// it, so nothing is bound: outputs will come back unroutable until
    /// someone binds a queue.
    pub output_unbound: bool,
}

/// Why the topology could not be declared.
#[derive(Debug, thiserror::Error)]
pub enum TopologyError {
    /// Something already exists with other settings: an operator must decide, so the worker stops.
    #[error(
        "{what} `{name}` already exists with a different `{argument}` ({detail}); {}",
        how_to_migrate(.argument)
    )]
    Inequivalent {
        what: &'static str,
        name: String,
        argument: String,
        detail: String,
    },
    /// The broker refused us the resources (wrong vhost permissions and such).
    #[error("the broker refused to declare {what} `{name}`: {detail}{}", without_configure(.detail))]
    Refused {
        what: &'static str,
        name: String,
        detail: String,
    },
    /// `topology.declare` is false and something the worker needs does not exist.
    #[error(
        "topology.declare is false and the broker has no {}: declare it, or run one worker with topology.declare = true as a user with the configure permission",
        list(.0)
    )]
    Missing(Vec<Needed>),
    /// The connection failed: a transient error, reconnect and try again.
    #[error("declaring the topology failed: {0}")]
    Broker(#[from] lapin::Error),
}

impl TopologyError {
    /// Whether retrying can help (it cannot when the broker disagrees with our settings).
    pub fn is_transient(&self) -> bool {
        matches!(self, TopologyError::Broker(_))
    }
}

/// What to do about an existing queue whose `argument` differs, for the error's second half.
fn how_to_migrate(argument: &str) -> &'static str {
    match argument {
        "x-dead-letter-strategy" | "x-overflow" => {
            "quorum input queues are now declared with x-dead-letter-strategy = at-least-once and x-overflow = reject-publish, so the broker never drops poison on its way to the dead-letter queue. Migrate the queue: drain and delete it so the worker declares it anew, or give input.queue a new name, or keep it, apply a policy and set topology.declare = false (docs/operations.md, \"Migrating the input queue\")"
        }
        _ => {
            "delete it once drained, so the worker declares it anew, or change the configuration to match (docs/operations.md, \"Migrating the input queue\")"
        }
    }
}

/// For a permission refusal: the way to run without the `configure` permission.
fn without_configure(detail: &str) -> &'static str {
    if detail.starts_with("ACCESS_REFUSED") {
        "; a user without the configure permission can run with topology.declare = false once the topology exists"
    } else {
        ""
    }
}

/// `queue `a` (input.queue), exchange `b` (output.exchange)`.
fn list(needed: &[Needed]) -> String {
    needed
        .iter()
        .map(Needed::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Topology {
    /// Make the topology ready on `connection`: declare it, or with
    /// `topology.declare = false` check that it exists and declare nothing.
    pub async fn prepare(&self, connection: &Connection) -> Result<Prepared, TopologyError> {
        if !self.declare {
            self.check(connection).await?;
            return Ok(Prepared::default());
        }
        // An exchange that did not exist has no bindings: when the worker
        // creates the output exchange and binds no `output.queue` to it, every
        // output will come back unroutable. A passive declare first tells.
        let output = Needed {
            kind: Kind::Exchange,
            name: self.output_exchange.clone(),
            setting: "output.exchange",
        };
        let output_was_missing = passive::probe(connection, &output).await? == Presence::Missing;
        let channel = connection.create_channel().await?;
        self.declare(&channel).await?;
        let _ = channel.close(200, short("declared")).await;
        Ok(Prepared {
            output_unbound: output_was_missing && self.output_queue.is_none(),
        })
    }

    /// Everything the worker uses when it declares nothing: it consumes from
    /// the input queue and publishes to the output and dead-letter exchanges;
    /// the dead-letter queue and `output.queue` keep what those receive.
    /// (`input.exchange` and the bindings are left to whoever declared them.)
    pub fn needed(&self) -> Vec<Needed> {
        let mut needed = vec![
            Needed {
                kind: Kind::Queue,
                name: self.input_queue.clone(),
                setting: "input.queue",
            },
            Needed {
                kind: Kind::Exchange,
                name: self.output_exchange.clone(),
                setting: "output.exchange",
            },
            Needed {
                kind: Kind::Exchange,
                name: self.dead_letter_exchange.clone(),
                setting: "dead_letter.exchange",
            },
            Needed {
                kind: Kind::Queue,
                name: self.dead_letter_queue.clone(),
                setting: "dead_letter.queue",
            },
        ];
        if let Some(queue) = &self.output_queue {
            needed.push(Needed {
                kind: Kind::Queue,
                name: queue.clone(),
                setting: "output.queue",
            });
        }
        needed
    }

    /// Check with passive declares, one throwaway channel each, that everything
    /// [`needed`](Self::needed) exists; name all that is missing at once.
    pub async fn check(&self, connection: &Connection) -> Result<(), TopologyError> {
        let mut missing = Vec::new();
        for needed in self.needed() {
            match passive::probe(connection, &needed).await? {
                Presence::Exists => {}
                Presence::Missing => missing.push(needed),
                Presence::Refused(detail) => {
                    return Err(TopologyError::Refused {
                        what: needed.kind.noun(),
                        name: needed.name,
                        detail,
                    });
                }
            }
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(TopologyError::Missing(missing))
        }
    }

    /// Arguments of the input queue: its type, delivery limit and dead-letter
    /// exchange; a quorum queue dead-letters at least once, which RabbitMQ
    /// allows only with the `reject-publish` overflow.
    pub fn input_queue_arguments(&self) -> FieldTable {
        let mut arguments = FieldTable::default();
        arguments.insert(
            short("x-dead-letter-exchange"),
            AMQPValue::LongString(LongString::from(self.dead_letter_exchange.as_str())),
        );
        if self.quorum {
            arguments.insert(
                short("x-queue-type"),
                AMQPValue::LongString("quorum".into()),
            );
            arguments.insert(
                short("x-delivery-limit"),
                AMQPValue::LongLongInt(i64::from(self.delivery_limit)),
            );
            arguments.insert(
                short("x-dead-letter-strategy"),
                AMQPValue::LongString("at-least-once".into()),
            );
            arguments.insert(
                short("x-overflow"),
                AMQPValue::LongString("reject-publish".into()),
            );
        }
        arguments
    }

    /// Arguments of the queues the worker declares besides the input queue
    /// (`dead_letter.queue`, `output.queue`): the input queue's type, nothing else.
    fn plain_queue_arguments(&self) -> FieldTable {
        let mut arguments = FieldTable::default();
        if self.quorum {
            arguments.insert(
                short("x-queue-type"),
                AMQPValue::LongString("quorum".into()),
            );
        }
        arguments
    }

    /// Declare everything on `channel`. Declarations are idempotent; a
    /// mismatch with what exists closes the channel, so use a channel of its own.
    pub async fn declare(&self, channel: &Channel) -> Result<(), TopologyError> {
        for exchange in [
            &self.input_exchange,
            &self.output_exchange,
            &self.dead_letter_exchange,
        ] {
            channel
                .exchange_declare(
                    short(exchange),
                    ExchangeKind::Topic,
                    ExchangeDeclareOptions {
                        durable: true,
                        ..ExchangeDeclareOptions::default()
                    },
                    FieldTable::default(),
                )
                .await
                .map_err(|error| classify(error, "exchange", exchange))?;
        }
        let durable = QueueDeclareOptions {
            durable: true,
            ..QueueDeclareOptions::default()
        };
        channel
            .queue_declare(
                short(&self.dead_letter_queue),
                durable,
                self.plain_queue_arguments(),
            )
            .await
            .map_err(|error| classify(error, "queue", &self.dead_letter_queue))?;
        channel
            .queue_bind(
                short(&self.dead_letter_queue),
                short(&self.dead_letter_exchange),
                short("#"),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|error| classify(error, "queue", &self.dead_letter_queue))?;
        if let Some(queue) = &self.output_queue {
            channel
                .queue_declare(short(queue), durable, self.plain_queue_arguments())
                .await
                .map_err(|error| classify(error, "queue", queue))?;
            channel
                .queue_bind(
                    short(queue),
                    short(&self.output_exchange),
                    short("#"),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await
                .map_err(|error| classify(error, "queue", queue))?;
        }
        channel
            .queue_declare(
                short(&self.input_queue),
                durable,
                self.input_queue_arguments(),
            )
            .await
            .map_err(|error| classify(error, "queue", &self.input_queue))?;
        for key in &self.binding_keys {
            channel
                .queue_bind(
                    short(&self.input_queue),
                    short(&self.input_exchange),
                    short(key),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await
                .map_err(|error| classify(error, "queue", &self.input_queue))?;
        }
        Ok(())
    }
}

/// Turn a broker refusal into an error an operator can act on.
fn classify(error: lapin::Error, what: &'static str, name: &str) -> TopologyError {
    let ErrorKind::ProtocolError(amqp) = error.kind() else {
        return TopologyError::Broker(error);
    };
    let message = amqp.get_message().as_str().to_owned();
    match amqp.kind() {
        AMQPErrorKind::Soft(lapin::protocol::AMQPSoftError::PRECONDITIONFAILED) => {
            TopologyError::Inequivalent {
                what,
                name: name.to_owned(),
                argument: inequivalent_argument(&message)
                    .unwrap_or("arguments")
                    .to_owned(),
                detail: message,
            }
        }
        AMQPErrorKind::Soft(
            lapin::protocol::AMQPSoftError::ACCESSREFUSED
            | lapin::protocol::AMQPSoftError::NOTFOUND,
        ) => TopologyError::Refused {
            what,
            name: name.to_owned(),
            detail: message,
        },
        _ => TopologyError::Broker(error),
    }
}

/// `PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue ...` names `x-queue-type`.
fn inequivalent_argument(message: &str) -> Option<&str> {
    let rest = &message[message.find("inequivalent arg '")? + "inequivalent arg '".len()..];
    Some(&rest[..rest.find('\'')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mismatched_argument_is_read_from_the_broker_message() {
        let message = "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue 'q' in vhost '/': received the value 'quorum' of type 'longstr' but current is none";
        assert_eq!(inequivalent_argument(message), Some("x-queue-type"));
        assert_eq!(
            inequivalent_argument("PRECONDITION_FAILED - something else"),
            None
        );
    }

    fn topology() -> Topology {
        Topology {
            input_exchange: "in".into(),
            input_queue: "q".into(),
            quorum: true,
            binding_keys: vec!["#".into()],
            delivery_limit: 5,
            output_exchange: "out".into(),
            dead_letter_exchange: "dead".into(),
            dead_letter_queue: "dead.q".into(),
            output_queue: None,
            declare: true,
        }
    }

    fn text(arguments: &FieldTable, key: &str) -> Option<String> {
        match arguments.inner().get(key)? {
            AMQPValue::LongString(value) => Some(value.to_string()),
            other => Some(format!("{other:?}")),
        }
    }

    #[test]
    fn quorum_queues_carry_a_delivery_limit_and_classic_ones_do_not() {
        let mut topology = topology();
        let quorum = topology.input_queue_arguments();
        assert!(quorum.contains_key("x-delivery-limit"));
        assert!(quorum.contains_key("x-queue-type"));
        assert!(quorum.contains_key("x-dead-letter-exchange"));
        topology.quorum = false;
        let classic = topology.input_queue_arguments();
        assert!(!classic.contains_key("x-delivery-limit"));
        assert!(classic.contains_key("x-dead-letter-exchange"));
    }

    #[test]
    fn quorum_input_queues_dead_letter_at_least_once_and_classic_ones_keep_the_default() {
        let mut topology = topology();
        let quorum = topology.input_queue_arguments();
        assert_eq!(
            text(&quorum, "x-dead-letter-strategy").as_deref(),
            Some("at-least-once")
        );
        assert_eq!(
            text(&quorum, "x-overflow").as_deref(),
            Some("reject-publish")
        );
        topology.quorum = false;
        let classic = topology.input_queue_arguments();
        assert!(!classic.contains_key("x-dead-letter-strategy"));
        assert!(!classic.contains_key("x-overflow"));
    }

    #[test]
    fn passive_mode_needs_the_queues_and_exchanges_the_worker_uses() {
        let mut topology = topology();
        let settings: Vec<&str> = topology.needed().iter().map(|n| n.setting).collect();
        assert_eq!(
            settings,
            [
                "input.queue",
                "output.exchange",
                "dead_letter.exchange",
                "dead_letter.queue"
            ]
        );
        topology.output_queue = Some("out.q".into());
        assert!(
            topology
                .needed()
                .iter()
                .any(|n| n.setting == "output.queue" && n.name == "out.q")
        );
    }

    #[test]
    fn a_mismatch_says_how_to_migrate_and_missing_names_every_entity() {
        let mismatch = TopologyError::Inequivalent {
            what: "queue",
            name: "q".into(),
            argument: "x-overflow".into(),
            detail: "PRECONDITION_FAILED".into(),
        }
        .to_string();
        assert!(mismatch.contains("at-least-once"), "{mismatch}");
        assert!(mismatch.contains("Migrating the input queue"), "{mismatch}");
        let missing = TopologyError::Missing(topology().needed()[..2].to_vec()).to_string();
        assert!(
            missing.contains("queue `q` (input.queue), exchange `out` (output.exchange)"),
            "{missing}"
        );
        assert!(missing.contains("topology.declare"), "{missing}");
    }
}
