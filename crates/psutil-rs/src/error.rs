//! The crate's one error type, with psutil's kinds.
//!
//! psutil raises `NoSuchProcess`, `ZombieProcess`, `AccessDenied` and `TimeoutExpired`;
//! those are variants here with the same attributes. The remaining variants cover what
//! psutil reports with plain Python exceptions (`FileNotFoundError`, `ValueError`,
//! `NotImplementedError`, `RuntimeError`): a missing path, a bad argument, a kernel that
//! lacks a feature, a file that does not parse, and any other I/O error. Every variant
//! carries the path or the value involved.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::sys::os_error;

/// A process id. Linux's `pid_t` is a positive `i32`; 0 is accepted as a value so that
/// `ppid` of pid 1 can be represented.
pub type Pid = u32;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error this crate returns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The process does not exist (any more), or its pid now belongs to another process.
    /// psutil's `NoSuchProcess`.
    #[error("{}", describe(msg, Some(*pid), None, name.as_deref()))]
    NoSuchProcess {
        /// The pid asked for.
        pid: Pid,
        /// The process name, when it was known before the process went away.
        name: Option<String>,
        /// What happened, e.g. "process no longer exists".
        msg: String,
    },
    /// The process exists but is a zombie: most of its /proc files are empty.
    /// psutil's `ZombieProcess`.
    #[error("{}", describe(msg, Some(*pid), *ppid, name.as_deref()))]
    ZombieProcess {
        /// The zombie's pid.
        pid: Pid,
        /// Its name, if known.
        name: Option<String>,
        /// Its parent, if known.
        ppid: Option<Pid>,
        /// "PID still exists but it's a zombie".
        msg: String,
    },
    /// The kernel refused (EPERM/EACCES). psutil's `AccessDenied`.
    #[error("{}{}", describe(msg, *pid, None, name.as_deref()), path_suffix(path.as_deref()))]
    AccessDenied {
        /// The process concerned, if any.
        pid: Option<Pid>,
        /// Its name, if known.
        name: Option<String>,
        /// The file or syscall that was refused.
        path: Option<PathBuf>,
        /// Extra detail; empty by default, as in psutil.
        msg: String,
    },
    /// A wait ran out of time. psutil's `TimeoutExpired`.
    #[error("{}", describe(&format!("timeout after {seconds} seconds"), *pid, None, name.as_deref()))]
    TimeoutExpired {
        /// The timeout that expired, in seconds.
        seconds: f64,
        /// The process waited for.
        pid: Option<Pid>,
        /// Its name, if known.
        name: Option<String>,
    },
    /// A path given by the caller (or a file the kernel should have) does not exist.
    #[error("no such file or directory: {}", path.display())]
    NotFound {
        /// The missing path.
        path: PathBuf,
    },
    /// The running kernel or machine does not provide this information.
    /// psutil raises `NotImplementedError` in these cases.
    #[error("not supported: {what}")]
    Unsupported {
        /// What is missing, and usually why.
        what: String,
    },
    /// A kernel file did not have the expected format.
    #[error("cannot parse {}{}: {msg}", path.display(), line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Parse {
        /// The file (relative kernel name such as `meminfo` inside a parser, the full
        /// path once the I/O layer has attached it).
        path: PathBuf,
        /// 1-based line number, when the error is on one line.
        line: Option<usize>,
        /// What was wrong.
        msg: String,
    },
    /// An argument was out of range or malformed (psutil's `ValueError`).
    #[error("invalid argument: {msg}")]
    InvalidArgument {
        /// What was wrong and with which value.
        msg: String,
    },
    /// Any other operating-system error.
    #[error("{}{}", source, path_suffix(path.as_deref()))]
    Io {
        /// The file or syscall involved.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
}

fn describe(msg: &str, pid: Option<Pid>, ppid: Option<Pid>, name: Option<&str>) -> String {
    // psutil's Error.__str__: "<msg> (pid=.., ppid=.., name=..)", only set attributes.
    let mut details = Vec::new();
    if let Some(pid) = pid {
        details.push(format!("pid={pid}"));
    }
    if let Some(ppid) = ppid {
        details.push(format!("ppid={ppid}"));
    }
    if let Some(name) = name {
        details.push(format!("name={name:?}"));
    }
    let details = if details.is_empty() {
        String::new()
    } else {
        format!("({})", details.join(", "))
    };
    match (msg.is_empty(), details.is_empty()) {
        (true, _) => details,
        (false, true) => msg.to_string(),
        (false, false) => format!("{msg} {details}"),
    }
}

fn path_suffix(path: Option<&Path>) -> String {
    path.map(|p| format!(" [{}]", p.display()))
        .unwrap_or_default()
}

impl Error {
    /// A parse error in `file` (a kernel file name such as `"meminfo"`).
    pub(crate) fn parse(file: &str, line: Option<usize>, msg: impl fmt::Display) -> Self {
        Error::Parse {
            path: PathBuf::from(file),
            line,
            msg: msg.to_string(),
        }
    }

    /// An invalid-argument error.
    pub(crate) fn invalid(msg: impl fmt::Display) -> Self {
        Error::InvalidArgument {
            msg: msg.to_string(),
        }
    }

    /// An unsupported-feature error.
    pub(crate) fn unsupported(what: impl fmt::Display) -> Self {
        Error::Unsupported {
            what: what.to_string(),
        }
    }

    /// Sets the path of a `Parse` error (which parsers create with the bare kernel file
    /// name) to the full path that was read.
    pub(crate) fn at_path(self, full: &Path) -> Self {
        match self {
            Error::Parse { line, msg, .. } => Error::Parse {
                path: full.to_path_buf(),
                line,
                msg,
            },
            other => other,
        }
    }

    /// Builds an error from an OS error on `path`, mapping the code to psutil's kinds
    /// (the platform's codes, `sys::os_error`): ENOENT (Windows: `ERROR_FILE_NOT_FOUND`,
    /// `ERROR_PATH_NOT_FOUND`) → [`Error::NotFound`], EACCES/EPERM (Windows:
    /// `ERROR_ACCESS_DENIED`) → [`Error::AccessDenied`], anything else → [`Error::Io`].
    pub fn from_io(source: io::Error, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        match source.raw_os_error() {
            Some(c) if os_error::NOT_FOUND.contains(&c) => Error::NotFound { path },
            Some(c) if os_error::ACCESS_DENIED.contains(&c) => Error::AccessDenied {
                pid: None,
                name: None,
                path: Some(path),
                msg: String::new(),
            },
            _ => Error::Io {
                path: Some(path),
                source,
            },
        }
    }

    /// True for `NoSuchProcess`.
    pub fn is_no_such_process(&self) -> bool {
        matches!(self, Error::NoSuchProcess { .. })
    }

    /// True for `AccessDenied`.
    pub fn is_access_denied(&self) -> bool {
        matches!(self, Error::AccessDenied { .. })
    }

    /// True for `ZombieProcess`.
    pub fn is_zombie(&self) -> bool {
        matches!(self, Error::ZombieProcess { .. })
    }

    /// True for `NotFound`.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }

    /// The OS error code (errno; Windows: the Win32 error code) of an OS error, if this
    /// error came from one.
    pub fn raw_os_error(&self) -> Option<i32> {
        match self {
            Error::Io { source, .. } => source.raw_os_error(),
            Error::NotFound { .. } => os_error::NOT_FOUND.first().copied(),
            Error::AccessDenied { .. } => os_error::ACCESS_DENIED.first().copied(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_matches_psutil_format() {
        // psutil: str(AccessDenied(321)) == "(pid=321)"
        let e = Error::AccessDenied {
            pid: Some(321),
            name: None,
            path: None,
            msg: String::new(),
        };
        assert_eq!(e.to_string(), "(pid=321)");
        let e = Error::NoSuchProcess {
            pid: 0,
            name: Some("foo".into()),
            msg: "process no longer exists".into(),
        };
        assert_eq!(
            e.to_string(),
            "process no longer exists (pid=0, name=\"foo\")"
        );
        let e = Error::TimeoutExpired {
            seconds: 5.0,
            pid: None,
            name: None,
        };
        assert_eq!(e.to_string(), "timeout after 5 seconds");
    }

    #[test]
    fn errno_mapping() {
        // the platform's codes (Linux: ENOENT; EACCES, EPERM)
        for &c in os_error::NOT_FOUND {
            let e = Error::from_io(io::Error::from_raw_os_error(c), "/x");
            assert!(e.is_not_found());
        }
        for &c in os_error::ACCESS_DENIED {
            let e = Error::from_io(io::Error::from_raw_os_error(c), "/x");
            assert!(e.is_access_denied());
        }
        // any other code is kept as an I/O error (1005 is neither kind on any platform)
        let e = Error::from_io(io::Error::from_raw_os_error(1005), "/x");
        assert_eq!(e.raw_os_error(), Some(1005));
        assert!(e.to_string().contains("/x"));
    }
}
