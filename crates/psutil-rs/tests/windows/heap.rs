//! heap_info / heap_trim: the CRT heap walk, the heap count and the VirtualQuery walk,
//! checked with allocations this test makes and keeps (through the CRT's `malloc`,
//! which `_heapwalk` walks, and `VirtualAlloc`, which only the address-space walk sees).

use std::ffi::c_void;
use std::sync::Mutex;

use windows_sys::Win32::System::Memory::{
    VirtualAlloc, VirtualFree, MEM_COMMIT, MEM_RELEASE, MEM_RESERVE, PAGE_READWRITE,
};

// The C runtime's allocator (msvcrt on the gnu target), the one `_heapwalk` walks.
extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(p: *mut c_void);
}

/// The heap tests read process-wide counters: one at a time.
static HEAP: Mutex<()> = Mutex::new(());

fn lock() -> std::sync::MutexGuard<'static, ()> {
    HEAP.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn heap_info_works_and_counts_heaps() {
    let _g = lock();
    let h = psutil_rs::heap_info().unwrap();
    eprintln!("{h:?}");
    assert!(h.heap_count >= 1, "{h:?}");
    // The runtime has allocated something by now (the test harness's threads, args).
    assert!(h.mmap_used > 0, "{h:?}");
}

#[test]
fn heap_used_grows_with_crt_blocks() {
    let _g = lock();
    const N: usize = 8 << 20;
    let before = psutil_rs::heap_info().unwrap();
    let blocks: Vec<*mut c_void> = (0..N / 1024)
        .map(|_| {
            // SAFETY: malloc has no preconditions; checked below.
            let p = unsafe { malloc(1024) };
            assert!(!p.is_null());
            p
        })
        .collect();
    let after = psutil_rs::heap_info().unwrap();
    for p in blocks {
        // SAFETY: each pointer came from malloc and is freed once.
        unsafe { free(p) };
    }
    let grew = after.heap_used.saturating_sub(before.heap_used);
    assert!(
        grew >= (N as u64) / 8 * 7,
        "heap_used grew by {grew} after {N} bytes: {before:?} -> {after:?}"
    );
}

#[test]
fn mmap_used_grows_with_virtual_alloc() {
    let _g = lock();
    const N: usize = 64 << 20;
    let before = psutil_rs::heap_info().unwrap();
    // SAFETY: a fresh committed read-write region anywhere; checked below.
    let p = unsafe {
        VirtualAlloc(
            std::ptr::null(),
            N,
            MEM_RESERVE | MEM_COMMIT,
            PAGE_READWRITE,
        )
    };
    assert!(!p.is_null());
    let after = psutil_rs::heap_info().unwrap();
    // SAFETY: `p` is the base VirtualAlloc returned; MEM_RELEASE takes size 0.
    unsafe { VirtualFree(p, 0, MEM_RELEASE) };
    let grew = after.mmap_used.saturating_sub(before.mmap_used);
    assert!(
        grew + (4 << 20) >= N as u64,
        "mmap_used grew by {grew} after a {N}-byte VirtualAlloc: {before:?} -> {after:?}"
    );
}

#[test]
fn heap_trim_is_ok() {
    let _g = lock();
    psutil_rs::heap_trim().unwrap();
    let h = psutil_rs::heap_info().unwrap();
    assert!(h.heap_count >= 1);
}
