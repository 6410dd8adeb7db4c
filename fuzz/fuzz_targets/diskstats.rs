#![no_main]
//! Fuzz target: the `diskstats` parser(s); see `check_diskstats` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_diskstats(data));
