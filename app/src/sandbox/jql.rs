//! Enough JQL to serve the app's own queries, with Jira's error shapes for the rest: clauses joined
//! by AND over project, key, assignee, reporter, status, statusCategory, issuetype, priority,
//! labels, created, updated, and `~` on summary, description, comment and text (`=`, `!=`, `IN`,
//! `NOT IN`, `IS [NOT] EMPTY`, `~`, `!~`, date comparisons with relative dates like `-7d`), then
//! `ORDER BY` up to seven fields. String literals decode Jira's escapes (an unknown one is Jira's
//! 400); reserved characters and words are refused outside quotes, as Jira refuses them.

use super::{
    text::{adf_text, TextQuery},
    world::{Issue, World},
};

/// A parsed query.
#[derive(Debug)]
pub struct Query {
    clauses: Vec<Clause>,
    order: Vec<(String, bool)>,
}

#[derive(Debug)]
enum Clause {
    Compare(String, String, Value),
    In(String, bool, Vec<Value>),
    Empty(String, bool),
    /// `~` (or, negated, `!~`) on a text field.
    Text(String, bool, TextQuery),
}

/// The fields `~` searches.
const TEXT_FIELDS: &[&str] = &["summary", "description", "comment", "text"];

#[derive(Debug, Clone)]
enum Value {
    Text(String),
    CurrentUser,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Symbol(&'static str),
}

const FIELDS: &[&str] = &[
    "project",
    "key",
    "assignee",
    "reporter",
    "status",
    "statuscategory",
    "issuetype",
    "type",
    "priority",
    "labels",
    "created",
    "updated",
    "summary",
    "description",
    "comment",
    "text",
];

/// Why a query was refused, in Jira's words.
#[derive(Debug, PartialEq, Eq)]
pub struct JqlError(pub String);

fn error(message: impl Into<String>) -> JqlError {
    JqlError(format!("Error in the JQL Query: {}", message.into()))
}

/// Characters that may appear in a JQL query only inside quotes (or as `\uXXXX`).
const RESERVED_CHARACTERS: &str = "+.,;?|*/%^$#@[]";

/// Words that may be values only in quotes (Jira's list, `JqlStringSupportImpl`).
const RESERVED_WORDS: &[&str] = &[
    "abort",
    "access",
    "add",
    "after",
    "alias",
    "all",
    "alter",
    "and",
    "any",
    "as",
    "asc",
    "audit",
    "avg",
    "before",
    "begin",
    "between",
    "boolean",
    "break",
    "by",
    "byte",
    "catch",
    "cf",
    "changed",
    "char",
    "character",
    "check",
    "checkpoint",
    "collate",
    "collation",
    "column",
    "commit",
    "connect",
    "continue",
    "count",
    "create",
    "current",
    "date",
    "decimal",
    "declare",
    "decrement",
    "default",
    "defaults",
    "define",
    "delete",
    "delimiter",
    "desc",
    "difference",
    "distinct",
    "divide",
    "do",
    "double",
    "drop",
    "else",
    "encoding",
    "end",
    "equals",
    "escape",
    "exclusive",
    "exec",
    "execute",
    "exists",
    "explain",
    "false",
    "fetch",
    "file",
    "field",
    "first",
    "float",
    "for",
    "from",
    "function",
    "go",
    "goto",
    "grant",
    "greater",
    "group",
    "having",
    "identified",
    "if",
    "immediate",
    "in",
    "increment",
    "index",
    "initial",
    "inner",
    "inout",
    "input",
    "insert",
    "int",
    "integer",
    "intersect",
    "intersection",
    "into",
    "is",
    "isempty",
    "isnull",
    "join",
    "last",
    "left",
    "less",
    "like",
    "limit",
    "lock",
    "long",
    "max",
    "min",
    "minus",
    "mode",
    "modify",
    "modulo",
    "more",
    "multiply",
    "next",
    "noaudit",
    "not",
    "notin",
    "nowait",
    "number",
    "object",
    "of",
    "on",
    "option",
    "or",
    "order",
    "outer",
    "output",
    "power",
    "previous",
    "prior",
    "privileges",
    "public",
    "raise",
    "raw",
    "remainder",
    "rename",
    "resource",
    "return",
    "returns",
    "revoke",
    "right",
    "row",
    "rowid",
    "rownum",
    "rows",
    "select",
    "session",
    "set",
    "share",
    "size",
    "sqrt",
    "start",
    "strict",
    "string",
    "subtract",
    "sum",
    "synonym",
    "table",
    "then",
    "to",
    "trans",
    "transaction",
    "trigger",
    "true",
    "uid",
    "union",
    "unique",
    "update",
    "user",
    "validate",
    "values",
    "view",
    "was",
    "when",
    "whenever",
    "where",
    "while",
    "with",
];

/// Decodes the escape sequence at the start of `chars` (a backslash and what follows): the
/// character and how many characters it took.
fn escape(chars: &[char]) -> Result<(char, usize), JqlError> {
    let decoded = match chars.get(1) {
        Some('t') => '\t',
        Some('n') => '\n',
        Some('r') => '\r',
        Some(c @ ('\\' | '"' | '\'' | ' ')) => *c,
        Some('u') => {
            let hex: String = chars.iter().skip(2).take(4).collect();
            if let Some(c) = (hex.len() == 4)
                .then(|| u32::from_str_radix(&hex, 16).ok())
                .flatten()
                .and_then(char::from_u32)
            {
                return Ok((c, 6));
            }
            return Err(illegal_escape(&format!("\\u{hex}")));
        }
        Some(c) => return Err(illegal_escape(&format!("\\{c}"))),
        None => return Err(illegal_escape("\\")),
    };
    Ok((decoded, 2))
}

fn illegal_escape(sequence: &str) -> JqlError {
    error(format!(
        "'{sequence}' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX."
    ))
}

fn tokenize(input: &str) -> Result<Vec<Token>, JqlError> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' {
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' {
                    let (decoded, used) = escape(&chars[i..])?;
                    text.push(decoded);
                    i += used;
                } else {
                    text.push(chars[i]);
                    i += 1;
                }
            }
            if i >= chars.len() {
                return Err(error(format!(
                    "The quoted string '{text}' has not been completed."
                )));
            }
            i += 1;
            tokens.push(Token::Quoted(text));
        } else if let Some(symbol) = ["!=", ">=", "<=", "!~", "=", ">", "<", "~", "(", ")", ","]
            .into_iter()
            .find(|s| chars[i..].iter().take(s.len()).collect::<String>() == *s)
        {
            tokens.push(Token::Symbol(symbol));
            i += symbol.len();
        } else {
            let mut word = String::new();
            while i < chars.len() && !chars[i].is_whitespace() && !"=!<>~(),\"'".contains(chars[i])
            {
                word.push(chars[i]);
                i += 1;
            }
            let reserved = if word.is_empty() {
                Some(c)
            } else {
                word.chars().find(|c| RESERVED_CHARACTERS.contains(*c))
            };
            if let Some(c) = reserved {
                return Err(error(format!(
                    "The character '{c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u{:04x}' instead.",
                    u32::from(c)
                )));
            }
            tokens.push(Token::Word(word));
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn field(&mut self) -> Result<String, JqlError> {
        match self.next() {
            Some(Token::Word(word)) | Some(Token::Quoted(word)) => {
                let field = word.to_ascii_lowercase();
                if FIELDS.contains(&field.as_str()) {
                    Ok(field)
                } else {
                    Err(error(format!(
                        "Field '{word}' does not exist or you do not have permission to view it."
                    )))
                }
            }
            other => Err(error(format!(
                "Expecting a field name but got '{}'.",
                show(other.as_ref())
            ))),
        }
    }

    fn value(&mut self) -> Result<Value, JqlError> {
        match self.next() {
            Some(Token::Quoted(text)) => Ok(Value::Text(text)),
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("currentUser") => {
                if self.next() == Some(Token::Symbol("("))
                    && self.next() == Some(Token::Symbol(")"))
                {
                    Ok(Value::CurrentUser)
                } else {
                    Err(error(
                        "Expecting '(' and ')' after the function currentUser.",
                    ))
                }
            }
            Some(Token::Word(word))
                if RESERVED_WORDS.contains(&word.to_lowercase().as_str()) =>
            {
                Err(error(format!(
                    "'{word}' is a reserved JQL word. You must surround it in quotation marks to use it in a query."
                )))
            }
            Some(Token::Word(word)) => Ok(Value::Text(word)),
            other => Err(error(format!(
                "Expecting either a value, list or function but got '{}'.",
                show(other.as_ref())
            ))),
        }
    }
}

fn show(token: Option<&Token>) -> String {
    match token {
        Some(Token::Word(w)) | Some(Token::Quoted(w)) => w.clone(),
        Some(Token::Symbol(s)) => (*s).to_owned(),
        None => "<EOF>".to_owned(),
    }
}

impl Query {
    /// Parses `jql`; an unrestricted query is refused as `/search/jql` refuses it.
    pub fn parse(jql: &str) -> Result<Self, JqlError> {
        let query = Self::parse_unbounded(jql)?;
        if query.clauses.is_empty() {
            return Err(JqlError(
                "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
                    .to_owned(),
            ));
        }
        Ok(query)
    }

    /// Parses `jql`, which may be no more than an ORDER BY (as the issue picker's `currentJQL`).
    pub fn parse_unbounded(jql: &str) -> Result<Self, JqlError> {
        let mut parser = Parser {
            tokens: tokenize(jql)?,
            at: 0,
        };
        let mut clauses = Vec::new();
        let mut order = Vec::new();
        while parser.peek().is_some() {
            if parser.keyword("order") {
                if !parser.keyword("by") {
                    return Err(error("Expecting 'by' after 'order'."));
                }
                loop {
                    let field = parser.field()?;
                    let descending = if parser.keyword("desc") {
                        true
                    } else {
                        parser.keyword("asc");
                        false
                    };
                    order.push((field, descending));
                    if parser.peek() != Some(&Token::Symbol(",")) {
                        break;
                    }
                    parser.next();
                }
                if let Some(token) = parser.peek() {
                    return Err(error(format!(
                        "Expecting ',' but got '{}'.",
                        show(Some(token))
                    )));
                }
                break;
            }
            if !clauses.is_empty() && !parser.keyword("and") {
                return Err(error(format!(
                    "Expecting either 'OR', 'AND', 'NOT' or 'ORDER BY' but got '{}'. Only AND is supported by the sandbox.",
                    show(parser.peek())
                )));
            }
            let field = parser.field()?;
            let clause = if parser.keyword("is") {
                let negated = parser.keyword("not");
                if !(parser.keyword("empty") || parser.keyword("null")) {
                    return Err(error("Expecting 'EMPTY' after 'IS'."));
                }
                Clause::Empty(field, negated)
            } else {
                let negated = parser.keyword("not");
                if parser.keyword("in") {
                    if parser.next() != Some(Token::Symbol("(")) {
                        return Err(error("Expecting '(' after 'IN'."));
                    }
                    let mut values = vec![parser.value()?];
                    while parser.peek() == Some(&Token::Symbol(",")) {
                        parser.next();
                        values.push(parser.value()?);
                    }
                    if parser.next() != Some(Token::Symbol(")")) {
                        return Err(error("Expecting ')' to close the list."));
                    }
                    Clause::In(field, negated, values)
                } else if negated {
                    return Err(error("Expecting 'IN' after 'NOT'."));
                } else {
                    let operator = match parser.next() {
                        Some(Token::Symbol(op)) if op != "(" && op != ")" && op != "," => {
                            op.to_owned()
                        }
                        other => {
                            return Err(error(format!(
                                "Expecting operator but got '{}'.",
                                show(other.as_ref())
                            )))
                        }
                    };
                    let is_text = TEXT_FIELDS.contains(&field.as_str());
                    match (operator.as_str(), is_text) {
                        ("~" | "!~", true) => match parser.value()? {
                            Value::Text(text) => Clause::Text(
                                field.clone(),
                                operator == "!~",
                                TextQuery::parse(&text, &field).map_err(JqlError)?,
                            ),
                            Value::CurrentUser => {
                                return Err(error(format!(
                                    "The operator '{operator}' is not supported by the 'currentUser' function."
                                )))
                            }
                        },
                        ("~" | "!~", false) | (_, true) => {
                            return Err(JqlError(format!(
                                "The operator '{operator}' is not supported by the '{field}' field."
                            )))
                        }
                        _ => Clause::Compare(field, operator, parser.value()?),
                    }
                }
            };
            clauses.push(clause);
        }
        if order.len() > 7 {
            return Err(error("The ORDER BY clause may contain at most 7 fields."));
        }
        Ok(Self { clauses, order })
    }

    /// The issue keys the query names (`key = …`, `key in (…)`): Jira refuses the whole query
    /// with a 400 when one of them does not exist, or is not visible to the caller.
    pub fn named_keys(&self) -> Vec<String> {
        let is_key = |field: &str| matches!(field, "key" | "issuekey");
        let mut keys = Vec::new();
        for clause in &self.clauses {
            match clause {
                Clause::Compare(field, operator, Value::Text(key))
                    if is_key(field) && operator == "=" =>
                {
                    keys.push(key.clone());
                }
                Clause::In(field, false, values) if is_key(field) => {
                    keys.extend(values.iter().filter_map(|value| match value {
                        Value::Text(key) => Some(key.clone()),
                        Value::CurrentUser => None,
                    }));
                }
                _ => {}
            }
        }
        keys
    }

    /// The projects the query names (`project = …`, `project in (…)`, negated or not): Jira
    /// refuses the whole query with a 400 when one of them is not a project of the site.
    pub fn named_projects(&self) -> Vec<String> {
        let mut named = Vec::new();
        for clause in &self.clauses {
            match clause {
                Clause::Compare(field, _, Value::Text(project)) if field == "project" => {
                    named.push(project.clone());
                }
                Clause::In(field, _, values) if field == "project" => {
                    named.extend(values.iter().filter_map(|value| match value {
                        Value::Text(project) => Some(project.clone()),
                        Value::CurrentUser => None,
                    }));
                }
                _ => {}
            }
        }
        named
    }

    /// Whether `issue` matches, for the person `account_id`, at Unix time `now`.
    pub fn matches(&self, world: &World, issue: &Issue, account_id: &str, now: u64) -> bool {
        self.clauses
            .iter()
            .all(|clause| clause_matches(clause, world, issue, account_id, now))
    }

    /// Sorts matches as ORDER BY says (created descending when it says nothing).
    pub fn sort(&self, issues: &mut [&Issue]) {
        let order: Vec<(String, bool)> = if self.order.is_empty() {
            vec![("created".to_owned(), true)]
        } else {
            self.order.clone()
        };
        issues.sort_by(|a, b| {
            for (field, descending) in &order {
                let ordering = sort_key(a, field).cmp(&sort_key(b, field));
                let ordering = if *descending {
                    ordering.reverse()
                } else {
                    ordering
                };
                if ordering.is_ne() {
                    return ordering;
                }
            }
            a.id.cmp(&b.id)
        });
    }
}

fn sort_key(issue: &Issue, field: &str) -> (u64, String) {
    match field {
        "created" => (issue.created, String::new()),
        "updated" => (issue.updated, String::new()),
        "key" => (u64::from(issue.id), String::new()),
        "priority" => (0, issue.priority.to_owned()),
        "status" => (0, issue.status.name.to_owned()),
        _ => (0, issue.summary.to_lowercase()),
    }
}

fn text_values(field: &str, world: &World, issue: &Issue) -> Vec<String> {
    let one = |s: &str| vec![s.to_lowercase()];
    match field {
        "project" => {
            let project = world.project(issue);
            vec![
                project.key.to_lowercase(),
                project.name.to_lowercase(),
                project.id.to_string(),
            ]
        }
        "key" => one(&issue.key),
        "assignee" => issue.assignee.map(one).unwrap_or_default(),
        "reporter" => one(issue.reporter),
        "status" => one(issue.status.name),
        "statuscategory" => vec![
            issue.status.category_name.to_lowercase(),
            issue.status.category_key.to_lowercase(),
        ],
        "issuetype" | "type" => one(issue.issue_type),
        "priority" => one(issue.priority),
        "labels" => issue.labels.iter().map(|l| l.to_lowercase()).collect(),
        _ => Vec::new(),
    }
}

/// The texts `~` searches on `field`: the summary, the description, the comments, or all of
/// them (`text`).
fn text_documents(field: &str, issue: &Issue) -> Vec<String> {
    let mut documents = Vec::new();
    if matches!(field, "summary" | "text") {
        documents.push(issue.summary.clone());
    }
    if matches!(field, "description" | "text") {
        documents.push(adf_text(&issue.description));
    }
    if matches!(field, "comment" | "text") {
        documents.extend(issue.comments.iter().map(|c| adf_text(&c.body)));
    }
    documents
}

fn resolve(value: &Value, account_id: &str) -> String {
    match value {
        Value::CurrentUser => account_id.to_lowercase(),
        Value::Text(text) => text.to_lowercase(),
    }
}

/// `-7d`, `-2w`, `-3h`, `-30m`, or `2026-11-01` → Unix seconds.
fn date_value(text: &str, now: u64) -> Option<u64> {
    let text = text.trim();
    if let Some(relative) = text.strip_prefix('-').or_else(|| text.strip_prefix('+')) {
        let (number, unit) = relative.split_at(relative.len().saturating_sub(1));
        let number: u64 = number.parse().ok()?;
        let seconds = match unit {
            "m" => 60,
            "h" => 3_600,
            "d" => 86_400,
            "w" => 7 * 86_400,
            _ => return None,
        } * number;
        return Some(if text.starts_with('-') {
            now.saturating_sub(seconds)
        } else {
            now + seconds
        });
    }
    let mut parts = text.get(..10)?.split(['-', '/']);
    let (year, month, day): (i64, i64, i64) = (
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    );
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u64::try_from((era * 146_097 + doe - 719_468) * 86_400).ok()
}

fn clause_matches(
    clause: &Clause,
    world: &World,
    issue: &Issue,
    account_id: &str,
    now: u64,
) -> bool {
    match clause {
        Clause::Text(field, negated, query) => {
            query.matches(&text_documents(field, issue)) != *negated
        }
        Clause::Empty(field, negated) => text_values(field, world, issue).is_empty() != *negated,
        Clause::In(field, negated, values) => {
            let have = text_values(field, world, issue);
            let hit = values
                .iter()
                .any(|v| have.contains(&resolve(v, account_id)));
            hit != *negated
        }
        Clause::Compare(field, operator, value) => match field.as_str() {
            "created" | "updated" => {
                let at = if field == "created" {
                    issue.created
                } else {
                    issue.updated
                };
                let Value::Text(text) = value else {
                    return false;
                };
                let Some(limit) = date_value(text, now) else {
                    return false;
                };
                match operator.as_str() {
                    ">=" => at >= limit,
                    ">" => at > limit,
                    "<=" => at <= limit,
                    "<" => at < limit,
                    "=" => at / 86_400 == limit / 86_400,
                    "!=" => at / 86_400 != limit / 86_400,
                    _ => false,
                }
            }
            _ => {
                let have = text_values(field, world, issue);
                let wanted = resolve(value, account_id);
                match operator.as_str() {
                    "=" => have.contains(&wanted),
                    "!=" => !have.contains(&wanted),
                    _ => false,
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_own_queries_parse() {
        for jql in [
            "assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC",
            "project = ACME AND text ~ \"checkout\"",
            "project in (ACME, WEB) AND updated >= -7d ORDER BY key ASC, created DESC",
            "assignee IS EMPTY and labels = regression",
            "key = ACME-1",
        ] {
            assert!(Query::parse(jql).is_ok(), "{jql}");
        }
    }

    #[test]
    fn unbounded_and_malformed_queries_are_refused_as_jira_does() {
        assert_eq!(
            Query::parse("order by key desc").unwrap_err().0,
            "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
        );
        assert!(Query::parse("").is_err());
        assert!(Query::parse("nosuchfield = 1")
            .unwrap_err()
            .0
            .starts_with("Error in the JQL Query: Field 'nosuchfield'"));
        assert!(Query::parse("project = \"ACME").is_err());
        assert!(Query::parse("project = ACME OR project = WEB").is_err());
        assert!(Query::parse("project in (ACME").is_err());
    }

    #[test]
    fn string_literals_decode_jiras_escapes_and_refuse_others() {
        assert!(Query::parse(r#"summary ~ "say \"hi\" \\ \u0041 \' \t""#).is_ok());
        let refused = Query::parse(r#"summary ~ "\[example\]""#).unwrap_err().0;
        assert!(
            refused.contains(r"'\[' is an illegal JQL escape sequence"),
            "{refused}"
        );
        assert!(Query::parse(r#"summary ~ "\\[example\\]""#).is_ok());
    }

    #[test]
    fn reserved_characters_and_words_need_quotes() {
        for jql in [
            "project = A+B",
            "labels = a.b",
            "project = order",
            "labels = select",
        ] {
            assert!(Query::parse(jql).is_err(), "{jql}");
        }
        for jql in [
            "project = \"A+B\"",
            "labels = \"order\"",
            "assignee = EMPTY",
        ] {
            assert!(Query::parse(jql).is_ok(), "{jql}");
        }
    }

    #[test]
    fn text_operators_only_on_text_fields() {
        assert!(Query::parse("summary = checkout").is_err());
        assert!(Query::parse("project ~ ACME").is_err());
        assert!(Query::parse("comment ~ \"refund\" AND description !~ \"dark\"").is_ok());
    }

    #[test]
    fn relative_and_absolute_dates() {
        assert_eq!(date_value("-7d", 1_000_000), Some(1_000_000 - 7 * 86_400));
        assert_eq!(date_value("2026-11-27", 0), Some(1_795_737_600));
        assert_eq!(date_value("soon", 0), None);
    }
}
