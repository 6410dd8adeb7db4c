//! Boot time, users, battery and the Windows services.

use psutil_rs::{boot_time, sensors_battery, users, win_service_get, win_service_iter, Error};

use crate::system_host as host;

/// Wine's service control manager (services.exe, over RPC) now and then fails a call
/// made while other threads talk to it (`RPC_S_CALL_FAILED`): the service tests take
/// turns.
static SCM: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn scm_turn() -> std::sync::MutexGuard<'static, ()> {
    SCM.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `now − GetTickCount64` (QueryInterruptTime is missing from Wine 8) against the
/// host's btime: GetTickCount64 is host uptime (wine-coverage.md), so within 2 s.
#[test]
fn boot_time_matches_btime() {
    let b = boot_time().unwrap();
    let btime = host::btime() as f64;
    eprintln!("ours {b}, btime {btime}");
    assert!((b - btime).abs() <= 2.0, "{b} vs {btime}");
    assert!(b < host::now());
    // psutil's smoothing: the next call gives the same value.
    assert_eq!(boot_time().unwrap(), b);
}

/// `WTSEnumerateSessionsW` succeeds with no session under Wine (wine-coverage.md).
#[test]
fn users_are_none_under_wine() {
    assert_eq!(users().unwrap(), vec![]);
}

/// `GetSystemPowerStatus`: BatteryFlag 128 (no battery) on this host, which has no
/// battery in /sys/class/power_supply either.
#[test]
fn no_battery() {
    let dir = host::z("/sys/class/power_supply");
    let host_has_battery = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten().any(|e| {
                let n = e.file_name().to_string_lossy().to_lowercase();
                n.starts_with("bat") || n.contains("battery")
            })
        })
        .unwrap_or(false);
    let b = sensors_battery().unwrap();
    if host_has_battery {
        eprintln!("the host has a battery: {b:?}");
    } else {
        assert_eq!(b, None);
    }
}

/// Wine's own services (wine-coverage.md: 16 of them, `RpcSs` and `PlugPlay` among
/// them).
#[test]
fn service_iter_lists_wines_services() {
    let _turn = scm_turn();
    let all: Vec<_> = win_service_iter().unwrap().collect();
    let names: Vec<&str> = all.iter().map(|s| s.name()).collect();
    eprintln!("{names:?}");
    for want in ["RpcSs", "PlugPlay"] {
        assert!(names.contains(&want), "{want} not in {names:?}");
    }
    assert!(all.iter().all(|s| !s.display_name().is_empty()));
}

/// `win_service_get` and each accessor against the enumeration and each other.
#[test]
fn service_get_rpcss() {
    let _turn = scm_turn();
    let listed = win_service_iter()
        .unwrap()
        .find(|s| s.name() == "RpcSs")
        .expect("RpcSs");
    let s = win_service_get("RpcSs").unwrap();
    assert_eq!(s, listed);
    assert_eq!(s.display_name(), listed.display_name());
    let binpath = s.binpath().unwrap();
    assert!(binpath.to_lowercase().contains("rpcss"), "{binpath}");
    assert_eq!(s.username().unwrap(), "LocalSystem");
    assert!(["automatic", "manual", "disabled", "unknown"].contains(&s.start_type().unwrap()));
    let status = s.status().unwrap();
    let pid = s.pid().unwrap();
    eprintln!("{s} {status} {pid:?} {:?}", s.description());
    match status {
        "running" => assert!(pid.is_some()),
        "stopped" => assert_eq!(pid, None),
        _ => {}
    }
    let d = s.as_dict().unwrap();
    assert_eq!(d.name, "RpcSs");
    assert_eq!(d.display_name, s.display_name());
    assert_eq!(d.binpath, binpath);
    assert_eq!(d.description, s.description().unwrap());
    assert!(s.to_string().starts_with("WindowsService(name=\"RpcSs\""));
    // Windows matches service names without regard to case.
    assert_eq!(
        win_service_get("rpcss").unwrap().display_name(),
        s.display_name()
    );
}

/// Every service answers every accessor (Wine has no access checks), and a service
/// without a description (Wine's Winedevice ones) gives "".
#[test]
fn every_service_answers() {
    let _turn = scm_turn();
    for s in win_service_iter().unwrap() {
        let d = s.as_dict().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(d.name, s.name());
    }
}

/// An unknown name is NotFound naming the service (psutil's NoSuchProcess).
#[test]
fn unknown_service_is_not_found() {
    let _turn = scm_turn();
    match win_service_get("psutil-rs-no-such-service") {
        Err(e @ Error::NotFound { .. }) => {
            assert!(e.to_string().contains("psutil-rs-no-such-service"), "{e}")
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert!(win_service_get("bad\0name").is_err());
}

/// The services are also in `psutil_rs::os::windows`, the same items as at the root.
#[test]
fn services_in_os_windows() {
    let _turn = scm_turn();
    use psutil_rs::os::windows::{win_service_get as get, WindowsService, WindowsServiceInfo};
    let s: WindowsService = get("PlugPlay").unwrap();
    let d: WindowsServiceInfo = s.as_dict().unwrap();
    assert_eq!(d.name, "PlugPlay");
}
