//! `users()`: the users logged in, from the utmp file, or from systemd-logind's session
//! files on systems without utmp.

use crate::error::Result;
use crate::sys;

/// A user session. psutil's `suser`, with its fields in its order; defined per platform
/// (psutil's Windows `suser` has no terminal or pid and may have no host), see the
/// backend's documentation.
pub use crate::sys::users::User;

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
///
/// Windows: `WTSEnumerateSessionsW` and `WTSQuerySessionInformationW` (user name, IPv4 client address, connect time).
pub fn users() -> Result<Vec<User>> {
    sys::users::users()
}

/// Serializers of the backends' `User` fields: text as strings (lossily).
#[cfg(feature = "serde")]
pub(crate) mod ser {
    use std::ffi::OsString;

    pub(crate) fn os<S: serde::Serializer>(v: &OsString, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string_lossy())
    }

    pub(crate) fn os_opt<S: serde::Serializer>(
        v: &Option<OsString>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => os(v, s),
            None => s.serialize_none(),
        }
    }
}
