//! `psutil who`: like coreutils who(1). Without a utmp file (systemd-only systems) the
//! sessions come from systemd-logind's session files, as coreutils' who built with
//! systemd support (see `psutil_rs::users`).

use crate::args::WhoArgs;
use crate::out::{self, CmdError};
use crate::time::local;

/// Prints one line per logged-in user.
pub fn run(a: &WhoArgs, json: bool) -> Result<(), CmdError> {
    let users = match &a.file {
        Some(f) => crate::platform::users_from_file(f)?,
        None => psutil_rs::users()?,
    };
    if json {
        return out::json(&users);
    }
    let mut s = String::new();
    for u in &users {
        let name = u.name.to_string_lossy();
        let line = u
            .terminal
            .as_ref()
            .map(|t| t.to_string_lossy().into_owned())
            .unwrap_or_default();
        let host = crate::platform::user_host(u);
        let mut row = format!(
            "{name:<8} {line:<12} {}",
            local(u.started, "%Y-%m-%d %H:%M")
        );
        // psutil reports a local login's empty host as "localhost"; who prints nothing.
        if !host.is_empty() && host != "localhost" {
            row.push_str(&format!(" ({host})"));
        }
        s.push_str(&row);
        s.push('\n');
    }
    out::print(&s)
}
