#![no_main]
//! Fuzz target: the `parse::macos::procargs` decoder(s); see `check_mac_procargs` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_procargs(data));
