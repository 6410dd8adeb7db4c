//! `/run/systemd/sessions/<id>`: systemd-logind's state file of one login session.
//!
//! logind (`session_save()` in systemd's `src/login/logind-session.c`) writes one file
//! per session, named by the session id (letters and digits: `3`, `c1`), replaced
//! atomically (written to a temporary `.#<id>…` file, then renamed). The file starts
//! with `# This is private data. Do not parse.` and holds `KEY=value` lines, a key
//! only when it has a value:
//!
//! ```text
//! # This is private data. Do not parse.
//! UID=1000
//! USER=alice
//! ACTIVE=1
//! IS_DISPLAY=0
//! STATE=active
//! REMOTE=1
//! TYPE=tty
//! CLASS=user
//! SCOPE=session-3.scope
//! REMOTE_HOST=203.0.113.7
//! SERVICE=sshd
//! LEADER=1234
//! REALTIME=1754300000123456
//! MONOTONIC=412345678
//! ```
//!
//! `REMOTE_HOST`, `REMOTE_USER`, `SERVICE` and `DESKTOP` are C-escaped by logind
//! (`cescape()`: `\\`, `\"`, `\n`…, and `\ooo` in octal for control and non-ASCII
//! bytes); [`parse`] unescapes them. Other values are written as they are. `REALTIME`
//! is when the session started, in microseconds since the epoch.
//!
//! The file says "do not parse", but it is what `sd_session_get_*(3)` (libsystemd)
//! read, and without utmp (systemd built without it, as on Debian 13) it is the only
//! record of who is logged in short of asking logind over D-Bus. Its keys have been
//! stable since systemd 20x; unknown keys are ignored.
//!
//! [`Session::is_user_login`] says which sessions are logged-in users for
//! [`users`](crate::users).

use super::fields::{lines, parse_u64, split_once};

/// The fields of a session file that [`users`](crate::users) uses (`None`: the key is
/// absent or, for numbers, not a valid number). Text values keep their bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Session {
    /// `UID=`: the user's uid.
    pub uid: Option<u32>,
    /// `USER=`: the user name.
    pub user: Option<Vec<u8>>,
    /// `STATE=`: `opening`, `online`, `active` or `closing` (logged out, processes
    /// left behind).
    pub state: Option<Vec<u8>>,
    /// `CLASS=`: `user` (and since systemd 256 `user-early`, `user-incomplete`,
    /// `user-light`), `greeter`, `lock-screen`, `background`, `background-light`,
    /// `manager`, `manager-early`, `none`.
    pub class: Option<Vec<u8>>,
    /// `TYPE=`: `tty`, `x11`, `wayland`, `mir`, `web`, `unspecified`.
    pub session_type: Option<Vec<u8>>,
    /// `SEAT=`: the seat (`seat0`) of a local session.
    pub seat: Option<Vec<u8>>,
    /// `TTY=`: the terminal (`tty1`, `pts/0`). Unset for most SSH sessions (their PAM
    /// session opens before the pseudo-terminal exists).
    pub tty: Option<Vec<u8>>,
    /// `DISPLAY=`: the X11 display of a graphical session.
    pub display: Option<Vec<u8>>,
    /// `REMOTE_HOST=` (unescaped): where a remote session came from.
    pub remote_host: Option<Vec<u8>>,
    /// `REMOTE_USER=` (unescaped).
    pub remote_user: Option<Vec<u8>>,
    /// `SERVICE=` (unescaped): the PAM service that opened the session (`sshd`,
    /// `login`, `gdm-password`).
    pub service: Option<Vec<u8>>,
    /// `LEADER=`: the pid of the session's leader process.
    pub leader: Option<u32>,
    /// `REALTIME=`: when the session started, in microseconds since the epoch.
    pub realtime_usec: Option<u64>,
}

impl Session {
    /// True for the sessions of logged-in users, those utmp would hold a
    /// `USER_PROCESS` record for: a `user…` class (`user`, `user-early`,
    /// `user-incomplete`, `user-light`; a file without `CLASS=` counts as `user`,
    /// logind's default), and not `STATE=closing` (the user logged out; utmp has a
    /// `DEAD_PROCESS` record then). Login screens (`greeter`, `lock-screen`), cron and
    /// other `background` sessions and the per-user service manager (`manager`) are
    /// not logins.
    pub fn is_user_login(&self) -> bool {
        let class_ok = self.class.as_deref().is_none_or(|c| c.starts_with(b"user"));
        class_ok && self.state.as_deref() != Some(b"closing")
    }
}

/// Parses a session file. Never fails: lines without `=`, comments (`#`, `;`) and
/// unknown keys are skipped; a repeated key keeps its last value (as systemd's
/// `parse_env_file`); a number that does not parse is `None`.
pub fn parse(data: &[u8]) -> Session {
    let mut s = Session::default();
    for (_, line) in lines(data) {
        if matches!(line.first(), Some(b'#' | b';')) {
            continue;
        }
        let Some((key, value)) = split_once(line, b'=') else {
            continue;
        };
        let text = || Some(value.to_vec());
        match key {
            b"UID" => s.uid = parse_u64(value).and_then(|v| u32::try_from(v).ok()),
            b"USER" => s.user = text(),
            b"STATE" => s.state = text(),
            b"CLASS" => s.class = text(),
            b"TYPE" => s.session_type = text(),
            b"SEAT" => s.seat = text(),
            b"TTY" => s.tty = text(),
            b"DISPLAY" => s.display = text(),
            b"REMOTE_HOST" => s.remote_host = Some(unescape(value)),
            b"REMOTE_USER" => s.remote_user = Some(unescape(value)),
            b"SERVICE" => s.service = Some(unescape(value)),
            b"LEADER" => s.leader = parse_u64(value).and_then(|v| u32::try_from(v).ok()),
            b"REALTIME" => s.realtime_usec = parse_u64(value),
            _ => {}
        }
    }
    s
}

/// Undoes systemd's `cescape()`: `\a \b \f \n \r \t \v \\ \" \' \?`, `\ooo` (three
/// octal digits, at most `\377`) and `\xhh`. Anything else after a backslash (and a
/// trailing backslash) is kept as it is.
pub fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let rest = s.get(i + 1..).unwrap_or_default();
        let simple = match rest.first() {
            Some(b'a') => Some(0x07),
            Some(b'b') => Some(0x08),
            Some(b'f') => Some(0x0c),
            Some(b'n') => Some(b'\n'),
            Some(b'r') => Some(b'\r'),
            Some(b't') => Some(b'\t'),
            Some(b'v') => Some(0x0b),
            Some(&q @ (b'\\' | b'"' | b'\'' | b'?')) => Some(q),
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            i += 2;
        } else if let Some(b) = octal(rest) {
            out.push(b);
            i += 4;
        } else if let Some(b) = hex(rest) {
            out.push(b);
            i += 4;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `ooo` at the start of `s`: three octal digits of a value up to 255.
fn octal(s: &[u8]) -> Option<u8> {
    let d = s.get(..3)?;
    let mut v: u32 = 0;
    for &c in d {
        if !(b'0'..=b'7').contains(&c) {
            return None;
        }
        v = v * 8 + u32::from(c - b'0');
    }
    u8::try_from(v).ok()
}

/// `xhh` at the start of `s`.
fn hex(s: &[u8]) -> Option<u8> {
    let d = s.get(..3)?;
    if d.first() != Some(&b'x') {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let hi = digit(*d.get(1)?)?;
    let lo = digit(*d.get(2)?)?;
    u8::try_from(hi * 16 + lo).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SSH session as systemd 257 (Debian 13) writes it.
    const SSH: &[u8] = b"# This is private data. Do not parse.\n\
UID=1000\nUSER=alice\nACTIVE=1\nIS_DISPLAY=0\nSTATE=active\nREMOTE=1\n\
LEADER_FD_SAVED=1\nTYPE=tty\nORIGINAL_TYPE=tty\nCLASS=user\nSCOPE=session-3.scope\n\
FIFO=/run/systemd/sessions/3.ref\nREMOTE_HOST=203.0.113.7\nSERVICE=sshd\nLEADER=1234\n\
AUDIT=3\nREALTIME=1754300000123456\nMONOTONIC=412345678\n";

    #[test]
    fn ssh_session() {
        let s = parse(SSH);
        assert_eq!(s.uid, Some(1000));
        assert_eq!(s.user.as_deref(), Some(&b"alice"[..]));
        assert_eq!(s.state.as_deref(), Some(&b"active"[..]));
        assert_eq!(s.class.as_deref(), Some(&b"user"[..]));
        assert_eq!(s.session_type.as_deref(), Some(&b"tty"[..]));
        assert_eq!(s.tty, None);
        assert_eq!(s.seat, None);
        assert_eq!(s.remote_host.as_deref(), Some(&b"203.0.113.7"[..]));
        assert_eq!(s.service.as_deref(), Some(&b"sshd"[..]));
        assert_eq!(s.leader, Some(1234));
        assert_eq!(s.realtime_usec, Some(1_754_300_000_123_456));
        assert!(s.is_user_login());
    }

    #[test]
    fn classes_and_states() {
        let with = |extra: &str| parse(format!("UID=1\nUSER=u\n{extra}").as_bytes());
        for class in ["user", "user-early", "user-incomplete", "user-light"] {
            assert!(with(&format!("CLASS={class}\n")).is_user_login(), "{class}");
        }
        for class in [
            "greeter",
            "lock-screen",
            "background",
            "background-light",
            "manager",
            "manager-early",
            "none",
        ] {
            assert!(
                !with(&format!("CLASS={class}\n")).is_user_login(),
                "{class}"
            );
        }
        assert!(with("").is_user_login()); // no CLASS: logind's default, user
        assert!(!with("CLASS=user\nSTATE=closing\n").is_user_login());
        assert!(with("CLASS=user\nSTATE=online\n").is_user_login());
        assert!(with("CLASS=user\nSTATE=opening\n").is_user_login());
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape(br"h\303\244st.example"), "häst.example".as_bytes());
        assert_eq!(unescape(br#"a\\b\x41\n\t\"q\'"#), b"a\\bA\n\t\"q'");
        assert_eq!(unescape(br"\400\x4\q\"), br"\400\x4\q\".to_vec());
        assert_eq!(unescape(b""), b"");
        let s = parse(b"REMOTE_HOST=h\\303\\244st\nREMOTE_USER=b\\\\c\nSERVICE=s\\x20d\n");
        assert_eq!(s.remote_host.as_deref(), Some("häst".as_bytes()));
        assert_eq!(s.remote_user.as_deref(), Some(&b"b\\c"[..]));
        assert_eq!(s.service.as_deref(), Some(&b"s d"[..]));
        // other values are not escaped by logind and are kept as written
        assert_eq!(parse(b"TTY=p\\ts\n").tty.as_deref(), Some(&b"p\\ts"[..]));
    }

    #[test]
    fn garbage() {
        assert_eq!(parse(b""), Session::default());
        assert_eq!(parse(b"\0\xff\n===\n=x\nUID\n"), Session::default());
        let s = parse(b"UID=-1\nLEADER=99999999999\nREALTIME=1e6\nUID=4294967296\n");
        assert_eq!((s.uid, s.leader, s.realtime_usec), (None, None, None));
        // the last of a repeated key wins; an empty value is present but empty
        let s = parse(b"USER=a\nUSER=b\nTTY=\n");
        assert_eq!(s.user.as_deref(), Some(&b"b"[..]));
        assert_eq!(s.tty.as_deref(), Some(&b""[..]));
        // a cut file: what was written so far
        let s = parse(&SSH[..60]);
        assert_eq!(s.uid, Some(1000));
        assert_eq!(s.user.as_deref(), Some(&b"alice"[..]));
    }
}
