//! The plan's calendar as iCalendar (RFC 5545): the monitoring waves (the collection period,
//! and the deadline with a reminder a week before) and the milestones of each action plan's
//! timeline, as all-day events people add to their calendars (`/kalendar.ics`).
//!
//! Pure: a plan's model and today in, the file's text out. Every event has a stable `UID`, so a
//! calendar that subscribes updates its events instead of adding copies.

use shared::Date;

use crate::entity as e;
use crate::store::model::PlanModel;

/// One all-day event: from `start` to `end` inclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub uid: String,
    pub start: Date,
    pub end: Date,
    pub summary: String,
    pub description: String,
    /// Where to act on it (the data-entry page of a wave).
    pub url: Option<String>,
    /// Days before `start` a calendar reminds of it.
    pub remind_days_before: Option<u32>,
}

fn under<M>(index: &std::collections::HashMap<i32, std::sync::Arc<[M]>>, key: i32) -> &[M] {
    index.get(&key).map_or(&[], |rows| rows)
}

/// The events of a plan: per wave its collection period and its deadline, then the milestones.
/// `base` is the site's address (`https://psz.ostrava.cz`) for links, `slug` the plan's.
pub fn events(m: &PlanModel, slug: &str, base: &str) -> Vec<Event> {
    let mut out = Vec::new();
    for w in under(&m.waves_by_plan, m.plan_id) {
        let (Ok(opens), Ok(deadline)) = (w.opens_on.parse::<Date>(), w.deadline.parse::<Date>())
        else {
            continue;
        };
        let as_of = w
            .as_of
            .as_deref()
            .and_then(|d| d.parse::<Date>().ok())
            .map(|d| {
                format!(
                    " Údaje k {}.",
                    shared::format::date(d, shared::format::Lang::Cs)
                )
            })
            .unwrap_or_default();
        let url = format!("{base}/zadavani?vlna={}", w.id);
        out.push(Event {
            uid: format!("{slug}-vlna-{}-sber@psz-monitor", w.id),
            start: opens,
            end: deadline,
            summary: format!("Sběr dat monitoringu: {}", w.name),
            description: format!(
                "Realizátoři opatření předávají monitorovací údaje.{as_of} Zdroj: {}",
                w.locator
            ),
            url: Some(url.clone()),
            remind_days_before: None,
        });
        out.push(Event {
            uid: format!("{slug}-vlna-{}-uzaverka@psz-monitor", w.id),
            start: deadline,
            end: deadline,
            summary: format!("Uzávěrka sběru dat: {}", w.name),
            description: format!("Poslední den pro předání údajů vlny {}.{as_of}", w.name),
            url: Some(url),
            remind_days_before: Some(7),
        });
    }
    for ap in under(&m.action_plans_by_plan, m.plan_id) {
        for ms in under(&m.milestones_by_action_plan, ap.id) {
            out.extend(milestone(ms, &ap.name, slug));
        }
    }
    out
}

fn milestone(ms: &e::milestone::Model, action_plan: &str, slug: &str) -> Option<Event> {
    Some(Event {
        uid: format!("{slug}-milnik-{}@psz-monitor", ms.id),
        start: ms.period_from.parse().ok()?,
        end: ms.period_to.parse().ok()?,
        summary: ms.text.clone(),
        description: format!(
            "{action_plan}, harmonogram: {} ({})",
            ms.period_text, ms.locator
        ),
        url: None,
        remind_days_before: None,
    })
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The calendar file of `events`, named `name`, stamped with `today`.
pub fn ics(name: &str, events: &[Event], today: Date) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//psz-monitor//Kalendar planu//CS");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    line(&mut out, "X-WR-TIMEZONE:Europe/Prague");
    let stamp = format!("{}T000000Z", compact(today));
    for ev in events {
        let after = Date::from_days_since_epoch(ev.end.days_since_epoch() + 1);
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", ev.uid));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", compact(ev.start)),
        );
        // All-day events end on the day after their last (exclusive).
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", compact(after)));
        line(&mut out, &format!("SUMMARY:{}", escape(&ev.summary)));
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&ev.description)),
        );
        if let Some(url) = &ev.url {
            line(&mut out, &format!("URL:{url}"));
        }
        line(&mut out, "TRANSP:TRANSPARENT");
        if let Some(days) = ev.remind_days_before {
            line(&mut out, "BEGIN:VALARM");
            line(&mut out, "ACTION:DISPLAY");
            line(&mut out, &format!("DESCRIPTION:{}", escape(&ev.summary)));
            line(&mut out, &format!("TRIGGER:-P{days}D"));
            line(&mut out, "END:VALARM");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(t: &str) -> Date {
        t.parse().expect("a date")
    }

    #[test]
    fn texts_are_escaped_and_lines_folded_between_characters() {
        assert_eq!(escape("a;b,c\\d\ne\r\u{7}"), "a\\;b\\,c\\\\d\\ne");
        let mut out = String::new();
        let long = "Ř".repeat(60);
        line(&mut out, &format!("SUMMARY:{long}"));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Unfolding gives the line back.
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{long}\r\n"));
    }

    #[test]
    fn an_all_day_event_ends_the_day_after_and_reminds_ahead() {
        let ev = Event {
            uid: "x@psz-monitor".into(),
            start: d("2026-06-30"),
            end: d("2026-06-30"),
            summary: "Uzávěrka sběru dat: 3. vlna, 1. pol. 2026".into(),
            description: "Poslední den".into(),
            url: Some("https://example.cz/zadavani?vlna=3".into()),
            remind_days_before: Some(7),
        };
        let text = ics("PSZ", &[ev], d("2026-12-04"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20260630\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20260701\r\n"));
        assert!(text.contains("DTSTAMP:20261204T000000Z\r\n"));
        assert!(text.contains("SUMMARY:Uzávěrka sběru dat: 3. vlna\\, 1. pol. 2026\r\n"));
        assert!(text.contains("TRIGGER:-P7D\r\n"));
        assert!(!text.contains("\n\n") && !text.replace("\r\n", "").contains('\n'));
    }
}
