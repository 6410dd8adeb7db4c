//! `psutil tty`: the terminal on standard input, like tty(1).

use std::io::IsTerminal;

use crate::out::{self, CmdError, Silent};
use psutil_rs::os::unix::ProcessExt as _;

/// Prints the terminal's path, or "not a tty" with exit status 1; with `json`,
/// `{"terminal": PATH}` (psutil's `Process.terminal()`), `null` without one.
pub fn run(json: bool) -> Result<(), CmdError> {
    let term = if std::io::stdin().is_terminal() {
        psutil_rs::Process::current()?.terminal()?
    } else {
        None
    };
    match (term, json) {
        (t, true) => {
            out::json(&serde_json::json!({ "terminal": t }))?;
            if t.is_none() {
                return Err(Silent.into());
            }
            Ok(())
        }
        (Some(path), false) => out::print(&format!("{}\n", path.display())),
        (None, false) => {
            out::print("not a tty\n")?;
            Err(Silent.into())
        }
    }
}
