//! Golden checks of the `psutil` command against the classic tools on this machine.

use std::process::{Command, Stdio};

fn psutil(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "psutil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn numbers(line: &str) -> Vec<u64> {
    line.split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect()
}

#[test]
fn free_matches_free_b() {
    for flags in [&["-b"][..], &["-b", "-w"]] {
        let ours = psutil(&[&["free"], flags].concat());
        let theirs = tool("free", flags);
        let (o, t): (Vec<_>, Vec<_>) = (ours.lines().collect(), theirs.lines().collect());
        assert_eq!(o.len(), t.len());
        assert_eq!(o[0], t[0], "header");
        for (lo, lt) in o.iter().zip(&t).skip(1) {
            assert_eq!(lo.split_whitespace().next(), lt.split_whitespace().next());
            // Same column layout: every field ends at the same column.
            assert_eq!(lo.len(), lt.len(), "{lo:?} vs {lt:?}");
            let (no, nt) = (numbers(lo), numbers(lt));
            assert_eq!(no[0], nt[0], "total");
            for (a, b) in no.iter().zip(&nt) {
                // moving values: 64 MiB
                assert!(a.abs_diff(*b) <= 64 << 20, "{lo} vs {lt}");
            }
        }
    }
}

#[test]
fn free_units_match_free() {
    for flag in ["-k", "-m", "-g"] {
        let ours = psutil(&["free", flag]);
        let theirs = tool("free", &[flag]);
        let o = numbers(ours.lines().nth(1).unwrap());
        let t = numbers(theirs.lines().nth(1).unwrap());
        assert_eq!(o[0], t[0], "total with {flag}");
    }
    // -h: the total column is static and must print identically.
    let o = psutil(&["free", "-h"]);
    let t = tool("free", &["-h"]);
    assert_eq!(
        o.lines().nth(1).unwrap().split_whitespace().nth(1),
        t.lines().nth(1).unwrap().split_whitespace().nth(1)
    );
}

#[test]
fn free_json_has_psutil_fields() {
    let v: serde_json::Value = serde_json::from_str(&psutil(&["free", "--json"])).unwrap();
    let vm = &v["virtual_memory"];
    let keys: Vec<_> = vm.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "total",
            "available",
            "percent",
            "used",
            "free",
            "active",
            "inactive",
            "buffers",
            "cached",
            "shared",
            "slab"
        ]
    );
    assert_eq!(vm["total"], psutil_rs::virtual_memory().unwrap().total);
}

#[test]
fn free_repeats_with_count() {
    let out = psutil(&["free", "-s", "0.01", "-c", "3"]);
    assert_eq!(out.matches("Mem:").count(), 3);
}

#[test]
fn broken_pipe_is_not_an_error() {
    // `psutil free -s 0.01 | head -1`: the reader goes away; we must exit 0 quietly.
    let mut child = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["free", "-s", "0.01", "-c", "1000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_arguments_are_errors_not_panics() {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["free", "-s", "-1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-1"));
}

#[test]
fn overview_runs() {
    let out = psutil(&[]);
    assert!(out.contains("Mem"));
    let v: serde_json::Value = serde_json::from_str(&psutil(&["--json"])).unwrap();
    assert_eq!(v["boot_time"], psutil_rs::boot_time().unwrap());
}

/// Parses df-style output into (device, mountpoint, numbers).
fn df_rows(text: &str, numeric_cols: usize) -> Vec<(String, String, Vec<String>)> {
    text.lines()
        .skip(1)
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            let dev = w[0].to_string();
            let nums = w[w.len() - 1 - numeric_cols..w.len() - 1]
                .iter()
                .map(|s| s.to_string())
                .collect();
            (dev, w[w.len() - 1].to_string(), nums)
        })
        .collect()
}

#[test]
fn df_matches_df() {
    for flags in [&[][..], &["-a"], &["-T"], &["/", "/tmp"]] {
        let ours = psutil(&[&["df"], flags].concat());
        let theirs = tool("df", flags);
        assert_eq!(
            ours.lines().next(),
            theirs.lines().next(),
            "header with {flags:?}"
        );
        let (o, t) = (df_rows(&ours, 4), df_rows(&theirs, 4));
        assert_eq!(
            o.iter().map(|r| (&r.0, &r.1)).collect::<Vec<_>>(),
            t.iter().map(|r| (&r.0, &r.1)).collect::<Vec<_>>(),
            "same file systems in the same order with {flags:?}"
        );
        for (a, b) in o.iter().zip(&t) {
            assert_eq!(a.2[0], b.2[0], "1K-blocks of {}", a.1);
            // used/avail move with other writers: 64 MiB in 1K blocks
            for i in 1..3 {
                let (x, y): (i64, i64) = (a.2[i].parse().unwrap(), b.2[i].parse().unwrap());
                assert!((x - y).abs() <= 65536, "{} {x} vs {y}", a.1);
            }
        }
    }
}

#[test]
fn df_human_matches_df_h() {
    let ours = psutil(&["df", "-h"]);
    let theirs = tool("df", &["-h"]);
    assert_eq!(ours.lines().next(), theirs.lines().next());
    let (o, t) = (df_rows(&ours, 4), df_rows(&theirs, 4));
    assert_eq!(o.len(), t.len());
    for (a, b) in o.iter().zip(&t) {
        assert_eq!((&a.0, &a.1, &a.2[0]), (&b.0, &b.1, &b.2[0]), "size column");
    }
}

#[test]
fn df_json_matches_library() {
    let v: serde_json::Value = serde_json::from_str(&psutil(&["df", "--json", "/"])).unwrap();
    let usage = &v[0]["usage"];
    assert_eq!(
        usage.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["total", "used", "free", "percent"]
    );
    assert_eq!(usage["total"], psutil_rs::disk_usage("/").unwrap().total);
}

#[test]
fn df_missing_path_is_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["df", "/does/not/exist"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/does/not/exist"));
}
