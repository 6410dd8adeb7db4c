#![no_main]
//! Fuzz target: the `net_dev` parser(s); see `check_net_dev` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_net_dev(data));
