//! A criterion measurement of the benchmark thread's CPU time, so figures hold on a shared machine where wall time counts other people's work.
//!
//! `CLOCK_THREAD_CPUTIME_ID` advances only while this thread runs, so a
//! benchmark that is descheduled behind a compiler on the other core still
//! reports what the code itself cost on one core. Cache and memory-bus
//! contention are not taken out: figures on a busy machine stay a little high.

use criterion::Throughput;
use criterion::measurement::{Measurement, ValueFormatter};

/// CPU time of the calling thread, in nanoseconds.
pub struct ThreadCpuTime;

fn thread_cpu_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to write into.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "CLOCK_THREAD_CPUTIME_ID is available on Linux");
    now.tv_sec as u64 * 1_000_000_000 + now.tv_nsec as u64
}

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

/// Nanoseconds shown as ns, µs, ms or s of CPU time, and throughput per CPU second.
struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical_ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = match typical_ns {
            ns if ns < 1e3 => (1.0, "ns cpu"),
            ns if ns < 1e6 => (1e-3, "µs cpu"),
            ns if ns < 1e9 => (1e-6, "ms cpu"),
            _ => (1e-9, "s cpu"),
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }

    fn scale_throughputs(
        &self,
        typical_ns: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let (per_iteration, units) = match *throughput {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => {
                (n as f64, ["B/s", "KB/s", "MB/s", "GB/s"])
            }
            Throughput::Elements(n) => (n as f64, ["elem/s", "Kelem/s", "Melem/s", "Gelem/s"]),
            Throughput::Bits(n) => (n as f64, ["b/s", "Kb/s", "Mb/s", "Gb/s"]),
        };
        let typical = per_iteration * 1e9 / typical_ns;
        let (divisor, unit) = [1.0, 1e3, 1e6, 1e9]
            .into_iter()
            .zip(units)
            .take_while(|(d, _)| typical >= *d)
            .last()
            .unwrap_or((1.0, units[0]));
        values
            .iter_mut()
            .for_each(|v| *v = per_iteration * 1e9 / *v / divisor);
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
