//! [`TableReads`]: the files a [`ProcessTable`](crate::ProcessTable) opened, for tests
//! of its read-once promise.

/// How many files a [`ProcessTable`](crate::ProcessTable) opened, for tests of the
/// read-once promise. A test hook (feature `test-hooks`), not part of the API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableReads {
    /// `/proc/<pid>` directories opened.
    pub pid_dirs: u64,
    /// `stat` files opened.
    pub stat: u64,
    /// `status` files opened.
    pub status: u64,
    /// `statm` files opened.
    pub statm: u64,
    /// `cmdline` files opened.
    pub cmdline: u64,
    /// `io` files opened.
    pub io: u64,
    /// Credentials read through a pidfd (`ioctl(PIDFD_GET_INFO)`) instead of `status`.
    pub pidfd_creds: u64,
    /// Threads that read the last snapshot (the calling one included).
    pub threads: u64,
}

impl TableReads {
    pub(super) fn add(&mut self, o: &TableReads) {
        self.pid_dirs += o.pid_dirs;
        self.stat += o.stat;
        self.status += o.status;
        self.statm += o.statm;
        self.cmdline += o.cmdline;
        self.io += o.io;
        self.pidfd_creds += o.pidfd_creds;
    }
}
