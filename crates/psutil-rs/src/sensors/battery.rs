//! `sensors_battery()`: the first battery of the power_supply class.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::read_attr;
use crate::error::{Error, Result};
use crate::parse::sysfs;
use crate::root::Root;
use crate::sys;

/// Battery status. psutil's `sbattery`, with its fields in its order.
#[doc(alias = "sbattery")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Battery {
    /// Charge left, in percent: `100 * energy_now / energy_full` (or the `charge_*`
    /// pair; 0.0 when the full value is 0), else the integer `capacity` file.
    pub percent: f64,
    /// Time left before the battery runs out.
    pub secsleft: BatteryTime,
    /// Whether the AC adapter is plugged in: `AC0/online` or `AC/online`, else the
    /// battery's `status` (`Discharging` → false, `Charging`/`Full` → true); `None`
    /// when neither tells.
    pub power_plugged: Option<bool>,
}

/// How long the battery lasts. psutil's `secsleft` with its `BatteryTime` sentinels;
/// serializes to psutil's numbers (seconds, or -1 / -2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BatteryTime {
    /// Seconds left, estimated from the current drain.
    Seconds(u64),
    /// Cannot be estimated. psutil's `POWER_TIME_UNKNOWN` (-1).
    Unknown,
    /// The AC adapter is plugged in. psutil's `POWER_TIME_UNLIMITED` (-2).
    Unlimited,
}

impl BatteryTime {
    /// psutil's `POWER_TIME_UNKNOWN`.
    pub const POWER_TIME_UNKNOWN: i64 = -1;
    /// psutil's `POWER_TIME_UNLIMITED`.
    pub const POWER_TIME_UNLIMITED: i64 = -2;

    /// The value psutil reports: the seconds, or [`Self::POWER_TIME_UNKNOWN`] /
    /// [`Self::POWER_TIME_UNLIMITED`].
    pub fn as_psutil(self) -> i64 {
        match self {
            BatteryTime::Seconds(s) => i64::try_from(s).unwrap_or(i64::MAX),
            BatteryTime::Unknown => Self::POWER_TIME_UNKNOWN,
            BatteryTime::Unlimited => Self::POWER_TIME_UNLIMITED,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for BatteryTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_i64(self.as_psutil())
    }
}

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
    /// [`sensors_battery`] read from this root's sysfs.
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

/// The first battery's charge, time left and AC state, or `None` without a battery.
/// psutil's `sensors_battery()`.
///
/// Reads `/sys/class/power_supply`: the battery is the smallest entry name starting
/// with `BAT` or containing `battery` (any case). From its directory:
/// `energy_now`|`charge_now`, `energy_full`|`charge_full`, `power_now`|`current_now`,
/// `time_to_empty_now`, `capacity` and `status`; and `AC0/online` or `AC/online`
/// next to it.
///
/// `secsleft` is [`BatteryTime::Unlimited`] when plugged in; else
/// `energy_now / |power_now| * 3600` seconds ([`BatteryTime::Unknown`] when the power
/// is 0); else `time_to_empty_now * 60` (psutil #2605 reads that file as minutes);
/// else unknown. `None` is returned without a battery, without the power_supply class
/// (psutil raises `FileNotFoundError` there), or when neither the energy pair nor
/// `capacity` can be read.
///
/// Difference from psutil 7.2.2: a negative estimate (a negative `energy_now`, or a
/// `time_to_empty_now` below 0) is [`BatteryTime::Unknown`]; psutil returns the
/// negative number for the first.
///
/// # Errors
/// [`Error::Parse`] when an attribute the computation uses is not an integer (psutil
/// raises `TypeError`/`ValueError`).
pub fn sensors_battery() -> Result<Option<Battery>> {
    Root::current().sensors_battery()
}
