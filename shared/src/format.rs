//! Values into display text, Czech by default and English on request.
//!
//! The server (exports, API labels) and the WASM frontend (dashboards) must print the same figure
//! the same way, so the conventions live here once: Czech groups thousands with a no-break space
//! (U+00A0), writes a decimal comma and puts a no-break space before `%` and `Kč`; English groups
//! with `,` and writes a decimal point.

use serde::{Deserialize, Serialize};

use crate::{Czk, Date};

/// The no-break space Czech typography puts between thousands and before units.
const NBSP: char = '\u{a0}';

/// The language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Czech, the language of the documents.
    #[default]
    Cs,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code, `cs` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Cs => "cs",
            Lang::En => "en",
        }
    }

    /// The language of a code like `cs`, `EN` or `en-GB` (only the primary tag counts).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "cs" => Some(Lang::Cs),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn thousands_separator(self) -> char {
        match self {
            Lang::Cs => NBSP,
            Lang::En => ',',
        }
    }

    fn decimal_separator(self) -> char {
        match self {
            Lang::Cs => ',',
            Lang::En => '.',
        }
    }
}

/// ASCII digits grouped in threes from the right.
fn group(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Adds one to a run of ASCII digits, carrying ("999" → "1000").
fn increment(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

/// Text made safe for HTML element content and double-quoted attribute values: `&`, `<`, `>`,
/// `"` and `'` become character references, so nothing in it can become markup.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number with `decimals` decimal places, rounded half away from zero: `1 234,5` (Cs),
/// `1,234.5` (En).
///
/// Rounding works on the shortest decimal text of the value, so `1.005` rounds to `1.01` as it
/// reads, not as its binary approximation would. Not-a-number prints as `–`.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    if value.is_nan() {
        return "–".to_owned();
    }
    if value.is_infinite() {
        return if value < 0.0 { "-∞" } else { "∞" }.to_owned();
    }
    // `Display` of f64 never uses an exponent: "1234.5", "0.05", "1000000".
    let text = format!("{}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut kept: Vec<u8> = int.bytes().collect();
    let int_len = kept.len();
    kept.extend(frac.bytes().take(decimals));
    kept.resize(int_len + decimals, b'0');
    if frac.as_bytes().get(decimals).is_some_and(|d| *d >= b'5') {
        increment(&mut kept);
    }
    let (int, frac) = kept.split_at(kept.len() - decimals);
    let int = String::from_utf8_lossy(int);
    let frac = String::from_utf8_lossy(frac);

    let mut out = String::new();
    if value < 0.0 && kept.iter().any(|d| *d != b'0') {
        out.push('-');
    }
    out.push_str(&group(&int, lang.thousands_separator()));
    if decimals > 0 {
        out.push(lang.decimal_separator());
        out.push_str(&frac);
    }
    out
}

/// A number as the documents print it: whole numbers without decimals (`54`), others with up to
/// two decimals, trailing zeros dropped (`3,01`, `6,1`).
pub fn number_auto(value: f64, lang: Lang) -> String {
    if value.fract() == 0.0 {
        return number(value, 0, lang);
    }
    let text = number(value, 2, lang);
    let trimmed = text.trim_end_matches('0');
    trimmed
        .strip_suffix(lang.decimal_separator())
        .unwrap_or(trimmed)
        .to_owned()
}

/// A ratio as a whole percentage: `1.35` → `135 %` (Cs) / `135%` (En).
///
/// A ratio above zero that would round to `0 %` prints as `< 1 %` / `< 1%`, so a started goal
/// never looks untouched.
pub fn percent(ratio: f64, lang: Lang) -> String {
    let percent = ratio * 100.0;
    let shown = if percent > 0.0 && percent < 0.5 {
        match lang {
            Lang::Cs => format!("<{NBSP}1"),
            Lang::En => "< 1".to_owned(),
        }
    } else {
        number(percent, 0, lang)
    };
    match lang {
        Lang::Cs => format!("{shown}{NBSP}%"),
        Lang::En => format!("{shown}%"),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date: `28. 2. 2025` (Cs, no-break spaces after the dots), `28 Feb 2025` (En).
pub fn date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("{}.{NBSP}{}.{NBSP}{}", d.day(), d.month(), d.year()),
        Lang::En => {
            let month = MONTHS_EN
                .get(usize::from(d.month()).wrapping_sub(1))
                .unwrap_or(&"");
            format!("{} {month} {}", d.day(), d.year())
        }
    }
}

/// A signed, already grouped figure with its unit: `-25 mil. Kč` (Cs), `CZK -25 m` (En).
fn money(negative: bool, figure: &str, unit_cs: &str, unit_en: &str, lang: Lang) -> String {
    let sign = if negative { "-" } else { "" };
    match lang {
        Lang::Cs => format!("{sign}{figure}{NBSP}{unit_cs}"),
        Lang::En if unit_en.is_empty() => format!("CZK {sign}{figure}"),
        Lang::En => format!("CZK {sign}{figure} {unit_en}"),
    }
}

/// A full amount, hellers only when there are some: `12 170 133,36 Kč`, `25 000 000 Kč` (Cs),
/// `CZK 12,170,133.36` (En).
pub fn czk(amount: Czk, lang: Lang) -> String {
    let hellers = amount.hellers().unsigned_abs();
    let mut figure = group(&(hellers / 100).to_string(), lang.thousands_separator());
    if !hellers.is_multiple_of(100) {
        figure.push(lang.decimal_separator());
        figure.push_str(&format!("{:02}", hellers % 100));
    }
    money(amount.hellers() < 0, &figure, "Kč", "", lang)
}

/// A period as the entered status prints it: `1. 10. 2023 – 30. 9. 2026`, an open end left
/// empty; none without either date.
pub fn period(from: Option<Date>, to: Option<Date>, lang: Lang) -> Option<String> {
    if from.is_none() && to.is_none() {
        return None;
    }
    let show = |d: Option<Date>| d.map(|d| date(d, lang)).unwrap_or_default();
    Some(format!("{} – {}", show(from), show(to)))
}

/// A compact amount for dashboards, one decimal at most: `1,2 mld. Kč`, `12,2 mil. Kč`,
/// `25 mil. Kč`, `30 tis. Kč`; below a thousand crowns the full amount. English:
/// `CZK 1.2 bn`, `CZK 12.2 m`, `CZK 25 m`, `CZK 30 k`.
pub fn czk_short(amount: Czk, lang: Lang) -> String {
    // Units in hellers, largest first, with their Czech and English names.
    const UNITS: [(u128, &str, &str); 3] = [
        (100_000_000_000, "mld.\u{a0}Kč", "bn"),
        (100_000_000, "mil.\u{a0}Kč", "m"),
        (100_000, "tis.\u{a0}Kč", "k"),
    ];
    let hellers = u128::from(amount.hellers().unsigned_abs());
    let Some(mut tier) = UNITS.iter().position(|(unit, _, _)| hellers >= *unit) else {
        return czk(amount, lang);
    };
    let tenths = |tier: usize| (hellers * 10 + UNITS[tier].0 / 2) / UNITS[tier].0;
    // 999 960 Kč rounds to 1 000,0 tis.: say 1 mil. instead.
    if tier > 0 && tenths(tier) >= 10_000 {
        tier -= 1;
    }
    let tenths = tenths(tier);
    let mut figure = group(&(tenths / 10).to_string(), lang.thousands_separator());
    if tenths % 10 != 0 {
        figure.push(lang.decimal_separator());
        figure.push_str(&(tenths % 10).to_string());
    }
    let (_, unit_cs, unit_en) = UNITS[tier];
    money(amount.hellers() < 0, &figure, unit_cs, unit_en, lang)
}

/// The Czech plural form for `n`: `one` for 1, `few` for 2–4, `many` for 0 and 5 or more
/// ("1 opatření", "2 domácnosti", "5 domácností").
pub fn plural_cs<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match n {
        1 => one,
        2..=4 => few,
        _ => many,
    }
}

/// How many of the expected project reports a status rests on: `4 z 6 zpráv` (Cs),
/// `4 of 6 reports` (En).
pub fn reports(n: u8, of: u8, lang: Lang) -> String {
    match lang {
        // After "z" the genitive: "z 1 zprávy", "z 2 zpráv", "z 6 zpráv".
        Lang::Cs => {
            let noun = if of == 1 { "zprávy" } else { "zpráv" };
            format!("{n} z {of} {noun}")
        }
        Lang::En => {
            let noun = if of == 1 { "report" } else { "reports" };
            format!("{n} of {of} {noun}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Lang::{Cs, En};

    #[test]
    fn knows_language_codes() {
        assert_eq!(Cs.code(), "cs");
        assert_eq!(En.code(), "en");
        assert_eq!(Lang::default(), Cs);
        let cases = [
            ("cs", Some(Cs)),
            ("en", Some(En)),
            ("EN", Some(En)),
            (" en-GB ", Some(En)),
            ("cs_CZ", Some(Cs)),
            ("de", None),
            ("", None),
            ("czech", None),
        ];
        for (code, expected) in cases {
            assert_eq!(Lang::from_code(code), expected, "{code}");
        }
        assert_eq!(serde_json::to_string(&En).unwrap(), "\"En\"");
        assert_eq!(serde_json::from_str::<Lang>("\"Cs\"").unwrap(), Cs);
    }

    #[test]
    fn prints_numbers() {
        let cases = [
            (1234.5, 1, Cs, "1\u{a0}234,5"),
            (1234.5, 1, En, "1,234.5"),
            (54.0, 0, Cs, "54"),
            (-1_234_567.0, 0, Cs, "-1\u{a0}234\u{a0}567"),
            (-1_234_567.0, 0, En, "-1,234,567"),
            (0.05, 1, Cs, "0,1"),
            (-0.05, 1, Cs, "-0,1"),
            (0.25, 1, En, "0.3"),
            (2.5, 0, En, "3"),
            (999.96, 1, Cs, "1\u{a0}000,0"),
            (1.005, 2, En, "1.01"),
            (0.04, 1, Cs, "0,0"),
            (-0.04, 1, Cs, "0,0"),
            (0.0, 2, Cs, "0,00"),
            (123.0, 3, En, "123.000"),
            (123_456.0, 0, En, "123,456"),
            (1e21, 0, En, "1,000,000,000,000,000,000,000"),
            (f64::NAN, 1, Cs, "–"),
            (f64::INFINITY, 1, Cs, "∞"),
        ];
        for (value, decimals, lang, expected) in cases {
            assert_eq!(
                number(value, decimals, lang),
                expected,
                "{value} {decimals} {lang:?}"
            );
        }
    }

    #[test]
    fn prints_numbers_as_documents_do() {
        let cases = [
            (54.0, Cs, "54"),
            (3.01, Cs, "3,01"),
            (6.1, Cs, "6,1"),
            (174.1, Cs, "174,1"),
            (174.1, En, "174.1"),
            (1190.0, Cs, "1\u{a0}190"),
            (1190.0, En, "1,190"),
            (2.999, Cs, "3"),
            (-12.5, Cs, "-12,5"),
            (0.0, Cs, "0"),
        ];
        for (value, lang, expected) in cases {
            assert_eq!(number_auto(value, lang), expected, "{value} {lang:?}");
        }
    }

    #[test]
    fn prints_percentages() {
        let cases = [
            (1.35, Cs, "135\u{a0}%"),
            (1.35, En, "135%"),
            (0.367, Cs, "37\u{a0}%"),
            (0.005, Cs, "1\u{a0}%"),
            (0.004, Cs, "<\u{a0}1\u{a0}%"),
            (0.004, En, "< 1%"),
            (0.0, Cs, "0\u{a0}%"),
            (1.0, En, "100%"),
            (12.5, Cs, "1\u{a0}250\u{a0}%"),
        ];
        for (ratio, lang, expected) in cases {
            assert_eq!(percent(ratio, lang), expected, "{ratio} {lang:?}");
        }
    }

    #[test]
    fn prints_dates() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let cases = [
            (d(2025, 2, 28), Cs, "28.\u{a0}2.\u{a0}2025"),
            (d(2025, 2, 28), En, "28 Feb 2025"),
            (d(2023, 12, 31), Cs, "31.\u{a0}12.\u{a0}2023"),
            (d(2024, 1, 1), En, "1 Jan 2024"),
        ];
        for (date_value, lang, expected) in cases {
            assert_eq!(date(date_value, lang), expected, "{date_value} {lang:?}");
        }
    }

    #[test]
    fn prints_amounts() {
        let cases = [
            (1_217_013_336, Cs, "12\u{a0}170\u{a0}133,36\u{a0}Kč"),
            (1_217_013_336, En, "CZK 12,170,133.36"),
            (2_500_000_000, Cs, "25\u{a0}000\u{a0}000\u{a0}Kč"),
            (2_500_000_000, En, "CZK 25,000,000"),
            (1_496_499_480, Cs, "14\u{a0}964\u{a0}994,80\u{a0}Kč"),
            (5, Cs, "0,05\u{a0}Kč"),
            (0, Cs, "0\u{a0}Kč"),
            (-100_050, Cs, "-1\u{a0}000,50\u{a0}Kč"),
            (-100_050, En, "CZK -1,000.50"),
        ];
        for (hellers, lang, expected) in cases {
            assert_eq!(
                czk(Czk::from_hellers(hellers), lang),
                expected,
                "{hellers} {lang:?}"
            );
        }
    }

    #[test]
    fn prints_short_amounts() {
        let cases = [
            (1_200_000_000, Cs, "1,2\u{a0}mld.\u{a0}Kč"),
            (1_200_000_000, En, "CZK 1.2 bn"),
            (12_170_133, Cs, "12,2\u{a0}mil.\u{a0}Kč"),
            (12_170_133, En, "CZK 12.2 m"),
            (25_000_000, Cs, "25\u{a0}mil.\u{a0}Kč"),
            (25_000_000, En, "CZK 25 m"),
            (25_040_000, Cs, "25\u{a0}mil.\u{a0}Kč"),
            (1_000_000, Cs, "1\u{a0}mil.\u{a0}Kč"),
            (30_000, Cs, "30\u{a0}tis.\u{a0}Kč"),
            (30_000, En, "CZK 30 k"),
            (999_960, Cs, "1\u{a0}mil.\u{a0}Kč"),
            (999_940, Cs, "999,9\u{a0}tis.\u{a0}Kč"),
            (1_234_500_000_000, Cs, "1\u{a0}234,5\u{a0}mld.\u{a0}Kč"),
            (999, Cs, "999\u{a0}Kč"),
            (999, En, "CZK 999"),
            (-25_000_000, Cs, "-25\u{a0}mil.\u{a0}Kč"),
            (-25_000_000, En, "CZK -25 m"),
            (-30_000, Cs, "-30\u{a0}tis.\u{a0}Kč"),
            (0, Cs, "0\u{a0}Kč"),
        ];
        for (crowns, lang, expected) in cases {
            assert_eq!(
                czk_short(Czk::from_crowns(crowns), lang),
                expected,
                "{crowns} {lang:?}"
            );
        }
        assert_eq!(czk_short(Czk::from_hellers(99_950), Cs), "999,50\u{a0}Kč");
        assert_eq!(
            czk_short(Czk::from_hellers(i64::MIN), Cs),
            "-92\u{a0}233\u{a0}720,4\u{a0}mld.\u{a0}Kč"
        );
    }

    #[test]
    fn picks_czech_plurals() {
        let cases = [
            (0, "opatření-many"),
            (1, "one"),
            (2, "few"),
            (4, "few"),
            (5, "opatření-many"),
            (11, "opatření-many"),
            (22, "opatření-many"),
        ];
        for (n, expected) in cases {
            assert_eq!(plural_cs(n, "one", "few", "opatření-many"), expected, "{n}");
        }
        assert_eq!(
            plural_cs(3, "domácnost", "domácnosti", "domácností"),
            "domácnosti"
        );
    }

    #[test]
    fn prints_report_counts() {
        let cases = [
            (4, 6, Cs, "4 z 6 zpráv"),
            (1, 6, Cs, "1 z 6 zpráv"),
            (0, 6, Cs, "0 z 6 zpráv"),
            (1, 1, Cs, "1 z 1 zprávy"),
            (4, 6, En, "4 of 6 reports"),
            (1, 1, En, "1 of 1 report"),
        ];
        for (n, of, lang, expected) in cases {
            assert_eq!(reports(n, of, lang), expected, "{n}/{of} {lang:?}");
        }
    }

    #[test]
    fn periods_show_both_ends_or_nothing() {
        let d = |y, m, day| Date::new(y, m, day);
        assert_eq!(period(None, None, Lang::Cs), None);
        assert_eq!(
            period(d(2023, 10, 1), d(2026, 9, 30), Lang::Cs).as_deref(),
            Some(
                format!(
                    "{} – {}",
                    date(Date::new(2023, 10, 1).unwrap(), Lang::Cs),
                    date(Date::new(2026, 9, 30).unwrap(), Lang::Cs)
                )
                .as_str()
            )
        );
        assert_eq!(
            period(d(2023, 10, 1), None, Lang::Cs),
            Some(format!(
                "{} – ",
                date(Date::new(2023, 10, 1).unwrap(), Lang::Cs)
            ))
        );
    }
}
