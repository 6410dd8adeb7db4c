//! Decoders for the buffers FreeBSD's sysctls fill: pure functions from bytes to plain
//! records, written for the FreeBSD backend and compiled and tested on every platform.
//!
//! The FreeBSD backend makes the call (`sysctl(3)` on `kern.proc.*`, `kern.cp_times`,
//! `kern.devstat.all`, the routing socket's `NET_RT_IFLIST`, ...) and hands the bytes
//! over; the decoding, bounds checks included, happens here. Layouts are those of
//! FreeBSD ≥ 12 on amd64 (little-endian, 64-bit `long`), read at explicit offsets taken
//! from the headers named in each module (the backend checks them against the `libc`
//! crate's structs at compile time). Decoders never panic; a buffer too short for what
//! it announces is an [`Error::Parse`](crate::Error::Parse).
//!
//! | module | what it decodes |
//! |---|---|
//! | [`battery`] | `hw.acpi.battery.*` as psutil's battery |
//! | [`cp_time`] | `kern.cp_time` / `kern.cp_times` tick counters |
//! | [`devstat`] | `kern.devstat.all`: `struct devstat` records |
//! | [`media`] | `SIOCGIFMEDIA`'s active word: speed and duplex |
//! | [`if_msghdr`] | `NET_RT_IFLIST`: `if_msghdr` + `sockaddr_dl` per interface |
//! | [`kinfo_file`] | `kern.proc.filedesc`: `struct kinfo_file` records |
//! | [`kinfo_proc`] | `kern.proc.*`: `struct kinfo_proc` records, `ki_stat` as a status |
//! | [`kinfo_vmentry`] | `kern.proc.vmmap`: `struct kinfo_vmentry` records |
//! | [`mount_flags`] | `statfs.f_flags` as psutil's `opts` |
//! | [`pcblist`] | `net.inet.{tcp,udp}.pcblist`, `net.local.*.pcblist`: sockets, addresses, TCP states |
//! | [`sockaddr`] | BSD `sockaddr_in` / `sockaddr_in6` / `sockaddr_un` |
//! | [`values`] | integers, `kern.boottime`, `vm.vmtotal`, `vm.swap_info`, topology, frequency levels, deci-Kelvin |
//! | [`xfile`] | `kern.file`: the owner of each socket |

pub mod battery;
pub mod cp_time;
pub mod devstat;
pub mod if_msghdr;
pub mod kinfo_file;
pub mod kinfo_proc;
pub mod kinfo_vmentry;
pub mod media;
pub mod mount_flags;
pub mod pcblist;
#[cfg(test)]
mod proptests;
pub mod sockaddr;
pub mod values;
pub mod xfile;
