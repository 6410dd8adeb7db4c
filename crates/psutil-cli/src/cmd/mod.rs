//! The subcommands, one module each.

mod df;
mod free;
mod overview;

use crate::args::{Cli, Command};
use crate::out::CmdError;

/// Runs the chosen subcommand (or the overview).
pub fn run(cli: Cli) -> Result<(), CmdError> {
    match cli.command {
        None => overview::run(cli.json),
        Some(Command::Free(a)) => free::run(&a, cli.json),
        Some(Command::Df(a)) => df::run(&a, cli.json),
    }
}
