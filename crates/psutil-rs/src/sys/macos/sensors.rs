//! `sensors_battery()` on macOS: IOKit power sources (`IOPSCopyPowerSourcesInfo`,
//! `IOPSCopyPowerSourcesList`, `IOPSGetPowerSourceDescription`): the first source's
//! `Current Capacity`, `Power Source State` and `Time to Empty`.

use super::iokit::{dict_i64, dict_string, with_power_sources};
use crate::error::Result;
use crate::parse::macos::battery::battery;
use crate::Battery;

/// `sensors_battery()`: `None` without a power source that has a capacity.
pub(crate) fn sensors_battery() -> Result<Option<Battery>> {
    Ok(with_power_sources(|sources| {
        let d = *sources.first()?;
        let capacity = dict_i64(d, "Current Capacity")?;
        let state = dict_string(d, "Power Source State");
        let minutes = dict_i64(d, "Time to Empty").unwrap_or(-1);
        Some(battery(
            capacity,
            state.as_deref() == Some("AC Power"),
            minutes,
        ))
    })
    .flatten())
}
