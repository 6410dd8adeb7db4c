#![no_main]
//! Fuzz target: the `utmp` parser(s); see `check_utmp` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_utmp(data));
