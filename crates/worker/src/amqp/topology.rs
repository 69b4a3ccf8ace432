//! Declaring the exchanges, queues and bindings the worker relies on, idempotently, on every (re)connect.

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::protocol::AMQPErrorKind;
use lapin::types::{AMQPValue, FieldTable, LongString};
use lapin::{Channel, ErrorKind, ExchangeKind};

use super::headers::short;

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
}

/// Why the topology could not be declared.
#[derive(Debug, thiserror::Error)]
pub enum TopologyError {
    /// Something already exists with other settings: an operator must decide, so the worker stops.
    #[error(
        "{what} `{name}` already exists with a different `{argument}` ({detail}); delete it or change the configuration to match"
    )]
    Inequivalent {
        what: &'static str,
        name: String,
        argument: String,
        detail: String,
    },
    /// The broker refused us the resources (wrong vhost permissions and such).
    #[error("the broker refused to declare {what} `{name}`: {detail}")]
    Refused {
        what: &'static str,
        name: String,
        detail: String,
    },
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

impl Topology {
    /// Arguments of the input queue: its type, delivery limit and dead-letter exchange.
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
        }
        arguments
    }

    fn dead_letter_queue_arguments(&self) -> FieldTable {
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
                self.dead_letter_queue_arguments(),
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

    #[test]
    fn quorum_queues_carry_a_delivery_limit_and_classic_ones_do_not() {
        let mut topology = Topology {
            input_exchange: "in".into(),
            input_queue: "q".into(),
            quorum: true,
            binding_keys: vec!["#".into()],
            delivery_limit: 5,
            output_exchange: "out".into(),
            dead_letter_exchange: "dead".into(),
            dead_letter_queue: "dead.q".into(),
        };
        let quorum = topology.input_queue_arguments();
        assert!(quorum.contains_key("x-delivery-limit"));
        assert!(quorum.contains_key("x-queue-type"));
        assert!(quorum.contains_key("x-dead-letter-exchange"));
        topology.quorum = false;
        let classic = topology.input_queue_arguments();
        assert!(!classic.contains_key("x-delivery-limit"));
        assert!(classic.contains_key("x-dead-letter-exchange"));
    }
}
