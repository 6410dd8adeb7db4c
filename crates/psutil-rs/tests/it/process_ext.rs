//! Process extensions beyond psutil (`stat_ext`, `locked_memory`), against procps `ps`
//! and hand-written trees.

use std::process::{Command, Stdio};

use psutil_rs::{Process, ProcessStatExt};

use crate::util::{run, TempTree};
use psutil_rs::os::linux::ProcessExt as _;

/// `ProcessStatExt`'s fields (the struct is `#[non_exhaustive]`): pgid, session, tpgid,
/// priority, sched_policy, rt_priority.
type Ext = (
    Option<u32>,
    Option<u32>,
    Option<u32>,
    i64,
    Option<u32>,
    Option<u32>,
);

fn ext(e: &ProcessStatExt) -> Ext {
    (
        e.pgid,
        e.session,
        e.tpgid,
        e.priority,
        e.sched_policy,
        e.rt_priority,
    )
}

/// `ps -o pgid,sid,tpgid,rtprio,cls,priority` of one pid, as our fields (procps'
/// `priority` column is the kernel's field 18 unchanged).
fn ps_ext(pid: u32) -> Ext {
    let out = run(
        "ps",
        &[
            "-o",
            "pgid=,sid=,tpgid=,rtprio=,cls=,priority=",
            "-p",
            &pid.to_string(),
        ],
    );
    let w: Vec<&str> = out.split_whitespace().collect();
    let policy = match w[4] {
        "TS" => 0,
        "FF" => 1,
        "RR" => 2,
        "B" => 3,
        "IDL" => 5,
        "DLN" => 6,
        c => panic!("unknown class {c}"),
    };
    (
        w[0].parse::<i64>().unwrap().try_into().ok(),
        w[1].parse::<i64>().unwrap().try_into().ok(),
        w[2].parse::<i64>().unwrap().try_into().ok(),
        w[5].parse().unwrap(),
        Some(policy),
        Some(if w[3] == "-" {
            0
        } else {
            w[3].parse().unwrap()
        }),
    )
}

#[test]
fn stat_ext_matches_ps() {
    // A session leader (setsid) in real-time FIFO 50 (chrt needs root: else normal).
    let root = rustix_is_root();
    let mut cmd = Command::new("setsid");
    if root {
        cmd.args(["chrt", "-f", "50"]);
    }
    let mut kid = cmd
        .args(["sleep", "30"])
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    // setsid forks only when it is a process group leader; wait for the exec.
    let pid = kid.id();
    let p = Process::new(pid).unwrap();
    for _ in 0..200 {
        if p.name().unwrap() == "sleep" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let ours = p.stat_ext().unwrap();
    assert_eq!(ext(&ours), ps_ext(pid));
    assert_eq!(ours.session, Some(pid), "setsid makes a session leader");
    assert_eq!(ours.tpgid, None, "no controlling terminal");
    if root {
        assert_eq!(ours.sched_policy, Some(1));
        assert_eq!(ours.rt_priority, Some(50));
        assert_eq!(ours.priority, -51);
    }
    assert_eq!(p.locked_memory().unwrap(), 0);
    kid.kill().unwrap();
    kid.wait().unwrap();
    // Ourselves, and pid 1.
    for pid in [std::process::id(), 1] {
        let p = Process::new(pid).unwrap();
        assert_eq!(ext(&p.stat_ext().unwrap()), ps_ext(pid), "pid {pid}");
    }
}

#[test]
fn locked_memory_matches_status() {
    let me = Process::current().unwrap();
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmLck:"))
        .unwrap()
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    assert_eq!(me.locked_memory().unwrap(), kib * 1024);
    // A kernel thread (kthreadd, pid 2) has no VmLck line: 0.
    if let Ok(k) = Process::new(2) {
        assert_eq!(k.locked_memory().unwrap(), 0);
    }
}

/// Hand-written trees: an old kernel without fields 40/41 (rt_priority, policy), a
/// process with a terminal, and garbage.
#[test]
fn stat_ext_fixture_trees() {
    let t = TempTree::new(&[
        ("proc/stat", b"btime 1000\n"),
        (
            "proc/42/stat",
            b"42 (old) S 1 40 30 34816 40 0 0 0 0 0 250 150 30 20 25 5 1 0 1000 4096 10\n",
        ),
        ("proc/42/status", b"Name:\told\nVmLck:\t   8 kB\n"),
        (
            "proc/43/stat",
            b"43 (bad) S 1 x 30 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 1 1\n",
        ),
    ]);
    let root = t.root();
    let p = root.process(42).unwrap();
    assert_eq!(
        ext(&p.stat_ext().unwrap()),
        (Some(40), Some(30), Some(40), 25, None, None)
    );
    assert_eq!(p.locked_memory().unwrap(), 8192);
    let b = root.process(43).unwrap();
    assert!(b.stat_ext().is_err());
    assert!(b.locked_memory().unwrap_err().is_not_found());
}

fn rustix_is_root() -> bool {
    run("id", &["-u"]).trim() == "0"
}

/// `fds()` of this process: each kind of descriptor opened here has the right type,
/// target and flags (flags against `fcntl(F_GETFL)`), and the set of descriptors
/// equals the `/proc/self/fd` listing read by the test.
#[test]
fn fds_types_and_flags() {
    use psutil_rs::FdType;
    use std::os::fd::{AsFd, AsRawFd};
    let dir = std::env::temp_dir().join(format!("psutil-rs-fds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("f"))
        .unwrap();
    let dfd = std::fs::File::open(&dir).unwrap();
    let null = std::fs::File::open("/dev/null").unwrap();
    let (r, w) = std::io::pipe().unwrap();
    let unix = std::os::unix::net::UnixListener::bind(dir.join("s")).unwrap();
    let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let fds = Process::current().unwrap().fds().unwrap();
    let find = |fd: i32| fds.iter().find(|f| f.fd as i32 == fd).unwrap();
    let objs: [(&dyn AsFd, FdType); 7] = [
        (&file, FdType::Regular),
        (&dfd, FdType::Directory),
        (&null, FdType::CharDevice),
        (&r, FdType::Fifo),
        (&w, FdType::Fifo),
        (&unix, FdType::Socket),
        (&tcp, FdType::Socket),
    ];
    for (obj, ty) in objs {
        let fd = obj.as_fd().as_raw_fd();
        let f = find(fd);
        assert_eq!(f.fd_type, ty, "{f:?}");
        let fl = rustix::fs::fcntl_getfl(obj.as_fd()).unwrap().bits();
        let want = fl & (libc::O_ACCMODE | libc::O_APPEND) as u32;
        let got = f.flags.unwrap() & (libc::O_ACCMODE | libc::O_APPEND) as u32;
        assert_eq!(got, want, "{f:?}");
        let link = std::fs::read_link(format!("/proc/self/fd/{fd}")).unwrap();
        assert_eq!(f.target, link);
    }
    assert_eq!(find(file.as_raw_fd()).target, dir.join("f"));
    assert!(find(r.as_raw_fd())
        .target
        .to_string_lossy()
        .starts_with("pipe:["));
    assert_eq!(
        find(file.as_raw_fd()).inode,
        Some(std::os::unix::fs::MetadataExt::ino(
            &file.metadata().unwrap()
        ))
    );
    // Every descriptor listed, none invented (the listing's own fd aside).
    let listed: std::collections::BTreeSet<u32> = std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().parse().unwrap())
        .collect();
    let ours: std::collections::BTreeSet<u32> = fds.iter().map(|f| f.fd).collect();
    assert!(ours.iter().all(|fd| listed.contains(fd) || *fd > 2));
    for fd in [file.as_raw_fd(), dfd.as_raw_fd(), tcp.as_raw_fd()] {
        assert!(listed.contains(&(fd as u32)));
    }
    assert_eq!(
        Process::current().unwrap().root_dir().unwrap(),
        std::path::Path::new("/")
    );
    drop((file, dfd, null, r, w, unix, tcp));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Restores `/proc/sys/kernel/task_delayacct` when the test ends.
struct DelayAcct(String);

impl Drop for DelayAcct {
    fn drop(&mut self) {
        let _ = std::fs::write("/proc/sys/kernel/task_delayacct", &self.0);
    }
}

/// The taskstats delay counters (cpu_count, cpu_delay, blkio_count, blkio_delay,
/// swapin_count, swapin_delay) of a thread group, queried by a Python implementation
/// of the generic netlink exchange.
fn python_taskstats(pid: u32) -> [u64; 6] {
    let code = r#"
import socket, struct, sys
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
def attr(t, d):
    l = 4 + len(d)
    return struct.pack("HH", l, t) + d + b"\0" * (-l % 4)
def ask(fam, cmd, payload):
    g = struct.pack("BBH", cmd, 1, 0) + payload
    s.send(struct.pack("IHHII", 16 + len(g), fam, 1, 1, 0) + g)
    r = s.recv(65536)
    return r[20:struct.unpack("I", r[:4])[0]]
def attrs(b):
    while len(b) >= 4:
        l, t = struct.unpack("HH", b[:4])
        yield t & 0x3fff, b[4:l]
        b = b[(l + 3) & ~3:]
fam = [struct.unpack("H", v[:2])[0] for t, v in attrs(ask(0x10, 3, attr(2, b"TASKSTATS\0"))) if t == 1][0]
for t, v in attrs(ask(fam, 1, attr(2, struct.pack("I", int(sys.argv[1]))))):
    for t2, v2 in attrs(v):
        if t2 == 3:
            print(*struct.unpack("6Q", v2[16:64]))
"#;
    let out = run("python3", &["-c", code, &pid.to_string()]);
    let v: Vec<u64> = out.split_whitespace().map(|w| w.parse().unwrap()).collect();
    v.try_into().unwrap()
}

/// `delay_stats()` of a stopped O_DIRECT reader (forked after delay accounting was
/// turned on, so its block I/O waits are counted) equals a Python taskstats query,
/// and its block I/O delay matches field 42 of `/proc/<pid>/stat` (clock ticks).
#[test]
fn delay_stats_match_taskstats() {
    if !rustix_is_root() {
        // Not root: taskstats of another process is AccessDenied.
        let kid = Command::new("sleep").arg("5").spawn();
        if let Ok(mut k) = kid {
            let e = Process::new(k.id()).unwrap().delay_stats().unwrap_err();
            assert!(e.is_access_denied(), "{e:?}");
            let _ = k.kill();
            let _ = k.wait();
        }
        return;
    }
    let _restore = DelayAcct(std::fs::read_to_string("/proc/sys/kernel/task_delayacct").unwrap());
    std::fs::write("/proc/sys/kernel/task_delayacct", "1").unwrap();
    let dir = std::env::temp_dir().join(format!("psutil-rs-delay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("data");
    std::fs::write(&file, vec![1u8; 4 << 20]).unwrap();
    let code = "import os,sys,mmap\n\
        f=os.open(sys.argv[1], os.O_RDONLY|os.O_DIRECT)\n\
        m=mmap.mmap(-1,4096)\n\
        n=os.fstat(f).st_size//4096\n\
        i=0\n\
        while True:\n    os.preadv(f,[m],(i%n)*4096); i+=1\n";
    let mut kid = Command::new("python3")
        .args(["-c", code])
        .arg(&file)
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let pid = kid.id();
    run("kill", &["-STOP", &pid.to_string()]);
    // A stopped process: its counters hold still.
    std::thread::sleep(std::time::Duration::from_millis(100));
    let theirs = python_taskstats(pid);
    if crate::util::emulator().is_some() {
        // qemu-user does not translate NETLINK_GENERIC (socket(2): EPROTONOSUPPORT) while
        // the host's Python above reached taskstats: the call says so, never a zero.
        let e = Process::new(pid).unwrap().delay_stats().unwrap_err();
        assert_eq!(e.raw_os_error(), Some(93), "EPROTONOSUPPORT: {e:?}");
        let _ = kid.kill();
        let _ = kid.wait();
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let d = Process::new(pid).unwrap().delay_stats().unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let ticks: u64 = stat
        .rsplit_once(") ")
        .unwrap()
        .1
        .split(' ')
        .nth(39)
        .unwrap()
        .parse()
        .unwrap();
    let clk: u64 = run("getconf", &["CLK_TCK"]).trim().parse().unwrap();
    let _ = kid.kill();
    let _ = kid.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        [
            d.cpu_count,
            d.cpu_delay_total,
            d.blkio_count,
            d.blkio_delay_total,
            d.swapin_count,
            d.swapin_delay_total
        ],
        theirs
    );
    assert!(d.blkio_count > 0 && d.blkio_delay_total > 0, "{d:?}");
    // Single-threaded: the process total is the main thread's field 42 (ns -> ticks,
    // truncated).
    assert_eq!(d.blkio_delay_total / (1_000_000_000 / clk), ticks);
    // Gone: NoSuchProcess.
    let gone = Process::new(pid);
    assert!(gone.is_err() || gone.unwrap().delay_stats().is_err());
}

/// Under a fixture root, taskstats (host only) is Unsupported.
#[test]
fn delay_stats_need_the_host() {
    let t = TempTree::new(&[(
        "proc/42/stat",
        b"42 (x) S 1 42 42 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 1 1\n",
    )]);
    let e = t.root().process(42).unwrap().delay_stats().unwrap_err();
    assert!(matches!(e, psutil_rs::Error::Unsupported { .. }), "{e:?}");
}
