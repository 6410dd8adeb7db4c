#![allow(unsafe_code)]
// libc marks its Mach bindings deprecated in favour of the mach2 crate; the handful
// used here (mach_task_self, task_for_pid, task_threads, thread_info) are stable ABI.
#![allow(deprecated)]
//! What psutil reads through the process's Mach task port (`task_for_pid`, root in
//! practice for other processes): `threads()` (`task_threads` + `thread_info`) and the
//! USS of `memory_full_info()` (`mach_vm_region(VM_REGION_TOP_INFO)` over the address
//! space); and `memory_percent()`.

use super::super::mach;
use super::types::{MemoryFullInfo, ProcessThread};
use crate::error::Result;
use crate::percent::{memory_percent as memory_percent_of, memtype_index};
use crate::process::Process;

/// `vm_region_top_info` of `<mach/vm_region.h>` (`#pragma pack(4)`: 20 bytes).
#[repr(C, packed(4))]
#[derive(Clone, Copy, Default)]
struct RegionTopInfo {
    obj_id: u32,
    ref_count: u32,
    private_pages_resident: u32,
    shared_pages_resident: u32,
    share_mode: u8,
}

/// `VM_REGION_TOP_INFO`.
const VM_REGION_TOP_INFO: libc::c_int = 12;
/// `VM_REGION_TOP_INFO_COUNT`: the struct's size in `int`s.
const VM_REGION_TOP_INFO_COUNT: libc::mach_msg_type_number_t = 5;
/// `KERN_INVALID_ADDRESS`: past the last region.
const KERN_INVALID_ADDRESS: libc::kern_return_t = 1;
/// `SM_COW`.
const SM_COW: u8 = 1;
/// `SM_PRIVATE`.
const SM_PRIVATE: u8 = 2;
/// `SM_LARGE_PAGE`.
const SM_LARGE_PAGE: u8 = 8;

/// The dyld shared region of this architecture (`SHARED_REGION_BASE_*`,
/// `SHARED_REGION_SIZE_*` of `<mach/shared_region.h>`); psutil picks it by the
/// process's CPU type, this by the build's.
#[cfg(target_arch = "x86_64")]
const SHARED_REGION: (u64, u64) = (0x7FFF_0000_0000, 0xFFE0_0000);
/// See the x86_64 constant.
#[cfg(not(target_arch = "x86_64"))]
const SHARED_REGION: (u64, u64) = (0x1_8000_0000, 0x1_0000_0000);

extern "C" {
    fn mach_vm_region(
        task: libc::mach_port_t,
        address: *mut u64,
        size: *mut u64,
        flavor: libc::c_int,
        info: *mut libc::c_int,
        count: *mut libc::mach_msg_type_number_t,
        object_name: *mut libc::mach_port_t,
    ) -> libc::kern_return_t;
    fn mach_port_deallocate(
        task: libc::mach_port_t,
        name: libc::mach_port_t,
    ) -> libc::kern_return_t;
}

/// The task port of a process, deallocated on drop.
struct Task(libc::mach_port_t);

impl Drop for Task {
    fn drop(&mut self) {
        // SAFETY: a port name task_for_pid gave us, released once.
        unsafe { mach_port_deallocate(libc::mach_task_self(), self.0) };
    }
}

/// `task_for_pid`: on failure NoSuchProcess if gone, ZombieProcess for a zombie, else
/// AccessDenied (psutil's mapping).
fn task(p: &Process) -> Result<Task> {
    let pid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    let mut t: libc::mach_port_t = 0;
    // SAFETY: `t` is a valid out-pointer.
    let kr = unsafe { libc::task_for_pid(libc::mach_task_self(), pid, &mut t) };
    if kr != libc::KERN_SUCCESS || t == 0 {
        return Err(p.gone_or_zombie(p.denied_error()));
    }
    Ok(Task(t))
}

/// psutil's `threads()` on macOS: ids are 1-based positions in `task_threads`' array,
/// times from `thread_info(THREAD_BASIC_INFO)`.
pub(crate) fn threads(p: &Process) -> Result<Vec<ProcessThread>> {
    let t = task(p)?;
    let mut list: libc::thread_act_array_t = std::ptr::null_mut();
    let mut n: libc::mach_msg_type_number_t = 0;
    // SAFETY: valid out-pointers; on success `list` holds `n` thread ports we own.
    let kr = unsafe { libc::task_threads(t.0, &mut list, &mut n) };
    if kr != libc::KERN_SUCCESS {
        return Err(p.gone_or_zombie(mach::kern_error(kr, "task_threads")));
    }
    if list.is_null() {
        return Ok(Vec::new());
    }
    // SAFETY: the array holds `n` ports (above), copied before the deallocation.
    let ports: Vec<libc::thread_act_t> =
        unsafe { std::slice::from_raw_parts(list, n as usize) }.to_vec();
    let mut out = Vec::with_capacity(ports.len());
    for (i, port) in ports.iter().enumerate() {
        // SAFETY: thread_basic_info is plain data.
        let mut info: libc::thread_basic_info = unsafe { std::mem::zeroed() };
        let mut cnt = libc::THREAD_BASIC_INFO_COUNT;
        // SAFETY: `info` is writable for `cnt` integer_t words.
        let kr = unsafe {
            libc::thread_info(
                *port,
                libc::THREAD_BASIC_INFO as libc::thread_flavor_t,
                (&mut info as *mut libc::thread_basic_info).cast(),
                &mut cnt,
            )
        };
        if kr == libc::KERN_SUCCESS {
            let secs =
                |tv: libc::time_value_t| f64::from(tv.seconds) + f64::from(tv.microseconds) / 1e6;
            out.push(ProcessThread {
                id: u32::try_from(i + 1).unwrap_or(u32::MAX),
                user_time: secs(info.user_time),
                system_time: secs(info.system_time),
            });
        }
        // SAFETY: each port came from task_threads and is released once.
        unsafe { mach_port_deallocate(libc::mach_task_self(), *port) };
    }
    let size = (n as usize).saturating_mul(std::mem::size_of::<libc::thread_act_t>());
    // SAFETY: releases the array task_threads mapped, once; not used afterwards.
    unsafe {
        #[allow(deprecated)]
        libc::vm_deallocate(libc::mach_task_self(), list as libc::vm_address_t, size);
    }
    Ok(out)
}

/// The private resident pages of one region, as psutil counts them.
fn private_pages(info: &RegionTopInfo, in_shared_region: bool) -> u64 {
    let (private, shared) = (
        u64::from(info.private_pages_resident),
        u64::from(info.shared_pages_resident),
    );
    let mode = info.share_mode;
    if in_shared_region && mode != SM_PRIVATE {
        return 0;
    }
    match mode {
        SM_PRIVATE | SM_LARGE_PAGE => private + shared,
        SM_COW if info.ref_count == 1 => private + shared,
        SM_COW => private,
        _ => 0,
    }
}

/// The USS: every region's private resident pages × the page size.
fn uss(p: &Process) -> Result<u64> {
    let t = task(p)?;
    let (base, len) = SHARED_REGION;
    let mut addr: u64 = 0;
    let mut pages: u64 = 0;
    loop {
        let mut size: u64 = 0;
        let mut info = RegionTopInfo::default();
        let mut cnt = VM_REGION_TOP_INFO_COUNT;
        let mut object: libc::mach_port_t = 0;
        // SAFETY: valid out-pointers; `info` is writable for `cnt` ints (20 bytes).
        let kr = unsafe {
            mach_vm_region(
                t.0,
                &mut addr,
                &mut size,
                VM_REGION_TOP_INFO,
                (&mut info as *mut RegionTopInfo).cast(),
                &mut cnt,
                &mut object,
            )
        };
        if kr == KERN_INVALID_ADDRESS {
            break;
        }
        if kr != libc::KERN_SUCCESS {
            return Err(p.gone_or_zombie(mach::kern_error(kr, "mach_vm_region")));
        }
        if object != 0 {
            // SAFETY: the object name port the call returned, released once.
            unsafe { mach_port_deallocate(libc::mach_task_self(), object) };
        }
        let in_shared = addr >= base && addr < base.saturating_add(len);
        pages = pages.saturating_add(private_pages(&info, in_shared));
        if size == 0 {
            break;
        }
        addr = addr.saturating_add(size);
    }
    Ok(pages.saturating_mul(mach::page_size()))
}

/// psutil's `memory_full_info()` on macOS: `memory_info()` plus the USS.
pub(crate) fn memory_full_info(p: &Process) -> Result<MemoryFullInfo> {
    Ok(MemoryFullInfo {
        memory_info: super::memory_info(p)?,
        uss: uss(p)?,
    })
}

/// The `pfullmem` fields of macOS, the valid `memtype`s.
const MEMTYPES: [&str; 5] = ["rss", "vms", "pfaults", "pageins", "uss"];

/// `memtype` (a field of [`MemoryFullInfo`]) / the total physical memory × 100.
/// psutil's `memory_percent()`.
pub(crate) fn memory_percent(p: &Process, memtype: &str) -> Result<f64> {
    memtype_index(&MEMTYPES, memtype)?;
    let value = if memtype == "uss" {
        p.memory_full_info()?.uss
    } else {
        let m = p.memory_info()?;
        match memtype {
            "rss" => m.rss,
            "vms" => m.vms,
            "pfaults" => m.pfaults,
            _ => m.pageins,
        }
    };
    memory_percent_of(
        value,
        crate::virtual_memory()?.total,
        "total physical memory reads 0",
    )
}
