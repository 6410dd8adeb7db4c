//! The subcommands, one module each, and [`run`], which picks one.

mod df;
mod dispatch;
mod free;
mod ifconfig;
mod info;
mod ionice;
mod iostat;
mod iotop;
mod kill;
mod lsof;
mod netstat;
mod nice;
mod overview;
mod pidof;
mod pmap;
mod ps;
mod pstree;
mod sensors;
mod taskset;
mod top;
mod tty;
mod uptime;
mod who;

pub use dispatch::run;
