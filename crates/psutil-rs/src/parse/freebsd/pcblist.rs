//! The protocol control block lists: `net.inet.tcp.pcblist` (`struct xtcpcb`,
//! `<netinet/tcp_var.h>`), `net.inet.udp.pcblist` (`struct xinpcb`,
//! `<netinet/in_pcb.h>`) and `net.local.{stream,dgram,seqpacket}.pcblist`
//! (`struct xunpcb`, `<sys/unpcb.h>`): a `struct xinpgen` header, one record per
//! block (each starting with its own length), a trailing `xinpgen`. Decoded to what
//! psutil's `net_connections()` reads: the socket's kernel address (`xso_so`, to find
//! its owner in `kern.file`) and PCB address (`so_pcb`, the same as `kinfo_file`'s
//! `kf_sock_pcb`), the family, the addresses and ports, and the TCP state.
//!
//! Sizes that changed between FreeBSD releases are not assumed: `xi_len` (the
//! `xinpcb`) and `xso_len` (the `xsocket`) locate what follows them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Error, Result};
use crate::net::kind::ConnectionStatus;

use crate::parse::bytes::{array, cstr_clipped_at, i32_at, u16_at, u64_at, u8_at};

/// `xt_inp` within `struct xtcpcb` (after `ksize_t xt_len`).
pub const XT_INP: usize = 8;
/// `xi_socket` within `struct xinpcb` (after `ksize_t xi_len`).
pub const XI_SOCKET: usize = 8;
/// `xso_so` within `struct xsocket`: the socket's kernel address.
pub const XSO_SO: usize = 8;
/// `so_pcb` within `struct xsocket`.
pub const SO_PCB: usize = 16;
/// `xso_family` within `struct xsocket` (after `xso_len`, `xso_so`, `so_pcb`,
/// `so_oobmark`, 64 bytes of `so_splice_so`/spares, and `xso_protocol`).
pub const XSO_FAMILY: usize = 100;
/// `inc_ie.ie_fport` within `struct in_conninfo` (after `inc_flags`, `inc_len`,
/// `inc_fibnum`); network order.
pub const IE_FPORT: usize = 4;
/// `inc_ie.ie_lport`.
pub const IE_LPORT: usize = 6;
/// `inc_ie.ie_dependfaddr` (16 bytes: an IPv6 address, or an IPv4 one in its last 4).
pub const IE_FADDR: usize = 8;
/// `inc_ie.ie_dependladdr`.
pub const IE_LADDR: usize = 24;
/// From the end of `xt_inp` to `t_state`: `xt_stack[TCP_FUNCTION_NAME_LEN_MAX]` (32),
/// `xt_logid[TCP_LOG_ID_LEN]` (64), `xt_cc[TCP_CA_NAME_MAX]` (16), `spare64[6]` (48).
pub const T_STATE_AFTER_INP: usize = 32 + 64 + 16 + 48;
/// `xu_addr` within `struct xunpcb` (`struct sockaddr_un` in a 256-byte union, after
/// `xu_len`, five addresses, `unp_gencnt`, `xu_spare64[8]`, `xu_spare32[8]`).
pub const XU_ADDR: usize = 152;
/// `xu_socket` within `struct xunpcb` (after `xu_addr` and `xu_caddr`, 256 bytes each).
pub const XU_SOCKET: usize = XU_ADDR + 512;
/// `AF_INET6` of FreeBSD.
const AF_INET6: i32 = 28;

/// One `xinpcb` (TCP or UDP block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InetBlock {
    /// `xso_so`.
    pub so: u64,
    /// `so_pcb`.
    pub pcb: u64,
    /// `xso_family` (`AF_INET`, `AF_INET6`).
    pub family: i32,
    /// Local address and port.
    pub local: (IpAddr, u16),
    /// Foreign address and port.
    pub remote: (IpAddr, u16),
    /// `t_state` for TCP blocks; `None` for UDP.
    pub state: Option<i32>,
}

/// One `xunpcb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnixBlock {
    /// `xu_socket.xso_so`.
    pub so: u64,
    /// `xu_addr.sun_path` (empty when unbound).
    pub path: Vec<u8>,
}

fn bad(list: &str, msg: &str) -> Error {
    Error::parse(list, None, msg)
}

fn len_at(b: &[u8], at: usize) -> Option<usize> {
    u64_at(b, at).and_then(|l| usize::try_from(l).ok())
}

/// The records between the `xinpgen` header and trailer (a record no longer than the
/// header's `xig_len` ends the list).
fn records<'a>(buf: &'a [u8], list: &str) -> Result<Vec<&'a [u8]>> {
    if buf.is_empty() {
        return Ok(Vec::new());
    }
    let gen_len = len_at(buf, 0)
        .filter(|&l| l >= 8)
        .ok_or_else(|| bad(list, "no xinpgen header"))?;
    let mut out = Vec::new();
    let mut off = gen_len;
    while off < buf.len() {
        let len = len_at(buf, off).ok_or_else(|| bad(list, "truncated record"))?;
        if len <= gen_len {
            break;
        }
        let end = off
            .checked_add(len)
            .ok_or_else(|| bad(list, "bad length"))?;
        out.push(
            buf.get(off..end)
                .ok_or_else(|| bad(list, "truncated record"))?,
        );
        off = end;
    }
    Ok(out)
}

fn ip(b: &[u8], at: usize, v6: bool) -> Option<IpAddr> {
    let a: [u8; 16] = array(b, at)?;
    Some(if v6 {
        IpAddr::V6(Ipv6Addr::from(a))
    } else {
        let v4: [u8; 4] = array(&a, 12)?;
        IpAddr::V4(Ipv4Addr::from(v4))
    })
}

/// One `xinpcb` starting at `x` of `rec`.
fn inpcb(rec: &[u8], x: usize, state: Option<i32>) -> Option<InetBlock> {
    // Every offset is checked: xso_len comes from the buffer and may be anything.
    let sock = x.checked_add(XI_SOCKET)?;
    let xso_len = len_at(rec, sock)?;
    let family = i32_at(rec, sock.checked_add(XSO_FAMILY)?)?;
    let inc = sock.checked_add(xso_len)?;
    let v6 = family == AF_INET6;
    let port = |at: usize| u16_at(rec, inc.checked_add(at)?).map(u16::from_be);
    Some(InetBlock {
        so: u64_at(rec, sock.checked_add(XSO_SO)?)?,
        pcb: u64_at(rec, sock.checked_add(SO_PCB)?)?,
        family,
        local: (ip(rec, inc.checked_add(IE_LADDR)?, v6)?, port(IE_LPORT)?),
        remote: (ip(rec, inc.checked_add(IE_FADDR)?, v6)?, port(IE_FPORT)?),
        state,
    })
}

/// Every block of `net.inet.tcp.pcblist`: the `xinpcb` of each `xtcpcb`, with
/// `t_state` found after `xi_len` bytes of it.
pub fn parse_tcp(buf: &[u8]) -> Result<Vec<InetBlock>> {
    const LIST: &str = "net.inet.tcp.pcblist";
    records(buf, LIST)?
        .into_iter()
        .map(|rec| {
            let xi_len = len_at(rec, XT_INP).ok_or_else(|| bad(LIST, "truncated xinpcb"))?;
            let state_at = XT_INP
                .checked_add(xi_len)
                .and_then(|v| v.checked_add(T_STATE_AFTER_INP))
                .ok_or_else(|| bad(LIST, "bad xi_len"))?;
            let state = i32_at(rec, state_at).ok_or_else(|| bad(LIST, "truncated xtcpcb"))?;
            inpcb(rec, XT_INP, Some(state)).ok_or_else(|| bad(LIST, "truncated xinpcb"))
        })
        .collect()
}

/// Every block of `net.inet.udp.pcblist` (bare `xinpcb` records).
pub fn parse_udp(buf: &[u8]) -> Result<Vec<InetBlock>> {
    const LIST: &str = "net.inet.udp.pcblist";
    records(buf, LIST)?
        .into_iter()
        .map(|rec| inpcb(rec, 0, None).ok_or_else(|| bad(LIST, "truncated xinpcb")))
        .collect()
}

/// Every block of a `net.local.*.pcblist`.
pub fn parse_unix(buf: &[u8]) -> Result<Vec<UnixBlock>> {
    const LIST: &str = "net.local.pcblist";
    records(buf, LIST)?
        .into_iter()
        .map(|rec| {
            // sockaddr_un: sun_len, sun_family, sun_path[104]
            let family = u8_at(rec, XU_ADDR + 1);
            let path = match family {
                Some(1) => cstr_clipped_at(rec, XU_ADDR + 2, 104).to_vec(),
                _ => Vec::new(),
            };
            Ok(UnixBlock {
                so: u64_at(rec, XU_SOCKET + XSO_SO).ok_or_else(|| bad(LIST, "truncated xunpcb"))?,
                path,
            })
        })
        .collect()
}

/// psutil's status for a FreeBSD `TCPS_*` state (`<netinet/tcp_fsm.h>`); `CLOSED` is
/// `CLOSE`.
pub fn status(state: i32) -> ConnectionStatus {
    use ConnectionStatus::*;
    match state {
        0 => Close,
        1 => Listen,
        2 => SynSent,
        3 => SynRecv,
        4 => Established,
        5 => CloseWait,
        6 => FinWait1,
        7 => Closing,
        8 => LastAck,
        9 => FinWait2,
        10 => TimeWait,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEN: usize = 64;
    const XSO_LEN: usize = 240;
    const XI_LEN: usize = 400;

    /// An `xinpcb` of `XI_LEN` bytes with its `xsocket` of `XSO_LEN`.
    fn xinpcb(so: u64, pcb: u64, v6: bool, local: &[u8], lport: u16) -> Vec<u8> {
        let mut r = vec![0u8; XI_LEN];
        r[0..8].copy_from_slice(&(XI_LEN as u64).to_le_bytes());
        let s = XI_SOCKET;
        r[s..s + 8].copy_from_slice(&(XSO_LEN as u64).to_le_bytes());
        r[s + XSO_SO..s + XSO_SO + 8].copy_from_slice(&so.to_le_bytes());
        r[s + SO_PCB..s + SO_PCB + 8].copy_from_slice(&pcb.to_le_bytes());
        let fam: i32 = if v6 { AF_INET6 } else { 2 };
        r[s + XSO_FAMILY..s + XSO_FAMILY + 4].copy_from_slice(&fam.to_le_bytes());
        let inc = s + XSO_LEN;
        r[inc + IE_LPORT..inc + IE_LPORT + 2].copy_from_slice(&lport.to_be_bytes());
        let at = inc + IE_LADDR + if v6 { 0 } else { 12 };
        r[at..at + local.len()].copy_from_slice(local);
        r
    }

    fn xtcpcb(inp: Vec<u8>, state: i32) -> Vec<u8> {
        let len = XT_INP + XI_LEN + T_STATE_AFTER_INP + 4 + 100;
        let mut r = vec![0u8; len];
        r[0..8].copy_from_slice(&(len as u64).to_le_bytes());
        r[XT_INP..XT_INP + XI_LEN].copy_from_slice(&inp);
        let s = XT_INP + XI_LEN + T_STATE_AFTER_INP;
        r[s..s + 4].copy_from_slice(&state.to_le_bytes());
        r
    }

    fn list(records: &[Vec<u8>]) -> Vec<u8> {
        let mut g = vec![0u8; GEN];
        g[0..8].copy_from_slice(&(GEN as u64).to_le_bytes());
        let mut b = g.clone();
        for r in records {
            b.extend(r);
        }
        b.extend(g);
        b
    }

    #[test]
    fn tcp_and_udp() {
        let tcp = list(&[
            xtcpcb(xinpcb(0x10, 0x20, false, &[127, 0, 0, 1], 22), 1),
            xtcpcb(
                xinpcb(0x30, 0x40, true, &Ipv6Addr::LOCALHOST.octets(), 443),
                4,
            ),
        ]);
        let v = parse_tcp(&tcp).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].so, v[0].pcb), (0x10, 0x20));
        assert_eq!(v[0].local, ("127.0.0.1".parse().unwrap(), 22));
        assert_eq!(v[0].remote, ("0.0.0.0".parse().unwrap(), 0));
        assert_eq!(status(v[0].state.unwrap()), ConnectionStatus::Listen);
        assert_eq!(v[1].local, ("::1".parse().unwrap(), 443));
        assert_eq!(status(v[1].state.unwrap()), ConnectionStatus::Established);
        assert!(parse_tcp(&tcp[..GEN + 100]).is_err());
        let udp = list(&[xinpcb(0x50, 0x60, false, &[10, 0, 0, 1], 53)]);
        let u = parse_udp(&udp).unwrap();
        assert_eq!(u[0].local, ("10.0.0.1".parse().unwrap(), 53));
        assert_eq!(u[0].state, None);
        assert_eq!(parse_udp(&list(&[])).unwrap(), vec![]);
        assert!(parse_udp(&[1]).is_err());
        assert_eq!(status(10), ConnectionStatus::TimeWait);
        assert_eq!(status(42), ConnectionStatus::None);
    }

    #[test]
    fn unix() {
        let mut rec = vec![0u8; XU_SOCKET + XSO_LEN];
        let n = rec.len() as u64;
        rec[0..8].copy_from_slice(&n.to_le_bytes());
        rec[XU_ADDR + 1] = 1;
        rec[XU_ADDR + 2..XU_ADDR + 2 + 9].copy_from_slice(b"/tmp/sock");
        rec[XU_SOCKET + XSO_SO..XU_SOCKET + XSO_SO + 8].copy_from_slice(&0x99u64.to_le_bytes());
        let v = parse_unix(&list(&[rec])).unwrap();
        assert_eq!(
            v,
            vec![UnixBlock {
                so: 0x99,
                path: b"/tmp/sock".to_vec()
            }]
        );
    }
}
