//! `users()` on FreeBSD: the `USER_PROCESS` records of the utmpx database
//! (`getutxent(3)`, shared with macOS).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use crate::error::{Pid, Result};

/// A logged-in user session. psutil's `suser`, with its fields in its order.
///
/// From a `USER_PROCESS` record of `getutxent(3)`.
#[doc(alias = "suser")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// `ut_user`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os"))]
    pub name: OsString,
    /// `ut_line` (`pts/0`, `ttyv0`), `None` when empty.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os_opt"))]
    pub terminal: Option<OsString>,
    /// `ut_host`, `None` when empty (a local login).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os_opt"))]
    pub host: Option<OsString>,
    /// `ut_tv`, seconds since the epoch.
    pub started: f64,
    /// `ut_pid`.
    pub pid: Option<Pid>,
}

fn non_empty(b: Vec<u8>) -> Option<OsString> {
    (!b.is_empty()).then(|| OsString::from_vec(b))
}

/// `users()`: every `USER_PROCESS` record, in the database's order; records whose line
/// is `~` (system entries) are dropped, as psutil drops them.
pub(crate) fn users() -> Result<Vec<User>> {
    Ok(super::utmpx::user_processes()
        .into_iter()
        .filter(|e| e.line != b"~")
        .map(|e| User {
            name: OsString::from_vec(e.user),
            terminal: non_empty(e.line),
            host: non_empty(e.host),
            started: e.tv_sec as f64 + e.tv_usec as f64 / 1_000_000.0,
            pid: Pid::try_from(e.pid).ok(),
        })
        .collect())
}
