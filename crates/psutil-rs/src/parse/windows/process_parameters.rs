//! The process environment block (PEB) and its `RTL_USER_PROCESS_PARAMETERS`, read from
//! another process with `ReadProcessMemory`: psutil's source for `cmdline()`, `cwd()`
//! and `environ()`. The reading goes in steps, each decoded here:
//!
//! 1. `NtQueryInformationProcess(ProcessBasicInformation)` gives the PEB's address.
//! 2. Read [`PEB_READ_LEN`] bytes there; [`process_parameters_address`] takes the
//!    `ProcessParameters` pointer (offset 0x20 of the x64 PEB).
//! 3. Read [`PARAMETERS_READ_LEN`] bytes at that address; [`parse_parameters`] decodes
//!    the `UNICODE_STRING` headers of `CurrentDirectory.DosPath` (0x38),
//!    `ImagePathName` (0x60) and `CommandLine` (0x70), the `Environment` pointer (0x80)
//!    and `EnvironmentSize` (0x3F0, Windows Vista and later).
//! 4. Read `Length` bytes at each string's `Buffer` and decode them with
//!    [`unicode_string`]; read the environment block and decode it with
//!    [`parse_environment`].
//!
//! All offsets are those of a 64-bit process read by a 64-bit reader.

use indexmap::IndexMap;

use crate::error::{Error, Result};
use crate::parse::bytes::{u16_at, u64_at, utf16_units};

const FILE: &str = "RTL_USER_PROCESS_PARAMETERS";

/// Offset of `ProcessParameters` in the x64 `PEB`.
pub const PEB_PROCESS_PARAMETERS: usize = 0x20;
/// Bytes of the PEB to read: enough for `ProcessParameters`.
pub const PEB_READ_LEN: usize = PEB_PROCESS_PARAMETERS + 8;
/// Offset of `CurrentDirectory.DosPath` (a `UNICODE_STRING`).
pub const CURRENT_DIRECTORY: usize = 0x38;
/// Offset of `ImagePathName`.
pub const IMAGE_PATH_NAME: usize = 0x60;
/// Offset of `CommandLine`.
pub const COMMAND_LINE: usize = 0x70;
/// Offset of `Environment` (a pointer to the block).
pub const ENVIRONMENT: usize = 0x80;
/// Offset of `EnvironmentSize` (`SIZE_T`, bytes).
pub const ENVIRONMENT_SIZE: usize = 0x3F0;
/// Bytes of `RTL_USER_PROCESS_PARAMETERS` to read: through `EnvironmentSize`.
pub const PARAMETERS_READ_LEN: usize = ENVIRONMENT_SIZE + 8;

/// A `UNICODE_STRING` header: where the string is in the target process and its size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnicodeString {
    /// `Length`: bytes of text, without a terminating NUL.
    pub length: u16,
    /// `MaximumLength`: bytes of the buffer.
    pub maximum_length: u16,
    /// `Buffer`: the address of the text in the target process.
    pub buffer: u64,
}

impl UnicodeString {
    /// Decodes the 16-byte x64 header at `at`.
    pub fn at(b: &[u8], at: usize) -> Option<Self> {
        Some(UnicodeString {
            length: u16_at(b, at)?,
            maximum_length: u16_at(b, at.checked_add(2)?)?,
            buffer: u64_at(b, at.checked_add(8)?)?,
        })
    }

    /// Whether there is no text to read (zero length or a NULL buffer).
    pub fn is_empty(&self) -> bool {
        self.length == 0 || self.buffer == 0
    }
}

/// The fields of `RTL_USER_PROCESS_PARAMETERS` psutil reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProcessParameters {
    /// `CurrentDirectory.DosPath`: the cwd, with a trailing backslash (`C:\dir\`).
    pub current_directory: UnicodeString,
    /// `ImagePathName`: the executable's path.
    pub image_path_name: UnicodeString,
    /// `CommandLine`: the command line, unsplit.
    pub command_line: UnicodeString,
    /// `Environment`: the address of the environment block.
    pub environment: u64,
    /// `EnvironmentSize`: the block's size in bytes; `None` when the bytes given stop
    /// before it (read the block up to the end of its memory region instead, as psutil
    /// does with `VirtualQueryEx`).
    pub environment_size: Option<u64>,
}

/// The `ProcessParameters` address in the first [`PEB_READ_LEN`] bytes of a PEB.
pub fn process_parameters_address(peb: &[u8]) -> Result<u64> {
    u64_at(peb, PEB_PROCESS_PARAMETERS)
        .filter(|&a| a != 0)
        .ok_or_else(|| Error::parse("PEB", None, "no ProcessParameters"))
}

/// Decodes `RTL_USER_PROCESS_PARAMETERS` from its first bytes: at least through
/// `Environment` (0x88 bytes); [`PARAMETERS_READ_LEN`] for `EnvironmentSize` too.
pub fn parse_parameters(b: &[u8]) -> Result<ProcessParameters> {
    let short = || Error::parse(FILE, None, "too short");
    Ok(ProcessParameters {
        current_directory: UnicodeString::at(b, CURRENT_DIRECTORY).ok_or_else(short)?,
        image_path_name: UnicodeString::at(b, IMAGE_PATH_NAME).ok_or_else(short)?,
        command_line: UnicodeString::at(b, COMMAND_LINE).ok_or_else(short)?,
        environment: u64_at(b, ENVIRONMENT).ok_or_else(short)?,
        environment_size: u64_at(b, ENVIRONMENT_SIZE),
    })
}

/// The text of a `UNICODE_STRING` from the bytes read at its `Buffer` (`Length` bytes;
/// anything after the first NUL unit, and an odd last byte, is dropped). Unpaired
/// surrogates become U+FFFD.
pub fn unicode_string(b: &[u8]) -> String {
    let units = utf16_units(b);
    let end = units.iter().position(|&c| c == 0).unwrap_or(units.len());
    String::from_utf16_lossy(units.get(..end).unwrap_or_default())
}

/// Decodes an environment block (UTF-16LE `NAME=value` strings, each ending in a NUL,
/// the block ending in an empty string) as psutil's `environ()` does on Windows:
///
/// - it stops at the first empty string, and drops an unterminated last entry (what
///   follows the block in memory is not part of it);
/// - it skips entries without `=` and entries whose name is empty: the hidden
///   per-drive directories `=C:=C:\dir` and `=ExitCode=...` start with `=`;
/// - names are upper-cased (Windows names are case-insensitive; psutil upper-cases them
///   so that `environ()["PATH"]` works whatever the spelling);
/// - a repeated name keeps its first place and its last value.
///
/// Unpaired surrogates become U+FFFD.
pub fn parse_environment(block: &[u8]) -> IndexMap<String, String> {
    let units = utf16_units(block);
    let mut out = IndexMap::new();
    let mut rest = units.as_slice();
    while let Some(end) = rest.iter().position(|&c| c == 0) {
        if end == 0 {
            break;
        }
        let (entry, tail) = rest.split_at(end);
        if let Some(eq) = entry.iter().position(|&c| c == u16::from(b'=')) {
            if eq > 0 {
                let (name, value) = entry.split_at(eq);
                out.insert(
                    String::from_utf16_lossy(name).to_uppercase(),
                    String::from_utf16_lossy(value.get(1..).unwrap_or_default()),
                );
            }
        }
        rest = tail.get(1..).unwrap_or_default();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn put(b: &mut [u8], at: usize, v: &[u8]) {
        b[at..at + v.len()].copy_from_slice(v);
    }

    fn header(b: &mut [u8], at: usize, len: u16, ptr: u64) {
        put(b, at, &len.to_le_bytes());
        put(b, at + 2, &(len + 2).to_le_bytes());
        put(b, at + 8, &ptr.to_le_bytes());
    }

    #[test]
    fn peb_and_parameters() {
        let mut peb = vec![0u8; PEB_READ_LEN];
        assert!(process_parameters_address(&peb).is_err());
        put(&mut peb, 0x20, &0x1234_5000u64.to_le_bytes());
        assert_eq!(process_parameters_address(&peb).unwrap(), 0x1234_5000);
        assert!(process_parameters_address(&peb[..PEB_READ_LEN - 1]).is_err());

        let mut p = vec![0u8; PARAMETERS_READ_LEN];
        header(&mut p, CURRENT_DIRECTORY, 14, 0xa000);
        header(&mut p, IMAGE_PATH_NAME, 40, 0xb000);
        header(&mut p, COMMAND_LINE, 60, 0xc000);
        put(&mut p, ENVIRONMENT, &0xd000u64.to_le_bytes());
        put(&mut p, ENVIRONMENT_SIZE, &1234u64.to_le_bytes());
        let d = parse_parameters(&p).unwrap();
        assert_eq!(
            d.current_directory,
            UnicodeString {
                length: 14,
                maximum_length: 16,
                buffer: 0xa000
            }
        );
        assert_eq!(
            (d.image_path_name.length, d.image_path_name.buffer),
            (40, 0xb000)
        );
        assert_eq!((d.command_line.length, d.command_line.buffer), (60, 0xc000));
        assert_eq!((d.environment, d.environment_size), (0xd000, Some(1234)));
        assert!(!d.command_line.is_empty());
        // without EnvironmentSize, and too short for Environment
        let d = parse_parameters(&p[..ENVIRONMENT + 8]).unwrap();
        assert_eq!(d.environment_size, None);
        for n in 0..ENVIRONMENT + 8 {
            assert!(parse_parameters(&p[..n]).is_err());
        }
        assert!(UnicodeString::at(&p, usize::MAX - 3).is_none());
    }

    #[test]
    fn strings() {
        assert_eq!(unicode_string(&utf16(r"C:\dir\")), r"C:\dir\");
        assert_eq!(unicode_string(&utf16("a\0junk")), "a");
        let mut odd = utf16("ab");
        odd.push(0x41);
        assert_eq!(unicode_string(&odd), "ab");
        assert_eq!(unicode_string(&[]), "");
    }

    #[test]
    fn environment_blocks() {
        let block = utf16(
            "=C:=C:\\dir\0=ExitCode=00000000\0Path=C:\\bin;D:\\x\0windir=C:\\windows\0\
             noeq\0EMPTY=\0K=v=w\0path=last\0\0AFTER=1\0",
        );
        let e = parse_environment(&block);
        let pairs: Vec<_> = e.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("PATH", "last"),
                ("WINDIR", r"C:\windows"),
                ("EMPTY", ""),
                ("K", "v=w")
            ]
        );
        assert!(parse_environment(&[]).is_empty());
        assert!(parse_environment(&utf16("\0A=1\0")).is_empty());
        assert!(parse_environment(&utf16("A=1")).is_empty(), "unterminated");
        assert_eq!(parse_environment(&utf16("straße=1\0"))["STRASSE"], "1");
        let e = parse_environment(&[b'A', 0, b'=', 0, 0x00, 0xd8, 0, 0]);
        assert_eq!(e["A"], "\u{fffd}");
        // truncations of a block, at every byte: no panic, a prefix of the entries
        for n in 0..block.len() {
            assert!(parse_environment(&block[..n]).len() <= 4);
        }
    }
}
