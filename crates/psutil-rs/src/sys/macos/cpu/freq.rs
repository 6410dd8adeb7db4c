//! `cpu_freq()` on macOS. Intel: `hw.cpufrequency`, `hw.cpufrequency_min`,
//! `hw.cpufrequency_max` (Hz; a failing one reads 0). Apple Silicon: the IOKit
//! `AppleARMIODevice` entry named `pmgr`, its `voltage-states5-sram` (performance
//! cores) and `voltage-states1-sram` (efficiency cores) properties; psutil lacks
//! `cpu_freq` where that entry is missing, here an empty list (`cpu_freq()` gives
//! `None`).

use crate::cpu::freq::CpuFreq;
use crate::error::Result;

/// Intel Macs: the three sysctls, Hz → MHz.
#[cfg(target_arch = "x86_64")]
fn read() -> Option<CpuFreq> {
    use super::super::sysctl;
    let mhz = |name: &str| sysctl::uint_by_name(name).map_or(0.0, |hz| hz as f64 / 1e6);
    Some(CpuFreq {
        current: mhz("hw.cpufrequency"),
        min: mhz("hw.cpufrequency_min"),
        max: mhz("hw.cpufrequency_max"),
    })
}

/// Apple Silicon: the `pmgr` entry's voltage states.
#[cfg(not(target_arch = "x86_64"))]
fn read() -> Option<CpuFreq> {
    use super::super::iokit::{dict_data, IoObject};
    use crate::parse::macos::voltage_states::{cpu_freq, frequencies_mhz};
    let pmgr = IoObject::matching("AppleARMIODevice")?
        .into_iter()
        .find(|e| e.name().as_deref() == Some("pmgr"))?;
    let props = pmgr.properties()?;
    let p = frequencies_mhz(&dict_data(props.get(), "voltage-states5-sram")?);
    let e = dict_data(props.get(), "voltage-states1-sram")
        .map(|d| frequencies_mhz(&d))
        .unwrap_or_default();
    let (current, min, max) = cpu_freq(&p, &e)?;
    Some(CpuFreq { current, min, max })
}

/// `cpu_freq(percpu=True)`: one entry for the whole machine, as psutil.
pub(crate) fn cpu_freq_percpu() -> Result<Vec<CpuFreq>> {
    Ok(read().into_iter().collect())
}

/// `cpu_freq()`.
pub(crate) fn cpu_freq() -> Result<Option<CpuFreq>> {
    Ok(read())
}
