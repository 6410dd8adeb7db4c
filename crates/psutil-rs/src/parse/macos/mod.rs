//! Decoders for the buffers macOS calls fill: pure functions from bytes to plain
//! records, written for the macOS backend and compiled and tested on every platform.
//!
//! The macOS backend makes the call (`sysctl`, `proc_pidinfo`, `host_statistics64`,
//! ...) and hands the bytes over; the decoding, bounds checks included, happens here,
//! so it is tested on Linux with buffers laid out as the headers define them. Layouts
//! are those of LP64 macOS (x86_64 and arm64, both little-endian), read at named
//! offsets: no `#[repr(C)]` struct is cast over OS data. Decoders never panic; a buffer
//! too short for what it must hold is an [`Error::Parse`](crate::Error::Parse) (or an
//! empty list / `None` where the function says so).
//!
//! | module | what it decodes |
//! |---|---|
//! | [`attrlist`] | `getattrlist(ATTR_VOL_SPACEUSED)`: a volume's used bytes |
//! | [`battery`] | IOKit power source values as psutil's battery (numbers, not a buffer) |
//! | [`fdinfo`] | `proc_pidinfo(PROC_PIDLISTFDS / PROC_PIDVNODEPATHINFO)`, `proc_pidfdinfo` vnode and socket records |
//! | [`host_statistics`] | `vm_statistics64`, `host_cpu_load_info`, `processor_cpu_load_info`, psutil's `vmmeter` reading |
//! | [`if_msghdr`] | `NET_RT_IFLIST2` routing messages: per-interface counters |
//! | [`ifmedia`] | `SIOCGIFMEDIA`'s media word: speed and duplex |
//! | [`kinfo_proc`] | `KERN_PROC` records: pid, ppid, name, ids, terminal, start time, status |
//! | [`mount_flags`] | `statfs.f_flags` as `disk_partitions` opts |
//! | [`procargs`] | `KERN_PROCARGS2`: argv and environment |
//! | [`sysctl_values`] | `kern.boottime`, `vm.swapusage` |
//! | [`task_info`] | `proc_pidinfo(PROC_PIDTASKINFO)`: times, memory, threads, context switches |
//! | [`voltage_states`] | Apple Silicon `pmgr` `voltage-states*-sram`: CPU frequencies |

pub mod attrlist;
pub mod battery;
pub mod fdinfo;
pub mod host_statistics;
pub mod if_msghdr;
pub mod ifmedia;
pub mod kinfo_proc;
pub mod mount_flags;
pub mod procargs;
pub mod sysctl_values;
pub mod task_info;
pub mod voltage_states;
