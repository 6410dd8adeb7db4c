#![allow(unsafe_code)]
//! `net_connections()` on Windows: `GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL)` and
//! `GetExtendedUdpTable(UDP_TABLE_OWNER_PID)` for IPv4 and IPv6, decoded by
//! [`parse::windows::tcp_table`](crate::parse::windows::tcp_table). Windows has no Unix
//! sockets in these tables: `kind` `unix` gives nothing, and `all` the inet sockets.

use std::collections::HashSet;
use std::ffi::c_void;

use windows_sys::Win32::Foundation::{ERROR_INSUFFICIENT_BUFFER, NO_ERROR};
use windows_sys::Win32::NetworkManagement::IpHelper::{
    GetExtendedTcpTable, GetExtendedUdpTable, TCP_TABLE_OWNER_PID_ALL, UDP_TABLE_OWNER_PID,
};
use windows_sys::Win32::Networking::WinSock::{AF_INET, AF_INET6};

use super::super::win32;
use crate::error::Result;
use crate::net::connections::{Addr, ConnAddr, Connection};
use crate::net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType, Table};
use crate::parse::windows::tcp_table::{self, SocketRow};

/// The `ConnectionStatus` of a `MIB_TCP_STATE_*` value (psutil's `TCP_STATUSES` on
/// Windows); `DELETE_TCB` (12), Windows-only, and unknown values read as `CLOSE`.
fn tcp_status(state: u32) -> ConnectionStatus {
    use ConnectionStatus::*;
    match state {
        2 => Listen,
        3 => SynSent,
        4 => SynRecv,
        5 => Established,
        6 => FinWait1,
        7 => FinWait2,
        8 => CloseWait,
        9 => Closing,
        10 => LastAck,
        11 => TimeWait,
        _ => Close,
    }
}

/// One of the four tables, raw: the call made with a size probe and retried while the
/// table grows.
fn table_bytes(table: Table) -> Result<Vec<u8>> {
    let (tcp, family) = match table {
        Table::Tcp4 => (true, AF_INET),
        Table::Tcp6 => (true, AF_INET6),
        Table::Udp4 => (false, AF_INET),
        Table::Udp6 => (false, AF_INET6),
        Table::Unix => return Ok(Vec::new()),
    };
    let call = |buf: *mut c_void, size: &mut u32| {
        // SAFETY: `buf` is NULL with `*size` 0, or valid for `*size` bytes.
        unsafe {
            if tcp {
                GetExtendedTcpTable(buf, size, 0, u32::from(family), TCP_TABLE_OWNER_PID_ALL, 0)
            } else {
                GetExtendedUdpTable(buf, size, 0, u32::from(family), UDP_TABLE_OWNER_PID, 0)
            }
        }
    };
    let name = if tcp {
        "GetExtendedTcpTable"
    } else {
        "GetExtendedUdpTable"
    };
    let mut size = 0u32;
    let rc = call(std::ptr::null_mut(), &mut size);
    if rc != ERROR_INSUFFICIENT_BUFFER && rc != NO_ERROR {
        return Err(win32::win_error(rc, name));
    }
    for _ in 0..8 {
        // Room for a few rows more: sockets come and go between the two calls.
        let mut buf = vec![0u64; (size as usize).div_ceil(8) + 64];
        let mut got = u32::try_from(buf.len() * 8).unwrap_or(u32::MAX);
        let rc = call(buf.as_mut_ptr().cast(), &mut got);
        if rc == ERROR_INSUFFICIENT_BUFFER {
            size = got.max(size.saturating_mul(2));
            continue;
        }
        if rc != NO_ERROR {
            return Err(win32::win_error(rc, name));
        }
        return Ok(buf.iter().flat_map(|w| w.to_le_bytes()).collect());
    }
    Err(win32::win_error(ERROR_INSUFFICIENT_BUFFER, name))
}

/// The rows of `table`.
fn rows(table: Table) -> Result<Vec<SocketRow>> {
    let raw = table_bytes(table)?;
    match table {
        Table::Tcp4 => tcp_table::parse_tcp4(&raw),
        Table::Tcp6 => tcp_table::parse_tcp6(&raw),
        Table::Udp4 => tcp_table::parse_udp4(&raw),
        Table::Udp6 => tcp_table::parse_udp6(&raw),
        Table::Unix => Ok(Vec::new()),
    }
}

/// A row as psutil's `sconn`: `fd` −1; `laddr` always an address (psutil keeps port 0
/// there); `raddr` empty for listening sockets, UDP and unconnected rows; `pid` the
/// owning pid, `None` when 0 (Wine reports 0 on every row).
fn connection(table: Table, row: &SocketRow) -> Connection {
    let (family, tcp) = match table {
        Table::Tcp4 => (AddressFamily::Inet, true),
        Table::Tcp6 => (AddressFamily::Inet6, true),
        Table::Udp4 => (AddressFamily::Inet, false),
        Table::Udp6 | Table::Unix => (AddressFamily::Inet6, false),
    };
    let (ip, port) = row.local;
    let raddr = match (tcp, row.remote_addr()) {
        (true, Some((ip, port))) => ConnAddr::Inet(Addr { ip, port }),
        _ => ConnAddr::None,
    };
    Connection {
        fd: -1,
        family,
        r#type: if tcp {
            SocketType::Stream
        } else {
            SocketType::Dgram
        },
        laddr: ConnAddr::Inet(Addr { ip, port }),
        raddr,
        status: if tcp {
            tcp_status(row.state)
        } else {
            ConnectionStatus::None
        },
        pid: (row.pid != 0).then_some(row.pid),
    }
}

/// `net_connections(kind)`: the tables `kind` names, in psutil's order, deduplicated
/// (psutil returns a set).
pub(crate) fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for &table in kind.tables() {
        for row in rows(table)? {
            let c = connection(table, &row);
            if seen.insert(c.clone()) {
                out.push(c);
            }
        }
    }
    Ok(out)
}
