//! Command-line arguments.

use clap::{Args, Parser, Subcommand};

/// The system and process utilities, as one command.
#[derive(Debug, Parser)]
#[command(name = "psutil", version, about)]
pub struct Cli {
    /// The tool to run; without one, a system overview.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Print machine-readable JSON with psutil's field names.
    #[arg(long, global = true)]
    pub json: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Amount of free and used memory, like free(1).
    Free(FreeArgs),
    /// File system disk space usage, like df(1).
    Df(DfArgs),
}

/// Options of `psutil df`.
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct DfArgs {
    /// Print help.
    #[arg(long = "help", action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Include pseudo, duplicate and inaccessible file systems.
    #[arg(short = 'a', long = "all")]
    pub all: bool,
    /// Print sizes in powers of 1024 (e.g. 1023M).
    #[arg(short = 'h', long = "human-readable")]
    pub human: bool,
    /// Print file system type.
    #[arg(short = 'T', long = "print-type")]
    pub print_type: bool,
    /// Only the file systems holding these files.
    pub files: Vec<std::path::PathBuf>,
}

/// Options of `psutil free`.
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct FreeArgs {
    /// Print help.
    #[arg(long = "help", action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Show output in bytes.
    #[arg(short = 'b', long = "bytes", group = "unit")]
    pub bytes: bool,
    /// Show output in kibibytes (the default).
    #[arg(short = 'k', long = "kibi", group = "unit")]
    pub kibi: bool,
    /// Show output in mebibytes.
    #[arg(short = 'm', long = "mebi", group = "unit")]
    pub mebi: bool,
    /// Show output in gibibytes.
    #[arg(short = 'g', long = "gibi", group = "unit")]
    pub gibi: bool,
    /// Show human-readable output.
    #[arg(short = 'h', long = "human", group = "unit")]
    pub human: bool,
    /// Show buffers and cache in separate columns.
    #[arg(short = 'w', long = "wide")]
    pub wide: bool,
    /// Repeat printing every N seconds.
    #[arg(short = 's', long = "seconds", value_name = "N")]
    pub seconds: Option<f64>,
    /// Repeat printing N times, then exit.
    #[arg(short = 'c', long = "count", value_name = "N")]
    pub count: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
    }
}
