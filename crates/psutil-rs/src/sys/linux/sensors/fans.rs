//! `sensors_fans()`: hwmon `fan*` sensors.

use std::path::PathBuf;

use indexmap::IndexMap;

use super::{glob, hwmon_dirs, prefix_underscore, read_attr, sensor_base, sort_dedup, with_suffix};
use crate::error::{Error, Result};
use crate::parse::sysfs;
use crate::sys;
use crate::sys::root::Root;

/// One fan. psutil's `sfan`, with its fields in its order.
///
/// Linux only (psutil has it on Linux only).
#[doc(alias = "sfan")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Fan {
    /// `fanN_label`, or `""` when the fan has none.
    pub label: String,
    /// `fanN_input`: the speed in RPM.
    pub current: i64,
}

impl Root {
    /// [`sensors_fans`] read from this root's sysfs.
    /// Linux only (psutil has it on Linux only): `psutil_rs::os::linux`, and the crate root on
    /// Linux.
    pub fn sensors_fans(&self) -> Result<IndexMap<String, Vec<Fan>>> {
        let is_fan = prefix_underscore(b"fan");
        let hwmons = hwmon_dirs(self.sysfs());
        let mut files: Vec<PathBuf> = hwmons.iter().flat_map(|h| glob(h, &is_fan)).collect();
        if files.is_empty() {
            files = hwmons
                .iter()
                .flat_map(|h| glob(&h.join("device"), &is_fan))
                .collect();
        }
        let mut bases: Vec<PathBuf> = files.iter().map(|f| sensor_base(f)).collect();
        sort_dedup(&mut bases);

        let mut out: IndexMap<String, Vec<Fan>> = IndexMap::new();
        for base in &bases {
            let input = with_suffix(base, "_input");
            let Some(data) = read_attr(&input) else {
                continue;
            };
            let current = sysfs::int(&data).ok_or_else(|| {
                Error::parse(
                    "fan input",
                    None,
                    format!("not an integer: {:?}", String::from_utf8_lossy(&data)),
                )
                .at_path(&input)
            })?;
            let dir = base
                .parent()
                .ok_or_else(|| Error::invalid(format!("no parent: {}", base.display())))?;
            let name = sysfs::text(&sys::fs::read(&dir.join("name"))?);
            let label = read_attr(&with_suffix(base, "_label"))
                .map(|b| sysfs::text(&b))
                .unwrap_or_default();
            out.entry(name).or_default().push(Fan { label, current });
        }
        Ok(out)
    }
}

/// Fan speeds in RPM, keyed by sensor chip. psutil's `sensors_fans()`.
///
/// Reads `/sys/class/hwmon/hwmon*/fan*_*`, or `/sys/class/hwmon/hwmon*/device/fan*_*`
/// when the first finds nothing: for each fan `fanN`, `fanN_input`, `fanN_label`, and
/// the chip's `name` file as the key. Fans come in the order of their sorted sysfs
/// paths, and the map lists the chips in the order their first readable fan comes in
/// that list, as psutil's dict does. A fan whose `_input` cannot be read is skipped.
///
/// # Errors
/// As in psutil, which raises here: [`Error::Parse`] when a `fanN_input` is not an
/// integer, and the read error when the chip has no readable `name` file.
pub fn sensors_fans() -> Result<IndexMap<String, Vec<Fan>>> {
    Root::current().sensors_fans()
}
