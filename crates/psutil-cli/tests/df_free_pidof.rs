// The classic tools this compares with are coreutils df, procps free and pidof (Linux).
#![cfg(target_os = "linux")]

//! df's `-i`, `-t/-x`, `-l`, `--total`, `--output`; free's `-t`, `--si`, `-l`, `-v`; pidof's
//! `-x`, `-q`: against the classic tool run before and after ours. A cell must equal
//! the tool's when both runs agree on it, else lie between the two (numbers) or equal
//! one of them (human sizes, percents).

mod common;

use std::process::{Command, Output};

fn ours(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .output()
        .unwrap()
}

fn theirs(cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd).args(args).output().unwrap()
}

fn cells(o: &Output) -> Vec<Vec<String>> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect()
}

/// The mismatches of one bracketed comparison of `psutil CMD ARGS` with `CMD ARGS`.
fn round(cmd: &str, args: &[&str]) -> Vec<String> {
    let before = theirs(cmd, args);
    let mine = ours(&[&[cmd], args].concat());
    let after = theirs(cmd, args);
    assert_eq!(mine.status.code(), before.status.code(), "{cmd} {args:?}");
    let (b, o, a) = (cells(&before), cells(&mine), cells(&after));
    if b.len() != o.len() || a.len() != b.len() {
        return vec![format!("{} / {} / {} lines", b.len(), o.len(), a.len())];
    }
    let mut bad = Vec::new();
    for ((lb, lo), la) in b.iter().zip(&o).zip(&a) {
        // free -v's Comm: line counts the reading process's own commit charge: compared
        // by free_committed_line_matches_procps_free with that tolerance
        if lb.first().map(String::as_str) == Some("Comm:") {
            if lo.first() != lb.first() || lo.len() != lb.len() {
                bad.push(format!("{cmd}: {lb:?} ours {lo:?}"));
            }
            continue;
        }
        if lb.len() != lo.len() || la.len() != lb.len() {
            bad.push(format!("ps {lb:?}, ours {lo:?}"));
            continue;
        }
        for ((cb, co), ca) in lb.iter().zip(lo).zip(la) {
            let ok = if cb == ca {
                co == cb
            } else {
                match (cb.parse::<u64>(), co.parse::<u64>(), ca.parse::<u64>()) {
                    (Ok(x), Ok(y), Ok(z)) => x.min(z) <= y && y <= x.max(z),
                    _ => co == cb || co == ca,
                }
            };
            if !ok {
                bad.push(format!(
                    "{cmd}: {cb:?} ours {co:?} (after: {ca:?}) in {lb:?}"
                ));
            }
        }
    }
    bad
}

fn check(cmd: &str, args: &[&str]) {
    let mut last = Vec::new();
    for _ in 0..3 {
        last = round(cmd, args);
        if last.is_empty() {
            return;
        }
    }
    panic!("{cmd} {args:?}:\n{}", last.join("\n"));
}

#[test]
fn df_options_match_coreutils_df() {
    for args in [
        &["-i"][..],
        &["-ih"],
        &["-T", "-x", "tmpfs"],
        &["-t", "tmpfs", "-t", "ext4"],
        &["-l"],
        &["--total"],
        &["-i", "--total"],
        &["-h", "--total"],
        &["--output"],
        &["--output=source,target,pcent,ipcent,file", "--total"],
        &["--output=file,target,size,avail", "/", "/proc"],
    ] {
        check("df", args);
    }
    let bad = ours(&["df", "--output=source,bogus"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bogus"));
}

#[test]
fn free_options_match_procps_free() {
    for args in [
        &["-t"][..],
        &["-l"],
        &["--si"],
        &["--si", "-h"],
        &["-m", "--si"],
        &["-g", "--si"],
        &["-l", "-t", "-w"],
        &["-h", "-t"],
        &["-v"],
        &["-v", "-t", "-l"],
        &["--committed", "-h"],
        &["-v", "-m", "--si"],
    ] {
        check("free", args);
    }
}

/// free -v's `Comm:` line in KiB: the commit limit equal to procps free's, the
/// committed memory (`Committed_AS`, which includes each reader's own private writable
/// memory: ours is a larger program than free) within 8 MiB of free's two readings (the
/// other tests' children come and go meanwhile, and the kernel's counter is per-CPU
/// batched), free = limit - committed.
#[test]
fn free_committed_line_matches_procps_free() {
    let comm = |o: &Output| -> Vec<u64> {
        cells(o)
            .into_iter()
            .find(|l| l.first().map(String::as_str) == Some("Comm:"))
            .unwrap_or_else(|| panic!("no Comm: line in {:?}", String::from_utf8_lossy(&o.stdout)))
            .iter()
            .skip(1)
            .map(|c| c.parse().unwrap())
            .collect()
    };
    let before = comm(&theirs("free", &["-v"]));
    let mine = comm(&ours(&["free", "-v"]));
    let after = comm(&theirs("free", &["-v"]));
    assert_eq!(mine.len(), 3);
    assert_eq!(mine[0], before[0], "CommitLimit");
    let (lo, hi) = (before[1].min(after[1]), before[1].max(after[1]));
    assert!(
        lo.saturating_sub(8192) <= mine[1] && mine[1] <= hi + 8192,
        "committed {} vs free's {lo}..{hi}",
        mine[1]
    );
    assert_eq!(mine[2], mine[0].saturating_sub(mine[1]));
}

#[test]
fn pidof_scripts_and_quiet_match_procps_pidof() {
    let dir = std::env::temp_dir().join(format!("psutil-pidofx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("zzpidofscript");
    common::write_program(&script, "#!/bin/sh\nsleep 30\n");
    let mut kid = Command::new(&script).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    for args in [
        &["-x", "zzpidofscript"][..],
        &["zzpidofscript"],
        &["-q", "-x", "zzpidofscript"],
        &["-q", "no-such-program-xyz"],
    ] {
        let o = ours(&[&["pidof"], args].concat());
        let t = theirs("pidof", args);
        assert_eq!(o.status.code(), t.status.code(), "pidof {args:?}");
        assert_eq!(o.stdout, t.stdout, "pidof {args:?}");
    }
    assert!(!ours(&["pidof", "-x", "zzpidofscript"]).stdout.is_empty());
    let _ = kid.kill();
    let _ = kid.wait();
    std::fs::remove_dir_all(&dir).unwrap();
}
