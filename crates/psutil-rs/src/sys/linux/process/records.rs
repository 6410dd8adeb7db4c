//! Public values from parsed `/proc/<pid>` records: the one place each is assembled,
//! shared by the [`Process`](super::Process) methods and the
//! [`ProcessTable`](super::ProcessTable). No I/O: the clock tick rate and the error
//! paths come from the caller (the page size is `sysconf(_SC_PAGESIZE)`, cached).

use std::path::Path;

use super::types::{CtxSwitches, Gids, MemoryFullInfo, MemoryInfo, ProcessCpuTimes};
use super::types::{ProcessIoCounters, ProcessThread, Status, Uids};
use crate::error::{Error, Result};
use crate::parse::pid_io::PidIo;
use crate::parse::pid_stat::PidStat;
use crate::parse::pid_status::{PidStatus, VmLines};
use crate::sys;

/// Clock ticks (`sysconf(_SC_CLK_TCK)`, `hz` per second) to seconds.
pub(crate) fn seconds(ticks: u64, hz: u64) -> f64 {
    ticks as f64 / hz as f64
}

impl ProcessCpuTimes {
    /// psutil's `cpu_times()` from fields 14-17 and 42 of `/proc/<pid>/stat`, at `hz`
    /// clock ticks per second.
    pub(crate) fn from_stat(st: &PidStat, hz: u64) -> ProcessCpuTimes {
        let hz = hz as f64;
        ProcessCpuTimes {
            user: st.utime as f64 / hz,
            system: st.stime as f64 / hz,
            children_user: st.cutime as f64 / hz,
            children_system: st.cstime as f64 / hz,
            iowait: st.delayacct_blkio_ticks.unwrap_or(0) as f64 / hz,
        }
    }
}

impl ProcessThread {
    /// psutil's `pthread` of thread `id` from its `/proc/<pid>/task/<tid>/stat` (fields
    /// 14 and 15), at `hz` clock ticks per second.
    pub(crate) fn from_stat(id: u32, st: &PidStat, hz: u64) -> ProcessThread {
        ProcessThread {
            id,
            user_time: seconds(st.utime, hz),
            system_time: seconds(st.stime, hz),
        }
    }
}

impl From<PidIo> for ProcessIoCounters {
    /// psutil's `io_counters()` from `/proc/<pid>/io`.
    fn from(io: PidIo) -> ProcessIoCounters {
        ProcessIoCounters {
            read_count: io.syscr,
            write_count: io.syscw,
            read_bytes: io.read_bytes,
            write_bytes: io.write_bytes,
            read_chars: io.rchar,
            write_chars: io.wchar,
        }
    }
}

impl From<[u32; 3]> for Uids {
    /// Real, effective, saved: the first three numbers of the `Uid:` line of `status`.
    fn from([real, effective, saved]: [u32; 3]) -> Uids {
        Uids {
            real,
            effective,
            saved,
        }
    }
}

impl From<[u32; 3]> for Gids {
    /// Real, effective, saved: the first three numbers of the `Gid:` line of `status`.
    fn from([real, effective, saved]: [u32; 3]) -> Gids {
        Gids {
            real,
            effective,
            saved,
        }
    }
}

impl CtxSwitches {
    /// psutil's `num_ctx_switches()` from the `*ctxt_switches` lines of `status`
    /// (since Linux 2.6.23; [`Error::Unsupported`] without them).
    pub(crate) fn from_status(st: &PidStatus) -> Result<CtxSwitches> {
        match (st.voluntary_ctxt_switches, st.nonvoluntary_ctxt_switches) {
            (Some(voluntary), Some(involuntary)) => Ok(CtxSwitches {
                voluntary,
                involuntary,
            }),
            _ => Err(Error::unsupported(
                "ctxt_switches lines of /proc/<pid>/status (Linux < 2.6.23)",
            )),
        }
    }
}

impl MemoryFullInfo {
    /// [`MemoryInfo`] plus `(uss, pss, swap)` from `smaps_rollup` (see
    /// [`pid_smaps::totals`](crate::parse::pid_smaps::totals)).
    pub(crate) fn new(
        memory_info: MemoryInfo,
        (uss, pss, swap): (u64, u64, u64),
    ) -> MemoryFullInfo {
        MemoryFullInfo {
            memory_info,
            uss,
            pss,
            swap,
        }
    }
}

impl MemoryInfo {
    /// psutil's `memory_info()` from the seven page counts of `/proc/<pid>/statm`
    /// (size, resident, shared, text, lib, data, dirty), × `sysconf(_SC_PAGESIZE)`.
    pub(crate) fn from_statm(pages: [u64; 7]) -> MemoryInfo {
        let [size, resident, shared, text, lib, data, dirty] = pages;
        let page = crate::sys::page_size();
        MemoryInfo {
            rss: resident.saturating_mul(page),
            vms: size.saturating_mul(page),
            shared: shared.saturating_mul(page),
            text: text.saturating_mul(page),
            lib: lib.saturating_mul(page),
            data: data.saturating_mul(page),
            dirty: dirty.saturating_mul(page),
        }
    }

    /// `memory_info` from the Vm lines of `status` (KiB) and statm's `text` (bytes, see
    /// [`text_from_code`]): `Some` when the six other lines are there, zeros when none is
    /// (no address space: kernel threads, zombies; `statm` is all zeros then too), `None`
    /// otherwise (an old kernel without `RssFile`: read `statm`).
    pub(crate) fn from_status_vm(vm: &VmLines, text: u64) -> Option<MemoryInfo> {
        let all = [vm.size, vm.rss, vm.rss_file, vm.rss_shmem, vm.data, vm.stk];
        if all.iter().all(Option::is_none) {
            return Some(MemoryInfo {
                rss: 0,
                vms: 0,
                shared: 0,
                text: 0,
                lib: 0,
                data: 0,
                dirty: 0,
            });
        }
        let k = |v: Option<u64>| v.map(|v| v.saturating_mul(1024));
        Some(MemoryInfo {
            rss: k(vm.rss)?,
            vms: k(vm.size)?,
            shared: k(vm.rss_file)?.saturating_add(k(vm.rss_shmem)?),
            text,
            lib: 0,
            data: k(vm.data)?.saturating_add(k(vm.stk)?),
            dirty: 0,
        })
    }
}

/// statm's `text` in bytes from stat's `startcode` and `endcode`, computed as the kernel's
/// task_statm does: `PAGE_ALIGN(end_code) - (start_code & PAGE_MASK)`. `Some(0)` without
/// an address space (both 0), `None` when they are hidden from this reader (both 1),
/// missing or make no sense.
pub(crate) fn text_from_code(start: Option<u64>, end: Option<u64>) -> Option<u64> {
    let (start, end) = (start?, end?);
    match (start, end) {
        (0, 0) => Some(0),
        (1, 1) => None,
        _ => {
            let page = sys::page_size();
            let mask = !page.checked_sub(1)?;
            let aligned_end = end.checked_add(page - 1)? & mask;
            aligned_end.checked_sub(start & mask)
        }
    }
}

/// The stat-only values: what `Process` and the table read from one parsed
/// `/proc/<pid>/stat`.
pub(crate) mod stat {
    use super::*;

    /// psutil's `status()`: the state letter, field 3.
    pub(crate) fn status(st: &PidStat) -> Status {
        Status::from_letter(st.state)
    }

    /// psutil's `cpu_num()`: field 39 (since Linux 2.2.8).
    pub(crate) fn cpu_num(st: &PidStat) -> Result<u32> {
        st.processor
            .and_then(|p| u32::try_from(p).ok())
            .ok_or_else(|| Error::unsupported("field 39 (processor) of /proc/<pid>/stat"))
    }

    /// psutil's `num_threads()`: field 20.
    pub(crate) fn num_threads(st: &PidStat) -> u64 {
        u64::try_from(st.num_threads).unwrap_or(0)
    }

    /// The nice value, field 19.
    pub(crate) fn nice(st: &PidStat) -> Result<i32> {
        i32::try_from(st.nice).map_err(|_| Error::parse("stat", Some(1), "nice out of range"))
    }

    /// psutil's `create_time()`: `starttime` (field 22) at `hz` ticks per second after
    /// `boot_time` (seconds since the epoch).
    pub(crate) fn create_time(starttime: u64, hz: u64, boot_time: f64) -> f64 {
        super::seconds(starttime, hz) + boot_time
    }
}

/// The error of a `status` file without the `what` line (`Uid`, `Gid`) at `path`.
pub(crate) fn missing_status_line(path: &Path, what: &str) -> Error {
    Error::parse(&path.to_string_lossy(), None, format!("no {what} line"))
}
