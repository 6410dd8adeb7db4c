//! Stable replay of the fuzzing corpora: every file under `fuzz/corpus/` (the seeds,
//! built from `fixtures/linux/**` by `fuzz/seed.py`) and under `fuzz/artifacts/` (the
//! inputs that once crashed a fuzz target, kept as regression tests) goes through every
//! parser check of `fuzz/src/lib.rs`, the same code the nightly cargo-fuzz targets run.
//! A check panics when a parser panics or when a successful parse is inconsistent
//! with its input (see the checks' docs).

use std::path::{Path, PathBuf};

#[path = "../../../../fuzz/src/lib.rs"]
pub mod checks;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Runs every check on `data`, naming the file and check that panicked.
fn replay(path: &Path, data: &[u8]) {
    for (name, check) in checks::TARGETS {
        let r = std::panic::catch_unwind(|| check(data));
        assert!(r.is_ok(), "check {name} panicked on {}", path.display());
    }
}

#[test]
fn every_target_has_a_seed_corpus_and_a_fuzz_target() {
    for (name, _) in checks::TARGETS {
        let corpus = fuzz_dir().join("corpus").join(name);
        let mut files = Vec::new();
        files_under(&corpus, &mut files);
        assert!(!files.is_empty(), "no seeds in {}", corpus.display());
        let target = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        assert!(target.exists(), "missing {}", target.display());
    }
}

#[test]
fn every_parser_module_has_a_check() {
    // A new parser module must get a fuzz target and a check.
    let parse_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/parse");
    for e in std::fs::read_dir(parse_dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let module = name.trim_end_matches(".rs");
        // `bytes`: the little-endian readers the OS-buffer decoders share (no buffer of
        // its own to decode).
        if ["mod", "bytes", "windows", "macos", "freebsd", "cgroup"].contains(&module) {
            continue;
        }
        assert!(
            checks::TARGETS.iter().any(|(t, _)| *t == module),
            "parse/{name} has no fuzz check in fuzz/src/lib.rs"
        );
    }
    // The decoders of the Windows calls' buffers: `win_<module>`. Left out: what takes
    // no buffer from the OS (numbers in, numbers or names out) and the test helpers.
    const NOT_BUFFERS: [&str; 8] = [
        "mod",
        "proptests", // the decoders' property tests
        "battery",   // SYSTEM_POWER_STATUS fields (integers) to psutil's battery
        "boot_time", // psutil's one-second smoothing of two floats
        "filetime",  // 100-ns counts to seconds
        "loadavg",   // the damping arithmetic
        "priority",  // constant tables
        "services",  // constant tables
    ];
    let win_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/parse/windows");
    for e in std::fs::read_dir(win_dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let module = name.trim_end_matches(".rs");
        if NOT_BUFFERS.contains(&module) || !name.ends_with(".rs") {
            continue;
        }
        let target = format!("win_{module}");
        assert!(
            checks::TARGETS.iter().any(|(t, _)| *t == target),
            "parse/windows/{name} has no fuzz check {target} in fuzz/src/lib.rs"
        );
    }
    // The decoders of the macOS calls' buffers: `mac_<module>`, same rule.
    const MAC_NOT_BUFFERS: [&str; 4] = [
        "mod",
        "battery",     // IOKit power source numbers to psutil's battery
        "ifmedia",     // a media word (an integer) to speed and duplex
        "mount_flags", // statfs flags (an integer) to opts
    ];
    let mac_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/parse/macos");
    for e in std::fs::read_dir(mac_dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let module = name.trim_end_matches(".rs");
        if MAC_NOT_BUFFERS.contains(&module) || !name.ends_with(".rs") {
            continue;
        }
        let target = format!("mac_{module}");
        assert!(
            checks::TARGETS.iter().any(|(t, _)| *t == target),
            "parse/macos/{name} has no fuzz check {target} in fuzz/src/lib.rs"
        );
    }
    // The cgroup and PSI files (parse/cgroup/): `cgroup_<module>`.
    let cg_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/parse/cgroup");
    for e in std::fs::read_dir(cg_dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let module = name.trim_end_matches(".rs");
        if module == "mod" || !name.ends_with(".rs") {
            continue;
        }
        let target = format!("cgroup_{module}");
        assert!(
            checks::TARGETS.iter().any(|(t, _)| *t == target),
            "parse/cgroup/{name} has no fuzz check {target} in fuzz/src/lib.rs"
        );
    }
    // The decoders of the FreeBSD sysctl buffers: `bsd_<module>`. Left out: what takes
    // no buffer from the OS.
    const BSD_NOT_BUFFERS: [&str; 5] = [
        "mod",
        "proptests",   // the decoders' property tests
        "battery",     // three integers to psutil's battery
        "media",       // the SIOCGIFMEDIA word (an integer)
        "mount_flags", // statfs flags (an integer)
    ];
    let bsd_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/parse/freebsd");
    for e in std::fs::read_dir(bsd_dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let module = name.trim_end_matches(".rs");
        if BSD_NOT_BUFFERS.contains(&module) || !name.ends_with(".rs") {
            continue;
        }
        let target = format!("bsd_{module}");
        assert!(
            checks::TARGETS.iter().any(|(t, _)| *t == target),
            "parse/freebsd/{name} has no fuzz check {target} in fuzz/src/lib.rs"
        );
    }
}

#[test]
fn corpus_and_crash_files_replay_through_every_parser() {
    let mut files = Vec::new();
    files_under(&fuzz_dir().join("corpus"), &mut files);
    let seeds = files.len();
    files_under(&fuzz_dir().join("artifacts"), &mut files);
    assert!(seeds >= checks::TARGETS.len());
    let mut bytes = 0;
    let mut inputs = 0;
    for f in &files {
        let data = std::fs::read(f).unwrap();
        bytes += data.len();
        replay(f, &data);
        inputs += 1;
        // Truncations of each file: after every line, and a few cuts inside lines.
        let line_ends = data
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == b'\n')
            .map(|(i, _)| i + 1);
        let cuts = [
            1,
            7,
            data.len() / 3,
            data.len() / 2,
            data.len().saturating_sub(1),
        ];
        for cut in line_ends.chain(cuts) {
            if let Some(head) = data.get(..cut) {
                replay(f, head);
                inputs += 1;
            }
        }
    }
    println!(
        "fuzz corpus: {} files ({seeds} seeds), {inputs} inputs x {} checks",
        files.len(),
        checks::TARGETS.len()
    );
    assert!(
        bytes < 2 << 20,
        "the corpora should stay small ({bytes} bytes)"
    );
}
