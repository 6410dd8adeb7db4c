#![no_main]
//! Fuzz target: the `zoneinfo` parser(s); see `check_zoneinfo` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_zoneinfo(data));
