#![no_main]
//! Fuzz target: the `meminfo` parser(s); see `check_meminfo` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_meminfo(data));
