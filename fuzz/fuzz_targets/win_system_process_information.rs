#![no_main]
//! Fuzz target: the `parse::windows::system_process_information` decoder(s); see `check_win_system_process_information` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_win_system_process_information(data));
