#![no_main]
//! Fuzz target: the `pid_cmdline` parser(s); see `check_pid_cmdline` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_pid_cmdline(data));
