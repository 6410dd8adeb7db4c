//! Process API against psutil, `ps`, and /proc files read directly, on the test process
//! and on children the tests spawn (sleeping ones, so that values do not move).

use std::collections::HashSet;
use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use psutil_rs::{Error, Process, Status};
use serde_json::Value;

use crate::util::*;
use psutil_rs::os::linux::ProcessExt as _;
use psutil_rs::os::unix::ProcessExt as _;

const REUSED: &str = "process no longer exists and its PID has been reused";

/// A child that kills itself (and is reaped) on drop.
struct Kid(Child);

impl Kid {
    fn spawn(cmd: &str, args: &[&str]) -> Kid {
        let c = Command::new(cmd)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        Kid(c)
    }
    fn sleep() -> Kid {
        let k = Kid::spawn("sleep", &["30"]);
        k.wait_state(|s| s == 'S');
        k
    }
    fn pid(&self) -> u32 {
        self.0.id()
    }
    fn proc_stat_state(&self) -> char {
        proc_state(self.pid())
    }
    /// Waits until the kernel's state letter satisfies `f` (after exec and scheduling).
    fn wait_state(&self, f: impl Fn(char) -> bool) {
        let t = Instant::now();
        let me = std::fs::read_to_string("/proc/self/comm").unwrap();
        let pid = self.pid();
        // Exec finished (comm changed and argv in place) and the state is reached.
        while std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default() == me
            || std::fs::read(format!("/proc/{pid}/cmdline"))
                .unwrap_or_default()
                .is_empty()
            || !f(self.proc_stat_state())
        {
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "child never got ready"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Kid {
    fn drop(&mut self) {
        // Only if not reaped yet (our wait() may have reaped it through its pidfd): a
        // reaped pid may belong to someone else by now.
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn proc_state(pid: u32) -> char {
    let s = std::fs::read(format!("/proc/{pid}/stat")).unwrap_or_default();
    let i = s.iter().rposition(|&c| c == b')').unwrap_or(0);
    s.get(i + 2).map(|&c| c as char).unwrap_or('?')
}

fn p(pid: u32, method: &str) -> Value {
    psutil(&format!("psutil.Process({pid}).{method}"))
}

/// psutil's outcome of `Process(pid).<m>()` for each method: "ok" or the exception name.
fn psutil_outcomes(pid: u32, methods: &[&str]) -> Vec<String> {
    let def = "def f(pid, n):\\n try:\\n  getattr(psutil.Process(pid), n)()\\n  return 'ok'\\n \
               except Exception as e:\\n  return type(e).__name__";
    let v = psutil(&format!(
        "(lambda d: (exec(\"{def}\", d), [d['f']({pid}, n) for n in {methods:?}])[1])\
         ({{'psutil': psutil}})"
    ));
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn os(s: &OsString) -> String {
    s.to_str().unwrap().to_string()
}

#[test]
fn pids_match_psutil_and_proc() {
    let kid = Kid::sleep();
    let before: HashSet<u32> = psutil_rs::pids().unwrap().into_iter().collect();
    let theirs: HashSet<u32> = psutil("psutil.pids()")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect();
    let listing: HashSet<u32> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.parse().ok())
        .collect();
    let after: HashSet<u32> = psutil_rs::pids().unwrap().into_iter().collect();
    assert!(before.contains(&kid.pid()) && before.contains(&std::process::id()));
    // Other tests start processes meanwhile: the pids we saw both before and after are
    // the stable ones, and both other sources must list them; and everything psutil
    // saw was seen by us before or after, except processes that lived in between.
    let stable: HashSet<u32> = before.intersection(&after).copied().collect();
    assert!(
        stable.is_subset(&theirs),
        "{:?}",
        stable.difference(&theirs)
    );
    assert!(
        stable.is_subset(&listing),
        "{:?}",
        stable.difference(&listing)
    );
    let union: HashSet<u32> = before.union(&after).copied().collect();
    assert!(theirs.difference(&union).count() <= 20);
    let v = psutil_rs::pids().unwrap();
    assert!(v.windows(2).all(|w| w[0] < w[1]), "sorted");
}

#[test]
fn pid_exists_rejects_thread_ids() {
    // A thread of ours that lives until told (the other test threads of this process
    // may end at any time): its tid from gettid(2), found in /proc/self/task too.
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let (tid_tx, tid_rx) = std::sync::mpsc::channel::<u32>();
    let h = std::thread::spawn(move || {
        tid_tx
            .send(rustix::thread::gettid().as_raw_nonzero().get() as u32)
            .unwrap();
        let _ = rx.recv();
    });
    let me = std::process::id();
    let tid = tid_rx.recv().unwrap();
    assert_ne!(tid, me);
    assert!(std::fs::read_dir("/proc/self/task")
        .unwrap()
        .any(|e| e.unwrap().file_name().to_str() == Some(tid.to_string().as_str())));
    {
        // /proc/<tid> exists and kill(tid, 0) succeeds, yet it is not a process.
        assert!(std::path::Path::new(&format!("/proc/{tid}")).exists());
        assert!(!psutil_rs::pid_exists(tid).unwrap(), "tid {tid}");
        assert_eq!(
            psutil(&format!("psutil.pid_exists({tid})")),
            Value::Bool(false)
        );
    }
    tx.send(()).unwrap();
    h.join().unwrap();
    assert!(psutil_rs::pid_exists(me).unwrap());
    assert!(psutil_rs::pid_exists(1).unwrap());
    assert!(!psutil_rs::pid_exists(0).unwrap());
    assert_eq!(psutil("psutil.pid_exists(0)"), Value::Bool(false));
    assert!(!psutil_rs::pid_exists(u32::MAX).unwrap());
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    assert!(!psutil_rs::pid_exists(pid).unwrap());
}

#[test]
fn new_errors_are_no_such_process() {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    match Process::new(pid).unwrap_err() {
        Error::NoSuchProcess { pid: p, msg, .. } => {
            assert_eq!(p, pid);
            assert_eq!(msg, "process PID not found");
        }
        e => panic!("{e:?}"),
    }
    let e = Process::new(0).unwrap_err();
    assert!(e.is_no_such_process(), "{e:?}");
    let e = Process::new(u32::MAX).unwrap_err();
    assert!(e.to_string().contains("out of range"), "{e}");
}

#[test]
fn identity_eq_hash_and_pidfd() {
    let a = Process::current().unwrap();
    let b = Process::new(std::process::id()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.pid(), std::process::id());
    let kid = Kid::sleep();
    let k = Process::new(kid.pid()).unwrap();
    assert_ne!(a, k);
    // Hash/Eq use only the immutable identity; the mutex holds caches.
    #[allow(clippy::mutable_key_type)]
    let set: HashSet<Process> = [a, b, k].into_iter().collect();
    assert_eq!(set.len(), 2);
    // This kernel (6.x) has pidfd_open: the safe path is the one in use.
    let k = Process::new(kid.pid()).unwrap();
    assert!(k.uses_pidfd());
    // The start time is field 22 of /proc/<pid>/stat.
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", kid.pid())).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let start: u64 = after.split(' ').nth(19).unwrap().parse().unwrap();
    assert_eq!(k.identity(), (kid.pid(), Some(start)));
    // A fixture root never opens a pidfd (the pids there are not the host's).
    let root = psutil_rs::Root::with_procfs("/proc");
    assert!(root.process(kid.pid()).unwrap().uses_pidfd());
}

/// Every read-only method on a sleeping child, against psutil at the same moment.
#[test]
fn sleeping_child_matches_psutil() {
    let kid = Kid::sleep();
    let pid = kid.pid();
    let handle = Process::new(pid).unwrap();
    let attrs = "['ppid','name','status','create_time','cpu_times','cpu_num','terminal',\
        'num_threads','nice','uids','gids','num_ctx_switches','username','memory_info',\
        'cmdline','environ','exe','cwd','io_counters','num_fds','threads']";
    let ps = psutil(&format!("psutil.Process({pid}).as_dict(attrs={attrs})"));
    assert_eq!(ps["ppid"], std::process::id());
    assert_eq!(ps["ppid"], handle.ppid().unwrap());
    assert_eq!(ps["name"], os(&handle.name().unwrap()));
    assert_eq!(ps["status"], handle.status().unwrap().as_str());
    assert_eq!(ps["status"], "sleeping");
    assert_eq!(
        ps["create_time"].as_f64().unwrap(),
        handle.create_time().unwrap()
    );
    assert_eq!(ps["cpu_times"], ours(&handle.cpu_times().unwrap()));
    assert_eq!(ps["cpu_num"], handle.cpu_num().unwrap());
    assert_eq!(
        ps["terminal"],
        ours(&handle.terminal().unwrap().map(|p| p.display().to_string()))
    );
    assert_eq!(ps["num_threads"], handle.num_threads().unwrap());
    assert_eq!(ps["nice"], handle.nice().unwrap());
    assert_eq!(ps["uids"], ours(&handle.uids().unwrap()));
    assert_eq!(ps["gids"], ours(&handle.gids().unwrap()));
    assert_eq!(
        ps["num_ctx_switches"],
        ours(&handle.num_ctx_switches().unwrap())
    );
    assert_eq!(ps["username"], handle.username().unwrap());
    assert_eq!(ps["memory_info"], ours(&handle.memory_info().unwrap()));
    let cmd: Vec<String> = handle.cmdline().unwrap().iter().map(os).collect();
    assert_eq!(ps["cmdline"], ours(&cmd));
    assert_eq!(cmd, ["sleep", "30"]);
    let env: std::collections::BTreeMap<String, String> = handle
        .environ()
        .unwrap()
        .iter()
        .map(|(k, v)| (os(k), os(v)))
        .collect();
    assert_eq!(ps["environ"], ours(&env));
    assert_eq!(ps["exe"], handle.exe().unwrap().to_str().unwrap());
    assert_eq!(ps["cwd"], handle.cwd().unwrap().to_str().unwrap());
    assert_eq!(ps["io_counters"], ours(&handle.io_counters().unwrap()));
    assert_eq!(ps["num_fds"], handle.num_fds().unwrap());
    assert_eq!(ps["threads"], ours(&handle.threads().unwrap()));
    assert!(handle.is_running());
}

/// The test process itself (moving values: tolerances).
#[test]
fn current_process_matches_psutil() {
    let me = Process::current().unwrap();
    let pid = me.pid();
    let ps = psutil(&format!(
        "psutil.Process({pid}).as_dict(attrs=['ppid','name','create_time','cpu_times',\
         'uids','username','exe','cwd','cmdline','num_threads','memory_info','terminal'])"
    ));
    assert_eq!(ps["ppid"], me.ppid().unwrap());
    assert_eq!(ps["name"], os(&me.name().unwrap()));
    assert_eq!(
        ps["create_time"].as_f64().unwrap(),
        me.create_time().unwrap()
    );
    let ct = me.cpu_times().unwrap();
    close(
        "user",
        ct.user,
        ps["cpu_times"]["user"].as_f64().unwrap(),
        2.0,
    );
    assert_eq!(ps["uids"], ours(&me.uids().unwrap()));
    assert_eq!(ps["username"], me.username().unwrap());
    assert_eq!(ps["exe"], me.exe().unwrap().to_str().unwrap());
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Some(emu) = emulator() {
        // The kernel's process is the emulator running this binary (psutil, above, says
        // the same): its exe, and its command line ending with ours.
        assert_eq!(me.exe().unwrap().file_name().unwrap(), emu.as_str());
        assert!(me.cmdline().unwrap().ends_with(&args[1..]));
    } else {
        assert_eq!(
            me.exe().unwrap(),
            std::env::current_exe().unwrap(),
            "exe is our binary"
        );
        assert_eq!(me.cmdline().unwrap(), args);
    }
    assert_eq!(me.cwd().unwrap(), std::env::current_dir().unwrap());
    assert_eq!(
        ps["cmdline"],
        ours(&me.cmdline().unwrap().iter().map(os).collect::<Vec<_>>())
    );
    assert_eq!(ps["terminal"], ours(&me.terminal().unwrap()));
    // Other test threads come and go.
    close(
        "threads",
        me.num_threads().unwrap() as f64,
        ps["num_threads"].as_f64().unwrap(),
        8.0,
    );
    assert!(!me.threads().unwrap().is_empty());
    let rss = me.memory_info().unwrap().rss as f64;
    close("rss", rss, ps["memory_info"]["rss"].as_f64().unwrap(), 16e6);
}

/// Against `ps -o ...` for a sleeping child and for pid 1.
#[test]
fn matches_ps() {
    let kid = Kid::sleep();
    for pid in [kid.pid(), 1] {
        let handle = Process::new(pid).unwrap();
        let ps = || {
            run(
                "ps",
                &[
                    "-o",
                    "ppid=,nice=,rss=,vsz=,nlwp=,user=,tty=,comm=",
                    "-p",
                    &pid.to_string(),
                ],
            )
        };
        // rss moves (reclaim, pid 1's own work): ps read before and after ours, and
        // the round retried until both agree.
        let (mut out, mut mi) = (String::new(), None);
        for _ in 0..10 {
            let before = ps();
            mi = Some(handle.memory_info().unwrap());
            out = ps();
            if before == out {
                break;
            }
        }
        let mi = mi.unwrap();
        let f: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(f[0].parse::<u32>().unwrap(), handle.ppid().unwrap());
        assert_eq!(f[1].parse::<i32>().unwrap(), handle.nice().unwrap());
        assert_eq!(f[2].parse::<u64>().unwrap() * 1024, mi.rss);
        assert_eq!(f[3].parse::<u64>().unwrap() * 1024, mi.vms);
        assert_eq!(f[4].parse::<u64>().unwrap(), handle.num_threads().unwrap());
        assert_eq!(f[5], handle.username().unwrap());
        let tty = handle
            .terminal()
            .unwrap()
            .map(|t| t.to_str().unwrap().trim_start_matches("/dev/").to_string())
            .unwrap_or("?".into());
        assert_eq!(f[6], tty);
        // comm is the last column and may hold spaces.
        let comm = f[7..].join(" ");
        assert_eq!(
            comm,
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .unwrap()
                .trim()
        );
        // lstart: second resolution.
        let lstart = run("ps", &["-o", "lstart=", "-p", &pid.to_string()]);
        let epoch: f64 = run("date", &["-d", lstart.trim(), "+%s"])
            .trim()
            .parse()
            .unwrap();
        close("lstart", handle.create_time().unwrap(), epoch, 1.01);
    }
}

#[test]
fn proc_files_read_directly() {
    let kid = Kid::sleep();
    let pid = kid.pid();
    let handle = Process::new(pid).unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = |k: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(k))
            .unwrap()
            .split_whitespace()
            .map(|w| w.parse::<u64>().unwrap())
            .collect::<Vec<_>>()
    };
    let u = handle.uids().unwrap();
    assert_eq!(
        line("Uid:")[..3],
        [u.real as u64, u.effective as u64, u.saved as u64]
    );
    assert_eq!(line("Threads:")[0], handle.num_threads().unwrap());
    let statm: Vec<u64> = std::fs::read_to_string(format!("/proc/{pid}/statm"))
        .unwrap()
        .split_whitespace()
        .map(|w| w.parse().unwrap())
        .collect();
    let page = 4096; // this machine's page size (x86-64)
    let mi = handle.memory_info().unwrap();
    assert_eq!(
        (mi.vms, mi.rss, mi.shared),
        (statm[0] * page, statm[1] * page, statm[2] * page)
    );
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count();
    assert_eq!(handle.num_fds().unwrap(), fds);
    assert_eq!(
        handle.exe().unwrap(),
        std::fs::read_link(format!("/proc/{pid}/exe")).unwrap()
    );
}

#[test]
fn kernel_thread_like_psutil_except_environ() {
    let k = Process::new(2).unwrap();
    let ps = p(
        2,
        "as_dict(attrs=['name','exe','cmdline','ppid','status','terminal'])",
    );
    assert_eq!(ps["name"], os(&k.name().unwrap()));
    assert_eq!(ps["exe"], k.exe().unwrap().to_str().unwrap());
    assert_eq!(
        ps["cmdline"],
        ours(&k.cmdline().unwrap().iter().map(os).collect::<Vec<_>>())
    );
    assert_eq!(ps["ppid"], k.ppid().unwrap());
    assert_eq!(ps["terminal"], Value::Null);
    // psutil 7.2.2 raises NoSuchProcess here on kernel 6.x (ESRCH from environ); a live
    // kernel thread has no environment, so we return an empty one.
    assert!(k.environ().unwrap().is_empty());
    assert_eq!(k.parent().unwrap(), None);
}

/// A read that fails on a live process (a kernel thread's `smaps_rollup` gives ESRCH,
/// and memory_full_info falls back to the empty `smaps`) must not make the handle gone:
/// psutil 7.2.2 still says `is_running()` after each call, and so must we.
#[test]
fn kernel_thread_stays_running_after_failed_reads() {
    let ps =
        psutil("(lambda p: [p.memory_full_info()._asdict(), p.is_running()])(psutil.Process(2))");
    let k = Process::new(2).unwrap();
    // The kernel's answer that starts it all.
    let e = std::fs::read("/proc/2/smaps_rollup").unwrap_err();
    assert_eq!(e.raw_os_error(), Some(3), "ESRCH expected: {e}");
    let m = k.memory_full_info().unwrap();
    assert_eq!(ps[0], ours(&m));
    assert_eq!(ps[1], true);
    assert!(k.is_running(), "memory_full_info made pid 2 look gone");
    // Every other read, whatever its outcome, leaves it running too.
    type Read = fn(&Process) -> bool;
    let calls: [(&str, Read); 11] = [
        ("environ", |p| p.environ().is_ok()),
        ("exe", |p| p.exe().is_ok()),
        ("cwd", |p| p.cwd().is_ok()),
        ("memory_maps", |p| p.memory_maps().is_ok()),
        ("open_files", |p| p.open_files().is_ok()),
        ("num_fds", |p| p.num_fds().is_ok()),
        ("threads", |p| p.threads().is_ok()),
        ("io_counters", |p| p.io_counters().is_ok()),
        ("cpu_affinity", |p| p.cpu_affinity().is_ok()),
        ("ionice", |p| p.ionice().is_ok()),
        ("net_connections", |p| {
            p.net_connections(psutil_rs::ConnectionKind::All).is_ok()
        }),
    ];
    for (name, call) in &calls {
        let _ = call(&k);
        assert!(k.is_running(), "{name} made pid 2 look gone");
    }
    // A fresh handle and pid_exists agree.
    assert!(Process::new(2).unwrap().is_running());
    assert!(psutil_rs::pid_exists(2).unwrap());
}

/// A zombie: our child that exited and was not reaped.
#[test]
fn zombie_behaves_as_psutil() {
    let c = Command::new("sh").args(["-c", "exit 3"]).spawn().unwrap();
    let pid = c.id();
    let handle = Process::new(pid).unwrap();
    let t = Instant::now();
    while proc_state(pid) != 'Z' {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(handle.status().unwrap(), Status::Zombie);
    assert_eq!(p(pid, "status()"), "zombie");
    assert!(handle.is_running(), "a zombie counts as running");
    assert_eq!(
        psutil_outcomes(
            pid,
            &["cmdline", "exe", "cwd", "environ", "name", "memory_info"]
        ),
        [
            "ZombieProcess",
            "ZombieProcess",
            "ZombieProcess",
            "ZombieProcess",
            "ok",
            "ok"
        ]
    );
    for m in ["cmdline", "exe", "cwd", "environ"] {
        let e = match m {
            "cmdline" => handle.cmdline().map(|_| ()),
            "exe" => handle.exe().map(|_| ()),
            "cwd" => handle.cwd().map(|_| ()),
            _ => handle.environ().map(|_| ()),
        }
        .unwrap_err();
        match e {
            Error::ZombieProcess { pid: zp, ppid, .. } => {
                assert_eq!(zp, pid);
                assert_eq!(ppid, Some(std::process::id()));
            }
            e => panic!("{m}: {e:?}"),
        }
    }
    // Public fields still read.
    assert_eq!(os(&handle.name().unwrap()), "sh");
    assert_eq!(handle.memory_info().unwrap().rss, 0);
    // wait reaps our child and returns its exit code.
    assert_eq!(handle.wait(Some(Duration::from_secs(5))).unwrap(), Some(3));
    assert!(!handle.is_running());
    assert!(handle.status().unwrap_err().is_no_such_process());
    assert!(handle.send_signal(0).unwrap_err().is_no_such_process());
    assert_eq!(handle.wait(None).unwrap(), Some(3), "cached");
    drop(c); // already reaped by handle.wait: std's Child must not wait or kill it.
}

#[test]
fn signals_and_wait_on_children() {
    // terminate → wait returns -SIGTERM.
    let kid = Kid::sleep();
    let handle = Process::new(kid.pid()).unwrap();
    assert!(handle.uses_pidfd());
    handle.send_signal(0).unwrap();
    let e = handle.wait(Some(Duration::from_millis(50))).unwrap_err();
    match e {
        Error::TimeoutExpired { seconds, pid, .. } => {
            assert_eq!(seconds, 0.05);
            assert_eq!(pid, Some(kid.pid()));
        }
        e => panic!("{e:?}"),
    }
    // suspend / resume: ps and psutil see the state change.
    handle.suspend().unwrap();
    kid.wait_state(|s| s == 'T');
    assert_eq!(handle.status().unwrap(), Status::Stopped);
    assert_eq!(p(kid.pid(), "status()"), "stopped");
    assert!(run("ps", &["-o", "stat=", "-p", &kid.pid().to_string()]).starts_with('T'));
    handle.resume().unwrap();
    kid.wait_state(|s| s == 'S');
    assert_eq!(handle.status().unwrap(), Status::Sleeping);
    handle.terminate().unwrap();
    assert_eq!(
        handle.wait(Some(Duration::from_secs(10))).unwrap(),
        Some(-15)
    );
    // Gone and reaped: signals are NoSuchProcess, reads too.
    assert!(handle.terminate().unwrap_err().is_no_such_process());
    assert!(handle.set_nice(3).unwrap_err().is_no_such_process());
    assert!(handle.name().unwrap_err().is_no_such_process());
    assert!(!handle.is_running());

    let kid = Kid::sleep();
    let handle = Process::new(kid.pid()).unwrap();
    handle.kill().unwrap();
    assert_eq!(handle.wait(None).unwrap(), Some(-9));

    let c = Kid::spawn("sh", &["-c", "exit 7"]);
    let handle = Process::new(c.pid()).unwrap();
    assert_eq!(handle.wait(Some(Duration::from_secs(10))).unwrap(), Some(7));
}

#[test]
fn wait_on_a_process_that_is_not_our_child() {
    // sh starts a background sleep and exits: the sleep is re-parented away from us.
    let out = Command::new("sh")
        .args(["-c", "sleep 0.5 >/dev/null 2>&1 & echo $!"])
        .output()
        .unwrap();
    let pid: u32 = String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let handle = Process::new(pid).unwrap();
    assert_ne!(handle.ppid().unwrap(), std::process::id());
    let t = Instant::now();
    assert!(matches!(
        handle.wait(Some(Duration::from_millis(20))),
        Err(Error::TimeoutExpired { .. })
    ));
    // Not our child: psutil returns None once it is gone.
    assert_eq!(handle.wait(Some(Duration::from_secs(10))).unwrap(), None);
    assert!(t.elapsed() >= Duration::from_millis(400));
}

/// A python3 process (our child) with a child of its own (our grandchild, sleeping) that
/// it reaps only when told to: the grandchild, once killed, is a zombie that is not our
/// child and that nobody reaps until [`Reaper::reap`].
struct Reaper {
    middle: Child,
    out: std::io::BufReader<std::process::ChildStdout>,
    grandchild: u32,
}

impl Reaper {
    const SCRIPT: &'static str = "import ctypes, os, sys, time\n\
        g = os.fork()\n\
        if g == 0:\n    ctypes.CDLL(None).prctl(1, 9)\n    time.sleep(60)\n    os._exit(0)\n\
        print(g, flush=True)\n\
        sys.stdin.readline()\n\
        os.waitpid(g, 0)\n\
        print('reaped', flush=True)\n\
        sys.stdin.readline()\n";

    fn spawn() -> Reaper {
        use std::io::BufRead;
        let mut middle = Command::new("python3")
            .args(["-c", Self::SCRIPT])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(middle.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let grandchild = line.trim().parse().unwrap();
        Reaper {
            middle,
            out,
            grandchild,
        }
    }

    /// Asks the middle process to reap the grandchild; returns once it has.
    fn reap(&mut self) {
        use std::io::{BufRead, Write};
        let stdin = self.middle.stdin.as_mut().unwrap();
        stdin.write_all(b"\n").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        self.out.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "reaped");
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        // The grandchild dies with it (PR_SET_PDEATHSIG).
        let _ = self.middle.kill();
        let _ = self.middle.wait();
    }
}

/// CPU ticks (user + system) this thread has used, from /proc/thread-self/stat.
fn thread_cpu_ticks() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
    let after = &s[s.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

/// `wait()` on a zombie that is not our child, as psutil 7.2.2: it returns only once
/// the zombie is reaped (by its parent here), and a timeout that runs out first gives
/// TimeoutExpired. Through the pidfd and through the fallback without one, and in
/// `wait_procs`, which counts the zombie as alive (without spinning on its pidfd,
/// readable as soon as it has exited).
#[test]
fn wait_on_a_zombie_that_is_not_our_child() {
    let mut r = Reaper::spawn();
    let g = r.grandchild;
    let handle = Process::new(g).unwrap();
    assert_eq!(handle.ppid().unwrap(), r.middle.id());
    assert!(handle.uses_pidfd());
    // The same process through a root that is not the host's: no pidfd, polling.
    let polled = psutil_rs::Root::under("/").process(g).unwrap();
    assert!(!polled.uses_pidfd());
    let in_wait_procs = [Process::new(g).unwrap()];
    handle.terminate().unwrap();
    let t = Instant::now();
    while proc_state(g) != 'Z' {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    let timed_out = |res: psutil_rs::Result<Option<i32>>, secs: f64| match res {
        Err(Error::TimeoutExpired { seconds, pid, .. }) => {
            assert_eq!((seconds, pid), (secs, Some(g)));
        }
        other => panic!("{other:?}"),
    };
    // An unreaped zombie: the timeout runs out, in full.
    let t = Instant::now();
    timed_out(handle.wait(Some(Duration::from_millis(300))), 0.3);
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    timed_out(handle.wait(Some(Duration::ZERO)), 0.0);
    timed_out(polled.wait(Some(Duration::from_millis(100))), 0.1);
    assert!(handle.is_running() && polled.is_running());
    assert_eq!(proc_state(g), 'Z', "the pid still exists");
    // wait_procs: alive after its timeout, having slept rather than spun.
    let (ticks, t) = (thread_cpu_ticks(), Instant::now());
    let (gone, alive) =
        psutil_rs::wait_procs(&in_wait_procs, Some(Duration::from_millis(500)), |_, _| {}).unwrap();
    assert!(gone.is_empty() && alive.len() == 1);
    assert!(t.elapsed() >= Duration::from_millis(500));
    let used = thread_cpu_ticks() - ticks;
    assert!(used < 20, "wait_procs used {used} ticks of CPU in 0.5 s");
    // Reaped while we wait: wait returns None then, not before.
    let t = Instant::now();
    let code = std::thread::scope(|s| {
        let w = s.spawn(|| handle.wait(Some(Duration::from_secs(10))));
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            !w.is_finished(),
            "wait returned while the zombie was unreaped"
        );
        r.reap();
        w.join().unwrap()
    });
    assert_eq!(code.unwrap(), None);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert!(!std::path::Path::new(&format!("/proc/{g}")).exists() || proc_state(g) != 'Z');
    assert!(!handle.is_running());
    assert!(handle.send_signal(0).unwrap_err().is_no_such_process());
    assert_eq!(polled.wait(Some(Duration::from_secs(5))).unwrap(), None);
    let (gone, alive) =
        psutil_rs::wait_procs(&in_wait_procs, Some(Duration::from_secs(5)), |_, _| {}).unwrap();
    assert!(alive.is_empty() && gone.len() == 1 && gone[0].1.is_none());
    assert_eq!(handle.wait(None).unwrap(), None, "cached");
}

/// The reuse checks: a handle whose recorded start time differs from that of the
/// process now holding the pid (what a reused pid looks like) must refuse to act, and
/// the live process must not be touched. Real reuse cannot be forced cheaply here, so
/// the start time is altered with the test-only constructor.
#[test]
fn reused_pid_is_refused() {
    let kid = Kid::sleep();
    let real = Process::new(kid.pid()).unwrap();
    let (_, start) = real.identity();
    let stale = Process::new(kid.pid())
        .unwrap()
        .with_start_ticks_for_test(start.unwrap() + 1);
    assert_ne!(stale, real);
    let reused = |r: psutil_rs::Result<()>| match r.unwrap_err() {
        Error::NoSuchProcess { msg, .. } => assert_eq!(msg, REUSED),
        e => panic!("{e:?}"),
    };
    reused(stale.send_signal(libc_sigterm()));
    reused(stale.kill());
    reused(stale.suspend());
    reused(stale.set_nice(5));
    reused(stale.ppid().map(|_| ()));
    reused(stale.parent().map(|_| ()));
    reused(stale.children(true).map(|_| ()));
    reused(stale.wait(Some(Duration::from_millis(1))).map(|_| ()));
    assert!(!stale.is_running());
    // The real process was not signalled and its nice is unchanged.
    assert!(real.is_running());
    assert_eq!(real.status().unwrap(), Status::Sleeping);
    assert_eq!(real.nice().unwrap(), 0);
}

fn libc_sigterm() -> i32 {
    15
}

#[test]
fn set_nice_seen_by_ps_and_psutil() {
    let kid = Kid::sleep();
    let handle = Process::new(kid.pid()).unwrap();
    handle.set_nice(7).unwrap();
    assert_eq!(handle.nice().unwrap(), 7);
    assert_eq!(p(kid.pid(), "nice()"), 7);
    let ps = run("ps", &["-o", "nice=", "-p", &kid.pid().to_string()]);
    assert_eq!(ps.trim(), "7");
    for bad in [20, -21] {
        let e = handle.set_nice(bad).unwrap_err();
        assert!(e.to_string().contains(&bad.to_string()), "{e}");
    }
}

#[test]
fn parent_and_children() {
    let sh = Kid::spawn("sh", &["-c", "sleep 30 & sleep 30 & wait"]);
    let shp = Process::new(sh.pid()).unwrap();
    let t = Instant::now();
    while shp.children(false).unwrap().len() < 2 {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut kids: Vec<u32> = shp
        .children(false)
        .unwrap()
        .iter()
        .map(|c| c.pid())
        .collect();
    kids.sort();
    let theirs = psutil(&format!(
        "sorted(c.pid for c in psutil.Process({}).children())",
        sh.pid()
    ));
    assert_eq!(theirs, ours(&kids));
    let pgrep = run("pgrep", &["-P", &sh.pid().to_string()]);
    let mut pg: Vec<u32> = pgrep.lines().map(|l| l.parse().unwrap()).collect();
    pg.sort();
    assert_eq!(pg, kids);
    // Recursive from the test process reaches the grandchildren.
    let me = Process::current().unwrap();
    let all: HashSet<u32> = me.children(true).unwrap().iter().map(|c| c.pid()).collect();
    assert!(all.contains(&sh.pid()) && kids.iter().all(|c| all.contains(c)));
    let direct: HashSet<u32> = me
        .children(false)
        .unwrap()
        .iter()
        .map(|c| c.pid())
        .collect();
    assert!(direct.contains(&sh.pid()) && !kids.iter().any(|c| direct.contains(c)));
    // parent / parents.
    let gc = Process::new(kids[0]).unwrap();
    assert_eq!(gc.parent().unwrap().unwrap(), shp);
    assert_eq!(shp.parent().unwrap().unwrap(), me);
    let chain: Vec<u32> = gc.parents().unwrap().iter().map(|p| p.pid()).collect();
    let theirs = psutil(&format!(
        "[p.pid for p in psutil.Process({}).parents()]",
        kids[0]
    ));
    assert_eq!(theirs, ours(&chain));
    assert_eq!(chain.last(), Some(&1));
    assert_eq!(Process::new(1).unwrap().parent().unwrap(), None);
}

#[test]
fn non_utf8_and_odd_names_are_kept() {
    // A comm with spaces, ')' and a newline, via a symlink named like that; argv and
    // cwd with non-UTF-8 bytes.
    let dir = std::env::temp_dir().join(format!("psutil-rs-odd-{}", std::process::id()));
    let odd = dir.join(std::ffi::OsStr::from_bytes(b"d\xff"));
    std::fs::create_dir_all(&odd).unwrap();
    let link = dir.join("a b)\nc");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(run("sh", &["-c", "command -v sh"]).trim(), &link).unwrap();
    // The shell waits for its sleep; its last argument is non-UTF-8.
    let c = Command::new(&link)
        .args(["-c", "sleep 30; : \"$0\""])
        .arg(std::ffi::OsStr::from_bytes(b"30\xfe"))
        .current_dir(&odd)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let kid = Kid(c);
    let handle = Process::new(kid.pid()).unwrap();
    let t = Instant::now();
    // Command chdirs before exec: wait for the exec itself.
    // During exec, comm changes before the new argv is in place: wait for both.
    while handle.name().unwrap() != "a b)\nc" || handle.cmdline().unwrap().len() < 4 {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(handle.name().unwrap(), "a b)\nc");
    assert_eq!(handle.cwd().unwrap(), odd);
    let args = handle.cmdline().unwrap();
    assert_eq!(args[3].as_bytes(), b"30\xfe");
    assert_eq!(args[0], link.as_os_str());
    // psutil sees the same bytes (surrogateescape'd; compare via os.fsencode).
    let theirs = psutil(&format!(
        "[list(__import__('os').fsencode(a)) for a in psutil.Process({}).cmdline()]",
        kid.pid()
    ));
    let ours_b: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
    assert_eq!(theirs, ours(&ours_b));
    assert_eq!(p(kid.pid(), "name()"), "a b)\nc");
    drop(kid);
    let _ = std::fs::remove_dir_all(&dir);
}

/// AccessDenied, seen by an unprivileged process: the test binary re-runs itself as
/// `nobody` (setpriv) to execute `as_nobody_probe`, which reads pid 1.
#[test]
fn access_denied_as_nobody() {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("setpriv")
        .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
        .arg(&exe)
        .args([
            "--exact",
            "process::as_nobody_probe",
            "--ignored",
            "--nocapture",
        ])
        .env("PSUTIL_RS_NOBODY_PROBE", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The kernel, asked by classic tools running as nobody, agrees. (psutil cannot run
    // as nobody here: its Python lives under /root, mode 700.)
    for (tool, arg) in [
        ("cat", "/proc/1/environ"),
        ("cat", "/proc/1/io"),
        ("ls", "/proc/1/fd"),
    ] {
        let out = Command::new("setpriv")
            .args([
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                tool,
                arg,
            ])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("Permission denied"));
    }
    let out = Command::new("setpriv")
        .args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "cat",
            "/proc/1/cmdline",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
#[ignore = "run by access_denied_as_nobody under setpriv"]
fn as_nobody_probe() {
    if std::env::var_os("PSUTIL_RS_NOBODY_PROBE").is_none() {
        return;
    }
    assert_ne!(rustix_uid(), 0, "must run unprivileged");
    let init = Process::new(1).unwrap();
    let ad = |r: Result<(), Error>| match r.unwrap_err() {
        Error::AccessDenied { pid, .. } => assert_eq!(pid, Some(1)),
        e => panic!("{e:?}"),
    };
    ad(init.environ().map(|_| ()));
    ad(init.io_counters().map(|_| ()));
    ad(init.num_fds().map(|_| ()));
    ad(init.send_signal(0));
    ad(init.set_nice(0));
    // Public fields still read.
    init.name().unwrap();
    init.cmdline().unwrap();
    init.ppid().unwrap();
    init.memory_info().unwrap();
    init.uids().unwrap();
}

/// Another user's zombie, read as `nobody`: the kernel refuses its `exe` link (EACCES),
/// so exe() falls back to the first cmdline argument as psutil's does, and that cmdline
/// is empty: psutil 7.2.2 raises ZombieProcess there (not AccessDenied). `cwd`, with no
/// fallback, stays AccessDenied. The outcomes were taken from psutil 7.2.2 run as nobody
/// on a root zombie (tests/python/test_process.py compares the two side by side).
#[test]
fn zombie_of_another_user_as_nobody() {
    let c = Command::new("sh").args(["-c", "exit 3"]).spawn().unwrap();
    let pid = c.id();
    let t = Instant::now();
    while proc_state(pid) != 'Z' {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    let nobody = |args: &[&str]| {
        Command::new("setpriv")
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
            .args(args)
            .env("PSUTIL_RS_ZOMBIE_PID", pid.to_string())
            .output()
            .unwrap()
    };
    // The kernel: the exe and cwd links are refused to nobody, cmdline reads empty.
    for link in ["exe", "cwd"] {
        let out = nobody(&["readlink", "-v", &format!("/proc/{pid}/{link}")]);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("Permission denied"));
    }
    let out = nobody(&["cat", &format!("/proc/{pid}/cmdline")]);
    assert!(out.status.success() && out.stdout.is_empty());
    let exe = std::env::current_exe().unwrap();
    let exe = exe.to_str().unwrap();
    let out = nobody(&[
        exe,
        "--exact",
        "process::zombie_as_nobody_probe",
        "--ignored",
        "--nocapture",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let handle = Process::new(pid).unwrap();
    assert_eq!(handle.wait(Some(Duration::from_secs(5))).unwrap(), Some(3));
    drop(c);
}

#[test]
#[ignore = "run by zombie_of_another_user_as_nobody under setpriv"]
fn zombie_as_nobody_probe() {
    let Some(pid) = std::env::var_os("PSUTIL_RS_ZOMBIE_PID") else {
        return;
    };
    let pid: u32 = pid.to_str().unwrap().parse().unwrap();
    assert_ne!(rustix_uid(), 0, "must run unprivileged");
    let z = Process::new(pid).unwrap();
    let outcome = |r: Result<(), Error>| match r {
        Ok(()) => "ok",
        Err(Error::ZombieProcess { pid: zp, .. }) => {
            assert_eq!(zp, pid);
            "ZombieProcess"
        }
        Err(Error::AccessDenied { .. }) => "AccessDenied",
        Err(e) => panic!("{e:?}"),
    };
    let got = [
        outcome(z.exe().map(|_| ())),
        outcome(z.cwd().map(|_| ())),
        outcome(z.cmdline().map(|_| ())),
        outcome(z.environ().map(|_| ())),
        outcome(z.memory_maps().map(|_| ())),
        outcome(z.num_fds().map(|_| ())),
    ];
    // psutil 7.2.2 as nobody on a root zombie.
    assert_eq!(
        got,
        [
            "ZombieProcess",
            "AccessDenied",
            "ZombieProcess",
            "AccessDenied",
            "ZombieProcess",
            "AccessDenied"
        ]
    );
    assert_eq!(z.status().unwrap(), Status::Zombie);
    assert!(z.is_running());
}

fn rustix_uid() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Hand-written trees: an old kernel's stat (no `processor`, no `delayacct_blkio_ticks`),
/// a status without context-switch lines, an /etc/passwd of the tree, broken files.
#[test]
fn fixture_trees() {
    let old_stat: &[u8] =
        b"42 (old) S 1 42 42 0 -1 0 0 0 0 0 250 150 30 20 20 5 1 0 1000 4096 10\n";
    let t = TempTree::new(&[
        ("proc/stat", b"btime 1000\n"),
        ("proc/42/stat", old_stat),
        (
            "proc/42/status",
            b"Name:\told\nTgid:\t42\nUid:\t7\t7\t7\t7\nGid:\t8\t8\t8\t8\n",
        ),
        ("proc/42/statm", b"1 2 3 4 0 5 0\n"),
        ("proc/42/cmdline", b"/usr/bin/old\0-x\0"),
        ("proc/43/stat", b"43 (broken) S\n"),
        ("proc/43/statm", b"garbage\n"),
        (
            "etc/passwd",
            b"root:x:0:0::/root:/bin/sh\nseven:x:7:7::/:/bin/sh\n",
        ),
    ]);
    let root = t.root();
    assert_eq!(root.pids().unwrap(), [42, 43]);
    assert!(root.pid_exists(42).unwrap());
    let p = root.process(42).unwrap();
    assert!(!p.uses_pidfd(), "no pidfd outside the host");
    assert_eq!(p.name().unwrap(), "old");
    assert_eq!(p.ppid().unwrap(), 1);
    let clk = rustix_clk();
    let ct = p.cpu_times().unwrap();
    assert_eq!(ct.user, 250.0 / clk);
    assert_eq!(ct.children_system, 20.0 / clk);
    assert_eq!(ct.iowait, 0.0);
    assert_eq!(p.create_time().unwrap(), 1000.0 / clk + 1000.0);
    assert_eq!(p.nice().unwrap(), 5);
    assert!(matches!(p.cpu_num(), Err(Error::Unsupported { .. })));
    assert!(matches!(
        p.num_ctx_switches(),
        Err(Error::Unsupported { .. })
    ));
    assert_eq!(p.username().unwrap(), "seven");
    assert_eq!(p.uids().unwrap().real, 7);
    assert_eq!(p.memory_info().unwrap().rss, 2 * 4096);
    assert_eq!(p.cmdline().unwrap(), ["/usr/bin/old", "-x"]);
    assert_eq!(p.terminal().unwrap(), None);
    // Files missing from the tree are NotFound, not a panic or a wrong NoSuchProcess.
    assert!(p.io_counters().unwrap_err().is_not_found());
    // A broken stat still gives a handle (identity unknown), and typed parse errors.
    let b = root.process(43).unwrap();
    assert_eq!(b.identity(), (43, None));
    let e = b.status().unwrap_err();
    assert!(matches!(e, Error::Parse { .. }), "{e:?}");
    let e = b.memory_info().unwrap_err();
    assert!(e.to_string().contains("43/statm"), "{e}");
    assert!(root.process(44).unwrap_err().is_no_such_process());
}

fn rustix_clk() -> f64 {
    run("getconf", &["CLK_TCK"]).trim().parse().unwrap()
}

/// cpu_percent on a busy child and a sleeping one, against the utime+stime delta of
/// /proc/<pid>/stat measured by the test over the same window.
#[test]
fn cpu_percent_busy_and_idle() {
    fn ticks(pid: u32) -> f64 {
        let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let f: Vec<f64> = s[s.rfind(')').unwrap() + 2..]
            .split(' ')
            .skip(11)
            .take(2)
            .map(|w| w.parse().unwrap())
            .collect();
        (f[0] + f[1]) / rustix_clk()
    }
    let busy = Kid::spawn("sh", &["-c", "while :; do :; done"]);
    let handle = Process::new(busy.pid()).unwrap();
    assert_eq!(
        handle.cpu_percent(None).unwrap(),
        0.0,
        "first call is the baseline"
    );
    let (c0, t0) = (ticks(busy.pid()), Instant::now());
    std::thread::sleep(Duration::from_millis(600));
    let ours = handle.cpu_percent(None).unwrap();
    let direct = (ticks(busy.pid()) - c0) / t0.elapsed().as_secs_f64() * 100.0;
    // The machine is shared: the loop gets what it gets, but both see the same.
    close("busy cpu_percent", ours, direct, 10.0);
    assert!(ours > 5.0 && ours <= 100.0 * 2.0 + 10.0, "{ours}");
    let blocking = handle
        .cpu_percent(Some(Duration::from_millis(300)))
        .unwrap();
    assert!(blocking > 5.0, "{blocking}");
    let idle = Kid::sleep();
    let handle = Process::new(idle.pid()).unwrap();
    assert_eq!(
        handle
            .cpu_percent(Some(Duration::from_millis(100)))
            .unwrap(),
        0.0
    );
}

#[test]
fn memory_full_info_maps_and_percent_match_psutil() {
    let kid = Kid::sleep();
    let pid = kid.pid();
    let handle = Process::new(pid).unwrap();
    let ps = p(pid, "as_dict(attrs=['memory_full_info','memory_maps'])");
    // Sharing moves when other processes mapping the same pages (other tests' `sleep`s)
    // come and go: pss, uss and the shared/private split are compared with a wide
    // tolerance (and shared + private exactly, it is rss); every other field exactly.
    let full = handle.memory_full_info().unwrap();
    compare_moving(&ps["memory_full_info"], &ours(&full));
    let grouped = handle.memory_maps().unwrap();
    compare_moving(&ps["memory_maps"], &ours(&grouped));
    assert!(grouped.iter().any(|m| m.path.to_str() == Some("[stack]")));
    for memtype in ["rss", "vms", "swap"] {
        // Same formula; 1e-12 absorbs serde_json's last-digit float parsing.
        let theirs = p(pid, &format!("memory_percent('{memtype}')"))
            .as_f64()
            .unwrap();
        close(
            memtype,
            theirs,
            handle.memory_percent(memtype).unwrap(),
            1e-12,
        );
    }
    for memtype in ["uss", "pss"] {
        let theirs = p(pid, &format!("memory_percent('{memtype}')"))
            .as_f64()
            .unwrap();
        close(
            memtype,
            theirs,
            handle.memory_percent(memtype).unwrap(),
            theirs * 0.5,
        );
    }
    let e = handle.memory_percent("bogus").unwrap_err();
    assert!(e.to_string().contains("bogus"), "{e}");
    let ungrouped = handle.memory_maps_ungrouped().unwrap();
    compare_moving(&p(pid, "memory_maps(grouped=False)"), &ours(&ungrouped));
    // One entry per mapping of /proc/<pid>/maps; pmap -X agrees on the addresses.
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap();
    assert_eq!(ungrouped.len(), maps.lines().count());
    let pmap = run("pmap", &["-X", &pid.to_string()]);
    for m in &ungrouped {
        let start = m.addr.split('-').next().unwrap().trim_start_matches('0');
        assert!(pmap.contains(start), "{start} not in pmap -X");
    }
    // smaps_rollup totals against the per-mapping sums of smaps (the fallback path).
    let full = handle.memory_full_info().unwrap();
    let ungrouped = handle.memory_maps_ungrouped().unwrap();
    assert!(
        full.uss <= full.pss && full.pss <= full.memory_info.rss,
        "{full:?}"
    );
    let sum_pss: u64 = ungrouped.iter().map(|m| m.counters.pss).sum();
    close(
        "pss",
        full.pss as f64,
        sum_pss as f64,
        full.pss as f64 * 0.5,
    );
    let sum_uss: u64 = ungrouped
        .iter()
        .map(|m| m.counters.private_clean + m.counters.private_dirty)
        .sum();
    close(
        "uss",
        full.uss as f64,
        sum_uss as f64,
        full.uss as f64 * 0.5,
    );
    // Kernel thread: no mappings, like psutil.
    assert!(Process::new(2).unwrap().memory_maps().unwrap().is_empty());
}

#[test]
fn open_files_match_psutil_and_lsof() {
    let dir = std::env::temp_dir().join(format!("psutil-rs-of-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("append.txt"), dir.join("rw.txt"));
    std::fs::write(&b, b"0123456789").unwrap();
    // fd 3 read-only, fd 4 append, fd 5 read-write advanced to offset 4.
    let script = format!(
        "exec 3</etc/hostname 4>>{} 5<>{}; read -n 4 x <&5 2>/dev/null || dd bs=1 count=4 <&5 >/dev/null 2>&1; exec sleep 30",
        a.display(),
        b.display()
    );
    let kid = Kid::spawn("bash", &["-c", &script]);
    kid.wait_state(|s| s == 'S');
    let handle = Process::new(kid.pid()).unwrap();
    let t = Instant::now();
    while os(&handle.name().unwrap()) != "sleep" {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    let files = handle.open_files().unwrap();
    assert_eq!(p(kid.pid(), "open_files()"), ours(&files));
    let find = |fd: u32| files.iter().find(|f| f.fd == fd).unwrap();
    assert_eq!(find(3).mode, "r");
    assert_eq!(find(4).mode, "a");
    assert_eq!(find(5).mode, "r+");
    assert_eq!(find(5).position, 4);
    assert_eq!(find(4).path, a);
    // lsof: the same regular files on descriptors 3-5 (0-2 are the test runner's,
    // a regular file when its output is redirected to one).
    let lsof = run(
        "lsof",
        &["-p", &kid.pid().to_string(), "-a", "-d", "3-5", "-Fftn"],
    );
    for f in files.iter().filter(|f| (3..=5).contains(&f.fd)) {
        assert!(lsof.contains(&format!("f{}", f.fd)), "{lsof}");
        assert!(lsof.contains(&format!("n{}", f.path.display())), "{lsof}");
    }
    drop(kid);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cpu_affinity_against_taskset_and_psutil() {
    let kid = Kid::sleep();
    let pid = kid.pid();
    let handle = Process::new(pid).unwrap();
    let all = handle.cpu_affinity().unwrap();
    assert_eq!(p(pid, "cpu_affinity()"), ours(&all));
    let mask = |cpus: &[u32]| cpus.iter().fold(0u64, |m, c| m | 1 << c);
    let taskset = |pid: u32| {
        let out = run("taskset", &["-p", &pid.to_string()]);
        u64::from_str_radix(out.trim().rsplit(' ').next().unwrap(), 16).unwrap()
    };
    assert_eq!(taskset(pid), mask(&all));
    handle.set_cpu_affinity(&[0]).unwrap();
    assert_eq!(handle.cpu_affinity().unwrap(), [0]);
    assert_eq!(taskset(pid), 1);
    assert_eq!(p(pid, "cpu_affinity()"), ours(&[0]));
    // Empty means every eligible CPU.
    handle.set_cpu_affinity(&[]).unwrap();
    assert_eq!(handle.cpu_affinity().unwrap(), all);
    let e = handle.set_cpu_affinity(&[0, 4096]).unwrap_err();
    assert!(
        matches!(e, Error::InvalidArgument { .. }) && e.to_string().contains("4096"),
        "{e}"
    );
}

#[test]
fn ionice_against_ionice_tool_and_psutil() {
    use psutil_rs::IoClass;
    let kid = Kid::sleep();
    let pid = kid.pid();
    let handle = Process::new(pid).unwrap();
    assert_eq!(p(pid, "ionice()"), ours(&handle.ionice().unwrap()));
    handle.set_ionice(IoClass::BestEffort, Some(5)).unwrap();
    let got = handle.ionice().unwrap();
    assert_eq!((got.ioclass, got.value), (IoClass::BestEffort, 5));
    assert_eq!(
        run("ionice", &["-p", &pid.to_string()]).trim(),
        "best-effort: prio 5"
    );
    assert_eq!(p(pid, "ionice()"), ours(&got));
    handle.set_ionice(IoClass::Idle, None).unwrap();
    assert_eq!(run("ionice", &["-p", &pid.to_string()]).trim(), "idle");
    assert_eq!(handle.ionice().unwrap().ioclass, IoClass::Idle);
    for (class, v) in [
        (IoClass::Idle, 3),
        (IoClass::None, 1),
        (IoClass::BestEffort, 8),
    ] {
        let e = handle.set_ionice(class, Some(v)).unwrap_err();
        assert!(
            matches!(e, Error::InvalidArgument { .. }) && e.to_string().contains(&v.to_string()),
            "{e}"
        );
    }
}

#[test]
fn rlimit_against_prlimit_and_psutil() {
    use psutil_rs::{RlimitResource, RLIM_INFINITY};
    let kid = Kid::sleep();
    let pid = kid.pid();
    let handle = Process::new(pid).unwrap();
    let py = |v: u64| {
        if v == RLIM_INFINITY {
            -1i128
        } else {
            v as i128
        }
    };
    let names = [
        "CPU",
        "FSIZE",
        "DATA",
        "STACK",
        "CORE",
        "RSS",
        "NPROC",
        "NOFILE",
        "MEMLOCK",
        "AS",
        "LOCKS",
        "SIGPENDING",
        "MSGQUEUE",
        "NICE",
        "RTPRIO",
        "RTTIME",
    ];
    for (res, name) in RlimitResource::ALL.into_iter().zip(names) {
        let (s, h) = handle.rlimit(res).unwrap();
        let theirs = p(pid, &format!("rlimit(psutil.RLIMIT_{name})"));
        assert_eq!(theirs, ours(&[py(s), py(h)]), "{name}");
        assert_eq!(RlimitResource::from_raw(res.as_raw()), Some(res));
    }
    let prl = |pid: u32| {
        run(
            "prlimit",
            &[
                "--pid",
                &pid.to_string(),
                "--nofile",
                "--raw",
                "-o",
                "SOFT,HARD",
                "--noheadings",
            ],
        )
    };
    let (s, h) = handle.rlimit(RlimitResource::Nofile).unwrap();
    assert_eq!(
        prl(pid).split_whitespace().collect::<Vec<_>>(),
        [s.to_string(), h.to_string()]
    );
    handle
        .set_rlimit(RlimitResource::Nofile, (100, 200))
        .unwrap();
    assert_eq!(handle.rlimit(RlimitResource::Nofile).unwrap(), (100, 200));
    assert_eq!(
        prl(pid).split_whitespace().collect::<Vec<_>>(),
        ["100", "200"]
    );
    handle
        .set_rlimit(RlimitResource::Core, (RLIM_INFINITY, RLIM_INFINITY))
        .unwrap();
    assert_eq!(p(pid, "rlimit(psutil.RLIMIT_CORE)"), ours(&[-1, -1]));
    let e = handle
        .set_rlimit(RlimitResource::Nofile, (300, 200))
        .unwrap_err();
    assert!(
        matches!(e, Error::InvalidArgument { .. }) && e.to_string().contains("300"),
        "{e}"
    );
}

/// Compares two JSON values (an object or a list of objects): the fields that move
/// with page sharing within 50% (summed over the list), shared + private exactly, and
/// everything else exactly.
fn compare_moving(theirs: &Value, ours: &Value) {
    const MOVING: [&str; 6] = [
        "pss",
        "uss",
        "shared_clean",
        "shared_dirty",
        "private_clean",
        "private_dirty",
    ];
    fn strip(v: &Value, sums: &mut [f64; 6]) -> Value {
        match v {
            Value::Object(m) => {
                let mut m = m.clone();
                for (i, k) in MOVING.iter().enumerate() {
                    sums[i] += m.remove(*k).and_then(|p| p.as_f64()).unwrap_or(0.0);
                }
                Value::Object(m)
            }
            Value::Array(a) => Value::Array(a.iter().map(|x| strip(x, sums)).collect()),
            other => other.clone(),
        }
    }
    let (mut st, mut so) = ([0.0; 6], [0.0; 6]);
    assert_eq!(strip(theirs, &mut st), strip(ours, &mut so));
    for i in 0..2 {
        close(MOVING[i], st[i], so[i], st[i] * 0.5 + 4096.0);
    }
    assert_eq!(
        st[2..].iter().sum::<f64>(),
        so[2..].iter().sum::<f64>(),
        "shared + private"
    );
}

#[test]
fn pidfd_is_opened_on_first_use() {
    let kid = Kid::sleep();
    let handle = Process::new(kid.pid()).unwrap();
    assert!(format!("{handle:?}").contains("pidfd: None"), "{handle:?}");
    handle.send_signal(0).unwrap();
    assert!(
        format!("{handle:?}").contains("pidfd: Some(true)"),
        "{handle:?}"
    );
    // The pidfd is a real pidfd: /proc/self/fdinfo of it names the child's pid.
    let me = std::fs::read_dir("/proc/self/fd").unwrap();
    let found = me.filter_map(|e| e.ok()).any(|e| {
        let fd = e.file_name();
        std::fs::read_link(e.path()).is_ok_and(|l| l.to_string_lossy() == "anon_inode:[pidfd]")
            && std::fs::read_to_string(format!("/proc/self/fdinfo/{}", fd.to_str().unwrap()))
                .unwrap_or_default()
                .contains(&format!("Pid:\t{}\n", kid.pid()))
    });
    assert!(found, "no pidfd for the child among our descriptors");
}

/// The zoo: 50 threads, a 1 MiB command line, a deleted executable.
#[test]
fn zoo_threads_long_cmdline_deleted_exe() {
    // 50 threads: python's main thread + 49 sleeping ones.
    let py = Kid::spawn(
        "python3",
        &[
            "-c",
            "import threading, time\n\
             for _ in range(49): threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n\
             print('ready', flush=True)\ntime.sleep(30)",
        ],
    );
    let handle = Process::new(py.pid()).unwrap();
    let t = Instant::now();
    while handle.num_threads().unwrap() < 50 {
        assert!(t.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(handle.num_threads().unwrap(), 50);
    let ids: Vec<u64> = handle
        .threads()
        .unwrap()
        .iter()
        .map(|t| t.id as u64)
        .collect();
    assert_eq!(ids.len(), 50);
    let theirs = psutil(&format!(
        "[t.id for t in psutil.Process({}).threads()]",
        py.pid()
    ));
    assert_eq!(theirs, ours(&ids), "same tids in psutil's order");
    let nlwp = run("ps", &["-o", "nlwp=", "-p", &py.pid().to_string()]);
    assert_eq!(nlwp.trim(), "50");

    // 1 MiB of arguments (one argument is limited to 128 KiB: 8 × 128 KiB - 8).
    let big: Vec<String> = (0..8)
        .map(|i| ((b'a' + i) as char).to_string().repeat(128 * 1024 - 1))
        .collect();
    let mut args = vec!["-c".to_string(), "sleep 30".to_string()];
    args.extend(big.iter().cloned());
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let long = Kid::spawn("sh", &arg_refs);
    long.wait_state(|s| s == 'S');
    let handle = Process::new(long.pid()).unwrap();
    let cmd = handle.cmdline().unwrap();
    assert_eq!(cmd.len(), 11);
    assert_eq!(cmd[3..].iter().map(os).collect::<Vec<_>>(), big);
    let total: usize = cmd.iter().map(|a| a.len() + 1).sum();
    assert_eq!(
        total,
        std::fs::read(format!("/proc/{}/cmdline", long.pid()))
            .unwrap()
            .len()
    );
    let theirs = psutil(&format!(
        "len(''.join(psutil.Process({}).cmdline()))",
        long.pid()
    ));
    assert_eq!(theirs, cmd.iter().map(|a| a.len()).sum::<usize>());

    // A deleted executable: the link says "<path> (deleted)"; psutil drops the suffix.
    let dir = std::env::temp_dir().join(format!("psutil-rs-del-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("gone-sleep");
    crate::util::copy_program(run("sh", &["-c", "command -v sleep"]).trim(), &exe);
    let gone = Kid::spawn(exe.to_str().unwrap(), &["30"]);
    gone.wait_state(|s| s == 'S');
    std::fs::remove_file(&exe).unwrap();
    let handle = Process::new(gone.pid()).unwrap();
    let link = std::fs::read_link(format!("/proc/{}/exe", gone.pid())).unwrap();
    assert!(link.to_string_lossy().ends_with(" (deleted)"));
    assert_eq!(handle.exe().unwrap(), exe);
    assert_eq!(p(gone.pid(), "exe()"), exe.to_str().unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Processes that exit while being read: every call gives a value or a typed error
/// (NoSuchProcess, ZombieProcess, AccessDenied), never a panic or a foreign record.
#[test]
fn processes_exiting_during_reads() {
    let mut kids: Vec<Child> = (0..20)
        .map(|i| {
            Command::new("sh")
                .args(["-c", &format!("sleep 0.0{i}")])
                .spawn()
                .unwrap()
        })
        .collect();
    let handles: Vec<Process> = kids
        .iter()
        .filter_map(|k| Process::new(k.id()).ok())
        .collect();
    let ok_kind = |e: &Error| {
        matches!(
            e,
            Error::NoSuchProcess { .. } | Error::ZombieProcess { .. } | Error::AccessDenied { .. }
        )
    };
    let t = Instant::now();
    while t.elapsed() < Duration::from_millis(400) {
        for handle in &handles {
            let checks: Vec<Result<(), Error>> = vec![
                handle.name().map(|_| ()),
                handle.cmdline().map(|_| ()),
                handle.memory_info().map(|_| ()),
                handle.status().map(|_| ()),
                handle.threads().map(|_| ()),
                handle.open_files().map(|_| ()),
                handle.num_fds().map(|_| ()),
                handle.environ().map(|_| ()),
                handle.memory_maps().map(|_| ()),
            ];
            for r in checks {
                if let Err(e) = r {
                    assert!(ok_kind(&e), "{e:?}");
                }
            }
            // Values read through the handle belong to our child or to nobody.
            if let Ok(ppid) = handle.ppid() {
                assert_eq!(ppid, std::process::id());
            }
        }
        let _: Vec<_> = kids.iter_mut().map(|k| k.try_wait()).collect();
    }
    for k in &mut kids {
        let _ = k.wait();
    }
    for handle in &handles {
        assert!(handle.name().unwrap_err().is_no_such_process());
        assert!(!handle.is_running());
    }
}

/// Real pid reuse: the test binary re-runs itself in a new pid namespace (`unshare
/// --pid --fork --mount-proc`), where nothing else forks and `ns_last_pid` can be set,
/// to run `pid_reuse_probe`.
#[test]
fn pid_reuse_in_a_pid_namespace() {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("unshare")
        .args(["--pid", "--fork", "--mount-proc"])
        .arg(&exe)
        .args([
            "--exact",
            "process::pid_reuse_probe",
            "--ignored",
            "--nocapture",
        ])
        .env("PSUTIL_RS_PIDNS_PROBE", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "run by pid_reuse_in_a_pid_namespace inside a new pid namespace"]
fn pid_reuse_probe() {
    if std::env::var_os("PSUTIL_RS_PIDNS_PROBE").is_none() {
        return;
    }
    let mut a = Command::new("sleep").arg("30").spawn().unwrap();
    let pid = a.id();
    let with_pidfd = Process::new(pid).unwrap();
    assert!(
        with_pidfd.uses_pidfd(),
        "pidfd opened while the first process lives"
    );
    let without_pidfd = Process::new(pid).unwrap();
    a.kill().unwrap();
    a.wait().unwrap();
    // Make the next fork get the same pid.
    let mut b = None;
    for _ in 0..5 {
        std::fs::write("/proc/sys/kernel/ns_last_pid", (pid - 1).to_string()).unwrap();
        let c = Command::new("sleep").arg("30").spawn().unwrap();
        if c.id() == pid {
            b = Some(c);
            break;
        }
        let mut c = c;
        c.kill().unwrap();
        c.wait().unwrap();
    }
    let mut b = b.expect("pid was reused");
    let t = Instant::now();
    while proc_state(pid) != 'S' {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    let fresh = Process::new(pid).unwrap();
    // The two processes may well have started within the same clock tick: then their
    // psutil identities (pid, start tick) are equal, yet every check below still
    // tells them apart through the /proc/<pid> handle.
    let same_tick = with_pidfd.identity() == fresh.identity();
    println!("same start tick: {same_tick}");
    for stale in [&with_pidfd, &without_pidfd] {
        assert_eq!(*stale == fresh, same_tick);
        assert!(!stale.is_running());
        for r in [
            stale.kill(),
            stale.terminate(),
            stale.send_signal(0),
            stale.set_nice(10),
            stale.wait(Some(Duration::ZERO)).map(|_| ()),
            stale.children(false).map(|_| ()),
            stale.ppid().map(|_| ()),
        ] {
            match r.unwrap_err() {
                Error::NoSuchProcess { msg, .. } => assert_eq!(msg, REUSED),
                e => panic!("{e:?}"),
            }
        }
        // Reads go through the old /proc/<pid> handle: gone, never the new process.
        assert!(stale.name().unwrap_err().is_no_such_process());
        assert!(stale.cmdline().unwrap_err().is_no_such_process());
    }
    // The new process was not touched.
    assert_eq!(proc_state(pid), 'S');
    assert_eq!(fresh.nice().unwrap(), 0);
    assert!(fresh.is_running());
    b.kill().unwrap();
    b.wait().unwrap();
}

#[test]
fn wait_procs_gone_and_alive() {
    let spawn = |script: &str| Kid::spawn("sh", &["-c", script]);
    let kids = [
        spawn("sleep 0.2"),
        spawn("sleep 0.4; exit 3"),
        spawn("exec sleep 30"),
    ];
    let procs: Vec<Process> = kids
        .iter()
        .map(|k| Process::new(k.pid()).unwrap())
        .collect();
    let t = Instant::now();
    let mut seen = Vec::new();
    let (gone, alive) = psutil_rs::wait_procs(&procs, Some(Duration::from_secs(2)), |p, code| {
        seen.push((p.pid(), code, t.elapsed()));
    })
    .unwrap();
    let waited = t.elapsed();
    let mut codes: Vec<(u32, Option<i32>)> = gone.iter().map(|(p, c)| (p.pid(), *c)).collect();
    codes.sort();
    let mut expect = vec![(kids[0].pid(), Some(0)), (kids[1].pid(), Some(3))];
    expect.sort();
    assert_eq!(codes, expect);
    assert_eq!(
        alive.iter().map(|p| p.pid()).collect::<Vec<_>>(),
        [kids[2].pid()]
    );
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(4),
        "{waited:?}"
    );
    // Each exit is noticed promptly (one poll over all pidfds, no 1 s slices).
    assert_eq!(seen.len(), 2);
    let first = seen.iter().find(|s| s.0 == kids[0].pid()).unwrap();
    assert!(first.2 < Duration::from_millis(800), "{first:?}");
    // Kill the survivor: an unbounded wait returns as soon as it is gone.
    alive[0].kill().unwrap();
    let (gone, alive) = psutil_rs::wait_procs(&procs[2..], None, |_, _| {}).unwrap();
    assert!(alive.is_empty());
    assert_eq!(gone[0].1, Some(-9));
    // Zero timeout on finished processes: cached results, nothing alive.
    let (gone, alive) = psutil_rs::wait_procs(&procs, Some(Duration::ZERO), |_, _| {}).unwrap();
    assert_eq!((gone.len(), alive.len()), (3, 0));
}

#[test]
fn popen_spawns_a_process() {
    use std::io::Write;
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "read x; exit $x"]).stdin(Stdio::piped());
    let mut child = psutil_rs::Popen::spawn(&mut cmd).unwrap();
    assert!(child.uses_pidfd());
    assert_eq!(child.ppid().unwrap(), std::process::id());
    let t = Instant::now();
    while child.status().unwrap() != Status::Sleeping || os(&child.name().unwrap()) != "sh" {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(p(child.pid(), "name()"), "sh");
    assert!(matches!(
        child.wait(Some(Duration::from_millis(50))),
        Err(Error::TimeoutExpired { .. })
    ));
    assert_eq!(child.returncode(), None);
    child
        .child_mut()
        .stdin
        .take()
        .unwrap()
        .write_all(b"5\n")
        .unwrap();
    assert_eq!(child.wait(Some(Duration::from_secs(10))).unwrap(), Some(5));
    assert_eq!(child.returncode(), Some(5));
    assert!(!child.is_running());
}

#[test]
fn oneshot_reads_each_file_once() {
    let busy = Kid::spawn("sh", &["-c", "while :; do :; done"]);
    let handle = Process::new(busy.pid()).unwrap();
    let moving = |handle: &Process| {
        let t = handle.cpu_times().unwrap();
        t.user + t.system
    };
    // Outside oneshot, the busy loop's CPU time moves between reads.
    let t = Instant::now();
    let a = moving(&handle);
    while moving(&handle) == a {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(20));
    }
    // Inside, every stat-based method sees the first read, nested calls included.
    handle.oneshot(|p| {
        let first = moving(p);
        let status = p.status().unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(moving(p), first);
        p.oneshot(|q| assert_eq!(moving(q), first));
        assert_eq!(moving(p), first, "still cached after the nested oneshot");
        assert_eq!(p.status().unwrap(), status);
        // Liveness is never cached.
        assert!(p.is_running());
    });
    // Afterwards, fresh reads again.
    let after = moving(&handle);
    let t = Instant::now();
    while moving(&handle) == after {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn process_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Process>();
    check::<psutil_rs::Popen>();
}

/// The captured `sleep` of the debian12-6.18 tree, against psutil reading the same tree
/// (`psutil.PROCFS_PATH`).
#[test]
fn captured_process_matches_psutil_on_the_same_tree() {
    const PID: u32 = 26049;
    let root = fixture_root("debian12-6.18");
    let handle = root.process(PID).unwrap();
    assert!(!handle.uses_pidfd());
    let procfs = fixture("debian12-6.18").join("proc");
    let ps = psutil(&format!(
        "(setattr(psutil, 'PROCFS_PATH', {:?}), psutil.Process({PID}).as_dict(attrs=[\
         'name','ppid','status','create_time','cpu_times','cpu_num','num_threads',\
         'uids','gids','num_ctx_switches','memory_info','memory_full_info','cmdline',\
         'io_counters','threads','memory_maps']))[1]",
        procfs.to_str().unwrap()
    ));
    assert_eq!(ps["name"], "sleep");
    assert_eq!(ps["name"], os(&handle.name().unwrap()));
    assert_eq!(ps["ppid"], handle.ppid().unwrap());
    assert_eq!(ps["status"], handle.status().unwrap().as_str());
    close(
        "create_time",
        ps["create_time"].as_f64().unwrap(),
        handle.create_time().unwrap(),
        1e-6,
    );
    assert_eq!(ps["cpu_times"], ours(&handle.cpu_times().unwrap()));
    assert_eq!(ps["cpu_num"], handle.cpu_num().unwrap());
    assert_eq!(ps["num_threads"], handle.num_threads().unwrap());
    // psutil's nice() asks getpriority(2) of the live system; ours reads the tree's stat.
    assert_eq!(handle.nice().unwrap(), 0);
    assert_eq!(ps["uids"], ours(&handle.uids().unwrap()));
    assert_eq!(ps["gids"], ours(&handle.gids().unwrap()));
    assert_eq!(
        ps["num_ctx_switches"],
        ours(&handle.num_ctx_switches().unwrap())
    );
    assert_eq!(ps["memory_info"], ours(&handle.memory_info().unwrap()));
    assert_eq!(
        ps["memory_full_info"],
        ours(&handle.memory_full_info().unwrap())
    );
    let cmd: Vec<String> = handle.cmdline().unwrap().iter().map(os).collect();
    assert_eq!(ps["cmdline"], ours(&cmd));
    assert_eq!(cmd, ["sleep", "1000"]);
    assert_eq!(ps["io_counters"], ours(&handle.io_counters().unwrap()));
    assert_eq!(ps["threads"], ours(&handle.threads().unwrap()));
    assert_eq!(ps["memory_maps"], ours(&handle.memory_maps().unwrap()));
    // The tree has no etc/passwd: the uid itself, as psutil without a passwd entry.
    assert_eq!(
        handle.username().unwrap(),
        handle.uids().unwrap().real.to_string()
    );
}
