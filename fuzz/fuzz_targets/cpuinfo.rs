#![no_main]
//! Fuzz target: the `cpuinfo` parser(s); see `check_cpuinfo` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_cpuinfo(data));
