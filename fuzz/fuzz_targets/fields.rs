#![no_main]
//! Fuzz target: the `fields` parser(s); see `check_fields` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_fields(data));
