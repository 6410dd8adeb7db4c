//! The parser layer: pure functions from the bytes of one kernel file to a typed value.
//!
//! No I/O happens here, so every parser runs on captured fixtures, in doc tests and under
//! the fuzzer. One module per kernel file, named after it. Parsers never panic: malformed
//! input is an [`Error::Parse`](crate::Error::Parse) naming the file and line.
//!
//! # Public API
//! This module is public and follows the crate's versioning like the rest of the API:
//! a tool that captures kernel files on one machine can parse them on another, and the
//! fuzz targets (`fuzz/`) and property tests call these parsers directly. The record
//! structs are `#[non_exhaustive]`, so reading one more line of a file is not a
//! breaking change; parsers that return plain numbers or strings keep their signature.
//!
//! | module | what it parses |
//! |---|---|
//! | [`cgroup`] | cgroup v1/v2 files (`/proc/<pid>/cgroup`, `mountinfo`, `memory.max`, `cpu.max`, `io.stat`, ...) and PSI (`/proc/pressure/*`) |
//! | [`cpu_list`] | the CPU list format: `/sys/devices/system/cpu/online`, `Cpus_allowed_list` |
//! | [`cpuinfo`] | `/proc/cpuinfo` |
//! | [`diskstats`] | `/proc/diskstats`, `/sys/block/<dev>/stat` |
//! | [`etc_passwd`] | `/etc/passwd` |
//! | [`fields`] | helpers: numbers and words as the kernel prints them |
//! | [`filesystems`] | `/proc/filesystems` |
//! | [`loadavg`] | `/proc/loadavg` |
//! | [`macos`] | the buffers of macOS calls (`sysctl` records, `libproc`, Mach host statistics, routing messages, ...) |
//! | [`logind_session`] | `/run/systemd/sessions/<id>` |
//! | [`meminfo`] | `/proc/meminfo` |
//! | [`mounts`] | `/proc/self/mounts`, `/etc/mtab` |
//! | [`net_dev`] | `/proc/net/dev` |
//! | [`net_inet`] | `/proc/net/{tcp,tcp6,udp,udp6}` |
//! | [`net_unix`] | `/proc/net/unix` |
//! | [`partitions`] | `/proc/partitions`, `/sys/dev/block/<maj>:<min>/uevent` |
//! | [`pid_cmdline`] | `/proc/<pid>/cmdline` |
//! | [`pid_environ`] | `/proc/<pid>/environ` |
//! | [`pid_fdinfo`] | `/proc/<pid>/fdinfo/<fd>` |
//! | [`pid_io`] | `/proc/<pid>/io` |
//! | [`pid_smaps`] | `/proc/<pid>/smaps`, `/proc/<pid>/smaps_rollup` |
//! | [`pid_stat`] | `/proc/<pid>/stat`, `/proc/<pid>/task/<tid>/stat` |
//! | [`pid_statm`] | `/proc/<pid>/statm` |
//! | [`pid_status`] | `/proc/<pid>/status` |
//! | [`proc_stat`] | `/proc/stat` |
//! | [`sock_diag`] | `NETLINK_SOCK_DIAG` replies |
//! | [`sysfs`] | single-value sysfs attributes (`/sys/class/hwmon/*/temp1_input`, ...) |
//! | [`taskstats`] | `TASKSTATS` generic netlink replies |
//! | [`utmp`] | `/run/utmp` |
//! | [`vmstat`] | `/proc/vmstat` |
//! | [`freebsd`] | the buffers of FreeBSD sysctls (`kinfo_proc`, `kinfo_file`, `kern.cp_times`, `kern.devstat.all`, ...) |
//! | [`windows`] | the buffers of Windows calls (`NtQuerySystemInformation`, the PEB, IP Helper tables, ...) |
//! | [`zoneinfo`] | `/proc/zoneinfo` |

// little-endian readers of the `windows`, `macos` and `freebsd` decoders
mod bytes;
pub mod fields;
pub mod logind_session;
pub mod meminfo;
pub mod net_dev;
pub mod net_inet;
pub mod net_unix;
pub mod proc_stat;
pub mod sock_diag;
pub mod sysfs;
pub mod utmp;
pub mod vmstat;
pub mod zoneinfo;
// containers (Linux)
pub mod cgroup;
// cpu
pub mod cpu_list;
pub mod cpuinfo;
pub mod loadavg;
// disk
pub mod diskstats;
pub mod filesystems;
pub mod mounts;
pub mod partitions;
// process
pub mod etc_passwd;
pub mod pid_cmdline;
pub mod pid_environ;
pub mod pid_fdinfo;
pub mod pid_io;
pub mod pid_smaps;
pub mod pid_stat;
pub mod pid_statm;
pub mod pid_status;
pub mod taskstats;
// Windows: decoders of the Windows calls' buffers, compiled and tested everywhere
pub mod freebsd;
pub mod windows;
// macOS: decoders of the macOS calls' buffers, compiled and tested everywhere
pub mod macos;
