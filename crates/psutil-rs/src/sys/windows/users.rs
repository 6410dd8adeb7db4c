//! `users()` on Windows (skeleton placeholder).

use crate::error::{Error, Result};
use crate::users::User;

pub(crate) fn users() -> Result<Vec<User>> {
    Err(Error::unsupported("users on Windows (not implemented yet)"))
}
