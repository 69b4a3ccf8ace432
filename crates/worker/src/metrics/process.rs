//! The conventional `process_*` metrics (CPU time, resident memory, start time, file descriptors), read from `/proc/self` at each scrape on Linux.
//!
//! `prometheus-client` has no process collector, and the names are the ones
//! every Prometheus client library exports, so dashboards and alerts written
//! for other services work unchanged. A file that cannot be read or parsed
//! leaves its metrics out of that scrape; nothing here panics.

use std::fmt;
use std::sync::OnceLock;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Unit;

/// Registered on the unprefixed registry, so its names carry no `enricher_`.
#[derive(Debug, Default)]
pub struct ProcessCollector;

/// One reading of the process, taken when `/metrics` is scraped.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub cpu_seconds: f64,
    pub resident_bytes: u64,
    pub virtual_bytes: u64,
    /// Seconds since the Unix epoch; `None` when `/proc/stat` has no `btime`.
    pub start_time_seconds: Option<f64>,
    /// `None` when `/proc/self/fd` cannot be listed.
    pub open_fds: Option<u64>,
    /// The soft `RLIMIT_NOFILE`; `None` when unlimited.
    pub max_fds: Option<u64>,
}

/// What `/proc/self/stat` says, in the units the kernel uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stat {
    utime_ticks: u64,
    stime_ticks: u64,
    /// Clock ticks after boot at which the process started.
    start_ticks: u64,
    virtual_bytes: u64,
    resident_pages: u64,
}

/// The fields of a `/proc/[pid]/stat` line, or `None` when it is not one.
///
/// The second field (the command name, in parentheses) may hold spaces and
/// parentheses itself, so the fields are counted from after the last `)`:
/// there the third field (state) comes first.
fn parse_stat(line: &str) -> Option<Stat> {
    let (_, rest) = line.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Field N of proc(5) is at index N - 3.
    let field = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
    Some(Stat {
        utime_ticks: field(14)?,
        stime_ticks: field(15)?,
        start_ticks: field(22)?,
        virtual_bytes: field(23)?,
        resident_pages: field(24)?,
    })
}

/// The boot time in seconds since the epoch, from the `btime` line of `/proc/stat`.
fn parse_boot_time(proc_stat: &str) -> Option<u64> {
    proc_stat
        .lines()
        .find_map(|line| line.strip_prefix("btime "))
        .and_then(|value| value.trim().parse().ok())
}

/// A positive `sysconf` value, or `None`.
fn sysconf(name: libc::c_int) -> Option<u64> {
    // SAFETY: sysconf reads a configuration value; it has no preconditions.
    let value = unsafe { libc::sysconf(name) };
    u64::try_from(value).ok().filter(|&value| value > 0)
}

/// Clock ticks per second and the page size, read once.
fn ticks_and_page() -> Option<(u64, u64)> {
    static UNITS: OnceLock<Option<(u64, u64)>> = OnceLock::new();
    *UNITS.get_or_init(|| Some((sysconf(libc::_SC_CLK_TCK)?, sysconf(libc::_SC_PAGESIZE)?)))
}

/// The boot time, read once: it does not change while the process runs.
fn boot_time() -> Option<u64> {
    static BOOT: OnceLock<Option<u64>> = OnceLock::new();
    *BOOT.get_or_init(|| {
        std::fs::read_to_string("/proc/stat")
            .ok()
            .as_deref()
            .and_then(parse_boot_time)
    })
}

/// Open descriptors: the entries of `/proc/self/fd`, less the one listing them.
fn open_fds() -> Option<u64> {
    let entries = std::fs::read_dir("/proc/self/fd").ok()?.count() as u64;
    Some(entries.saturating_sub(1))
}

/// The soft limit on open descriptors, or `None` when it is unlimited or unknown.
fn max_fds() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given and nothing else.
    let status = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    (status == 0 && limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur)
}

impl Sample {
    /// Read the process's figures now; `None` when `/proc/self/stat` cannot be read.
    pub fn read() -> Option<Sample> {
        let (ticks, page) = ticks_and_page()?;
        let stat = parse_stat(&std::fs::read_to_string("/proc/self/stat").ok()?)?;
        Some(Sample {
            cpu_seconds: (stat.utime_ticks + stat.stime_ticks) as f64 / ticks as f64,
            resident_bytes: stat.resident_pages.saturating_mul(page),
            virtual_bytes: stat.virtual_bytes,
            start_time_seconds: boot_time()
                .map(|boot| boot as f64 + stat.start_ticks as f64 / ticks as f64),
            open_fds: open_fds(),
            max_fds: max_fds(),
        })
    }
}

/// Write one metric of `metric`'s type under `name` (and `unit`).
fn write(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    unit: Option<&Unit>,
    metric: &impl EncodeMetric,
) -> fmt::Result {
    let sample = encoder.encode_descriptor(name, help, unit, metric.metric_type())?;
    metric.encode(sample)
}

impl Collector for ProcessCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> fmt::Result {
        let Some(sample) = Sample::read() else {
            return Ok(());
        };
        write(
            &mut encoder,
            "process_cpu",
            "Total user and system CPU time spent",
            Some(&Unit::Seconds),
            &ConstCounter::new(sample.cpu_seconds),
        )?;
        write(
            &mut encoder,
            "process_resident_memory",
            "Resident memory size",
            Some(&Unit::Bytes),
            &ConstGauge::new(sample.resident_bytes as i64),
        )?;
        write(
            &mut encoder,
            "process_virtual_memory",
            "Virtual memory size",
            Some(&Unit::Bytes),
            &ConstGauge::new(sample.virtual_bytes as i64),
        )?;
        if let Some(start) = sample.start_time_seconds {
            write(
                &mut encoder,
                "process_start_time",
                "Start time of the process since the Unix epoch",
                Some(&Unit::Seconds),
                &ConstGauge::new(start),
            )?;
        }
        if let Some(open) = sample.open_fds {
            write(
                &mut encoder,
                "process_open_fds",
                "Open file descriptors",
                None,
                &ConstGauge::new(open as i64),
            )?;
        }
        if let Some(max) = sample.max_fds {
            write(
                &mut encoder,
                "process_max_fds",
                "The limit on open file descriptors",
                None,
                &ConstGauge::new(i64::try_from(max).unwrap_or(i64::MAX)),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_fields_are_counted_after_the_command_name() {
        let line = "4242 (enrich (x) 1) S 1 4242 4242 0 -1 4194560 1500 0 0 0 \
                    250 50 0 0 20 0 9 0 123456 987654321 3000 18446744073709551615";
        let stat = parse_stat(line).expect("a stat line");
        assert_eq!(
            stat,
            Stat {
                utime_ticks: 250,
                stime_ticks: 50,
                start_ticks: 123456,
                virtual_bytes: 987654321,
                resident_pages: 3000,
            }
        );
        assert_eq!(parse_stat("4242 (short) S 1 2"), None);
        assert_eq!(parse_stat("no parenthesis"), None);
    }

    #[test]
    fn boot_time_comes_from_the_btime_line() {
        let text = "cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n";
        assert_eq!(parse_boot_time(text), Some(1_700_000_000));
        assert_eq!(parse_boot_time("cpu 1\n"), None);
    }

    #[test]
    fn this_process_has_memory_fds_and_a_plausible_start() {
        let sample = Sample::read().expect("/proc/self is readable on Linux");
        assert!(sample.resident_bytes > 0, "{sample:?}");
        assert!(sample.virtual_bytes >= sample.resident_bytes, "{sample:?}");
        assert!(sample.cpu_seconds >= 0.0, "{sample:?}");
        assert!(sample.open_fds.is_some_and(|open| open >= 3), "{sample:?}");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_secs_f64();
        let start = sample.start_time_seconds.expect("btime in /proc/stat");
        // Started before now (ticks round down; allow a second), and after 2020.
        assert!(
            start <= now + 1.0 && start > 1_577_836_800.0,
            "{start} vs {now}"
        );
    }
}
