#![no_main]
//! Fuzz target: the `parse::windows::tcp_table` decoder(s); see `check_win_tcp_table` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_win_tcp_table(data));
