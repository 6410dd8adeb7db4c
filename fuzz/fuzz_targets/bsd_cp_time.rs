#![no_main]
//! Fuzz target: the `parse::freebsd::cp_time` decoder(s); see `check_bsd_cp_time` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_bsd_cp_time(data));
