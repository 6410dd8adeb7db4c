//! `/proc/<pid>/stat` (and `/proc/<pid>/task/<tid>/stat`): one line of process status
//! fields, see proc_pid_stat(5).
//!
//! The second field, `comm`, is the process name in parentheses and may itself contain
//! spaces, parentheses and newlines, so it is taken as the bytes between the first `(`
//! and the **last** `)`; the remaining fields are the whitespace-separated words after it.

use super::fields::{parse_i64, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "stat";

/// The fields of `/proc/<pid>/stat` this crate uses. Times are in clock ticks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PidStat {
    /// Field 2 `comm`: the executable name, truncated by the kernel to 15 bytes. Raw bytes.
    pub comm: Vec<u8>,
    /// Field 3 `state`: one letter (`R`, `S`, `D`, `Z`, `T`, `t`, `X`, `I`, ...).
    pub state: u8,
    /// Field 4 `ppid`.
    pub ppid: u32,
    /// Field 5 `pgrp`: the process group id; `None` when the kernel prints a negative
    /// value (Linux 6.18 prints -1 for a process being reaped).
    pub pgrp: Option<u32>,
    /// Field 6 `session`: the session id; `None` when negative, as `pgrp`.
    pub session: Option<u32>,
    /// Field 7 `tty_nr`: the controlling terminal's device number (0 for none).
    pub tty_nr: u64,
    /// Field 8 `tpgid`: the foreground process group of the controlling terminal;
    /// `None` when the kernel prints -1 (no controlling terminal).
    pub tpgid: Option<u32>,
    /// Field 9 `flags`: the kernel's `PF_*` flags (`PF_KTHREAD` = 0x0020_0000 marks a
    /// kernel thread).
    pub flags: u64,
    /// Field 14 `utime`: user-mode time.
    pub utime: u64,
    /// Field 15 `stime`: kernel-mode time.
    pub stime: u64,
    /// Field 16 `cutime`: waited-for children's user time.
    pub cutime: i64,
    /// Field 17 `cstime`: waited-for children's kernel time.
    pub cstime: i64,
    /// Field 18 `priority`: the kernel's priority, 0..39 (20 + nice) for normal tasks and
    /// -2..-100 (-1 - rt_priority) for real-time ones.
    pub priority: i64,
    /// Field 19 `nice`: -20 (high priority) to 19.
    pub nice: i64,
    /// Field 20 `num_threads`.
    pub num_threads: i64,
    /// Field 22 `starttime`: when the process started, in clock ticks since boot.
    pub starttime: u64,
    /// Field 23 `vsize`: virtual memory size in bytes.
    pub vsize: u64,
    /// Field 24 `rss`: resident set size in pages.
    pub rss: i64,
    /// Field 26 `startcode`: the address above which program text can run; 1 when the
    /// reader may not see it (not ptrace-readable), 0 without an address space. `None`
    /// when the line stops before it (a cut line: every kernel prints it).
    pub startcode: Option<u64>,
    /// Field 27 `endcode`: the address below which program text can run; 1 / 0 as
    /// `startcode`.
    pub endcode: Option<u64>,
    /// Field 39 `processor`: the CPU it last ran on (since Linux 2.2.8).
    pub processor: Option<i64>,
    /// Field 40 `rt_priority`: the real-time priority, 1..99, 0 for non-real-time
    /// policies (since Linux 2.5.19).
    pub rt_priority: Option<u32>,
    /// Field 41 `policy`: the scheduling policy, `SCHED_*` (since Linux 2.5.19).
    pub policy: Option<u32>,
    /// Field 42 `delayacct_blkio_ticks`: aggregated block I/O delays (since Linux 2.6.18).
    pub delayacct_blkio_ticks: Option<u64>,
}

/// Splits a stat line into `comm` and the words after it.
fn split_comm(data: &[u8]) -> Result<(&[u8], &[u8])> {
    let open = data
        .iter()
        .position(|&c| c == b'(')
        .ok_or_else(|| Error::parse(FILE, Some(1), "no '(' before comm"))?;
    let close = data
        .iter()
        .rposition(|&c| c == b')')
        .filter(|&c| c > open)
        .ok_or_else(|| Error::parse(FILE, Some(1), "no ')' after comm"))?;
    let comm = data
        .get(open + 1..close)
        .ok_or_else(|| Error::parse(FILE, Some(1), "bad comm"))?;
    let rest = data.get(close + 1..).unwrap_or_default();
    Ok((comm, rest))
}

/// Parses `/proc/<pid>/stat`.
pub fn parse(data: &[u8]) -> Result<PidStat> {
    let (comm, rest) = split_comm(data)?;
    // Index 0 is field 3 (state); fields past 52 (none today) are ignored. A fixed
    // array, not a Vec: the process table parses one stat per process.
    let mut f: [&[u8]; 50] = [&[]; 50];
    let mut count = 0;
    for (slot, w) in f.iter_mut().zip(words(rest)) {
        *slot = w;
        count += 1;
    }
    let f = f.get(..count).unwrap_or_default();
    let word = |i: usize, what: &str| -> Result<&[u8]> {
        f.get(i)
            .copied()
            .ok_or_else(|| Error::parse(FILE, Some(1), format!("missing field {what}")))
    };
    let not_a_number = |what: &str, w: &[u8]| {
        let shown: String = String::from_utf8_lossy(w).chars().take(32).collect();
        Error::parse(
            FILE,
            Some(1),
            format!("field {what} is not a number: {shown:?}"),
        )
    };
    let u = |i: usize, what: &str| -> Result<u64> {
        let w = word(i, what)?;
        parse_u64(w).ok_or_else(|| not_a_number(what, w))
    };
    let s = |i: usize, what: &str| -> Result<i64> {
        let w = word(i, what)?;
        parse_i64(w).ok_or_else(|| not_a_number(what, w))
    };
    let state = match word(0, "state")? {
        [c] => *c,
        _ => return Err(Error::parse(FILE, Some(1), "state is not one letter")),
    };
    let ppid = u32::try_from(u(1, "ppid")?)
        .map_err(|_| Error::parse(FILE, Some(1), "ppid out of range"))?;
    // tty_nr is printed as a signed int; a negative value is not a device.
    let tty_nr = u64::try_from(s(4, "tty_nr")?).unwrap_or(0);
    let small = |i: usize| {
        f.get(i)
            .and_then(|w| parse_u64(w))
            .and_then(|v| u32::try_from(v).ok())
    };
    Ok(PidStat {
        comm: comm.to_vec(),
        state,
        ppid,
        pgrp: u32::try_from(s(2, "pgrp")?).ok(),
        session: u32::try_from(s(3, "session")?).ok(),
        tty_nr,
        tpgid: u32::try_from(s(5, "tpgid")?).ok(),
        flags: u(6, "flags")?,
        utime: u(11, "utime")?,
        stime: u(12, "stime")?,
        cutime: s(13, "cutime")?,
        cstime: s(14, "cstime")?,
        priority: s(15, "priority")?,
        nice: s(16, "nice")?,
        num_threads: s(17, "num_threads")?,
        starttime: u(19, "starttime")?,
        vsize: u(20, "vsize")?,
        rss: s(21, "rss")?,
        startcode: f.get(23).and_then(|w| parse_u64(w)),
        endcode: f.get(24).and_then(|w| parse_u64(w)),
        processor: f.get(36).and_then(|w| parse_i64(w)),
        rt_priority: small(37),
        policy: small(38),
        delayacct_blkio_ticks: f.get(39).and_then(|w| parse_u64(w)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &[u8] = b"1234 (a (b) c) S 1 1234 1234 34816 1234 4194560 100 0 0 0 \
        17 5 3 2 20 -2 1 0 98765 10000000 250 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 \
        17 3 0 0 7 0 0\n";

    #[test]
    fn fields() {
        let s = parse(LINE).unwrap();
        assert_eq!(s.comm, b"a (b) c");
        assert_eq!(s.state, b'S');
        assert_eq!(s.ppid, 1);
        assert_eq!(s.tty_nr, 34816);
        assert_eq!((s.utime, s.stime, s.cutime, s.cstime), (17, 5, 3, 2));
        assert_eq!(s.nice, -2);
        assert_eq!(s.num_threads, 1);
        assert_eq!(s.starttime, 98765);
        assert_eq!(s.vsize, 10000000);
        assert_eq!(s.rss, 250);
        assert_eq!(s.flags, 4194560);
        assert_eq!((s.startcode, s.endcode), (Some(1), Some(1)));
        assert_eq!(s.processor, Some(3));
        assert_eq!(s.delayacct_blkio_ticks, Some(7));
        assert_eq!(
            (s.pgrp, s.session, s.tpgid),
            (Some(1234), Some(1234), Some(1234))
        );
        assert_eq!(s.priority, 20);
        assert_eq!((s.rt_priority, s.policy), (Some(0), Some(0)));
    }

    #[test]
    fn real_time_and_no_tty() {
        // A SCHED_FIFO task at rt_priority 50 (priority -51), no controlling terminal.
        let line = b"7 (rt) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 -51 0 1 0 5 0 0 \
            0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 50 1 0";
        let s = parse(line).unwrap();
        assert_eq!(s.tpgid, None);
        assert_eq!(s.priority, -51);
        assert_eq!((s.rt_priority, s.policy), (Some(50), Some(1)));
        assert_eq!(s.delayacct_blkio_ticks, Some(0));
    }

    #[test]
    fn comm_with_newline_and_parens() {
        let line = b"5 (x)\n) y) Z 1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0";
        let s = parse(line).unwrap();
        assert_eq!(s.comm, b"x)\n) y");
        assert_eq!(s.state, b'Z');
        // Old kernels: no processor / rt_priority / policy / blkio fields.
        assert_eq!(s.processor, None);
        assert_eq!((s.rt_priority, s.policy), (None, None));
        assert_eq!(s.delayacct_blkio_ticks, None);
        assert_eq!((s.startcode, s.endcode), (None, None));
    }

    #[test]
    fn process_being_reaped() {
        // Linux 6.18 prints -1 for pgrp (and session) while a process is reaped (seen by
        // the race stress test on handles of children that had just exited).
        let line = b"9 (sleep) Z 1 -1 -1 0 -1 4194828 0 0 0 0 0 0 0 0 20 0 1 0 7 0 0";
        let s = parse(line).unwrap();
        assert_eq!((s.pgrp, s.session, s.tpgid), (None, None, None));
        assert_eq!(
            (s.comm.as_slice(), s.state, s.ppid),
            (&b"sleep"[..], b'Z', 1)
        );
    }

    #[test]
    fn garbage() {
        assert!(parse(b"").is_err());
        assert!(parse(b"1 (x").is_err());
        assert!(parse(b"1 x) S").is_err());
        assert!(parse(b"1 (x) S 1 2").is_err());
        assert!(parse(b"1 (x) SS 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0").is_err());
        assert!(parse(b"1 (x) S 1 z 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0").is_err());
        assert!(parse(b"1 (x) S 1 1 1 0 x 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0").is_err());
        assert!(parse(b"1 (x) S z 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0").is_err());
    }
}
