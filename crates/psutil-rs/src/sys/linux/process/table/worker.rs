//! What the table's reading threads need from Linux: the per-snapshot values read
//! before they start, room in the descriptor table, and a reader of their own.

use std::os::fd::AsFd;

use super::reads::TableReads;
use super::snapshot::TableReader;
use crate::process::Attr;
use crate::sys;

impl TableReader {
    /// Reads what the table keeps per snapshot (boot time, terminals) before the threads
    /// start, so that they share one copy (user names are shared as they are looked
    /// up). A read that fails is left for each record to report.
    pub(crate) fn preload(&mut self) {
        if self.attrs.contains(Attr::CreateTime) && self.boot_time.is_none() {
            self.boot_time = self.root.boot_time().ok();
        }
        if self.attrs.contains(Attr::Terminal) && self.ttys.is_none() {
            self.ttys = Some(sys::process::calls::tty_map(self.root.devfs()));
        }
    }

    /// Room in the descriptor table for a handle per process (those records keep) and
    /// the threads' own, made before the threads start
    /// ([`sys::threads::reserve_fds`]).
    pub(crate) fn reserve_fds(&self, processes: usize) {
        if let Ok(proc) = sys::proc_reader::open_proc(self.root.procfs()) {
            sys::threads::reserve_fds(proc.as_fd(), processes.saturating_add(64));
        }
    }

    /// A table with this one's settings and per-snapshot values, for a reading thread.
    pub(crate) fn worker(&self) -> TableReader {
        TableReader {
            root: self.root.clone(),
            attrs: self.attrs,
            needs_status: self.needs_status,
            needs_creds: self.needs_creds,
            pidfd_creds: self.pidfd_creds,
            needs_stat: self.needs_stat,
            status_lines: self.status_lines,
            bufs: Default::default(),
            reads: TableReads::default(),
            boot_time: self.boot_time,
            names: self.names.clone(),
            ttys: self.ttys.clone(),
        }
    }
}
