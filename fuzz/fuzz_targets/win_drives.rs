#![no_main]
//! Fuzz target: the `parse::windows::drives` decoder(s); see `check_win_drives` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_win_drives(data));
