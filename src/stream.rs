//! Streaming with bounded memory: items flow from a reader through worker threads to one writer
//! that keeps input order.
//!
//! ```text
//!  reader thread ──► queue ──► N workers ──► reorder buffer ──► writer (the calling thread)
//!         └──────────── at most `max_items` items / `max_bytes` bytes in flight ◄─────┘
//! ```
//!
//! An item is *in flight* from the moment the reader takes it until the writer has written its
//! result; the reader waits while the bound is reached. So memory grows with the bound (a few
//! items per thread, and the largest item), never with the length of the input, and the output is
//! the same for any number of threads. With one thread everything runs on the calling thread, one
//! item after the other.
//!
//! Threads hand work over in runs, not item by item, because each wake-up of a sleeping thread
//! costs a context switch (Reuters' 21,578 short documents on two threads: 14,000–35,000 switches
//! per run when handed over one by one, 4,000–5,000 in runs): a reader that had to wait sleeps
//! until half the item bound is free, then reads a run; a worker takes up to eight items that
//! are ready (never waiting for more, so a filter still answers each line at once; never more
//! than half its share of the item bound) and sends their results together. The items may
//! themselves be runs of documents ([`runs`]): the command line hands the pipeline a few dozen
//! documents at once, and runs each stage over all of them before the next.
//!
//! ```
//! use newsfacts::stream::{for_each_ordered, Bounds};
//!
//! let mut out = Vec::new();
//! let r: Result<(), ()> = for_each_ordered(
//!     (0..100u64).map(|i| i.to_string()),
//!     Bounds { threads: 4, max_items: 8, max_bytes: 1 << 20 },
//!     |s| s.len(),
//!     |s| format!("<{s}>"),
//!     |line| { out.push(line); Ok(()) },
//!     || Ok(()),
//! );
//! r.unwrap();
//! assert_eq!(out.len(), 100);
//! assert_eq!(out[42], "<42>");
//! ```

use std::collections::BTreeMap;
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Condvar, Mutex, PoisonError};

/// Items a worker takes at once when they are ready, at most (it never waits to fill a batch;
/// see `take` in [`for_each_ordered`]).
const WORKER_BATCH: usize = 8;

/// How much may be in flight at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// Worker threads (1: everything on the calling thread).
    pub threads: usize,
    /// Items read but not yet written, at most.
    pub max_items: usize,
    /// Total weight (for documents: text bytes) of the items in flight, at most; a single item
    /// heavier than this still goes through, alone.
    pub max_bytes: usize,
}

impl Bounds {
    /// The bounds for `threads` workers taking [`runs`] of documents: two runs per thread and
    /// two more (so that each worker finds the next run read while the writer writes), and
    /// 16 MB of text.
    pub fn for_runs(threads: usize) -> Bounds {
        let threads = threads.max(1);
        Bounds {
            threads,
            max_items: 2 * threads + 2,
            max_bytes: 16 << 20,
        }
    }
}

/// What is in flight, guarded by a mutex; the reader waits on the condition variable.
#[derive(Default)]
struct GateState {
    items: usize,
    bytes: usize,
    closed: bool,
    /// The weight of the item the reader is waiting to bring in, if it is waiting.
    waiting: Option<usize>,
}

impl GateState {
    /// Whether an item of `weight` may come in now.
    fn fits(&self, bounds: &Bounds, weight: usize) -> bool {
        self.items == 0
            || (self.items < bounds.max_items && self.bytes + weight <= bounds.max_bytes)
    }

    /// Whether a waiting reader should be woken: its item fits and half the item bound is free,
    /// so that it reads a run of items at once instead of waking for every item written.
    fn may_wake(&self, bounds: &Bounds, weight: usize) -> bool {
        self.fits(bounds, weight) && (self.items == 0 || self.items <= bounds.max_items / 2)
    }
}

struct Gate {
    state: Mutex<GateState>,
    freed: Condvar,
    bounds: Bounds,
}

impl Gate {
    /// Waits until an item of `weight` fits; false when the run is being abandoned.
    fn acquire(&self, weight: usize) -> bool {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if s.closed {
                return false;
            }
            if s.fits(&self.bounds, weight) {
                s.items += 1;
                s.bytes += weight;
                s.waiting = None;
                return true;
            }
            s.waiting = Some(weight);
            s = self.freed.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn release(&self, weight: usize) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        s.items -= 1;
        s.bytes -= weight;
        let wake = s.waiting.is_some_and(|w| s.may_wake(&self.bounds, w));
        drop(s);
        if wake {
            self.freed.notify_one();
        }
    }

    fn close(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .closed = true;
        self.freed.notify_all();
    }
}

/// Closes the gate when a worker or the reader unwinds, so that nobody waits forever for the item
/// it was holding; the panic then reaches the caller when the threads are joined.
struct CloseOnPanic<'g>(&'g Gate);

impl Drop for CloseOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}

/// Groups the items of `input` into runs of at most `max_items` items whose `weight` adds up to
/// at most `max_weight` (an item heavier than that forms a run alone), in input order: the unit
/// of work for [`for_each_ordered`] when items are cheaper to process together. A run is
/// complete before it is handed out, so an input that waits (a filter on stdin) should use runs
/// of one item.
///
/// ```
/// let runs: Vec<Vec<u32>> =
///     newsfacts::stream::runs([1, 2, 3, 9, 1, 1, 1].into_iter(), 3, 5, |n| *n as usize).collect();
/// assert_eq!(runs, vec![vec![1, 2], vec![3], vec![9], vec![1, 1, 1]]);
/// ```
pub fn runs<T, I: Iterator<Item = T>>(
    input: I,
    max_items: usize,
    max_weight: usize,
    weight: impl Fn(&T) -> usize,
) -> impl Iterator<Item = Vec<T>> {
    let mut input = input.peekable();
    let max_items = max_items.max(1);
    std::iter::from_fn(move || {
        let first = input.next()?;
        let mut total = weight(&first);
        let mut run = vec![first];
        while run.len() < max_items {
            let Some(w) = input.peek().map(&weight) else {
                break;
            };
            if total + w > max_weight {
                break;
            }
            total += w;
            run.extend(input.next());
        }
        Some(run)
    })
}

/// Runs `work` over every item of `input` on `bounds.threads` threads and hands the results to
/// `write` in input order, on the calling thread. `weight` tells an item's size for
/// [`Bounds::max_bytes`]. `idle` is called when the writer has nothing to write and is about to
/// wait (with one thread: after every item), the moment to flush an output a consumer is waiting
/// for. The first error of `write` or `idle` stops the run: no more items are read, and it is
/// returned once the threads have stopped.
pub fn for_each_ordered<T, R, E, I>(
    input: I,
    bounds: Bounds,
    weight: impl Fn(&T) -> usize + Send,
    work: impl Fn(T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<(), E>,
    mut idle: impl FnMut() -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
{
    if bounds.threads <= 1 {
        for item in input {
            write(work(item))?;
            idle()?;
        }
        return Ok(());
    }
    let gate = Gate {
        state: Mutex::new(GateState::default()),
        freed: Condvar::new(),
        bounds,
    };
    // A worker takes at most half its share of the items in flight, so that one worker never
    // takes what the others could work on (with runs of documents as items: one run).
    let take = (bounds.max_items / (2 * bounds.threads)).clamp(1, WORKER_BATCH);
    let (work_tx, work_rx) = mpsc::channel::<(u64, usize, T)>();
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Vec<(u64, usize, R)>>();
    std::thread::scope(|scope| {
        let gate = &gate;
        let mut handles = Vec::with_capacity(bounds.threads + 1);
        handles.push(scope.spawn(move || {
            let _guard = CloseOnPanic(gate);
            for (seq, item) in (0u64..).zip(input) {
                let w = weight(&item);
                if !gate.acquire(w) || work_tx.send((seq, w, item)).is_err() {
                    break;
                }
            }
        }));
        for _ in 0..bounds.threads {
            let (work_rx, done_tx, work) = (&work_rx, done_tx.clone(), &work);
            handles.push(scope.spawn(move || {
                let _guard = CloseOnPanic(gate);
                let mut taken = Vec::with_capacity(take);
                loop {
                    // Wait for one item, then take what else is ready (never waiting for more),
                    // so that the writer is woken once per run of results, not for each.
                    {
                        let rx = work_rx.lock().unwrap_or_else(PoisonError::into_inner);
                        let Ok(first) = rx.recv() else { break };
                        taken.push(first);
                        while taken.len() < take {
                            let Ok(more) = rx.try_recv() else { break };
                            taken.push(more);
                        }
                    }
                    let done: Vec<_> = taken
                        .drain(..)
                        .map(|(seq, w, item)| (seq, w, work(item)))
                        .collect();
                    if done_tx.send(done).is_err() {
                        break;
                    }
                }
            }));
        }
        drop(done_tx);
        let result = (|| {
            let mut next = 0u64;
            let mut pending: BTreeMap<u64, (usize, R)> = BTreeMap::new();
            loop {
                while let Some((w, r)) = pending.remove(&next) {
                    write(r)?;
                    gate.release(w);
                    next += 1;
                }
                let done = match done_rx.try_recv() {
                    Ok(m) => m,
                    Err(TryRecvError::Empty) => {
                        idle()?;
                        match done_rx.recv() {
                            Ok(m) => m,
                            Err(_) => break,
                        }
                    }
                    Err(TryRecvError::Disconnected) => break,
                };
                pending.extend(done.into_iter().map(|(seq, w, r)| (seq, (w, r))));
            }
            Ok(())
        })();
        // On an error: stop the reader; the workers stop when their results have nowhere to go.
        gate.close();
        drop(done_rx);
        // A thread's panic goes on in the caller, with its own message.
        for h in handles {
            if let Err(payload) = h.join() {
                std::panic::resume_unwind(payload);
            }
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn run(threads: usize, n: u64) -> Vec<u64> {
        let mut out = Vec::new();
        let r: Result<(), ()> = for_each_ordered(
            0..n,
            Bounds {
                threads,
                max_items: 5,
                max_bytes: 1000,
            },
            |_| 100,
            |i| {
                // Uneven work so that results arrive out of order.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                i * 2
            },
            |r| {
                out.push(r);
                Ok(())
            },
            || Ok(()),
        );
        r.unwrap();
        out
    }

    #[test]
    fn runs_keep_order_and_bounds() {
        // weightless items (failed inputs) fill a run up to its item bound
        let r: Vec<Vec<usize>> = runs([0, 0, 0, 0, 0].into_iter(), 2, 10, |n| *n).collect();
        assert_eq!(r, vec![vec![0, 0], vec![0, 0], vec![0]]);
        // a run of one item for a filter
        let r: Vec<Vec<usize>> = runs([4, 4].into_iter(), 1, 100, |n| *n).collect();
        assert_eq!(r, vec![vec![4], vec![4]]);
        // exactly the weight bound fits; the heavy item stands alone
        let r: Vec<Vec<usize>> = runs([2, 3, 50, 5].into_iter(), 8, 5, |n| *n).collect();
        assert_eq!(r, vec![vec![2, 3], vec![50], vec![5]]);
        assert_eq!(runs(std::iter::empty::<usize>(), 8, 5, |n| *n).count(), 0);
    }

    #[test]
    fn keeps_input_order_for_any_thread_count() {
        let expected: Vec<u64> = (0..200).map(|i| i * 2).collect();
        for threads in [1, 2, 3, 8] {
            assert_eq!(run(threads, 200), expected, "{threads} threads");
        }
        assert!(run(4, 0).is_empty());
    }

    #[test]
    fn never_has_more_in_flight_than_the_bound() {
        let read = AtomicUsize::new(0);
        let mut written = 0usize;
        let mut worst = 0usize;
        let input = (0..300u64).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let r: Result<(), ()> = for_each_ordered(
            input,
            Bounds {
                threads: 3,
                max_items: 4,
                max_bytes: usize::MAX,
            },
            |_| 1,
            |i| i,
            |_| {
                written += 1;
                // The reader may have taken one more item and be waiting at the gate with it.
                worst = worst.max(read.load(Ordering::SeqCst) - written);
                Ok(())
            },
            || Ok(()),
        );
        r.unwrap();
        assert_eq!(written, 300);
        assert!(worst <= 5, "{worst} items in flight");
    }

    #[test]
    fn a_heavy_item_goes_through_alone_and_a_write_error_stops_the_run() {
        let mut seen = Vec::new();
        let r = for_each_ordered(
            0..10_000u64,
            Bounds {
                threads: 2,
                max_items: 8,
                max_bytes: 10,
            },
            |i| if *i == 3 { 1000 } else { 1 },
            |i| i,
            |i| {
                seen.push(i);
                if i == 20 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
            || Ok(()),
        );
        assert_eq!(r, Err(20));
        assert_eq!(seen, (0..=20).collect::<Vec<_>>());
    }

    #[test]
    fn a_waiting_reader_is_woken_when_half_the_items_are_free_or_its_item_fits_alone() {
        let bounds = Bounds {
            threads: 2,
            max_items: 8,
            max_bytes: 100,
        };
        let state = |items, bytes| GateState {
            items,
            bytes,
            ..GateState::default()
        };
        // One item free: it fits, but the reader sleeps on until half the bound is free.
        assert!(state(7, 10).fits(&bounds, 1));
        assert!(!state(7, 10).may_wake(&bounds, 1));
        assert!(!state(5, 10).may_wake(&bounds, 1));
        assert!(state(4, 10).may_wake(&bounds, 1));
        // Half free but the bytes do not fit: not yet; alone, any item goes through.
        assert!(!state(2, 90).may_wake(&bounds, 20));
        assert!(state(0, 0).may_wake(&bounds, 1000));
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn a_panicking_worker_does_not_hang_the_run() {
        let _ = for_each_ordered(
            0..1000u64,
            Bounds {
                threads: 2,
                max_items: 4,
                max_bytes: usize::MAX,
            },
            |_| 1,
            |i| {
                if i == 5 {
                    panic!("boom");
                }
                i
            },
            |_| Ok::<(), ()>(()),
            || Ok(()),
        );
    }
}
