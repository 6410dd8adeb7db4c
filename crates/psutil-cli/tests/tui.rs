// tmux and the terminal checks are Linux's.
#![cfg(target_os = "linux")]

//! `psutil top` and `psutil iotop` driven in a real terminal: each test starts the view
//! in a detached tmux session of fixed size (own tmux server socket), sends keys and
//! polls `capture-pane` until the expected screen shows up or a deadline passes.
//! Checked: rows appear, sorting on a key, filtering, killing a spawned process (its
//! `wait()` shows the signal), quitting with q / Ctrl-C / SIGTERM, and that the
//! terminal is restored afterwards (alternate screen gone, `stty` back in cooked mode).

mod common;

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

/// The table rows (lines after the `PID ...` header) split into fields.
fn rows(screen: &str) -> Vec<Vec<String>> {
    screen
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("PID "))
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
    common::copy_program("/bin/sleep", &bin);
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
        .filter(|r| r.len() >= 9 && r[3] != "?")
        .filter_map(|r| {
            Some((
                r[0].clone(),
                amount(&r[3], &r[4])?,
                amount(&r[5], &r[6])?,
                amount(&r[7], &r[8])?,
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
            && !rows(s).iter().any(|r| r.iter().any(|u| u.ends_with("/s")))
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

/// Waits until `pid` has exec'd `comm`.
fn wait_exec(pid: u32, comm: &str) {
    let start = Instant::now();
    while std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default()
        != format!("{comm}\n")
    {
        assert!(start.elapsed() < DEADLINE, "{pid} never became {comm}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// PR and NI per pid in a batch frame (top's or ours).
fn pr_ni(text: &str) -> std::collections::BTreeMap<String, (String, String)> {
    rows(text)
        .into_iter()
        .map(|r| (r[0].clone(), (r[2].clone(), r[3].clone())))
        .collect()
}

/// PR is the kernel's priority, `rt` at rt_priority 99: equal to procps `top -b -n 1`
/// for SCHED_FIFO 50 and 99 tasks (chrt, needs root), a niced one and ourselves.
#[test]
fn top_pr_matches_procps_top() {
    let root = String::from_utf8(Command::new("id").arg("-u").output().unwrap().stdout)
        .unwrap()
        .trim()
        == "0";
    let spawn = |args: &[&str]| {
        let c = Command::new(args[0])
            .args(&args[1..])
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        wait_exec(c.id(), "sleep");
        Spawned(c)
    };
    let mut kids = vec![spawn(&["nice", "-n", "7", "sleep", "100"])];
    if root {
        kids.push(spawn(&["chrt", "-f", "50", "sleep", "100"]));
        kids.push(spawn(&["chrt", "-f", "99", "sleep", "100"]));
    }
    let mut pids: Vec<String> = kids.iter().map(|k| k.0.id().to_string()).collect();
    pids.push(std::process::id().to_string());
    let sel = pids.join(",");
    let top = Command::new("top")
        .args(["-b", "-n", "1", "-p", &sel])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    assert!(top.status.success());
    let theirs = pr_ni(&String::from_utf8_lossy(&top.stdout));
    let out = psutil(&["top", "-b", "-n", "1", "-d", "0.1", "-p", &sel]);
    assert!(out.status.success());
    let ours = pr_ni(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(ours, theirs);
    assert_eq!(theirs[&pids[0]], ("27".into(), "7".into()));
    if root {
        assert_eq!(theirs[&pids[1]].0, "-51");
        assert_eq!(theirs[&pids[2]].0, "rt");
        // ps prints "-" as the nice of a real-time task; so does psutil ps.
        let ni = |cmd: &str, args: &[&str]| {
            let o = Command::new(cmd).args(args).output().unwrap();
            String::from_utf8(o.stdout).unwrap().trim().to_string()
        };
        let ps_args = ["-o", "ni=", "-p", pids[1].as_str()];
        assert_eq!(
            ni(
                env!("CARGO_BIN_EXE_psutil"),
                &[&["ps"][..], &["-o", "ni", "-p", &pids[1]]].concat()
            )
            .lines()
            .last()
            .unwrap()
            .trim(),
            ni("ps", &ps_args)
        );
    }
    drop(kids);
}

/// Restores `/proc/sys/kernel/task_delayacct` when a test ends.
struct DelayAcct(String);

impl DelayAcct {
    const PATH: &'static str = "/proc/sys/kernel/task_delayacct";

    fn set(on: bool) {
        std::fs::write(Self::PATH, if on { "1" } else { "0" }).unwrap();
    }
}

impl Drop for DelayAcct {
    fn drop(&mut self) {
        let _ = std::fs::write(Self::PATH, &self.0);
    }
}

/// (pid, PRIO, "SWAPIN IO") per row of iotop batch frames: the two numbers without
/// their `%` (or `?`), or `?unavailable?`.
fn prio_delay_rows(text: &str) -> Vec<(String, String, String)> {
    text.split("Total DISK READ:")
        .skip(1)
        .flat_map(|frame| {
            rows(frame).into_iter().filter(|r| r.len() >= 11).map(|r| {
                let delay = if r[9] == "?unavailable?" {
                    "?unavailable?".to_string()
                } else {
                    let io_at = if r[9] == "?" { 10 } else { 11 };
                    assert_eq!(r[io_at + 1], "%", "{r:?}");
                    format!("{} {}", r[9], r[io_at])
                };
                (r[0].clone(), r[1].clone(), delay)
            })
        })
        .collect()
}

/// The seconds of block I/O delay of a process: field 42 of `/proc/<pid>/stat`.
fn blkio_secs(pid: u32) -> f64 {
    let st = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let ticks: f64 = st
        .rsplit_once(") ")
        .unwrap()
        .1
        .split(' ')
        .nth(39)
        .unwrap()
        .parse()
        .unwrap();
    let clk = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .unwrap()
        .stdout;
    ticks
        / String::from_utf8(clk)
            .unwrap()
            .trim()
            .parse::<f64>()
            .unwrap()
}

/// iotop's PRIO equals what `ionice -p` reports (with class "none", iotop's rule on the
/// nice value and policy from `/proc/<pid>/stat`); IO is the block I/O delay share
/// (field 42 deltas) when delay accounting is on, `?unavailable?` when off (the sysctl
/// is toggled when root, and restored).
#[test]
fn iotop_prio_and_io_delay_columns() {
    let root = String::from_utf8(Command::new("id").arg("-u").output().unwrap().stdout)
        .unwrap()
        .trim()
        == "0";
    let spawn = |args: &[&str], comm: &str| {
        let c = Command::new(args[0])
            .args(&args[1..])
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        wait_exec(c.id(), comm);
        Spawned(c)
    };
    // Its own directory on the disk (not tmpdir(), which other tests remove when done;
    // the target directory is on the disk, as O_DIRECT reads need).
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("iotop-delay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("iotop-delay.bin");
    std::fs::write(&file, vec![7u8; 16 << 20]).unwrap();
    // Reads the file with O_DIRECT, 4 KiB at a time: every read waits for the disk, so
    // its block I/O delay (field 42) grows whenever delay accounting is on.
    let reader_code = "import os,sys,mmap\n\
         f=os.open(sys.argv[1], os.O_RDONLY|os.O_DIRECT)\n\
         m=mmap.mmap(-1,4096)\n\
         n=os.fstat(f).st_size//4096\n\
         i=0\n\
         while True:\n    os.preadv(f,[m],(i%n)*4096); i+=1\n";
    let file_s = file.to_string_lossy().into_owned();
    let mut kids = vec![
        spawn(&["nice", "-n", "7", "sleep", "100"], "sleep"),
        spawn(&["ionice", "-c", "3", "sleep", "100"], "sleep"),
        spawn(&["ionice", "-c", "2", "-n", "1", "sleep", "100"], "sleep"),
        spawn(&["python3", "-c", reader_code, &file_s], "python3"),
    ];
    if root {
        kids.push(spawn(
            &["ionice", "-c", "1", "-n", "2", "sleep", "100"],
            "sleep",
        ));
        kids.push(spawn(&["chrt", "-f", "10", "sleep", "100"], "sleep"));
    }
    let pids: Vec<u32> = kids.iter().map(|k| k.0.id()).collect();
    let sel = pids
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    // What iotop derives from ionice -p (util-linux) and the process's stat.
    let want_prio = |pid: u32| -> String {
        let o = Command::new("ionice")
            .args(["-p", &pid.to_string()])
            .output()
            .unwrap();
        let text = String::from_utf8(o.stdout).unwrap();
        let (class, level) = text
            .trim()
            .split_once(": prio ")
            .unwrap_or((text.trim(), "0"));
        let st = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let f: Vec<&str> = st.rsplit_once(") ").unwrap().1.split(' ').collect();
        let nice: i64 = f[16].parse().unwrap();
        let policy: u32 = f[38].parse().unwrap();
        match class {
            "realtime" => format!("rt/{level}"),
            "best-effort" => format!("be/{level}"),
            "idle" => "idle".into(),
            "none" if policy == 1 || policy == 2 => format!("rt/{}", (nice + 20) / 5),
            "none" if policy == 5 => "idle".into(),
            "none" => format!("be/{}", (nice + 20) / 5),
            c => panic!("ionice class {c}"),
        }
    };
    let run = |sel: &str| {
        let out = psutil(&["iotop", "-b", "-n", "3", "-d", "0.5", "-p", sel]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let check_prio = |rows: &[(String, String, String)]| {
        for &pid in &pids {
            let want = want_prio(pid);
            let got: Vec<_> = rows.iter().filter(|r| r.0 == pid.to_string()).collect();
            assert_eq!(got.len(), 3, "pid {pid}: {rows:?}");
            assert!(
                got.iter().all(|r| r.1 == want),
                "pid {pid}: want {want}, {got:?}"
            );
        }
    };
    let mut want_some = vec!["be/5".to_string(), "idle".into(), "be/1".into()];
    if root {
        want_some.extend(["rt/2".to_string(), "rt/4".into()]);
    }
    for (i, w) in want_some.iter().enumerate() {
        let i = if i >= 3 { i + 1 } else { i };
        assert_eq!(&want_prio(pids[i]), w, "ionice/stat of pid {}", pids[i]);
    }
    if !root {
        let text = run(&sel);
        check_prio(&prio_delay_rows(&text));
        return;
    }
    let _restore = DelayAcct(std::fs::read_to_string(DelayAcct::PATH).unwrap());
    // Off: iotop's ?unavailable? for SWAPIN and IO.
    DelayAcct::set(false);
    let rows = prio_delay_rows(&run(&sel));
    check_prio(&rows);
    assert!(rows.iter().all(|r| r.2 == "?unavailable?"), "{rows:?}");
    // On: SWAPIN and IO percentages; the sleepers never wait for I/O, and the
    // reader's shares over the last two frames' (at least) 0.5 s intervals add up to at
    // most its field-42 delta over the whole run (plus rounding).
    // Tasks forked while delay accounting was off are never accounted (their field 42
    // stays 0 after it is turned on): a second reader is started after turning it on.
    DelayAcct::set(true);
    let mut fresh = spawn(&["python3", "-c", reader_code, &file_s], "python3");
    let reader = fresh.0.id();
    // Its first waits are accounted before iotop starts (or it died: say how).
    let start = Instant::now();
    while blkio_secs(reader) == 0.0 {
        if let Some(st) = fresh.0.try_wait().unwrap() {
            panic!("the O_DIRECT reader exited: {st}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the O_DIRECT reader's field 42 stays 0: is delay accounting on ({})?",
            std::fs::read_to_string(DelayAcct::PATH).unwrap().trim()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = blkio_secs(reader);
    let rows = prio_delay_rows(&run(&format!("{sel},{reader}")));
    let delta = blkio_secs(reader) - before;
    check_prio(&rows);
    assert_eq!(rows.iter().filter(|r| r.0 == reader.to_string()).count(), 3);
    let mut shown = 0.0;
    let mut reader_frames = 0;
    for r in &rows {
        let (swapin, pct) = r.2.split_once(' ').unwrap();
        // As root, SWAPIN comes from taskstats: a percentage (nothing swaps in here
        // unless the machine is short of memory).
        let swapin: f64 = swapin.parse().unwrap_or_else(|_| panic!("{r:?}"));
        assert!((0.0..=99.99).contains(&swapin), "{r:?}");
        let pct: f64 = pct.parse().unwrap();
        assert!((0.0..=99.99).contains(&pct), "{r:?}");
        if r.0 == reader.to_string() {
            // The first frame's interval is the start-up sample (shorter than -d).
            reader_frames += 1;
            if reader_frames > 1 {
                shown += pct / 100.0 * 0.5;
            }
        } else {
            assert_eq!(pct, 0.0, "a sleeper waited for I/O? {r:?}");
        }
    }
    // The frame intervals are at least the 0.5 s asked for, so `shown` over-estimates.
    assert!(
        shown <= delta + 0.03,
        "shown {shown} s of delay, field 42 moved {delta} s"
    );
    eprintln!("iotop showed {shown:.2} s of block I/O delay; field 42 moved {delta:.2} s");
    assert!(
        delta > 0.0,
        "O_DIRECT reads never waited: is delay accounting on?"
    );
    if delta >= 0.1 {
        assert!(shown > 0.0, "field 42 moved {delta} s, iotop showed none");
    }
    drop(fresh);
    drop(kids);
    let _ = std::fs::remove_dir_all(dir);
}
