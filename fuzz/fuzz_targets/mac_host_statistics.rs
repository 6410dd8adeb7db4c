#![no_main]
//! Fuzz target: the `parse::macos::host_statistics` decoder(s); see `check_mac_host_statistics` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_host_statistics(data));
