//! What a replay did, counted by dead-letter code, for the table `enricher replay` prints.

use std::collections::BTreeMap;

/// What became of one dead letter the replay looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Republished to the input exchange, confirmed, and acked off the dead-letter queue
    /// (with `--dry-run`: would have been).
    Moved,
    /// Its code was not selected: left in the dead-letter queue.
    NotSelected,
    /// Already replayed `replay.max_replays` times: left in the dead-letter queue.
    AtReplayLimit,
    /// The broker returned the republish as unroutable or nacked it: left in the dead-letter queue.
    Failed,
}

/// Dead letters of one code, by fate.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CodeCounts {
    pub moved: u64,
    pub not_selected: u64,
    pub at_replay_limit: u64,
    pub failed: u64,
}

impl CodeCounts {
    fn add(&mut self, other: &CodeCounts) {
        self.moved += other.moved;
        self.not_selected += other.not_selected;
        self.at_replay_limit += other.at_replay_limit;
        self.failed += other.failed;
    }
}

/// How a replay went, as it goes (for progress) and at the end.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// `dead_letter.queue`.
    pub queue: String,
    /// Nothing was published or acked: `Moved` means "would be moved".
    pub dry_run: bool,
    /// Ready messages in the queue when the replay started: the most it looks at.
    pub at_start: u64,
    /// Dead letters taken from the queue so far.
    pub scanned: u64,
    /// Counts per code, in code order.
    pub by_code: BTreeMap<String, CodeCounts>,
    /// Ready messages in the queue after the replay, when the broker said.
    pub left: Option<u64>,
    /// Up to a few lines on republishes the broker refused (routing key and reply).
    pub failures: Vec<String>,
}

/// How many refused republishes are described in [`Report::failures`].
const MAX_FAILURE_LINES: usize = 5;

impl Report {
    /// Count one dead letter of `code`.
    pub fn count(&mut self, code: &str, fate: Fate) {
        let counts = self.by_code.entry(code.to_owned()).or_default();
        match fate {
            Fate::Moved => counts.moved += 1,
            Fate::NotSelected => counts.not_selected += 1,
            Fate::AtReplayLimit => counts.at_replay_limit += 1,
            Fate::Failed => counts.failed += 1,
        }
    }

    /// Note a refused republish, keeping only the first few.
    pub fn note_failure(&mut self, line: String) {
        if self.failures.len() < MAX_FAILURE_LINES {
            self.failures.push(line);
        }
    }

    /// The counts over every code.
    pub fn totals(&self) -> CodeCounts {
        let mut totals = CodeCounts::default();
        for counts in self.by_code.values() {
            totals.add(counts);
        }
        totals
    }

    /// Dead letters there were at start but the replay did not look at
    /// (`--limit` had moved first, or others took them meanwhile).
    pub fn not_scanned(&self) -> u64 {
        self.at_start.saturating_sub(self.scanned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_per_code_and_in_total() {
        let mut report = Report {
            at_start: 10,
            ..Report::default()
        };
        report.count("output_too_large", Fate::Moved);
        report.count("output_too_large", Fate::Moved);
        report.count("invalid_json", Fate::NotSelected);
        report.count("delivery_limit", Fate::AtReplayLimit);
        report.count("delivery_limit", Fate::Failed);
        report.scanned = 5;
        assert_eq!(report.by_code["output_too_large"].moved, 2);
        let totals = report.totals();
        assert_eq!(
            (
                totals.moved,
                totals.not_selected,
                totals.at_replay_limit,
                totals.failed
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(report.not_scanned(), 5);
        let codes: Vec<&str> = report.by_code.keys().map(String::as_str).collect();
        assert_eq!(
            codes,
            ["delivery_limit", "invalid_json", "output_too_large"]
        );
    }

    #[test]
    fn only_the_first_failures_are_described() {
        let mut report = Report::default();
        for n in 0..20 {
            report.note_failure(format!("failure {n}"));
        }
        assert_eq!(report.failures.len(), MAX_FAILURE_LINES);
        assert_eq!(report.failures[0], "failure 0");
    }
}
