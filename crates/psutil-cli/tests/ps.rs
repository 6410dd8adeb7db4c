// The classic tool this compares with is procps ps (Linux).
#![cfg(target_os = "linux")]

//! `psutil ps` in procps's three syntaxes (BSD, UNIX, GNU long options) against procps
//! ps on this machine at the same moment: same header, same rows in the same order,
//! same cells, for every process whose row did not change between two ps runs
//! bracketing ours.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::process::{Command, Output};

fn run(cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd).args(args).output().unwrap()
}

fn ours(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psutil"))
        .arg("ps")
        .args(args)
        .output()
        .unwrap()
}

/// A row: the pid (from the PID column, the LWP column for threads) and the cells, the
/// command (last column, with its spaces) as one.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    pid: u32,
    /// The PID column: the process of a thread row.
    proc_pid: u32,
    cells: Vec<String>,
}

/// The header words and rows of a ps output.
fn table(text: &str) -> (Vec<String>, Vec<Row>) {
    let mut lines = text.lines();
    let head: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split_whitespace()
        .map(String::from)
        .collect();
    // with -L, rows are threads: keyed by their LWP
    let pid_col = head
        .iter()
        .position(|h| h == "LWP")
        .or_else(|| head.iter().position(|h| h == "PID"))
        .expect("a PID column");
    let proc_col = head.iter().position(|h| h == "PID");
    let n = head.len();
    let rows = lines
        .map(|l| {
            let mut cells = Vec::new();
            let mut rest = l.trim_start();
            for _ in 0..n - 1 {
                let end = rest.find(' ').unwrap_or(rest.len());
                cells.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
            // the forest's drawing and the command keep their spaces
            let last_start = l.len() - rest.len();
            let last = if head.last().is_some_and(|h| h == "COMMAND" || h == "CMD") {
                // from the first column after the previous cell, spaces of the drawing kept
                l[l[..last_start].trim_end().len() + 1..].to_string()
            } else {
                rest.to_string()
            };
            cells.push(last);
            Row {
                pid: cells[pid_col]
                    .parse()
                    .unwrap_or_else(|_| panic!("pid in {l:?}")),
                proc_pid: proc_col.and_then(|c| cells[c].parse().ok()).unwrap_or(0),
                cells,
            }
        })
        .collect();
    (head, rows)
}

/// Cells that move between runs as a process lives: CPU, times and the R/S/D state.
fn volatile(head: &str) -> bool {
    ["%CPU", "C", "TIME", "ELAPSED"].contains(&head)
}

fn same_cell(head: &str, before: &str, ours: &str) -> bool {
    if head == "STAT" || head == "S" {
        let busy = |s: &str| s.starts_with(['R', 'S', 'D']);
        if busy(before) && busy(ours) {
            return before[1..] == ours[1..];
        }
    }
    before == ours
}

/// One comparison of `args`: the mismatches (empty when equal) and the number of rows
/// compared.
fn round(args: &[&str]) -> (Vec<String>, usize) {
    let before = run("ps", args);
    let mine = ours(args);
    let after = run("ps", args);
    assert_eq!(
        mine.status.code(),
        before.status.code(),
        "ps {args:?}: exit status; stderr {}",
        String::from_utf8_lossy(&mine.stderr)
    );
    // the threads of this test binary come and go as its tests run: not compared
    let settled = |(h, rows): (Vec<String>, Vec<Row>)| {
        let me = std::process::id();
        let threads = h.iter().any(|c| c == "LWP");
        let rows: Vec<Row> = rows
            .into_iter()
            .filter(|r| !(threads && r.proc_pid == me))
            .collect();
        (h, rows)
    };
    let (hb, rb) = settled(table(&String::from_utf8_lossy(&before.stdout)));
    let (ho, ro) = settled(table(&String::from_utf8_lossy(&mine.stdout)));
    let (_, ra) = settled(table(&String::from_utf8_lossy(&after.stdout)));
    let mut bad = Vec::new();
    if hb != ho {
        bad.push(format!("header: ps {hb:?}, ours {ho:?}"));
    }
    let after_by: HashMap<u32, &Row> = ra.iter().map(|r| (r.pid, r)).collect();
    let ours_by: HashMap<u32, &Row> = ro.iter().map(|r| (r.pid, r)).collect();
    // the processes alive through the three runs: those in both ps runs
    let stable: Vec<&Row> = rb
        .iter()
        .filter(|r| after_by.contains_key(&r.pid))
        .collect();
    let stable_pids: BTreeSet<u32> = stable.iter().map(|r| r.pid).collect();
    let mut compared = 0;
    for b in &stable {
        let a = after_by[&b.pid];
        let Some(o) = ours_by.get(&b.pid) else {
            bad.push(format!("pid {} missing: ps {:?}", b.pid, b.cells));
            continue;
        };
        for (i, h) in hb.iter().enumerate() {
            let (bc, ac, oc) = (&b.cells[i], &a.cells[i], &o.cells[i]);
            if bc != ac || volatile(h) {
                continue;
            }
            if !same_cell(h, bc, oc) {
                bad.push(format!("pid {} {h}: ps {bc:?}, ours {oc:?}", b.pid));
            }
        }
        compared += 1;
    }
    // the same order, and nothing more than ps lists (but the ps runs themselves)
    let before_pids: BTreeSet<u32> = rb.iter().map(|r| r.pid).collect();
    let order_b: Vec<u32> = stable.iter().map(|r| r.pid).collect();
    let order_o: Vec<u32> = ro
        .iter()
        .map(|r| r.pid)
        .filter(|p| stable_pids.contains(p))
        .collect();
    if order_b != order_o {
        bad.push(format!("order: ps {order_b:?}\nours {order_o:?}"));
    }
    // a process we list that neither ps run did, yet lives on, was selected wrongly
    for r in &ro {
        let extra = !before_pids.contains(&r.pid) && !after_by.contains_key(&r.pid);
        if extra && std::path::Path::new(&format!("/proc/{}", r.pid)).exists() {
            bad.push(format!("pid {} listed by us only: {:?}", r.pid, r.cells));
        }
    }
    (bad, compared)
}

/// `args` compared, with two more rounds when a process changed between the reads.
fn check(args: &[&str], min_rows: usize) {
    let mut last = Vec::new();
    for _ in 0..3 {
        let (bad, compared) = round(args);
        if bad.is_empty() {
            assert!(
                compared >= min_rows,
                "ps {args:?}: only {compared} rows compared"
            );
            return;
        }
        last = bad;
    }
    panic!("ps {args:?} and psutil ps disagree:\n{}", last.join("\n"));
}

/// Kills (and reaps) the spawned helpers when a test ends, also on a failed assert.
struct Kids(Vec<std::process::Child>);

impl Drop for Kids {
    fn drop(&mut self) {
        for k in &mut self.0 {
            let _ = k.kill();
            let _ = k.wait();
        }
    }
}

/// A small tree of sleepers under this test: sh, its sleep children.
fn sleepers() -> Kids {
    let tree = Command::new("sh")
        .args(["-c", "sleep 60 & sleep 60 & wait"])
        .spawn()
        .unwrap();
    let kid = Command::new("sleep").arg("60").spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    Kids(vec![tree, kid])
}

#[test]
fn bsd_syntax_matches_procps() {
    let _kids = sleepers();
    // without `x`, only processes with a terminal: maybe none here
    for (args, min) in [
        (&["aux"][..], 1),
        (&["ax"], 1),
        (&["x"], 1),
        (&["a"], 0),
        (&["u"], 0),
        (&["auxww"], 1),
        (&["-ww", "aux"], 1),
        (&["axf"], 1),
        (&["axu", "--sort=-rss"], 1),
    ] {
        check(args, min);
    }
}

#[test]
fn unix_syntax_matches_procps() {
    let _kids = sleepers();
    let me = std::process::id().to_string();
    let parent = std::os::unix::process::parent_id().to_string();
    for args in [
        &["-e"][..],
        &["-A"],
        &["-ef"],
        &["-e", "-f"],
        &["-f", "-p", &me],
        &["-p", &format!("1,{me}")],
        &["-p", "1", "-p", &me],
        &["-u", "root", "-o", "pid,user,comm"],
        &["-C", "sleep", "-o", "pid,ppid,comm,stat"],
        &[
            "-eo",
            "pid,ppid,pgid,sid,tpgid,uid,user,nlwp,ni,s,stat,tty,tname,stime,comm",
        ],
        &["-eo", "comm,pid,args"],
        &["-eo", "pid,comm=NAME,user:12"],
        &["-ww", "-ef"],
        &["-eF"],
        &["-ely"],
        &["-elfy"],
        &["-ly"],
        &["-eo", "pid,psr,sz,wchan,opri,comm"],
        &["-el"],
        &["-elf"],
        &["-lL", "-p", "1"],
        &["-eo", "pid,f,flag,addr,sz,comm"],
        &["-eLf"],
        &["-eLF"],
        &["-elyL"],
        &["-L", "-p", "1"],
        &["-L", "-C", "sleep", "-o", "pid,lwp,nlwp,stat,comm"],
        &["-o", "pid,wchan:20,comm", "-C", "sleep"],
        &["-o", "pid,ppid,comm", "--ppid", &parent, "-p", &me],
        &[],
    ] {
        check(args, 1);
    }
}

#[test]
fn gnu_long_options_match_procps() {
    let _kids = sleepers();
    let me = std::process::id().to_string();
    for args in [
        &["-e", "--sort=-pid", "-o", "pid,ppid,comm"][..],
        &["-e", "--sort", "comm,-pid", "-o", "pid,comm"],
        &["--pid", &me, "-o", "pid,comm"],
        &["--ppid", "2", "-o", "pid,ppid,comm"],
        &["-e", "--forest", "-o", "pid,ppid,comm"],
        &["-ef", "--forest"],
        &["--ppid", "2", "--forest", "-o", "pid,comm"],
    ] {
        check(args, 1);
    }
}

#[test]
fn headers_renamed_or_hidden_as_procps() {
    for args in [
        &["--no-headers", "-o", "pid,comm", "-p", "1"][..],
        &["-o", "pid=,comm=", "-p", "1"],
        &["-o", "pid=ID,comm", "-p", "1"],
        &["-o", "pid=,comm=NAME", "-p", "1"],
    ] {
        let theirs = run("ps", args);
        let mine = ours(args);
        assert_eq!(
            String::from_utf8_lossy(&mine.stdout)
                .lines()
                .map(str::trim_end)
                .collect::<Vec<_>>(),
            String::from_utf8_lossy(&theirs.stdout)
                .lines()
                .map(str::trim_end)
                .collect::<Vec<_>>(),
            "{args:?}"
        );
    }
}

#[test]
fn comm_is_cut_at_15_as_the_kernel_has_it() {
    let exe = std::env::temp_dir().join(format!("psutil-long-name-{}", std::process::id()));
    common::copy_program("/bin/sleep", &exe);
    let _kids = Kids(vec![Command::new(&exe).arg("60").spawn().unwrap()]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let name = exe.file_name().unwrap().to_string_lossy().into_owned();
    check(&["-C", &name[..15], "-o", "pid,comm"], 1);
    let out = String::from_utf8(ours(&["-C", &name[..15], "-o", "comm="]).stdout).unwrap();
    assert_eq!(out.trim(), &name[..15]);
    let _ = std::fs::remove_file(&exe);
}

#[test]
fn bad_words_are_usage_errors_naming_them() {
    for (args, what) in [
        (&["-Z"][..], "-Z"),
        (&["auz"], "'z'"),
        (&["--bogus"], "--bogus"),
        (&["-p"], "-p"),
        (&["-o", "pid,bogus"], "bogus"),
        (&["--sort=nope"], "nope"),
    ] {
        let o = ours(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(what), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // nothing selected: procps prints the header and exits 1, silently
    let none = ours(&["-p", "4194303"]);
    let theirs = run("ps", &["-p", "4194303"]);
    assert_eq!(none.status.code(), theirs.status.code());
    assert_eq!(none.stdout, theirs.stdout);
    assert!(none.stderr.is_empty());
}

/// The long formats byte for byte, spaces included, on a sleeper whose row does not
/// move (the cell comparisons above split on blanks): -l's one-column ADDR whose
/// header runs into SZ, WCHAN cut at 6, the -F and -L column sets.
#[test]
fn long_formats_lay_out_as_procps() {
    let kids = sleepers();
    let pid = kids.0[1].id().to_string();
    for args in [
        &["-l", "-p", &pid][..],
        &["-lf", "-p", &pid],
        &["-ly", "-p", &pid],
        &["-F", "-p", &pid],
        &["-Lf", "-p", &pid],
        &["-o", "pid,f,addr,sz,wchan,psr,comm", "-p", &pid],
    ] {
        let same = (0..3).any(|_| {
            let (o, t) = (ours(args), run("ps", args));
            o.status.code() == t.status.code() && o.stdout == t.stdout
        });
        assert!(
            same,
            "ps {args:?}:\n{}\n{}",
            String::from_utf8_lossy(&ours(args).stdout),
            String::from_utf8_lossy(&run("ps", args).stdout)
        );
    }
}
