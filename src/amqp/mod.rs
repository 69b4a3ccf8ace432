//! The RabbitMQ side: connection and recovery, topology, publishing with confirms, and ack bookkeeping. Nothing here knows about articles.

pub mod acks;
pub mod connection;
pub mod headers;
pub mod publisher;
pub mod topology;

pub use lapin;
