//! The FreeBSD-only public system items (see ../ext/mod.rs): the temperatures (psutil
//! has `sensors_temperatures` on Linux and FreeBSD only).

/// Items of `psutil_rs::os::freebsd`.
pub mod freebsd {
    pub use crate::sys::imp::sensors::{
        sensors_temperatures, sensors_temperatures_fahrenheit, Temperature,
    };
}

/// Items re-exported at the crate root on FreeBSD.
pub mod exports {
    pub use super::freebsd::*;
}
