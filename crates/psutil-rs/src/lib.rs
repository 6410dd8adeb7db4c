//! psutil's system and process utilities, rebuilt in Rust for Linux, Windows, macOS and
//! FreeBSD.
//!
//! The API follows psutil 7 name for name, returning structs whose fields carry
//! psutil's names in psutil's order. Where psutil switches on a flag (`percpu`,
//! `perdisk`, `pernic`) there are two functions. Where psutil returns a dict, the
//! function returns an [`IndexMap`] whose keys come in the order psutil's dict lists
//! them, which is the kernel's: `/proc/net/dev` ([`net_io_counters_pernic`],
//! [`net_if_stats`]), `/proc/diskstats` ([`disk_io_counters_perdisk`]), `getifaddrs(3)`
//! grouped by family ([`net_if_addrs`]), the sorted hwmon paths (`sensors_temperatures`,
//! `sensors_fans`), `/proc/<pid>/environ` ([`Process::environ`]).
//!
//! | area | functions |
//! |---|---|
//! | CPU | [`cpu_times`], [`cpu_times_percpu`], [`cpu_percent`], [`cpu_percent_percpu`], [`cpu_times_percent`], [`cpu_times_percent_percpu`], [`CpuSampler`], [`cpu_count`], [`cpu_count_physical`], [`cpu_stats`], [`cpu_freq`], [`cpu_freq_percpu`], [`getloadavg`] |
//! | memory | [`virtual_memory`], [`swap_memory`] |
//! | this process's C heap | `heap_info`, `heap_trim` (everywhere but on Linux without glibc, as psutil) |
//! | disks | [`disk_partitions`], [`disk_usage`], [`disk_usage_timeout`], [`disk_io_counters`], [`disk_io_counters_perdisk`] |
//! | network | [`net_io_counters`], [`net_io_counters_pernic`], [`net_connections`], [`net_if_addrs`], [`net_if_stats`] |
//! | sensors | [`sensors_battery`]; on Linux also `sensors_temperatures`, `sensors_fans` |
//! | containers (Linux) | `cgroup`, `pressure`, `cpu_count_effective`, `virtual_memory_effective` (additions beyond psutil: `cpu_count`/`virtual_memory` stay the host's), `os::linux::ProcessExt::cgroups`/`cgroup`, the `Cgroup` view (limits, usage, PSI; cgroup v1, v2 and hybrid) |
//! | other | [`boot_time`], [`users`] |
//! | processes | [`pids`], [`pid_exists`], [`Process`] (its platform-only methods in the `ProcessExt` traits of [`os`]: `os::unix`, `os::linux`, `os::windows`, `os::freebsd`), [`process_iter`], [`ProcessTable`] / [`process_table`] (many attributes of every process, each file read once), [`Attr`] / [`AttrSet`] (psutil's `as_dict` names) |
//!
//! ```
//! let vm = psutil_rs::virtual_memory()?;
//! assert!(vm.available <= vm.total);
//! # Ok::<(), psutil_rs::Error>(())
//! ```
//!
//! On Linux, a captured machine is read the same way through a `Root`
//! (`os::linux::Root`, whose docs show it on a fixture tree).
//!
//! # Where data comes from
//! Every item documents the kernel file or syscall it reads. On Linux, files are read
//! through a `Root` (`os::linux::Root`), which defaults to the host's `/proc` and
//! `/sys` and can be pointed at any directory tree (psutil's `PROCFS_PATH`):
//! `set_procfs_path` for the free functions, or the methods of a `Root` value.
//!
//! # Platforms
//! Linux (x86_64, the first-class target; aarch64 and i686 tested too), Windows
//! (`x86_64-pc-windows-gnu`, tested under Wine), macOS (x86_64 and aarch64) and FreeBSD
//! (x86_64), these two compiled and linted but not yet run. The functions and types psutil has on every platform are at the crate
//! root. Those psutil has on some platforms only exist only when building for one of
//! them: they are in [`os`]`::<platform>` (as in `std::os`) and, for psutil's flat
//! namespace, also at the crate root (on Linux: `Root`, `procfs_path`,
//! `set_procfs_path`, `sensors_temperatures`, `sensors_temperatures_fahrenheit`,
//! `sensors_fans`, `Temperature`, `Fan`, `users_from_file`, the `IoClass`/`RLIMIT`
//! types, the container items (`cgroup`, `pressure`, `cpu_count_effective`,
//! `virtual_memory_effective`, `Cgroup` and its parts, `CgroupLimit`, `Pressures`); on FreeBSD: `sensors_temperatures`, `Temperature`, the `RlimitResource`
//! types; on Windows: `win_service_iter`, `win_service_get`, `WindowsService`, the
//! priority-class and `IOPRIO_*` constants). `Process` methods psutil has on some
//! platforms only are extension traits: `os::unix::ProcessExt` (`uids`, `gids`,
//! `terminal`, `num_fds`), `os::linux::ProcessExt`, `os::windows::ProcessExt`
//! (`num_handles`, `io_counters`, `cpu_affinity`, `ionice`, `memory_maps`),
//! `os::freebsd::ProcessExt` (`io_counters`, `cpu_num`, `cpu_affinity`, `rlimit`,
//! `memory_maps`); macOS has only `os::unix`'s. The returned
//! structs whose fields differ by platform, as psutil's named tuples do ([`CpuTimes`],
//! [`VirtualMemory`], [`DiskIoCounters`], [`MemoryInfo`], [`MemoryFullInfo`],
//! [`ProcessCpuTimes`], [`ProcessIoCounters`], [`OpenFile`], [`MemoryMap`], [`User`],
//! `HeapInfo`),
//! are defined by each platform with exactly psutil's fields there. Code that uses only
//! the common part compiles on every platform.
//!
//! # Errors
//! One [`Error`] type with psutil's kinds. A file the running kernel lacks is handled by
//! a fallback or by `None`; a malformed file is [`Error::Parse`] naming the file and
//! line. Nothing in this crate panics on kernel data.
//!
//! # Layers
//! - [`parse`]: pure parsers, one module per kernel file (`/proc/meminfo`,
//!   `/proc/<pid>/stat`, `/proc/net/tcp`, `/run/utmp`, netlink replies, ...), from bytes to
//!   typed records. Public, and versioned like the rest of the API: captured kernel files
//!   can be parsed anywhere, and the fuzz targets call the parsers directly.
//! - `sys`: the only code doing I/O, syscalls or `unsafe`, one backend per platform
//!   (`sys/linux`, `sys/windows`), which produces the values; one switch
//!   (`sys/mod.rs`) chooses it, and no other module names an OS.
//! - the area modules (memory, cpu, disk, net, sensors, users), OS-neutral: the common
//!   types, the logic psutil keeps in Python (percentages, wrap-around correction, CPU
//!   utilisation deltas) and the free functions, which call the backend.
//!
//! # Features
//! - `serde` (default): `Serialize` for every returned struct.
//!
//! # Stability
//! The returned structs are `#[non_exhaustive]`: a field psutil adds can be added here
//! without a breaking change. Read their fields; other crates cannot build them with a
//! struct literal.

#![deny(missing_docs)]
#![deny(unsafe_code)]
#![deny(rustdoc::broken_intra_doc_links)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod boot;
mod cpu;
mod disk;
mod error;
mod memory;
mod net;
mod nowrap;
pub mod parse;
mod percent;
mod process;
mod sensors;
mod sys;
mod users;

pub use error::{Error, Pid, Result};
pub use sys::os;
// the items psutil has on the target platform only (e.g. `sensors_fans` on Linux)
pub use sys::exports::*;

// CPU
pub use cpu::{
    cpu_count, cpu_count_physical, cpu_freq, cpu_freq_percpu, cpu_percent, cpu_percent_percpu,
    cpu_stats, cpu_times, cpu_times_percent, cpu_times_percent_percpu, cpu_times_percpu,
    getloadavg, CpuFreq, CpuSampler, CpuStats, CpuTimes, LoadAvg,
};
// memory
pub use memory::{swap_memory, virtual_memory, SwapMemory, VirtualMemory};

// disks
pub use disk::{
    disk_io_counters, disk_io_counters_cache_clear, disk_io_counters_perdisk, disk_partitions,
    disk_usage, disk_usage_timeout, DiskIoCounters, DiskPartition, DiskUsage,
};
// network
pub use net::connections::{net_connections, Addr, ConnAddr, Connection};
pub use net::if_addrs::{net_if_addrs, NicAddress};
pub use net::if_stats::{net_if_stats, NicDuplex, NicStats};
pub use net::io_counters::{
    net_io_counters, net_io_counters_cache_clear, net_io_counters_pernic, NetIoCounters,
};
pub use net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType};
// sensors (temperatures and fans are Linux-only: in `sys::exports`)
pub use sensors::{sensors_battery, Battery, BatteryTime};
// other system information
pub use boot::{boot_time, boot_time_system};
pub use users::{users, User};
// process (the platform-only methods are in `os::unix::ProcessExt` and
// `os::linux::ProcessExt`, their types in `sys::exports`)
pub use process::{
    pid_exists, pids, wait_procs, CtxSwitches, Gone, MemoryFullInfo, MemoryInfo, MemoryMap,
    MemoryMapExt, OpenFile, Popen, Process, ProcessCpuTimes, ProcessIoCounters, ProcessThread,
    Status,
};
// process table
#[cfg(feature = "test-hooks")]
pub use process::TableReads;
pub use process::{
    process_iter, process_iter_cache_clear, process_table, Attr, AttrSet, ProcessConnection,
    ProcessInfo, ProcessTable, TableBatch, TableStream, Value,
};
// ordered maps
/// The insertion-ordered map of [`indexmap`] that the dict-returning functions return
/// (e.g. [`net_io_counters_pernic`], [`disk_io_counters_perdisk`], [`net_if_addrs`],
/// `sensors_temperatures`, [`Process::environ`]): their keys come in the order psutil's
/// dicts list them, which is the kernel's (`/proc/net/dev`, `/proc/diskstats`, ...).
/// Re-exported so users need not depend on `indexmap` themselves.
pub use indexmap::IndexMap;
