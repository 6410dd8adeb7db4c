//! `psutil uptime`: like procps uptime(1).

use crate::args::UptimeArgs;
use crate::fmt::load_average;
use crate::out::{self, CmdError};
use crate::time::{local, now};

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// procps' "up" text: `N days, H:MM` or `M min`.
pub fn up_text(secs: f64) -> String {
    let t = secs.max(0.0) as u64;
    let (days, hours, mins) = (t / 86400, (t % 86400) / 3600, (t % 3600) / 60);
    let mut s = String::new();
    if days > 0 {
        s.push_str(&format!("{}, ", plural(days, "day")));
    }
    if hours > 0 {
        s.push_str(&format!("{hours:2}:{mins:02}"));
    } else {
        s.push_str(&format!("{mins} min"));
    }
    s
}

/// procps' `uptime -p` text: the weeks, days and hours that are not 0, then the minutes
/// always (`up 5 hours, 0 minutes`, `up 1 day, 0 minutes`, as procps 4 prints them).
pub fn pretty(secs: f64) -> String {
    let t = secs.max(0.0) as u64;
    let (weeks, days, hours, mins) = (
        t / 604800,
        (t % 604800) / 86400,
        (t % 86400) / 3600,
        (t % 3600) / 60,
    );
    let mut parts: Vec<String> = [(weeks, "week"), (days, "day"), (hours, "hour")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| plural(n, w))
        .collect();
    parts.push(plural(mins, "minute"));
    format!("up {}", parts.join(", "))
}

/// Prints the uptime line.
pub fn run(a: &UptimeArgs, json: bool) -> Result<(), CmdError> {
    let boot = psutil_rs::boot_time()?;
    // None where the platform cannot tell (see fmt::load_average).
    let load = psutil_rs::getloadavg().ok();
    let users = psutil_rs::users()?;
    let now = now();
    if json {
        return out::json(&serde_json::json!({
            "boot_time": boot,
            "uptime": now - boot,
            "users": users.len(),
            "getloadavg": load,
        }));
    }
    // uptime(1)'s figures: the kernel's running time (/proc/uptime, to the hundredth)
    // where there is one, the boot time to the second (btime) elsewhere; the boot as
    // procps prints it, now less that time rounded to the second
    let up = crate::platform::uptime_secs().unwrap_or(now - boot);
    if a.since {
        let since = (now - up).round();
        return out::print(&format!("{}\n", local(since, "%Y-%m-%d %H:%M:%S")));
    }
    if a.pretty {
        return out::print(&format!("{}\n", pretty(up)));
    }
    let n = users.len();
    let word = if n > 1 { "users" } else { "user" };
    out::print(&format!(
        " {} up {}, {n:2} {word},  {}\n",
        local(now, "%H:%M:%S"),
        up_text(up),
        load_average(load.as_ref())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procps_texts() {
        assert_eq!(up_text(16.0 * 60.0), "16 min");
        assert_eq!(up_text(3600.0 + 300.0), " 1:05");
        assert_eq!(up_text(2.0 * 86400.0 + 7200.0), "2 days,  2:00");
        assert_eq!(pretty(16.0 * 60.0), "up 16 minutes");
        assert_eq!(pretty(86400.0 + 60.0), "up 1 day, 1 minute");
        // procps 4.0.2's `uptime -p` on these /proc/uptime values (bind-mounted):
        assert_eq!(pretty(18000.5), "up 5 hours, 0 minutes");
        assert_eq!(pretty(18059.9), "up 5 hours, 0 minutes");
        assert_eq!(pretty(17999.5), "up 4 hours, 59 minutes");
        assert_eq!(pretty(86400.5), "up 1 day, 0 minutes");
        assert_eq!(pretty(90000.1), "up 1 day, 1 hour, 0 minutes");
    }
}
