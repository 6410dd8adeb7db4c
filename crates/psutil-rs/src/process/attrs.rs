//! psutil's attribute names (`as_dict`, `process_iter(attrs=...)`), sets of them, the
//! values they produce, and [`Process::as_dict`].

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use indexmap::IndexMap;

use super::handle::Process;
use super::types::{CtxSwitches, ProcessConnection, ProcessThread, Status};
use super::{MemoryFullInfo, MemoryInfo, MemoryMap, OpenFile, ProcessCpuTimes, ProcessIoCounters};
use crate::error::{Error, Pid, Result};
use crate::net::kind::ConnectionKind;
use crate::sys;
use crate::sys::process::{Gids, IoNice, Uids};

macro_rules! attrs {
    ($($variant:ident = $name:literal: $doc:literal,)*) => {
        /// One of psutil's `as_dict` attribute names on Linux (psutil's
        /// `_as_dict_attrnames`): every public `Process` method without arguments, plus
        /// `pid`. Parse psutil's strings with [`str::parse`]; [`Attr::as_str`] gives them back.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Attr {
            $(#[doc = $doc] $variant,)*
        }

        impl Attr {
            /// Every attribute, in psutil's (alphabetical) order.
            pub const ALL: &'static [Attr] = &[$(Attr::$variant,)*];

            /// psutil's name of this attribute.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Attr::$variant => $name,)*
                }
            }
        }
    };
}

attrs! {
    Cmdline = "cmdline": "`cmdline()`: `/proc/<pid>/cmdline`.",
    CpuAffinity = "cpu_affinity": "`cpu_affinity()`: `sched_getaffinity(2)`.",
    CpuNum = "cpu_num": "`cpu_num()`: field 39 of `/proc/<pid>/stat`.",
    CpuPercent = "cpu_percent": "`cpu_percent()` (non-blocking, 0.0 on the first call on a handle).",
    CpuTimes = "cpu_times": "`cpu_times()`: fields 14-17 and 42 of `/proc/<pid>/stat`.",
    CreateTime = "create_time": "`create_time()`: field 22 of `/proc/<pid>/stat` + boot time.",
    Cwd = "cwd": "`cwd()`: the `/proc/<pid>/cwd` link.",
    Environ = "environ": "`environ()`: `/proc/<pid>/environ`.",
    Exe = "exe": "`exe()`: the `/proc/<pid>/exe` link.",
    Gids = "gids": "`gids()`: `Gid:` of `/proc/<pid>/status`.",
    IoCounters = "io_counters": "`io_counters()`: `/proc/<pid>/io`.",
    Ionice = "ionice": "`ionice()`: `ioprio_get(2)`.",
    MemoryFullInfo = "memory_full_info": "`memory_full_info()`: `statm` + `smaps_rollup`.",
    MemoryInfo = "memory_info": "`memory_info()`: `/proc/<pid>/statm`.",
    MemoryMaps = "memory_maps": "`memory_maps()` (grouped): `/proc/<pid>/smaps`.",
    MemoryPercent = "memory_percent": "`memory_percent()` (rss): `statm` and `/proc/meminfo`.",
    Name = "name": "`name()`: `comm` of `/proc/<pid>/stat`, extended from `cmdline`.",
    NetConnections = "net_connections": "`net_connections()` (kind `inet`).",
    Nice = "nice": "`nice()`: field 19 of `/proc/<pid>/stat`.",
    NumCtxSwitches = "num_ctx_switches": "`num_ctx_switches()`: `/proc/<pid>/status`.",
    NumFds = "num_fds": "`num_fds()`: the entries of `/proc/<pid>/fd`.",
    NumThreads = "num_threads": "`num_threads()`: field 20 of `/proc/<pid>/stat`.",
    OpenFiles = "open_files": "`open_files()`: `/proc/<pid>/fd` and `fdinfo`.",
    Pid = "pid": "the pid (no read).",
    Ppid = "ppid": "`ppid()`: field 4 of `/proc/<pid>/stat`.",
    Status = "status": "`status()`: field 3 of `/proc/<pid>/stat`.",
    Terminal = "terminal": "`terminal()`: field 7 of `/proc/<pid>/stat`, looked up in `/dev`.",
    Threads = "threads": "`threads()`: `/proc/<pid>/task/*/stat`.",
    Uids = "uids": "`uids()`: `Uid:` of `/proc/<pid>/status`.",
    Username = "username": "`username()`: the real uid's name (NSS on the host, `<root>/etc/passwd` elsewhere).",
}

impl fmt::Display for Attr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Attr {
    type Err = Error;

    /// psutil's attribute names; anything else is [`Error::InvalidArgument`] (psutil's
    /// `ValueError("invalid attr name")`).
    fn from_str(s: &str) -> Result<Attr> {
        Attr::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| {
                let valid: Vec<&str> = Attr::ALL.iter().map(|a| a.as_str()).collect();
                Error::invalid(format!(
                    "invalid attr name {s:?}; valid names are {}",
                    valid.join(", ")
                ))
            })
    }
}

impl Attr {
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A set of [`Attr`]s (a bitset). Iterates in psutil's (alphabetical) order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AttrSet(u32);

impl fmt::Debug for AttrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl AttrSet {
    /// No attribute. For [`Process::as_dict`] an empty set means all of them, as
    /// psutil's `attrs=[]`.
    pub const fn empty() -> AttrSet {
        AttrSet(0)
    }

    /// Every attribute this platform has (what an empty set means for
    /// [`Process::as_dict`] and the process table): the backend's list, every
    /// [`Attr`] on Linux.
    pub fn all() -> AttrSet {
        sys::process::ATTRS.iter().copied().collect()
    }

    /// psutil's attribute names, e.g. `AttrSet::parse(["pid", "name"])`; an unknown name
    /// is [`Error::InvalidArgument`].
    pub fn parse<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Result<AttrSet> {
        let mut set = AttrSet::empty();
        for n in names {
            set.insert(n.as_ref().parse()?);
        }
        Ok(set)
    }

    /// Adds an attribute.
    pub fn insert(&mut self, a: Attr) {
        self.0 |= a.bit();
    }

    /// This set plus `a`.
    pub fn with(mut self, a: Attr) -> AttrSet {
        self.insert(a);
        self
    }

    /// Whether `a` is in the set.
    pub fn contains(self, a: Attr) -> bool {
        self.0 & a.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The number of attributes.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The attributes, in psutil's order.
    pub fn iter(self) -> impl Iterator<Item = Attr> {
        Attr::ALL.iter().copied().filter(move |a| self.contains(*a))
    }
}

impl FromIterator<Attr> for AttrSet {
    fn from_iter<I: IntoIterator<Item = Attr>>(iter: I) -> AttrSet {
        let mut set = AttrSet::empty();
        for a in iter {
            set.insert(a);
        }
        set
    }
}

impl<const N: usize> From<[Attr; N]> for AttrSet {
    fn from(a: [Attr; N]) -> AttrSet {
        a.into_iter().collect()
    }
}

/// The value of one [`Attr`]: what the `Process` method of that name returns.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
#[non_exhaustive]
pub enum Value {
    /// Python's `None`: the usual `ad_value` of [`Process::as_dict`].
    None,
    /// `pid`, `ppid`.
    Pid(Pid),
    /// `name`.
    Name(OsString),
    /// `cmdline`.
    Cmdline(Vec<OsString>),
    /// `status`.
    Status(Status),
    /// `username`.
    Username(String),
    /// `create_time`, `cpu_percent`, `memory_percent`.
    Float(f64),
    /// `num_threads`, `num_fds`.
    Count(u64),
    /// `nice`.
    Nice(i32),
    /// `cpu_num`.
    CpuNum(u32),
    /// `cpu_affinity`.
    Cpus(Vec<u32>),
    /// `cpu_times`.
    CpuTimes(ProcessCpuTimes),
    /// `memory_info`.
    MemoryInfo(MemoryInfo),
    /// `memory_full_info`.
    MemoryFullInfo(MemoryFullInfo),
    /// `memory_maps`.
    MemoryMaps(Vec<MemoryMap>),
    /// `uids`.
    Uids(Uids),
    /// `gids`.
    Gids(Gids),
    /// `num_ctx_switches`.
    CtxSwitches(CtxSwitches),
    /// `io_counters`.
    IoCounters(ProcessIoCounters),
    /// `ionice`.
    IoNice(IoNice),
    /// `exe`, `cwd`; `terminal` when there is one (`None` otherwise).
    Path(PathBuf),
    /// `environ`.
    Environ(IndexMap<OsString, OsString>),
    /// `open_files`.
    OpenFiles(Vec<OpenFile>),
    /// `net_connections`.
    Connections(Vec<ProcessConnection>),
    /// `threads`.
    Threads(Vec<ProcessThread>),
}

impl Process {
    /// The value of one attribute: calls the method of that name (`cpu_percent` without
    /// interval, `memory_percent("rss")`, `net_connections(inet)`, grouped
    /// `memory_maps`); the methods of the platform's extension traits through the
    /// backend (an attribute the platform lacks is [`Error::Unsupported`]). `Attr::Pid`
    /// reads nothing.
    pub fn attr(&self, a: Attr) -> Result<Value> {
        Ok(match a {
            Attr::Cmdline => Value::Cmdline(self.cmdline()?),
            Attr::CpuPercent => Value::Float(self.cpu_percent(None)?),
            Attr::CpuTimes => Value::CpuTimes(self.cpu_times()?),
            Attr::CreateTime => Value::Float(self.create_time()?),
            Attr::Cwd => Value::Path(self.cwd()?),
            Attr::Environ => Value::Environ(self.environ()?),
            Attr::Exe => Value::Path(self.exe()?),
            Attr::MemoryFullInfo => Value::MemoryFullInfo(self.memory_full_info()?),
            Attr::MemoryInfo => Value::MemoryInfo(self.memory_info()?),
            Attr::MemoryPercent => Value::Float(self.memory_percent("rss")?),
            Attr::Name => Value::Name(self.name()?),
            Attr::NetConnections => Value::Connections(self.net_connections(ConnectionKind::Inet)?),
            Attr::Nice => Value::Nice(self.nice()?),
            Attr::NumCtxSwitches => Value::CtxSwitches(self.num_ctx_switches()?),
            Attr::NumThreads => Value::Count(self.num_threads()?),
            Attr::OpenFiles => Value::OpenFiles(self.open_files()?),
            Attr::Pid => Value::Pid(self.pid),
            Attr::Ppid => Value::Pid(self.ppid()?),
            Attr::Status => Value::Status(self.status()?),
            Attr::Threads => Value::Threads(self.threads()?),
            Attr::Username => Value::Username(self.username()?),
            // the attributes of methods psutil has on some platforms only
            other => sys::process::platform_attr(self, other)?,
        })
    }

    /// psutil's `as_dict(attrs, ad_value)`: the values of `attrs` (an empty set means
    /// every attribute), read inside [`oneshot`](Process::oneshot), in psutil's order.
    /// An attribute that fails with [`Error::AccessDenied`] or [`Error::ZombieProcess`]
    /// gets `ad_value`; [`Error::Unsupported`] (psutil's `NotImplementedError`) drops the
    /// attribute when `attrs` is empty and is returned otherwise; any other error,
    /// [`Error::NoSuchProcess`] first of all, is returned.
    pub fn as_dict(&self, attrs: AttrSet, ad_value: &Value) -> Result<Vec<(Attr, Value)>> {
        let all = attrs.is_empty();
        let attrs = if all { AttrSet::all() } else { attrs };
        self.oneshot(|p| {
            let mut out = Vec::with_capacity(attrs.len());
            for a in attrs.iter() {
                if let Some(v) = dict_value(p.attr(a), ad_value, all)? {
                    out.push((a, v));
                }
            }
            Ok(out)
        })
    }
}

/// psutil's `as_dict` rule for one attribute's result, shared by [`Process::as_dict`] and
/// [`ProcessInfo::into_dict`](super::ProcessInfo::into_dict): [`Error::AccessDenied`]
/// and [`Error::ZombieProcess`] give `ad_value`; [`Error::Unsupported`] (psutil's
/// `NotImplementedError`) drops the attribute (`Ok(None)`) when `drop_unsupported`
/// (every attribute was asked for) and is returned otherwise, as is any other error.
pub(crate) fn dict_value(
    r: Result<Value>,
    ad_value: &Value,
    drop_unsupported: bool,
) -> Result<Option<Value>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Error::AccessDenied { .. }) | Err(Error::ZombieProcess { .. }) => {
            Ok(Some(ad_value.clone()))
        }
        Err(Error::Unsupported { .. }) if drop_unsupported => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_sorted() {
        assert_eq!(Attr::ALL.len(), 30);
        for a in Attr::ALL {
            assert_eq!(a.as_str().parse::<Attr>().unwrap(), *a);
        }
        let names: Vec<&str> = Attr::ALL.iter().map(|a| a.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        let e = "bogus".parse::<Attr>().unwrap_err().to_string();
        assert!(e.contains("\"bogus\"") && e.contains("username"), "{e}");
    }

    #[test]
    fn sets() {
        let s = AttrSet::parse(["pid", "name", "pid"]).unwrap();
        assert_eq!(s.len(), 2);
        assert!(s.contains(Attr::Pid) && s.contains(Attr::Name));
        assert!(!s.contains(Attr::Cmdline));
        assert_eq!(s.iter().collect::<Vec<_>>(), [Attr::Name, Attr::Pid]);
        // the platform's list (all 30 on Linux)
        assert_eq!(AttrSet::all().len(), sys::process::ATTRS.len());
        assert!(AttrSet::all().contains(Attr::Pid) && AttrSet::all().contains(Attr::Username));
        assert!(AttrSet::parse(["pid", "nope"]).is_err());
        assert_eq!(AttrSet::from([Attr::Pid]), AttrSet::empty().with(Attr::Pid));
    }
}
