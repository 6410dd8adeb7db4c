//! Privileges (issue 7): as `nobody`, every `Process` method on a root-owned process
//! gives `AccessDenied` exactly where psutil does (psutil-api.md §5, and the kernel: the
//! probe reads the same files directly, as `cat`/`ls` would), everything else reads;
//! every system function works unprivileged. Plus the error paths of the syscall
//! wrappers: EPERM (as nobody), ESRCH (a gone process), EINVAL (bad arguments).
//!
//! The test binary re-runs itself under `setpriv` (as `process::access_denied_as_nobody`
//! does); the root side starts the root-owned process and a root-owned listening socket.

use std::io::ErrorKind;
use std::net::TcpListener;
use std::process::Command;
use std::time::Duration;

use psutil_rs::{
    AttrSet, ConnectionKind, Error, IoClass, Process, ProcessTable, RlimitResource, Value,
};

use crate::race::{run_isolated_with, rustix_uid};
use psutil_rs::os::linux::ProcessExt as _;
use psutil_rs::os::unix::ProcessExt as _;

#[test]
fn process_and_system_functions_as_nobody() {
    // Absolute argv[0]: exe() falls back to it when the link is unreadable (psutil).
    let mut child = Command::new("/usr/bin/sleep").arg("60").spawn().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let out = run_isolated_with(
        "privileges::nobody_probe",
        "PSUTIL_RS_PRIVILEGES_PROBE",
        true,
        &[
            ("PSUTIL_RS_ROOT_CHILD", child.id().to_string()),
            ("PSUTIL_RS_ROOT_PORT", port.to_string()),
        ],
    );
    // The kernel, asked by the classic tool as nobody: signal 0 refused, SIGCONT
    // allowed within the session.
    let nobody = |tool: &str, args: &[&str]| {
        Command::new("setpriv")
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", tool])
            .args(args)
            .output()
            .unwrap()
            .status
            .success()
    };
    let pid = child.id().to_string();
    assert!(!nobody("kill", &["-0", &pid]));
    assert!(nobody("kill", &["-CONT", &pid]));
    // prlimit(2) on another user's process, even to read: refused (as rlimit()).
    assert!(!nobody("prlimit", &["--pid", &pid, "--nofile"]));
    assert!(nobody("prlimit", &["--nofile"]));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(out.contains("privileges:"), "{out}");
}

/// What the kernel says to this (unprivileged) process about `/proc/<pid>/<name>`.
fn readable(pid: u32, name: &str) -> bool {
    let path = format!("/proc/{pid}/{name}");
    let r = std::fs::symlink_metadata(&path).and_then(|m| {
        if m.file_type().is_symlink() {
            std::fs::read_link(&path).map(drop)
        } else if m.is_dir() {
            std::fs::read_dir(&path).map(drop)
        } else {
            std::fs::read(&path).map(drop)
        }
    });
    match r {
        Ok(()) => true,
        Err(e) if e.kind() == ErrorKind::PermissionDenied => false,
        Err(e) => panic!("{path}: {e}"),
    }
}

#[test]
#[ignore = "run by process_and_system_functions_as_nobody under setpriv"]
fn nobody_probe() {
    if std::env::var_os("PSUTIL_RS_PRIVILEGES_PROBE").is_none() {
        return;
    }
    assert_ne!(rustix_uid(), 0, "must run unprivileged");
    let pid: u32 = std::env::var("PSUTIL_RS_ROOT_CHILD")
        .unwrap()
        .parse()
        .unwrap();
    let port: u16 = std::env::var("PSUTIL_RS_ROOT_PORT")
        .unwrap()
        .parse()
        .unwrap();
    let p = Process::new(pid).unwrap();
    assert_eq!(p.uids().unwrap().real, 0, "the target must be root's");

    // The kernel's view, as cat/ls would see it as nobody: these files are closed...
    for f in [
        "environ",
        "io",
        "fd",
        "cwd",
        "exe",
        "smaps",
        "smaps_rollup",
        "maps",
    ] {
        assert!(!readable(pid, f), "/proc/{pid}/{f} readable as nobody?");
    }
    // ... these open.
    for f in ["stat", "status", "statm", "cmdline", "task", "limits"] {
        assert!(readable(pid, f), "/proc/{pid}/{f} not readable as nobody?");
    }

    let (mut ad, mut ok) = (Vec::new(), Vec::new());
    macro_rules! expect {
        ($what:literal, $e:expr, denied) => {
            match $e {
                Err(Error::AccessDenied { pid: Some(x), .. }) if x == pid => ad.push($what),
                other => panic!("{}: expected AccessDenied, got {:?}", $what, other),
            }
        };
        ($what:literal, $e:expr, ok) => {
            match $e {
                Ok(_) => ok.push($what),
                other => panic!("{}: expected a value, got {:?}", $what, other),
            }
        };
    }
    // psutil-api.md §5, on another user's process without privileges:
    // from stat, status, statm, cmdline, task/: readable.
    expect!("ppid", p.ppid(), ok);
    expect!("name", p.name(), ok);
    expect!("status", p.status(), ok);
    expect!("create_time", p.create_time(), ok);
    expect!("cpu_times", p.cpu_times(), ok);
    expect!("cpu_num", p.cpu_num(), ok);
    expect!("terminal", p.terminal(), ok);
    expect!("num_threads", p.num_threads(), ok);
    expect!("nice", p.nice(), ok);
    expect!("uids", p.uids(), ok);
    expect!("gids", p.gids(), ok);
    expect!("num_ctx_switches", p.num_ctx_switches(), ok);
    expect!("username", p.username(), ok);
    expect!("memory_info", p.memory_info(), ok);
    expect!("memory_percent", p.memory_percent("rss"), ok);
    expect!("cmdline", p.cmdline(), ok);
    expect!("threads", p.threads(), ok);
    expect!("cpu_percent", p.cpu_percent(None), ok);
    expect!("cpu_affinity", p.cpu_affinity(), ok); // sched_getaffinity: no check
    expect!("ionice", p.ionice(), ok); // ioprio_get: no check
    expect!("parent", p.parent(), ok);
    expect!("parents", p.parents(), ok);
    expect!("children", p.children(true), ok);
    assert!(p.is_running());
    ok.push("is_running");
    // exe: the link is closed, but argv[0] is an absolute executable path: psutil
    // returns it.
    match p.exe() {
        Ok(e) => assert_eq!(e, std::path::Path::new("/usr/bin/sleep")),
        e => panic!("exe: {e:?}"),
    }
    ok.push("exe");
    // ptrace-guarded files and the fd directory: AccessDenied.
    expect!("environ", p.environ(), denied);
    expect!("io_counters", p.io_counters(), denied);
    expect!("cwd", p.cwd(), denied);
    expect!("num_fds", p.num_fds(), denied);
    expect!("open_files", p.open_files(), denied);
    expect!(
        "net_connections",
        p.net_connections(ConnectionKind::Inet),
        denied
    );
    expect!("memory_full_info", p.memory_full_info(), denied);
    expect!("memory_maps", p.memory_maps(), denied);
    expect!("memory_maps_ungrouped", p.memory_maps_ungrouped(), denied);
    // prlimit on another user's process: EPERM (check_prlimit_permission).
    expect!("rlimit", p.rlimit(RlimitResource::Nofile), denied);
    // Setters and signals: EPERM.
    expect!("set_nice", p.set_nice(19), denied);
    expect!("set_ionice", p.set_ionice(IoClass::Idle, None), denied);
    expect!("set_cpu_affinity", p.set_cpu_affinity(&[0]), denied);
    expect!(
        "set_rlimit",
        p.set_rlimit(RlimitResource::Nofile, (64, 64)),
        denied
    );
    expect!("send_signal", p.send_signal(0), denied);
    expect!("suspend", p.suspend(), denied);
    // SIGCONT is the exception: the kernel lets any process of the same session send
    // it (check_kill_permission); setpriv keeps the session, so psutil's os.kill
    // succeeds too, as `kill -CONT` as nobody does (checked by the root side).
    expect!("resume", p.resume(), ok);
    expect!("terminate", p.terminate(), denied);
    expect!("kill", p.kill(), denied);
    // wait on a process that is not ours: polls, then times out.
    assert!(matches!(
        p.wait(Some(Duration::from_millis(30))),
        Err(Error::TimeoutExpired { .. })
    ));
    // as_dict: AccessDenied becomes ad_value, the rest is read.
    let d = p.as_dict(AttrSet::all(), &Value::None).unwrap();
    let none: Vec<_> = d
        .iter()
        .filter(|(_, v)| matches!(v, Value::None))
        .map(|(a, _)| a.as_str())
        .collect();
    for a in [
        "environ",
        "io_counters",
        "cwd",
        "num_fds",
        "open_files",
        "memory_maps",
    ] {
        assert!(none.contains(&a), "as_dict {a}: {none:?}");
    }
    for a in ["name", "cmdline", "exe", "uids", "memory_info"] {
        assert!(!none.contains(&a), "as_dict {a} should be read: {none:?}");
    }

    // ESRCH and EINVAL paths: a gone process of our own, and bad arguments.
    let mut mine = Command::new("sleep").arg("10").spawn().unwrap();
    let m = Process::new(mine.id()).unwrap();
    assert!(matches!(
        m.set_rlimit(RlimitResource::Nofile, (10, 5)),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        m.set_ionice(IoClass::BestEffort, Some(8)),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        m.set_cpu_affinity(&[100_000]),
        Err(Error::InvalidArgument { .. })
    ));
    mine.kill().unwrap();
    mine.wait().unwrap();
    for (what, r) in [
        ("send_signal", m.send_signal(0)),
        ("set_nice", m.set_nice(1)),
        ("rlimit", m.rlimit(RlimitResource::Nofile).map(drop)),
        ("ionice", m.ionice().map(drop)),
        ("cpu_affinity", m.cpu_affinity().map(drop)),
        ("name", m.name().map(drop)),
    ] {
        assert!(
            matches!(r, Err(Error::NoSuchProcess { .. })),
            "{what} on a gone process: {r:?}"
        );
    }

    // System functions, unprivileged.
    psutil_rs::virtual_memory().unwrap();
    psutil_rs::swap_memory().unwrap();
    psutil_rs::cpu_times_percpu().unwrap();
    psutil_rs::cpu_percent(None).unwrap();
    psutil_rs::cpu_stats().unwrap();
    psutil_rs::cpu_freq().unwrap();
    psutil_rs::getloadavg().unwrap();
    psutil_rs::boot_time().unwrap();
    assert!(!psutil_rs::disk_partitions(true).unwrap().is_empty());
    psutil_rs::disk_usage("/").unwrap();
    psutil_rs::disk_io_counters_perdisk().unwrap();
    psutil_rs::net_io_counters_pernic().unwrap();
    assert!(!psutil_rs::net_if_addrs().unwrap().is_empty());
    assert!(!psutil_rs::net_if_stats().unwrap().is_empty());
    psutil_rs::sensors_temperatures().unwrap();
    psutil_rs::sensors_fans().unwrap();
    psutil_rs::sensors_battery().unwrap();
    psutil_rs::users().unwrap();
    assert!(psutil_rs::pids().unwrap().contains(&pid));
    // Root's listening socket is listed, without a pid (its fds are closed to us).
    let conns = psutil_rs::net_connections(ConnectionKind::All).unwrap();
    let root_sock = conns
        .iter()
        .find(|c| c.laddr.as_inet().is_some_and(|a| a.port == port))
        .unwrap_or_else(|| panic!("no socket on port {port}: {conns:?}"));
    assert_eq!(root_sock.pid, None);
    // The process table: every process listed, AccessDenied values where the files
    // are closed, never a failure.
    let table = ProcessTable::new(AttrSet::all()).snapshot().unwrap();
    let rec = table.iter().find(|r| r.pid() == pid).unwrap();
    assert!(matches!(
        rec.get(psutil_rs::Attr::Environ),
        Some(Err(Error::AccessDenied { .. }))
    ));
    assert!(rec.cmdline().is_some() && rec.memory_info().is_some());
    assert!(psutil_rs::process_iter()
        .unwrap()
        .iter()
        .any(|p| p.pid() == pid));

    println!(
        "privileges: as nobody on root's pid {pid}: {} methods read, {} AccessDenied ({}); \
         system functions all read",
        ok.len(),
        ad.len(),
        ad.join(", ")
    );
}
