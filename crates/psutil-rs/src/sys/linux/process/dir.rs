//! The `/proc/<pid>` directory handles of [`Process`](super::Process) values and their
//! descriptor budget: past half the soft `RLIMIT_NOFILE` (`getrlimit(2)`), handles stop
//! holding their directory open and reopen it for each use.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::sys;

/// How many `/proc/<pid>` directory handles the live [`Process`](super::Process) values hold.
static HELD: AtomicUsize = AtomicUsize::new(0);

/// Whether more `/proc/<pid>` handles are held than the budget: half the soft
/// `RLIMIT_NOFILE`. A cache of thousands of processes (`process_iter`, or psutil_rs's
/// Python instances) must not take every descriptor of the program (1,024 by default
/// on many systems): past the budget, handles are [`Dir::Lazy`].
/// The budget last computed (0: not yet), and calls since, so that `getrlimit` is not a
/// syscall per handle: it is re-read when the count passes the cached budget (a raised
/// limit is seen then) and every 256th call (a lowered one).
static BUDGET: AtomicUsize = AtomicUsize::new(0);
static BUDGET_AGE: AtomicUsize = AtomicUsize::new(0);

pub(super) fn over_budget() -> bool {
    let held = HELD.load(Ordering::Relaxed);
    let mut budget = BUDGET.load(Ordering::Relaxed);
    let age = BUDGET_AGE.fetch_add(1, Ordering::Relaxed);
    if budget == 0 || held > budget || age.is_multiple_of(256) {
        budget = sys::nofile_soft()
            .map_or(usize::MAX, |n| usize::try_from(n / 2).unwrap_or(usize::MAX))
            .max(1);
        BUDGET.store(budget, Ordering::Relaxed);
    }
    held > budget
}

/// A `/proc/<pid>` directory handle held by a `Process`, counted in [`HELD`].
#[derive(Debug)]
pub(crate) struct HeldDir(OwnedFd);

impl HeldDir {
    /// Counts `fd` as held until dropped.
    pub(super) fn new(fd: OwnedFd) -> HeldDir {
        HELD.fetch_add(1, Ordering::Relaxed);
        HeldDir(fd)
    }

    /// The descriptor.
    pub(super) fn as_fd(&self) -> BorrowedFd<'_> {
        self.0.as_fd()
    }
}

impl Drop for HeldDir {
    fn drop(&mut self) {
        HELD.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The `/proc/<pid>` directory a [`Process`](super::Process) reads through.
#[derive(Debug)]
pub(crate) enum Dir {
    /// Opened at creation and held: reads through it fail once the process is gone,
    /// whatever has the pid then.
    Held(HeldDir),
    /// Not held (the descriptor budget of [`over_budget`] was spent): `/proc/<pid>` is
    /// opened for each use and its `stat` start time checked against the identity (when
    /// known), so a reused pid still gives NoSuchProcess (except a process started within
    /// the same clock tick, the blind spot of start times).
    Lazy,
}

/// A directory handle for one use: borrowed from a [`Dir::Held`], or opened for it.
pub(crate) enum DirRef<'a> {
    /// The held handle.
    Borrowed(BorrowedFd<'a>),
    /// Opened for this use, closed when dropped.
    Owned(OwnedFd),
}

impl DirRef<'_> {
    /// The descriptor.
    pub(crate) fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            DirRef::Borrowed(b) => *b,
            DirRef::Owned(o) => o.as_fd(),
        }
    }
}
