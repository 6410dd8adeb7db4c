#![no_main]
//! Fuzz target: the `parse::macos::kinfo_proc` decoder(s); see `check_mac_kinfo_proc` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_kinfo_proc(data));
