//! `sensors_battery()` on Linux: `/sys/class/power_supply`.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::read_attr;
use crate::error::{Error, Result};
use crate::parse::sysfs;
use crate::sensors::{Battery, BatteryTime};
use crate::sys;
use crate::sys::root::Root;

/// A power_supply attribute as psutil's `multi_bcat` returns it: an integer, or
/// some other content (which psutil keeps as bytes and later fails on).
enum Attr {
    Int(i64),
    Other(PathBuf),
}

/// The first of `paths` that can be read.
fn multi(paths: &[PathBuf]) -> Option<Attr> {
    paths.iter().find_map(|p| {
        let data = read_attr(p)?;
        Some(match sysfs::int(&data) {
            Some(v) => Attr::Int(v),
            None => Attr::Other(p.clone()),
        })
    })
}

/// An attribute psutil does arithmetic with: a non-integer is an error (a
/// `TypeError`/`ValueError` in psutil).
fn number(a: &Attr) -> Result<i64> {
    match a {
        Attr::Int(v) => Ok(*v),
        Attr::Other(p) => {
            Err(Error::parse("power_supply attribute", None, "not an integer").at_path(p))
        }
    }
}

impl Root {
    /// [`sensors_battery`](crate::sensors_battery) read from this root's sysfs.
    pub fn sensors_battery(&self) -> Result<Option<Battery>> {
        let ps = self.sys_path("class/power_supply");
        let names = match sys::fs::list_dir(&ps) {
            Ok(n) => n,
            Err(Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(bat) = names
            .into_iter()
            .filter(|n| {
                n.as_bytes().starts_with(b"BAT")
                    || n.to_string_lossy().to_lowercase().contains("battery")
            })
            .min_by(|a, b| a.as_bytes().cmp(b.as_bytes()))
        else {
            return Ok(None);
        };
        let dir = ps.join(bat);
        let at = |names: &[&str]| -> Vec<PathBuf> { names.iter().map(|n| dir.join(n)).collect() };

        let energy_now = multi(&at(&["energy_now", "charge_now"]));
        let power_now = multi(&at(&["power_now", "current_now"]));
        let energy_full = multi(&at(&["energy_full", "charge_full"]));
        let time_to_empty = multi(&at(&["time_to_empty_now"]));

        let percent = match (&energy_now, &energy_full) {
            (Some(now), Some(full)) => {
                let (now, full) = (number(now)?, number(full)?);
                if full == 0 {
                    0.0
                } else {
                    100.0 * now as f64 / full as f64
                }
            }
            _ => match capacity(&dir.join("capacity"))? {
                Some(c) => c as f64,
                None => return Ok(None),
            },
        };

        let power_plugged = match multi(&[ps.join("AC0/online"), ps.join("AC/online")]) {
            Some(online) => Some(matches!(online, Attr::Int(1))),
            None => {
                let status = read_attr(&dir.join("status"))
                    .map(|b| sysfs::text(&b).to_lowercase())
                    .unwrap_or_default();
                match status.as_str() {
                    "discharging" => Some(false),
                    "charging" | "full" => Some(true),
                    _ => None,
                }
            }
        };

        let secsleft = if power_plugged == Some(true) {
            BatteryTime::Unlimited
        } else if let (Some(now), Some(power)) = (&energy_now, &power_now) {
            let (now, power) = (number(now)?, number(power)?);
            if power == 0 {
                BatteryTime::Unknown
            } else {
                seconds(now as f64 / power.unsigned_abs() as f64 * 3600.0)
            }
        } else if let Some(tte) = &time_to_empty {
            seconds(number(tte)? as f64 * 60.0)
        } else {
            BatteryTime::Unknown
        };

        Ok(Some(Battery {
            percent,
            secsleft,
            power_plugged,
        }))
    }
}

/// Python's `int(x)` (truncation), with negative results as `Unknown`.
fn seconds(x: f64) -> BatteryTime {
    let t = x.trunc();
    if t < 0.0 || t.is_nan() {
        BatteryTime::Unknown
    } else {
        BatteryTime::Seconds(t as u64)
    }
}

/// The `capacity` file: `None` when it cannot be read or says -1, an error when it is
/// not an integer (psutil raises `ValueError`).
fn capacity(path: &Path) -> Result<Option<i64>> {
    let Some(data) = read_attr(path) else {
        return Ok(None);
    };
    match sysfs::int(sysfs::text(&data).as_bytes()) {
        Some(-1) => Ok(None),
        Some(v) => Ok(Some(v)),
        None => Err(Error::parse("capacity", None, "not an integer").at_path(path)),
    }
}

/// `sensors_battery()` from the current [`Root`].
pub(crate) fn sensors_battery() -> Result<Option<Battery>> {
    Root::current().sensors_battery()
}
