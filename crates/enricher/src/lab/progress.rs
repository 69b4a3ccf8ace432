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
