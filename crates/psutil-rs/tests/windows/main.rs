//! The Windows integration tests, run under Wine (`bash scripts/windows/test.sh`, or
//! `cargo test -p psutil-rs --target x86_64-pc-windows-gnu --test windows` through the
//! runner in .cargo/config.toml). Each module compares the API with independent
//! sources: the `sysinfo` crate built for the same target, Wine's `tasklist`, a spawned
//! child whose pid, parent, arguments, directory and environment the test chose, and the
//! host's `/proc` through Wine's `Z:` drive. Where Wine 8 lacks or fakes a call the
//! assertion is limited to what Wine provides, with the wine-coverage.md row named.
#![cfg(windows)]

mod heap;
mod process;
mod process_child;
mod process_compare;
mod process_util;
mod system_cpu;
mod system_disk;
mod system_host;
mod system_memory;
mod system_misc;
mod system_net;
