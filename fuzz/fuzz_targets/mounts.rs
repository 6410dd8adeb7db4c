#![no_main]
//! Fuzz target: the `mounts` parser(s); see `check_mounts` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mounts(data));
