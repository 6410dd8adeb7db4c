//! `sensors_battery` on hand-written power_supply trees, against psutil.

use super::*;

/// A power_supply tree: `(path under sys/class/power_supply, contents)`.
fn ps(files: &[(&str, &str)]) -> TempTree {
    let owned: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, c)| {
            (
                format!("sys/class/power_supply/{p}"),
                format!("{c}\n").into_bytes(),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = owned
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    TempTree::new(&refs)
}

#[track_caller]
fn battery(t: &TempTree) -> Option<(f64, BatteryTime, Option<bool>)> {
    same_as_psutil(&t.dir);
    t.root()
        .sensors_battery()
        .unwrap()
        .map(|b| (b.percent, b.secsleft, b.power_plugged))
}

#[test]
fn battery_variants() {
    use BatteryTime::*;
    // charge_* / current_now, no AC entry: status decides.
    let t = ps(&[
        ("BAT1/charge_now", "2000000"),
        ("BAT1/charge_full", "3000000"),
        ("BAT1/current_now", "-700000"),
        ("BAT1/status", "Discharging"),
    ]);
    let secs = (2000000.0 / 700000.0 * 3600.0) as u64;
    assert_eq!(
        battery(&t),
        Some((100.0 * 2000000.0 / 3000000.0, Seconds(secs), Some(false)))
    );

    // Only capacity, unknown status: percent from capacity, nothing else known.
    let t = ps(&[("BAT0/capacity", "77"), ("BAT0/status", "Unknown")]);
    assert_eq!(battery(&t), Some((77.0, Unknown, None)));

    // Plugged and full (status Full, no AC entry), power 0.
    let t = ps(&[
        ("BAT0/energy_now", "50000000"),
        ("BAT0/energy_full", "50000000"),
        ("BAT0/power_now", "0"),
        ("BAT0/status", "Full"),
    ]);
    assert_eq!(battery(&t), Some((100.0, Unlimited, Some(true))));

    // AC0/online = 1 wins over a Discharging status.
    let t = ps(&[
        ("AC0/online", "1"),
        ("BAT0/capacity", "40"),
        ("BAT0/status", "Discharging"),
    ]);
    assert_eq!(battery(&t), Some((40.0, Unlimited, Some(true))));

    // AC/online not an integer: psutil compares bytes with 1, so "not plugged".
    let t = ps(&[("AC/online", "yes"), ("BAT0/capacity", "40")]);
    assert_eq!(battery(&t), Some((40.0, Unknown, Some(false))));

    // time_to_empty_now only (psutil multiplies by 60, #2605).
    let t = ps(&[
        ("BAT0/capacity", "50"),
        ("BAT0/time_to_empty_now", "90"),
        ("BAT0/status", "Discharging"),
    ]);
    assert_eq!(battery(&t), Some((50.0, Seconds(5400), Some(false))));
    let t = ps(&[("BAT0/capacity", "50"), ("BAT0/time_to_empty_now", "-3")]);
    assert_eq!(battery(&t), Some((50.0, Unknown, None)));

    // energy_full 0: percent 0; power_now 0 while discharging: unknown.
    let t = ps(&[
        ("BAT0/energy_now", "100"),
        ("BAT0/energy_full", "0"),
        ("BAT0/power_now", "0"),
        ("BAT0/status", "discharging"),
    ]);
    assert_eq!(battery(&t), Some((0.0, Unknown, Some(false))));

    // The smallest name wins; "battery" matches in any case; "Mains" is ignored.
    let t = ps(&[
        ("BAT1/capacity", "11"),
        ("BAT0/capacity", "22"),
        ("hidpp_battery_0/capacity", "33"),
        ("Mains/online", "1"),
    ]);
    assert_eq!(battery(&t).unwrap().0, 22.0);
    let t = ps(&[("ups_Battery/capacity", "33"), ("zzz/capacity", "1")]);
    assert_eq!(battery(&t).unwrap().0, 33.0);

    // No battery, capacity -1, or nothing readable: None.
    assert_eq!(battery(&ps(&[("AC/online", "1")])), None);
    assert_eq!(battery(&ps(&[("BAT0/capacity", "-1")])), None);
    assert_eq!(battery(&ps(&[("BAT0/status", "Full")])), None);
}

#[test]
fn battery_garbage_is_an_error_like_psutil() {
    // psutil: TypeError (bytes in arithmetic) / ValueError (int() of capacity).
    for files in [
        &[("BAT0/energy_now", "abc"), ("BAT0/energy_full", "100")][..],
        &[("BAT0/energy_now", "50"), ("BAT0/energy_full", "")],
        &[
            ("BAT0/energy_now", "50"),
            ("BAT0/energy_full", "100"),
            ("BAT0/power_now", "1.5"),
        ],
        &[("BAT0/capacity", "full")],
        &[("BAT0/capacity", "10"), ("BAT0/time_to_empty_now", "soon")],
    ] {
        let t = ps(files);
        same_as_psutil(&t.dir);
        let e = t.root().sensors_battery().unwrap_err();
        assert!(matches!(e, Error::Parse { .. }), "{files:?}: {e}");
    }
}

#[test]
fn no_power_supply_class() {
    // A kernel without CONFIG_POWER_SUPPLY: psutil's os.listdir raises
    // FileNotFoundError; we return None ("no battery"), as psutil documents.
    let t = TempTree::new(&[("sys/class/hwmon/.keep", b"")]);
    assert_eq!(
        psutil_on(&t.dir)["battery"],
        json!({ "err": "FileNotFoundError" })
    );
    assert_eq!(t.root().sensors_battery().unwrap(), None);
    // Nothing else there either.
    assert!(t.root().sensors_temperatures().unwrap().is_empty());
    assert!(t.root().sensors_fans().unwrap().is_empty());
}
