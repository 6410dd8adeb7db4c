//! The CPU part of the view: `cpu.max`/`cpu.cfs_*`, weight/shares, cpuset and
//! `cpu.stat`/`cpuacct.*`.

use super::membership::Resolved;
use super::source::{controller, Ctl};
use super::types::{CgroupCpu, CgroupVersion, CpuQuota};
use crate::error::Result;
use crate::parse::cgroup::{cpu_max, keyed, limit};
use crate::parse::cpu_list;
use crate::sys;

/// The quota allowing the fewest CPUs among `quotas` (innermost first); the innermost
/// one when none is limited.
fn tightest(quotas: &[CpuQuota]) -> Option<CpuQuota> {
    let limited = quotas
        .iter()
        .filter_map(|q| q.cpus().map(|c| (c, *q)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match limited {
        Some((_, q)) => Some(q),
        None => quotas.first().copied(),
    }
}

/// The v1 quota of one directory: `cpu.cfs_quota_us` and `cpu.cfs_period_us`.
fn v1_quota(dir: &std::path::Path) -> Result<Option<CpuQuota>> {
    let q = super::source::parse_opt(&dir.join("cpu.cfs_quota_us"), limit::parse)?;
    let p = super::source::parse_opt(&dir.join("cpu.cfs_period_us"), limit::parse_value)?;
    Ok(q.zip(p).map(|(q, p)| CpuQuota::new(q, p)))
}

/// The effective quota of the cgroup of `ctl`: the tightest of the chain.
pub(super) fn quota(ctl: &Ctl) -> Result<Option<CpuQuota>> {
    let quotas = match ctl.version {
        CgroupVersion::V2 => match ctl.each("cpu.max", cpu_max::parse)? {
            Some(q) => q,
            None => return Ok(None),
        },
        CgroupVersion::V1 => {
            let mut out = Vec::new();
            for (i, dir) in ctl.chain().iter().enumerate() {
                match v1_quota(dir)? {
                    Some(q) => out.push(q),
                    None if i == 0 => return Ok(None),
                    None => {}
                }
            }
            out
        }
    };
    Ok(tightest(&quotas))
}

/// The effective CPU set: v2 `cpuset.cpus.effective`, v1 `cpuset.effective_cpus` or
/// `cpuset.cpus`.
pub(super) fn cpuset(members: &[Resolved]) -> Result<Option<Vec<u32>>> {
    let Some(ctl) = controller(members, "cpuset") else {
        return Ok(None);
    };
    match ctl.version {
        CgroupVersion::V2 => ctl.own("cpuset.cpus.effective", cpu_list::parse),
        CgroupVersion::V1 => match ctl.own("cpuset.effective_cpus", cpu_list::parse)? {
            Some(v) => Ok(Some(v)),
            None => ctl.own("cpuset.cpus", cpu_list::parse),
        },
    }
}

/// The CPU part of the view.
pub(super) fn cpu(members: &[Resolved]) -> Result<CgroupCpu> {
    let mut out = CgroupCpu {
        cpuset: cpuset(members)?,
        ..CgroupCpu::default()
    };
    if let Some(ctl) = controller(members, "cpu") {
        out.quota = quota(&ctl)?;
        let stat = ctl.own("cpu.stat", keyed::parse)?.unwrap_or_default();
        out.nr_periods = stat.get("nr_periods");
        out.nr_throttled = stat.get("nr_throttled");
        match ctl.version {
            CgroupVersion::V2 => {
                out.weight = ctl.value("cpu.weight")?;
                out.usage_usec = stat.get("usage_usec");
                out.user_usec = stat.get("user_usec");
                out.system_usec = stat.get("system_usec");
                out.throttled_usec = stat.get("throttled_usec");
            }
            CgroupVersion::V1 => {
                out.shares = ctl.value("cpu.shares")?;
                out.throttled_time_ns(stat.get("throttled_time"));
            }
        }
    }
    if let Some(acct) = controller(members, "cpuacct").filter(|c| c.version == CgroupVersion::V1) {
        out.usage_usec = acct.value("cpuacct.usage")?.map(|ns| ns / 1000);
        let stat = acct.own("cpuacct.stat", keyed::parse)?.unwrap_or_default();
        let us = |ticks: u64| {
            let hz = sys::clock_ticks().max(1);
            u64::try_from(u128::from(ticks) * 1_000_000 / u128::from(hz)).unwrap_or(u64::MAX)
        };
        out.user_usec = stat.get("user").map(us);
        out.system_usec = stat.get("system").map(us);
    }
    Ok(out)
}

impl CgroupCpu {
    fn throttled_time_ns(&mut self, ns: Option<u64>) {
        self.throttled_usec = ns.map(|ns| ns / 1000);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cgroup::limit::CgroupLimit;

    #[test]
    fn tightest_ratio_wins() {
        let q = |quota: Option<u64>, period| {
            CpuQuota::new(
                quota.map_or(CgroupLimit::Unlimited, CgroupLimit::Limited),
                period,
            )
        };
        let chain = [
            q(None, 100_000),
            q(Some(150_000), 100_000),
            q(Some(20_000), 10_000),
        ];
        assert_eq!(tightest(&chain), Some(q(Some(150_000), 100_000)));
        assert_eq!(tightest(&chain[..1]), Some(q(None, 100_000)));
        assert_eq!(tightest(&[]), None);
    }
}
