//! heap_info / heap_trim (glibc) against glibc's own `mallinfo2()` read here through
//! libc, allocations this test makes and keeps, and psutil's `pheap` fields.
//!
//! The process's other test threads allocate too, so growth is checked with a margin
//! and the comparison with `mallinfo2()` retries until no other thread moved the
//! counters between the reads.

use std::sync::Mutex;

use crate::util::*;

/// The heap tests' own allocations must not overlap (they read process-wide counters).
static HEAP: Mutex<()> = Mutex::new(());

fn lock() -> std::sync::MutexGuard<'static, ()> {
    HEAP.lock().unwrap_or_else(|e| e.into_inner())
}

/// `mallinfo2()`'s `(uordblks, hblkhd)`, the independent reading.
fn mallinfo2() -> (u64, u64) {
    // SAFETY: mallinfo2 has no preconditions and returns a struct by value.
    let mi = unsafe { libc::mallinfo2() };
    (mi.uordblks as u64, mi.hblkhd as u64)
}

fn ours_pair() -> (u64, u64) {
    let h = psutil_rs::heap_info().unwrap();
    (h.heap_used, h.mmap_used)
}

/// `n` bytes in 1 KiB blocks from `malloc` (below any mmap threshold), written so the
/// pages are real; freed by [`free_all`].
fn small_blocks(n: usize) -> Vec<*mut libc::c_void> {
    (0..n / 1024)
        .map(|_| {
            // SAFETY: malloc has no preconditions; the result is checked below.
            let p = unsafe { libc::malloc(1024) };
            assert!(!p.is_null());
            // SAFETY: `p` is a fresh 1024-byte block.
            unsafe { std::ptr::write_bytes(p.cast::<u8>(), 1, 1024) };
            p
        })
        .collect()
}

fn free_all(blocks: Vec<*mut libc::c_void>) {
    for p in blocks {
        // SAFETY: each pointer came from malloc and is freed once.
        unsafe { libc::free(p) };
    }
}

#[test]
fn heap_info_matches_mallinfo2() {
    let _g = lock();
    for _ in 0..200 {
        let before = mallinfo2();
        let got = ours_pair();
        let after = mallinfo2();
        if before == after && got == before {
            return;
        }
    }
    // Other threads never left the counters alone: compare within a margin.
    let (a, got, b) = (mallinfo2(), ours_pair(), mallinfo2());
    let tol = 64 << 20;
    for (x, y, z) in [(a.0, got.0, b.0), (a.1, got.1, b.1)] {
        assert!(
            y + tol >= x.min(z) && y <= x.max(z) + tol,
            "{got:?} not near mallinfo2 {a:?} / {b:?}"
        );
    }
}

#[test]
fn heap_used_grows_with_small_blocks() {
    let _g = lock();
    const N: usize = 32 << 20;
    let before = psutil_rs::heap_info().unwrap();
    let blocks = small_blocks(N);
    let after = psutil_rs::heap_info().unwrap();
    free_all(blocks);
    // Other threads may free up to a few MiB meanwhile: require most of N.
    let grew = after.heap_used.saturating_sub(before.heap_used);
    assert!(
        grew >= (N as u64) / 8 * 7,
        "heap_used grew by {grew} after {N} bytes: {before:?} -> {after:?}"
    );
}

#[test]
fn mmap_used_grows_with_a_large_block() {
    let _g = lock();
    const N: usize = 64 << 20; // far above glibc's mmap threshold (at most 32 MiB)
    let before = psutil_rs::heap_info().unwrap();
    // SAFETY: malloc has no preconditions; checked below.
    let p = unsafe { libc::malloc(N) };
    assert!(!p.is_null());
    let after = psutil_rs::heap_info().unwrap();
    // SAFETY: `p` came from malloc.
    unsafe { libc::free(p) };
    let grew = after.mmap_used.saturating_sub(before.mmap_used);
    assert!(
        grew >= N as u64,
        "mmap_used grew by {grew} after one {N}-byte block: {before:?} -> {after:?}"
    );
}

#[test]
fn heap_trim_runs_and_keeps_live_blocks() {
    let _g = lock();
    let blocks = small_blocks(8 << 20);
    psutil_rs::heap_trim().unwrap();
    let h = psutil_rs::heap_info().unwrap();
    assert!(h.heap_used >= 8 << 20, "{h:?}");
    free_all(blocks);
    psutil_rs::heap_trim().unwrap();
}

#[test]
fn heap_info_fields_match_psutil() {
    same_fields(
        &ours(&psutil_rs::heap_info().unwrap()),
        &psutil("psutil.heap_info()"),
    );
}
