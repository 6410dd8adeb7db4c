//! psutil's `repr` of a process.

use std::fmt;

use super::handle::Process;
use crate::error::Error;
use crate::sys;

/// psutil's `_pprint_secs`: local `HH:MM:SS`, or `YYYY-MM-DD HH:MM:SS` when more than a
/// day ago.
fn pprint_secs(secs: f64) -> Option<String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs_f64();
    let (y, mo, d, h, mi, s) = sys::process::local_time(secs.floor() as i64)?;
    Some(if now - secs < 86400.0 {
        format!("{h:02}:{mi:02}:{s:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    })
}

/// Python's `repr()` of a str: single quotes unless the text contains one and no double
/// quote.
fn py_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// psutil's `repr(Process)`: `psutil.Process(pid=1, name='systemd', status='sleeping',
/// started='09:12:01')`. The status is `'zombie'`, `'terminated'` or `'terminated + PID
/// reused'` for processes in those states; `exitcode=` appears once [`Process::wait`]
/// has collected one; `started` is the local creation time (a full date when more than a
/// day ago). Unlike psutil, `started` is shown whenever the creation time is known, not
/// only after a call to `create_time()`. Non-UTF-8 bytes of the name are shown as U+FFFD.
impl fmt::Display for Process {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut name = self.state().name.clone();
        let mut status: Option<&str> = None;
        self.oneshot(|p| match p.name().and_then(|n| Ok((n, p.status()?))) {
            Ok((n, s)) => {
                name = Some(n.to_string_lossy().into_owned());
                status = Some(s.as_str());
            }
            Err(Error::ZombieProcess { .. }) => status = Some("zombie"),
            Err(Error::NoSuchProcess { .. }) => {
                status = Some(if sys::process::pid_taken(p) {
                    "terminated + PID reused"
                } else {
                    "terminated"
                })
            }
            Err(_) => {}
        });
        write!(f, "psutil.Process(pid={}", self.pid)?;
        if let Some(n) = name.filter(|n| !n.is_empty()) {
            write!(f, ", name={}", py_repr(&n))?;
        }
        if let Some(s) = status {
            write!(f, ", status={}", py_repr(s))?;
        }
        if let Some(Some(code)) = self.state().exit_code {
            write!(f, ", exitcode={code}")?;
        }
        if let Some(started) = self.create_time().ok().and_then(pprint_secs) {
            write!(f, ", started={}", py_repr(&started))?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_repr_of_strings() {
        assert_eq!(py_repr("sleep"), "'sleep'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(py_repr("a\nb\\"), "'a\\nb\\\\'");
    }
}
