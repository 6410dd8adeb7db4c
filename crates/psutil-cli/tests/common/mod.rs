//! Helpers shared by the command's integration tests.

// Each test crate includes this module and uses a part of it.
#![allow(dead_code)]

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

/// Writes the executable script `to` through sh(1), for the same reason as
/// [`copy_program`].
pub fn write_program(to: &Path, text: &str) {
    let st = Command::new("sh")
        .args([
            "-c",
            "printf '%s' \"$2\" > \"$1\" && chmod 755 \"$1\"",
            "sh",
        ])
        .arg(to)
        .arg(text)
        .status()
        .unwrap();
    assert!(st.success(), "writing {}", to.display());
}
