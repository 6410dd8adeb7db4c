//! The Windows process backend: the same contract as the Linux one (see
//! `sys/linux/process/mod.rs`), with psutil's Windows calls (psutil-platforms.md §4.1)
//! and error mapping (§5.1).

mod ext;
mod skeleton;
mod table;
mod types;

pub(crate) use ext::{platform_attr, ATTRS};
pub(crate) use skeleton::*;
pub(crate) use table::TableReader;

pub use ext::WindowsProcessExt;
pub use table::ProcessInfo;
#[cfg(any(test, feature = "test-hooks"))]
pub use table::TableReads;
pub use types::{
    Gids, IoNice, IoPriority, MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt, NoValue,
    OpenFile, ProcessCpuTimes, ProcessIoCounters, Uids,
};

/// A monotonic clock reading, in seconds (the table's read times).
pub(crate) fn monotonic() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Nothing to do on Windows: the scheduler places the table's threads.
pub(crate) fn start_on_another_cpu<T>(_thread: &std::thread::JoinHandle<T>) {}
