//! `getloadavg()` on macOS: `getloadavg(3)` (Python's `os.getloadavg`, which psutil
//! calls).

use crate::error::{Error, Result};
use crate::LoadAvg;

/// `getloadavg()`.
pub(crate) fn getloadavg() -> Result<LoadAvg> {
    let [one, five, fifteen] =
        super::super::loadavg::getloadavg().map_err(|e| Error::from_io(e, "getloadavg"))?;
    Ok(LoadAvg { one, five, fifteen })
}
