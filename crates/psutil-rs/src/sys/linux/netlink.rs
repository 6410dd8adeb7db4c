//! Netlink sockets: a request out, its reply datagrams in, split into messages. The
//! framing (`struct nlmsghdr`) shared by the `NETLINK_SOCK_DIAG` dumps (sock_diag.rs) and
//! the `TASKSTATS` generic netlink family (taskstats.rs).

use std::io;
use std::os::fd::OwnedFd;
use std::path::PathBuf;

use rustix::net::netlink::SocketAddrNetlink;
use rustix::net::{
    recv, sendto, socket_with, AddressFamily, Protocol, RecvFlags, SendFlags, SocketFlags,
    SocketType,
};

use crate::error::{Error, Result};

/// `sizeof(struct nlmsghdr)`: `nlmsg_len` (u32), `nlmsg_type` (u16), `nlmsg_flags`
/// (u16), `nlmsg_seq` (u32), `nlmsg_pid` (u32).
const NLMSG_HDRLEN: usize = 16;
/// `NLMSG_ERROR`: the payload starts with a negative errno (0 for an acknowledgement).
pub(crate) const NLMSG_ERROR: u16 = 2;
/// `NLMSG_DONE`: the end of a dump.
pub(crate) const NLMSG_DONE: u16 = 3;
/// `NLM_F_REQUEST`.
pub(crate) const NLM_F_REQUEST: u16 = 0x1;
/// `NLM_F_DUMP` (`NLM_F_ROOT | NLM_F_MATCH`).
pub(crate) const NLM_F_DUMP: u16 = 0x300;
/// The sequence number of every request: one request at a time per socket.
pub(crate) const SEQ: u32 = 1;

/// A netlink socket of one protocol, named for errors.
pub(crate) struct Netlink {
    fd: OwnedFd,
    /// What errors name as their path, e.g. `netlink sock_diag`.
    what: &'static str,
}

/// One message of a reply datagram.
pub(crate) struct Message<'a> {
    /// `nlmsg_type`.
    pub msg_type: u16,
    /// `nlmsg_seq`.
    pub seq: u32,
    /// What follows the header, up to `nlmsg_len`.
    pub payload: &'a [u8],
}

impl Netlink {
    /// `socket(AF_NETLINK, kind | SOCK_CLOEXEC, protocol)`.
    pub(crate) fn open(kind: SocketType, protocol: Protocol, what: &'static str) -> Result<Self> {
        let fd = socket_with(
            AddressFamily::NETLINK,
            kind,
            SocketFlags::CLOEXEC,
            Some(protocol),
        )
        .map_err(|e| io_error(e.into(), what))?;
        Ok(Netlink { fd, what })
    }

    /// An OS error of this socket.
    pub(crate) fn io_err(&self, e: io::Error) -> Error {
        io_error(e, self.what)
    }

    /// Sends one message to the kernel: a `nlmsghdr` of `msg_type` and `flags` with
    /// sequence number [`SEQ`], then `body`.
    pub(crate) fn send(&self, msg_type: u16, flags: u16, body: &[u8]) -> Result<()> {
        let len = u32::try_from(NLMSG_HDRLEN + body.len())
            .map_err(|_| Error::invalid("netlink request too long"))?;
        let mut req = Vec::with_capacity(NLMSG_HDRLEN + body.len());
        req.extend_from_slice(&len.to_ne_bytes());
        req.extend_from_slice(&msg_type.to_ne_bytes());
        req.extend_from_slice(&flags.to_ne_bytes());
        req.extend_from_slice(&SEQ.to_ne_bytes());
        req.extend_from_slice(&0u32.to_ne_bytes()); // nlmsg_pid: the kernel fills it
        req.extend_from_slice(body);
        sendto(
            &self.fd,
            &req,
            SendFlags::empty(),
            &SocketAddrNetlink::new(0, 0),
        )
        .map_err(|e| self.io_err(e.into()))?;
        Ok(())
    }

    /// Receives one datagram into `buf` (restarted on EINTR) and returns it.
    pub(crate) fn recv<'b>(&self, buf: &'b mut [u8]) -> Result<&'b [u8]> {
        let n = loop {
            match recv(&self.fd, &mut *buf, RecvFlags::empty()) {
                Ok((n, _)) => break n,
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(self.io_err(e.into())),
            }
        };
        Ok(buf.get(..n).unwrap_or_default())
    }

    /// The error an `NLMSG_ERROR` payload carries (its negated errno; EIO when the
    /// payload is too short to hold one), or `None` for an acknowledgement (0).
    pub(crate) fn error_in(&self, payload: &[u8]) -> Option<Error> {
        let errno = payload
            .get(..4)
            .and_then(|b| b.try_into().ok())
            .map(i32::from_ne_bytes)
            .unwrap_or(-libc::EIO);
        (errno != 0).then(|| self.io_err(io::Error::from_raw_os_error(-errno)))
    }
}

fn io_error(e: io::Error, what: &str) -> Error {
    Error::from_io(e, PathBuf::from(what))
}

/// The messages of one reply datagram, each header's `nlmsg_len` bounding its payload
/// and the next message starting at the 4-byte boundary after it. A length shorter than
/// the header or running past the datagram is an [`Error::Parse`] naming `file`.
pub(crate) fn messages<'a>(
    data: &'a [u8],
    file: &'static str,
) -> impl Iterator<Item = Result<Message<'a>>> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        if at + NLMSG_HDRLEN > data.len() {
            return None;
        }
        let field = |o: usize, w: usize| data.get(at + o..at + o + w);
        let (l, t, s) = (field(0, 4)?, field(4, 2)?, field(8, 4)?);
        let msg_len = u32::from_ne_bytes(l.try_into().ok()?) as usize;
        if msg_len < NLMSG_HDRLEN || at + msg_len > data.len() {
            at = data.len();
            return Some(Err(Error::parse(file, None, "bad netlink message length")));
        }
        let message = Message {
            msg_type: u16::from_ne_bytes(t.try_into().ok()?),
            seq: u32::from_ne_bytes(s.try_into().ok()?),
            payload: data
                .get(at + NLMSG_HDRLEN..at + msg_len)
                .unwrap_or_default(),
        };
        at += (msg_len + 3) & !3;
        Some(Ok(message))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(msg_type: u16, seq: u32, payload: &[u8]) -> Vec<u8> {
        let mut m = ((16 + payload.len()) as u32).to_ne_bytes().to_vec();
        m.extend_from_slice(&msg_type.to_ne_bytes());
        m.extend_from_slice(&0u16.to_ne_bytes());
        m.extend_from_slice(&seq.to_ne_bytes());
        m.extend_from_slice(&0u32.to_ne_bytes());
        m.extend_from_slice(payload);
        m.resize(m.len().next_multiple_of(4), 0);
        m
    }

    #[test]
    fn splits_messages_at_aligned_lengths() {
        let mut data = message(20, 1, b"abc");
        data.extend(message(NLMSG_DONE, 1, &[0; 4]));
        let got: Vec<_> = messages(&data, "x")
            .map(|m| m.map(|m| (m.msg_type, m.seq, m.payload.to_vec())))
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(got, [(20, 1, b"abc".to_vec()), (NLMSG_DONE, 1, vec![0; 4])]);
        // A trailing partial header is ignored; a bad length is an error.
        assert_eq!(messages(&data[..data.len() - 10], "x").count(), 1);
        let mut bad = message(20, 1, b"");
        bad[0] = 200;
        let e = messages(&bad, "sock_diag").next().unwrap().err().unwrap();
        assert!(e.to_string().contains("sock_diag"), "{e}");
        bad[0] = 4;
        assert!(messages(&bad, "x").next().unwrap().is_err());
        assert!(messages(&[], "x").next().is_none());
    }
}
