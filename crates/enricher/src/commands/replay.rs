//! `enricher replay`: move dead letters back to the input exchange, the selected codes only, with progress on a terminal and a table of what moved and what stayed.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};

use enricher_worker::replay::{self, Report, Request};
use enricher_worker::settings::Settings;

use crate::error::Failure;

/// Load the settings, check the codes, replay, and print the table on stdout.
///
/// Exit 0 when every selected dead letter looked at was moved; 1 when the
/// broker refused some republishes (they stay in the dead-letter queue) or the
/// connection failed; 2 for an unknown code or bad configuration.
pub fn run(
    config: Option<&Path>,
    codes: Vec<String>,
    limit: Option<u64>,
    dry_run: bool,
) -> Result<(), Failure> {
    enricher_worker::telemetry::init_cli();
    let settings = Settings::load(config)?;
    let codes = if codes.is_empty() {
        settings.replay.codes.clone()
    } else {
        codes
    };
    if let Some(code) = codes.iter().find(|code| !replay::settings::is_known(code)) {
        return Err(Failure::usage(replay::settings::unknown_code(code)));
    }
    if codes.is_empty() {
        return Err(Failure::usage(
            "no code to replay: replay.codes is empty and no --code was given",
        ));
    }
    let request = Request {
        codes,
        limit,
        dry_run,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let mut bar: Option<ProgressBar> = None;
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |report: &Report| {
        if terminal {
            let bar = bar.get_or_insert_with(|| progress_bar(report.at_start));
            bar.set_position(report.scanned);
            bar.set_message(format!("{} moved", report.totals().moved));
        }
    };
    let result = runtime.block_on(replay::run(&settings, &request, &mut progress));
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = result.map_err(|error| {
        if error.is_configuration() {
            Failure::usage(error)
        } else {
            Failure::Other(error.into())
        }
    })?;
    let mut out = std::io::stdout().lock();
    write!(out, "{}", table(&report)).context("cannot write the report")?;
    let refused = report.totals().failed;
    if refused > 0 {
        for line in &report.failures {
            eprintln!("refused: {line}");
        }
        return Err(Failure::Other(anyhow::anyhow!(
            "the broker refused {refused} republish(es); those dead letters are still in {}",
            report.queue
        )));
    }
    Ok(())
}

/// A bar over the dead letters there were at start, with how many moved.
fn progress_bar(length: u64) -> ProgressBar {
    let bar = ProgressBar::new(length);
    bar.set_style(
        ProgressStyle::with_template("replay [{bar:40}] {pos}/{len} looked at, {msg} {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}

/// The table printed at the end: per code, what moved and what stayed, then the totals and the queue's length.
fn table(report: &Report) -> String {
    let moved = if report.dry_run {
        "would move"
    } else {
        "moved"
    };
    let mut text = String::new();
    let mut row = |code: &str, cells: [String; 4]| {
        text.push_str(&format!(
            "{code:<30} {:>10} {:>12} {:>14} {:>7}\n",
            cells[0], cells[1], cells[2], cells[3]
        ));
    };
    row(
        "code",
        [
            moved.into(),
            "not selected".into(),
            "at max_replays".into(),
            "refused".into(),
        ],
    );
    let counts = |c: &replay::CodeCounts| {
        [
            c.moved.to_string(),
            c.not_selected.to_string(),
            c.at_replay_limit.to_string(),
            c.failed.to_string(),
        ]
    };
    for (code, c) in &report.by_code {
        row(code, counts(c));
    }
    row("total", counts(&report.totals()));
    if report.dry_run {
        text.push_str("dry run: nothing was moved\n");
    }
    let not_scanned = report.not_scanned();
    if not_scanned > 0 {
        text.push_str(&format!(
            "not looked at: {not_scanned} (--limit reached first)\n"
        ));
    }
    match report.left {
        Some(left) => text.push_str(&format!("left in {}: {left}\n", report.queue)),
        None => text.push_str(&format!("left in {}: unknown\n", report.queue)),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use enricher_worker::replay::report::Fate;

    #[test]
    fn the_table_has_a_row_per_code_the_totals_and_what_is_left() {
        let mut report = Report {
            queue: "enricher.dead".into(),
            at_start: 6,
            scanned: 5,
            left: Some(3),
            ..Report::default()
        };
        report.count("output_too_large", Fate::Moved);
        report.count("output_too_large", Fate::Moved);
        report.count("invalid_json", Fate::NotSelected);
        report.count("delivery_limit", Fate::AtReplayLimit);
        report.count("delivery_limit", Fate::NotSelected);
        let text = table(&report);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("code") && lines[0].contains("moved"));
        assert!(lines[1].starts_with("delivery_limit"));
        let total: Vec<&str> = lines[4].split_whitespace().collect();
        assert_eq!(total, ["total", "2", "2", "1", "0"]);
        assert!(text.contains("not looked at: 1"));
        assert!(text.contains("left in enricher.dead: 3"));
        report.dry_run = true;
        assert!(table(&report).contains("would move"));
    }
}
