//! Acks and nacks of one channel, sent in order by a task of their own, so a connection the broker blocks cannot stall the consumer's loop.
//!
//! lapin writes nothing while the broker blocks a connection (a memory or disk
//! alarm), and an ack only completes once written. Awaited in the consumer's
//! loop, one ack would freeze it: no shutdown, no readiness, no bookkeeping.
//! Sent from here, in the order they were asked for (a `multiple` ack must
//! never overtake a lower one), they wait without holding anyone up.

use std::time::Duration;

use lapin::Channel;
use lapin::options::{BasicAckOptions, BasicNackOptions};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// What to tell the broker about a delivery tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    /// Ack this tag and every earlier unsettled one.
    AckUpTo(u64),
    /// Hand this one delivery back to the queue.
    Requeue(u64),
}

/// The sending side of a channel's settlement task.
#[derive(Debug)]
pub struct Settler {
    commands: Option<mpsc::UnboundedSender<Command>>,
    task: JoinHandle<()>,
}

impl Settler {
    /// Start settling on `channel`; the receiver yields a reason if the broker refuses one.
    pub fn start(channel: Channel) -> (Self, mpsc::UnboundedReceiver<String>) {
        let (commands, mut queue) = mpsc::unbounded_channel::<Command>();
        let (failed, failures) = mpsc::unbounded_channel();
        let task = tokio::spawn(async move {
            while let Some(command) = queue.recv().await {
                let sent = match command {
                    Command::AckUpTo(tag) => {
                        channel
                            .basic_ack(tag, BasicAckOptions { multiple: true })
                            .await
                    }
                    Command::Requeue(tag) => {
                        channel
                            .basic_nack(
                                tag,
                                BasicNackOptions {
                                    multiple: false,
                                    requeue: true,
                                },
                            )
                            .await
                    }
                };
                if let Err(error) = sent {
                    let _ = failed.send(format!("settling delivery failed: {error}"));
                    return;
                }
            }
        });
        (
            Self {
                commands: Some(commands),
                task,
            },
            failures,
        )
    }

    /// Ack `tag` and every earlier delivery not settled on its own.
    pub fn ack_up_to(&self, tag: u64) {
        self.send(Command::AckUpTo(tag));
    }

    /// Return `tag` to the queue for redelivery.
    pub fn requeue(&self, tag: u64) {
        self.send(Command::Requeue(tag));
    }

    fn send(&self, command: Command) {
        // The task only stops after a failure, which the session hears about and ends on.
        if let Some(commands) = &self.commands {
            let _ = commands.send(command);
        }
    }

    /// Wait until everything asked for so far is written, at most `within`; whether it was.
    pub async fn flush(mut self, within: Duration) -> bool {
        self.commands = None;
        tokio::time::timeout(within, &mut self.task).await.is_ok()
    }
}

impl Drop for Settler {
    /// A lost session's settlements are moot: the broker redelivers what was not acked.
    fn drop(&mut self) {
        self.task.abort();
    }
}
