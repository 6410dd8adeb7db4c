//! `heap_info()` and `heap_trim()`: statistics and trimming of this process's own C
//! heap (glibc malloc). These are process-local libc calls, not system data, so they
//! live in the binding rather than in the core crate. glibc only (psutil has them only
//! there too); on other C libraries the functions are not registered.

#![allow(unsafe_code)]

use pyo3::prelude::*;

/// `heap_info()`: glibc `mallinfo2()`'s `uordblks` (bytes in use from the heap arenas)
/// and `hblkhd` (bytes in mmap-ed blocks), psutil's `pheap(heap_used, mmap_used)`.
#[pyfunction]
fn heap_info() -> (usize, usize) {
    // SAFETY: mallinfo2 takes no arguments, has no preconditions and returns a struct
    // by value; it only reads the allocator's own statistics (under its locks).
    let mi = unsafe { libc::mallinfo2() };
    (mi.uordblks, mi.hblkhd)
}

/// `heap_trim()`: glibc `malloc_trim(0)`, giving free heap memory back to the system.
/// Its result (whether memory was released) is ignored, as in psutil.
#[pyfunction]
fn heap_trim() {
    // SAFETY: malloc_trim has no preconditions; pad 0 keeps no extra space. It takes
    // the allocator's locks itself, so it is safe to call from any thread.
    let _ = unsafe { libc::malloc_trim(0) };
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(heap_info, m)?)?;
    m.add_function(wrap_pyfunction!(heap_trim, m)?)?;
    Ok(())
}
