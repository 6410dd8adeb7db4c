//! `/proc/<pid>/smaps` and `/proc/<pid>/smaps_rollup`: per-mapping memory accounting,
//! see proc_pid_smaps(5). A mapping is a header line
//! `address perms offset dev inode [path]` followed by `Key:   value kB` lines.

use super::fields::{lines, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "smaps";

/// `(uss, pss, swap)` in bytes, summed over the whole file: every `Private_*` line
/// (Private_Clean, Private_Dirty, Private_Hugetlb), `Pss:` and `Swap:`. Works for
/// `smaps_rollup` (one block) and `smaps` alike. Lines that do not parse are skipped.
pub fn totals(data: &[u8]) -> Result<(u64, u64, u64)> {
    let (mut uss, mut pss, mut swap) = (0u64, 0u64, 0u64);
    for (_, line) in lines(data) {
        let mut w = words(line);
        let (Some(key), Some(value)) = (w.next(), w.next()) else {
            continue;
        };
        let Some(kb) = parse_u64(value) else {
            continue;
        };
        let bytes = kb.saturating_mul(1024);
        if key.starts_with(b"Private") && key.ends_with(b":") {
            uss = uss.saturating_add(bytes);
        } else if key == b"Pss:" {
            pss = pss.saturating_add(bytes);
        } else if key == b"Swap:" {
            swap = swap.saturating_add(bytes);
        }
    }
    Ok((uss, pss, swap))
}

/// The per-mapping counters of `/proc/<pid>/smaps`, in bytes (the file's kB × 1024), in
/// psutil's order (`pmmap_grouped` and `pmmap_ext` after their path fields); a line the
/// kernel does not print is 0. Embedded in [`SmapsEntry`], and in the public
/// [`MemoryMap`](crate::MemoryMap) and [`MemoryMapExt`](crate::MemoryMapExt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SmapsCounters {
    /// `Rss:`.
    pub rss: u64,
    /// `Size:`.
    pub size: u64,
    /// `Pss:`.
    pub pss: u64,
    /// `Shared_Clean:`.
    pub shared_clean: u64,
    /// `Shared_Dirty:`.
    pub shared_dirty: u64,
    /// `Private_Clean:`.
    pub private_clean: u64,
    /// `Private_Dirty:`.
    pub private_dirty: u64,
    /// `Referenced:`.
    pub referenced: u64,
    /// `Anonymous:`.
    pub anonymous: u64,
    /// `Swap:`.
    pub swap: u64,
}

impl SmapsCounters {
    /// The counters in psutil's order: rss, size, pss, shared_clean, shared_dirty,
    /// private_clean, private_dirty, referenced, anonymous, swap.
    pub fn to_array(&self) -> [u64; 10] {
        [
            self.rss,
            self.size,
            self.pss,
            self.shared_clean,
            self.shared_dirty,
            self.private_clean,
            self.private_dirty,
            self.referenced,
            self.anonymous,
            self.swap,
        ]
    }

    /// Adds `other`'s counters to these (saturating), as psutil sums the mappings of one
    /// path in `memory_maps(grouped=True)`.
    pub fn add(&mut self, other: &SmapsCounters) {
        for (mine, theirs) in self.slots().into_iter().zip(other.to_array()) {
            *mine = mine.saturating_add(theirs);
        }
    }

    /// The counter of a `Key:` line of `smaps`, if it is one of these.
    fn slot(&mut self, key: &[u8]) -> Option<&mut u64> {
        Some(match key {
            b"Rss:" => &mut self.rss,
            b"Size:" => &mut self.size,
            b"Pss:" => &mut self.pss,
            b"Shared_Clean:" => &mut self.shared_clean,
            b"Shared_Dirty:" => &mut self.shared_dirty,
            b"Private_Clean:" => &mut self.private_clean,
            b"Private_Dirty:" => &mut self.private_dirty,
            b"Referenced:" => &mut self.referenced,
            b"Anonymous:" => &mut self.anonymous,
            b"Swap:" => &mut self.swap,
            _ => return None,
        })
    }

    fn slots(&mut self) -> [&mut u64; 10] {
        [
            &mut self.rss,
            &mut self.size,
            &mut self.pss,
            &mut self.shared_clean,
            &mut self.shared_dirty,
            &mut self.private_clean,
            &mut self.private_dirty,
            &mut self.referenced,
            &mut self.anonymous,
            &mut self.swap,
        ]
    }
}

/// One mapping of `/proc/<pid>/smaps`: its header and its counters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SmapsEntry {
    /// `start-end` addresses, hex.
    pub addr: String,
    /// Permissions such as `r-xp`.
    pub perms: String,
    /// The mapped path or pseudo-path (`[heap]`), raw, trimmed; empty for anonymous
    /// mappings.
    pub path: Vec<u8>,
    /// The `Key:` lines that follow the header.
    pub counters: SmapsCounters,
}

fn header(line: &[u8], n: usize) -> Result<SmapsEntry> {
    // Five words, then the path (which may contain spaces) up to the end of the line.
    let mut rest = line;
    let mut f: Vec<&[u8]> = Vec::with_capacity(5);
    for _ in 0..5 {
        let trimmed = rest.trim_ascii_start();
        let end = trimmed
            .iter()
            .position(|c| c.is_ascii_whitespace())
            .unwrap_or(trimmed.len());
        let (w, r) = trimmed.split_at(end);
        if w.is_empty() {
            return Err(Error::parse(FILE, Some(n), "short mapping header"));
        }
        f.push(w);
        rest = r;
    }
    let text =
        |w: Option<&&[u8]>| String::from_utf8_lossy(w.copied().unwrap_or_default()).into_owned();
    Ok(SmapsEntry {
        addr: text(f.first()),
        perms: text(f.get(1)),
        path: rest.trim_ascii().to_vec(),
        ..SmapsEntry::default()
    })
}

/// Parses `/proc/<pid>/smaps` into its mappings, in file order. A line whose first word
/// does not end in `:` starts a new mapping; `VmFlags:` and other non-numeric lines are
/// skipped; a numeric key with a malformed value is an error.
pub fn parse(data: &[u8]) -> Result<Vec<SmapsEntry>> {
    let mut out: Vec<SmapsEntry> = Vec::new();
    for (n, line) in lines(data) {
        let mut w = words(line);
        let Some(key) = w.next() else {
            continue;
        };
        if !key.ends_with(b":") {
            out.push(header(line, n)?);
            continue;
        }
        let Some(cur) = out.last_mut() else {
            return Err(Error::parse(
                FILE,
                Some(n),
                "field before any mapping header",
            ));
        };
        let Some(slot) = cur.counters.slot(key) else {
            continue;
        };
        let kb = w
            .next()
            .and_then(parse_u64)
            .ok_or_else(|| Error::parse(FILE, Some(n), "value is not a number"))?;
        *slot = kb.saturating_mul(1024);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMAPS: &[u8] = b"55d0c0a00000-55d0c0a02000 r--p 00000000 fd:01 123  /usr/bin/my prog\n\
Size:                  8 kB\nRss:                   8 kB\nPss:                   4 kB\n\
Pss_Dirty:             9 kB\nShared_Clean:          4 kB\nPrivate_Clean:         4 kB\n\
Private_Dirty:         0 kB\nPrivate_Hugetlb:       2 kB\nSwap:                  1 kB\n\
SwapPss:               7 kB\nVmFlags: rd mr mw me\n\
7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0 \n\
Size:                132 kB\nRss:                  12 kB\nPss:                  12 kB\n\
Private_Dirty:        12 kB\nAnonymous:            12 kB\nVmFlags: rd wr mr\n";

    #[test]
    fn entries() {
        let e = parse(SMAPS).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].addr, "55d0c0a00000-55d0c0a02000");
        assert_eq!(e[0].perms, "r--p");
        assert_eq!(e[0].path, b"/usr/bin/my prog");
        let c = e[0].counters;
        assert_eq!((c.size, c.rss, c.pss), (8192, 8192, 4096));
        assert_eq!(c.swap, 1024);
        assert_eq!(e[1].path, b"");
        assert_eq!(e[1].counters.anonymous, 12 * 1024);
        let mut sum = c;
        sum.add(&e[1].counters);
        assert_eq!(sum.to_array()[0], 20 * 1024);
    }

    #[test]
    fn sums() {
        // uss = 4 + 0 + 2 + 12; Pss_Dirty and SwapPss are not counted.
        assert_eq!(totals(SMAPS).unwrap(), (18 * 1024, 16 * 1024, 1024));
        assert_eq!(totals(b"").unwrap(), (0, 0, 0));
    }

    #[test]
    fn garbage() {
        assert!(parse(b"Rss: 1 kB\n").is_err());
        assert!(parse(b"0-1 r--p 0 0:0\n").is_err());
        assert!(parse(b"0-1 r--p 0 0:0 0\nRss: x kB\n").is_err());
        assert!(parse(b"").unwrap().is_empty());
    }
}
