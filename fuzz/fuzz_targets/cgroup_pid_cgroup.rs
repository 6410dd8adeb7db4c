#![no_main]
//! Fuzz target: the `cgroup::pid_cgroup` parser(s); see `check_cgroup_pid_cgroup` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_cgroup_pid_cgroup(data));
