#![allow(unsafe_code)]
//! Local time of day for `repr`'s `started=` (psutil formats the creation time in the
//! local zone): the UTC calendar time computed here, converted with kernel32's
//! `SystemTimeToTzSpecificLocalTime`, resolved at run time.

use std::sync::OnceLock;

use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};

use super::win::wide;

/// `SYSTEMTIME`.
#[repr(C)]
#[derive(Default, Clone, Copy)]
struct SystemTime {
    year: u16,
    month: u16,
    day_of_week: u16,
    day: u16,
    hour: u16,
    minute: u16,
    second: u16,
    milliseconds: u16,
}

type ToLocalFn = unsafe extern "system" fn(*const u8, *const SystemTime, *mut SystemTime) -> i32;

fn to_local_fn() -> Option<ToLocalFn> {
    static CELL: OnceLock<Option<usize>> = OnceLock::new();
    let addr = *CELL.get_or_init(|| {
        let k = wide("kernel32.dll");
        // SAFETY: NUL-terminated names; kernel32 is always loaded.
        unsafe {
            let m = GetModuleHandleW(k.as_ptr());
            if m.is_null() {
                return None;
            }
            GetProcAddress(m, c"SystemTimeToTzSpecificLocalTime".as_ptr().cast())
                .map(|f| f as usize)
        }
    });
    // SAFETY: the export of that name has this signature.
    addr.map(|a| unsafe { std::mem::transmute::<usize, ToLocalFn>(a) })
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The local (year, month, day, hour, minute, second) of a Unix time.
pub(crate) fn local_time(secs: i64) -> Option<(i32, u32, u32, u32, u32, u32)> {
    let (y, mo, d) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let utc = SystemTime {
        year: u16::try_from(y).ok()?,
        month: mo as u16,
        day: d as u16,
        hour: (s / 3600) as u16,
        minute: (s / 60 % 60) as u16,
        second: (s % 60) as u16,
        ..Default::default()
    };
    let mut local = SystemTime::default();
    let f = to_local_fn()?;
    // SAFETY: a NULL zone means the current one; both structs are valid.
    if unsafe { f(std::ptr::null(), &utc, &mut local) } == 0 {
        return None;
    }
    Some((
        i32::from(local.year),
        u32::from(local.month),
        u32::from(local.day),
        u32::from(local.hour),
        u32::from(local.minute),
        u32::from(local.second),
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil(0), (1970, 1, 1));
        assert_eq!(super::civil(19_723), (2024, 1, 1));
        assert_eq!(super::civil(-1), (1969, 12, 31));
    }
}
