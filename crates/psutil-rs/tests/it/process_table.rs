//! The process table (`ProcessTable`), `process_iter`, `as_dict`, `net_connections` and
//! the repr of `Process`, against the per-method `Process` API, psutil, `ps`, and
//! `strace` (which files are opened, how often).

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use psutil_rs::{Attr, AttrSet, Error, Process, ProcessTable, Status, Value};
use serde_json::json;

use crate::util::*;

/// Tests that clear or depend on `process_iter`'s process-wide cache run one at a time.
fn iter_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A child killed and reaped on drop.
struct Kid(Child);

impl Kid {
    fn spawn(cmd: &str, args: &[&str]) -> Kid {
        let c = Command::new(cmd)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // not the test's stderr: a log file shared with the other tests would be an
            // open file whose position moves between the two reads compared
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let k = Kid(c);
        // Wait until exec finished and the child sleeps.
        let t = Instant::now();
        let me = std::fs::read(format!("/proc/{}/exe", std::process::id()));
        let pid = k.pid();
        loop {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let state = state_of(pid);
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            if !cmdline.is_empty() && state == 'S' && exe.is_some() && me.is_ok() {
                let arg0 = cmdline.split(|&c| c == 0).next().unwrap_or_default();
                if arg0 == cmd.as_bytes() {
                    break;
                }
            }
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "child never got ready"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        k
    }
    fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Kid {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn state_of(pid: u32) -> char {
    let s = std::fs::read(format!("/proc/{pid}/stat")).unwrap_or_default();
    let i = s.iter().rposition(|&c| c == b')').unwrap_or(0);
    s.get(i + 2).map(|&c| c as char).unwrap_or('?')
}

/// An executable whose name is longer than the kernel's 15-byte comm.
fn long_named_sleep() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("psutil-rs-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("sleeper-with-a-very-long-name");
    if !exe.exists() {
        crate::util::copy_program("/bin/sleep", &exe);
    }
    exe
}

/// Sleepers whose attributes do not move: a plain one, one with a long name, one with
/// arguments.
fn sleepers() -> Vec<Kid> {
    let long = long_named_sleep();
    vec![
        Kid::spawn("sleep", &["31"]),
        Kid::spawn(long.to_str().unwrap(), &["32"]),
        Kid::spawn("sleep", &["33", "0"]),
    ]
}

/// The snapshot (a) attribute set of the benchmark.
fn set_a() -> AttrSet {
    AttrSet::parse([
        "pid",
        "ppid",
        "name",
        "cmdline",
        "status",
        "username",
        "create_time",
        "cpu_times",
        "memory_info",
        "num_threads",
    ])
    .unwrap()
}

fn zombie() -> Child {
    let c = Command::new("sh").args(["-c", "exit 3"]).spawn().unwrap();
    let t = Instant::now();
    while state_of(c.id()) != 'Z' {
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(5));
    }
    c
}

/// A value with uss and pss zeroed: they move as other processes map the same file
/// pages (other tests spawn sleepers too).
fn steady(v: &Value) -> Value {
    match v.clone() {
        Value::MemoryFullInfo(mut m) => {
            m.uss = 0;
            m.pss = 0;
            Value::MemoryFullInfo(m)
        }
        Value::MemoryMaps(mut maps) => {
            // The shared/private split moves as other processes mapping the same
            // pages come and go (another sleeper of the same binary exits); the size,
            // rss and anonymous totals do not.
            for m in &mut maps {
                m.counters.pss = 0;
                m.counters.private_clean = 0;
                m.counters.shared_clean = 0;
                m.counters.private_dirty = 0;
                m.counters.shared_dirty = 0;
            }
            Value::MemoryMaps(maps)
        }
        v => v,
    }
}

#[test]
fn records_equal_the_process_methods() {
    let kids = sleepers();
    // Every attribute (empty set = all), and sets that switch memory_info between
    // statm and status.
    for attrs in [
        AttrSet::empty(),
        set_a(),
        AttrSet::from([Attr::MemoryInfo]),
        AttrSet::from([Attr::MemoryInfo, Attr::Uids]),
    ] {
        let mut table = ProcessTable::new(attrs);
        let recs = table.snapshot().unwrap();
        for k in &kids {
            let r = recs
                .iter()
                .find(|r| r.pid() == k.pid())
                .expect("kid listed");
            let p = Process::new(k.pid()).unwrap();
            // The identity comes with stat, read for any attribute from it.
            match r.start_ticks() {
                Some(t) => assert_eq!(Some(t), p.identity().1),
                None => assert!(!attrs.contains(Attr::Ppid), "{attrs:?}"),
            }
            assert_eq!(table.process(r).unwrap(), p);
            for &(a, ref v) in r.values() {
                let want = p.attr(a);
                match (v, &want) {
                    (Ok(v), Ok(w)) => assert_eq!(steady(v), steady(w), "pid {} {a}", k.pid()),
                    (Err(e), Err(w)) => {
                        assert_eq!(e.to_string(), w.to_string(), "pid {} {a}", k.pid())
                    }
                    _ => panic!("pid {} {a}: {v:?} vs {want:?}", k.pid()),
                }
            }
            assert_eq!(r.values().len(), table.attrs().len());
        }
    }
    // The long name was extended from cmdline, as psutil does.
    let recs = psutil_rs::process_table(AttrSet::from([Attr::Name])).unwrap();
    let long = recs.iter().find(|r| r.pid() == kids[1].pid()).unwrap();
    assert_eq!(long.name().unwrap(), "sleeper-with-a-very-long-name");
}

fn os(s: &OsString) -> String {
    s.to_str().unwrap().to_string()
}

/// Our value as psutil's JSON (namedtuples as objects).
fn json_of(v: &Value) -> serde_json::Value {
    match v {
        Value::None => serde_json::Value::Null,
        Value::Name(n) => json!(os(n)),
        Value::Cmdline(c) => json!(c.iter().map(os).collect::<Vec<_>>()),
        Value::Path(p) => json!(p.to_str().unwrap()),
        other => ours(other),
    }
}

#[test]
fn records_equal_psutil() {
    let kids = sleepers();
    let names = [
        "pid",
        "ppid",
        "name",
        "cmdline",
        "status",
        "username",
        "create_time",
        "cpu_times",
        "memory_info",
        "num_threads",
        "uids",
        "gids",
        "nice",
        "num_ctx_switches",
        "terminal",
        "io_counters",
        "exe",
        "cwd",
        "num_fds",
        "memory_full_info",
    ];
    let pids: Vec<u32> = kids.iter().map(Kid::pid).collect();
    let theirs = psutil(&format!(
        "[psutil.Process(p).as_dict({names:?}) for p in {pids:?}]"
    ));
    let recs = psutil_rs::process_table(AttrSet::parse(names).unwrap()).unwrap();
    for (k, t) in kids.iter().zip(theirs.as_array().unwrap()) {
        let r = recs.iter().find(|r| r.pid() == k.pid()).unwrap();
        for &(a, ref v) in r.values() {
            let ours = json_of(v.as_ref().unwrap());
            let want = &t[a.as_str()];
            match a {
                Attr::CreateTime => close(
                    "create_time",
                    ours.as_f64().unwrap(),
                    want.as_f64().unwrap(),
                    1e-6,
                ),
                Attr::CpuTimes => {
                    for f in [
                        "user",
                        "system",
                        "children_user",
                        "children_system",
                        "iowait",
                    ] {
                        close(
                            f,
                            ours[f].as_f64().unwrap(),
                            want[f].as_f64().unwrap(),
                            1e-9,
                        );
                    }
                }
                // uss and pss move as other processes map the same file pages (other
                // tests spawn sleepers too): within 256 KiB.
                Attr::MemoryFullInfo => {
                    let (mut o, mut w) = (ours.clone(), want.clone());
                    for f in ["uss", "pss"] {
                        close(f, o[f].as_f64().unwrap(), w[f].as_f64().unwrap(), 262144.0);
                        o[f] = json!(0);
                        w[f] = json!(0);
                    }
                    assert_eq!(o, w, "pid {} {a}", k.pid());
                }
                _ => assert_eq!(&ours, want, "pid {} {a}", k.pid()),
            }
        }
    }
}

/// `ps` read twice around the snapshot: the rows equal in both reads are stable, and
/// must equal ours.
#[test]
fn table_matches_ps() {
    let _kids = sleepers();
    let ps = || -> HashMap<u32, Vec<String>> {
        run("ps", &["-e", "-o", "pid=,ppid=,comm=,rss=,nlwp="])
            .lines()
            .filter_map(|l| {
                let w: Vec<String> = l.split_whitespace().map(String::from).collect();
                Some((w.first()?.parse().ok()?, w))
            })
            .collect()
    };
    let before = ps();
    let attrs = AttrSet::parse(["ppid", "name", "memory_info", "num_threads", "username"]).unwrap();
    let recs = psutil_rs::process_table(attrs).unwrap();
    let after = ps();
    let mut compared = 0;
    for r in &recs {
        let (Some(b), Some(a)) = (before.get(&r.pid()), after.get(&r.pid())) else {
            continue;
        };
        // comm with spaces would split; those rows are not compared.
        if b != a || b.len() != 5 {
            continue;
        }
        assert_eq!(r.ppid().unwrap().to_string(), b[1], "pid {}", r.pid());
        let name = r.name().unwrap().to_string_lossy().into_owned();
        let comm: String = name.chars().take(15).collect();
        // kworkers rename themselves back and forth as they pick up work, so two equal
        // ps reads do not pin their name in between.
        if b[1] != "2" {
            assert_eq!(comm, b[2], "pid {}", r.pid());
        }
        assert_eq!(
            (r.memory_info().unwrap().rss / 1024).to_string(),
            b[3],
            "pid {}",
            r.pid()
        );
        assert_eq!(
            r.num_threads().unwrap().to_string(),
            b[4],
            "pid {}",
            r.pid()
        );
        compared += 1;
    }
    assert!(compared >= 3, "only {compared} stable rows");
}

#[test]
fn reads_only_the_needed_files_once() {
    let _kids = sleepers();
    // pid alone: only the listing and the directories.
    let mut t = ProcessTable::new(AttrSet::from([Attr::Pid]));
    t.snapshot().unwrap();
    let r = t.reads();
    assert!(r.pid_dirs > 0);
    assert_eq!(
        (r.stat, r.status, r.statm, r.cmdline, r.io),
        (0, 0, 0, 0, 0)
    );

    // pid, name: stat once each; cmdline only for truncated comms; never status.
    let mut t = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Name]));
    let recs = t.snapshot().unwrap();
    let r = t.reads();
    assert_eq!(r.stat, r.pid_dirs);
    assert_eq!((r.status, r.statm, r.io), (0, 0, 0));
    assert!(r.cmdline >= 1 && r.cmdline < r.stat, "{r:?}");
    assert!(recs.len() as u64 <= r.pid_dirs);

    // Snapshot (a): stat and cmdline once each (cmdline first, for kernel threads
    // too). The username's
    // real uid from the pidfd (PIDFD_GET_INFO, Linux >= 6.13: this kernel) and
    // memory_info from statm, so no status; on older kernels status (uid and the
    // memory lines) and statm only where stat hides the code range.
    // reads_counted_by_strace checks this per pid.
    let kthreads_before = kernel_threads().len() as u64;
    let mut t = ProcessTable::new(set_a());
    t.snapshot().unwrap();
    let r = t.reads();
    let kthreads = kthreads_before.min(kernel_threads().len() as u64);
    assert_eq!(r.stat, r.pid_dirs);
    assert_eq!(r.cmdline, r.pid_dirs);
    if pidfd_info_expected() {
        assert_eq!(
            (r.pidfd_creds, r.status, r.statm),
            (r.pid_dirs, 0, r.pid_dirs),
            "{r:?}"
        );
    } else {
        assert_eq!((r.pidfd_creds, r.status), (0, r.pid_dirs), "{r:?}");
        // Under qemu-user 10 the guest's page size and the host's stat code range do not
        // make status's VmExe agree with the text size, so the reader falls back to
        // statm for every process (the exact rule); natively statm is the exception.
        if emulator().is_none() {
            assert!(r.statm < r.pid_dirs / 2, "{r:?}");
        }
    }
    assert!(kthreads > 0, "ps lists no kernel thread");
    assert_eq!(r.io, 0);

    // memory_info alone: statm only.
    let mut t = ProcessTable::new(AttrSet::from([Attr::MemoryInfo, Attr::NumThreads]));
    t.snapshot().unwrap();
    let r = t.reads();
    assert_eq!((r.stat, r.statm), (r.pid_dirs, r.pid_dirs));
    assert_eq!((r.status, r.cmdline, r.io), (0, 0, 0));
}

#[test]
fn records_keep_the_stat_ext_of_their_stat() {
    use psutil_rs::os::linux::ProcessExt as _;
    let kids = sleepers();
    // name reads stat: its job-control and scheduling fields come with it, no read more
    let mut t = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Name]));
    let recs = t.snapshot().unwrap();
    let r = t.reads();
    assert_eq!(r.stat, r.pid_dirs, "{r:?}");
    let mut wanted: Vec<u32> = kids.iter().map(Kid::pid).collect();
    wanted.push(std::process::id());
    for pid in wanted {
        let rec = recs.iter().find(|r| r.pid() == pid).unwrap();
        // read directly after: the fields of a sleeping process (and of this test's
        // own job-control) do not move
        let direct = Process::new(pid).unwrap().stat_ext().unwrap();
        assert_eq!(rec.stat_ext(), Some(&direct), "pid {pid}");
    }
    // kthreadd: a kernel thread's scheduling fields
    if let Some(rec) = recs.iter().find(|r| r.pid() == 2) {
        let direct = Process::new(2).unwrap().stat_ext().unwrap();
        assert_eq!(rec.stat_ext(), Some(&direct));
    }
    // without stat read, none
    let mut t = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::MemoryInfo]));
    let recs = t.snapshot().unwrap();
    assert_eq!(t.reads().stat, 0);
    assert!(recs.iter().all(|r| r.stat_ext().is_none()));
}

#[test]
fn process_iter_records_carry_the_dir_owner() {
    use std::os::unix::fs::MetadataExt;
    let _g = iter_lock();
    let kids = sleepers();
    psutil_rs::process_iter_cache_clear();
    let mut t = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Name]));
    let me = std::process::id();
    // new instances: no identity check yet, so no owner
    let first = t.process_iter().unwrap();
    let mine = first.iter().find(|(p, _)| p.pid() == me).unwrap();
    assert_eq!(mine.1.dir_owner(), None);
    // known instances: the owner of /proc/<pid> from the check's fstat
    let second = t.process_iter().unwrap();
    let mut wanted: Vec<u32> = kids.iter().map(Kid::pid).collect();
    wanted.extend([me, 1]);
    for pid in wanted {
        let (_, rec) = second.iter().find(|(p, _)| p.pid() == pid).unwrap();
        let owner = std::fs::metadata(format!("/proc/{pid}")).unwrap().uid();
        assert_eq!(rec.dir_owner(), Some(owner), "pid {pid}");
    }
    // taken by the record: a snapshot's records have none
    assert!(t
        .snapshot()
        .unwrap()
        .iter()
        .all(|r| r.dir_owner().is_none()));
}

#[test]
fn root_user_name_names_a_uid_as_username_does() {
    use psutil_rs::os::unix::ProcessExt as _;
    let me = Process::new(std::process::id()).unwrap();
    let uid = me.uids().unwrap().real;
    let root = psutil_rs::Root::host();
    assert_eq!(root.user_name(uid).unwrap(), me.username().unwrap());
    // id(1) names uid 0 through the same name service
    let id = Command::new("id").args(["-nu", "0"]).output().unwrap();
    let want = String::from_utf8_lossy(&id.stdout).trim().to_string();
    assert_eq!(root.user_name(0).unwrap(), want);
    // a uid without an account: its number, as psutil's username
    let none = 3_999_999_u32;
    assert!(!Command::new("id")
        .arg(none.to_string())
        .output()
        .unwrap()
        .status
        .success());
    assert_eq!(root.user_name(none).unwrap(), none.to_string());
}

/// The strace child: runs one snapshot with the attributes named in the environment.
#[test]
#[ignore = "run by reads_counted_by_strace under strace"]
fn strace_target() {
    let Ok(names) = std::env::var("PSUTIL_RS_TABLE_ATTRS") else {
        return;
    };
    let attrs = AttrSet::parse(names.split(',')).unwrap();
    let recs = psutil_rs::process_table(attrs).unwrap();
    for r in recs {
        if let Some(n) = r.name() {
            println!("NAME {} {}", r.pid(), n.len());
        }
    }
}

/// (opens, reads) per (pid, file).
type Counts = HashMap<(String, String), (u32, u32)>;

/// Per pid and file: (opens, reads) seen by strace, each pid's name length, and the
/// files of each pid in the order they were opened.
#[allow(clippy::type_complexity)]
fn strace_snapshot(attrs: &str) -> (Counts, HashMap<String, usize>, HashMap<String, Vec<String>>) {
    let out = std::env::temp_dir().join(format!("psutil-rs-strace-{}-{attrs}", std::process::id()));
    let exe = std::env::current_exe().unwrap();
    let o = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=openat,read,close", "-o"])
        .arg(&out)
        .arg(&exe)
        .args([
            "--exact",
            "process_table::strace_target",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PSUTIL_RS_TABLE_ATTRS", attrs)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names: HashMap<String, usize> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let mut w = l.strip_prefix("NAME ")?.split(' ');
            Some((w.next()?.to_string(), w.next()?.parse().ok()?))
        })
        .collect();
    let trace = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    // fd -> what it is: a pid directory, or (pid, file).
    let mut dirs: HashMap<String, String> = HashMap::new();
    let mut files: HashMap<String, (String, String)> = HashMap::new();
    let mut counts: Counts = HashMap::new();
    let mut order: HashMap<String, Vec<String>> = HashMap::new();
    for line in trace.lines() {
        // "<pid> <call>", the pid padded to 5 columns.
        let call = line.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
        let ret = call
            .rsplit_once(" = ")
            .map(|(_, r)| r.split(' ').next().unwrap_or(""));
        let Some(ret) = ret else { continue };
        if let Some(args) = call.strip_prefix("openat(") {
            let mut a = args.splitn(3, ", ");
            let (dirfd, name) = (
                a.next().unwrap_or(""),
                a.next().unwrap_or("").trim_matches('"'),
            );
            if ret.starts_with('-') {
                continue;
            }
            if name.bytes().all(|c| c.is_ascii_digit()) && !name.is_empty() {
                dirs.insert(ret.to_string(), name.to_string());
            } else if let Some(pid) = dirs.get(dirfd) {
                let key = (pid.clone(), name.to_string());
                counts.entry(key.clone()).or_default().0 += 1;
                order.entry(pid.clone()).or_default().push(name.to_string());
                files.insert(ret.to_string(), key);
            }
        } else if let Some(args) = call.strip_prefix("read(") {
            let fd = args.split(',').next().unwrap_or("");
            if let Some(key) = files.get(fd) {
                counts.entry(key.clone()).or_default().1 += 1;
            }
        } else if let Some(args) = call.strip_prefix("close(") {
            let fd = args.trim_end_matches(')').split(')').next().unwrap_or("");
            files.remove(fd);
            dirs.remove(fd);
        }
    }
    (counts, names, order)
}

#[test]
fn reads_counted_by_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("strace not installed: skipped");
        return;
    }
    let _kids = sleepers();
    let (counts, names, _) = strace_snapshot("pid,name");
    assert!(names.len() > 3);
    for ((pid, file), (opens, reads)) in &counts {
        assert_eq!(*opens, 1, "{pid}/{file} opened {opens} times");
        assert_eq!(*reads, 1, "{pid}/{file} read {reads} times");
        match file.as_str() {
            "stat" => {}
            // name() extends a truncated (15-byte) comm from cmdline.
            "cmdline" => assert!(names.get(pid).is_some_and(|&n| n >= 15), "{pid}"),
            other => panic!("pid, name opened {pid}/{other}"),
        }
    }
    for pid in names.keys() {
        assert!(
            counts.contains_key(&(pid.clone(), "stat".into())),
            "{pid}/stat not read"
        );
    }
    let (counts, names, order) = strace_snapshot(
        "pid,ppid,name,cmdline,status,username,create_time,cpu_times,memory_info,num_threads",
    );
    // cmdline before stat, so that a process in exec is not given its old name with
    // its new arguments (race::stress_probe checks what that buys).
    for (pid, files) in &order {
        let at = |f: &str| files.iter().position(|x| x == f);
        if let (Some(c), Some(s)) = (at("cmdline"), at("stat")) {
            assert!(c < s, "{pid}: opened {files:?}");
        }
    }
    assert!(order.values().any(|f| f.len() >= 3));
    let mut files_seen = HashSet::new();
    for ((pid, file), (opens, _)) in &counts {
        assert_eq!(*opens, 1, "{pid}/{file} opened {opens} times");
        files_seen.insert(file.as_str());
        match file.as_str() {
            "stat" => {}
            // Only where the kernel lacks PIDFD_GET_INFO (6.13).
            "status" => assert!(!pidfd_info_expected(), "{pid}/status read"),
            // Every process's, kernel threads' too: it is read before stat (see
            // race::stress_probe), so stat's PF_KTHREAD flag is not known yet.
            "cmdline" => {}
            // With the pidfd: statm for memory_info. Without: statm only where stat
            // hides startcode/endcode (1 and 1) from this reader.
            "statm" if pidfd_info_expected() => {}
            // Kernel threads too (PF_KTHREAD in stat's flags): their status has no Vm
            // lines.
            "statm" => {
                if let Ok(st) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                    let rest = st.rsplit_once(')').unwrap().1;
                    let f: Vec<&str> = rest.split_whitespace().collect();
                    let kthread = f[6].parse::<u64>().unwrap() & 0x0020_0000 != 0;
                    // Under qemu-user the other tests' processes (each a qemu) come
                    // and go, exiting ones (no Vm lines in status) among them, slowly
                    // enough that the pid may be another process's by now.
                    if !kthread && emulator().is_none() {
                        assert_eq!((f[23], f[24]), ("1", "1"), "{pid}/statm read");
                    }
                }
            }
            other => panic!("(a) opened {pid}/{other}"),
        }
    }
    for pid in names.keys() {
        let has = |f: &str| counts.contains_key(&(pid.clone(), f.to_string()));
        assert!(has("stat"), "{pid}");
        assert!(
            has(if pidfd_info_expected() {
                "statm"
            } else {
                "status"
            }),
            "{pid}"
        );
        if std::path::Path::new(&format!("/proc/{pid}")).exists() {
            assert!(has("cmdline"), "{pid}/cmdline not read");
        }
    }
    assert!(files_seen.is_superset(&HashSet::from(["stat", "cmdline"])));
    assert!(names.len() > 3);
}

/// Whether the running kernel (`uname -r`) is at least `major.minor`.
/// Whether the table should get credentials from `PIDFD_GET_INFO`: a kernel that has it
/// (6.13), reached directly (qemu-user does not translate the ioctl: `ENOSYS`, and the
/// table reads `status` instead).
fn pidfd_info_expected() -> bool {
    kernel_at_least(6, 13) && emulator().is_none()
}

fn kernel_at_least(major: u32, minor: u32) -> bool {
    let o = Command::new("uname").arg("-r").output().unwrap();
    let r = String::from_utf8_lossy(&o.stdout);
    let mut it = r.trim().split(|c: char| !c.is_ascii_digit());
    let (a, b): (u32, u32) = (
        it.next().unwrap().parse().unwrap(),
        it.next().unwrap().parse().unwrap(),
    );
    (a, b) >= (major, minor)
}

/// Kernel threads by `ps`: kthreadd (pid 2) and its children.
fn kernel_threads() -> HashSet<String> {
    let o = Command::new("ps")
        .args(["-e", "-o", "pid=,ppid="])
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let (pid, ppid) = (w.next()?, w.next()?);
            (pid == "2" || ppid == "2").then(|| pid.to_string())
        })
        .collect()
}

#[test]
fn zombies_and_vanishing_processes() {
    let mut z = zombie();
    let recs = psutil_rs::process_table(AttrSet::empty()).unwrap();
    let r = recs
        .iter()
        .find(|r| r.pid() == z.id())
        .expect("zombie listed");
    assert_eq!(r.status(), Some(Status::Zombie));
    assert!(r.start_ticks().is_some());
    assert_eq!(r.ppid(), Some(std::process::id()));
    assert_eq!(r.name().unwrap(), "sh");
    assert_eq!(r.memory_info().unwrap().rss, 0);
    for a in [Attr::Cmdline, Attr::Exe, Attr::Cwd, Attr::Environ] {
        assert!(
            matches!(r.get(a), Some(Err(Error::ZombieProcess { .. }))),
            "{a}: {:?}",
            r.get(a)
        );
    }
    // The same attributes are ad_value in psutil's as_dict.
    let theirs = psutil(&format!(
        "sorted(k for k, v in psutil.Process({}).as_dict(ad_value='AD').items() if v == 'AD')",
        z.id()
    ));
    let ad = Value::Username("AD".into());
    let p = Process::new(z.id()).unwrap();
    let ours: Vec<String> = p
        .as_dict(AttrSet::empty(), &ad)
        .unwrap()
        .into_iter()
        .filter(|(_, v)| *v == ad)
        .map(|(a, _)| a.to_string())
        .collect();
    assert_eq!(json!(ours), theirs);
    z.wait().unwrap();

    // Processes that come and go while tables are read: no panic, no record mixing
    // two processes (name, cmdline and start time must agree).
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let spawner = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let a = Command::new("true").spawn();
                let b = Command::new("sleep").arg("0.02").spawn();
                for c in [a, b].into_iter().flatten() {
                    let mut c = c;
                    let _ = c.wait();
                }
            }
        })
    };
    let me = std::process::id();
    let mut seen = 0;
    let t = Instant::now();
    // At least 2 s of churn, and until a child was caught (a loaded machine is slow).
    while t.elapsed() < Duration::from_secs(2)
        || (seen == 0 && t.elapsed() < Duration::from_secs(30))
    {
        let recs = psutil_rs::process_table(set_a()).unwrap();
        for r in recs.iter().filter(|r| r.ppid() == Some(me)) {
            let (Some(name), Some(Ok(Value::Cmdline(cmd)))) = (r.name(), r.get(Attr::Cmdline))
            else {
                continue;
            };
            seen += 1;
            let arg0 = cmd.first().map(|a| {
                a.as_bytes()
                    .rsplit(|&c| c == b'/')
                    .next()
                    .unwrap_or_default()
                    .to_vec()
            });
            // Before exec the child is still a copy of us; after it, comm and argv match
            // (argv is empty for a moment during exec, after comm changed).
            if (name == "true" || name == "sleep") && !cmd.is_empty() {
                assert_eq!(arg0.as_deref(), Some(name.as_bytes()), "{r:?}");
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    spawner.join().unwrap();
    assert!(seen > 0, "no short-lived child was ever seen");
}

#[test]
fn process_iter_reuses_instances_and_drops_gone_ones() {
    let _serial = iter_lock();
    let mut kid = Kid::spawn("sleep", &["34"]);
    let first = psutil_rs::process_iter().unwrap();
    let pids: Vec<u32> = first.iter().map(|p| p.pid()).collect();
    let mut sorted = pids.clone();
    sorted.sort_unstable();
    assert_eq!(pids, sorted, "pid order");
    let find = |v: &[Arc<Process>], pid: u32| v.iter().find(|p| p.pid() == pid).cloned();
    let a = find(&first, kid.pid()).unwrap();
    let second = psutil_rs::process_iter().unwrap();
    let b = find(&second, kid.pid()).unwrap();
    assert!(Arc::ptr_eq(&a, &b), "the instance is reused");
    let me = std::process::id();
    assert!(Arc::ptr_eq(
        &find(&first, me).unwrap(),
        &find(&second, me).unwrap()
    ));

    kid.0.kill().unwrap();
    kid.0.wait().unwrap();
    let third = psutil_rs::process_iter().unwrap();
    assert!(find(&third, kid.pid()).is_none(), "gone pid dropped");

    // An instance seen gone (is_running false) is replaced by a fresh one.
    let k2 = Kid::spawn("sleep", &["35"]);
    let c = find(&psutil_rs::process_iter().unwrap(), k2.pid()).unwrap();
    psutil_rs::process_iter_cache_clear();
    let d = find(&psutil_rs::process_iter().unwrap(), k2.pid()).unwrap();
    assert!(!Arc::ptr_eq(&c, &d), "cache_clear makes new instances");
    assert_eq!(*c, *d);
}

#[test]
fn as_dict_as_psutil() {
    let k = Kid::spawn("sleep", &["36"]);
    let p = Process::new(k.pid()).unwrap();
    let all = p.as_dict(AttrSet::empty(), &Value::None).unwrap();
    let keys: Vec<&str> = all.iter().map(|(a, _)| a.as_str()).collect();
    let theirs = psutil(&format!(
        "sorted(psutil.Process({}).as_dict().keys())",
        k.pid()
    ));
    assert_eq!(json!(keys), theirs);
    let some = p
        .as_dict(
            AttrSet::parse(["pid", "name", "ppid"]).unwrap(),
            &Value::None,
        )
        .unwrap();
    assert_eq!(
        some,
        vec![
            (Attr::Name, Value::Name("sleep".into())),
            (Attr::Pid, Value::Pid(k.pid())),
            (Attr::Ppid, Value::Pid(std::process::id())),
        ]
    );
    let e = AttrSet::parse(["pid", "bogus"]).unwrap_err();
    assert!(matches!(e, Error::InvalidArgument { .. }), "{e}");
}

#[test]
fn repr_as_psutil() {
    let k = Kid::spawn("sleep", &["37"]);
    let p = Process::new(k.pid()).unwrap();
    let theirs = psutil(&format!(
        "(lambda p: (p.create_time(), repr(p))[1])(psutil.Process({}))",
        k.pid()
    ));
    assert_eq!(json!(p.to_string()), theirs);
    assert!(p.to_string().starts_with(&format!(
        "psutil.Process(pid={}, name='sleep', status='sleeping', started='",
        k.pid()
    )));
    let mut z = zombie();
    let zp = Process::new(z.id()).unwrap();
    assert!(zp.to_string().contains("status='zombie'"), "{zp}");
    z.wait().unwrap();
    assert!(zp.to_string().contains("status='terminated'"), "{zp}");
}

#[test]
fn net_connections_of_a_process() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let me = Process::current().unwrap();
    let ours = me.net_connections(psutil_rs::ConnectionKind::Inet).unwrap();
    let c = ours
        .iter()
        .find(|c| c.laddr.as_inet().is_some_and(|a| a.port == port))
        .expect("our listener");
    assert_eq!(c.status, psutil_rs::ConnectionStatus::Listen);
    let theirs = psutil(&format!(
        "[c for c in psutil.Process({}).net_connections('inet') if c.laddr and c.laddr.port == {port}]",
        std::process::id()
    ));
    let t = &theirs[0];
    assert_eq!(t["fd"], json!(c.fd));
    assert_eq!(t["status"], json!("LISTEN"));
    assert_eq!(t["laddr"]["ip"], json!("127.0.0.1"));
    let _ = std::os::fd::AsRawFd::as_raw_fd(&l);
    // No sockets in a sleeper; a bad kind is rejected by its parser.
    let k = Kid::spawn("sleep", &["38"]);
    let kp = Process::new(k.pid()).unwrap();
    assert!(kp
        .net_connections(psutil_rs::ConnectionKind::All)
        .unwrap()
        .is_empty());
    assert!("bogus".parse::<psutil_rs::ConnectionKind>().is_err());
}

/// The table on the captured tree of this machine equals the per-method API on the same
/// tree (which reads `statm` where the table reads `status`'s Vm lines).
#[test]
fn fixture_tree_matches_the_process_methods() {
    let root = fixture_root("debian12-6.18");
    let attrs = AttrSet::parse([
        "pid",
        "ppid",
        "name",
        "cmdline",
        "status",
        "username",
        "create_time",
        "cpu_times",
        "memory_info",
        "num_threads",
        "uids",
        "gids",
        "nice",
        "num_ctx_switches",
        "io_counters",
        "cpu_num",
    ])
    .unwrap();
    let recs = root.process_table(attrs).snapshot().unwrap();
    let pids: Vec<u32> = recs.iter().map(|r| r.pid()).collect();
    assert_eq!(pids, [22762, 26049]);
    for r in &recs {
        let p = root.process(r.pid()).unwrap();
        assert_eq!(r.start_ticks(), p.identity().1);
        for (a, v) in r.values() {
            assert_eq!(v.as_ref().unwrap(), &p.attr(*a).unwrap(), "{} {a}", r.pid());
        }
    }
    assert_eq!(recs[0].name().unwrap(), "bash");
}

/// A stat line for a hand-written process: `state`, `ppid`, and start time 1000.
fn stat_line(pid: u32, comm: &str, state: char, ppid: u32) -> String {
    format!(
        "{pid} ({comm}) {state} {ppid} 1 1 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 1000 \
         4952064 551 18446744073709551615 1 1 0 0 0 0 65536 6 81920 1 0 0 17 1 0 0 2 0 0 \
         0 0 0 0 0 0 0\n"
    )
}

/// Hand-written trees for what this machine cannot show: a kernel without `RssFile`
/// (memory_info falls back to `statm`), a kernel thread (no Vm lines: zeros, empty
/// cmdline), a zombie, a garbage `stat` (an error in those fields only), and a process
/// that vanished (its directory is there but its files are not: left out).
#[test]
fn hand_written_trees() {
    let status_old = b"Name:\told\nUid:\t1000\t1000\t1000\t1000\nGid:\t5\t5\t5\t5\n\
        VmSize:\t 8000 kB\nVmRSS:\t 400 kB\nVmData:\t 100 kB\nVmStk:\t 8 kB\nVmExe:\t 4 kB\n";
    let status_kthread = b"Name:\tkworker/0:1\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\n";
    let status_zombie = b"Name:\tz\nUid:\t1000\t1000\t1000\t1000\nGid:\t5\t5\t5\t5\n";
    let s10 = stat_line(10, "old", 'S', 1);
    let s11 = stat_line(11, "kworker/0:1", 'I', 2);
    let s12 = stat_line(12, "z", 'Z', 10);
    // A current kernel: status has RssFile/RssShmem, and stat shows the code range
    // 0x400000..0x402010 (statm text = 3 pages), while VmExe says 4 kB (the kernel's
    // min(text, executable mappings)): text must be statm's.
    let s15 = stat_line(15, "new", 'S', 1).replace(
        " 18446744073709551615 1 1 ",
        &format!(" 18446744073709551615 {} {} ", 0x40_0000, 0x40_2010),
    );
    let status_new = b"Name:\tnew\nUid:\t1000\t1000\t1000\t1000\nGid:\t5\t5\t5\t5\n\
        VmSize:\t 8000 kB\nVmRSS:\t 400 kB\nRssAnon:\t 300 kB\nRssFile:\t 60 kB\n\
        RssShmem:\t 40 kB\nVmData:\t 100 kB\nVmStk:\t 8 kB\nVmExe:\t 4 kB\n";
    let files: Vec<(&str, &[u8])> = vec![
        ("proc/stat", b"cpu 1 2 3 4\nbtime 1700000000\n"),
        ("proc/10/stat", s10.as_bytes()),
        ("proc/10/status", status_old),
        ("proc/10/statm", b"2000 100 50 1 0 27 0\n"),
        ("proc/10/cmdline", b"/usr/bin/old\0-x\0"),
        ("proc/11/stat", s11.as_bytes()),
        ("proc/11/status", status_kthread),
        ("proc/11/statm", b"0 0 0 0 0 0 0\n"),
        ("proc/11/cmdline", b""),
        ("proc/12/stat", s12.as_bytes()),
        ("proc/12/status", status_zombie),
        ("proc/12/statm", b"0 0 0 0 0 0 0\n"),
        ("proc/12/cmdline", b""),
        ("proc/15/stat", s15.as_bytes()),
        ("proc/15/status", status_new),
        ("proc/15/statm", b"2000 100 25 3 0 27 0\n"),
        ("proc/15/cmdline", b"new\0"),
        ("proc/13/stat", b"13 (garbage"),
        ("proc/13/status", status_zombie),
        ("proc/14/status", status_zombie),
        (
            "etc/passwd",
            b"root:x:0:0::/root:/bin/sh\nalice:x:1000:5::/home/alice:/bin/sh\n",
        ),
    ];
    let tree = TempTree::new(&files);
    let root = tree.root();
    let recs = root.process_table(set_a()).snapshot().unwrap();
    let by_pid: HashMap<u32, &psutil_rs::ProcessInfo> = recs.iter().map(|r| (r.pid(), r)).collect();
    let mut pids: Vec<u32> = by_pid.keys().copied().collect();
    pids.sort_unstable();
    assert_eq!(
        pids,
        [10, 11, 12, 13, 15],
        "pid 14 (no stat: vanished) is left out"
    );

    let old = by_pid[&10];
    let m = old.memory_info().unwrap();
    // From statm (status has no RssFile/RssShmem), pages of this machine's size.
    let page = m.vms / 2000;
    assert!([4096, 16384, 65536].contains(&page), "{page}");
    assert_eq!(
        (m.vms, m.rss, m.shared, m.data),
        (2000 * page, 100 * page, 50 * page, 27 * page)
    );
    assert_eq!(old.username(), Some("alice"));
    assert_eq!(old.cmdline().unwrap(), ["/usr/bin/old", "-x"]);
    assert_eq!(old.create_time(), Some(1700000000.0 + 10.0));
    assert_eq!(old.status(), Some(Status::Sleeping));
    assert_eq!(old.start_ticks(), Some(1000));

    // status + stat, no statm: every field from status's KiB lines, text from stat.
    let new = by_pid[&15].memory_info().unwrap();
    assert_eq!(
        (new.vms, new.rss, new.shared, new.data, new.text),
        (8000 * 1024, 400 * 1024, 100 * 1024, 108 * 1024, 3 * page)
    );
    let per_method = root.process(15).unwrap().memory_info().unwrap();
    assert_eq!(new.text, per_method.text, "table and statm agree on text");

    let kt = by_pid[&11];
    assert_eq!(kt.memory_info().unwrap().rss, 0);
    assert_eq!(kt.cmdline().unwrap(), Vec::<OsString>::new());
    assert_eq!(kt.name().unwrap(), "kworker/0:1");
    assert_eq!(kt.username(), Some("root"));
    assert_eq!(kt.status(), Some(Status::Idle));

    let z = by_pid[&12];
    assert_eq!(z.status(), Some(Status::Zombie));
    match z.get(Attr::Cmdline) {
        Some(Err(Error::ZombieProcess {
            pid, ppid, name, ..
        })) => {
            assert_eq!((*pid, *ppid, name.as_deref()), (12, Some(10), Some("z")));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(z.memory_info().unwrap().rss, 0);

    let g = by_pid[&13];
    assert!(
        matches!(g.get(Attr::Ppid), Some(Err(Error::Parse { .. }))),
        "{g:?}"
    );
    assert!(
        matches!(g.get(Attr::Name), Some(Err(Error::Parse { .. }))),
        "{g:?}"
    );
    assert_eq!(g.username(), Some("alice"));
    assert_eq!(g.start_ticks(), None);

    // ad_value replaces the zombie's cmdline; the parse errors are returned.
    let ad = Value::Username("AD".into());
    let zd = recs
        .into_iter()
        .find(|r| r.pid() == 12)
        .unwrap()
        .into_dict(&ad)
        .unwrap();
    assert!(zd.contains(&(Attr::Cmdline, ad.clone())));
}

/// Real pid reuse for `process_iter`: in a new pid namespace (`unshare --pid --fork
/// --mount-proc`, where `ns_last_pid` can be set), a cached instance whose pid was
/// reused, without anything having noticed, is replaced by a fresh one.
#[test]
fn process_iter_refreshes_a_reused_pid() {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("unshare")
        .args(["--pid", "--fork", "--mount-proc"])
        .arg(&exe)
        .args([
            "--exact",
            "process_table::pidns_iter_probe",
            "--ignored",
            "--nocapture",
        ])
        .env("PSUTIL_RS_PIDNS_ITER_PROBE", "1")
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
#[ignore = "run by process_iter_refreshes_a_reused_pid inside a new pid namespace"]
fn pidns_iter_probe() {
    if std::env::var_os("PSUTIL_RS_PIDNS_ITER_PROBE").is_none() {
        return;
    }
    let mut a = Command::new("sleep").arg("30").spawn().unwrap();
    let pid = a.id();
    let find = |v: &[Arc<Process>]| v.iter().find(|p| p.pid() == pid).cloned();
    let old = find(&psutil_rs::process_iter().unwrap()).unwrap();
    a.kill().unwrap();
    a.wait().unwrap();
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
    let new = find(&psutil_rs::process_iter().unwrap()).unwrap();
    assert!(
        !Arc::ptr_eq(&old, &new),
        "the reused pid got a fresh instance"
    );
    assert!(!old.is_running());
    assert!(new.is_running());
    // The table's record is the new process, and gives a handle on it.
    let recs = psutil_rs::process_table(set_a()).unwrap();
    let r = recs.iter().find(|r| r.pid() == pid).unwrap();
    assert_eq!(r.start_ticks(), new.identity().1);
    b.kill().unwrap();
    b.wait().unwrap();
}

/// psutil's `process_iter(attrs)`: cached instances with their records; `cpu_percent`
/// measures since the previous call on the same instance (a busy loop shows it).
#[test]
fn process_iter_with_attrs_keeps_cpu_percent_state() {
    let _serial = iter_lock();
    // Killed on drop, even if an assertion fails.
    let mut busy = Kid(Command::new("sh")
        .args(["-c", "while :; do :; done"])
        .spawn()
        .unwrap());
    let pid = busy.pid();
    let attrs = AttrSet::parse(["pid", "name", "cpu_percent", "memory_info"]).unwrap();
    let mut table = ProcessTable::new(attrs);
    let find = |v: &[(Arc<Process>, psutil_rs::ProcessInfo)]| {
        v.iter()
            .find(|(p, _)| p.pid() == pid)
            .map(|(p, i)| {
                (
                    p.clone(),
                    i.get(Attr::CpuPercent).unwrap().as_ref().unwrap().clone(),
                )
            })
            .unwrap()
    };
    let first = table.process_iter().unwrap();
    let (p1, _) = find(&first);
    std::thread::sleep(Duration::from_millis(500));
    let second = table.process_iter().unwrap();
    let (p2, cpu) = find(&second);
    assert!(Arc::ptr_eq(&p1, &p2));
    match cpu {
        // A fresh instance would say 0.0; the busy loop gets well over 1% even on a
        // crowded machine.
        Value::Float(c) => assert!(c > 1.0, "busy loop at {c}%"),
        v => panic!("{v:?}"),
    }
    for (p, info) in &second {
        assert_eq!(p.pid(), info.pid());
        assert_eq!(info.start_ticks(), p.identity().1);
    }
    busy.0.kill().unwrap();
    busy.0.wait().unwrap();
    let third = table.process_iter().unwrap();
    assert!(third.iter().all(|(p, _)| p.pid() != pid));
    // Another root than the current one is refused.
    let mut other = fixture_root("debian12-6.18").process_table(attrs);
    assert!(matches!(
        other.process_iter(),
        Err(Error::InvalidArgument { .. })
    ));
}

/// The credentials: real uid 65534 with effective and saved uid 0 (`setpriv --ruid`),
/// and a zombie. uids, gids and username come from the pidfd on Linux >= 6.13, from
/// `status` before: either way they must equal `status` read directly and psutil
/// (whose username is the real uid's name).
#[test]
fn credentials_match_status_and_psutil() {
    let mixed = Kid(Command::new("setpriv")
        .args([
            "--ruid=65534",
            "--rgid=65534",
            "--keep-groups",
            "sleep",
            "30",
        ])
        .spawn()
        .unwrap());
    let t = Instant::now();
    while !std::fs::read(format!("/proc/{}/cmdline", mixed.pid()))
        .unwrap_or_default()
        .starts_with(b"sleep\0")
    {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "setpriv never ran sleep"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut z = zombie();
    let attrs = AttrSet::from([Attr::Pid, Attr::Uids, Attr::Gids, Attr::Username]);
    let mut table = ProcessTable::new(attrs);
    let recs = table.snapshot().unwrap();
    if pidfd_info_expected() {
        assert!(table.reads().pidfd_creds > 0, "{:?}", table.reads());
    }
    for pid in [mixed.pid(), z.id()] {
        let r = recs.iter().find(|r| r.pid() == pid).unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let line = |key: &str| -> Vec<u32> {
            let l = status.lines().find(|l| l.starts_with(key)).unwrap();
            l.split_whitespace()
                .skip(1)
                .take(3)
                .map(|w| w.parse().unwrap())
                .collect()
        };
        let Some(Ok(Value::Uids(u))) = r.get(Attr::Uids) else {
            panic!("{pid}: {:?}", r.get(Attr::Uids))
        };
        assert_eq!(vec![u.real, u.effective, u.saved], line("Uid:"), "{pid}");
        let Some(Ok(Value::Gids(g))) = r.get(Attr::Gids) else {
            panic!("{pid}: {:?}", r.get(Attr::Gids))
        };
        assert_eq!(vec![g.real, g.effective, g.saved], line("Gid:"), "{pid}");
        let theirs = psutil(&format!("psutil.Process({pid}).username()"));
        assert_eq!(Some(theirs.as_str().unwrap()), r.username(), "{pid}");
    }
    let r = recs.iter().find(|r| r.pid() == mixed.pid()).unwrap();
    assert_eq!(r.username(), Some("nobody"));
    let _ = z.wait();
}

/// A hand-written tree of 300 processes of every kind the table meets (plain, long
/// command line, kernel thread, zombie, garbage `stat`, vanished), read with 1, 2, 3
/// and 7 threads: the records, their order, and the files read are the same.
/// The tree of [`threads_give_the_records_of_one_thread`]: pids 100..400, of which 25
/// have no `stat` (vanished).
fn tree_of_300() -> TempTree {
    let mut owned: Vec<(String, Vec<u8>)> = vec![
        (
            "proc/stat".into(),
            b"cpu 1 2 3 4\nbtime 1700000000\n".to_vec(),
        ),
        (
            "etc/passwd".into(),
            b"root:x:0:0::/root:/bin/sh\nalice:x:1000:5::/home/alice:/bin/sh\n".to_vec(),
        ),
    ];
    for pid in 100..400u32 {
        let (comm, state, cmdline): (String, char, Vec<u8>) = match pid % 6 {
            0 => (
                format!("p{pid}"),
                'S',
                format!("/bin/p{pid}\0-x\0").into_bytes(),
            ),
            1 => ("a-fifteen-bytes".into(), 'R', {
                let mut c = b"/usr/lib/a-fifteen-bytes-and-more\0".to_vec();
                c.extend(std::iter::repeat_n(b'y', 5000));
                c
            }),
            2 => (format!("kworker/{pid}"), 'I', Vec::new()),
            3 => (format!("z{pid}"), 'Z', Vec::new()),
            4 => (format!("p{pid}"), 'S', format!("p{pid}\0").into_bytes()),
            _ => (String::new(), '?', Vec::new()),
        };
        let dir = format!("proc/{pid}");
        let uid = if pid % 2 == 0 { 0 } else { 1000 };
        let status = format!("Name:\t{comm}\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t5\t5\t5\t5\n");
        owned.push((format!("{dir}/status"), status.into_bytes()));
        if pid % 6 == 5 {
            // Garbage stat for some, none (vanished) for the others.
            if pid % 12 == 5 {
                owned.push((format!("{dir}/stat"), format!("{pid} (garb").into_bytes()));
            }
            continue;
        }
        owned.push((
            format!("{dir}/stat"),
            stat_line(pid, &comm, state, 1).into_bytes(),
        ));
        owned.push((
            format!("{dir}/statm"),
            format!("{pid} 100 50 1 0 27 0\n").into_bytes(),
        ));
        owned.push((format!("{dir}/cmdline"), cmdline));
    }
    let files: Vec<(&str, &[u8])> = owned
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_slice()))
        .collect();
    TempTree::new(&files)
}

#[test]
fn threads_give_the_records_of_one_thread() {
    let tree = tree_of_300();
    let root = tree.root();
    let read = |threads: usize| {
        let mut t = root.process_table(set_a());
        t.set_threads(std::num::NonZeroUsize::new(threads));
        let recs = t.snapshot().unwrap();
        (format!("{recs:?}"), recs.len(), t.reads())
    };
    let (one, n, reads_one) = read(1);
    // 300 directories; the vanished ones (no stat) are left out.
    assert_eq!(n, 300 - 25, "{one}");
    assert_eq!(reads_one.threads, 1);
    assert_eq!(reads_one.pid_dirs, 300);
    for threads in [2, 3, 7] {
        let (many, n_many, reads) = read(threads);
        assert_eq!(n_many, n);
        assert_eq!(many, one, "{threads} threads");
        assert_eq!(reads.threads, threads as u64);
        assert_eq!(
            TableReadsNoThreads(reads),
            TableReadsNoThreads(reads_one),
            "{threads} threads"
        );
    }
}

/// [`psutil_rs::TableReads`] without the thread count.
#[derive(Debug)]
struct TableReadsNoThreads(psutil_rs::TableReads);

impl PartialEq for TableReadsNoThreads {
    fn eq(&self, o: &Self) -> bool {
        let (mut a, mut b) = (self.0, o.0);
        a.threads = 0;
        b.threads = 0;
        a == b
    }
}

/// The live table read by several threads: the table chooses them by the number of
/// processes and CPUs, and what they read of 300 sleepers equals what one thread reads
/// and the per-method API; `process_iter` through threads gives the cached instances.
#[test]
fn threads_read_the_live_table() {
    let _lock = iter_lock();
    let kids: Vec<Kid> = (0..300)
        .map(|i| Kid::spawn("sleep", &["41", &i.to_string()]))
        .collect();
    let mine: HashSet<u32> = kids.iter().map(Kid::pid).collect();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut auto = ProcessTable::new(set_a());
    let recs = auto.snapshot().unwrap();
    let expected = cpus.min(4).min(recs.len() / 128).max(1) as u64;
    assert_eq!(
        auto.reads().threads,
        expected,
        "{cpus} CPUs, {} processes",
        recs.len()
    );
    let pids: Vec<u32> = recs.iter().map(|r| r.pid()).collect();
    assert!(pids.windows(2).all(|w| w[0] < w[1]), "pid order");

    let mut one = ProcessTable::new(set_a());
    one.set_threads(std::num::NonZeroUsize::new(1));
    let mut three = ProcessTable::new(set_a());
    three.set_threads(std::num::NonZeroUsize::new(3));
    let steady = |r: &psutil_rs::ProcessInfo| {
        (
            r.pid(),
            r.ppid(),
            r.name().map(|n| n.to_os_string()),
            r.cmdline().map(|c| c.to_vec()),
            r.create_time(),
            r.username().map(str::to_string),
            r.num_threads(),
        )
    };
    let a: Vec<_> = one
        .snapshot()
        .unwrap()
        .iter()
        .filter(|r| mine.contains(&r.pid()))
        .map(steady)
        .collect();
    let b: Vec<_> = three
        .snapshot()
        .unwrap()
        .iter()
        .filter(|r| mine.contains(&r.pid()))
        .map(steady)
        .collect();
    assert_eq!(a.len(), 300);
    assert_eq!(a, b);
    assert_eq!(three.reads().threads, 3);
    for k in kids.iter().step_by(37) {
        let p = Process::new(k.pid()).unwrap();
        let r = a.iter().find(|r| r.0 == k.pid()).unwrap();
        assert_eq!(r.2.as_deref().unwrap(), p.name().unwrap().as_os_str());
        assert_eq!(r.4.unwrap(), p.create_time().unwrap());
    }

    let got = three.process_iter().unwrap();
    let listed: HashSet<u32> = got.iter().map(|(p, _)| p.pid()).collect();
    assert!(mine.is_subset(&listed));
    for (p, info) in &got {
        assert_eq!(p.pid(), info.pid());
    }
    let again = psutil_rs::process_iter().unwrap();
    for (p, _) in got.iter().filter(|(p, _)| mine.contains(&p.pid())) {
        assert!(
            again.iter().any(|q| Arc::ptr_eq(p, q)),
            "cached instance of {}",
            p.pid()
        );
    }
}

/// The stream (what the Python package's `process_iter` reads) gives the snapshot's
/// records in the same order, batch by batch, with 1 to 4 threads; dropping it early
/// stops it.
#[test]
fn stream_gives_the_snapshot() {
    let tree = tree_of_300();
    let root = tree.root();
    let whole = root
        .process_table(set_a())
        .snapshot_with_processes()
        .unwrap();
    let whole: Vec<String> = whole.iter().map(|(_, i)| format!("{i:?}")).collect();
    assert_eq!(whole.len(), 275);
    let t0 = {
        let mut t = root.process_table(AttrSet::from([Attr::Pid]));
        t.set_threads(std::num::NonZeroUsize::new(1));
        let s = t.stream_with_processes().unwrap();
        assert_eq!(s.pids(), (100..400).collect::<Vec<u32>>());
        s.count()
    };
    assert_eq!(t0, 300_usize.div_ceil(16), "batches of 16 pids");
    for threads in [1, 2, 4] {
        let mut t = root.process_table(set_a());
        t.set_threads(std::num::NonZeroUsize::new(threads));
        let stream = t.stream_with_processes().unwrap();
        assert_eq!(stream.threads(), threads - 1);
        let mut got = Vec::new();
        for batch in stream {
            let batch = batch.unwrap();
            assert!(batch.read_at > 0.0);
            for (p, info) in batch.records {
                assert_eq!(p.pid(), info.pid());
                got.push(format!("{info:?}"));
            }
        }
        assert_eq!(got, whole, "{threads} threads");
        // Dropped after one batch: the threads stop, nothing hangs.
        let mut stream = t.stream_with_processes().unwrap();
        assert!(stream.next().unwrap().is_ok());
        drop(stream);
    }
}

/// The live stream over 300 sleepers: the records of a snapshot, by the threads the
/// table chooses, and the handles' identities.
#[test]
fn stream_reads_the_live_table() {
    let kids: Vec<Kid> = (0..300)
        .map(|i| Kid::spawn("sleep", &["43", &i.to_string()]))
        .collect();
    let mine: HashSet<u32> = kids.iter().map(Kid::pid).collect();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut t = ProcessTable::new(set_a());
    let stream = t.stream_with_processes().unwrap();
    let n = stream.pids().len();
    assert_eq!(stream.threads(), cpus.min(4).min(n / 128).max(1) - 1);
    let mut recs = Vec::new();
    for b in stream {
        recs.extend(b.unwrap().records);
    }
    let pids: Vec<u32> = recs.iter().map(|(_, i)| i.pid()).collect();
    assert!(pids.windows(2).all(|w| w[0] < w[1]), "pid order");
    let snap = ProcessTable::new(set_a()).snapshot().unwrap();
    let mut checked = 0;
    for (p, info) in recs.iter().filter(|(p, _)| mine.contains(&p.pid())) {
        let s = snap.iter().find(|r| r.pid() == info.pid()).unwrap();
        assert_eq!(
            (
                info.ppid(),
                info.name(),
                info.cmdline(),
                info.create_time(),
                info.username()
            ),
            (
                s.ppid(),
                s.name(),
                s.cmdline(),
                s.create_time(),
                s.username()
            )
        );
        assert_eq!(p.identity(), (info.pid(), info.start_ticks()));
        checked += 1;
    }
    assert_eq!(checked, 300);
}
