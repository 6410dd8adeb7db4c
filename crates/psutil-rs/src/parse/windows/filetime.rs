//! Windows times: `FILETIME` and the `LARGE_INTEGER` times of `GetSystemTimes`,
//! `GetProcessTimes`, `GetThreadTimes` and the `NtQuerySystemInformation` records, all
//! counts of 100-nanosecond ticks. A point in time counts from 1601-01-01 UTC; a
//! duration (CPU time) counts from zero.

/// Ticks per second.
pub const TICKS_PER_SEC: u64 = 10_000_000;

/// Ticks from 1601-01-01 to the Unix epoch 1970-01-01 (369 years, 89 of them leap).
pub const UNIX_EPOCH_TICKS: u64 = 116_444_736_000_000_000;

/// A `LARGE_INTEGER` at `at` of a buffer, as the unsigned count of 100-ns ticks it
/// holds for times; a negative value (never seen for the times decoded here) reads as 0.
pub(crate) fn ticks_at(b: &[u8], at: usize) -> Option<u64> {
    crate::parse::bytes::i64_at(b, at).map(|t| u64::try_from(t).unwrap_or(0))
}

/// The 64-bit tick count of a `FILETIME`'s `dwLowDateTime` and `dwHighDateTime`.
pub fn from_parts(low: u32, high: u32) -> u64 {
    (u64::from(high) << 32) | u64::from(low)
}

/// A duration in ticks (CPU time, uptime) as seconds.
pub fn duration_secs(ticks: u64) -> f64 {
    let whole = ticks / TICKS_PER_SEC;
    let frac = ticks % TICKS_PER_SEC;
    whole as f64 + frac as f64 / TICKS_PER_SEC as f64
}

/// A point in time (ticks since 1601) as seconds since the Unix epoch, psutil's
/// `create_time()` unit; negative before 1970 (a zero `FILETIME` gives −11644473600).
pub fn unix_secs(filetime: u64) -> f64 {
    if filetime >= UNIX_EPOCH_TICKS {
        duration_secs(filetime - UNIX_EPOCH_TICKS)
    } else {
        -duration_secs(UNIX_EPOCH_TICKS - filetime)
    }
}

/// A Unix time in seconds as a `FILETIME` tick count (the inverse of [`unix_secs`],
/// to the tick); times before 1601 or beyond the range give 0 or `u64::MAX`.
pub fn from_unix_secs(secs: f64) -> u64 {
    let ticks = (secs * TICKS_PER_SEC as f64).round() + UNIX_EPOCH_TICKS as f64;
    if ticks.is_nan() || ticks <= 0.0 {
        0
    } else {
        // `as` saturates at u64::MAX for larger values.
        ticks as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epochs_and_durations() {
        assert_eq!(unix_secs(UNIX_EPOCH_TICKS), 0.0);
        assert_eq!(unix_secs(0), -11_644_473_600.0);
        // 2024-01-01T00:00:00Z = 1704067200, plus 0.5 s.
        let t = UNIX_EPOCH_TICKS + 1_704_067_200 * TICKS_PER_SEC + 5_000_000;
        assert_eq!(unix_secs(t), 1_704_067_200.5);
        assert_eq!(from_unix_secs(1_704_067_200.5), t);
        assert_eq!(from_unix_secs(-1e30), 0);
        assert_eq!(from_unix_secs(f64::NAN), 0);
        assert_eq!(from_unix_secs(1e30), u64::MAX);
        assert_eq!(duration_secs(12_345_678), 1.2345678);
        assert_eq!(duration_secs(u64::MAX), u64::MAX as f64 / 1e7);
        assert_eq!(from_parts(0x89ab_cdef, 0x0123_4567), 0x0123_4567_89ab_cdef);
    }

    #[test]
    fn ticks_in_buffers() {
        assert_eq!(ticks_at(&[0xff; 8], 0), Some(0));
        assert_eq!(ticks_at(&[1, 0, 0, 0, 0, 0, 0, 0, 2], 0), Some(1));
        assert_eq!(ticks_at(&[1, 0, 0, 0, 0, 0, 0, 0], 1), None);
    }
}
