//! The refresh/key loop of a live view: the [`Screen`] a view implements, the options
//! `top` and `iotop` share, and batch output (frames printed as text). The full-screen
//! loop is in [`super::terminal`].

use std::io::{self, IsTerminal};
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::crossterm::terminal;
use ratatui::layout::Rect;
use ratatui::text::Span;

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
    /// A batch frame as text of its own (top's procps layout); `None`: the drawn
    /// screen, as text.
    fn batch_text(&mut self) -> Option<String> {
        None
    }
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
    super::terminal::run_interactive(screen, opts)
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
        let mut text = match screen.batch_text() {
            Some(t) => t,
            None => {
                let area = Rect::new(0, 0, width, screen.full_height());
                let mut buf = Buffer::empty(area);
                screen.render(area, &mut buf);
                buffer_text(&buf)
            }
        };
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
