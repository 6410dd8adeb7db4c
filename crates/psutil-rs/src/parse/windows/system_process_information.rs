//! `NtQuerySystemInformation(SystemProcessInformation)`: one snapshot of every process
//! and its threads, without opening any handle. psutil reads it for `num_threads`,
//! `num_ctx_switches`, `status`, `threads` ids and as the fallback for the process calls
//! a permission error stops; `ProcessTable` builds its whole table from one call.
//!
//! The buffer is a chain of `SYSTEM_PROCESS_INFORMATION` records (x64 layout below),
//! each followed by `NumberOfThreads` `SYSTEM_THREAD_INFORMATION` records of 80 bytes;
//! `NextEntryOffset` is the distance to the next process record, 0 on the last one.
//! The image name is a `UNICODE_STRING` whose `Buffer` points into the same buffer, so
//! decoding needs the address the buffer was at when the call filled it (`base`).
//!
//! | field | offset | | field | offset |
//! |---|---|---|---|---|
//! | `NextEntryOffset` `ULONG` | 0 | | `PeakVirtualSize` | 112 |
//! | `NumberOfThreads` `ULONG` | 4 | | `VirtualSize` | 120 |
//! | `CreateTime` | 32 | | `PageFaultCount` `ULONG` | 128 |
//! | `UserTime` | 40 | | `PeakWorkingSetSize` | 136 |
//! | `KernelTime` | 48 | | `WorkingSetSize` | 144 |
//! | `ImageName` (`Length` 56, `Buffer` 64) | 56 | | `QuotaPeakPagedPoolUsage` .. `QuotaNonPagedPoolUsage` | 152..176 |
//! | `BasePriority` `LONG` | 72 | | `PagefileUsage`, `PeakPagefileUsage` | 184, 192 |
//! | `UniqueProcessId` | 80 | | `PrivatePageCount` | 200 |
//! | `InheritedFromUniqueProcessId` | 88 | | `Read/Write/OtherOperationCount` | 208, 216, 224 |
//! | `HandleCount` `ULONG` | 96 | | `Read/Write/OtherTransferCount` | 232, 240, 248 |
//! | `SessionId` `ULONG` | 100 | | threads | 256 |
//!
//! Thread record: `KernelTime` 0, `UserTime` 8, `CreateTime` 16, `WaitTime` 24,
//! `StartAddress` 32, `ClientId.UniqueProcess` 40, `ClientId.UniqueThread` 48,
//! `Priority` 56, `BasePriority` 60, `ContextSwitches` 64, `ThreadState` 68,
//! `WaitReason` 72.
//!
//! Under Wine 8, `PrivatePageCount`, `PageFaultCount`, the I/O counters, the threads'
//! `ContextSwitches`, `ThreadState` and `WaitReason` are all 0, and `HandleCount` is
//! coarse; the decoder's tests cover the values Windows gives.

use super::filetime::ticks_at;
use crate::error::{Error, Result};
use crate::parse::bytes::{i32_at, u16_at, u32_at, u64_at, utf16_string};

const FILE: &str = "SystemProcessInformation";

/// Size of the x64 `SYSTEM_PROCESS_INFORMATION` header (where the threads start).
pub const PROCESS_RECORD_LEN: usize = 256;
/// Size of the x64 `SYSTEM_THREAD_INFORMATION`.
pub const THREAD_RECORD_LEN: usize = 80;

/// `KTHREAD_STATE::Waiting`.
pub const THREAD_STATE_WAITING: u32 = 5;
/// `KWAIT_REASON::Suspended`.
pub const WAIT_REASON_SUSPENDED: u32 = 5;

/// The six I/O counters of a process record (`IO_COUNTERS` order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct IoCounters {
    /// `ReadOperationCount`.
    pub read_count: u64,
    /// `WriteOperationCount`.
    pub write_count: u64,
    /// `OtherOperationCount`.
    pub other_count: u64,
    /// `ReadTransferCount`, bytes.
    pub read_bytes: u64,
    /// `WriteTransferCount`, bytes.
    pub write_bytes: u64,
    /// `OtherTransferCount`, bytes.
    pub other_bytes: u64,
}

/// One `SYSTEM_THREAD_INFORMATION`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ThreadRecord {
    /// `ClientId.UniqueThread`: the thread id.
    pub tid: u64,
    /// `ClientId.UniqueProcess`: the owning process id.
    pub pid: u64,
    /// `KernelTime`, 100-ns ticks.
    pub kernel_time: u64,
    /// `UserTime`, 100-ns ticks.
    pub user_time: u64,
    /// `CreateTime`, a `FILETIME` (ticks since 1601).
    pub create_time: u64,
    /// `WaitTime`, in clock ticks.
    pub wait_time: u32,
    /// `StartAddress`.
    pub start_address: u64,
    /// `Priority`: the current dynamic priority.
    pub priority: i32,
    /// `BasePriority`.
    pub base_priority: i32,
    /// `ContextSwitches`.
    pub context_switches: u32,
    /// `ThreadState` (`KTHREAD_STATE`: 2 running, 5 waiting, ...).
    pub state: u32,
    /// `WaitReason` (`KWAIT_REASON`: 5 suspended, ...), meaningful while waiting.
    pub wait_reason: u32,
}

impl ThreadRecord {
    /// Whether the thread is waiting because it is suspended, the state psutil's
    /// `status()` looks for.
    pub fn is_suspended(&self) -> bool {
        self.state == THREAD_STATE_WAITING && self.wait_reason == WAIT_REASON_SUSPENDED
    }
}

/// One `SYSTEM_PROCESS_INFORMATION` with its threads. Sizes are bytes; times are 100-ns
/// ticks (see [`super::filetime`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProcessRecord {
    /// `UniqueProcessId`.
    pub pid: u64,
    /// `InheritedFromUniqueProcessId`: the parent's pid (which may since have exited,
    /// or been reused).
    pub ppid: u64,
    /// `NumberOfThreads`.
    pub num_threads: u32,
    /// `CreateTime`, a `FILETIME`; 0 for the idle and System processes.
    pub create_time: u64,
    /// `UserTime`, summed over the threads.
    pub user_time: u64,
    /// `KernelTime`, summed over the threads.
    pub kernel_time: u64,
    /// `ImageName`: the executable's file name (`explorer.exe`), empty for pid 0.
    pub name: String,
    /// `BasePriority`.
    pub base_priority: i32,
    /// `HandleCount`.
    pub handle_count: u32,
    /// `SessionId`.
    pub session_id: u32,
    /// `PeakVirtualSize`.
    pub peak_virtual_size: u64,
    /// `VirtualSize`.
    pub virtual_size: u64,
    /// `PageFaultCount`.
    pub page_fault_count: u32,
    /// `PeakWorkingSetSize`.
    pub peak_working_set_size: u64,
    /// `WorkingSetSize`: psutil's `rss` / `wset`.
    pub working_set_size: u64,
    /// `QuotaPeakPagedPoolUsage`.
    pub quota_peak_paged_pool_usage: u64,
    /// `QuotaPagedPoolUsage`.
    pub quota_paged_pool_usage: u64,
    /// `QuotaPeakNonPagedPoolUsage`.
    pub quota_peak_non_paged_pool_usage: u64,
    /// `QuotaNonPagedPoolUsage`.
    pub quota_non_paged_pool_usage: u64,
    /// `PagefileUsage`: psutil's `vms` / `pagefile`.
    pub pagefile_usage: u64,
    /// `PeakPagefileUsage`.
    pub peak_pagefile_usage: u64,
    /// `PrivatePageCount` (bytes, despite the name): psutil's `private`.
    pub private_page_count: u64,
    /// The I/O counters.
    pub io: IoCounters,
    /// The thread records, `NumberOfThreads` of them.
    pub threads: Vec<ThreadRecord>,
}

impl ProcessRecord {
    /// The sum of the threads' `ContextSwitches` (psutil's `num_ctx_switches().voluntary`;
    /// Windows has no involuntary count).
    pub fn context_switches(&self) -> u64 {
        self.threads
            .iter()
            .map(|t| u64::from(t.context_switches))
            .sum()
    }

    /// psutil's test for `status() == "stopped"`: every thread is waiting, suspended.
    /// A record without threads reads as not suspended.
    pub fn is_suspended(&self) -> bool {
        !self.threads.is_empty() && self.threads.iter().all(ThreadRecord::is_suspended)
    }
}

fn decode_thread(t: &[u8]) -> Option<ThreadRecord> {
    Some(ThreadRecord {
        kernel_time: ticks_at(t, 0)?,
        user_time: ticks_at(t, 8)?,
        create_time: ticks_at(t, 16)?,
        wait_time: u32_at(t, 24)?,
        start_address: u64_at(t, 32)?,
        pid: u64_at(t, 40)?,
        tid: u64_at(t, 48)?,
        priority: i32_at(t, 56)?,
        base_priority: i32_at(t, 60)?,
        context_switches: u32_at(t, 64)?,
        state: u32_at(t, 68)?,
        wait_reason: u32_at(t, 72)?,
    })
}

/// The image name: `Length` bytes at `Buffer`, which must lie inside `buf` (mapped
/// back to an offset through `base`). A NULL buffer or zero length is an empty name.
fn image_name(rec: &[u8], buf: &[u8], base: usize) -> Result<String> {
    let err = |what: &str| Error::parse(FILE, None, what);
    let len = usize::from(u16_at(rec, 56).ok_or_else(|| err("truncated ImageName"))?);
    let ptr = u64_at(rec, 64).ok_or_else(|| err("truncated ImageName"))?;
    if len == 0 || ptr == 0 {
        return Ok(String::new());
    }
    let at = usize::try_from(ptr)
        .ok()
        .and_then(|p| p.checked_sub(base))
        .ok_or_else(|| err("ImageName.Buffer outside the buffer"))?;
    let bytes = at
        .checked_add(len)
        .and_then(|end| buf.get(at..end))
        .ok_or_else(|| err("ImageName.Buffer outside the buffer"))?;
    Ok(utf16_string(bytes))
}

/// Decodes the process record that starts at `at` in `buf` (threads included).
fn decode_process(buf: &[u8], at: usize, base: usize) -> Result<ProcessRecord> {
    let err = |what: &str| Error::parse(FILE, None, what);
    let rec = at
        .checked_add(PROCESS_RECORD_LEN)
        .and_then(|end| buf.get(at..end))
        .ok_or_else(|| err("truncated process record"))?;
    let short = || err("truncated process record");
    let num_threads = u32_at(rec, 4).ok_or_else(short)?;
    let threads_at = at + PROCESS_RECORD_LEN;
    let threads_len = usize::try_from(num_threads)
        .ok()
        .and_then(|n| n.checked_mul(THREAD_RECORD_LEN))
        .ok_or_else(|| err("NumberOfThreads too large"))?;
    let next = u32_at(rec, 0).ok_or_else(short)?;
    let fixed = threads_len.saturating_add(PROCESS_RECORD_LEN);
    if next != 0 && usize::try_from(next).is_ok_and(|n| n < fixed) {
        return Err(err("thread records overlap the next process record"));
    }
    let thread_bytes = threads_at
        .checked_add(threads_len)
        .and_then(|end| buf.get(threads_at..end))
        .ok_or_else(|| err("thread records past the end of the buffer"))?;
    let threads = thread_bytes
        .chunks_exact(THREAD_RECORD_LEN)
        .map(decode_thread)
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| err("truncated thread record"))?;
    let u64f = |off: usize| u64_at(rec, off).ok_or_else(short);
    let ticks = |off: usize| ticks_at(rec, off).ok_or_else(short);
    Ok(ProcessRecord {
        pid: u64f(80)?,
        ppid: u64f(88)?,
        num_threads,
        create_time: ticks(32)?,
        user_time: ticks(40)?,
        kernel_time: ticks(48)?,
        name: image_name(rec, buf, base)?,
        base_priority: i32_at(rec, 72).ok_or_else(short)?,
        handle_count: u32_at(rec, 96).ok_or_else(short)?,
        session_id: u32_at(rec, 100).ok_or_else(short)?,
        peak_virtual_size: u64f(112)?,
        virtual_size: u64f(120)?,
        page_fault_count: u32_at(rec, 128).ok_or_else(short)?,
        peak_working_set_size: u64f(136)?,
        working_set_size: u64f(144)?,
        quota_peak_paged_pool_usage: u64f(152)?,
        quota_paged_pool_usage: u64f(160)?,
        quota_peak_non_paged_pool_usage: u64f(168)?,
        quota_non_paged_pool_usage: u64f(176)?,
        pagefile_usage: u64f(184)?,
        peak_pagefile_usage: u64f(192)?,
        private_page_count: u64f(200)?,
        io: IoCounters {
            read_count: u64f(208)?,
            write_count: u64f(216)?,
            other_count: u64f(224)?,
            read_bytes: u64f(232)?,
            write_bytes: u64f(240)?,
            other_bytes: u64f(248)?,
        },
        threads,
    })
}

/// The offsets of the process records in `buf`, following `NextEntryOffset` from 0.
/// The chain must move forward by at least one record each step and stay inside the
/// buffer, so a corrupt offset ends in an error, never in a loop.
fn record_offsets(buf: &[u8]) -> Result<Vec<usize>> {
    let err = |what: &str| Error::parse(FILE, None, what);
    let mut out = Vec::new();
    if buf.is_empty() {
        return Ok(out);
    }
    let mut at = 0usize;
    loop {
        out.push(at);
        let next = u32_at(buf, at).ok_or_else(|| err("truncated process record"))?;
        if next == 0 {
            return Ok(out);
        }
        let step = usize::try_from(next).map_err(|_| err("bad NextEntryOffset"))?;
        if step < PROCESS_RECORD_LEN {
            return Err(err("NextEntryOffset shorter than a process record"));
        }
        at = at
            .checked_add(step)
            .filter(|&a| a < buf.len())
            .ok_or_else(|| err("NextEntryOffset past the end of the buffer"))?;
    }
}

/// Decodes every process of a `SystemProcessInformation` buffer, in the buffer's
/// order. `base` is the address of `buf[0]` when the call filled it
/// (`buf.as_ptr() as usize` if the bytes were not moved since). An empty buffer gives
/// no process.
pub fn parse(buf: &[u8], base: usize) -> Result<Vec<ProcessRecord>> {
    record_offsets(buf)?
        .into_iter()
        .map(|at| decode_process(buf, at, base))
        .collect()
}

/// Decodes only the record of `pid` (psutil's per-process fast path), `None` when the
/// snapshot has no such process. The other records are walked, not decoded.
pub fn find(buf: &[u8], base: usize, pid: u64) -> Result<Option<ProcessRecord>> {
    for at in record_offsets(buf)? {
        let id = at
            .checked_add(80)
            .and_then(|o| u64_at(buf, o))
            .ok_or_else(|| Error::parse(FILE, None, "truncated process record"))?;
        if id == pid {
            return decode_process(buf, at, base).map(Some);
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests;
