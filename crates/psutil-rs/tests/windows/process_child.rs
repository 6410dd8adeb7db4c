//! A spawned child, whose pid, parent, executable, arguments, directory and environment
//! the test chose: each read compared with that, and the actions checked by their
//! effect (host CPU time while suspended, the exit code after kill).

use std::time::{Duration, Instant};

use psutil_rs::os::windows::{BELOW_NORMAL_PRIORITY_CLASS, NORMAL_PRIORITY_CLASS};
use psutil_rs::{Error, Process};

use crate::process_util::{
    child_args, child_unix_pid, eventually, host_cpu_secs, spawn, temp_dir, MARKER,
};

#[test]
fn child_reads() {
    let dir = temp_dir("child-reads");
    let marker = format!("marker-{}", std::process::id());
    let mut child = spawn("sleep", &dir, &marker);
    let p = Process::new(child.id()).unwrap();
    assert_eq!(p.pid(), child.id());
    assert_eq!(p.ppid().unwrap(), std::process::id());
    assert_eq!(p.parent().unwrap().unwrap(), Process::current().unwrap());
    assert!(Process::current()
        .unwrap()
        .children(false)
        .unwrap()
        .contains(&p));
    let exe = std::env::current_exe().unwrap();
    assert_eq!(p.exe().unwrap(), exe);
    assert_eq!(p.name().unwrap(), exe.file_name().unwrap());
    let cmdline: Vec<String> = p
        .cmdline()
        .unwrap()
        .into_iter()
        .map(|a| a.into_string().unwrap())
        .collect();
    assert_eq!(cmdline[1..], child_args()[..], "{cmdline:?}");
    // wait until the child runs in its directory (its pid file), then read it
    child_unix_pid(&dir);
    assert_eq!(p.cwd().unwrap(), dir);
    assert_eq!(
        p.environ()
            .unwrap()
            .get(std::ffi::OsStr::new(MARKER))
            .unwrap(),
        marker.as_str()
    );
    assert_eq!(
        p.username().unwrap(),
        Process::current().unwrap().username().unwrap()
    );
    assert!(p.create_time().unwrap() >= Process::current().unwrap().create_time().unwrap());
    assert!(p.num_threads().unwrap() >= 1);
    assert!(p.memory_info().unwrap().rss > 0);
    // priority class, set and read back (the Windows-side value; wine-coverage.md)
    assert_eq!(p.nice().unwrap(), NORMAL_PRIORITY_CLASS as i32);
    p.set_nice(BELOW_NORMAL_PRIORITY_CLASS as i32).unwrap();
    assert_eq!(p.nice().unwrap(), BELOW_NORMAL_PRIORITY_CLASS as i32);
    // kill: TerminateProcess with exit code 15, as psutil
    p.kill().unwrap();
    assert_eq!(p.wait(Some(Duration::from_secs(10))).unwrap(), Some(15));
    assert!(!p.is_running());
    assert!(matches!(p.name(), Ok(_) | Err(Error::NoSuchProcess { .. })));
    assert!(matches!(p.cmdline(), Err(Error::NoSuchProcess { .. })));
    assert!(matches!(
        Process::new(child.id()),
        Err(Error::NoSuchProcess { .. })
    ));
    assert_eq!(child.wait().unwrap().code(), Some(15));
}

#[test]
fn child_suspend_resume_stops_host_cpu() {
    let dir = temp_dir("child-suspend");
    let mut child = spawn("spin", &dir, "x");
    let upid = child_unix_pid(&dir);
    let p = Process::new(child.id()).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // cpu_times of another process: Wine's GetProcessTimes gives 0, the snapshot the
    // real figure (wine-coverage.md, GetProcessTimes row)
    let t = p.cpu_times().unwrap();
    assert!(t.user + t.system > 0.1, "{t:?}");
    p.suspend().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let a = host_cpu_secs(upid);
    std::thread::sleep(Duration::from_millis(600));
    let b = host_cpu_secs(upid);
    assert!(b - a < 0.1, "suspended child used {} s", b - a);
    p.resume().unwrap();
    let c = host_cpu_secs(upid);
    std::thread::sleep(Duration::from_millis(600));
    let d = host_cpu_secs(upid);
    assert!(d - c > 0.2, "resumed child used only {} s", d - c);
    p.terminate().unwrap();
    assert_eq!(p.wait(None).unwrap(), Some(15));
    child.wait().unwrap();
}

#[test]
fn child_wait_timeout_and_wait_procs() {
    let dir = temp_dir("child-wait");
    let mut child = spawn("sleep", &dir, "x");
    let p = Process::new(child.id()).unwrap();
    let start = Instant::now();
    assert!(matches!(
        p.wait(Some(Duration::from_millis(200))),
        Err(Error::TimeoutExpired { .. })
    ));
    assert!(start.elapsed() >= Duration::from_millis(150));
    assert!(p.is_running());
    let (gone, alive) = psutil_rs::wait_procs(
        std::slice::from_ref(&p),
        Some(Duration::from_millis(200)),
        |_, _| {},
    )
    .unwrap();
    assert!(gone.is_empty() && alive.len() == 1);
    p.kill().unwrap();
    let (gone, alive) = psutil_rs::wait_procs(
        std::slice::from_ref(&p),
        Some(Duration::from_secs(10)),
        |_, _| {},
    )
    .unwrap();
    assert_eq!(gone.len(), 1, "{alive:?}");
    assert_eq!(gone[0].1, Some(15));
    // psutil: wait on a pid that is gone gives None, send_signal NoSuchProcess
    child.wait().unwrap();
    eventually("pid released", || {
        !psutil_rs::pid_exists(child.id()).unwrap()
    });
    assert!(matches!(p.kill(), Err(Error::NoSuchProcess { .. })));
}
