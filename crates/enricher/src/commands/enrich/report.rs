//! What `enricher enrich` tells a person at a terminal: a progress line on stderr while it runs, a summary table at the end.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

/// How a run went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EnrichSummary {
    pub enriched: usize,
    pub failed: usize,
    /// The failed inputs by error code.
    pub codes: BTreeMap<&'static str, usize>,
}

impl EnrichSummary {
    /// Count one input: enriched, or failed with `code`.
    pub fn record(&mut self, failure: Option<&'static str>) {
        match failure {
            None => self.enriched += 1,
            Some(code) => {
                self.failed += 1;
                *self.codes.entry(code).or_default() += 1;
            }
        }
    }

    /// The summary table, one row a figure and one a failure code.
    pub fn table(&self, elapsed: Duration) -> String {
        let total = self.enriched + self.failed;
        let seconds = elapsed.as_secs_f64();
        let mut rows = vec![
            ("inputs".to_owned(), total.to_string()),
            ("enriched".to_owned(), self.enriched.to_string()),
            ("failed".to_owned(), self.failed.to_string()),
        ];
        rows.extend(
            self.codes
                .iter()
                .map(|(code, count)| (format!("  {code}"), count.to_string())),
        );
        rows.push(("seconds".to_owned(), format!("{seconds:.1}")));
        if seconds > 0.0 {
            rows.push((
                "inputs/s".to_owned(),
                format!("{:.0}", total as f64 / seconds),
            ));
        }
        let width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
        rows.iter()
            .map(|(name, value)| format!("{name:<width$}  {value:>10}\n"))
            .collect()
    }
}

/// The progress of a run, shown only when stderr is a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    pub summary: EnrichSummary,
}

impl Progress {
    /// A progress line on stderr if `shown`.
    pub fn new(shown: bool) -> Self {
        Self {
            bar: shown.then(|| crate::lab::progress::spinner("inputs")),
            started: Instant::now(),
            summary: EnrichSummary::default(),
        }
    }

    /// Count one input written out.
    pub fn record(&mut self, failure: Option<&'static str>) {
        self.summary.record(failure);
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if failure.is_some() {
                bar.set_message(format!("{} failed", self.summary.failed));
            }
        }
    }

    /// Clear the progress line and, on a terminal, print the summary table to stderr.
    pub fn finish(self) -> EnrichSummary {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
            eprint!("{}", self.summary.table(self.started.elapsed()));
        }
        self.summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_counts_inputs_and_failures_by_code() {
        let mut summary = EnrichSummary::default();
        for failure in [
            None,
            Some("too_large"),
            None,
            Some("invalid_json"),
            Some("too_large"),
        ] {
            summary.record(failure);
        }
        assert_eq!((summary.enriched, summary.failed), (2, 3));
        let table = summary.table(Duration::from_secs(4));
        let rows: Vec<Vec<&str>> = table
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["inputs", "5"],
                vec!["enriched", "2"],
                vec!["failed", "3"],
                vec!["invalid_json", "1"],
                vec!["too_large", "2"],
                vec!["seconds", "4.0"],
                vec!["inputs/s", "1"],
            ]
        );
    }
}
