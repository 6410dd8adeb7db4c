#![allow(unsafe_code)]
//! The descriptors of a process: `proc_pidinfo(PROC_PIDLISTFDS)`, then
//! `proc_pidfdinfo` per descriptor (`PROC_PIDFDVNODEPATHINFO` for files,
//! `PROC_PIDFDSOCKETINFO` for sockets): open_files, num_fds, net_connections.

use std::ffi::OsString;
use std::io;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use super::handle::pidinfo;
use super::types::{OpenFile, ProcessConnection};
use crate::error::{Error, Result};
use crate::net::connections::inet_addr;
use crate::net::connections::ConnAddr;
use crate::net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType, Table};
use crate::parse::macos::fdinfo::{
    self, FdEntry, SocketAddrs, PROC_FDINFO_LEN, PROX_FDTYPE_SOCKET, PROX_FDTYPE_VNODE,
    VNODE_FDINFOWITHPATH_LEN,
};
use crate::process::Process;

/// `PROC_PIDLISTFDS`.
const PROC_PIDLISTFDS: i32 = 1;
/// `PROC_PIDFDVNODEPATHINFO`.
const PROC_PIDFDVNODEPATHINFO: i32 = 2;
/// `PROC_PIDFDSOCKETINFO`.
const PROC_PIDFDSOCKETINFO: i32 = 3;
/// Room for a `struct socket_fdinfo` (792 bytes on LP64) and then some.
const SOCKET_FDINFO_BUF: usize = 1024;

/// The descriptor list: the size asked first (a null buffer), then read with room for
/// a few more.
fn fd_list(p: &Process) -> Result<Vec<FdEntry>> {
    let ipid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    // SAFETY: a null buffer asks for the size; errno cleared first.
    let size = unsafe {
        *libc::__error() = 0;
        libc::proc_pidinfo(ipid, PROC_PIDLISTFDS, 0, std::ptr::null_mut(), 0)
    };
    if size <= 0 {
        let e = io::Error::last_os_error();
        return Err(match e.raw_os_error() {
            Some(0) | None => p.gone_or_zombie(p.denied_error()),
            _ => p.os_error(e, "proc_pidinfo(PROC_PIDLISTFDS)"),
        });
    }
    let len = usize::try_from(size).unwrap_or(0) + 16 * PROC_FDINFO_LEN;
    let b = pidinfo(p.pid, PROC_PIDLISTFDS, 0, len)
        .map_err(|e| p.os_error(e, "proc_pidinfo(PROC_PIDLISTFDS)"))?;
    Ok(fdinfo::parse_fd_list(&b))
}

/// `proc_pidfdinfo(pid, fd, flavor)` into `len` bytes; `None` when the descriptor was
/// closed meanwhile (`ENOENT`, `EBADF`) or is not what was asked (`EOPNOTSUPP`).
fn fd_info(p: &Process, fd: i32, flavor: i32, len: usize) -> Result<Option<Vec<u8>>> {
    let ipid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    let mut buf = vec![0u64; len.div_ceil(8)];
    let size = libc::c_int::try_from(buf.len() * 8).unwrap_or(libc::c_int::MAX);
    // SAFETY: `buf` is writable for `size` bytes; errno cleared first.
    let n = unsafe {
        *libc::__error() = 0;
        libc::proc_pidfdinfo(ipid, fd, flavor, buf.as_mut_ptr().cast(), size)
    };
    if n <= 0 {
        let e = io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::ENOENT | libc::EBADF | libc::EOPNOTSUPP) => Ok(None),
            Some(0) | None => Err(p.gone_or_zombie(p.denied_error())),
            _ => Err(p.os_error(e, "proc_pidfdinfo")),
        };
    }
    let mut bytes: Vec<u8> = buf.iter().flat_map(|w| w.to_ne_bytes()).collect();
    bytes.truncate(usize::try_from(n).unwrap_or(0));
    Ok(Some(bytes))
}

/// psutil's `open_files()`: the vnode descriptors whose path is a regular file; `[]`
/// for pid 0.
pub(crate) fn open_files(p: &Process) -> Result<Vec<OpenFile>> {
    if p.pid == 0 {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for e in fd_list(p)? {
        if e.fdtype != PROX_FDTYPE_VNODE {
            continue;
        }
        let Some(b) = fd_info(p, e.fd, PROC_PIDFDVNODEPATHINFO, VNODE_FDINFOWITHPATH_LEN)? else {
            continue;
        };
        let path = PathBuf::from(OsString::from_vec(fdinfo::parse_vnode_fd_path(&b)?));
        // psutil keeps regular files only (`isfile_strict`: stat, EPERM/EACCES raise)
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => out.push(OpenFile { path, fd: e.fd }),
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::PermissionDenied => {
                return Err(p.denied_error())
            }
            Err(_) => {}
        }
    }
    Ok(out)
}

/// psutil's `num_fds()`: the length of the descriptor list; 0 for pid 0.
pub(crate) fn num_fds(p: &Process) -> Result<usize> {
    if p.pid == 0 {
        return Ok(0);
    }
    Ok(fd_list(p)?.len())
}

/// The table a socket belongs to, by family and type.
fn table_of(family: i32, sock_type: i32) -> Option<Table> {
    Some(match (family, sock_type) {
        (libc::AF_INET, libc::SOCK_STREAM) => Table::Tcp4,
        (libc::AF_INET6, libc::SOCK_STREAM) => Table::Tcp6,
        (libc::AF_INET, libc::SOCK_DGRAM) => Table::Udp4,
        (libc::AF_INET6, libc::SOCK_DGRAM) => Table::Udp6,
        (libc::AF_UNIX, _) => Table::Unix,
        _ => return None,
    })
}

/// psutil's `net_connections(kind)`: the socket descriptors whose family and type the
/// kind covers; `[]` for pid 0.
pub(crate) fn net_connections(p: &Process, kind: ConnectionKind) -> Result<Vec<ProcessConnection>> {
    if p.pid == 0 {
        return Ok(Vec::new());
    }
    let tables = kind.tables();
    let mut out = Vec::new();
    for e in fd_list(p)? {
        if e.fdtype != PROX_FDTYPE_SOCKET {
            continue;
        }
        let Some(b) = fd_info(p, e.fd, PROC_PIDFDSOCKETINFO, SOCKET_FDINFO_BUF)? else {
            continue;
        };
        let s = fdinfo::parse_socket(&b)?;
        let Some(table) = table_of(s.family, s.sock_type) else {
            continue;
        };
        if !tables.contains(&table) {
            continue;
        }
        let (laddr, raddr, status) = match s.addrs {
            SocketAddrs::Inet {
                laddr,
                lport,
                raddr,
                rport,
                tcp_state,
            } => (
                inet_addr((laddr, lport)),
                inet_addr((raddr, rport)),
                tcp_state
                    .and_then(fdinfo::tcp_status)
                    .unwrap_or(ConnectionStatus::None),
            ),
            SocketAddrs::Unix { path, peer } => (
                ConnAddr::Unix(OsString::from_vec(path)),
                ConnAddr::Unix(OsString::from_vec(peer)),
                ConnectionStatus::None,
            ),
            SocketAddrs::Other => continue,
        };
        let family =
            u16::try_from(s.family).map_err(|_| Error::parse("socket_fdinfo", None, "family"))?;
        let sock_type =
            u16::try_from(s.sock_type).map_err(|_| Error::parse("socket_fdinfo", None, "type"))?;
        out.push(ProcessConnection {
            fd: e.fd,
            family: AddressFamily::from_raw(family),
            r#type: SocketType::from_raw(sock_type),
            laddr,
            raddr,
            status,
        });
    }
    Ok(out)
}
