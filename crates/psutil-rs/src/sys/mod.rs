//! The platform layer: the only place that does I/O, makes syscalls or uses `unsafe`,
//! and the only place (with the backends under it) that names a target OS.
//!
//! One switch chooses the backend for the target OS, as psutil chooses its
//! `_psplatform`. Each backend (`linux/`, ...) provides the same set of
//! crate-internal functions per area (`sys::memory::virtual_memory()`, ...), which the
//! portable modules call; it also defines the returned structs whose fields differ by
//! platform (psutil's per-platform named tuples, e.g. `svmem`), and the public items
//! that exist on that platform only, which it re-exports through [`exports`] (at the
//! crate root, psutil's flat namespace) and [`os`] (`psutil_rs::os::<platform>`, as
//! `std::os`).

/// Code every POSIX backend shares (the C library's calls that behave the same on
/// Linux, macOS and FreeBSD), used by the backends, not by the portable modules.
#[cfg(unix)]
mod unix;

#[cfg(target_os = "linux")]
#[path = "linux/mod.rs"]
mod imp;

#[cfg(windows)]
#[path = "windows/mod.rs"]
mod imp;

#[cfg(target_os = "macos")]
#[path = "macos/mod.rs"]
mod imp;

#[cfg(target_os = "freebsd")]
#[path = "freebsd/mod.rs"]
mod imp;

/// The placeholder type of the methods psutil lacks on a platform (Linux lacks none).
#[cfg(not(target_os = "linux"))]
mod no_value;

/// The process listing helpers of the backends with one system to list.
#[cfg(not(target_os = "linux"))]
mod one_system;

/// The portable items only the Linux backend calls, kept alive on the others.
#[cfg(not(target_os = "linux"))]
mod linux_only;

#[cfg(not(any(
    target_os = "linux",
    windows,
    target_os = "macos",
    target_os = "freebsd"
)))]
compile_error!("psutil-rs supports Linux, Windows, macOS and FreeBSD");

pub(crate) use imp::*;

/// `heap_info`/`heap_trim`: psutil has them everywhere but on Linux without glibc (musl);
/// re-exported at the crate root through [`exports`].
#[cfg(any(not(target_os = "linux"), target_env = "gnu"))]
mod heap_api;

/// The seal of the `ProcessExt` extension traits: only [`Process`](crate::Process)
/// implements them.
pub(crate) mod sealed {
    /// Only [`Process`](crate::Process) implements the extension traits.
    pub trait Sealed {}
    impl Sealed for crate::Process {}
}

/// Platform-specific extensions, in the shape of `std::os`: the items psutil has on some
/// platforms only. Each submodule exists only when building for that platform, so code
/// that uses only the common API compiles everywhere, and code that uses a
/// platform-only item says so with its `use` line.
///
/// - `os::unix` (every POSIX platform): [`Process`](crate::Process) methods psutil has
///   only on POSIX (`uids`, `gids`, `terminal`, `num_fds`).
/// - `os::linux`: everything psutil has on Linux only (`PROCFS_PATH` as
///   `Root`/`set_procfs_path`, `rlimit`, `ionice` classes, `cpu_num`, `sensors_fans`,
///   ...).
/// - `os::freebsd`: everything psutil has on FreeBSD but not everywhere (`rlimit` and
///   `RlimitResource`, `cpu_num`, `cpu_affinity`, `memory_maps`, `io_counters`,
///   `sensors_temperatures`).
/// - `os::windows`: everything psutil has on Windows only (`num_handles`, the priority
///   classes, `ionice` as an I/O priority, the services, ...).
/// - `os::macos`: what is macOS's own: nothing beyond `os::unix` (psutil has no
///   macOS-only function or method) but the placeholder type of the methods it lacks.
pub mod os {
    /// Extensions for every POSIX platform (Linux, macOS, FreeBSD).
    #[cfg(unix)]
    pub mod unix {
        pub use crate::sys::unix::process::{Gids, Uids, UnixProcessExt as ProcessExt};
    }
    /// Extensions for Linux.
    #[cfg(target_os = "linux")]
    pub mod linux {
        pub use crate::sys::imp::ext::linux::*;
    }
    /// Extensions for Windows.
    #[cfg(windows)]
    pub mod windows {
        pub use crate::sys::imp::ext::windows::*;
    }
    /// Extensions for macOS.
    #[cfg(target_os = "macos")]
    pub mod macos {
        pub use crate::sys::imp::ext::macos::*;
    }
    /// Extensions for FreeBSD.
    #[cfg(target_os = "freebsd")]
    pub mod freebsd {
        pub use crate::sys::imp::ext::freebsd::*;
    }
}

/// The public items that exist on the target platform only, re-exported at the crate
/// root (psutil's flat namespace: `psutil.sensors_fans` on Linux, absent on Windows).
pub mod exports {
    #[cfg(any(not(target_os = "linux"), target_env = "gnu"))]
    pub use super::heap_api::{heap_info, heap_trim, HeapInfo};
    pub use crate::sys::imp::ext::exports::*;
}
