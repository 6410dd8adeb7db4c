//! Which subcommand runs: `--root` applied, then the chosen command's module (the
//! overview without one).

use super::{
    df, free, ifconfig, info, ionice, iostat, iotop, kill, lsof, netstat, nice, overview, pidof,
    pmap, ps, pstree, sensors, taskset, top, tty, uptime, who,
};
use crate::args::{Cli, Command};
use crate::out::CmdError;

/// Runs the chosen subcommand (or the overview).
pub fn run(cli: Cli) -> Result<(), CmdError> {
    if let Some(dir) = &cli.root {
        if !dir.is_dir() {
            return Err(format!("--root {}: not a directory", dir.display()).into());
        }
        psutil_rs::Root::set_current(psutil_rs::Root::under(dir));
    }
    match cli.command {
        None => overview::run(cli.json),
        Some(Command::Free(a)) => free::run(&a, cli.json),
        Some(Command::Df(a)) => df::run(&a, cli.json),
        Some(Command::Uptime(a)) => uptime::run(&a, cli.json),
        Some(Command::Who(a)) => who::run(&a, cli.json),
        Some(Command::Sensors) => sensors::run(cli.json),
        Some(Command::Ifconfig(a)) => ifconfig::run(&a, cli.json),
        Some(Command::Iostat(a)) => iostat::run(&a, cli.json),
        Some(Command::Netstat(a)) => netstat::run(&a, cli.json),
        Some(Command::Ps(a)) => ps::run(&a, cli.json),
        Some(Command::Pidof(a)) => pidof::run(&a, cli.json),
        Some(Command::Kill(a)) => kill::kill(&a),
        Some(Command::Killall(a)) => kill::killall(&a),
        Some(Command::Renice(a)) => nice::renice(&a, cli.json),
        Some(Command::Nice(a)) => nice::nice(&a),
        Some(Command::Tty) => tty::run(),
        Some(Command::Pstree(a)) => pstree::run(&a, cli.json),
        Some(Command::Info(a)) => info::run(&a, cli.json),
        Some(Command::Ionice(a)) => ionice::run(&a, cli.json),
        Some(Command::Taskset(a)) => taskset::run(&a, cli.json),
        Some(Command::Pmap(a)) => pmap::run(&a, cli.json),
        Some(Command::Lsof(a)) => lsof::run(&a, cli.json),
        Some(Command::Top(a)) => top::run(&a, cli.json),
        Some(Command::Iotop(a)) => iotop::run(&a, cli.json),
    }
}
