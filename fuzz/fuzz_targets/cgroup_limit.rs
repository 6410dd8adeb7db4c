#![no_main]
//! Fuzz target: the `cgroup::limit` parser(s); see `check_cgroup_limit` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_cgroup_limit(data));
