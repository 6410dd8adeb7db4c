//! `NtQueryVirtualMemory(MemoryWorkingSetInformation)`: one word per resident page of a
//! process, psutil's source for `memory_full_info().uss` on Windows (the pages no other
//! process shares, times the page size). Wine 8 does not implement this class.
//!
//! x64 layout: `NumberOfEntries` (`ULONG_PTR`) at 0, then one `ULONG_PTR` per page:
//! bits 0-4 `Protection`, 5-7 `ShareCount`, 8 `Shared`, 9-11 `Node`, 12-63 `VirtualPage`.

use crate::error::{Error, Result};
use crate::parse::bytes::u64_at;

/// One page of the working set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkingSetPage {
    /// `Protection` (5 bits).
    pub protection: u8,
    /// `ShareCount` (3 bits, saturating at 7).
    pub share_count: u8,
    /// `Shared`.
    pub shared: bool,
    /// `VirtualPage`: the page's virtual address divided by 4096.
    pub virtual_page: u64,
}

impl WorkingSetPage {
    /// Decodes one entry word.
    pub fn from_word(w: u64) -> Self {
        WorkingSetPage {
            protection: (w & 0x1f) as u8,
            share_count: ((w >> 5) & 0x7) as u8,
            shared: (w >> 8) & 1 == 1,
            virtual_page: w >> 12,
        }
    }

    /// Whether the page counts towards the USS: not shared, or shared by this process
    /// alone (`ShareCount` ≤ 1), as psutil counts it.
    pub fn is_private(&self) -> bool {
        !self.shared || self.share_count <= 1
    }
}

/// Decodes the entries. A count the buffer does not hold is an error.
pub fn parse(buf: &[u8]) -> Result<Vec<WorkingSetPage>> {
    let err = |what: &str| Error::parse("MemoryWorkingSetInformation", None, what);
    let n = u64_at(buf, 0).ok_or_else(|| err("no NumberOfEntries"))?;
    let body = usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_mul(8))
        .and_then(|len| buf.get(8..len.checked_add(8)?))
        .ok_or_else(|| err("entries past the end of the buffer"))?;
    Ok(body
        .chunks_exact(8)
        .filter_map(|w| w.try_into().ok().map(u64::from_le_bytes))
        .map(WorkingSetPage::from_word)
        .collect())
}

/// The number of private pages (see [`WorkingSetPage::is_private`]); multiply by the
/// page size for psutil's `uss`.
pub fn private_pages(buf: &[u8]) -> Result<u64> {
    Ok(parse(buf)?.iter().filter(|p| p.is_private()).count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(page: u64, shared: bool, count: u64, prot: u64) -> u64 {
        (page << 12) | (u64::from(shared) << 8) | (count << 5) | prot
    }

    #[test]
    fn pages_and_uss() {
        let words = [
            word(0x7ff6_0001, false, 0, 4),
            word(0x7ff6_0002, true, 1, 2),
            word(0x7ff6_0003, true, 2, 2),
            word(0x7ff6_0004, true, 7, 1),
        ];
        let mut b = (words.len() as u64).to_le_bytes().to_vec();
        for w in words {
            b.extend_from_slice(&w.to_le_bytes());
        }
        let pages = parse(&b).unwrap();
        assert_eq!(pages.len(), 4);
        assert_eq!(
            pages[2],
            WorkingSetPage {
                protection: 2,
                share_count: 2,
                shared: true,
                virtual_page: 0x7ff6_0003
            }
        );
        assert_eq!(private_pages(&b).unwrap(), 2);
        for n in 0..b.len() {
            assert!(parse(&b[..n]).is_err());
        }
        assert!(parse(&u64::MAX.to_le_bytes()).is_err());
        let mut extra = b.clone();
        extra.extend_from_slice(&[0xff; 12]);
        assert_eq!(private_pages(&extra).unwrap(), 2);
    }
}
