//! `NtQuerySystemInformation(SystemExtendedHandleInformation)`: every open handle of
//! every process, psutil 7.2.2's starting point for `open_files()` (it then duplicates
//! the target's handles, keeps disk files and asks each one's name).
//!
//! x64 layout: `NumberOfHandles` (`ULONG_PTR`) at 0, a reserved `ULONG_PTR`, then 40-byte
//! `SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX` records: `Object` 0, `UniqueProcessId` 8,
//! `HandleValue` 16, `GrantedAccess` 24, `CreatorBackTraceIndex` 28, `ObjectTypeIndex`
//! 30, `HandleAttributes` 32. Under Wine `ObjectTypeIndex` is 2 below the index
//! `NtQueryObject(ObjectTypesInformation)` reports, so match types per handle instead.

use crate::error::{Error, Result};
use crate::parse::bytes::{u16_at, u32_at, u64_at};

/// Size of the header before the records.
pub const HEADER_LEN: usize = 16;
/// Size of one `SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX`.
pub const ENTRY_LEN: usize = 40;

/// One handle-table entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HandleEntry {
    /// `UniqueProcessId`: the process holding the handle.
    pub pid: u64,
    /// `HandleValue`: the handle's value in that process.
    pub handle: u64,
    /// `Object`: the kernel address of the object (0 without the debug privilege).
    pub object: u64,
    /// `GrantedAccess`.
    pub granted_access: u32,
    /// `ObjectTypeIndex`.
    pub object_type_index: u16,
    /// `HandleAttributes`.
    pub attributes: u32,
}

fn entry(r: &[u8]) -> Option<HandleEntry> {
    Some(HandleEntry {
        object: u64_at(r, 0)?,
        pid: u64_at(r, 8)?,
        handle: u64_at(r, 16)?,
        granted_access: u32_at(r, 24)?,
        object_type_index: u16_at(r, 30)?,
        attributes: u32_at(r, 32)?,
    })
}

/// Decodes the entries whose `UniqueProcessId` is `pid`, or all of them with `None`.
/// A count the buffer does not hold is an error.
pub fn parse(buf: &[u8], pid: Option<u64>) -> Result<Vec<HandleEntry>> {
    let err = |what: &str| Error::parse("SystemExtendedHandleInformation", None, what);
    let n = u64_at(buf, 0).ok_or_else(|| err("no NumberOfHandles"))?;
    let body = usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_mul(ENTRY_LEN))
        .and_then(|len| buf.get(HEADER_LEN..len.checked_add(HEADER_LEN)?))
        .ok_or_else(|| err("entries past the end of the buffer"))?;
    let mut out = Vec::new();
    for r in body.chunks_exact(ENTRY_LEN) {
        let e = entry(r).ok_or_else(|| err("truncated entry"))?;
        if pid.is_none_or(|p| p == e.pid) {
            out.push(e);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(entries: &[(u64, u64, u16)]) -> Vec<u8> {
        let mut b = (entries.len() as u64).to_le_bytes().to_vec();
        b.extend_from_slice(&[0; 8]);
        for &(pid, h, ty) in entries {
            let mut r = vec![0u8; ENTRY_LEN];
            r[0..8].copy_from_slice(&0xffff_8000_0000_1000u64.to_le_bytes());
            r[8..16].copy_from_slice(&pid.to_le_bytes());
            r[16..24].copy_from_slice(&h.to_le_bytes());
            r[24..28].copy_from_slice(&0x0012_019fu32.to_le_bytes());
            r[30..32].copy_from_slice(&ty.to_le_bytes());
            r[32..36].copy_from_slice(&2u32.to_le_bytes());
            b.extend(r);
        }
        b
    }

    #[test]
    fn entries_by_pid() {
        let b = table(&[(4, 0x10, 37), (100, 0x44, 19), (100, 0x48, 8), (200, 4, 19)]);
        assert_eq!(parse(&b, None).unwrap().len(), 4);
        let mine = parse(&b, Some(100)).unwrap();
        assert_eq!(mine.len(), 2);
        assert_eq!(
            mine[0],
            HandleEntry {
                pid: 100,
                handle: 0x44,
                object: 0xffff_8000_0000_1000,
                granted_access: 0x0012_019f,
                object_type_index: 19,
                attributes: 2
            }
        );
        assert!(parse(&b, Some(7)).unwrap().is_empty());
        for n in 0..b.len() {
            assert!(parse(&b[..n], None).is_err());
        }
        assert!(parse(&u64::MAX.to_le_bytes(), None).is_err());
    }
}
