#![no_main]
//! Fuzz target: the `pid_stat` parser(s); see `check_pid_stat` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_pid_stat(data));
