//! Opening a broker connection within `amqp.connect_timeout`, to the first of the configured addresses that answers, and closing it within a bound, so no broker, proxy or half-open peer can hold the worker.

use std::os::fd::AsFd;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_compat::CompatExt;
use lapin::tcp::{AsyncTcpStream, OwnedTLSConfig};
use lapin::uri::{AMQPScheme, AMQPUri};
use lapin::{Connection, ConnectionProperties};

use super::address::{BrokerAddress, parse_url};
use super::headers::short;
use super::refusal::Refusal;
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
    /// The broker refused the credentials, the vhost or the user's access to it.
    #[error("{}", .0.explain("the URL"))]
    Refused(Refusal),
    #[error("cannot connect to the broker: {0}")]
    Broker(lapin::Error),
}

impl From<lapin::Error> for ConnectError {
    fn from(error: lapin::Error) -> Self {
        match Refusal::at_open(&error) {
            Some(refusal) => ConnectError::Refused(refusal),
            None => ConnectError::Broker(error),
        }
    }
}

/// Every address of one round failed; each address's error, in the order tried.
#[derive(Debug)]
pub struct AllFailed {
    /// `(position in the list, from 1; the error)`.
    pub attempts: Vec<(usize, ConnectError)>,
}

impl AllFailed {
    /// The refusal an operator must fix, when the broker gave one: users, vhosts and
    /// permissions are shared by a cluster's nodes, so one node's refusal stands for all.
    pub fn refusal(&self) -> Option<&Refusal> {
        self.attempts.iter().find_map(|(_, error)| match error {
            ConnectError::Refused(refusal) => Some(refusal),
            _ => None,
        })
    }

    /// One line for the log: the error, or each address's (numbered) when there are several.
    pub fn summary(&self, key: &str) -> String {
        let describe = |error: &ConnectError| match error {
            ConnectError::Refused(refusal) => refusal.explain(key),
            other => other.to_string(),
        };
        match self.attempts.as_slice() {
            [(_, error)] => describe(error),
            attempts => attempts
                .iter()
                .map(|(position, error)| format!("address {position}: {}", describe(error)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// Opens connections with the worker's name, heartbeat, TLS and timeout, to the
/// broker's addresses in turn: the first that answers, starting after the one last lost.
pub struct Connector {
    addresses: Vec<BrokerAddress>,
    tls: OwnedTLSConfig,
    name: String,
    timeout: Duration,
    /// Index of the address the next round starts with.
    next: AtomicUsize,
    /// Index of the address of the last connection opened.
    current: AtomicUsize,
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hosts: Vec<String> = self.addresses.iter().map(BrokerAddress::label).collect();
        f.debug_struct("Connector")
            .field("addresses", &hosts)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Connector {
    /// A connector for `settings` (`amqp.urls`, else `amqp.url`), naming its connections `name` in the management UI.
    pub fn new(settings: &AmqpSettings, name: &str) -> Result<Self, ConnectError> {
        let key = settings.address_key();
        let heartbeat = settings.heartbeat.as_secs().min(u64::from(u16::MAX)) as u16;
        let addresses = settings
            .addresses()
            .into_iter()
            .enumerate()
            .map(|(index, url)| {
                let mut address = parse_url(url).map_err(|problem| {
                    ConnectError::Settings(format!("{key} (address {}): {problem}", index + 1))
                })?;
                address.uri.query.heartbeat.get_or_insert(heartbeat);
                Ok(address)
            })
            .collect::<Result<Vec<_>, ConnectError>>()?;
        let tls = settings.tls.config().map_err(ConnectError::Settings)?;
        Ok(Self {
            addresses,
            tls,
            name: name.to_owned(),
            timeout: settings.connect_timeout,
            next: AtomicUsize::new(0),
            current: AtomicUsize::new(0),
        })
    }

    /// `host:port` of the address the last connection was opened to.
    pub fn current_address(&self) -> String {
        self.addresses[self.current.load(Ordering::SeqCst) % self.addresses.len()].label()
    }

    /// The connection to the current address was lost: the next round starts with the address after it.
    pub fn lost(&self) {
        let current = self.current.load(Ordering::SeqCst);
        self.next
            .store((current + 1) % self.addresses.len(), Ordering::SeqCst);
    }

    /// One round: try each address once, from where the last round left off, and
    /// return the first connection opened; when none opens, every address's error.
    ///
    /// A refused address is passed over like an unreachable one, so the worker
    /// only gives up on a refusal after hearing every address.
    pub async fn connect(&self) -> Result<BrokerConnection, AllFailed> {
        let start = self.next.load(Ordering::SeqCst);
        let mut attempts = Vec::new();
        for offset in 0..self.addresses.len() {
            let index = (start + offset) % self.addresses.len();
            match self.connect_to(&self.addresses[index]).await {
                Ok(connection) => {
                    self.current.store(index, Ordering::SeqCst);
                    self.next.store(index, Ordering::SeqCst);
                    return Ok(connection);
                }
                Err(error) => attempts.push((index + 1, error)),
            }
        }
        Err(AllFailed { attempts })
    }

    /// Open a connection to `address`: TCP, TLS and the AMQP handshake, all within `amqp.connect_timeout`.
    ///
    /// A peer that accepts TCP and never speaks AMQP costs one timeout, and its
    /// socket is shut, so lapin's I/O thread for the attempt ends too.
    async fn connect_to(&self, address: &BrokerAddress) -> Result<BrokerConnection, ConnectError> {
        let socket = SocketHandle::default();
        let properties = ConnectionProperties::default()
            .with_connection_name(self.name.as_str().into())
            .with_client_property("product".into(), "enricher".into())
            .with_client_property("version".into(), crate::VERSION.into());
        let runtime = lapin::runtime::default_runtime()?;
        let dial = Dial {
            host: address.host.clone(),
            port: address.port,
            tls: self.tls.clone(),
            socket: socket.clone(),
            runtime: tokio::runtime::Handle::current(),
        };
        let open = Connection::connector(
            address.uri.clone(),
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
