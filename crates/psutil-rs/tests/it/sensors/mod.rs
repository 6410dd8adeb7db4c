//! sensors_temperatures / sensors_fans / sensors_battery.
//!
//! This machine has no hwmon, thermal zones or power supplies, so the live test only
//! checks the empty results against psutil. The rest runs on sysfs trees imitating
//! real hardware (committed under fixtures/linux/, or built with TempTree), and checks
//! each against two independent sources:
//! - psutil 7.2.2's own `_pslinux` code run on the same tree (tests/it/psutil_sysfs.py
//!   redirects its `/sys` paths; nothing else is changed), for equality;
//! - values computed here from the fixture numbers with psutil's documented rules.

use std::path::Path;

use psutil_rs::os::linux::Root;
use psutil_rs::{BatteryTime, Error};
use serde_json::{json, Value};

use crate::users::field_order;
use crate::util::*;

mod battery;
mod order;

/// psutil's sensors functions run on the tree at `dir` (see psutil_sysfs.py).
fn psutil_on(dir: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/psutil_sysfs.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(dir)
        .output()
        .expect("python3 must be installed");
    assert!(
        out.status.success(),
        "psutil_sysfs.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    normalize(v, false)
}

fn kind(e: &Error) -> &'static str {
    match e {
        // psutil raises ValueError or TypeError where we give Parse.
        Error::Parse { .. } => "ValueError",
        Error::NotFound { .. } => "FileNotFoundError",
        _ => "OSError",
    }
}

fn res<T: serde::Serialize>(r: psutil_rs::Result<T>) -> Value {
    match r {
        Ok(v) => json!({ "ok": ours(&v) }),
        Err(e) => json!({ "err": kind(&e) }),
    }
}

/// Our four results on `root`, in psutil_sysfs.py's shape.
fn ours_on(root: &Root) -> Value {
    normalize(
        json!({
            "temperatures": res(root.sensors_temperatures()),
            "temperatures_f": res(root.sensors_temperatures_fahrenheit()),
            "fans": res(root.sensors_fans()),
            "battery": res(root.sensors_battery()),
        }),
        true,
    )
}

/// Every number as the bits of its f64 value (psutil's percent is an int when it
/// comes from `capacity`; ours is always f64), exact on both sides (psutil_sysfs.py
/// writes the bits already); TypeError as ValueError.
fn normalize(v: Value, numbers: bool) -> Value {
    match v {
        Value::Number(n) if numbers => json!(n.as_f64().unwrap().to_bits() as i64),
        Value::Array(a) => Value::Array(a.into_iter().map(|v| normalize(v, numbers)).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (k, normalize(v, numbers)))
                .collect(),
        ),
        Value::String(s) if s == "TypeError" => json!("ValueError"),
        other => other,
    }
}

/// Asserts our results on `dir` equal psutil's, and returns ours.
#[track_caller]
fn same_as_psutil(dir: &Path) -> Value {
    let o = ours_on(&Root::under(dir));
    let mut p = psutil_on(dir);
    if !dir.join("sys/class/power_supply").exists() {
        // Documented difference: psutil raises FileNotFoundError, we say "no battery".
        assert_eq!(p["battery"], json!({ "err": "FileNotFoundError" }));
        p["battery"] = json!({ "ok": null });
    }
    assert_eq!(o, p, "ours (left) vs psutil (right) on {}", dir.display());
    // `Value` equality ignores the order of object keys: compare the chips' order
    // (psutil's dict order) separately.
    for k in ["temperatures", "temperatures_f", "fans"] {
        assert_eq!(
            chips(&o[k]),
            chips(&p[k]),
            "{k} key order: ours (left) vs psutil (right) on {}",
            dir.display()
        );
    }
    o
}

/// The chip names of an `{"ok": {chip: [...]}}` result, in its order (serde_json
/// keeps it: `preserve_order`); empty for an error.
fn chips(res: &Value) -> Vec<String> {
    res["ok"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// psutil's `shwtemp(label, current, high, critical)`, to compare with a
/// [`psutil_rs::Temperature`] (which is `#[non_exhaustive]`: other crates cannot write
/// one).
#[derive(Debug)]
struct Temp {
    label: String,
    current: f64,
    high: Option<f64>,
    critical: Option<f64>,
}

impl PartialEq<Temp> for psutil_rs::Temperature {
    fn eq(&self, want: &Temp) -> bool {
        (&self.label, self.current, self.high, self.critical)
            == (&want.label, want.current, want.high, want.critical)
    }
}

/// A [`Temp`] from the sysfs values, in millidegrees.
fn temp(label: &str, current_milli: f64, high: Option<f64>, crit: Option<f64>) -> Temp {
    Temp {
        label: label.into(),
        current: current_milli / 1000.0,
        high: high.map(|v| v / 1000.0),
        critical: crit.map(|v| v / 1000.0),
    }
}

/// A fan as `(label, current)`.
fn fan(f: &psutil_rs::Fan) -> (&str, i64) {
    (f.label.as_str(), f.current)
}

#[test]
fn live_matches_psutil() {
    // This VM: no /sys/class/hwmon, empty thermal and power_supply classes.
    assert_eq!(
        ours(&psutil_rs::sensors_temperatures().unwrap()),
        psutil("psutil.sensors_temperatures()")
    );
    assert_eq!(
        ours(&psutil_rs::sensors_temperatures_fahrenheit().unwrap()),
        psutil("psutil.sensors_temperatures(fahrenheit=True)")
    );
    assert_eq!(
        ours(&psutil_rs::sensors_fans().unwrap()),
        psutil("psutil.sensors_fans()")
    );
    assert_eq!(
        ours(&psutil_rs::sensors_battery().unwrap()),
        psutil("psutil.sensors_battery()")
    );
}

#[test]
fn field_names_match_psutil() {
    // The structs are #[non_exhaustive]: values from the laptop capture.
    let root = Root::under(fixture("laptop-hwmon"));
    let t = &root.sensors_temperatures().unwrap()["acpitz"][0];
    assert_eq!(field_order(t), ["label", "current", "high", "critical"]);
    let f = &root.sensors_fans().unwrap()["thinkpad"][0];
    assert_eq!(field_order(f), ["label", "current"]);
    let b = root.sensors_battery().unwrap().unwrap();
    assert_eq!(field_order(&b), ["percent", "secsleft", "power_plugged"]);
    // ...and psutil's namedtuples have the same fields in the same order.
    assert_eq!(
        psutil("[psutil._ntuples.shwtemp._fields, psutil._ntuples.sfan._fields, psutil._ntuples.sbattery._fields, psutil._ntuples.suser._fields]"),
        json!([
            ["label", "current", "high", "critical"],
            ["label", "current"],
            ["percent", "secsleft", "power_plugged"],
            ["name", "terminal", "host", "started", "pid"]
        ])
    );
    // psutil's sentinels: POWER_TIME_UNKNOWN == -1, POWER_TIME_UNLIMITED == -2.
    assert_eq!(
        ours(&BatteryTime::Unknown),
        psutil("psutil.POWER_TIME_UNKNOWN")
    );
    assert_eq!(
        ours(&BatteryTime::Unlimited),
        psutil("psutil.POWER_TIME_UNLIMITED")
    );
    assert_eq!(ours(&BatteryTime::Seconds(7)), json!(7));
}

#[test]
fn laptop_fixture() {
    let dir = fixture("laptop-hwmon");
    same_as_psutil(&dir);
    let root = Root::under(&dir);
    let t = root.sensors_temperatures().unwrap();
    assert_eq!(t.len(), 4);
    // The order of the sorted hwmon paths (hwmon0..3), not of the names.
    let names: Vec<&str> = t.keys().map(String::as_str).collect();
    assert_eq!(names, ["acpitz", "nvme", "thinkpad", "coretemp"]);
    assert_eq!(
        t["acpitz"],
        [temp("", 48000.0, Some(128000.0), Some(128000.0))]
    );
    assert_eq!(
        t["nvme"],
        [
            temp("Composite", 36850.0, Some(83850.0), Some(84850.0)),
            // only _max: copied to critical
            temp("Sensor 1", 36850.0, Some(65261850.0), Some(65261850.0)),
            temp("Sensor 2", 41850.0, Some(65261850.0), Some(65261850.0)),
        ]
    );
    // coretemp appears once, although it is reachable from both class/hwmon/hwmon3
    // and devices/platform/coretemp.0/hwmon/hwmon3.
    let labels: Vec<_> = t["coretemp"].iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Package id 0", "Core 0", "Core 1", "Core 2", "Core 3"]
    );
    assert_eq!(
        t["coretemp"][0],
        temp("Package id 0", 51000.0, Some(100000.0), Some(100000.0))
    );
    let tp: Vec<f64> = t["thinkpad"].iter().map(|s| s.current).collect();
    assert_eq!(tp, [48.0, 0.0, 36.0, 0.0, 47.0]);

    let f = root.sensors_temperatures_fahrenheit().unwrap();
    assert_eq!(f["acpitz"][0].current, 48.0 * 9.0 / 5.0 + 32.0);
    assert_eq!(f["acpitz"][0].critical, Some(128.0 * 9.0 / 5.0 + 32.0));

    let fans = root.sensors_fans().unwrap();
    assert_eq!(fans.len(), 1);
    let thinkpad: Vec<_> = fans["thinkpad"].iter().map(fan).collect();
    assert_eq!(thinkpad, [("", 2890)]);

    // BAT0 (min of BAT0, BAT1, hidpp_battery_0), AC/online = 0.
    let b = root.sensors_battery().unwrap().unwrap();
    assert_eq!(b.percent, 100.0 * 17620000.0 / 22580000.0);
    assert_eq!(
        b.secsleft,
        BatteryTime::Seconds((17620000.0 / 8473000.0 * 3600.0) as u64)
    );
    assert_eq!(b.power_plugged, Some(false));
}

#[test]
fn desktop_fixture() {
    let dir = fixture("desktop-nct6775");
    same_as_psutil(&dir);
    let root = Root::under(&dir);
    let t = root.sensors_temperatures().unwrap();
    // Sorted as strings: temp1, temp10, temp14, temp2, temp32, temp6.
    let labels: Vec<_> = t["coretemp"].iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Package id 0",
            "Core 8",
            "Core 12",
            "Core 0",
            "Core 32",
            "Core 4"
        ]
    );
    assert_eq!(
        t["coretemp"][1],
        temp("Core 8", 43000.0, Some(80000.0), Some(100000.0))
    );
    assert_eq!(
        t["nct6798"],
        [
            temp("SYSTIN", 33000.0, Some(80000.0), Some(80000.0)),
            temp("PCH_CHIP_CPU_MAX_TEMP", 0.0, None, None),
            temp("CPUTIN", 40500.0, Some(80000.0), Some(80000.0)),
            temp("AUXTIN0", 127000.0, None, None),
            // only _crit: copied to high
            temp("PECI Agent 0", 41000.0, Some(100000.0), Some(100000.0)),
        ]
    );
    let fans = root.sensors_fans().unwrap();
    let rpm: Vec<i64> = fans["nct6798"].iter().map(|f| f.current).collect();
    assert_eq!(rpm, [0, 1043, 0, 712, 0, 0, 1488]);
    // The only power_supply entry is a wireless mouse, which psutil takes as the
    // battery: capacity 55, status Discharging, no AC entry.
    let b = root.sensors_battery().unwrap().unwrap();
    assert_eq!(
        (b.percent, b.secsleft, b.power_plugged),
        (55.0, BatteryTime::Unknown, Some(false))
    );
}

#[test]
fn thermal_only_fixture() {
    let dir = fixture("thermal-only");
    same_as_psutil(&dir);
    let root = Root::under(&dir);
    let t = root.sensors_temperatures().unwrap();
    assert_eq!(t.len(), 3);
    // thermal_zone0 then thermal_zone10 (string order); trip_point_0 is critical.
    assert_eq!(
        t["acpitz"],
        [
            temp("", 27800.0, Some(119000.0), Some(119000.0)),
            temp("", 29800.0, None, None)
        ]
    );
    assert_eq!(t["INT3400 Thermal"], [temp("", 20000.0, None, None)]);
    // passive trip points are neither high nor critical.
    assert_eq!(t["x86_pkg_temp"], [temp("", 45000.0, None, None)]);
    assert!(root.sensors_fans().unwrap().is_empty());
    // BAT1 with charge_*; ADP1 is not an adapter name psutil reads, so status decides.
    let b = root.sensors_battery().unwrap().unwrap();
    assert_eq!(b.percent, 100.0 * 2412000.0 / 3768000.0);
    assert_eq!(
        (b.secsleft, b.power_plugged),
        (BatteryTime::Unlimited, Some(true))
    );
}

#[test]
fn hwmon_quirks() {
    // hwmon0: old "device/" layout (CentOS, psutil #971), name in device/.
    // hwmon1: unreadable input (a directory stands in for ENXIO/EIO), garbage input,
    //         _max of 0 (falsy: critical is copied to high), garbage _crit.
    // hwmon2: no name file: every sensor skipped.
    let t = TempTree::new(&[
        ("sys/class/hwmon/hwmon0/device/name", b"it8721\n"),
        ("sys/class/hwmon/hwmon0/device/temp1_input", b"30000\n"),
        ("sys/class/hwmon/hwmon0/device/temp1_label", b"  CPU \n"),
        ("sys/class/hwmon/hwmon1/name", b"chip\n"),
        ("sys/class/hwmon/hwmon1/temp1_input/x", b""),
        ("sys/class/hwmon/hwmon1/temp1_label", b"broken\n"),
        ("sys/class/hwmon/hwmon1/temp2_input", b"N/A\n"),
        ("sys/class/hwmon/hwmon1/temp3_input", b"-5500\n"),
        ("sys/class/hwmon/hwmon1/temp3_max", b"0\n"),
        ("sys/class/hwmon/hwmon1/temp3_crit", b"90000\n"),
        ("sys/class/hwmon/hwmon1/temp4_input", b"12345\n"),
        ("sys/class/hwmon/hwmon1/temp4_crit", b"\n"),
        ("sys/class/hwmon/hwmon2/temp1_input", b"40000\n"),
        // thermal zones are ignored: hwmon has temp files
        ("sys/class/thermal/thermal_zone0/type", b"acpitz\n"),
        ("sys/class/thermal/thermal_zone0/temp", b"1000\n"),
    ]);
    same_as_psutil(&t.dir);
    let got = t.root().sensors_temperatures().unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got["it8721"], [temp("CPU", 30000.0, None, None)]);
    assert_eq!(
        got["chip"],
        [
            temp("", -5500.0, Some(90000.0), Some(90000.0)),
            temp("", 12345.0, None, None)
        ]
    );
    // In °F the 0 °C max is 32 °F, which is truthy: no copy.
    let f = t.root().sensors_temperatures_fahrenheit().unwrap();
    assert_eq!(f["chip"][0].high, Some(32.0));
    assert_eq!(f["chip"][0].critical, Some(90.0 * 9.0 / 5.0 + 32.0));
    assert_eq!(f["chip"][0].current, -5.5 * 9.0 / 5.0 + 32.0);
}

#[test]
fn unreadable_hwmon_blocks_thermal_fallback() {
    // psutil falls back to thermal zones only when hwmon has no temp*_* file at all.
    let t = TempTree::new(&[
        ("sys/class/hwmon/hwmon0/name", b"chip\n"),
        ("sys/class/hwmon/hwmon0/temp1_input/x", b""),
        ("sys/class/thermal/thermal_zone0/type", b"acpitz\n"),
        ("sys/class/thermal/thermal_zone0/temp", b"1000\n"),
    ]);
    same_as_psutil(&t.dir);
    assert!(t.root().sensors_temperatures().unwrap().is_empty());
    // Without the hwmon file, the zone is used.
    let t = TempTree::new(&[
        ("sys/class/hwmon/hwmon0/name", b"chip\n"),
        ("sys/class/hwmon/hwmon0/fan1_input", b"100\n"),
        ("sys/class/thermal/thermal_zone0/type", b"acpitz\n"),
        ("sys/class/thermal/thermal_zone0/temp", b"1000\n"),
        // a zone whose temp cannot be read (iwlwifi gives ENODATA when down): skipped
        ("sys/class/thermal/thermal_zone1/type", b"iwlwifi_1\n"),
        ("sys/class/thermal/thermal_zone1/temp/x", b""),
    ]);
    same_as_psutil(&t.dir);
    let got = t.root().sensors_temperatures().unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got["acpitz"], [temp("", 1000.0, None, None)]);
}

#[test]
fn thermal_trip_points() {
    // Several trip points: psutil 7.2.2 re-divides an already converted trip
    // temperature by 1000 on every later loop iteration, in set (hash) order, so its
    // result varies between runs; we apply the documented rule. Checked against the
    // fixture numbers only.
    let t = TempTree::new(&[
        ("sys/class/thermal/thermal_zone0/type", b"pch_skylake\n"),
        ("sys/class/thermal/thermal_zone0/temp", b"43500\n"),
        (
            "sys/class/thermal/thermal_zone0/trip_point_0_type",
            b"critical\n",
        ),
        (
            "sys/class/thermal/thermal_zone0/trip_point_0_temp",
            b"115000\n",
        ),
        (
            "sys/class/thermal/thermal_zone0/trip_point_1_type",
            b"high\n",
        ),
        (
            "sys/class/thermal/thermal_zone0/trip_point_1_temp",
            b"95000\n",
        ),
        (
            "sys/class/thermal/thermal_zone0/trip_point_2_type",
            b"passive\n",
        ),
        (
            "sys/class/thermal/thermal_zone0/trip_point_2_temp",
            b"90000\n",
        ),
        // only a high trip: copied to critical
        ("sys/class/thermal/thermal_zone1/type", b"soc\n"),
        ("sys/class/thermal/thermal_zone1/temp", b"50000\n"),
        (
            "sys/class/thermal/thermal_zone1/trip_point_0_type",
            b"high\n",
        ),
        (
            "sys/class/thermal/thermal_zone1/trip_point_0_temp",
            b"85000\n",
        ),
    ]);
    let got = t.root().sensors_temperatures().unwrap();
    assert_eq!(
        got["pch_skylake"],
        [temp("", 43500.0, Some(95000.0), Some(115000.0))]
    );
    assert_eq!(
        got["soc"],
        [temp("", 50000.0, Some(85000.0), Some(85000.0))]
    );
}

#[test]
fn coretemp_platform_without_class_twin() {
    // A coretemp hwmon visible under devices/platform but not under class/hwmon.
    // psutil 7.2.2 compares these file paths with base names, never finds them, and
    // reads "<file>_input" which does not exist: it reports nothing (and, the list
    // being non-empty, skips the thermal zones too). We follow the documented intent
    // and report the sensor.
    let t = TempTree::new(&[
        (
            "sys/devices/platform/coretemp.0/hwmon/hwmon1/name",
            b"coretemp\n",
        ),
        (
            "sys/devices/platform/coretemp.0/hwmon/hwmon1/temp1_input",
            b"45000\n",
        ),
        (
            "sys/devices/platform/coretemp.0/hwmon/hwmon1/temp1_label",
            b"Package id 0\n",
        ),
        (
            "sys/devices/platform/coretemp.0/hwmon/hwmon1/temp1_crit",
            b"100000\n",
        ),
        ("sys/class/thermal/thermal_zone0/type", b"acpitz\n"),
        ("sys/class/thermal/thermal_zone0/temp", b"1000\n"),
    ]);
    let p = psutil_on(&t.dir);
    assert_eq!(p["temperatures"], json!({ "ok": {} }));
    assert_eq!(p["fans"], json!({ "ok": {} }));
    let got = t.root().sensors_temperatures().unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got["coretemp"],
        [temp(
            "Package id 0",
            45000.0,
            Some(100000.0),
            Some(100000.0)
        )]
    );
}

#[test]
fn fans_device_fallback_and_errors() {
    // fan files only under device/: used, because hwmon*/fan*_* finds nothing.
    let t = TempTree::new(&[
        ("sys/class/hwmon/hwmon0/device/name", b"w83627ehf\n"),
        ("sys/class/hwmon/hwmon0/device/fan1_input", b"1200\n"),
        ("sys/class/hwmon/hwmon0/device/fan1_label", b"CPU fan\n"),
        ("sys/class/hwmon/hwmon0/device/fan2_input/x", b""),
        (
            "sys/class/hwmon/hwmon0/device/fan2_label",
            b"unreadable: skipped\n",
        ),
    ]);
    same_as_psutil(&t.dir);
    let fans = t.root().sensors_fans().unwrap();
    let w83627ehf: Vec<_> = fans["w83627ehf"].iter().map(fan).collect();
    assert_eq!(w83627ehf, [("CPU fan", 1200)]);
    // A non-integer fan input: psutil raises ValueError, we return a Parse error.
    let t = TempTree::new(&[
        ("sys/class/hwmon/hwmon0/name", b"x\n"),
        ("sys/class/hwmon/hwmon0/fan1_input", b"1.5\n"),
    ]);
    same_as_psutil(&t.dir);
    let e = t.root().sensors_fans().unwrap_err();
    assert!(matches!(e, Error::Parse { .. }), "{e}");
    assert!(e.to_string().contains("fan1_input"), "{e}");
    // No name file: psutil raises FileNotFoundError, we return NotFound.
    let t = TempTree::new(&[("sys/class/hwmon/hwmon0/fan1_input", b"900\n")]);
    same_as_psutil(&t.dir);
    assert!(t.root().sensors_fans().unwrap_err().is_not_found());
}
