#![no_main]
//! Fuzz target: the `parse::windows::disk_performance` decoder(s); see `check_win_disk_performance` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_win_disk_performance(data));
