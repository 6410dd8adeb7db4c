//! The memory and pids parts of the view.

use super::membership::Resolved;
use super::source::controller;
use super::types::{CgroupLimit, CgroupMemory, CgroupPids, CgroupVersion};
use crate::error::Result;
use crate::parse::cgroup::keyed;

/// The memory part of the view.
pub(super) fn memory(members: &[Resolved]) -> Result<CgroupMemory> {
    let Some(ctl) = controller(members, "memory") else {
        return Ok(CgroupMemory::default());
    };
    let stat = ctl.own("memory.stat", keyed::parse)?;
    let get = |k: &str| stat.as_ref().and_then(|s| s.get(k));
    Ok(match ctl.version {
        CgroupVersion::V2 => {
            let events = ctl.own("memory.events", keyed::parse)?;
            CgroupMemory {
                limit: ctl.limit("memory.max")?,
                high: ctl.limit("memory.high")?,
                swap_limit: ctl.limit("memory.swap.max")?,
                current: ctl.value("memory.current")?,
                swap_current: ctl.value("memory.swap.current")?,
                anon: get("anon"),
                file: get("file"),
                kernel: get("kernel"),
                shmem: get("shmem"),
                inactive_file: get("inactive_file"),
                oom: events.as_ref().and_then(|e| e.get("oom")),
                oom_kill: events.as_ref().and_then(|e| e.get("oom_kill")),
            }
        }
        CgroupVersion::V1 => {
            let limit = ctl.limit("memory.limit_in_bytes")?;
            let memsw = ctl.limit("memory.memsw.limit_in_bytes")?;
            let current = ctl.value("memory.usage_in_bytes")?;
            let memsw_usage = ctl.value("memory.memsw.usage_in_bytes")?;
            let oom = ctl.own("memory.oom_control", keyed::parse)?;
            CgroupMemory {
                limit,
                high: None,
                swap_limit: memsw.map(|sw| swap_limit(limit, sw)),
                current,
                swap_current: memsw_usage.zip(current).map(|(sw, m)| sw.saturating_sub(m)),
                anon: get("rss"),
                file: get("cache"),
                kernel: ctl.value("memory.kmem.usage_in_bytes")?,
                shmem: get("shmem"),
                inactive_file: get("total_inactive_file"),
                oom: None,
                oom_kill: oom.and_then(|o| o.get("oom_kill")),
            }
        }
    })
}

/// v1's swap limit: `memsw` bounds memory plus swap, so swap may use what the memory
/// limit leaves of it.
fn swap_limit(mem: Option<CgroupLimit>, memsw: CgroupLimit) -> CgroupLimit {
    match (mem.and_then(|m| m.value()), memsw) {
        (_, CgroupLimit::Unlimited) => CgroupLimit::Unlimited,
        (Some(m), CgroupLimit::Limited(sw)) => CgroupLimit::Limited(sw.saturating_sub(m)),
        (None, sw) => sw,
    }
}

/// The pids part of the view.
pub(super) fn pids(members: &[Resolved]) -> Result<CgroupPids> {
    let Some(ctl) = controller(members, "pids") else {
        return Ok(CgroupPids::default());
    };
    Ok(CgroupPids {
        current: ctl.value("pids.current")?,
        max: ctl.limit("pids.max")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_swap() {
        use CgroupLimit::{Limited as L, Unlimited as U};
        assert_eq!(swap_limit(Some(L(100)), L(150)), L(50));
        assert_eq!(swap_limit(Some(L(100)), U), U);
        assert_eq!(swap_limit(Some(U), L(150)), L(150));
        assert_eq!(swap_limit(None, L(150)), L(150));
        assert_eq!(swap_limit(Some(L(200)), L(150)), L(0));
    }
}
