//! `psutil tty`: the terminal on standard input, like tty(1).

use std::io::IsTerminal;

use crate::out::{self, CmdError, Silent};
use psutil_rs::os::unix::ProcessExt as _;

/// Prints the terminal's path, or "not a tty" with exit status 1.
pub fn run() -> Result<(), CmdError> {
    if !std::io::stdin().is_terminal() {
        out::print("not a tty\n")?;
        return Err(Silent.into());
    }
    match psutil_rs::Process::current()?.terminal()? {
        Some(path) => out::print(&format!("{}\n", path.display())),
        None => {
            out::print("not a tty\n")?;
            Err(Silent.into())
        }
    }
}
