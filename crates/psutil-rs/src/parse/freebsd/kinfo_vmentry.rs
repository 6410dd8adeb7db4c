//! `struct kinfo_vmentry` (`<sys/user.h>`, amd64, `KINFO_VMENTRY_SIZE` 1160 bytes): the
//! packed records of the `kern.proc.vmmap.<pid>` sysctl (what libutil's
//! `kinfo_getvmmap` reads), each `kve_structsize` bytes.

use crate::error::{Error, Result};

use crate::parse::bytes::{cstr_clipped_at, i32_at, u64_at};

/// `KINFO_VMENTRY_SIZE` on amd64.
pub const KINFO_VMENTRY_SIZE: usize = 1160;
/// `kve_structsize` (`int`).
pub const KVE_STRUCTSIZE: usize = 0;
/// `kve_type` (`int`, `KVME_TYPE_*`).
pub const KVE_TYPE: usize = 4;
/// `kve_start` (`uint64_t`).
pub const KVE_START: usize = 8;
/// `kve_end`.
pub const KVE_END: usize = 16;
/// `kve_resident`: resident pages (`int`).
pub const KVE_RESIDENT: usize = 48;
/// `kve_private_resident`: private resident pages.
pub const KVE_PRIVATE_RESIDENT: usize = 52;
/// `kve_protection` (`KVME_PROT_*`).
pub const KVE_PROTECTION: usize = 56;
/// `kve_ref_count`.
pub const KVE_REF_COUNT: usize = 60;
/// `kve_shadow_count`.
pub const KVE_SHADOW_COUNT: usize = 64;
/// `kve_path[PATH_MAX]`.
pub const KVE_PATH: usize = 136;
/// `KVME_PROT_READ`.
pub const KVME_PROT_READ: i32 = 1;
/// `KVME_PROT_WRITE`.
pub const KVME_PROT_WRITE: i32 = 2;
/// `KVME_PROT_EXEC`.
pub const KVME_PROT_EXEC: i32 = 4;

/// One mapping.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VmEntry {
    /// `kve_type`.
    pub kind: i32,
    /// `kve_start`.
    pub start: u64,
    /// `kve_end`.
    pub end: u64,
    /// `kve_resident`, pages.
    pub resident: i32,
    /// `kve_private_resident`, pages.
    pub private_resident: i32,
    /// `kve_protection`.
    pub protection: i32,
    /// `kve_ref_count`.
    pub ref_count: i32,
    /// `kve_shadow_count`.
    pub shadow_count: i32,
    /// `kve_path`, without its NUL.
    pub path: Vec<u8>,
}

impl VmEntry {
    /// psutil's `addr`: `start-end` in hex (`0x` prefixed, as `%#lx`).
    pub fn addr(&self) -> String {
        format!("{:#x}-{:#x}", self.start, self.end)
    }

    /// psutil's `perms`: `r`, `w`, `x` or `-` for each.
    pub fn perms(&self) -> String {
        let f = |bit: i32, c: char| if self.protection & bit != 0 { c } else { '-' };
        [
            f(KVME_PROT_READ, 'r'),
            f(KVME_PROT_WRITE, 'w'),
            f(KVME_PROT_EXEC, 'x'),
        ]
        .into_iter()
        .collect()
    }

    /// psutil's `path`: `kve_path`, or the mapping's type in brackets when it has none
    /// (`[none]`, `[default]`, `[vnode]`, `[swap]`, `[device]`, `[phys]`, `[dead]`,
    /// `[sg]`, `[unknown]` for `KVME_TYPE_UNKNOWN`, `[?]` for any other type).
    pub fn display_path(&self) -> Vec<u8> {
        if !self.path.is_empty() {
            return self.path.clone();
        }
        let name: &[u8] = match self.kind {
            0 => b"[none]",
            1 => b"[default]",
            2 => b"[vnode]",
            3 => b"[swap]",
            4 => b"[device]",
            5 => b"[phys]",
            6 => b"[dead]",
            7 => b"[sg]",
            255 => b"[unknown]",
            _ => b"[?]",
        };
        name.to_vec()
    }
}

fn bad(msg: &str) -> Error {
    Error::parse("kern.proc.vmmap", None, msg)
}

/// Every record of a `kern.proc.vmmap` buffer.
pub fn parse(buf: &[u8]) -> Result<Vec<VmEntry>> {
    let mut out = Vec::new();
    let mut rest = buf;
    while !rest.is_empty() {
        let size = i32_at(rest, KVE_STRUCTSIZE).ok_or_else(|| bad("truncated record"))?;
        let size = usize::try_from(size)
            .ok()
            .filter(|s| (KVE_PATH..=KINFO_VMENTRY_SIZE).contains(s))
            .ok_or_else(|| bad("bad kve_structsize"))?;
        let (r, tail) = rest
            .split_at_checked(size)
            .ok_or_else(|| bad("truncated record"))?;
        let get = |at| i32_at(r, at).unwrap_or(0);
        out.push(VmEntry {
            kind: get(KVE_TYPE),
            start: u64_at(r, KVE_START).unwrap_or(0),
            end: u64_at(r, KVE_END).unwrap_or(0),
            resident: get(KVE_RESIDENT),
            private_resident: get(KVE_PRIVATE_RESIDENT),
            protection: get(KVE_PROTECTION),
            ref_count: get(KVE_REF_COUNT),
            shadow_count: get(KVE_SHADOW_COUNT),
            path: cstr_clipped_at(r, KVE_PATH, 1024).to_vec(),
        });
        rest = tail;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: i32, start: u64, prot: i32, path: &[u8]) -> Vec<u8> {
        let size = (KVE_PATH + path.len() + 1).div_ceil(8) * 8;
        let mut b = vec![0u8; size];
        b[0..4].copy_from_slice(&(size as i32).to_le_bytes());
        b[KVE_TYPE..KVE_TYPE + 4].copy_from_slice(&kind.to_le_bytes());
        b[KVE_START..KVE_START + 8].copy_from_slice(&start.to_le_bytes());
        b[KVE_END..KVE_END + 8].copy_from_slice(&(start + 4096).to_le_bytes());
        b[KVE_RESIDENT..KVE_RESIDENT + 4].copy_from_slice(&3i32.to_le_bytes());
        b[KVE_PROTECTION..KVE_PROTECTION + 4].copy_from_slice(&prot.to_le_bytes());
        b[KVE_PATH..KVE_PATH + path.len()].copy_from_slice(path);
        b
    }

    #[test]
    fn records() {
        let mut buf = record(2, 0x400000, 5, b"/bin/sh");
        buf.extend(record(1, 0x800000, 3, b""));
        let v = parse(&buf).unwrap();
        assert_eq!(v[0].addr(), "0x400000-0x401000");
        assert_eq!(v[0].perms(), "r-x");
        assert_eq!(v[0].display_path(), b"/bin/sh");
        assert_eq!(v[1].perms(), "rw-");
        assert_eq!(v[1].display_path(), b"[default]");
        assert_eq!(v[1].resident, 3);
        assert!(parse(&buf[..buf.len() - 3]).is_err());
        assert!(parse(&[4, 0, 0, 0]).is_err());
    }
}
