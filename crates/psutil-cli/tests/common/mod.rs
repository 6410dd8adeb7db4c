//! Helpers shared by the command's integration tests.

use std::path::Path;
use std::process::Command;

/// Copies the program `from` to `to` through cp(1), so that this test process never
/// holds the copy open for writing: a child another test thread forks meanwhile would
/// inherit that descriptor until it execs, and running the copy would fail with
/// ETXTBSY ("Text file busy").
pub fn copy_program(from: &str, to: &Path) {
    let st = Command::new("cp").arg(from).arg(to).status().unwrap();
    assert!(st.success(), "cp {from} {}", to.display());
}
