//! Opening a broker connection within `amqp.connect_timeout` and closing it within a bound, so no broker, proxy or half-open peer can hold the worker.

use std::os::fd::AsFd;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_compat::CompatExt;
use lapin::tcp::{AsyncTcpStream, OwnedTLSConfig};
use lapin::uri::{AMQPScheme, AMQPUri};
use lapin::{Connection, ConnectionProperties};

use super::address::{BrokerAddress, parse_url};
use super::headers::short;
use crate::settings::AmqpSettings;

/// Why no connection could be opened.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The settings can never work (exit 2); validation at start normally catches this first.
    #[error("{0}")]
    Settings(String),
    #[error(
        "no AMQP handshake within amqp.connect_timeout ({0:?}): the peer accepted TCP but did not answer as a broker"
    )]
    HandshakeTimeout(Duration),
    #[error("cannot connect to the broker: {0}")]
    Broker(#[from] lapin::Error),
}

/// Opens connections to one broker address with the worker's name, heartbeat, TLS and timeout.
#[derive(Clone)]
pub struct Connector {
    address: BrokerAddress,
    tls: OwnedTLSConfig,
    name: String,
    timeout: Duration,
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connector")
            .field("host", &self.address.host)
            .field("port", &self.address.port)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Connector {
    /// A connector for `settings`, naming its connections `name` in the management UI.
    pub fn new(settings: &AmqpSettings, name: &str) -> Result<Self, ConnectError> {
        let mut address = parse_url(&settings.url)
            .map_err(|problem| ConnectError::Settings(format!("amqp.url: {problem}")))?;
        if address.uri.query.heartbeat.is_none() {
            address.uri.query.heartbeat =
                Some(settings.heartbeat.as_secs().min(u64::from(u16::MAX)) as u16);
        }
        let tls = settings.tls.config().map_err(ConnectError::Settings)?;
        Ok(Self {
            address,
            tls,
            name: name.to_owned(),
            timeout: settings.connect_timeout,
        })
    }

    /// Open a connection: TCP, TLS and the AMQP handshake, all within `amqp.connect_timeout`.
    ///
    /// A peer that accepts TCP and never speaks AMQP costs one timeout, and its
    /// socket is shut, so lapin's I/O thread for the attempt ends too.
    pub async fn connect(&self) -> Result<BrokerConnection, ConnectError> {
        let socket = SocketHandle::default();
        let properties = ConnectionProperties::default()
            .with_connection_name(self.name.as_str().into())
            .with_client_property("product".into(), "enricher".into())
            .with_client_property("version".into(), crate::VERSION.into());
        let runtime = lapin::runtime::default_runtime()?;
        let dial = Dial {
            host: self.address.host.clone(),
            port: self.address.port,
            tls: self.tls.clone(),
            socket: socket.clone(),
            runtime: tokio::runtime::Handle::current(),
        };
        let open = Connection::connector(
            self.address.uri.clone(),
            runtime,
            async move |uri: AMQPUri, _| dial.open(uri.scheme).await,
            properties,
        );
        match tokio::time::timeout(self.timeout, open).await {
            Ok(Ok(connection)) => Ok(BrokerConnection { connection, socket }),
            Ok(Err(error)) => {
                socket.cut();
                Err(error.into())
            }
            Err(_) => {
                socket.cut();
                Err(ConnectError::HandshakeTimeout(self.timeout))
            }
        }
    }
}

/// Everything one TCP (and TLS) dial needs, moved into lapin's connect callback.
struct Dial {
    host: String,
    port: u16,
    tls: OwnedTLSConfig,
    socket: SocketHandle,
    runtime: tokio::runtime::Handle,
}

impl Dial {
    /// Dial the broker (TCP, then TLS for `amqps`) and keep a handle on the socket.
    ///
    /// lapin polls this on its own I/O thread; the dial runs as a task of the
    /// worker's runtime instead, so the socket and its TLS handshake are driven
    /// where the socket's reactor is.
    async fn open(
        &self,
        scheme: AMQPScheme,
    ) -> lapin::Result<AsyncTcpStream<async_compat::Compat<tokio::net::TcpStream>>> {
        let (host, port, tls, socket) = (
            self.host.clone(),
            self.port,
            self.tls.clone(),
            self.socket.clone(),
        );
        let dial = async move {
            let tcp = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
            tcp.set_nodelay(true)?;
            socket.keep(&tcp)?;
            let stream = AsyncTcpStream::Plain(tcp.compat());
            match scheme {
                AMQPScheme::AMQP => Ok(stream),
                AMQPScheme::AMQPS => stream.into_tls(&host, tls.as_ref()).await,
            }
        };
        Ok(self
            .runtime
            .spawn(dial)
            .await
            .map_err(std::io::Error::other)??)
    }
}

/// A second descriptor of a connection's TCP socket, so the worker can shut the
/// socket when lapin cannot (a handshake or a close that never completes).
///
/// Shutting a socket ends it for every descriptor; the duplicate also keeps the
/// descriptor number from being reused for something else while it is held.
#[derive(Debug, Clone, Default)]
struct SocketHandle(Arc<Mutex<Option<std::net::TcpStream>>>);

impl SocketHandle {
    fn keep(&self, tcp: &tokio::net::TcpStream) -> std::io::Result<()> {
        let duplicate = std::net::TcpStream::from(tcp.as_fd().try_clone_to_owned()?);
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(duplicate);
        Ok(())
    }

    /// The peer's address, while the socket is held.
    fn peer_addr(&self) -> Option<std::net::SocketAddr> {
        let socket = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        socket.as_ref()?.peer_addr().ok()
    }

    /// Let go of the duplicate without touching the socket: its connection closed cleanly.
    fn release(&self) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
    }

    /// Shut the socket both ways (a no-op when it never opened or is already shut) and let go of it.
    fn cut(&self) {
        if let Some(socket) = self.0.lock().unwrap_or_else(PoisonError::into_inner).take() {
            let _ = socket.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// An open connection whose end the worker controls: [`close`](Self::close) is bounded, and dropping it shuts the socket.
pub struct BrokerConnection {
    connection: Connection,
    socket: SocketHandle,
}

impl BrokerConnection {
    /// The lapin connection, for channels and events.
    pub fn lapin(&self) -> &Connection {
        &self.connection
    }

    /// The largest frame the broker accepts, as negotiated.
    pub fn frame_max(&self) -> u32 {
        self.connection.configuration().frame_max()
    }

    /// The broker's address as the socket reaches it (for the spans' `server.address` and `server.port`).
    pub fn peer_addr(&self) -> Option<std::net::SocketAddr> {
        self.socket.peer_addr()
    }

    /// Close politely, waiting at most `within` for the broker's close-ok; shut the socket
    /// when none came, so lapin's I/O thread ends whatever the peer does.
    pub async fn close(self, reason: &str, within: Duration) {
        match tokio::time::timeout(within, self.connection.close(200, short(reason))).await {
            Ok(Ok(())) => self.socket.release(),
            Ok(Err(_)) | Err(_) => self.socket.cut(),
        }
    }
}

impl Drop for BrokerConnection {
    fn drop(&mut self) {
        self.socket.cut();
    }
}
