//! AMQP
