//! The `voltage-states*-sram` properties of the `pmgr` entry of Apple Silicon's IO
//! registry: pairs of 32-bit little-endian (frequency in Hz, voltage) words, in rising
//! frequency. psutil's cpu_freq on Apple Silicon: `voltage-states5-sram` lists the
//! performance cores' states, `voltage-states1-sram` the efficiency cores'.

use crate::parse::bytes::u32_at;

/// The frequencies in MHz, in the property's order; a trailing partial pair is
/// ignored, and zero frequencies are dropped.
pub fn frequencies_mhz(b: &[u8]) -> Vec<f64> {
    b.chunks_exact(8)
        .filter_map(|pair| u32_at(pair, 0))
        .filter(|hz| *hz != 0)
        .map(|hz| f64::from(hz) / 1e6)
        .collect()
}

/// psutil's `(current, min, max)` from the performance and efficiency cores' states:
/// min is the smaller of the two lists' first entries, max the performance list's last,
/// current = max (the value is static). `None` when the performance list is empty.
pub fn cpu_freq(p_cores: &[f64], e_cores: &[f64]) -> Option<(f64, f64, f64)> {
    let max = *p_cores.last()?;
    let p_min = *p_cores.first()?;
    let min = e_cores.first().map_or(p_min, |e| e.min(p_min));
    Some((max, min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs() {
        let mut b = Vec::new();
        for (hz, mv) in [(600_000_000u32, 800u32), (3_228_000_000, 1000)] {
            b.extend(hz.to_le_bytes());
            b.extend(mv.to_le_bytes());
        }
        b.push(1);
        let p = frequencies_mhz(&b);
        assert_eq!(p, [600.0, 3228.0]);
        let e = frequencies_mhz(&b[..8]);
        assert_eq!(cpu_freq(&p, &[]), Some((3228.0, 600.0, 3228.0)));
        assert_eq!(cpu_freq(&p, &[e[0] - 100.0]), Some((3228.0, 500.0, 3228.0)));
        assert_eq!(cpu_freq(&[], &e), None);
        assert!(frequencies_mhz(&[1, 2, 3]).is_empty());
    }
}
