#![no_main]
//! Fuzz target: the `cpu_list` parser(s); see `check_cpu_list` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_cpu_list(data));
