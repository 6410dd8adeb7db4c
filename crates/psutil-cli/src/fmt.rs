//! Number formatting shared by the subcommands.

/// psutil's `bytes2human`: binary prefixes, one decimal (`9.8K`).
pub fn bytes2human(n: u64) -> String {
    const SYMBOLS: [&str; 8] = ["K", "M", "G", "T", "P", "E", "Z", "Y"];
    for (i, sym) in SYMBOLS.iter().enumerate().rev() {
        let unit = 1u128 << ((i + 1) * 10);
        if u128::from(n) >= unit {
            return format!("{:.1}{sym}", n as f64 / unit as f64);
        }
    }
    format!("{:.1}B", n as f64)
}

/// free(1)'s `-h` format: three significant digits and a unit suffix (`23Gi`, `1.5Gi`).
pub fn free_human(n: u64) -> String {
    const UNITS: [&str; 7] = ["B", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    if n < 1024 {
        return format!("{n}B");
    }
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < UNITS.len() {
        v /= 1024.0;
        i += 1;
    }
    let unit = UNITS.get(i).copied().unwrap_or("?");
    // procps truncates rather than rounds: 19.7Gi prints as "19Gi", 8.65Mi as "8.6Mi".
    if v < 10.0 {
        format!("{:.1}{unit}", (v * 10.0).floor() / 10.0)
    } else {
        format!("{}{unit}", v.floor())
    }
}

/// Seconds as `N days, HH:MM` the way uptime(1) prints it.
pub fn uptime(secs: f64) -> String {
    let total = secs.max(0.0) as u64;
    let days = total / 86400;
    let hours = (total % 86400) / 3600;
    let mins = (total % 3600) / 60;
    match days {
        0 => format!("{hours:2}:{mins:02}"),
        1 => format!("1 day, {hours:2}:{mins:02}"),
        d => format!("{d} days, {hours:2}:{mins:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        assert_eq!(bytes2human(10000), "9.8K");
        assert_eq!(bytes2human(100), "100.0B");
        assert_eq!(free_human(25276510208), "23Gi");
        assert_eq!(free_human(1610612736), "1.5Gi");
        assert_eq!(uptime(90061.0), "1 day,  1:01");
    }
}
