//! Texts: one-line and multi-line, bounded, without control characters or bidi overrides.

use super::*;

/// A one-line text that must not be empty: trimmed, at most [`MAX_LINE`] characters, no line
/// break, no character [`refused_char`] names.
pub fn line(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_LINE, true, false)
}

/// A one-line text that may be empty.
pub fn optional_line(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_LINE, false, false)
}

/// A multi-line text that must not be empty: trimmed, at most [`MAX_TEXT`] characters, line
/// ends as `\n`, no character [`refused_char`] names (tabs and newlines are fine).
pub fn text(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_TEXT, true, true)
}

/// A multi-line text that may be empty.
pub fn optional_text(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_TEXT, false, true)
}

fn bounded(field: &str, text: &str, max: usize, required: bool, multiline: bool) -> Check<String> {
    let t = text.trim();
    // Line ends as Windows clients send them become `\n`; a lone `\r` stays and is refused.
    let t = if multiline && t.contains("\r\n") {
        t.replace("\r\n", "\n")
    } else {
        t.to_owned()
    };
    if required && t.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    if t.chars().count() > max {
        return Err(ValidationError::new(field, Rule::TooLong { max }));
    }
    plain(field, &t, multiline)?;
    Ok(t)
}

/// Refuses the first character of `text` that [`refused_char`] names.
pub fn plain(field: &str, text: &str, multiline: bool) -> Check<()> {
    match text.chars().find(|&c| refused_char(c, multiline)) {
        Some(c) => Err(ValidationError::new(
            field,
            Rule::ControlCharacter {
                code_point: format!("U+{:04X}", u32::from(c)),
            },
        )),
        None => Ok(()),
    }
}

/// Whether entered text may not hold `c`.
///
/// Refused: every control character (C0, DEL, C1) except tab, and except a newline in
/// multi-line texts (`\r` too: line ends are normalised to `\n` before); the line and paragraph
/// separators (U+2028, U+2029); the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and the direction marks (U+200E, U+200F, U+061C), which reorder what a reader
/// sees ("Trojan Source"); the invisible characters that make two equal-looking texts differ or
/// smuggle hidden text: zero-width space (U+200B), word joiner and invisible operators
/// (U+2060–U+2064), the deprecated format characters (U+206A–U+206F), the byte-order mark
/// (U+FEFF), the Mongolian vowel separator (U+180E), interlinear annotations (U+FFF9–U+FFFB)
/// and the tag characters (U+E0000–U+E007F).
///
/// Kept on purpose: the zero-width joiner and non-joiner (U+200D, U+200C), which some scripts
/// and emoji sequences need; variation selectors (emoji presentation); the soft hyphen (U+00AD)
/// and no-break spaces, which text pasted from the plan's PDF documents carries. The plan's
/// texts are Czech, so refusing the direction marks costs nothing here.
pub fn refused_char(c: char, multiline: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !multiline,
        c if c.is_control() => true,
        '\u{2028}' | '\u{2029}' => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200E}' | '\u{200F}' | '\u{061C}' => true,
        '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{206A}'..='\u{206F}' => true,
        '\u{FEFF}' | '\u{180E}' | '\u{FFF9}'..='\u{FFFB}' => true,
        '\u{E0000}'..='\u{E007F}' => true,
        _ => false,
    }
}
