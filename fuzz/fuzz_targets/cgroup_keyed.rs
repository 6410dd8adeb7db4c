#![no_main]
//! Fuzz target: the `cgroup::keyed` parser(s); see `check_cgroup_keyed` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_cgroup_keyed(data));
