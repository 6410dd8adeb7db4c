//! `psutil`: the classic Unix tools (ps, top, free, df, …) rebuilt on psutil-rs.
//!
//! With no arguments it prints a one-screen system overview. Each subcommand lives in
//! its own module under `cmd/` and mimics the classic tool's default output; `--json`
//! prints psutil's field names instead.

// iotop is Linux only: elsewhere the live views' I/O columns, sort keys and reads that
// serve it are built but never used.
#![cfg_attr(not(target_os = "linux"), allow(dead_code, unused_imports))]

mod args;
mod cmd;
mod fmt;
mod out;
mod platform;
mod procinfo;
#[cfg(all(target_os = "linux", feature = "serve"))]
mod serve;
mod signals;
mod table;
mod time;
mod tui;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    match cmd::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if out::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.is::<out::Silent>() => ExitCode::from(1),
        Err(e) => {
            eprintln!("psutil: {e}");
            ExitCode::from(1)
        }
    }
}
