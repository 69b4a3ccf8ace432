//! TLS to the broker with a private CA and a client certificate (`amqp.tls.*`), against a TLS front of the test's own that requires a client certificate from a CA the test makes.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{Broker, Names, Worker};
use lapin::BasicProperties;
use rcgen::{
    BasicConstraints, CertificateParams, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::RootCertStore;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;

/// PEM files of a CA, and of a client certificate it signed, in a folder of the test's.
struct Certificates {
    dir: tempfile::TempDir,
    server: rustls::ServerConfig,
}

impl Certificates {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A CA; a server certificate for `localhost` and a client certificate, both signed by it.
    fn make() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca_params, ca_key);

        let leaf = |names: Vec<String>, usage: ExtendedKeyUsagePurpose| {
            let key = KeyPair::generate().unwrap();
            let mut params = CertificateParams::new(names).unwrap();
            params.extended_key_usages = vec![usage];
            params.use_authority_key_identifier_extension = true;
            (params.signed_by(&key, &issuer).unwrap(), key)
        };
        let (server_cert, server_key) = leaf(
            vec!["localhost".into(), "127.0.0.1".into()],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        let (client_cert, client_key) =
            leaf(vec!["enricher".into()], ExtendedKeyUsagePurpose::ClientAuth);
        std::fs::write(dir.path().join("ca.pem"), ca.pem()).unwrap();
        std::fs::write(dir.path().join("client.pem"), client_cert.pem()).unwrap();
        std::fs::write(dir.path().join("client.key"), client_key.serialize_pem()).unwrap();

        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut roots = RootCertStore::empty();
        roots.add(ca.der().clone()).unwrap();
        let verifier =
            WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .unwrap();
        let server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_client_cert_verifier(verifier)
            .with_single_cert(
                vec![CertificateDer::from(server_cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
            )
            .unwrap();
        Self { dir, server }
    }
}

/// A TLS front for the broker: it requires a client certificate, then relays to 127.0.0.1:5672.
struct TlsFront {
    addr: SocketAddr,
    handshakes: Arc<AtomicUsize>,
    refused: Arc<AtomicUsize>,
}

impl TlsFront {
    /// Serve on a thread and runtime of its own: the tests wait for the worker with
    /// blocking calls, which would starve a front running on the test's runtime.
    fn start(config: rustls::ServerConfig) -> Self {
        let (handshakes, refused): (Arc<AtomicUsize>, Arc<AtomicUsize>) = Default::default();
        let counts = (Arc::clone(&handshakes), Arc::clone(&refused));
        let (bound, addr) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                bound.send(listener.local_addr().unwrap()).unwrap();
                let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
                while let Ok((tcp, _)) = listener.accept().await {
                    let acceptor = acceptor.clone();
                    let (handshakes, refused) = (Arc::clone(&counts.0), Arc::clone(&counts.1));
                    tokio::spawn(async move {
                        let Ok(mut tls) = acceptor.accept(tcp).await else {
                            refused.fetch_add(1, Ordering::SeqCst);
                            return;
                        };
                        handshakes.fetch_add(1, Ordering::SeqCst);
                        if let Ok(mut broker) =
                            tokio::net::TcpStream::connect("127.0.0.1:5672").await
                        {
                            let _ = tokio::io::copy_bidirectional(&mut tls, &mut broker).await;
                        }
                    });
                }
            });
        });
        Self {
            addr: addr.recv().unwrap(),
            handshakes,
            refused,
        }
    }

    fn url(&self) -> String {
        format!("amqps://guest:guest@localhost:{}/%2f", self.addr.port())
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[tokio::test]
async fn a_private_ca_and_a_client_certificate_connect_and_articles_go_through() {
    let certificates = Certificates::make();
    let front = TlsFront::start(certificates.server.clone());
    let names = Names::new("tls-ok");
    let broker = Broker::connect(names.clone()).await;
    let (ca, cert, key) = (
        certificates.path("ca.pem"),
        certificates.path("client.pem"),
        certificates.path("client.key"),
    );
    let mut worker = Worker::start(
        &names,
        &[
            ("ENRICHER__AMQP__URL", &front.url()),
            ("ENRICHER__AMQP__TLS__CA_FILE", path_str(&ca)),
            ("ENRICHER__AMQP__TLS__CERT_FILE", path_str(&cert)),
            ("ENRICHER__AMQP__TLS__KEY_FILE", path_str(&key)),
        ],
    );
    assert!(front.handshakes.load(Ordering::SeqCst) >= 1);
    broker
        .publish(
            "news.tls",
            br#"{"id":"over-tls","body":"This article reached the worker over TLS."}"#,
            BasicProperties::default(),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(outputs.len(), 1);
    assert_eq!(outputs[0].json()["id"], "over-tls");
    worker.stop();
}

/// Start a worker against `front` with `extra` settings and check it never gets through.
fn assert_refused(front: &TlsFront, names: &Names, extra: &[(&str, &str)]) {
    let url = front.url();
    let mut settings = vec![("ENRICHER__AMQP__URL", url.as_str())];
    settings.extend_from_slice(extra);
    let mut worker = Worker::spawn(names, &settings);
    let deadline = std::time::Instant::now() + Duration::from_secs(6);
    while std::time::Instant::now() < deadline {
        assert_ne!(worker.get("/readyz").map(|(code, _)| code), Some(200));
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(front.handshakes.load(Ordering::SeqCst), 0, "no TLS session");
    worker.stop();
}

#[tokio::test]
async fn without_the_ca_the_brokers_certificate_is_not_trusted() {
    let certificates = Certificates::make();
    let front = TlsFront::start(certificates.server.clone());
    let (cert, key) = (
        certificates.path("client.pem"),
        certificates.path("client.key"),
    );
    assert_refused(
        &front,
        &Names::new("tls-no-ca"),
        &[
            ("ENRICHER__AMQP__TLS__CERT_FILE", path_str(&cert)),
            ("ENRICHER__AMQP__TLS__KEY_FILE", path_str(&key)),
        ],
    );
}

#[tokio::test]
async fn without_a_client_certificate_a_broker_that_verifies_peers_refuses() {
    let certificates = Certificates::make();
    let front = TlsFront::start(certificates.server.clone());
    let ca = certificates.path("ca.pem");
    assert_refused(
        &front,
        &Names::new("tls-no-cert"),
        &[("ENRICHER__AMQP__TLS__CA_FILE", path_str(&ca))],
    );
    assert!(
        front.refused.load(Ordering::SeqCst) >= 1,
        "the front saw the attempt"
    );
}
