//! A Windows command line split into arguments the way shell32's `CommandLineToArgvW`
//! splits it: psutil's `cmdline()` reads the `CommandLine` string from the process's
//! PEB and passes it to that function, so these are the rules its list follows.
//!
//! - The first argument, the program, has rules of its own: when the line starts with
//!   `"`, it is everything up to the next `"` (or the end), taken literally, with no
//!   backslash escapes; otherwise it is everything up to the first space or tab (an
//!   empty program name when the line starts with one).
//! - The other arguments are separated by runs of spaces and tabs outside quotes.
//!   Inside an argument, `"` switches quoting on and off, `2n` backslashes before a `"`
//!   give `n` backslashes (the quote then switches), `2n+1` backslashes before a `"`
//!   give `n` backslashes and a literal `"`, and backslashes not before a `"` are
//!   literal.
//! - Runs of quotes: each quote counts 1, 2, 3 from the quoting state before the run
//!   (0 outside quotes, 1 inside); reaching 3 emits a literal `"` and starts over at 0;
//!   a run ending on 2 ends outside quotes. So `""` inside quotes is a literal `"` that
//!   also closes the quotes, `"""` outside quotes is a literal `"`, and `""` alone is
//!   an empty argument.
//!
//! An empty line gives no argument (`CommandLineToArgvW` would return the calling
//! program's own path instead, which is not what the line says).

const QUOTE: u16 = b'"' as u16;
const BACKSLASH: u16 = b'\\' as u16;

fn is_blank(c: u16) -> bool {
    c == u16::from(b' ') || c == u16::from(b'\t')
}

/// Splits `line` (UTF-16 code units, without a terminating NUL) into its arguments.
/// Arguments are decoded from UTF-16 lossily (an unpaired surrogate becomes U+FFFD).
pub fn split(line: &[u16]) -> Vec<String> {
    split_units(line)
        .iter()
        .map(|a| String::from_utf16_lossy(a))
        .collect()
}

/// [`split`] for a command line held as a `str`.
pub fn split_str(line: &str) -> Vec<String> {
    split(&line.encode_utf16().collect::<Vec<_>>())
}

/// [`split`], keeping each argument as UTF-16 code units.
pub fn split_units(line: &[u16]) -> Vec<Vec<u16>> {
    let mut args = Vec::new();
    if line.is_empty() {
        return args;
    }
    // The program: quoted up to the next quote, else up to the first blank.
    let rest = match line.split_first() {
        Some((&QUOTE, after)) => {
            let end = after.iter().position(|&c| c == QUOTE);
            let (prog, tail) = after.split_at(end.unwrap_or(after.len()));
            args.push(prog.to_vec());
            tail.get(1..).unwrap_or_default()
        }
        _ => {
            let end = line.iter().position(|&c| is_blank(c)).unwrap_or(line.len());
            let (prog, tail) = line.split_at(end);
            args.push(prog.to_vec());
            tail
        }
    };
    split_rest(rest, &mut args);
    args
}

/// The arguments after the program name.
fn split_rest(mut s: &[u16], args: &mut Vec<Vec<u16>>) {
    // Blanks before the first argument.
    let start = s.iter().position(|&c| !is_blank(c)).unwrap_or(s.len());
    s = s.get(start..).unwrap_or_default();
    if s.is_empty() {
        return;
    }
    let mut cur: Vec<u16> = Vec::new();
    let mut quotes = 0u8; // 0 outside quotes, 1 inside
    let mut backslashes = 0usize;
    let mut i = 0usize;
    while let Some(&c) = s.get(i) {
        if c == BACKSLASH {
            backslashes += 1;
            i += 1;
            continue;
        }
        if c == QUOTE {
            cur.extend(std::iter::repeat_n(BACKSLASH, backslashes / 2));
            let run = s.get(i..).unwrap_or_default();
            let mut n = run.iter().take_while(|&&q| q == QUOTE).count();
            i += n;
            if backslashes % 2 == 1 {
                // An escaped quote: literal; the rest of the run counts as usual.
                cur.push(QUOTE);
                n -= 1;
            }
            backslashes = 0;
            for _ in 0..n {
                quotes += 1;
                if quotes == 3 {
                    cur.push(QUOTE);
                    quotes = 0;
                }
            }
            if quotes == 2 {
                quotes = 0;
            }
            continue;
        }
        cur.extend(std::iter::repeat_n(BACKSLASH, backslashes));
        backslashes = 0;
        if is_blank(c) && quotes == 0 {
            args.push(std::mem::take(&mut cur));
            let skip = s
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| is_blank(b))
                .count();
            i += skip;
            if i >= s.len() {
                return;
            }
            continue;
        }
        cur.push(c);
        i += 1;
    }
    cur.extend(std::iter::repeat_n(BACKSLASH, backslashes));
    args.push(cur);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(line: &str) -> Vec<String> {
        split_str(line)
    }

    #[test]
    fn program_name_rules() {
        assert!(s("").is_empty());
        assert_eq!(s("prog"), ["prog"]);
        assert_eq!(s("  a b"), ["", "a", "b"]);
        assert_eq!(
            s(r#""C:\Program Files\x.exe" -v"#),
            [r"C:\Program Files\x.exe", "-v"]
        );
        // no escapes in the program name; its closing quote ends it even mid-word
        assert_eq!(s(r#""a\"b c"#), [r"a\", "b", "c"]);
        assert_eq!(s(r#""abc"def ghi"#), ["abc", "def", "ghi"]);
        assert_eq!(s(r#""unterminated prog"#), ["unterminated prog"]);
        assert_eq!(s(r#"C:\a"b c"#), [r#"C:\a"b"#, "c"]);
        assert_eq!(s("p \t "), ["p"]);
        assert_eq!(s("p\ta"), ["p", "a"]);
        // only space and tab separate
        assert_eq!(s("p a\nb"), ["p", "a\nb"]);
    }

    #[test]
    fn argument_rules() {
        // the examples of Microsoft's documentation of the rules
        assert_eq!(s(r#"p "abc" d e"#), ["p", "abc", "d", "e"]);
        assert_eq!(s(r#"p a\\b d"e f"g h"#), ["p", r"a\\b", "de fg", "h"]);
        assert_eq!(s(r#"p a\\\"b c d"#), ["p", r#"a\"b"#, "c", "d"]);
        assert_eq!(s(r#"p a\\\\"b c" d e"#), ["p", r"a\\b c", "d", "e"]);
        // ...except this one: `""` inside quotes also closes them in CommandLineToArgvW
        // (the C runtime since 2008 stays inside and gives one argument `ab" c d`)
        assert_eq!(s(r#"p a"b"" c d"#), ["p", r#"ab""#, "c", "d"]);
        // empty arguments and trailing backslashes
        assert_eq!(s(r#"p "" x"#), ["p", "", "x"]);
        assert_eq!(s(r#"p """#), ["p", ""]);
        assert_eq!(s(r"p a\ b\\"), ["p", r"a\", r"b\\"]);
        assert_eq!(s(r#"p "a b\\""#), ["p", r"a b\"]);
        // runs of quotes
        assert_eq!(s(r#"p """a"#), ["p", r#""a"#]);
        assert_eq!(s(r#"p """""" x"#), ["p", r#""""#, "x"]);
        assert_eq!(s(r#"p "a""b" c"#), ["p", r#"a"b c"#]);
        assert_eq!(s(r#"p "a"""b c""#), ["p", r#"a"b c"#]);
        assert_eq!(s(r#"p \""x"#), ["p", r#""x"#]);
        assert_eq!(s(r#"p "\"""x y"#), ["p", r#"""x"#, "y"]);
        // unterminated quote: to the end
        assert_eq!(s(r#"p "a b   "#), ["p", "a b   "]);
        assert_eq!(s("p ü \u{1F600}"), ["p", "ü", "\u{1F600}"]);
    }

    #[test]
    fn never_panics() {
        let alphabet = [b'"', b'\\', b' ', b'\t', b'a'].map(u16::from);
        // every line of up to 6 units over the interesting alphabet
        let mut line = Vec::new();
        for len in 0..=6u32 {
            for mut n in 0..5usize.pow(len) {
                line.clear();
                for _ in 0..len {
                    line.push(alphabet[n % 5]);
                    n /= 5;
                }
                let args = split_units(&line);
                assert_eq!(args.is_empty(), line.is_empty());
            }
        }
        assert_eq!(split(&[0xd800, 0x20, 0xdc00]), ["\u{fffd}", "\u{fffd}"]);
    }
}
