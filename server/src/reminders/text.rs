//! The reminders' subjects and plain-text bodies, Czech and English. Names from the database
//! (waves, organisations, indicators, measures) pass through [`one_line`]; the subject reaches
//! the message only through lettre's builder, which encodes it.

use shared::Date;
use shared::format::{Lang, date, plural_cs};
use shared::wave::{Counts, Phase};

use super::{ItemKind, Kind, OrgMissing, Tally, Wave, one_line};

fn quoted(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("„{}“", one_line(name)),
        Lang::En => format!("“{}”", one_line(name)),
    }
}

fn days(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!("{n} {}", plural_cs(n.unsigned_abs(), "den", "dny", "dní")),
        Lang::En if n == 1 => "1 day".to_owned(),
        Lang::En => format!("{n} days"),
    }
}

fn footer(lang: Lang) -> &'static str {
    match lang {
        Lang::Cs => {
            "Tuto zprávu poslal automaticky systém monitoringu Plánu sociálního začleňování. \
             Neodpovídejte na ni; s dotazy se obraťte na koordinátora plánu."
        }
        Lang::En => {
            "This message was sent automatically by the monitoring system of the social \
             inclusion plan. Please do not reply; ask the plan's coordinator."
        }
    }
}

/// A wave's own reminder to an implementer: subject and body.
pub(super) fn implementer(
    lang: Lang,
    kind: Kind,
    wave: &Wave,
    today: Date,
    orgs: &[&OrgMissing],
    public_url: &str,
) -> (String, String) {
    let name = quoted(&wave.name, lang);
    let deadline = date(wave.deadline, lang);
    let left = today.days_until(wave.deadline);
    let (subject, opening) = match (lang, kind) {
        (Lang::Cs, Kind::Opened) => (
            format!("Monitoring: sběr dat {name} je otevřen (termín {deadline})"),
            format!("byl otevřen sběr dat monitoringu {name}. Údaje je třeba zadat do {deadline}."),
        ),
        (Lang::En, Kind::Opened) => (
            format!("Monitoring: data collection {name} is open (deadline {deadline})"),
            format!(
                "the monitoring data collection {name} has opened. Please enter the figures by {deadline}."
            ),
        ),
        (Lang::Cs, Kind::DueSoon | Kind::Digest) => (
            format!("Monitoring: termín sběru dat {name} je {deadline}"),
            if left == 0 {
                format!("dnes, {deadline}, končí termín sběru dat monitoringu {name}.")
            } else {
                format!(
                    "do termínu sběru dat monitoringu {name} ({deadline}) zbývá {}.",
                    days(left, lang)
                )
            },
        ),
        (Lang::En, Kind::DueSoon | Kind::Digest) => (
            format!("Monitoring: data collection {name} is due on {deadline}"),
            if left == 0 {
                format!("the monitoring data collection {name} is due today, {deadline}.")
            } else {
                format!(
                    "the monitoring data collection {name} is due in {} ({deadline}).",
                    days(left, lang)
                )
            },
        ),
        (Lang::Cs, Kind::Overdue) => (
            format!("Monitoring: po termínu – sběr dat {name}"),
            format!(
                "termín sběru dat monitoringu {name} uplynul {deadline}. Prosíme, doplňte \
                 chybějící údaje co nejdříve."
            ),
        ),
        (Lang::En, Kind::Overdue) => (
            format!("Monitoring: overdue – data collection {name}"),
            format!(
                "the monitoring data collection {name} was due on {deadline}. Please enter \
                 the missing figures as soon as possible."
            ),
        ),
    };
    let mut body = match lang {
        Lang::Cs => format!("Dobrý den,\n\n{opening}\n"),
        Lang::En => format!("Hello,\n\n{opening}\n"),
    };
    for org in orgs {
        let n = org.items.len();
        body.push('\n');
        body.push_str(&match lang {
            Lang::Cs => format!(
                "{} – chybí {n} {}:\n",
                one_line(&org.organisation),
                plural_cs(n as u64, "údaj", "údaje", "údajů")
            ),
            Lang::En => format!("{} – {n} missing:\n", one_line(&org.organisation)),
        });
        for item in &org.items {
            let what = match (lang, item.kind) {
                (Lang::Cs, ItemKind::Indicator) => "indikátor cíle",
                (Lang::Cs, ItemKind::Status) => "stav opatření",
                (Lang::En, ItemKind::Indicator) => "goal indicator",
                (Lang::En, ItemKind::Status) => "measure status",
            };
            body.push_str(&format!(
                "  - {} {} ({what})\n",
                one_line(&item.code),
                one_line(&item.name)
            ));
        }
        let link = format!(
            "{public_url}/zadavani?vlna={}&org={}",
            wave.id, org.organisation_id
        );
        body.push_str(&match lang {
            Lang::Cs => format!("  Zadat údaje: {link}\n"),
            Lang::En => format!("  Enter them: {link}\n"),
        });
    }
    body.push_str("\n-- \n");
    body.push_str(footer(lang));
    body.push('\n');
    (subject, body)
}

fn counts_line(c: &Counts, lang: Lang) -> String {
    match lang {
        Lang::Cs => format!(
            "chybí {} z {} (zveřejněno {}, koncepty {})",
            c.missing(),
            c.expected,
            c.published,
            c.drafts
        ),
        Lang::En => format!(
            "{} of {} missing ({} published, {} drafts)",
            c.missing(),
            c.expected,
            c.published,
            c.drafts
        ),
    }
}

/// The coordinators' weekly digest of a wave: subject and body.
pub(super) fn digest(
    lang: Lang,
    wave: &Wave,
    phase: Phase,
    today: Date,
    tally: &Tally,
    public_url: &str,
) -> (String, String) {
    let name = quoted(&wave.name, lang);
    let (opens, deadline, on) = (
        date(wave.opens, lang),
        date(wave.deadline, lang),
        date(today, lang),
    );
    let state = match (lang, phase) {
        (Lang::Cs, Phase::Closed) => "po termínu",
        (Lang::Cs, _) => "otevřeno",
        (Lang::En, Phase::Closed) => "past its deadline",
        (Lang::En, _) => "open",
    };
    let subject = match lang {
        Lang::Cs => format!("Monitoring: týdenní přehled – sběr dat {name}"),
        Lang::En => format!("Monitoring: weekly digest – data collection {name}"),
    };
    let mut body = match lang {
        Lang::Cs => format!(
            "Dobrý den,\n\npřehled sběru dat monitoringu {name} ({state}; otevřeno {opens}, \
             termín {deadline}) ke dni {on}.\n\nCelkem: {}.\n\nPodle organizací:\n",
            counts_line(&tally.total, lang)
        ),
        Lang::En => format!(
            "Hello,\n\nthe monitoring data collection {name} ({state}; opened {opens}, due \
             {deadline}) as of {on}.\n\nIn all: {}.\n\nBy organisation:\n",
            counts_line(&tally.total, lang)
        ),
    };
    for r in &tally.rows {
        let who = match (&r.organisation, lang) {
            (Some(o), _) => one_line(o),
            (None, Lang::Cs) => "Bez organizace (koordinátoři)".to_owned(),
            (None, Lang::En) => "No organisation (coordinators)".to_owned(),
        };
        body.push_str(&format!("  - {who}: {}\n", counts_line(&r.counts, lang)));
    }
    let link = format!("{public_url}/sprava/vlny?vlna={}", wave.id);
    body.push_str(&match lang {
        Lang::Cs => format!("\nPodrobnosti: {link}\n"),
        Lang::En => format!("\nDetails: {link}\n"),
    });
    body.push_str("\n-- \n");
    body.push_str(footer(lang));
    body.push('\n');
    (subject, body)
}
