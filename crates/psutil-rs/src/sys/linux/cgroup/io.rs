//! The block I/O part of the view: v2 `io.max`/`io.stat`, v1 `blkio.throttle.*`.

use std::path::Path;

use super::membership::Resolved;
use super::source::{controller, parse_opt, Ctl};
use super::types::{CgroupIo, CgroupLimit, CgroupVersion, IoMax, IoStat};
use crate::error::Result;
use crate::parse::cgroup::{blkio, io_max, io_stat};

/// Merges `more` into `acc`, device by device and field by field (tightest wins).
fn merge(acc: &mut Vec<IoMax>, more: &[IoMax]) {
    for m in more {
        match acc
            .iter_mut()
            .find(|a| (a.major, a.minor) == (m.major, m.minor))
        {
            Some(a) => *a = a.min(m),
            None => acc.push(*m),
        }
    }
}

/// The v1 limits of one directory, as `io.max` lines; `None` when the controller's
/// files are absent.
fn v1_max(dir: &Path) -> Result<Option<Vec<IoMax>>> {
    let mut out: Vec<IoMax> = Vec::new();
    let mut seen = false;
    for (file, field) in [
        ("blkio.throttle.read_bps_device", 0),
        ("blkio.throttle.write_bps_device", 1),
        ("blkio.throttle.read_iops_device", 2),
        ("blkio.throttle.write_iops_device", 3),
    ] {
        let Some(lines) = parse_opt(&dir.join(file), blkio::parse_limits)? else {
            continue;
        };
        seen = true;
        for (major, minor, v) in lines {
            let mut m = IoMax::unlimited(major, minor);
            let slot = match field {
                0 => &mut m.rbps,
                1 => &mut m.wbps,
                2 => &mut m.riops,
                _ => &mut m.wiops,
            };
            *slot = CgroupLimit::from_value(v);
            merge(&mut out, &[m]);
        }
    }
    Ok(seen.then_some(out))
}

fn max(ctl: &Ctl) -> Result<Option<Vec<IoMax>>> {
    let per_dir = match ctl.version {
        CgroupVersion::V2 => match ctl.each("io.max", io_max::parse)? {
            Some(v) => v,
            None => return Ok(None),
        },
        CgroupVersion::V1 => {
            let mut out = Vec::new();
            for (i, dir) in ctl.chain().iter().enumerate() {
                match v1_max(dir)? {
                    Some(v) => out.push(v),
                    None if i == 0 => return Ok(None),
                    None => {}
                }
            }
            out
        }
    };
    let mut acc = Vec::new();
    for v in &per_dir {
        merge(&mut acc, v);
    }
    Ok(Some(acc))
}

/// v1 counters: bytes from `io_service_bytes`, operations from `io_serviced`.
fn v1_stat(ctl: &Ctl) -> Result<Option<Vec<IoStat>>> {
    let bytes = ctl.own("blkio.throttle.io_service_bytes", blkio::parse_ops)?;
    let ios = ctl.own("blkio.throttle.io_serviced", blkio::parse_ops)?;
    if bytes.is_none() && ios.is_none() {
        return Ok(None);
    }
    let mut out: Vec<IoStat> = Vec::new();
    for (ops, is_bytes) in [(bytes, true), (ios, false)] {
        for op in ops.unwrap_or_default() {
            let i = match out
                .iter()
                .position(|s| (s.major, s.minor) == (op.major, op.minor))
            {
                Some(i) => i,
                None => {
                    out.push(IoStat::zero(op.major, op.minor));
                    out.len() - 1
                }
            };
            let Some(s) = out.get_mut(i) else { continue };
            match (op.op.as_str(), is_bytes) {
                ("Read", true) => s.rbytes = op.value,
                ("Write", true) => s.wbytes = op.value,
                ("Discard", true) => s.dbytes = Some(op.value),
                ("Read", false) => s.rios = op.value,
                ("Write", false) => s.wios = op.value,
                ("Discard", false) => s.dios = Some(op.value),
                _ => {}
            }
        }
    }
    Ok(Some(out))
}

/// The I/O part of the view.
pub(super) fn io(members: &[Resolved]) -> Result<CgroupIo> {
    let v1 = controller(members, "blkio").filter(|c| c.version == CgroupVersion::V1);
    let Some(ctl) = v1.or_else(|| controller(members, "io")) else {
        return Ok(CgroupIo::default());
    };
    Ok(CgroupIo {
        max: max(&ctl)?,
        stat: match ctl.version {
            CgroupVersion::V2 => ctl.own("io.stat", io_stat::parse)?,
            CgroupVersion::V1 => v1_stat(&ctl)?,
        },
    })
}
