#![no_main]
//! Fuzz target: the `filesystems` parser(s); see `check_filesystems` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_filesystems(data));
