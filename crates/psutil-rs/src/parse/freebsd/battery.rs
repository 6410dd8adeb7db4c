//! `sensors_battery()` from the ACPI sysctls: `hw.acpi.battery.life` (percent),
//! `hw.acpi.battery.time` (minutes left, -1 unknown) and `hw.acpi.acline` (1 on AC).

use crate::sensors::{Battery, BatteryTime};

/// psutil's battery: plugged in → unlimited time; else -1 minutes → unknown; else the
/// minutes in seconds.
pub fn battery(life: i32, minutes: i32, acline: i32) -> Battery {
    let plugged = acline == 1;
    let secsleft = if plugged {
        BatteryTime::Unlimited
    } else if minutes < 0 {
        BatteryTime::Unknown
    } else {
        BatteryTime::Seconds(u64::try_from(minutes).unwrap_or(0) * 60)
    };
    Battery {
        percent: f64::from(life),
        secsleft,
        power_plugged: Some(plugged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states() {
        assert_eq!(battery(80, -1, 1).secsleft, BatteryTime::Unlimited);
        assert_eq!(battery(80, -1, 0).secsleft, BatteryTime::Unknown);
        let b = battery(50, 90, 0);
        assert_eq!(
            (b.percent, b.secsleft, b.power_plugged),
            (50.0, BatteryTime::Seconds(5400), Some(false))
        );
    }
}
