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
    /// Read /proc, /sys, /dev, /etc and /run under DIR instead of the host's (a captured
    /// or fake system tree, e.g. fixtures/linux/laptop-hwmon).
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<std::path::PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Amount of free and used memory, like free(1).
    Free(FreeArgs),
    /// File system disk space usage, like df(1).
    Df(DfArgs),
    /// How long the system has been running, like uptime(1).
    Uptime(UptimeArgs),
    /// Who is logged in, like who(1): utmp, or systemd-logind's sessions without utmp.
    Who(WhoArgs),
    /// Hardware sensors: temperatures, fans and battery, like sensors(1).
    Sensors,
    /// Network interfaces: addresses, MAC, MTU, flags, speed, duplex and counters.
    Ifconfig(IfconfigArgs),
    /// Per-disk I/O rates, like iostat(1).
    Iostat(IostatArgs),
    /// Network connections, like netstat -tunap / ss -tuanp.
    Netstat(NetstatArgs),
    /// Process list, like ps(1): `ps aux`, `ps -ef`, `ps -eo pid,comm --sort=-rss`.
    Ps(PsArgs),
    /// Find the pids of processes by name, like pidof(8).
    Pidof(PidofArgs),
    /// Send a signal to processes by pid, like kill(1).
    Kill(KillArgs),
    /// Send a signal to processes by name, like killall(1).
    Killall(KillallArgs),
    /// Change the nice value of running processes, like renice(1).
    Renice(ReniceArgs),
    /// Run a program with a modified nice value, like nice(1).
    Nice(NiceArgs),
    /// Print the terminal connected to standard input, like tty(1).
    Tty,
    /// The process tree, like pstree -p.
    Pstree(PstreeArgs),
    /// Every attribute of one process.
    Info(InfoArgs),
    /// Get or set a process's I/O scheduling class and priority, like ionice(1).
    Ionice(IoniceArgs),
    /// Get or set a process's CPU affinity, like taskset(1).
    Taskset(TasksetArgs),
    /// A process's memory map, like pmap(1).
    Pmap(PmapArgs),
    /// A process's control groups: limits, usage and pressure (Linux; beyond psutil).
    Cgroup(CgroupArgs),
    /// Open files and sockets of processes, like lsof(8).
    Lsof(LsofArgs),
    /// Live process view, like top(1).
    Top(TopArgs),
    /// Live per-process disk I/O, like iotop(8).
    Iotop(IotopArgs),
    /// A Prometheus exporter: node_exporter's system metrics, process groups and
    /// cgroups on /metrics (Linux; beyond psutil).
    Serve(ServeArgs),
    /// Print the shell completion script for bash, zsh, fish, elvish or powershell
    /// (e.g. `source <(psutil completions bash)`).
    Completions(CompletionsArgs),
    /// Write the man pages (psutil.1, psutil-SUBCOMMAND.1) into DIR.
    Man(ManArgs),
}

/// Options of `psutil completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options of `psutil man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The directory the pages are written into (created if missing).
    pub dir: std::path::PathBuf,
}

/// Options of `psutil ionice`.
#[derive(Debug, Args)]
pub struct IoniceArgs {
    /// Class: 0 none, 1 realtime, 2 best-effort, 3 idle (or the names).
    #[arg(short = 'c', long = "class")]
    pub class: Option<String>,
    /// Priority within the class (0..7).
    #[arg(short = 'n', long = "classdata")]
    pub level: Option<u32>,
    /// Processes to query or change.
    #[arg(short = 'p', long = "pid", num_args = 1..)]
    pub pids: Vec<u32>,
}

/// Options of `psutil taskset`.
#[derive(Debug, Args)]
pub struct TasksetArgs {
    /// Operate on an existing pid (always; accepted for compatibility).
    #[arg(short = 'p', long = "pid")]
    pub pid_mode: bool,
    /// Read and print CPU lists ("0,2-3") instead of masks.
    #[arg(short = 'c', long = "cpu-list")]
    pub list: bool,
    /// `[MASK|LIST] PID`: with one value, query that pid; with two, set and query.
    #[arg(required = true, num_args = 1..=2)]
    pub values: Vec<String>,
}

/// Options of `psutil pmap`.
#[derive(Debug, Args)]
pub struct PmapArgs {
    /// Extended format: RSS and dirty columns.
    #[arg(short = 'x', long = "extended")]
    pub extended: bool,
    /// Process ids.
    #[arg(required = true)]
    pub pids: Vec<u32>,
}

/// Options of `psutil cgroup`.
#[derive(Debug, Args)]
pub struct CgroupArgs {
    /// The process (default: this command itself).
    pub pid: Option<u32>,
}

/// Options of `psutil lsof`.
#[derive(Debug, Args)]
pub struct LsofArgs {
    /// Only these processes (comma-separated).
    #[arg(short = 'p', value_delimiter = ',')]
    pub pids: Vec<u32>,
    /// Only internet sockets.
    #[arg(short = 'i')]
    pub inet: bool,
    /// Numeric hosts (always; accepted for compatibility).
    #[arg(short = 'n')]
    pub numeric: bool,
    /// Numeric ports (always; accepted for compatibility).
    #[arg(short = 'P')]
    pub numeric_ports: bool,
}

/// Options of `psutil info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// The process id (default: this command itself).
    pub pid: Option<u32>,
}

/// Options of `psutil kill`: procps kill's words.
#[derive(Debug, Args)]
#[command(
    after_help = "Signals: -9, -KILL, -SIGKILL, -s NAME, --signal=NAME, -n NUM, \
RTMIN+n, RTMAX-n; default TERM.\n-l [SIG]: list the names, or convert SIG; -L: a table."
)]
pub struct KillArgs {
    /// `[-SIGNAL | -s SIGNAL | -n NUM] PID...`, `-l [SIG]`, `-L`.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "WORDS"
    )]
    pub words: Vec<String>,
}

/// Options of `psutil killall`: psmisc killall's words.
#[derive(Debug, Args)]
#[command(
    after_help = "Signals: -9, -KILL, -SIGKILL, -s NAME, --signal=NAME; default \
TERM.\n-v: report each signal sent; -q: quiet when nothing matched; -l: list the names."
)]
pub struct KillallArgs {
    /// `[-SIGNAL | -s SIGNAL] [-v] [-q] NAME...`, `-l`.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "WORDS"
    )]
    pub words: Vec<String>,
}

/// Options of `psutil renice`.
#[derive(Debug, Args)]
pub struct ReniceArgs {
    /// The new nice value (-20..19).
    #[arg(short = 'n', long = "priority", allow_hyphen_values = true)]
    pub priority: i32,
    /// Process ids (the -p of renice is accepted and implied).
    #[arg(short = 'p', long = "pid", num_args = 1.., required = true)]
    pub pids: Vec<i64>,
}

/// Options of `psutil nice`.
#[derive(Debug, Args)]
pub struct NiceArgs {
    /// Add N to the nice value (default 10).
    #[arg(short = 'n', long = "adjustment", allow_hyphen_values = true)]
    pub adjustment: Option<i32>,
    /// The program and its arguments; without one, print the current nice value.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<std::ffi::OsString>,
}

/// Options of `psutil pstree`.
#[derive(Debug, Args)]
pub struct PstreeArgs {
    /// The root of the tree (default: every process without a parent).
    pub pid: Option<u32>,
}

/// Options of `psutil ps`: procps's words, read by ps's own tokenizer (clap cannot
/// parse `ps aux`).
#[derive(Debug, Args)]
#[command(after_help = "Syntaxes, as procps ps(1):\n  \
BSD:  aux  ax  u  x  ww  f (forest)  p PIDS  U USERS  o FIELDS\n  \
UNIX: -e -A  -f  -ef  -p PIDS  -u/-U USERS  -C NAMES  -o FIELDS[=HEADER]  -ww\n  \
GNU:  --sort=[+|-]KEY,...  --pid PIDS  --ppid PIDS  --user USERS  --format FIELDS  \
--forest  --no-headers\n\
Fields: pid ppid pgid sid tpgid user uid comm ucmd args cmd stat s rss vsz sz %cpu c \
%mem nlwp tty tname ni time bsdtime start stime etime etimes (FIELD:WIDTH sets a width)")]
pub struct PsArgs {
    /// procps ps's options, in any of its three syntaxes (e.g. `aux`, `-ef`, `-eo pid,comm`,
    /// `--sort=-rss`); none: this user's processes on this terminal.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "WORDS"
    )]
    pub words: Vec<String>,
}

/// Options of `psutil pidof`.
#[derive(Debug, Args)]
pub struct PidofArgs {
    /// Only one pid.
    #[arg(short = 's')]
    pub single: bool,
    /// Scripts too: also shells and interpreters running a script of that name.
    #[arg(short = 'x')]
    pub scripts: bool,
    /// Quiet: print nothing, only set the exit status.
    #[arg(short = 'q')]
    pub quiet: bool,
    /// Omit these pids.
    #[arg(short = 'o', value_delimiter = ',')]
    pub omit: Vec<u32>,
    /// Program names.
    #[arg(required = true)]
    pub names: Vec<String>,
}

/// Options of `psutil uptime`.
#[derive(Debug, Args)]
pub struct UptimeArgs {
    /// Show uptime in pretty format.
    #[arg(short = 'p', long = "pretty")]
    pub pretty: bool,
    /// System up since, in yyyy-mm-dd HH:MM:SS format.
    #[arg(short = 's', long = "since")]
    pub since: bool,
}

/// Options of `psutil who`.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Read this utmp file instead of the system's.
    pub file: Option<std::path::PathBuf>,
}

/// Options of `psutil ifconfig`.
#[derive(Debug, Args)]
pub struct IfconfigArgs {
    /// Only this interface.
    pub interface: Option<String>,
}

/// Options of `psutil iostat`.
#[derive(Debug, Args)]
pub struct IostatArgs {
    /// Seconds between reports; the first report covers the time since boot.
    pub interval: Option<f64>,
    /// Number of reports.
    pub count: Option<u64>,
}

/// Options of `psutil netstat`.
#[derive(Debug, Args)]
pub struct NetstatArgs {
    /// TCP sockets.
    #[arg(short = 't', long = "tcp")]
    pub tcp: bool,
    /// UDP sockets.
    #[arg(short = 'u', long = "udp")]
    pub udp: bool,
    /// Unix sockets.
    #[arg(short = 'x', long = "unix")]
    pub unix: bool,
    /// Only listening sockets.
    #[arg(short = 'l', long = "listening")]
    pub listening: bool,
    /// All sockets (the default shows all too; accepted for compatibility).
    #[arg(short = 'a', long = "all")]
    pub all: bool,
    /// Numeric addresses (always; accepted for compatibility).
    #[arg(short = 'n', long = "numeric")]
    pub numeric: bool,
    /// Show the PID of the owning process (always; accepted for compatibility).
    #[arg(short = 'p', long = "programs")]
    pub programs: bool,
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
    /// List inode information instead of block usage.
    #[arg(short = 'i', long = "inodes")]
    pub inodes: bool,
    /// Only file systems of this type (repeatable, or comma-separated).
    #[arg(short = 't', long = "type", value_name = "TYPE", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Not file systems of this type (repeatable, or comma-separated).
    #[arg(
        short = 'x',
        long = "exclude-type",
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub exclude: Vec<String>,
    /// Only local file systems.
    #[arg(short = 'l', long = "local")]
    pub local: bool,
    /// A grand total line.
    #[arg(long = "total")]
    pub total: bool,
    /// These columns (source, fstype, itotal, iused, iavail, ipcent, size, used, avail,
    /// pcent, file, target); all of them without a list.
    #[arg(long = "output", value_name = "FIELDS", num_args = 0..=1, require_equals = true,
          default_missing_value = "source,fstype,itotal,iused,iavail,ipcent,size,used,avail,pcent,file,target",
          value_delimiter = ',')]
    pub output: Option<Vec<String>>,
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
    /// Use powers of 1000, not 1024.
    #[arg(long = "si")]
    pub si: bool,
    /// Show a line of memory and swap totals.
    #[arg(short = 't', long = "total")]
    pub total: bool,
    /// Show low and high memory (64-bit kernels have no high memory: Low is all of it).
    #[arg(short = 'l', long = "lohi")]
    pub lohi: bool,
    /// Show the committed memory and the commit limit (`Comm:`, Linux).
    #[arg(short = 'v', long = "committed")]
    pub committed: bool,
    /// Repeat printing every N seconds.
    #[arg(short = 's', long = "seconds", value_name = "N")]
    pub seconds: Option<f64>,
    /// Repeat printing N times, then exit.
    #[arg(short = 'c', long = "count", value_name = "N")]
    pub count: Option<u64>,
}

/// The options `psutil top` and `psutil iotop` share (flattened into both).
#[derive(Debug, Args)]
pub struct LiveArgs {
    /// Seconds between refreshes [default: 3 for top, 1 for iotop].
    #[arg(short = 'd', long = "delay", value_name = "SECS")]
    pub delay: Option<f64>,
    /// Exit after N frames.
    #[arg(short = 'n', long = "iterations", value_name = "N")]
    pub iterations: Option<u64>,
    /// Only these pids (comma-separated, repeatable).
    #[arg(short = 'p', long = "pid", value_delimiter = ',')]
    pub pids: Vec<u32>,
    /// Print frames as text (the default when stdout is not a terminal).
    #[arg(short = 'b', long = "batch")]
    pub batch: bool,
}

/// Options of `psutil top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    /// Delay, frames, pids, batch.
    #[command(flatten)]
    pub live: LiveArgs,
}

/// Options of `psutil iotop`.
#[derive(Debug, Args)]
pub struct IotopArgs {
    /// Delay, frames, pids, batch.
    #[command(flatten)]
    pub live: LiveArgs,
    /// Only processes doing I/O.
    #[arg(short = 'o', long = "only")]
    pub only: bool,
    /// Accumulated I/O since start instead of rates.
    #[arg(short = 'a', long = "accumulated")]
    pub accumulated: bool,
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

/// Options of `psutil serve` (see docs/exporter.md).
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port; the bound address is printed).
    #[arg(long, default_value = "127.0.0.1:9100")]
    pub listen: String,
    /// The exporter's YAML config file: process grouping rule and limits.
    #[arg(long)]
    pub config: Option<std::path::PathBuf>,
    /// node_exporter's web-config YAML file: TLS and basic auth.
    #[arg(long = "web.config.file")]
    pub web_config: Option<std::path::PathBuf>,
}
