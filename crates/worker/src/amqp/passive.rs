//! Checking that an exchange or queue exists with a passive declare on a channel of its own, which needs no `configure` permission and changes nothing.
//!
//! A passive declare of something missing closes its channel with 404
//! NOT_FOUND, so every check opens a throwaway channel: one missing queue
//! does not hide what the next check would have found.

use lapin::options::{ExchangeDeclareOptions, QueueDeclareOptions};
use lapin::protocol::{AMQPErrorKind, AMQPSoftError};
use lapin::types::FieldTable;
use lapin::{Connection, ErrorKind, ExchangeKind};

use super::headers::short;

/// What a passive declare looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Exchange,
    Queue,
}

impl Kind {
    /// The word an operator reads: `exchange` or `queue`.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Exchange => "exchange",
            Kind::Queue => "queue",
        }
    }
}

/// One exchange or queue the worker needs, with the setting that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needed {
    pub kind: Kind,
    pub name: String,
    /// The configuration key that names it, such as `input.queue`.
    pub setting: &'static str,
}

impl std::fmt::Display for Needed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}` ({})", self.kind.noun(), self.name, self.setting)
    }
}

/// What the broker said about one [`Needed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    Exists,
    /// 404 NOT_FOUND.
    Missing,
    /// 403 ACCESS_REFUSED or another channel-level refusal, with the broker's text.
    Refused(String),
}

/// Look `needed` up with a passive declare on a channel of its own.
/// A connection-level failure is an `Err`: the caller reconnects.
pub async fn probe(connection: &Connection, needed: &Needed) -> Result<Presence, lapin::Error> {
    let channel = connection.create_channel().await?;
    let answer = match needed.kind {
        Kind::Exchange => channel
            .exchange_declare(
                short(&needed.name),
                ExchangeKind::Topic,
                ExchangeDeclareOptions {
                    passive: true,
                    ..ExchangeDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map(drop),
        Kind::Queue => channel
            .queue_declare(
                short(&needed.name),
                QueueDeclareOptions {
                    passive: true,
                    ..QueueDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map(drop),
    };
    match answer {
        Ok(()) => {
            let _ = channel.close(200, short("checked")).await;
            Ok(Presence::Exists)
        }
        Err(error) => match error.kind() {
            ErrorKind::ProtocolError(amqp) => match amqp.kind() {
                AMQPErrorKind::Soft(AMQPSoftError::NOTFOUND) => Ok(Presence::Missing),
                AMQPErrorKind::Soft(_) => {
                    Ok(Presence::Refused(amqp.get_message().as_str().to_owned()))
                }
                AMQPErrorKind::Hard(_) => Err(error),
            },
            _ => Err(error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_needed_entity_names_its_kind_name_and_setting() {
        let needed = Needed {
            kind: Kind::Queue,
            name: "enricher.articles".into(),
            setting: "input.queue",
        };
        assert_eq!(
            needed.to_string(),
            "queue `enricher.articles` (input.queue)"
        );
    }
}
