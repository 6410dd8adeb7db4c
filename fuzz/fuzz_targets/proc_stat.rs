#![no_main]
//! Fuzz target: the `proc_stat` parser(s); see `check_proc_stat` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_proc_stat(data));
