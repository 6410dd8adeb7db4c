#![no_main]
//! Fuzz target: the `net_unix` parser(s); see `check_net_unix` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_net_unix(data));
