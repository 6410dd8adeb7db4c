#![no_main]
//! Fuzz target: the `pid_fdinfo` parser(s); see `check_pid_fdinfo` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_pid_fdinfo(data));
