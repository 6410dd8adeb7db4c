//! Hardware sensors: `sensors_battery()` (every platform). `sensors_temperatures()`
//! and `sensors_fans()` exist on Linux only (psutil has them on Linux and FreeBSD /
//! Linux only): the Linux backend defines them, and they are re-exported at the crate
//! root and in `psutil_rs::os::linux`.

mod battery;

pub use battery::{sensors_battery, Battery, BatteryTime};
