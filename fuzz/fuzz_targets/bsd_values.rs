#![no_main]
//! Fuzz target: the `parse::freebsd::values` decoder(s); see `check_bsd_values` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_bsd_values(data));
