//! `users()` on Linux: the utmp file, or systemd-logind's session files without it;
//! and the Linux-only `users_from_file()`.

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::error::{Error, Pid, Result};
use crate::parse::logind_session::{self, Session};
use crate::parse::utmp::{self, Layout, UtmpRecord};
use crate::sys;
use crate::sys::root::Root;
use crate::sys::user_names;

/// psutil's host: a local login (empty host) and the local X display are `localhost`.
fn host_or_localhost(host: Vec<u8>) -> OsString {
    match host.as_slice() {
        b"" | b":0" | b":0.0" => OsString::from("localhost"),
        _ => OsString::from_vec(host),
    }
}

/// A user session. psutil's `suser`, with its fields in its order.
///
/// Built from one `USER_PROCESS` record of the utmp file, or, without utmp, from one
/// systemd-logind session file (see [`users`](crate::users())). The text fields keep the bytes as they
/// are (they need not be UTF-8). With the `serde` feature they serialize as strings,
/// lossily (invalid UTF-8 becomes U+FFFD).
#[doc(alias = "suser")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// `ut_user`: the user name (logind: `USER=`).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os"))]
    pub name: OsString,
    /// `ut_line`: the terminal (`pts/0`, `tty1`, `:0`), `None` when the record has none
    /// (logind: `TTY=` without `/dev/`; `None` for most SSH sessions, whose terminal
    /// logind does not record).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os_opt"))]
    pub terminal: Option<OsString>,
    /// `ut_host`: the remote host the user came from; `localhost` when the record's
    /// host is empty, `:0` or `:0.0` (a local login or the local X display). logind:
    /// `REMOTE_HOST=`, with the same rule (`localhost` for a local session).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os"))]
    pub host: OsString,
    /// `ut_tv.tv_sec`: when the session started, in seconds since the epoch (whole
    /// seconds, as psutil reports it). logind: `REALTIME=`, with its microseconds.
    pub started: f64,
    /// `ut_pid`: the session's login process (0 if the record holds a negative pid).
    /// logind: `LEADER=`, 0 when absent.
    pub pid: Pid,
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
    /// [`users`](crate::users) read from this root's `run/utmp`, or, when that file does not exist,
    /// from its `run/systemd/sessions`.
    pub fn users(&self) -> Result<Vec<User>> {
        match sys::fs::read_opt(&self.run().join("utmp"))? {
            Some(data) => Ok(users_from(&data)),
            None => self.logind_users(),
        }
    }

    /// The logged-in users of systemd-logind's session files, `run/systemd/sessions/<id>`
    /// (see [`users`](crate::users())). A missing directory gives an empty list.
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

/// `users()` from the current [`Root`].
pub(crate) fn users() -> Result<Vec<User>> {
    Root::current().users()
}

/// [`users`](crate::users) from any utmp-format file, such as `/var/log/wtmp` or a copy of
/// `/run/utmp` (what `who FILE` reads). A missing file gives an empty list; a
/// trailing partial record is ignored.
///
/// Linux only (glibc's utmp record layout).
pub fn users_from_file(path: impl AsRef<Path>) -> Result<Vec<User>> {
    Ok(match sys::fs::read_opt(path.as_ref())? {
        Some(data) => users_from(&data),
        None => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use crate::parse::utmp::Layout;

    /// The parser's native layout is the C library's `struct utmpx` (moved here from
    /// the parser's tests: libc exists on the Linux backend's side only).
    #[test]
    fn native_layout_matches_libc_struct() {
        assert_eq!(
            Layout::NATIVE.record_size(),
            std::mem::size_of::<libc::utmpx>()
        );
    }
}
