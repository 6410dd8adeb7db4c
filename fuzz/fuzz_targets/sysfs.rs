#![no_main]
//! Fuzz target: the `sysfs` parser(s); see `check_sysfs` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_sysfs(data));
