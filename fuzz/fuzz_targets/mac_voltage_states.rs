#![no_main]
//! Fuzz target: the `parse::macos::voltage_states` decoder(s); see `check_mac_voltage_states` in fuzz/src/lib.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| psutil_rs_fuzz::check_mac_voltage_states(data));
