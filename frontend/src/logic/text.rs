//! The documents' multi-line texts as blocks: paragraphs, and bullet lists from lines that start
//! with "- " (the API's convention for measure descriptions).

/// A block of a document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

/// Splits `text` into paragraphs (one per line) and lists (runs of "- " / "• " lines).
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let bullet = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("• "))
            .or_else(|| line.strip_prefix("– "));
        match (bullet, out.last_mut()) {
            (Some(item), Some(Block::List(items))) => items.push(item.trim().to_owned()),
            (Some(item), _) => out.push(Block::List(vec![item.trim().to_owned()])),
            (None, _) => out.push(Block::Paragraph(line.to_owned())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_become_lists_between_paragraphs() {
        let text = "Úvod.\n- první\n- druhá\n\nZávěr.\n• jiná odrážka";
        assert_eq!(
            blocks(text),
            vec![
                Block::Paragraph("Úvod.".to_owned()),
                Block::List(vec!["první".to_owned(), "druhá".to_owned()]),
                Block::Paragraph("Závěr.".to_owned()),
                Block::List(vec!["jiná odrážka".to_owned()]),
            ]
        );
        assert!(blocks("  \n").is_empty());
    }
}
