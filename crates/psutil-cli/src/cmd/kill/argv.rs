//! kill's and killall's words: the signal as `-9`, `-KILL`, `-SIGKILL`, `-s NAME`,
//! `--signal NAME`, `-n NUM`; `-l [SIG]` and `-L` to list; then the targets (after `--`
//! too).

use crate::signals;

/// What kill or killall was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send `signal` to the targets (pids for kill, names for killall).
    Send {
        /// The signal number.
        signal: i32,
        /// The words naming the targets.
        targets: Vec<String>,
    },
    /// `-l`: the names; with a value, that signal's name or number.
    List(Option<String>),
    /// `-L`: the names and numbers as a table.
    Table,
}

/// The options of killall beyond the signal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// `-v`: report each signal sent.
    pub verbose: bool,
    /// `-q`: no complaint when no process matched.
    pub quiet: bool,
    /// `--json`.
    pub json: bool,
}

fn sig(v: Option<&String>, opt: &str) -> Result<i32, String> {
    let v = v.ok_or_else(|| format!("{opt}: a signal is required after it"))?;
    signals::parse(v)
}

/// Reads the words after `kill` or `killall` (`killall` adds `-v` and `-q`).
pub fn parse(words: &[String], killall: bool) -> Result<(Action, Flags), String> {
    let mut signal = None;
    let mut targets = Vec::new();
    let mut flags = Flags::default();
    let mut it = words.iter();
    let set = |s: &mut Option<i32>, v: i32| {
        if s.is_some() {
            Err("more than one signal given".to_string())
        } else {
            *s = Some(v);
            Ok(())
        }
    };
    while let Some(w) = it.next() {
        // after a target, a word starting with '-' is a target too (kill's -PGID)
        let opt = targets.is_empty() && w.starts_with('-') && w.len() > 1;
        if !opt {
            targets.push(w.clone());
            continue;
        }
        match w.as_str() {
            "--" => {
                targets.extend(it.by_ref().cloned());
                break;
            }
            "-l" | "--list" => return Ok((Action::List(it.next().cloned()), flags)),
            "-L" | "--table" if !killall => return Ok((Action::Table, flags)),
            "-s" | "--signal" => set(&mut signal, sig(it.next(), w)?)?,
            "-n" if !killall => {
                let v = it
                    .next()
                    .ok_or("-n: a signal number is required after it")?;
                let n: i32 = v
                    .parse()
                    .map_err(|_| format!("-n: {v:?} is not a signal number"))?;
                set(&mut signal, signals::parse(&n.to_string())?)?
            }
            "-v" | "--verbose" if killall => flags.verbose = true,
            "-q" | "--quiet" if killall => flags.quiet = true,
            "--json" => flags.json = true,
            _ => {
                if let Some(v) = w.strip_prefix("--signal=") {
                    set(&mut signal, signals::parse(v)?)?;
                } else if let Some(v) = w.strip_prefix("--list=") {
                    return Ok((Action::List(Some(v.to_string())), flags));
                } else {
                    // -9, -KILL, -SIGKILL, -RTMIN+1
                    let v = &w[1..];
                    let s = signals::parse(v)
                        .map_err(|e| format!("{e} (in {w:?}; options: -s SIG, -n NUM, -l, -L)"))?;
                    set(&mut signal, s)?;
                }
            }
        }
    }
    if targets.is_empty() {
        return Err(if killall {
            "no process name given".into()
        } else {
            "no process ID given".into()
        });
    }
    let term = signals::parse("TERM")?;
    Ok((
        Action::Send {
            signal: signal.unwrap_or(term),
            targets,
        },
        flags,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Action, String> {
        let w: Vec<String> = s.split_whitespace().map(String::from).collect();
        parse(&w, false).map(|(a, _)| a)
    }

    fn send(s: &str) -> (i32, Vec<String>) {
        match p(s).unwrap() {
            Action::Send { signal, targets } => (signal, targets),
            a => panic!("{s}: {a:?}"),
        }
    }

    /// A signal other than the default TERM in the platform's table, and its number:
    /// KILL where there is one, the C runtime's INT on Windows (no KILL there).
    fn other() -> (&'static str, i32) {
        let name = if cfg!(windows) { "INT" } else { "KILL" };
        (name, signals::parse(name).unwrap())
    }

    #[test]
    fn the_ways_to_name_a_signal() {
        let (name, num) = other();
        let term = signals::parse("TERM").unwrap();
        for s in [
            format!("-{num} 1"),
            format!("-{name} 1"),
            format!("-SIG{name} 1"),
            format!("-s {name} 1"),
            format!("--signal={} 1", name.to_lowercase()),
            format!("-n {num} 1"),
        ] {
            assert_eq!(send(&s), (num, vec!["1".to_string()]), "{s}");
        }
        assert_eq!(send("1 2"), (term, vec!["1".into(), "2".into()]));
        assert_eq!(send(&format!("-{num} -- -5")).1, ["-5"]);
        assert_eq!(p("-l").unwrap(), Action::List(None));
        assert_eq!(p("-l 9").unwrap(), Action::List(Some("9".into())));
        assert_eq!(p("-L").unwrap(), Action::Table);
        if let Some((lo, _)) = crate::platform::realtime_signals() {
            assert_eq!(send("-s RTMIN+1 7").0, lo + 1);
            assert_eq!(send("-RTMIN+1 7").0, lo + 1);
        }
    }

    #[test]
    fn bad_words_are_errors() {
        let (_, num) = other();
        let term = signals::parse("TERM").unwrap();
        for (s, what) in [
            ("-BOGUS 1".to_string(), "BOGUS"),
            ("-s".into(), "-s"),
            ("-n x 1".into(), "x"),
            (format!("-{num}"), "no process"),
            (format!("-{num} -{term} 1"), "more than one"),
            ("-999 1".into(), "999"),
        ] {
            let e = p(&s).unwrap_err();
            assert!(e.contains(what), "{s}: {e}");
        }
    }
}
