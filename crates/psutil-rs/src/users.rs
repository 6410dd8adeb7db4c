//! `users()`: the users logged in, from the utmp file.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;

use crate::error::{Pid, Result};
use crate::parse::utmp::{self, Layout, UtmpRecord};
use crate::root::Root;
use crate::sys;

/// A user session. psutil's `suser`, with its fields in its order.
///
/// Built from one `USER_PROCESS` record of the utmp file. The text fields keep the
/// record's bytes as they are (they need not be UTF-8). With the `serde` feature they
/// serialize as strings, lossily (invalid UTF-8 becomes U+FFFD).
#[doc(alias = "suser")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct User {
    /// `ut_user`: the user name.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::os"))]
    pub name: OsString,
    /// `ut_line`: the terminal (`pts/0`, `tty1`, `:0`), `None` when the record has none.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::os_opt"))]
    pub terminal: Option<OsString>,
    /// `ut_host`: the remote host the user came from; `localhost` when the record's
    /// host is empty, `:0` or `:0.0` (a local login or the local X display).
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::os"))]
    pub host: OsString,
    /// `ut_tv.tv_sec`: when the session started, in seconds since the epoch (whole
    /// seconds, as psutil reports it).
    pub started: f64,
    /// `ut_pid`: the session's login process (0 if the record holds a negative pid).
    pub pid: Pid,
}

impl User {
    fn from_record(r: UtmpRecord) -> User {
        let host = match r.ut_host.as_slice() {
            b"" | b":0" | b":0.0" => b"localhost".to_vec(),
            _ => r.ut_host,
        };
        User {
            name: OsString::from_vec(r.ut_user),
            terminal: (!r.ut_line.is_empty()).then(|| OsString::from_vec(r.ut_line)),
            host: OsString::from_vec(host),
            started: r.tv_sec as f64,
            pid: Pid::try_from(r.ut_pid).unwrap_or(0),
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
    /// [`users`] read from this root's `run/utmp`.
    pub fn users(&self) -> Result<Vec<User>> {
        users_from_file(self.run().join("utmp"))
    }
}

/// The users currently logged in. psutil's `users()`.
///
/// Parses the utmp file `/run/utmp` (glibc's `/var/run/utmp`; see
/// [`parse::utmp`](crate::parse::utmp) for the record format) itself instead of
/// calling `getutxent(3)`, which is not thread-safe. Only `USER_PROCESS` records are
/// reported, in file order. A system without a utmp file (systemd built without utmp
/// support, as on Debian 13) gives an empty list, as in psutil; other read errors
/// (such as permission denied, where glibc would silently give nothing) are returned.
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
