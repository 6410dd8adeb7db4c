//! Sensors on FreeBSD: `sensors_battery()` (`hw.acpi.battery.*`, `hw.acpi.acline`) and
//! `sensors_temperatures()` (`dev.cpu.<n>.temperature`, `dev.cpu.<n>.coretemp.tjmax`,
//! from the `coretemp(4)` / `amdtemp(4)` drivers). psutil has no `sensors_fans()` on
//! FreeBSD.

use indexmap::IndexMap;

use super::sysctl;
use crate::error::Result;
use crate::parse::freebsd::{battery, values};
use crate::sensors::Battery;

/// `sensors_battery()`: `None` without ACPI battery sysctls (`ENOENT`), as psutil.
pub(crate) fn sensors_battery() -> Result<Option<Battery>> {
    let read = |name: &str| sysctl::int(name);
    let (life, time, acline) = match (
        read("hw.acpi.battery.life"),
        read("hw.acpi.battery.time"),
        read("hw.acpi.acline"),
    ) {
        (Ok(l), Ok(t), Ok(a)) => (l, t, a),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            if e.raw_os_error() == Some(libc::ENOENT) {
                return Ok(None);
            }
            return Err(sysctl::error(e, "hw.acpi.battery"));
        }
    };
    Ok(Some(battery::battery(life, time, acline)))
}

/// One temperature sensor. psutil's `shwtemp` on FreeBSD (whole degrees Celsius, or
/// Fahrenheit from [`sensors_temperatures_fahrenheit`]).
///
/// FreeBSD and Linux only (psutil has it on both).
#[doc(alias = "shwtemp")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Temperature {
    /// `Core <n>`.
    pub label: String,
    /// `dev.cpu.<n>.temperature` (deci-Kelvin → °C, whole degrees).
    pub current: f64,
    /// `dev.cpu.<n>.coretemp.tjmax`, or `None` when the driver has none or it is not
    /// above 0 °C (psutil gives tjmax as both high and critical).
    pub high: Option<f64>,
    /// The same as `high`.
    pub critical: Option<f64>,
}

/// `sensors_temperatures()`: one `coretemp` list with a `Core <n>` entry per CPU whose
/// `dev.cpu.<n>.temperature` exists; empty when no CPU has one (no driver loaded).
pub fn sensors_temperatures() -> Result<IndexMap<String, Vec<Temperature>>> {
    let n = super::cpu::cpu_count().unwrap_or(1);
    let mut list = Vec::new();
    for cpu in 0..n {
        let Ok(dk) = sysctl::int(&format!("dev.cpu.{cpu}.temperature")) else {
            continue;
        };
        let tjmax = sysctl::int(&format!("dev.cpu.{cpu}.coretemp.tjmax"))
            .ok()
            .map(values::decikelvin_to_celsius)
            .filter(|&t| t > 0.0);
        list.push(Temperature {
            label: format!("Core {cpu}"),
            current: values::decikelvin_to_celsius(dk),
            high: tjmax,
            critical: tjmax,
        });
    }
    let mut out = IndexMap::new();
    if !list.is_empty() {
        out.insert("coretemp".to_string(), list);
    }
    Ok(out)
}

/// [`sensors_temperatures`] in degrees Fahrenheit (psutil's `fahrenheit=True`).
pub fn sensors_temperatures_fahrenheit() -> Result<IndexMap<String, Vec<Temperature>>> {
    let f = |c: f64| c * 9.0 / 5.0 + 32.0;
    let mut all = sensors_temperatures()?;
    for t in all.values_mut().flatten() {
        t.current = f(t.current);
        t.high = t.high.map(f);
        t.critical = t.critical.map(f);
    }
    Ok(all)
}
