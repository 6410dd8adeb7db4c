//! Signal names and numbers: the platform's table ([`crate::platform`], from libc's
//! constants) and the real-time signals as `RTMIN+n` / `RTMAX-n`.

use crate::platform;

/// The listed signals in number order, names without `SIG`.
pub fn listed() -> Vec<(&'static str, i32)> {
    platform::standard_signals()
}

/// The name of `sig` without `SIG` (`KILL`, `RTMIN+1`); `None` for a number that is no
/// signal here.
pub fn name(sig: i32) -> Option<String> {
    if let Some((n, _)) = listed().into_iter().find(|&(_, v)| v == sig) {
        return Some(n.to_string());
    }
    let (lo, hi) = platform::realtime_signals()?;
    if !(lo..=hi).contains(&sig) {
        return None;
    }
    // as glibc's strsignal and util-linux name them: from the nearer end
    Some(if sig - lo <= (hi - lo) / 2 {
        if sig == lo {
            "RTMIN".into()
        } else {
            format!("RTMIN+{}", sig - lo)
        }
    } else if sig == hi {
        "RTMAX".into()
    } else {
        format!("RTMAX-{}", hi - sig)
    })
}

/// The highest signal number here.
fn max() -> i32 {
    let std = listed().iter().map(|&(_, n)| n).max().unwrap_or(0);
    platform::realtime_signals().map_or(std, |(_, hi)| hi.max(std))
}

/// `RTMIN`, `RTMIN+n`, `RTMAX`, `RTMAX-n` (upper case, without `SIG`).
fn realtime(name: &str) -> Option<Result<i32, String>> {
    let (base, rest, up) = if let Some(r) = name.strip_prefix("RTMIN") {
        (0, r, true)
    } else if let Some(r) = name.strip_prefix("RTMAX") {
        (1, r, false)
    } else {
        return None;
    };
    let Some((lo, hi)) = platform::realtime_signals() else {
        return Some(Err(format!(
            "{name}: no real-time signals on this platform"
        )));
    };
    let off: i32 = match rest {
        "" => 0,
        _ => {
            let digits = if up {
                rest.strip_prefix('+')
            } else {
                rest.strip_prefix('-')
            };
            match digits.and_then(|d| d.parse().ok()) {
                Some(n) => n,
                None => return Some(Err(format!("unknown signal {name:?}"))),
            }
        }
    };
    let sig = if base == 0 { lo + off } else { hi - off };
    Some(if (lo..=hi).contains(&sig) {
        Ok(sig)
    } else {
        Err(format!(
            "{name}: outside the real-time signals (RTMIN..RTMAX = {lo}..{hi})"
        ))
    })
}

/// Parses `TERM`, `SIGTERM`, `term`, `15`, `RTMIN+2` or `SIGRTMAX-1`; 0 (no signal, the
/// existence check) is a number too.
pub fn parse(s: &str) -> Result<i32, String> {
    if let Ok(n) = s.parse::<i32>() {
        if n == 0 || name(n).is_some() {
            return Ok(n);
        }
        return Err(format!("invalid signal number {n} (0..{})", max()));
    }
    let up = s.to_ascii_uppercase();
    let bare = up.strip_prefix("SIG").unwrap_or(&up);
    if let Some(r) = realtime(bare) {
        return r;
    }
    listed()
        .into_iter()
        .chain(platform::signal_aliases())
        .find(|(n, _)| *n == bare)
        .map(|(_, v)| v)
        .ok_or_else(|| format!("unknown signal {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        let term = listed()
            .into_iter()
            .find(|(n, _)| *n == "TERM")
            .map(|(_, v)| v)
            .unwrap();
        assert_eq!(parse("TERM"), Ok(term));
        assert_eq!(parse("sigterm"), Ok(term));
        assert_eq!(parse(&term.to_string()), Ok(term));
        assert_eq!(name(term).as_deref(), Some("TERM"));
        assert_eq!(parse("0"), Ok(0));
        assert!(parse("BOGUS").unwrap_err().contains("BOGUS"));
        assert!(parse("999").unwrap_err().contains("999"));
        for (n, v) in listed() {
            assert_eq!(parse(n), Ok(v), "{n}");
            assert_eq!(name(v).as_deref(), Some(n));
        }
    }

    #[test]
    fn realtime_signals_by_offset() {
        let Some((lo, hi)) = platform::realtime_signals() else {
            assert!(parse("RTMIN").is_err());
            return;
        };
        assert_eq!(parse("RTMIN"), Ok(lo));
        assert_eq!(parse("SIGRTMIN+2"), Ok(lo + 2));
        assert_eq!(parse("rtmax-1"), Ok(hi - 1));
        assert_eq!(parse("RTMAX"), Ok(hi));
        assert_eq!(name(lo + 1).as_deref(), Some("RTMIN+1"));
        assert_eq!(name(hi - 1).as_deref(), Some("RTMAX-1"));
        assert!(parse(&format!("RTMIN+{}", hi - lo + 1)).is_err());
        assert!(parse("RTMIN-1").is_err());
        for sig in lo..=hi {
            assert_eq!(parse(&name(sig).unwrap()), Ok(sig));
        }
    }
}
