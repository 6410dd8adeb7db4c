#![no_main]
//! Fuzz target: the `parse::freebsd::pcblist` decoder(s); see `check_bsd_pcblist` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_bsd_pcblist(data));
