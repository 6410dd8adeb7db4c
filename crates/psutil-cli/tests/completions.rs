//! `psutil completions SHELL` and `psutil man DIR`: the scripts and pages generated
//! from the clap definitions, checked by the programs that consume them (bash sources
//! the script and completes with it; groff and man(1) render the pages).

use std::process::{Command, Output};

fn psutil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .output()
        .unwrap()
}

/// What bash's completion function offers for the words typed so far (the last one
/// being completed), with the script sourced from `psutil completions bash`.
#[cfg(unix)]
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = format!(
        r#"set -e
source <("{bin}" completions bash)
complete -p psutil >/dev/null
COMP_WORDS=({words})
COMP_CWORD={cword}
COMP_LINE="{line}"
COMP_POINT=${{#COMP_LINE}}
_psutil psutil "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        bin = env!("CARGO_BIN_EXE_psutil"),
        words = words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" "),
        cword = words.len() - 1,
        line = words.join(" "),
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "bash: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
#[cfg(unix)]
fn bash_completion_sources_cleanly_and_completes_subcommands() {
    assert_eq!(bash_completes(&["psutil", "fre"]), ["free"]);
    let p = bash_completes(&["psutil", "p"]);
    for want in ["ps", "pidof", "pstree", "pmap"] {
        assert!(p.iter().any(|w| w == want), "{want} not in {p:?}");
    }
    assert!(p.iter().all(|w| w.starts_with('p')), "{p:?}");
    // a subcommand's own options
    let opts = bash_completes(&["psutil", "free", "--to"]);
    assert_eq!(opts, ["--total"]);
    let shells = bash_completes(&["psutil", "completions", "z"]);
    assert_eq!(shells, ["zsh"]);
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = psutil(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        for sub in ["free", "ps", "lsof", "top", "completions", "man"] {
            assert!(text.contains(sub), "{shell}: no {sub}");
        }
    }
    let bad = psutil(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
    let json = psutil(&["completions", "bash", "--json"]);
    assert_eq!(json.status.code(), Some(1));
}

#[test]
#[cfg(unix)]
fn man_pages_are_written_and_render() {
    let dir = std::env::temp_dir().join(format!("psutil-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = psutil(&["man", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8(out.stdout).unwrap();
    for page in [
        "psutil.1",
        "psutil-ps.1",
        "psutil-free.1",
        "psutil-completions.1",
    ] {
        let p = dir.join(page);
        assert!(p.is_file(), "{page} not written");
        assert!(
            listed.contains(&p.display().to_string()),
            "{page} not listed"
        );
    }
    let ps = std::fs::read_to_string(dir.join("psutil-ps.1")).unwrap();
    assert!(
        ps.starts_with(".ie") || ps.contains(".TH psutil-ps 1"),
        "{ps}"
    );
    // groff parses every page without a warning (-ww: all warnings; -z: no output)
    if Command::new("groff").arg("-v").output().is_ok() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let g = Command::new("groff")
                .args(["-man", "-Tutf8", "-ww", "-z"])
                .arg(&p)
                .output()
                .unwrap();
            assert!(
                g.status.success() && g.stderr.is_empty(),
                "groff {}: {}",
                p.display(),
                String::from_utf8_lossy(&g.stderr)
            );
        }
    } else {
        eprintln!("groff not installed: the pages are not parsed");
    }
    // man -l renders one: its NAME and the options of free
    if Command::new("man").arg("-w").arg("man").output().is_ok() {
        let m = Command::new("man")
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .arg("-l")
            .arg(dir.join("psutil-free.1"))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&m.stdout);
        assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
        assert!(
            text.contains("NAME") && text.contains("psutil-free"),
            "{text}"
        );
        assert!(
            text.contains("--total") && text.contains("--committed"),
            "{text}"
        );
    } else {
        eprintln!("man not installed: no page rendered");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
