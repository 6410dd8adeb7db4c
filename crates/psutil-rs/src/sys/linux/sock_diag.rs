//! `NETLINK_SOCK_DIAG` dumps: the socket tables `ss(8)` reads, straight from the kernel
//! instead of through `/proc/net/*` text.

use rustix::net::netlink::SOCK_DIAG;
use rustix::net::SocketType;

use super::netlink::{self, Netlink, NLMSG_DONE, NLMSG_ERROR, NLM_F_DUMP, NLM_F_REQUEST, SEQ};
use crate::error::{Error, Result};

/// `SOCK_DIAG_BY_FAMILY`.
const SOCK_DIAG_BY_FAMILY: u16 = 20;

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

/// Sends one `SOCK_DIAG_BY_FAMILY` dump request with `body` and returns the payload of
/// every reply message. A kernel without the diag module for the family answers with
/// an error (typically ENOENT), returned as such.
pub(crate) fn dump(body: &[u8]) -> Result<Vec<Vec<u8>>> {
    let socket = Netlink::open(SocketType::DGRAM, SOCK_DIAG, "netlink sock_diag")?;
    socket.send(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, body)?;
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let data = socket.recv(&mut buf)?;
        if data.is_empty() {
            return Err(Error::parse("sock_diag", None, "empty netlink reply"));
        }
        for message in netlink::messages(data, "sock_diag") {
            let message = message?;
            if message.seq != SEQ {
                continue;
            }
            match message.msg_type {
                NLMSG_DONE => return Ok(out),
                NLMSG_ERROR => {
                    if let Some(e) = socket.error_in(message.payload) {
                        return Err(e);
                    }
                }
                SOCK_DIAG_BY_FAMILY => out.push(message.payload.to_vec()),
                _ => {}
            }
        }
    }
}
