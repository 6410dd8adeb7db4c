#![no_main]
//! Fuzz target: the `etc_passwd` parser(s); see `check_etc_passwd` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_etc_passwd(data));
