//! `struct kinfo_proc` of `<sys/sysctl.h>` (an `extern_proc` of `<sys/proc.h>` followed
//! by an `eproc`), as `sysctl(CTL_KERN, KERN_PROC, KERN_PROC_PID | KERN_PROC_ALL)`
//! returns it on 64-bit macOS: psutil's source for name, ppid, uids, gids, terminal,
//! create time and status. Offsets are those of the LP64 layout (x86_64 and arm64
//! alike), 648 bytes per record.

use crate::error::{Error, Result};
use crate::parse::bytes::{cstr_at, i32_at, i64_at, u32_at, u8_at};
use crate::process::Status;

/// `sizeof(struct kinfo_proc)` on LP64 macOS.
pub const KINFO_PROC_LEN: usize = 648;

/// `kp_proc.p_un.__p_starttime.tv_sec` (`struct timeval`, first member of the union).
const P_STARTTIME_SEC: usize = 0;
/// `kp_proc.p_un.__p_starttime.tv_usec` (`__int32_t`).
const P_STARTTIME_USEC: usize = 8;
/// `kp_proc.p_flag` (`int`).
const P_FLAG: usize = 32;
/// `kp_proc.p_stat` (`char`).
const P_STAT: usize = 36;
/// `kp_proc.p_pid` (`pid_t`).
const P_PID: usize = 40;
/// `kp_proc.p_comm` (`char[MAXCOMLEN + 1]`).
const P_COMM: usize = 243;
/// `MAXCOMLEN + 1` of `<sys/param.h>`.
const P_COMM_LEN: usize = 17;
/// `sizeof(struct extern_proc)`: where `kp_eproc` starts.
const EPROC: usize = 296;
/// `kp_eproc.e_pcred.p_ruid` (`_pcred`: `pc_lock[72]`, `pc_ucred`, then the ids).
const P_RUID: usize = EPROC + 16 + 80;
/// `kp_eproc.e_pcred.p_svuid`.
const P_SVUID: usize = EPROC + 16 + 84;
/// `kp_eproc.e_pcred.p_rgid`.
const P_RGID: usize = EPROC + 16 + 88;
/// `kp_eproc.e_pcred.p_svgid`.
const P_SVGID: usize = EPROC + 16 + 92;
/// `kp_eproc.e_ucred.cr_uid` (`_ucred`: `cr_ref`, `cr_uid`, `cr_ngroups`, `cr_groups`).
const CR_UID: usize = EPROC + 120 + 4;
/// `kp_eproc.e_ucred.cr_groups[0]`.
const CR_GROUPS0: usize = EPROC + 120 + 12;
/// `kp_eproc.e_ppid`.
const E_PPID: usize = EPROC + 264;
/// `kp_eproc.e_tdev` (`dev_t`, 32-bit on macOS).
const E_TDEV: usize = EPROC + 276;
/// `kp_eproc.e_flag`.
const E_FLAG: usize = EPROC + 316;

/// `p_stat` values of `<sys/proc.h>`.
const SIDL: u8 = 1;
/// Running.
const SRUN: u8 = 2;
/// Sleeping on an address.
const SSLEEP: u8 = 3;
/// Stopped (debugging or suspension).
const SSTOP: u8 = 4;
/// Awaiting collection by the parent.
const SZOMB: u8 = 5;
/// `p_flag` bits psutil reports as idle: `P_SYSTEM` (a system process), `P_WEXIT`
/// (exiting), `P_PPWAIT` (the parent waits for an exec or exit).
const P_SYSTEM: i32 = 0x0000_0200;
/// See [`P_SYSTEM`].
const P_WEXIT: i32 = 0x0000_2000;
/// See [`P_SYSTEM`].
const P_PPWAIT: i32 = 0x0000_0010;
/// `e_flag` bit of a session leader (`EPROC_SLEADER`).
const EPROC_SLEADER: i32 = 0x2;

/// `NODEV`: no controlling terminal.
pub const NODEV: i32 = -1;

/// The fields psutil reads from one `kinfo_proc`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct KinfoProc {
    /// `p_pid`.
    pub pid: i32,
    /// `e_ppid`.
    pub ppid: i32,
    /// `p_comm`: the command name, at most 16 bytes.
    pub comm: Vec<u8>,
    /// `p_starttime.tv_sec`.
    pub start_sec: i64,
    /// `p_starttime.tv_usec`.
    pub start_usec: i32,
    /// `p_flag`.
    pub flag: i32,
    /// `p_stat`.
    pub stat: u8,
    /// `e_pcred.p_ruid`: real uid.
    pub ruid: u32,
    /// `e_ucred.cr_uid`: effective uid.
    pub euid: u32,
    /// `e_pcred.p_svuid`: saved uid.
    pub svuid: u32,
    /// `e_pcred.p_rgid`: real gid.
    pub rgid: u32,
    /// `e_ucred.cr_groups[0]`: effective gid.
    pub egid: u32,
    /// `e_pcred.p_svgid`: saved gid.
    pub svgid: u32,
    /// `e_tdev`: the controlling terminal's device, [`NODEV`] for none.
    pub tdev: i32,
    /// `e_flag`.
    pub eflag: i32,
}

impl KinfoProc {
    /// The start time in microseconds since the epoch (the process's identity stamp);
    /// 0 for a time before the epoch.
    pub fn start_micros(&self) -> u64 {
        let secs = u64::try_from(self.start_sec).unwrap_or(0);
        let usecs = u64::try_from(self.start_usec).unwrap_or(0);
        secs.saturating_mul(1_000_000).saturating_add(usecs)
    }

    /// The start time in seconds since the epoch, psutil's `create_time()`.
    pub fn start_secs(&self) -> f64 {
        self.start_sec as f64 + f64::from(self.start_usec) / 1e6
    }

    /// psutil's status for macOS: zombie and stopped first, then idle for system,
    /// exiting and vfork-waiting processes, sleeping for session leaders, else
    /// `p_stat` (`SIDL` idle, `SRUN` running, `SSLEEP` sleeping); "?" otherwise.
    pub fn status(&self) -> Status {
        match self.stat {
            SZOMB => return Status::Zombie,
            SSTOP => return Status::Stopped,
            _ => {}
        }
        if self.flag & (P_SYSTEM | P_WEXIT | P_PPWAIT) != 0 {
            return Status::Idle;
        }
        if self.eflag & EPROC_SLEADER != 0 {
            return Status::Sleeping;
        }
        match self.stat {
            SIDL => Status::Idle,
            SRUN => Status::Running,
            SSLEEP => Status::Sleeping,
            _ => Status::Unknown,
        }
    }

    /// Whether `p_stat` is `SZOMB`.
    pub fn is_zombie(&self) -> bool {
        self.stat == SZOMB
    }
}

fn short(what: &str) -> Error {
    Error::parse("kinfo_proc", None, format!("record too short for {what}"))
}

/// One `kinfo_proc` record (the first [`KINFO_PROC_LEN`] bytes of `b`); a buffer
/// shorter than a record is an error (`sysctl` returning 0 bytes means no such pid,
/// which the caller checks first).
pub fn parse(b: &[u8]) -> Result<KinfoProc> {
    if b.len() < KINFO_PROC_LEN {
        return Err(short("a kinfo_proc"));
    }
    let i = |at: usize, what: &str| i32_at(b, at).ok_or_else(|| short(what));
    let u = |at: usize, what: &str| u32_at(b, at).ok_or_else(|| short(what));
    Ok(KinfoProc {
        pid: i(P_PID, "p_pid")?,
        ppid: i(E_PPID, "e_ppid")?,
        comm: cstr_at(b, P_COMM, P_COMM_LEN)
            .ok_or_else(|| short("p_comm"))?
            .to_vec(),
        start_sec: i64_at(b, P_STARTTIME_SEC).ok_or_else(|| short("p_starttime"))?,
        start_usec: i(P_STARTTIME_USEC, "p_starttime")?,
        flag: i(P_FLAG, "p_flag")?,
        stat: u8_at(b, P_STAT).ok_or_else(|| short("p_stat"))?,
        ruid: u(P_RUID, "p_ruid")?,
        euid: u(CR_UID, "cr_uid")?,
        svuid: u(P_SVUID, "p_svuid")?,
        rgid: u(P_RGID, "p_rgid")?,
        egid: u(CR_GROUPS0, "cr_groups")?,
        svgid: u(P_SVGID, "p_svgid")?,
        tdev: i(E_TDEV, "e_tdev")?,
        eflag: i(E_FLAG, "e_flag")?,
    })
}

/// Every record of a `KERN_PROC_ALL` buffer (an array of `kinfo_proc`); a trailing
/// partial record is ignored.
pub fn parse_all(b: &[u8]) -> Result<Vec<KinfoProc>> {
    b.chunks_exact(KINFO_PROC_LEN).map(parse).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A record laid out as `<sys/sysctl.h>` defines it.
    pub(crate) fn record(pid: i32, ppid: i32, comm: &[u8], stat: u8) -> Vec<u8> {
        let mut b = vec![0u8; KINFO_PROC_LEN];
        let mut put = |at: usize, v: &[u8]| b[at..at + v.len()].copy_from_slice(v);
        put(P_STARTTIME_SEC, &1_700_000_000i64.to_le_bytes());
        put(P_STARTTIME_USEC, &250_000i32.to_le_bytes());
        put(P_STAT, &[stat]);
        put(P_PID, &pid.to_le_bytes());
        put(P_COMM, comm);
        put(P_RUID, &501u32.to_le_bytes());
        put(P_SVUID, &502u32.to_le_bytes());
        put(P_RGID, &20u32.to_le_bytes());
        put(P_SVGID, &21u32.to_le_bytes());
        put(CR_UID, &503u32.to_le_bytes());
        put(CR_GROUPS0, &22u32.to_le_bytes());
        put(E_PPID, &ppid.to_le_bytes());
        put(E_TDEV, &NODEV.to_le_bytes());
        b
    }

    #[test]
    fn decodes_the_fields_psutil_reads() {
        let k = parse(&record(42, 1, b"launchd", SRUN)).unwrap();
        assert_eq!((k.pid, k.ppid), (42, 1));
        assert_eq!(k.comm, b"launchd");
        assert_eq!((k.ruid, k.euid, k.svuid), (501, 503, 502));
        assert_eq!((k.rgid, k.egid, k.svgid), (20, 22, 21));
        assert_eq!(k.tdev, NODEV);
        assert_eq!(k.start_micros(), 1_700_000_000_250_000);
        assert_eq!(k.start_secs(), 1_700_000_000.25);
        assert_eq!(k.status(), Status::Running);
    }

    #[test]
    fn status_follows_psutil_order() {
        let mut k = parse(&record(1, 0, b"x", SSLEEP)).unwrap();
        assert_eq!(k.status(), Status::Sleeping);
        k.flag = P_SYSTEM;
        assert_eq!(k.status(), Status::Idle);
        k.stat = SZOMB;
        assert_eq!(k.status(), Status::Zombie);
        k.stat = SSTOP;
        assert_eq!(k.status(), Status::Stopped);
        k.flag = 0;
        k.stat = SRUN;
        k.eflag = EPROC_SLEADER;
        assert_eq!(k.status(), Status::Sleeping);
        k.eflag = 0;
        k.stat = 9;
        assert_eq!(k.status(), Status::Unknown);
    }

    #[test]
    fn full_comm_and_short_buffers() {
        let k = parse(&record(1, 0, b"0123456789abcdefg", SIDL)).unwrap();
        assert_eq!(k.comm, b"0123456789abcdefg");
        assert_eq!(k.status(), Status::Idle);
        assert!(parse(&record(1, 0, b"x", SRUN)[..KINFO_PROC_LEN - 1]).is_err());
        assert!(parse(&[]).is_err());
        let mut two = record(1, 0, b"a", SRUN);
        two.extend(record(2, 1, b"b", SRUN));
        two.extend([0u8; 10]);
        let all = parse_all(&two).unwrap();
        assert_eq!(all.iter().map(|k| k.pid).collect::<Vec<_>>(), [1, 2]);
    }
}
