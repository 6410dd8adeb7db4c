#![allow(unsafe_code)]
//! `sensors_battery()` on Windows: `GetSystemPowerStatus`. psutil has no
//! `sensors_temperatures()` or `sensors_fans()` on Windows.

use windows_sys::Win32::System::Power::{GetSystemPowerStatus, SYSTEM_POWER_STATUS};

use crate::error::Result;
use crate::parse::windows::battery::battery;
use crate::sensors::Battery;

/// `sensors_battery()`: `None` without a battery (see
/// [`parse::windows::battery::battery`](crate::parse::windows::battery::battery) for the
/// rules).
pub(crate) fn sensors_battery() -> Result<Option<Battery>> {
    let mut s = SYSTEM_POWER_STATUS::default();
    // SAFETY: valid out-pointer.
    if unsafe { GetSystemPowerStatus(&mut s) } == 0 {
        return Err(super::win32::last_error("GetSystemPowerStatus"));
    }
    Ok(battery(
        s.ACLineStatus,
        s.BatteryFlag,
        s.BatteryLifePercent,
        s.BatteryLifeTime,
    ))
}
