//! The broker address and TLS material named by the settings, parsed and checked the same way at start-up (`check-config`) and when connecting.

use std::path::Path;

use lapin::tcp::{OwnedIdentity, OwnedTLSConfig};
use lapin::uri::AMQPUri;

/// One parsed broker address (`amqp.url`, or an entry of `amqp.urls`): what lapin reads, plus the host as written.
///
/// lapin's URI parser keeps only domain names and replaces an IP address with
/// `localhost`, so the worker dials the host it parsed itself.
#[derive(Debug, Clone)]
pub struct BrokerAddress {
    pub uri: AMQPUri,
    pub host: String,
    pub port: u16,
}

impl BrokerAddress {
    /// `host:port`, for logs (never the credentials).
    pub fn label(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// Parse one broker address exactly as the worker will use it; `check-config` calls the same.
///
/// One address only: a comma (a guess at a failover list) is refused, because the
/// URL parser would otherwise read it as part of a host name or password.
pub fn parse_url(url: &str) -> Result<BrokerAddress, String> {
    if url.contains(',') {
        return Err(
            "holds a comma; one address is amqp://user:password@host:port/vhost, and a cluster's nodes go in the list amqp.urls"
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

/// The TLS material `amqp.tls` names (a CA file, a client certificate and its
/// key, each optional), read and checked once at start.
pub fn tls_config(
    ca_file: Option<&Path>,
    cert_file: Option<&Path>,
    key_file: Option<&Path>,
) -> Result<OwnedTLSConfig, String> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};

    let read = |key: &str, path: &Path| {
        std::fs::read(path)
            .map_err(|error| format!("amqp.tls.{key}: cannot read {}: {error}", path.display()))
    };
    let certificates = |key: &str, path: &Path, pem: &[u8]| -> Result<(), String> {
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
    if let Some(path) = ca_file {
        let pem = read("ca_file", path)?;
        certificates("ca_file", path, &pem)?;
        config.cert_chain = Some(
            String::from_utf8(pem)
                .map_err(|_| format!("amqp.tls.ca_file: {} is not PEM text", path.display()))?,
        );
    }
    match (cert_file, key_file) {
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
        let problem = tls_config(None, Some(Path::new("cert.pem")), None).unwrap_err();
        assert!(problem.contains("key_file"), "{problem}");
        let problem = tls_config(Some(Path::new("/nonexistent/ca.pem")), None, None).unwrap_err();
        assert!(problem.contains("amqp.tls.ca_file"), "{problem}");
    }
}
