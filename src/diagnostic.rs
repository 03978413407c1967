//! Problems found in a level file, with their place (`file:line:col`), and
//! how they are printed for teachers (text) and for tools (JSON).

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::WriteColor};
use serde::Serialize;
use std::ops::Range;

/// Whether a problem stops the level from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The level does not load.
    Error,
    /// The level loads, but something should be improved.
    Warning,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// 1-based line of the offending text.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Short note shown under the caret.
    pub label: String,
    /// How to fix it.
    pub help: String,
    /// Byte range in the file.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: error: message`, the one-line form used in menus and logs.
    pub fn one_line(&self, file: &str) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{file}:{}:{}: {kind}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Converts between byte offsets and 1-based line/column positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { line_starts }
    }

    /// 1-based line and character column of byte `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let rest = &text[start..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        rest[..line_len]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(start + line_len, |(at, _)| start + at)
    }
}

/// Prints diagnostics the way `fact-sorter check` shows them: the place,
/// the offending source line with a caret, and a `help:` line.
pub fn render(
    writer: &mut dyn WriteColor,
    file: &str,
    source: &str,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let files = SimpleFile::new(file, source);
    let config = Config {
        chars: term::Chars::ascii(),
        ..Config::default()
    };
    for diagnostic in diagnostics {
        let report = match diagnostic.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        };
        let report = report
            .with_message(&diagnostic.message)
            .with_labels(vec![
                Label::primary((), diagnostic.span.clone()).with_message(&diagnostic.label),
            ])
            .with_notes(vec![format!("help: {}", diagnostic.help)]);
        term::emit(writer, &config, &files, &report).map_err(std::io::Error::other)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\n“é” x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), (2, 5));
        assert_eq!(index.offset(text, 2, 5), x);
        assert_eq!(index.offset(text, 9, 1), text.len());
    }
}
