//! What the POSIX backends (`linux/`, and the BSD-family backends) share: calls of the C
//! library that behave alike on every POSIX system. Each backend re-exports the modules
//! it uses under its own name (`sys::imp::passwd`, ...), so the portable modules never
//! name this one.

pub(crate) mod ifaddrs;
pub(crate) mod os_error;
pub(crate) mod os_str;
pub(crate) mod passwd;
