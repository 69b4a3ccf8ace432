//! Progress bars on stderr for the long lab commands.

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar on stderr over `len` items called `unit`, with room for a short message (the step or design) before it.
pub fn counter(len: usize, unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!("{{msg:>10}} [{{bar:40}}] {{pos}}/{{len}} {unit}"))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}

/// A progress bar on stderr over `length` messages, with the rate and time left.
pub fn throughput(length: u64, message: &str) -> ProgressBar {
    let bar = ProgressBar::new(length);
    bar.set_style(
        ProgressStyle::with_template("{msg:>24} [{bar:40}] {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(message.to_owned());
    bar
}

/// A progress line on stderr for a stream of unknown length: how many `unit` so far, the rate
/// and the time taken, with room for a message after (what failed).
pub fn spinner(unit: &str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} {{pos}} {unit} ({{per_sec}}, {{elapsed}}) {{msg}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
