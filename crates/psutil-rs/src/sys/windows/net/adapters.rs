#![allow(unsafe_code)]
//! `GetAdaptersAddresses`: the adapters psutil's Windows network functions start
//! from, copied out of the call's linked list, and `GetIfEntry2` for one of them.

use std::net::IpAddr;

use windows_sys::Win32::Foundation::{ERROR_BUFFER_OVERFLOW, ERROR_FILE_NOT_FOUND, NO_ERROR};
use windows_sys::Win32::NetworkManagement::IpHelper::{
    GetAdaptersAddresses, GetIfEntry2, GAA_FLAG_SKIP_ANYCAST, GAA_FLAG_SKIP_DNS_SERVER,
    GAA_FLAG_SKIP_MULTICAST, IP_ADAPTER_ADDRESSES_LH, MIB_IF_ROW2,
};
use windows_sys::Win32::Networking::WinSock::{AF_UNSPEC, SOCKET_ADDRESS};

use super::super::win32;
use crate::error::Result;
use crate::parse::windows::adapters::sockaddr_ip;

/// One adapter of `GetAdaptersAddresses`, copied out.
#[derive(Debug, Clone)]
pub(crate) struct Adapter {
    /// `FriendlyName`: psutil's key (under Wine the Linux interface name).
    pub friendly_name: String,
    /// `IfIndex` (IPv4), or `Ipv6IfIndex` for an IPv6-only adapter.
    pub if_index: u32,
    /// `PhysicalAddress`, `PhysicalAddressLength` bytes of it.
    pub mac: Vec<u8>,
    /// The unicast addresses with their `OnLinkPrefixLength`, in the list's order.
    pub unicast: Vec<(IpAddr, u8)>,
}

/// The bytes of a `SOCKET_ADDRESS`'s sockaddr, copied.
///
/// # Safety
/// `sa.lpSockaddr` is NULL or points to `iSockaddrLength` readable bytes.
unsafe fn sockaddr_bytes(sa: &SOCKET_ADDRESS) -> Vec<u8> {
    let len = usize::try_from(sa.iSockaddrLength).unwrap_or(0);
    if sa.lpSockaddr.is_null() || len == 0 {
        return Vec::new();
    }
    // SAFETY: the caller guarantees `len` readable bytes.
    unsafe { std::slice::from_raw_parts(sa.lpSockaddr.cast::<u8>(), len).to_vec() }
}

/// Every adapter, in the order Windows lists them. Anycast, multicast and DNS-server
/// lists are skipped (nothing psutil reports).
pub(crate) fn adapters() -> Result<Vec<Adapter>> {
    let flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    let mut size = 16 * 1024u32;
    for _ in 0..8 {
        // u64 elements: the records hold pointers and 64-bit counters.
        let mut buf = vec![0u64; (size as usize).div_ceil(8)];
        let mut got = u32::try_from(buf.len() * 8).unwrap_or(u32::MAX);
        // SAFETY: `buf` is valid (and 8-aligned) for `got` bytes.
        let rc = unsafe {
            GetAdaptersAddresses(
                u32::from(AF_UNSPEC),
                flags,
                std::ptr::null(),
                buf.as_mut_ptr().cast(),
                &mut got,
            )
        };
        if rc == ERROR_BUFFER_OVERFLOW {
            size = got.max(size.saturating_mul(2));
            continue;
        }
        if rc != NO_ERROR {
            return Err(win32::win_error(rc, "GetAdaptersAddresses"));
        }
        let mut out = Vec::new();
        let mut cur = buf.as_ptr().cast::<IP_ADAPTER_ADDRESSES_LH>();
        while !cur.is_null() {
            // SAFETY: `cur` is the list head inside `buf` or a `Next` link the call
            // wrote, all inside `buf`, which lives until the end of this block; the
            // strings and address lists it points to are inside `buf` too.
            let a = unsafe { &*cur };
            // SAFETY: FriendlyName is a NUL-terminated string (or NULL).
            let friendly_name = unsafe { win32::from_wide_ptr(a.FriendlyName) };
            // SAFETY: reading the IfIndex member of the (length, index) union.
            let v4_index = unsafe { a.Anonymous1.Anonymous.IfIndex };
            let if_index = if v4_index != 0 {
                v4_index
            } else {
                a.Ipv6IfIndex
            };
            let mac_len = (a.PhysicalAddressLength as usize).min(a.PhysicalAddress.len());
            let mac = a
                .PhysicalAddress
                .get(..mac_len)
                .unwrap_or_default()
                .to_vec();
            let mut unicast = Vec::new();
            let mut u = a.FirstUnicastAddress;
            while !u.is_null() {
                // SAFETY: a node of the unicast list inside `buf`.
                let ua = unsafe { &*u };
                // SAFETY: the node's SOCKET_ADDRESS points to its sockaddr in `buf`.
                let sa = unsafe { sockaddr_bytes(&ua.Address) };
                if let Some(ip) = sockaddr_ip(&sa) {
                    unicast.push((ip, ua.OnLinkPrefixLength));
                }
                u = ua.Next;
            }
            out.push(Adapter {
                friendly_name,
                if_index,
                mac,
                unicast,
            });
            cur = a.Next;
        }
        return Ok(out);
    }
    Err(win32::win_error(
        ERROR_BUFFER_OVERFLOW,
        "GetAdaptersAddresses",
    ))
}

/// `GetIfEntry2` for the interface `if_index`; `None` when it no longer exists.
pub(crate) fn if_entry(if_index: u32) -> Result<Option<Box<MIB_IF_ROW2>>> {
    // SAFETY: MIB_IF_ROW2 is plain data; all zero but the index, as the call wants.
    let mut row: Box<MIB_IF_ROW2> = Box::new(unsafe { std::mem::zeroed() });
    row.InterfaceIndex = if_index;
    // SAFETY: `row` is a valid, initialised MIB_IF_ROW2.
    let rc = unsafe { GetIfEntry2(&mut *row) };
    if rc == ERROR_FILE_NOT_FOUND {
        return Ok(None);
    }
    if rc != NO_ERROR {
        return Err(win32::win_error(rc, "GetIfEntry2"));
    }
    Ok(Some(row))
}
