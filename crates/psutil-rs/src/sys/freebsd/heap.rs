#![allow(unsafe_code)]
//! `heap_info()` and `heap_trim()` on FreeBSD: the system allocator (jemalloc)'s
//! `mallctl(3)`.

use std::ffi::{c_void, CStr};
use std::io;

use crate::error::{Error, Result};

/// This process's C heap, in bytes: psutil's `pheap` on FreeBSD, from jemalloc's
/// statistics.
#[doc(alias = "pheap")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HeapInfo {
    /// `stats.allocated`: bytes allocated by the application.
    pub heap_used: u64,
    /// `stats.mapped`: bytes in the chunks jemalloc has mapped.
    pub mmap_used: u64,
}

/// `MALLCTL_ARENAS_ALL` (`malloc_np.h`): the pseudo-arena index naming every arena.
const MALLCTL_ARENAS_ALL: u32 = 4096;

/// `mallctl(name, old, oldlen, new, newlen)`, its error code (an errno value, returned
/// rather than set) as an [`Error`] naming the control.
///
/// # Safety
/// `old`/`oldlen` and `new`/`newlen` must describe buffers of the types the control
/// reads and writes (or be null and 0).
unsafe fn mallctl(
    name: &CStr,
    old: *mut c_void,
    oldlen: *mut libc::size_t,
    new: *mut c_void,
    newlen: libc::size_t,
) -> Result<()> {
    // SAFETY: `name` is NUL-terminated; the buffers are the caller's contract.
    let rc = unsafe { libc::mallctl(name.as_ptr(), old, oldlen, new, newlen) };
    if rc != 0 {
        let what = format!("mallctl({})", name.to_string_lossy());
        return Err(Error::from_io(io::Error::from_raw_os_error(rc), what));
    }
    Ok(())
}

/// Reads a `size_t` statistic.
fn read_size(name: &CStr) -> Result<u64> {
    let mut v: libc::size_t = 0;
    let mut len = std::mem::size_of::<libc::size_t>();
    // SAFETY: the `stats.*` byte counters are `size_t`; `v` is writable for `len`.
    unsafe { mallctl(name, (&raw mut v).cast(), &mut len, std::ptr::null_mut(), 0) }?;
    Ok(v as u64)
}

/// `heap_info()`: flushes this thread's cache and refreshes the statistics (`epoch`)
/// first, as psutil, so that they include the latest frees.
pub(crate) fn heap_info() -> Result<HeapInfo> {
    let null = std::ptr::null_mut();
    // SAFETY: `thread.tcache.flush` reads and writes nothing.
    unsafe { mallctl(c"thread.tcache.flush", null, null.cast(), null, 0) }?;
    let mut epoch: u64 = 1;
    let mut len = std::mem::size_of::<u64>();
    // SAFETY: `epoch` is a `uint64_t`, read and written through `epoch`/`len`.
    unsafe {
        mallctl(
            c"epoch",
            (&raw mut epoch).cast(),
            &mut len,
            (&raw mut epoch).cast(),
            len,
        )
    }?;
    Ok(HeapInfo {
        heap_used: read_size(c"stats.allocated")?,
        mmap_used: read_size(c"stats.mapped")?,
    })
}

/// `heap_trim()`: `arena.<MALLCTL_ARENAS_ALL>.purge`, returning every arena's unused
/// dirty pages to the system.
pub(crate) fn heap_trim() -> Result<()> {
    let name = format!("arena.{MALLCTL_ARENAS_ALL}.purge");
    let name =
        std::ffi::CString::new(name).map_err(|_| Error::invalid("mallctl name with a NUL byte"))?;
    let null = std::ptr::null_mut();
    // SAFETY: `arena.<i>.purge` reads and writes nothing.
    unsafe { mallctl(&name, null, null.cast(), null, 0) }
}
