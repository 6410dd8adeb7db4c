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

/// `v` divided by 1024 while it is at least `limit` and a larger unit is left: the
/// value and its unit, `units[0]` being `v`'s own.
pub fn scale(v: f64, limit: f64, units: &[&'static str]) -> (f64, &'static str) {
    let mut v = v;
    let mut i = 0;
    while v >= limit && i + 1 < units.len() {
        v /= 1024.0;
        i += 1;
    }
    (v, units.get(i).copied().unwrap_or("?"))
}

/// free(1)'s `-h` format: three significant digits and a unit suffix (`23Gi`, `1.5Gi`).
pub fn free_human(n: u64) -> String {
    if n < 1024 {
        return format!("{n}B");
    }
    let (v, unit) = scale(n as f64, 1024.0, &["B", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]);
    // procps truncates rather than rounds: 19.7Gi prints as "19Gi", 8.65Mi as "8.6Mi".
    if v < 10.0 {
        format!("{:.1}{unit}", (v * 10.0).floor() / 10.0)
    } else {
        format!("{}{unit}", v.floor())
    }
}

/// df(1)'s `-h` format: powers of 1024, rounded up, one decimal below 10 ("9.8G",
/// "12G"), bytes without a unit.
pub fn df_human(n: u64) -> String {
    let (v, unit) = scale(n as f64, 1024.0, &["", "K", "M", "G", "T", "P", "E"]);
    if unit.is_empty() {
        return n.to_string();
    }
    if v < 10.0 {
        let r = (v * 10.0).ceil() / 10.0;
        if r >= 10.0 {
            format!("{}{unit}", r.ceil())
        } else {
            format!("{r:.1}{unit}")
        }
    } else {
        format!("{}{unit}", v.ceil())
    }
}

/// `load average: 0.52, 0.58, 0.59` as uptime(1) and top(1) print it; `unavailable`
/// where the platform cannot tell (Windows without its performance counter, where
/// psutil raises too).
pub fn load_average(load: Option<&psutil_rs::LoadAvg>) -> String {
    match load {
        Some(l) => format!(
            "load average: {:.2}, {:.2}, {:.2}",
            l.one, l.five, l.fifteen
        ),
        None => "load average: unavailable".into(),
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
    }

    #[test]
    fn df_human_rounds_up() {
        assert_eq!(df_human(0), "0");
        assert_eq!(df_human(1024), "1.0K");
        assert_eq!(df_human(10 * 1024 * 1024 * 1024 + 1), "11G");
        assert_eq!(df_human(1024 * 1024 * 1024 * 98 / 10), "9.8G");
    }
}
