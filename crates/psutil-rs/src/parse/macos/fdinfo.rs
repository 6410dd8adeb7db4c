//! The `libproc` records of `<sys/proc_info.h>` psutil reads for open files, sockets
//! and the working directory on macOS: the `proc_fdinfo` list of
//! `proc_pidinfo(PROC_PIDLISTFDS)`, `vnode_fdinfowithpath` of
//! `proc_pidfdinfo(PROC_PIDFDVNODEPATHINFO)`, `socket_fdinfo` of
//! `proc_pidfdinfo(PROC_PIDFDSOCKETINFO)` and `proc_vnodepathinfo` of
//! `proc_pidinfo(PROC_PIDVNODEPATHINFO)`. Offsets are those of the LP64 layout.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Error, Result};
use crate::net::kind::ConnectionStatus;
use crate::parse::bytes::{array, cstr_at, i32_at, u32_at};

/// `sizeof(struct proc_fdinfo)`: `int32_t proc_fd`, `uint32_t proc_fdtype`.
pub const PROC_FDINFO_LEN: usize = 8;
/// `PROX_FDTYPE_VNODE`.
pub const PROX_FDTYPE_VNODE: u32 = 1;
/// `PROX_FDTYPE_SOCKET`.
pub const PROX_FDTYPE_SOCKET: u32 = 2;

/// One entry of the descriptor list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FdEntry {
    /// `proc_fd`.
    pub fd: i32,
    /// `proc_fdtype` (`PROX_FDTYPE_*`).
    pub fdtype: u32,
}

/// Decodes a `PROC_PIDLISTFDS` answer; a trailing partial record is ignored.
pub fn parse_fd_list(b: &[u8]) -> Vec<FdEntry> {
    b.chunks_exact(PROC_FDINFO_LEN)
        .filter_map(|c| {
            Some(FdEntry {
                fd: i32_at(c, 0)?,
                fdtype: u32_at(c, 4)?,
            })
        })
        .collect()
}

/// `sizeof(struct proc_fileinfo)`, the header of every `*_fdinfo`.
const PROC_FILEINFO_LEN: usize = 24;
/// `sizeof(struct vinfo_stat)`.
const VINFO_STAT_LEN: usize = 136;
/// `sizeof(struct vnode_info)`: `vinfo_stat`, `vi_type`, `vi_pad`, `fsid_t vi_fsid`.
const VNODE_INFO_LEN: usize = VINFO_STAT_LEN + 16;
/// `MAXPATHLEN`: `vip_path`'s size.
const MAXPATHLEN: usize = 1024;
/// `sizeof(struct vnode_info_path)`.
const VNODE_INFO_PATH_LEN: usize = VNODE_INFO_LEN + MAXPATHLEN;
/// `sizeof(struct vnode_fdinfowithpath)`.
pub const VNODE_FDINFOWITHPATH_LEN: usize = PROC_FILEINFO_LEN + VNODE_INFO_PATH_LEN;
/// `sizeof(struct proc_vnodepathinfo)`: `pvi_cdir` and `pvi_rdir`.
pub const PROC_VNODEPATHINFO_LEN: usize = 2 * VNODE_INFO_PATH_LEN;

/// The path of a `vnode_info_path` at `at`.
fn vip_path(b: &[u8], at: usize, what: &str) -> Result<Vec<u8>> {
    cstr_at(b, at + VNODE_INFO_LEN, MAXPATHLEN)
        .map(<[u8]>::to_vec)
        .ok_or_else(|| Error::parse(what, None, "short record"))
}

/// The path of a `vnode_fdinfowithpath` (`pvip.vip_path`); may be empty.
pub fn parse_vnode_fd_path(b: &[u8]) -> Result<Vec<u8>> {
    vip_path(b, PROC_FILEINFO_LEN, "vnode_fdinfowithpath")
}

/// The working directory of a `proc_vnodepathinfo` (`pvi_cdir.vip_path`).
pub fn parse_cwd(b: &[u8]) -> Result<Vec<u8>> {
    vip_path(b, 0, "proc_vnodepathinfo")
}

/// Where `socket_info` starts in `socket_fdinfo`.
const PSI: usize = PROC_FILEINFO_LEN;
/// `psi.soi_type`.
const SOI_TYPE: usize = PSI + 152;
/// `psi.soi_family`.
const SOI_FAMILY: usize = PSI + 160;
/// `psi.soi_kind` (`SOCKINFO_*`).
const SOI_KIND: usize = PSI + 232;
/// `psi.soi_proto`, the union.
const SOI_PROTO: usize = PSI + 240;
/// `in_sockinfo.insi_fport` (network order in the low 16 bits of an `int`).
const INSI_FPORT: usize = SOI_PROTO;
/// `in_sockinfo.insi_lport`.
const INSI_LPORT: usize = SOI_PROTO + 4;
/// `in_sockinfo.insi_faddr` (16 bytes: an `in6_addr`, or an IPv4 address at +12).
const INSI_FADDR: usize = SOI_PROTO + 32;
/// `in_sockinfo.insi_laddr`.
const INSI_LADDR: usize = SOI_PROTO + 48;
/// `tcp_sockinfo.tcpsi_state` (after the 80-byte `in_sockinfo`).
const TCPSI_STATE: usize = SOI_PROTO + 80;
/// `un_sockinfo.unsi_addr` (a `sockaddr_un` in a 255-byte union, after two
/// `uint64_t`).
const UNSI_ADDR: usize = SOI_PROTO + 16;
/// `un_sockinfo.unsi_caddr`.
const UNSI_CADDR: usize = UNSI_ADDR + SOCK_MAXADDRLEN;
/// `SOCK_MAXADDRLEN`.
const SOCK_MAXADDRLEN: usize = 255;
/// `sun_path`'s offset in `sockaddr_un` (after `sun_len`, `sun_family`) and size.
const SUN_PATH: usize = 2;
/// `sizeof(sun_path)`.
const SUN_PATH_LEN: usize = 104;

/// `SOCKINFO_IN`.
const SOCKINFO_IN: i32 = 1;
/// `SOCKINFO_TCP`.
const SOCKINFO_TCP: i32 = 2;
/// `SOCKINFO_UN`.
const SOCKINFO_UN: i32 = 3;
/// `AF_INET` of macOS.
pub const AF_INET: i32 = 2;
/// `AF_INET6` of macOS.
pub const AF_INET6: i32 = 30;
/// `AF_UNIX` of macOS.
pub const AF_UNIX: i32 = 1;

/// The addresses of a socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SocketAddrs {
    /// An IPv4 or IPv6 socket: local and remote address and port (port 0 and the
    /// unspecified address when unbound / unconnected), and the TCP state
    /// (`tcpsi_state`, `TCPS_*`) for TCP sockets.
    Inet {
        /// Local address.
        laddr: IpAddr,
        /// Local port.
        lport: u16,
        /// Remote address.
        raddr: IpAddr,
        /// Remote port.
        rport: u16,
        /// `TCPS_*` for TCP, `None` otherwise.
        tcp_state: Option<i32>,
    },
    /// A UNIX socket: its bound path and its peer's (`unsi_addr`, `unsi_caddr`),
    /// possibly empty.
    Unix {
        /// `unsi_addr.sun_path`.
        path: Vec<u8>,
        /// `unsi_caddr.sun_path`.
        peer: Vec<u8>,
    },
    /// Another kind (`SOCKINFO_GENERIC`, kernel control, ...).
    Other,
}

/// The fields psutil reads from a `socket_fdinfo`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SocketInfo {
    /// `soi_family` (`AF_*`).
    pub family: i32,
    /// `soi_type` (`SOCK_*`).
    pub sock_type: i32,
    /// The addresses.
    pub addrs: SocketAddrs,
}

/// The address at `at`: the whole `in6_addr` for IPv6, the `in_addr` at +12 for IPv4.
fn inet_addr(b: &[u8], at: usize, v6: bool) -> Option<IpAddr> {
    if v6 {
        let a: [u8; 16] = array(b, at)?;
        Some(IpAddr::V6(Ipv6Addr::from(a)))
    } else {
        let a: [u8; 4] = array(b, at + 12)?;
        Some(IpAddr::V4(Ipv4Addr::from(a)))
    }
}

/// A port stored in network order in the low 16 bits of an `int`.
fn port(b: &[u8], at: usize) -> Option<u16> {
    let raw: [u8; 2] = array(b, at)?;
    Some(u16::from_be_bytes(raw))
}

/// Decodes a `socket_fdinfo`; a record too short for what its kind announces is an
/// error.
pub fn parse_socket(b: &[u8]) -> Result<SocketInfo> {
    let short = || Error::parse("socket_fdinfo", None, "short record");
    let family = i32_at(b, SOI_FAMILY).ok_or_else(short)?;
    let sock_type = i32_at(b, SOI_TYPE).ok_or_else(short)?;
    let kind = i32_at(b, SOI_KIND).ok_or_else(short)?;
    let addrs = match kind {
        SOCKINFO_IN | SOCKINFO_TCP if family == AF_INET || family == AF_INET6 => {
            // by the family, as psutil (an IPv6 socket's IPv4-mapped peer stays IPv6)
            let v6 = family == AF_INET6;
            SocketAddrs::Inet {
                laddr: inet_addr(b, INSI_LADDR, v6).ok_or_else(short)?,
                lport: port(b, INSI_LPORT).ok_or_else(short)?,
                raddr: inet_addr(b, INSI_FADDR, v6).ok_or_else(short)?,
                rport: port(b, INSI_FPORT).ok_or_else(short)?,
                tcp_state: if kind == SOCKINFO_TCP {
                    Some(i32_at(b, TCPSI_STATE).ok_or_else(short)?)
                } else {
                    None
                },
            }
        }
        SOCKINFO_UN => SocketAddrs::Unix {
            path: cstr_at(b, UNSI_ADDR + SUN_PATH, SUN_PATH_LEN)
                .ok_or_else(short)?
                .to_vec(),
            peer: cstr_at(b, UNSI_CADDR + SUN_PATH, SUN_PATH_LEN)
                .ok_or_else(short)?
                .to_vec(),
        },
        _ => SocketAddrs::Other,
    };
    Ok(SocketInfo {
        family,
        sock_type,
        addrs,
    })
}

/// psutil's connection status for a `TCPS_*` value of `<netinet/tcp_fsm.h>`
/// (`TCPS_CLOSED` is psutil's `CLOSE`); `None` for a value it does not name.
pub fn tcp_status(state: i32) -> Option<ConnectionStatus> {
    use ConnectionStatus::*;
    Some(match state {
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
        _ => return Option::None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sizeof(struct socket_fdinfo)` is larger; this is enough for every field read.
    const SOCKET_LEN: usize = UNSI_CADDR + SUN_PATH + SUN_PATH_LEN;

    fn put(b: &mut [u8], at: usize, v: &[u8]) {
        b[at..at + v.len()].copy_from_slice(v);
    }

    #[test]
    fn fd_list_and_paths() {
        let mut l = Vec::new();
        for (fd, t) in [(0i32, 1u32), (3, 2)] {
            l.extend(fd.to_le_bytes());
            l.extend(t.to_le_bytes());
        }
        l.push(9);
        let v = parse_fd_list(&l);
        assert_eq!(v.len(), 2);
        assert_eq!((v[1].fd, v[1].fdtype), (3, PROX_FDTYPE_SOCKET));
        let mut f = vec![0u8; VNODE_FDINFOWITHPATH_LEN];
        put(&mut f, PROC_FILEINFO_LEN + VNODE_INFO_LEN, b"/tmp/x");
        assert_eq!(parse_vnode_fd_path(&f).unwrap(), b"/tmp/x");
        assert!(parse_vnode_fd_path(&f[..VNODE_FDINFOWITHPATH_LEN - 1]).is_err());
        let mut c = vec![0u8; PROC_VNODEPATHINFO_LEN];
        put(&mut c, VNODE_INFO_LEN, b"/Users/me");
        assert_eq!(parse_cwd(&c).unwrap(), b"/Users/me");
        assert!(parse_cwd(&c[..100]).is_err());
    }

    #[test]
    fn tcp4_socket() {
        let mut b = vec![0u8; SOCKET_LEN];
        put(&mut b, SOI_FAMILY, &AF_INET.to_le_bytes());
        put(&mut b, SOI_TYPE, &1i32.to_le_bytes());
        put(&mut b, SOI_KIND, &SOCKINFO_TCP.to_le_bytes());
        put(&mut b, INSI_LPORT, &8080u16.to_be_bytes());
        put(&mut b, INSI_LADDR + 12, &[127, 0, 0, 1]);
        put(&mut b, INSI_FPORT, &443u16.to_be_bytes());
        put(&mut b, INSI_FADDR + 12, &[10, 0, 0, 2]);
        put(&mut b, TCPSI_STATE, &4i32.to_le_bytes());
        let s = parse_socket(&b).unwrap();
        assert_eq!((s.family, s.sock_type), (AF_INET, 1));
        assert_eq!(
            s.addrs,
            SocketAddrs::Inet {
                laddr: "127.0.0.1".parse().unwrap(),
                lport: 8080,
                raddr: "10.0.0.2".parse().unwrap(),
                rport: 443,
                tcp_state: Some(4),
            }
        );
        assert_eq!(tcp_status(4), Some(ConnectionStatus::Established));
        assert_eq!(tcp_status(99), None);
        assert!(parse_socket(&b[..TCPSI_STATE]).is_err());
    }

    #[test]
    fn udp6_and_unix_sockets() {
        let mut b = vec![0u8; SOCKET_LEN];
        put(&mut b, SOI_FAMILY, &AF_INET6.to_le_bytes());
        put(&mut b, SOI_TYPE, &2i32.to_le_bytes());
        put(&mut b, SOI_KIND, &SOCKINFO_IN.to_le_bytes());
        put(&mut b, INSI_LADDR + 15, &[1]);
        put(&mut b, INSI_LPORT, &53u16.to_be_bytes());
        let s = parse_socket(&b).unwrap();
        match s.addrs {
            SocketAddrs::Inet {
                laddr,
                lport,
                tcp_state,
                ..
            } => {
                assert_eq!(laddr, "::1".parse::<IpAddr>().unwrap());
                assert_eq!((lport, tcp_state), (53, None));
            }
            other => panic!("{other:?}"),
        }
        let mut u = vec![0u8; SOCKET_LEN];
        put(&mut u, SOI_FAMILY, &AF_UNIX.to_le_bytes());
        put(&mut u, SOI_KIND, &SOCKINFO_UN.to_le_bytes());
        put(&mut u, UNSI_ADDR + SUN_PATH, b"/var/run/s.sock");
        let s = parse_socket(&u).unwrap();
        assert_eq!(
            s.addrs,
            SocketAddrs::Unix {
                path: b"/var/run/s.sock".to_vec(),
                peer: Vec::new()
            }
        );
        assert!(parse_socket(&u[..UNSI_CADDR]).is_err());
        assert!(parse_socket(&[]).is_err());
    }
}
