//! The `NET_RT_IFLIST` routing-socket dump (`sysctl(CTL_NET, PF_ROUTE, 0, 0,
//! NET_RT_IFLIST, 0)`): `RTM_IFINFO` messages (`struct if_msghdr`, `<net/if.h>`,
//! amd64: 168 bytes with its `struct if_data`), each followed by the interface's
//! `struct sockaddr_dl` (`<net/if_dl.h>`), which names it. Other messages
//! (`RTM_NEWADDR`) are skipped by their `ifm_msglen`.

use crate::error::{Error, Result};

use crate::parse::bytes::{cstr_clipped_at, i32_at, u16_at, u32_at, u64_at, u8_at};

/// `RTM_IFINFO`.
pub const RTM_IFINFO: u8 = 0x0e;
/// `sizeof(struct if_msghdr)`: where the `sockaddr_dl` starts.
pub const IF_MSGHDR_LEN: usize = 168;
/// `ifm_flags` (`int`): the interface's `IFF_*` flags.
pub const IFM_FLAGS: usize = 8;
/// `ifm_data` (`struct if_data`).
pub const IFM_DATA: usize = 16;
/// `ifi_mtu` (`u_int`) within `if_data`.
pub const IFI_MTU: usize = 8;
/// `ifi_baudrate` (`uint64_t`), bits per second.
pub const IFI_BAUDRATE: usize = 16;
/// `ifi_ipackets`.
pub const IFI_IPACKETS: usize = 24;
/// `ifi_ierrors`.
pub const IFI_IERRORS: usize = 32;
/// `ifi_opackets`.
pub const IFI_OPACKETS: usize = 40;
/// `ifi_oerrors`.
pub const IFI_OERRORS: usize = 48;
/// `ifi_ibytes`.
pub const IFI_IBYTES: usize = 64;
/// `ifi_obytes`.
pub const IFI_OBYTES: usize = 72;
/// `ifi_iqdrops`.
pub const IFI_IQDROPS: usize = 96;
/// `ifi_oqdrops`.
pub const IFI_OQDROPS: usize = 104;
/// `sdl_nlen` within `sockaddr_dl`.
pub const SDL_NLEN: usize = 5;
/// `sdl_data` within `sockaddr_dl`: the name, then the address.
pub const SDL_DATA: usize = 8;

/// One interface of the dump.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IfInfo {
    /// The name, from the `sockaddr_dl`.
    pub name: String,
    /// `ifm_flags`.
    pub flags: u32,
    /// `ifi_mtu`.
    pub mtu: u32,
    /// `ifi_baudrate`.
    pub baudrate: u64,
    /// psutil's `snetio` order: bytes_sent (`ifi_obytes`), bytes_recv (`ifi_ibytes`),
    /// packets_sent, packets_recv, errin, errout, dropin (`ifi_iqdrops`), dropout
    /// (`ifi_oqdrops`).
    pub counters: [u64; 8],
}

fn bad(msg: &str) -> Error {
    Error::parse("NET_RT_IFLIST", None, msg)
}

fn decode(m: &[u8]) -> Option<IfInfo> {
    let d = |at: usize| u64_at(m, IFM_DATA + at);
    let nlen = usize::from(u8_at(m, IF_MSGHDR_LEN + SDL_NLEN)?);
    let name = cstr_clipped_at(m, IF_MSGHDR_LEN + SDL_DATA, nlen);
    if name.len() != nlen {
        return None;
    }
    Some(IfInfo {
        name: String::from_utf8_lossy(name).into_owned(),
        flags: i32_at(m, IFM_FLAGS)? as u32,
        mtu: u32_at(m, IFM_DATA + IFI_MTU)?,
        baudrate: d(IFI_BAUDRATE)?,
        counters: [
            d(IFI_OBYTES)?,
            d(IFI_IBYTES)?,
            d(IFI_OPACKETS)?,
            d(IFI_IPACKETS)?,
            d(IFI_IERRORS)?,
            d(IFI_OERRORS)?,
            d(IFI_IQDROPS)?,
            d(IFI_OQDROPS)?,
        ],
    })
}

/// Every interface (`RTM_IFINFO` message) of the dump, in the kernel's order. A
/// message whose length is 0 or runs past the buffer, or an `RTM_IFINFO` too short for
/// its header and name, is an error.
pub fn parse(buf: &[u8]) -> Result<Vec<IfInfo>> {
    let mut out = Vec::new();
    let mut rest = buf;
    while !rest.is_empty() {
        let len = usize::from(u16_at(rest, 0).ok_or_else(|| bad("truncated message"))?);
        if len < 4 {
            return Err(bad("message length below its header"));
        }
        let (m, tail) = rest
            .split_at_checked(len)
            .ok_or_else(|| bad("truncated message"))?;
        if u8_at(m, 3) == Some(RTM_IFINFO) {
            out.push(decode(m).ok_or_else(|| bad("truncated RTM_IFINFO"))?);
        }
        rest = tail;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ifinfo(name: &[u8], obytes: u64) -> Vec<u8> {
        let len = IF_MSGHDR_LEN + SDL_DATA + name.len() + 6 + 2;
        let mut m = vec![0u8; len];
        m[0..2].copy_from_slice(&(len as u16).to_le_bytes());
        m[2] = 5;
        m[3] = RTM_IFINFO;
        m[IFM_FLAGS..IFM_FLAGS + 4].copy_from_slice(&0x8843i32.to_le_bytes());
        m[IFM_DATA + IFI_MTU..IFM_DATA + IFI_MTU + 4].copy_from_slice(&1500u32.to_le_bytes());
        m[IFM_DATA + IFI_OBYTES..IFM_DATA + IFI_OBYTES + 8].copy_from_slice(&obytes.to_le_bytes());
        m[IF_MSGHDR_LEN + SDL_NLEN] = name.len() as u8;
        m[IF_MSGHDR_LEN + SDL_DATA..IF_MSGHDR_LEN + SDL_DATA + name.len()].copy_from_slice(name);
        m
    }

    #[test]
    fn interfaces_and_other_messages() {
        let mut buf = ifinfo(b"em0", 1234);
        buf.extend([8, 0, 5, 0x0c, 0, 0, 0, 0]); // an RTM_NEWADDR, skipped
        buf.extend(ifinfo(b"lo0", 5));
        let v = parse(&buf).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].name, "em0");
        assert_eq!(v[0].mtu, 1500);
        assert_eq!(v[0].counters[0], 1234);
        assert_eq!(v[1].name, "lo0");
        assert!(parse(&buf[..buf.len() - 1]).is_err());
        assert!(parse(&[0, 0, 0, 0]).is_err());
        assert!(
            parse(&[20, 0, 5, RTM_IFINFO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err()
        );
    }
}
