//! Reading a table with several threads: the work shared by the reading threads, the
//! whole-snapshot read, and the stream of batches.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::snapshot::ProcessTable;
use crate::error::{Error, Pid, Result};
use crate::process::Process;
use crate::process::ProcessInfo;
use crate::sys;
use crate::sys::process::TableReader;

/// Processes per reading thread when the table chooses the number of threads: a
/// thread costs ~50 µs to start, a process ~25 µs to read.
const PER_THREAD: usize = 128;
/// At most this many reading threads when the table chooses.
const MAX_AUTO_THREADS: usize = 4;
/// Processes a reading thread claims at a time.
const BATCH: usize = 16;
/// Batches a background thread of a [`TableStream`] may have read ahead of its caller:
/// past that it waits (the caller reads batches itself meanwhile). Unbounded, the
/// threads read the whole table while the caller builds its objects (the Python
/// package), and the records waiting for it stayed in the threads' malloc arenas
/// (~0.4 MiB of resident memory at 2,000 processes, issue 18).
const AHEAD: usize = 2;

/// How one item is read with the backend's reader `R`: its record, `None` when it is gone, or an error that ends the
/// snapshot.
pub(crate) type ReadFn<R, I, T> = dyn Fn(&mut R, &I) -> Result<Option<T>> + Send + Sync;

/// The items of a snapshot shared by its reading threads, and the batches claimed.
struct Work<I, T> {
    items: Vec<I>,
    /// The next batch to claim.
    next: AtomicUsize,
    /// A read failed, or the stream was dropped: the threads stop claiming.
    stop: AtomicBool,
    read: Box<ReadFn<TableReader, I, T>>,
}

impl<I, T> Work<I, T> {
    fn new(items: Vec<I>, read: Box<ReadFn<TableReader, I, T>>) -> Arc<Work<I, T>> {
        Arc::new(Work {
            items,
            next: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            read,
        })
    }

    fn batches(&self) -> usize {
        self.items.len().div_ceil(BATCH)
    }

    /// Claims and reads one batch with `table`: its number and records, or the error
    /// that ended it; `None` when no batch is left (or the threads were stopped).
    fn claim(&self, table: &mut TableReader) -> Option<(usize, Result<Vec<T>>)> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let b = self.next.fetch_add(1, Ordering::Relaxed);
        let batch = self.items.chunks(BATCH).nth(b)?;
        let mut out = Vec::with_capacity(batch.len());
        for item in batch {
            match (self.read)(table, item) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => {}
                Err(e) => {
                    self.stop.store(true, Ordering::Relaxed);
                    return Some((b, Err(e)));
                }
            }
        }
        Some((b, Ok(out)))
    }
}

/// Starts a reading thread on `work` with `table` (a reader of its own), placed on
/// another CPU than the caller's (the backend's `start_on_another_cpu`): each batch
/// goes to `sink` until it returns false. The thread returns its reader (for its
/// counters). `None` when no
/// thread can be had (EAGAIN: RLIMIT_NPROC, memory).
fn start<I, T>(
    work: &Arc<Work<I, T>>,
    mut table: TableReader,
    mut sink: impl FnMut(usize, Result<Vec<T>>) -> bool + Send + 'static,
) -> Option<JoinHandle<TableReader>>
where
    I: Send + Sync + 'static,
    T: Send + 'static,
{
    let work = work.clone();
    let h = std::thread::Builder::new()
        .name("psutil-table".into())
        .spawn(move || {
            while let Some((b, r)) = work.claim(&mut table) {
                if !sink(b, r) {
                    break;
                }
            }
            table
        })
        .ok()?;
    sys::process::start_on_another_cpu(&h);
    Some(h)
}

/// One batch of a [`TableStream`]: records of consecutive pids, in pid order.
#[derive(Debug)]
#[non_exhaustive]
pub struct TableBatch {
    /// The records, each with a [`Process`] handle as
    /// [`ProcessTable::snapshot_with_processes`] gives them.
    pub records: Vec<(Process, ProcessInfo)>,
    /// When the batch was read: `CLOCK_MONOTONIC` in seconds (`clock_gettime(2)`),
    /// the clock of Python's `time.monotonic()`, for rates such as `cpu_percent`.
    pub read_at: f64,
}

/// A snapshot read batch by batch while the caller consumes it, by the caller's thread
/// and, for a large table, threads in the background: the iterator of
/// [`ProcessTable::stream_with_processes`]. It yields the batches in pid order; a
/// batch that failed (the `/proc/<pid>` directories cannot be opened: EMFILE,
/// ...) ends the stream. Dropping it stops the reading threads (each finishes its batch
/// first). In a child made by `fork()` while the stream was read, the background
/// threads do not exist: the stream gives the batches it has and those it can still
/// read itself, then [`Error::Io`](crate::Error::Io) for those the parent's threads held (it never waits
/// for them).
pub struct TableStream {
    pids: Vec<Pid>,
    work: Arc<Work<Pid, (Process, ProcessInfo)>>,
    rx: Receiver<(usize, Result<TableBatch>)>,
    handles: Vec<JoinHandle<TableReader>>,
    /// Batches that came before their turn.
    pending: BTreeMap<usize, Result<TableBatch>>,
    next: usize,
    /// The reader the caller reads batches with, when none is ready.
    table: TableReader,
    done: bool,
    /// The process that started the threads: in a child made by `fork()` they do not
    /// exist (their batches never come, joining them would wait forever).
    owner: u32,
}

impl std::fmt::Debug for TableStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableStream")
            .field("pids", &self.pids.len())
            .field("next", &self.next)
            .field("threads", &self.handles.len())
            .finish()
    }
}

impl TableStream {
    /// The pids listed in `/proc` when the stream started, in order: the records are
    /// of these, less those that vanished before they were read.
    pub fn pids(&self) -> &[Pid] {
        &self.pids
    }

    /// Threads reading in the background besides the caller's (0: the stream reads on
    /// the caller's thread only, batch by batch as it is asked).
    pub fn threads(&self) -> usize {
        self.handles.len()
    }

    fn finish(&mut self) {
        self.done = true;
        self.work.stop.store(true, Ordering::Relaxed);
        // A thread waiting on the full queue wakes (its send fails) when the receiver
        // is gone: the queue is replaced by a closed one before the threads are joined.
        let (_, closed) = mpsc::sync_channel(0);
        drop(std::mem::replace(&mut self.rx, closed));
        if self.forked() {
            // Their handles name threads of the parent: not joined, not detached.
            for h in self.handles.drain(..) {
                std::mem::forget(h);
            }
            return;
        }
        for h in self.handles.drain(..) {
            if let Err(p) = h.join() {
                std::panic::resume_unwind(p);
            }
        }
    }

    /// In a child made by `fork()` since the stream started.
    fn forked(&self) -> bool {
        std::process::id() != self.owner
    }
}

impl Iterator for TableStream {
    type Item = Result<TableBatch>;

    fn next(&mut self) -> Option<Result<TableBatch>> {
        if self.done {
            return None;
        }
        if self.next >= self.work.batches() {
            self.finish();
            return None;
        }
        let got = loop {
            if let Some(b) = self.pending.remove(&self.next) {
                break Some(b);
            }
            if let Ok((i, b)) = self.rx.try_recv() {
                self.pending.insert(i, b);
                continue;
            }
            // Nothing ready: the caller reads a batch too, rather than wait.
            if let Some((i, r)) = self.work.claim(&mut self.table) {
                let read_at = sys::process::monotonic();
                self.pending
                    .insert(i, r.map(|records| TableBatch { records, read_at }));
                continue;
            }
            // Every batch is claimed: wait for the threads' ones (which never come in a
            // forked child).
            if self.forked() && !self.handles.is_empty() {
                self.finish();
                return Some(Err(Error::Io {
                    path: None,
                    source: std::io::Error::other(
                        "process table read across fork(): the batches of the parent's \
                         reading threads are not in this process",
                    ),
                }));
            }
            match self.rx.recv() {
                Ok((i, b)) => {
                    self.pending.insert(i, b);
                }
                // Every thread ended with this batch unread: one panicked (raised by
                // finish), since a failed batch is sent like any other.
                Err(_) => break None,
            }
        };
        self.next += 1;
        match got {
            Some(Ok(b)) => Some(Ok(b)),
            Some(Err(e)) => {
                self.finish();
                Some(Err(e))
            }
            None => {
                self.finish();
                None
            }
        }
    }
}

impl Drop for TableStream {
    fn drop(&mut self) {
        if !self.done {
            self.done = true;
            self.work.stop.store(true, Ordering::Relaxed);
            // Not joined: each thread ends after its batch, its sends failing.
        }
        if self.forked() {
            for h in self.handles.drain(..) {
                std::mem::forget(h);
            }
        }
    }
}

impl ProcessTable {
    /// Fixes the number of threads that read a snapshot (`1`: the calling thread
    /// only); `None` (the default) lets the table choose by the number of processes and
    /// `std::thread::available_parallelism()`.
    pub fn set_threads(&mut self, threads: Option<NonZeroUsize>) -> &mut ProcessTable {
        self.threads = threads;
        self
    }

    /// How many threads read `n` processes.
    fn thread_count(&self, n: usize) -> usize {
        match self.threads {
            Some(t) => t.get().min(n.max(1)),
            None if n < 2 * PER_THREAD => 1,
            None => {
                let cpus = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
                cpus.min(MAX_AUTO_THREADS).min(n / PER_THREAD).max(1)
            }
        }
    }

    /// `read` applied to every item, results in item order, by [`thread_count`]
    /// threads: the calling one and others started for this call, each with a table of
    /// its own (buffers, counters), claiming batches of [`BATCH`] items in turn (the
    /// cost of a process varies with its threads and command line, so fixed ranges
    /// would leave threads idle). The first error in item order is returned.
    ///
    /// [`thread_count`]: ProcessTable::thread_count
    pub(super) fn read_all<I, T>(
        &mut self,
        items: Vec<I>,
        read: Box<ReadFn<TableReader, I, T>>,
    ) -> Result<Vec<T>>
    where
        I: Send + Sync + 'static,
        T: Send + 'static,
    {
        let threads = self.thread_count(items.len());
        self.imp.set_threads_used(1);
        if threads == 1 {
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                if let Some(v) = read(&mut self.imp, item)? {
                    out.push(v);
                }
            }
            return Ok(out);
        }
        self.imp.preload();
        self.imp.reserve_fds(items.len());
        let total = items.len();
        let work = Work::new(items, read);
        let (tx, rx) = mpsc::channel();
        let handles: Vec<_> = (1..threads)
            .filter_map(|_| {
                let tx = tx.clone();
                start(&work, self.imp.worker(), move |b, r| {
                    tx.send((b, r)).is_ok()
                })
            })
            .collect();
        drop(tx);
        self.imp.set_threads_used(1 + handles.len() as u64);
        let mut batches = Vec::with_capacity(work.batches());
        while let Some(b) = work.claim(&mut self.imp) {
            batches.push(b);
        }
        for h in handles {
            let worker = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            self.imp.merge_reads(&worker);
        }
        batches.extend(rx.try_iter());
        batches.sort_unstable_by_key(|(b, _)| *b);
        let mut out = Vec::with_capacity(total);
        for (_, r) in batches {
            out.extend(r?);
        }
        Ok(out)
    }

    /// [`snapshot_with_processes`](ProcessTable::snapshot_with_processes) as a stream of
    /// batches in pid order: `/proc` is listed now (its errors are returned now); then,
    /// when the snapshot would use several threads, all but one start reading now, in
    /// the background, and the caller's thread reads a batch whenever the next one is
    /// not ready yet. What the caller does with a batch (the Python package builds its
    /// objects) overlaps the reading of the next ones. With one thread (a small table,
    /// or [`set_threads`](ProcessTable::set_threads)`(1)`) every batch is read on the
    /// caller's thread as it asks for it, as psutil's `process_iter` reads each process
    /// as the iteration gets to it. The table's `reads` (a test hook) do not
    /// count a stream's files.
    pub fn stream_with_processes(&mut self) -> Result<TableStream> {
        let (pids, read) = self.imp.pid_reader(TableReader::keep_with_process)?;
        let threads = self.thread_count(pids.len()) - 1;
        if threads > 0 {
            self.imp.preload();
            self.imp.reserve_fds(pids.len());
        }
        let work = Work::new(pids.clone(), read);
        let (tx, rx) = mpsc::sync_channel(AHEAD * threads);
        let handles: Vec<_> = (0..threads)
            .filter_map(|_| {
                let tx = tx.clone();
                start(&work, self.imp.worker(), move |b, r| {
                    let read_at = sys::process::monotonic();
                    tx.send((b, r.map(|records| TableBatch { records, read_at })))
                        .is_ok()
                })
            })
            .collect();
        Ok(TableStream {
            pids,
            work,
            rx,
            handles,
            pending: BTreeMap::new(),
            next: 0,
            table: self.imp.worker(),
            done: false,
            owner: std::process::id(),
        })
    }
}
