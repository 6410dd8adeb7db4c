//! `boot_time()` on Windows (skeleton placeholder).

use crate::error::{Error, Result};

pub(crate) fn boot_time() -> Result<f64> {
    Err(Error::unsupported(
        "boot_time on Windows (not implemented yet)",
    ))
}
