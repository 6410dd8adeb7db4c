//! The socket tables of IP Helper's `GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL)` and
//! `GetExtendedUdpTable(UDP_TABLE_OWNER_PID)`, for `AF_INET` and `AF_INET6`: psutil's
//! `net_connections()` on Windows. Each table is a `DWORD dwNumEntries` followed by that
//! many rows:
//!
//! | table | row | row size |
//! |---|---|---|
//! | `MIB_TCPTABLE_OWNER_PID` | `dwState`, `dwLocalAddr`, `dwLocalPort`, `dwRemoteAddr`, `dwRemotePort`, `dwOwningPid` | 24 |
//! | `MIB_TCP6TABLE_OWNER_PID` | `ucLocalAddr[16]`, `dwLocalScopeId`, `dwLocalPort`, `ucRemoteAddr[16]`, `dwRemoteScopeId`, `dwRemotePort`, `dwState`, `dwOwningPid` | 56 |
//! | `MIB_UDPTABLE_OWNER_PID` | `dwLocalAddr`, `dwLocalPort`, `dwOwningPid` | 12 |
//! | `MIB_UDP6TABLE_OWNER_PID` | `ucLocalAddr[16]`, `dwLocalScopeId`, `dwLocalPort`, `dwOwningPid` | 28 |
//!
//! Addresses are stored in network byte order (the bytes in memory are the address's
//! octets); a port is the low 16 bits of its `DWORD`, also in network byte order. Under
//! Wine the rows are the host's sockets and `dwOwningPid` is always 0.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Error, Result};
use crate::parse::bytes::{array, u32_at};

const FILE: &str = "GetExtendedTcpTable";

/// `MIB_TCP_STATE_CLOSED`.
pub const MIB_TCP_STATE_CLOSED: u32 = 1;
/// `MIB_TCP_STATE_LISTEN`.
pub const MIB_TCP_STATE_LISTEN: u32 = 2;
/// `MIB_TCP_STATE_DELETE_TCB`, the last state.
pub const MIB_TCP_STATE_DELETE_TCB: u32 = 12;

/// One row of any of the four tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SocketRow {
    /// The local address and port.
    pub local: (IpAddr, u16),
    /// The remote address and port; the unspecified address and port 0 for UDP rows
    /// and for listening TCP sockets.
    pub remote: (IpAddr, u16),
    /// `dwState` (`MIB_TCP_STATE_*`, see [`tcp_state_name`]); 0 for UDP rows.
    pub state: u32,
    /// `dwOwningPid`.
    pub pid: u32,
    /// `dwLocalScopeId` of IPv6 rows (the interface index of a link-local address);
    /// 0 for IPv4.
    pub local_scope_id: u32,
}

impl SocketRow {
    /// The remote end as psutil reports it: `None` (psutil's empty `raddr`) for a
    /// listening socket, a UDP row or an unspecified remote address.
    pub fn remote_addr(&self) -> Option<(IpAddr, u16)> {
        let (ip, port) = self.remote;
        if self.state == MIB_TCP_STATE_LISTEN || ip.is_unspecified() && port == 0 {
            None
        } else {
            Some(self.remote)
        }
    }
}

/// psutil's `CONN_*` string for a `MIB_TCP_STATE_*` value; `None` for a value outside
/// 1..=12. `DELETE_TCB` exists on Windows only; closed is `CLOSE`, as on every platform.
pub fn tcp_state_name(state: u32) -> Option<&'static str> {
    Some(match state {
        1 => "CLOSE",
        2 => "LISTEN",
        3 => "SYN_SENT",
        4 => "SYN_RECV",
        5 => "ESTABLISHED",
        6 => "FIN_WAIT1",
        7 => "FIN_WAIT2",
        8 => "CLOSE_WAIT",
        9 => "CLOSING",
        10 => "LAST_ACK",
        11 => "TIME_WAIT",
        12 => "DELETE_TCB",
        _ => return None,
    })
}

/// The rows of a table with rows of `row_len` bytes, each decoded by `row`.
fn rows(
    buf: &[u8],
    row_len: usize,
    row: impl Fn(&[u8]) -> Option<SocketRow>,
) -> Result<Vec<SocketRow>> {
    let err = |what: &str| Error::parse(FILE, None, what);
    let n = u32_at(buf, 0).ok_or_else(|| err("no dwNumEntries"))?;
    let body = usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_mul(row_len))
        .and_then(|len| buf.get(4..len.checked_add(4)?))
        .ok_or_else(|| err("rows past the end of the buffer"))?;
    body.chunks_exact(row_len)
        .map(|r| row(r).ok_or_else(|| err("truncated row")))
        .collect()
}

fn v4(r: &[u8], at: usize) -> Option<IpAddr> {
    array::<4>(r, at).map(|a| IpAddr::V4(Ipv4Addr::from(a)))
}

fn v6(r: &[u8], at: usize) -> Option<IpAddr> {
    array::<16>(r, at).map(|a| IpAddr::V6(Ipv6Addr::from(a)))
}

/// A port: the first two bytes of its `DWORD`, big-endian.
fn port(r: &[u8], at: usize) -> Option<u16> {
    array::<2>(r, at).map(u16::from_be_bytes)
}

/// Decodes a `MIB_TCPTABLE_OWNER_PID` (IPv4 TCP).
pub fn parse_tcp4(buf: &[u8]) -> Result<Vec<SocketRow>> {
    rows(buf, 24, |r| {
        Some(SocketRow {
            state: u32_at(r, 0)?,
            local: (v4(r, 4)?, port(r, 8)?),
            remote: (v4(r, 12)?, port(r, 16)?),
            pid: u32_at(r, 20)?,
            local_scope_id: 0,
        })
    })
}

/// Decodes a `MIB_TCP6TABLE_OWNER_PID` (IPv6 TCP).
pub fn parse_tcp6(buf: &[u8]) -> Result<Vec<SocketRow>> {
    rows(buf, 56, |r| {
        Some(SocketRow {
            local: (v6(r, 0)?, port(r, 20)?),
            local_scope_id: u32_at(r, 16)?,
            remote: (v6(r, 24)?, port(r, 44)?),
            state: u32_at(r, 48)?,
            pid: u32_at(r, 52)?,
        })
    })
}

/// Decodes a `MIB_UDPTABLE_OWNER_PID` (IPv4 UDP).
pub fn parse_udp4(buf: &[u8]) -> Result<Vec<SocketRow>> {
    rows(buf, 12, |r| {
        Some(SocketRow {
            local: (v4(r, 0)?, port(r, 4)?),
            remote: (IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0),
            state: 0,
            pid: u32_at(r, 8)?,
            local_scope_id: 0,
        })
    })
}

/// Decodes a `MIB_UDP6TABLE_OWNER_PID` (IPv6 UDP).
pub fn parse_udp6(buf: &[u8]) -> Result<Vec<SocketRow>> {
    rows(buf, 28, |r| {
        Some(SocketRow {
            local: (v6(r, 0)?, port(r, 20)?),
            local_scope_id: u32_at(r, 16)?,
            remote: (IpAddr::V6(Ipv6Addr::UNSPECIFIED), 0),
            state: 0,
            pid: u32_at(r, 24)?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port_dword(p: u16) -> [u8; 4] {
        let b = p.to_be_bytes();
        [b[0], b[1], 0, 0]
    }

    fn table(rows: &[Vec<u8>]) -> Vec<u8> {
        let mut out = (rows.len() as u32).to_le_bytes().to_vec();
        for r in rows {
            out.extend_from_slice(r);
        }
        out
    }

    fn tcp4_row(state: u32, l: [u8; 4], lp: u16, r: [u8; 4], rp: u16, pid: u32) -> Vec<u8> {
        let mut v = state.to_le_bytes().to_vec();
        v.extend_from_slice(&l);
        v.extend_from_slice(&port_dword(lp));
        v.extend_from_slice(&r);
        v.extend_from_slice(&port_dword(rp));
        v.extend_from_slice(&pid.to_le_bytes());
        v
    }

    #[test]
    fn tcp4() {
        let buf = table(&[
            tcp4_row(2, [0, 0, 0, 0], 445, [0, 0, 0, 0], 0, 4),
            tcp4_row(5, [192, 168, 1, 5], 50123, [93, 184, 216, 34], 443, 1234),
        ]);
        let t = parse_tcp4(&buf).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].local, ("0.0.0.0".parse().unwrap(), 445));
        assert_eq!((t[0].state, t[0].pid), (2, 4));
        assert_eq!(t[0].remote_addr(), None);
        assert_eq!(t[1].local, ("192.168.1.5".parse().unwrap(), 50123));
        assert_eq!(
            t[1].remote_addr(),
            Some(("93.184.216.34".parse().unwrap(), 443))
        );
        assert_eq!(tcp_state_name(t[1].state), Some("ESTABLISHED"));
        for n in 0..buf.len() {
            assert!(parse_tcp4(&buf[..n]).is_err());
        }
        // extra bytes after the rows are ignored (the buffer is often larger)
        let mut big = buf.clone();
        big.extend_from_slice(&[0xee; 30]);
        assert_eq!(parse_tcp4(&big).unwrap(), t);
        assert!(parse_tcp4(&table(&[])).unwrap().is_empty());
        assert!(parse_tcp4(&u32::MAX.to_le_bytes()).is_err());
    }

    #[test]
    fn tcp6_and_udp() {
        let l: Ipv6Addr = "fe80::1".parse().unwrap();
        let r: Ipv6Addr = "2001:db8::2".parse().unwrap();
        let mut row = l.octets().to_vec();
        row.extend_from_slice(&7u32.to_le_bytes());
        row.extend_from_slice(&port_dword(22));
        row.extend_from_slice(&r.octets());
        row.extend_from_slice(&0u32.to_le_bytes());
        row.extend_from_slice(&port_dword(60000));
        row.extend_from_slice(&11u32.to_le_bytes());
        row.extend_from_slice(&99u32.to_le_bytes());
        assert_eq!(row.len(), 56);
        let t = parse_tcp6(&table(&[row])).unwrap();
        assert_eq!(t[0].local, (IpAddr::V6(l), 22));
        assert_eq!(t[0].remote_addr(), Some((IpAddr::V6(r), 60000)));
        assert_eq!((t[0].state, t[0].pid, t[0].local_scope_id), (11, 99, 7));
        assert_eq!(tcp_state_name(t[0].state), Some("TIME_WAIT"));

        let mut u4 = vec![127, 0, 0, 1];
        u4.extend_from_slice(&port_dword(53));
        u4.extend_from_slice(&500u32.to_le_bytes());
        let t = parse_udp4(&table(&[u4])).unwrap();
        assert_eq!(
            (t[0].local, t[0].pid, t[0].state),
            (("127.0.0.1".parse().unwrap(), 53), 500, 0)
        );
        assert_eq!(t[0].remote_addr(), None);

        let mut u6 = Ipv6Addr::LOCALHOST.octets().to_vec();
        u6.extend_from_slice(&0u32.to_le_bytes());
        u6.extend_from_slice(&port_dword(5353));
        u6.extend_from_slice(&600u32.to_le_bytes());
        let buf = table(&[u6.clone(), u6]);
        let t = parse_udp6(&buf).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[1].local, t[1].pid),
            ((IpAddr::V6(Ipv6Addr::LOCALHOST), 5353), 600)
        );
        for n in 0..buf.len() {
            assert!(parse_udp6(&buf[..n]).is_err());
            let _ = (parse_tcp6(&buf[..n]), parse_udp4(&buf[..n]));
        }
    }

    #[test]
    fn state_names() {
        let names: Vec<_> = (0..=13).map(tcp_state_name).collect();
        assert_eq!(names[0], None);
        assert_eq!(names[1], Some("CLOSE"));
        assert_eq!(names[12], Some("DELETE_TCB"));
        assert_eq!(names[13], None);
        assert_eq!(names.iter().flatten().count(), 12);
    }
}
