//! Issue 16: cgroups and pressure stall information. Fixture trees (v1, v2, hybrid)
//! with exact values from their files, and live checks on this machine.

mod broken;
mod fixtures;
mod live;
