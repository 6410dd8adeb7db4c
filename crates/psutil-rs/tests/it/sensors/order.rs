//! Chip and thermal zone order: the sorted sensor paths, as psutil's.

use super::*;

/// Chips come in the order of their first readable sensor in the sorted list of
/// sensor paths (psutil's `sorted(set(...))` of strings, then dict insertion), not in
/// the order of their names nor of the hwmon numbers: `hwmon10` sorts before `hwmon2`,
/// `device/` sensors mix with the others by path, a chip seen again later keeps its
/// first place, and a chip whose first sensor is unreadable comes where its first
/// readable one does.
#[test]
fn chip_order_is_sorted_path_order() {
    let t = TempTree::new(&[
        ("sys/class/hwmon/hwmon2/name", b"alpha\n"),
        ("sys/class/hwmon/hwmon2/temp1_input", b"20000\n"),
        ("sys/class/hwmon/hwmon2/fan1_input", b"900\n"),
        ("sys/class/hwmon/hwmon10/name", b"zeta\n"),
        ("sys/class/hwmon/hwmon10/temp1_input", b"10000\n"),
        ("sys/class/hwmon/hwmon10/fan1_input", b"1000\n"),
        ("sys/class/hwmon/hwmon1/device/name", b"mid\n"),
        ("sys/class/hwmon/hwmon1/device/temp1_input", b"11000\n"),
        // same name as hwmon2's chip: merged into "alpha", which stays second
        ("sys/class/hwmon/hwmon3/name", b"alpha\n"),
        ("sys/class/hwmon/hwmon3/temp1_input", b"30000\n"),
        // first sensor unreadable: "beta" comes where temp2 does, i.e. still last
        ("sys/class/hwmon/hwmon4/name", b"beta\n"),
        ("sys/class/hwmon/hwmon4/temp1_input", b"N/A\n"),
        ("sys/class/hwmon/hwmon4/temp2_input", b"40000\n"),
        ("sys/class/hwmon/hwmon0/name", b"omega\n"),
        ("sys/class/hwmon/hwmon0/fan1_input", b"1100\n"),
    ]);
    same_as_psutil(&t.dir);
    let r = t.root();
    let temps = r.sensors_temperatures().unwrap();
    let names: Vec<&str> = temps.keys().map(String::as_str).collect();
    assert_eq!(names, ["mid", "zeta", "alpha", "beta"]);
    let cur: Vec<f64> = temps["alpha"].iter().map(|t| t.current).collect();
    assert_eq!(cur, [20.0, 30.0]);
    let f = r.sensors_temperatures_fahrenheit().unwrap();
    assert!(f.keys().eq(temps.keys()));
    let fans = r.sensors_fans().unwrap();
    let names: Vec<&str> = fans.keys().map(String::as_str).collect();
    assert_eq!(names, ["omega", "zeta", "alpha"]);
}

/// Thermal zones (no hwmon): the types in the order of the sorted zone paths, so
/// `thermal_zone10` sorts before `thermal_zone2` and a repeated type keeps its first
/// place.
#[test]
fn thermal_zone_order_is_sorted_path_order() {
    let dir = fixture("thermal-only");
    same_as_psutil(&dir);
    let t = Root::under(&dir).sensors_temperatures().unwrap();
    let names: Vec<&str> = t.keys().map(String::as_str).collect();
    assert_eq!(names, ["acpitz", "INT3400 Thermal", "x86_pkg_temp"]);
}
