//! This process's own C heap: `heap_info()` and `heap_trim()` (psutil 7.2).
//!
//! These are process-local calls into the C library's allocator, not system data:
//! they see what `malloc` (and so C extensions and libraries linked with the process)
//! holds, not Rust's allocations through another allocator. psutil has them on Linux
//! with glibc (not musl), Windows, macOS and FreeBSD; on Linux with another C library
//! they do not exist, as in psutil.

use crate::error::Result;
use crate::sys;

/// This process's C heap usage, in bytes: psutil's `pheap`, whose fields differ by
/// platform (defined by the platform backend; on Windows it adds `heap_count`).
pub use crate::sys::heap::HeapInfo;

/// Statistics of this process's C heap. psutil's `heap_info()`.
///
/// Linux (glibc): `mallinfo2()`: `uordblks` (bytes in use in the malloc arenas) as
/// `heap_used`, `hblkhd` (bytes in blocks served by `mmap`) as `mmap_used`.
///
/// Windows: `_heapwalk` over the C runtime's heap (the used entries' sizes summed) as
/// `heap_used`; `GetProcessHeaps` (the number of heaps) as `heap_count`; a
/// `VirtualQuery` walk of the address space summing the committed, private regions
/// allocated read-write whose allocation base is not one of those heaps as
/// `mmap_used`.
///
/// macOS: `malloc_get_all_zones` (falling back to `malloc_default_zone`) and
/// `malloc_zone_statistics`'s `size_in_use` summed over the zones as `heap_used`;
/// `mmap_used` is always 0, as in psutil.
///
/// FreeBSD: jemalloc's `mallctl`: `thread.tcache.flush` and an `epoch` refresh, then
/// `stats.allocated` as `heap_used` and `stats.mapped` as `mmap_used`.
#[doc(alias = "pheap")]
pub fn heap_info() -> Result<HeapInfo> {
    sys::heap::heap_info()
}

/// Asks the C allocator to give unused heap memory back to the system, as psutil's
/// `heap_trim()` (mostly useful before measuring [`heap_info`] in leak tests). Whether
/// any memory was released is not reported.
///
/// Linux (glibc): `malloc_trim(0)`. Windows: `HeapCompact(GetProcessHeap())` (0 with an
/// error code set is an error). macOS:
/// `malloc_zone_pressure_relief(zone, 0)` for each zone. FreeBSD: jemalloc's
/// `mallctl("arena.<MALLCTL_ARENAS_ALL>.purge")`.
pub fn heap_trim() -> Result<()> {
    sys::heap::heap_trim()
}
