//! `psutil top` and `psutil iotop` driven in a real terminal: each test starts the view
//! in a detached tmux session of fixed size (own tmux server socket), sends keys and
//! polls `capture-pane` until the expected screen shows up or a deadline passes.
//! Checked: rows appear, sorting on a key, filtering, killing a spawned process (its
//! `wait()` shows the signal), quitting with q / Ctrl-C / SIGTERM, and that the
//! terminal is restored afterwards (alternate screen gone, `stty` back in cooked mode).

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

/// A tmux server with one session running a command; killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(cmd: &str) -> Tmux {
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "psutil-tui-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux { socket };
        let st = t
            .cmd()
            .args(["new-session", "-d", "-s", "t", "-x", "160", "-y", "50", cmd])
            .status()
            .expect("tmux is installed (scripts/test.sh installs it)");
        assert!(st.success(), "tmux new-session failed");
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"])
            .env("TERM", "xterm-256color")
            .env_remove("TMUX")
            .stdin(Stdio::null());
        c
    }

    fn capture(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends tmux key names (`Enter`, `C-c`, `M`).
    fn keys(&self, keys: &[&str]) {
        let st = self
            .cmd()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .unwrap();
        assert!(st.success());
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        let st = self
            .cmd()
            .args(["send-keys", "-t", "t", "-l", text])
            .status()
            .unwrap();
        assert!(st.success());
    }

    /// Polls the pane until `ok` accepts it; panics with the last screen otherwise.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.capture();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The pid of the program the pane's shell runs (the psutil process).
    fn child_pid(&self) -> u32 {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .output()
            .unwrap();
        let sh: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        let kids = psutil_rs::Process::new(sh)
            .unwrap()
            .children(false)
            .unwrap();
        kids.iter()
            .find(|k| k.name().is_ok_and(|n| n == "psutil"))
            .map(|k| k.pid())
            .expect("psutil runs in the pane")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// A child process killed and reaped on drop.
struct Spawned(Child);

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tmpdir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("tui-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `psutil ARGS`, then the exit status, the terminal settings, and a long sleep so the
/// pane stays open to be inspected.
fn shell(args: &str) -> String {
    format!(
        "{} {args}; echo DONE rc=$?; stty -a; echo STTY-END; sleep 600",
        env!("CARGO_BIN_EXE_psutil")
    )
}

/// The table rows (lines after the `PID USER` header) split into fields.
fn rows(screen: &str) -> Vec<Vec<String>> {
    screen
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("PID USER"))
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// top's VIRT/RES cell in KiB (plain KiB, or `g`/`t` suffixed).
fn kib(cell: &str) -> f64 {
    if let Some(g) = cell.strip_suffix('g') {
        g.parse::<f64>().unwrap() * 1048576.0
    } else if let Some(t) = cell.strip_suffix('t') {
        t.parse::<f64>().unwrap() * 1073741824.0
    } else {
        cell.parse().unwrap()
    }
}

/// `ps -o FORMAT -p PID`, split into fields.
fn ps_fields(pid: &str, format: &str) -> Vec<String> {
    let out = Command::new("ps")
        .args(["-o", format, "-p", pid])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// After exit: the alternate screen is gone (no table, the shell's DONE line shows) and
/// the tty is in cooked mode with echo again.
fn assert_restored(screen: &str) {
    assert!(screen.contains("DONE rc=0"), "{screen}");
    assert!(!screen.contains("PID USER"), "table still shown:\n{screen}");
    let words: Vec<&str> = screen
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(words.contains(&flag), "{flag} not restored:\n{screen}");
        assert!(!words.contains(&format!("-{flag}").as_str()), "{screen}");
    }
}

#[test]
fn top_filters_and_kills_a_spawned_process() {
    let dir = tmpdir();
    let name = format!("tslp{}", std::process::id() % 100000);
    let bin = dir.join(&name);
    std::fs::copy("/bin/sleep", &bin).unwrap();
    let mut child = Spawned(Command::new(&bin).arg("600").spawn().unwrap());
    let pid = child.0.id().to_string();

    let t = Tmux::start(&shell("top -d 0.5"));
    t.wait_for("the process table", |s| rows(s).len() > 5);

    // Filter: `/`, the name, Enter: only the sleeper's row remains.
    t.keys(&["/"]);
    t.type_text(&name);
    t.keys(&["Enter"]);
    let s = t.wait_for("the filtered table", |s| {
        let r = rows(s);
        s.contains(&format!("Filter: {name}")) && r.len() == 1 && r[0][0] == pid
    });
    assert!(rows(&s).iter().all(|r| r.last().unwrap() == &name), "{s}");
    // The row against ps: user, nice, VSZ and RSS (KiB; RSS may move by a page or
    // two), state. PID USER PR NI VIRT RES %CPU %MEM TIME+ S COMMAND.
    let row = &rows(&s)[0];
    let ps = ps_fields(&pid, "user:32=,ni=,vsz=,rss=,s=");
    assert_eq!(row[1], ps[0], "user");
    assert_eq!(row[3], ps[1], "NI");
    assert_eq!(
        row[2],
        (20 + ps[1].parse::<i32>().unwrap()).to_string(),
        "PR"
    );
    assert_eq!(row[4], ps[2], "VIRT");
    assert!(
        (kib(&row[5]) - kib(&ps[3])).abs() <= 64.0,
        "RES {} vs {}",
        row[5],
        ps[3]
    );
    assert_eq!(row[9], ps[4], "S");
    assert_eq!(row[8], "0:00.00", "TIME+ of a sleeper");

    // r: renice the selected process to 7; ps reads it back.
    t.keys(&["r"]);
    t.wait_for("the renice prompt", |s| s.contains("to value:"));
    t.type_text("7");
    t.keys(&["Enter"]);
    t.wait_for("the renice message", |s| s.contains("reniced to 7"));
    assert_eq!(ps_fields(&pid, "ni=")[0], "7");

    // k, Enter (default signal 15), y.
    t.keys(&["k"]);
    t.wait_for("the signal prompt", |s| s.contains("with signal [15]"));
    t.keys(&["Enter"]);
    t.wait_for("the confirmation", |s| {
        s.contains(&format!("Send signal 15 (TERM) to PID {pid}"))
    });
    t.keys(&["y"]);
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.0.try_wait().unwrap() {
            break st;
        }
        assert!(start.elapsed() < DEADLINE, "the child was not killed");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.signal(), Some(15), "{status:?}");
    t.wait_for("the row to go", |s| {
        s.contains("sent signal 15") && rows(s).is_empty()
    });

    // Esc clears the filter: all processes again.
    t.keys(&["Escape"]);
    t.wait_for("the unfiltered table", |s| rows(s).len() > 5);

    t.keys(&["q"]);
    let s = t.wait_for("the shell after q", |s| s.contains("STTY-END"));
    assert_restored(&s);
    drop(child);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn top_sorts_on_keys_and_quits_on_ctrl_c() {
    let t = Tmux::start(&shell("top -d 0.5"));
    t.wait_for("the process table", |s| rows(s).len() > 5);

    // M: RES, highest first (a refresh may redraw meanwhile; any frame after M is sorted).
    t.keys(&["M"]);
    let s = t.wait_for("rows sorted by RES", |s| {
        let r = rows(s);
        let res: Vec<f64> = r.iter().map(|r| kib(&r[5])).collect();
        s.contains("Sort: RES") && res.len() > 5 && res.windows(2).all(|w| w[0] >= w[1])
    });
    let r = rows(&s);
    let max = r.iter().map(|r| kib(&r[5])).fold(0.0, f64::max);
    assert_eq!(kib(&r[0][5]), max, "{s}");

    // N: pid ascending; R reverses.
    t.keys(&["N"]);
    t.wait_for("rows sorted by PID", |s| {
        let p: Vec<u32> = rows(s).iter().map(|r| r[0].parse().unwrap()).collect();
        s.contains("Sort: PID") && p.len() > 5 && p.windows(2).all(|w| w[0] < w[1])
    });
    t.keys(&["R"]);
    t.wait_for("rows sorted by PID, reversed", |s| {
        let p: Vec<u32> = rows(s).iter().map(|r| r[0].parse().unwrap()).collect();
        s.contains("(reversed)") && p.len() > 5 && p.windows(2).all(|w| w[0] > w[1])
    });

    // t: tree view, children indented under their parents.
    t.keys(&["t"]);
    t.wait_for("the tree view", |s| s.contains("`- "));

    t.keys(&["C-c"]);
    let s = t.wait_for("the shell after Ctrl-C", |s| s.contains("STTY-END"));
    assert_restored(&s);
}

#[test]
fn top_restores_the_terminal_on_sigterm_and_stops_after_n_frames() {
    let t = Tmux::start(&shell("top -d 0.5"));
    t.wait_for("the process table", |s| rows(s).len() > 5);
    let pid = t.child_pid();
    psutil_rs::Process::new(pid).unwrap().terminate().unwrap();
    let s = t.wait_for("the shell after SIGTERM", |s| s.contains("STTY-END"));
    assert_restored(&s);

    // -n 3: three frames, then exit on its own.
    let t = Tmux::start(&shell("top -d 0.2 -n 3"));
    let s = t.wait_for("the shell after 3 frames", |s| s.contains("STTY-END"));
    assert_restored(&s);
}

/// An iotop amount (`12.34 M/s` or `12.34 M`) in bytes; `None` for a cell that is not
/// one (a row caught mid-redraw, or a process whose counters are unreadable).
fn amount(num: &str, unit: &str) -> Option<f64> {
    let mult = match unit.trim_end_matches("/s") {
        "B" => 1.0,
        "K" => 1024.0,
        "M" => 1048576.0,
        "G" => 1073741824.0,
        "T" => 1099511627776.0,
        _ => return None,
    };
    Some(num.parse::<f64>().ok()? * mult)
}

/// iotop rows: (pid, read, write, total) in bytes (per second or accumulated).
fn io_rows(screen: &str) -> Vec<(String, f64, f64, f64)> {
    rows(screen)
        .into_iter()
        .filter(|r| r.len() >= 8 && r[2] != "?")
        .filter_map(|r| {
            Some((
                r[0].clone(),
                amount(&r[2], &r[3])?,
                amount(&r[4], &r[5])?,
                amount(&r[6], &r[7])?,
            ))
        })
        .collect()
}

#[test]
fn iotop_shows_a_writer_sorted_by_io() {
    let dir = tmpdir();
    let file = dir.join("iotop-writer.bin");
    // Rewrites the same MiB and fsyncs it: steady write_bytes, bounded disk use.
    let writer = Spawned(
        Command::new("python3")
            .args([
                "-c",
                "import os,sys\n\
                 f=os.open(sys.argv[1], os.O_WRONLY|os.O_CREAT, 0o600)\n\
                 b=b'x'*1048576\n\
                 while True:\n    os.pwrite(f,b,0); os.fsync(f)\n",
            ])
            .arg(&file)
            .spawn()
            .unwrap(),
    );
    let pid = writer.0.id().to_string();

    let t = Tmux::start(&shell("iotop -d 0.5"));
    let s = t.wait_for("the header and rows", |s| {
        s.contains("Total DISK WRITE:") && s.contains("Actual DISK WRITE:") && rows(s).len() > 3
    });
    assert!(s.contains("Sort: TOTAL"), "{s}");

    // o: only processes doing I/O; the writer is among them, writing, and the rows
    // are sorted by total I/O.
    t.keys(&["o"]);
    let s = t.wait_for("the writer with write activity", |s| {
        let r = io_rows(s);
        s.contains("only I/O")
            && r.iter().any(|(p, _, w, _)| *p == pid && *w > 0.0)
            && r.iter().all(|(_, rd, w, _)| rd + w > 0.0)
            && r.windows(2).all(|w| w[0].3 >= w[1].3)
    });
    assert!(s.contains("python3"), "{s}");

    // a: accumulated totals (no /s), still showing the writer.
    t.keys(&["a"]);
    t.wait_for("accumulated totals", |s| {
        s.contains("accumulated")
            && io_rows(s)
                .iter()
                .any(|(p, _, w, _)| *p == pid && *w >= 1048576.0)
            && !rows(s)
                .iter()
                .any(|r| r.get(3).is_some_and(|u| u.ends_with("/s")))
    });

    t.keys(&["q"]);
    let s = t.wait_for("the shell after q", |s| s.contains("STTY-END"));
    assert_restored(&s);
    drop(writer);
    let _ = std::fs::remove_dir_all(dir);
}

fn psutil(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn batch_frames_and_errors() {
    let mut child = Spawned(Command::new("sleep").arg("600").spawn().unwrap());
    let pid = child.0.id().to_string();
    let me = std::process::id().to_string();
    // -b -n 2 -p: two text frames, each with the two processes only.
    let out = psutil(&[
        "top",
        "-b",
        "-n",
        "2",
        "-d",
        "0.2",
        "-p",
        &format!("{pid},{me}"),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("Tasks:   2 total").count(), 2, "{text}");
    let frames: Vec<&str> = text.split("top - ").skip(1).collect();
    assert_eq!(frames.len(), 2, "{text}");
    for f in frames {
        let mut pids: Vec<String> = rows(f).into_iter().map(|r| r[0].clone()).collect();
        pids.sort();
        let mut want = vec![pid.clone(), me.clone()];
        want.sort();
        assert_eq!(pids, want, "{f}");
    }
    // stdout not a terminal: batch without -b.
    let out = psutil(&["iotop", "-n", "1", "-p", &pid]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Total DISK READ:"), "{text}");
    assert_eq!(rows(&text).len(), 1, "{text}");

    for (args, msg) in [
        (&["top", "-p", "2147483000"][..], "no such process"),
        (&["top", "-d", "0"], "invalid delay"),
        (&["top", "--json"], "live view"),
        (&["iotop", "--delay=-1"], "invalid delay"),
    ] {
        let out = psutil(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(msg), "{args:?}: {err}");
    }
    child.0.kill().unwrap();
}
