//! The `psutil` command built for Windows and run under Wine (scripts/windows/test.sh):
//! the subcommands that make sense there run and print what the library returns, with
//! the values checked against the library itself and against Wine's own view; the
//! Linux-only ones say so and exit non-zero.
#![cfg(windows)]

use std::process::{Command, Output};

fn psutil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .output()
        .expect("run psutil.exe")
}

fn ok(args: &[&str]) -> String {
    let out = psutil(args);
    assert!(
        out.status.success(),
        "psutil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    serde_json::from_str(&ok(&a)).expect("valid JSON")
}

#[test]
fn overview_runs() {
    let text = ok(&[]);
    assert!(text.contains("load average"), "{text}");
    let v = json(&[]);
    // psutil has temperatures and fans on Linux (and FreeBSD) only: no such keys here.
    assert!(v.get("sensors_temperatures").is_none(), "{v}");
    assert!(v.get("sensors_fans").is_none(), "{v}");
    assert!(v.get("sensors_battery").is_some(), "{v}");
    let total = v["virtual_memory"]["total"].as_u64().expect("total");
    assert_eq!(total, psutil_rs::virtual_memory().expect("vm").total);
}

#[test]
fn free_shows_windows_memory() {
    let text = ok(&["free", "-b"]);
    let mem: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("Mem:"))
        .expect("Mem: line")
        .split_whitespace()
        .collect();
    // total used free shared buff/cache available: psutil's svmem has no shared,
    // buffers or cached on Windows, so free shows "-" there.
    assert_eq!(mem.len(), 7, "{text}");
    let total: u64 = mem[1].parse().expect("total");
    assert_eq!(total, psutil_rs::virtual_memory().expect("vm").total);
    assert_eq!(mem[4], "-");
    assert_eq!(mem[5], "-");
}

#[test]
fn df_lists_the_drives() {
    let v = json(&["df"]);
    let text = v.to_string();
    // Wine maps C: to its prefix and Z: to the host's root.
    assert!(text.contains("C:\\\\") || text.contains("C:/"), "{text}");
}

#[test]
fn ps_lists_this_process() {
    let me = std::process::id();
    let v = json(&["ps", "-e"]);
    let rows = v.as_array().expect("rows");
    assert!(
        rows.iter()
            .any(|r| r["pid"].as_u64() == Some(u64::from(me))),
        "pid {me} missing from {v}"
    );
}

#[test]
fn pidof_finds_this_test() {
    let exe = std::env::current_exe().expect("exe");
    let name = exe
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let text = ok(&["pidof", &name]);
    let me = std::process::id().to_string();
    assert!(text.split_whitespace().any(|p| p == me), "{text}");
}

#[test]
fn info_of_this_process() {
    let me = std::process::id().to_string();
    let v = json(&["info", &me]);
    assert_eq!(v["pid"].as_u64().map(|p| p.to_string()), Some(me));
    // Windows' own attributes, and no POSIX ones.
    assert!(v.get("num_handles").is_some(), "{v}");
    assert!(v.get("uids").is_none(), "{v}");
    assert!(v.get("terminal").is_none(), "{v}");
}

#[test]
fn kill_terminates_a_child() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["top", "-b", "-n", "1000", "-d", "1"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id().to_string();
    ok(&["kill", &pid]);
    let status = child.wait().expect("wait");
    // psutil's terminate() on Windows: TerminateProcess with exit code 15 (SIGTERM).
    assert_eq!(status.code(), Some(15));
}

#[test]
fn the_other_tools_run() {
    for args in [
        &["uptime"][..],
        &["netstat"],
        &["ifconfig"],
        &["pstree"],
        &["who"],
        &["top", "-b", "-n", "1"],
    ] {
        ok(args);
    }
}

#[test]
fn linux_only_tools_say_so() {
    for args in [
        &["sensors"][..],
        &["lsof"],
        &["pmap", "1"],
        &["tty"],
        &["ionice", "-p", "1"],
        &["taskset", "-p", "1"],
        &["iotop", "-b", "-n", "1"],
        &["nice", "true"],
        &["renice", "-n", "5", "-p", "1"],
    ] {
        let out = psutil(args);
        assert!(!out.status.success(), "psutil {args:?} succeeded");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Linux only"), "psutil {args:?}: {err}");
    }
}
