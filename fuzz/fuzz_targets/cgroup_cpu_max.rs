#![no_main]
//! Fuzz target: the `cgroup::cpu_max` parser(s); see `check_cgroup_cpu_max` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_cgroup_cpu_max(data));
