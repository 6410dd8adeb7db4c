//! `psutil top -b`: procps top's batch frame, so scripts that read `top -b` read ours:
//! the `top -`, `Tasks:`, `%Cpu(s):`, `MiB Mem :` and `MiB Swap:` lines, then the
//! `PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND` table at procps's widths.

use psutil_rs::{CpuTimes, LoadAvg, SwapMemory, VirtualMemory};

use super::uptime::up_text;
use crate::time::local;
use crate::tui::cells::{clip, time_plus, top_memory};
use crate::tui::columns::{CellOpts, Col};
use crate::tui::row::{task_counts, ProcRow};

/// What the header lines show.
pub struct Header<'a> {
    /// Now, epoch seconds.
    pub now: f64,
    /// Boot time, epoch seconds.
    pub boot: Option<f64>,
    /// Logged-in sessions.
    pub users: usize,
    /// The load averages.
    pub load: Option<&'a LoadAvg>,
    /// CPU time shares over the interval (`cpu_times_percent`).
    pub cpu: Option<&'a CpuTimes>,
    /// Memory.
    pub vm: Option<&'a VirtualMemory>,
    /// Swap.
    pub swap: Option<&'a SwapMemory>,
}

/// A field of a psutil value by its psutil name (`iowait` of `CpuTimes`, `shared` of
/// `MemoryInfo`), `None` where the platform has no such field.
fn field<T: serde::Serialize>(v: &T, name: &str) -> Option<f64> {
    serde_json::to_value(v).ok()?.get(name)?.as_f64()
}

/// `%Cpu(s):` with procps's eight shares; a share this platform's psutil lacks is 0.0.
fn cpu_line(t: Option<&CpuTimes>) -> String {
    let mut s = String::from("%Cpu(s):");
    let names = [
        ("user", "us"),
        ("system", "sy"),
        ("nice", "ni"),
        ("idle", "id"),
        ("iowait", "wa"),
        ("irq", "hi"),
        ("softirq", "si"),
        ("steal", "st"),
    ];
    for (i, (name, short)) in names.iter().enumerate() {
        let v = t.and_then(|t| field(t, name)).unwrap_or(0.0);
        let sep = if i + 1 < names.len() { "," } else { " " };
        s.push_str(&format!("{v:5.1} {short}{sep}"));
    }
    s
}

/// The five header lines and the blank line after them.
pub fn header(h: &Header, rows: &[ProcRow]) -> String {
    let mib = |b: u64| b as f64 / (1u64 << 20) as f64;
    let up = h
        .boot
        .map(|b| format!(" up {},", up_text(h.now - b)))
        .unwrap_or_default();
    let mut s = format!(
        "top - {}{up} {:2} user{}, {}\n",
        local(h.now, "%H:%M:%S"),
        h.users,
        if h.users > 1 { "s" } else { "" },
        crate::fmt::load_average(h.load).replace("load average:", " load average:")
    );
    let c = task_counts(rows);
    s.push_str(&format!(
        "Tasks: {:3} total, {:3} running, {:3} sleeping, {:3} stopped, {:3} zombie\n",
        c.total, c.running, c.sleeping, c.stopped, c.zombie
    ));
    s.push_str(&cpu_line(h.cpu));
    s.push('\n');
    if let Some(vm) = h.vm {
        let cache = field(vm, "buffers").unwrap_or(0.0) + field(vm, "cached").unwrap_or(0.0);
        s.push_str(&format!(
            "MiB Mem : {:8.1} total, {:8.1} free, {:8.1} used, {:8.1} buff/cache\n",
            mib(vm.total),
            mib(vm.free),
            mib(vm.used),
            cache / (1u64 << 20) as f64
        ));
    }
    if let Some(sw) = h.swap {
        s.push_str(&format!(
            "MiB Swap: {:8.1} total, {:8.1} free, {:8.1} used. {:8.1} avail Mem\n",
            mib(sw.total),
            mib(sw.free),
            mib(sw.used),
            h.vm.map_or(0.0, |v| mib(v.available))
        ));
    }
    s.push('\n');
    s
}

/// The table: procps top's header and a line per row, in the order given.
pub fn table<'a>(rows: impl Iterator<Item = &'a ProcRow>) -> String {
    let mut s = format!(
        "{:>5} {:<8} {:>3} {:>3} {:>7} {:>6} {:>6} {} {:>5} {:>5} {:>9} {}\n",
        "PID", "USER", "PR", "NI", "VIRT", "RES", "SHR", "S", "%CPU", "%MEM", "TIME+", "COMMAND"
    );
    let o = CellOpts::default();
    for r in rows {
        let shr = r
            .info
            .memory
            .as_ref()
            .and_then(|m| field(m, "shared"))
            .map_or("-".to_string(), |b| top_memory(b as u64));
        s.push_str(&format!(
            "{:>5} {:<8} {:>3} {:>3} {:>7} {:>6} {:>6} {} {:>5.1} {:>5.1} {:>9} {}\n",
            r.pid(),
            clip(&r.user, 8),
            Col::Pr.cell(r, o).trim(),
            Col::Ni.cell(r, o).trim(),
            top_memory(r.info.vms()),
            top_memory(r.info.rss()),
            shr,
            Col::State.cell(r, o),
            r.cpu_pct,
            r.mem_pct,
            time_plus(r.info.cpu_total()),
            r.info.kernel_comm(),
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_line_as_procps() {
        assert_eq!(
            cpu_line(None),
            "%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st "
        );
    }
}
