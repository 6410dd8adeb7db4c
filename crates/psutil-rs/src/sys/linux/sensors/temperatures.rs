//! `sensors_temperatures()`: hwmon `temp*` sensors, or thermal zones.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::{
    glob, hwmon_dirs, prefix_underscore, read_attr, sensor_base, sort_dedup, starts_with,
    with_suffix,
};
use crate::error::Result;
use crate::parse::sysfs;
use crate::sys::root::Root;

/// One temperature sensor. psutil's `shwtemp`, with its fields in its order.
///
/// Values are in degrees Celsius (or Fahrenheit from
/// [`sensors_temperatures_fahrenheit`]).
///
/// Linux only (psutil has it on Linux and FreeBSD).
#[doc(alias = "shwtemp")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Temperature {
    /// `tempN_label`, or `""` when the sensor has none (always `""` for thermal zones).
    pub label: String,
    /// `tempN_input` / 1000 (hwmon reports millidegrees), or a thermal zone's `temp`
    /// / 1000.
    pub current: f64,
    /// `tempN_max` / 1000, or the zone's trip point of type `high`. When only one of
    /// `high` and `critical` is known (and not 0), it is copied to the other, as
    /// psutil does.
    pub high: Option<f64>,
    /// `tempN_crit` / 1000, or the zone's trip point of type `critical`.
    pub critical: Option<f64>,
}

/// The readings as psutil's platform layer returns them, before unit conversion.
fn raw(root: &Root) -> IndexMap<String, Vec<Temperature>> {
    let sysfs = root.sysfs();
    let mut out: IndexMap<String, Vec<Temperature>> = IndexMap::new();
    let bases = hwmon_bases(sysfs);
    for base in &bases {
        if let Some((name, t)) = read_hwmon_temp(base) {
            out.entry(name).or_default().push(t);
        }
    }
    // Thermal zones only when hwmon has no temp*_* files at all (even unreadable ones).
    if bases.is_empty() {
        let mut zones = glob(&sysfs.join("class/thermal"), starts_with(b"thermal_zone"));
        sort_dedup(&mut zones);
        for zone in &zones {
            if let Some((name, t)) = read_thermal_zone(zone) {
                out.entry(name).or_default().push(t);
            }
        }
    }
    out
}

/// The sensor base paths (`.../hwmonN/temp1`): `class/hwmon/hwmon*/temp*_*` and
/// `class/hwmon/hwmon*/device/temp*_*`, sorted, then the
/// `devices/platform/coretemp.*/hwmon/hwmon*/temp*_*` ones whose
/// `class/hwmon/hwmonN/tempK` twin is absent.
fn hwmon_bases(sysfs: &Path) -> Vec<PathBuf> {
    let is_temp = prefix_underscore(b"temp");
    let mut bases = Vec::new();
    for hwmon in hwmon_dirs(sysfs) {
        bases.extend(glob(&hwmon, &is_temp).iter().map(|p| sensor_base(p)));
        bases.extend(
            glob(&hwmon.join("device"), &is_temp)
                .iter()
                .map(|p| sensor_base(p)),
        );
    }
    sort_dedup(&mut bases);

    // psutil #1648 / #1708: coretemp's hwmon seen from the platform device, skipped
    // when /sys/class/hwmon already shows it (normally a symlink to the same dir).
    let mut extra = Vec::new();
    for ct in glob(&sysfs.join("devices/platform"), starts_with(b"coretemp.")) {
        for hwmon in glob(&ct.join("hwmon"), starts_with(b"hwmon")) {
            let Some(hwmon_name) = hwmon.file_name() else {
                continue;
            };
            for file in glob(&hwmon, &is_temp) {
                let base = sensor_base(&file);
                let Some(sensor) = base.file_name() else {
                    continue;
                };
                let twin = sysfs.join("class/hwmon").join(hwmon_name).join(sensor);
                if bases.binary_search_by(|b| cmp_bytes(b, &twin)).is_err() {
                    extra.push(base);
                }
            }
        }
    }
    sort_dedup(&mut extra);
    bases.extend(extra);
    bases
}

fn cmp_bytes(a: &Path, b: &Path) -> std::cmp::Ordering {
    a.as_os_str().as_bytes().cmp(b.as_os_str().as_bytes())
}

/// Reads one hwmon sensor; `None` (skip it) when `_input` or the `name` next to it
/// cannot be read or `_input` is not a number.
fn read_hwmon_temp(base: &Path) -> Option<(String, Temperature)> {
    let current = sysfs::float(&read_attr(&with_suffix(base, "_input"))?)? / 1000.0;
    let name = sysfs::text(&read_attr(&base.parent()?.join("name"))?);
    let milli = |suffix| {
        read_attr(&with_suffix(base, suffix))
            .and_then(|b| sysfs::float(&b))
            .map(|v| v / 1000.0)
    };
    let label = read_attr(&with_suffix(base, "_label"))
        .map(|b| sysfs::text(&b))
        .unwrap_or_default();
    Some((
        name,
        Temperature {
            label,
            current,
            high: milli("_max"),
            critical: milli("_crit"),
        },
    ))
}

/// Reads one `thermal_zoneN`: `temp` / 1000, named after `type`; its trip points of
/// type `critical` and `high` give `critical` and `high`.
fn read_thermal_zone(zone: &Path) -> Option<(String, Temperature)> {
    let current = sysfs::float(&read_attr(&zone.join("temp"))?)? / 1000.0;
    let name = sysfs::text(&read_attr(&zone.join("type"))?);
    // "trip_point_0_temp", "trip_point_0_type", "trip_point_0_hyst" -> "trip_point_0".
    let mut trips: Vec<Vec<u8>> = glob(zone, starts_with(b"trip_point"))
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| {
            let parts: Vec<&[u8]> = n.as_bytes().split(|&c| c == b'_').take(3).collect();
            parts.join(&b'_')
        })
        .collect();
    trips.sort();
    trips.dedup();
    let (mut high, mut critical) = (None, None);
    for trip in &trips {
        let attr = |suffix: &str| {
            let mut name = trip.clone();
            name.extend_from_slice(suffix.as_bytes());
            zone.join(OsStr::from_bytes(&name))
        };
        let kind = read_attr(&attr("_type"))
            .map(|b| sysfs::text(&b))
            .unwrap_or_default();
        let temp = || {
            read_attr(&attr("_temp"))
                .and_then(|b| sysfs::float(&b))
                .map(|v| v / 1000.0)
        };
        match kind.as_str() {
            "critical" => critical = temp(),
            "high" => high = temp(),
            _ => {}
        }
    }
    Some((
        name,
        Temperature {
            label: String::new(),
            current,
            high,
            critical,
        },
    ))
}

/// psutil's public-layer post-processing: unit conversion, then the copy of `high`
/// to `critical` (or back) when only one is set. Python truthiness decides "set",
/// so a value of 0 counts as unset.
fn finish(
    raw: IndexMap<String, Vec<Temperature>>,
    fahrenheit: bool,
) -> IndexMap<String, Vec<Temperature>> {
    let conv = |v: f64| if fahrenheit { v * 9.0 / 5.0 + 32.0 } else { v };
    let truthy = |v: Option<f64>| v.is_some_and(|x| x != 0.0);
    raw.into_iter()
        .map(|(name, temps)| {
            let temps = temps
                .into_iter()
                .map(|t| {
                    let current = conv(t.current);
                    let mut high = t.high.map(conv);
                    let mut critical = t.critical.map(conv);
                    if truthy(high) && !truthy(critical) {
                        critical = high;
                    } else if truthy(critical) && !truthy(high) {
                        high = critical;
                    }
                    Temperature {
                        label: t.label,
                        current,
                        high,
                        critical,
                    }
                })
                .collect();
            (name, temps)
        })
        .collect()
}

impl Root {
    /// [`sensors_temperatures`] read from this root's sysfs.
    /// Linux only (psutil has it on Linux and FreeBSD): `psutil_rs::os::linux`, and the crate
    /// root on Linux.
    pub fn sensors_temperatures(&self) -> Result<IndexMap<String, Vec<Temperature>>> {
        Ok(finish(raw(self), false))
    }

    /// [`sensors_temperatures_fahrenheit`] read from this root's sysfs.
    /// Linux only, as [`sensors_temperatures`].
    pub fn sensors_temperatures_fahrenheit(&self) -> Result<IndexMap<String, Vec<Temperature>>> {
        Ok(finish(raw(self), true))
    }
}

/// Hardware temperatures in °C, keyed by sensor chip. psutil's
/// `sensors_temperatures()`.
///
/// Reads `/sys/class/hwmon/hwmon*/temp*_*` and `/sys/class/hwmon/hwmon*/device/temp*_*`
/// (plus `/sys/devices/platform/coretemp.*/hwmon/hwmon*/temp*_*` for a coretemp hwmon
/// missing from `/sys/class/hwmon`): for each sensor `tempN`, `tempN_input`,
/// `tempN_label`, `tempN_max`, `tempN_crit`, and the chip's `name` file as the key.
/// A sensor whose `_input` or `name` cannot be read (hwmon is full of quirks: psutil
/// #1009, #1101, #1129, #1245, #1323) is skipped. Within a chip, sensors come in the
/// order of their sorted sysfs paths (`temp10` before `temp2`, as in psutil), and the
/// map lists the chips in the order their first readable sensor comes in that sorted list, as
/// psutil's dict does (so `hwmon10`'s chip comes before `hwmon2`'s).
///
/// Only when hwmon has no `temp*` files at all, each
/// `/sys/class/thermal/thermal_zone*` gives one entry keyed by its `type`, with
/// `temp` as `current` and its trip points (`trip_point_N_type` = `critical` or
/// `high`, `trip_point_N_temp`) as `critical` and `high`; the map then lists the
/// types in the order of the sorted zone paths.
///
/// Never fails: a machine without sensors gives an empty map.
///
/// Differences from psutil 7.2.2, which only show on unusual trees: psutil compares
/// coretemp platform file paths against base names, so it never reads them; and it
/// divides a thermal trip temperature by 1000 once per trip point visited after it
/// (in hash order), so zones with several trip points get random values. This
/// function applies the documented rules.
pub fn sensors_temperatures() -> Result<IndexMap<String, Vec<Temperature>>> {
    Root::current().sensors_temperatures()
}

/// [`sensors_temperatures`] in °F: psutil's `sensors_temperatures(fahrenheit=True)`.
/// `current`, `high` and `critical` become `x * 9 / 5 + 32` (before the copy of
/// `high` to `critical`, so a 0 °F value counts as unset, as in psutil).
pub fn sensors_temperatures_fahrenheit() -> Result<IndexMap<String, Vec<Temperature>>> {
    Root::current().sensors_temperatures_fahrenheit()
}
