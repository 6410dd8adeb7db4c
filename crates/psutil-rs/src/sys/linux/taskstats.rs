//! The `TASKSTATS` generic netlink family: per-process delay accounting (what iotop
//! reads). Asking about another process needs `CAP_NET_ADMIN`.

use std::io;
use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::sync::OnceLock;

use rustix::net::netlink::{SocketAddrNetlink, GENERIC};
use rustix::net::{
    recv, sendto, socket_with, AddressFamily, RecvFlags, SendFlags, SocketFlags, SocketType,
};

use crate::error::{Error, Result};
use crate::parse::taskstats::{self, TaskDelays};

const NLM_F_REQUEST: u16 = 0x1;
const NLMSG_ERROR: u16 = 2;
const NLMSG_HDRLEN: usize = 16;
/// `GENL_ID_CTRL`, `CTRL_CMD_GETFAMILY`, `CTRL_ATTR_FAMILY_NAME`.
const GENL_ID_CTRL: u16 = 0x10;
const CTRL_CMD_GETFAMILY: u8 = 3;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;
/// `TASKSTATS_CMD_GET`, `TASKSTATS_CMD_ATTR_TGID`.
const TASKSTATS_CMD_GET: u8 = 1;
const TASKSTATS_CMD_ATTR_TGID: u16 = 2;

fn io_err(e: impl Into<io::Error>) -> Error {
    Error::from_io(e.into(), PathBuf::from("netlink taskstats"))
}

/// Sends one generic netlink request and returns the reply's payload.
fn request(fd: &OwnedFd, family: u16, cmd: u8, attr: u16, value: &[u8]) -> Result<Vec<u8>> {
    const SEQ: u32 = 1;
    let alen = 4 + value.len();
    let mut a = u16::try_from(alen)
        .map_err(|_| Error::invalid("attribute too long"))?
        .to_ne_bytes()
        .to_vec();
    a.extend_from_slice(&attr.to_ne_bytes());
    a.extend_from_slice(value);
    a.resize((alen + 3) & !3, 0);
    let len = u32::try_from(NLMSG_HDRLEN + 4 + a.len())
        .map_err(|_| Error::invalid("request too long"))?;
    let mut req = Vec::with_capacity(len as usize);
    req.extend_from_slice(&len.to_ne_bytes());
    req.extend_from_slice(&family.to_ne_bytes());
    req.extend_from_slice(&NLM_F_REQUEST.to_ne_bytes());
    req.extend_from_slice(&SEQ.to_ne_bytes());
    req.extend_from_slice(&0u32.to_ne_bytes());
    req.extend_from_slice(&[cmd, 1, 0, 0]); // genlmsghdr: cmd, version 1
    req.extend_from_slice(&a);
    sendto(fd, &req, SendFlags::empty(), &SocketAddrNetlink::new(0, 0)).map_err(io_err)?;
    let mut buf = vec![0u8; 16 * 1024];
    let n = loop {
        match recv(fd, &mut buf[..], RecvFlags::empty()) {
            Ok((n, _)) => break n,
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(io_err(e)),
        }
    };
    let data = buf.get(..n).unwrap_or_default();
    let head = |o: usize, w: usize| data.get(o..o + w);
    let (Some(l), Some(t)) = (head(0, 4), head(4, 2)) else {
        return Err(Error::parse("taskstats", None, "short netlink reply"));
    };
    let msg_len = u32::from_ne_bytes(l.try_into().unwrap_or_default()) as usize;
    let msg_type = u16::from_ne_bytes(t.try_into().unwrap_or_default());
    let payload = data
        .get(NLMSG_HDRLEN..msg_len.min(data.len()))
        .unwrap_or_default();
    if msg_type == NLMSG_ERROR {
        let errno = payload
            .get(..4)
            .and_then(|b| b.try_into().ok())
            .map(i32::from_ne_bytes)
            .unwrap_or(-libc::EIO);
        return Err(io_err(io::Error::from_raw_os_error(-errno)));
    }
    Ok(payload.to_vec())
}

/// The delay counters of process `tgid` (summed over its threads), by
/// `TASKSTATS_CMD_GET` with `TASKSTATS_CMD_ATTR_TGID`.
pub(crate) fn delays(tgid: u32) -> Result<TaskDelays> {
    static FAMILY: OnceLock<u16> = OnceLock::new();
    let fd = socket_with(
        AddressFamily::NETLINK,
        SocketType::RAW,
        SocketFlags::CLOEXEC,
        Some(GENERIC),
    )
    .map_err(io_err)?;
    let family = match FAMILY.get() {
        Some(f) => *f,
        None => {
            let reply = request(
                &fd,
                GENL_ID_CTRL,
                CTRL_CMD_GETFAMILY,
                CTRL_ATTR_FAMILY_NAME,
                b"TASKSTATS\0",
            )?;
            *FAMILY.get_or_init(|| taskstats::family_id(&reply).unwrap_or(0))
        }
    };
    if family == 0 {
        return Err(Error::unsupported("the TASKSTATS netlink family"));
    }
    let reply = request(
        &fd,
        family,
        TASKSTATS_CMD_GET,
        TASKSTATS_CMD_ATTR_TGID,
        &tgid.to_ne_bytes(),
    )?;
    taskstats::delays(&reply)
}
