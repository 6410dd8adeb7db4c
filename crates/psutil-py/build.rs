//! The layout of the native module's code (issue 18): the functions that `import
//! psutil_rs` and a process-table snapshot run are linked together, in an output section
//! `.text.hot` of their own after `.text`, next to the PLT.
//!
//! Why: the kernel maps a file's cached pages 64 KiB around each page fault
//! ("fault-around"), so code that runs spread over the module's 1.2 MB made all of it
//! resident (1.1 MiB); laid out together it is about 0.4 MiB. Only resident memory
//! changes: every function is still there, in `.text`.
//!
//! `layout/hot.txt` lists the functions (symbol names without the hash of legacy
//! mangling, one per line, as `scripts/layout-profile.sh` recorded them with gdb); this
//! script writes a linker script that places them (`INSERT AFTER .text`, which GNU ld
//! and LLVM's lld both take, zig's included) and passes it to the link of the module.
//! On other targets, or with `PSUTIL_PY_LAYOUT=0`, the link is the default one. A name
//! that no longer exists matches nothing: the module is then only laid out less well
//! (scripts/package.sh checks the size of `.text.hot`).

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=layout/hot.txt");
    println!("cargo:rerun-if-env-changed=PSUTIL_PY_LAYOUT");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let off = env::var("PSUTIL_PY_LAYOUT").is_ok_and(|v| v == "0");
    if !linux || off {
        return;
    }
    let Ok(names) = fs::read_to_string("layout/hot.txt") else {
        // An sdist or a checkout without the list: the default layout.
        return;
    };
    let mut script = String::from("SECTIONS\n{\n  .text.hot :\n  {\n");
    for name in names.lines().map(str::trim) {
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        let pattern = pattern(name);
        // rustc puts each function in `.text.NAME`, a #[cold] one in
        // `.text.unlikely.NAME`.
        let _ = writeln!(script, "    *(.text.{pattern} .text.unlikely.{pattern})");
    }
    // After `.text`, next to `.plt`, the stubs every call into libc goes through:
    // their fault-around window is then one the hot code maps anyway.
    script.push_str("  }\n}\nINSERT AFTER .text;\n");
    // The exception tables (read only when a panic unwinds) after the unwind tables, at
    // the end of the read-only segment, rather than between the dynamic-link tables and
    // .rodata, which are read at every load: the pages around those then hold less
    // that is never read.
    script.push_str(
        "SECTIONS\n{\n  .gcc_except_table : { *(.gcc_except_table .gcc_except_table.*) }\n}\n\
         INSERT AFTER .eh_frame;\n",
    );
    let Some(out) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    let path = out.join("hot.ld");
    if fs::write(&path, script).is_ok() {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-T,{}", path.display());
    }
}

/// A linker-script pattern for a recorded name. The names were recorded from one build;
/// what differs between builds is made a wildcard: the `17h<hash>E` ending of legacy
/// mangling (the hash covers the crate's build metadata: target, features, compiler)
/// becomes `17h*`, v0's crate disambiguator `Cs<base62>_` becomes `Cs*_`, and a suffix
/// LTO gives renamed local symbols (`.1234`) becomes `.*`. `$` (legacy mangling's
/// escapes) is a glob-safe `?`.
fn pattern(name: &str) -> String {
    let mut p = name.to_string();
    if let Some(i) = p.rfind("17h") {
        let tail = &p[i + 3..];
        if tail.len() == 17
            && tail.ends_with('E')
            && tail[..16].bytes().all(|b| b.is_ascii_hexdigit())
        {
            p.truncate(i + 3);
            p.push('*');
        }
    }
    if let Some(dot) = p.rfind('.') {
        if p.len() > dot + 1 && p[dot + 1..].bytes().all(|b| b.is_ascii_digit()) {
            p.truncate(dot + 1);
            p.push('*');
        }
    }
    let mut out = String::with_capacity(p.len());
    let mut rest = p.as_str();
    while let Some(i) = rest.find("Cs") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let end = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        if p.starts_with("_R") && end > 0 && rest[end..].starts_with('_') {
            out.push('*');
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out.replace('$', "?")
}
