#![no_main]
//! Fuzz target: the `pid_environ` parser(s); see `check_pid_environ` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_pid_environ(data));
