#![no_main]
//! Fuzz target: the `pid_statm` parser(s); see `check_pid_statm` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_pid_statm(data));
