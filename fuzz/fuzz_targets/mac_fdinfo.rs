#![no_main]
//! Fuzz target: the `parse::macos::fdinfo` decoder(s); see `check_mac_fdinfo` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_fdinfo(data));
