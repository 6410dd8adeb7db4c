//! The process table: many attributes of every process, each `/proc/<pid>` file read
//! at most once, only the files the attributes need.

use std::collections::HashMap;
use std::ffi::{CStr, OsStr, OsString};
use std::num::NonZeroUsize;
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::sync::Arc;

use super::attrs::{Attr, AttrSet, Value};
use super::dir::DirRef;
use super::handle::{Process, MSG_REUSED, MSG_ZOMBIE};
use super::records::{self, missing_status_line};
use super::types::{
    CtxSwitches, Gids, MemoryFullInfo, MemoryInfo, ProcessCpuTimes, ProcessIoCounters, Status, Uids,
};
use crate::error::{Error, Pid, Result};
use crate::parse::pid_stat::{self, PidStat};
use crate::parse::pid_status::{self, PidStatus};
use crate::parse::{pid_cmdline, pid_io, pid_statm};
use crate::root::Root;
use crate::sys;
use crate::user_names::UserNames;

mod threads;
pub use threads::{TableBatch, TableStream};

/// The files the table reads itself (everything else goes through [`Process`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum File {
    Stat,
    Status,
    Statm,
    Cmdline,
    Io,
}

impl File {
    fn cname(self) -> &'static CStr {
        match self {
            File::Stat => c"stat",
            File::Status => c"status",
            File::Statm => c"statm",
            File::Cmdline => c"cmdline",
            File::Io => c"io",
        }
    }

    fn name(self) -> &'static str {
        match self {
            File::Stat => "stat",
            File::Status => "status",
            File::Statm => "statm",
            File::Cmdline => "cmdline",
            File::Io => "io",
        }
    }
}

/// How many files a [`ProcessTable`] opened (for tests of the read-once promise). Not
/// part of the stable API.
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
    fn add(&mut self, o: &TableReads) {
        self.pid_dirs += o.pid_dirs;
        self.stat += o.stat;
        self.status += o.status;
        self.statm += o.statm;
        self.cmdline += o.cmdline;
        self.io += o.io;
        self.pidfd_creds += o.pidfd_creds;
    }
}

/// One process of a [`ProcessTable`] snapshot: its pid, its identity, and the value of
/// each requested attribute, or the error reading it gave ([`Error::AccessDenied`],
/// [`Error::ZombieProcess`], ...). psutil's `proc.info` dict of `process_iter(attrs)`.
#[derive(Debug)]
pub struct ProcessInfo {
    pid: Pid,
    start_ticks: Option<u64>,
    values: Vec<(Attr, Result<Value>)>,
}

macro_rules! accessors {
    ($($(#[$doc:meta])* $name:ident: $attr:ident => $variant:ident($v:ident) -> $ty:ty = $e:expr;)*) => {$(
        $(#[$doc])*
        pub fn $name(&self) -> Option<$ty> {
            match self.get(Attr::$attr) {
                Some(Ok(Value::$variant($v))) => Some($e),
                _ => None,
            }
        }
    )*};
}

impl ProcessInfo {
    /// The pid.
    pub fn pid(&self) -> Pid {
        self.pid
    }

    /// The start time in clock ticks since boot (field 22 of `/proc/<pid>/stat`), when
    /// `stat` was read (any attribute from it was requested): with the pid, the
    /// identity of [`Process`].
    pub fn start_ticks(&self) -> Option<u64> {
        self.start_ticks
    }

    /// The value of `a`, or the error reading it gave; `None` when it was not requested.
    pub fn get(&self, a: Attr) -> Option<&Result<Value>> {
        self.values.iter().find(|(x, _)| *x == a).map(|(_, v)| v)
    }

    /// Every requested attribute in psutil's order, with its value or error.
    pub fn values(&self) -> &[(Attr, Result<Value>)] {
        &self.values
    }

    /// Every requested attribute in psutil's order, with its value or error, by value.
    pub fn into_values(self) -> Vec<(Attr, Result<Value>)> {
        self.values
    }

    /// psutil's `proc.info` with `ad_value`: the requested attributes, where
    /// [`Error::AccessDenied`] and [`Error::ZombieProcess`] are replaced by `ad_value`.
    /// Other errors are returned.
    pub fn into_dict(self, ad_value: &Value) -> Result<Vec<(Attr, Value)>> {
        self.values
            .into_iter()
            .map(|(a, v)| match v {
                Ok(v) => Ok((a, v)),
                Err(Error::AccessDenied { .. }) | Err(Error::ZombieProcess { .. }) => {
                    Ok((a, ad_value.clone()))
                }
                Err(e) => Err(e),
            })
            .collect()
    }

    accessors! {
        /// `ppid`, if requested and read.
        ppid: Ppid => Pid(v) -> Pid = *v;
        /// `name`, if requested and read.
        name: Name => Name(v) -> &OsStr = v.as_os_str();
        /// `cmdline`, if requested and read.
        cmdline: Cmdline => Cmdline(v) -> &[OsString] = v.as_slice();
        /// `status`, if requested and read.
        status: Status => Status(v) -> Status = *v;
        /// `username`, if requested and read.
        username: Username => Username(v) -> &str = v.as_str();
        /// `create_time`, if requested and read.
        create_time: CreateTime => Float(v) -> f64 = *v;
        /// `cpu_times`, if requested and read.
        cpu_times: CpuTimes => CpuTimes(v) -> &ProcessCpuTimes = v;
        /// `memory_info`, if requested and read.
        memory_info: MemoryInfo => MemoryInfo(v) -> &MemoryInfo = v;
        /// `num_threads`, if requested and read.
        num_threads: NumThreads => Count(v) -> u64 = *v;
        /// `uids`, if requested and read.
        uids: Uids => Uids(v) -> &Uids = v;
        /// `gids`, if requested and read.
        gids: Gids => Gids(v) -> &Gids = v;
        /// `nice`, if requested and read.
        nice: Nice => Nice(v) -> i32 = *v;
        /// `num_ctx_switches`, if requested and read.
        num_ctx_switches: NumCtxSwitches => CtxSwitches(v) -> &CtxSwitches = v;
        /// `io_counters`, if requested and read.
        io_counters: IoCounters => IoCounters(v) -> &ProcessIoCounters = v;
    }
}

/// The `status` lines the requested attributes need: parsing stops once they are seen.
#[derive(Debug, Clone, Copy)]
struct StatusLines {
    uid: bool,
    gid: bool,
    vm: bool,
    ctx: bool,
}

impl StatusLines {
    fn done(self, st: &PidStatus) -> bool {
        (!self.uid || st.uids.is_some())
            && (!self.gid || st.gids.is_some())
            && (!self.vm || st.vm.exe.is_some())
            && (!self.ctx || st.nonvoluntary_ctxt_switches.is_some())
    }
}

/// A parse or OS error remembered for a file, turned into an [`Error`] on each use.
#[derive(Debug, Clone)]
enum FileErr {
    Os(i32),
    Parse(String),
}

/// The process being read.
struct Cur<'p> {
    proc: &'p Process,
    /// The process's directory for this record (its held handle, or one opened for the
    /// record past the descriptor budget), or the errno of opening it.
    dir: std::result::Result<DirRef<'p>, i32>,
    /// `starttime`, once `stat` was read.
    start: Option<u64>,
    loaded: [Option<std::result::Result<(), i32>>; 5],
    stat: Option<std::result::Result<PidStat, FileErr>>,
    status: Option<std::result::Result<PidStatus, FileErr>>,
    /// (uids, gids) from the pidfd, once read.
    creds: Option<([u32; 3], [u32; 3])>,
}

/// A reusable reader of the process table, psutil's `process_iter(attrs)` done in bulk.
///
/// [`snapshot`](ProcessTable::snapshot) lists the pids of `/proc` once, then for each
/// process opens `/proc/<pid>` as a directory handle and reads, relative to it, only the
/// files the requested attributes need, each at most once, into buffers reused across
/// processes and snapshots (`openat(2)` + `read(2)`, no `stat`/`lseek`):
///
/// | file | attributes |
/// |---|---|
/// | `stat` | ppid, name, status, create_time, cpu_times, cpu_num, terminal, num_threads, nice |
/// | `status` | uids, gids, num_ctx_switches, username; memory_info too when `status` is read anyway |
/// | `statm` | memory_info, memory_full_info (unless `status` is read) |
/// | `cmdline` | cmdline (read before `stat`, so that a process caught in `exec` is not given its old name with its new arguments); name when `comm` is 15 bytes (truncated) |
/// | `io` | io_counters |
///
/// Every other attribute is read with the [`Process`] method of that name, through the
/// same directory handle (so `cpu_percent` is always 0.0 here, a fresh handle's first
/// call: a monitoring loop keeps its handles with [`process_iter`](crate::process_iter)). The boot time (for create_time) and
/// the terminal map are read once per snapshot, and each uid's user name is looked up
/// once per snapshot (through NSS on the host, see
/// [`Process::username`](crate::Process::username)).
///
/// A large table is read by several threads at once, each on its own contiguous range of
/// pids (records still come in pid order): by default one thread per 128 processes, at
/// most 4 and at most `std::thread::available_parallelism()` (the CPUs of the
/// affinity mask and cgroup quota). [`set_threads`](ProcessTable::set_threads) fixes
/// the number; `1` reads on the calling thread only. The kernel work is the same, the
/// wall time shorter on an idle machine with several CPUs.
///
/// All files of a process are read through one `/proc/<pid>` handle, so a record never
/// mixes two processes: once the process is gone every read fails, whatever has its pid
/// now. A process that vanishes while it is read is left out (psutil's `NoSuchProcess`);
/// a zombie is kept, with what its files still give ([`Error::ZombieProcess`] for
/// `cmdline`, `exe`, ...).
///
/// ```
/// use psutil_rs::{Attr, AttrSet, ProcessTable};
///
/// let mut table = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Name, Attr::MemoryInfo]));
/// let procs = table.snapshot()?;
/// let me = procs.iter().find(|p| p.pid() == std::process::id()).unwrap();
/// assert!(me.memory_info().unwrap().rss > 0);
/// assert_eq!(table.process(me)?.pid(), std::process::id());
/// # Ok::<(), psutil_rs::Error>(())
/// ```
pub struct ProcessTable {
    root: Arc<Root>,
    attrs: AttrSet,
    needs_status: bool,
    /// Some attribute needs the credentials (uids, gids, username).
    needs_creds: bool,
    /// uids, gids and username come from each process's pidfd (`PIDFD_GET_INFO`,
    /// Linux ≥ 6.13, host root) rather than `status`.
    pidfd_creds: bool,
    /// Some attribute reads `stat`.
    needs_stat: bool,
    status_lines: StatusLines,
    /// Reading threads: `None` lets the table choose.
    threads: Option<NonZeroUsize>,
    bufs: [Vec<u8>; 5],
    reads: TableReads,
    // Per snapshot.
    boot_time: Option<f64>,
    /// User names, shared with the reading threads of the snapshot.
    names: UserNames,
    ttys: Option<HashMap<u64, PathBuf>>,
}

impl std::fmt::Debug for ProcessTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessTable")
            .field("attrs", &self.attrs)
            .finish()
    }
}

impl Root {
    /// A [`ProcessTable`] reading from this root.
    pub fn process_table(&self, attrs: AttrSet) -> ProcessTable {
        ProcessTable::with_root(Arc::new(self.clone()), attrs)
    }
}

/// One snapshot of the process table with these attributes (an empty set means all of
/// them): `ProcessTable::new(attrs).snapshot()`.
pub fn process_table(attrs: AttrSet) -> Result<Vec<ProcessInfo>> {
    ProcessTable::new(attrs).snapshot()
}

impl ProcessTable {
    /// A table of these attributes of every process of the host (see
    /// [`set_procfs_path`](crate::set_procfs_path)). An empty set means all attributes,
    /// as psutil's `attrs=[]`.
    pub fn new(attrs: AttrSet) -> ProcessTable {
        ProcessTable::with_root(Root::current(), attrs)
    }

    fn with_root(root: Arc<Root>, attrs: AttrSet) -> ProcessTable {
        let attrs = if attrs.is_empty() {
            AttrSet::all()
        } else {
            attrs
        };
        let pidfd_creds = root.is_host() && sys::process::pidfd_info_available();
        let needs_status = attrs.contains(Attr::NumCtxSwitches)
            || (!pidfd_creds
                && [Attr::Uids, Attr::Gids, Attr::Username]
                    .iter()
                    .any(|a| attrs.contains(*a)));
        let needs_stat = [
            Attr::Ppid,
            Attr::Name,
            Attr::Status,
            Attr::CreateTime,
            Attr::CpuTimes,
            Attr::CpuNum,
            Attr::Terminal,
            Attr::NumThreads,
            Attr::Nice,
        ]
        .iter()
        .any(|a| attrs.contains(*a));
        let status_lines = StatusLines {
            uid: attrs.contains(Attr::Uids) || attrs.contains(Attr::Username),
            gid: attrs.contains(Attr::Gids),
            vm: needs_status
                && (attrs.contains(Attr::MemoryInfo) || attrs.contains(Attr::MemoryFullInfo)),
            ctx: attrs.contains(Attr::NumCtxSwitches),
        };
        ProcessTable {
            root,
            attrs,
            needs_status,
            needs_creds: [Attr::Uids, Attr::Gids, Attr::Username]
                .iter()
                .any(|a| attrs.contains(*a)),
            pidfd_creds,
            needs_stat,
            status_lines,
            threads: None,
            bufs: Default::default(),
            reads: TableReads::default(),
            boot_time: None,
            names: UserNames::new(),
            ttys: None,
        }
    }

    /// The attributes read.
    pub fn attrs(&self) -> AttrSet {
        self.attrs
    }

    /// Files opened since this table was made. Not part of the stable API.
    #[doc(hidden)]
    pub fn reads(&self) -> TableReads {
        self.reads
    }

    /// Reads the table: one [`ProcessInfo`] per process, in pid order. Processes that
    /// vanish meanwhile are left out. Fails only when `/proc` itself cannot be listed.
    pub fn snapshot(&mut self) -> Result<Vec<ProcessInfo>> {
        self.snapshot_each(|_, info| info)
    }

    /// [`snapshot`](ProcessTable::snapshot), each record with a [`Process`] handle on its
    /// process: the `/proc/<pid>` directory handle the record was read through, whose
    /// identity is the record's start time (no further read). For bindings that keep
    /// their own instance cache (the Python package's `process_iter`).
    pub fn snapshot_with_processes(&mut self) -> Result<Vec<(Process, ProcessInfo)>> {
        self.snapshot_each(Self::keep_with_process)
    }

    /// A record with the handle it was read through, whose identity is the record's.
    fn keep_with_process(mut proc: Process, info: ProcessInfo) -> (Process, ProcessInfo) {
        proc.start_ticks = info.start_ticks;
        proc.settle_dir();
        (proc, info)
    }

    fn snapshot_each<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<Vec<T>> {
        let (pids, read) = self.pid_reader(keep)?;
        self.read_all(pids, read)
    }

    /// Lists the pids of `/proc` and starts a snapshot (see [`begin`]); gives them with
    /// the reader of one pid's record, which `keep` finishes.
    ///
    /// [`begin`]: ProcessTable::begin
    #[allow(clippy::type_complexity)]
    fn pid_reader<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<(Vec<Pid>, Box<threads::ReadFn<Pid, T>>)> {
        let procfs = self.root.procfs();
        let proc = sys::proc_reader::open_proc(procfs).map_err(|e| Error::from_io(e, procfs))?;
        let pids =
            sys::proc_reader::list_pids(proc.as_fd()).map_err(|e| Error::from_io(e, procfs))?;
        self.begin();
        let read = move |table: &mut ProcessTable, &pid: &Pid| {
            let dir = match sys::proc_reader::open_pid_dir(proc.as_fd(), pid) {
                Ok(d) => d,
                Err(e)
                    if matches!(
                        e.raw_os_error(),
                        Some(libc::ENOENT) | Some(libc::ESRCH) | Some(libc::ENOTDIR)
                    ) =>
                {
                    return Ok(None)
                }
                Err(e) => return Err(Error::from_io(e, table.root.proc_path(pid.to_string()))),
            };
            table.reads.pid_dirs += 1;
            let proc = Process::from_dir(table.root.clone(), pid, dir, None);
            Ok(table.read_process(&proc).map(|info| keep(proc, info)))
        };
        Ok((pids, Box::new(read)))
    }

    /// Forgets what was read once per snapshot (boot time, user names, terminals).
    fn begin(&mut self) {
        self.boot_time = None;
        self.names = UserNames::new();
        self.ttys = None;
    }

    /// The requested attributes of one process, read through its `/proc/<pid>` handle;
    /// `None` when it is gone.
    fn read_process(&mut self, proc: &Process) -> Option<ProcessInfo> {
        let mut cur = Cur {
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
        Some(ProcessInfo {
            pid: proc.pid,
            start_ticks: cur.start.or(proc.start_ticks),
            values,
        })
    }

    /// psutil's `process_iter(attrs)`: [`process_iter`](crate::process_iter)'s cached
    /// instances, each with its record (psutil's `proc.info`), the files read as in
    /// [`snapshot`](ProcessTable::snapshot) but through the instance's own `/proc/<pid>`
    /// handle. Per-instance state carries over between calls, so `cpu_percent` measures
    /// since the previous call. Processes found gone are left out and dropped from the
    /// cache.
    pub fn process_iter(&mut self) -> Result<Vec<(Arc<Process>, ProcessInfo)>> {
        if *self.root != *Root::current() {
            return Err(Error::invalid(
                "ProcessTable::process_iter reads the current root (set_procfs_path); \
                 this table was made for another root",
            ));
        }
        let procs = super::iter::process_iter()?;
        self.begin();
        self.read_all(
            procs,
            Box::new(|table: &mut ProcessTable, p: &Arc<Process>| {
                Ok(match table.read_process(p) {
                    Some(info) => Some((p.clone(), info)),
                    None => {
                        super::iter::forget(p);
                        None
                    }
                })
            }),
        )
    }

    /// A [`Process`] handle on the process of a record: [`Error::NoSuchProcess`] if it
    /// is gone, or if its pid now belongs to a process with another start time.
    pub fn process(&self, info: &ProcessInfo) -> Result<Process> {
        let p = Process::open(self.root.clone(), info.pid)?;
        match (info.start_ticks, p.start_ticks) {
            (Some(a), Some(b)) if a != b => Err(Error::NoSuchProcess {
                pid: info.pid,
                name: info.name().map(|n| n.to_string_lossy().into_owned()),
                msg: MSG_REUSED.into(),
            }),
            _ => Ok(p),
        }
    }

    // ---- reading ---------------------------------------------------------------

    fn buf(&self, f: File) -> &[u8] {
        let i = f as usize;
        self.bufs.get(i).map_or(&[], |b| b.as_slice())
    }

    fn load(&mut self, cur: &mut Cur<'_>, f: File) -> Result<()> {
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

    fn file_err(cur: &Cur<'_>, f: File, e: &FileErr) -> Error {
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

    fn load_err(&mut self, cur: &mut Cur<'_>, f: File) -> std::result::Result<(), FileErr> {
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

    fn stat<'c>(&mut self, cur: &'c mut Cur<'_>) -> Result<&'c PidStat> {
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

    fn status<'c>(&mut self, cur: &'c mut Cur<'_>) -> Result<&'c PidStatus> {
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
    fn fetch_pidfd_creds(&mut self, cur: &mut Cur<'_>) {
        if let Ok(Some(c)) = sys::process::pidfd_creds(cur.proc.pid) {
            self.reads.pidfd_creds += 1;
            cur.creds = Some(c);
        }
    }

    fn pidfd_creds(&mut self, cur: &mut Cur<'_>) -> Result<Option<([u32; 3], [u32; 3])>> {
        if let Some(c) = cur.creds {
            return Ok(Some(c));
        }
        if !self.pidfd_creds {
            return Ok(None);
        }
        let gone = |cur: &Cur<'_>| {
            cur.proc
                .map_err(std::io::Error::from_raw_os_error(libc::ESRCH), "status")
        };
        match sys::process::pidfd_creds(cur.proc.pid) {
            Ok(Some(c)) => {
                let alive = match &cur.dir {
                    Ok(d) => sys::process::stat_at(d.as_fd(), "stat").is_ok(),
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
    fn uids(&mut self, cur: &mut Cur<'_>) -> Result<[u32; 3]> {
        if let Some((u, _)) = self.pidfd_creds(cur)? {
            return Ok(u);
        }
        self.status(cur)?
            .uids
            .ok_or_else(|| Self::missing(cur, "Uid"))
    }

    /// Real, effective, saved gid: the pidfd's credentials, or `status`'s `Gid:` line.
    fn gids(&mut self, cur: &mut Cur<'_>) -> Result<[u32; 3]> {
        if let Some((_, g)) = self.pidfd_creds(cur)? {
            return Ok(g);
        }
        self.status(cur)?
            .gids
            .ok_or_else(|| Self::missing(cur, "Gid"))
    }

    fn missing(cur: &Cur<'_>, what: &str) -> Error {
        missing_status_line(&cur.proc.path("status"), what)
    }

    fn cmdline(&mut self, cur: &mut Cur<'_>) -> Result<Vec<OsString>> {
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

    fn name(&mut self, cur: &mut Cur<'_>) -> Result<OsString> {
        let comm = self.stat(cur)?.comm.clone();
        super::info::extend_name(comm, || self.cmdline(cur))
    }

    fn memory_info(&mut self, cur: &mut Cur<'_>) -> Result<MemoryInfo> {
        if self.needs_status {
            // status is read anyway for another attribute: its Vm lines hold the same
            // counters as statm, in KiB.
            let vm = self.status(cur)?.vm;
            // status's VmExe is min(text, executable mappings); statm's text is the text
            // range alone, which stat's startcode/endcode give when stat is read anyway
            // and the reader may see them (they read 1 and 1 otherwise).
            let code = if self.needs_stat {
                let st = self.stat(cur)?;
                records::text_from_code(st.startcode, st.endcode)
            } else {
                None
            };
            if let Some(m) = code.and_then(|text| MemoryInfo::from_status_vm(&vm, text)) {
                return Ok(m);
            }
        }
        self.load(cur, File::Statm)?;
        let pages = pid_statm::parse(self.buf(File::Statm))
            .map_err(|e| e.at_path(&cur.proc.path("statm")))?;
        Ok(MemoryInfo::from_statm(pages))
    }

    fn username(&mut self, cur: &mut Cur<'_>) -> Result<String> {
        let [uid, _, _] = self.uids(cur)?;
        self.names.get(&self.root, uid)
    }

    fn value(&mut self, cur: &mut Cur<'_>, a: Attr) -> Result<Value> {
        let hz = sys::clock_ticks();
        Ok(match a {
            Attr::Pid => Value::Pid(cur.proc.pid),
            Attr::Ppid => Value::Pid(self.stat(cur)?.ppid),
            Attr::Name => Value::Name(self.name(cur)?),
            Attr::Status => Value::Status(records::stat::status(self.stat(cur)?)),
            Attr::CreateTime => {
                let start = self.stat(cur)?.starttime;
                let boot = match self.boot_time {
                    Some(b) => b,
                    None => {
                        let b = self.root.boot_time()?;
                        self.boot_time = Some(b);
                        b
                    }
                };
                Value::Float(records::stat::create_time(start, hz, boot))
            }
            Attr::CpuTimes => Value::CpuTimes(ProcessCpuTimes::from_stat(self.stat(cur)?, hz)),
            Attr::CpuNum => Value::CpuNum(records::stat::cpu_num(self.stat(cur)?)?),
            Attr::NumThreads => Value::Count(records::stat::num_threads(self.stat(cur)?)),
            Attr::Nice => Value::Nice(records::stat::nice(self.stat(cur)?)?),
            Attr::Terminal => {
                let tty = self.stat(cur)?.tty_nr;
                if tty == 0 {
                    Value::None
                } else {
                    let root = &self.root;
                    let map = self
                        .ttys
                        .get_or_insert_with(|| sys::process::tty_map(root.devfs()));
                    map.get(&tty).cloned().map_or(Value::None, Value::Path)
                }
            }
            Attr::Cmdline => Value::Cmdline(self.cmdline(cur)?),
            Attr::Uids => Value::Uids(Uids::from(self.uids(cur)?)),
            Attr::Gids => Value::Gids(Gids::from(self.gids(cur)?)),
            Attr::NumCtxSwitches => {
                Value::CtxSwitches(CtxSwitches::from_status(self.status(cur)?)?)
            }
            Attr::Username => Value::Username(self.username(cur)?),
            Attr::MemoryInfo => Value::MemoryInfo(self.memory_info(cur)?),
            Attr::MemoryFullInfo => {
                let m = self.memory_info(cur)?;
                Value::MemoryFullInfo(MemoryFullInfo::new(m, cur.proc.smaps_totals()?))
            }
            Attr::IoCounters => {
                self.load(cur, File::Io)?;
                let io = pid_io::parse(self.buf(File::Io))
                    .map_err(|e| e.at_path(&cur.proc.path("io")))?;
                Value::IoCounters(ProcessIoCounters::from(io))
            }
            other => cur.proc.attr(other)?,
        })
    }
}

/// `PF_KTHREAD` in the `flags` field of `/proc/<pid>/stat` (include/linux/sched.h).
const PF_KTHREAD: u64 = 0x0020_0000;
