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
