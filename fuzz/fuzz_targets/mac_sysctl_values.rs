#![no_main]
//! Fuzz target: the `parse::macos::sysctl_values` decoder(s); see `check_mac_sysctl_values` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_sysctl_values(data));
