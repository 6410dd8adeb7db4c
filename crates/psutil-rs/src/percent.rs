//! Rounding and percentages as psutil does them.

use crate::error::{Error, Result};

/// Rounds to `digits` decimals the way Python's `round(x, digits)` does: correctly
/// rounded from the exact binary value, ties to even. Rust's formatting uses the same
/// exact decimal expansion, so the result is bit-identical to psutil's.
pub(crate) fn round_to(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(x)
}

/// `round(part / total * 100, 1)`, or 0.0 when `total` is 0 (psutil's `usage_percent`
/// with `round_=1`).
pub(crate) fn usage_percent(part: f64, total: f64) -> f64 {
    if total == 0.0 {
        return 0.0;
    }
    round_to(part / total * 100.0, 1)
}

/// The check psutil's `memory_percent(memtype)` starts with: the index of `memtype`
/// among `valid` (the platform's `pfullmem` fields), or
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) listing them.
pub(crate) fn memtype_index(valid: &[&str], memtype: &str) -> Result<usize> {
    valid.iter().position(|m| *m == memtype).ok_or_else(|| {
        Error::invalid(format!(
            "invalid memtype {memtype:?}; valid types are {valid:?}"
        ))
    })
}

/// psutil's `memory_percent()` from a process's `value` of a memory type and the
/// `total` physical memory: `value / total × 100`, not rounded. A `total` of 0 is
/// [`Error::Unsupported`](crate::Error::Unsupported) saying `zero_total`.
pub(crate) fn memory_percent(value: u64, total: u64, zero_total: &str) -> Result<f64> {
    if total == 0 {
        return Err(Error::unsupported(zero_total));
    }
    Ok(value as f64 / total as f64 * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_like_python() {
        // Python: round(2.675, 2) == 2.67 (binary value is below the tie)
        assert_eq!(round_to(2.675, 2), 2.67);
        assert_eq!(round_to(0.25, 1), 0.2);
        assert_eq!(round_to(0.35, 1), 0.3);
        assert_eq!(usage_percent(1.0, 3.0), 33.3);
        assert_eq!(usage_percent(1.0, 0.0), 0.0);
    }

    #[test]
    fn memory_percents() {
        assert_eq!(memtype_index(&["rss", "vms"], "vms").unwrap(), 1);
        let e = memtype_index(&["rss", "vms"], "uss").unwrap_err();
        assert!(matches!(e, Error::InvalidArgument { .. }), "{e:?}");
        assert!(e
            .to_string()
            .contains(r#"invalid memtype "uss"; valid types are ["rss", "vms"]"#));
        assert_eq!(memory_percent(1, 4, "no total").unwrap(), 25.0);
        assert!(matches!(
            memory_percent(1, 0, "no total"),
            Err(Error::Unsupported { .. })
        ));
    }
}
