//! `Process::environ` keeps the order of `/proc/<pid>/environ`, as psutil's dict does
//! (the system maps' order is tested in net.rs, disk.rs and sensors.rs).

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use psutil_rs::Process;

use crate::util::psutil;

/// The variable names of an environ block in file order, split here by the format
/// (NUL-separated `NAME=value`; a repeated name counted once, where it first appears).
fn environ_names(block: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for entry in block.split(|&c| c == 0) {
        let Some(eq) = entry.iter().position(|&c| c == b'=') else {
            continue;
        };
        let name = String::from_utf8_lossy(&entry[..eq]).into_owned();
        if eq > 0 && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn names(m: &psutil_rs::IndexMap<OsString, OsString>) -> Vec<String> {
    m.keys()
        .map(|k| String::from_utf8_lossy(k.as_bytes()).into_owned())
        .collect()
}

struct Kid(Child);

impl Drop for Kid {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn environ_in_file_order() {
    // env(1) puts the variables in argument order (std's Command would sort them).
    let kid = Kid(Command::new("env")
        .args([
            "-i", "ZED=1", "ALPHA=2", "MID=3", "ZED=4", "BETA=5", "sleep", "30",
        ])
        .stdin(Stdio::null())
        .spawn()
        .unwrap());
    let pid = kid.0.id();
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read(format!("/proc/{pid}/comm")).unwrap() != b"sleep\n" {
        assert!(Instant::now() < deadline, "the child never exec'd sleep");
        std::thread::sleep(Duration::from_millis(5));
    }
    let file = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
    let want = environ_names(&file);
    assert_eq!(want, ["ZED", "ALPHA", "MID", "BETA"]);
    let env = Process::new(pid).unwrap().environ().unwrap();
    assert_eq!(names(&env), want);
    assert_eq!(env[&OsString::from("ZED")], "4"); // first place, last value
    let theirs: Vec<String> = psutil(&format!("list(psutil.Process({pid}).environ())"))
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(names(&env), theirs);
}

#[test]
fn own_environ_in_file_order() {
    let want = environ_names(&std::fs::read("/proc/self/environ").unwrap());
    let got = names(&Process::current().unwrap().environ().unwrap());
    assert!(want.len() > 2, "{want:?}");
    assert_eq!(got, want);
}
