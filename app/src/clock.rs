//! Dates as the person reads them: Jira's timestamps shown in the person's own time zone (the
//! `zoneinfo` of `/me`), absolute and relative to the moment the page was made. Formatting happens
//! on the server, so the browser receives finished text and hydration always agrees with it. Also
//! the server's own "now" in Unix seconds, which every expiry it keeps is measured in.

use crate::models::Moment;
use jiff::{fmt::strtime, tz::TimeZone, Timestamp, ZonedDateTime};

/// Seconds since the Unix epoch: the unit of every expiry the server keeps.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// The person's time zone and the current instant.
#[derive(Debug, Clone)]
pub struct Clock {
    zone: TimeZone,
    now: Timestamp,
}

impl Clock {
    /// Now, in the IANA zone `zoneinfo`; UTC when it is missing or unknown.
    pub fn new(zoneinfo: Option<&str>) -> Self {
        Self::at(zoneinfo, Timestamp::now())
    }

    /// A clock stopped at `now` (for tests and for one consistent page).
    pub fn at(zoneinfo: Option<&str>, now: Timestamp) -> Self {
        let zone = zoneinfo
            .and_then(|name| TimeZone::get(name).ok())
            .unwrap_or(TimeZone::UTC);
        Self { zone, now }
    }

    /// A Jira timestamp (`2026-11-20T09:15:00.000+0000`, or RFC 3339) as the person reads it;
    /// `None` when it cannot be read.
    pub fn jira(&self, text: &str) -> Option<Moment> {
        jira_instant(text).map(|instant| self.moment(instant))
    }

    /// A Jira timestamp as Unix seconds (for ordering); `None` when it cannot be read.
    pub fn jira_secs(text: &str) -> Option<i64> {
        jira_instant(text).map(|instant| instant.as_second())
    }

    /// A Unix time as the person reads it.
    pub fn unix(&self, secs: u64) -> Moment {
        self.moment(instant(secs))
    }

    /// The time of day of a Unix time as the person reads it: `14:00 CET`.
    pub fn time_of_day(&self, secs: u64) -> String {
        instant(secs)
            .to_zoned_datetime(self.zone.clone())
            .strftime("%H:%M %Z")
            .to_string()
    }

    fn moment(&self, instant: Timestamp) -> Moment {
        let local: ZonedDateTime = instant.to_zoned_datetime(self.zone.clone());
        Moment {
            iso: local.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            date: local.strftime("%-d %b %Y").to_string(),
            text: local.strftime("%-d %b %Y, %H:%M %Z").to_string(),
            relative: relative(self.now.as_second() - instant.as_second()),
        }
    }
}

/// A Jira timestamp (`2026-11-20T09:15:00.000+0000`, or RFC 3339) as an instant.
fn jira_instant(text: &str) -> Option<Timestamp> {
    strtime::parse("%Y-%m-%dT%H:%M:%S%.f%z", text)
        .and_then(|parsed| parsed.to_timestamp())
        .or_else(|_| text.parse::<Timestamp>())
        .ok()
}

/// A Unix time as an instant (the last one there is, past it).
fn instant(secs: u64) -> Timestamp {
    i64::try_from(secs)
        .ok()
        .and_then(|secs| Timestamp::from_second(secs).ok())
        .unwrap_or(Timestamp::MAX)
}

/// "3 days ago" / "in 2 months" for a difference of `seconds` (positive: in the past).
fn relative(seconds: i64) -> String {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    let magnitude = seconds.abs();
    if magnitude < 45 {
        return "just now".to_owned();
    }
    let (count, unit) = match magnitude {
        m if m < 45 * MINUTE => ((m + MINUTE / 2) / MINUTE, "minute"),
        m if m < 22 * HOUR => ((m + HOUR / 2) / HOUR, "hour"),
        m if m < 26 * DAY => ((m + DAY / 2) / DAY, "day"),
        m if m < 320 * DAY => ((m + 15 * DAY) / (30 * DAY), "month"),
        m => ((m + 182 * DAY) / (365 * DAY), "year"),
    };
    let count = count.max(1);
    match (seconds > 0, count, unit) {
        (true, 1, "day") => "yesterday".to_owned(),
        (false, 1, "day") => "tomorrow".to_owned(),
        (true, 1, unit) => format!("a{} {unit} ago", if unit == "hour" { "n" } else { "" }),
        (true, n, unit) => format!("{n} {unit}s ago"),
        (false, 1, unit) => format!("in a{} {unit}", if unit == "hour" { "n" } else { "" }),
        (false, n, unit) => format!("in {n} {unit}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(zone: &str) -> Clock {
        Clock::at(Some(zone), "2026-11-27T12:00:00Z".parse().unwrap())
    }

    #[test]
    fn jira_times_show_in_the_persons_zone() {
        let berlin = clock("Europe/Berlin")
            .jira("2026-11-20T09:15:00.000+0000")
            .unwrap();
        assert_eq!(berlin.text, "20 Nov 2026, 10:15 CET");
        assert_eq!(berlin.iso, "2026-11-20T10:15:00+01:00");
        assert_eq!(berlin.relative, "7 days ago");
        let tokyo = clock("Asia/Tokyo")
            .jira("2026-11-20T20:15:00.000+0000")
            .unwrap();
        assert_eq!(tokyo.date, "21 Nov 2026", "the date changes with the zone");
        let summer = clock("America/New_York")
            .jira("2026-07-01T16:00:00.000+0000")
            .unwrap();
        assert_eq!(summer.text, "1 Jul 2026, 12:00 EDT");
    }

    #[test]
    fn unknown_zones_and_odd_input_fall_back_quietly() {
        let moment = clock("Mars/Olympus_Mons")
            .jira("2026-11-27T11:59:30Z")
            .unwrap();
        assert_eq!(moment.text, "27 Nov 2026, 11:59 UTC");
        assert_eq!(moment.relative, "just now");
        assert!(clock("UTC").jira("yesterday-ish").is_none());
        assert!(clock("UTC").jira("").is_none());
        assert!(!clock("UTC").unix(u64::MAX).date.is_empty());
    }

    #[test]
    fn relative_times_read_naturally() {
        let cases = [
            (10, "just now"),
            (90, "2 minutes ago"),
            (3_600, "an hour ago"),
            (5 * 3_600, "5 hours ago"),
            (30 * 3_600, "yesterday"),
            (3 * 86_400, "3 days ago"),
            (40 * 86_400, "a month ago"),
            (200 * 86_400, "7 months ago"),
            (400 * 86_400, "a year ago"),
            (3 * 365 * 86_400, "3 years ago"),
            (-2 * 86_400, "in 2 days"),
            (-30 * 3_600, "tomorrow"),
            (-100 * 86_400, "in 3 months"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(relative(seconds), expected, "{seconds} s");
        }
    }
}
