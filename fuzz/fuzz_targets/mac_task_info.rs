#![no_main]
//! Fuzz target: the `parse::macos::task_info` decoder(s); see `check_mac_task_info` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_task_info(data));
