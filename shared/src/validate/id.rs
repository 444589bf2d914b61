//! Identifiers and accounts: EU registration numbers, e-mail addresses, passwords.

use super::*;

/// An EU project's registration number, `CZ.03.02.01/00/22_018/0001145`.
pub fn registration_number(field: &str, text: &str) -> Check<crate::parse::RegistrationNumber> {
    crate::parse::registration_number(text)
        .map_err(|_| ValidationError::new(field, Rule::RegistrationNumber))
}

/// An e-mail address, lower-cased: one `@` with text on both sides and a dot in the domain.
pub fn email(field: &str, text: &str) -> Check<String> {
    let t = line(field, text)?.to_lowercase();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(t)
    } else {
        Err(ValidationError::new(field, Rule::Email))
    }
}

/// A new password: at least [`MIN_PASSWORD`] characters, at most [`MAX_LINE`].
pub fn password(field: &str, text: &str) -> Check<()> {
    let n = text.chars().count();
    if n < MIN_PASSWORD {
        Err(ValidationError::new(field, Rule::WeakPassword))
    } else if n > MAX_LINE {
        Err(ValidationError::new(field, Rule::TooLong { max: MAX_LINE }))
    } else {
        Ok(())
    }
}
