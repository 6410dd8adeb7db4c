//! `users()`: the users logged in, from the utmp file, or from systemd-logind's session
//! files on systems without utmp.

use std::ffi::OsString;

use crate::error::{Pid, Result};
use crate::sys;

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

/// The users currently logged in. psutil's `users()`.
///
/// Linux: parses the utmp file `/run/utmp` (glibc's `/var/run/utmp`; see
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
    sys::users::users()
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
