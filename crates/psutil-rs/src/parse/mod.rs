//! The parser layer: pure functions from the bytes of one kernel file to a typed value.
//!
//! No I/O happens here, so every parser runs on captured fixtures, in doc tests and under
//! the fuzzer. One module per kernel file, named after it. Parsers never panic: malformed
//! input is an [`Error::Parse`](crate::Error::Parse) naming the file and line.

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
// cpu
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
