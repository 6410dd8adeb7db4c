//! Processor buffers: `NtQuerySystemInformation(SystemProcessorPerformanceInformation)`
//! (per-CPU times, psutil's `cpu_times(percpu=True)` and the interrupt count of
//! `cpu_stats()`) and `GetLogicalProcessorInformationEx(RelationAll)` (psutil's
//! `cpu_count(logical=False)`).

use super::filetime::ticks_at;
use crate::error::{Error, Result};
use crate::parse::bytes::{u16_at, u32_at, u64_at};

/// Size of `SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION` (five `LARGE_INTEGER`s, a `ULONG`,
/// padding).
pub const PROCESSOR_PERFORMANCE_LEN: usize = 48;

/// One CPU's `SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION`, in 100-ns ticks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProcessorTimes {
    /// `IdleTime`.
    pub idle: u64,
    /// `KernelTime`: includes the idle time (psutil's `system` is kernel − idle).
    pub kernel: u64,
    /// `UserTime`.
    pub user: u64,
    /// `DpcTime` (psutil's `dpc`).
    pub dpc: u64,
    /// `InterruptTime` (psutil's `interrupt`).
    pub interrupt: u64,
    /// `InterruptCount`.
    pub interrupt_count: u32,
}

impl ProcessorTimes {
    /// psutil's `system`: kernel time without the idle time (0 if a counter wrapped).
    pub fn system(&self) -> u64 {
        self.kernel.saturating_sub(self.idle)
    }
}

/// Decodes the array of per-CPU records (`ReturnLength` bytes of them: a trailing
/// partial record is an error).
pub fn parse_processor_performance(buf: &[u8]) -> Result<Vec<ProcessorTimes>> {
    if !buf.len().is_multiple_of(PROCESSOR_PERFORMANCE_LEN) {
        return Err(Error::parse(
            "SystemProcessorPerformanceInformation",
            None,
            "not a whole number of records",
        ));
    }
    buf.chunks_exact(PROCESSOR_PERFORMANCE_LEN)
        .map(|r| {
            Some(ProcessorTimes {
                idle: ticks_at(r, 0)?,
                kernel: ticks_at(r, 8)?,
                user: ticks_at(r, 16)?,
                dpc: ticks_at(r, 24)?,
                interrupt: ticks_at(r, 32)?,
                interrupt_count: u32_at(r, 40)?,
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| Error::parse("SystemProcessorPerformanceInformation", None, "short"))
}

/// `RelationProcessorCore`.
pub const RELATION_PROCESSOR_CORE: u32 = 0;
/// `RelationNumaNode`.
pub const RELATION_NUMA_NODE: u32 = 1;
/// `RelationCache`.
pub const RELATION_CACHE: u32 = 2;
/// `RelationProcessorPackage`.
pub const RELATION_PROCESSOR_PACKAGE: u32 = 3;
/// `RelationGroup`.
pub const RELATION_GROUP: u32 = 4;

/// What a `GetLogicalProcessorInformationEx(RelationAll)` buffer counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProcessorTopology {
    /// `RelationProcessorCore` records: physical cores.
    pub cores: u32,
    /// Logical processors: the bits set in the cores' group masks.
    pub logical: u32,
    /// `RelationProcessorPackage` records: sockets.
    pub packages: u32,
    /// `RelationNumaNode` records.
    pub numa_nodes: u32,
    /// `RelationCache` records.
    pub caches: u32,
    /// `RelationGroup` records (one, listing every group).
    pub groups: u32,
}

/// Walks the variable-size `SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX` records
/// (`Relationship` at 0, `Size` at 4). For a core, `PROCESSOR_RELATIONSHIP.GroupCount`
/// is at 30 and its `GROUP_AFFINITY` masks (16 bytes each, `Mask` first) start at 32.
/// A record whose `Size` is below 8 or runs past the buffer is an error.
pub fn parse_logical_processor_information(buf: &[u8]) -> Result<ProcessorTopology> {
    let err = |what: &str| Error::parse("GetLogicalProcessorInformationEx", None, what);
    let mut t = ProcessorTopology::default();
    let mut at = 0usize;
    while at < buf.len() {
        let rel = u32_at(buf, at).ok_or_else(|| err("truncated record"))?;
        let size = u32_at(buf, at + 4).ok_or_else(|| err("truncated record"))?;
        let size = usize::try_from(size).map_err(|_| err("bad Size"))?;
        if size < 8 {
            return Err(err("record Size below its header"));
        }
        let rec = at
            .checked_add(size)
            .and_then(|end| buf.get(at..end))
            .ok_or_else(|| err("record past the end of the buffer"))?;
        match rel {
            RELATION_PROCESSOR_CORE => {
                t.cores += 1;
                let groups = u16_at(rec, 30).ok_or_else(|| err("short core record"))?;
                for g in 0..usize::from(groups) {
                    let mask = u64_at(rec, 32 + 16 * g).ok_or_else(|| err("short core record"))?;
                    t.logical += mask.count_ones();
                }
            }
            RELATION_NUMA_NODE => t.numa_nodes += 1,
            RELATION_CACHE => t.caches += 1,
            RELATION_PROCESSOR_PACKAGE => t.packages += 1,
            RELATION_GROUP => t.groups += 1,
            _ => {}
        }
        at += size;
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_cpu_times() {
        let mut buf = Vec::new();
        for cpu in 0..2u64 {
            for v in [100 + cpu, 300 + cpu, 50, 2, 3] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            buf.extend_from_slice(&(7 + cpu as u32).to_le_bytes());
            buf.extend_from_slice(&[0; 4]);
        }
        let t = parse_processor_performance(&buf).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!((t[1].idle, t[1].kernel, t[1].user), (101, 301, 50));
        assert_eq!((t[1].dpc, t[1].interrupt, t[1].interrupt_count), (2, 3, 8));
        assert_eq!(t[0].system(), 200);
        assert!(parse_processor_performance(&buf[..47]).is_err());
        assert!(parse_processor_performance(&[]).unwrap().is_empty());
    }

    fn record(rel: u32, body: &[u8]) -> Vec<u8> {
        let mut r = rel.to_le_bytes().to_vec();
        r.extend_from_slice(&((8 + body.len()) as u32).to_le_bytes());
        r.extend_from_slice(body);
        r
    }

    fn core(masks: &[u64]) -> Vec<u8> {
        let mut body = vec![0u8; 24];
        body[22..24].copy_from_slice(&(masks.len() as u16).to_le_bytes());
        for m in masks {
            body.extend_from_slice(&m.to_le_bytes());
            body.extend_from_slice(&[0; 8]);
        }
        record(RELATION_PROCESSOR_CORE, &body)
    }

    #[test]
    fn topology() {
        let mut buf = Vec::new();
        buf.extend(core(&[0b11]));
        buf.extend(core(&[0b1100]));
        buf.extend(record(RELATION_CACHE, &[0; 24]));
        buf.extend(record(RELATION_NUMA_NODE, &[0; 24]));
        buf.extend(record(RELATION_PROCESSOR_PACKAGE, &core(&[0b1111])[8..]));
        buf.extend(record(RELATION_GROUP, &[0; 72]));
        buf.extend(record(7, &[]));
        let t = parse_logical_processor_information(&buf).unwrap();
        assert_eq!(
            t,
            ProcessorTopology {
                cores: 2,
                logical: 4,
                packages: 1,
                numa_nodes: 1,
                caches: 1,
                groups: 1
            }
        );
        for n in 0..buf.len() {
            let _ = parse_logical_processor_information(&buf[..n]);
        }
        assert!(parse_logical_processor_information(&buf[..buf.len() - 1]).is_err());
        assert!(
            parse_logical_processor_information(&record(0, &[])).is_err(),
            "short core"
        );
        let mut zero = record(2, &[]);
        zero[4..8].copy_from_slice(&0u32.to_le_bytes());
        assert!(parse_logical_processor_information(&zero).is_err());
        assert_eq!(
            parse_logical_processor_information(&[]).unwrap(),
            ProcessorTopology::default()
        );
    }
}
