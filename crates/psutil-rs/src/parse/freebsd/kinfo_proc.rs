//! `struct kinfo_proc` (`<sys/user.h>`, amd64, `KINFO_PROC_SIZE` 1088 bytes): what the
//! `kern.proc.pid.<pid>`, `kern.proc.proc` and `kern.proc.pid.<pid>` with
//! `KERN_PROC_INC_THREAD` sysctls return, one record per process (or thread). The
//! fields psutil reads (its `oneshot` bundle on FreeBSD), at the header's offsets.

use crate::error::{Error, Result};
use crate::parse::bytes::{cstr_clipped_at, i32_at, i64_at, u32_at, u64_at, u8_at};
use crate::process::Status;

/// `KINFO_PROC_SIZE` on amd64: the size of one record, also its `ki_structsize`.
pub const KINFO_PROC_SIZE: usize = 1088;
/// `ki_structsize` (`int`).
pub const KI_STRUCTSIZE: usize = 0;
/// `ki_pid` (`pid_t`).
pub const KI_PID: usize = 72;
/// `ki_ppid` (`pid_t`).
pub const KI_PPID: usize = 76;
/// `ki_uid`: the effective uid (`uid_t`).
pub const KI_UID: usize = 168;
/// `ki_ruid`: the real uid.
pub const KI_RUID: usize = 172;
/// `ki_svuid`: the saved uid.
pub const KI_SVUID: usize = 176;
/// `ki_rgid`: the real gid.
pub const KI_RGID: usize = 180;
/// `ki_svgid`: the saved gid.
pub const KI_SVGID: usize = 184;
/// `ki_groups[KI_NGROUPS]` (`gid_t[16]`): `ki_groups[0]` is the effective gid.
pub const KI_GROUPS: usize = 192;
/// `ki_size`: the virtual size in bytes (`vm_size_t`).
pub const KI_SIZE: usize = 256;
/// `ki_rssize`: the resident set size in pages (`segsz_t`).
pub const KI_RSSIZE: usize = 264;
/// `ki_tsize`: the text size in pages.
pub const KI_TSIZE: usize = 280;
/// `ki_dsize`: the data size in pages.
pub const KI_DSIZE: usize = 288;
/// `ki_ssize`: the stack size in pages.
pub const KI_SSIZE: usize = 296;
/// `ki_start`: the start time (`struct timeval`).
pub const KI_START: usize = 336;
/// `ki_flag`: the `P_*` flags (`long`).
pub const KI_FLAG: usize = 368;
/// `ki_stat`: the `S*` state (`char`).
pub const KI_STAT: usize = 388;
/// `ki_nice` (`signed char`).
pub const KI_NICE: usize = 389;
/// `ki_comm[COMMLEN + 1]`: the command name.
pub const KI_COMM: usize = 447;
/// `COMMLEN + 1`.
pub const KI_COMM_LEN: usize = 20;
/// `ki_tdev`: the controlling terminal's device (`dev_t`, 64-bit since FreeBSD 12).
pub const KI_TDEV: usize = 560;
/// `ki_oncpu`: the CPU the thread runs on, `NOCPU` (-1) when not running (`int`).
pub const KI_ONCPU: usize = 568;
/// `ki_lastcpu`: the CPU it last ran on.
pub const KI_LASTCPU: usize = 572;
/// `ki_numthreads` (`int`).
pub const KI_NUMTHREADS: usize = 596;
/// `ki_tid`: the thread id (`lwpid_t`).
pub const KI_TID: usize = 600;
/// `ki_rusage` (`struct rusage`, 144 bytes).
pub const KI_RUSAGE: usize = 608;
/// `ki_rusage_ch`: the waited-for children's `struct rusage`.
pub const KI_RUSAGE_CH: usize = 752;
/// `ru_utime` within `struct rusage` (`struct timeval`).
pub const RU_UTIME: usize = 0;
/// `ru_stime`.
pub const RU_STIME: usize = 16;
/// `ru_inblock` (`long`).
pub const RU_INBLOCK: usize = 88;
/// `ru_oublock`.
pub const RU_OUBLOCK: usize = 96;
/// `ru_nvcsw`: voluntary context switches.
pub const RU_NVCSW: usize = 128;
/// `ru_nivcsw`: involuntary context switches.
pub const RU_NIVCSW: usize = 136;
/// `NODEV`: no controlling terminal.
pub const NODEV: u64 = u64::MAX;
/// `P_SYSTEM` in `ki_flag`: a kernel process.
pub const P_SYSTEM: i64 = 0x0000_0200;
/// `P_INMEM` in `ki_flag`: the process is loaded into memory (not swapped out).
pub const P_INMEM: i64 = 0x1000_0000;

/// The `struct rusage` fields psutil reads.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rusage {
    /// `ru_utime`, seconds.
    pub utime: f64,
    /// `ru_stime`, seconds.
    pub stime: f64,
    /// `ru_inblock`: block input operations.
    pub inblock: i64,
    /// `ru_oublock`: block output operations.
    pub oublock: i64,
    /// `ru_nvcsw`.
    pub nvcsw: i64,
    /// `ru_nivcsw`.
    pub nivcsw: i64,
}

/// The fields of one `kinfo_proc` record psutil reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KinfoProc {
    /// `ki_pid`.
    pub pid: i32,
    /// `ki_ppid`.
    pub ppid: i32,
    /// `ki_ruid`, `ki_uid`, `ki_svuid`.
    pub uids: [u32; 3],
    /// `ki_rgid`, `ki_groups[0]`, `ki_svgid`.
    pub gids: [u32; 3],
    /// `ki_size`, bytes.
    pub size: u64,
    /// `ki_rssize`, pages.
    pub rssize: i64,
    /// `ki_tsize`, pages.
    pub tsize: i64,
    /// `ki_dsize`, pages.
    pub dsize: i64,
    /// `ki_ssize`, pages.
    pub ssize: i64,
    /// `ki_start`, seconds since the epoch.
    pub start: f64,
    /// `ki_flag`.
    pub flag: i64,
    /// `ki_stat`.
    pub stat: u8,
    /// `ki_nice`.
    pub nice: i8,
    /// `ki_comm`, without its NUL.
    pub comm: Vec<u8>,
    /// `ki_tdev`.
    pub tdev: u64,
    /// `ki_oncpu`.
    pub oncpu: i32,
    /// `ki_lastcpu`.
    pub lastcpu: i32,
    /// `ki_numthreads`.
    pub numthreads: i32,
    /// `ki_tid`.
    pub tid: i32,
    /// `ki_rusage`.
    pub rusage: Rusage,
    /// `ki_rusage_ch`.
    pub rusage_ch: Rusage,
}

impl KinfoProc {
    /// psutil's `cpu_num()`: `ki_oncpu` while running, else `ki_lastcpu`.
    pub fn cpu_num(&self) -> i32 {
        if self.stat == SRUN && self.oncpu != -1 {
            self.oncpu
        } else {
            self.lastcpu
        }
    }
}

/// A `struct timeval` (`time_t tv_sec; suseconds_t tv_usec`, 16 bytes on amd64) at
/// `at`, in seconds.
fn timeval_at(b: &[u8], at: usize) -> Option<f64> {
    let sec = i64_at(b, at)?;
    let usec = i64_at(b, at + 8)?;
    Some(sec as f64 + usec as f64 / 1_000_000.0)
}

fn rusage(b: &[u8], at: usize) -> Option<Rusage> {
    Some(Rusage {
        utime: timeval_at(b, at + RU_UTIME)?,
        stime: timeval_at(b, at + RU_STIME)?,
        inblock: i64_at(b, at + RU_INBLOCK)?,
        oublock: i64_at(b, at + RU_OUBLOCK)?,
        nvcsw: i64_at(b, at + RU_NVCSW)?,
        nivcsw: i64_at(b, at + RU_NIVCSW)?,
    })
}

fn record(b: &[u8]) -> Option<KinfoProc> {
    Some(KinfoProc {
        pid: i32_at(b, KI_PID)?,
        ppid: i32_at(b, KI_PPID)?,
        uids: [
            u32_at(b, KI_RUID)?,
            u32_at(b, KI_UID)?,
            u32_at(b, KI_SVUID)?,
        ],
        gids: [
            u32_at(b, KI_RGID)?,
            u32_at(b, KI_GROUPS)?,
            u32_at(b, KI_SVGID)?,
        ],
        size: u64_at(b, KI_SIZE)?,
        rssize: i64_at(b, KI_RSSIZE)?,
        tsize: i64_at(b, KI_TSIZE)?,
        dsize: i64_at(b, KI_DSIZE)?,
        ssize: i64_at(b, KI_SSIZE)?,
        start: timeval_at(b, KI_START)?,
        flag: i64_at(b, KI_FLAG)?,
        stat: u8_at(b, KI_STAT)?,
        nice: u8_at(b, KI_NICE)? as i8,
        comm: cstr_clipped_at(b, KI_COMM, KI_COMM_LEN).to_vec(),
        tdev: u64_at(b, KI_TDEV)?,
        oncpu: i32_at(b, KI_ONCPU)?,
        lastcpu: i32_at(b, KI_LASTCPU)?,
        numthreads: i32_at(b, KI_NUMTHREADS)?,
        tid: i32_at(b, KI_TID)?,
        rusage: rusage(b, KI_RUSAGE)?,
        rusage_ch: rusage(b, KI_RUSAGE_CH)?,
    })
}

fn bad(msg: &str) -> Error {
    Error::parse("kinfo_proc", None, msg)
}

/// Every record of a `kern.proc.*` buffer: consecutive `kinfo_proc` of `ki_structsize`
/// bytes each (which must be [`KINFO_PROC_SIZE`]). An empty buffer is an empty list; a
/// partial record or another structure size is an error.
pub fn parse_all(buf: &[u8]) -> Result<Vec<KinfoProc>> {
    let mut out = Vec::with_capacity(buf.len() / KINFO_PROC_SIZE);
    let mut rest = buf;
    while !rest.is_empty() {
        let size = i32_at(rest, KI_STRUCTSIZE).ok_or_else(|| bad("truncated record"))?;
        if usize::try_from(size).ok() != Some(KINFO_PROC_SIZE) {
            return Err(bad(&format!(
                "ki_structsize {size}, expected {KINFO_PROC_SIZE}"
            )));
        }
        let (one, tail) = rest
            .split_at_checked(KINFO_PROC_SIZE)
            .ok_or_else(|| bad("truncated record"))?;
        out.push(record(one).ok_or_else(|| bad("truncated record"))?);
        rest = tail;
    }
    Ok(out)
}

/// The one record of `kern.proc.pid.<pid>`: `None` for an empty buffer (psutil's
/// "no such process": the kernel answers with no record).
pub fn parse_one(buf: &[u8]) -> Result<Option<KinfoProc>> {
    Ok(parse_all(buf)?.into_iter().next())
}

/// `SIDL`: being created.
pub const SIDL: u8 = 1;
/// `SRUN`: running or runnable.
pub const SRUN: u8 = 2;
/// `SSLEEP`: sleeping on an address.
pub const SSLEEP: u8 = 3;
/// `SSTOP`: stopped.
pub const SSTOP: u8 = 4;
/// `SZOMB`: exited, not yet waited for.
pub const SZOMB: u8 = 5;
/// `SWAIT`: waiting for an interrupt.
pub const SWAIT: u8 = 6;
/// `SLOCK`: blocked on a lock.
pub const SLOCK: u8 = 7;

/// psutil's status for a `ki_stat` value (`PROC_STATUSES` of `_psbsd.py`); unknown
/// codes are `?`.
pub fn status(stat: u8) -> Status {
    match stat {
        SIDL => Status::Idle,
        SRUN => Status::Running,
        SSLEEP => Status::Sleeping,
        SSTOP => Status::Stopped,
        SZOMB => Status::Zombie,
        SWAIT => Status::Waiting,
        SLOCK => Status::Locked,
        _ => Status::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record laid out as `<sys/user.h>` defines it.
    pub(crate) fn sample(pid: i32, comm: &[u8]) -> Vec<u8> {
        let mut b = vec![0u8; KINFO_PROC_SIZE];
        let mut put = |at: usize, v: &[u8]| b[at..at + v.len()].copy_from_slice(v);
        put(KI_STRUCTSIZE, &(KINFO_PROC_SIZE as i32).to_le_bytes());
        put(KI_PID, &pid.to_le_bytes());
        put(KI_PPID, &1i32.to_le_bytes());
        put(KI_RUID, &1001u32.to_le_bytes());
        put(KI_UID, &0u32.to_le_bytes());
        put(KI_SVUID, &1002u32.to_le_bytes());
        put(KI_RGID, &20u32.to_le_bytes());
        put(KI_GROUPS, &21u32.to_le_bytes());
        put(KI_SVGID, &22u32.to_le_bytes());
        put(KI_SIZE, &(1u64 << 30).to_le_bytes());
        put(KI_RSSIZE, &100i64.to_le_bytes());
        put(KI_START, &1_700_000_000i64.to_le_bytes());
        put(KI_START + 8, &250_000i64.to_le_bytes());
        put(KI_STAT, &[SRUN]);
        put(KI_NICE, &[(-5i8) as u8]);
        put(KI_COMM, comm);
        put(KI_TDEV, &u64::MAX.to_le_bytes());
        put(KI_ONCPU, &3i32.to_le_bytes());
        put(KI_LASTCPU, &1i32.to_le_bytes());
        put(KI_NUMTHREADS, &4i32.to_le_bytes());
        put(KI_RUSAGE + RU_UTIME, &2i64.to_le_bytes());
        put(KI_RUSAGE + RU_UTIME + 8, &500_000i64.to_le_bytes());
        put(KI_RUSAGE + RU_NVCSW, &7i64.to_le_bytes());
        put(KI_RUSAGE + RU_NIVCSW, &9i64.to_le_bytes());
        put(KI_RUSAGE_CH + RU_STIME, &1i64.to_le_bytes());
        b
    }

    #[test]
    fn one_record() {
        let p = parse_one(&sample(42, b"sshd")).unwrap().unwrap();
        assert_eq!((p.pid, p.ppid), (42, 1));
        assert_eq!(p.uids, [1001, 0, 1002]);
        assert_eq!(p.gids, [20, 21, 22]);
        assert_eq!(p.comm, b"sshd");
        assert_eq!(p.nice, -5);
        assert_eq!(p.start, 1_700_000_000.25);
        assert_eq!(p.rusage.utime, 2.5);
        assert_eq!((p.rusage.nvcsw, p.rusage.nivcsw), (7, 9));
        assert_eq!(p.rusage_ch.stime, 1.0);
        assert_eq!(p.tdev, NODEV);
        assert_eq!(p.cpu_num(), 3);
        assert_eq!(status(p.stat), Status::Running);
        assert_eq!(p.numthreads, 4);
    }

    #[test]
    fn many_empty_truncated_and_foreign() {
        let mut two = sample(1, b"init");
        two.extend(sample(2, b"a-name-of-nineteen-c"));
        let all = parse_all(&two).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].comm.len(), KI_COMM_LEN);
        assert_eq!(parse_one(&[]).unwrap(), None);
        assert!(parse_all(&two[..KINFO_PROC_SIZE + 10]).is_err());
        let mut other = sample(1, b"x");
        other[0] = 0x10;
        assert!(parse_all(&other).is_err());
        assert!(parse_all(&[1, 2]).is_err());
    }

    #[test]
    fn statuses() {
        assert_eq!(status(SLOCK), Status::Locked);
        assert_eq!(status(SWAIT), Status::Waiting);
        assert_eq!(status(SZOMB), Status::Zombie);
        assert_eq!(status(99), Status::Unknown);
    }
}
