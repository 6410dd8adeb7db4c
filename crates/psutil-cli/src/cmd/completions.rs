//! `psutil completions SHELL` and `psutil man DIR`: the shell completion scripts and
//! the man pages, generated from the clap definitions of [`Cli`].

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs, ManArgs};
use crate::out::{self, CmdError};

/// Prints the completion script of `a.shell`.
pub fn completions(a: &CompletionsArgs) -> Result<(), CmdError> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "psutil", &mut script);
    out::print(&String::from_utf8_lossy(&script))
}

/// Writes `psutil.1` and one `psutil-SUBCOMMAND.1` per visible subcommand into `a.dir`,
/// then prints their paths.
pub fn man(a: &ManArgs) -> Result<(), CmdError> {
    std::fs::create_dir_all(&a.dir).map_err(|e| format!("man: {}: {e}", a.dir.display()))?;
    clap_mangen::generate_to(Cli::command(), &a.dir)
        .map_err(|e| format!("man: {}: {e}", a.dir.display()))?;
    let mut pages: Vec<String> = std::fs::read_dir(&a.dir)
        .map_err(|e| format!("man: {}: {e}", a.dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "1"))
        .map(|p| p.display().to_string())
        .collect();
    pages.sort();
    out::print(&format!("{}\n", pages.join("\n")))
}
