//! `sensors_battery()`: the first battery of the power_supply class.

use crate::error::Result;
use crate::sys;

/// Battery status. psutil's `sbattery`, with its fields in its order.
#[doc(alias = "sbattery")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Battery {
    /// Charge left, in percent: `100 * energy_now / energy_full` (or the `charge_*`
    /// pair; 0.0 when the full value is 0), else the integer `capacity` file.
    pub percent: f64,
    /// Time left before the battery runs out.
    pub secsleft: BatteryTime,
    /// Whether the AC adapter is plugged in: `AC0/online` or `AC/online`, else the
    /// battery's `status` (`Discharging` → false, `Charging`/`Full` → true); `None`
    /// when neither tells.
    pub power_plugged: Option<bool>,
}

/// How long the battery lasts. psutil's `secsleft` with its `BatteryTime` sentinels;
/// serializes to psutil's numbers (seconds, or -1 / -2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BatteryTime {
    /// Seconds left, estimated from the current drain.
    Seconds(u64),
    /// Cannot be estimated. psutil's `POWER_TIME_UNKNOWN` (-1).
    Unknown,
    /// The AC adapter is plugged in. psutil's `POWER_TIME_UNLIMITED` (-2).
    Unlimited,
}

impl BatteryTime {
    /// psutil's `POWER_TIME_UNKNOWN`.
    pub const POWER_TIME_UNKNOWN: i64 = -1;
    /// psutil's `POWER_TIME_UNLIMITED`.
    pub const POWER_TIME_UNLIMITED: i64 = -2;

    /// The value psutil reports: the seconds, or [`Self::POWER_TIME_UNKNOWN`] /
    /// [`Self::POWER_TIME_UNLIMITED`].
    pub fn as_psutil(self) -> i64 {
        match self {
            BatteryTime::Seconds(s) => i64::try_from(s).unwrap_or(i64::MAX),
            BatteryTime::Unknown => Self::POWER_TIME_UNKNOWN,
            BatteryTime::Unlimited => Self::POWER_TIME_UNLIMITED,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for BatteryTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_i64(self.as_psutil())
    }
}

/// The first battery's charge, time left and AC state, or `None` without a battery.
/// psutil's `sensors_battery()`.
///
/// Linux: reads `/sys/class/power_supply`: the battery is the smallest entry name starting
/// with `BAT` or containing `battery` (any case). From its directory:
/// `energy_now`|`charge_now`, `energy_full`|`charge_full`, `power_now`|`current_now`,
/// `time_to_empty_now`, `capacity` and `status`; and `AC0/online` or `AC/online`
/// next to it.
///
/// `secsleft` is [`BatteryTime::Unlimited`] when plugged in; else
/// `energy_now / |power_now| * 3600` seconds ([`BatteryTime::Unknown`] when the power
/// is 0); else `time_to_empty_now * 60` (psutil #2605 reads that file as minutes);
/// else unknown. `None` is returned without a battery, without the power_supply class
/// (psutil raises `FileNotFoundError` there), or when neither the energy pair nor
/// `capacity` can be read.
///
/// Difference from psutil 7.2.2: a negative estimate (a negative `energy_now`, or a
/// `time_to_empty_now` below 0) is [`BatteryTime::Unknown`]; psutil returns the
/// negative number for the first.
///
/// # Errors
/// [`Error::Parse`](crate::Error::Parse) when an attribute the computation uses is not an
/// integer (psutil raises `TypeError`/`ValueError`).
///
/// Windows: `GetSystemPowerStatus`.
pub fn sensors_battery() -> Result<Option<Battery>> {
    sys::sensors::sensors_battery()
}
