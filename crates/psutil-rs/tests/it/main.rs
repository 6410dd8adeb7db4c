#![cfg(target_os = "linux")]
//! Integration tests, one binary (ripgrep's layout). Each module checks one area of the
//! API against independent sources: fixture trees, the classic tools, and psutil itself.

mod util;

mod boot;
mod cgroup;
mod cpu;
mod disk;
mod heap;
mod memory;
mod net;
mod nss;
mod process;
mod sensors;
mod users;
// reliability (issue 7)
mod concurrency;
mod faults;
mod fd_budget;
mod fuzz_corpus;
mod hygiene;
mod ordered_maps;
mod privileges;
mod process_ext;
mod process_table;
mod proptests;
mod race;
mod unsafe_audit;
