//! Rounding as psutil does it.

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
}
