//! `psutil iotop`: live per-process disk I/O, like iotop(8).
//!
//! Per process: `read_bytes`/`write_bytes` of [`psutil_rs::os::linux::ProcessExt::io_counters`]
//! (`/proc/<pid>/io`, bytes that went to or came from storage) as rates between
//! refreshes, or accumulated since iotop started (`a`). The header shows the processes'
//! totals and the disks' actual rates (deltas of [`psutil_rs::disk_io_counters`]).
//! Reading another user's `/proc/<pid>/io` needs privileges: such rows show `?`.
//!
//! Like iotop, PRIO is the I/O class and level ([`io_prio`](crate::tui::row::io_prio)) and IO the share of
//! the interval the process waited for block I/O (`delayacct_blkio_ticks`, field 42 of
//! `/proc/<pid>/stat`). That needs delay accounting (`/proc/sys/kernel/task_delayacct`,
//! off by default since Linux 5.14): when it is off, SWAPIN and IO show
//! `?unavailable?` as iotop does. SWAPIN is the share of the interval spent waiting
//! for swap-in, from the taskstats netlink interface
//! ([`psutil_rs::os::linux::ProcessExt::delay_stats`]), which needs CAP_NET_ADMIN: `?` without it.

use std::time::{Duration, Instant};

use psutil_rs::{DiskIoCounters, Pid};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::args::IotopArgs;
use crate::out::CmdError;
use crate::tui::columns::{CellOpts, Col};
use crate::tui::order::{SortKey, ViewOpts};
use crate::tui::proc_table::ProcTable;
use crate::tui::row::rate;
use crate::tui::sampler::Sampler;
use crate::tui::{self, Flow, Prompt, Screen};

/// The sortable columns, in Left/Right order.
const SORTS: [SortKey; 4] = [SortKey::Pid, SortKey::Read, SortKey::Write, SortKey::Io];

/// Header lines above the table (two totals lines and the prompt line).
const HEADER: u16 = 3;

/// The columns before COMMAND.
const COLUMNS: [Col; 7] = [
    Col::Pid,
    Col::Prio,
    Col::User,
    Col::Read,
    Col::Write,
    Col::Total,
    Col::Delay,
];

struct Iotop {
    table: ProcTable,
    filter: Option<Prompt>,
    disk_prev: Option<(Instant, DiskIoCounters)>,
    /// Actual disk (read, write) bytes per second.
    disk_rate: (f64, f64),
    /// Show the key help on the prompt line (not in batch output).
    help: bool,
    /// Delay accounting is on (the IO column has values).
    delayacct: bool,
}

/// Whether the kernel does per-task delay accounting: `/proc/sys/kernel/task_delayacct`
/// (since Linux 5.14; before, it is on whenever compiled in).
fn delayacct_enabled() -> bool {
    let path = psutil_rs::procfs_path().join("sys/kernel/task_delayacct");
    std::fs::read_to_string(path).map_or(true, |s| s.trim() != "0")
}

impl Iotop {
    fn new(only: Option<Vec<Pid>>, only_io: bool, accumulated: bool) -> Iotop {
        let mut opts = ViewOpts::new(SortKey::Io);
        opts.only_io = only_io;
        opts.accumulated = accumulated;
        let table = ProcTable::new(Sampler::new(only, true), opts, false);
        let disk_prev = psutil_rs::disk_io_counters()
            .ok()
            .flatten()
            .map(|d| (Instant::now(), d));
        std::thread::sleep(Duration::from_millis(200));
        Iotop {
            table,
            filter: None,
            disk_prev,
            disk_rate: (0.0, 0.0),
            help: true,
            delayacct: delayacct_enabled(),
        }
    }

    fn header_lines(&self) -> Vec<Line<'static>> {
        let (mut r, mut w) = (0.0, 0.0);
        for row in &self.table.rows {
            if let Some(io) = row.io {
                r += io.read_rate;
                w += io.write_rate;
            }
        }
        let mut lines = vec![
            Line::from(format!(
                "Total DISK READ:  {:>12} | Total DISK WRITE:  {:>12}",
                tui::io_amount(r, true),
                tui::io_amount(w, true)
            )),
            Line::from(format!(
                "Actual DISK READ: {:>12} | Actual DISK WRITE: {:>12}",
                tui::io_amount(self.disk_rate.0, true),
                tui::io_amount(self.disk_rate.1, true)
            )),
        ];
        lines.push(match &self.filter {
            Some(p) => ProcTable::filter_line(p),
            None => {
                self.table.sort_line(self.help.then_some(
                    "   </> sort  r reverse  o only I/O  a accumulated  / filter  q quit",
                ))
            }
        });
        lines
    }
}

impl Screen for Iotop {
    fn refresh(&mut self) {
        self.table.refresh();
        self.delayacct = delayacct_enabled();
        if let Ok(Some(d)) = psutil_rs::disk_io_counters() {
            let now = Instant::now();
            if let Some((t, p)) = &self.disk_prev {
                let el = now.duration_since(*t).as_secs_f64();
                self.disk_rate = (
                    rate(p.read_bytes as f64, d.read_bytes as f64, el),
                    rate(p.write_bytes as f64, d.write_bytes as f64, el),
                );
            }
            self.disk_prev = Some((now, d));
        }
    }

    fn full_height(&self) -> u16 {
        self.table.full_height(HEADER)
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer) {
        let cells = CellOpts {
            accumulated: self.table.opts.accumulated,
            delayacct: self.delayacct,
            full_cmd: true,
        };
        self.table
            .render(self.header_lines(), &COLUMNS, cells, area, buf);
    }

    fn set_batch(&mut self) {
        self.help = false;
    }

    fn key(&mut self, k: KeyEvent) -> Flow {
        if let Some(mut p) = self.filter.take() {
            if tui::filter_key(&mut p, k, &mut self.table.opts.filter) {
                self.filter = Some(p);
            }
            self.table.reorder();
            return Flow::Redraw;
        }
        if self.table.move_key(k.code) {
            return Flow::Redraw;
        }
        let opts = &mut self.table.opts;
        let pos = SORTS.iter().position(|s| *s == opts.sort).unwrap_or(0);
        // The sort `step` columns to the right, round the end.
        let cycle = |step: usize| {
            SORTS
                .get((pos + step) % SORTS.len())
                .copied()
                .unwrap_or(SortKey::Io)
        };
        match k.code {
            KeyCode::Char('q') => return Flow::Quit,
            KeyCode::Char('o' | 'O') => opts.only_io = !opts.only_io,
            KeyCode::Char('a' | 'A') => opts.accumulated = !opts.accumulated,
            KeyCode::Char('r' | 'R') => opts.reverse = !opts.reverse,
            KeyCode::Left | KeyCode::Char('<') => opts.sort = cycle(SORTS.len() - 1),
            KeyCode::Right | KeyCode::Char('>') => opts.sort = cycle(1),
            KeyCode::Char('/' | 'f') => self.filter = Some(Prompt::default()),
            KeyCode::Esc => opts.filter.clear(),
            KeyCode::Char(' ') => return Flow::Refresh,
            _ => {}
        }
        self.table.reorder();
        Flow::Redraw
    }
}

/// Runs `psutil iotop`.
pub fn run(a: &IotopArgs, json: bool) -> Result<(), CmdError> {
    let (only, opts) = tui::start(&a.live, 1.0, json, "iotop")?;
    let mut view = Iotop::new(only, a.only, a.accumulated);
    tui::run(&mut view, &opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    #[test]
    fn draws_rows_and_toggles() {
        let me = std::process::id();
        let mut v = Iotop::new(Some(vec![me]), false, false);
        v.refresh();
        let area = Rect::new(0, 0, 140, 20);
        let mut buf = Buffer::empty(area);
        v.render(area, &mut buf);
        let text = tui::screen::buffer_text(&buf);
        assert!(text.contains("Total DISK READ:"), "{text}");
        assert!(text.contains("Actual DISK WRITE:"), "{text}");
        assert!(text.contains("DISK WRITE"), "{text}");
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&me.to_string())),
            "{text}"
        );
        let k = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        v.key(k('a'));
        assert!(v.table.opts.accumulated);
        v.key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(v.table.opts.sort, SortKey::Write);
        v.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        v.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(v.table.opts.sort, SortKey::Pid);
        assert_eq!(v.key(k('q')), Flow::Quit);
    }
}
