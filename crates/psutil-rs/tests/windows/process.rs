//! The calling process and bad input, against what the test knows about itself (std's
//! view of its exe, arguments, directory and environment) and psutil's special cases.

use std::time::Duration;

use psutil_rs::os::windows::{ProcessExt as _, NORMAL_PRIORITY_CLASS};
use psutil_rs::{Error, Process, Status};

fn me() -> Process {
    Process::current().unwrap()
}

#[test]
fn self_identity_and_paths() {
    let p = me();
    assert_eq!(p.pid(), std::process::id());
    assert!(p.is_running());
    assert!(
        p.identity().1.is_some(),
        "GetProcessTimes gives our creation time"
    );
    let exe = std::env::current_exe().unwrap();
    assert_eq!(p.exe().unwrap(), exe);
    assert_eq!(p.name().unwrap(), exe.file_name().unwrap());
    assert_eq!(p.cwd().unwrap(), std::env::current_dir().unwrap());
    // the PEB's command line, split as CommandLineToArgvW: the arguments std saw
    let args: Vec<String> = std::env::args().collect();
    let cmdline: Vec<String> = p
        .cmdline()
        .unwrap()
        .into_iter()
        .map(|a| a.into_string().unwrap())
        .collect();
    assert_eq!(cmdline.len(), args.len(), "{cmdline:?} vs {args:?}");
    assert_eq!(&cmdline[1..], &args[1..]);
    // the environment block: names upper-cased, values as std reads them
    let env = p.environ().unwrap();
    let (k, v) = std::env::vars()
        .find(|(k, _)| k.eq_ignore_ascii_case("PATH"))
        .unwrap();
    assert_eq!(
        env.get(std::ffi::OsStr::new(&k.to_uppercase())).unwrap(),
        v.as_str()
    );
}

#[test]
fn self_times_and_memory() {
    let p = me();
    // create time: before now, and not long before (the test binary just started)
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let ct = p.create_time().unwrap();
    assert!(ct <= now + 1.0 && ct > now - 600.0, "{ct} vs {now}");
    // CPU: spin 0.3 s, the user time grows (GetProcessTimes works for the caller)
    let before = p.cpu_times().unwrap();
    let start = std::time::Instant::now();
    let mut x = 0u64;
    while start.elapsed() < Duration::from_millis(300) {
        x = x.wrapping_add(std::hint::black_box(1));
    }
    std::hint::black_box(x);
    let after = p.cpu_times().unwrap();
    assert!(
        after.user + after.system - before.user - before.system > 0.1,
        "{before:?} {after:?}"
    );
    assert_eq!((after.children_user, after.children_system), (0.0, 0.0));
    // memory: rss == wset, vms == pagefile; a 32 MiB buffer touched shows in rss
    let m0 = p.memory_info().unwrap();
    let buf = vec![1u8; 32 << 20];
    std::hint::black_box(&buf);
    let m = p.memory_info().unwrap();
    assert_eq!(m.rss, m.wset);
    assert_eq!(m.vms, m.pagefile);
    assert!(m.rss >= m0.rss + (24 << 20), "{m0:?} -> {m:?}");
    // USS: Wine lacks MemoryWorkingSetInformation; the QueryWorkingSetEx walk gives it
    // for the caller (wine-coverage.md, QueryWorkingSetEx row)
    let full = p.memory_full_info().unwrap();
    assert!(
        full.uss >= 24 << 20 && full.uss <= full.memory_info.rss + (8 << 20),
        "{full:?}"
    );
    drop(buf);
}

#[test]
fn self_threads_and_counts() {
    let p = me();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let t = std::thread::spawn(move || rx.recv().ok());
    let n = p.num_threads().unwrap();
    let threads = p.threads().unwrap();
    assert!(n >= 2);
    assert_eq!(threads.len() as u64, n);
    tx.send(()).unwrap();
    t.join().unwrap();
    assert_eq!(p.status().unwrap(), Status::Running);
    // Wine: context switches and handle counts are 0 (wine-coverage.md,
    // SystemProcessInformation and GetProcessHandleCount rows): only that they read.
    p.num_ctx_switches().unwrap();
    p.num_handles().unwrap();
    // GetProcessIoCounters succeeds with zeros under Wine
    p.io_counters().unwrap();
}

#[test]
fn self_knobs() {
    let p = me();
    assert_eq!(p.nice().unwrap(), NORMAL_PRIORITY_CLASS as i32);
    let cpus = p.cpu_affinity().unwrap();
    assert!(!cpus.is_empty());
    assert_eq!(cpus, (0..cpus.len() as u32).collect::<Vec<_>>());
    let user = p.username().unwrap();
    assert!(user.contains('\\'), "{user}");
    if let Ok(u) = std::env::var("USER") {
        // Wine: HOSTNAME\unixuser (wine-coverage.md, token row)
        assert!(user.ends_with(&format!("\\{u}")), "{user} vs {u}");
    }
    // ProcessIoPriority is missing from Wine (wine-coverage.md): an error, not a panic
    let _ = p.ionice();
    // memory maps: the image of this executable is among the mapped files
    let exe = std::env::current_exe().unwrap();
    let maps = p.memory_maps().unwrap();
    assert!(
        maps.iter().any(|m| m.path.file_name() == exe.file_name()),
        "{maps:?}"
    );
}

#[test]
fn self_open_files() {
    let dir = crate::process_util::temp_dir("open-files");
    let path = dir.join("held.txt");
    let f = std::fs::File::create(&path).unwrap();
    let files = me().open_files().unwrap();
    assert!(
        files.iter().any(|o| o.path == path && o.fd == -1),
        "{path:?} not in {files:?}"
    );
    drop(f);
}

#[test]
fn self_net_connections() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    // Wine gives every socket-table row owner pid 0 (wine-coverage.md,
    // GetExtendedTcpTable row): the call works, and lists nothing for us.
    let conns = me()
        .net_connections(psutil_rs::ConnectionKind::Inet)
        .unwrap();
    assert!(conns.iter().all(|c| c.fd == -1));
    drop(l);
}

#[test]
fn bad_pids() {
    let pids = psutil_rs::pids().unwrap();
    assert!(pids.contains(&std::process::id()));
    // Wine's pids are multiples of 4; one above every listed pid is free
    let free = pids.iter().max().unwrap() + 4000;
    assert!(!psutil_rs::pid_exists(free).unwrap());
    assert!(matches!(
        Process::new(free),
        Err(Error::NoSuchProcess { .. })
    ));
    // pid 0: psutil's System Idle Process, always there
    assert!(psutil_rs::pid_exists(0).unwrap());
    let idle = Process::new(0).unwrap();
    assert_eq!(idle.name().unwrap(), "System Idle Process");
    assert!(matches!(idle.exe(), Err(Error::AccessDenied { .. })));
    assert!(idle.cmdline().unwrap().is_empty());
    assert_eq!(idle.username().unwrap(), r"NT AUTHORITY\SYSTEM");
    assert!(matches!(idle.kill(), Err(Error::AccessDenied { .. })));
    assert!(matches!(
        idle.wait(None),
        Err(Error::InvalidArgument { .. })
    ));
    // pid 4: "System" on Windows; Wine has no pid 4 (wine-coverage.md, EnumProcesses)
    match Process::new(4) {
        Ok(p) => assert_eq!(p.name().unwrap(), "System"),
        Err(e) => assert!(matches!(e, Error::NoSuchProcess { .. }), "{e}"),
    }
    // psutil's ValueError cases
    assert!(matches!(
        me().send_signal(9),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        me().set_nice(12345),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        me().memory_percent("pss"),
        Err(Error::InvalidArgument { .. })
    ));
}
