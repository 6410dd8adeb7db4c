//! Local-time formatting (the system's time zone, through jiff's tzdb lookup).

use jiff::{tz::TimeZone, Timestamp};

fn zoned(epoch: f64) -> Option<jiff::Zoned> {
    let ts = Timestamp::from_second(epoch.floor() as i64).ok()?;
    Some(ts.to_zoned(TimeZone::system()))
}

/// `strftime(fmt)` of an epoch time in the local time zone.
pub fn local(epoch: f64, fmt: &str) -> String {
    zoned(epoch)
        .map(|z| z.strftime(fmt).to_string())
        .unwrap_or_else(|| "?".into())
}

/// Now, as seconds since the epoch.
pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// procps ps's START (`start_time`) of a process started at `t`: `HH:MM` when it started
/// today, `MmmDD` earlier this year, the year before that (calendar days and years in the
/// local time zone, not 24-hour spans: a process started at 20:16 shows `Dec06` after
/// midnight).
pub fn ps_start(t: f64, now: f64) -> String {
    let (Some(then), Some(today)) = (zoned(t), zoned(now)) else {
        return "?".into();
    };
    let fmt = if then.year() != today.year() {
        "%Y"
    } else if then.day_of_year() != today.day_of_year() {
        "%b%d"
    } else {
        "%H:%M"
    };
    then.strftime(fmt).to_string()
}
