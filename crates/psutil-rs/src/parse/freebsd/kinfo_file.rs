//! `struct kinfo_file` (`<sys/user.h>`, amd64, `KINFO_FILE_SIZE` 1392 bytes): the
//! records of the `kern.proc.filedesc.<pid>` sysctl (what libutil's `kinfo_getfile`
//! reads), packed: each is `kf_structsize` bytes, its `kf_path` cut after the NUL.

use crate::error::{Error, Result};

use crate::parse::bytes::{cstr_clipped_at, i32_at, u64_at};

/// `KINFO_FILE_SIZE` on amd64: the full record.
pub const KINFO_FILE_SIZE: usize = 1392;
/// `kf_structsize` (`int`).
pub const KF_STRUCTSIZE: usize = 0;
/// `kf_type` (`int`, `KF_TYPE_*`).
pub const KF_TYPE: usize = 4;
/// `kf_fd` (`int`; negative for the `KF_FD_TYPE_*` pseudo-descriptors).
pub const KF_FD: usize = 8;
/// `kf_un.kf_file.kf_file_type` (the vnode type, `KF_VTYPE_*`) at the union's start.
pub const KF_FILE_TYPE: usize = 32;
/// `kf_un.kf_sock.kf_sock_domain0` (`int`).
pub const KF_SOCK_DOMAIN: usize = 36;
/// `kf_un.kf_sock.kf_sock_type0`.
pub const KF_SOCK_TYPE: usize = 40;
/// `kf_un.kf_sock.kf_sock_protocol0`.
pub const KF_SOCK_PROTOCOL: usize = 44;
/// `kf_un.kf_sock.kf_sa_local` (`struct sockaddr_storage`).
pub const KF_SA_LOCAL: usize = 48;
/// `kf_un.kf_sock.kf_sa_peer`.
pub const KF_SA_PEER: usize = 176;
/// `kf_un.kf_sock.kf_sock_pcb` (`uint64_t`): the socket's `so_pcb` address.
pub const KF_SOCK_PCB: usize = 304;
/// `kf_path[PATH_MAX]`.
pub const KF_PATH: usize = 368;
/// `PATH_MAX`.
pub const PATH_MAX: usize = 1024;
/// `KF_TYPE_VNODE`.
pub const KF_TYPE_VNODE: i32 = 1;
/// `KF_TYPE_SOCKET`.
pub const KF_TYPE_SOCKET: i32 = 2;
/// `KF_VTYPE_VREG`: a regular file.
pub const KF_VTYPE_VREG: i32 = 1;
/// `KF_FD_TYPE_CWD`: the working directory's entry.
pub const KF_FD_TYPE_CWD: i32 = -1;

/// One descriptor entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KinfoFile {
    /// `kf_type`.
    pub kind: i32,
    /// `kf_fd`.
    pub fd: i32,
    /// `kf_file_type` (meaningful for vnodes).
    pub vnode_type: i32,
    /// `kf_sock_domain0` (meaningful for sockets).
    pub sock_domain: i32,
    /// `kf_sock_type0`.
    pub sock_type: i32,
    /// `kf_sock_protocol0`.
    pub sock_protocol: i32,
    /// `kf_sock_pcb` (meaningful for sockets).
    pub sock_pcb: u64,
    /// `kf_sa_local`'s bytes (empty when the record is too short to hold it).
    pub local: Vec<u8>,
    /// `kf_sa_peer`'s bytes.
    pub peer: Vec<u8>,
    /// `kf_path`, without its NUL (may be empty).
    pub path: Vec<u8>,
}

impl KinfoFile {
    /// psutil's `open_files()` filter: a regular file (`KF_TYPE_VNODE`, `KF_VTYPE_VREG`),
    /// whatever its descriptor (the executable's `KF_FD_TYPE_TEXT` entry, -5, passes
    /// too, as in psutil).
    pub fn is_regular_file(&self) -> bool {
        self.kind == KF_TYPE_VNODE && self.vnode_type == KF_VTYPE_VREG
    }
}

fn bad(msg: &str) -> Error {
    Error::parse("kern.proc.filedesc", None, msg)
}

/// Every record of a `kern.proc.filedesc` buffer. A record shorter than its fixed part
/// (`kf_path`'s offset) or running past the buffer is an error.
pub fn parse(buf: &[u8]) -> Result<Vec<KinfoFile>> {
    let mut out = Vec::new();
    let mut rest = buf;
    while !rest.is_empty() {
        let size = i32_at(rest, KF_STRUCTSIZE).ok_or_else(|| bad("truncated record"))?;
        let size = usize::try_from(size)
            .ok()
            .filter(|s| (KF_PATH..=KINFO_FILE_SIZE).contains(s))
            .ok_or_else(|| bad("bad kf_structsize"))?;
        let (r, tail) = rest
            .split_at_checked(size)
            .ok_or_else(|| bad("truncated record"))?;
        let get = |at| i32_at(r, at).unwrap_or(0);
        let sa = |at: usize| {
            r.get(at..at + super::sockaddr::SOCKADDR_STORAGE_LEN)
                .unwrap_or_default()
                .to_vec()
        };
        out.push(KinfoFile {
            kind: get(KF_TYPE),
            fd: get(KF_FD),
            vnode_type: get(KF_FILE_TYPE),
            sock_domain: get(KF_SOCK_DOMAIN),
            sock_type: get(KF_SOCK_TYPE),
            sock_protocol: get(KF_SOCK_PROTOCOL),
            sock_pcb: u64_at(r, KF_SOCK_PCB).unwrap_or(0),
            local: sa(KF_SA_LOCAL),
            peer: sa(KF_SA_PEER),
            path: cstr_clipped_at(r, KF_PATH, PATH_MAX).to_vec(),
        });
        rest = tail;
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A packed record as the kernel writes it: the fixed part, the path, a NUL,
    /// rounded up to 8 bytes.
    pub(crate) fn record(kind: i32, fd: i32, vtype: i32, path: &[u8]) -> Vec<u8> {
        let size = (KF_PATH + path.len() + 1).div_ceil(8) * 8;
        let mut b = vec![0u8; size];
        b[0..4].copy_from_slice(&(size as i32).to_le_bytes());
        b[KF_TYPE..KF_TYPE + 4].copy_from_slice(&kind.to_le_bytes());
        b[KF_FD..KF_FD + 4].copy_from_slice(&fd.to_le_bytes());
        b[KF_FILE_TYPE..KF_FILE_TYPE + 4].copy_from_slice(&vtype.to_le_bytes());
        b[KF_PATH..KF_PATH + path.len()].copy_from_slice(path);
        b
    }

    #[test]
    fn records() {
        let mut buf = record(KF_TYPE_VNODE, KF_FD_TYPE_CWD, 2, b"/home/u");
        buf.extend(record(
            KF_TYPE_VNODE,
            3,
            KF_VTYPE_VREG,
            b"/var/log/messages",
        ));
        let mut sock = record(KF_TYPE_SOCKET, 4, 0, b"");
        sock[KF_SOCK_DOMAIN..KF_SOCK_DOMAIN + 4].copy_from_slice(&2i32.to_le_bytes());
        sock[KF_SA_LOCAL + 1] = 2;
        buf.extend(&sock);
        let v = parse(&buf).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].fd, KF_FD_TYPE_CWD);
        assert_eq!(v[0].path, b"/home/u");
        assert!(v[1].is_regular_file());
        assert_eq!(v[2].sock_domain, 2);
        assert_eq!(v[2].local.len(), 128);
        assert!(parse(&buf[..buf.len() - 1]).is_err());
        assert!(parse(&[8, 0, 0, 0, 1, 1, 1, 1]).is_err());
        assert_eq!(parse(&[]).unwrap(), vec![]);
    }
}
