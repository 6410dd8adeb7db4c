//! `sensors_battery()` on Windows (skeleton placeholder).

use crate::error::{Error, Result};
use crate::sensors::Battery;

pub(crate) fn sensors_battery() -> Result<Option<Battery>> {
    Err(Error::unsupported(
        "sensors_battery on Windows (not implemented yet)",
    ))
}
