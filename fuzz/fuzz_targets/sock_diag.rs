#![no_main]
//! Fuzz target: the `sock_diag` parser(s); see `check_sock_diag` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_sock_diag(data));
