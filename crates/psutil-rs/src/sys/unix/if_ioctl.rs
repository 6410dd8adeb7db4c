#![allow(unsafe_code)]
//! The interface ioctls of `net_if_stats()` on macOS and the BSDs, on an `AF_INET`
//! datagram socket: `SIOCGIFFLAGS` (flags), `SIOCGIFMTU` (MTU) and `SIOCGIFMEDIA` (the
//! active media word, decoded into speed and duplex by each backend's parser, since the
//! media subtype numbers differ between macOS and FreeBSD). The request numbers are
//! `_IOWR('i', n, struct)` of `<sys/sockio.h>`, the same on both.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// `IFNAMSIZ` of `<net/if.h>`: the name field of `struct ifreq` / `struct ifmediareq`.
const IFNAMSIZ: usize = 16;
/// `sizeof(struct ifreq)`: the name and a 16-byte union (macOS and FreeBSD).
const IFREQ_LEN: usize = 32;
/// Offset of the union in `struct ifreq` (`ifr_flags` is a `short` there, `ifr_mtu`
/// an `int`).
const IFRU_OFFSET: usize = IFNAMSIZ;

/// `struct ifmediareq` of `<net/if.h>` (macOS and FreeBSD lay it out the same way).
#[repr(C)]
struct IfMediaReq {
    /// `ifm_name`.
    name: [libc::c_char; IFNAMSIZ],
    /// `ifm_current`.
    current: libc::c_int,
    /// `ifm_mask`.
    mask: libc::c_int,
    /// `ifm_status`.
    status: libc::c_int,
    /// `ifm_active`: the media word in use.
    active: libc::c_int,
    /// `ifm_count`: the length of `ifm_ulist` (0: not asked for).
    count: libc::c_int,
    /// `ifm_ulist`.
    ulist: *mut libc::c_int,
}

/// `_IOWR(group, num, len)` of `<sys/ioccom.h>`: `IOC_INOUT | len << 16 | group << 8 | num`.
const fn iowr(group: u8, num: u8, len: usize) -> libc::c_ulong {
    const IOC_INOUT: u32 = 0xC000_0000;
    const IOCPARM_MASK: u32 = 0x1fff;
    (IOC_INOUT | (((len as u32) & IOCPARM_MASK) << 16) | ((group as u32) << 8) | num as u32)
        as libc::c_ulong
}

/// `SIOCGIFFLAGS`: `_IOWR('i', 17, struct ifreq)`.
const SIOCGIFFLAGS: libc::c_ulong = iowr(b'i', 17, IFREQ_LEN);
/// `SIOCGIFMTU`: `_IOWR('i', 51, struct ifreq)`.
const SIOCGIFMTU: libc::c_ulong = iowr(b'i', 51, IFREQ_LEN);
/// `SIOCGIFMEDIA`: `_IOWR('i', 56, struct ifmediareq)`.
const SIOCGIFMEDIA: libc::c_ulong = iowr(b'i', 56, std::mem::size_of::<IfMediaReq>());

/// What the three ioctls say about one interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IfStatus {
    /// `ifr_flags` of `SIOCGIFFLAGS` (the low 16 bits, as psutil reads them).
    pub flags: u32,
    /// `ifr_mtu` of `SIOCGIFMTU`.
    pub mtu: i32,
    /// `ifm_active` of `SIOCGIFMEDIA`; `None` when the interface has no media
    /// (`EINVAL`, `ENOTTY`, `EOPNOTSUPP`: loopback, bridges, tunnels).
    pub media: Option<i32>,
}

/// An `AF_INET` datagram socket to ask interfaces about themselves.
pub(crate) struct IfSocket(OwnedFd);

impl IfSocket {
    /// `socket(AF_INET, SOCK_DGRAM, 0)`.
    pub(crate) fn open() -> io::Result<IfSocket> {
        // SAFETY: plain socket(2) call with constant arguments.
        let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` is a new descriptor this function owns.
        Ok(IfSocket(unsafe { OwnedFd::from_raw_fd(fd) }))
    }

    /// Flags, MTU and media of the interface `name`. Errors are the ioctls' errno
    /// (`ENXIO`/`ENODEV` when the interface went away); a name that does not fit
    /// `IFNAMSIZ` is `EINVAL`.
    pub(crate) fn status(&self, name: &str) -> io::Result<IfStatus> {
        let raw = name_field(name)?;
        let flags = self.ifreq(SIOCGIFFLAGS, &raw)?;
        let mtu = self.ifreq(SIOCGIFMTU, &raw)?;
        let flags_word = u16::from_ne_bytes([flags[IFRU_OFFSET], flags[IFRU_OFFSET + 1]]);
        let mtu_word = i32::from_ne_bytes([
            mtu[IFRU_OFFSET],
            mtu[IFRU_OFFSET + 1],
            mtu[IFRU_OFFSET + 2],
            mtu[IFRU_OFFSET + 3],
        ]);
        Ok(IfStatus {
            flags: u32::from(flags_word),
            mtu: mtu_word,
            media: self.media(&raw)?,
        })
    }

    /// One `struct ifreq` ioctl on `name`; the whole struct back.
    fn ifreq(
        &self,
        request: libc::c_ulong,
        name: &[libc::c_char; IFNAMSIZ],
    ) -> io::Result<[u8; IFREQ_LEN]> {
        let mut req = [0u8; IFREQ_LEN];
        for (dst, src) in req.iter_mut().zip(name.iter()) {
            *dst = *src as u8;
        }
        // SAFETY: `req` is a zeroed `struct ifreq` (IFREQ_LEN bytes) with the name set;
        // the request reads and writes only that struct.
        let rc = unsafe { libc::ioctl(self.0.as_raw_fd(), request, req.as_mut_ptr()) };
        if rc < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(req)
    }

    /// `SIOCGIFMEDIA`'s active word; `None` for interfaces without media.
    fn media(&self, name: &[libc::c_char; IFNAMSIZ]) -> io::Result<Option<i32>> {
        let mut req = IfMediaReq {
            name: *name,
            current: 0,
            mask: 0,
            status: 0,
            active: 0,
            count: 0,
            ulist: std::ptr::null_mut(),
        };
        // SAFETY: `req` is a valid `struct ifmediareq` with `ifm_count` 0 and a null
        // list, so the kernel writes only the struct itself.
        let rc = unsafe { libc::ioctl(self.0.as_raw_fd(), SIOCGIFMEDIA, &mut req) };
        if rc < 0 {
            let e = io::Error::last_os_error();
            return match e.raw_os_error() {
                Some(libc::EINVAL | libc::ENOTTY | libc::EOPNOTSUPP) => Ok(None),
                _ => Err(e),
            };
        }
        Ok(Some(req.active))
    }
}

/// `name` as the NUL-padded `IFNAMSIZ` field; `EINVAL` when it does not fit or holds a
/// NUL (the kernel would cut it and describe another interface).
fn name_field(name: &str) -> io::Result<[libc::c_char; IFNAMSIZ]> {
    if name.len() >= IFNAMSIZ || name.contains('\0') {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    let mut out = [0 as libc::c_char; IFNAMSIZ];
    for (dst, src) in out.iter_mut().zip(name.bytes()) {
        *dst = src as libc::c_char;
    }
    Ok(out)
}

/// psutil's words for the `IFF_*` bits this platform's `<net/if.h>` defines, in
/// psutil's order (up, broadcast, debug, loopback, pointopoint, notrailers, running,
/// noarp, promisc, allmulti, multicast, oactive, simplex, link0, link1, link2; no
/// master, slave, portsel, automedia, dynamic or d2 on macOS and FreeBSD).
const FLAG_NAMES: &[(libc::c_int, &str)] = &[
    (libc::IFF_UP, "up"),
    (libc::IFF_BROADCAST, "broadcast"),
    (libc::IFF_DEBUG, "debug"),
    (libc::IFF_LOOPBACK, "loopback"),
    (libc::IFF_POINTOPOINT, "pointopoint"),
    #[cfg(target_os = "macos")]
    (libc::IFF_NOTRAILERS, "notrailers"),
    (libc::IFF_RUNNING, "running"),
    (libc::IFF_NOARP, "noarp"),
    (libc::IFF_PROMISC, "promisc"),
    (libc::IFF_ALLMULTI, "allmulti"),
    (libc::IFF_MULTICAST, "multicast"),
    (libc::IFF_OACTIVE, "oactive"),
    (libc::IFF_SIMPLEX, "simplex"),
    (libc::IFF_LINK0, "link0"),
    (libc::IFF_LINK1, "link1"),
    (libc::IFF_LINK2, "link2"),
];

/// `IFF_RUNNING`: psutil's `isup` on macOS and the BSDs.
pub(crate) const IFF_RUNNING: u32 = libc::IFF_RUNNING as u32;

/// The flags as psutil's comma-separated words.
pub(crate) fn flags_string(flags: u32) -> String {
    let names: Vec<&str> = FLAG_NAMES
        .iter()
        .filter(|(bit, _)| flags & (*bit as u32) != 0)
        .map(|(_, n)| *n)
        .collect();
    names.join(",")
}
