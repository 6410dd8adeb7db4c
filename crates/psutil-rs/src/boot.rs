//! `boot_time()`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};
use crate::sys;

/// The system boot time in seconds since the epoch. psutil's `boot_time()`.
///
/// Linux: reads the `btime` line of `/proc/stat` on every call (not cached: it moves when the
/// clock is set).
///
/// Windows: now minus the uptime (`QueryInterruptTime` where it exists, else `GetTickCount64`), with psutil's one-second smoothing.
pub fn boot_time() -> Result<f64> {
    sys::boot::boot_time()
}

/// [`boot_time`] as a [`SystemTime`]. A `btime` too large for a `SystemTime` is
/// [`Error::Parse`].
pub fn boot_time_system() -> Result<SystemTime> {
    to_system_time(boot_time()?)
}

/// Seconds since the epoch as a `SystemTime`, without the panics of `from_secs_f64`
/// and `+` on values a hostile `/proc/stat` can hold (such as `u64::MAX`).
fn to_system_time(secs: f64) -> Result<SystemTime> {
    Duration::try_from_secs_f64(secs.max(0.0))
        .ok()
        .and_then(|d| UNIX_EPOCH.checked_add(d))
        .ok_or_else(|| Error::parse("stat", None, format!("btime {secs} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_boot_times_are_errors() {
        assert_eq!(
            to_system_time(1_700_000_000.0).unwrap(),
            UNIX_EPOCH + Duration::from_secs(1_700_000_000)
        );
        // `btime 18446744073709551615` used to panic in Duration::from_secs_f64.
        assert!(to_system_time(u64::MAX as f64).is_err());
        assert!(to_system_time(1e300).is_err());
        assert_eq!(to_system_time(-5.0).unwrap(), UNIX_EPOCH);
    }
}
