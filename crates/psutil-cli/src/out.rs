//! Output helpers: a broken pipe (`psutil ps | head`) ends the program quietly.

use std::error::Error as StdError;
use std::io::{self, Write};

/// The error type of the subcommands.
pub type CmdError = Box<dyn StdError + Send + Sync>;

/// An error that only sets a non-zero exit status (pidof with no match).
#[derive(Debug)]
pub struct Silent;

impl std::fmt::Display for Silent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no match")
    }
}

impl StdError for Silent {}

/// True if the error is (or wraps) a broken pipe.
pub fn is_broken_pipe(e: &CmdError) -> bool {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(e.as_ref());
    while let Some(err) = cur {
        if let Some(ioe) = err.downcast_ref::<io::Error>() {
            if ioe.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        cur = err.source();
    }
    false
}

/// Writes `text` to stdout.
pub fn print(text: &str) -> Result<(), CmdError> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Prints a value as pretty JSON.
pub fn json<T: serde::Serialize>(v: &T) -> Result<(), CmdError> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    print(&s)
}
