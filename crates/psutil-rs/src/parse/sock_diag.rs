//! `NETLINK_SOCK_DIAG` replies: the payloads of `SOCK_DIAG_BY_FAMILY` messages
//! (`struct inet_diag_msg` of `<linux/inet_diag.h>`, `struct unix_diag_msg` plus
//! attributes of `<linux/unix_diag.h>`), decoded into the same records as the
//! `/proc/net` parsers so both sources can be compared.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::net_inet::InetSocket;
use super::net_unix::UnixSocket;
use crate::error::{Error, Result};

const FILE: &str = "sock_diag";

/// Size of `struct inet_diag_msg`.
const INET_DIAG_MSG_LEN: usize = 72;
/// Size of `struct unix_diag_msg`.
const UNIX_DIAG_MSG_LEN: usize = 16;
/// `UNIX_DIAG_NAME` attribute type.
const UNIX_DIAG_NAME: u16 = 0;

fn u16_ne(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_ne(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u16_be(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// Decodes one `inet_diag_msg`. Its family must be `AF_INET` (2) or `AF_INET6` (10).
pub fn parse_inet(msg: &[u8]) -> Result<InetSocket> {
    let err = |what: &str| Error::parse(FILE, None, what);
    if msg.len() < INET_DIAG_MSG_LEN {
        return Err(err("inet_diag_msg too short"));
    }
    let family = msg.first().copied().ok_or_else(|| err("empty message"))?;
    let state = msg.get(1).copied().ok_or_else(|| err("no state"))?;
    let addr = |at: usize| -> Option<IpAddr> {
        match family {
            2 => {
                let b: [u8; 4] = msg.get(at..at + 4)?.try_into().ok()?;
                Some(IpAddr::V4(Ipv4Addr::from(b)))
            }
            10 => {
                let b: [u8; 16] = msg.get(at..at + 16)?.try_into().ok()?;
                Some(IpAddr::V6(Ipv6Addr::from(b)))
            }
            _ => None,
        }
    };
    let bad = || err("bad inet_diag_msg");
    let sport = u16_be(msg, 4).ok_or_else(bad)?;
    let dport = u16_be(msg, 6).ok_or_else(bad)?;
    let src = addr(8).ok_or_else(|| err("unknown address family"))?;
    let dst = addr(24).ok_or_else(bad)?;
    let inode = u32_ne(msg, 68).ok_or_else(bad)?;
    Ok(InetSocket {
        local: (src, sport),
        remote: (dst, dport),
        state,
        inode: u64::from(inode),
    })
}

/// Decodes one `unix_diag_msg` with its attributes. The `UNIX_DIAG_NAME` attribute is
/// rendered as `/proc/net/unix` prints it: a path without its trailing NUL, or `@` and
/// the abstract name, with NUL bytes shown as `@`.
pub fn parse_unix(msg: &[u8]) -> Result<UnixSocket> {
    let err = |what: &str| Error::parse(FILE, None, what);
    if msg.len() < UNIX_DIAG_MSG_LEN {
        return Err(err("unix_diag_msg too short"));
    }
    let sock_type = u16::from(msg.get(1).copied().ok_or_else(|| err("no type"))?);
    let inode = u32_ne(msg, 4).ok_or_else(|| err("no inode"))?;
    let mut path = Vec::new();
    let mut at = UNIX_DIAG_MSG_LEN;
    while at + 4 <= msg.len() {
        let len = usize::from(u16_ne(msg, at).ok_or_else(|| err("bad attribute"))?);
        let kind = u16_ne(msg, at + 2).ok_or_else(|| err("bad attribute"))?;
        if len < 4 {
            return Err(err("bad attribute length"));
        }
        let data = msg
            .get(at + 4..at + len)
            .ok_or_else(|| err("truncated attribute"))?;
        if kind == UNIX_DIAG_NAME {
            path = proc_style_name(data);
        }
        at += (len + 3) & !3;
    }
    Ok(UnixSocket {
        sock_type,
        inode: u64::from(inode),
        path,
    })
}

/// `sun_path` bytes as the kernel's `unix_seq_show` prints them.
fn proc_style_name(name: &[u8]) -> Vec<u8> {
    let body: &[u8] = match name.split_first() {
        None => return Vec::new(),
        // abstract: '@' then the rest
        Some((0, rest)) => {
            let mut v = vec![b'@'];
            v.extend(rest.iter().map(|&c| if c == 0 { b'@' } else { c }));
            return v;
        }
        // pathname: the kernel drops the last byte (the terminating NUL)
        Some(_) => name.split_last().map(|(_, b)| b).unwrap_or_default(),
    };
    body.iter()
        .map(|&c| if c == 0 { b'@' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inet_msg(family: u8, state: u8, src: &[u8], sport: u16, inode: u32) -> Vec<u8> {
        let mut m = vec![0u8; INET_DIAG_MSG_LEN];
        m[0] = family;
        m[1] = state;
        m[4..6].copy_from_slice(&sport.to_be_bytes());
        m[8..8 + src.len()].copy_from_slice(src);
        m[68..72].copy_from_slice(&inode.to_ne_bytes());
        m
    }

    #[test]
    fn inet_messages() {
        let s = parse_inet(&inet_msg(2, 10, &[127, 0, 0, 1], 8080, 42)).unwrap();
        assert_eq!(s.local, ("127.0.0.1".parse().unwrap(), 8080));
        assert_eq!(s.remote, ("0.0.0.0".parse().unwrap(), 0));
        assert_eq!((s.state, s.inode), (10, 42));
        let v6: Ipv6Addr = "fe80::1".parse().unwrap();
        let s = parse_inet(&inet_msg(10, 1, &v6.octets(), 22, 7)).unwrap();
        assert_eq!(s.local, (IpAddr::V6(v6), 22));
        assert!(parse_inet(&inet_msg(1, 1, &[], 0, 0)).is_err());
        let m = inet_msg(2, 10, &[127, 0, 0, 1], 8080, 42);
        for i in 0..m.len() {
            assert!(parse_inet(&m[..i]).is_err());
        }
    }

    fn unix_msg(ty: u8, inode: u32, name: Option<&[u8]>) -> Vec<u8> {
        let mut m = vec![0u8; UNIX_DIAG_MSG_LEN];
        m[0] = 1;
        m[1] = ty;
        m[4..8].copy_from_slice(&inode.to_ne_bytes());
        // an unrelated attribute first (UNIX_DIAG_PEER = 2, u32)
        m.extend_from_slice(&8u16.to_ne_bytes());
        m.extend_from_slice(&2u16.to_ne_bytes());
        m.extend_from_slice(&9u32.to_ne_bytes());
        if let Some(n) = name {
            m.extend_from_slice(&((4 + n.len()) as u16).to_ne_bytes());
            m.extend_from_slice(&0u16.to_ne_bytes());
            m.extend_from_slice(n);
            while !m.len().is_multiple_of(4) {
                m.push(0);
            }
        }
        m
    }

    #[test]
    fn unix_messages() {
        let s = parse_unix(&unix_msg(1, 5, None)).unwrap();
        assert_eq!((s.sock_type, s.inode, s.path.len()), (1, 5, 0));
        let s = parse_unix(&unix_msg(2, 6, Some(b"/run/x.sock\0"))).unwrap();
        assert_eq!(s.path, b"/run/x.sock");
        let s = parse_unix(&unix_msg(5, 7, Some(b"\0abs\0x"))).unwrap();
        assert_eq!(s.path, b"@abs@x");
        // truncated attribute
        let mut m = unix_msg(1, 5, Some(b"/a\0"));
        m.truncate(m.len() - 2);
        assert!(parse_unix(&m).is_err());
        let m = unix_msg(1, 5, Some(b"/abc\0"));
        for i in 0..m.len() {
            let _ = parse_unix(&m[..i]);
        }
    }
}
