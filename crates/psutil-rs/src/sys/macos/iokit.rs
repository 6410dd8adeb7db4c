#![allow(unsafe_code)]
//! The few CoreFoundation and IOKit calls psutil makes on macOS (disk I/O statistics of
//! the `IOMedia` / `IOBlockStorageDriver` registry entries, the power sources for the
//! battery, the `pmgr` entry's voltage states for Apple Silicon CPU frequencies),
//! declared here against the system frameworks, with owning wrappers that release
//! what the "Create"/"Copy" calls return.

use std::ffi::{c_char, c_void, CStr, CString};

/// `CFTypeRef`.
pub(crate) type CfTypeRef = *const c_void;
/// `CFIndex`.
type CfIndex = isize;
/// `io_object_t` (a Mach port name).
type IoObjectT = libc::mach_port_t;
/// `kCFStringEncodingUTF8`.
const UTF8: u32 = 0x0800_0100;
/// `kCFNumberSInt64Type`.
const SINT64: CfIndex = 4;

#[link(name = "CoreFoundation", kind = "framework")]
extern "C" {
    fn CFRelease(cf: CfTypeRef);
    fn CFGetTypeID(cf: CfTypeRef) -> usize;
    fn CFNumberGetTypeID() -> usize;
    fn CFStringGetTypeID() -> usize;
    fn CFDictionaryGetTypeID() -> usize;
    #[cfg(not(target_arch = "x86_64"))]
    fn CFDataGetTypeID() -> usize;
    fn CFStringCreateWithCString(alloc: CfTypeRef, s: *const c_char, enc: u32) -> CfTypeRef;
    fn CFStringGetCString(s: CfTypeRef, buf: *mut c_char, size: CfIndex, enc: u32) -> u8;
    fn CFDictionaryGetValue(d: CfTypeRef, key: CfTypeRef) -> CfTypeRef;
    fn CFNumberGetValue(n: CfTypeRef, kind: CfIndex, out: *mut c_void) -> u8;
    fn CFArrayGetCount(a: CfTypeRef) -> CfIndex;
    fn CFArrayGetValueAtIndex(a: CfTypeRef, i: CfIndex) -> CfTypeRef;
    #[cfg(not(target_arch = "x86_64"))]
    fn CFDataGetLength(d: CfTypeRef) -> CfIndex;
    #[cfg(not(target_arch = "x86_64"))]
    fn CFDataGetBytePtr(d: CfTypeRef) -> *const u8;
}

#[link(name = "IOKit", kind = "framework")]
extern "C" {
    fn IOServiceMatching(name: *const c_char) -> CfTypeRef;
    fn IOServiceGetMatchingServices(
        main_port: libc::mach_port_t,
        matching: CfTypeRef,
        existing: *mut IoObjectT,
    ) -> libc::kern_return_t;
    fn IOIteratorNext(it: IoObjectT) -> IoObjectT;
    fn IOObjectRelease(o: IoObjectT) -> libc::kern_return_t;
    fn IOObjectConformsTo(o: IoObjectT, class: *const c_char) -> u32;
    fn IORegistryEntryGetParentEntry(
        entry: IoObjectT,
        plane: *const c_char,
        parent: *mut IoObjectT,
    ) -> libc::kern_return_t;
    #[cfg(not(target_arch = "x86_64"))]
    fn IORegistryEntryGetName(entry: IoObjectT, name: *mut c_char) -> libc::kern_return_t;
    fn IORegistryEntryCreateCFProperties(
        entry: IoObjectT,
        props: *mut CfTypeRef,
        alloc: CfTypeRef,
        options: u32,
    ) -> libc::kern_return_t;
    fn IOPSCopyPowerSourcesInfo() -> CfTypeRef;
    fn IOPSCopyPowerSourcesList(blob: CfTypeRef) -> CfTypeRef;
    fn IOPSGetPowerSourceDescription(blob: CfTypeRef, ps: CfTypeRef) -> CfTypeRef;
}

/// A CoreFoundation object this code owns (from a Create or Copy call), released on
/// drop.
pub(crate) struct Cf(CfTypeRef);

impl Drop for Cf {
    fn drop(&mut self) {
        // SAFETY: `self.0` is a non-null object we own (checked in `Cf::owned`),
        // released once.
        unsafe { CFRelease(self.0) }
    }
}

impl Cf {
    /// Takes ownership of `r`; `None` for null.
    fn owned(r: CfTypeRef) -> Option<Cf> {
        (!r.is_null()).then_some(Cf(r))
    }

    /// The object (borrowed).
    pub(crate) fn get(&self) -> CfTypeRef {
        self.0
    }
}

/// A `CFString` for a key.
fn cf_string(s: &str) -> Option<Cf> {
    let c = CString::new(s).ok()?;
    // SAFETY: `c` is NUL-terminated; the result is a new string we own (or null).
    Cf::owned(unsafe { CFStringCreateWithCString(std::ptr::null(), c.as_ptr(), UTF8) })
}

/// Whether `v` (non-null) has the type `id`.
fn has_type(v: CfTypeRef, id: usize) -> bool {
    // SAFETY: `v` is a valid, non-null CF object (callers check).
    !v.is_null() && unsafe { CFGetTypeID(v) } == id
}

/// The value of `key` in the dictionary `dict` (borrowed from it), if any.
pub(crate) fn dict_get(dict: CfTypeRef, key: &str) -> Option<CfTypeRef> {
    // SAFETY: type ids are plain queries.
    if !has_type(dict, unsafe { CFDictionaryGetTypeID() }) {
        return None;
    }
    let k = cf_string(key)?;
    // SAFETY: `dict` is a dictionary and `k` a string; the result is borrowed from
    // `dict` (or null).
    let v = unsafe { CFDictionaryGetValue(dict, k.get()) };
    (!v.is_null()).then_some(v)
}

/// The number `key` of `dict` as an `i64`.
pub(crate) fn dict_i64(dict: CfTypeRef, key: &str) -> Option<i64> {
    let v = dict_get(dict, key)?;
    // SAFETY: type ids are plain queries.
    if !has_type(v, unsafe { CFNumberGetTypeID() }) {
        return None;
    }
    let mut out: i64 = 0;
    // SAFETY: `v` is a CFNumber; `out` is a valid i64 out-pointer for SInt64.
    let ok = unsafe { CFNumberGetValue(v, SINT64, (&mut out as *mut i64).cast()) };
    (ok != 0).then_some(out)
}

/// The string `key` of `dict`.
pub(crate) fn dict_string(dict: CfTypeRef, key: &str) -> Option<String> {
    let v = dict_get(dict, key)?;
    // SAFETY: type ids are plain queries.
    if !has_type(v, unsafe { CFStringGetTypeID() }) {
        return None;
    }
    let mut buf = vec![0 as c_char; 1024];
    // SAFETY: `v` is a CFString; `buf` is writable for its length.
    let ok = unsafe { CFStringGetCString(v, buf.as_mut_ptr(), buf.len() as CfIndex, UTF8) };
    if ok == 0 {
        return None;
    }
    // SAFETY: on success the buffer holds a NUL-terminated string.
    let s = unsafe { CStr::from_ptr(buf.as_ptr()) };
    Some(s.to_string_lossy().into_owned())
}

/// The bytes of the data `key` of `dict` (Apple Silicon's `pmgr` voltage states).
#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn dict_data(dict: CfTypeRef, key: &str) -> Option<Vec<u8>> {
    let v = dict_get(dict, key)?;
    // SAFETY: type ids are plain queries.
    if !has_type(v, unsafe { CFDataGetTypeID() }) {
        return None;
    }
    // SAFETY: `v` is a CFData; its byte pointer is valid for its length while `v`
    // (borrowed from a dictionary the caller holds) lives; copied out at once.
    unsafe {
        let len = usize::try_from(CFDataGetLength(v)).ok()?;
        let p = CFDataGetBytePtr(v);
        if p.is_null() {
            return Some(Vec::new());
        }
        Some(std::slice::from_raw_parts(p, len).to_vec())
    }
}

/// An IOKit object this code owns, released on drop.
pub(crate) struct IoObject(IoObjectT);

impl Drop for IoObject {
    fn drop(&mut self) {
        // SAFETY: a non-zero object we own, released once.
        unsafe { IOObjectRelease(self.0) };
    }
}

impl IoObject {
    /// Every registry entry of the class `class` (`IOServiceMatching` +
    /// `IOServiceGetMatchingServices` on the default main port).
    pub(crate) fn matching(class: &str) -> Option<Vec<IoObject>> {
        let c = CString::new(class).ok()?;
        // SAFETY: `c` is NUL-terminated; the dictionary returned is consumed by
        // IOServiceGetMatchingServices below.
        let dict = unsafe { IOServiceMatching(c.as_ptr()) };
        if dict.is_null() {
            return None;
        }
        let mut it: IoObjectT = 0;
        // SAFETY: `dict` is a matching dictionary (consumed by the call, whatever the
        // result); `it` is a valid out-pointer.
        let kr = unsafe { IOServiceGetMatchingServices(0, dict, &mut it) };
        if kr != libc::KERN_SUCCESS || it == 0 {
            return None;
        }
        let it = IoObject(it);
        let mut out = Vec::new();
        loop {
            // SAFETY: `it` is a live iterator; each object returned is ours.
            let o = unsafe { IOIteratorNext(it.0) };
            if o == 0 {
                break;
            }
            out.push(IoObject(o));
        }
        Some(out)
    }

    /// The parent entry in the `IOService` plane.
    pub(crate) fn parent(&self) -> Option<IoObject> {
        let mut p: IoObjectT = 0;
        // SAFETY: the plane name is a NUL-terminated constant; `p` a valid out-pointer.
        let kr = unsafe { IORegistryEntryGetParentEntry(self.0, c"IOService".as_ptr(), &mut p) };
        (kr == libc::KERN_SUCCESS && p != 0).then_some(IoObject(p))
    }

    /// Whether the entry is an instance of `class`.
    pub(crate) fn conforms_to(&self, class: &str) -> bool {
        let Ok(c) = CString::new(class) else {
            return false;
        };
        // SAFETY: `c` is NUL-terminated.
        unsafe { IOObjectConformsTo(self.0, c.as_ptr()) != 0 }
    }

    /// The entry's name (`io_name_t`, 128 bytes).
    #[cfg(not(target_arch = "x86_64"))]
    pub(crate) fn name(&self) -> Option<String> {
        let mut buf = [0 as c_char; 128];
        // SAFETY: `buf` is the 128-byte `io_name_t` the call fills.
        let kr = unsafe { IORegistryEntryGetName(self.0, buf.as_mut_ptr()) };
        if kr != libc::KERN_SUCCESS {
            return None;
        }
        // SAFETY: on success the name is NUL-terminated inside `buf`.
        let name = unsafe { CStr::from_ptr(buf.as_ptr()) };
        Some(name.to_string_lossy().into_owned())
    }

    /// The entry's properties, as a dictionary we own.
    pub(crate) fn properties(&self) -> Option<Cf> {
        let mut props: CfTypeRef = std::ptr::null();
        // SAFETY: `props` is a valid out-pointer; on success it holds a dictionary we
        // own.
        let kr =
            unsafe { IORegistryEntryCreateCFProperties(self.0, &mut props, std::ptr::null(), 0) };
        if kr != libc::KERN_SUCCESS {
            return None;
        }
        Cf::owned(props)
    }
}

/// The description dictionaries of every power source (`IOPSCopyPowerSourcesInfo`,
/// `IOPSCopyPowerSourcesList`, `IOPSGetPowerSourceDescription`), read by `f` while the
/// blob they belong to lives.
pub(crate) fn with_power_sources<T>(f: impl FnOnce(&[CfTypeRef]) -> T) -> Option<T> {
    // SAFETY: no arguments; the result is a blob we own (or null).
    let blob = Cf::owned(unsafe { IOPSCopyPowerSourcesInfo() })?;
    // SAFETY: `blob` is the power sources blob; the list returned is ours (or null).
    let list = Cf::owned(unsafe { IOPSCopyPowerSourcesList(blob.get()) })?;
    // SAFETY: `list` is a CFArray.
    let n = unsafe { CFArrayGetCount(list.get()) };
    let mut descs = Vec::new();
    for i in 0..n.max(0) {
        // SAFETY: `i` is within the array; the element and the description are
        // borrowed from `list` and `blob`, which outlive `descs`' use in `f`.
        let d = unsafe {
            IOPSGetPowerSourceDescription(blob.get(), CFArrayGetValueAtIndex(list.get(), i))
        };
        if !d.is_null() {
            descs.push(d);
        }
    }
    Some(f(&descs))
}
