#![no_main]
//! Fuzz target: the `parse::macos::if_msghdr` decoder(s); see `check_mac_if_msghdr` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_if_msghdr(data));
