//! `users()` on macOS: the `USER_PROCESS` records of `getutxent(3)` (`/var/run/utmpx`).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use super::utmpx;
use crate::error::{Pid, Result};

/// A logged-in user. psutil's `suser` on macOS, with its fields in its order. The
/// strings are the record's bytes (they need not be UTF-8); with the `serde` feature
/// they serialize as strings, lossily.
#[doc(alias = "suser")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// `ut_user`: the user name.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os"))]
    pub name: OsString,
    /// `ut_line`: the terminal (`console`, `ttys000`), `None` when the record has none.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os_opt"))]
    pub terminal: Option<OsString>,
    /// `ut_host`: the remote host; `localhost` when the record's host is empty, `:0`
    /// or `:0.0`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os"))]
    pub host: OsString,
    /// `ut_tv.tv_sec`: when the session started, in seconds since the epoch (whole
    /// seconds, as psutil reports it).
    pub started: f64,
    /// `ut_pid`: the login process (0 if the record holds a negative pid).
    pub pid: Pid,
}

/// `users()`: records whose terminal is `~` (system records) or without a timestamp
/// are left out, as psutil does.
pub(crate) fn users() -> Result<Vec<User>> {
    Ok(utmpx::user_processes()
        .into_iter()
        .filter(|r| r.line != b"~" && r.tv_sec != 0)
        .map(|r| {
            let host = if r.host.is_empty() || r.host == b":0" || r.host == b":0.0" {
                b"localhost".to_vec()
            } else {
                r.host
            };
            User {
                name: OsString::from_vec(r.user),
                terminal: (!r.line.is_empty()).then(|| OsString::from_vec(r.line)),
                host: OsString::from_vec(host),
                started: r.tv_sec as f64,
                pid: Pid::try_from(r.pid).unwrap_or(0),
            }
        })
        .collect())
}
