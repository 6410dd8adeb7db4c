// The classic tools this compares with are procps kill and psmisc killall (Linux).
#![cfg(target_os = "linux")]

//! `psutil kill` and `psutil killall` against procps kill and psmisc killall: the same
//! words send the same signal to a child (observed in its wait status), list the same
//! names, fail the same way.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, Output};

fn ours(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .output()
        .unwrap()
}

fn theirs(cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn sleeper(prog: &std::path::Path) -> Child {
    Command::new(prog).arg("30").spawn().unwrap()
}

/// The signal that ended `child` after `run(pid)` signalled it.
fn ended_by(mut child: Child, run: impl FnOnce(&str) -> Output) -> Option<i32> {
    let pid = child.id().to_string();
    let out = run(&pid);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    child.wait().unwrap().signal()
}

#[test]
fn a_signal_by_name_and_by_number_reaches_the_child_as_procps_kill_sends_it() {
    let sleep = std::path::Path::new("/bin/sleep");
    let rtmin = libc::SIGRTMIN();
    let rtmax = libc::SIGRTMAX();
    // the words procps kill takes too: both send to a child each, the ends compared
    for words in [
        &["-9"][..],
        &["-KILL"],
        &["-SIGKILL"],
        &["-s", "USR1"],
        &["-s", "SIGUSR2"],
        &["-15"],
        &["--signal=HUP"],
        &["-s", "RTMIN+1"],
        &["-INT"],
        &[],
    ] {
        let ours_sig = ended_by(sleeper(sleep), |pid| {
            ours(&[&["kill"], words, &[pid]].concat())
        });
        let their_sig = ended_by(sleeper(sleep), |pid| {
            theirs("kill", &[words, &[pid]].concat())
        });
        assert_eq!(ours_sig, their_sig, "kill {words:?}");
        assert!(ours_sig.is_some(), "kill {words:?}");
    }
    // forms procps kill lacks (-n, a number's -N from -l) or gets wrong (procps-ng
    // 4.0.2 sends RTMAX-n as an invalid signal)
    let usr1: i32 = text(&theirs("kill", &["-l", "USR1"])).parse().unwrap();
    for (words, want) in [
        (vec!["-n".to_string(), usr1.to_string()], usr1),
        (vec![format!("-{usr1}")], usr1),
        (vec!["-RTMIN+3".into()], rtmin + 3),
        (vec!["-s".into(), "rtmax".into()], rtmax),
        (vec!["-s".into(), "RTMAX-2".into()], rtmax - 2),
    ] {
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let got = ended_by(sleeper(sleep), |pid| {
            ours(&[&["kill"], &w[..], &[pid]].concat())
        });
        assert_eq!(got, Some(want), "kill {words:?}");
    }
}

#[test]
fn lists_match_procps_kill() {
    for words in [
        &["-l"][..],
        &["-L"],
        &["-l", "9"],
        &["-l", "KILL"],
        &["-l", "SIGTERM"],
        &["-l", "15"],
    ] {
        let o = ours(&[&["kill"], words].concat());
        let t = theirs("kill", words);
        assert!(o.status.success() && t.status.success(), "{words:?}");
        assert_eq!(text(&o), text(&t), "kill {words:?}");
    }
    assert_eq!(
        text(&ours(&["killall", "-l"])),
        text(&theirs("killall", &["-l"]))
    );
}

#[test]
fn failures_as_procps_kill() {
    for words in [
        &["4194303"][..],
        &["-9", "4194303"],
        &["-s", "NOPE", "1"],
        &["-BOGUS", "1"],
    ] {
        let o = ours(&[&["kill"], words].concat());
        let t = theirs("kill", words);
        assert_eq!(o.status.code(), t.status.code(), "kill {words:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        if words.contains(&"4194303") {
            assert!(err.contains("(4194303): No such process"), "{err}");
            assert!(String::from_utf8_lossy(&t.stderr).contains("(4194303): No such process"));
        } else {
            assert!(err.contains("NOPE") || err.contains("BOGUS"), "{err}");
        }
    }
    // kill and killall print no data: --json is a usage error
    for args in [
        &["kill", "--json", "1"][..],
        &["--json", "killall", "x"],
        &["killall", "--json", "x"],
    ] {
        let o = ours(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("--json"),
            "{args:?}"
        );
    }
}

#[test]
fn killall_signals_every_process_of_a_name_as_psmisc_killall() {
    let dir = std::env::temp_dir().join(format!("psutil-killall-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prog = dir.join("zzkillalltest");
    common::copy_program("/bin/sleep", &prog);
    for words in [&["-s", "INT"][..], &["-9"], &["-SIGUSR1"], &["-HUP"]] {
        let run = |cmd: &str| -> Vec<Option<i32>> {
            let kids: Vec<Child> = (0..3).map(|_| sleeper(&prog)).collect();
            std::thread::sleep(std::time::Duration::from_millis(100));
            let args = [words, &["zzkillalltest"]].concat();
            let out = if cmd == "ours" {
                ours(&[&["killall"], &args[..]].concat())
            } else {
                theirs("killall", &args)
            };
            assert!(out.status.success(), "{cmd} killall {words:?}");
            kids.into_iter()
                .map(|mut k| k.wait().unwrap().signal())
                .collect()
        };
        let o = run("ours");
        assert_eq!(o, run("killall"), "killall {words:?}");
        assert!(o.iter().all(Option::is_some));
    }
    std::fs::remove_dir_all(&dir).unwrap();
    let o = ours(&["killall", "zzkillalltest"]);
    let t = theirs("killall", &["zzkillalltest"]);
    assert_eq!(o.status.code(), t.status.code());
    assert!(String::from_utf8_lossy(&o.stderr).contains("zzkillalltest: no process found"));
    let q = ours(&["killall", "-q", "zzkillalltest"]);
    assert_eq!(
        q.status.code(),
        theirs("killall", &["-q", "zzkillalltest"]).status.code()
    );
    assert!(q.stderr.is_empty());
}
