#![allow(unsafe_code)]
// libc marks its Mach bindings deprecated in favour of the mach2 crate; the handful
// used here (mach_host_self, mach_task_self, mach_timebase_info) are stable ABI.
#![allow(deprecated)]
//! The Mach host calls psutil makes on macOS, their answers handed over as bytes for
//! [`crate::parse::macos::host_statistics`]: `host_statistics64(HOST_VM_INFO64)`,
//! `host_statistics(HOST_CPU_LOAD_INFO / HOST_VM_INFO)`,
//! `host_processor_info(PROCESSOR_CPU_LOAD_INFO)`, and `mach_timebase_info`.

use std::io;
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// A `kern_return_t` failure of `call` as an error.
pub(crate) fn kern_error(kr: libc::kern_return_t, call: &str) -> Error {
    Error::Io {
        path: Some(call.into()),
        source: io::Error::other(format!("kern_return_t {kr}")),
    }
}

/// The host port, once (`mach_host_self()` returns a send right each call).
fn host() -> libc::mach_port_t {
    static HOST: OnceLock<libc::mach_port_t> = OnceLock::new();
    // SAFETY: mach_host_self takes no arguments and returns the host name port.
    *HOST.get_or_init(|| unsafe { libc::mach_host_self() })
}

/// `integer_t` words to their bytes (native order).
fn word_bytes(words: &[libc::integer_t]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_ne_bytes()).collect()
}

/// `host_statistics64(flavor)` with room for `count` words; the words the call wrote.
pub(crate) fn host_statistics64(flavor: i32, count: usize, call: &str) -> Result<Vec<u8>> {
    let mut buf: Vec<libc::integer_t> = vec![0; count];
    let mut n = libc::mach_msg_type_number_t::try_from(count).unwrap_or(0);
    // SAFETY: `buf` holds `n` writable integer_t words; the call writes at most `n` and
    // sets `n` to the number written.
    let kr = unsafe { libc::host_statistics64(host(), flavor, buf.as_mut_ptr(), &mut n) };
    if kr != libc::KERN_SUCCESS {
        return Err(kern_error(kr, call));
    }
    buf.truncate(n as usize);
    Ok(word_bytes(&buf))
}

/// `host_statistics(flavor)` with room for `count` words; the words the call wrote.
pub(crate) fn host_statistics(flavor: i32, count: usize, call: &str) -> Result<Vec<u8>> {
    let mut buf: Vec<libc::integer_t> = vec![0; count];
    let mut n = libc::mach_msg_type_number_t::try_from(count).unwrap_or(0);
    // SAFETY: as in host_statistics64.
    let kr = unsafe { libc::host_statistics(host(), flavor, buf.as_mut_ptr(), &mut n) };
    if kr != libc::KERN_SUCCESS {
        return Err(kern_error(kr, call));
    }
    buf.truncate(n as usize);
    Ok(word_bytes(&buf))
}

/// `host_processor_info(PROCESSOR_CPU_LOAD_INFO)`: every CPU's tick words, copied out
/// of the array the kernel allocated (then released with `vm_deallocate`).
pub(crate) fn processor_cpu_load() -> Result<Vec<u8>> {
    let mut cpus: libc::natural_t = 0;
    let mut info: libc::processor_info_array_t = std::ptr::null_mut();
    let mut n: libc::mach_msg_type_number_t = 0;
    // SAFETY: the three out-pointers are valid; on success `info` points to `n`
    // integer_t words the kernel mapped into our task.
    let kr = unsafe {
        libc::host_processor_info(
            host(),
            libc::PROCESSOR_CPU_LOAD_INFO,
            &mut cpus,
            &mut info,
            &mut n,
        )
    };
    if kr != libc::KERN_SUCCESS {
        return Err(kern_error(kr, "host_processor_info"));
    }
    if info.is_null() {
        return Ok(Vec::new());
    }
    // SAFETY: `info` holds `n` words (above), read before the deallocation below.
    let words = unsafe { std::slice::from_raw_parts(info, n as usize) };
    let out = word_bytes(words);
    let size = (n as usize).saturating_mul(std::mem::size_of::<libc::integer_t>());
    // SAFETY: releases the array host_processor_info mapped, exactly once; `words` is
    // not used afterwards.
    unsafe {
        #[allow(deprecated)]
        libc::vm_deallocate(libc::mach_task_self(), info as libc::vm_address_t, size);
    }
    Ok(out)
}

/// `mach_timebase_info`: (numer, denom), nanoseconds per Mach absolute time unit.
pub(crate) fn timebase() -> (u32, u32) {
    static TB: OnceLock<(u32, u32)> = OnceLock::new();
    *TB.get_or_init(|| {
        let mut info = libc::mach_timebase_info { numer: 0, denom: 0 };
        // SAFETY: `info` is a valid out-pointer.
        let rc = unsafe { libc::mach_timebase_info(&mut info) };
        if rc != 0 || info.denom == 0 {
            (1, 1)
        } else {
            (info.numer, info.denom)
        }
    })
}

/// The VM page size (`vm_page_size`, what psutil multiplies page counts by).
pub(crate) fn page_size() -> u64 {
    // SAFETY: sysconf takes a constant.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(n).ok().filter(|n| *n > 0).unwrap_or(4096)
}
