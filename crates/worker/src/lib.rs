//! enricher-worker: the RabbitMQ worker around enricher's message processing.
//!
//! A delivery enters at [`amqp::consumer`], [`delivery`] hands its body to the
//! enrichment [`pool`] (threads running `enricher_message`'s processor off the
//! async runtime) and publishes the outcome with [`amqp::publisher`]; the input
//! is acked by [`amqp::settler`] once the broker confirms the output or dead
//! letter. [`worker`] wires these together and reconnects; [`http`] serves the
//! probes and [`metrics`] (and, when enabled, `POST /v1/enrich` on the same
//! pool), [`telemetry`] the logs and traces, [`settings`] the layered
//! configuration. [`serve`] runs the HTTP enrichment alone, with no broker;
//! [`replay`] moves dead letters back to the input (`enricher replay`). This
//! is the only crate that does network I/O.

pub mod amqp;
pub mod backoff;
pub mod delivery;
pub mod http;
pub mod memory;
pub mod metrics;
pub mod pool;
pub mod replay;
pub mod serve;
pub mod settings;
pub mod shutdown;
pub mod telemetry;
pub mod worker;

pub use enricher_nlp::VERSION;
