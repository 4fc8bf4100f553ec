//! Jira's text search (`summary ~ "…"`, `text ~ "…"`), as Atlassian documents it in "Search
//! syntax for text fields": case-insensitive whole words, stop words not indexed, English
//! stemming, `*` (and `?`, which becomes `*`) at the end of a word, `"exact phrases"`, the
//! Boolean operators `AND`, `OR`, `NOT`, `+`, `-` and `||` in capitals, terms joined by AND when
//! no operator is given, and special characters neither indexed nor searchable (unescaped range,
//! field and regular-expression syntax is refused, as Jira refuses what it cannot parse).

/// Words Jira leaves out of its index (and so out of queries).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Characters that start query syntax Jira's text search has but the sandbox does not model
/// (ranges, fields, regular expressions): unescaped, Jira refuses the query.
const QUERY_SYNTAX: &str = "[]{}:/";

/// A text query, parsed.
#[derive(Debug, PartialEq, Eq)]
pub struct TextQuery {
    /// Alternatives (joined by OR); each is terms that must all match and terms that must not.
    alternatives: Vec<Alternative>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Alternative {
    required: Vec<Term>,
    excluded: Vec<Term>,
}

#[derive(Debug, PartialEq, Eq)]
enum Term {
    /// A stemmed word.
    Word(String),
    /// A prefix (`win*`).
    Prefix(String),
    /// Stemmed words in a row.
    Phrase(Vec<String>),
}

/// The words of `text` as the index holds them: lower case, stop words out, stemmed.
pub fn index_words(text: &str) -> Vec<String> {
    raw_words(text)
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .map(|word| stem(&word))
        .collect()
}

/// The lower-cased words of `text` (letters and digits; everything else separates words), as
/// they are written: not stemmed, stop words kept.
pub fn raw_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// A light English stemmer: "customize", "customized", "customizing" and "customs" meet.
pub fn stem(word: &str) -> String {
    let mut word = word.to_owned();
    for (suffix, keep) in [
        ("ization", 4),
        ("izing", 4),
        ("ized", 4),
        ("izes", 4),
        ("ize", 4),
        ("ies", 3),
        ("ing", 4),
        ("ed", 4),
        ("es", 4),
        ("s", 3),
    ] {
        if word.ends_with(suffix) && word.chars().count() >= keep + suffix.chars().count() {
            word.truncate(word.len() - suffix.len());
            if suffix == "ies" {
                word.push('y');
            }
            break;
        }
    }
    if word.ends_with("er") && word.chars().count() >= 6 {
        word.truncate(word.len() - 2);
    }
    word
}

/// Why a text query is refused, in Jira's words.
fn invalid(query: &str, field: &str) -> String {
    format!(
        "Error in the JQL Query: The text query '{query}' for field '{field}' is not valid: probably your use of wild cards is not correct."
    )
}

impl TextQuery {
    /// Parses the text of a `~` clause on `field`.
    pub fn parse(query: &str, field: &str) -> Result<Self, String> {
        let bad = || invalid(query, field);
        let mut alternatives = vec![Alternative::default()];
        let mut chars = query.chars().peekable();
        let mut depth = 0_i32;
        let mut negate_next = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
                continue;
            }
            if c == '(' || c == ')' {
                depth += if c == '(' { 1 } else { -1 };
                if depth < 0 {
                    return Err(bad());
                }
                chars.next();
                continue;
            }
            if c == '"' {
                chars.next();
                let mut phrase = String::new();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => phrase.push(chars.next().ok_or_else(bad)?),
                        Some(other) => phrase.push(other),
                        None => return Err(bad()),
                    }
                }
                let words = index_words(&phrase);
                let term = match words.len() {
                    0 => None,
                    1 => words.into_iter().next().map(Term::Word),
                    _ => Some(Term::Phrase(words)),
                };
                push(&mut alternatives, term, std::mem::take(&mut negate_next));
                continue;
            }
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' || c == '(' || c == ')' {
                    break;
                }
                chars.next();
                if c == '\\' {
                    word.push(chars.next().ok_or_else(bad)?);
                    word.push('\u{0}');
                } else if QUERY_SYNTAX.contains(c) {
                    return Err(bad());
                } else {
                    word.push(c);
                }
            }
            match word.as_str() {
                "OR" | "||" => {
                    alternatives.push(Alternative::default());
                    continue;
                }
                "AND" | "&&" => continue,
                "NOT" | "!" | "-" => {
                    negate_next = true;
                    continue;
                }
                _ => {}
            }
            let (negated, body) = match word.strip_prefix(['-', '!']) {
                Some(rest) => (true, rest),
                None => (false, word.strip_prefix('+').unwrap_or(&word)),
            };
            let body = body.replace('?', "*");
            if body.starts_with('*') {
                return Err(bad());
            }
            let wildcard = body.ends_with('*');
            let text: String = body.chars().filter(|c| *c != '\u{0}').collect();
            let term = if wildcard {
                let stem: String = text.trim_end_matches('*').to_lowercase();
                let mut words = raw_words(&stem);
                match (words.next(), words.next()) {
                    (Some(prefix), None) => Some(Term::Prefix(prefix)),
                    _ => return Err(bad()),
                }
            } else {
                let words = index_words(&text);
                match words.len() {
                    0 => None,
                    1 => words.into_iter().next().map(Term::Word),
                    _ => Some(Term::Phrase(words)),
                }
            };
            push(
                &mut alternatives,
                term,
                negated || std::mem::take(&mut negate_next),
            );
        }
        if depth != 0 || negate_next {
            return Err(bad());
        }
        alternatives.retain(|alternative| !alternative.required.is_empty());
        Ok(Self { alternatives })
    }

    /// Whether any of the `documents` (each the text of one field) matches.
    pub fn matches(&self, documents: &[String]) -> bool {
        let indexed: Vec<(Vec<String>, Vec<String>)> = documents
            .iter()
            .map(|text| (index_words(text), raw_words(text).collect()))
            .collect();
        let found = |term: &Term| indexed.iter().any(|(words, raw)| term_in(term, words, raw));
        self.alternatives.iter().any(|alternative| {
            alternative.required.iter().all(found) && !alternative.excluded.iter().any(found)
        })
    }
}

fn push(alternatives: &mut [Alternative], term: Option<Term>, negated: bool) {
    let (Some(term), Some(last)) = (term, alternatives.last_mut()) else {
        return;
    };
    if negated {
        last.excluded.push(term);
    } else {
        last.required.push(term);
    }
}

fn term_in(term: &Term, words: &[String], raw: &[String]) -> bool {
    match term {
        Term::Word(word) => words.contains(word),
        Term::Prefix(prefix) => raw.iter().any(|word| word.starts_with(prefix.as_str())),
        Term::Phrase(phrase) => words
            .windows(phrase.len())
            .any(|window| window == phrase.as_slice()),
    }
}

/// The plain text of an Atlassian Document Format tree.
pub fn adf_text(node: &serde_json::Value) -> String {
    let mut out = String::new();
    collect(node, &mut out);
    out
}

fn collect(node: &serde_json::Value, out: &mut String) {
    if let Some(text) = node.get("text").and_then(serde_json::Value::as_str) {
        out.push_str(text);
        out.push(' ');
    }
    for child in node
        .get("content")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
    {
        collect(child, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(query: &str, text: &str) -> bool {
        TextQuery::parse(query, "text")
            .unwrap()
            .matches(&[text.to_owned()])
    }

    #[test]
    fn whole_words_any_case_any_order() {
        assert!(hit("checkout TIMES", "Checkout page times out"));
        assert!(hit("times checkout", "Checkout page times out"));
        assert!(!hit("check", "Checkout page times out"));
        assert!(!hit("checkout refund", "Checkout page times out"));
    }

    #[test]
    fn stemming_and_stop_words_as_documented() {
        assert!(hit("customize", "customized, customizing"));
        assert!(hit("VSX will crash", "VSX will not crash"));
        assert!(hit("carts", "a cart"));
        assert!(!hit("the", "the cart"));
    }

    #[test]
    fn wildcards_phrases_and_operators() {
        assert!(hit("check*", "Checkout page"));
        assert!(hit("check?", "Checkout page"));
        assert!(hit("\"page times\"", "Checkout page times out"));
        assert!(!hit("\"times page\"", "Checkout page times out"));
        assert!(hit("refund OR checkout", "Checkout page"));
        assert!(!hit("checkout -page", "Checkout page"));
        assert!(!hit("checkout NOT page", "Checkout page"));
        assert!(!hit("checkout and refund", "checkout page"));
    }

    #[test]
    fn special_characters_are_not_searchable() {
        assert!(hit("\\[checkout\\]", "[Checkout] page"));
        assert!(hit("\"checkout: [page]\"", "Checkout page"));
        for broken in [
            "*eckout",
            "(checkout",
            "checkout)",
            "\"checkout",
            "checkout\\",
            "NOT",
            "checkout:",
            "[checkout]",
            "{a TO b}",
            "/regex/",
        ] {
            assert!(TextQuery::parse(broken, "text").is_err(), "{broken}");
        }
    }
}
