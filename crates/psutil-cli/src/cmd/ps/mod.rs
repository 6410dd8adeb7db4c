//! `psutil ps`: the process list, as procps ps(1) with its three syntaxes: BSD
//! (`aux`, `ax`, `u`, `x`, `ww`), UNIX (`-e`, `-f`, `-ef`, `-p`, `-u`, `-C`, `-o`) and GNU
//! long options (`--sort`, `--pid`, `--ppid`, `--forest`).
//!
//! clap cannot parse `ps aux`: the words after `ps` reach [`argv::parse`], a small
//! tokenizer as procps's own, which turns them into [`argv::PsOpts`]; [`fields`] holds
//! the columns (procps's headers and widths), [`list`] selects, sorts and prints.

mod argv;
mod fields;
mod list;

pub use list::run;
