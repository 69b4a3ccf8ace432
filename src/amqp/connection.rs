//! Opening a connection to the broker, with heartbeats on and a name operators can find in the management UI.

use std::time::Duration;

use lapin::uri::AMQPUri;
use lapin::{Connection, ConnectionProperties};

/// Why no connection could be opened.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("amqp.url is not a valid AMQP URI: {0}")]
    BadUri(String),
    #[error("cannot connect to the broker: {0}")]
    Broker(#[from] lapin::Error),
}

/// Connect to `url`, naming the connection `name` and asking for `heartbeat`
/// (unless the URL sets its own `heartbeat` query parameter).
pub async fn connect(
    url: &str,
    name: &str,
    heartbeat: Duration,
) -> Result<Connection, ConnectError> {
    let mut uri: AMQPUri = url.parse().map_err(ConnectError::BadUri)?;
    if uri.query.heartbeat.is_none() {
        uri.query.heartbeat = Some(heartbeat.as_secs().min(u64::from(u16::MAX)) as u16);
    }
    if uri.query.connection_timeout.is_none() {
        uri.query.connection_timeout = Some(10_000);
    }
    let properties = ConnectionProperties::default()
        .with_connection_name(name.into())
        .with_client_property("product".into(), "enricher".into())
        .with_client_property("version".into(), crate::VERSION.into());
    Ok(Connection::connect_uri(uri, properties).await?)
}
