//! The workload: N idle processes in their own process group, always torn down.
//!
//! Every process is this same binary re-executed in a hidden mode (`__worker`), so no
//! external tool is needed and every worker can arm `PR_SET_PDEATHSIG`:
//! - plain sleepers (one thread, short command line);
//! - ~10% with 2–8 threads (threads parked forever);
//! - ~10% with a 1–16 KiB command line (one padding argument);
//! - ~2% zombies: children that exit at once and that the harness does not reap until
//!   teardown;
//! - one "large" process for snapshot (d): a touched heap of `big_mib` MiB plus
//!   `big_maps` one-page mappings with alternating protections (so they do not merge
//!   into one VMA); it also holds the sockets for snapshot (c): `sockets` TCP listeners
//!   and UDP sockets on 127.0.0.1 and `sockets / 2` connected TCP pairs.
//!
//! Teardown: `Drop` sends SIGKILL to the process group and reaps every child; a
//! SIGINT/SIGTERM/SIGHUP handler does the `killpg` too (it is async-signal-safe); and
//! every worker asks the kernel to SIGKILL it when the harness dies (`PR_SET_PDEATHSIG`),
//! which also covers a SIGKILLed harness.
#![allow(unsafe_code)]

use std::io::Read;
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// The process group to kill from the signal handler (0: none yet).
static PGID: AtomicI32 = AtomicI32::new(0);

/// What to start.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of processes (sleepers, threaded, long cmdlines and zombies together).
    pub procs: usize,
    /// Size of the large process's heap, MiB.
    pub big_mib: usize,
    /// Number of separate mappings in the large process.
    pub big_maps: usize,
    /// TCP listeners and UDP sockets held by the large process (plus half as many
    /// connected TCP pairs).
    pub sockets: usize,
}

/// Counts of what was started, for the report.
#[derive(Debug, Default, Clone, Copy)]
pub struct Mix {
    /// Single-threaded sleepers with a short command line.
    pub plain: usize,
    /// Sleepers with 2–8 threads.
    pub threaded: usize,
    /// Total threads across the threaded sleepers.
    pub threads_total: usize,
    /// Sleepers with a 1–16 KiB command line.
    pub long_cmdline: usize,
    /// Zombies.
    pub zombies: usize,
}

/// The running workload; dropping it kills and reaps everything.
pub struct Workload {
    pgid: i32,
    children: Vec<Child>,
    /// Pid of the large process (snapshot (d)).
    pub big_pid: u32,
    /// What was started.
    pub mix: Mix,
}

/// A tiny deterministic PRNG (xorshift), so that every run has the same mix.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

extern "C" fn on_fatal_signal(sig: libc::c_int) {
    let pgid = PGID.load(Ordering::SeqCst);
    // SAFETY: killpg, signal and raise are async-signal-safe; we restore the default
    // action and re-raise so the harness dies with the signal's usual status.
    unsafe {
        if pgid > 0 {
            libc::killpg(pgid, libc::SIGKILL);
        }
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

fn install_signal_handlers() {
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only calls async-signal-safe functions and reads an atomic.
        unsafe {
            libc::signal(
                sig,
                on_fatal_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
            );
        }
    }
}

fn pipe() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: fds is a valid array of two ints; on success both are new descriptors we own.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

impl Workload {
    /// Starts the workload and waits until every worker is ready and every zombie is dead.
    pub fn start(spec: Spec) -> std::io::Result<Workload> {
        install_signal_handlers();
        let exe = std::env::current_exe()?;
        let me = std::process::id().to_string();
        let (ready_r, ready_w) = pipe()?;
        let mut w = Workload {
            pgid: 0,
            children: Vec::with_capacity(spec.procs + 1),
            big_pid: 0,
            mix: Mix::default(),
        };
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut workers = 0usize;
        let mut zombie_pids = Vec::new();
        let zombies = (spec.procs * 2).div_ceil(100);
        // The large process first: it leads the process group.
        let spawn = |w: &mut Workload, args: &[String], worker: bool| -> std::io::Result<u32> {
            let mut cmd = Command::new(&exe);
            cmd.args(args).stdin(Stdio::null()).stderr(Stdio::inherit());
            if worker {
                cmd.stdout(Stdio::from(ready_w.try_clone()?));
            } else {
                cmd.stdout(Stdio::null());
            }
            cmd.process_group(w.pgid);
            let child = cmd.spawn()?;
            let pid = child.id();
            if w.pgid == 0 {
                w.pgid = pid as i32;
                PGID.store(w.pgid, Ordering::SeqCst);
            }
            w.children.push(child);
            Ok(pid)
        };
        let big = [
            "__worker".to_string(),
            me.clone(),
            "big".into(),
            spec.big_mib.to_string(),
            spec.big_maps.to_string(),
            spec.sockets.to_string(),
        ];
        w.big_pid = spawn(&mut w, &big, true)?;
        workers += 1;
        for i in 1..spec.procs {
            if i <= zombies {
                let pid = spawn(&mut w, &["__exit".to_string()], false)?;
                zombie_pids.push(pid);
                w.mix.zombies += 1;
                continue;
            }
            let roll = rng.range(0, 99);
            let args = if roll < 10 {
                let threads = rng.range(2, 8);
                w.mix.threaded += 1;
                w.mix.threads_total += threads;
                vec![
                    "__worker".into(),
                    me.clone(),
                    "threads".into(),
                    threads.to_string(),
                ]
            } else if roll < 20 {
                let len = rng.range(1024, 16 * 1024);
                w.mix.long_cmdline += 1;
                vec!["__worker".into(), me.clone(), "pad".into(), "x".repeat(len)]
            } else {
                w.mix.plain += 1;
                vec!["__worker".into(), me.clone(), "sleep".into()]
            };
            spawn(&mut w, &args, true)?;
            workers += 1;
        }
        drop(ready_w);
        // Every worker writes one byte when ready, then closes its stdout: EOF comes once
        // all are ready (or dead).
        let mut got = Vec::new();
        std::fs::File::from(ready_r.try_clone()?).read_to_end(&mut got)?;
        drop(ready_r);
        if got.len() != workers {
            return Err(std::io::Error::other(format!(
                "only {} of {workers} workload processes became ready",
                got.len()
            )));
        }
        // Zombies: wait until each shows state Z.
        let deadline = Instant::now() + Duration::from_secs(30);
        for pid in zombie_pids {
            loop {
                let stat = std::fs::read(format!("/proc/{pid}/stat")).unwrap_or_default();
                let state = stat
                    .iter()
                    .rposition(|&b| b == b')')
                    .and_then(|i| stat.get(i + 2).copied());
                if state == Some(b'Z') {
                    break;
                }
                if Instant::now() > deadline {
                    return Err(std::io::Error::other(format!(
                        "pid {pid} never became a zombie"
                    )));
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        Ok(w)
    }

    /// Number of processes in the workload.
    pub fn len(&self) -> usize {
        self.children.len()
    }
}

impl Drop for Workload {
    fn drop(&mut self) {
        if self.pgid > 0 {
            // SAFETY: plain syscall on our own process group.
            unsafe {
                libc::killpg(self.pgid, libc::SIGKILL);
            }
        }
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        PGID.store(0, Ordering::SeqCst);
    }
}

/// The `__exit` mode: a child that exits at once (becomes a zombie of the harness).
pub fn exit_mode() -> ! {
    std::process::exit(0)
}

/// The `__worker <harness pid> <kind> [args]` mode: an idle process.
pub fn worker_mode(args: &[String]) -> ! {
    let harness: i32 = args.first().and_then(|s| s.parse().ok()).unwrap_or(0);
    // SAFETY: prctl(PR_SET_PDEATHSIG) and getppid take no pointers.
    unsafe {
        libc::prctl(
            libc::PR_SET_PDEATHSIG,
            libc::SIGKILL as libc::c_ulong,
            0,
            0,
            0,
        );
        if libc::getppid() != harness {
            // The harness died before we armed the death signal.
            libc::_exit(1);
        }
    }
    let mut keep: Vec<Vec<u8>> = Vec::new();
    let mut socks: (Vec<TcpListener>, Vec<UdpSocket>, Vec<TcpStream>) = Default::default();
    match args.get(1).map(String::as_str) {
        Some("threads") => {
            let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
            for _ in 1..n {
                std::thread::spawn(|| loop {
                    std::thread::park();
                });
            }
            // Wait until the threads exist, so the harness sees the final count.
            while std::fs::read_dir("/proc/self/task")
                .map(|d| d.count())
                .unwrap_or(n)
                < n
            {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        Some("big") => {
            let mib: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(64);
            let maps: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1000);
            keep.push(vec![0x5a; mib << 20]);
            let page = 4096;
            for i in 0..maps {
                let prot = if i % 2 == 0 {
                    libc::PROT_READ | libc::PROT_WRITE
                } else {
                    libc::PROT_READ
                };
                // SAFETY: a fresh private anonymous mapping; we only write into the
                // writable ones, within their single page, and never unmap them.
                unsafe {
                    let p = libc::mmap(
                        std::ptr::null_mut(),
                        page,
                        prot,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                        -1,
                        0,
                    );
                    if p != libc::MAP_FAILED && i % 2 == 0 {
                        *(p as *mut u8) = 1;
                    }
                }
            }
            let n: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(0);
            for i in 0..n {
                if let Ok(l) = TcpListener::bind("127.0.0.1:0") {
                    if i % 2 == 0 {
                        if let Ok(addr) = l.local_addr() {
                            if let Ok(c) = TcpStream::connect(addr) {
                                socks.2.push(c);
                                if let Ok((a, _)) = l.accept() {
                                    socks.2.push(a);
                                }
                            }
                        }
                    }
                    socks.0.push(l);
                }
                if let Ok(u) = UdpSocket::bind("127.0.0.1:0") {
                    socks.1.push(u);
                }
            }
        }
        _ => {}
    }
    // SAFETY: writing one byte to our stdout (the ready pipe) and closing it.
    unsafe {
        libc::write(1, b"r".as_ptr().cast(), 1);
        libc::close(1);
    }
    std::hint::black_box((&keep, &socks));
    loop {
        std::thread::park();
    }
}
