//! What `psutil top` and `psutil iotop` share: the terminal (raw mode and alternate
//! screen, restored by a drop guard, a panic hook and on SIGTERM/SIGHUP/SIGINT), the
//! refresh/key loop, batch output (frames printed as text), the one-line prompt, and
//! cell formatting. The per-process model is in [`model`].

pub mod model;

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Terminal;

use psutil_rs::Pid;

use crate::args::LiveArgs;
use crate::out::{self, CmdError};

/// What the loop does after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Redraw the current data.
    Redraw,
    /// Sample again now, then redraw.
    Refresh,
    /// Leave.
    Quit,
}

/// A full-screen live view.
pub trait Screen {
    /// Samples the system.
    fn refresh(&mut self);
    /// Draws the current sample.
    fn render(&mut self, area: Rect, buf: &mut Buffer);
    /// Lines needed to show every row (batch mode draws one frame this tall).
    fn full_height(&self) -> u16;
    /// Handles a key press.
    fn key(&mut self, key: KeyEvent) -> Flow;
    /// Called before batch output: no keys will come, so no key help is drawn.
    fn set_batch(&mut self);
}

/// How the loop runs.
#[derive(Debug)]
pub struct LoopOpts {
    /// Time between refreshes.
    pub delay: Duration,
    /// Stop after this many frames.
    pub iterations: Option<u64>,
    /// Print frames as text instead of the full-screen view.
    pub batch: bool,
}

/// Checks the options `top` and `iotop` share: no `--json` (a live view), a valid
/// `-d` (`default_delay` when not given), `-p` pids of which at least one exists.
/// Returns the pids to follow (`None`: every process) and how to loop.
pub fn start(
    live: &LiveArgs,
    default_delay: f64,
    json: bool,
    name: &str,
) -> Result<(Option<Vec<Pid>>, LoopOpts), CmdError> {
    if json {
        return Err(format!("{name} is a live view: --json is not supported").into());
    }
    let delay = delay(live.delay.unwrap_or(default_delay))?;
    let only = if live.pids.is_empty() {
        None
    } else {
        if !live
            .pids
            .iter()
            .any(|p| psutil_rs::pid_exists(*p).unwrap_or(false))
        {
            return Err(format!("no such process: {:?}", live.pids).into());
        }
        Some(live.pids.clone())
    };
    let opts = LoopOpts {
        delay,
        iterations: live.iterations,
        batch: live.batch,
    };
    Ok((only, opts))
}

/// A key typed into the name/user filter prompt: the filter follows the text as it is
/// typed, Enter keeps it, Esc clears it. Returns whether the prompt stays open.
pub fn filter_key(prompt: &mut Prompt, k: KeyEvent, filter: &mut String) -> bool {
    match prompt.key(k) {
        PromptResult::Editing => {
            filter.clone_from(&prompt.text);
            true
        }
        PromptResult::Done(text) => {
            *filter = text;
            false
        }
        PromptResult::Cancelled => {
            filter.clear();
            false
        }
    }
}

/// Parses a `-d` value: a positive number of seconds.
pub fn delay(secs: f64) -> Result<Duration, CmdError> {
    if secs.is_finite() && secs > 0.0 {
        Ok(Duration::from_secs_f64(secs.max(0.05)))
    } else {
        Err(format!("invalid delay '{secs}': must be a positive number of seconds").into())
    }
}

/// Runs the view: full screen on a terminal, or batch (also when stdout is not a
/// terminal).
pub fn run(screen: &mut dyn Screen, opts: &LoopOpts) -> Result<(), CmdError> {
    if opts.batch || !io::stdout().is_terminal() {
        screen.set_batch();
        return run_batch(screen, opts);
    }
    run_interactive(screen, opts)
}

fn run_batch(screen: &mut dyn Screen, opts: &LoopOpts) -> Result<(), CmdError> {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .or_else(|| {
            io::stdout()
                .is_terminal()
                .then(|| terminal::size().ok().map(|s| s.0))
                .flatten()
        })
        .unwrap_or(200)
        .max(40);
    let mut n = 0u64;
    loop {
        screen.refresh();
        n += 1;
        let area = Rect::new(0, 0, width, screen.full_height());
        let mut buf = Buffer::empty(area);
        screen.render(area, &mut buf);
        let mut text = buffer_text(&buf);
        text.push('\n');
        out::print(&text)?;
        if opts.iterations.is_some_and(|max| n >= max) {
            return Ok(());
        }
        std::thread::sleep(opts.delay);
    }
}

/// A buffer as plain text, one line per row, trailing blanks trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf.cell((x, y)).map(|c| c.symbol()).unwrap_or(" ");
            skip = Span::raw(sym).width().saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Set while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Leaves raw mode and the alternate screen and shows the cursor, once.
fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
    }
}

/// Restores the terminal when dropped (normal exit, `?` errors, unwinding).
struct TermGuard;

impl TermGuard {
    fn enter() -> io::Result<TermGuard> {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| {
            let prev = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                prev(info);
            }));
        });
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TermGuard;
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(guard)
    }
}

impl Drop for TermGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn run_interactive(screen: &mut dyn Screen, opts: &LoopOpts) -> Result<(), CmdError> {
    // A polite kill (TERM, HUP, or INT sent by another process: in raw mode Ctrl-C is
    // a key) ends the loop, so the guard restores the terminal.
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    screen.refresh();
    let _guard = TermGuard::enter()?;
    let mut term = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    term.clear()?;
    let mut frames = 1u64;
    let mut next = Instant::now() + opts.delay;
    let mut dirty = true;
    loop {
        if dirty {
            term.draw(|f| screen.render(f.area(), f.buffer_mut()))?;
            dirty = false;
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
        if opts.iterations.is_some_and(|max| frames >= max) {
            break;
        }
        let now = Instant::now();
        if now >= next {
            screen.refresh();
            frames += 1;
            next = Instant::now() + opts.delay;
            dirty = true;
            continue;
        }
        let wait = (next - now).min(Duration::from_millis(250));
        let ready = match event::poll(wait) {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => false,
            Err(e) => return Err(e.into()),
        };
        if !ready {
            continue;
        }
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
                    break;
                }
                match screen.key(k) {
                    Flow::Quit => break,
                    Flow::Redraw => dirty = true,
                    Flow::Refresh => {
                        screen.refresh();
                        next = Instant::now() + opts.delay;
                        dirty = true;
                    }
                }
            }
            Ok(Event::Resize(..)) => {
                term.autoresize()?;
                dirty = true;
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    drop(term);
    restore();
    io::stdout().flush()?;
    Ok(())
}

/// A one-line text prompt (filter, signal, nice value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prompt {
    /// What was typed.
    pub text: String,
}

/// What a key did to a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptResult {
    /// Still typing.
    Editing,
    /// Enter.
    Done(String),
    /// Esc.
    Cancelled,
}

impl Prompt {
    /// Applies a key.
    pub fn key(&mut self, k: KeyEvent) -> PromptResult {
        match k.code {
            KeyCode::Enter => PromptResult::Done(self.text.clone()),
            KeyCode::Esc => PromptResult::Cancelled,
            KeyCode::Backspace => {
                self.text.pop();
                PromptResult::Editing
            }
            KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.clear();
                PromptResult::Editing
            }
            KeyCode::Char(c) if !c.is_control() => {
                self.text.push(c);
                PromptResult::Editing
            }
            _ => PromptResult::Editing,
        }
    }
}

/// Moves a selection by a key (Up/Down/PgUp/PgDn/Home/End) within `len` rows, `page`
/// rows per page. Returns `None` if the key is not a movement key.
pub fn move_selection(cur: usize, len: usize, page: usize, code: KeyCode) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    let new = match code {
        KeyCode::Up => cur.saturating_sub(1),
        KeyCode::Down => cur.saturating_add(1),
        KeyCode::PageUp => cur.saturating_sub(page),
        KeyCode::PageDown => cur.saturating_add(page),
        KeyCode::Home => 0,
        KeyCode::End => last,
        _ => return None,
    };
    Some(new.min(last))
}

/// An htop-style bar: `label[|||||     text]`, `pct` of the inner width filled.
pub fn bar<'a>(label: &str, pct: f64, text: &str, width: u16, color: Color) -> Line<'a> {
    let inner = usize::from(width).saturating_sub(label.chars().count() + 2);
    let filled = ((pct.clamp(0.0, 100.0) / 100.0) * inner as f64).round() as usize;
    let filled = filled.min(inner);
    let text: String = text.chars().take(inner).collect();
    let tlen = text.chars().count();
    // The text sits right-aligned inside the bar, over the fill.
    let mut cells: Vec<char> = std::iter::repeat_n('|', filled)
        .chain(std::iter::repeat_n(' ', inner - filled))
        .collect();
    for (i, c) in text.chars().enumerate() {
        if let Some(cell) = cells.get_mut(inner - tlen + i) {
            *cell = c;
        }
    }
    let split = filled.min(inner - tlen);
    let (a, b): (String, String) = (
        cells.iter().take(split).collect(),
        cells.iter().skip(split).collect(),
    );
    Line::from(vec![
        Span::styled(label.to_string(), Style::new().fg(Color::Cyan)),
        Span::raw("["),
        Span::styled(a, Style::new().fg(color)),
        Span::styled(b, Style::new().add_modifier(Modifier::DIM)),
        Span::raw("]"),
    ])
}

/// top's memory column: KiB, or `g`/`t`-suffixed when wider than 7 digits.
pub fn kib(bytes: u64) -> String {
    let k = bytes / 1024;
    if k < 10_000_000 {
        k.to_string()
    } else if k < 10_000_000 << 10 {
        format!("{:.1}g", k as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.1}t", k as f64 / (1u64 << 30) as f64)
    }
}

/// top's TIME+ column: `minutes:seconds.hundredths`.
pub fn time_plus(secs: f64) -> String {
    let cs = (secs.max(0.0) * 100.0).round() as u64;
    format!("{}:{:02}.{:02}", cs / 6000, (cs / 100) % 60, cs % 100)
}

/// iotop's rate/size format: `12.34 K/s` (binary prefixes), or without `/s`.
pub fn io_amount(v: f64, per_sec: bool) -> String {
    const UNITS: [&str; 6] = ["B", "K", "M", "G", "T", "P"];
    let mut v = v.max(0.0);
    let mut i = 0;
    while v >= 1000.0 && i + 1 < UNITS.len() {
        v /= 1024.0;
        i += 1;
    }
    let unit = UNITS.get(i).copied().unwrap_or("?");
    if per_sec {
        format!("{v:.2} {unit}/s")
    } else {
        format!("{v:.2} {unit}")
    }
}

/// A user name cut to `w` characters with top's `+` marker.
pub fn clip(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(w.saturating_sub(1)).collect();
        c.push('+');
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(kib(4096 * 1024), "4096");
        assert_eq!(kib(20 << 30), "20.0g");
        assert_eq!(time_plus(0.0), "0:00.00");
        assert_eq!(time_plus(83.456), "1:23.46");
        assert_eq!(time_plus(7384.0), "123:04.00");
        assert_eq!(io_amount(0.0, true), "0.00 B/s");
        assert_eq!(io_amount(2048.0, true), "2.00 K/s");
        assert_eq!(io_amount(5.0 * 1048576.0, false), "5.00 M");
        assert_eq!(clip("systemd-network", 8), "systemd+");
        assert_eq!(clip("root", 8), "root");
    }

    #[test]
    fn selection_moves_within_bounds() {
        assert_eq!(move_selection(0, 10, 4, KeyCode::Up), Some(0));
        assert_eq!(move_selection(0, 10, 4, KeyCode::Down), Some(1));
        assert_eq!(move_selection(8, 10, 4, KeyCode::PageDown), Some(9));
        assert_eq!(move_selection(5, 10, 4, KeyCode::PageUp), Some(1));
        assert_eq!(move_selection(5, 10, 4, KeyCode::End), Some(9));
        assert_eq!(move_selection(5, 0, 4, KeyCode::Down), Some(0));
        assert_eq!(move_selection(5, 10, 4, KeyCode::Char('x')), None);
    }

    #[test]
    fn prompt_edits() {
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let mut p = Prompt::default();
        assert_eq!(p.key(k(KeyCode::Char('a'))), PromptResult::Editing);
        p.key(k(KeyCode::Char('b')));
        p.key(k(KeyCode::Backspace));
        assert_eq!(p.key(k(KeyCode::Enter)), PromptResult::Done("a".into()));
        assert_eq!(p.key(k(KeyCode::Esc)), PromptResult::Cancelled);
    }

    #[test]
    fn filter_follows_typing() {
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let (mut p, mut f) = (Prompt::default(), String::new());
        assert!(filter_key(&mut p, k(KeyCode::Char('s')), &mut f));
        assert!(filter_key(&mut p, k(KeyCode::Char('h')), &mut f));
        assert_eq!(f, "sh");
        assert!(!filter_key(&mut p, k(KeyCode::Enter), &mut f));
        assert_eq!(f, "sh");
        assert!(!filter_key(&mut p, k(KeyCode::Esc), &mut f));
        assert_eq!(f, "");
    }

    #[test]
    fn start_checks_shared_options() {
        let live = |delay, pids: Vec<u32>| LiveArgs {
            delay,
            iterations: Some(2),
            pids,
            batch: true,
        };
        let (only, o) = start(&live(None, vec![]), 3.0, false, "top").unwrap();
        assert_eq!(
            (only, o.delay, o.iterations, o.batch),
            (None, Duration::from_secs(3), Some(2), true)
        );
        let me = std::process::id();
        let (only, o) = start(&live(Some(0.5), vec![me]), 1.0, false, "iotop").unwrap();
        assert_eq!(
            (only, o.delay),
            (Some(vec![me]), Duration::from_millis(500))
        );
        let err = |l, json| start(&l, 1.0, json, "iotop").unwrap_err().to_string();
        assert!(err(live(None, vec![]), true).contains("iotop is a live view"));
        assert!(err(live(Some(0.0), vec![]), false).contains("invalid delay"));
        assert!(err(live(None, vec![4194303]), false).contains("no such process"));
    }

    #[test]
    fn bars_fill_and_label() {
        let l = bar("cpu0", 50.0, "50.0%", 26, Color::Green);
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(s.chars().count(), 26);
        assert_eq!(s, "cpu0[||||||||||     50.0%]");
        let s: String = bar("x", 0.0, "", 5, Color::Green)
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(s, "x[  ]");
    }
}
