//! `psutil netstat`: sockets like `netstat -tunap` / `ss -tuanp`.

use psutil_rs::{
    AddressFamily, ConnAddr, Connection, ConnectionKind, ConnectionStatus, SocketType,
};

use crate::args::NetstatArgs;
use crate::out::{self, CmdError};
use crate::table::{Align, Table};

fn proto(c: &Connection) -> &'static str {
    match (c.family, c.r#type) {
        (AddressFamily::Inet, SocketType::Stream) => "tcp",
        (AddressFamily::Inet6, SocketType::Stream) => "tcp6",
        (AddressFamily::Inet, SocketType::Dgram) => "udp",
        (AddressFamily::Inet6, SocketType::Dgram) => "udp6",
        (AddressFamily::Unix, _) => "unix",
        _ => "?",
    }
}

/// `ip:port`, IPv6 in brackets; `*` for an unbound or unconnected end.
pub fn addr(a: &ConnAddr) -> String {
    match a {
        ConnAddr::Inet(x) if x.ip.is_ipv6() => format!("[{}]:{}", x.ip, x.port),
        ConnAddr::Inet(x) => format!("{}:{}", x.ip, x.port),
        ConnAddr::Unix(p) if p.is_empty() => "*".into(),
        ConnAddr::Unix(p) => p.to_string_lossy().into_owned(),
        ConnAddr::None => "*".into(),
    }
}

/// Prints the socket table.
pub fn run(a: &NetstatArgs, json: bool) -> Result<(), CmdError> {
    let (tcp, udp, unix) = if !(a.tcp || a.udp || a.unix) {
        (true, true, false)
    } else {
        (a.tcp, a.udp, a.unix)
    };
    let kind = match (tcp || udp, unix) {
        (true, true) => ConnectionKind::All,
        (false, true) => ConnectionKind::Unix,
        _ => ConnectionKind::Inet,
    };
    let mut conns: Vec<Connection> = psutil_rs::net_connections(kind)?
        .into_iter()
        .filter(|c| match (c.family, c.r#type) {
            (AddressFamily::Unix, _) => unix,
            (_, SocketType::Stream) => tcp,
            (_, SocketType::Dgram) => udp,
            _ => false,
        })
        .filter(|c| {
            !a.listening
                || c.status == ConnectionStatus::Listen
                || (c.r#type == SocketType::Dgram && c.raddr == ConnAddr::None)
        })
        .collect();
    conns.sort_by(|x, y| (proto(x), &x.laddr, &x.raddr).cmp(&(proto(y), &y.laddr, &y.raddr)));
    if json {
        return out::json(&conns);
    }
    let mut t = Table::new(&[
        ("Proto", Align::Left),
        ("Local Address", Align::Left),
        ("Foreign Address", Align::Left),
        ("State", Align::Left),
        ("FD", Align::Right),
        ("PID/Program name", Align::Last),
    ]);
    let mut names: std::collections::HashMap<u32, String> = std::collections::HashMap::new();
    for c in &conns {
        let state = match c.status {
            ConnectionStatus::None => String::new(),
            s => s.as_str().to_string(),
        };
        t.push(vec![
            proto(c).to_string(),
            addr(&c.laddr),
            addr(&c.raddr),
            state,
            if c.fd >= 0 {
                c.fd.to_string()
            } else {
                "-".into()
            },
            match c.pid {
                Some(pid) => {
                    let name = names.entry(pid).or_insert_with(|| {
                        psutil_rs::Process::new(pid)
                            .and_then(|p| p.name())
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_else(|_| "?".into())
                    });
                    format!("{pid}/{name}")
                }
                None => "-".into(),
            },
        ]);
    }
    out::print(&t.render())
}
