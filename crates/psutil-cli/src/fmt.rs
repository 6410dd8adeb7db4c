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

/// free(1)'s `-h` format: bytes below one unit (`0B`), else the first unit where one
/// decimal fits in 5 characters (4 with `--si`: `1.5Gi`, `3.5G`), else the truncated
/// whole number (`23Gi`, `25G`); powers of 1024 (`Ki`, `Mi`, ...) or with `si` of 1000
/// (`K`, `M`, ...).
pub fn free_human(n: u64, si: bool) -> String {
    let (base, max_len, units): (f64, usize, [&str; 6]) = if si {
        (1000.0, 4, ["K", "M", "G", "T", "P", "E"])
    } else {
        (1024.0, 5, ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"])
    };
    if (n as f64) < base {
        return format!("{n}B");
    }
    let mut div = 1.0;
    for u in units {
        div *= base;
        let v = n as f64 / div;
        let one = format!("{v:.1}{u}");
        if one.len() <= max_len {
            return one;
        }
        let whole = format!("{}{u}", v.trunc());
        if whole.len() <= max_len {
            return whole;
        }
    }
    format!("{n}B")
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
        assert_eq!(free_human(25276510208, false), "23Gi");
        assert_eq!(free_human(1610612736, false), "1.5Gi");
        assert_eq!(free_human(0, false), "0B");
        assert_eq!(free_human(25276194 * 1000, true), "25G");
        assert_eq!(free_human(3458732032, true), "3.5G");
        assert_eq!(free_human(10465 * 1000, true), "10M");
    }

    #[test]
    fn df_human_rounds_up() {
        assert_eq!(df_human(0), "0");
        assert_eq!(df_human(1024), "1.0K");
        assert_eq!(df_human(10 * 1024 * 1024 * 1024 + 1), "11G");
        assert_eq!(df_human(1024 * 1024 * 1024 * 98 / 10), "9.8G");
    }
}
