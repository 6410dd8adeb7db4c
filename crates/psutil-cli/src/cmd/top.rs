//! `psutil top`: the live process view, like top(1).
//!
//! A header (time, uptime, users, load average, task counts, a bar per CPU from
//! [`psutil_rs::CpuSampler`], memory and swap bars), a prompt/message line and the
//! process table (PID USER PR NI VIRT RES %CPU %MEM TIME+ S COMMAND). %CPU is the
//! process's user + system time consumed since the previous refresh per wall second
//! × 100, so a multi-threaded process can exceed 100, as in top. The sampling, sorting,
//! filtering and tree order are in `tui::model`; this module draws and handles keys.

use std::time::Duration;

use psutil_rs::{CpuSampler, LoadAvg, Pid, SwapMemory, VirtualMemory};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use super::uptime::up_text;
use crate::args::TopArgs;
use crate::fmt::bytes2human;
use crate::out::CmdError;
use crate::procinfo::state_letter;
use crate::signals;
use crate::time::{local, now};
use crate::tui::model::{self, ProcRow, Sampler, SortKey, ViewOpts};
use crate::tui::{self, Flow, Prompt, PromptResult, Screen};

/// What the prompt line is doing.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Normal,
    Filter(Prompt),
    Signal(Pid, Prompt),
    Confirm(Pid, i32),
    Renice(Pid, Prompt),
}

#[derive(Default)]
struct SysInfo {
    percpu: Vec<f64>,
    vm: Option<VirtualMemory>,
    swap: Option<SwapMemory>,
    load: Option<LoadAvg>,
    boot: Option<f64>,
    users: usize,
}

/// Column headers and widths; COMMAND takes the rest.
const COLUMNS: [(&str, u16); 10] = [
    ("PID", 7),
    ("USER", 8),
    ("PR", 3),
    ("NI", 3),
    ("VIRT", 7),
    ("RES", 7),
    ("%CPU", 6),
    ("%MEM", 5),
    ("TIME+", 9),
    ("S", 1),
];

/// The live view's state.
struct Top {
    sampler: Sampler,
    cpu: Option<CpuSampler>,
    rows: Vec<ProcRow>,
    sys: SysInfo,
    opts: ViewOpts,
    /// Shown rows: (index into `rows`, tree depth).
    order: Vec<(usize, usize)>,
    sel: usize,
    sel_pid: Option<Pid>,
    table: TableState,
    page: usize,
    mode: Mode,
    message: Option<String>,
    full_cmd: bool,
    /// Show the key help on the prompt line (not in batch output).
    help: bool,
}

fn sig_name(sig: i32) -> &'static str {
    signals::SIGNALS
        .iter()
        .find(|(_, n)| *n == sig)
        .map(|(name, _)| *name)
        .unwrap_or("?")
}

/// top's PR: the kernel's priority (field 18 of `/proc/<pid>/stat`), or `rt` below -99
/// (a real-time task at rt_priority 99).
fn pr(priority: Option<i64>) -> String {
    match priority {
        Some(p) if p < -99 => " rt".into(),
        Some(p) => format!("{p:>3}"),
        None => "  ?".into(),
    }
}

impl Top {
    fn new(only: Option<Vec<Pid>>) -> Top {
        let mut sampler = Sampler::new(only, false);
        // A first read as the baseline of the first frame's rates.
        sampler.refresh();
        let cpu = CpuSampler::new().ok();
        std::thread::sleep(Duration::from_millis(200));
        Top {
            sampler,
            cpu,
            rows: Vec::new(),
            sys: SysInfo::default(),
            opts: ViewOpts::new(SortKey::Cpu),
            order: Vec::new(),
            sel: 0,
            sel_pid: None,
            table: TableState::default(),
            page: 10,
            mode: Mode::Normal,
            message: None,
            full_cmd: false,
            help: true,
        }
    }

    /// Recomputes the shown order, keeping the selection on the same process.
    fn reorder(&mut self) {
        self.order = model::visible(&self.rows, &self.opts);
        let pos = self.sel_pid.and_then(|pid| {
            self.order
                .iter()
                .position(|(i, _)| self.rows.get(*i).is_some_and(|r| r.pid == pid))
        });
        self.sel = pos.unwrap_or(self.sel.min(self.order.len().saturating_sub(1)));
        self.sel_pid = self.selected().map(|r| r.pid);
    }

    fn selected(&self) -> Option<&ProcRow> {
        self.order
            .get(self.sel)
            .and_then(|(i, _)| self.rows.get(*i))
    }

    fn header_lines(&self, width: u16) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let t = now();
        let up = self
            .sys
            .boot
            .map(|b| format!(" up {},", up_text(t - b)))
            .unwrap_or_default();
        let load = self
            .sys
            .load
            .map(|l| {
                format!(
                    "load average: {:.2}, {:.2}, {:.2}",
                    l.one, l.five, l.fifteen
                )
            })
            .unwrap_or_default();
        let n = self.sys.users;
        lines.push(Line::from(format!(
            "top - {}{up} {n:2} user{}, {load}",
            local(t, "%H:%M:%S"),
            if n == 1 { "" } else { "s" },
        )));
        let c = model::task_counts(&self.rows);
        lines.push(Line::from(format!(
            "Tasks: {:3} total, {:3} running, {:3} sleeping, {:3} stopped, {:3} zombie",
            c.total, c.running, c.sleeping, c.stopped, c.zombie
        )));
        let ncpu = self.sys.percpu.len();
        let cols = ncpu.div_ceil(8).clamp(1, 4);
        let per_row = usize::from(width) / cols;
        let bw = u16::try_from(per_row.saturating_sub(1)).unwrap_or(u16::MAX);
        for chunk in self
            .sys
            .percpu
            .iter()
            .enumerate()
            .collect::<Vec<_>>()
            .chunks(cols)
        {
            let mut spans = Vec::new();
            for (i, pct) in chunk {
                let label = format!("{:<6}", format!("cpu{i}"));
                let l = tui::bar(&label, **pct, &format!("{pct:.1}%"), bw, Color::Green);
                spans.extend(l.spans);
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
        }
        if let Some(vm) = &self.sys.vm {
            let text = format!(
                "{}/{} {:.1}%",
                bytes2human(vm.used),
                bytes2human(vm.total),
                vm.percent
            );
            lines.push(tui::bar("Mem   ", vm.percent, &text, width, Color::Yellow));
        }
        if let Some(sw) = &self.sys.swap {
            let text = format!(
                "{}/{} {:.1}%",
                bytes2human(sw.used),
                bytes2human(sw.total),
                sw.percent
            );
            lines.push(tui::bar("Swp   ", sw.percent, &text, width, Color::Red));
        }
        lines
    }

    fn prompt_line(&self) -> Line<'static> {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let name = |pid: &Pid| {
            self.rows
                .iter()
                .find(|r| r.pid == *pid)
                .map(|r| r.name.clone())
                .unwrap_or_default()
        };
        match &self.mode {
            Mode::Filter(p) => Line::styled(
                format!(
                    "Filter (name or user, Enter keeps, Esc clears): {}_",
                    p.text
                ),
                bold,
            ),
            Mode::Signal(pid, p) => Line::styled(
                format!(
                    "Kill PID {pid} ({}) with signal [15]: {}_",
                    name(pid),
                    p.text
                ),
                bold,
            ),
            Mode::Confirm(pid, sig) => Line::styled(
                format!(
                    "Send signal {sig} ({}) to PID {pid} ({})? [y/N]",
                    sig_name(*sig),
                    name(pid)
                ),
                bold,
            ),
            Mode::Renice(pid, p) => Line::styled(
                format!("Renice PID {pid} ({}) to value: {}_", name(pid), p.text),
                bold,
            ),
            Mode::Normal => match &self.message {
                Some(m) => Line::styled(m.clone(), Style::new().fg(Color::Yellow)),
                None => {
                    let mut s = format!(
                        "Sort: {}{}",
                        self.opts.sort.column(),
                        if self.opts.reverse { " (reversed)" } else { "" }
                    );
                    if !self.opts.filter.is_empty() {
                        s.push_str(&format!("  Filter: {}", self.opts.filter));
                    }
                    if self.help {
                        s.push_str(
                            "   P/M/T/N sort  R reverse  / filter  t tree  c command  \
                             k kill  r renice  q quit",
                        );
                    }
                    Line::styled(s, Style::new().add_modifier(Modifier::DIM))
                }
            },
        }
    }

    fn header_height(&self) -> u16 {
        let ncpu = self.sys.percpu.len();
        let cols = ncpu.div_ceil(8).clamp(1, 4);
        let cpu_rows = ncpu.div_ceil(cols);
        let mem = usize::from(self.sys.vm.is_some()) + usize::from(self.sys.swap.is_some());
        u16::try_from(2 + cpu_rows + mem + 1).unwrap_or(u16::MAX)
    }

    fn row_cells(&self, r: &ProcRow, depth: usize) -> Row<'static> {
        let cmd = if self.full_cmd { &r.cmdline } else { &r.name };
        let indent = if depth > 0 {
            format!("{}`- ", "  ".repeat(depth - 1))
        } else {
            String::new()
        };
        let cells = vec![
            format!("{:>7}", r.pid),
            tui::clip(&r.user, 8),
            pr(r.priority),
            r.nice.map(|n| format!("{n:>3}")).unwrap_or("  ?".into()),
            format!("{:>7}", tui::kib(r.virt)),
            format!("{:>7}", tui::kib(r.res)),
            format!("{:>6.1}", r.cpu_pct),
            format!("{:>5.1}", r.mem_pct),
            format!("{:>9}", tui::time_plus(r.cpu_secs)),
            state_letter(r.status).to_string(),
            format!("{indent}{cmd}"),
        ];
        Row::new(cells.into_iter().map(Cell::from))
    }

    fn apply_prompt(&mut self, k: KeyEvent) -> Flow {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Normal => Flow::Redraw,
            Mode::Filter(mut p) => {
                if tui::filter_key(&mut p, k, &mut self.opts.filter) {
                    self.mode = Mode::Filter(p);
                }
                self.reorder();
                Flow::Redraw
            }
            Mode::Signal(pid, mut p) => {
                match p.key(k) {
                    PromptResult::Editing => self.mode = Mode::Signal(pid, p),
                    PromptResult::Done(text) => {
                        let text = if text.trim().is_empty() {
                            "15".to_string()
                        } else {
                            text
                        };
                        match signals::parse(text.trim()) {
                            Ok(sig) => self.mode = Mode::Confirm(pid, sig),
                            Err(e) => self.message = Some(format!("kill: {e}")),
                        }
                    }
                    PromptResult::Cancelled => self.message = Some("kill cancelled".into()),
                }
                Flow::Redraw
            }
            Mode::Confirm(pid, sig) => {
                if matches!(k.code, KeyCode::Char('y' | 'Y')) {
                    self.message = Some(self.send(pid, sig));
                    Flow::Refresh
                } else {
                    self.message = Some("kill cancelled".into());
                    Flow::Redraw
                }
            }
            Mode::Renice(pid, mut p) => match p.key(k) {
                PromptResult::Editing => {
                    self.mode = Mode::Renice(pid, p);
                    Flow::Redraw
                }
                PromptResult::Done(text) => {
                    self.message = Some(self.renice(pid, text.trim()));
                    Flow::Refresh
                }
                PromptResult::Cancelled => {
                    self.message = Some("renice cancelled".into());
                    Flow::Redraw
                }
            },
        }
    }

    fn send(&self, pid: Pid, sig: i32) -> String {
        let Some(p) = self.sampler.process(pid) else {
            return format!("kill {pid}: no such process");
        };
        match p.send_signal(sig) {
            Ok(()) => format!("sent signal {sig} ({}) to PID {pid}", sig_name(sig)),
            Err(e) => format!("kill {pid}: {e}"),
        }
    }

    fn renice(&self, pid: Pid, text: &str) -> String {
        let Ok(v) = text.parse::<i32>() else {
            return format!("renice: invalid value {text:?}");
        };
        if !(-20..=19).contains(&v) {
            return format!("renice: invalid value {v}: must be in -20..19");
        }
        let Some(p) = self.sampler.process(pid) else {
            return format!("renice {pid}: no such process");
        };
        match p.set_nice(v) {
            Ok(()) => format!("PID {pid} reniced to {v}"),
            Err(e) => format!("renice {pid}: {e}"),
        }
    }
}

impl Screen for Top {
    fn refresh(&mut self) {
        self.rows = self.sampler.refresh();
        if let Some(c) = self.cpu.as_mut() {
            self.sys.percpu = c.percent_percpu().unwrap_or_default();
        }
        self.sys.vm = psutil_rs::virtual_memory().ok();
        self.sys.swap = psutil_rs::swap_memory().ok();
        self.sys.load = psutil_rs::getloadavg().ok();
        self.sys.boot = psutil_rs::boot_time().ok();
        self.sys.users = psutil_rs::users().map(|u| u.len()).unwrap_or(0);
        self.reorder();
    }

    fn full_height(&self) -> u16 {
        let rows = u16::try_from(self.order.len()).unwrap_or(u16::MAX - 64);
        self.header_height().saturating_add(1).saturating_add(rows)
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer) {
        let mut lines = self.header_lines(area.width);
        lines.push(self.prompt_line());
        let hh = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .min(area.height);
        Paragraph::new(lines).render(Rect { height: hh, ..area }, buf);
        let table_area = Rect {
            y: area.y + hh,
            height: area.height - hh,
            ..area
        };
        self.page = usize::from(table_area.height.saturating_sub(1));
        let sort_col = self.opts.sort.column();
        let head = COLUMNS
            .iter()
            .map(|(h, w)| {
                let text = if *w > 1 && *h != "USER" {
                    format!("{h:>w$}", w = usize::from(*w))
                } else {
                    h.to_string()
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
            .filter_map(|(i, d)| self.rows.get(*i).map(|r| self.row_cells(r, *d)))
            .collect();
        let widths = COLUMNS
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
        if self.mode != Mode::Normal {
            return self.apply_prompt(k);
        }
        self.message = None;
        if let Some(sel) = tui::move_selection(self.sel, self.order.len(), self.page, k.code) {
            self.sel = sel;
            self.sel_pid = self.selected().map(|r| r.pid);
            return Flow::Redraw;
        }
        let sort = |top: &mut Top, key| {
            top.opts.sort = key;
            top.reorder();
            Flow::Redraw
        };
        match k.code {
            KeyCode::Char('q') => Flow::Quit,
            KeyCode::Char('P') => sort(self, SortKey::Cpu),
            KeyCode::Char('M') => sort(self, SortKey::Mem),
            KeyCode::Char('T') => sort(self, SortKey::Time),
            KeyCode::Char('N') => sort(self, SortKey::Pid),
            KeyCode::Char('R' | 'I') => {
                self.opts.reverse = !self.opts.reverse;
                self.reorder();
                Flow::Redraw
            }
            KeyCode::Char('/' | 'f') => {
                self.mode = Mode::Filter(Prompt::default());
                Flow::Redraw
            }
            KeyCode::Esc => {
                self.opts.filter.clear();
                self.reorder();
                Flow::Redraw
            }
            KeyCode::Char('t') => {
                self.opts.tree = !self.opts.tree;
                self.reorder();
                Flow::Redraw
            }
            KeyCode::Char('c') => {
                self.full_cmd = !self.full_cmd;
                Flow::Redraw
            }
            KeyCode::Char('k') => {
                match self.sel_pid {
                    Some(pid) => self.mode = Mode::Signal(pid, Prompt::default()),
                    None => self.message = Some("no process selected".into()),
                }
                Flow::Redraw
            }
            KeyCode::Char('r') => {
                match self.sel_pid {
                    Some(pid) => self.mode = Mode::Renice(pid, Prompt::default()),
                    None => self.message = Some("no process selected".into()),
                }
                Flow::Redraw
            }
            KeyCode::Char(' ') => Flow::Refresh,
            _ => Flow::Redraw,
        }
    }
}

/// Runs `psutil top`.
pub fn run(a: &TopArgs, json: bool) -> Result<(), CmdError> {
    let (only, opts) = tui::start(&a.live, 3.0, json, "top")?;
    let mut top = Top::new(only);
    tui::run(&mut top, &opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn screen(top: &mut Top, w: u16, h: u16) -> String {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        top.render(area, &mut buf);
        tui::buffer_text(&buf)
    }

    #[test]
    fn draws_this_process_and_filters_it() {
        let me = std::process::id();
        let mut top = Top::new(Some(vec![me, 1]));
        top.refresh();
        let text = screen(&mut top, 160, 40);
        assert!(text.contains("Tasks:   2 total"), "{text}");
        assert!(text.contains("PID USER"), "{text}");
        assert!(text.contains("Mem"), "{text}");
        let mine = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(&me.to_string()))
            .unwrap_or_else(|| panic!("{text}"));
        // PID USER PR NI VIRT RES %CPU %MEM TIME+ S COMMAND
        assert!(mine.split_whitespace().count() >= 11, "{mine}");
        // Filter for pid 1's name: this process's row goes away.
        let init = top.rows.iter().find(|r| r.pid == 1).unwrap().name.clone();
        top.key(key('/'));
        for c in init.chars() {
            top.key(key(c));
        }
        top.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let text = screen(&mut top, 160, 40);
        assert!(!text
            .lines()
            .any(|l| l.trim_start().starts_with(&me.to_string())));
        assert!(
            text.lines().any(|l| l.trim_start().starts_with("1 ")),
            "{text}"
        );
        // Esc clears the filter.
        top.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert_eq!(top.order.len(), 2);
    }

    #[test]
    fn kill_flow_asks_signal_then_confirmation() {
        let mut top = Top::new(Some(vec![std::process::id()]));
        top.refresh();
        top.key(key('k'));
        assert!(matches!(top.mode, Mode::Signal(..)));
        top.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(top.mode, Mode::Confirm(std::process::id(), 15));
        // Anything but y cancels (we must not kill ourselves).
        top.key(key('n'));
        assert_eq!(top.mode, Mode::Normal);
        assert_eq!(top.message.as_deref(), Some("kill cancelled"));
        top.key(key('k'));
        for c in "bogus\n".chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            top.key(KeyEvent::new(code, KeyModifiers::NONE));
        }
        assert!(top.message.as_deref().unwrap().contains("unknown signal"));
    }
}
