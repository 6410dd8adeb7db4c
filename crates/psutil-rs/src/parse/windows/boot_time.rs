//! psutil's smoothing of the Windows boot time: computed as "now − uptime", it jitters
//! by up to a second from one call to the next (psutil issue 1007), so a new value
//! within one second of the previous answer is replaced by that answer.

/// The boot time to report given the last reported one (`last`, 0.0 before the first
/// call) and the freshly computed one: `last` when they differ by at most one second,
/// else `computed`, which becomes the new reference.
pub fn smooth(last: f64, computed: f64) -> f64 {
    if (computed - last).abs() <= 1.0 {
        last
    } else {
        computed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_within_a_second_is_hidden() {
        assert_eq!(smooth(0.0, 1_700_000_000.4), 1_700_000_000.4);
        assert_eq!(smooth(1_700_000_000.4, 1_700_000_001.3), 1_700_000_000.4);
        assert_eq!(smooth(1_700_000_000.4, 1_699_999_999.4), 1_700_000_000.4);
        // More than a second (the clock was set): the new value wins.
        assert_eq!(smooth(1_700_000_000.4, 1_700_000_001.5), 1_700_000_001.5);
        assert_eq!(smooth(1_700_000_000.4, 1_600_000_000.0), 1_600_000_000.0);
    }
}
