//! Text folding for search: lower case, Czech (and Slovak) diacritics removed, whitespace
//! collapsed, so `bydleni` finds `Bydlení` and `ZDRAVI` finds `Zdraví`. Control characters
//! count as spaces and the invisible ones entered text may not hold
//! ([`crate::validate::refused_char`]) are dropped, so a search for `\0` has no words (and never
//! reaches the database, where PostgreSQL could not hold it).

/// Folds a text to its search form.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.chars() {
        if !c.is_control() && crate::validate::refused_char(c, true) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        last_space = false;
        for lower in c.to_lowercase() {
            out.push(strip_diacritic(lower));
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn strip_diacritic(c: char) -> char {
    match c {
        'á' | 'ä' | 'à' | 'â' => 'a',
        'č' | 'ć' | 'ç' => 'c',
        'ď' => 'd',
        'é' | 'ě' | 'ë' | 'è' | 'ê' => 'e',
        'í' | 'ï' | 'î' => 'i',
        'ľ' | 'ĺ' | 'ł' => 'l',
        'ň' | 'ń' => 'n',
        'ó' | 'ö' | 'ô' | 'ő' => 'o',
        'ř' | 'ŕ' => 'r',
        'š' | 'ś' => 's',
        'ť' => 't',
        'ú' | 'ů' | 'ü' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        other => other,
    }
}

/// The search terms of a query: folded words, empty ones dropped.
pub fn terms(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_czech_diacritics() {
        let cases = [
            ("Bydlení", "bydleni"),
            (
                "ŽLUŤOUČKÝ kůň úpěl ďábelské ódy",
                "zlutoucky kun upel dabelske ody",
            ),
            ("  Příliš   žluťoučký\nkůň ", "prilis zlutoucky kun"),
            ("Řeřicha", "rericha"),
        ];
        for (input, folded) in cases {
            assert_eq!(fold(input), folded, "{input}");
        }
    }

    #[test]
    fn control_and_invisible_characters_are_no_words() {
        assert_eq!(fold("a\0b"), "a b");
        assert_eq!(fold("Ost\u{200B}rava\u{202E}"), "ostrava");
        assert!(terms("\0 \u{1b}\u{202E}").is_empty());
        assert_eq!(terms("100 %"), ["100", "%"]);
    }

    #[test]
    fn splits_terms() {
        assert_eq!(terms(" Sociální  BYDLENÍ "), ["socialni", "bydleni"]);
        assert!(terms("   ").is_empty());
    }
}
