//! The kernel's CPU list format (`bitmap_parselist`, printed with `%*pbl`): CPU numbers
//! and inclusive ranges separated by commas, such as `0-3,6,8-9`. Files in it:
//! `/sys/devices/system/cpu/{online,offline,possible,present}`, the `Cpus_allowed_list`
//! and `Mems_allowed_list` lines of `/proc/<pid>/status`, and
//! `/sys/devices/system/cpu/cpu<N>/topology/*_list`.

use super::fields::{parse_u64, split_once, trim};
use crate::error::{Error, Result};

/// The name errors carry: the I/O layer replaces it with the path it read, and
/// [`PidStatus::cpus_allowed`](super::pid_status::PidStatus::cpus_allowed) with
/// `status`.
const FILE: &str = "cpu list";

/// The widest range accepted (65 537 CPUs), so that a corrupt range cannot ask for
/// billions of numbers. Linux's `NR_CPUS` is at most 8192.
const MAX_RANGE: u32 = 1 << 16;

/// Parses a CPU list into sorted, deduplicated CPU numbers. Surrounding whitespace
/// (the trailing newline) is ignored, and an empty list is no CPU; a range whose start
/// is above its end, or a word that is not a number, is an [`Error::Parse`].
pub fn parse(data: &[u8]) -> Result<Vec<u32>> {
    let bad = || {
        Error::parse(
            FILE,
            None,
            format!("bad CPU list {:?}", String::from_utf8_lossy(data)),
        )
    };
    let cpu = |w: &[u8]| parse_u64(w).and_then(|v| u32::try_from(v).ok());
    let mut out = Vec::new();
    for part in trim(data).split(|&c| c == b',').filter(|p| !p.is_empty()) {
        match split_once(part, b'-') {
            Some((first, last)) => {
                let (first, last) = (cpu(first).ok_or_else(bad)?, cpu(last).ok_or_else(bad)?);
                if first > last || last - first > MAX_RANGE {
                    return Err(bad());
                }
                out.extend(first..=last);
            }
            None => out.push(cpu(part).ok_or_else(bad)?),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_ranges() {
        assert_eq!(parse(b"0-3,6,8-9\n").unwrap(), [0, 1, 2, 3, 6, 8, 9]);
        assert_eq!(parse(b"1").unwrap(), [1]);
        assert_eq!(parse(b"3,1-2,2").unwrap(), [1, 2, 3]);
        assert!(parse(b"").unwrap().is_empty());
        assert!(parse(b"\n").unwrap().is_empty());
    }

    #[test]
    fn garbage_names_the_list() {
        for bad in [
            &b"3-1"[..],
            b"a",
            b"1-",
            b"-1",
            b"0-99999999",
            b"4294967296",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.to_string().starts_with("cannot parse cpu list"), "{e}");
        }
    }
}
