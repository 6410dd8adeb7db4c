#![no_main]
//! Fuzz target: the `taskstats` parser(s); see `check_taskstats` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_taskstats(data));
