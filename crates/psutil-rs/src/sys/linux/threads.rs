#![allow(unsafe_code)]
//! Placement of the process table's reading threads.
//!
//! A new thread starts on its creator's CPU's run queue; on some kernels and VMs the
//! scheduler moves it to an idle CPU only at a later load-balancing tick (1–4 ms
//! measured on a 2-CPU VM, against ~50 µs when the thread is placed), which is most of
//! what a second reader could save on a 30 ms table.

use std::os::unix::thread::JoinHandleExt;
use std::thread::JoinHandle;

/// Restricts `thread` (just spawned, not yet run) to the CPUs of the calling thread's
/// affinity mask (`sched_getaffinity(2)`, which the cgroup cpuset bounds) other than the
/// one the caller runs on (`sched_getcpu(3)`), so that the scheduler starts it on
/// another CPU at once (`pthread_setaffinity_np(3)`; rustix has no call on a
/// `pthread_t`). Nothing is done when there is no other CPU or a call fails: the
/// thread then starts where the scheduler puts it.
pub(crate) fn start_on_another_cpu<T>(thread: &JoinHandle<T>) {
    let cpu = rustix::thread::sched_getcpu();
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: cpu_set_t is a plain bit array; all zeroes is the empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid, writable cpu_set_t of `size` bytes; pid 0 is the
    // calling thread.
    if unsafe { libc::sched_getaffinity(0, size, &mut set) } != 0 {
        return;
    }
    // SAFETY: CPU_CLR and CPU_COUNT only touch the bits of `set`, a valid cpu_set_t;
    // CPU_CLR ignores a cpu number past its size.
    let others = unsafe {
        libc::CPU_CLR(cpu, &mut set);
        libc::CPU_COUNT(&set)
    };
    if others == 0 {
        return;
    }
    // SAFETY: the JoinHandle is borrowed for this call, so the thread is not yet joined
    // or detached and its pthread_t names it; `set` is a valid cpu_set_t of `size`
    // bytes. A failure (EINVAL, ESRCH) changes nothing and is ignored.
    unsafe {
        libc::pthread_setaffinity_np(thread.as_pthread_t(), size, &set);
    }
}

/// Grows this process's descriptor table so that `more` descriptors beyond the lowest
/// free one fit (at most up to the soft `RLIMIT_NOFILE`), before reading threads
/// start: a table that grows while several threads share it waits for a full RCU
/// grace period at each doubling (`expand_fdtable` in fs/file.c calls
/// `synchronize_rcu`), which made a first 1,000-process table that keeps its handles
/// take 50 ms instead of 15 here. One `dup(2)` finds the lowest free descriptor, one
/// `fcntl(F_DUPFD_CLOEXEC)` at that plus `more` grows the table (both closed at once).
/// Failures are ignored: the table then grows as descriptors are opened.
pub(crate) fn reserve_fds(anchor: std::os::fd::BorrowedFd<'_>, more: usize) {
    let Ok(low) = rustix::io::dup(anchor) else {
        return;
    };
    let low = std::os::fd::AsRawFd::as_raw_fd(&low);
    let limit = super::nofile_soft().map_or(i64::from(i32::MAX), |n| {
        i64::try_from(n).unwrap_or(i64::from(i32::MAX))
    });
    let want = i64::from(low)
        .saturating_add(i64::try_from(more).unwrap_or(i64::MAX))
        .min(limit - 1);
    if let Ok(want) = i32::try_from(want) {
        if want > low {
            let _ = rustix::io::fcntl_dupfd_cloexec(anchor, want);
        }
    }
}
