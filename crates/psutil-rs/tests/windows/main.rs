#![cfg(windows)]
//! Integration tests of the Windows backend, run under Wine (scripts/windows/test.sh).
//! Each module compares one area of the API with independent sources: the host's /proc
//! and /sys through Wine's `Z:` drive, the sysinfo crate, Wine's own services.

mod system_cpu;
mod system_disk;
mod system_host;
mod system_memory;
mod system_misc;
mod system_net;
