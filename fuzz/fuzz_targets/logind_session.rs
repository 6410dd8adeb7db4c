#![no_main]
//! Fuzz target: the `logind_session` parser(s); see `check_logind_session` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_logind_session(data));
