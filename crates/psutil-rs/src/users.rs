//! `users()`: the users logged in, from the utmp file, or from systemd-logind's session
//! files on systems without utmp.

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::error::{Error, Pid, Result};
use crate::parse::logind_session::{self, Session};
use crate::parse::utmp::{self, Layout, UtmpRecord};
use crate::root::Root;
use crate::sys;
use crate::user_names;

/// A user session. psutil's `suser`, with its fields in its order.
///
/// Built from one `USER_PROCESS` record of the utmp file, or, without utmp, from one
/// systemd-logind session file (see [`users`]). The text fields keep the bytes as they
/// are (they need not be UTF-8). With the `serde` feature they serialize as strings,
/// lossily (invalid UTF-8 becomes U+FFFD).
#[doc(alias = "suser")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// `ut_user`: the user name (logind: `USER=`).
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::os"))]
    pub name: OsString,
    /// `ut_line`: the terminal (`pts/0`, `tty1`, `:0`), `None` when the record has none
    /// (logind: `TTY=` without `/dev/`; `None` for most SSH sessions, whose terminal
    /// logind does not record).
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::os_opt"))]
    pub terminal: Option<OsString>,
    /// `ut_host`: the remote host the user came from; `localhost` when the record's
    /// host is empty, `:0` or `:0.0` (a local login or the local X display). logind:
    /// `REMOTE_HOST=`, with the same rule (`localhost` for a local session).
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::os"))]
    pub host: OsString,
    /// `ut_tv.tv_sec`: when the session started, in seconds since the epoch (whole
    /// seconds, as psutil reports it). logind: `REALTIME=`, with its microseconds.
    pub started: f64,
    /// `ut_pid`: the session's login process (0 if the record holds a negative pid).
    /// logind: `LEADER=`, 0 when absent.
    pub pid: Pid,
}

/// psutil's host: a local login (empty host) and the local X display are `localhost`.
fn host_or_localhost(host: Vec<u8>) -> OsString {
    match host.as_slice() {
        b"" | b":0" | b":0.0" => OsString::from("localhost"),
        _ => OsString::from_vec(host),
    }
}

impl User {
    fn from_record(r: UtmpRecord) -> User {
        User {
            name: OsString::from_vec(r.ut_user),
            terminal: (!r.ut_line.is_empty()).then(|| OsString::from_vec(r.ut_line)),
            host: host_or_localhost(r.ut_host),
            started: r.tv_sec as f64,
            pid: Pid::try_from(r.ut_pid).unwrap_or(0),
        }
    }

    fn from_session(s: Session, name: OsString) -> User {
        let terminal = s
            .tty
            .map(|t| t.strip_prefix(b"/dev/").map(<[u8]>::to_vec).unwrap_or(t))
            .filter(|t| !t.is_empty())
            .map(OsString::from_vec);
        User {
            name,
            terminal,
            host: host_or_localhost(s.remote_host.unwrap_or_default()),
            started: s.realtime_usec.unwrap_or(0) as f64 / 1e6,
            pid: s.leader.unwrap_or(0),
        }
    }
}

/// The sessions in utmp data: the `USER_PROCESS` records, in file order.
fn users_from(data: &[u8]) -> Vec<User> {
    utmp::parse(data, Layout::NATIVE)
        .into_iter()
        .filter(|r| r.ut_type == utmp::USER_PROCESS)
        .map(User::from_record)
        .collect()
}

impl Root {
    /// [`users`] read from this root's `run/utmp`, or, when that file does not exist,
    /// from its `run/systemd/sessions`.
    pub fn users(&self) -> Result<Vec<User>> {
        match sys::fs::read_opt(&self.run().join("utmp"))? {
            Some(data) => Ok(users_from(&data)),
            None => self.logind_users(),
        }
    }

    /// The logged-in users of systemd-logind's session files, `run/systemd/sessions/<id>`
    /// (see [`users`]). A missing directory gives an empty list.
    ///
    /// logind replaces a session file by renaming a new one over it, which changes the
    /// directory's modification time: the list is kept with that time and given again
    /// while it holds (one `stat` instead of a listing and a read per session), unless
    /// the directory changed less than a second before it was read (a timestamp is as
    /// coarse as the kernel's clock tick: a later change in the same tick would not
    /// show).
    fn logind_users(&self) -> Result<Vec<User>> {
        /// The last list read: the directory, its modification time, the users.
        static LAST: Mutex<Option<(PathBuf, i128, Vec<User>)>> = Mutex::new(None);
        let dir = self.run().join("systemd").join("sessions");
        let Some((mtime, age)) = sys::fs::mtime(&dir)? else {
            return Ok(Vec::new());
        };
        {
            let last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((d, t, users)) = last.as_ref() {
                if *d == dir && *t == mtime {
                    return Ok(users.clone());
                }
            }
        }
        let users = self.read_logind_users(&dir)?;
        if age >= Duration::from_secs(1) {
            *LAST.lock().unwrap_or_else(PoisonError::into_inner) =
                Some((dir, mtime, users.clone()));
        }
        Ok(users)
    }

    /// [`logind_users`](Root::logind_users) without the kept list.
    fn read_logind_users(&self, dir: &Path) -> Result<Vec<User>> {
        let ids = match sys::fs::list_dir(dir) {
            Ok(ids) => ids,
            Err(Error::NotFound { .. }) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut sessions = Vec::new();
        for id in ids {
            // Session ids are letters and digits (logind's `session_id_valid`); this
            // skips the `<id>.ref` FIFOs (opening one would block) and logind's
            // `.#<id>…` temporary files.
            if id.is_empty() || !id.as_bytes().iter().all(u8::is_ascii_alphanumeric) {
                continue;
            }
            // A file removed since the listing is a session that ended meanwhile.
            let Some(data) = sys::fs::read_opt(&dir.join(&id))? else {
                continue;
            };
            let s = logind_session::parse(&data);
            if s.is_user_login() {
                sessions.push((s.realtime_usec.unwrap_or(0), id, s));
            }
        }
        sessions.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut users = Vec::with_capacity(sessions.len());
        for (_, _, s) in sessions {
            let name = match (&s.user, s.uid) {
                (Some(u), _) => OsString::from_vec(u.clone()),
                (None, Some(uid)) => OsString::from(user_names::user_name(self, uid)?),
                (None, None) => continue,
            };
            users.push(User::from_session(s, name));
        }
        Ok(users)
    }
}

/// The users currently logged in. psutil's `users()`.
///
/// Parses the utmp file `/run/utmp` (glibc's `/var/run/utmp`; see
/// [`parse::utmp`](crate::parse::utmp) for the record format) itself instead of
/// calling `getutxent(3)`, which is not thread-safe. Only `USER_PROCESS` records are
/// reported, in file order. Read errors (such as permission denied, where glibc would
/// silently give nothing) are returned.
///
/// # Without utmp (beyond psutil)
///
/// systemd can be built without utmp support (Debian 13 and other systemd-only
/// systems): there is no `/run/utmp`, and psutil's `users()` returns `[]` however many
/// users are logged in (psutil issue #2597). When the utmp file does not exist, this
/// function reads systemd-logind's session files instead, `/run/systemd/sessions/<id>`
/// (see [`parse::logind_session`](crate::parse::logind_session)), as coreutils' `who`
/// does through libsystemd there. It reports the sessions of logged-in users
/// ([`Session::is_user_login`](crate::parse::logind_session::Session::is_user_login):
/// a `user` class, not closing; no login screens, cron or `user@.service` sessions),
/// ordered by start time, as:
///
/// | field | from |
/// |---|---|
/// | `name` | `USER=` (the uid's name if absent) |
/// | `terminal` | `TTY=` without `/dev/`; `None` when absent, as for most SSH sessions |
/// | `host` | `REMOTE_HOST=` (unescaped); `localhost` when absent, as psutil's rule for an empty `ut_host` |
/// | `started` | `REALTIME=` µs / 10⁶, with the fraction |
/// | `pid` | `LEADER=`, 0 when absent |
///
/// A system with neither file (no utmp, no logind) gives an empty list, as psutil.
pub fn users() -> Result<Vec<User>> {
    Root::current().users()
}

/// [`users`] from any utmp-format file, such as `/var/log/wtmp` or a copy of
/// `/run/utmp` (what `who FILE` reads). A missing file gives an empty list; a
/// trailing partial record is ignored.
pub fn users_from_file(path: impl AsRef<Path>) -> Result<Vec<User>> {
    Ok(match sys::fs::read_opt(path.as_ref())? {
        Some(data) => users_from(&data),
        None => Vec::new(),
    })
}

#[cfg(feature = "serde")]
mod ser {
    use std::ffi::OsString;

    pub(super) fn os<S: serde::Serializer>(v: &OsString, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string_lossy())
    }

    pub(super) fn os_opt<S: serde::Serializer>(
        v: &Option<OsString>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => os(v, s),
            None => s.serialize_none(),
        }
    }
}
