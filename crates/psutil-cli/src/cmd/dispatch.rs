//! Which subcommand runs: `--root` applied, then the chosen command's module (the
//! overview without one).

#[cfg(target_os = "linux")]
use super::{cgroup, ionice, iotop, lsof, nice, pmap, sensors, taskset, tty};
use super::{
    completions, df, free, ifconfig, info, iostat, kill, netstat, overview, pidof, ps, pstree, top,
    uptime, who,
};
use crate::args::{Cli, Command};
use crate::out::CmdError;

/// Runs the chosen subcommand (or the overview).
pub fn run(cli: Cli) -> Result<(), CmdError> {
    if let Some(dir) = &cli.root {
        if !dir.is_dir() {
            return Err(format!("--root {}: not a directory", dir.display()).into());
        }
        crate::platform::set_root(dir)?;
    }
    match cli.command {
        None => overview::run(cli.json),
        Some(Command::Free(a)) => free::run(&a, cli.json),
        Some(Command::Df(a)) => df::run(&a, cli.json),
        Some(Command::Uptime(a)) => uptime::run(&a, cli.json),
        Some(Command::Who(a)) => who::run(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Sensors) => sensors::run(cli.json),
        Some(Command::Ifconfig(a)) => ifconfig::run(&a, cli.json),
        Some(Command::Iostat(a)) => iostat::run(&a, cli.json),
        Some(Command::Netstat(a)) => netstat::run(&a, cli.json),
        Some(Command::Ps(a)) => ps::run(&a, cli.json),
        Some(Command::Pidof(a)) => pidof::run(&a, cli.json),
        Some(Command::Kill(a)) => kill::kill(&a, cli.json),
        Some(Command::Killall(a)) => kill::killall(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Renice(a)) => nice::renice(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Nice(_)) if cli.json => Err(no_data("nice")),
        #[cfg(target_os = "linux")]
        Some(Command::Nice(a)) => nice::nice(&a),
        #[cfg(target_os = "linux")]
        Some(Command::Tty) => tty::run(cli.json),
        Some(Command::Pstree(a)) => pstree::run(&a, cli.json),
        Some(Command::Info(a)) => info::run(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Ionice(a)) => ionice::run(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Taskset(a)) => taskset::run(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Pmap(a)) => pmap::run(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Cgroup(a)) => cgroup::run(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Lsof(a)) => lsof::run(&a, cli.json),
        Some(Command::Top(a)) => top::run(&a, cli.json),
        #[cfg(target_os = "linux")]
        Some(Command::Iotop(a)) => iotop::run(&a, cli.json),
        Some(Command::Completions(_) | Command::Man(_)) if cli.json => {
            Err("--json: completions and man write scripts and pages, not data".into())
        }
        Some(Command::Completions(a)) => completions::completions(&a),
        Some(Command::Man(a)) => completions::man(&a),
        #[cfg(target_os = "linux")]
        Some(Command::Serve(_)) if cli.json => {
            Err("--json: serve is a server; its metrics are on /metrics, not printed".into())
        }
        #[cfg(all(target_os = "linux", feature = "serve"))]
        Some(Command::Serve(a)) => crate::serve::run(&a),
        #[cfg(all(target_os = "linux", not(feature = "serve")))]
        Some(Command::Serve(_)) => Err("serve: this psutil was built without the `serve` \
             feature (cargo build -p psutil-cli builds it by default)"
            .into()),
        #[cfg(not(target_os = "linux"))]
        Some(other) => Err(linux_only(&other)),
    }
}

/// The usage error of `--json` on a subcommand that prints no data of its own.
fn no_data(cmd: &str) -> CmdError {
    format!("{cmd}: --json: {cmd} prints no data (it runs a program)").into()
}

/// The error of a subcommand whose classic tool reads what only Linux has.
#[cfg(not(target_os = "linux"))]
fn linux_only(c: &Command) -> CmdError {
    let name = match c {
        Command::Sensors => "sensors",
        Command::Renice(_) => "renice",
        Command::Nice(_) => "nice",
        Command::Tty => "tty",
        Command::Ionice(_) => "ionice",
        Command::Taskset(_) => "taskset",
        Command::Pmap(_) => "pmap",
        Command::Cgroup(_) => "cgroup",
        Command::Lsof(_) => "lsof",
        Command::Iotop(_) => "iotop",
        Command::Serve(_) => "serve",
        _ => "this subcommand",
    };
    format!("{name}: Linux only (what it shows does not exist on this platform)").into()
}
