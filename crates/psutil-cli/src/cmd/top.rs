//! `psutil top`: the live process view, like top(1).
//!
//! A header (time, uptime, users, load average, task counts, a bar per CPU from
//! [`psutil_rs::CpuSampler`], memory and swap bars), a prompt/message line and the
//! process table (PID USER PR NI VIRT RES %CPU %MEM TIME+ S COMMAND). %CPU is the
//! process's user + system time consumed since the previous refresh per wall second
//! × 100, so a multi-threaded process can exceed 100, as in top. The sampling, sorting,
//! filtering, tree order and the table are in `tui`; this module draws the header and
//! handles keys.

use std::time::Duration;

use psutil_rs::{CpuSampler, LoadAvg, Pid, SwapMemory, VirtualMemory};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::top_batch;
use super::uptime::up_text;
use crate::args::TopArgs;
use crate::fmt::bytes2human;
use crate::out::CmdError;
use crate::signals;
use crate::time::{local, now};
use crate::tui::columns::{CellOpts, Col};
use crate::tui::order::{SortKey, ViewOpts};
use crate::tui::proc_table::ProcTable;
use crate::tui::row::task_counts;
use crate::tui::sampler::Sampler;
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
    /// CPU time shares since the previous refresh (batch mode's `%Cpu(s):`).
    times: Option<psutil_rs::CpuTimes>,
}

/// The columns before COMMAND.
const COLUMNS: [Col; 10] = [
    Col::Pid,
    Col::User,
    Col::Pr,
    Col::Ni,
    Col::Virt,
    Col::Res,
    Col::Cpu,
    Col::Mem,
    Col::Time,
    Col::State,
];

/// The live view's state.
struct Top {
    table: ProcTable,
    cpu: Option<CpuSampler>,
    sys: SysInfo,
    mode: Mode,
    message: Option<String>,
    full_cmd: bool,
    /// Show the key help on the prompt line (not in batch output).
    help: bool,
    /// Batch output: procps's text frame, `%Cpu(s):` from `times`.
    batch: bool,
    /// The sampler of batch mode's `%Cpu(s):` shares.
    times: Option<CpuSampler>,
}

fn sig_name(sig: i32) -> String {
    signals::name(sig).unwrap_or_else(|| "?".into())
}

/// CPU bars per header line: one per 8 CPUs, 1 to 4.
fn cpu_columns(ncpu: usize) -> usize {
    ncpu.div_ceil(8).clamp(1, 4)
}

/// A memory bar: `used/total percent%` over a bar filled to the percent.
fn mem_bar(
    label: &str,
    used: u64,
    total: u64,
    percent: f64,
    width: u16,
    color: Color,
) -> Line<'static> {
    let text = format!("{}/{} {percent:.1}%", bytes2human(used), bytes2human(total));
    tui::bar(label, percent, &text, width, color)
}

impl Top {
    /// `batch`: the view will be batch text (set_batch), whose frames show the command
    /// name and filter nothing: no command line is read, the first sample included.
    fn new(only: Option<Vec<Pid>>, batch: bool) -> Top {
        let mut sampler = Sampler::new(only, false);
        if batch {
            sampler.set_cmdline(false);
        }
        let table = ProcTable::new(sampler, ViewOpts::new(SortKey::Cpu), true);
        let cpu = CpuSampler::new().ok();
        let times = CpuSampler::new().ok();
        std::thread::sleep(Duration::from_millis(200));
        Top {
            table,
            cpu,
            sys: SysInfo::default(),
            mode: Mode::Normal,
            message: None,
            full_cmd: false,
            help: true,
            batch: false,
            times,
        }
    }

    fn header_lines(&self, width: u16) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let t = now();
        let up = self
            .sys
            .boot
            .map(|b| format!(" up {},", up_text(t - b)))
            .unwrap_or_default();
        let load = crate::fmt::load_average(self.sys.load.as_ref());
        let n = self.sys.users;
        lines.push(Line::from(format!(
            "top - {}{up} {n:2} user{}, {load}",
            local(t, "%H:%M:%S"),
            if n == 1 { "" } else { "s" },
        )));
        let c = task_counts(&self.table.rows);
        lines.push(Line::from(format!(
            "Tasks: {:3} total, {:3} running, {:3} sleeping, {:3} stopped, {:3} zombie",
            c.total, c.running, c.sleeping, c.stopped, c.zombie
        )));
        let cols = cpu_columns(self.sys.percpu.len());
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
            let (u, t, p) = (vm.used, vm.total, vm.percent);
            lines.push(mem_bar("Mem   ", u, t, p, width, Color::Yellow));
        }
        if let Some(sw) = &self.sys.swap {
            let (u, t, p) = (sw.used, sw.total, sw.percent);
            lines.push(mem_bar("Swp   ", u, t, p, width, Color::Red));
        }
        lines
    }

    fn prompt_line(&self) -> Line<'static> {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let name = |pid: &Pid| self.table.name_of(*pid);
        match &self.mode {
            Mode::Filter(p) => ProcTable::filter_line(p),
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
                None => self.table.sort_line(self.help.then_some(
                    "   P/M/T/N sort  R reverse  / filter  t tree  c command  \
                     k kill  r renice  q quit",
                )),
            },
        }
    }

    fn header_height(&self) -> u16 {
        let ncpu = self.sys.percpu.len();
        let cpu_rows = ncpu.div_ceil(cpu_columns(ncpu));
        let mem = usize::from(self.sys.vm.is_some()) + usize::from(self.sys.swap.is_some());
        u16::try_from(2 + cpu_rows + mem + 1).unwrap_or(u16::MAX)
    }

    fn apply_prompt(&mut self, k: KeyEvent) -> Flow {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Normal => Flow::Redraw,
            Mode::Filter(mut p) => {
                if tui::filter_key(&mut p, k, &mut self.table.opts.filter) {
                    self.mode = Mode::Filter(p);
                }
                self.table.reorder();
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

    /// Opens a prompt about the selected process, if there is one.
    fn ask_about_selected(&mut self, mode: impl FnOnce(Pid) -> Mode) -> Flow {
        match self.table.selected_pid() {
            Some(pid) => self.mode = mode(pid),
            None => self.message = Some("no process selected".into()),
        }
        Flow::Redraw
    }

    fn send(&self, pid: Pid, sig: i32) -> String {
        let Some(p) = self.table.process(pid) else {
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
        let Some(p) = self.table.process(pid) else {
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
        self.table.refresh();
        if self.batch {
            if let Some(c) = self.times.as_mut() {
                self.sys.times = c.times_percent().ok();
            }
        } else if let Some(c) = self.cpu.as_mut() {
            self.sys.percpu = c.percent_percpu().unwrap_or_default();
        }
        self.sys.vm = psutil_rs::virtual_memory().ok();
        self.sys.swap = psutil_rs::swap_memory().ok();
        self.sys.load = psutil_rs::getloadavg().ok();
        self.sys.boot = psutil_rs::boot_time().ok();
        self.sys.users = psutil_rs::users().map(|u| u.len()).unwrap_or(0);
    }

    fn full_height(&self) -> u16 {
        self.table.full_height(self.header_height())
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer) {
        let mut lines = self.header_lines(area.width);
        lines.push(self.prompt_line());
        let cells = CellOpts {
            full_cmd: self.full_cmd,
            ..CellOpts::default()
        };
        self.table.render(lines, &COLUMNS, cells, area, buf);
    }

    fn set_batch(&mut self) {
        self.help = false;
        self.batch = true;
        // batch frames show the command name, and nothing filters
        self.table.set_cmdline(false);
    }

    fn batch_text(&mut self) -> Option<String> {
        let h = top_batch::Header {
            now: now(),
            boot: self.sys.boot,
            users: self.sys.users,
            load: self.sys.load.as_ref(),
            cpu: self.sys.times.as_ref(),
            vm: self.sys.vm.as_ref(),
            swap: self.sys.swap.as_ref(),
        };
        let rows = &self.table.rows;
        let mut text = top_batch::header(&h, rows);
        text.push_str(&top_batch::table(
            self.table.order.iter().filter_map(|(i, _)| rows.get(*i)),
        ));
        Some(text)
    }

    fn key(&mut self, k: KeyEvent) -> Flow {
        if self.mode != Mode::Normal {
            return self.apply_prompt(k);
        }
        self.message = None;
        if self.table.move_key(k.code) {
            return Flow::Redraw;
        }
        let t = &mut self.table;
        match k.code {
            KeyCode::Char('q') => Flow::Quit,
            KeyCode::Char('P') => t.change(|o| o.sort = SortKey::Cpu),
            KeyCode::Char('M') => t.change(|o| o.sort = SortKey::Mem),
            KeyCode::Char('T') => t.change(|o| o.sort = SortKey::Time),
            KeyCode::Char('N') => t.change(|o| o.sort = SortKey::Pid),
            KeyCode::Char('R' | 'I') => t.change(|o| o.reverse = !o.reverse),
            KeyCode::Esc => t.change(|o| o.filter.clear()),
            KeyCode::Char('t') => t.change(|o| o.tree = !o.tree),
            KeyCode::Char('/' | 'f') => {
                self.mode = Mode::Filter(Prompt::default());
                Flow::Redraw
            }
            KeyCode::Char('c') => {
                self.full_cmd = !self.full_cmd;
                Flow::Redraw
            }
            KeyCode::Char('k') => {
                self.ask_about_selected(|pid| Mode::Signal(pid, Prompt::default()))
            }
            KeyCode::Char('r') => {
                self.ask_about_selected(|pid| Mode::Renice(pid, Prompt::default()))
            }
            KeyCode::Char(' ') => Flow::Refresh,
            _ => Flow::Redraw,
        }
    }
}

/// Runs `psutil top`.
pub fn run(a: &TopArgs, json: bool) -> Result<(), CmdError> {
    let (only, opts) = tui::start(&a.live, 3.0, json, "top")?;
    let mut top = Top::new(only, opts.batch);
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
        tui::screen::buffer_text(&buf)
    }

    #[test]
    #[cfg(target_os = "linux")] // pid 1 and the layout of a Linux process list
    fn draws_this_process_and_filters_it() {
        let me = std::process::id();
        let mut top = Top::new(Some(vec![me, 1]), false);
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
        let init = top.table.name_of(1);
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
        assert_eq!(top.table.order.len(), 2);
    }

    #[test]
    fn kill_flow_asks_signal_then_confirmation() {
        let mut top = Top::new(Some(vec![std::process::id()]), false);
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
