//! Mapping a stream on worker threads with its order kept and a bounded number of items in flight.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

/// Apply `work` to each of `items` on `jobs` threads and hand the results to `emit` in the
/// items' order. At most `window` items are read ahead and not yet emitted (queued, being
/// worked on, or waiting for an earlier one), so memory stays bounded however long `items`
/// is. `items` is read and `emit` called on the calling thread. An error from `emit` stops
/// the run: nothing more is read or emitted. `work` must not panic (catch inside it): the
/// panic is passed on once the threads have stopped.
pub fn map_in_order<T, R, E>(
    items: impl Iterator<Item = T>,
    jobs: usize,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let jobs = jobs.max(1);
    let window = window.max(jobs) as u64;
    let (to_work, work_queue) = mpsc::sync_channel::<(u64, T)>(window as usize);
    let work_queue = Mutex::new(work_queue);
    let (to_emit, done) = mpsc::channel::<(u64, R)>();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let to_emit = to_emit.clone();
            let (work_queue, work, stop) = (&work_queue, &work, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let next = match work_queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, item)) = next else { return };
                    if to_emit.send((seq, work(item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(to_emit);
        let mut items = items.fuse();
        let (mut read, mut emitted) = (0u64, 0u64);
        let mut waiting = BTreeMap::new();
        let result = loop {
            while read - emitted < window {
                let Some(item) = items.next() else { break };
                if to_work.send((read, item)).is_err() {
                    break;
                }
                read += 1;
            }
            if emitted == read {
                break Ok(());
            }
            // Every worker gone means one panicked: the scope passes the panic on.
            let Ok((seq, result)) = done.recv() else {
                break Ok(());
            };
            waiting.insert(seq, result);
            let mut failed = None;
            while let Some(result) = waiting.remove(&emitted) {
                emitted += 1;
                if let Err(error) = emit(result) {
                    failed = Some(error);
                    break;
                }
            }
            if let Some(error) = failed {
                break Err(error);
            }
        };
        stop.store(true, Ordering::Relaxed);
        drop(to_work);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

    #[test]
    fn results_come_in_input_order_with_several_threads() {
        // Early items take longest, so later ones finish first and must wait.
        let mut out = Vec::new();
        map_in_order(
            0..200u64,
            4,
            16,
            |n| {
                std::thread::sleep(Duration::from_micros((200 - n) * 20));
                n * 2
            },
            |r| {
                out.push(r);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(out, (0..200).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_than_the_window_is_read_ahead_of_what_was_emitted() {
        let read = AtomicUsize::new(0);
        let items = (0..100).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let mut emitted = 0;
        map_in_order(
            items,
            3,
            8,
            |n| n,
            |n: i32| {
                emitted += 1;
                assert_eq!(n as usize + 1, emitted);
                let ahead = read.load(Ordering::SeqCst) - emitted;
                assert!(ahead < 8, "{ahead} items read ahead");
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(emitted, 100);
    }

    #[test]
    fn an_emit_error_stops_reading_and_is_returned() {
        let read = AtomicUsize::new(0);
        let items = (0..10_000).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let result = map_in_order(
            items,
            2,
            4,
            |n| n,
            |n: i32| if n == 10 { Err("closed") } else { Ok(()) },
        );
        assert_eq!(result, Err("closed"));
        assert!(read.load(Ordering::SeqCst) <= 15);
    }

    #[test]
    fn an_empty_stream_emits_nothing() {
        let result = map_in_order(std::iter::empty::<u8>(), 4, 16, |n| n, |_| Err(()));
        assert_eq!(result, Ok(()));
    }
}
