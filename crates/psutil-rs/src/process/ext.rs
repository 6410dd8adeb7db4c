//! Extensions beyond psutil: process attributes the classic tools show (ps's STAT
//! modifiers, top's PR) that psutil has no method for. Not part of the Python package.

use super::handle::Process;
use crate::error::{Pid, Result};

/// Job-control and scheduling fields of `/proc/<pid>/stat` (see proc_pid_stat(5)),
/// returned by [`Process::stat_ext`]. An extension beyond psutil.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProcessStatExt {
    /// Field 5 `pgrp`: the process group id.
    pub pgid: Pid,
    /// Field 6 `session`: the session id (equal to the pid for a session leader).
    pub session: Pid,
    /// Field 8 `tpgid`: the foreground process group of the controlling terminal;
    /// `None` without a controlling terminal. The process is in the foreground when
    /// this equals `pgid`.
    pub tpgid: Option<Pid>,
    /// Field 18 `priority`: the kernel's priority as top's `PR` shows it: 20 + nice for
    /// normal tasks, -1 - `rt_priority` (-2..-100) for real-time ones.
    pub priority: i64,
    /// Field 41 `policy`: the scheduling policy (`SCHED_OTHER` 0, `SCHED_FIFO` 1,
    /// `SCHED_RR` 2, `SCHED_BATCH` 3, `SCHED_IDLE` 5, `SCHED_DEADLINE` 6)
    /// (since Linux 2.5.19).
    pub sched_policy: Option<u32>,
    /// Field 40 `rt_priority`: 1..99 for `SCHED_FIFO`/`SCHED_RR`, else 0
    /// (since Linux 2.5.19).
    pub rt_priority: Option<u32>,
}

impl Process {
    /// Process group, session, terminal foreground group and scheduling fields of
    /// `/proc/<pid>/stat` (fields 5, 6, 8, 18, 40, 41). An extension beyond psutil
    /// (ps's `s` and `+` STAT flags, top's `PR` column).
    pub fn stat_ext(&self) -> Result<ProcessStatExt> {
        let st = self.stat()?;
        Ok(ProcessStatExt {
            pgid: st.pgrp,
            session: st.session,
            tpgid: st.tpgid,
            priority: st.priority,
            sched_policy: st.policy,
            rt_priority: st.rt_priority,
        })
    }

    /// Locked memory (`mlock(2)`) in bytes: the `VmLck` line of `/proc/<pid>/status`
    /// (KiB × 1024); 0 when the line is absent (kernel threads, zombies). An extension
    /// beyond psutil (ps's `L` STAT flag).
    pub fn locked_memory(&self) -> Result<u64> {
        let st = self.read_parse("status", crate::parse::pid_status::parse)?;
        Ok(st.vm_lck.unwrap_or(0).saturating_mul(1024))
    }
}
