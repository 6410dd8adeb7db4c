#![no_main]
//! Fuzz target: the `cgroup::io_stat` parser(s); see `check_cgroup_io_stat` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_cgroup_io_stat(data));
