//! The two YAML files `psutil serve` reads: its own `--config` file ([`Config`]: how
//! processes are grouped, how many groups and cgroups at most, the statvfs timeout) and
//! node_exporter's web-config file (`--web.config.file`, [`WebConfig`]: TLS and basic
//! auth, in node_exporter's format so one file serves both). Unknown keys are errors,
//! and every error names the file and the bad value.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use regex::Regex;
use serde::Deserialize;

use crate::out::CmdError;

/// How processes are put into groups.
#[derive(Debug, Clone)]
pub enum Grouping {
    /// By process name (`name()`); kernel threads make one group, `[kernel]`.
    Name,
    /// By the real user's name (`username()`).
    User,
    /// By the process's cgroup path (the v1 memory hierarchy's when there is one, else
    /// the v2 unified path).
    Cgroup,
    /// By a regex on the command line (arguments joined with spaces): the first capture
    /// group (or the group named `name`) is the group's name; processes that do not
    /// match are not exported.
    Cmdline(Regex),
    /// No process groups (`group_by: none`): the table is read only for the cgroup
    /// metrics, and not at all when they are off too.
    Off,
}

/// The exporter's settings (`--config`; defaults without it).
#[derive(Debug, Clone)]
pub struct Config {
    /// The grouping rule.
    pub grouping: Grouping,
    /// At most this many process groups; processes of further groups count in `other`.
    pub max_groups: usize,
    /// At most this many cgroups are exported (those with the most processes); 0
    /// turns cgroup metrics off.
    pub max_cgroups: usize,
    /// How long `statvfs` may take on one mount before it is skipped in this scrape.
    pub statvfs_timeout: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            grouping: Grouping::Name,
            max_groups: 64,
            max_cgroups: 64,
            statvfs_timeout: Duration::from_secs(1),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    processes: RawProcesses,
    #[serde(default)]
    cgroups: RawCgroups,
    statvfs_timeout_seconds: Option<f64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawProcesses {
    group_by: Option<String>,
    cmdline_regex: Option<String>,
    max_groups: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCgroups {
    max: Option<usize>,
}

/// Reads `path` as YAML into `T`, with the file named in every error.
fn read_yaml<T: for<'de> Deserialize<'de> + Default>(path: &Path) -> Result<T, CmdError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("config file {}: {e}", path.display()))?;
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    serde_yaml_ng::from_str(&text)
        .map_err(|e| format!("config file {}: {e}", path.display()).into())
}

impl Config {
    /// The settings of `path` (see docs/exporter.md for the format).
    pub fn load(path: &Path) -> Result<Config, CmdError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("config file {}: {e}", path.display()))?;
        Config::parse(&text).map_err(|e| format!("config file {}: {e}", path.display()).into())
    }

    /// The settings of a config file's text.
    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?
        };
        Config::from_raw(raw)
    }

    fn from_raw(raw: RawConfig) -> Result<Config, String> {
        let mut c = Config::default();
        let rule = raw.processes.group_by.as_deref().unwrap_or("name");
        c.grouping = match (rule, raw.processes.cmdline_regex) {
            ("name", None) => Grouping::Name,
            ("user", None) => Grouping::User,
            ("cgroup", None) => Grouping::Cgroup,
            ("none", None) => Grouping::Off,
            ("cmdline", Some(re)) => {
                let re =
                    Regex::new(&re).map_err(|e| format!("processes.cmdline_regex {re:?}: {e}"))?;
                if re.captures_len() < 2 {
                    return Err(format!(
                        "processes.cmdline_regex {:?}: needs a capture group (the group's name)",
                        re.as_str()
                    ));
                }
                Grouping::Cmdline(re)
            }
            ("cmdline", None) => {
                return Err("processes.group_by cmdline needs processes.cmdline_regex".into())
            }
            ("name" | "user" | "cgroup" | "none", Some(_)) => {
                return Err(format!(
                    "processes.cmdline_regex is only used with group_by: cmdline (not {rule:?})"
                ))
            }
            (other, _) => {
                return Err(format!(
                    "processes.group_by {other:?}: unknown grouping rule \
                     (expected name, user, cgroup, cmdline or none)"
                ))
            }
        };
        if let Some(n) = raw.processes.max_groups {
            if n == 0 {
                return Err("processes.max_groups 0: must be at least 1".into());
            }
            c.max_groups = n;
        }
        if let Some(n) = raw.cgroups.max {
            c.max_cgroups = n;
        }
        if let Some(s) = raw.statvfs_timeout_seconds {
            if !(s.is_finite() && s > 0.0 && s <= 60.0) {
                return Err(format!(
                    "statvfs_timeout_seconds {s}: must be more than 0 and at most 60"
                ));
            }
            c.statvfs_timeout = Duration::from_secs_f64(s);
        }
        Ok(c)
    }
}

/// node_exporter's web-config file: TLS and basic auth.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// TLS: the certificate chain and key files (PEM), and the lowest version allowed.
    pub tls: Option<TlsFiles>,
    /// Basic auth: user name → bcrypt hash of the password.
    pub users: BTreeMap<String, String>,
}

/// The TLS part of a web-config file.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// `cert_file`: PEM certificate chain, the server's first.
    pub cert_file: PathBuf,
    /// `key_file`: PEM private key (PKCS#8, PKCS#1 or SEC1).
    pub key_file: PathBuf,
    /// `min_version`: `TLS12` (default) or `TLS13`.
    pub tls13_only: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWeb {
    tls_server_config: Option<RawTls>,
    #[serde(default)]
    basic_auth_users: BTreeMap<String, String>,
    http_server_config: Option<serde_yaml_ng::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTls {
    cert_file: Option<PathBuf>,
    key_file: Option<PathBuf>,
    client_auth_type: Option<String>,
    min_version: Option<String>,
}

impl WebConfig {
    /// Reads node_exporter's web-config file at `path`. Relative file names in it are
    /// relative to the file's directory, as in node_exporter. The bcrypt hashes are
    /// checked for form here, so a bad one fails at startup, not at the first login.
    pub fn load(path: &Path) -> Result<WebConfig, CmdError> {
        let raw: RawWeb = read_yaml(path)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        WebConfig::from_raw(raw, dir)
            .map_err(|e| format!("web config file {}: {e}", path.display()).into())
    }

    fn from_raw(raw: RawWeb, dir: &Path) -> Result<WebConfig, String> {
        if let Some(h) = raw.http_server_config {
            if !matches!(h, serde_yaml_ng::Value::Null) {
                return Err("http_server_config: not supported by psutil serve".into());
            }
        }
        let tls = match raw.tls_server_config {
            None => None,
            Some(t) => {
                if let Some(a) = t.client_auth_type.as_deref() {
                    if a != "NoClientCert" {
                        return Err(format!(
                            "tls_server_config.client_auth_type {a:?}: only NoClientCert is supported"
                        ));
                    }
                }
                let tls13_only = match t.min_version.as_deref() {
                    None | Some("TLS12") => false,
                    Some("TLS13") => true,
                    Some(v) => {
                        return Err(format!(
                            "tls_server_config.min_version {v:?}: expected TLS12 or TLS13"
                        ))
                    }
                };
                let (Some(cert), Some(key)) = (t.cert_file, t.key_file) else {
                    return Err("tls_server_config: needs both cert_file and key_file".into());
                };
                Some(TlsFiles {
                    cert_file: dir.join(cert),
                    key_file: dir.join(key),
                    tls13_only,
                })
            }
        };
        for (user, hash) in &raw.basic_auth_users {
            if hash.parse::<bcrypt::HashParts>().is_err() {
                return Err(format!(
                    "basic_auth_users.{user}: {hash:?} is not a bcrypt hash ($2y$...)"
                ));
            }
        }
        Ok(WebConfig {
            tls,
            users: raw.basic_auth_users,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_rules() {
        let c = Config::parse("").unwrap();
        assert!(matches!(c.grouping, Grouping::Name));
        assert_eq!(c.max_groups, 64);
        let c =
            Config::parse("processes:\n  group_by: user\n  max_groups: 5\ncgroups:\n  max: 0\n")
                .unwrap();
        assert!(matches!(c.grouping, Grouping::User));
        assert_eq!((c.max_groups, c.max_cgroups), (5, 0));
        let c =
            Config::parse("processes:\n  group_by: cmdline\n  cmdline_regex: 'python3? (\\S+)'\n")
                .unwrap();
        assert!(matches!(c.grouping, Grouping::Cmdline(_)));
        let c = Config::parse("processes:\n  group_by: none\n").unwrap();
        assert!(matches!(c.grouping, Grouping::Off));
    }

    /// The example of docs/exporter.md: one group per Python script.
    #[test]
    fn the_documented_cmdline_example() {
        let doc = include_str!("../../../../docs/exporter.md");
        let yaml = doc
            .split("```yaml\n")
            .find(|b| b.starts_with("processes:\n  group_by: cmdline"))
            .and_then(|b| b.split("```").next())
            .unwrap();
        let Grouping::Cmdline(re) = Config::parse(yaml).unwrap().grouping else {
            panic!("not a cmdline rule");
        };
        let name = |line: &str| {
            re.captures(line)
                .and_then(|c| c.name("name"))
                .map(|m| m.as_str().to_string())
        };
        assert_eq!(
            name("/usr/bin/python3 /opt/app/worker.py --queue q1").as_deref(),
            Some("worker")
        );
        assert_eq!(name("python3.11 jobs.py").as_deref(), Some("jobs"));
        assert_eq!(name("/usr/bin/bash script.py"), None);
    }

    #[test]
    fn errors_name_the_value() {
        let e = Config::parse("processes:\n  group_by: colour\n").unwrap_err();
        assert!(
            e.contains("\"colour\"") && e.contains("unknown grouping rule"),
            "{e}"
        );
        let e =
            Config::parse("processes:\n  group_by: cmdline\n  cmdline_regex: 'x('\n").unwrap_err();
        assert!(e.contains("\"x(\""), "{e}");
        let e =
            Config::parse("processes:\n  group_by: cmdline\n  cmdline_regex: 'x'\n").unwrap_err();
        assert!(e.contains("capture group"), "{e}");
        let e = Config::parse("bogus: 1\n").unwrap_err();
        assert!(e.contains("bogus"), "{e}");
        let e = Config::parse("statvfs_timeout_seconds: -1\n").unwrap_err();
        assert!(e.contains("-1"), "{e}");
    }

    #[test]
    fn web_config() {
        let hash = bcrypt::hash("pw", 4).unwrap();
        let raw: RawWeb = serde_yaml_ng::from_str(&format!(
            "tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  min_version: TLS13\n\
             basic_auth_users:\n  alice: '{hash}'\n"
        ))
        .unwrap();
        let w = WebConfig::from_raw(raw, Path::new("/etc/x")).unwrap();
        let t = w.tls.unwrap();
        assert_eq!(t.cert_file, Path::new("/etc/x/c.pem"));
        assert!(t.tls13_only);
        assert_eq!(w.users.len(), 1);
        let raw: RawWeb = serde_yaml_ng::from_str("basic_auth_users:\n  bob: plaintext\n").unwrap();
        let e = WebConfig::from_raw(raw, Path::new(".")).unwrap_err();
        assert!(e.contains("bob") && e.contains("plaintext"), "{e}");
    }
}
