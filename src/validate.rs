//! Parse + validate: the one function that turns a level file into a
//! [`Level`] plus every problem in it. The CLI (`fact-sorter check`) and the
//! game's asset loader both call [`load_level`], so the rules live here only.

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::level::{Category, Level};
use crate::spans::SpanIndex;
use crate::text;
use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// Largest level file accepted. Real levels are a few dozen KiB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Statements longer than this are hard to read on a card.
pub const LONG_STATEMENT_CHARS: usize = 300;
/// Explanations shorter than this rarely say *why*.
pub const SHORT_EXPLANATION_WORDS: usize = 8;
/// Levels at least this long should mix the categories.
pub const MIX_MIN_STATEMENTS: usize = 10;
/// ... with each category at least this share of the statements.
pub const MIX_MIN_SHARE: f64 = 0.15;

/// The outcome of reading one level file.
#[derive(Clone, Debug, Serialize)]
pub struct LevelReport {
    /// The file name as given (used in every `file:line:col`).
    pub file: String,
    /// The file's text (lossily decoded if it was not UTF-8).
    #[serde(skip)]
    pub source: String,
    /// The level, when it has no errors.
    #[serde(skip)]
    pub level: Option<Level>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LevelReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error())
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count()
    }

    /// A report for a file that could not be read at all (missing, unreadable).
    pub fn unreadable(file: &str, reason: &str) -> LevelReport {
        LevelReport {
            file: file.to_owned(),
            source: String::new(),
            level: None,
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                message: format!("cannot read the file: {reason}"),
                line: 1,
                column: 1,
                label: "file".to_owned(),
                help: "check that the file exists and that its name in the level list is spelled correctly".to_owned(),
                span: 0..0,
            }],
        }
    }
}

/// The RON options every level is read with: `implicit_some` so teachers
/// never write `Some(...)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses and validates one level file. Never panics; every problem becomes
/// a [`Diagnostic`] with its line and column. `level` is `Some` exactly when
/// there are no errors.
pub fn load_level(file: &str, bytes: &[u8]) -> LevelReport {
    if bytes.len() <= MAX_FILE_BYTES
        && let Ok(source) = std::str::from_utf8(bytes)
    {
        return validate_source(file, source);
    }
    let source = String::from_utf8_lossy(bytes).into_owned();
    let mut sink = Sink::new(&source);
    if bytes.len() > MAX_FILE_BYTES {
        sink.error(
            0..0,
            format!(
                "the file is larger than {} KiB, the most a level may be",
                MAX_FILE_BYTES / 1024
            ),
            "file too large",
            "split it into several levels, one file each",
        );
    } else if let Err(err) = std::str::from_utf8(bytes) {
        not_utf8(&err, &mut sink);
    }
    let diagnostics = sink.diagnostics;
    LevelReport {
        file: file.to_owned(),
        level: None,
        source,
        diagnostics,
    }
}

/// Reads a RON file that is not a level (the web build's level list) with
/// the same options and the same teacher-friendly syntax messages.
pub fn parse_ron<T: serde::de::DeserializeOwned>(
    file: &str,
    bytes: &[u8],
) -> Result<T, Box<LevelReport>> {
    let source = String::from_utf8_lossy(bytes).into_owned();
    let mut sink = Sink::new(&source);
    match std::str::from_utf8(bytes) {
        Err(err) => not_utf8(&err, &mut sink),
        Ok(text) => match ron_options().from_str(text) {
            Ok(value) => return Ok(value),
            Err(err) => syntax_error(&err, &mut sink),
        },
    }
    let diagnostics = sink.diagnostics;
    Err(Box::new(LevelReport {
        file: file.to_owned(),
        level: None,
        source,
        diagnostics,
    }))
}

fn not_utf8(err: &std::str::Utf8Error, sink: &mut Sink) {
    // Everything before the bad byte is valid, so lossy decoding keeps its offsets.
    let at = err.valid_up_to();
    sink.error(
        at..at + 1,
        "the file is not valid UTF-8 text".to_owned(),
        "this byte is not UTF-8",
        "save the file as UTF-8 (in most editors: Save As, then choose the encoding UTF-8)",
    );
}

/// Parses and validates level text that is already known to be UTF-8,
/// with no size limit (the benchmarks use this for very large levels).
pub fn validate_source(file: &str, source: &str) -> LevelReport {
    let mut sink = Sink::new(source);
    let level = match ron_options().from_str::<Level>(source) {
        Ok(level) => {
            check_rules(&level, &mut sink);
            Some(level)
        }
        Err(err) => {
            syntax_error(&err, &mut sink);
            None
        }
    };
    let mut diagnostics = sink.diagnostics;
    // Report in reading order, the way a teacher fixes them.
    diagnostics.sort_by_key(|d| d.span.start);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    LevelReport {
        file: file.to_owned(),
        level: level.filter(|_| !has_errors),
        source: source.to_owned(),
        diagnostics,
    }
}

/// Where a diagnostic points: a byte range, or the path of a value in the
/// level (`passages[0].statements[2].text`), resolved only when needed.
#[derive(Clone, Debug)]
enum Place {
    Span(Range<usize>),
    Path(String),
}

impl From<Range<usize>> for Place {
    fn from(span: Range<usize>) -> Place {
        Place::Span(span)
    }
}

fn at(path: &str) -> Place {
    Place::Path(path.to_owned())
}

/// Collects diagnostics, computing each one's line and column. The span
/// index is built only when a rule fails, so valid levels never pay for it.
struct Sink<'a> {
    source: &'a str,
    lines: LineIndex,
    spans: Option<SpanIndex>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    fn new(source: &'a str) -> Sink<'a> {
        Sink {
            source,
            lines: LineIndex::new(source),
            spans: None,
            diagnostics: Vec::new(),
        }
    }

    fn resolve(&mut self, place: Place) -> Range<usize> {
        match place {
            Place::Span(span) => span,
            Place::Path(path) => self
                .spans
                .get_or_insert_with(|| SpanIndex::build(self.source))
                .value_or_parent(&path),
        }
    }

    fn push(
        &mut self,
        severity: Severity,
        place: impl Into<Place>,
        message: String,
        label: &str,
        help: &str,
    ) {
        let span = self.resolve(place.into());
        let (line, column) = self.lines.line_col(self.source, span.start);
        self.diagnostics.push(Diagnostic {
            severity,
            message,
            line,
            column,
            label: label.to_owned(),
            help: help.to_owned(),
            span,
        });
    }

    fn error(&mut self, place: impl Into<Place>, message: String, label: &str, help: &str) {
        self.push(Severity::Error, place, message, label, help);
    }

    fn warning(&mut self, place: impl Into<Place>, message: String, label: &str, help: &str) {
        self.push(Severity::Warning, place, message, label, help);
    }
}

/// Turns a `ron` error into a diagnostic a teacher can act on.
fn syntax_error(err: &SpannedError, sink: &mut Sink) {
    let start = sink
        .lines
        .offset(sink.source, err.span.start.line, err.span.start.col);
    let end = sink
        .lines
        .offset(sink.source, err.span.end.line, err.span.end.col)
        .max(start);
    let outer = |outer: &Option<String>| {
        outer
            .as_deref()
            .map(|name| format!(" in {name}"))
            .unwrap_or_default()
    };
    let (message, label, help) = match &err.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => (
            format!("unknown field `{found}`{}", outer(o)),
            "unknown field".to_owned(),
            match did_you_mean(found, expected) {
                Some(best) => format!(
                    "did you mean `{best}`? The fields here are: {}",
                    expected.join(", ")
                ),
                None => format!(
                    "remove it, or use one of the fields here: {}",
                    expected.join(", ")
                ),
            },
        ),
        RonError::MissingStructField { field, outer: o } => (
            format!("missing required field `{field}`{}", outer(o)),
            format!("`{field}` is needed before this"),
            format!("add `{field}: ...,` inside the brackets that end here"),
        ),
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let categories = expected.join(", ");
            (
                format!("unknown category `{found}`"),
                "not a category".to_owned(),
                match did_you_mean(found, expected) {
                    Some(best) => format!(
                        "did you mean `{best}`? The categories are: {categories} (capital first letter, no quotes)"
                    ),
                    None => format!(
                        "use one of: {categories} (capital first letter, no quotes)"
                    ),
                },
            )
        }
        RonError::ExpectedDifferentStructName { expected, found } => (
            format!("expected `{expected}(` here, found `{found}(`"),
            "wrong name".to_owned(),
            format!("write `{expected}(` or leave the name out and start with `(`"),
        ),
        RonError::DuplicateStructField { field, outer: o } => (
            format!("the field `{field}` is written twice{}", outer(o)),
            "second copy".to_owned(),
            "keep only one of them".to_owned(),
        ),
        RonError::ExpectedStringEnd | RonError::ExpectedString => (
            err.code.to_string(),
            "text problem".to_owned(),
            "text goes in double quotes: \"like this\". A quote inside text is written \\\" (or use r#\"...\"#)".to_owned(),
        ),
        RonError::InvalidEscape(what) => (
            format!("invalid escape in text: {what}"),
            "bad escape".to_owned(),
            "inside text, a backslash starts an escape: write \\\" for a quote and \\\\ for a backslash".to_owned(),
        ),
        RonError::Eof => (
            "the file ends too early".to_owned(),
            "file ends here".to_owned(),
            "a closing `)` or `]` is missing; check that every `(` and `[` is closed".to_owned(),
        ),
        RonError::ExpectedComma
        | RonError::ExpectedArrayEnd
        | RonError::ExpectedStructLikeEnd
        | RonError::TrailingCharacters => {
            if let Some(open) = unclosed_quote_before(sink.source, start) {
                let (line, _) = sink.lines.line_col(sink.source, open);
                sink.error(
                    open..open + 1,
                    "the text is missing its closing quote".to_owned(),
                    "this text is never closed",
                    &format!("add a `\"` at the end of the text on line {line}"),
                );
                return;
            }
            let what = match &err.code {
                RonError::ExpectedComma => "expected a comma here",
                RonError::ExpectedArrayEnd => "expected `]` to close the list here",
                RonError::ExpectedStructLikeEnd => "expected `)` here",
                _ => "unexpected text after the end of the level",
            };
            (
                what.to_owned(),
                "unexpected here".to_owned(),
                "a comma, bracket or quote is probably missing just before this point: every field ends with `,` and every `(`/`[` needs its `)`/`]`".to_owned(),
            )
        }
        other => (
            other.to_string(),
            "here".to_owned(),
            "compare this line with the example in levels/README.md; a comma, bracket or quote is often missing just before it".to_owned(),
        ),
    };
    sink.error(start..end.max(start), message, &label, &help);
}

/// When the parser trips just after a string that runs over a line break
/// and swallowed a `field:` on its way, the real mistake is almost always a
/// missing closing quote where that string began. Returns the opening quote.
fn unclosed_quote_before(source: &str, at: usize) -> Option<usize> {
    let before = source.get(..at)?.trim_end();
    let close = before.strip_suffix('"')?.len();
    let open = source[..close].rfind('"')?;
    let inside = &source[open + 1..close];
    let swallowed_field = inside.lines().skip(1).any(|line| {
        line.trim_start().split_once(':').is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '(' || c == ' ')
        })
    });
    (inside.contains('\n') && swallowed_field).then_some(open)
}

/// The closest valid name, when it is close enough to be a typo.
fn did_you_mean<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    let found = found.to_lowercase();
    expected
        .iter()
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(&found, &candidate.to_lowercase()),
                *candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// Rules that need the whole parsed level.
/// Marks the parts a teacher still has to write (`fact-sorter draft` and
/// `fact-sorter new` leave it in every such place).
pub const TODO_MARK: &str = "TODO";

/// An error when `value` still contains [`TODO_MARK`]: drafts are never
/// played by accident.
fn still_todo(sink: &mut Sink, place: Place, what: &str, value: &str) {
    if value.contains(TODO_MARK) {
        sink.error(
            place,
            format!("the {what} still says {TODO_MARK}"),
            "still to write",
            &format!("replace the {TODO_MARK} text with your own words (drafts mark everything a teacher must write with {TODO_MARK})"),
        );
    }
}

fn check_rules(level: &Level, sink: &mut Sink) {
    still_todo(sink, at("title"), "title", &level.title);
    if let Some(summary) = &level.summary {
        still_todo(sink, at("summary"), "summary", summary);
    }
    still_todo(
        sink,
        at("source.title"),
        "source title",
        &level.source.title,
    );
    if level.title.trim().is_empty() {
        sink.error(
            at("title"),
            "the level title is empty".to_owned(),
            "empty",
            "write the title students will see in the level list",
        );
    }
    if level.source.title.trim().is_empty() {
        sink.error(
            at("source.title"),
            "the source title is empty".to_owned(),
            "empty",
            "name the article, book or page the passages come from",
        );
    }
    if level.passages.is_empty() {
        sink.error(
            at("passages"),
            "the level has no passages".to_owned(),
            "no passages",
            "add at least one `Passage(text: \"...\", statements: [...])`",
        );
    }
    // Normalized statement text → path of its first occurrence.
    let mut seen: HashMap<String, String> = HashMap::new();
    for (p, passage) in level.passages.iter().enumerate() {
        let passage_path = format!("passages[{p}]");
        if passage.text.trim().is_empty() {
            sink.error(
                at(&format!("{passage_path}.text")),
                "the passage text is empty".to_owned(),
                "empty",
                "paste the paragraph from the source, exactly as printed",
            );
        }
        if passage.statements.is_empty() {
            sink.error(
                at(&format!("{passage_path}.statements")),
                format!("passage {} has no statements", p + 1),
                "no statements",
                "add at least one `Statement(...)`, or remove the passage",
            );
        }
        for (s, statement) in passage.statements.iter().enumerate() {
            let path = format!("{passage_path}.statements[{s}]");
            let field = |name: &str| Place::Path(format!("{path}.{name}"));
            let normalized = text::normalize_whitespace(&statement.text);
            if normalized.is_empty() {
                sink.error(
                    field("text"),
                    "the statement text is empty".to_owned(),
                    "empty",
                    "copy a sentence or clause from the passage",
                );
            } else if !passage.text.trim().is_empty()
                && text::find_verbatim(&passage.text, &statement.text).is_none()
            {
                let help = match text::closest_fragment(&passage.text, &statement.text) {
                    Some(near) => format!(
                        "copy the statement exactly from the passage; the closest passage text is: \"{near}\""
                    ),
                    None => "copy the statement exactly from its passage (letters, punctuation and capitals must match)".to_owned(),
                };
                sink.error(
                    field("text"),
                    "the statement is not found word for word in its passage".to_owned(),
                    "not in the passage",
                    &help,
                );
            }
            if !normalized.is_empty() {
                if let Some(first) = seen.get(&normalized) {
                    let first = sink.resolve(Place::Path(first.clone())).start;
                    let (line, _) = sink.lines.line_col(sink.source, first);
                    sink.error(
                        field("text"),
                        "the same statement appears twice in this level".to_owned(),
                        "repeated",
                        &format!("remove this copy; the first one is on line {line}"),
                    );
                } else {
                    seen.insert(normalized, format!("{path}.text"));
                }
            }
            still_todo(
                sink,
                field("explanation"),
                "explanation",
                &statement.explanation,
            );
            if let Some(check) = &statement.check {
                still_todo(sink, field("check"), "check", check);
            }
            if statement.explanation.trim().is_empty() {
                sink.error(
                    field("explanation"),
                    "the explanation is empty".to_owned(),
                    "empty",
                    "say which words decide the category, and why, in words a 13-year-old understands",
                );
            } else if text::word_count(&statement.explanation) < SHORT_EXPLANATION_WORDS {
                sink.warning(
                    field("explanation"),
                    format!(
                        "the explanation has only {} words",
                        text::word_count(&statement.explanation)
                    ),
                    "short explanation",
                    "name the feature that decides the category (a date, a judgement word, a missing source) in at least 8 words",
                );
            }
            for (a, also) in statement.also.iter().enumerate() {
                let also_path = format!("{path}.also[{a}]");
                if *also == statement.answer {
                    sink.error(
                        at(&also_path),
                        format!("`also` repeats the main answer `{also}`"),
                        "same as `answer`",
                        "`also` lists other defensible answers; remove the main answer from it",
                    );
                } else if statement.also[..a].contains(also) {
                    sink.error(
                        at(&also_path),
                        format!("`{also}` appears twice in `also`"),
                        "duplicate",
                        "list each category once",
                    );
                }
            }
            for (g, signal) in statement.signals.iter().enumerate() {
                if text::find_word_ignore_case(&statement.text, signal.trim()).is_none() {
                    sink.error(
                        at(&format!("{path}.signals[{g}]")),
                        format!("the signal \"{signal}\" does not occur in the statement"),
                        "not in the statement",
                        "signals are words copied from the statement itself; fix the spelling or remove it",
                    );
                }
            }
            if statement.answer == Category::Fact
                && statement
                    .check
                    .as_deref()
                    .is_none_or(|c| c.trim().is_empty())
            {
                sink.warning(
                    field("answer"),
                    "this Fact has no `check`".to_owned(),
                    "Fact without `check`",
                    "add `check: \"...\"` naming where a student could verify it (a record, dataset or named source)",
                );
            }
            let chars = statement.text.chars().count();
            if chars > LONG_STATEMENT_CHARS {
                sink.warning(
                    field("text"),
                    format!("the statement is {chars} characters long"),
                    "long statement",
                    &format!(
                        "use a shorter clause (at most {LONG_STATEMENT_CHARS} characters) copied from the sentence"
                    ),
                );
            }
        }
    }
    check_mix(level, at("title"), sink);
}

/// Warns when a longer level barely uses one category.
fn check_mix(level: &Level, title: Place, sink: &mut Sink) {
    let total = level.statement_count();
    if total < MIX_MIN_STATEMENTS {
        return;
    }
    let counts = level.category_counts();
    for category in Category::ALL {
        let count = counts[category.index()];
        let share = count as f64 / total as f64;
        if share < MIX_MIN_SHARE {
            sink.warning(
                title.clone(),
                format!(
                    "only {count} of {total} statements are {category} ({:.0}%)",
                    share * 100.0
                ),
                "unbalanced level",
                &format!(
                    "add {category} statements so that each category is at least {:.0}% of the level, or students can win by guessing",
                    MIX_MIN_SHARE * 100.0
                ),
            );
        }
    }
}
