//! `psutil lsof [-p PID] [-i]`: open regular files and sockets, like lsof(8).
//!
//! Regular files come from `Process::open_files` (psutil's definition: absolute paths
//! of regular files), sockets from `net_connections`.

use psutil_rs::{ConnectionKind, ConnectionStatus, Process};

use super::netstat::addr;
use crate::args::LsofArgs;
use crate::out::{self, CmdError};
use crate::procinfo::ProcInfo;
use crate::table::{Align, Table};

fn fd_mode(mode: &str) -> char {
    match mode {
        "r" => 'r',
        "w" | "a" => 'w',
        _ => 'u',
    }
}

/// Prints COMMAND PID USER FD TYPE NAME rows.
pub fn run(a: &LsofArgs, json: bool) -> Result<(), CmdError> {
    let procs: Vec<ProcInfo> = if a.pids.is_empty() {
        ProcInfo::all()
    } else {
        a.pids.iter().filter_map(|&p| ProcInfo::read(p)).collect()
    };
    if procs.is_empty() {
        return Err("no such process".into());
    }
    let mut t = Table::new(&[
        ("COMMAND", Align::Left),
        ("PID", Align::Right),
        ("USER", Align::Left),
        ("FD", Align::Right),
        ("TYPE", Align::Left),
        ("NAME", Align::Last),
    ]);
    let mut records = Vec::new();
    let conns = psutil_rs::net_connections(if a.inet {
        ConnectionKind::Inet
    } else {
        ConnectionKind::All
    })?;
    for p in &procs {
        let user = p.username.clone().unwrap_or_else(|| "?".into());
        let cmd: String = p.name.chars().take(9).collect();
        if !a.inet {
            let Ok(handle) = Process::new(p.pid) else {
                continue;
            };
            let Ok(files) = handle.open_files() else {
                continue;
            };
            for f in files {
                records.push(
                    serde_json::json!({"pid": p.pid, "fd": f.fd, "path": f.path, "mode": f.mode}),
                );
                t.push(vec![
                    cmd.clone(),
                    p.pid.to_string(),
                    user.clone(),
                    format!("{}{}", f.fd, fd_mode(&f.mode)),
                    "REG".into(),
                    f.path.to_string_lossy().into_owned(),
                ]);
            }
        }
        for c in conns.iter().filter(|c| c.pid == Some(p.pid) && c.fd >= 0) {
            let kind = match c.family {
                psutil_rs::AddressFamily::Inet => "IPv4",
                psutil_rs::AddressFamily::Inet6 => "IPv6",
                _ => "unix",
            };
            let proto = match c.r#type {
                psutil_rs::SocketType::Stream => "TCP",
                psutil_rs::SocketType::Dgram => "UDP",
                _ => "",
            };
            let mut name = addr(&c.laddr);
            if c.raddr != psutil_rs::ConnAddr::None && kind != "unix" {
                name = format!("{name}->{}", addr(&c.raddr));
            }
            if c.status != ConnectionStatus::None {
                name = format!("{name} ({})", c.status.as_str());
            }
            if kind != "unix" {
                name = format!("{proto} {name}");
            }
            records.push(serde_json::json!({"pid": p.pid, "connection": c}));
            t.push(vec![
                cmd.clone(),
                p.pid.to_string(),
                user.clone(),
                format!("{}u", c.fd),
                kind.into(),
                name,
            ]);
        }
    }
    if json {
        return out::json(&records);
    }
    out::print(&t.render())
}
