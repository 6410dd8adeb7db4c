#![no_main]
//! Fuzz target: the `pid_smaps` parser(s); see `check_pid_smaps` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_pid_smaps(data));
