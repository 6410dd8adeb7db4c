//! `GetSystemPowerStatus`'s `SYSTEM_POWER_STATUS` as psutil's `sensors_battery()`
//! reads it.

use crate::sensors::{Battery, BatteryTime};

/// `BatteryFlag` bit: charging.
pub const BATTERY_FLAG_CHARGING: u8 = 8;
/// `BatteryFlag` bit: no system battery.
pub const BATTERY_FLAG_NO_BATTERY: u8 = 128;
/// `BatteryLifeTime` when the time left is unknown (`(DWORD)-1`).
pub const BATTERY_LIFE_UNKNOWN: u32 = u32::MAX;

/// psutil's `sensors_battery()` from the `SYSTEM_POWER_STATUS` fields `ACLineStatus`,
/// `BatteryFlag`, `BatteryLifePercent` and `BatteryLifeTime`:
/// - `None` when `BatteryFlag` has the no-battery bit (128);
/// - `power_plugged` is `ACLineStatus == 1`;
/// - `secsleft` is unlimited when plugged in or charging (bit 8), unknown when
///   `BatteryLifeTime` is `0xFFFFFFFF`, else that many seconds;
/// - `percent` is `BatteryLifePercent` as it is (255 means unknown, reported as 255.0 as
///   psutil does).
///
/// Difference from psutil 7.2.2, which compares the unsigned `BatteryLifeTime` with −1
/// and so reports 4294967295 seconds for "unknown" (psutil-platforms.md §7 gotcha 3):
/// here it is [`BatteryTime::Unknown`].
pub fn battery(ac_line: u8, flag: u8, percent: u8, life_time: u32) -> Option<Battery> {
    if flag & BATTERY_FLAG_NO_BATTERY != 0 {
        return None;
    }
    let plugged = ac_line == 1;
    let secsleft = if plugged || flag & BATTERY_FLAG_CHARGING != 0 {
        BatteryTime::Unlimited
    } else if life_time == BATTERY_LIFE_UNKNOWN {
        BatteryTime::Unknown
    } else {
        BatteryTime::Seconds(u64::from(life_time))
    };
    Some(Battery {
        percent: f64::from(percent),
        secsleft,
        power_plugged: Some(plugged),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn battery_rules() {
        // Wine on a battery-less host: AC online, flag 128.
        assert_eq!(battery(1, 128, 255, u32::MAX), None);
        let b = battery(1, 1, 80, 3600).unwrap();
        assert_eq!(
            (b.percent, b.secsleft, b.power_plugged),
            (80.0, BatteryTime::Unlimited, Some(true))
        );
        // On battery but charging (bit 8): unlimited too.
        let b = battery(0, 8, 50, 100).unwrap();
        assert_eq!(b.secsleft, BatteryTime::Unlimited);
        assert_eq!(b.power_plugged, Some(false));
        let b = battery(0, 2, 40, 5400).unwrap();
        assert_eq!(b.secsleft, BatteryTime::Seconds(5400));
        let b = battery(0, 2, 40, u32::MAX).unwrap();
        assert_eq!(b.secsleft, BatteryTime::Unknown);
        // ACLineStatus 255 (unknown) is not plugged.
        assert_eq!(battery(255, 0, 10, 60).unwrap().power_plugged, Some(false));
    }
}
