//! Generic netlink replies of the `TASKSTATS` family (see the kernel's
//! Documentation/accounting/taskstats.rst and `<linux/taskstats.h>`): the controller's
//! `CTRL_CMD_GETFAMILY` answer (the family id) and `TASKSTATS_CMD_GET`'s per-process
//! statistics, of which the delay-accounting counters are read. Input is the payload
//! after the 16-byte `nlmsghdr`: a 4-byte `genlmsghdr`, then netlink attributes.

use crate::error::{Error, Result};

const FILE: &str = "taskstats";

/// `GENL_ID_CTRL`: the family id of the generic netlink controller.
pub(crate) const GENL_ID_CTRL: u16 = 0x10;
/// The controller's `CTRL_CMD_GETFAMILY` request and its attributes
/// `CTRL_ATTR_FAMILY_ID` (in the reply) and `CTRL_ATTR_FAMILY_NAME` (in the request).
pub(crate) const CTRL_CMD_GETFAMILY: u8 = 3;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
pub(crate) const CTRL_ATTR_FAMILY_NAME: u16 = 2;
/// `TASKSTATS_CMD_GET` and its attribute `TASKSTATS_CMD_ATTR_TGID` (a process id).
pub(crate) const TASKSTATS_CMD_GET: u8 = 1;
pub(crate) const TASKSTATS_CMD_ATTR_TGID: u16 = 2;
/// `TASKSTATS_TYPE_STATS`: the `struct taskstats`.
const TYPE_STATS: u16 = 3;
/// `TASKSTATS_TYPE_AGGR_PID` / `TASKSTATS_TYPE_AGGR_TGID`: nested pid + stats.
const TYPE_AGGR_PID: u16 = 4;
const TYPE_AGGR_TGID: u16 = 5;
/// `nla_type` bits that are flags (`NLA_F_NESTED`, `NLA_F_NET_BYTEORDER`).
const NLA_TYPE_MASK: u16 = 0x3fff;
/// `sizeof(struct genlmsghdr)`, and of `struct nlattr`.
const GENL_HDRLEN: usize = 4;
const NLA_HDRLEN: usize = 4;

/// The delay-accounting counters of `struct taskstats` (version 1 and later). Delays
/// are in nanoseconds; they only grow while delay accounting is on
/// (`/proc/sys/kernel/task_delayacct`, since Linux 5.14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TaskDelays {
    /// `cpu_count`: times the task waited for a CPU.
    pub cpu_count: u64,
    /// `cpu_delay_total`: time waiting for a CPU.
    pub cpu_delay_total: u64,
    /// `blkio_count`: synchronous block I/O waits.
    pub blkio_count: u64,
    /// `blkio_delay_total`: time waiting for block I/O.
    pub blkio_delay_total: u64,
    /// `swapin_count`: page-ins from swap waited for.
    pub swapin_count: u64,
    /// `swapin_delay_total`: time waiting for swap-in.
    pub swapin_delay_total: u64,
}

/// One netlink attribute (`struct nlattr`: length, type, then `value`), padded to 4
/// bytes: what [`attrs`] reads back.
pub(crate) fn attribute(ty: u16, value: &[u8]) -> Result<Vec<u8>> {
    let len = u16::try_from(NLA_HDRLEN + value.len())
        .map_err(|_| Error::invalid("netlink attribute too long"))?;
    let mut a = len.to_ne_bytes().to_vec();
    a.extend_from_slice(&ty.to_ne_bytes());
    a.extend_from_slice(value);
    a.resize(a.len().next_multiple_of(4), 0);
    Ok(a)
}

/// The `(type, payload)` netlink attributes in `data`; stops at a malformed one.
fn attrs(data: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let len = usize::from(u16::from_ne_bytes(data.get(at..at + 2)?.try_into().ok()?));
        let ty = u16::from_ne_bytes(data.get(at + 2..at + 4)?.try_into().ok()?);
        let payload = data.get(at + NLA_HDRLEN..at.checked_add(len)?)?;
        if len < NLA_HDRLEN {
            return None;
        }
        at += (len + 3) & !3;
        Some((ty & NLA_TYPE_MASK, payload))
    })
}

fn body(payload: &[u8]) -> Result<&[u8]> {
    payload
        .get(GENL_HDRLEN..)
        .ok_or_else(|| Error::parse(FILE, None, "reply shorter than genlmsghdr"))
}

/// The family id in a `CTRL_CMD_GETFAMILY` reply.
pub fn family_id(payload: &[u8]) -> Result<u16> {
    attrs(body(payload)?)
        .find(|(t, _)| *t == CTRL_ATTR_FAMILY_ID)
        .and_then(|(_, v)| Some(u16::from_ne_bytes(v.get(..2)?.try_into().ok()?)))
        .ok_or_else(|| Error::parse(FILE, None, "no CTRL_ATTR_FAMILY_ID"))
}

/// The delay counters in a `TASKSTATS_CMD_GET` reply (per pid or per thread group).
pub fn delays(payload: &[u8]) -> Result<TaskDelays> {
    let stats = attrs(body(payload)?)
        .filter(|(t, _)| *t == TYPE_AGGR_PID || *t == TYPE_AGGR_TGID)
        .flat_map(|(_, nested)| attrs(nested))
        .find(|(t, _)| *t == TYPE_STATS)
        .map(|(_, v)| v)
        .ok_or_else(|| Error::parse(FILE, None, "no TASKSTATS_TYPE_STATS"))?;
    // struct taskstats: u16 version, u32 ac_exitcode, u8 ac_flag, u8 ac_nice, then the
    // 8-byte aligned u64 counters from offset 16.
    let u = |i: usize| -> Result<u64> {
        let at = 16 + 8 * i;
        stats
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_ne_bytes)
            .ok_or_else(|| Error::parse(FILE, None, "struct taskstats too short"))
    };
    Ok(TaskDelays {
        cpu_count: u(0)?,
        cpu_delay_total: u(1)?,
        blkio_count: u(2)?,
        blkio_delay_total: u(3)?,
        swapin_count: u(4)?,
        swapin_delay_total: u(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(t: u16, v: &[u8]) -> Vec<u8> {
        attribute(t, v).unwrap()
    }

    fn stats(vals: [u64; 6]) -> Vec<u8> {
        let mut s = vec![0u8; 16];
        s[..2].copy_from_slice(&16u16.to_ne_bytes());
        for v in vals {
            s.extend_from_slice(&v.to_ne_bytes());
        }
        s.extend_from_slice(&[0u8; 300]); // the rest of struct taskstats
        s
    }

    #[test]
    fn family_and_delays() {
        let mut p = vec![1, 2, 0, 0];
        p.extend(attr(2, b"TASKSTATS\0"));
        p.extend(attr(1, &31u16.to_ne_bytes()));
        assert_eq!(family_id(&p).unwrap(), 31);
        let mut nested = attr(1, &42u32.to_ne_bytes());
        nested.extend(attr(TYPE_STATS, &stats([1, 2, 3, 4, 5, 6])));
        let mut p = vec![2, 1, 0, 0];
        p.extend(attr(TYPE_AGGR_TGID | 0x8000, &nested));
        assert_eq!(
            delays(&p).unwrap(),
            TaskDelays {
                cpu_count: 1,
                cpu_delay_total: 2,
                blkio_count: 3,
                blkio_delay_total: 4,
                swapin_count: 5,
                swapin_delay_total: 6,
            }
        );
    }

    #[test]
    fn garbage() {
        assert!(family_id(b"").is_err());
        assert!(family_id(&[1, 2, 0, 0]).is_err());
        assert!(delays(&[0, 0, 0, 0, 255, 255, 4, 0]).is_err());
        // stats too short
        let mut nested = attr(TYPE_STATS, &[0u8; 20]);
        nested.extend(attr(9, b""));
        let mut p = vec![0, 0, 0, 0];
        p.extend(attr(TYPE_AGGR_PID, &nested));
        assert!(delays(&p).is_err());
        // attribute length running past the end, or below 4
        assert!(delays(&[0, 0, 0, 0, 200, 0, 4, 0, 1, 2]).is_err());
        assert!(delays(&[0, 0, 0, 0, 2, 0, 4, 0]).is_err());
    }
}
