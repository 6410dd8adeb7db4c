//! The full-screen loop: raw mode and the alternate screen, restored by a drop guard,
//! a panic hook and on SIGTERM/SIGHUP/SIGINT.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::prelude::CrosstermBackend;
use ratatui::Terminal;

use super::screen::{Flow, LoopOpts, Screen};
use crate::out::CmdError;

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

/// Runs the view full screen until a quit key, a signal or the last frame.
pub fn run_interactive(screen: &mut dyn Screen, opts: &LoopOpts) -> Result<(), CmdError> {
    // A polite kill (TERM, HUP, or INT sent by another process: in raw mode Ctrl-C is
    // a key) ends the loop, so the guard restores the terminal.
    let stop = Arc::new(AtomicBool::new(false));
    for &sig in crate::platform::STOP_SIGNALS {
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
