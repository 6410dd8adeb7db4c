//! `kern.cp_time` and `kern.cp_times`: `long[CPUSTATES]` tick counters, one group of
//! five per CPU (`<sys/resource.h>`: `CP_USER`, `CP_NICE`, `CP_SYS`, `CP_INTR`,
//! `CP_IDLE`).

use crate::error::{Error, Result};

use crate::parse::bytes::i64_at;

/// `CPUSTATES`: counters per CPU.
pub const CPUSTATES: usize = 5;
/// `CP_USER`.
pub const CP_USER: usize = 0;
/// `CP_NICE`.
pub const CP_NICE: usize = 1;
/// `CP_SYS`.
pub const CP_SYS: usize = 2;
/// `CP_INTR`.
pub const CP_INTR: usize = 3;
/// `CP_IDLE`.
pub const CP_IDLE: usize = 4;

/// One CPU's counters in psutil's order (user, nice, system, idle, irq), in ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CpTime {
    /// `CP_USER`.
    pub user: u64,
    /// `CP_NICE`.
    pub nice: u64,
    /// `CP_SYS`.
    pub system: u64,
    /// `CP_IDLE`.
    pub idle: u64,
    /// `CP_INTR`.
    pub irq: u64,
}

/// Every CPU's counters of a `kern.cp_times` buffer (one group for `kern.cp_time`).
/// The length must be a non-zero multiple of `CPUSTATES` longs; negative counters read
/// as 0.
pub fn parse(buf: &[u8]) -> Result<Vec<CpTime>> {
    const GROUP: usize = CPUSTATES * 8;
    if buf.is_empty() || !buf.len().is_multiple_of(GROUP) {
        return Err(Error::parse(
            "kern.cp_times",
            None,
            format!("{} bytes, not a multiple of {GROUP}", buf.len()),
        ));
    }
    Ok(buf
        .chunks_exact(GROUP)
        .map(|g| {
            let at = |i: usize| u64::try_from(i64_at(g, i * 8).unwrap_or(0)).unwrap_or(0);
            CpTime {
                user: at(CP_USER),
                nice: at(CP_NICE),
                system: at(CP_SYS),
                idle: at(CP_IDLE),
                irq: at(CP_INTR),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_cpus() {
        let vals: [i64; 10] = [1, 2, 3, 4, 5, 10, 20, 30, 40, 50];
        let buf: Vec<u8> = vals.iter().flat_map(|v| v.to_le_bytes()).collect();
        let t = parse(&buf).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[0],
            CpTime {
                user: 1,
                nice: 2,
                system: 3,
                idle: 5,
                irq: 4
            }
        );
        assert_eq!(t[1].idle, 50);
        assert!(parse(&buf[..39]).is_err());
        assert!(parse(&[]).is_err());
    }
}
