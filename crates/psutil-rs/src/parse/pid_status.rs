//! `/proc/<pid>/status`: process status in `Key:\tvalue` lines, see proc_pid_status(5).

use super::fields::{lines, parse_u64, split_once, trim, words};
use crate::error::{Error, Result};

const FILE: &str = "status";

/// The lines of `/proc/<pid>/status` this crate uses; a line the kernel does not print
/// is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
            _ => {}
        }
    }
    Ok(st)
}

/// Parses a kernel CPU list such as `0-3,6,8-9` (`Cpus_allowed_list`,
/// `/sys/devices/system/cpu/online`) into sorted, deduplicated CPU numbers.
pub fn parse_cpu_list(s: &[u8]) -> Result<Vec<u32>> {
    let bad = || {
        Error::parse(
            FILE,
            None,
            format!("bad CPU list {:?}", String::from_utf8_lossy(s)),
        )
    };
    let num = |w: &[u8]| parse_u64(w).and_then(|v| u32::try_from(v).ok());
    let mut out = Vec::new();
    for part in trim(s).split(|&c| c == b',').filter(|p| !p.is_empty()) {
        match split_once(part, b'-') {
            Some((a, b)) => {
                let (a, b) = (num(a).ok_or_else(bad)?, num(b).ok_or_else(bad)?);
                if a > b || b - a > 1 << 16 {
                    return Err(bad());
                }
                out.extend(a..=b);
            }
            None => out.push(num(part).ok_or_else(bad)?),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cpu_list() {
        assert_eq!(
            parse_cpu_list(b"0-3,6,8-9\n").unwrap(),
            [0, 1, 2, 3, 6, 8, 9]
        );
        assert_eq!(parse_cpu_list(b"1").unwrap(), [1]);
        assert!(parse_cpu_list(b"").unwrap().is_empty());
        assert!(parse_cpu_list(b"3-1").is_err());
        assert!(parse_cpu_list(b"a").is_err());
    }

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
