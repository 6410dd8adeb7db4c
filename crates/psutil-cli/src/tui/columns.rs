//! The columns of the live process tables, each written once: its header, its width
//! and how a [`ProcRow`] shows in it. `psutil top` shows PID USER PR NI VIRT RES %CPU
//! %MEM TIME+ S, `psutil iotop` PID PRIO USER DISK READ DISK WRITE TOTAL SWAPIN IO;
//! COMMAND, the last column of both, takes the rest of the line.

use super::cells::{clip, io_amount, time_plus, top_memory};
use super::row::ProcRow;
use crate::procinfo::state_letter;

/// A column of a process table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Process id.
    Pid,
    /// Owner, cut to 8 characters.
    User,
    /// top's PR: the kernel's priority, `rt` for real-time priority 99.
    Pr,
    /// Nice value.
    Ni,
    /// Virtual size, KiB.
    Virt,
    /// Resident size, KiB.
    Res,
    /// CPU percent since the previous refresh.
    Cpu,
    /// Resident size as a share of physical memory.
    Mem,
    /// CPU time, `minutes:seconds.hundredths`.
    Time,
    /// ps's one-letter state.
    State,
    /// iotop's I/O class and level.
    Prio,
    /// Disk reads (rate, or accumulated).
    Read,
    /// Disk writes (rate, or accumulated).
    Write,
    /// Disk reads + writes (rate, or accumulated).
    Total,
    /// iotop's SWAPIN and IO percentages.
    Delay,
}

/// What the cells show beyond the row itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct CellOpts {
    /// I/O as totals instead of rates.
    pub accumulated: bool,
    /// Delay accounting is on (the IO column has values).
    pub delayacct: bool,
    /// COMMAND is the full command line rather than the name.
    pub full_cmd: bool,
}

impl Col {
    /// The header.
    pub fn head(self) -> &'static str {
        match self {
            Col::Pid => "PID",
            Col::User => "USER",
            Col::Pr => "PR",
            Col::Ni => "NI",
            Col::Virt => "VIRT",
            Col::Res => "RES",
            Col::Cpu => "%CPU",
            Col::Mem => "%MEM",
            Col::Time => "TIME+",
            Col::State => "S",
            Col::Prio => "PRIO",
            Col::Read => "DISK READ",
            Col::Write => "DISK WRITE",
            Col::Total => "TOTAL",
            Col::Delay => "SWAPIN      IO",
        }
    }

    /// The width in characters.
    pub fn width(self) -> u16 {
        match self {
            Col::Pid | Col::Virt | Col::Res => 7,
            Col::User => 8,
            Col::Pr | Col::Ni => 3,
            Col::Cpu => 6,
            Col::Mem => 5,
            Col::Time => 9,
            Col::State => 1,
            Col::Prio => 4,
            Col::Read | Col::Write | Col::Total => 12,
            Col::Delay => 15,
        }
    }

    /// The header as drawn: right-aligned over the column, but USER.
    pub fn head_text(self) -> String {
        match self {
            Col::User => self.head().to_string(),
            _ => format!("{:>w$}", self.head(), w = usize::from(self.width())),
        }
    }

    /// The cell of `r` in this column.
    pub fn cell(self, r: &ProcRow, o: CellOpts) -> String {
        let text = match self {
            Col::Pid => r.pid().to_string(),
            Col::User => return clip(&r.user, 8),
            Col::Pr => top_priority(r.info.priority()),
            Col::Ni => r.info.nice.map_or("?".into(), |n| n.to_string()),
            Col::Virt => top_memory(r.info.vms()),
            Col::Res => top_memory(r.info.rss()),
            Col::Cpu => format!("{:.1}", r.cpu_pct),
            Col::Mem => format!("{:.1}", r.mem_pct),
            Col::Time => time_plus(r.info.cpu_total()),
            Col::State => return state_letter(r.info.status).to_string(),
            Col::Prio => r
                .io_sched
                .as_ref()
                .map_or("?", |io| io.prio.as_str())
                .into(),
            Col::Read | Col::Write | Col::Total => io_cell(self, r, o.accumulated),
            Col::Delay => return delay_cell(r, o),
        };
        format!("{text:>w$}", w = usize::from(self.width()))
    }
}

/// top's PR: the kernel's priority (field 18 of `/proc/<pid>/stat`), or `rt` below -99
/// (a real-time task at rt_priority 99).
fn top_priority(priority: Option<i64>) -> String {
    match priority {
        Some(p) if p < -99 => "rt".into(),
        Some(p) => p.to_string(),
        None => "?".into(),
    }
}

/// DISK READ, DISK WRITE or TOTAL: `?` when the process's I/O is unreadable.
fn io_cell(col: Col, r: &ProcRow, accumulated: bool) -> String {
    let Some(io) = r.io else { return "?".into() };
    let (rd, wr) = io.values(accumulated);
    let v = match col {
        Col::Read => rd,
        Col::Write => wr,
        _ => rd + wr,
    };
    io_amount(v, !accumulated)
}

/// SWAPIN and IO, or iotop's `?unavailable?` without delay accounting.
fn delay_cell(r: &ProcRow, o: CellOpts) -> String {
    match &r.io_sched {
        _ if !o.delayacct => "?unavailable?".to_string(),
        Some(io) => {
            let (swapin, pct) = if o.accumulated {
                (io.swapin_acc_pct, io.delay_acc_pct)
            } else {
                (io.swapin_pct, io.delay_pct)
            };
            let swapin = swapin.map_or("?".to_string(), |s| format!("{s:.2} %"));
            format!("{swapin:>7} {:>7}", format!("{pct:.2} %"))
        }
        None => format!("{:>7} {:>7}", "?", "?"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::row::testing::row;
    use super::*;

    #[test]
    fn cells_pad_like_top_and_iotop() {
        let mut r = row(42, 1, "sh");
        r.info.nice = Some(-5);
        r.info.ext = None;
        let o = CellOpts::default();
        assert_eq!(Col::Pid.cell(&r, o), "     42");
        assert_eq!(Col::Ni.cell(&r, o), " -5");
        assert_eq!(Col::Pr.cell(&r, o), "  ?");
        assert_eq!(top_priority(Some(-100)), "rt");
        assert_eq!(Col::Cpu.cell(&r, o), "   0.0");
        assert_eq!(Col::Time.cell(&r, o), "  0:00.00");
        assert_eq!(Col::Read.cell(&r, o), "           ?");
        assert_eq!(Col::Delay.cell(&r, o), "?unavailable?");
        assert_eq!(Col::Delay.head_text(), " SWAPIN      IO");
        assert_eq!(Col::User.head_text(), "USER");
    }
}
