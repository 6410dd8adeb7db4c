//! psutil's load-average emulation on Windows, which has no load average: every
//! [`SAMPLE_INTERVAL_SECS`] seconds the length of the processor queue (the PDH counter
//! `\System\Processor Queue Length`) is folded into three exponentially weighted
//! averages with the damping factors Linux uses for its 1, 5 and 15 minute loads,
//! `exp(-5/60)`, `exp(-5/300)` and `exp(-5/900)`. The sampling itself (PDH, a thread)
//! is the Windows backend's; this is the arithmetic, pure and tested everywhere.

/// Seconds between two samples of the processor queue length.
pub const SAMPLE_INTERVAL_SECS: f64 = 5.0;

/// The damping factors of the 1, 5 and 15 minute averages for one sample every
/// [`SAMPLE_INTERVAL_SECS`] seconds: `exp(-5/60)`, `exp(-5/300)`, `exp(-5/900)`.
pub fn damping_factors() -> [f64; 3] {
    [60.0, 300.0, 900.0].map(|window: f64| (-SAMPLE_INTERVAL_SECS / window).exp())
}

/// The three averages. All start at 0.0, which is what psutil reports until the first
/// sample arrives (5 s after the first `getloadavg()` call).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LoadAverages {
    /// Over one minute.
    pub one: f64,
    /// Over five minutes.
    pub five: f64,
    /// Over fifteen minutes.
    pub fifteen: f64,
}

impl LoadAverages {
    /// Folds one sample in: `avg = avg × f + sample × (1 − f)` for each factor `f` of
    /// [`damping_factors`]. A sample that is not a finite, non-negative number (a
    /// counter read that went wrong) is ignored.
    pub fn update(&mut self, queue_length: f64) {
        if !queue_length.is_finite() || queue_length < 0.0 {
            return;
        }
        let [f1, f5, f15] = damping_factors();
        let fold = |avg: f64, f: f64| avg * f + queue_length * (1.0 - f);
        self.one = fold(self.one, f1);
        self.five = fold(self.five, f5);
        self.fifteen = fold(self.fifteen, f15);
    }

    /// The averages rounded to two decimals, as psutil returns them (Python's `round`).
    pub fn rounded(&self) -> [f64; 3] {
        [self.one, self.five, self.fifteen].map(|v| crate::percent::round_to(v, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_are_linux_ones() {
        let [a, b, c] = damping_factors();
        // Python: math.exp(-5/60), math.exp(-5/300), math.exp(-5/900)
        assert!((a - 0.920_044_414_629_323_3).abs() < 1e-15, "{a}");
        assert!((b - 0.983_471_453_821_617_5).abs() < 1e-15, "{b}");
        assert!((c - 0.994_459_848_004_896_7).abs() < 1e-15, "{c}");
    }

    #[test]
    fn averages_converge_to_a_constant_queue() {
        let mut l = LoadAverages::default();
        assert_eq!(l.rounded(), [0.0, 0.0, 0.0]);
        l.update(2.0);
        let [f1, f5, f15] = damping_factors();
        assert_eq!(l.one, 2.0 * (1.0 - f1));
        assert_eq!(l.five, 2.0 * (1.0 - f5));
        assert_eq!(l.fifteen, 2.0 * (1.0 - f15));
        // One sample: 0.16, 0.03, 0.01 after rounding (psutil's two decimals).
        assert_eq!(l.rounded(), [0.16, 0.03, 0.01]);
        // An hour of samples (720): the 1 minute average has converged, the others lag
        // in order.
        for _ in 0..719 {
            l.update(2.0);
        }
        assert_eq!(l.rounded()[0], 2.0);
        assert!(l.five > 1.99 && l.five < 2.0);
        assert!(l.fifteen < l.five && l.fifteen > 1.9);
        // Back to an empty queue: decays, the 1 minute average fastest.
        for _ in 0..12 {
            l.update(0.0);
        }
        assert!((l.one - 2.0 * f1.powi(12)).abs() < 1e-9);
        assert!(l.one < l.five && l.five < l.fifteen);
    }

    #[test]
    fn bad_samples_are_ignored() {
        let mut l = LoadAverages::default();
        l.update(1.0);
        let before = l;
        for bad in [f64::NAN, f64::INFINITY, -1.0] {
            l.update(bad);
        }
        assert_eq!(l, before);
    }
}
