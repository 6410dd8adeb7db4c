//! Reading one process's record: each `/proc/<pid>` file the attributes need, read
//! at most once into the table's buffers, and parsed at most once.

use std::ffi::{CStr, OsString};

use super::super::dir::DirRef;
use super::super::handle::MSG_ZOMBIE;
use super::super::records::missing_status_line;
use super::snapshot::TableReader;
use crate::error::{Error, Result};
use crate::parse::pid_cmdline;
use crate::parse::pid_stat::{self, PidStat};
use crate::parse::pid_status::{self, PidStatus};
use crate::process::Attr;
use crate::process::Process;
use crate::process::ProcessInfo;
use crate::sys;

/// The files the table reads itself (everything else goes through [`Process`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum File {
    Stat,
    Status,
    Statm,
    Cmdline,
    Io,
}

impl File {
    pub(super) fn cname(self) -> &'static CStr {
        match self {
            File::Stat => c"stat",
            File::Status => c"status",
            File::Statm => c"statm",
            File::Cmdline => c"cmdline",
            File::Io => c"io",
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            File::Stat => "stat",
            File::Status => "status",
            File::Statm => "statm",
            File::Cmdline => "cmdline",
            File::Io => "io",
        }
    }
}

/// The `status` lines the requested attributes need: parsing stops once they are seen.
#[derive(Debug, Clone, Copy)]
pub(super) struct StatusLines {
    pub(super) uid: bool,
    pub(super) gid: bool,
    pub(super) vm: bool,
    pub(super) ctx: bool,
}

impl StatusLines {
    pub(super) fn done(self, st: &PidStatus) -> bool {
        (!self.uid || st.uids.is_some())
            && (!self.gid || st.gids.is_some())
            && (!self.vm || st.vm.exe.is_some())
            && (!self.ctx || st.nonvoluntary_ctxt_switches.is_some())
    }
}

/// A parse or OS error remembered for a file, turned into an [`Error`] on each use.
#[derive(Debug, Clone)]
pub(super) enum FileErr {
    Os(i32),
    Parse(String),
}

/// The process being read.
pub(super) struct CurrentProcess<'p> {
    pub(super) proc: &'p Process,
    /// The process's directory for this record (its held handle, or one opened for the
    /// record past the descriptor budget), or the errno of opening it.
    pub(super) dir: std::result::Result<DirRef<'p>, i32>,
    /// `starttime`, once `stat` was read.
    pub(super) start: Option<u64>,
    pub(super) loaded: [Option<std::result::Result<(), i32>>; 5],
    pub(super) stat: Option<std::result::Result<PidStat, FileErr>>,
    pub(super) status: Option<std::result::Result<PidStatus, FileErr>>,
    /// (uids, gids) from the pidfd, once read.
    pub(super) creds: Option<([u32; 3], [u32; 3])>,
}

/// `PF_KTHREAD` in the `flags` field of `/proc/<pid>/stat` (include/linux/sched.h).
pub(super) const PF_KTHREAD: u64 = 0x0020_0000;

impl TableReader {
    /// The requested attributes of one process, read through its `/proc/<pid>` handle;
    /// `None` when it is gone.
    pub(crate) fn read_process(&mut self, proc: &Process) -> Option<ProcessInfo> {
        let mut cur = CurrentProcess {
            proc,
            dir: proc
                .dir()
                .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO)),
            start: None,
            loaded: [None; 5],
            stat: None,
            status: None,
            creds: None,
        };
        if self.attrs.contains(Attr::Cmdline) {
            // cmdline before stat: exec sets the new comm before the new arguments are
            // visible (the new address space has none until the ELF loader writes
            // them), so a record with a program's arguments has that program's name.
            // Read after stat, an exec in between gives the old name with the new
            // arguments. (A kernel thread's cmdline, empty, is read too then.)
            let _ = self.load(&mut cur, File::Cmdline);
        }
        if self.pidfd_creds && self.needs_stat && self.needs_creds {
            // The credentials first, then stat (read for other attributes anyway): a
            // successful stat read through the directory handle then proves the pidfd
            // named this process, without pidfd_creds' own check.
            self.fetch_pidfd_creds(&mut cur);
            let _ = self.stat(&mut cur);
        }
        let mut values = Vec::with_capacity(self.attrs.len());
        for a in self.attrs.iter() {
            let v = self.value(&mut cur, a);
            if matches!(v, Err(Error::NoSuchProcess { .. })) {
                return None;
            }
            values.push((a, v));
        }
        let mut info = ProcessInfo::new(proc.pid, cur.start.or(proc.imp.start_ticks), values);
        if let Some(Ok(st)) = &cur.stat {
            info.stat_ext = Some(super::super::extras::stat_ext_of(st));
        }
        Some(info)
    }

    // ---- reading ---------------------------------------------------------------

    pub(super) fn buf(&self, f: File) -> &[u8] {
        let i = f as usize;
        self.bufs.get(i).map_or(&[], |b| b.as_slice())
    }

    pub(super) fn load(&mut self, cur: &mut CurrentProcess<'_>, f: File) -> Result<()> {
        let i = f as usize;
        let state = match cur.loaded.get(i).copied().flatten() {
            Some(s) => s,
            None => {
                match f {
                    File::Stat => self.reads.stat += 1,
                    File::Status => self.reads.status += 1,
                    File::Statm => self.reads.statm += 1,
                    File::Cmdline => self.reads.cmdline += 1,
                    File::Io => self.reads.io += 1,
                }
                let s = match (self.bufs.get_mut(i), &cur.dir) {
                    (Some(buf), Ok(dir)) => {
                        sys::proc_reader::read_into(dir.as_fd(), f.cname(), buf)
                            .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))
                    }
                    (_, Err(errno)) => Err(*errno),
                    (None, _) => Err(libc::EIO),
                };
                if let Some(slot) = cur.loaded.get_mut(i) {
                    *slot = Some(s);
                }
                s
            }
        };
        state.map_err(|errno| {
            if let Some(Ok(st)) = &cur.stat {
                cur.proc.remember_name(&st.comm);
            }
            cur.proc
                .map_err(std::io::Error::from_raw_os_error(errno), f.name())
        })
    }

    pub(super) fn file_err(cur: &CurrentProcess<'_>, f: File, e: &FileErr) -> Error {
        // Error messages carry the name, as the Process methods' do.
        if let Some(Ok(st)) = &cur.stat {
            cur.proc.remember_name(&st.comm);
        }
        match e {
            FileErr::Os(errno) => cur
                .proc
                .map_err(std::io::Error::from_raw_os_error(*errno), f.name()),
            FileErr::Parse(msg) => Error::Parse {
                path: cur.proc.path(f.name()),
                line: None,
                msg: msg.clone(),
            },
        }
    }

    pub(super) fn load_err(
        &mut self,
        cur: &mut CurrentProcess<'_>,
        f: File,
    ) -> std::result::Result<(), FileErr> {
        match self.load(cur, f) {
            Ok(()) => Ok(()),
            Err(_) => Err(FileErr::Os(
                cur.loaded
                    .get(f as usize)
                    .copied()
                    .flatten()
                    .and_then(|r| r.err())
                    .unwrap_or(libc::EIO),
            )),
        }
    }

    pub(super) fn stat<'c>(&mut self, cur: &'c mut CurrentProcess<'_>) -> Result<&'c PidStat> {
        if cur.stat.is_none() {
            let r = self.load_err(cur, File::Stat).and_then(|()| {
                pid_stat::parse(self.buf(File::Stat)).map_err(|e| FileErr::Parse(e.to_string()))
            });
            if let Ok(st) = &r {
                cur.start = Some(st.starttime);
            }
            cur.stat = Some(r);
        }
        match &cur.stat {
            Some(Ok(st)) => Ok(st),
            Some(Err(e)) => Err(Self::file_err(cur, File::Stat, e)),
            None => Err(Error::parse("stat", None, "not read")),
        }
    }

    pub(super) fn status<'c>(&mut self, cur: &'c mut CurrentProcess<'_>) -> Result<&'c PidStatus> {
        if cur.status.is_none() {
            let want = self.status_lines;
            let r = self.load_err(cur, File::Status).and_then(|()| {
                pid_status::parse_until(self.buf(File::Status), |st| want.done(st))
                    .map_err(|e| FileErr::Parse(e.to_string()))
            });
            cur.status = Some(r);
        }
        match &cur.status {
            Some(Ok(st)) => Ok(st),
            Some(Err(e)) => Err(Self::file_err(cur, File::Status, e)),
            None => Err(Error::parse("status", None, "not read")),
        }
    }

    /// (uids, gids) through the process's pidfd, `None` where that is not available
    /// (then `status` is read). The pidfd names whatever had the pid when it was opened:
    /// this record's process if its directory handle still resolves afterwards
    /// (`fstatat` of `stat`, cheap: nothing is generated).
    /// [`pidfd_creds`](Self::pidfd_creds) before anything else of the record is read,
    /// without the liveness check: the caller reads `stat` through the directory handle
    /// right after, which is that check (a failed read drops the record). Any failure
    /// here leaves the credentials to the checked path.
    pub(super) fn fetch_pidfd_creds(&mut self, cur: &mut CurrentProcess<'_>) {
        if let Ok(Some(c)) = sys::process::calls::pidfd_creds(cur.proc.pid) {
            self.reads.pidfd_creds += 1;
            cur.creds = Some(c);
        }
    }

    pub(super) fn pidfd_creds(
        &mut self,
        cur: &mut CurrentProcess<'_>,
    ) -> Result<Option<([u32; 3], [u32; 3])>> {
        if let Some(c) = cur.creds {
            return Ok(Some(c));
        }
        if !self.pidfd_creds {
            return Ok(None);
        }
        let gone = |cur: &CurrentProcess<'_>| {
            cur.proc
                .map_err(std::io::Error::from_raw_os_error(libc::ESRCH), "status")
        };
        match sys::process::calls::pidfd_creds(cur.proc.pid) {
            Ok(Some(c)) => {
                let alive = match &cur.dir {
                    Ok(d) => sys::process::calls::stat_at(d.as_fd(), "stat").is_ok(),
                    Err(_) => false,
                };
                if !alive {
                    return Err(gone(cur));
                }
                self.reads.pidfd_creds += 1;
                cur.creds = Some(c);
                Ok(Some(c))
            }
            Ok(None) => Ok(None),
            Err(_) => Err(gone(cur)),
        }
    }

    /// Real, effective, saved uid: the pidfd's credentials, or `status`'s `Uid:` line.
    pub(super) fn uids(&mut self, cur: &mut CurrentProcess<'_>) -> Result<[u32; 3]> {
        self.ids(cur, false)
    }

    /// Real, effective, saved gid: the pidfd's credentials, or `status`'s `Gid:` line.
    pub(super) fn gids(&mut self, cur: &mut CurrentProcess<'_>) -> Result<[u32; 3]> {
        self.ids(cur, true)
    }

    /// The uids, or with `group` the gids.
    fn ids(&mut self, cur: &mut CurrentProcess<'_>, group: bool) -> Result<[u32; 3]> {
        if let Some((uids, gids)) = self.pidfd_creds(cur)? {
            return Ok(if group { gids } else { uids });
        }
        let st = self.status(cur)?;
        let (ids, line) = if group {
            (st.gids, "Gid")
        } else {
            (st.uids, "Uid")
        };
        ids.ok_or_else(|| Self::missing(cur, line))
    }

    pub(super) fn missing(cur: &CurrentProcess<'_>, what: &str) -> Error {
        missing_status_line(&cur.proc.path("status"), what)
    }

    pub(super) fn cmdline(&mut self, cur: &mut CurrentProcess<'_>) -> Result<Vec<OsString>> {
        let read_already = matches!(cur.loaded.get(File::Cmdline as usize), Some(Some(_)));
        if self.needs_stat && !read_already {
            // A kernel thread has no address space, so its cmdline is empty (the kernel's
            // get_mm_cmdline returns nothing when get_task_mm does, and get_task_mm never
            // gives a PF_KTHREAD task one): when stat is read anyway and cmdline was not
            // read first (only name needs it), it saves the read.
            if self.stat(cur)?.flags & PF_KTHREAD != 0 {
                return Ok(Vec::new());
            }
        }
        self.load(cur, File::Cmdline)?;
        if self.buf(File::Cmdline).is_empty() {
            let pid = cur.proc.pid;
            let st = self.stat(cur)?;
            if st.state == b'Z' {
                let ppid = st.ppid;
                return Err(Error::ZombieProcess {
                    pid,
                    name: Some(String::from_utf8_lossy(&st.comm).into_owned()),
                    ppid: Some(ppid),
                    msg: MSG_ZOMBIE.into(),
                });
            }
            return Ok(Vec::new());
        }
        pid_cmdline::parse(self.buf(File::Cmdline))
    }

    pub(super) fn name(&mut self, cur: &mut CurrentProcess<'_>) -> Result<OsString> {
        let comm = self.stat(cur)?.comm.clone();
        crate::sys::process::extend_name(comm, || self.cmdline(cur))
    }
}
