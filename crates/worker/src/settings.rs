//! The settings: built-in defaults < config file < environment, parsed once into typed structs and validated at start-up.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use config::{Config, Environment, File, FileFormat};
use enricher_message::output::RoutingKeyTemplate;
use enricher_message::processor::{Processor, ProcessorOptions, default_worker_id};
use enricher_nlp::keywords::KeywordsSettings;
use enricher_nlp::language::LanguageSettings;
use enricher_nlp::pipeline::Pipeline;
use enricher_nlp::registry::{self, ModuleSettings};
use enricher_nlp::tags::TagsSettings;
use serde::{Deserialize, Deserializer, Serialize};

/// The built-in defaults: `config/default.toml`, compiled in so the binary works anywhere.
pub const DEFAULTS: &str = include_str!("../../../config/default.toml");

/// Environment variable naming an optional configuration file.
pub const CONFIG_FILE_ENV: &str = "ENRICHER_CONFIG";

/// What is wrong with the configuration; always names the key when there is one.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration: {0}")]
    Load(String),
    #[error("configuration key `{key}`: {problem}")]
    Invalid { key: &'static str, problem: String },
}

/// Every setting of the worker. See `config/default.toml` for each key's meaning.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub amqp: AmqpSettings,
    pub input: InputSettings,
    pub output: OutputSettings,
    pub dead_letter: DeadLetterSettings,
    /// What `enricher replay` moves back from `dead_letter.queue` by default.
    pub replay: crate::replay::ReplaySettings,
    pub topology: TopologySettings,
    pub retry: RetrySettings,
    pub pipeline: PipelineSettings,
    pub language: LanguageSettings,
    pub keywords: KeywordsSettings,
    pub tags: TagsSettings,
    pub shutdown: ShutdownSettings,
    pub http: HttpSettings,
    pub telemetry: TelemetrySettings,
}

/// Connection to the broker and how to recover it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AmqpSettings {
    /// The broker, one address; `urls` replaces it when that is not empty.
    pub url: String,
    /// The nodes of a cluster, tried in turn: the worker uses the first that answers and moves to the next when it loses one.
    #[serde(deserialize_with = "enricher_nlp::registry::list")]
    pub urls: Vec<String>,
    #[serde(with = "humantime_serde")]
    pub heartbeat: Duration,
    /// Bound on opening a connection: TCP, TLS and the AMQP handshake, and each broker call of a session's setup.
    #[serde(with = "humantime_serde")]
    pub connect_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub reconnect_min_backoff: Duration,
    #[serde(with = "humantime_serde")]
    pub reconnect_max_backoff: Duration,
    /// `/healthz` fails once the worker has been without a consuming connection this long (0: never).
    #[serde(with = "humantime_serde")]
    pub unhealthy_after: Duration,
    pub tls: TlsSettings,
}

impl AmqpSettings {
    /// The addresses the worker dials, in order: `urls`, or `url` alone when `urls` is empty.
    pub fn addresses(&self) -> Vec<&str> {
        if self.urls.is_empty() {
            vec![self.url.as_str()]
        } else {
            self.urls.iter().map(String::as_str).collect()
        }
    }

    /// The setting the addresses come from, for messages that tell the operator what to fix.
    pub fn address_key(&self) -> &'static str {
        if self.urls.is_empty() {
            "amqp.url"
        } else {
            "amqp.urls"
        }
    }

    /// Every address, passwords hidden, for logs.
    pub fn redacted_addresses(&self) -> String {
        self.addresses()
            .into_iter()
            .map(redact_url)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// TLS for `amqps://` URLs: a private CA and a client certificate, as PEM files.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TlsSettings {
    /// CA certificates (PEM) trusted besides the system's, for a broker with a private CA.
    #[serde(deserialize_with = "optional_path", serialize_with = "path_or_empty")]
    pub ca_file: Option<PathBuf>,
    /// The client certificate chain (PEM), for brokers that verify peers; needs `key_file`.
    #[serde(deserialize_with = "optional_path", serialize_with = "path_or_empty")]
    pub cert_file: Option<PathBuf>,
    /// The client certificate's private key (PEM, PKCS#8, PKCS#1 or SEC1); needs `cert_file`.
    #[serde(deserialize_with = "optional_path", serialize_with = "path_or_empty")]
    pub key_file: Option<PathBuf>,
}

impl TlsSettings {
    /// The TLS material these settings name, read and checked.
    pub fn config(&self) -> Result<lapin::tcp::OwnedTLSConfig, String> {
        crate::amqp::address::tls_config(
            self.ca_file.as_deref(),
            self.cert_file.as_deref(),
            self.key_file.as_deref(),
        )
    }
}

/// Kind of the shared input queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QueueType {
    Quorum,
    Classic,
}

/// Where raw articles come from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InputSettings {
    pub exchange: String,
    pub queue: String,
    pub queue_type: QueueType,
    #[serde(deserialize_with = "enricher_nlp::registry::list")]
    pub binding_keys: Vec<String>,
    pub prefetch: u16,
    pub max_message_bytes: usize,
    /// Input bytes held at once (taken, not yet settled); beyond it the worker stops taking deliveries.
    pub max_in_flight_bytes: usize,
    pub delivery_limit: u32,
}

/// Where enriched articles go.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSettings {
    pub exchange: String,
    pub routing_key: String,
    /// Largest enriched output published; a larger one dead-letters its input as `output_too_large`.
    pub max_message_bytes: usize,
    /// A durable queue the worker declares and binds to `exchange` with `#` (unset: none).
    #[serde(
        deserialize_with = "optional_string",
        serialize_with = "string_or_empty"
    )]
    pub queue: Option<String>,
    /// Mark every output a CloudEvent (binary content mode of the AMQP binding: `cloudEvents_*` headers).
    pub cloudevents: bool,
    /// The CloudEvents `source` of outputs (unset: `urn:enricher:` and `input.queue`).
    #[serde(
        deserialize_with = "optional_string",
        serialize_with = "string_or_empty"
    )]
    pub cloudevents_source: Option<String>,
}

/// Where input that can never be enriched goes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeadLetterSettings {
    pub exchange: String,
    pub queue: String,
}

/// Whether the worker declares its exchanges, queues and bindings, or only checks that they exist.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TopologySettings {
    /// `false`: passive declares only, so the broker user needs no `configure` permission.
    pub declare: bool,
}

/// Back-off before a transiently failed message is requeued.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySettings {
    #[serde(with = "humantime_serde")]
    pub min_backoff: Duration,
    #[serde(with = "humantime_serde")]
    pub max_backoff: Duration,
    /// How long an output the broker returns or nacks is republished in the worker before its input is handed back to the queue.
    #[serde(with = "humantime_serde")]
    pub give_up_after: Duration,
}

/// Which modules run, in which order, on how many threads.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineSettings {
    #[serde(deserialize_with = "enricher_nlp::registry::list")]
    pub modules: Vec<String>,
    pub workers: usize,
    /// Time one article may take; past it the remaining modules are skipped (0: no limit).
    #[serde(with = "humantime_serde")]
    pub article_timeout: Duration,
}

impl PipelineSettings {
    /// Enrichment threads: `workers`, or one per core when it is 0.
    pub fn worker_threads(&self) -> usize {
        if self.workers > 0 {
            self.workers
        } else {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        }
    }
}

/// Graceful stop.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShutdownSettings {
    #[serde(with = "humantime_serde")]
    pub timeout: Duration,
}

/// The HTTP server: probes, metrics and, when asked, `POST /v1/enrich`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    pub listen: SocketAddr,
    /// Whether `enricher run` also serves `POST /v1/enrich` (`enricher serve` always does).
    pub enrich: bool,
    /// Enrichment requests that may wait for a pool thread besides those running; more get 503.
    pub enrich_queue: usize,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Logs and traces.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TelemetrySettings {
    pub log_format: LogFormat,
    pub log_level: String,
    #[serde(deserialize_with = "optional_string")]
    pub otlp_endpoint: Option<String>,
    pub service_name: String,
}

/// An unset path shows as `""`, the value that unsets it, so `check-config` lists every key.
fn path_or_empty<S: serde::Serializer>(
    path: &Option<PathBuf>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(
        &path
            .as_deref()
            .map(Path::to_string_lossy)
            .unwrap_or_default(),
    )
}

/// An unset name shows as `""`, the value that unsets it.
fn string_or_empty<S: serde::Serializer>(
    value: &Option<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_deref().unwrap_or_default())
}

/// An empty path means "unset".
fn optional_path<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<PathBuf>, D::Error> {
    Ok(optional_string(deserializer)?.map(PathBuf::from))
}

/// An empty string means "unset".
fn optional_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let value = Option::<String>::deserialize(deserializer)?;
    Ok(value.filter(|v| !v.trim().is_empty()))
}

/// Keys given as lists; the environment splits these on commas.
const LIST_KEYS: &[&str] = &[
    "amqp.urls",
    "input.binding_keys",
    "pipeline.modules",
    "language.languages",
    "replay.codes",
];

impl Settings {
    /// Load the layers, later winning: defaults, then `file` (or `ENRICHER_CONFIG`),
    /// then `ENRICHER__SECTION__KEY` variables; then validate.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let env_file = std::env::var_os(CONFIG_FILE_ENV).map(PathBuf::from);
        let file = file.map(Path::to_path_buf).or(env_file);
        Self::load_from(file.as_deref(), None)
    }

    /// Like [`Settings::load`], with the environment given as a map (for tests).
    pub fn load_from(
        file: Option<&Path>,
        env: Option<std::collections::HashMap<String, String>>,
    ) -> Result<Self, ConfigError> {
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        if let Some(path) = file {
            if !path.exists() {
                return Err(ConfigError::Load(format!(
                    "configuration file {} does not exist",
                    path.display()
                )));
            }
            builder = builder.add_source(File::from(path).format(FileFormat::Toml));
        }
        let mut environment = Environment::with_prefix("ENRICHER")
            .prefix_separator("__")
            .separator("__")
            .list_separator(",")
            .try_parsing(true)
            .source(env);
        for key in LIST_KEYS {
            environment = environment.with_list_parse_key(key);
        }
        let settings: Settings = builder
            .add_source(environment)
            .build()
            .and_then(Config::try_deserialize)
            .map_err(|error| ConfigError::Load(explain(&error.to_string())))?;
        settings.validate()?;
        Ok(settings)
    }

    /// The CloudEvents `source` outputs carry when `output.cloudevents` is on, else `None`.
    pub fn cloudevents_source(&self) -> Option<std::borrow::Cow<'_, str>> {
        if !self.output.cloudevents {
            return None;
        }
        Some(match &self.output.cloudevents_source {
            Some(source) => source.as_str().into(),
            None => format!("urn:enricher:{}", self.input.queue).into(),
        })
    }

    /// Checks serde cannot express: ranges, URL schemes, module names.
    fn validate(&self) -> Result<(), ConfigError> {
        let invalid =
            |key: &'static str, problem: String| Err(ConfigError::Invalid { key, problem });
        // The same parse the worker connects with, so check-config and run agree.
        let key = self.amqp.address_key();
        let mut plain = false;
        for (index, url) in self.amqp.addresses().into_iter().enumerate() {
            match crate::amqp::address::parse_url(url) {
                Ok(address) => plain |= address.uri.scheme == lapin::uri::AMQPScheme::AMQP,
                // Name the position in the list, never the URL: it may hold a password.
                Err(problem) if self.amqp.urls.is_empty() => return invalid(key, problem),
                Err(problem) => return invalid(key, format!("address {}: {problem}", index + 1)),
            }
        }
        let tls = &self.amqp.tls;
        if plain && (tls.ca_file.is_some() || tls.cert_file.is_some() || tls.key_file.is_some()) {
            return invalid(
                "amqp.tls",
                format!("is set, but {key} holds an amqp:// address (no TLS); use amqps://"),
            );
        }
        if let Err(problem) = tls.config() {
            return invalid("amqp.tls", problem);
        }
        if self.amqp.connect_timeout.is_zero() {
            return invalid("amqp.connect_timeout", "must be above 0".into());
        }
        if self.amqp.reconnect_min_backoff.is_zero()
            || self.amqp.reconnect_min_backoff > self.amqp.reconnect_max_backoff
        {
            return invalid(
                "amqp.reconnect_min_backoff",
                "must be above 0 and at most amqp.reconnect_max_backoff".into(),
            );
        }
        if !(1..=100).contains(&self.keywords.top) {
            return invalid("keywords.top", "must be from 1 to 100".into());
        }
        if self.pipeline.modules.iter().any(|m| m == "tags")
            && let Err(problem) = self.tags.check()
        {
            return invalid("tags.file", problem.to_string());
        }
        if self.retry.min_backoff.is_zero() || self.retry.min_backoff > self.retry.max_backoff {
            return invalid(
                "retry.min_backoff",
                "must be above 0 and at most retry.max_backoff".into(),
            );
        }
        let output_queue = self.output.queue.as_ref();
        for (key, name) in [
            ("input.exchange", &self.input.exchange),
            ("input.queue", &self.input.queue),
            ("output.exchange", &self.output.exchange),
            ("dead_letter.exchange", &self.dead_letter.exchange),
            ("dead_letter.queue", &self.dead_letter.queue),
        ]
        .into_iter()
        .chain(output_queue.map(|name| ("output.queue", name)))
        {
            if name.is_empty() || name.len() > 255 {
                return invalid(key, "must be a name of 1 to 255 bytes".into());
            }
            if name.starts_with("amq.") {
                return invalid(
                    key,
                    "names starting with `amq.` are reserved by the broker".into(),
                );
            }
        }
        if let Some(queue) = output_queue
            && [&self.input.queue, &self.dead_letter.queue].contains(&queue)
        {
            return invalid(
                "output.queue",
                "must differ from input.queue and dead_letter.queue".into(),
            );
        }
        if let Err((key, problem)) = self.replay.check() {
            return invalid(key, problem);
        }
        if self.input.binding_keys.is_empty() {
            return invalid(
                "input.binding_keys",
                "needs at least one routing key, e.g. \"#\"".into(),
            );
        }
        if self.input.prefetch == 0 {
            return invalid("input.prefetch", "must be between 1 and 65535".into());
        }
        if self.input.max_message_bytes == 0 {
            return invalid("input.max_message_bytes", "must be above 0".into());
        }
        if self.output.max_message_bytes == 0 {
            return invalid("output.max_message_bytes", "must be above 0".into());
        }
        if self.input.max_in_flight_bytes == 0 {
            return invalid("input.max_in_flight_bytes", "must be above 0".into());
        }
        if self.input.queue_type == QueueType::Quorum && self.input.delivery_limit == 0 {
            return invalid(
                "input.delivery_limit",
                "must be at least 1 for a quorum queue".into(),
            );
        }
        if let Err(problem) = RoutingKeyTemplate::parse(&self.output.routing_key) {
            return invalid("output.routing_key", problem);
        }
        if let Some(source) = &self.output.cloudevents_source
            && source.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return invalid(
                "output.cloudevents_source",
                "must be a URI reference, without spaces or control characters, e.g. urn:enricher:newsroom".into(),
            );
        }
        let mut seen = std::collections::HashSet::new();
        for name in &self.pipeline.modules {
            if !registry::is_known(name) {
                return invalid(
                    "pipeline.modules",
                    format!(
                        "unknown module `{name}`; allowed: {}",
                        registry::ALL.join(", ")
                    ),
                );
            }
            if !seen.insert(name) {
                return invalid(
                    "pipeline.modules",
                    format!("module `{name}` is listed twice"),
                );
            }
        }
        if self.language.languages.is_empty() {
            return invalid(
                "language.languages",
                "needs at least one ISO 639-1 code".into(),
            );
        }
        if let Some(code) = self
            .language
            .languages
            .iter()
            .find(|code| !enricher_nlp::language::supported().any(|s| s == code.as_str()))
        {
            return invalid(
                "language.languages",
                format!(
                    "`{code}` is not a supported ISO 639-1 code; supported: {}",
                    enricher_nlp::language::supported()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        if self.shutdown.timeout.is_zero() {
            return invalid("shutdown.timeout", "must be above 0".into());
        }
        if let Some(endpoint) = &self.telemetry.otlp_endpoint
            && url::Url::parse(endpoint).is_err()
        {
            return invalid(
                "telemetry.otlp_endpoint",
                format!("`{endpoint}` is not a URL"),
            );
        }
        if tracing_subscriber::EnvFilter::try_new(&self.telemetry.log_level).is_err() {
            return invalid(
                "telemetry.log_level",
                format!(
                    "`{}` is not a log filter such as \"info\" or \"enricher=debug\"",
                    self.telemetry.log_level
                ),
            );
        }
        Ok(())
    }

    /// The settings of the modules, as the NLP registry takes them.
    pub fn module_settings(&self) -> ModuleSettings {
        ModuleSettings {
            language: self.language.clone(),
            keywords: self.keywords.clone(),
            tags: self.tags.clone(),
        }
    }

    /// The processor these settings describe: the modules of `pipeline.modules`,
    /// built and in an order where none runs before one it reads from, the
    /// routing-key template, the size limits and the article deadline.
    pub fn processor(&self) -> Result<Processor, ConfigError> {
        let modules =
            registry::build(&self.pipeline.modules, &self.module_settings()).map_err(|error| {
                ConfigError::Invalid {
                    key: error.key(),
                    problem: error.to_string(),
                }
            })?;
        for (module, field) in registry::missing_inputs(&modules) {
            tracing::warn!(
                module,
                reads = ?field,
                "a module reads what no module in pipeline.modules writes; it runs without it"
            );
        }
        let routing_key =
            RoutingKeyTemplate::parse(&self.output.routing_key).map_err(|problem| {
                ConfigError::Invalid {
                    key: "output.routing_key",
                    problem,
                }
            })?;
        let options = ProcessorOptions {
            routing_key,
            max_message_bytes: self.input.max_message_bytes,
            max_output_bytes: self.output.max_message_bytes,
            article_timeout: self.pipeline.article_timeout,
        };
        Ok(Processor::new(
            Pipeline::new(modules),
            options,
            default_worker_id(),
        ))
    }

    /// The exchanges, queues and bindings these settings describe.
    pub fn topology(&self) -> crate::amqp::topology::Topology {
        crate::amqp::topology::Topology {
            input_exchange: self.input.exchange.clone(),
            input_queue: self.input.queue.clone(),
            quorum: self.input.queue_type == QueueType::Quorum,
            binding_keys: self.input.binding_keys.clone(),
            delivery_limit: self.input.delivery_limit,
            output_exchange: self.output.exchange.clone(),
            dead_letter_exchange: self.dead_letter.exchange.clone(),
            dead_letter_queue: self.dead_letter.queue.clone(),
            output_queue: self.output.queue.clone(),
            declare: self.topology.declare,
        }
    }

    /// The settings as TOML with every credential replaced by `***`.
    pub fn redacted_toml(&self) -> String {
        let mut shown = self.clone();
        shown.amqp.url = redact_url(&shown.amqp.url);
        shown.amqp.urls = shown.amqp.urls.iter().map(|url| redact_url(url)).collect();
        shown.telemetry.otlp_endpoint = shown.telemetry.otlp_endpoint.as_deref().map(redact_url);
        let mut text =
            toml::to_string(&shown).unwrap_or_else(|error| format!("# cannot render: {error}\n"));
        if shown.telemetry.otlp_endpoint.is_none() {
            text = text.replace("[telemetry]\n", "[telemetry]\notlp_endpoint = \"\"\n");
        }
        text
    }
}

/// serde names an unknown field and its section apart (``unknown field `x` ... for key `input` ``);
/// say the whole key, so the operator can search for it.
fn explain(message: &str) -> String {
    let field = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field);
    let section = message
        .rsplit_once("for key `")
        .and_then(|(_, rest)| rest.strip_suffix('`'));
    match (field, section) {
        (Some(field), Some(section)) => {
            let allowed = message
                .split_once(", expected ")
                .map(|(_, rest)| rest.rsplit_once(" for key").map_or(rest, |(a, _)| a))
                .unwrap_or("");
            format!(
                "unknown key `{section}.{field}` (ENRICHER__{}__{}); expected {allowed}",
                section.to_uppercase(),
                field.to_uppercase()
            )
        }
        (Some(field), None) => format!("unknown section `{field}`"),
        _ => message.to_owned(),
    }
}

/// `url` with every password replaced by `***`, for logs and `check-config`.
///
/// Text, not a parsed URL: a value that is not one URL (a comma-separated list,
/// say) still shows its shape with every password hidden.
pub fn redact_url(url: &str) -> String {
    redact_urls(url)
}

/// `text` with the password of every `scheme://user:password@` in it replaced by `***`.
pub fn redact_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(scheme_end) = rest.find("://") {
        out.push_str(&rest[..scheme_end + 3]);
        rest = &rest[scheme_end + 3..];
        // Userinfo ends at the last '@' before the path, query, fragment or white space.
        let authority_end = rest
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@') {
            let userinfo = &rest[..at];
            match userinfo.find(':') {
                Some(colon) => {
                    out.push_str(&userinfo[..colon]);
                    out.push_str(":***");
                }
                None => out.push_str(userinfo),
            }
            out.push('@');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> Option<HashMap<String, String>> {
        Some(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn defaults_match_the_contract() {
        let settings = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!(settings.amqp.url, "amqp://guest:guest@127.0.0.1:5672/%2f");
        assert_eq!(settings.input.exchange, "articles.raw");
        assert_eq!(settings.input.queue, "enricher.articles");
        assert_eq!(settings.input.queue_type, QueueType::Quorum);
        assert_eq!(settings.input.binding_keys, vec!["#"]);
        assert_eq!(settings.input.max_message_bytes, 10 * 1024 * 1024);
        assert_eq!(settings.input.delivery_limit, 5);
        assert_eq!(settings.output.exchange, "articles.enriched");
        assert_eq!(settings.output.routing_key, "{routing_key}");
        assert_eq!(settings.dead_letter.exchange, "articles.dead");
        assert_eq!(settings.dead_letter.queue, "enricher.dead");
        assert_eq!(settings.output.queue, None);
        assert!(!settings.output.cloudevents);
        assert_eq!(settings.output.cloudevents_source, None);
        assert_eq!(settings.cloudevents_source(), None);
        assert!(settings.topology.declare);
        assert_eq!(settings.http.listen.to_string(), "127.0.0.1:9090");
        assert!(
            !settings.http.enrich,
            "the worker serves no enrichment unless asked"
        );
        assert_eq!(settings.http.enrich_queue, 16);
        assert_eq!(settings.telemetry.log_format, LogFormat::Pretty);
        assert_eq!(settings.telemetry.otlp_endpoint, None);
        assert_eq!(settings.shutdown.timeout, Duration::from_secs(30));
        assert_eq!(settings.pipeline.modules, registry::ALL);
        assert_eq!(
            settings.module_settings(),
            ModuleSettings::default(),
            "config/default.toml and the modules' built-in defaults agree"
        );
    }

    #[test]
    fn environment_overrides_with_double_underscores_and_comma_lists() {
        let settings = Settings::load_from(
            None,
            env(&[
                ("ENRICHER__INPUT__PREFETCH", "64"),
                ("ENRICHER__INPUT__BINDING_KEYS", "news.#,wire.*"),
                ("ENRICHER__INPUT__QUEUE_TYPE", "classic"),
                ("ENRICHER__SHUTDOWN__TIMEOUT", "5s"),
            ]),
        )
        .unwrap();
        assert_eq!(settings.input.prefetch, 64);
        assert_eq!(settings.input.binding_keys, vec!["news.#", "wire.*"]);
        assert_eq!(settings.input.queue_type, QueueType::Classic);
        assert_eq!(settings.shutdown.timeout, Duration::from_secs(5));
    }

    #[test]
    fn empty_module_variable_means_pass_through() {
        let settings =
            Settings::load_from(None, env(&[("ENRICHER__PIPELINE__MODULES", "")])).unwrap();
        assert!(settings.pipeline.modules.is_empty());
        let one =
            Settings::load_from(None, env(&[("ENRICHER__PIPELINE__MODULES", "stats")])).unwrap();
        assert_eq!(one.pipeline.modules, vec!["stats"]);
    }

    #[test]
    fn file_layer_sits_between_defaults_and_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("worker.toml");
        std::fs::write(&path, "[input]\nprefetch = 10\nqueue = \"from-file\"\n").unwrap();
        let settings =
            Settings::load_from(Some(&path), env(&[("ENRICHER__INPUT__PREFETCH", "20")])).unwrap();
        assert_eq!(settings.input.queue, "from-file");
        assert_eq!(settings.input.prefetch, 20);
    }

    #[test]
    fn cloudevents_source_defaults_to_the_input_queue_and_is_checked() {
        let on = Settings::load_from(
            None,
            env(&[
                ("ENRICHER__OUTPUT__CLOUDEVENTS", "true"),
                ("ENRICHER__INPUT__QUEUE", "news.in"),
            ]),
        )
        .unwrap();
        assert_eq!(
            on.cloudevents_source().as_deref(),
            Some("urn:enricher:news.in")
        );
        let named = Settings::load_from(
            None,
            env(&[
                ("ENRICHER__OUTPUT__CLOUDEVENTS", "true"),
                (
                    "ENRICHER__OUTPUT__CLOUDEVENTS_SOURCE",
                    "https://news.test/enricher",
                ),
            ]),
        )
        .unwrap();
        assert_eq!(
            named.cloudevents_source().as_deref(),
            Some("https://news.test/enricher")
        );
        let error = Settings::load_from(
            None,
            env(&[("ENRICHER__OUTPUT__CLOUDEVENTS_SOURCE", "two words")]),
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("output.cloudevents_source"), "{error}");
    }

    #[test]
    fn an_output_queue_and_passive_mode_are_read_and_checked() {
        let settings = Settings::load_from(
            None,
            env(&[
                ("ENRICHER__OUTPUT__QUEUE", "first.run"),
                ("ENRICHER__TOPOLOGY__DECLARE", "false"),
            ]),
        )
        .unwrap();
        let topology = settings.topology();
        assert_eq!(topology.output_queue.as_deref(), Some("first.run"));
        assert!(!topology.declare);
        let shown = settings.redacted_toml();
        assert!(shown.contains("queue = \"first.run\""), "{shown}");
        assert!(shown.contains("[topology]\ndeclare = false"), "{shown}");
        for (value, problem) in [
            ("enricher.articles", "must differ"),
            ("amq.out", "reserved"),
        ] {
            let error = Settings::load_from(None, env(&[("ENRICHER__OUTPUT__QUEUE", value)]))
                .unwrap_err()
                .to_string();
            assert!(
                error.contains("output.queue") && error.contains(problem),
                "{error}"
            );
        }
    }

    #[test]
    fn unknown_key_is_named() {
        let error = Settings::load_from(None, env(&[("ENRICHER__INPUT__PREFETC", "5")]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("`input.prefetc`"), "{error}");
        let error = Settings::load_from(None, env(&[("ENRICHER__INPTU__PREFETCH", "5")]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("inptu"), "{error}");
    }

    #[test]
    fn bad_values_name_the_key_and_what_is_allowed() {
        let cases = [
            ("ENRICHER__INPUT__QUEUE_TYPE", "stream", "queue_type"),
            ("ENRICHER__INPUT__PREFETCH", "0", "input.prefetch"),
            ("ENRICHER__INPUT__PREFETCH", "lots", "prefetch"),
            ("ENRICHER__AMQP__URL", "http://x", "amqp.url"),
            (
                "ENRICHER__PIPELINE__MODULES",
                "stats,nope",
                "pipeline.modules",
            ),
            (
                "ENRICHER__OUTPUT__ROUTING_KEY",
                "{bogus}",
                "output.routing_key",
            ),
            ("ENRICHER__HTTP__LISTEN", "nowhere", "listen"),
        ];
        for (var, value, key) in cases {
            let error = Settings::load_from(None, env(&[(var, value)]))
                .unwrap_err()
                .to_string();
            assert!(error.contains(key), "{var}={value}: {error}");
        }
    }

    #[test]
    fn every_password_in_a_text_is_hidden() {
        let list = "amqp://u:secret1@a:5672,amqp://v:secret2@b:5672/%2f";
        let shown = redact_urls(list);
        assert_eq!(shown, "amqp://u:***@a:5672,amqp://v:***@b:5672/%2f");
        let odd = redact_urls("cannot connect to amqps://me:p,a@ss@host/x (refused)");
        assert_eq!(odd, "cannot connect to amqps://me:***@host/x (refused)");
        assert_eq!(redact_urls("amqp://host:5672/"), "amqp://host:5672/");
        assert_eq!(redact_urls("amqp://user@host/"), "amqp://user@host/");
    }

    #[test]
    fn a_cluster_list_replaces_the_one_url_and_shows_no_password() {
        let settings = Settings::load_from(
            None,
            env(&[(
                "ENRICHER__AMQP__URLS",
                "amqp://u:secret1@a:5672/%2f, amqp://u:secret2@b:5672/%2f",
            )]),
        )
        .unwrap();
        assert_eq!(settings.amqp.address_key(), "amqp.urls");
        assert_eq!(
            settings.amqp.addresses(),
            ["amqp://u:secret1@a:5672/%2f", "amqp://u:secret2@b:5672/%2f"]
        );
        assert_eq!(
            settings.amqp.redacted_addresses(),
            "amqp://u:***@a:5672/%2f,amqp://u:***@b:5672/%2f"
        );
        let shown = settings.redacted_toml();
        assert!(!shown.contains("secret"), "{shown}");
        let unset = Settings::load_from(None, env(&[("ENRICHER__AMQP__URLS", "")])).unwrap();
        assert_eq!(unset.amqp.addresses(), [unset.amqp.url.as_str()]);
        let error = Settings::load_from(
            None,
            env(&[(
                "ENRICHER__AMQP__URLS",
                "amqp://u:secret1@a/%2f,http://u:secret2@b/",
            )]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("amqp.urls") && error.contains("address 2"),
            "{error}"
        );
        assert!(!error.contains("secret"), "{error}");
    }

    #[test]
    fn redaction_hides_the_password() {
        let settings = Settings::load_from(
            None,
            env(&[(
                "ENRICHER__AMQP__URL",
                "amqps://user:s3cret@broker:5671/prod",
            )]),
        )
        .unwrap();
        let shown = settings.redacted_toml();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("user:***@broker"), "{shown}");
    }
}
