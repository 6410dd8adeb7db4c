//! The IOKit power source description values (`kIOPSCurrentCapacityKey`,
//! `kIOPSPowerSourceStateKey`, `kIOPSTimeToEmptyKey`) as psutil's battery on macOS.

use crate::{Battery, BatteryTime};

/// psutil's battery: percent is the current capacity; plugged in means
/// `POWER_TIME_UNLIMITED`, else the minutes to empty × 60 (`-1` or any negative:
/// `POWER_TIME_UNKNOWN`).
pub fn battery(capacity: i64, plugged: bool, minutes_to_empty: i64) -> Battery {
    let secsleft = if plugged {
        BatteryTime::Unlimited
    } else {
        match u64::try_from(minutes_to_empty) {
            Ok(m) => BatteryTime::Seconds(m.saturating_mul(60)),
            Err(_) => BatteryTime::Unknown,
        }
    };
    Battery {
        percent: capacity as f64,
        secsleft,
        power_plugged: Some(plugged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugged_unknown_and_minutes() {
        let b = battery(80, true, 30);
        assert_eq!(
            (b.percent, b.secsleft, b.power_plugged),
            (80.0, BatteryTime::Unlimited, Some(true))
        );
        assert_eq!(battery(50, false, -1).secsleft, BatteryTime::Unknown);
        assert_eq!(battery(50, false, 90).secsleft, BatteryTime::Seconds(5400));
    }
}
