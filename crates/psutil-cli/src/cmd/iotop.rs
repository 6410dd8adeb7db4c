//! `psutil iotop`: live per-process disk I/O, like iotop(8).
//!
//! Per process: `read_bytes`/`write_bytes` of [`psutil_rs::Process::io_counters`]
//! (`/proc/<pid>/io`, bytes that went to or came from storage) as rates between
//! refreshes, or accumulated since iotop started (`a`). The header shows the processes'
//! totals and the disks' actual rates (deltas of [`psutil_rs::disk_io_counters`]).
//! Reading another user's `/proc/<pid>/io` needs privileges: such rows show `?`.
//!
//! Like iotop, PRIO is the I/O class and level ([`model::io_prio`]) and IO the share of
//! the interval the process waited for block I/O (`delayacct_blkio_ticks`, field 42 of
//! `/proc/<pid>/stat`). That needs delay accounting (`/proc/sys/kernel/task_delayacct`,
//! off by default since Linux 5.14): when it is off, SWAPIN and IO show
//! `?unavailable?` as iotop does. SWAPIN is the share of the interval spent waiting
//! for swap-in, from the taskstats netlink interface
//! ([`psutil_rs::Process::delay_stats`]), which needs CAP_NET_ADMIN: `?` without it.

use std::time::{Duration, Instant};

use psutil_rs::{DiskIoCounters, Pid};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use crate::args::IotopArgs;
use crate::out::CmdError;
use crate::tui::model::{self, ProcRow, Sampler, SortKey, ViewOpts};
use crate::tui::{self, Flow, Prompt, Screen};

/// The sortable columns, in Left/Right order.
const SORTS: [SortKey; 4] = [SortKey::Pid, SortKey::Read, SortKey::Write, SortKey::Io];

/// Header lines above the table (two totals lines and the prompt line).
const HEADER: u16 = 3;

struct Iotop {
    sampler: Sampler,
    rows: Vec<ProcRow>,
    opts: ViewOpts,
    order: Vec<(usize, usize)>,
    sel: usize,
    table: TableState,
    page: usize,
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
        let mut sampler = Sampler::new(only, true);
        sampler.refresh();
        let disk_prev = psutil_rs::disk_io_counters()
            .ok()
            .flatten()
            .map(|d| (Instant::now(), d));
        std::thread::sleep(Duration::from_millis(200));
        let mut opts = ViewOpts::new(SortKey::Io);
        opts.only_io = only_io;
        opts.accumulated = accumulated;
        Iotop {
            sampler,
            rows: Vec::new(),
            opts,
            order: Vec::new(),
            sel: 0,
            table: TableState::default(),
            page: 10,
            filter: None,
            disk_prev,
            disk_rate: (0.0, 0.0),
            help: true,
            delayacct: delayacct_enabled(),
        }
    }

    fn reorder(&mut self) {
        self.order = model::visible(&self.rows, &self.opts);
        self.sel = self.sel.min(self.order.len().saturating_sub(1));
    }

    fn header_lines(&self) -> Vec<Line<'static>> {
        let (mut r, mut w) = (0.0, 0.0);
        for row in &self.rows {
            if let Some(io) = row.io {
                r += io.read_rate;
                w += io.write_rate;
            }
        }
        let bold = Style::new().add_modifier(Modifier::BOLD);
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
            Some(p) => Line::styled(
                format!(
                    "Filter (name or user, Enter keeps, Esc clears): {}_",
                    p.text
                ),
                bold,
            ),
            None => {
                let mut s = format!(
                    "Sort: {}{}{}{}",
                    self.opts.sort.column(),
                    if self.opts.reverse { " (reversed)" } else { "" },
                    if self.opts.only_io { "  only I/O" } else { "" },
                    if self.opts.accumulated {
                        "  accumulated"
                    } else {
                        ""
                    },
                );
                if !self.opts.filter.is_empty() {
                    s.push_str(&format!("  Filter: {}", self.opts.filter));
                }
                if self.help {
                    s.push_str(
                        "   </> sort  r reverse  o only I/O  a accumulated  / filter  q quit",
                    );
                }
                Line::styled(s, Style::new().add_modifier(Modifier::DIM))
            }
        });
        lines
    }

    fn row_cells(&self, r: &ProcRow) -> Row<'static> {
        let per_sec = !self.opts.accumulated;
        let (rd, wr, tot) = match r.io {
            Some(io) => {
                let (rd, wr) = io.values(self.opts.accumulated);
                (
                    tui::io_amount(rd, per_sec),
                    tui::io_amount(wr, per_sec),
                    tui::io_amount(rd + wr, per_sec),
                )
            }
            None => ("?".into(), "?".into(), "?".into()),
        };
        let prio = r.io_sched.as_ref().map_or("?", |io| io.prio.as_str());
        let delay = match &r.io_sched {
            _ if !self.delayacct => "?unavailable?".to_string(),
            Some(io) => {
                let (swapin, pct) = if self.opts.accumulated {
                    (io.swapin_acc_pct, io.delay_acc_pct)
                } else {
                    (io.swapin_pct, io.delay_pct)
                };
                let swapin = swapin.map_or("?".to_string(), |s| format!("{s:.2} %"));
                format!("{swapin:>7} {:>7}", format!("{pct:.2} %"))
            }
            None => format!("{:>7} {:>7}", "?", "?"),
        };
        Row::new(
            [
                format!("{:>7}", r.pid),
                format!("{prio:>4}"),
                tui::clip(&r.user, 8),
                format!("{rd:>12}"),
                format!("{wr:>12}"),
                format!("{tot:>12}"),
                delay,
                r.cmdline.clone(),
            ]
            .into_iter()
            .map(Cell::from),
        )
    }
}

impl Screen for Iotop {
    fn refresh(&mut self) {
        self.rows = self.sampler.refresh();
        self.delayacct = delayacct_enabled();
        if let Ok(Some(d)) = psutil_rs::disk_io_counters() {
            let now = Instant::now();
            if let Some((t, p)) = &self.disk_prev {
                let el = now.duration_since(*t).as_secs_f64();
                self.disk_rate = (
                    model::rate(p.read_bytes as f64, d.read_bytes as f64, el),
                    model::rate(p.write_bytes as f64, d.write_bytes as f64, el),
                );
            }
            self.disk_prev = Some((now, d));
        }
        self.reorder();
    }

    fn full_height(&self) -> u16 {
        let rows = u16::try_from(self.order.len()).unwrap_or(u16::MAX - 64);
        (HEADER + 1).saturating_add(rows)
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer) {
        let hh = HEADER.min(area.height);
        Paragraph::new(self.header_lines()).render(Rect { height: hh, ..area }, buf);
        let table_area = Rect {
            y: area.y + hh,
            height: area.height - hh,
            ..area
        };
        self.page = usize::from(table_area.height.saturating_sub(1));
        let sort_col = self.opts.sort.column();
        let cols: [(&str, u16); 7] = [
            ("PID", 7),
            ("PRIO", 4),
            ("USER", 8),
            ("DISK READ", 12),
            ("DISK WRITE", 12),
            ("TOTAL", 12),
            ("SWAPIN      IO", 15),
        ];
        let head = cols
            .iter()
            .map(|(h, w)| {
                let text = if *h == "USER" {
                    h.to_string()
                } else {
                    format!("{h:>w$}", w = usize::from(*w))
                };
                let style = if *h == sort_col {
                    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                } else {
                    Style::new()
                };
                Cell::from(Span::styled(text, style))
            })
            .chain(std::iter::once(Cell::from("COMMAND")));
        let header = Row::new(head).style(Style::new().add_modifier(Modifier::REVERSED));
        let rows: Vec<Row> = self
            .order
            .iter()
            .filter_map(|(i, _)| self.rows.get(*i).map(|r| self.row_cells(r)))
            .collect();
        let widths = cols
            .iter()
            .map(|(_, w)| Constraint::Length(*w))
            .chain(std::iter::once(Constraint::Fill(1)));
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(Style::new().bg(Color::Blue).fg(Color::White));
        self.table
            .select((!self.order.is_empty()).then_some(self.sel));
        StatefulWidget::render(table, table_area, buf, &mut self.table);
    }

    fn set_batch(&mut self) {
        self.help = false;
    }

    fn key(&mut self, k: KeyEvent) -> Flow {
        if let Some(mut p) = self.filter.take() {
            if tui::filter_key(&mut p, k, &mut self.opts.filter) {
                self.filter = Some(p);
            }
            self.reorder();
            return Flow::Redraw;
        }
        if let Some(sel) = tui::move_selection(self.sel, self.order.len(), self.page, k.code) {
            self.sel = sel;
            return Flow::Redraw;
        }
        let pos = SORTS.iter().position(|s| *s == self.opts.sort).unwrap_or(0);
        match k.code {
            KeyCode::Char('q') => return Flow::Quit,
            KeyCode::Char('o' | 'O') => self.opts.only_io = !self.opts.only_io,
            KeyCode::Char('a' | 'A') => self.opts.accumulated = !self.opts.accumulated,
            KeyCode::Char('r' | 'R') => self.opts.reverse = !self.opts.reverse,
            KeyCode::Left | KeyCode::Char('<') => {
                self.opts.sort = SORTS
                    .get((pos + SORTS.len() - 1) % SORTS.len())
                    .copied()
                    .unwrap_or(SortKey::Io);
            }
            KeyCode::Right | KeyCode::Char('>') => {
                self.opts.sort = SORTS
                    .get((pos + 1) % SORTS.len())
                    .copied()
                    .unwrap_or(SortKey::Io);
            }
            KeyCode::Char('/' | 'f') => self.filter = Some(Prompt::default()),
            KeyCode::Esc => self.opts.filter.clear(),
            KeyCode::Char(' ') => return Flow::Refresh,
            _ => {}
        }
        self.reorder();
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
        let text = tui::buffer_text(&buf);
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
        assert!(v.opts.accumulated);
        v.key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(v.opts.sort, SortKey::Write);
        v.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        v.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(v.opts.sort, SortKey::Pid);
        assert_eq!(v.key(k('q')), Flow::Quit);
    }
}
