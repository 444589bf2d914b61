//! "Today" as the server sees it: the system's date (UTC), or a fixed date a test sets.
//!
//! One [`Clock`] is shared by the schema (milestones' default `asOf`) and the response cache
//! (kept responses are keyed by the date too, so an answer that depends on today is not served
//! after midnight).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use shared::Date;

/// No fixed date: the system's.
const SYSTEM: i64 = i64::MIN;

/// Today's date, from the system or fixed; clones share the same setting.
#[derive(Debug, Clone)]
pub struct Clock(Arc<AtomicI64>);

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

impl Clock {
    /// The system's date (production).
    pub fn system() -> Clock {
        Clock(Arc::new(AtomicI64::new(SYSTEM)))
    }

    /// A clock stopped at `date`.
    pub fn fixed(date: Date) -> Clock {
        let clock = Clock::system();
        clock.set(Some(date));
        clock
    }

    /// Fixes today at `date` (every clone sees it), or with `None` returns to the system's.
    pub fn set(&self, date: Option<Date>) {
        self.0.store(
            date.map_or(SYSTEM, Date::days_since_epoch),
            Ordering::Relaxed,
        );
    }

    /// Today (UTC).
    pub fn today(&self) -> Date {
        match self.0.load(Ordering::Relaxed) {
            SYSTEM => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                Date::from_days_since_epoch((secs / 86_400) as i64)
            }
            days => Date::from_days_since_epoch(days),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_date_holds_for_every_clone_until_released() {
        let clock = Clock::system();
        let system = clock.today();
        assert!(system.year() >= 2025, "{system}");
        let d = Date::new(2025, 6, 30).unwrap();
        let shared = clock.clone();
        clock.set(Some(d));
        assert_eq!(shared.today(), d);
        clock.set(Date::new(2025, 7, 1));
        assert_eq!(shared.today().to_string(), "2025-07-01");
        clock.set(None);
        assert!(shared.today() >= system);
        assert_eq!(Clock::fixed(d).today(), d);
    }
}
