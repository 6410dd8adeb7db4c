//! The `sysctl(CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0)` buffer: routing messages,
//! each starting with `ifm_msglen`; the `RTM_IFINFO2` ones are a `struct if_msghdr2`
//! of `<net/if.h>` (its `if_data64` counters) followed by the interface's
//! `sockaddr_dl` (its name). psutil's source for net_io_counters on macOS.

use crate::parse::bytes::{u16_at, u64_at, u8_at};

/// `RTM_IFINFO2` of `<net/route.h>`.
const RTM_IFINFO2: u8 = 0x12;
/// `ifm_type` in every routing message header.
const IFM_TYPE: usize = 3;
/// `sizeof(struct if_msghdr2)`: a 32-byte header, then `struct if_data64` (128 bytes,
/// `#pragma pack(4)`).
const IF_MSGHDR2_LEN: usize = 160;
/// `ifm_data` in `if_msghdr2`.
const IFM_DATA: usize = 32;
/// `ifi_ipackets` in `if_data64`.
const IFI_IPACKETS: usize = IFM_DATA + 24;
/// `ifi_ierrors`.
const IFI_IERRORS: usize = IFM_DATA + 32;
/// `ifi_opackets`.
const IFI_OPACKETS: usize = IFM_DATA + 40;
/// `ifi_oerrors`.
const IFI_OERRORS: usize = IFM_DATA + 48;
/// `ifi_ibytes`.
const IFI_IBYTES: usize = IFM_DATA + 64;
/// `ifi_obytes`.
const IFI_OBYTES: usize = IFM_DATA + 72;
/// `ifi_iqdrops`.
const IFI_IQDROPS: usize = IFM_DATA + 96;
/// `sdl_nlen` in the `sockaddr_dl` after the header.
const SDL_NLEN: usize = 5;
/// `sdl_data` in `sockaddr_dl` (the name, `sdl_nlen` bytes).
const SDL_DATA: usize = 8;

/// One interface's counters (`if_data64`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IfCounters {
    /// The interface name (`sdl_data`, `sdl_nlen` bytes).
    pub name: String,
    /// `ifi_obytes`.
    pub bytes_sent: u64,
    /// `ifi_ibytes`.
    pub bytes_recv: u64,
    /// `ifi_opackets`.
    pub packets_sent: u64,
    /// `ifi_ipackets`.
    pub packets_recv: u64,
    /// `ifi_ierrors`.
    pub errin: u64,
    /// `ifi_oerrors`.
    pub errout: u64,
    /// `ifi_iqdrops`.
    pub dropin: u64,
}

/// One `RTM_IFINFO2` message; `None` when it is too short for its fields.
fn decode(m: &[u8]) -> Option<IfCounters> {
    if m.len() < IF_MSGHDR2_LEN {
        return None;
    }
    let sdl = m.get(IF_MSGHDR2_LEN..)?;
    let nlen = usize::from(u8_at(sdl, SDL_NLEN)?);
    let name = sdl.get(SDL_DATA..SDL_DATA.checked_add(nlen)?)?;
    Some(IfCounters {
        name: String::from_utf8_lossy(name).into_owned(),
        bytes_sent: u64_at(m, IFI_OBYTES)?,
        bytes_recv: u64_at(m, IFI_IBYTES)?,
        packets_sent: u64_at(m, IFI_OPACKETS)?,
        packets_recv: u64_at(m, IFI_IPACKETS)?,
        errin: u64_at(m, IFI_IERRORS)?,
        errout: u64_at(m, IFI_OERRORS)?,
        dropin: u64_at(m, IFI_IQDROPS)?,
    })
}

/// Every interface of the buffer, in the kernel's order. Messages of other types are
/// skipped; a message whose length is 0 or runs past the buffer ends the walk, and a
/// `RTM_IFINFO2` too short for its fields is skipped.
pub fn parse(b: &[u8]) -> Vec<IfCounters> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while let Some(len) = u16_at(b, pos) {
        let len = usize::from(len);
        let Some(m) = pos.checked_add(len).and_then(|end| b.get(pos..end)) else {
            break;
        };
        if len == 0 {
            break;
        }
        if u8_at(m, IFM_TYPE) == Some(RTM_IFINFO2) {
            if let Some(c) = decode(m) {
                out.push(c);
            }
        }
        pos += len;
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An `RTM_IFINFO2` message for `name` with counters derived from `seed`.
    pub(crate) fn message(name: &str, seed: u64) -> Vec<u8> {
        let mut m = vec![0u8; IF_MSGHDR2_LEN + SDL_DATA + name.len()];
        let len = m.len() as u16;
        m[0..2].copy_from_slice(&len.to_le_bytes());
        m[IFM_TYPE] = RTM_IFINFO2;
        for (i, at) in [
            IFI_IPACKETS,
            IFI_IERRORS,
            IFI_OPACKETS,
            IFI_OERRORS,
            IFI_IBYTES,
            IFI_OBYTES,
            IFI_IQDROPS,
        ]
        .into_iter()
        .enumerate()
        {
            m[at..at + 8].copy_from_slice(&(seed + i as u64).to_le_bytes());
        }
        m[IF_MSGHDR2_LEN + SDL_NLEN] = name.len() as u8;
        m[IF_MSGHDR2_LEN + SDL_DATA..].copy_from_slice(name.as_bytes());
        m
    }

    #[test]
    fn walks_messages() {
        let mut b = message("lo0", 100);
        // an RTM_NEWADDR-like message to skip
        b.extend([12, 0, 5, 0xc, 0, 0, 0, 0, 0, 0, 0, 0]);
        b.extend(message("en0", 200));
        let v = parse(&b);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].name, "lo0");
        assert_eq!(
            (v[0].packets_recv, v[0].bytes_sent, v[0].dropin),
            (100, 105, 106)
        );
        assert_eq!(v[1].name, "en0");
        // cut inside the second message: only the first
        assert_eq!(parse(&b[..b.len() - 1]).len(), 1);
        assert!(parse(&[0, 0, 0, 0]).is_empty());
        assert!(parse(&[]).is_empty());
    }
}
