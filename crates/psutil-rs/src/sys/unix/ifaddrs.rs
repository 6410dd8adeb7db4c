#![allow(unsafe_code)]
//! `getifaddrs(3)`: the addresses of every network interface, formatted as psutil's C
//! extension formats them (`getnameinfo(NI_NUMERICHOST)` for IP addresses, `aa:bb:..`
//! for link-layer addresses).

use std::ffi::CStr;
use std::io;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// One `struct ifaddrs` entry whose address psutil can format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IfAddr {
    /// `ifa_name`.
    pub name: String,
    /// `ifa_addr->sa_family`.
    pub family: u16,
    /// The formatted `ifa_addr`.
    pub address: String,
    /// The formatted `ifa_netmask`, if any.
    pub netmask: Option<String>,
    /// The formatted `ifa_broadaddr`, only when `IFF_BROADCAST` is set.
    pub broadcast: Option<String>,
    /// The formatted `ifa_dstaddr`, only when `IFF_POINTOPOINT` is set (and not
    /// `IFF_BROADCAST`).
    pub ptp: Option<String>,
}

/// Calls `getifaddrs(3)` and formats each entry. Entries without an address, or whose
/// family is not `AF_INET`, `AF_INET6` or the link layer's (`AF_PACKET` on Linux,
/// `AF_LINK` on the BSDs and macOS), or whose link-layer address is empty, are skipped
/// (as psutil does).
pub(crate) fn getifaddrs() -> Result<Vec<IfAddr>> {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: `head` is a valid out-pointer; on success it receives a list that we free
    // with freeifaddrs below and do not use afterwards.
    let rc = unsafe { libc::getifaddrs(&mut head) };
    if rc != 0 {
        return Err(Error::from_io(
            io::Error::last_os_error(),
            PathBuf::from("getifaddrs"),
        ));
    }
    let mut out = Vec::new();
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a non-null node of the list returned by getifaddrs, valid
        // until freeifaddrs.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        if let Some(entry) = convert(ifa) {
            out.push(entry);
        }
    }
    // SAFETY: `head` came from a successful getifaddrs and is freed exactly once.
    unsafe { libc::freeifaddrs(head) };
    Ok(out)
}

fn convert(ifa: &libc::ifaddrs) -> Option<IfAddr> {
    if ifa.ifa_addr.is_null() || ifa.ifa_name.is_null() {
        return None;
    }
    // SAFETY: ifa_addr is non-null and points to at least a `sockaddr` header.
    let raw_family = unsafe { (*ifa.ifa_addr).sa_family };
    // `sa_family_t` is 16 bits on Linux, 8 on macOS and the BSDs.
    #[allow(clippy::useless_conversion)]
    let family = u16::from(raw_family);
    let address = format_sockaddr(ifa.ifa_addr, family)?;
    // SAFETY: ifa_name is a non-null NUL-terminated string owned by the list.
    let name = unsafe { CStr::from_ptr(ifa.ifa_name) }
        .to_string_lossy()
        .into_owned();
    let netmask = format_sockaddr(ifa.ifa_netmask, family);
    let flags = ifa.ifa_flags;
    let (mut broadcast, mut ptp) = (None, None);
    // One field holds the broadcast or the peer address, told apart by the flags (glibc's
    // union `ifa_ifu`; the BSDs' `ifa_dstaddr`, aliased `ifa_broadaddr`).
    #[cfg(target_os = "linux")]
    let other = ifa.ifa_ifu;
    #[cfg(not(target_os = "linux"))]
    let other = ifa.ifa_dstaddr;
    if flags & (libc::IFF_BROADCAST as u32) != 0 {
        broadcast = format_sockaddr(other, family);
    } else if flags & (libc::IFF_POINTOPOINT as u32) != 0 {
        ptp = format_sockaddr(other, family);
    }
    Some(IfAddr {
        name,
        family,
        address,
        netmask,
        broadcast,
        ptp,
    })
}

/// Formats one address of the given family; `None` for a null pointer, an unknown
/// family or an empty link-layer address.
fn format_sockaddr(sa: *const libc::sockaddr, family: u16) -> Option<String> {
    if sa.is_null() {
        return None;
    }
    let family = i32::from(family);
    if family == LINK_FAMILY {
        let bytes = link_address(sa)?;
        if bytes.is_empty() {
            return None;
        }
        let parts: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        return Some(parts.join(":"));
    }
    let len = if family == libc::AF_INET {
        std::mem::size_of::<libc::sockaddr_in>()
    } else if family == libc::AF_INET6 {
        std::mem::size_of::<libc::sockaddr_in6>()
    } else {
        return None;
    };
    // (`NI_MAXHOST` is a `c_uint` on Linux, a `usize` on FreeBSD.)
    #[allow(clippy::unnecessary_cast)]
    let mut host = [0 as libc::c_char; libc::NI_MAXHOST as usize];
    // SAFETY: `sa` points to a sockaddr_in/sockaddr_in6 of `len` bytes (the family says
    // which), `host` is a writable buffer of the length passed, and no service buffer
    // is requested.
    let rc = unsafe {
        libc::getnameinfo(
            sa,
            len as libc::socklen_t,
            host.as_mut_ptr(),
            // `socklen_t` on Linux and macOS, `size_t` on FreeBSD
            host.len() as _,
            std::ptr::null_mut(),
            0,
            libc::NI_NUMERICHOST,
        )
    };
    if rc != 0 {
        return None;
    }
    // SAFETY: on success getnameinfo wrote a NUL-terminated string into `host`.
    let s = unsafe { CStr::from_ptr(host.as_ptr()) };
    Some(s.to_string_lossy().into_owned())
}

/// The family of link-layer entries: `AF_PACKET` on Linux.
#[cfg(target_os = "linux")]
const LINK_FAMILY: i32 = libc::AF_PACKET;
/// The family of link-layer entries: `AF_LINK` on the BSDs and macOS.
#[cfg(not(target_os = "linux"))]
const LINK_FAMILY: i32 = libc::AF_LINK;

/// The hardware address bytes of a Linux link-layer entry (`struct sockaddr_ll`).
#[cfg(target_os = "linux")]
fn link_address(sa: *const libc::sockaddr) -> Option<Vec<u8>> {
    // SAFETY: for AF_PACKET entries glibc stores a `sockaddr_ll` (its own storage in
    // the ifaddrs block, large enough for the struct).
    let ll = unsafe { &*(sa as *const libc::sockaddr_ll) };
    let len = usize::from(ll.sll_halen).min(ll.sll_addr.len());
    ll.sll_addr.get(..len).map(<[u8]>::to_vec)
}

/// The hardware address bytes of a BSD link-layer entry (`struct sockaddr_dl`: the
/// interface name, `sdl_nlen` bytes, then the address, `sdl_alen` bytes, from
/// `sdl_data`; the record is `sdl_len` bytes long and may extend past the declared
/// array).
#[cfg(not(target_os = "linux"))]
fn link_address(sa: *const libc::sockaddr) -> Option<Vec<u8>> {
    let dl = sa as *const libc::sockaddr_dl;
    // SAFETY: for AF_LINK entries the C library stores a `sockaddr_dl` whose fixed
    // header is always present.
    let (total, nlen, alen) = unsafe { ((*dl).sdl_len, (*dl).sdl_nlen, (*dl).sdl_alen) };
    let data_offset = std::mem::offset_of!(libc::sockaddr_dl, sdl_data);
    let start = data_offset + usize::from(nlen);
    let end = start + usize::from(alen);
    if end > usize::from(total).max(std::mem::size_of::<libc::sockaddr_dl>()) {
        return None;
    }
    // SAFETY: `start..end` lies within the record's `sdl_len` bytes (or the declared
    // struct), checked above; the bytes are plain data.
    let bytes = unsafe { std::slice::from_raw_parts((dl as *const u8).add(start), end - start) };
    Some(bytes.to_vec())
}
