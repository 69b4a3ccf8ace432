//! The enrichment pool: a fixed set of OS threads running the processor, so the async runtime never waits behind a long article.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tokio::sync::oneshot;

use enricher_message::intake::RawInput;
use enricher_message::processor::{Incoming, Outcome, Processor};

/// An input the pool owns while it works on it; handed back with the outcome
/// so a dead letter can carry the body unchanged.
#[derive(Debug)]
pub struct Job {
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub content_encoding: Option<String>,
    pub message_id: Option<String>,
    pub routing_key: String,
    pub received_at: DateTime<Utc>,
    /// The `process` span of this message; module spans become its children.
    pub span: tracing::Span,
}

type Reply = oneshot::Sender<(Job, Outcome)>;

/// The job produced no outcome: the pool has stopped, or processing panicked outside a module.
#[derive(Debug, thiserror::Error)]
#[error("the article was not processed (enrichment pool stopped or processing panicked)")]
pub struct PoolClosed;

/// A fixed number of threads pulling jobs from one queue.
pub struct EnrichPool {
    jobs: async_channel::Sender<(Job, Reply)>,
    /// One message per thread as it exits, so shutdown can wait for them with a bound.
    exited: std::sync::Mutex<std::sync::mpsc::Receiver<()>>,
    threads: usize,
    /// Set at shutdown: queued jobs are dropped (their messages are redelivered) instead of run.
    stopping: Arc<AtomicBool>,
}

impl EnrichPool {
    /// Start `threads` threads sharing `processor`, and report the pool's size and
    /// the processor's modules to the metrics (so their families show from start).
    pub fn start(threads: usize, processor: Arc<Processor>) -> std::io::Result<Self> {
        let (jobs, queue) = async_channel::unbounded::<(Job, Reply)>();
        let stopping = Arc::new(AtomicBool::new(false));
        let (exit, exited) = std::sync::mpsc::channel();
        let count = threads.max(1);
        let metrics = crate::metrics::global();
        metrics.known_modules(&processor.module_names());
        metrics.set_pool_threads(count);
        for index in 0..count {
            let queue = queue.clone();
            let processor = Arc::clone(&processor);
            let stopping = Arc::clone(&stopping);
            let exit = exit.clone();
            std::thread::Builder::new()
                .name(format!("enrich-{index}"))
                .spawn(move || {
                    while let Ok((job, reply)) = queue.recv_blocking() {
                        if stopping.load(Ordering::Relaxed) {
                            continue;
                        }
                        metrics.pool_busy();
                        let outcome = job.span.in_scope(|| {
                            catch_unwind(AssertUnwindSafe(|| {
                                processor.process(&Incoming {
                                    input: RawInput {
                                        body: &job.body,
                                        content_type: job.content_type.as_deref(),
                                        content_encoding: job.content_encoding.as_deref(),
                                        message_id: job.message_id.as_deref(),
                                    },
                                    routing_key: &job.routing_key,
                                    received_at: job.received_at,
                                })
                            }))
                        });
                        metrics.pool_idle();
                        let large = job.body.len() >= crate::memory::LARGE_INPUT_BYTES;
                        // A panic outside the modules is a bug: the job is reported lost, the
                        // message is requeued, and the queue's delivery limit stops a loop.
                        // The waiting task may be gone (its session was lost); nothing to do then.
                        if let Ok(outcome) = outcome {
                            let _ = reply.send((job, outcome));
                        }
                        if large {
                            crate::memory::release_free_memory();
                        }
                    }
                    let _ = exit.send(());
                })?;
        }
        Ok(Self {
            jobs,
            exited: std::sync::Mutex::new(exited),
            threads: count,
            stopping,
        })
    }

    /// Enrich `job` on a pool thread and wait for the outcome without blocking the runtime.
    pub async fn process(&self, job: Job) -> Result<(Job, Outcome), PoolClosed> {
        let (reply, outcome) = oneshot::channel();
        self.jobs.send((job, reply)).await.map_err(|_| PoolClosed)?;
        outcome.await.map_err(|_| PoolClosed)
    }

    /// The number of threads enriching, the most jobs that run at once.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Stop taking jobs, drop the queued ones, and wait up to `within` for running ones
    /// to finish; a thread still inside an article then is left to the process's exit.
    /// Shared owners (the HTTP endpoint) then get [`PoolClosed`] for any further job.
    pub fn shutdown(&self, within: Duration) {
        self.stopping.store(true, Ordering::Relaxed);
        self.jobs.close();
        let deadline = Instant::now() + within;
        let exited = self
            .exited
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for _ in 0..self.threads {
            let left = deadline.saturating_duration_since(Instant::now());
            if exited.recv_timeout(left).is_err() {
                tracing::warn!(
                    "an enrichment thread is still inside an article; exiting without it"
                );
                return;
            }
        }
    }
}
