#![allow(unsafe_code)]
//! `heap_info()` and `heap_trim()` on Linux with glibc: `mallinfo2()` and
//! `malloc_trim(0)`.

use crate::error::Result;

/// This process's C heap, in bytes: psutil's `pheap` on Linux, from glibc's
/// `mallinfo2()`.
#[doc(alias = "pheap")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HeapInfo {
    /// `uordblks`: bytes in use in the malloc arenas (the main heap and the threads'
    /// arenas), blocks below the mmap threshold.
    pub heap_used: u64,
    /// `hblkhd`: bytes in the blocks glibc serves with `mmap` (above the threshold).
    pub mmap_used: u64,
}

/// `heap_info()`.
pub(crate) fn heap_info() -> Result<HeapInfo> {
    // SAFETY: mallinfo2 takes no arguments, has no preconditions and returns a struct
    // by value; it only reads the allocator's own statistics (under its locks).
    let mi = unsafe { libc::mallinfo2() };
    Ok(HeapInfo {
        heap_used: mi.uordblks as u64,
        mmap_used: mi.hblkhd as u64,
    })
}

/// `heap_trim()`: its result (whether memory was released) is ignored, as in psutil.
pub(crate) fn heap_trim() -> Result<()> {
    // SAFETY: malloc_trim has no preconditions; pad 0 keeps no extra space. It takes
    // the allocator's locks itself, so it is safe to call from any thread.
    let _ = unsafe { libc::malloc_trim(0) };
    Ok(())
}
