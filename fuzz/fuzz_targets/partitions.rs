#![no_main]
//! Fuzz target: the `partitions` parser(s); see `check_partitions` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_partitions(data));
