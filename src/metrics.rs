//! Prometheus metrics of the worker (SCAFFOLD: the interface the rest of the crate calls).

use std::sync::OnceLock;

/// Every metric the worker exports on `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {}

/// The process-wide metrics.
pub fn global() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::default)
}

impl Metrics {
    pub fn received(&self) {}
    pub fn published(&self) {}
    pub fn dead_lettered(&self, _code: &str) {}
    pub fn requeued(&self, _reason: &str) {}
    pub fn processing_duration(&self, _duration_us: u64) {}
    pub fn module_duration(&self, _module: &str, _duration_us: u64) {}
    pub fn module_failed(&self, _module: &str) {}
    pub fn in_flight_inc(&self) {}
    pub fn in_flight_dec(&self) {}
    pub fn set_connected(&self, _connected: bool) {}
    pub fn reconnected(&self) {}
    pub fn encode(&self) -> String {
        String::new()
    }
}
