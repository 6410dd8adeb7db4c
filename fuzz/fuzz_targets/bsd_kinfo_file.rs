#![no_main]
//! Fuzz target: the `parse::freebsd::kinfo_file` decoder(s); see `check_bsd_kinfo_file` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_bsd_kinfo_file(data));
