#![no_main]
//! Fuzz target: the `loadavg` parser(s); see `check_loadavg` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_loadavg(data));
