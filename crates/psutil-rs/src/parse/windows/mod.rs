//! Decoders for the buffers Windows calls fill: pure functions from bytes (or UTF-16
//! units) to plain records, written for the Windows backend and compiled and tested on
//! every platform.
//!
//! The Windows backend makes the call (`NtQuerySystemInformation`, `ReadProcessMemory`,
//! `GetExtendedTcpTable`, ...) and hands the bytes over; the decoding, bounds checks
//! included, happens here, so it is tested on Linux with hand-built buffers, including
//! the values Wine cannot produce (I/O counters, suspended threads, owning pids, ...).
//! Layouts are those of 64-bit Windows (x86_64, little-endian), read at explicit
//! offsets: no `#[repr(C)]` struct is cast over OS data. Decoders never panic; a buffer
//! too short for what its headers announce is an [`Error::Parse`](crate::Error::Parse).
//!
//! | module | what it decodes |
//! |---|---|
//! | [`adapters`] | `GetAdaptersAddresses` / `GetIfEntry2` values: sockaddrs, netmasks, MACs, link state and speed |
//! | [`battery`] | `SYSTEM_POWER_STATUS` as psutil's battery |
//! | [`boot_time`] | psutil's one-second smoothing of the boot time |
//! | [`command_line`] | a command line split into arguments as `CommandLineToArgvW` does |
//! | [`disk_performance`] | `IOCTL_DISK_PERFORMANCE`'s `DISK_PERFORMANCE` |
//! | [`drives`] | drive types, volume flags as `opts`, the `all=False` filter |
//! | [`filetime`] | `FILETIME` / `LARGE_INTEGER` 100-ns counts: durations and Unix times |
//! | [`handles`] | `NtQuerySystemInformation(SystemExtendedHandleInformation)`: open handles |
//! | [`loadavg`] | psutil's load-average emulation: the exponentially damped averages |
//! | [`nt_path`] | NT paths (`\??\C:\x`, `\Device\HarddiskVolume1\x`, `\\?\`) to DOS paths |
//! | [`performance`] | `NtQuerySystemInformation(SystemPerformanceInformation)`: context switches, system calls |
//! | [`power`] | `CallNtPowerInformation(ProcessorInformation)`: CPU MHz |
//! | [`priority`] | priority classes and I/O priorities: values and psutil's names |
//! | [`process_parameters`] | the PEB and `RTL_USER_PROCESS_PARAMETERS`: cwd, command line, environment block |
//! | [`processor`] | `SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION` and `GetLogicalProcessorInformationEx` buffers |
//! | [`services`] | service state and start-type codes: psutil's strings |
//! | [`system_process_information`] | `NtQuerySystemInformation(SystemProcessInformation)`: every process and thread |
//! | [`tcp_table`] | `GetExtendedTcpTable` / `GetExtendedUdpTable` owner-pid tables, IPv4 and IPv6 |
//! | [`working_set`] | `NtQueryVirtualMemory(MemoryWorkingSetInformation)`: pages, USS |

pub mod adapters;
pub mod battery;
pub mod boot_time;
pub mod command_line;
pub mod disk_performance;
pub mod drives;
pub mod filetime;
pub mod handles;
pub mod loadavg;
pub mod nt_path;
pub mod performance;
pub mod power;
pub mod priority;
pub mod process_parameters;
pub mod processor;
pub mod services;
pub mod system_process_information;
pub mod tcp_table;
pub mod working_set;

#[cfg(test)]
mod proptests;
