//! Service control manager codes as psutil's `WindowsService` reports them:
//! `SERVICE_STATUS_PROCESS.dwCurrentState` (`QueryServiceStatusEx`) for `status()` and
//! `QUERY_SERVICE_CONFIGW.dwStartType` (`QueryServiceConfigW`) for `start_type()`.

/// psutil's `status()` string for a `dwCurrentState` value: `"stopped"` (1),
/// `"start_pending"` (2), `"stop_pending"` (3), `"running"` (4), `"continue_pending"`
/// (5), `"pause_pending"` (6), `"paused"` (7); `"unknown"` for anything else.
pub fn status_name(state: u32) -> &'static str {
    match state {
        1 => "stopped",
        2 => "start_pending",
        3 => "stop_pending",
        4 => "running",
        5 => "continue_pending",
        6 => "pause_pending",
        7 => "paused",
        _ => "unknown",
    }
}

/// psutil's `start_type()` string for a `dwStartType` value: `"automatic"`
/// (`SERVICE_AUTO_START`, 2), `"manual"` (`SERVICE_DEMAND_START`, 3), `"disabled"`
/// (`SERVICE_DISABLED`, 4); `"unknown"` for the driver start types (boot 0, system 1)
/// and anything else.
pub fn start_type_name(start_type: u32) -> &'static str {
    match start_type {
        2 => "automatic",
        3 => "manual",
        4 => "disabled",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let s: Vec<_> = (0..=8).map(status_name).collect();
        assert_eq!(
            s,
            [
                "unknown",
                "stopped",
                "start_pending",
                "stop_pending",
                "running",
                "continue_pending",
                "pause_pending",
                "paused",
                "unknown"
            ]
        );
        let t: Vec<_> = (0..=5).map(start_type_name).collect();
        assert_eq!(
            t,
            [
                "unknown",
                "unknown",
                "automatic",
                "manual",
                "disabled",
                "unknown"
            ]
        );
    }
}
