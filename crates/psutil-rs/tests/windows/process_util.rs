//! Helpers of the process tests: a child process (this test binary run again, as the
//! ignored test `process_util::child_main`), and the host's view of a Wine process.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The environment variable that makes [`child_main`] act (`sleep` or `spin`).
pub const MODE: &str = "PSUTIL_RS_CHILD_MODE";
/// The marker variable the child's environment carries.
pub const MARKER: &str = "PSUTIL_RS_MARKER";
/// Where the child writes its host (Unix) pid.
pub const UNIX_PID_FILE: &str = "unix_pid.txt";

/// The arguments after the executable that make the test binary run only
/// [`child_main`].
pub fn child_args() -> Vec<String> {
    [
        "process_util::child_main",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]
    .map(String::from)
    .to_vec()
}

/// A fresh, empty directory for one child.
pub fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("psutil-rs-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Spawns the child in `mode` (`sleep` or `spin`) in directory `cwd`, with the marker
/// variable set to `marker`.
pub fn spawn(mode: &str, cwd: &Path, marker: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(child_args())
        .current_dir(cwd)
        .env(MODE, mode)
        .env(MARKER, marker)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// The host pid of the calling Wine process: a raw Linux `getpid` system call, which
/// Wine does not intercept (wine-coverage.md, "Trap: Z:\proc\self is the wineserver").
pub fn unix_getpid() -> u32 {
    let ret: usize;
    // SAFETY: Linux x86_64 syscall 39 (getpid) takes no arguments and clobbers rcx and
    // r11 only; under Wine the process is a Linux process.
    unsafe {
        std::arch::asm!("syscall", inlateout("rax") 39usize => ret, out("rcx") _, out("r11") _);
    }
    ret as u32
}

/// The child: writes its host pid to [`UNIX_PID_FILE`] in its cwd, then sleeps or spins
/// for up to 60 s. Does nothing when [`MODE`] is unset.
#[test]
#[ignore = "the child process of the other tests"]
fn child_main() {
    let Ok(mode) = std::env::var(MODE) else {
        return;
    };
    std::fs::write(UNIX_PID_FILE, unix_getpid().to_string()).unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if mode == "spin" {
            let mut x = 0u64;
            for i in 0..1_000_000u64 {
                x = x.wrapping_add(std::hint::black_box(i));
            }
            std::hint::black_box(x);
        } else {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Waits (up to 10 s) for the child's host pid file.
pub fn child_unix_pid(cwd: &Path) -> u32 {
    let f = cwd.join(UNIX_PID_FILE);
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(&f) {
            if let Ok(pid) = s.trim().parse() {
                return pid;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "child did not write {f:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// utime + stime of a host process in seconds, from the host's `/proc/<pid>/stat`
/// through Wine's `Z:` drive (clock ticks of 100 Hz, the usual `USER_HZ`).
pub fn host_cpu_secs(unix_pid: u32) -> f64 {
    let s = std::fs::read_to_string(format!(r"Z:\proc\{unix_pid}\stat")).unwrap();
    let after = &s[s.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
    ticks as f64 / 100.0
}

/// Waits up to 10 s for `cond`.
pub fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
