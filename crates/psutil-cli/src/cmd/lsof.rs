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

use std::collections::HashSet;
use std::path::Path;

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

/// TYPE and NAME of a socket descriptor.
fn socket_row(c: &Connection) -> (String, String) {
    let kind = match c.family {
        AddressFamily::Inet => "IPv4",
        AddressFamily::Inet6 => "IPv6",
        _ => return ("unix".into(), unix_name(c)),
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
    (kind.into(), format!("{proto} {name}"))
}

struct Rows {
    t: Table,
    records: Vec<serde_json::Value>,
    cmd: String,
    user: String,
    pid: u32,
}

impl Rows {
    fn push(&mut self, fd: String, ty: &str, name: String, record: serde_json::Value) {
        self.records.push(record);
        self.t.push(vec![
            self.cmd.clone(),
            self.pid.to_string(),
            self.user.clone(),
            fd,
            ty.into(),
            name,
        ]);
    }

    /// cwd, rtd, txt and mem rows.
    fn special(&mut self, h: &Process) {
        let pid = self.pid;
        let named = |rows: &mut Self, fd: &str, ty: &str, p: &Path| {
            rows.push(
                fd.into(),
                ty,
                p.to_string_lossy().into_owned(),
                serde_json::json!({"pid": pid, "fd": fd, "type": ty, "path": p}),
            );
        };
        if let Ok(p) = h.cwd() {
            if !p.as_os_str().is_empty() {
                named(self, "cwd", "DIR", &p);
            }
        }
        if let Ok(p) = h.root_dir() {
            named(self, "rtd", "DIR", &p);
        }
        let exe = h.exe().unwrap_or_default();
        if !exe.as_os_str().is_empty() {
            named(self, "txt", "REG", &exe);
        }
        if let Ok(maps) = h.memory_maps() {
            let mut seen = HashSet::new();
            for m in maps {
                if !m.path.is_absolute() || m.path == exe || !seen.insert(m.path.clone()) {
                    continue;
                }
                // A mapped file deleted since (memory_maps drops the kernel's
                // " (deleted)" when nothing has the path now): lsof's DEL.
                let text = m.path.to_string_lossy();
                match text.strip_suffix(" (deleted)") {
                    Some(p) => named(self, "DEL", "REG", Path::new(p)),
                    None if !m.path.exists() => named(self, "DEL", "REG", &m.path),
                    None => named(self, "mem", "REG", &m.path),
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
            let (ty, name) = match f.fd_type {
                FdType::Regular => ("REG".to_string(), target),
                FdType::Directory => ("DIR".into(), target),
                FdType::CharDevice => ("CHR".into(), target),
                FdType::BlockDevice => ("BLK".into(), target),
                FdType::Fifo if target.starts_with("pipe:") => ("FIFO".into(), "pipe".into()),
                FdType::Fifo => ("FIFO".into(), target),
                FdType::AnonInode => (
                    "a_inode".into(),
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
                            let (ty, name) = socket_row(c);
                            let rec = serde_json::json!({"pid": self.pid, "connection": c});
                            self.push(fd, &ty, name, rec);
                            continue;
                        }
                        // lsof: the protocol of a socket it does not decode.
                        None => (
                            "sock".into(),
                            match &f.sock_protocol {
                                Some(p) => format!("protocol: {p}"),
                                None => target,
                            },
                        ),
                    }
                }
                FdType::Other => ("unknown".into(), target),
            };
            let rec = serde_json::json!({
                "pid": self.pid, "fd": f.fd, "type": ty, "path": f.target, "flags": f.flags,
            });
            self.push(fd, &ty, name, rec);
        }
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
        ("TYPE", Align::Left),
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
    };
    for p in &procs {
        rows.user = p.username.clone().unwrap_or_else(|| "?".into());
        rows.cmd = p.name.chars().take(9).collect();
        rows.pid = p.pid;
        if a.inet {
            for c in conns.iter().filter(|c| c.pid == Some(p.pid) && c.fd >= 0) {
                let (ty, name) = socket_row(c);
                let rec = serde_json::json!({"pid": p.pid, "connection": c});
                rows.push(format!("{}u", c.fd), &ty, name, rec);
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
