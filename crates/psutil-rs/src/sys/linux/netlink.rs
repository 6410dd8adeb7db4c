//! `NETLINK_SOCK_DIAG` dumps: the socket tables `ss(8)` reads, straight from the kernel
//! instead of through `/proc/net/*` text.

use std::io;
use std::os::fd::OwnedFd;
use std::path::PathBuf;

use rustix::net::netlink::{SocketAddrNetlink, SOCK_DIAG};
use rustix::net::{
    recv, sendto, socket_with, AddressFamily, RecvFlags, SendFlags, SocketFlags, SocketType,
};

use crate::error::{Error, Result};

/// `SOCK_DIAG_BY_FAMILY`.
const SOCK_DIAG_BY_FAMILY: u16 = 20;
const NLM_F_REQUEST: u16 = 0x1;
const NLM_F_DUMP: u16 = 0x300;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLMSG_HDRLEN: usize = 16;

/// The request body (`struct inet_diag_req_v2`) dumping every socket of one family
/// (`AF_INET`/`AF_INET6`) and protocol (`IPPROTO_TCP`/`IPPROTO_UDP`).
pub(crate) fn inet_request(family: u8, protocol: u8) -> Vec<u8> {
    let mut b = vec![family, protocol, 0, 0];
    // idiag_states: TCP_ESTABLISHED (1) .. TCP_CLOSING (11) and TCP_NEW_SYN_RECV (12),
    // the sockets /proc/net lists; not TCP_BOUND_INACTIVE (13, bound-only sockets, which
    // /proc/net/tcp does not show).
    b.extend_from_slice(&0x1ffe_u32.to_ne_bytes());
    b.extend_from_slice(&[0u8; 48]); // struct inet_diag_sockid: no filter
    b
}

/// The request body (`struct unix_diag_req`) dumping every Unix socket with its name
/// (`UDIAG_SHOW_NAME`).
pub(crate) fn unix_request() -> Vec<u8> {
    let mut b = vec![libc::AF_UNIX as u8, 0, 0, 0];
    b.extend_from_slice(&u32::MAX.to_ne_bytes()); // udiag_states: all
    b.extend_from_slice(&0u32.to_ne_bytes()); // udiag_ino
    b.extend_from_slice(&1u32.to_ne_bytes()); // udiag_show: UDIAG_SHOW_NAME
    b.extend_from_slice(&[0u8; 8]); // udiag_cookie
    b
}

fn io_err(e: impl Into<io::Error>) -> Error {
    Error::from_io(e.into(), PathBuf::from("netlink sock_diag"))
}

/// Sends one `SOCK_DIAG_BY_FAMILY` dump request with `body` and returns the payload of
/// every reply message. A kernel without the diag module for the family answers with
/// an error (typically ENOENT), returned as such.
pub(crate) fn dump(body: &[u8]) -> Result<Vec<Vec<u8>>> {
    let fd: OwnedFd = socket_with(
        AddressFamily::NETLINK,
        SocketType::DGRAM,
        SocketFlags::CLOEXEC,
        Some(SOCK_DIAG),
    )
    .map_err(io_err)?;
    const SEQ: u32 = 1;
    let len =
        u32::try_from(NLMSG_HDRLEN + body.len()).map_err(|_| Error::invalid("request too long"))?;
    let mut req = Vec::with_capacity(NLMSG_HDRLEN + body.len());
    req.extend_from_slice(&len.to_ne_bytes());
    req.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    req.extend_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
    req.extend_from_slice(&SEQ.to_ne_bytes());
    req.extend_from_slice(&0u32.to_ne_bytes());
    req.extend_from_slice(body);
    sendto(&fd, &req, SendFlags::empty(), &SocketAddrNetlink::new(0, 0)).map_err(io_err)?;

    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = loop {
            match recv(&fd, &mut buf[..], RecvFlags::empty()) {
                Ok((n, _)) => break n,
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(io_err(e)),
            }
        };
        let data = buf.get(..n).unwrap_or_default();
        if data.is_empty() {
            return Err(Error::parse("sock_diag", None, "empty netlink reply"));
        }
        let mut at = 0;
        while at + NLMSG_HDRLEN <= data.len() {
            let field = |o: usize, w: usize| data.get(at + o..at + o + w);
            let (Some(l), Some(t), Some(s)) = (field(0, 4), field(4, 2), field(8, 4)) else {
                break;
            };
            let msg_len = u32::from_ne_bytes(l.try_into().unwrap_or_default()) as usize;
            let msg_type = u16::from_ne_bytes(t.try_into().unwrap_or_default());
            let seq = u32::from_ne_bytes(s.try_into().unwrap_or_default());
            if msg_len < NLMSG_HDRLEN || at + msg_len > data.len() {
                return Err(Error::parse(
                    "sock_diag",
                    None,
                    "bad netlink message length",
                ));
            }
            let payload = data
                .get(at + NLMSG_HDRLEN..at + msg_len)
                .unwrap_or_default();
            at += (msg_len + 3) & !3;
            if seq != SEQ {
                continue;
            }
            match msg_type {
                NLMSG_DONE => return Ok(out),
                NLMSG_ERROR => {
                    let errno = payload
                        .get(..4)
                        .and_then(|b| b.try_into().ok())
                        .map(i32::from_ne_bytes)
                        .unwrap_or(-libc::EIO);
                    if errno == 0 {
                        continue; // an ACK
                    }
                    return Err(io_err(io::Error::from_raw_os_error(-errno)));
                }
                SOCK_DIAG_BY_FAMILY => out.push(payload.to_vec()),
                _ => {}
            }
        }
    }
}
