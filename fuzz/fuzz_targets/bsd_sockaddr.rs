#![no_main]
//! Fuzz target: the `parse::freebsd::sockaddr` decoder(s); see `check_bsd_sockaddr` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_bsd_sockaddr(data));
