//! Opening a broker connection within `amqp.connect_timeout` and closing it within a bound, so no broker, proxy or half-open peer can hold the worker.

use std::os::fd::AsFd;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_compat::CompatExt;
use lapin::tcp::{AsyncTcpStream, OwnedIdentity, OwnedTLSConfig};
use lapin::uri::{AMQPScheme, AMQPUri};
use lapin::{Connection, ConnectionProperties};

use super::headers::short;
use crate::config::{AmqpSettings, TlsSettings};

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

/// A parsed `amqp.url`: what lapin reads, plus the host as written.
///
/// lapin's URI parser keeps only domain names and replaces an IP address with
/// `localhost`, so the worker dials the host it parsed itself.
#[derive(Debug, Clone)]
pub struct BrokerAddress {
    pub uri: AMQPUri,
    pub host: String,
    pub port: u16,
}

/// Parse `amqp.url` exactly as the worker will use it; `check-config` calls the same.
///
/// One address only: a comma (a guess at a failover list) is refused, because the
/// URL parser would otherwise read it as part of a host name or password.
pub fn parse_url(url: &str) -> Result<BrokerAddress, String> {
    if url.contains(',') {
        return Err(
            "holds a comma; amqp.url is one broker address (amqp://user:password@host:port/vhost), not a list"
                .into(),
        );
    }
    let parsed = url::Url::parse(url).map_err(|error| format!("not a URL ({error})"))?;
    if !matches!(parsed.scheme(), "amqp" | "amqps") {
        return Err(format!(
            "scheme `{}` is not allowed; use amqp:// or amqps://",
            parsed.scheme()
        ));
    }
    let host = parsed
        .host_str()
        .filter(|host| !host.is_empty())
        .ok_or("names no host")?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let uri: AMQPUri = url
        .parse()
        .map_err(|error| format!("not a valid AMQP URI: {error}"))?;
    let port = uri.authority.port;
    Ok(BrokerAddress { uri, host, port })
}

/// The TLS material the settings name, read and checked once at start.
pub fn tls_config(settings: &TlsSettings) -> Result<OwnedTLSConfig, String> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};

    let read = |key: &str, path: &std::path::Path| {
        std::fs::read(path)
            .map_err(|error| format!("amqp.tls.{key}: cannot read {}: {error}", path.display()))
    };
    let certificates = |key: &str, path: &std::path::Path, pem: &[u8]| -> Result<(), String> {
        let count = CertificateDer::pem_slice_iter(pem)
            .try_fold(0usize, |count, certificate| certificate.map(|_| count + 1))
            .map_err(|error| {
                format!(
                    "amqp.tls.{key}: {} is not PEM certificates: {error}",
                    path.display()
                )
            })?;
        if count == 0 {
            return Err(format!(
                "amqp.tls.{key}: {} holds no PEM certificate",
                path.display()
            ));
        }
        Ok(())
    };
    let mut config = OwnedTLSConfig::default();
    if let Some(path) = &settings.ca_file {
        let pem = read("ca_file", path)?;
        certificates("ca_file", path, &pem)?;
        config.cert_chain = Some(
            String::from_utf8(pem)
                .map_err(|_| format!("amqp.tls.ca_file: {} is not PEM text", path.display()))?,
        );
    }
    match (&settings.cert_file, &settings.key_file) {
        (None, None) => {}
        (Some(_), None) => return Err("amqp.tls.cert_file is set without amqp.tls.key_file".into()),
        (None, Some(_)) => return Err("amqp.tls.key_file is set without amqp.tls.cert_file".into()),
        (Some(cert_path), Some(key_path)) => {
            let pem = read("cert_file", cert_path)?;
            certificates("cert_file", cert_path, &pem)?;
            let key = read("key_file", key_path)?;
            PrivateKeyDer::from_pem_slice(&key).map_err(|error| {
                format!(
                    "amqp.tls.key_file: {} is not a PEM private key: {error}",
                    key_path.display()
                )
            })?;
            config.identity = Some(OwnedIdentity::PKCS8 { pem, key });
        }
    }
    Ok(config)
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
        let tls = tls_config(&settings.tls).map_err(ConnectError::Settings)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ip_address_is_dialled_as_written() {
        let address = parse_url("amqp://u:p@10.1.2.3:5673/%2f").unwrap();
        assert_eq!((address.host.as_str(), address.port), ("10.1.2.3", 5673));
        let address = parse_url("amqps://u:p@[::1]/v").unwrap();
        assert_eq!((address.host.as_str(), address.port), ("::1", 5671));
    }

    #[test]
    fn a_comma_is_refused_without_repeating_the_url() {
        let problem = parse_url("amqp://u:secret1@a:5672,amqp://u:secret2@b:5672").unwrap_err();
        assert!(problem.contains("comma"), "{problem}");
        assert!(!problem.contains("secret"), "{problem}");
    }

    #[test]
    fn query_values_are_checked_as_lapin_reads_them() {
        let problem = parse_url("amqp://h/%2f?heartbeat=abc").unwrap_err();
        assert!(problem.contains("invalid digit"), "{problem}");
        assert!(parse_url("amqp://h/%2f?heartbeat=5&frame_max=8192").is_ok());
        assert!(parse_url("http://h/").unwrap_err().contains("scheme"));
    }

    #[test]
    fn a_client_certificate_needs_its_key() {
        let settings = TlsSettings {
            cert_file: Some("cert.pem".into()),
            ..TlsSettings::default()
        };
        assert!(tls_config(&settings).unwrap_err().contains("key_file"));
        let missing = TlsSettings {
            ca_file: Some("/nonexistent/ca.pem".into()),
            ..TlsSettings::default()
        };
        assert!(
            tls_config(&missing)
                .unwrap_err()
                .contains("amqp.tls.ca_file")
        );
    }
}
