#![no_main]
//! Fuzz target: the `parse::windows::adapters` decoder(s); see `check_win_adapters` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_win_adapters(data));
