//! The table reader of the backends that list every process in one call (Windows'
//! `SystemProcessInformation`, macOS's `KERN_PROC_ALL`, FreeBSD's `kern.proc.proc`):
//! one listing per snapshot, shared by the reading threads, gives each record's pid,
//! its identity and the values its record carries, and seeds the process's `oneshot`
//! cache; the other attributes are read through the process with the method of that
//! name. The backend says what its listing is ([`Listing`]); Linux reads `/proc` per
//! process instead and uses none of this (see [`linux_unused`]).

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use super::ReadFn;
use crate::error::{Error, Pid, Result};
use crate::process::{Attr, AttrSet, Process, ProcessInfo, Value};
use crate::sys;

/// What a backend's process listing is.
pub(crate) trait Listing: 'static {
    /// One process's record.
    type Record: Clone + Send + Sync + 'static;

    /// Lists every process, with its pid.
    fn list() -> Result<Vec<(Pid, Self::Record)>>;

    /// The creation stamp of a record (the identity of the process it describes),
    /// `None` when it has none.
    fn stamp(pid: Pid, r: &Self::Record) -> Option<u64>;

    /// A [`Process`] on `pid` whose identity is `stamp`, opening nothing.
    fn process(pid: Pid, stamp: Option<u64>) -> Process;

    /// The value of `a` from the record alone, `None` for an attribute it does not
    /// carry (read through the process).
    fn value(_pid: Pid, _r: &Self::Record, _a: Attr) -> Option<Result<Value>> {
        None
    }

    /// Caches the record in `p`'s `oneshot`, for the attributes read through it.
    fn seed(p: &Process, r: Self::Record);
}

/// What a table did (a test hook, feature `test-hooks`): processes opened, threads used.
#[cfg(any(test, feature = "test-hooks"))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListingReads {
    /// Processes opened.
    pub processes: u64,
    /// Threads that read the last snapshot (the calling one included).
    pub threads: u64,
}

/// The listing's records by pid.
type Records<R> = Arc<HashMap<Pid, R>>;

/// The backend's part of a [`ProcessTable`](crate::ProcessTable): the attributes, and
/// the listing of the current read (shared with the reading threads).
pub(crate) struct ListedReader<L: Listing> {
    attrs: AttrSet,
    records: Option<Records<L::Record>>,
    #[cfg(any(test, feature = "test-hooks"))]
    reads: ListingReads,
    listing: PhantomData<L>,
}

fn load<L: Listing>() -> Result<Records<L::Record>> {
    Ok(Arc::new(L::list()?.into_iter().collect()))
}

impl<L: Listing> ListedReader<L> {
    pub(crate) fn new(attrs: AttrSet) -> ListedReader<L> {
        let attrs = if attrs.is_empty() {
            AttrSet::all()
        } else {
            attrs
        };
        ListedReader::with(attrs, None)
    }

    fn with(attrs: AttrSet, records: Option<Records<L::Record>>) -> ListedReader<L> {
        ListedReader {
            attrs,
            records,
            #[cfg(any(test, feature = "test-hooks"))]
            reads: ListingReads::default(),
            listing: PhantomData,
        }
    }

    pub(crate) fn attrs(&self) -> AttrSet {
        self.attrs
    }

    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) fn reads(&self) -> ListingReads {
        self.reads
    }

    pub(crate) fn merge_reads(&mut self, _worker: &ListedReader<L>) {
        #[cfg(any(test, feature = "test-hooks"))]
        {
            self.reads.processes += _worker.reads.processes;
        }
    }

    pub(crate) fn set_threads_used(&mut self, _n: u64) {
        #[cfg(any(test, feature = "test-hooks"))]
        {
            self.reads.threads = _n;
        }
    }

    pub(crate) fn keep_with_process(proc: Process, info: ProcessInfo) -> (Process, ProcessInfo) {
        (proc, info)
    }

    /// Takes one listing, whose pids it gives with the reader of one pid's record: a
    /// [`Process`] made from the record (its identity is the record's creation stamp;
    /// no process is opened unless an attribute needs it), which `keep` finishes.
    #[allow(clippy::type_complexity)]
    pub(crate) fn pid_reader<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<(Vec<Pid>, Box<ReadFn<ListedReader<L>, Pid, T>>)> {
        let records = load::<L>()?;
        let mut pids: Vec<Pid> = records.keys().copied().collect();
        pids.sort_unstable();
        self.records = Some(records);
        let read = move |table: &mut ListedReader<L>, &pid: &Pid| {
            let Some(r) = table.records.as_ref().and_then(|m| m.get(&pid)) else {
                return Ok(None);
            };
            let proc = L::process(pid, L::stamp(pid, r));
            Ok(table.read_process(&proc).map(|info| keep(proc, info)))
        };
        Ok((pids, Box::new(read)))
    }

    /// Reads the record of one process: the listing's values, the rest through the
    /// process; `None` when it is gone (not in the listing, another process with its
    /// pid, or NoSuchProcess from a read).
    pub(crate) fn read_process(&mut self, proc: &Process) -> Option<ProcessInfo> {
        #[cfg(any(test, feature = "test-hooks"))]
        {
            self.reads.processes += 1;
        }
        if self.records.is_none() {
            self.records = load::<L>().ok();
        }
        let r = self.records.as_ref()?.get(&proc.pid())?.clone();
        if proc
            .identity()
            .1
            .is_some_and(|s| L::stamp(proc.pid(), &r) != Some(s))
        {
            return None;
        }
        let attrs = self.attrs;
        proc.oneshot(|p| {
            L::seed(p, r.clone());
            let mut values = Vec::with_capacity(attrs.len());
            for a in attrs.iter() {
                let v = match L::value(p.pid(), &r, a) {
                    Some(v) => v,
                    None => p.attr(a),
                };
                if matches!(v, Err(Error::NoSuchProcess { .. })) {
                    return None;
                }
                values.push((a, v));
            }
            Some(ProcessInfo::new(p.pid(), p.identity().1, values))
        })
    }

    /// Forgets the listing: the next read takes a new one.
    pub(crate) fn begin(&mut self) {
        self.records = None;
    }

    /// Any table reads the current system.
    pub(crate) fn check_current(&self) -> Result<()> {
        Ok(())
    }

    /// Takes the listing before the threads start, so that they share it.
    pub(crate) fn preload(&mut self) {
        if self.records.is_none() {
            self.records = load::<L>().ok();
        }
    }

    /// Nothing to reserve: no descriptor is held per process.
    pub(crate) fn reserve_fds(&self, _processes: usize) {}

    /// A reader with this one's attributes and listing, for a reading thread.
    pub(crate) fn worker(&self) -> ListedReader<L> {
        ListedReader::with(self.attrs, self.records.clone())
    }

    /// A [`Process`] on the process of a record: NoSuchProcess if it is gone or its pid
    /// now belongs to a process with another creation stamp.
    pub(crate) fn process(&self, info: &ProcessInfo) -> Result<Process> {
        info.same_process(sys::process::open(info.pid())?)
    }
}

/// The items above the Linux backend does not use, kept alive there: an item with
/// `#[allow(dead_code)]` is a root of the dead-code analysis, so listing them here
/// keeps the Linux build free of warnings without silencing anything else.
#[allow(dead_code)]
fn linux_unused<L: Listing>() {
    let _ = (
        ListedReader::<L>::new,
        ListedReader::<L>::attrs,
        ListedReader::<L>::merge_reads,
        ListedReader::<L>::set_threads_used,
        ListedReader::<L>::keep_with_process,
        ListedReader::<L>::pid_reader::<()>,
        ListedReader::<L>::begin,
        ListedReader::<L>::check_current,
        ListedReader::<L>::preload,
        ListedReader::<L>::reserve_fds,
        ListedReader::<L>::worker,
        ListedReader::<L>::process,
    );
    #[cfg(any(test, feature = "test-hooks"))]
    let _ = ListedReader::<L>::reads;
}
