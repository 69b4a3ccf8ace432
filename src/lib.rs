//! enricher: a RabbitMQ worker that turns raw news articles into enriched JSON.
//!
//! The data flow, one file per step: a delivery enters at [`amqp::consumer`],
//! [`delivery`] hands its body to the [`pool`], where [`intake`] turns it into a
//! [`pipeline::Article`] and the [`pipeline`] of [`modules`] runs off the async
//! runtime; [`output`] wraps the result in the envelope, and [`amqp::publisher`]
//! publishes it with confirms; [`worker`] wires these together, and the input is
//! acked only once the output is confirmed.

pub mod amounts;
pub mod amqp;
pub mod backoff;
pub mod bench;
pub mod config;
pub mod cpu_time;
pub mod dates;
pub mod delivery;
pub mod enrich;
pub mod entities;
pub mod eval;
pub mod geo;
pub mod html;
pub mod http;
pub mod intake;
pub mod keywords;
pub mod memory;
pub mod metrics;
pub mod modules;
pub mod ner;
pub mod nlp;
pub mod normalise;
pub mod output;
pub mod pipeline;
pub mod pool;
pub mod processor;
pub mod quotes;
pub mod shutdown;
pub mod summary;
pub mod tags;
pub mod telemetry;
pub mod timex;
pub mod tone;
pub mod topics;
pub mod wire;
pub mod worker;

/// The crate version, reported in `processing.enricher_version` and `x-enricher-version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
