//! NT paths to the DOS paths psutil returns. Windows hands out paths in several forms:
//! `QueryFullProcessImageNameW(PROCESS_NAME_NATIVE)` and `GetMappedFileNameW` give
//! `\Device\HarddiskVolume2\dir\x.exe`; `NtQueryObject(ObjectNameInformation)` on a file
//! handle gives `\Device\...` on Windows and `\??\C:\dir\x` under Wine; long-path and
//! device paths come as `\\?\C:\x` and `\\?\UNC\server\share\x`. psutil converts them
//! all to `C:\dir\x` or `\\server\share\x`, mapping `\Device\...` prefixes back to drive
//! letters with `QueryDosDeviceW` over `A:`..`Z:`; [`to_dos_path`] takes that map.

/// One drive of the map: its letter and colon (`"C:"`) and the device
/// `QueryDosDeviceW` names for it (`"\Device\HarddiskVolume1"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drive {
    /// `"C:"`.
    pub letter: String,
    /// `"\Device\HarddiskVolume1"`.
    pub device: String,
}

impl Drive {
    /// A map entry.
    pub fn new(letter: impl Into<String>, device: impl Into<String>) -> Self {
        Drive {
            letter: letter.into(),
            device: device.into(),
        }
    }
}

/// Network redirector devices whose paths are UNC paths (`\Device\Mup\server\share`).
const UNC_DEVICES: [&str; 2] = [r"\Device\Mup\", r"\Device\LanmanRedirector\"];

/// `path` without `prefix`, compared ASCII-case-insensitively as NT names are.
fn strip_prefix_ci<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    let head = path.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| path.get(prefix.len()..))
        .flatten()
}

/// Converts an NT or Win32 namespace path to a DOS path:
///
/// | input | output |
/// |---|---|
/// | `\??\C:\x`, `\\?\C:\x`, `\\.\C:\x` | `C:\x` |
/// | `\??\UNC\srv\share\x`, `\\?\UNC\srv\share\x` | `\\srv\share\x` |
/// | `\Device\Mup\srv\share\x` | `\\srv\share\x` |
/// | `\Device\HarddiskVolume1\x` with `C:` → `\Device\HarddiskVolume1` in `drives` | `C:\x` |
/// | `\Device\HarddiskVolume1` (the volume itself) | `C:\` |
///
/// Anything else (a DOS path already, a device no drive maps) is returned unchanged.
/// A device matches only whole: `\Device\HarddiskVolume1` does not match
/// `\Device\HarddiskVolume10\x`.
pub fn to_dos_path(path: &str, drives: &[Drive]) -> String {
    for prefix in [r"\??\", r"\\?\", r"\\.\"] {
        if let Some(rest) = strip_prefix_ci(path, prefix) {
            if let Some(unc) = strip_prefix_ci(rest, r"UNC\") {
                return format!(r"\\{unc}");
            }
            return rest.to_string();
        }
    }
    for dev in UNC_DEVICES {
        if let Some(rest) = strip_prefix_ci(path, dev) {
            return format!(r"\\{rest}");
        }
    }
    for d in drives {
        let device = d.device.trim_end_matches('\\');
        if device.is_empty() {
            continue;
        }
        if let Some(rest) = strip_prefix_ci(path, device) {
            if rest.is_empty() {
                return format!(r"{}\", d.letter);
            }
            if rest.starts_with('\\') {
                return format!("{}{rest}", d.letter);
            }
        }
    }
    path.to_string()
}

/// A directory path as psutil's `cwd()` returns it: the trailing backslash the PEB's
/// `CurrentDirectory` keeps (`C:\dir\`) removed, except on a drive's root (`C:\`).
pub fn trim_dir(path: &str) -> &str {
    let trimmed = path.trim_end_matches('\\');
    let is_root = trimmed.len() == 2 && trimmed.ends_with(':');
    if is_root || trimmed.is_empty() {
        path.get(..trimmed.len() + 1).unwrap_or(path)
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> Vec<Drive> {
        vec![
            Drive::new("C:", r"\Device\HarddiskVolume1"),
            Drive::new("D:", r"\Device\HarddiskVolume10\"),
            Drive::new("E:", ""),
            Drive::new("Z:", r"\Device\HarddiskVolume2"),
        ]
    }

    #[test]
    fn converts_each_form() {
        let m = map();
        let cases = [
            (
                r"\??\C:\windows\system32\x.dll",
                r"C:\windows\system32\x.dll",
            ),
            (r"\\?\C:\long\path", r"C:\long\path"),
            (r"\\.\C:\x", r"C:\x"),
            (r"\??\UNC\srv\share\f.txt", r"\\srv\share\f.txt"),
            (r"\\?\unc\srv\share", r"\\srv\share"),
            (r"\Device\Mup\srv\share\f", r"\\srv\share\f"),
            (r"\Device\HarddiskVolume1\x\y.exe", r"C:\x\y.exe"),
            (r"\device\harddiskvolume1\x", r"C:\x"),
            (r"\Device\HarddiskVolume10\x", r"D:\x"),
            (r"\Device\HarddiskVolume2", r"Z:\"),
            (r"\Device\HarddiskVolume2\", r"Z:\"),
            (r"\Device\HarddiskVolume3\x", r"\Device\HarddiskVolume3\x"),
            (r"\Device\HarddiskVolume1x\y", r"\Device\HarddiskVolume1x\y"),
            (r"C:\already\dos", r"C:\already\dos"),
            ("", ""),
            (r"\??", r"\??"),
            ("ü\\é", "ü\\é"),
        ];
        for (nt, dos) in cases {
            assert_eq!(to_dos_path(nt, &m), dos, "{nt}");
        }
        assert_eq!(
            to_dos_path(r"\Device\HarddiskVolume1\x", &[]),
            r"\Device\HarddiskVolume1\x"
        );
    }

    #[test]
    fn trims_directories() {
        assert_eq!(trim_dir(r"C:\dir\"), r"C:\dir");
        assert_eq!(trim_dir(r"C:\dir\\"), r"C:\dir");
        assert_eq!(trim_dir(r"C:\"), r"C:\");
        assert_eq!(trim_dir(r"C:\\"), r"C:\");
        assert_eq!(trim_dir(r"\\srv\share\"), r"\\srv\share");
        assert_eq!(trim_dir(r"C:\dir"), r"C:\dir");
        assert_eq!(trim_dir(r"\"), r"\");
        assert_eq!(trim_dir(""), "");
    }

    #[test]
    fn multibyte_prefix_boundaries_do_not_panic() {
        let m = map();
        for s in ["é", "\\?é", "\\\\?é\\x", "\\Device\\Harddisk€", "C€"] {
            let _ = to_dos_path(s, &m);
            let _ = trim_dir(s);
        }
    }
}
