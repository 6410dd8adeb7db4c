#![allow(unsafe_code)]
//! The socket tables of Windows, shared by `Process::net_connections` and the
//! system-wide `net_connections`: `GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL)` and
//! `GetExtendedUdpTable(UDP_TABLE_OWNER_PID)` for IPv4 and IPv6, decoded by
//! [`parse::windows::tcp_table`](crate::parse::windows::tcp_table). Each row carries
//! its owner's pid (0 on every row under Wine, wine-coverage.md).

use windows_sys::Win32::Foundation::ERROR_INSUFFICIENT_BUFFER;
use windows_sys::Win32::NetworkManagement::IpHelper::{
    GetExtendedTcpTable, GetExtendedUdpTable, TCP_TABLE_OWNER_PID_ALL, UDP_TABLE_OWNER_PID,
};

use crate::error::{Error, Result};
use crate::net::connections::inet_addr;
use crate::net::kind::Table;
use crate::parse::windows::tcp_table::{self, SocketRow};
use crate::{AddressFamily, ConnAddr, ConnectionKind, ConnectionStatus, SocketType};

/// `AF_INET`, `AF_INET6`.
const AF_INET: u32 = 2;
const AF_INET6: u32 = 23;

/// One socket of the tables, as psutil reports it (`fd` is always -1 on Windows).
#[derive(Debug, Clone)]
pub(crate) struct SocketEntry {
    pub family: AddressFamily,
    pub r#type: SocketType,
    pub laddr: ConnAddr,
    pub raddr: ConnAddr,
    pub status: ConnectionStatus,
    /// `dwOwningPid`.
    pub pid: u32,
}

/// The connection status of a `MIB_TCP_STATE_*` value (psutil's `CONN_*`, with the
/// Windows-only `DELETE_TCB`); an unknown value is `None`, as UDP rows are.
fn status(state: u32) -> ConnectionStatus {
    use ConnectionStatus::*;
    match tcp_table::tcp_state_name(state) {
        Some("CLOSE") => Close,
        Some("LISTEN") => Listen,
        Some("SYN_SENT") => SynSent,
        Some("SYN_RECV") => SynRecv,
        Some("ESTABLISHED") => Established,
        Some("FIN_WAIT1") => FinWait1,
        Some("FIN_WAIT2") => FinWait2,
        Some("CLOSE_WAIT") => CloseWait,
        Some("CLOSING") => Closing,
        Some("LAST_ACK") => LastAck,
        Some("TIME_WAIT") => TimeWait,
        Some("DELETE_TCB") => DeleteTcb,
        _ => ConnectionStatus::None,
    }
}

/// One table's bytes: the call with a buffer grown until the table fits.
fn table(tcp: bool, af: u32) -> Result<Vec<u8>> {
    let mut size = 16 * 1024u32;
    for _ in 0..8 {
        let mut buf = vec![0u64; (size as usize).div_ceil(8)];
        let mut len = (buf.len() * 8) as u32;
        // SAFETY: `buf` has `len` writable, 8-aligned bytes; `len` is an in/out pointer.
        let r = unsafe {
            if tcp {
                GetExtendedTcpTable(
                    buf.as_mut_ptr().cast(),
                    &mut len,
                    0,
                    af,
                    TCP_TABLE_OWNER_PID_ALL,
                    0,
                )
            } else {
                GetExtendedUdpTable(
                    buf.as_mut_ptr().cast(),
                    &mut len,
                    0,
                    af,
                    UDP_TABLE_OWNER_PID,
                    0,
                )
            }
        };
        match r {
            0 => return Ok(super::win::as_bytes(&buf, buf.len() * 8).to_vec()),
            ERROR_INSUFFICIENT_BUFFER => size = len.max(size.saturating_mul(2)) + 4096,
            c => {
                return Err(Error::Io {
                    path: Some(
                        if tcp {
                            "GetExtendedTcpTable"
                        } else {
                            "GetExtendedUdpTable"
                        }
                        .into(),
                    ),
                    source: std::io::Error::from_raw_os_error(c as i32),
                })
            }
        }
    }
    Err(Error::unsupported("socket table keeps growing"))
}

fn entries(
    rows: Vec<SocketRow>,
    family: AddressFamily,
    r#type: SocketType,
) -> impl Iterator<Item = SocketEntry> {
    rows.into_iter().map(move |r| SocketEntry {
        family,
        r#type,
        laddr: inet_addr(r.local),
        raddr: r.remote_addr().map_or(ConnAddr::None, inet_addr),
        status: if r#type == SocketType::Stream {
            status(r.state)
        } else {
            ConnectionStatus::None
        },
        pid: r.pid,
    })
}

/// Every socket of the tables `kind` names (Windows has no Unix-socket table: `unix`
/// gives none), in psutil's table order.
pub(crate) fn sockets(kind: ConnectionKind) -> Result<Vec<SocketEntry>> {
    let mut out = Vec::new();
    for t in kind.tables() {
        let (rows, family, ty) = match t {
            Table::Tcp4 => (
                tcp_table::parse_tcp4(&table(true, AF_INET)?)?,
                AddressFamily::Inet,
                SocketType::Stream,
            ),
            Table::Tcp6 => (
                tcp_table::parse_tcp6(&table(true, AF_INET6)?)?,
                AddressFamily::Inet6,
                SocketType::Stream,
            ),
            Table::Udp4 => (
                tcp_table::parse_udp4(&table(false, AF_INET)?)?,
                AddressFamily::Inet,
                SocketType::Dgram,
            ),
            Table::Udp6 => (
                tcp_table::parse_udp6(&table(false, AF_INET6)?)?,
                AddressFamily::Inet6,
                SocketType::Dgram,
            ),
            Table::Unix => continue,
        };
        out.extend(entries(rows, family, ty));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::ConnectionStatus;

    #[test]
    fn tcp_states() {
        assert_eq!(super::status(1), ConnectionStatus::Close);
        assert_eq!(super::status(2), ConnectionStatus::Listen);
        assert_eq!(super::status(5), ConnectionStatus::Established);
        assert_eq!(super::status(11), ConnectionStatus::TimeWait);
        assert_eq!(super::status(12), ConnectionStatus::DeleteTcb);
        // out-of-range values
        assert_eq!(super::status(99), ConnectionStatus::None);
    }
}
