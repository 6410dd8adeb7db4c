//! `net.inet.tcp.pcblist`: a `struct xinpgen` header, one `struct xtcpcb` per TCP
//! control block (`<netinet/tcp_var.h>`, `<netinet/in_pcb.h>`, `<sys/socketvar.h>`),
//! and a trailing `xinpgen`. Decoded to each block's socket PCB address
//! (`xi_socket.so_pcb`, the same value as `kinfo_file`'s `kf_sock_pcb`) and TCP state
//! (`t_state`), which is how a descriptor's socket gets its state.

use crate::error::{Error, Result};
use crate::net::kind::ConnectionStatus;

use super::bytes::{i32_at, u64_at};

/// `xt_inp` within `struct xtcpcb` (after `ksize_t xt_len`).
pub const XT_INP: usize = 8;
/// `xi_socket` within `struct xinpcb` (after `ksize_t xi_len`).
pub const XI_SOCKET: usize = 8;
/// `so_pcb` within `struct xsocket` (after `xso_len` and `xso_so`).
pub const SO_PCB: usize = 16;
/// From the end of `xt_inp` to `t_state`: `xt_stack[TCP_FUNCTION_NAME_LEN_MAX]` (32),
/// `xt_logid[TCP_LOG_ID_LEN]` (64), `xt_cc[TCP_CA_NAME_MAX]` (16), `spare64[6]` (48).
pub const T_STATE_AFTER_INP: usize = 32 + 64 + 16 + 48;

/// One TCP control block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpBlock {
    /// `xt_inp.xi_socket.so_pcb`: the kernel address of the `inpcb`.
    pub pcb: u64,
    /// `t_state` (`TCPS_*`).
    pub state: i32,
}

fn bad(msg: &str) -> Error {
    Error::parse("net.inet.tcp.pcblist", None, msg)
}

/// Every block of the list. The header's `xig_len` gives the size of the `xinpgen`
/// header and trailer; a record no longer than that ends the list. `xi_len` (the
/// `xinpcb`'s own size) locates `t_state`.
pub fn parse(buf: &[u8]) -> Result<Vec<TcpBlock>> {
    if buf.is_empty() {
        return Ok(Vec::new());
    }
    let gen_len = u64_at(buf, 0)
        .and_then(|l| usize::try_from(l).ok())
        .filter(|&l| l >= 8)
        .ok_or_else(|| bad("no xinpgen header"))?;
    let mut out = Vec::new();
    let mut off = gen_len;
    while off < buf.len() {
        let len = u64_at(buf, off)
            .and_then(|l| usize::try_from(l).ok())
            .ok_or_else(|| bad("truncated record"))?;
        if len <= gen_len {
            break;
        }
        let rec = buf
            .get(off..off.checked_add(len).ok_or_else(|| bad("bad xt_len"))?)
            .ok_or_else(|| bad("truncated record"))?;
        let xi_len = u64_at(rec, XT_INP)
            .and_then(|l| usize::try_from(l).ok())
            .ok_or_else(|| bad("truncated xinpcb"))?;
        let state_at = XT_INP
            .checked_add(xi_len)
            .and_then(|v| v.checked_add(T_STATE_AFTER_INP))
            .ok_or_else(|| bad("bad xi_len"))?;
        out.push(TcpBlock {
            pcb: u64_at(rec, XT_INP + XI_SOCKET + SO_PCB)
                .ok_or_else(|| bad("truncated xsocket"))?,
            state: i32_at(rec, state_at).ok_or_else(|| bad("truncated xtcpcb"))?,
        });
        off += len;
    }
    Ok(out)
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

    fn record(pcb: u64, state: i32) -> Vec<u8> {
        let xi_len = 400usize;
        let len = XT_INP + xi_len + T_STATE_AFTER_INP + 4 + 100;
        let mut r = vec![0u8; len];
        r[0..8].copy_from_slice(&(len as u64).to_le_bytes());
        r[XT_INP..XT_INP + 8].copy_from_slice(&(xi_len as u64).to_le_bytes());
        let p = XT_INP + XI_SOCKET + SO_PCB;
        r[p..p + 8].copy_from_slice(&pcb.to_le_bytes());
        let s = XT_INP + xi_len + T_STATE_AFTER_INP;
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
    fn blocks() {
        let b = list(&[
            record(0xffff_f800_1234_0000, 1),
            record(0xffff_f800_5678_0000, 4),
        ]);
        let v = parse(&b).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].pcb, 0xffff_f800_1234_0000);
        assert_eq!(status(v[0].state), ConnectionStatus::Listen);
        assert_eq!(status(v[1].state), ConnectionStatus::Established);
        assert!(parse(&b[..GEN + 100]).is_err());
        assert_eq!(parse(&list(&[])).unwrap(), vec![]);
        assert!(parse(&[1]).is_err());
        assert_eq!(status(10), ConnectionStatus::TimeWait);
        assert_eq!(status(42), ConnectionStatus::None);
    }
}
