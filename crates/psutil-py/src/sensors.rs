//! Hardware sensors: temperatures, fans and battery, from `/sys`.

use pyo3::prelude::*;

use psutil_rs::BatteryTime;

use crate::errors::IntoPy;
use crate::root::tree;

/// shwtemp's values: label, current, high, critical.
type Shwtemp = (String, f64, Option<f64>, Option<f64>);
/// sfan's values: label, current (RPM).
type Sfan = (String, i64);

/// `sensors_temperatures(fahrenheit)` as `(chip, [shwtemp values])` pairs, in the
/// core map's order (psutil's). `root` is the private test hook (a tree with `sys/`), `None` for the host.
#[pyfunction]
#[pyo3(signature = (fahrenheit, root=None))]
fn sensors_temperatures(
    py: Python<'_>,
    fahrenheit: bool,
    root: Option<&str>,
) -> PyResult<Vec<(String, Vec<Shwtemp>)>> {
    let r = tree(root);
    let map = py
        .detach(|| {
            if fahrenheit {
                r.sensors_temperatures_fahrenheit()
            } else {
                r.sensors_temperatures()
            }
        })
        .py_err(py)?;
    Ok(map
        .into_iter()
        .map(|(k, temps)| {
            let temps = temps
                .into_iter()
                .map(|t| (t.label, t.current, t.high, t.critical))
                .collect();
            (k, temps)
        })
        .collect())
}

/// `sensors_fans()` as `(chip, [(label, rpm)])` pairs, in the core map's order.
#[pyfunction]
#[pyo3(signature = (root=None))]
fn sensors_fans(py: Python<'_>, root: Option<&str>) -> PyResult<Vec<(String, Vec<Sfan>)>> {
    let r = tree(root);
    let map = py.detach(|| r.sensors_fans()).py_err(py)?;
    Ok(map
        .into_iter()
        .map(|(k, fans)| (k, fans.into_iter().map(|f| (f.label, f.current)).collect()))
        .collect())
}

/// `sensors_battery()` as `(percent, secsleft, power_plugged)`, secsleft as seconds or
/// psutil's sentinel number (-1 unknown, -2 unlimited; the Python side makes them
/// `BatteryTime` members); `None` without a battery.
#[pyfunction]
#[pyo3(signature = (root=None))]
fn sensors_battery(
    py: Python<'_>,
    root: Option<&str>,
) -> PyResult<Option<(f64, i64, Option<bool>)>> {
    let r = tree(root);
    let b = py.detach(|| r.sensors_battery()).py_err(py)?;
    Ok(b.map(|b| {
        let secs = match b.secsleft {
            BatteryTime::Seconds(_) => b.secsleft.as_psutil(),
            BatteryTime::Unknown => BatteryTime::POWER_TIME_UNKNOWN,
            BatteryTime::Unlimited => BatteryTime::POWER_TIME_UNLIMITED,
        };
        (b.percent, secs, b.power_plugged)
    }))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sensors_temperatures, m)?)?;
    m.add_function(wrap_pyfunction!(sensors_fans, m)?)?;
    m.add_function(wrap_pyfunction!(sensors_battery, m)?)?;
    Ok(())
}
