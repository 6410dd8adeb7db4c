//! `/proc/cpuinfo`: one block of `key\t: value` lines per logical CPU, blocks separated
//! by blank lines. The keys differ between architectures; these parsers read only the
//! ones psutil uses and match them case-insensitively, as psutil does.

use super::fields::{parse_f64, parse_u64, split_once, trim};
use crate::error::{Error, Result};

const FILE: &str = "cpuinfo";

/// The lines of the file as Python iterates a binary file: split after each `\n`, with
/// no empty piece after a final newline. Numbered from 1.
fn raw_lines(data: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let data = data.strip_suffix(b"\n").unwrap_or(data);
    let pieces = if data.is_empty() { None } else { Some(data) };
    pieces
        .into_iter()
        .flat_map(|d| d.split(|&c| c == b'\n'))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
}

fn starts_with_ci(line: &[u8], prefix: &[u8]) -> bool {
    line.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Counts the lines starting with `processor` (any case): the logical CPUs on x86 and
/// most architectures. 0 on formats without such lines (some ARM and SPARC kernels).
pub fn count_processors(data: &[u8]) -> usize {
    raw_lines(data)
        .filter(|(_, l)| starts_with_ci(l, b"processor"))
        .count()
}

/// The values of the `cpu MHz` lines (any case), in file order: the current frequency
/// of each logical CPU as the kernel last sampled it (x86 only). A value that cannot
/// be a frequency (negative, as the `-1` some kernels and hypervisors print for
/// "unknown", or too large to be finite) is `None`: unknown, not a number to report.
/// A value that is not a number at all is an error.
pub fn mhz(data: &[u8]) -> Result<Vec<Option<f64>>> {
    let mut out = Vec::new();
    for (n, line) in raw_lines(data) {
        if !starts_with_ci(line, b"cpu mhz") {
            continue;
        }
        let v = split_once(line, b':')
            .and_then(|(_, v)| parse_f64(trim(v)))
            .ok_or_else(|| Error::parse(FILE, Some(n), "cpu MHz value is not a number"))?;
        out.push(Some(v).filter(|v| v.is_finite() && *v >= 0.0));
    }
    Ok(out)
}

/// The number of physical cores: the sum of `cpu cores` over the distinct
/// `physical id` values (psutil's fallback when sysfs has no CPU topology).
///
/// A block counts only when it has both lines and is ended by a blank line. The key
/// and value are split at `"\t:"` as psutil does. `Ok(None)` when no block qualifies
/// or the sum is 0.
pub fn physical_cores(data: &[u8]) -> Result<Option<usize>> {
    let mut by_package: Vec<(u64, u64)> = Vec::new();
    let mut phys: Option<u64> = None;
    let mut cores: Option<u64> = None;
    for (n, line) in raw_lines(data) {
        let line = trim(line);
        if line.is_empty() {
            if let (Some(p), Some(c)) = (phys, cores) {
                match by_package.iter_mut().find(|(id, _)| *id == p) {
                    Some(slot) => slot.1 = c,
                    None => by_package.push((p, c)),
                }
            }
            phys = None;
            cores = None;
            continue;
        }
        let is_phys = starts_with_ci(line, b"physical id");
        if !is_phys && !starts_with_ci(line, b"cpu cores") {
            continue;
        }
        let (key, value) = line
            .windows(2)
            .position(|w| w == b"\t:")
            .and_then(|i| Some((line.get(..i)?, line.get(i + 2..)?)))
            .ok_or_else(|| Error::parse(FILE, Some(n), "expected a \"\\t:\" separator"))?;
        let value = parse_u64(trim(value))
            .ok_or_else(|| Error::parse(FILE, Some(n), "value is not a number"))?;
        if key.eq_ignore_ascii_case(b"physical id") {
            phys = Some(value);
        } else if key.eq_ignore_ascii_case(b"cpu cores") {
            cores = Some(value);
        }
    }
    let sum = by_package
        .iter()
        .try_fold(0u64, |acc, (_, c)| acc.checked_add(*c))
        .ok_or_else(|| Error::parse(FILE, None, "core count overflows"))?;
    Ok(usize::try_from(sum).ok().filter(|s| *s > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const X86: &[u8] = b"processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu MHz\t\t: 2596.122\n\
physical id\t: 0\nsiblings\t: 2\ncore id\t\t: 0\ncpu cores\t: 2\n\n\
processor\t: 1\ncpu MHz\t\t: 1200.5\nphysical id\t: 0\ncore id\t\t: 1\ncpu cores\t: 2\n\n";

    #[test]
    fn x86() {
        assert_eq!(count_processors(X86), 2);
        assert_eq!(mhz(X86).unwrap(), vec![Some(2596.122), Some(1200.5)]);
        assert_eq!(physical_cores(X86).unwrap(), Some(2));
    }

    #[test]
    fn two_sockets() {
        let s = b"physical id\t: 0\ncpu cores\t: 4\n\nphysical id\t: 1\ncpu cores\t: 4\n\n\
physical id\t: 1\ncpu cores\t: 4\n\n";
        assert_eq!(physical_cores(s).unwrap(), Some(8));
    }

    #[test]
    fn last_block_needs_a_blank_line() {
        // psutil only records a block when it sees the blank line that ends it.
        let s = b"physical id\t: 0\ncpu cores\t: 4\n";
        assert_eq!(physical_cores(s).unwrap(), None);
        let s = b"physical id\t: 0\ncpu cores\t: 4\n\n";
        assert_eq!(physical_cores(s).unwrap(), Some(4));
    }

    #[test]
    fn arm_without_the_lines() {
        // arm64: "processor : 0" (space before colon), no MHz, no physical id.
        let s = b"processor\t: 0\nBogoMIPS\t: 48.00\nFeatures\t: fp asimd\n\nprocessor\t: 1\n\n";
        assert_eq!(count_processors(s), 2);
        assert_eq!(mhz(s).unwrap(), Vec::<Option<f64>>::new());
        assert_eq!(physical_cores(s).unwrap(), None);
    }

    #[test]
    fn garbage_and_empty() {
        assert_eq!(count_processors(b""), 0);
        assert_eq!(mhz(b"").unwrap(), Vec::<Option<f64>>::new());
        assert_eq!(physical_cores(b"").unwrap(), None);
        assert!(mhz(b"cpu MHz\t\t: fast\n").is_err());
        assert!(mhz(b"cpu MHz\n").is_err());
        // Not a frequency: unknown, keeping its place in the list.
        let big = format!("cpu MHz\t\t: {}\ncpu MHz\t\t: 0\n", "9".repeat(400));
        assert_eq!(
            mhz(b"cpu MHz\t\t: -1\ncpu MHz\t\t: -0.5\ncpu MHz\t\t: 800.0\n").unwrap(),
            vec![None, None, Some(800.0)]
        );
        assert_eq!(mhz(big.as_bytes()).unwrap(), vec![None, Some(0.0)]);
        assert!(physical_cores(b"physical id : 0\n").is_err());
        assert!(physical_cores(b"cpu cores\t: many\n").is_err());
        assert_eq!(count_processors(b"\xff\xfe\nPROCESSOR : 0\n"), 1);
    }
}
