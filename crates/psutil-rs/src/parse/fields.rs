//! Small helpers shared by the parsers: number parsing and whitespace splitting
//! without allocation and without panics.

/// Parses an unsigned decimal integer. Rejects empty input, signs and overflow.
pub fn parse_u64(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut v: u64 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some(v)
}

/// Parses a signed decimal integer.
pub fn parse_i64(s: &[u8]) -> Option<i64> {
    match s.split_first() {
        Some((b'-', rest)) => {
            let v = parse_u64(rest)?;
            if v == 1u64 << 63 {
                Some(i64::MIN)
            } else {
                i64::try_from(v).ok().map(|v| -v)
            }
        }
        Some((b'+', rest)) => i64::try_from(parse_u64(rest)?).ok(),
        _ => i64::try_from(parse_u64(s)?).ok(),
    }
}

/// Parses an unsigned hexadecimal integer (no `0x` prefix).
pub fn parse_hex_u64(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 16 {
        return None;
    }
    let text = std::str::from_utf8(s).ok()?;
    u64::from_str_radix(text, 16).ok()
}

/// Parses a decimal number with an optional fraction, such as `0.15` or `2400.000`.
pub fn parse_f64(s: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(s).ok()?;
    if text.is_empty()
        || !text
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b'.' || c == b'-')
    {
        return None;
    }
    text.parse().ok()
}

/// Splits on ASCII whitespace, skipping empty pieces.
pub fn words(s: &[u8]) -> impl Iterator<Item = &[u8]> {
    s.split(|c| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
}

/// Lines of a file, numbered from 1, without the trailing newline.
pub fn lines(s: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    s.split(|&c| c == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.is_empty())
}

/// Trims ASCII whitespace at both ends.
pub fn trim(s: &[u8]) -> &[u8] {
    s.trim_ascii()
}

/// Splits `s` at the first occurrence of `sep`.
pub fn split_once(s: &[u8], sep: u8) -> Option<(&[u8], &[u8])> {
    let i = s.iter().position(|&c| c == sep)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// Splits `s` at the last occurrence of `sep`.
pub fn rsplit_once(s: &[u8], sep: u8) -> Option<(&[u8], &[u8])> {
    let i = s.iter().rposition(|&c| c == sep)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_u64(b"0"), Some(0));
        assert_eq!(parse_u64(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64(b"18446744073709551616"), None);
        assert_eq!(parse_u64(b""), None);
        assert_eq!(parse_u64(b"-1"), None);
        assert_eq!(parse_u64(b"12a"), None);
        assert_eq!(parse_i64(b"-1"), Some(-1));
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_i64(b"9223372036854775808"), None);
        assert_eq!(parse_hex_u64(b"0A"), Some(10));
        assert_eq!(parse_hex_u64(b"zz"), None);
        assert_eq!(parse_f64(b"0.15"), Some(0.15));
        assert_eq!(parse_f64(b"nan"), None);
    }

    #[test]
    fn splitting() {
        assert_eq!(
            words(b"  a  bb\tc\n").collect::<Vec<_>>(),
            vec![&b"a"[..], b"bb", b"c"]
        );
        assert_eq!(rsplit_once(b"a:b:c", b':'), Some((&b"a:b"[..], &b"c"[..])));
        assert_eq!(split_once(b"abc", b':'), None);
        assert_eq!(
            lines(b"x\n\ny\n").collect::<Vec<_>>(),
            vec![(1, &b"x"[..]), (3, b"y")]
        );
    }
}
