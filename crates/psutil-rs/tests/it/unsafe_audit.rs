//! Unsafe audit (issue 7): `unsafe` only in the platform layer (`src/sys/`), and every
//! `unsafe` block or item there right below a `// SAFETY:` comment. A line scan of the
//! sources; the crate root's `#![deny(unsafe_code)]` enforces the first half at compile
//! time too, unless a file opts out with `#![allow(unsafe_code)]`, which this test
//! allows only under `src/sys/`.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code part of a line (before a `//` comment; string literals holding `//` are
/// not a concern in this crate's sources).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

fn is_unsafe_use(line: &str) -> bool {
    let c = code(line);
    c.contains("unsafe {")
        || c.contains("unsafe fn")
        || c.contains("unsafe impl")
        || c.contains("allow(unsafe_code)")
        || c.trim_end().ends_with("unsafe")
}

#[test]
fn unsafe_only_in_sys_and_every_block_has_a_safety_comment() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let (mut blocks, mut problems) = (0, Vec::new());
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let in_sys = rel.starts_with("sys");
        let text = std::fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !is_unsafe_use(line) {
                continue;
            }
            if !in_sys {
                problems.push(format!(
                    "{}:{}: unsafe outside src/sys: {line}",
                    rel.display(),
                    i + 1
                ));
                continue;
            }
            if code(line).contains("allow(unsafe_code)") {
                continue;
            }
            blocks += 1;
            // The comment block right above (or a trailing comment on the line).
            let mut comment = String::from(line.split_once("//").map_or("", |x| x.1));
            // rustfmt may put `let x =` on the line above a long `unsafe { ... }`: the
            // comment then sits above that line.
            let mut above_lines = lines[..i].iter().rev().peekable();
            if above_lines
                .peek()
                .is_some_and(|l| code(l).trim_end().ends_with('='))
            {
                above_lines.next();
            }
            for above in above_lines {
                let t = above.trim_start();
                if t.starts_with("//") {
                    comment.push_str(t);
                } else {
                    break;
                }
            }
            // An `unsafe fn` states its contract in a `# Safety` doc section instead.
            let is_unsafe_fn = code(line).contains("unsafe fn ");
            let documented =
                comment.contains("SAFETY:") || (is_unsafe_fn && comment.contains("# Safety"));
            if !documented {
                problems.push(format!(
                    "{}:{}: no // SAFETY: comment: {line}",
                    rel.display(),
                    i + 1
                ));
            }
        }
    }
    println!(
        "unsafe audit: {} files, {blocks} unsafe uses in src/sys",
        files.len()
    );
    assert!(
        blocks > 0,
        "the scan found nothing: is it still looking at the right files?"
    );
    assert!(problems.is_empty(), "{problems:#?}");
}
