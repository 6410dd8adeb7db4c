//! `kern.file`: one `struct xfile` (`<sys/file.h>`, 128 bytes on amd64) per open
//! descriptor of every process the caller may see: the owner (`xf_pid`, `xf_fd`) of
//! each socket (`xf_data`, the `struct socket` address the PCB lists give as
//! `xso_so`).

use crate::error::{Error, Result};

use crate::parse::bytes::{i32_at, u16_at, u64_at};

/// `sizeof(struct xfile)`.
pub const XFILE_LEN: usize = 128;
/// `xf_size` (`ksize_t`).
pub const XF_SIZE: usize = 0;
/// `xf_pid` (`pid_t`).
pub const XF_PID: usize = 8;
/// `xf_fd` (`int`).
pub const XF_FD: usize = 16;
/// `xf_type` (`short`, `DTYPE_*`).
pub const XF_TYPE: usize = 32;
/// `xf_data` (`kvaddr_t`).
pub const XF_DATA: usize = 56;
/// `DTYPE_SOCKET`.
pub const DTYPE_SOCKET: u16 = 2;

/// One socket descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketFile {
    /// `xf_pid`.
    pub pid: i32,
    /// `xf_fd`.
    pub fd: i32,
    /// `xf_data`: the `struct socket` address.
    pub so: u64,
}

/// The socket descriptors (`DTYPE_SOCKET`) of a `kern.file` buffer, whose records are
/// `xf_size` bytes each (which must be at least [`XFILE_LEN`]).
pub fn sockets(buf: &[u8]) -> Result<Vec<SocketFile>> {
    let bad = |m: &str| Error::parse("kern.file", None, m);
    let mut out = Vec::new();
    let mut rest = buf;
    while !rest.is_empty() {
        let size = u64_at(rest, XF_SIZE)
            .and_then(|s| usize::try_from(s).ok())
            .filter(|&s| s >= XFILE_LEN)
            .ok_or_else(|| bad("bad xf_size"))?;
        let (r, tail) = rest
            .split_at_checked(size)
            .ok_or_else(|| bad("truncated record"))?;
        if u16_at(r, XF_TYPE) == Some(DTYPE_SOCKET) {
            out.push(SocketFile {
                pid: i32_at(r, XF_PID).unwrap_or(0),
                fd: i32_at(r, XF_FD).unwrap_or(-1),
                so: u64_at(r, XF_DATA).unwrap_or(0),
            });
        }
        rest = tail;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xfile(pid: i32, fd: i32, ty: u16, data: u64) -> Vec<u8> {
        let mut r = vec![0u8; XFILE_LEN];
        r[0..8].copy_from_slice(&(XFILE_LEN as u64).to_le_bytes());
        r[XF_PID..XF_PID + 4].copy_from_slice(&pid.to_le_bytes());
        r[XF_FD..XF_FD + 4].copy_from_slice(&fd.to_le_bytes());
        r[XF_TYPE..XF_TYPE + 2].copy_from_slice(&ty.to_le_bytes());
        r[XF_DATA..XF_DATA + 8].copy_from_slice(&data.to_le_bytes());
        r
    }

    #[test]
    fn sockets_only() {
        let mut b = xfile(10, 3, 1, 0x1);
        b.extend(xfile(10, 4, DTYPE_SOCKET, 0xabc));
        let v = sockets(&b).unwrap();
        assert_eq!(
            v,
            vec![SocketFile {
                pid: 10,
                fd: 4,
                so: 0xabc
            }]
        );
        assert!(sockets(&b[..200]).is_err());
        assert!(sockets(&[8, 0, 0, 0, 0, 0, 0, 0]).is_err());
        assert_eq!(sockets(&[]).unwrap(), vec![]);
    }
}
