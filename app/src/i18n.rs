//! The person's language: the languages the app speaks, which one a request is served in, and (on
//! the server) the Fluent catalogues every word of a page comes from, with CLDR's plural rules and
//! number formats.
//!
//! Pages are rendered on the server, so the catalogues stay there: islands receive the few words
//! they show as props, already in the person's language, and the WASM carries no catalogue.

use serde::{Deserialize, Serialize};

/// A language the app speaks; its catalogue is `app/locales/<tag>/`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// German.
    De,
    /// Japanese.
    Ja,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language the app speaks, in the order the language control lists them.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::De, Lang::Ja, Lang::Ar];

    /// The BCP 47 tag: `<html lang>`, the form's value, the catalogue's folder.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Ja => "ja",
            Lang::Ar => "ar",
        }
    }

    /// The language's name in itself, as language pickers list them.
    pub const fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Ja => "日本語",
            Lang::Ar => "العربية",
        }
    }

    /// Written right to left.
    pub const fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }

    /// `<html dir>`.
    pub const fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The language with exactly this tag (`de`), as the language control sends it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|lang| lang.tag() == tag)
    }
}

/// A region (`GB`, `CH`, `419`): whose conventions a language's dates and times follow (en-GB
/// writes `20 Nov 2026, 09:15 GMT` where en-US writes `Nov 20, 2026, 9:15 AM GMT+0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    code: [u8; 3],
    len: u8,
}

impl Region {
    /// A BCP 47 region subtag: two letters (any case) or three digits.
    pub fn parse(code: &str) -> Option<Self> {
        let bytes = code.as_bytes();
        let valid = match bytes.len() {
            2 => bytes.iter().all(u8::is_ascii_alphabetic),
            3 => bytes.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        valid.then(|| {
            let mut region = Self {
                code: [0; 3],
                len: 0,
            };
            for (slot, byte) in region.code.iter_mut().zip(bytes) {
                *slot = byte.to_ascii_uppercase();
            }
            region.len = if bytes.len() == 2 { 2 } else { 3 };
            region
        })
    }

    /// The subtag, upper case.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.code[..usize::from(self.len)]).unwrap_or_default()
    }
}

/// What a request is served in: the language of its words and the region its dates follow
/// (none: the language's own, CLDR's default for it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Locale {
    /// The language of the words.
    pub lang: Lang,
    /// The region of the dates and times.
    pub region: Option<Region>,
}

impl From<Lang> for Locale {
    fn from(lang: Lang) -> Self {
        Self { lang, region: None }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.lang.tag())?;
        if let Some(region) = &self.region {
            write!(f, "-{}", region.as_str())?;
        }
        Ok(())
    }
}

/// A value for a placeholder of a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text, shown as it is.
    Text(&'a str),
    /// A number: formatted by the locale's rules (whole, or to a tenth when it has a fraction),
    /// and what plural variants select on.
    Number(f64),
    /// A number always written to one decimal place (`20.0`), by the locale's rules.
    Tenths(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

macro_rules! number_args {
    ($($number:ty),*) => {$(
        impl From<$number> for Arg<'_> {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(number: $number) -> Self {
                Arg::Number(number as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A message of the person's language: `t!(i18n, "id")`, or with placeholders
/// `t!(i18n, "id", count = 3, site = &name)`.
#[macro_export]
macro_rules! t {
    ($i18n:expr, $id:literal) => {
        $i18n.text($id, &[])
    };
    ($i18n:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $i18n.text($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// Declares the words an island shows: a struct of `String` fields (and at most one last field
/// of another such type, or a `Vec<String>` of the rest) that crosses to the browser as one JSON
/// array, so that every island shares one decoder. A derived decoder per struct cost the WASM about a kilobyte each.
#[macro_export]
macro_rules! island_words {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $($(#[$field_meta:meta])* $field:ident),+ $(,)?
            $(; $(#[$tail_meta:meta])* $tail:ident: $tail_type:ty)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(from = "Vec<String>", into = "Vec<String>")]
        $vis struct $name {
            $($(#[$field_meta])* pub $field: String,)+
            $($(#[$tail_meta])* pub $tail: $tail_type,)?
        }

        impl From<Vec<String>> for $name {
            fn from(words: Vec<String>) -> Self {
                let mut words = words.into_iter();
                $(let $field = words.next().unwrap_or_default();)+
                Self {
                    $($field,)+
                    $($tail: <$tail_type>::from(words.collect::<Vec<String>>()),)?
                }
            }
        }

        impl From<$name> for Vec<String> {
            fn from(words: $name) -> Self {
                let all = vec![$(words.$field),+];
                $(let all = {
                    let mut all = all;
                    all.extend(Vec::<String>::from(words.$tail));
                    all
                };)?
                all
            }
        }
    };
}

/// The words of one request: the person's language and, on the server, its catalogue. Cheap to
/// clone; pages take it from the Leptos context with [`use_i18n`].
#[derive(Clone, Default)]
pub struct I18n {
    locale: Locale,
    #[cfg(feature = "ssr")]
    catalogue: Option<std::sync::Arc<Catalogue>>,
    /// The locale's date formats, looked up once when the words are made.
    #[cfg(feature = "ssr")]
    formats: Option<std::sync::Arc<Formats>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("locale", &self.locale)
            .finish()
    }
}

impl I18n {
    /// The language of this request.
    pub fn lang(&self) -> Lang {
        self.locale.lang
    }

    /// The language and region of this request.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The message `id` with its placeholders filled; the id itself when the catalogue lacks it
    /// (which the catalogue tests rule out for every id the code uses).
    pub fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        #[cfg(feature = "ssr")]
        if let Some(catalogue) = &self.catalogue {
            return catalogue.text(self.locale.lang, id, args);
        }
        let _ = args;
        id.to_owned()
    }

    /// `T`'s words in this request's language (on the server, made once per language from the
    /// language alone, whatever the region of whoever asked first).
    pub fn kept<T: LanguageWords>(&self) -> T {
        #[cfg(feature = "ssr")]
        if let Some(catalogue) = &self.catalogue {
            return catalogue.kept(self.locale.lang);
        }
        T::make(self)
    }
}

/// Words that depend on nothing but the language, such as an island's (sent with every page
/// that has the island): the server makes them once per language and keeps them.
pub trait LanguageWords: Clone + Send + Sync + 'static {
    /// The words in `i18n`'s language.
    fn make(i18n: &I18n) -> Self;
}

/// This request's words, as the server provided them (English without a catalogue otherwise).
pub fn use_i18n() -> I18n {
    leptos::prelude::use_context::<I18n>().unwrap_or_default()
}

#[cfg(feature = "ssr")]
pub use server::{negotiate, Catalogue, Formats, Local, RelativeUnit, WrittenInstant};

#[cfg(feature = "ssr")]
impl I18n {
    /// CLDR's date, time and relative-time formats of this request's language and region.
    pub fn formats(&self) -> std::sync::Arc<Formats> {
        self.formats
            .clone()
            .unwrap_or_else(|| std::sync::Arc::new(Formats::new(self.locale)))
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::{Arg, I18n, Lang, LanguageWords, Locale, Region};
    use fluent_bundle::{
        concurrent::FluentBundle,
        types::{FluentNumber, FluentNumberOptions},
        FluentArgs, FluentResource, FluentValue,
    };
    use icu_calendar::Gregorian;
    use icu_datetime::{
        fieldsets::{self, zone, Combo},
        input::{Date, Time, TimeZone, TimeZoneInfo, UtcOffset, ZonedDateTime},
        options::TimePrecision,
        FixedCalendarDateTimeFormatter,
    };
    use icu_decimal::{input::Decimal, DecimalFormatter};
    use icu_experimental::relativetime::{
        options::Numeric, RelativeTimeFormatter, RelativeTimeFormatterOptions,
    };
    use icu_locale_core::Locale as IcuLocale;
    use icu_time::zone::{models::AtTime, ZoneNameTimestamp};
    use intl_memoizer::{concurrent::IntlLangMemoizer, Memoizable};
    use std::{
        any::{Any, TypeId},
        borrow::Cow,
        sync::Arc,
    };
    use unic_langid::LanguageIdentifier;

    /// The catalogue files of a language, in `app/locales/<tag>/`.
    macro_rules! files {
        ($tag:literal: $($file:literal),+) => {
            [$((
                concat!($tag, "/", $file, ".ftl"),
                include_str!(concat!("../locales/", $tag, "/", $file, ".ftl")),
            )),+]
        };
    }

    /// Every catalogue file, per language (the same files for each).
    const FILES: [(Lang, [(&str, &str); 4]); 4] = [
        (
            Lang::En,
            files!("en": "app", "dashboard", "issue", "search"),
        ),
        (
            Lang::De,
            files!("de": "app", "dashboard", "issue", "search"),
        ),
        (
            Lang::Ja,
            files!("ja": "app", "dashboard", "issue", "search"),
        ),
        (
            Lang::Ar,
            files!("ar": "app", "dashboard", "issue", "search"),
        ),
    ];

    /// How many regions' verdicts are kept: more than CLDR has regions for the app's languages
    /// (about 140), so each region a person's locale names is looked at once. Past that (a client
    /// naming made-up regions), the cache admits what is asked for often, and a region it turns
    /// away is looked at again when asked for (tens of microseconds).
    const REGIONAL_FORMATS: u64 = 256;

    /// How many sets of [`LanguageWords`] are kept: every language's of every type, with room.
    const KEPT_WORDS: u64 = 256;

    /// Every language's messages and formats, read once at start-up, and regions' formats as
    /// requests ask for them.
    pub struct Catalogue {
        bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
        formats: Vec<(Lang, Arc<Formats>)>,
        /// Each region's formats; `None` for a region whose dates read as its language's.
        regional: moka::sync::Cache<Locale, Option<Arc<Formats>>>,
        /// Words made once per language, by language and type ([`LanguageWords`]).
        kept: moka::sync::Cache<(Lang, TypeId), Arc<dyn Any + Send + Sync>>,
        /// Instants written by any of these formats.
        instants: KeptInstants,
    }

    impl Catalogue {
        /// Parses every catalogue file; the error names the file and what is wrong in it.
        pub fn load() -> Result<Self, String> {
            let mut bundles = Vec::with_capacity(FILES.len());
            let mut formats = Vec::with_capacity(FILES.len());
            let instants = moka::sync::Cache::new(KEPT_INSTANTS);
            for (lang, files) in FILES {
                let lang_formats = Formats::new(lang.into()).keeping(&instants);
                if !lang_formats.complete() {
                    return Err(format!("{}: CLDR formats missing", lang.tag()));
                }
                formats.push((lang, Arc::new(lang_formats)));
                let id: LanguageIdentifier = lang
                    .tag()
                    .parse()
                    .map_err(|error| format!("language tag {}: {error}", lang.tag()))?;
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Unicode isolation marks keep a placeholder's own direction inside
                // right-to-left sentences. Left-to-right languages go without: the marks would
                // reach accessible names and copied text, and their placeholders are mostly
                // Latin; a right-to-left name in one of their sentences can pull neighbouring
                // punctuation into its run (the page marks Jira's text `dir="auto"` where it
                // stands alone).
                bundle.set_use_isolating(lang.is_rtl());
                bundle.set_formatter(Some(format_number));
                for (path, source) in files {
                    let resource = FluentResource::try_new(source.to_owned())
                        .map_err(|(_, errors)| format!("locales/{path}: {errors:?}"))?;
                    bundle
                        .add_resource(resource)
                        .map_err(|errors| format!("locales/{path}: {errors:?}"))?;
                }
                bundles.push((lang, bundle));
            }
            Ok(Self {
                bundles,
                formats,
                regional: moka::sync::Cache::new(REGIONAL_FORMATS),
                kept: moka::sync::Cache::new(KEPT_WORDS),
                instants,
            })
        }

        /// The formats of `locale`: its region's, or its language's when it names none or its
        /// region's dates read as the language's.
        pub fn formats(&self, locale: Locale) -> Arc<Formats> {
            locale
                .region
                .and_then(|_| self.regional(locale))
                .unwrap_or_else(|| self.language_formats(locale.lang))
        }

        /// `locale` as far as it changes what a person reads: without its region when the
        /// region's dates read as its language's (one CLDR does not know, such as `en-ZZ`, or
        /// one its language follows, such as `en-US`), so that what is kept per locale is kept
        /// once for them all.
        pub fn canonical(&self, locale: Locale) -> Locale {
            if locale.region.is_some() && self.regional(locale).is_none() {
                locale.lang.into()
            } else {
                locale
            }
        }

        fn language_formats(&self, lang: Lang) -> Arc<Formats> {
            self.formats.iter().find(|(of, _)| *of == lang).map_or_else(
                || Arc::new(Formats::new(lang.into())),
                |(_, f)| Arc::clone(f),
            )
        }

        /// The formats of a region that writes dates its own way.
        fn regional(&self, locale: Locale) -> Option<Arc<Formats>> {
            self.regional.get_with(locale, || {
                let regional = Formats::new(locale);
                let own =
                    regional.complete() && !regional.reads_as(&self.language_formats(locale.lang));
                own.then(|| Arc::new(regional.keeping(&self.instants)))
            })
        }

        /// One request's words in `locale`'s language, its dates in the region's formats.
        pub fn words(self: &Arc<Self>, locale: impl Into<Locale>) -> I18n {
            let locale = locale.into();
            I18n {
                locale,
                catalogue: Some(Arc::clone(self)),
                formats: Some(self.formats(locale)),
            }
        }

        /// `T`'s words in `lang`: made the first time, then kept.
        pub(super) fn kept<T: LanguageWords>(self: &Arc<Self>, lang: Lang) -> T {
            let make = || T::make(&self.words(lang));
            let kept = self.kept.get_with((lang, TypeId::of::<T>()), || {
                Arc::new(make()) as Arc<dyn Any + Send + Sync>
            });
            kept.downcast_ref::<T>().cloned().unwrap_or_else(make)
        }

        fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
            self.bundles
                .iter()
                .find(|(of, _)| *of == lang)
                .map(|(_, bundle)| bundle)
        }

        /// Message `id` of `lang` with `args`; English when `lang` lacks it, the id when
        /// English does too.
        pub(super) fn text(&self, lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
            let found = [lang, Lang::En].into_iter().find_map(|lang| {
                let bundle = self.bundle(lang)?;
                let pattern = bundle.get_message(id)?.value()?;
                Some((bundle, pattern))
            });
            let Some((bundle, pattern)) = found else {
                tracing::warn!(id, "message missing from the catalogue");
                return id.to_owned();
            };
            let fluent_args = (!args.is_empty()).then(|| {
                args.iter()
                    .map(|&(name, value)| {
                        let value = match value {
                            Arg::Text(text) => FluentValue::String(Cow::Borrowed(text)),
                            Arg::Number(number) => FluentValue::Number(FluentNumber::from(number)),
                            Arg::Tenths(number) => FluentValue::Number(FluentNumber::new(
                                number,
                                FluentNumberOptions {
                                    minimum_fraction_digits: Some(1),
                                    maximum_fraction_digits: Some(1),
                                    ..FluentNumberOptions::default()
                                },
                            )),
                        };
                        (name, value)
                    })
                    .collect::<FluentArgs<'_>>()
            });
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, fluent_args.as_ref(), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id, ?errors, "message formatted with errors");
            }
            text.into_owned()
        }

        /// The ids of every message of `lang`'s catalogue.
        #[cfg(test)]
        pub fn ids(&self, lang: Lang) -> Vec<String> {
            FILES
                .iter()
                .filter(|(of, _)| *of == lang)
                .flat_map(|(_, files)| files.iter())
                .filter_map(|(_, source)| FluentResource::try_new((*source).to_owned()).ok())
                .flat_map(|resource| {
                    resource
                        .entries()
                        .filter_map(|entry| match entry {
                            fluent_syntax::ast::Entry::Message(message) => {
                                Some(message.id.name.to_owned())
                            }
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        }
    }

    /// A unit of relative time ("3 days ago").
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum RelativeUnit {
        /// Seconds (only "now" is shown in it).
        Second,
        /// Minutes.
        Minute,
        /// Hours.
        Hour,
        /// Days ("yesterday" for -1).
        Day,
        /// Months.
        Month,
        /// Years.
        Year,
    }

    type DateFormat = FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>;
    type DateTimeFormat =
        FixedCalendarDateTimeFormatter<Gregorian, Combo<fieldsets::YMDT, zone::SpecificShort>>;
    type TimeFormat =
        FixedCalendarDateTimeFormatter<Gregorian, Combo<fieldsets::T, zone::SpecificShort>>;

    /// CLDR's formats of one language, or of a language in a region: dates in the Gregorian
    /// calendar (Jira's), times with the zone's short name where the locale has one and its
    /// offset otherwise, and relative times. A format whose data could not be loaded is `None` and shows ISO 8601 instead;
    /// [`Catalogue::load`] refuses to start without every one.
    pub struct Formats {
        locale: Locale,
        date: Option<DateFormat>,
        date_time: Option<DateTimeFormat>,
        time: Option<TimeFormat>,
        relative: Vec<(RelativeUnit, RelativeTimeFormatter)>,
        /// Where instants written in these formats are kept (the catalogue's formats share one).
        instants: Option<KeptInstants>,
    }

    /// How many instants written in a locale and zone are kept (about 500 bytes each, with the
    /// cache's own).
    const KEPT_INSTANTS: u64 = 20_000;

    /// Instants as pages write them, by locale, IANA zone and instant (nanoseconds since the
    /// Unix epoch): writing one through ICU was the most of a page's dates' cost, and a page
    /// shows mostly the instants it showed the last time (when its issue was made, commented
    /// on, updated).
    type KeptInstants = moka::sync::Cache<(Locale, i128, Box<str>), Arc<WrittenInstant>>;

    /// An instant as a page writes it, apart from how long ago it was.
    pub struct WrittenInstant {
        /// RFC 3339 with the zone's offset.
        pub iso: String,
        /// The date ([`Formats::date`]).
        pub date: String,
        /// The date and time ([`Formats::date_time`]).
        pub text: String,
    }

    /// A local date and time and the zone it is in, as [`Formats`] reads them.
    pub struct Local<'a> {
        /// Year, month (1–12), day.
        pub date: (i32, u8, u8),
        /// Hour, minute, second.
        pub time: (u8, u8, u8),
        /// The IANA zone name (`Europe/Berlin`).
        pub zone: &'a str,
        /// The zone's offset from UTC at that moment, in seconds.
        pub offset_secs: i32,
        /// The moment, in Unix seconds (which of the zone's names applies).
        pub unix_secs: i64,
    }

    impl Formats {
        /// The formats of `locale`. A region's keep the language's digits (Latin, in each of the
        /// app's languages), as the page's other numbers do: `ar-EG` alone would write its dates
        /// in Arabic-Indic digits beside Latin counts.
        pub fn new(locale: Locale) -> Self {
            let tag = match locale.region {
                Some(_) => format!("{locale}-u-nu-latn"),
                None => locale.to_string(),
            };
            let icu: Option<IcuLocale> = tag.parse().ok();
            let Some(icu) = icu else {
                return Self {
                    locale,
                    date: None,
                    date_time: None,
                    time: None,
                    relative: Vec::new(),
                    instants: None,
                };
            };
            let minutes =
                |fields: fieldsets::YMDT| fields.with_time_precision(TimePrecision::Minute);
            // "now", "yesterday", "tomorrow" where the count is a rounded difference that means
            // them; months and years are counted ("1 month ago"), since "last month" names a
            // calendar month the rounded difference may not be in.
            let options = RelativeTimeFormatterOptions::default().with_numeric(Numeric::Auto);
            let counted = RelativeTimeFormatterOptions::default().with_numeric(Numeric::Always);
            let prefs = || (&icu).into();
            let relative = [
                (
                    RelativeUnit::Second,
                    RelativeTimeFormatter::try_new_long_second(prefs(), options),
                ),
                (
                    RelativeUnit::Minute,
                    RelativeTimeFormatter::try_new_long_minute(prefs(), counted),
                ),
                (
                    RelativeUnit::Hour,
                    RelativeTimeFormatter::try_new_long_hour(prefs(), counted),
                ),
                (
                    RelativeUnit::Day,
                    RelativeTimeFormatter::try_new_long_day(prefs(), options),
                ),
                (
                    RelativeUnit::Month,
                    RelativeTimeFormatter::try_new_long_month(prefs(), counted),
                ),
                (
                    RelativeUnit::Year,
                    RelativeTimeFormatter::try_new_long_year(prefs(), counted),
                ),
            ];
            Self {
                locale,
                date: DateFormat::try_new((&icu).into(), fieldsets::YMD::medium()).ok(),
                date_time: DateTimeFormat::try_new(
                    (&icu).into(),
                    minutes(fieldsets::YMDT::medium()).with_zone(zone::SpecificShort),
                )
                .ok(),
                time: TimeFormat::try_new(
                    (&icu).into(),
                    fieldsets::T::short()
                        .with_time_precision(TimePrecision::Minute)
                        .with_zone(zone::SpecificShort),
                )
                .ok(),
                relative: relative
                    .into_iter()
                    .filter_map(|(unit, formatter)| Some((unit, formatter.ok()?)))
                    .collect(),
                instants: None,
            }
        }

        /// These formats, keeping the instants they write in `instants`.
        fn keeping(self, instants: &KeptInstants) -> Self {
            Self {
                instants: Some(instants.clone()),
                ..self
            }
        }

        /// An instant (nanoseconds since the Unix epoch) in the IANA zone `zone` as `write`
        /// writes it in these formats: kept for the next page that shows it, when these are the
        /// catalogue's formats and the zone has a name.
        pub fn written(
            &self,
            unix_nanos: i128,
            zone: Option<&str>,
            write: impl FnOnce(&Self) -> WrittenInstant,
        ) -> Arc<WrittenInstant> {
            match (&self.instants, zone) {
                (Some(kept), Some(zone)) => kept
                    .get_with((self.locale, unix_nanos, zone.into()), || {
                        Arc::new(write(self))
                    }),
                _ => Arc::new(write(self)),
            }
        }

        /// Whether these formats write a winter's and a summer's morning and evening, in three
        /// zones, and times relative to now, exactly as `other` does.
        fn reads_as(&self, other: &Formats) -> bool {
            let moments = [
                ((2026, 1, 5), (9, 5, 0), "Europe/London", 0, 1_767_603_900),
                (
                    (2026, 7, 20),
                    (21, 5, 0),
                    "Europe/London",
                    3_600,
                    1_784_577_900,
                ),
                (
                    (2026, 1, 20),
                    (21, 5, 0),
                    "America/New_York",
                    -18_000,
                    1_768_961_100,
                ),
                (
                    (2026, 7, 20),
                    (9, 5, 0),
                    "Asia/Tokyo",
                    32_400,
                    1_784_505_900,
                ),
            ];
            let same_moments = moments
                .iter()
                .all(|&(date, time, zone, offset_secs, unix_secs)| {
                    let local = Local {
                        date,
                        time,
                        zone,
                        offset_secs,
                        unix_secs,
                    };
                    self.date_time(&local) == other.date_time(&local)
                        && self.date(&local) == other.date(&local)
                        && self.time(&local) == other.time(&local)
                });
            let units = [
                RelativeUnit::Second,
                RelativeUnit::Minute,
                RelativeUnit::Hour,
                RelativeUnit::Day,
                RelativeUnit::Month,
                RelativeUnit::Year,
            ];
            same_moments
                && units.into_iter().all(|unit| {
                    [-2, -1, 0, 1, 3]
                        .into_iter()
                        .all(|count| self.relative(count, unit) == other.relative(count, unit))
                })
        }

        /// Every format loaded.
        fn complete(&self) -> bool {
            self.date.is_some()
                && self.date_time.is_some()
                && self.time.is_some()
                && self.relative.len() == 6
        }

        /// `20 Nov 2026` / `20.11.2026` / `2026/11/20`.
        pub fn date(&self, local: &Local<'_>) -> String {
            let (year, month, day) = local.date;
            match (&self.date, Date::try_new_gregorian(year, month, day)) {
                (Some(format), Ok(date)) => format.format(&date).to_string(),
                _ => format!("{year:04}-{month:02}-{day:02}"),
            }
        }

        /// `20 Nov 2026, 10:15 CET`, as the language writes it.
        pub fn date_time(&self, local: &Local<'_>) -> String {
            match (
                &self.date_time,
                Date::try_new_gregorian(local.date.0, local.date.1, local.date.2),
            ) {
                (Some(format), Ok(date)) => format
                    .format(&ZonedDateTime {
                        date,
                        time: time_of(local),
                        zone: zone_of(local),
                    })
                    .to_string(),
                _ => format!(
                    "{} {:02}:{:02}",
                    self.date(local),
                    local.time.0,
                    local.time.1
                ),
            }
        }

        /// `10:15 CET`.
        pub fn time(&self, local: &Local<'_>) -> String {
            let (year, month, day) = local.date;
            match (&self.time, Date::try_new_gregorian(year, month, day)) {
                (Some(format), Ok(date)) => format
                    .format(&ZonedDateTime {
                        date,
                        time: time_of(local),
                        zone: zone_of(local),
                    })
                    .to_string(),
                _ => format!("{:02}:{:02}", local.time.0, local.time.1),
            }
        }

        /// `3 days ago`, `in 2 months`, `yesterday`, `now`: `count` units from now (negative:
        /// past).
        pub fn relative(&self, count: i64, unit: RelativeUnit) -> String {
            self.relative
                .iter()
                .find(|(of, _)| *of == unit)
                .map_or_else(
                    || format!("{count} {unit:?}"),
                    |(_, format)| format.format(Decimal::from(count)).to_string(),
                )
        }
    }

    fn time_of(local: &Local<'_>) -> Time {
        let (hour, minute, second) = local.time;
        Time::try_new(hour, minute, second, 0).unwrap_or(Time::start_of_day())
    }

    fn zone_of(local: &Local<'_>) -> TimeZoneInfo<AtTime> {
        TimeZone::from_iana_id(local.zone)
            .with_offset(UtcOffset::try_from_seconds(local.offset_secs).ok())
            .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(local.unix_secs))
    }

    /// The locale's decimal format (digits, grouping) for Fluent's numbers, made once per
    /// language by the bundle's memoizer.
    struct Digits(DecimalFormatter);

    impl Memoizable for Digits {
        type Args = ();
        type Error = String;

        fn construct(lang: LanguageIdentifier, (): ()) -> Result<Self, String> {
            let locale: IcuLocale = lang
                .to_string()
                .parse()
                .map_err(|error| format!("{error}"))?;
            DecimalFormatter::try_new(locale.into(), Default::default())
                .map(Digits)
                .map_err(|error| format!("{error}"))
        }
    }

    /// Fluent's hook for numbers: CLDR's decimal format of the bundle's language, to the
    /// number's fraction digits (whole numbers and tenths are all the app shows).
    fn format_number(value: &FluentValue<'_>, memoizer: &IntlLangMemoizer) -> Option<String> {
        let FluentValue::Number(number) = value else {
            return None;
        };
        let digits = number
            .options
            .minimum_fraction_digits
            .unwrap_or_else(|| decimals(number.value));
        // A whole number needs no rounding: straight to a decimal, without writing the float
        // out and reading it back (a count on every page; `{:.0}` of one is Dragon4's work).
        let decimal: Decimal = match whole(number.value) {
            Some(whole) if digits == 0 => Decimal::from(whole),
            _ => format!("{:.*}", digits, number.value).parse().ok()?,
        };
        memoizer
            .with_try_get::<Digits, _, _>((), |digits| digits.0.format(&decimal).to_string())
            .ok()
    }

    /// `value` as an integer, when it is a whole number an `i64` holds exactly (not -0, which
    /// is written with its sign).
    fn whole(value: f64) -> Option<i64> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        let negative_zero = value == 0.0 && value.is_sign_negative();
        (value.fract() == 0.0 && value.abs() <= EXACT && !negative_zero).then_some(value as i64)
    }

    /// Decimal places to show: none for whole numbers, else one.
    fn decimals(value: f64) -> usize {
        if value.fract() == 0.0 {
            0
        } else {
            1
        }
    }

    /// The locale to serve. Its language: the one the person chose on the page, else their
    /// Atlassian profile's (`de-DE`, `ja_JP`), else the best of the browser's `Accept-Language`,
    /// else English. Its region: that of the first of the profile's locale and the browser's
    /// ranges (most wanted first) in that language that names one, so that someone who chose
    /// English and whose browser asks for `en-GB` reads British dates.
    pub fn negotiate(chosen: Option<Lang>, profile: Option<&str>, accept: Option<&str>) -> Locale {
        let profile = profile.and_then(|locale| locale.replace('_', "-").parse().ok());
        let accepted = accept.map(accepted_ranges).unwrap_or_default();
        let lang = chosen
            .or_else(|| matching(profile.as_slice()))
            .or_else(|| matching(&accepted))
            .unwrap_or_default();
        let region = profile
            .iter()
            .chain(&accepted)
            .filter(|id| id.language.as_str() == lang.tag())
            .find_map(|id| Region::parse(id.region?.as_str()));
        Locale { lang, region }
    }

    /// An `Accept-Language` header's ranges in the order of their `q` (the header's order among
    /// equals), without those with `q=0` (ones the browser refuses).
    fn accepted_ranges(header: &str) -> Vec<LanguageIdentifier> {
        let mut ranges: Vec<(f32, LanguageIdentifier)> = header
            .split(',')
            .take(MAX_RANGES)
            .filter_map(|range| {
                let mut parts = range.split(';');
                let tag = parts.next()?.trim();
                let q = parts
                    .find_map(|part| part.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                let id = tag.parse().ok()?;
                (q > 0.0 && q <= 1.0).then_some((q, id))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranges.into_iter().map(|(_, id)| id).collect()
    }

    /// The most `Accept-Language` ranges read (browsers send a handful).
    const MAX_RANGES: usize = 32;

    /// Ours that best matches `requested`, by language (`de-AT` is German).
    fn matching(requested: &[LanguageIdentifier]) -> Option<Lang> {
        if requested.is_empty() {
            return None;
        }
        let available: Vec<LanguageIdentifier> = Lang::ALL
            .iter()
            .filter_map(|lang| lang.tag().parse().ok())
            .collect();
        let best = fluent_langneg::negotiate_languages(
            requested,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        let best = best.first()?.to_string();
        Lang::from_tag(&best)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn words(lang: Lang) -> I18n {
        Arc::new(Catalogue::load().unwrap()).words(lang)
    }

    fn language(chosen: Option<Lang>, profile: Option<&str>, accept: Option<&str>) -> Lang {
        negotiate(chosen, profile, accept).lang
    }

    fn region(chosen: Option<Lang>, profile: Option<&str>, accept: Option<&str>) -> String {
        negotiate(chosen, profile, accept).to_string()
    }

    #[test]
    fn language_words_are_made_once_per_language_and_read_as_made() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static MADE: AtomicUsize = AtomicUsize::new(0);
        #[derive(Clone)]
        struct Words(String, String);
        impl LanguageWords for Words {
            fn make(i18n: &I18n) -> Self {
                MADE.fetch_add(1, Ordering::SeqCst);
                Self(crate::t!(i18n, "sign-out"), i18n.locale().to_string())
            }
        }
        let catalogue = Arc::new(Catalogue::load().unwrap());
        let british = negotiate(None, Some("en-GB"), None);
        let first = catalogue.words(british).kept::<Words>();
        assert_eq!(
            first.1, "en",
            "made for the language, not for the region of whoever asked first"
        );
        for (lang, made) in [(Lang::En, 1), (Lang::De, 2), (Lang::En, 2), (Lang::De, 2)] {
            let i18n = catalogue.words(lang);
            assert_eq!(i18n.kept::<Words>().0, crate::t!(i18n, "sign-out"));
            assert_eq!(MADE.load(Ordering::SeqCst), made, "{lang:?}");
        }
        assert_ne!(
            catalogue.words(Lang::En).kept::<Words>().0,
            catalogue.words(Lang::De).kept::<Words>().0
        );
    }

    #[test]
    fn the_region_is_the_first_named_in_the_language_served() {
        assert_eq!(region(None, Some("en_GB"), None), "en-GB");
        assert_eq!(region(None, None, Some("de-CH, de;q=0.9")), "de-CH");
        assert_eq!(region(None, None, Some("de, de-AT;q=0.8")), "de-AT");
        assert_eq!(
            region(Some(Lang::En), Some("de-DE"), Some("de-DE, en-AU;q=0.5")),
            "en-AU",
            "a region of the chosen language, not of the profile's"
        );
        assert_eq!(
            region(None, Some("en-IN"), Some("en-GB")),
            "en-IN",
            "the profile before the browser"
        );
        assert_eq!(region(None, None, Some("ja")), "ja");
        assert_eq!(region(None, None, Some("ar-EG;q=0, ar")), "ar");
        assert_eq!(region(None, None, Some("es-419, en")), "en");
    }

    #[test]
    fn regions_write_dates_their_way() {
        let catalogue = Catalogue::load().unwrap();
        let at = |locale: Locale| {
            let local = Local {
                date: (2026, 11, 20),
                time: (9, 15, 0),
                zone: "Europe/London",
                offset_secs: 0,
                unix_secs: 1_795_166_100,
            };
            catalogue.formats(locale).date_time(&local)
        };
        let british = negotiate(None, Some("en-GB"), None);
        assert_eq!(at(Lang::En.into()), "Nov 20, 2026, 9:15\u{202f}AM GMT+0");
        assert_eq!(at(british), "20 Nov 2026, 09:15 GMT");
        assert!(Arc::ptr_eq(
            &catalogue.formats(british),
            &catalogue.formats(british)
        ));
        assert_eq!(catalogue.canonical(british), british);
        for same in ["en-ZZ", "en-US", "de-DE", "ja-JP", "ar-999"] {
            let locale = negotiate(None, Some(same), None);
            assert_eq!(
                catalogue.canonical(locale),
                locale.lang.into(),
                "{same} reads as its language"
            );
            assert!(Arc::ptr_eq(
                &catalogue.formats(locale),
                &catalogue.formats(locale.lang.into())
            ));
        }
        let egyptian = Formats::new(negotiate(None, Some("ar-EG"), None));
        let written = egyptian.date(&Local {
            date: (2026, 11, 20),
            time: (9, 15, 0),
            zone: "Africa/Cairo",
            offset_secs: 7_200,
            unix_secs: 1_795_158_900,
        });
        assert!(
            written.contains("2026"),
            "the language's digits, as its counts: {written}"
        );
        assert_eq!(
            Region::parse("gb").map(|r| r.as_str().to_owned()),
            Some("GB".into())
        );
        assert_eq!(
            Region::parse("419").map(|r| r.as_str().to_owned()),
            Some("419".into())
        );
        for invalid in ["", "G", "GBR", "4a", "1234", "é1"] {
            assert_eq!(Region::parse(invalid), None, "{invalid}");
        }
    }

    #[test]
    fn the_person_s_choice_then_profile_then_browser_then_english() {
        let accept = Some("ja-JP,ja;q=0.9,en;q=0.8");
        assert_eq!(language(Some(Lang::Ar), Some("de-DE"), accept), Lang::Ar);
        assert_eq!(language(None, Some("de_DE"), accept), Lang::De);
        assert_eq!(language(None, Some("fr-FR"), accept), Lang::Ja);
        assert_eq!(
            language(None, None, Some("fr-CH, fr;q=0.9, de;q=0.7, *;q=0.5")),
            Lang::De
        );
        assert_eq!(language(None, None, Some("ar-EG")), Lang::Ar);
        assert_eq!(language(None, None, Some("fr, es;q=0.5")), Lang::En);
        assert_eq!(language(None, None, Some(";;q=garbage,,")), Lang::En);
        assert_eq!(
            language(None, None, Some("en;q=0.1, de;q=0.9")),
            Lang::De,
            "by q"
        );
        assert_eq!(language(None, None, Some("ja, en;q=0.5")), Lang::Ja);
        assert_eq!(
            language(None, None, Some("de;q=0, ar;q=0.2")),
            Lang::Ar,
            "q=0 refuses"
        );
        assert_eq!(language(None, None, Some("*, de;q=0.5")), Lang::De);
        assert_eq!(language(None, None, Some(&"xx, ".repeat(10_000))), Lang::En);
        assert_eq!(language(None, None, None), Lang::En);
    }

    #[test]
    fn every_language_has_every_message_of_english() {
        let catalogue = Catalogue::load().unwrap();
        let english = catalogue.ids(Lang::En);
        assert!(!english.is_empty());
        for lang in Lang::ALL {
            let ids = catalogue.ids(lang);
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
            assert!(
                extra.is_empty(),
                "{} has ids English lacks: {extra:?}",
                lang.tag()
            );
        }
    }

    #[test]
    fn plurals_and_numbers_follow_cldr() {
        let results = |lang, count: u64| t!(words(lang), "search-results-count", count = count);
        assert_eq!(results(Lang::En, 0), "No results");
        assert_eq!(results(Lang::En, 1), "1 result");
        assert_eq!(results(Lang::En, 1234), "1,234 results");
        assert_eq!(results(Lang::En, 12_345_678), "12,345,678 results");
        assert_eq!(
            results(Lang::En, 1 << 60),
            "1,152,921,504,606,846,976 results"
        );
        assert_eq!(results(Lang::De, 1234), "1.234 Ergebnisse");
        assert_eq!(results(Lang::Ja, 1234), "1,234 件");
        assert_eq!(results(Lang::Ar, 2), "نتيجتان", "Arabic's \"two\"");
        assert_eq!(
            results(Lang::Ar, 3),
            "\u{2068}3\u{2069} نتائج",
            "Arabic's \"few\""
        );
        assert_eq!(
            results(Lang::Ar, 11),
            "\u{2068}11\u{2069} نتيجة",
            "Arabic's \"many\""
        );
    }

    #[test]
    fn placeholders_are_isolated_only_in_right_to_left_text() {
        let english = t!(words(Lang::En), "assigned-on", site = "Acme");
        assert!(!english.contains('\u{2068}'), "{english:?}");
        let arabic = t!(words(Lang::Ar), "assigned-on", site = "Acme");
        assert!(arabic.contains("\u{2068}Acme\u{2069}"), "{arabic:?}");
    }

    /// Every `t!(…, "id"…)` in the source names a message of the English catalogue.
    #[test]
    fn every_message_the_code_asks_for_exists() {
        let english = Catalogue::load().unwrap().ids(Lang::En);
        let mut missing = Vec::new();
        let mut pending = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut seen = 0;
        while let Some(path) = pending.pop() {
            if path.is_dir() {
                pending.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let calls = source.match_indices("t!(").filter(|(at, _)| {
                !source[..*at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            for call in calls.map(|(at, _)| &source[at + 3..]) {
                let Some(id) = call
                    .split_once('"')
                    .and_then(|(before, rest)| {
                        (before.len() < 80 && before.trim_end().ends_with(',')).then_some(rest)
                    })
                    .and_then(|rest| rest.split_once('"'))
                    .map(|(id, _)| id)
                else {
                    continue;
                };
                seen += 1;
                if !english.iter().any(|known| known == id) && id != "id" && id != "no-such-message"
                {
                    missing.push(format!("{}: {id}", path.display()));
                }
            }
        }
        assert!(seen > 0);
        assert!(missing.is_empty(), "not in locales/en: {missing:#?}");
    }

    #[test]
    fn a_missing_message_shows_its_id() {
        assert_eq!(t!(words(Lang::De), "no-such-message"), "no-such-message");
    }
}
