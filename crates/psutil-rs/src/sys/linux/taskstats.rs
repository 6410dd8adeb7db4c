//! The `TASKSTATS` generic netlink family: per-process delay accounting (what iotop
//! reads). Asking about another process needs `CAP_NET_ADMIN`.

use std::sync::OnceLock;

use rustix::net::netlink::GENERIC;
use rustix::net::SocketType;

use super::netlink::{self, Netlink, NLMSG_ERROR, NLM_F_REQUEST};
use crate::error::{Error, Result};
use crate::parse::taskstats::{
    self, TaskDelays, CTRL_ATTR_FAMILY_NAME, CTRL_CMD_GETFAMILY, GENL_ID_CTRL,
    TASKSTATS_CMD_ATTR_TGID, TASKSTATS_CMD_GET,
};

/// Sends one generic netlink request (`genlmsghdr` of `cmd`, version 1, then the one
/// attribute `attr` = `value`) to `family` and returns the payload of the reply.
fn request(socket: &Netlink, family: u16, cmd: u8, attr: u16, value: &[u8]) -> Result<Vec<u8>> {
    let mut body = vec![cmd, 1, 0, 0];
    body.extend(taskstats::attribute(attr, value)?);
    socket.send(family, NLM_F_REQUEST, &body)?;
    let mut buf = vec![0u8; 16 * 1024];
    let data = socket.recv(&mut buf)?;
    let reply = netlink::messages(data, "taskstats")
        .next()
        .ok_or_else(|| Error::parse("taskstats", None, "short netlink reply"))??;
    if reply.msg_type == NLMSG_ERROR {
        if let Some(e) = socket.error_in(reply.payload) {
            return Err(e);
        }
    }
    Ok(reply.payload.to_vec())
}

/// The delay counters of process `tgid` (summed over its threads), by
/// `TASKSTATS_CMD_GET` with `TASKSTATS_CMD_ATTR_TGID`.
pub(crate) fn delays(tgid: u32) -> Result<TaskDelays> {
    static FAMILY: OnceLock<u16> = OnceLock::new();
    let socket = Netlink::open(SocketType::RAW, GENERIC, "netlink taskstats")?;
    let family = match FAMILY.get() {
        Some(f) => *f,
        None => {
            let reply = request(
                &socket,
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
        &socket,
        family,
        TASKSTATS_CMD_GET,
        TASKSTATS_CMD_ATTR_TGID,
        &tgid.to_ne_bytes(),
    )?;
    taskstats::delays(&reply)
}
