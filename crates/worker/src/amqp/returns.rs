//! Logging of publishes the broker returns or nacks: one short line, then a summary at most every ten seconds, and a line when publishes are routed again.
//!
//! During an output outage every message in flight comes back, again and
//! again; a line each would bury the log (and lapin's own line for a return
//! dumps the whole message, which is why that target is silenced by default).
//! A line never carries a body: exchange, routing key, message id, reply code.
//!
//! Once per process, the worker says what is wrong and how to fix it when
//! nothing is bound to the output exchange: at start when the worker has just
//! created that exchange (so it can have no bindings) and declares no
//! `output.queue`; otherwise with the first output that comes back
//! unroutable. AMQP cannot list the bindings of an exchange that already
//! existed, and a probe publish would reach real consumers when something is
//! bound, so that return is the earliest sound moment for it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use tracing::{info, warn};

/// The least time between two lines about returns.
const SUMMARY_EVERY: Duration = Duration::from_secs(10);

/// The fix the "nothing is bound" warning gives.
const HOW_TO_BIND: &str = "bind a queue to the exchange (routing key \"#\" takes every output), or set output.queue to have the worker declare one. Said once; enricher_outputs_returned_total counts the returns";

/// AMQP's reply code for a mandatory publish no queue was bound for.
const NO_ROUTE: u16 = 312;

/// One publish the broker did not route or accept.
#[derive(Debug, Clone, Copy)]
pub struct Returned<'a> {
    pub exchange: &'a str,
    pub routing_key: &'a str,
    pub message_id: &'a str,
    /// The AMQP reply code (312 NO_ROUTE); 0 for a nack, which carries none.
    pub reply_code: u16,
    /// A dead letter rather than an enriched output.
    pub dead_letter: bool,
}

/// Counts returns and rate-limits their log lines; one per worker.
#[derive(Debug, Default)]
pub struct ReturnLog {
    /// Returns since publishes were last routed; read without the lock on the hot path.
    since_routed: AtomicU64,
    /// Whether the line saying that nothing is bound to the output exchange was written.
    told_unbound: AtomicBool,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    last_line: Option<Instant>,
    /// Returns not logged since the last line.
    unlogged: u64,
}

impl ReturnLog {
    /// Say, once per process, that nothing is bound to `exchange`: the worker
    /// has just created it and declares no `output.queue`. The first
    /// unroutable return then says nothing more.
    pub fn unbound_at_start(&self, exchange: &str) {
        if self.told_unbound.swap(true, Ordering::Relaxed) {
            return;
        }
        warn!(
            exchange,
            "nothing is bound to output exchange `{exchange}` (the worker has just declared it), so outputs will come back unroutable and wait in the worker (then their inputs go back to the queue after retry.give_up_after): {HOW_TO_BIND}"
        );
    }

    /// Note a return; log it if no line was written in the last ten seconds, else count it for the next.
    pub fn returned(&self, returned: Returned<'_>) {
        crate::metrics::global().returned();
        self.since_routed.fetch_add(1, Ordering::Relaxed);
        let unbound = returned.reply_code == NO_ROUTE
            && !returned.dead_letter
            && !self.told_unbound.swap(true, Ordering::Relaxed);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if !unbound
            && state
                .last_line
                .is_some_and(|last| last.elapsed() < SUMMARY_EVERY)
        {
            state.unlogged += 1;
            return;
        }
        let earlier = std::mem::take(&mut state.unlogged);
        state.last_line = Some(Instant::now());
        drop(state);
        if unbound {
            warn!(
                exchange = returned.exchange,
                routing_key = returned.routing_key,
                message_id = returned.message_id,
                "nothing is bound to output exchange `{}` for routing key `{}`, so outputs come back unroutable and wait in the worker (then their inputs go back to the queue after retry.give_up_after): {HOW_TO_BIND}",
                returned.exchange,
                returned.routing_key,
            );
            return;
        }
        warn!(
            exchange = returned.exchange,
            routing_key = returned.routing_key,
            message_id = returned.message_id,
            reply_code = returned.reply_code,
            returned_since_last_line = earlier,
            "publish returned or nacked by the broker (is a queue bound to the exchange?); retrying in the worker"
        );
    }

    /// Note a confirmed publish; the first after returns says the outage is over.
    pub fn routed(&self) {
        if self.since_routed.load(Ordering::Relaxed) == 0 {
            return;
        }
        let returns = self.since_routed.swap(0, Ordering::Relaxed);
        if returns > 0 {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            *state = State::default();
            drop(state);
            info!(returns, "publishes are routed again");
        }
    }

    /// Returns since publishes were last routed.
    pub fn pending(&self) -> u64 {
        self.since_routed.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(log: &ReturnLog, id: &str) {
        log.returned(Returned {
            exchange: "out",
            routing_key: "news",
            message_id: id,
            reply_code: 312,
            dead_letter: false,
        });
    }

    #[test]
    fn returns_are_counted_until_a_publish_is_routed() {
        let log = ReturnLog::default();
        for n in 0..1000 {
            one(&log, &format!("m-{n}"));
        }
        assert_eq!(log.pending(), 1000);
        {
            let state = log.state.lock().unwrap();
            assert_eq!(state.unlogged, 999, "one line, the rest summarised");
        }
        log.routed();
        assert_eq!(log.pending(), 0);
        one(&log, "after");
        assert_eq!(
            log.state.lock().unwrap().unlogged,
            0,
            "a new outage logs at once"
        );
    }

    #[test]
    fn the_unbound_output_is_explained_once_per_process() {
        let log = ReturnLog::default();
        one(&log, "first");
        assert!(log.told_unbound.load(Ordering::Relaxed));
        log.routed();
        one(&log, "second");
        assert_eq!(
            log.state.lock().unwrap().unlogged,
            0,
            "a later outage gets its ordinary line"
        );
        let nacks = ReturnLog::default();
        nacks.returned(Returned {
            exchange: "out",
            routing_key: "news",
            message_id: "nacked",
            reply_code: 0,
            dead_letter: false,
        });
        assert!(
            !nacks.told_unbound.load(Ordering::Relaxed),
            "a nack is not a missing binding"
        );
    }
}
