//! Pressure stall information (PSI, since Linux 4.20): `/proc/pressure/{cpu,memory,io}`,
//! `/proc/pressure/irq` (6.1+), and each v2 cgroup's `cpu.pressure`, `memory.pressure`,
//! `io.pressure`, `irq.pressure`. Lines:
//! `some avg10=0.00 avg60=0.00 avg300=0.00 total=0` and the same with `full` (the CPU
//! file has a `full` line since 5.13; `irq` has only `full`). Averages are percentages
//! of wall time over 10 s, 60 s and 300 s; `total` is the stall time in microseconds.

use super::shown;
use crate::error::{Error, Result};
use crate::parse::fields::{lines, parse_f64, parse_u64, split_once, words};

/// One line of a pressure file.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PressureLine {
    /// The share of the last 10 s some (or all) tasks were stalled, in percent.
    pub avg10: f64,
    /// The same over 60 s.
    pub avg60: f64,
    /// The same over 300 s.
    pub avg300: f64,
    /// The total stall time, in microseconds.
    pub total: u64,
}

/// One pressure file: its `some` and `full` lines.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Pressure {
    /// Some task was stalled (absent from `irq`).
    pub some: Option<PressureLine>,
    /// Every non-idle task was stalled at once (the CPU file since Linux 5.13).
    pub full: Option<PressureLine>,
}

/// Parses a pressure file.
pub fn parse(data: &[u8]) -> Result<Pressure> {
    let mut out = Pressure::default();
    for (n, line) in lines(data) {
        let bad = || Error::parse("pressure", Some(n), format!("bad line {:?}", shown(line)));
        let mut w = words(line);
        let Some(kind) = w.next() else { continue };
        let (mut a10, mut a60, mut a300, mut total) = (None, None, None, None);
        for kv in w {
            let (k, v) = split_once(kv, b'=').ok_or_else(bad)?;
            // a share of time: the kernel prints 0.00 to 100.00
            let avg = || {
                parse_f64(v)
                    .filter(|x| (0.0..=100.0).contains(x))
                    .ok_or_else(bad)
            };
            match k {
                b"avg10" => a10 = Some(avg()?),
                b"avg60" => a60 = Some(avg()?),
                b"avg300" => a300 = Some(avg()?),
                b"total" => total = Some(parse_u64(v).ok_or_else(bad)?),
                _ => {}
            }
        }
        let (Some(avg10), Some(avg60), Some(avg300), Some(total)) = (a10, a60, a300, total) else {
            return Err(bad());
        };
        let pl = Some(PressureLine {
            avg10,
            avg60,
            avg300,
            total,
        });
        match kind {
            b"some" => out.some = pl,
            b"full" => out.full = pl,
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_() {
        let p = parse(
            b"some avg10=13.01 avg60=14.39 avg300=6.93 total=6178688892\n\
              full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
        )
        .unwrap();
        let some = p.some.unwrap();
        assert_eq!(some.avg10, 13.01);
        assert_eq!(some.avg300, 6.93);
        assert_eq!(some.total, 6_178_688_892);
        assert_eq!(p.full.unwrap().total, 0);
        let irq = parse(b"full avg10=0.00 avg60=0.00 avg300=0.00 total=5\n").unwrap();
        assert!(irq.some.is_none());
        assert_eq!(irq.full.unwrap().total, 5);
    }

    #[test]
    fn garbage() {
        for bad in [
            &b"some avg10=1"[..],
            b"half avg10=0 avg60=0 avg300=0 total=0",
            b"some avg10=x avg60=0 avg300=0 total=0",
            b"some avg10=-1 avg60=0 avg300=0 total=0",
            b"some avg10=100.01 avg60=0 avg300=0 total=0",
            b"some avg10",
        ] {
            assert!(parse(bad).unwrap_err().to_string().contains("line 1"));
        }
    }
}
