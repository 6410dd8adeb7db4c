//! `psutil sensors`: temperatures, fans and battery, grouped by chip like sensors(1).

use std::fmt::Write as _;

use crate::out::{self, CmdError};

fn secs(t: &psutil_rs::BatteryTime) -> String {
    match t {
        psutil_rs::BatteryTime::Seconds(s) => {
            format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
        }
        psutil_rs::BatteryTime::Unknown => "unknown".into(),
        psutil_rs::BatteryTime::Unlimited => "unlimited (plugged in)".into(),
    }
}

/// A sensor's label, or its chip's name when it has none (as sensors(1) shows it).
pub fn label_or_chip<'a>(label: &'a str, chip: &'a str) -> &'a str {
    if label.is_empty() {
        chip
    } else {
        label
    }
}

/// Chip names in sorted order, once each.
pub fn sorted_chips<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    let mut chips: Vec<&String> = names.collect();
    chips.sort();
    chips.dedup();
    chips
}

/// Prints every sensor.
pub fn run(json: bool) -> Result<(), CmdError> {
    let temps = psutil_rs::sensors_temperatures()?;
    let fans = psutil_rs::sensors_fans()?;
    let battery = psutil_rs::sensors_battery()?;
    if json {
        return out::json(&serde_json::json!({
            "sensors_temperatures": temps,
            "sensors_fans": fans,
            "sensors_battery": battery,
        }));
    }
    let mut s = String::new();
    for chip in sorted_chips(temps.keys().chain(fans.keys())) {
        writeln!(s, "{chip}")?;
        for t in temps.get(chip).into_iter().flatten() {
            let label = label_or_chip(&t.label, chip);
            write!(s, "    {:<20} {:>6.1} °C", format!("{label}:"), t.current)?;
            match (t.high, t.critical) {
                (Some(h), Some(c)) => write!(s, "  (high = {h:.1} °C, crit = {c:.1} °C)")?,
                (Some(h), None) => write!(s, "  (high = {h:.1} °C)")?,
                (None, Some(c)) => write!(s, "  (crit = {c:.1} °C)")?,
                (None, None) => {}
            }
            s.push('\n');
        }
        for f in fans.get(chip).into_iter().flatten() {
            let label = label_or_chip(&f.label, chip);
            writeln!(s, "    {:<20} {:>6} RPM", format!("{label}:"), f.current)?;
        }
        s.push('\n');
    }
    match battery {
        Some(b) => {
            writeln!(s, "Battery")?;
            writeln!(s, "    {:<20} {:>6.1} %", "charge:", b.percent)?;
            let plugged = match b.power_plugged {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown",
            };
            writeln!(s, "    {:<20} {plugged}", "plugged in:")?;
            writeln!(s, "    {:<20} {}", "left:", secs(&b.secsleft))?;
        }
        None if s.is_empty() => writeln!(s, "no sensors found")?,
        None => {}
    }
    out::print(&s)
}
