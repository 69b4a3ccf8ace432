//! The RabbitMQ side: connection and recovery, topology, publishing with confirms, and ack bookkeeping. Nothing here knows about articles.

pub mod acks;
pub mod address;
pub mod cloudevents;
pub mod connection;
pub mod consumer;
pub mod headers;
pub mod passive;
pub mod prefetch;
pub mod properties;
pub mod publisher;
pub mod refusal;
pub mod returns;
pub mod settler;
pub mod topology;

pub use lapin;
