#![no_main]
//! Fuzz target: the `vmstat` parser(s); see `check_vmstat` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_vmstat(data));
