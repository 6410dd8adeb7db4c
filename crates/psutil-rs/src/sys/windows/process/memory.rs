#![allow(unsafe_code)]
//! `memory_full_info()` (USS), `memory_percent()` and `memory_maps()` on Windows.

use std::ffi::c_void;
use std::path::PathBuf;

use indexmap::IndexMap;
use windows_sys::Win32::System::Memory::{VirtualQueryEx, MEMORY_BASIC_INFORMATION, MEM_COMMIT};
use windows_sys::Win32::System::ProcessStatus::{
    K32GetMappedFileNameW, K32QueryWorkingSetEx, PSAPI_WORKING_SET_EX_INFORMATION,
};
use windows_sys::Win32::System::SystemInformation::{GetSystemInfo, SYSTEM_INFO};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, GetCurrentProcessId, PROCESS_QUERY_INFORMATION, PROCESS_VM_READ,
};

use super::types::{MemoryFullInfo, MemoryMap, MemoryMapExt};
use super::win::{self, query_fail, Failure, OwnedHandle};
use crate::error::{Error, Result};
use crate::parse::windows::{nt_path, working_set};
use crate::percent::{memory_percent as memory_percent_of, memtype_index};
use crate::process::Process;

/// `MemoryWorkingSetInformation`.
const MEMORY_WORKING_SET_INFORMATION: u32 = 1;

fn system_info() -> SYSTEM_INFO {
    let mut si = SYSTEM_INFO::default();
    // SAFETY: `si` is a valid out struct.
    unsafe { GetSystemInfo(&mut si) };
    si
}

fn query_virtual_memory() -> Option<
    unsafe extern "system" fn(
        windows_sys::Win32::Foundation::HANDLE,
        *const c_void,
        u32,
        *mut c_void,
        usize,
        *mut usize,
    ) -> i32,
> {
    type F = unsafe extern "system" fn(
        windows_sys::Win32::Foundation::HANDLE,
        *const c_void,
        u32,
        *mut c_void,
        usize,
        *mut usize,
    ) -> i32;
    win::ntdll_fn!(NtQueryVirtualMemory: F)
}

/// psutil's USS route: `NtQueryVirtualMemory(MemoryWorkingSetInformation)`, the private
/// pages of the working set, decoded by
/// [`parse::windows::working_set`](crate::parse::windows::working_set).
fn uss_working_set(h: &OwnedHandle) -> Result<u64, Failure> {
    let f = query_virtual_memory().ok_or(Failure::Os(0))?;
    let mut size = 64 * 1024usize;
    for _ in 0..12 {
        let mut buf = vec![0u64; size / 8];
        let mut ret = 0usize;
        // SAFETY: `buf` has `size` writable, 8-aligned bytes; `ret` is an out pointer.
        let st = unsafe {
            f(
                h.raw(),
                std::ptr::null(),
                MEMORY_WORKING_SET_INFORMATION,
                buf.as_mut_ptr().cast(),
                size,
                &mut ret,
            )
        };
        if st == win::STATUS_INFO_LENGTH_MISMATCH || st == win::STATUS_BUFFER_TOO_SMALL {
            size = size.saturating_mul(2).max(ret + 4096);
            continue;
        }
        if st < 0 {
            return Err(query_fail(st));
        }
        let pages =
            working_set::private_pages(win::as_bytes(&buf, size)).map_err(|_| Failure::Os(0))?;
        return Ok(pages);
    }
    Err(Failure::Os(0))
}

/// The fallback for the calling process, which Wine needs (its
/// `MemoryWorkingSetInformation` is missing and `QueryWorkingSetEx` only accepts the
/// `GetCurrentProcess()` pseudo-handle, wine-coverage.md): every committed region
/// (`VirtualQueryEx`), each page asked with `QueryWorkingSetEx`; a resident page that is
/// not shared is private.
fn uss_self_walk() -> Option<u64> {
    let si = system_info();
    let page = si.dwPageSize.max(4096) as usize;
    // SAFETY: the pseudo-handle needs no closing.
    let me = unsafe { GetCurrentProcess() };
    let mut addr = si.lpMinimumApplicationAddress as usize;
    let end = si.lpMaximumApplicationAddress as usize;
    let mut private = 0u64;
    while addr < end {
        let mut mbi = MEMORY_BASIC_INFORMATION::default();
        // SAFETY: `mbi` is a valid out struct of the size given.
        let n = unsafe {
            VirtualQueryEx(
                me,
                addr as *const c_void,
                &mut mbi,
                std::mem::size_of::<MEMORY_BASIC_INFORMATION>(),
            )
        };
        if n == 0 || mbi.RegionSize == 0 {
            break;
        }
        let base = mbi.BaseAddress as usize;
        if mbi.State == MEM_COMMIT {
            let pages = mbi.RegionSize / page;
            for chunk in (0..pages).collect::<Vec<_>>().chunks(4096) {
                let mut q: Vec<PSAPI_WORKING_SET_EX_INFORMATION> = chunk
                    .iter()
                    .map(|i| PSAPI_WORKING_SET_EX_INFORMATION {
                        VirtualAddress: (base + i * page) as *mut c_void,
                        ..Default::default()
                    })
                    .collect();
                let cb = std::mem::size_of_val(q.as_slice()) as u32;
                // SAFETY: `q` holds `cb` bytes of entries whose addresses are filled in.
                if unsafe { K32QueryWorkingSetEx(me, q.as_mut_ptr().cast(), cb) } == 0 {
                    return None;
                }
                for e in &q {
                    // SAFETY: the union is a plain word of flags.
                    let flags = unsafe { e.VirtualAttributes.Flags };
                    let valid = flags & 1 != 0;
                    let shared = flags & (1 << 15) != 0;
                    if valid && !shared {
                        private += 1;
                    }
                }
            }
        }
        addr = base.checked_add(mbi.RegionSize)?;
    }
    Some(private * page as u64)
}

/// psutil's `memory_full_info()` on Windows: [`memory_info`](super::memory_info) plus
/// `uss`, the private working-set pages × the page size
/// (`NtQueryVirtualMemory(MemoryWorkingSetInformation)`, `PROCESS_QUERY_INFORMATION`;
/// STATUS_ACCESS_DENIED → AccessDenied). When that class fails for the calling process
/// (Wine), the `QueryWorkingSetEx` walk gives it.
pub(crate) fn memory_full_info(p: &Process) -> Result<MemoryFullInfo> {
    let memory_info = super::memory_info(p)?;
    let h = p.open_handle(PROCESS_QUERY_INFORMATION)?;
    let page = u64::from(system_info().dwPageSize.max(4096));
    // SAFETY: no arguments.
    let me = unsafe { GetCurrentProcessId() };
    let uss = match uss_working_set(&h) {
        Ok(pages) => pages * page,
        Err(Failure::Denied) => return Err(p.denied_error()),
        Err(_) if p.pid == me => uss_self_walk().ok_or_else(|| {
            Error::unsupported(
                "USS: neither MemoryWorkingSetInformation nor QueryWorkingSetEx answered",
            )
        })?,
        Err(f) => {
            if !super::pid_exists(p.pid)? {
                return Err(p.gone_error());
            }
            return Err(match f {
                Failure::Os(0) => Error::unsupported(
                    "USS: NtQueryVirtualMemory(MemoryWorkingSetInformation) gave no answer",
                ),
                f => p.failure(f, "NtQueryVirtualMemory(MemoryWorkingSetInformation)"),
            });
        }
    };
    Ok(MemoryFullInfo { memory_info, uss })
}

/// The memory types of [`MemoryFullInfo`], psutil's Windows `pfullmem` fields.
const MEMTYPES: [&str; 13] = [
    "rss",
    "vms",
    "num_page_faults",
    "peak_wset",
    "wset",
    "peak_paged_pool",
    "paged_pool",
    "peak_nonpaged_pool",
    "nonpaged_pool",
    "pagefile",
    "peak_pagefile",
    "private",
    "uss",
];

/// `memtype` (a field of [`MemoryFullInfo`]) / the total physical memory × 100.
/// psutil's `memory_percent()`.
pub(crate) fn memory_percent(p: &Process, memtype: &str) -> Result<f64> {
    memtype_index(&MEMTYPES, memtype)?;
    let value = if memtype == "uss" {
        p.memory_full_info()?.uss
    } else {
        let m = p.memory_info()?;
        let all = [
            m.rss,
            m.vms,
            m.num_page_faults,
            m.peak_wset,
            m.wset,
            m.peak_paged_pool,
            m.paged_pool,
            m.peak_nonpaged_pool,
            m.nonpaged_pool,
            m.pagefile,
            m.peak_pagefile,
            m.private,
        ];
        MEMTYPES
            .iter()
            .zip(all)
            .find(|(n, _)| **n == memtype)
            .map_or(0, |(_, v)| v)
    };
    memory_percent_of(
        value,
        crate::virtual_memory()?.total,
        "total physical memory reads 0",
    )
}

/// psutil's names of the page protections.
fn perms(protect: u32) -> &'static str {
    match protect {
        0x01 => "",
        0x02 => "r",
        0x04 => "rw",
        0x08 => "wc",
        0x10 => "x",
        0x20 => "xr",
        0x40 => "xrw",
        0x80 => "xwc",
        _ => "?",
    }
}

/// psutil's `memory_maps(grouped=False)` on Windows: every region of the address space
/// (`VirtualQueryEx` up to the highest application address) that maps a file
/// (`GetMappedFileNameW`), with its base address, protection and size.
pub(crate) fn memory_maps_ungrouped(p: &Process) -> Result<Vec<MemoryMapExt>> {
    let h = p.open_handle(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ)?;
    let si = system_info();
    let drives = win::drives();
    let end = si.lpMaximumApplicationAddress as usize;
    let mut addr = 0usize;
    let mut out = Vec::new();
    let mut name = vec![0u16; 1024];
    while addr < end {
        let mut mbi = MEMORY_BASIC_INFORMATION::default();
        // SAFETY: `mbi` is a valid out struct of the size given.
        let n = unsafe {
            VirtualQueryEx(
                h.raw(),
                addr as *const c_void,
                &mut mbi,
                std::mem::size_of::<MEMORY_BASIC_INFORMATION>(),
            )
        };
        if n == 0 || mbi.RegionSize == 0 {
            break;
        }
        let base = mbi.BaseAddress as usize;
        // SAFETY: `name` has `name.len()` writable units.
        let len = unsafe {
            K32GetMappedFileNameW(
                h.raw(),
                base as *const c_void,
                name.as_mut_ptr(),
                name.len() as u32,
            )
        };
        if len > 0 {
            let nt = win::from_wide(name.get(..len as usize).unwrap_or_default());
            out.push(MemoryMapExt {
                addr: format!("{base:#x}"),
                perms: perms(mbi.Protect).to_string(),
                path: PathBuf::from(nt_path::to_dos_path(&nt.to_string_lossy(), &drives)),
                rss: mbi.RegionSize as u64,
            });
        }
        let Some(next) = base.checked_add(mbi.RegionSize) else {
            break;
        };
        addr = next;
    }
    Ok(out)
}

/// psutil's `memory_maps()`: [`memory_maps_ungrouped`] summed by path, in the order the
/// paths first appear.
pub(crate) fn memory_maps(p: &Process) -> Result<Vec<MemoryMap>> {
    let mut by_path: IndexMap<PathBuf, u64> = IndexMap::new();
    for m in memory_maps_ungrouped(p)? {
        *by_path.entry(m.path).or_default() += m.rss;
    }
    Ok(by_path
        .into_iter()
        .map(|(path, rss)| MemoryMap { path, rss })
        .collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn protection_names() {
        // psutil's names of the PAGE_* values; modifiers (PAGE_GUARD...) are unknown
        let names: Vec<&str> = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x104]
            .into_iter()
            .map(super::perms)
            .collect();
        assert_eq!(names, ["", "r", "rw", "wc", "x", "xr", "xrw", "xwc", "?"]);
    }
}
