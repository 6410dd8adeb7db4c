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
}
