//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// The repository's `fixtures/linux/<name>` directory.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/linux")
        .join(name)
}

/// A `Root` over a fixture tree.
pub fn fixture_root(name: &str) -> psutil_rs::Root {
    psutil_rs::Root::under(fixture(name))
}

/// A `Root` over a temporary tree built from `(relative path, contents)` pairs.
pub struct TempTree {
    pub dir: PathBuf,
}

impl TempTree {
    pub fn new(files: &[(&str, &[u8])]) -> TempTree {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("psutil-rs-it-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, data) in files {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, data).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        TempTree { dir }
    }

    pub fn root(&self) -> psutil_rs::Root {
        psutil_rs::Root::under(&self.dir)
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs a command and returns its stdout; panics (failing the test) if it fails.
pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Copies the program `from` to `to` through cp(1), so that this test process never
/// holds the copy open for writing: a child another test thread forks meanwhile would
/// inherit that descriptor until it execs, and running the copy would fail with
/// ETXTBSY ("Text file busy").
pub fn copy_program(from: &str, to: &std::path::Path) {
    run("cp", &[from, &to.to_string_lossy()]);
}

/// Evaluates a Python expression with psutil 7.2.2 imported and returns it as JSON.
/// psutil is the behavioural reference: the test command installs it, so a missing
/// psutil fails the test instead of skipping it.
pub fn psutil(expr: &str) -> Value {
    let script = format!(
        "import json, psutil, socket\nassert psutil.__version__ == '7.2.2', psutil.__version__\nv = {expr}\n\
def conv(o):\n    if hasattr(o, '_asdict'): return {{k: conv(v) for k, v in o._asdict().items()}}\n    if isinstance(o, dict): return {{str(k): conv(v) for k, v in o.items()}}\n    if isinstance(o, (list, tuple, set)): return [conv(x) for x in o]\n    if hasattr(o, 'value') and not isinstance(o, (int, float, str)): return o.value\n    return o\n\
print(json.dumps(conv(v)))\n"
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("python3 must be installed");
    assert!(
        out.status.success(),
        "psutil failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("psutil output is JSON")
}

/// Serializes one of our values to JSON for comparison with psutil's.
pub fn ours<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// Asserts `a` and `b` are within `tol` (absolute) of each other.
#[track_caller]
pub fn close(what: &str, a: f64, b: f64, tol: f64) {
    assert!(
        (a - b).abs() <= tol,
        "{what}: {a} vs {b} differ by more than {tol}"
    );
}

/// Asserts two JSON objects have the same keys in the same order.
#[track_caller]
pub fn same_fields(a: &Value, b: &Value) {
    let ka: Vec<_> = a.as_object().unwrap().keys().collect();
    let kb: Vec<_> = b.as_object().unwrap().keys().collect();
    assert_eq!(ka, kb, "field names/order differ");
}

/// The /proc/meminfo keys `virtual_memory()` and `swap_memory()` read (the fault and
/// property tests cut or vary exactly these).
pub const MEMINFO_KEYS: [&str; 18] = [
    "MemTotal",
    "MemFree",
    "MemAvailable",
    "Buffers",
    "Cached",
    "Active",
    "Inactive",
    "Active(file)",
    "Inactive(file)",
    "Shmem",
    "MemShared",
    "Slab",
    "SReclaimable",
    "SwapTotal",
    "SwapFree",
    "Inact_dirty",
    "Inact_clean",
    "Inact_laundry",
];

/// The user-mode emulator these tests run under (`qemu-aarch64`, set by
/// scripts/cross/qemu-run.sh, cargo's runner for aarch64), `None` when they run natively.
/// Under qemu-user the process the kernel sees is qemu's (its `exe` and `comm`), and
/// requests qemu does not translate fail as the library must handle them (netlink
/// families other than ROUTE: `EPROTONOSUPPORT`; new ioctls: `ENOSYS`).
pub fn emulator() -> Option<String> {
    std::env::var("PSUTIL_TEST_EMULATOR")
        .ok()
        .filter(|s| !s.is_empty())
}
