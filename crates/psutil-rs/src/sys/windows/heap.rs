#![allow(unsafe_code)]
//! `heap_info()` and `heap_trim()` on Windows: the C runtime's `_heapwalk`,
//! `GetProcessHeaps`, a `VirtualQuery` walk of the address space, and
//! `HeapCompact(GetProcessHeap())`.

use std::ffi::c_void;
use std::io;

use windows_sys::Win32::Foundation::{SetLastError, HANDLE};
use windows_sys::Win32::System::Memory::{
    GetProcessHeap, GetProcessHeaps, HeapCompact, VirtualQuery, MEMORY_BASIC_INFORMATION,
    MEM_COMMIT, MEM_PRIVATE, PAGE_READWRITE,
};

use crate::error::{Error, Result};

/// This process's C heap, in bytes: psutil's `pheap` on Windows, which adds
/// `heap_count`.
#[doc(alias = "pheap")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HeapInfo {
    /// The sizes of the used entries of the C runtime's heap (`_heapwalk`), summed.
    pub heap_used: u64,
    /// The committed, private regions of the address space allocated read-write
    /// (`VirtualQuery`) whose allocation base is not one of the process's heaps:
    /// memory from `VirtualAlloc` and the large blocks the heaps serve outside
    /// themselves.
    pub mmap_used: u64,
    /// The number of heaps of the process (`GetProcessHeaps`).
    pub heap_count: u32,
}

/// The CRT's `_HEAPINFO` (`malloc.h`).
#[repr(C)]
struct HeapEntry {
    pentry: *mut i32,
    size: usize,
    useflag: i32,
}

/// `_heapwalk`'s results (`malloc.h`): `_HEAPEMPTY` (no heap yet: read as 0 used,
/// where psutil raises), `_HEAPOK` (one more entry), `_HEAPEND` (walk done); the
/// others are a damaged heap.
const HEAPEMPTY: i32 = -1;
const HEAPOK: i32 = -2;
const HEAPEND: i32 = -5;
/// `_USEDENTRY`: an allocated entry.
const USEDENTRY: i32 = 1;

// The C runtime's heap walker (msvcrt.dll / the UCRT, as linked by the target's C
// runtime, the one `malloc` comes from); windows-sys does not declare CRT functions.
extern "C" {
    fn _heapwalk(entry: *mut HeapEntry) -> i32;
}

/// `heap_info()`.
pub(crate) fn heap_info() -> Result<HeapInfo> {
    let heap_used = crt_heap_used()?;
    let heaps = process_heaps()?;
    let heap_count = u32::try_from(heaps.len()).unwrap_or(u32::MAX);
    Ok(HeapInfo {
        heap_used,
        mmap_used: mmap_used(&heaps),
        heap_count,
    })
}

/// The used entries of the CRT heap, summed (`_heapwalk`).
fn crt_heap_used() -> Result<u64> {
    let mut entry = HeapEntry {
        pentry: std::ptr::null_mut(),
        size: 0,
        useflag: 0,
    };
    let mut used: u64 = 0;
    loop {
        // SAFETY: `entry` is a valid `_HEAPINFO`, starting with a null `_pentry` (the
        // start of the walk) and then holding what the previous call stored.
        let status = unsafe { _heapwalk(&mut entry) };
        match status {
            HEAPOK => {
                if entry.useflag == USEDENTRY {
                    used = used.saturating_add(entry.size as u64);
                }
            }
            HEAPEND | HEAPEMPTY => return Ok(used),
            other => {
                return Err(Error::from_io(
                    io::Error::other(format!("heap walk status {other}")),
                    "_heapwalk",
                ))
            }
        }
    }
}

/// The handles of the process's heaps (`GetProcessHeaps`, asked again while the
/// number grows between the calls).
fn process_heaps() -> Result<Vec<HANDLE>> {
    let mut heaps: Vec<HANDLE> = Vec::new();
    loop {
        let cap = u32::try_from(heaps.len()).unwrap_or(u32::MAX);
        // SAFETY: `heaps` is writable for `cap` handles (none on the first call, which
        // only asks for the count).
        let n = unsafe { GetProcessHeaps(cap, heaps.as_mut_ptr()) };
        if n == 0 {
            return Err(Error::from_io(
                io::Error::last_os_error(),
                "GetProcessHeaps",
            ));
        }
        if n <= cap {
            heaps.truncate(n as usize);
            return Ok(heaps);
        }
        heaps = vec![std::ptr::null_mut(); n as usize + 4];
    }
}

/// The committed, private regions allocated read-write whose allocation base is not a
/// heap, summed (`VirtualQuery` from address 0 to the end of the user address space).
fn mmap_used(heaps: &[HANDLE]) -> u64 {
    let mut total: u64 = 0;
    let mut addr: usize = 0;
    loop {
        // SAFETY: MEMORY_BASIC_INFORMATION is plain data, valid when zeroed.
        let mut mbi: MEMORY_BASIC_INFORMATION = unsafe { std::mem::zeroed() };
        // SAFETY: `mbi` is writable for the size passed; VirtualQuery only describes
        // the address (it is not dereferenced), and returns 0 past the user space.
        let got = unsafe {
            VirtualQuery(
                addr as *const c_void,
                &mut mbi,
                std::mem::size_of::<MEMORY_BASIC_INFORMATION>(),
            )
        };
        if got != std::mem::size_of::<MEMORY_BASIC_INFORMATION>() || mbi.RegionSize == 0 {
            return total;
        }
        let is_heap = heaps.contains(&mbi.AllocationBase);
        if mbi.State == MEM_COMMIT
            && mbi.Type == MEM_PRIVATE
            && mbi.AllocationProtect & PAGE_READWRITE != 0
            && !is_heap
        {
            total = total.saturating_add(mbi.RegionSize as u64);
        }
        match (mbi.BaseAddress as usize).checked_add(mbi.RegionSize) {
            Some(next) if next > addr => addr = next,
            _ => return total,
        }
    }
}

/// `heap_trim()`: `HeapCompact`'s result (the largest free block) is not reported; 0
/// with an error code set is an error, as in psutil.
pub(crate) fn heap_trim() -> Result<()> {
    // SAFETY: GetProcessHeap has no preconditions and returns this process's default
    // heap, which lives as long as the process.
    let heap = unsafe { GetProcessHeap() };
    if heap.is_null() {
        return Err(Error::from_io(io::Error::last_os_error(), "GetProcessHeap"));
    }
    // SAFETY: SetLastError has no preconditions (cleared so that a 0 from HeapCompact
    // meaning "no free block" is not read as an older error).
    unsafe { SetLastError(0) };
    // SAFETY: `heap` is a valid heap handle; flags 0 (serialized access).
    let largest_free = unsafe { HeapCompact(heap, 0) };
    if largest_free == 0 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() != Some(0) {
            return Err(Error::from_io(err, "HeapCompact"));
        }
    }
    Ok(())
}
