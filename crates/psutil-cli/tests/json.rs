// The subcommands listed here exist on Linux.
#![cfg(target_os = "linux")]

//! `--json` on every subcommand: JSON where the subcommand prints data, a usage error
//! naming `--json` where it prints none (kill, killall, nice, the live views, serve,
//! completions, man), exit codes as the classic tools' (tty: 1 without a terminal).

use std::process::{Command, Stdio};

fn ours(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn every_data_subcommand_prints_json() {
    let me = std::process::id().to_string();
    let mut kid = Command::new("sleep").arg("30").spawn().unwrap();
    let kid_pid = kid.id().to_string();
    for args in [
        &["free"][..],
        &["df"],
        &["uptime"],
        &["who"],
        &["ifconfig"],
        &["iostat"],
        &["netstat"],
        &["ps", "-e"],
        &["ps", "aux"],
        &["pidof", "sleep"],
        &["pstree"],
        &["info", &me],
        &["ionice", "-p", &me],
        &["taskset", "-p", &me],
        &["pmap", &me],
        &["lsof", "-p", &me],
        &["renice", "-n", "1", "-p", &kid_pid],
        &[],
    ] {
        let o = ours(&[&["--json"], args].concat());
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: Result<serde_json::Value, _> = serde_json::from_slice(&o.stdout);
        assert!(
            v.is_ok(),
            "{args:?}: not JSON: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    let _ = kid.kill();
    let _ = kid.wait();
}

#[test]
fn json_where_there_is_no_data_is_a_usage_error() {
    for args in [
        &["--json", "kill", "1"][..],
        &["kill", "--json", "-9", "1"],
        &["--json", "killall", "nothing"],
        &["--json", "nice", "true"],
        &["--json", "top", "-b", "-n", "1"],
        &["--json", "iotop", "-b", "-n", "1"],
        &["--json", "serve", "--listen", "127.0.0.1:0"],
        &["--json", "completions", "bash"],
        &["--json", "man", "/nonexistent/psutil-man"],
    ] {
        let o = ours(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("json"),
            "{args:?}"
        );
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    // tty without a terminal: tty(1)'s exit status 1, and null as psutil's terminal()
    let o = ours(&["--json", "tty"]);
    let theirs = Command::new("tty").stdin(Stdio::null()).output().unwrap();
    assert_eq!(o.status.code(), theirs.status.code());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["terminal"].is_null());
}
