#![no_main]
//! Fuzz target: the `parse::windows::nt_path` decoder(s); see `check_win_nt_path` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_win_nt_path(data));
