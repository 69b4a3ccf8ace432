//! Publishing with publisher confirms and `mandatory`, so a message counts as delivered only once the broker has routed and stored it.

use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{BasicProperties, Channel, Confirmation, Connection, PublisherConfirm};

use super::headers::short;

/// What the broker said about one publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishConfirm {
    /// Routed to at least one queue and confirmed.
    Confirmed,
    /// Returned as unroutable: no queue is bound for this routing key.
    Unroutable { code: u16, reply: String },
    /// The broker could not take responsibility for it (nack).
    Nacked,
}

/// A publish that never got an answer: the channel or connection failed.
#[derive(Debug, thiserror::Error)]
#[error("publish failed: {0}")]
pub struct PublishError(#[from] pub lapin::Error);

/// A message sent and not yet confirmed.
pub struct PendingConfirm(PublisherConfirm);

impl PendingConfirm {
    /// Wait for the broker's answer.
    pub async fn confirmed(self) -> Result<PublishConfirm, PublishError> {
        Ok(match self.0.await? {
            Confirmation::Ack(None) | Confirmation::NotRequested => PublishConfirm::Confirmed,
            Confirmation::Ack(Some(returned)) => PublishConfirm::Unroutable {
                code: returned.reply_code,
                reply: returned.reply_text.to_string(),
            },
            Confirmation::Nack(_) => PublishConfirm::Nacked,
        })
    }
}

/// A confirm-mode channel used only for publishing.
#[derive(Clone)]
pub struct Publisher {
    channel: Channel,
}

impl Publisher {
    /// Open a channel on `connection` and put it in confirm mode.
    pub async fn open(connection: &Connection) -> Result<Self, lapin::Error> {
        let channel = connection.create_channel().await?;
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await?;
        Ok(Self { channel })
    }

    /// Publish `body` and wait for the broker's confirm. Many publishes may wait at once.
    pub async fn publish(
        &self,
        exchange: &str,
        routing_key: &str,
        body: &[u8],
        properties: BasicProperties,
    ) -> Result<PublishConfirm, PublishError> {
        self.send(exchange, routing_key, body, properties)
            .await?
            .confirmed()
            .await
    }

    /// Publish `body` without waiting for the confirm: messages sent one after
    /// another reach the broker in that order, and their confirms can be awaited later.
    pub async fn send(
        &self,
        exchange: &str,
        routing_key: &str,
        body: &[u8],
        properties: BasicProperties,
    ) -> Result<PendingConfirm, PublishError> {
        let confirm = self
            .channel
            .basic_publish(
                short(exchange),
                short(routing_key),
                BasicPublishOptions {
                    mandatory: true,
                    immediate: false,
                },
                body,
                properties,
            )
            .await?;
        Ok(PendingConfirm(confirm))
    }

    /// Close the channel once every confirm has arrived, waiting at most `within` in all.
    pub async fn close(&self, within: std::time::Duration) {
        let close = async {
            let _ = self.channel.wait_for_confirms().await;
            let _ = self.channel.close(200, short("shutdown")).await;
        };
        let _ = tokio::time::timeout(within, close).await;
    }
}
