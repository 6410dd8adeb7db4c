//! The subcommands, one module each, and [`run`], which picks one. The ones whose
//! classic tool reads what only Linux has (cgroup, ionice, iotop, lsof, nice/renice,
//! pmap, sensors, taskset, tty) exist on Linux only; elsewhere `run` says so.

#[cfg(target_os = "linux")]
mod cgroup;
mod completions;
mod df;
mod dispatch;
mod free;
mod ifconfig;
mod info;
#[cfg(target_os = "linux")]
mod ionice;
mod iostat;
#[cfg(target_os = "linux")]
mod iotop;
mod kill;
#[cfg(target_os = "linux")]
mod lsof;
mod netstat;
#[cfg(target_os = "linux")]
mod nice;
mod overview;
mod pidof;
#[cfg(target_os = "linux")]
mod pmap;
mod ps;
mod pstree;
#[cfg(target_os = "linux")]
pub(crate) mod sensors;
#[cfg(target_os = "linux")]
mod taskset;
mod top;
mod top_batch;
#[cfg(target_os = "linux")]
mod tty;
mod uptime;
mod who;

pub use dispatch::run;
