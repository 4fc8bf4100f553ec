//! Dates as the person reads them: Jira's timestamps shown in the person's own time zone (the
//! `zoneinfo` of `/me`) and language (CLDR's formats), absolute and relative to the moment the
//! page was made. Formatting happens on the server, so the browser receives finished text and
//! hydration always agrees with it. Also
//! the server's own "now" in Unix seconds, which every expiry it keeps is measured in.

use crate::{
    i18n::{Formats, Local, RelativeUnit, WrittenInstant},
    models::Moment,
};
use jiff::{tz::TimeZone, Timestamp, ZonedDateTime};
use std::sync::Arc;

/// Seconds since the Unix epoch: the unit of every expiry the server keeps.
pub fn now() -> u64 {
    now_millis() / 1_000
}

/// Milliseconds since the Unix epoch.
pub fn now_millis() -> u64 {
    std::time::UNIX_EPOCH.elapsed().map_or(0, |elapsed| {
        u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
    })
}

/// The person's time zone and locale (language and region), and the current instant.
#[derive(Clone)]
pub struct Clock {
    zone: TimeZone,
    now: Timestamp,
    formats: Arc<Formats>,
}

impl Clock {
    /// Now, in the IANA zone `zoneinfo` (UTC when it is missing or unknown), in a locale's
    /// formats.
    pub fn new(zoneinfo: Option<&str>, formats: Arc<Formats>) -> Self {
        Self::at(zoneinfo, Timestamp::now(), formats)
    }

    /// A clock stopped at `now` (for tests and for one consistent page).
    pub fn at(zoneinfo: Option<&str>, now: Timestamp, formats: Arc<Formats>) -> Self {
        let zone = zoneinfo
            .and_then(|name| TimeZone::get(name).ok())
            .unwrap_or(TimeZone::UTC);
        Self { zone, now, formats }
    }

    /// A Jira timestamp (`2026-11-20T09:15:00.000+0000`, or RFC 3339) as the person reads it;
    /// `None` when it cannot be read.
    pub fn jira(&self, text: &str) -> Option<Moment> {
        jira_instant(text).map(|instant| self.moment(instant))
    }

    /// `moment` written again as this clock reads it: its zone, language and region, relative
    /// to this clock's now (a copy kept from an earlier page, written then, perhaps in another
    /// language). Left as it is when its instant cannot be read.
    pub fn restate(&self, moment: &mut Moment) {
        if let Some(again) = self.jira(&moment.iso) {
            *moment = again;
        }
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
        let instant = instant(secs);
        let local = instant.to_zoned_datetime(self.zone.clone());
        self.formats.time(&self.local(&local, instant))
    }

    fn moment(&self, instant: Timestamp) -> Moment {
        let zone = self.zone.iana_name();
        let written = self
            .formats
            .written(instant.as_nanosecond(), zone, |formats| {
                let zoned: ZonedDateTime = instant.to_zoned_datetime(self.zone.clone());
                let local = self.local(&zoned, instant);
                WrittenInstant {
                    iso: zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                    date: formats.date(&local),
                    text: formats.date_time(&local),
                }
            });
        let (count, unit) = relative(self.now.as_second() - instant.as_second());
        Moment {
            iso: written.iso.clone(),
            date: written.date.clone(),
            text: written.text.clone(),
            relative: self.formats.relative(count, unit),
        }
    }

    fn local<'a>(&'a self, zoned: &ZonedDateTime, instant: Timestamp) -> Local<'a> {
        local(zoned, instant, self.zone.iana_name().unwrap_or("Etc/UTC"))
    }
}

/// A calendar day as Jira's documents give it (an ADF `date` node: the UTC day of a Unix time):
/// `YYYY-MM-DD` for `<time datetime>`, and as the person's language and region write it.
pub fn utc_day(secs: u64, formats: &Formats) -> (String, String) {
    let instant = instant(secs);
    let zoned = instant.to_zoned_datetime(TimeZone::UTC);
    (
        zoned.strftime("%Y-%m-%d").to_string(),
        formats.date(&local(&zoned, instant, "Etc/UTC")),
    )
}

fn local<'a>(zoned: &ZonedDateTime, instant: Timestamp, zone: &'a str) -> Local<'a> {
    let small = |value: i8| u8::try_from(value).unwrap_or(0);
    Local {
        date: (
            i32::from(zoned.year()),
            small(zoned.month()),
            small(zoned.day()),
        ),
        time: (
            small(zoned.hour()),
            small(zoned.minute()),
            small(zoned.second()),
        ),
        zone,
        offset_secs: zoned.offset().seconds(),
        unix_secs: instant.as_second(),
    }
}

/// A Jira timestamp (`2026-11-20T09:15:00.000+0000`, or RFC 3339) as an instant. jiff's
/// Temporal parser reads both (an offset with or without its colon; every field zero-padded, as
/// Jira writes them) in half the instructions of a `strtime` pattern.
fn jira_instant(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}

/// A Unix time as an instant (the last one there is, past it).
fn instant(secs: u64) -> Timestamp {
    i64::try_from(secs)
        .ok()
        .and_then(|secs| Timestamp::from_second(secs).ok())
        .unwrap_or(Timestamp::MAX)
}

/// How far from now a difference of `seconds` is (positive: in the past), in the largest unit
/// that reads naturally: a count of units from now (negative: past), `0` seconds for "now".
fn relative(seconds: i64) -> (i64, RelativeUnit) {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    let magnitude = seconds.abs();
    if magnitude < 45 {
        return (0, RelativeUnit::Second);
    }
    let (count, unit) = match magnitude {
        m if m < 45 * MINUTE => ((m + MINUTE / 2) / MINUTE, RelativeUnit::Minute),
        m if m < 22 * HOUR => ((m + HOUR / 2) / HOUR, RelativeUnit::Hour),
        m if m < 26 * DAY => ((m + DAY / 2) / DAY, RelativeUnit::Day),
        m if m < 320 * DAY => ((m + 15 * DAY) / (30 * DAY), RelativeUnit::Month),
        m => ((m + 182 * DAY) / (365 * DAY), RelativeUnit::Year),
    };
    let count = count.max(1);
    (if seconds > 0 { -count } else { count }, unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn clock_in(zone: &str, lang: Lang) -> Clock {
        let now = "2026-11-27T12:00:00Z".parse().unwrap();
        Clock::at(Some(zone), now, Arc::new(Formats::new(lang.into())))
    }

    fn clock(zone: &str) -> Clock {
        clock_in(zone, Lang::En)
    }

    #[test]
    fn jira_times_show_in_the_persons_zone() {
        let berlin = clock("Europe/Berlin")
            .jira("2026-11-20T09:15:00.000+0000")
            .unwrap();
        assert_eq!(berlin.text, "Nov 20, 2026, 10:15\u{202f}AM GMT+1");
        assert_eq!(berlin.iso, "2026-11-20T10:15:00+01:00");
        assert_eq!(berlin.relative, "7 days ago");
        let tokyo = clock("Asia/Tokyo")
            .jira("2026-11-20T20:15:00.000+0000")
            .unwrap();
        assert_eq!(tokyo.date, "Nov 21, 2026", "the date changes with the zone");
        let summer = clock("America/New_York")
            .jira("2026-07-01T16:00:00.000+0000")
            .unwrap();
        assert_eq!(summer.text, "Jul 1, 2026, 12:00\u{202f}PM EDT");
    }

    #[test]
    fn dates_and_relative_times_follow_the_language() {
        let at = "2026-11-20T09:15:00.000+0000";
        let cases = [
            (
                Lang::De,
                "20.11.2026, 10:15 MEZ",
                "20.11.2026",
                "vor 7 Tagen",
            ),
            (Lang::Ja, "2026/11/20 18:15 JST", "2026/11/20", "7 日前"),
            (
                Lang::Ar,
                "20\u{200f}/11\u{200f}/2026، 10:15 ص غرينتش\u{200e}+1",
                "20\u{200f}/11\u{200f}/2026",
                "قبل 7 أيام",
            ),
        ];
        for (lang, text, date, relative) in cases {
            let zone = if lang == Lang::Ja {
                "Asia/Tokyo"
            } else {
                "Europe/Berlin"
            };
            let moment = clock_in(zone, lang).jira(at).unwrap();
            assert_eq!(
                (
                    moment.text.as_str(),
                    moment.date.as_str(),
                    moment.relative.as_str()
                ),
                (text, date, relative),
                "{lang:?}"
            );
        }
        assert_eq!(
            clock_in("Europe/Berlin", Lang::De).time_of_day(1_795_000_000),
            "12:06 MEZ"
        );
    }

    #[test]
    fn unknown_zones_and_odd_input_fall_back_quietly() {
        let moment = clock("Mars/Olympus_Mons")
            .jira("2026-11-27T11:59:30Z")
            .unwrap();
        assert_eq!(moment.text, "Nov 27, 2026, 11:59\u{202f}AM UTC");
        assert_eq!(moment.relative, "now");
        assert!(clock("UTC").jira("yesterday-ish").is_none());
        assert!(clock("UTC").jira("").is_none());
        assert!(!clock("UTC").unix(u64::MAX).date.is_empty());
    }

    #[test]
    fn a_moment_restated_later_reads_from_then_in_the_new_language() {
        let mut moment = clock("Europe/Berlin").jira("2026-11-27T11:55:00Z").unwrap();
        assert_eq!(moment.relative, "5 minutes ago");
        let later = "2026-11-27T14:00:00Z".parse().unwrap();
        let german = Formats::new(Lang::De.into());
        Clock::at(Some("Asia/Tokyo"), later, Arc::new(german)).restate(&mut moment);
        assert_eq!(moment.relative, "vor 2 Stunden");
        assert_eq!(moment.text, "27.11.2026, 20:55 GMT+9");
        let mut unreadable = Moment {
            iso: "not a time".into(),
            ..moment.clone()
        };
        clock("UTC").restate(&mut unreadable);
        assert_eq!(unreadable.text, moment.text, "left as it was");
    }

    #[test]
    fn an_instant_written_before_reads_as_if_written_anew_in_each_locale_and_zone() {
        use crate::i18n::{Catalogue, Locale, Region};
        let catalogue = Arc::new(Catalogue::load().unwrap());
        let british = Locale {
            lang: Lang::En,
            region: Region::parse("GB"),
        };
        let instants = [
            "2026-11-20T09:15:00.000+0000",
            "2026-11-20T09:15:01.000+0000",
            "1969-12-31T23:59:55.000+0000",
            "1969-12-31T23:59:54.123+0000",
        ];
        let locales = [Lang::En.into(), british, Lang::De.into(), Lang::Ja.into()];
        for now in ["2026-11-20T09:20:00Z", "2026-11-27T12:00:00Z"] {
            let now: Timestamp = now.parse().unwrap();
            for locale in locales {
                for zone in ["Europe/Berlin", "Asia/Tokyo", "America/New_York"] {
                    let kept = Clock::at(Some(zone), now, catalogue.words(locale).formats());
                    let anew = Clock::at(Some(zone), now, Arc::new(Formats::new(locale)));
                    for when in instants {
                        assert_eq!(kept.jira(when), anew.jira(when), "{when}, {locale}, {zone}");
                    }
                }
            }
        }
    }

    #[test]
    fn jira_timestamps_read_in_each_form_it_sends() {
        let utc = clock("UTC");
        for form in [
            "2026-11-20T03:45:00.000-0530",
            "2026-11-20T10:15:00.000+0100",
            "2026-11-20T09:15:00+00:00",
            "2026-11-20T09:15:00Z",
            "2026-11-20T09:15:00.999+0000",
        ] {
            assert_eq!(
                utc.jira(form).unwrap().iso,
                "2026-11-20T09:15:00+00:00",
                "{form}"
            );
        }
        assert_eq!(
            Clock::jira_secs("2026-11-20T09:15:00.000+0000"),
            Some(1_795_166_100)
        );
        assert!(utc.jira("2026-11-20 09:15").is_none());
    }

    #[test]
    fn relative_times_read_naturally() {
        let cases = [
            (10, "now"),
            (90, "2 minutes ago"),
            (3_600, "1 hour ago"),
            (5 * 3_600, "5 hours ago"),
            (30 * 3_600, "yesterday"),
            (3 * 86_400, "3 days ago"),
            (40 * 86_400, "1 month ago"),
            (200 * 86_400, "7 months ago"),
            (400 * 86_400, "1 year ago"),
            (3 * 365 * 86_400, "3 years ago"),
            (-2 * 86_400, "in 2 days"),
            (-30 * 3_600, "tomorrow"),
            (-100 * 86_400, "in 3 months"),
        ];
        let formats = Formats::new(Lang::En.into());
        for (seconds, expected) in cases {
            let (count, unit) = relative(seconds);
            assert_eq!(formats.relative(count, unit), expected, "{seconds} s");
        }
    }
}
