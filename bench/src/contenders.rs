//! The Rust contenders: one function per (contender, snapshot). Each builds the
//! snapshot with the contender's own API, keeps the values (`black_box`), and returns
//! how many items it produced (processes for (a), partitions with usage for (b),
//! connections for (c), mappings for (d)) plus a note on what it could not cover.
#![allow(unsafe_code)]

use psutil_rs::os::linux::ProcessExt as _;
use std::collections::HashMap;
use std::ffi::CString;
use std::hint::black_box;
use std::os::unix::ffi::OsStrExt;

/// One snapshot's result.
pub struct Outcome {
    /// Items produced (see the module docs).
    pub count: usize,
    /// What the contender could not cover ("" when nothing).
    pub missing: &'static str,
}

/// What a contender answers for a snapshot.
pub enum Answer {
    /// Ran.
    Ok(Outcome),
    /// The contender has no API for this snapshot.
    Na(&'static str),
    /// It failed.
    Err(String),
}

/// Runs one snapshot (`a`, `b`, `c`, `d`; `big_pid` is the large process for (d)).
pub fn run(contender: &str, snap: char, big_pid: u32) -> Answer {
    let r = match (contender, snap) {
        ("psutil-rs", 'a') => psutil_rs_table(),
        ("psutil-rs", 'b') => psutil_rs_system(),
        ("psutil-rs", 'c') => psutil_rs_conns(),
        ("psutil-rs", 'd') => psutil_rs_maps(big_pid),
        ("sysinfo" | "sysinfo-mt", 'a') => sysinfo_table(),
        ("sysinfo" | "sysinfo-mt", 'b') => sysinfo_system(),
        ("sysinfo" | "sysinfo-mt", 'c') => return Answer::Na("sysinfo has no socket table"),
        ("sysinfo" | "sysinfo-mt", 'd') => {
            return Answer::Na("sysinfo has no USS/PSS or memory maps")
        }
        ("procfs", 'a') => procfs_table(),
        ("procfs", 'b') => procfs_system(),
        ("procfs", 'c') => procfs_conns(),
        ("procfs", 'd') => procfs_maps(big_pid),
        ("floor", 'a') => floor_table(),
        ("floor", 'b') => floor_system(),
        ("floor", 'c') => floor_conns(),
        ("floor", 'd') => floor_maps(big_pid),
        _ => return Answer::Err(format!("unknown contender/snapshot {contender}/{snap}")),
    };
    match r {
        Ok(o) => Answer::Ok(o),
        Err(e) => Answer::Err(e),
    }
}

fn s<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

// ---------------------------------------------------------------- psutil-rs

fn psutil_rs_table() -> Result<Outcome, String> {
    use psutil_rs::{Attr, AttrSet, ProcessTable};
    // psutil's process_iter(attrs) in bulk: each /proc/<pid> file read once, only the
    // files these attributes need (stat, status, cmdline). A cold table each snapshot,
    // as every contender starts cold. AccessDenied/ZombieProcess fields stay errors
    // (psutil's ad_value); vanished processes are left out.
    let attrs = AttrSet::from([
        Attr::Pid,
        Attr::Ppid,
        Attr::Name,
        Attr::Cmdline,
        Attr::Status,
        Attr::Username,
        Attr::CreateTime,
        Attr::CpuTimes,
        Attr::MemoryInfo,
        Attr::NumThreads,
    ]);
    let rows = ProcessTable::new(attrs).snapshot().map_err(s)?;
    black_box(&rows);
    Ok(Outcome {
        count: rows.len(),
        missing: "",
    })
}

fn psutil_rs_system() -> Result<Outcome, String> {
    let cpu = psutil_rs::cpu_times_percpu().map_err(s)?;
    let vm = psutil_rs::virtual_memory().map_err(s)?;
    let sw = psutil_rs::swap_memory().map_err(s)?;
    let dio = psutil_rs::disk_io_counters_perdisk().map_err(s)?;
    let nio = psutil_rs::net_io_counters_pernic().map_err(s)?;
    let parts = psutil_rs::disk_partitions(false).map_err(s)?;
    let usage: Vec<_> = parts
        .iter()
        .filter_map(|p| psutil_rs::disk_usage(&p.mountpoint).ok())
        .collect();
    let bt = psutil_rs::boot_time().map_err(s)?;
    let users = psutil_rs::users().map_err(s)?;
    black_box((&cpu, &vm, &sw, &dio, &nio, &parts, bt, &users));
    Ok(Outcome {
        count: usage.len(),
        missing: "",
    })
}

fn psutil_rs_conns() -> Result<Outcome, String> {
    let c = psutil_rs::net_connections(psutil_rs::ConnectionKind::Inet).map_err(s)?;
    black_box(&c);
    Ok(Outcome {
        count: c.len(),
        missing: "",
    })
}

fn psutil_rs_maps(pid: u32) -> Result<Outcome, String> {
    let p = psutil_rs::Process::new(pid).map_err(s)?;
    let full = p.memory_full_info().map_err(s)?;
    let maps = p.memory_maps().map_err(s)?;
    black_box((&full, &maps));
    Ok(Outcome {
        count: maps.len(),
        missing: "",
    })
}

// ---------------------------------------------------------------- sysinfo

fn sysinfo_table() -> Result<Outcome, String> {
    use sysinfo::{ProcessRefreshKind, ProcessesToUpdate, System, UpdateKind, Users};
    let mut sys = System::new().map_err(s)?;
    sys.refresh_processes_specifics(
        ProcessesToUpdate::All,
        true,
        ProcessRefreshKind::nothing()
            .with_cpu()
            .with_memory()
            .with_user(UpdateKind::Always)
            .with_cmd(UpdateKind::Always)
            .with_tasks(),
    );
    let users = Users::new_with_refreshed_list().map_err(s)?;
    let mut rows = Vec::with_capacity(sys.processes().len());
    for (pid, p) in sys.processes() {
        if p.thread_kind() == Some(sysinfo::ThreadKind::Userland) {
            continue; // sysinfo lists threads as processes too
        }
        rows.push((
            pid.as_u32(),
            p.parent().map(|p| p.as_u32()),
            p.name(),
            p.cmd(),
            p.status(),
            p.user_id()
                .and_then(|u| users.get_user_by_id(u))
                .map(|u| u.name()),
            p.start_time(),
            p.accumulated_cpu_time(),
            (p.memory(), p.virtual_memory()),
            p.tasks().map(|t| t.len()),
        ));
    }
    black_box(&rows);
    Ok(Outcome {
        count: rows.len(),
        missing: "",
    })
}

fn sysinfo_system() -> Result<Outcome, String> {
    use sysinfo::{Disks, Networks, System};
    let mut sys = System::new().map_err(s)?;
    sys.refresh_cpu_all();
    sys.refresh_memory();
    let disks = Disks::new_with_refreshed_list().map_err(s)?;
    let nets = Networks::new_with_refreshed_list().map_err(s)?;
    let bt = System::boot_time().map_err(s)?;
    let cpus: Vec<f32> = sys.cpus().iter().map(|c| c.usage()).collect();
    black_box((&cpus, sys.used_memory(), sys.used_swap(), &disks, &nets, bt));
    Ok(Outcome {
        count: disks.len(),
        missing: "users; cpu usage instead of cpu times; disk I/O per mounted disk",
    })
}

// ---------------------------------------------------------------- procfs

/// uid -> name from /etc/passwd, built once per snapshot (procfs has no user lookup).
fn passwd_map() -> HashMap<u32, String> {
    let data = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    data.lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            let uid = f.nth(1)?.parse().ok()?;
            Some((uid, name.to_string()))
        })
        .collect()
}

fn procfs_table() -> Result<Outcome, String> {
    let users = passwd_map();
    let tps = procfs::ticks_per_second() as f64;
    let btime = procfs::boot_time_secs().map_err(s)? as f64;
    let mut rows = Vec::new();
    for p in procfs::process::all_processes().map_err(s)? {
        let Ok(p) = p else { continue };
        let Ok(stat) = p.stat() else { continue };
        let cmdline = p.cmdline().ok();
        let statm = p.statm().ok();
        let user = p.uid().ok().and_then(|u| users.get(&u));
        rows.push((
            stat.pid,
            stat.ppid,
            stat.comm,
            cmdline,
            stat.state,
            user,
            stat.starttime as f64 / tps + btime,
            (stat.utime as f64 / tps, stat.stime as f64 / tps),
            statm,
            stat.num_threads,
        ));
    }
    black_box(&rows);
    Ok(Outcome {
        count: rows.len(),
        missing: "",
    })
}

fn statvfs(path: &std::path::Path) -> Option<libc::statvfs> {
    let c = CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: c is a valid C string and st a valid out-pointer; on success the kernel
    // filled it.
    unsafe {
        if libc::statvfs(c.as_ptr(), st.as_mut_ptr()) == 0 {
            Some(st.assume_init())
        } else {
            None
        }
    }
}

fn procfs_system() -> Result<Outcome, String> {
    use procfs::{Current, CurrentSI};
    let ks = procfs::KernelStats::current().map_err(s)?;
    let mem = procfs::Meminfo::current().map_err(s)?;
    let disks = procfs::diskstats().map_err(s)?;
    let nets = procfs::net::dev_status().map_err(s)?;
    let mounts = procfs::process::Process::myself()
        .map_err(s)?
        .mountinfo()
        .map_err(s)?;
    let usage: Vec<_> = mounts
        .0
        .iter()
        .filter(|m| {
            m.mount_source
                .as_deref()
                .is_some_and(|d| d.starts_with("/dev/"))
        })
        .filter_map(|m| statvfs(&m.mount_point).map(|u| (m, u.f_blocks, u.f_bfree)))
        .collect();
    black_box((&ks.cpu_time, ks.btime, &mem, &disks, &nets, &usage));
    Ok(Outcome {
        count: usage.len(),
        missing: "users; partition filter by /dev/ source, usage via libc statvfs",
    })
}

fn procfs_conns() -> Result<Outcome, String> {
    let mut inodes: HashMap<u64, (i32, i32)> = HashMap::new();
    for p in procfs::process::all_processes().map_err(s)? {
        let Ok(p) = p else { continue };
        let Ok(fds) = p.fd() else { continue };
        for fd in fds.flatten() {
            if let procfs::process::FDTarget::Socket(ino) = fd.target {
                inodes.insert(ino, (p.pid, fd.fd));
            }
        }
    }
    let mut out = Vec::new();
    for t in [procfs::net::tcp(), procfs::net::tcp6()] {
        for e in t.map_err(s)? {
            let owner = inodes.get(&e.inode).copied();
            out.push((e.local_address, e.remote_address, Some(e.state), owner));
        }
    }
    for t in [procfs::net::udp(), procfs::net::udp6()] {
        for e in t.map_err(s)? {
            let owner = inodes.get(&e.inode).copied();
            out.push((e.local_address, e.remote_address, None, owner));
        }
    }
    black_box(&out);
    Ok(Outcome {
        count: out.len(),
        missing: "",
    })
}

fn procfs_maps(pid: u32) -> Result<Outcome, String> {
    let p = procfs::process::Process::new(pid as i32).map_err(s)?;
    let statm = p.statm().map_err(s)?;
    let rollup = p.smaps_rollup().map_err(s)?;
    let maps = p.smaps().map_err(s)?;
    black_box((&statm, &rollup));
    let n = maps.len();
    black_box(maps);
    Ok(Outcome {
        count: n,
        missing: "",
    })
}

// ---------------------------------------------------------------- floor

/// Reads a whole file relative to `dir` into `buf` (reused), returning bytes read.
fn read_at(dir: libc::c_int, name: &[u8], buf: &mut [u8]) -> Option<usize> {
    debug_assert_eq!(name.last(), Some(&0));
    // SAFETY: name is NUL-terminated; the fd is closed before returning.
    let fd = unsafe { libc::openat(dir, name.as_ptr().cast(), libc::O_RDONLY | libc::O_CLOEXEC) };
    if fd < 0 {
        return None;
    }
    let mut total = 0;
    loop {
        // SAFETY: buf is a valid writable buffer of buf.len() bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            break;
        }
        total += n as usize;
    }
    // SAFETY: fd was opened above and is not used afterwards.
    unsafe { libc::close(fd) };
    Some(total)
}

fn proc_dir() -> Result<libc::c_int, String> {
    // SAFETY: a NUL-terminated literal path.
    let fd = unsafe {
        libc::open(
            c"/proc".as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error().to_string());
    }
    Ok(fd)
}

fn close(fd: libc::c_int) {
    // SAFETY: fd is ours and not used afterwards.
    unsafe { libc::close(fd) };
}

/// Numeric entries of /proc.
fn proc_pids() -> Result<Vec<u32>, String> {
    Ok(std::fs::read_dir("/proc")
        .map_err(s)?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect())
}

fn floor_table() -> Result<Outcome, String> {
    let dir = proc_dir()?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut path = Vec::with_capacity(32);
    let mut count = 0;
    let mut bytes = 0;
    for pid in proc_pids()? {
        let mut ok = true;
        for f in ["stat", "status", "cmdline"] {
            path.clear();
            path.extend_from_slice(pid.to_string().as_bytes());
            path.push(b'/');
            path.extend_from_slice(f.as_bytes());
            path.push(0);
            match read_at(dir, &path, &mut buf) {
                Some(n) => bytes += n,
                None => ok = false,
            }
        }
        count += usize::from(ok);
    }
    close(dir);
    black_box(bytes);
    Ok(Outcome { count, missing: "" })
}

fn floor_system() -> Result<Outcome, String> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut bytes = 0;
    for f in [
        c"/proc/stat",
        c"/proc/meminfo",
        c"/proc/vmstat",
        c"/proc/diskstats",
        c"/proc/net/dev",
        c"/var/run/utmp",
    ] {
        bytes += read_at(libc::AT_FDCWD, f.to_bytes_with_nul(), &mut buf).unwrap_or(0);
    }
    // Partitions: the minimum parsing needed to know what to statvfs.
    let fs = std::fs::read_to_string("/proc/filesystems").map_err(s)?;
    let physical: Vec<&str> = fs
        .lines()
        .filter(|l| !l.starts_with("nodev"))
        .map(str::trim)
        .collect();
    let mounts = std::fs::read_to_string("/proc/self/mounts").map_err(s)?;
    let mut count = 0;
    for l in mounts.lines() {
        let mut f = l.split(' ');
        let (Some(_), Some(mp), Some(ty)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        if physical.contains(&ty) && statvfs(std::path::Path::new(mp)).is_some() {
            count += 1;
        }
    }
    black_box(bytes);
    Ok(Outcome { count, missing: "" })
}

fn floor_conns() -> Result<Outcome, String> {
    let mut buf = Vec::with_capacity(1 << 20);
    let mut count = 0;
    for f in [
        "/proc/net/tcp",
        "/proc/net/tcp6",
        "/proc/net/udp",
        "/proc/net/udp6",
    ] {
        read_all(f, &mut buf)?;
        // Lines minus the header.
        count += buf
            .iter()
            .filter(|&&c| c == b'\n')
            .count()
            .saturating_sub(1);
    }
    let mut links = 0usize;
    let mut target = [0u8; 256];
    let mut path = Vec::with_capacity(32);
    for pid in proc_pids()? {
        path.clear();
        path.extend_from_slice(format!("/proc/{pid}/fd").as_bytes());
        path.push(0);
        // SAFETY: path is NUL-terminated; the DIR is closed below and its entries are
        // only used before the next readdir.
        unsafe {
            let dir = libc::opendir(path.as_ptr().cast());
            if dir.is_null() {
                continue;
            }
            let dfd = libc::dirfd(dir);
            loop {
                let e = libc::readdir(dir);
                if e.is_null() {
                    break;
                }
                let name = (*e).d_name.as_ptr();
                if *name == b'.' as libc::c_char {
                    continue;
                }
                let n = libc::readlinkat(dfd, name, target.as_mut_ptr().cast(), target.len());
                links += usize::from(n > 0);
            }
            libc::closedir(dir);
        }
    }
    black_box(links);
    Ok(Outcome { count, missing: "" })
}

fn floor_maps(pid: u32) -> Result<Outcome, String> {
    let mut buf = Vec::with_capacity(4 << 20);
    let mut count = 0;
    for f in ["statm", "smaps_rollup", "smaps"] {
        read_all(&format!("/proc/{pid}/{f}"), &mut buf)?;
        if f == "smaps" {
            // Mapping headers are the lines whose first word is an address range.
            count = buf
                .split(|&c| c == b'\n')
                .filter(|l| {
                    l.split(|&c| c == b' ')
                        .next()
                        .is_some_and(|t| t.contains(&b'-'))
                })
                .count();
        }
    }
    Ok(Outcome { count, missing: "" })
}

/// Reads a whole file into `buf` (cleared, capacity reused).
fn read_all(path: &str, buf: &mut Vec<u8>) -> Result<(), String> {
    use std::io::Read;
    buf.clear();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(buf))
        .map_err(|e| format!("{path}: {e}"))?;
    Ok(())
}

/// `--file-costs`: the cost of each per-process read psutil-rs's table snapshot does,
/// over the current processes (best of 7 passes), printed as a Markdown table.
pub fn file_costs() {
    let Ok(pids) = proc_pids() else { return };
    let Ok(dir) = proc_dir() else { return };
    let mut buf = vec![0u8; 64 * 1024];
    let n = pids.len().max(1) as f64;
    let time = |f: &mut dyn FnMut()| {
        (0..7)
            .map(|_| {
                let t = std::time::Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e6 / n
            })
            .fold(f64::INFINITY, f64::min)
    };
    println!(
        "| read (per process, {} processes) | µs |\n|---|---:|",
        pids.len()
    );
    for f in ["stat", "status", "cmdline", "statm"] {
        let us = time(&mut || {
            for pid in &pids {
                let name = format!("{pid}/{f}\0");
                black_box(read_at(dir, name.as_bytes(), &mut buf));
            }
        });
        println!("| /proc/<pid>/{f}: openat + read + close | {us:.2} |");
    }
    let us = time(&mut || {
        for pid in &pids {
            let name = format!("{pid}/stat\0");
            // SAFETY: name is NUL-terminated; the descriptor is closed at once.
            unsafe {
                let fd = libc::openat(dir, name.as_ptr().cast(), libc::O_RDONLY | libc::O_CLOEXEC);
                let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
                libc::fstat(fd, st.as_mut_ptr());
                libc::lseek(fd, 0, libc::SEEK_CUR);
                let mut total = 0;
                loop {
                    let r = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
                    if r <= 0 {
                        break;
                    }
                    total += r;
                }
                black_box(total);
                libc::close(fd);
            }
        }
    });
    println!("| /proc/<pid>/stat as std::fs::read does it (+ fstat + lseek) | {us:.2} |");
    let us = time(&mut || {
        for pid in &pids {
            let name = format!("{pid}\0");
            // SAFETY: name is NUL-terminated; both descriptors are closed at once.
            unsafe {
                let fd = libc::openat(
                    dir,
                    name.as_ptr().cast(),
                    libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC,
                );
                let pfd =
                    libc::syscall(libc::SYS_pidfd_open, *pid as libc::c_int, 0) as libc::c_int;
                if pfd >= 0 {
                    libc::close(pfd);
                }
                libc::close(fd);
            }
        }
    });
    println!("| Process::new's handles: open(/proc/<pid>, O_PATH) + pidfd_open | {us:.2} |");
    let us = time(&mut || {
        for pid in &pids {
            let name = format!("{pid}\0");
            let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
            // SAFETY: name is NUL-terminated, st a valid out-pointer.
            black_box(unsafe { libc::fstatat(dir, name.as_ptr().cast(), st.as_mut_ptr(), 0) });
        }
    });
    println!("| fstatat(/proc/<pid>) (owner uid without reading status) | {us:.2} |");
    for f in [c"/proc/stat", c"/etc/passwd"] {
        let us = time(&mut || {
            for _ in &pids {
                black_box(read_at(libc::AT_FDCWD, f.to_bytes_with_nul(), &mut buf));
            }
        });
        println!(
            "| {} (once per process today) | {us:.2} |",
            f.to_string_lossy()
        );
    }
    close(dir);
    system_costs();
}

/// The (b) snapshot function by function: psutil-rs against the raw read of its files.
fn system_costs() {
    fn best(f: &mut dyn FnMut()) -> f64 {
        (0..200)
            .map(|_| {
                let t = std::time::Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e6
            })
            .fold(f64::INFINITY, f64::min)
    }
    let mut buf = vec![0u8; 256 * 1024];
    let mut raw = |paths: &[&std::ffi::CStr]| {
        best(&mut || {
            for p in paths {
                black_box(read_at(libc::AT_FDCWD, p.to_bytes_with_nul(), &mut buf));
            }
        })
    };
    let rows: Vec<(&str, f64, f64)> = vec![
        (
            "cpu_times_percpu / /proc/stat",
            best(&mut || {
                black_box(psutil_rs::cpu_times_percpu().ok());
            }),
            raw(&[c"/proc/stat"]),
        ),
        (
            "virtual_memory / /proc/meminfo",
            best(&mut || {
                black_box(psutil_rs::virtual_memory().ok());
            }),
            raw(&[c"/proc/meminfo"]),
        ),
        (
            "swap_memory / /proc/meminfo + /proc/vmstat",
            best(&mut || {
                black_box(psutil_rs::swap_memory().ok());
            }),
            raw(&[c"/proc/meminfo", c"/proc/vmstat"]),
        ),
        (
            "disk_io_counters_perdisk / /proc/diskstats",
            best(&mut || {
                black_box(psutil_rs::disk_io_counters_perdisk().ok());
            }),
            raw(&[c"/proc/diskstats"]),
        ),
        (
            "net_io_counters_pernic / /proc/net/dev",
            best(&mut || {
                black_box(psutil_rs::net_io_counters_pernic().ok());
            }),
            raw(&[c"/proc/net/dev"]),
        ),
        (
            "disk_partitions + disk_usage / /proc/filesystems + /proc/self/mounts",
            best(&mut || {
                for p in psutil_rs::disk_partitions(false).unwrap_or_default() {
                    black_box(psutil_rs::disk_usage(&p.mountpoint).ok());
                }
            }),
            raw(&[c"/proc/filesystems", c"/proc/self/mounts"]),
        ),
        (
            "boot_time / /proc/stat",
            best(&mut || {
                black_box(psutil_rs::boot_time().ok());
            }),
            raw(&[c"/proc/stat"]),
        ),
        (
            "users / /var/run/utmp",
            best(&mut || {
                black_box(psutil_rs::users().ok());
            }),
            raw(&[c"/var/run/utmp"]),
        ),
    ];
    println!(
        "\n| (b) function / the files it reads | psutil-rs µs | raw read µs |\n|---|---:|---:|"
    );
    for (what, ours, floor) in rows {
        println!("| {what} | {ours:.1} | {floor:.1} |");
    }
}
