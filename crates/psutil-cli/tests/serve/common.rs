//! Helpers: the exporter as a child process, a plain HTTP client, the exposition
//! format parsed, the tools and temp directories.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `psutil serve`, killed on drop.
pub struct Exporter {
    pub child: Child,
    /// `127.0.0.1:PORT`, as the exporter printed it.
    pub addr: String,
}

impl Exporter {
    /// `psutil serve --listen 127.0.0.1:0 <args>`, once it has printed its address.
    pub fn start(args: &[&str]) -> Exporter {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_psutil"));
        cmd.args(["serve", "--listen", "127.0.0.1:0"]).args(args);
        Exporter::spawn(cmd, &format!("{args:?}"))
    }

    /// `cmd`, which ends by exec'ing `psutil serve` in its own process (so the child's
    /// pid is the exporter's), once the exporter has printed its address.
    pub fn spawn(mut cmd: Command, args: &str) -> Exporter {
        let child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("psutil serve starts");
        // Killed on drop from here on, if a check below fails too.
        let mut e = Exporter {
            child,
            addr: String::new(),
        };
        let mut line = String::new();
        if let Some(out) = e.child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        if line.is_empty() {
            let mut err = String::new();
            if let Some(mut stderr) = e.child.stderr.take() {
                let _ = stderr.read_to_string(&mut err);
            }
            panic!("psutil serve {args} printed no address: {err}");
        }
        let url = line
            .trim()
            .strip_prefix("psutil serve: listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        e.addr = url
            .split("://")
            .nth(1)
            .and_then(|r| r.strip_suffix("/metrics"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        e
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Still running?
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// `/metrics` in the text format 0.0.4.
    pub fn metrics(&self) -> String {
        let r = get(&self.addr, "/metrics", &[]);
        assert_eq!(r.status, 200, "{}", r.body);
        r.body
    }
}

impl Drop for Exporter {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A child process killed on drop (Prometheus, node_exporter).
pub struct Daemon(pub Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Sends `raw` as is and reads the whole response (the server closes).
pub fn send(addr: &str, raw: &[u8]) -> Response {
    try_send(addr, raw).unwrap_or_else(|e| panic!("{addr}: {e}"))
}

/// [`send`], with the I/O error instead of a panic.
pub fn try_send(addr: &str, raw: &[u8]) -> std::io::Result<Response> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    s.write_all(raw)?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    Ok(parse_response(&out))
}

/// Undoes `Transfer-Encoding: chunked` (Go's servers use it for large bodies).
fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

pub fn parse_response(out: &[u8]) -> Response {
    let text = String::from_utf8_lossy(out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    Response {
        status,
        head: head.to_string(),
        body,
    }
}

/// `GET path` with extra header lines.
pub fn get(addr: &str, path: &str, headers: &[&str]) -> Response {
    try_get(addr, path, headers).unwrap_or_else(|e| panic!("{addr}: {e}"))
}

/// [`get`], with the I/O error instead of a panic.
pub fn try_get(addr: &str, path: &str, headers: &[&str]) -> std::io::Result<Response> {
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    req.push_str("\r\n");
    try_send(addr, req.as_bytes())
}

/// One sample of the exposition format.
#[derive(Debug, Clone)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// Families' types (`# TYPE`) and the samples of a text-format scrape.
pub fn parse(text: &str) -> (BTreeMap<String, String>, Vec<Sample>) {
    let mut types = BTreeMap::new();
    let mut samples = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (n, t) = rest.split_once(' ').unwrap();
            types.insert(n.to_string(), t.to_string());
            continue;
        }
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').unwrap();
        let (name, labels) = match series.split_once('{') {
            None => (series, BTreeMap::new()),
            Some((n, l)) => (n, parse_labels(l.strip_suffix('}').unwrap())),
        };
        samples.push(Sample {
            name: name.to_string(),
            labels,
            value: value
                .parse()
                .unwrap_or_else(|_| panic!("value of {line:?}")),
        });
    }
    (types, samples)
}

fn parse_labels(s: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = s;
    while let Some((k, r)) = rest.split_once("=\"") {
        let mut val = String::new();
        let mut chars = r.char_indices();
        let mut end = r.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        val.push(if n == 'n' { '\n' } else { n });
                    }
                }
                '"' => {
                    end = i + 1;
                    break;
                }
                c => val.push(c),
            }
        }
        out.insert(k.trim_start_matches(',').to_string(), val);
        rest = &r[end..];
    }
    out
}

/// The value of `name{labels ⊇ want}`, if exactly one sample matches.
pub fn value(samples: &[Sample], name: &str, want: &[(&str, &str)]) -> Option<f64> {
    let m: Vec<_> = samples
        .iter()
        .filter(|s| {
            s.name == name
                && want
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .collect();
    assert!(m.len() <= 1, "{name}{want:?}: {} samples", m.len());
    m.first().map(|s| s.value)
}

/// The path of a tool from Debian's packages; fails clearly when it is missing.
pub fn tool(name: &str, package: &str) -> PathBuf {
    for dir in ["/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin"] {
        let p = PathBuf::from(dir).join(name);
        if p.exists() {
            return p;
        }
    }
    panic!(
        "{name} not found: install Debian's {package} package \
         (apt-get install {package}; scripts/test.sh does)"
    );
}

/// A fresh temp directory for one test, removed on drop (declare it before the
/// processes that use it, so that they are stopped first).
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh temp directory for one test.
pub fn tempdir(tag: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("psutil-serve-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

/// A daemon that takes no port 0 (Prometheus, node_exporter), started by `make` with
/// the loopback address it is to listen on, once `GET ready_path` answers 200. The port
/// is free when chosen but could be taken before the daemon binds it (another test):
/// a daemon that exits before answering is started again on another port, three
/// times at most. Killed on drop, and here if it never gets ready.
pub fn daemon_on_free_port(
    what: &str,
    ready_path: &str,
    mut make: impl FnMut(&str) -> Command,
) -> (Daemon, String) {
    for _ in 0..3 {
        let addr = format!("127.0.0.1:{}", free_port());
        let mut d = Daemon(
            make(&addr)
                .spawn()
                .unwrap_or_else(|e| panic!("{what}: {e}")),
        );
        let end = std::time::Instant::now() + Duration::from_secs(60);
        while std::time::Instant::now() < end {
            if d.0.try_wait().ok().flatten().is_some() {
                break; // exited: the port was taken, or a bad flag (seen below)
            }
            if try_get(&addr, ready_path, &[]).is_ok_and(|r| r.status == 200) {
                return (d, addr);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("{what} did not start (three tries on free ports; see its log)");
}

/// A loopback port free right now (for tools that take no port 0).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A field of `/proc/meminfo`, in kB.
pub fn meminfo_kb(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/meminfo"))
}

/// Resident set size of `pid`, in kB (`VmRSS` of `/proc/<pid>/status`).
pub fn rss_kb(pid: u32) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

/// Waits up to `secs` for `f` to give `Some`.
pub fn wait_for<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let end = std::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            std::time::Instant::now() < end,
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}
