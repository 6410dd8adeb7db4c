//! Single-value sysfs attributes (`/sys/class/hwmon/*/temp1_input`,
//! `/sys/class/power_supply/*/energy_now`, …), read the way psutil reads them.
//!
//! psutil hands the raw bytes of such a file to Python's `int()` or `float()` and the
//! decoded text to `str.strip()`. These functions accept the same inputs: surrounding
//! whitespace, a sign, and `_` between digits. They return `None` where Python raises
//! `ValueError`; what that means is up to the caller.

/// Python's whitespace for `bytes.strip()` / `int(bytes)`: space, `\t\n\v\f\r`. (For
/// `str.strip()` Python also strips `\x1c`–`\x1f`; [`text`] handles that.)
fn is_py_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn py_trim(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&c| !is_py_space(c)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|&c| !is_py_space(c))
        .map_or(start, |i| i + 1);
    s.get(start..end).unwrap_or_default()
}

/// Removes `_` digit separators, rejecting them anywhere but between two digits (as
/// Python's numeric literals do).
fn strip_underscores(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        if c == b'_' {
            let prev = i.checked_sub(1).and_then(|p| s.get(p));
            let next = s.get(i + 1);
            if !(prev.is_some_and(u8::is_ascii_digit) && next.is_some_and(u8::is_ascii_digit)) {
                return None;
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Python's `int(data)` for a sysfs attribute: optional surrounding whitespace, an
/// optional sign, decimal digits (with `_` separators). `None` where Python raises
/// `ValueError`, and for values outside `i64` (which no sysfs attribute reaches).
pub fn int(data: &[u8]) -> Option<i64> {
    let s = py_trim(data);
    let (neg, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let digits = strip_underscores(digits)?;
    let v = super::fields::parse_u64(&digits)?;
    if neg {
        0i64.checked_sub_unsigned(v)
    } else {
        i64::try_from(v).ok()
    }
}

/// Python's `float(data)` for a sysfs attribute: surrounding whitespace, a sign,
/// digits with an optional fraction and exponent (`_` separators allowed), or
/// `inf`/`infinity`/`nan` in any case. `None` where Python raises `ValueError`.
pub fn float(data: &[u8]) -> Option<f64> {
    let s = py_trim(data);
    if s.is_empty() {
        return None;
    }
    let body = match s.split_first() {
        Some((b'-' | b'+', rest)) => rest,
        _ => s,
    };
    let is_word = body.eq_ignore_ascii_case(b"inf")
        || body.eq_ignore_ascii_case(b"infinity")
        || body.eq_ignore_ascii_case(b"nan");
    if !is_word
        && !body
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'_' | b'-' | b'+'))
    {
        return None;
    }
    let s = strip_underscores(s)?;
    std::str::from_utf8(&s).ok()?.parse().ok()
}

/// The text of an attribute as psutil's `cat(path).strip()` gives it: decoded as UTF-8
/// (invalid bytes become U+FFFD, where Python would keep them as surrogate escapes)
/// and stripped of Python's whitespace.
pub fn text(data: &[u8]) -> String {
    let s = String::from_utf8_lossy(data);
    s.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_like_python() {
        assert_eq!(int(b"45000\n"), Some(45000));
        assert_eq!(int(b"  -12 \n"), Some(-12));
        assert_eq!(int(b"+7"), Some(7));
        assert_eq!(int(b"1_000"), Some(1000));
        assert_eq!(int(b"007"), Some(7));
        assert_eq!(int(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            &b""[..],
            b"\n",
            b"1.5",
            b"_1",
            b"1_",
            b"1__0",
            b"abc",
            b"1 2",
            b"--1",
            b"9223372036854775808",
            b"\xff",
        ] {
            assert_eq!(int(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn floats_like_python() {
        assert_eq!(float(b"45000\n"), Some(45000.0));
        assert_eq!(float(b"-5.5"), Some(-5.5));
        assert_eq!(float(b"1e3"), Some(1000.0));
        assert_eq!(float(b".5"), Some(0.5));
        assert_eq!(float(b"1_0.5"), Some(10.5));
        assert_eq!(float(b"-inf"), Some(f64::NEG_INFINITY));
        assert_eq!(float(b"Infinity"), Some(f64::INFINITY));
        assert!(float(b"nan").is_some_and(f64::is_nan));
        assert!(float(b"-nan").is_some_and(f64::is_nan));
        for bad in [
            &b""[..],
            b" ",
            b"abc",
            b"0x10",
            b"1,5",
            b"1_",
            b"infx",
            b"\xff\xfe",
            b"1e",
            b"1_e5",
            b"1e_5",
            b"1._5",
            b"+-1",
        ] {
            assert_eq!(float(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn text_strips_like_python() {
        assert_eq!(text(b"coretemp\n"), "coretemp");
        assert_eq!(text(b"\x0b Core 0 \x1f\n"), "Core 0");
        assert_eq!(text(b""), "");
        assert_eq!(text(b"a\xffb"), "a\u{fffd}b");
    }
}
