//! `psutil lsof [-p PID] [-i]`: open files, like lsof(8).
//!
//! Per process, in lsof's order: `cwd` and `rtd` (the working and root directories,
//! `Process::cwd` / `Process::root_dir`), `txt` (the executable, `Process::exe`),
//! `mem` (files mapped into memory, from `Process::memory_maps`, one row per file and
//! without the executable, as lsof lists them; `DEL` for a mapped file deleted since),
//! then every descriptor
//! (`Process::fds`): regular files `REG`, directories `DIR`, devices `CHR`/`BLK`,
//! pipes `FIFO` (named `pipe`), anonymous inodes `a_inode`, sockets `IPv4`/`IPv6`/`unix`
//! (addresses from `net_connections`) or `sock` (named `protocol: NETLINK` and such)
//! when the socket is of another family.
//! `-i` lists internet sockets only.
//!
//! DEVICE, SIZE/OFF and NODE as lsof fills them: from `stat(2)` of the open file (through
//! `/proc/<pid>/fd/<fd>`, `cwd`, `root`, `exe`, or a mapped file's path) and the
//! position of `/proc/<pid>/fdinfo/<fd>`: the device's major,minor (a device file's own
//! for CHR/BLK), the size of a regular file or directory, else the offset as `0t<n>`,
//! the inode. A mapped file's device and inode are those of `/proc/<pid>/maps`
//! (a deleted one has no size). Internet sockets show the socket's inode as DEVICE and
//! the protocol as NODE; unix sockets the kernel's socket address (`/proc/net/unix`)
//! as DEVICE.

use std::collections::{HashMap, HashSet};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use psutil_rs::{
    AddressFamily, ConnAddr, Connection, ConnectionKind, ConnectionStatus, FdType, Process,
    SocketType,
};

use super::netstat::addr;
use crate::args::LsofArgs;
use crate::out::{self, CmdError};
use crate::procinfo::{Extra, ProcInfo};
use crate::table::{Align, Table};
use psutil_rs::os::linux::ProcessExt as _;

/// lsof's mode letter from the open flags: `r`, `w` or `u` (read and write).
fn fd_mode(flags: Option<u32>) -> &'static str {
    // O_ACCMODE = 3: O_RDONLY 0, O_WRONLY 1, O_RDWR 2.
    match flags.map(|f| f & 3) {
        Some(0) => "r",
        Some(1) => "w",
        Some(_) => "u",
        None => " ",
    }
}

/// A unix socket's name as lsof prints it: the path (`@name` for the abstract
/// namespace), then the socket type.
fn unix_name(c: &Connection) -> String {
    let path = match &c.laddr {
        ConnAddr::Unix(p) if !p.is_empty() => {
            let s = p.to_string_lossy().into_owned();
            match s.strip_prefix('\0') {
                Some(rest) => format!("@{rest}"),
                None => s,
            }
        }
        _ => String::new(),
    };
    let ty = match c.r#type {
        SocketType::Stream => "type=STREAM",
        SocketType::Dgram => "type=DGRAM",
        SocketType::SeqPacket => "type=SEQPACKET",
        _ => "",
    };
    format!("{path} {ty}").trim().to_string()
}

/// TYPE, NODE (the protocol of an internet socket, else `None`: the inode) and NAME
/// of a socket descriptor.
fn socket_row(c: &Connection) -> (String, Option<String>, String) {
    let kind = match c.family {
        AddressFamily::Inet => "IPv4",
        AddressFamily::Inet6 => "IPv6",
        _ => return ("unix".into(), None, unix_name(c)),
    };
    let proto = match c.r#type {
        SocketType::Stream => "TCP",
        SocketType::Dgram => "UDP",
        _ => "",
    };
    let mut name = addr(&c.laddr);
    if c.raddr != ConnAddr::None {
        name = format!("{name}->{}", addr(&c.raddr));
    }
    if c.status != ConnectionStatus::None {
        name = format!("{name} ({})", c.status.as_str());
    }
    (kind.into(), Some(proto.into()), name)
}

/// `major,minor` of a device number.
fn dev(d: u64) -> String {
    format!("{},{}", rustix::fs::major(d), rustix::fs::minor(d))
}

/// DEVICE, SIZE/OFF and NODE of one row.
#[derive(Default, Clone)]
struct Ids {
    device: String,
    size_off: String,
    node: String,
}

impl Ids {
    /// From `stat(2)` of the open file; `pos` (the descriptor's offset) is shown for
    /// what is neither a regular file nor a directory.
    fn of(m: &std::fs::Metadata, pos: Option<u64>) -> Ids {
        use std::os::unix::fs::FileTypeExt;
        let ft = m.file_type();
        let device = if ft.is_char_device() || ft.is_block_device() {
            dev(m.rdev())
        } else {
            dev(m.dev())
        };
        let size_off = if ft.is_file() || ft.is_dir() {
            m.size().to_string()
        } else {
            format!("0t{}", pos.unwrap_or(0))
        };
        Ids {
            device,
            size_off,
            node: m.ino().to_string(),
        }
    }
}

/// The `pos:` line of `/proc/<pid>/fdinfo/<fd>`.
fn fd_pos(pid: u32, fd: u32) -> Option<u64> {
    let p = psutil_rs::procfs_path().join(format!("{pid}/fdinfo/{fd}"));
    let text = std::fs::read_to_string(p).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("pos:"))
        .and_then(|v| v.trim().parse().ok())
}

/// The kernel addresses of the unix sockets, lsof's DEVICE for them (`0x` and the
/// first column of `/proc/net/unix`), by inode.
fn socket_addresses() -> HashMap<u64, String> {
    let mut out = HashMap::new();
    let Ok(text) = std::fs::read_to_string(psutil_rs::procfs_path().join("net/unix")) else {
        return out;
    };
    // Num RefCount Protocol Flags Type St Inode Path
    for l in text.lines().skip(1) {
        let w: Vec<&str> = l.split_whitespace().collect();
        let (Some(addr), Some(ino)) = (w.first(), w.get(6)) else {
            continue;
        };
        if let Ok(ino) = ino.parse::<u64>() {
            out.insert(ino, format!("0x{}", addr.trim_end_matches(':')));
        }
    }
    out
}

/// Device (`major,minor`) and inode of each mapped file of `/proc/<pid>/maps`, by path
/// (without the kernel's ` (deleted)`).
fn mapped_ids(pid: u32) -> HashMap<PathBuf, (String, String)> {
    let mut out = HashMap::new();
    let Ok(text) = std::fs::read_to_string(psutil_rs::procfs_path().join(format!("{pid}/maps")))
    else {
        return out;
    };
    for l in text.lines() {
        // address perms offset dev inode path
        let mut w = l.splitn(6, ' ');
        let (Some(_), Some(_), Some(_), Some(d), Some(ino), Some(path)) =
            (w.next(), w.next(), w.next(), w.next(), w.next(), w.next())
        else {
            continue;
        };
        let path = path.trim_start();
        if !path.starts_with('/') {
            continue;
        }
        let path = path.strip_suffix(" (deleted)").unwrap_or(path);
        let Some((maj, min)) = d.split_once(':') else {
            continue;
        };
        let (Ok(maj), Ok(min)) = (u64::from_str_radix(maj, 16), u64::from_str_radix(min, 16))
        else {
            continue;
        };
        out.entry(PathBuf::from(path))
            .or_insert_with(|| (format!("{maj},{min}"), ino.to_string()));
    }
    out
}

struct Rows {
    t: Table,
    records: Vec<serde_json::Value>,
    cmd: String,
    user: String,
    pid: u32,
    /// Kernel addresses of unix sockets, by inode.
    sock_addrs: HashMap<u64, String>,
}

impl Rows {
    fn push(&mut self, fd: String, ty: &str, ids: Ids, name: String, record: serde_json::Value) {
        let mut record = record;
        if let Some(r) = record.as_object_mut() {
            r.insert("device".into(), ids.device.clone().into());
            r.insert("size_off".into(), ids.size_off.clone().into());
            r.insert("node".into(), ids.node.clone().into());
        }
        self.records.push(record);
        self.t.push(vec![
            self.cmd.clone(),
            self.pid.to_string(),
            self.user.clone(),
            fd,
            ty.into(),
            ids.device,
            ids.size_off,
            ids.node,
            name,
        ]);
    }

    /// `/proc/<pid>/<what>` (a link: `cwd`, `root`, `exe`, `fd/N`) stat'ed through.
    fn link_ids(&self, what: &str, pos: Option<u64>) -> Ids {
        let p = psutil_rs::procfs_path().join(format!("{}/{what}", self.pid));
        std::fs::metadata(p)
            .map(|m| Ids::of(&m, pos))
            .unwrap_or_default()
    }

    /// cwd, rtd, txt and mem rows.
    fn special(&mut self, h: &Process) {
        let pid = self.pid;
        let named = |rows: &mut Self, fd: &str, ty: &str, ids: Ids, p: &Path| {
            rows.push(
                fd.into(),
                ty,
                ids,
                p.to_string_lossy().into_owned(),
                serde_json::json!({"pid": pid, "fd": fd, "type": ty, "path": p}),
            );
        };
        if let Ok(p) = h.cwd() {
            if !p.as_os_str().is_empty() {
                let ids = self.link_ids("cwd", None);
                named(self, "cwd", "DIR", ids, &p);
            }
        }
        if let Ok(p) = h.root_dir() {
            let ids = self.link_ids("root", None);
            named(self, "rtd", "DIR", ids, &p);
        }
        let exe = h.exe().unwrap_or_default();
        if !exe.as_os_str().is_empty() {
            let ids = self.link_ids("exe", None);
            named(self, "txt", "REG", ids, &exe);
        }
        if let Ok(maps) = h.memory_maps() {
            let mapped = mapped_ids(pid);
            let mut seen = HashSet::new();
            for m in maps {
                if !m.path.is_absolute() || m.path == exe || !seen.insert(m.path.clone()) {
                    continue;
                }
                // A mapped file deleted since (memory_maps drops the kernel's
                // " (deleted)" when nothing has the path now): lsof's DEL, with the
                // device and inode of the mapping and no size.
                let text = m.path.to_string_lossy();
                let deleted = match text.strip_suffix(" (deleted)") {
                    Some(p) => Some(PathBuf::from(p)),
                    None if !m.path.exists() => Some(m.path.clone()),
                    None => None,
                };
                let of_map = |p: &Path| {
                    let (device, node) = mapped.get(p).cloned().unwrap_or_default();
                    Ids {
                        device,
                        size_off: String::new(),
                        node,
                    }
                };
                match deleted {
                    Some(p) => named(self, "DEL", "REG", of_map(&p), &p),
                    None => {
                        // lsof: the mapping's device and inode, the file's size
                        let mut ids = of_map(&m.path);
                        ids.size_off = std::fs::metadata(&m.path)
                            .map(|md| md.size().to_string())
                            .unwrap_or_default();
                        named(self, "mem", "REG", ids, &m.path);
                    }
                }
            }
        }
    }

    /// One row per descriptor.
    fn fds(&mut self, h: &Process, conns: &[Connection]) {
        let Ok(fds) = h.fds() else { return };
        for f in fds {
            let target = f.target.to_string_lossy().into_owned();
            let fd = format!("{}{}", f.fd, fd_mode(f.flags));
            let mut ids = self.link_ids(&format!("fd/{}", f.fd), fd_pos(self.pid, f.fd));
            let (ty, name) = match f.fd_type {
                FdType::Regular => ("REG".to_string(), target),
                FdType::Directory => ("DIR".into(), target),
                FdType::CharDevice => ("CHR".into(), target),
                FdType::BlockDevice => ("BLK".into(), target),
                FdType::Fifo if target.starts_with("pipe:") => ("FIFO".into(), "pipe".into()),
                FdType::Fifo => ("FIFO".into(), target),
                FdType::AnonInode => (
                    "a_inode".to_string(),
                    target
                        .strip_prefix("anon_inode:")
                        .unwrap_or(&target)
                        .to_string(),
                ),
                FdType::Socket => {
                    match conns
                        .iter()
                        .find(|c| c.pid == Some(self.pid) && i64::from(c.fd) == i64::from(f.fd))
                    {
                        Some(c) => {
                            let (ty, proto, name) = socket_row(c);
                            let ino = ids.node.parse::<u64>().ok();
                            ids.size_off = "0t0".into();
                            match proto {
                                // an internet socket: its inode as DEVICE, the protocol
                                // as NODE
                                Some(p) => ids.device = std::mem::replace(&mut ids.node, p),
                                None => ids.device = self.sock_addr(ino),
                            }
                            let rec = serde_json::json!({"pid": self.pid, "connection": c});
                            self.push(fd, &ty, ids, name, rec);
                            continue;
                        }
                        // lsof: the protocol of a socket it does not decode.
                        None => (
                            "sock".to_string(),
                            match &f.sock_protocol {
                                Some(p) => format!("protocol: {p}"),
                                None => target,
                            },
                        ),
                    }
                }
                FdType::Other => ("unknown".into(), target),
            };
            match ty.as_str() {
                // lsof: an anonymous inode's size (0), not an offset
                "a_inode" => ids.size_off = "0".into(),
                // a socket it does not decode: sockfs's device, as lsof
                "sock" => ids.size_off = "0t0".into(),
                _ => {}
            }
            let rec = serde_json::json!({
                "pid": self.pid, "fd": f.fd, "type": ty, "path": f.target, "flags": f.flags,
            });
            self.push(fd, &ty, ids, name, rec);
        }
    }

    /// The kernel address of a unix socket (lsof's DEVICE), else empty.
    fn sock_addr(&self, ino: Option<u64>) -> String {
        ino.and_then(|i| self.sock_addrs.get(&i).cloned())
            .unwrap_or_default()
    }
}

/// Prints COMMAND PID USER FD TYPE NAME rows.
pub fn run(a: &LsofArgs, json: bool) -> Result<(), CmdError> {
    let procs: Vec<ProcInfo> = if a.pids.is_empty() {
        ProcInfo::all(Extra::NONE)
    } else {
        a.pids.iter().filter_map(|&p| ProcInfo::read(p)).collect()
    };
    if procs.is_empty() {
        return Err("no such process".into());
    }
    let t = Table::new(&[
        ("COMMAND", Align::Left),
        ("PID", Align::Right),
        ("USER", Align::Left),
        ("FD", Align::Right),
        ("TYPE", Align::Right),
        ("DEVICE", Align::Right),
        ("SIZE/OFF", Align::Right),
        ("NODE", Align::Right),
        ("NAME", Align::Last),
    ]);
    let conns = psutil_rs::net_connections(if a.inet {
        ConnectionKind::Inet
    } else {
        ConnectionKind::All
    })?;
    let mut rows = Rows {
        t,
        records: Vec::new(),
        cmd: String::new(),
        user: String::new(),
        pid: 0,
        sock_addrs: if a.inet {
            HashMap::new()
        } else {
            socket_addresses()
        },
    };
    for p in &procs {
        rows.user = p.username.clone().unwrap_or_else(|| "?".into());
        rows.cmd = p.name.chars().take(9).collect();
        rows.pid = p.pid;
        if a.inet {
            for c in conns.iter().filter(|c| c.pid == Some(p.pid) && c.fd >= 0) {
                let (ty, proto, name) = socket_row(c);
                let fd_ids = rows.link_ids(&format!("fd/{}", c.fd), None);
                let ids = Ids {
                    device: fd_ids.node,
                    size_off: "0t0".into(),
                    node: proto.unwrap_or_default(),
                };
                let rec = serde_json::json!({"pid": p.pid, "connection": c});
                rows.push(format!("{}u", c.fd), &ty, ids, name, rec);
            }
            continue;
        }
        let Ok(handle) = Process::new(p.pid) else {
            continue;
        };
        rows.special(&handle);
        rows.fds(&handle, &conns);
    }
    if json {
        return out::json(&rows.records);
    }
    out::print(&rows.t.render())
}
