//! Faults in the hwmon, thermal and power_supply trees, and in utmp.

use super::*;

#[test]
fn sensors_temperatures_faults() {
    let h = "sys/class/hwmon/hwmon0";
    let files: Vec<(String, &[u8])> = vec![
        (format!("{h}/name"), b"chip\xff\n"),
        (format!("{h}/temp1_input"), b"45000\n"),
        (format!("{h}/temp1_label"), b"Core \xe9\n"),
        (format!("{h}/temp1_max"), b"garbage\n"),
        (format!("{h}/temp1_crit"), b"100000\n"),
        (format!("{h}/temp2_input"), b"hot\n"),
        (format!("{h}/temp3_input"), b""),
        (format!("{h}/temp4_input"), b"-12500\n"),
        (format!("{h}/temp5_input"), b"18446744073709551615\n"),
        (format!("{h}/temp5_max"), b"-1\n"),
        // A chip without a name file is skipped (psutil #1009 and friends).
        ("sys/class/hwmon/hwmon1/temp1_input".into(), b"1000\n"),
    ];
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (p.as_str(), *d)).collect();
    let temps = tree(&refs).root().sensors_temperatures().unwrap();
    assert_eq!(temps.len(), 1, "{temps:?}");
    let chip = &temps["chip\u{fffd}"];
    let currents: Vec<f64> = chip.iter().map(|t| t.current).collect();
    assert_eq!(currents, [45.0, -12.5, u64::MAX as f64 / 1000.0]);
    assert_eq!(chip[0].label, "Core \u{fffd}");
    // An unreadable _max is unset, so _crit is copied to it (psutil's rule).
    assert_eq!((chip[0].high, chip[0].critical), (Some(100.0), Some(100.0)));
    assert_eq!(
        (chip[2].high, chip[2].critical),
        (Some(-0.001), Some(-0.001))
    );
    // Empty and missing trees: an empty map.
    assert!(tree(&[]).root().sensors_temperatures().unwrap().is_empty());
    assert!(tree(&[("sys/class/hwmon/hwmon0/name", b"")])
        .root()
        .sensors_temperatures()
        .unwrap()
        .is_empty());
    // Thermal zones: a broken temp skips the zone, a broken trip point is unset.
    let z = "sys/class/thermal/thermal_zone0";
    let t = tree(&[
        (&format!("{z}/type"), b"acpitz\n"),
        (&format!("{z}/temp"), b"27800\n"),
        (&format!("{z}/trip_point_0_type"), b"critical\n"),
        (&format!("{z}/trip_point_0_temp"), b"x\n"),
        ("sys/class/thermal/thermal_zone1/type", b"broken\n"),
        ("sys/class/thermal/thermal_zone1/temp", b"\n"),
    ]);
    let temps = t.root().sensors_temperatures().unwrap();
    assert_eq!(temps.keys().collect::<Vec<_>>(), ["acpitz"]);
    assert_eq!(
        (temps["acpitz"][0].current, temps["acpitz"][0].critical),
        (27.8, None)
    );
    report("sensors_temperatures_faults");
}

#[test]
fn sensors_fans_faults() {
    let h = "sys/class/hwmon/hwmon0";
    let fans = |input: &[u8], name: Option<&[u8]>| {
        let mut files: Vec<(String, &[u8])> = vec![
            (format!("{h}/fan1_input"), input),
            (format!("{h}/fan1_label"), b"CPU \xff\n"),
        ];
        files.extend(name.map(|n| (format!("{h}/name"), n)));
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (p.as_str(), *d)).collect();
        tree(&refs).root().sensors_fans()
    };
    let f = fans(b"1200\n", Some(b"nct6798\n")).unwrap();
    assert_eq!(
        (f["nct6798"][0].current, f["nct6798"][0].label.as_str()),
        (1200, "CPU \u{fffd}")
    );
    // Negative: what the file says (psutil's int()); not an integer: an error naming
    // the file, as psutil raises; no chip name: the read error.
    assert_eq!(fans(b"-1\n", Some(b"x\n")).unwrap()["x"][0].current, -1);
    for bad in [&b"fast\n"[..], b"", b"18446744073709551615\n", b"1.5\n"] {
        parse_error(fans(bad, Some(b"x\n")), "fan1_input");
    }
    not_found(fans(b"1200\n", None), "hwmon0/name");
    assert!(tree(&[]).root().sensors_fans().unwrap().is_empty());
    report("sensors_fans_faults");
}

#[test]
fn sensors_battery_faults() {
    let ps = "sys/class/power_supply";
    let battery = |attrs: &[(&str, &[u8])]| {
        let files: Vec<(String, &[u8])> = attrs
            .iter()
            .map(|(n, d)| (format!("{ps}/BAT0/{n}"), *d))
            .collect();
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (p.as_str(), *d)).collect();
        tree(&refs).root().sensors_battery()
    };
    assert_eq!(tree(&[]).root().sensors_battery().unwrap(), None);
    // Neither the energy pair nor capacity: None; capacity -1: None.
    assert_eq!(battery(&[("status", b"Discharging\n")]).unwrap(), None);
    assert_eq!(battery(&[("capacity", b"-1\n")]).unwrap(), None);
    parse_error(battery(&[("capacity", b"full\n")]), "capacity");
    // A non-integer attribute used in the arithmetic is an error naming it.
    for bad in [&b"lots\n"[..], b"18446744073709551615\n", b"\n"] {
        parse_error(
            battery(&[("energy_now", bad), ("energy_full", b"100\n")]),
            "energy_now",
        );
    }
    // energy_full 0: percent 0 (documented, no division by zero).
    let b = battery(&[
        ("energy_now", b"50\n"),
        ("energy_full", b"0\n"),
        ("status", b"\xff\xfe\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(
        (b.percent, b.power_plugged, b.secsleft),
        (0.0, None, BatteryTime::Unknown)
    );
    // Negative energy or power: no negative time left; power 0: unknown.
    let b = battery(&[
        ("energy_now", b"-50\n"),
        ("energy_full", b"100\n"),
        ("power_now", b"10\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!((b.percent, b.secsleft), (-50.0, BatteryTime::Unknown));
    let b = battery(&[
        ("energy_now", b"50\n"),
        ("energy_full", b"100\n"),
        ("power_now", b"-9223372036854775808\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(b.secsleft, BatteryTime::Seconds(0));
    let b = battery(&[
        ("energy_now", b"50\n"),
        ("energy_full", b"100\n"),
        ("power_now", b"0\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(b.secsleft, BatteryTime::Unknown);
    let b = battery(&[
        ("capacity", b"80\n"),
        ("time_to_empty_now", b"-5\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!((b.percent, b.secsleft), (80.0, BatteryTime::Unknown));
    report("sensors_battery_faults");
}

// ----------------------------------------------------------------------------- users

fn utmp_record(ut_type: i16, pid: i32, user: &[u8], line: &[u8], host: &[u8], sec: i32) -> Vec<u8> {
    // glibc's x86_64 layout (Layout::Compat32), which this machine uses.
    let mut r = vec![0u8; 384];
    r[0..2].copy_from_slice(&ut_type.to_ne_bytes());
    r[4..8].copy_from_slice(&pid.to_ne_bytes());
    r[8..8 + line.len()].copy_from_slice(line);
    r[44..44 + user.len()].copy_from_slice(user);
    r[76..76 + host.len()].copy_from_slice(host);
    r[340..344].copy_from_slice(&sec.to_ne_bytes());
    r
}

#[test]
fn users_faults() {
    // Missing or empty utmp: nobody (psutil's answer on systems without utmp).
    assert!(tree(&[]).root().users().unwrap().is_empty());
    assert!(tree(&[("run/utmp", b"")])
        .root()
        .users()
        .unwrap()
        .is_empty());
    if cfg!(not(target_arch = "x86_64")) {
        return;
    }
    let rec = [
        utmp_record(7, 1234, b"al\xffce", b"pts/0", b"", 1_700_000_000),
        utmp_record(8, 1, b"dead", b"pts/1", b"", 1),
        // Every string field full (no NUL), a negative pid, a time before 1970.
        utmp_record(7, -5, &[b'u'; 32], &[b'l'; 32], &[b'h'; 256], -1),
    ]
    .concat();
    for cut in [0, 1, 383, 384, 385, 767, 768, 1151, 1152] {
        let users = tree(&[("run/utmp", &rec[..cut])]).root().users().unwrap();
        // Only whole records count: a trailing partial one is ignored.
        let whole = [0, 1, 1, 2][cut / 384];
        assert_eq!(users.len(), whole, "cut {cut}");
    }
    let users = tree(&[("run/utmp", &rec)]).root().users().unwrap();
    assert_eq!(users[0].name.as_bytes(), b"al\xffce");
    assert_eq!(
        (users[0].host.as_bytes(), users[0].pid, users[0].started),
        (&b"localhost"[..], 1234, 1.7e9)
    );
    assert_eq!((users[1].name.len(), users[1].host.len()), (32, 256));
    assert_eq!(
        users[1].terminal.as_deref(),
        Some(OsStr::from_bytes(&[b'l'; 32]))
    );
    assert_eq!((users[1].pid, users[1].started), (0, -1.0));
    // A directory where the file should be: an I/O error, not an empty list.
    let t = tree(&[("run/utmp/x", b"")]);
    assert!(t.root().users().is_err());
    report("users_faults");
}

/// The roots above are all fixtures; make sure none of them is taken for the host.
#[test]
fn fault_roots_are_not_the_host() {
    let t = tree(&[]);
    assert!(!t.root().is_host());
    assert!(!Root::under(Path::new("/")).is_host());
}
