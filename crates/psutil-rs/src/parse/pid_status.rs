//! `/proc/<pid>/status`: process status in `Key:\tvalue` lines, see proc_pid_status(5).

use super::cpu_list;
use super::fields::{lines, parse_u64, split_once, trim, words};
use crate::error::{Error, Result};

const FILE: &str = "status";

/// The lines of `/proc/<pid>/status` this crate uses; a line the kernel does not print
/// is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PidStatus {
    /// `Tgid`: the thread group id, i.e. the process id of a thread.
    pub tgid: Option<u32>,
    /// `PPid`.
    pub ppid: Option<u32>,
    /// `Uid`: real, effective, saved (the fourth, filesystem uid, is dropped).
    pub uids: Option<[u32; 3]>,
    /// `Gid`: real, effective, saved.
    pub gids: Option<[u32; 3]>,
    /// `Threads`.
    pub threads: Option<u64>,
    /// `voluntary_ctxt_switches` (since Linux 2.6.23).
    pub voluntary_ctxt_switches: Option<u64>,
    /// `nonvoluntary_ctxt_switches` (since Linux 2.6.23).
    pub nonvoluntary_ctxt_switches: Option<u64>,
    /// `Cpus_allowed_list` (since Linux 2.6.26), raw, such as `0-3,6`.
    pub cpus_allowed_list: Option<Vec<u8>>,
    /// `VmSize`, `VmRSS`, `RssFile` (since Linux 4.5), `RssShmem` (since Linux 4.5),
    /// `VmData`, `VmStk`, `VmExe`, in KiB: the counters `/proc/<pid>/statm` prints in
    /// pages. Absent for kernel threads and zombies (no address space).
    pub vm: VmLines,
    /// `VmLck`: locked memory (mlock), in KiB (since Linux 2.6.0). Absent for kernel
    /// threads and zombies.
    pub vm_lck: Option<u64>,
}

/// The memory lines of `/proc/<pid>/status`, in KiB (`None` when not printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct VmLines {
    /// `VmSize`: total mapped (statm `size`).
    pub size: Option<u64>,
    /// `VmRSS`: resident (statm `resident`).
    pub rss: Option<u64>,
    /// `RssFile`: resident file pages.
    pub rss_file: Option<u64>,
    /// `RssShmem`: resident shared memory (statm `shared` = `RssFile` + `RssShmem`).
    pub rss_shmem: Option<u64>,
    /// `VmData`: data (statm `data` = `VmData` + `VmStk`).
    pub data: Option<u64>,
    /// `VmStk`: stack.
    pub stk: Option<u64>,
    /// `VmExe`: text (statm `text`).
    pub exe: Option<u64>,
}

fn size_in_kib(value: &[u8], n: usize) -> Result<u64> {
    let v = trim(value);
    let v = v.strip_suffix(b"kB").map(trim).unwrap_or(v);
    parse_u64(v).ok_or_else(|| Error::parse(FILE, Some(n), "not a size in kB"))
}

fn id_triple(value: &[u8], n: usize) -> Result<[u32; 3]> {
    let mut out = [0u32; 3];
    let mut w = words(value);
    for slot in out.iter_mut() {
        *slot = w
            .next()
            .and_then(parse_u64)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| Error::parse(FILE, Some(n), "bad id list"))?;
    }
    Ok(out)
}

fn number(value: &[u8], n: usize) -> Result<u64> {
    parse_u64(trim(value)).ok_or_else(|| Error::parse(FILE, Some(n), "not a number"))
}

fn pid(value: &[u8], n: usize) -> Result<u32> {
    u32::try_from(number(value, n)?).map_err(|_| Error::parse(FILE, Some(n), "pid out of range"))
}

/// Parses `/proc/<pid>/status`. Unknown lines are ignored; a known line with a malformed
/// value is an error naming its line.
pub fn parse(data: &[u8]) -> Result<PidStatus> {
    parse_until(data, |_| false)
}

/// [`parse`], stopping at the first known line after which `done` returns true (the
/// process table stops once it has the lines it needs; `Uid` and the `Vm` lines come
/// well before the signal masks and CPU lists). Lines after that point stay `None`.
pub fn parse_until(data: &[u8], done: impl Fn(&PidStatus) -> bool) -> Result<PidStatus> {
    let mut st = PidStatus::default();
    for (n, line) in lines(data) {
        let Some((key, value)) = split_once(line, b':') else {
            continue;
        };
        match key {
            b"Tgid" => st.tgid = Some(pid(value, n)?),
            b"PPid" => st.ppid = Some(pid(value, n)?),
            b"Uid" => st.uids = Some(id_triple(value, n)?),
            b"Gid" => st.gids = Some(id_triple(value, n)?),
            b"Threads" => st.threads = Some(number(value, n)?),
            b"voluntary_ctxt_switches" => st.voluntary_ctxt_switches = Some(number(value, n)?),
            b"nonvoluntary_ctxt_switches" => {
                st.nonvoluntary_ctxt_switches = Some(number(value, n)?)
            }
            b"Cpus_allowed_list" => st.cpus_allowed_list = Some(trim(value).to_vec()),
            b"VmSize" => st.vm.size = Some(size_in_kib(value, n)?),
            b"VmRSS" => st.vm.rss = Some(size_in_kib(value, n)?),
            b"RssFile" => st.vm.rss_file = Some(size_in_kib(value, n)?),
            b"RssShmem" => st.vm.rss_shmem = Some(size_in_kib(value, n)?),
            b"VmData" => st.vm.data = Some(size_in_kib(value, n)?),
            b"VmStk" => st.vm.stk = Some(size_in_kib(value, n)?),
            b"VmExe" => st.vm.exe = Some(size_in_kib(value, n)?),
            b"VmLck" => st.vm_lck = Some(size_in_kib(value, n)?),
            _ => continue,
        }
        if done(&st) {
            break;
        }
    }
    Ok(st)
}

impl PidStatus {
    /// The CPUs of `Cpus_allowed_list`, sorted ([`cpu_list::parse`]); `None` where the
    /// kernel does not print the line. A malformed list is an [`Error::Parse`] naming
    /// `status`.
    pub fn cpus_allowed(&self) -> Option<Result<Vec<u32>>> {
        let list = self.cpus_allowed_list.as_deref()?;
        Some(cpu_list::parse(list).map_err(|e| match e {
            Error::Parse { msg, .. } => {
                Error::parse(FILE, None, format!("Cpus_allowed_list: {msg}"))
            }
            other => other,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status() {
        let data = b"Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t42\nNgid:\t0\n\
            Pid:\t42\nPPid:\t1\nUid:\t1000\t1001\t1002\t1003\nGid:\t5\t6\t7\t8\n\
            Threads:\t3\nCpus_allowed_list:\t0-1\nvoluntary_ctxt_switches:\t10\n\
            nonvoluntary_ctxt_switches:\t2\n";
        let s = parse(data).unwrap();
        assert_eq!(s.tgid, Some(42));
        assert_eq!(s.ppid, Some(1));
        assert_eq!(s.uids, Some([1000, 1001, 1002]));
        assert_eq!(s.gids, Some([5, 6, 7]));
        assert_eq!(s.threads, Some(3));
        assert_eq!(s.voluntary_ctxt_switches, Some(10));
        assert_eq!(s.nonvoluntary_ctxt_switches, Some(2));
        assert_eq!(s.cpus_allowed_list.as_deref(), Some(&b"0-1"[..]));
        assert_eq!(s.cpus_allowed().unwrap().unwrap(), [0, 1]);
        let bad = parse(b"Cpus_allowed_list:\t1-0\n").unwrap();
        let e = bad.cpus_allowed().unwrap().unwrap_err();
        assert!(
            e.to_string()
                .starts_with("cannot parse status: Cpus_allowed_list: bad CPU list"),
            "{e}"
        );
        assert!(PidStatus::default().cpus_allowed().is_none());
        assert_eq!(s.vm, VmLines::default());
    }

    #[test]
    fn vm_lines() {
        let data =
            b"VmPeak:\t  9000 kB\nVmSize:\t    8192 kB\nVmLck:\t  16 kB\nVmRSS:\t    1024 kB\n\
            RssAnon:\t 100 kB\nRssFile:\t 900 kB\nRssShmem:\t 24 kB\nVmData:\t 300 kB\n\
            VmStk:\t 132 kB\nVmExe:\t 20 kB\n";
        let st = parse(data).unwrap();
        assert_eq!(st.vm_lck, Some(16));
        let v = st.vm;
        assert_eq!(
            v,
            VmLines {
                size: Some(8192),
                rss: Some(1024),
                rss_file: Some(900),
                rss_shmem: Some(24),
                data: Some(300),
                stk: Some(132),
                exe: Some(20),
            }
        );
        assert!(parse(b"VmRSS:\tlots kB\n").is_err());
        assert!(parse(b"VmLck:\t-1 kB\n").is_err());
        // Stopping early leaves the later lines unread, garbage included.
        let data = b"Uid:\t1\t2\t3\t4\nGid:\t5\t6\t7\t8\nThreads:\tmany\n";
        let st = parse_until(data, |s| s.gids.is_some()).unwrap();
        assert_eq!(
            (st.uids, st.gids, st.threads),
            (Some([1, 2, 3]), Some([5, 6, 7]), None)
        );
        assert!(parse_until(data, |_| false).is_err());
    }

    #[test]
    fn missing_and_garbage() {
        assert_eq!(parse(b"").unwrap(), PidStatus::default());
        let e = parse(b"Name:\tx\nUid:\t1 2\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(parse(b"Threads:\tmany\n").is_err());
        assert!(parse(b"Tgid:\t99999999999\n").is_err());
    }
}
