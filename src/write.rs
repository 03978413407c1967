//! Writes a [`Level`] as RON that a teacher can read and edit: one field a
//! line, in the order the authoring guide uses, optional fields left out
//! when empty. `import`, `draft` and `new` all write levels through this.

use crate::level::{Category, Level, Passage, Source, Statement};
use std::fmt::Write;

/// The level as RON text, ending in a newline. Parsing it gives back an
/// equal [`Level`].
pub fn level_to_ron(level: &Level) -> String {
    let mut out = Out::default();
    out.open("Level(");
    out.string("title", &level.title);
    out.optional("summary", &level.summary);
    source(&mut out, &level.source);
    out.optional("grade", &level.grade);
    out.string("language", &level.language);
    out.open("passages: [");
    for passage in &level.passages {
        self::passage(&mut out, passage);
    }
    out.close("],");
    out.close(")");
    out.text
}

fn source(out: &mut Out, source: &Source) {
    out.open("source: Source(");
    out.string("title", &source.title);
    out.optional("author", &source.author);
    out.optional("published", &source.published);
    out.optional("url", &source.url);
    out.optional("kind", &source.kind);
    out.close("),");
}

fn passage(out: &mut Out, passage: &Passage) {
    out.open("Passage(");
    out.optional("heading", &passage.heading);
    out.string("text", &passage.text);
    out.open("statements: [");
    for statement in &passage.statements {
        self::statement(out, statement);
    }
    out.close("],");
    out.close("),");
}

fn statement(out: &mut Out, statement: &Statement) {
    out.open("Statement(");
    out.string("text", &statement.text);
    out.line(&format!("answer: {},", statement.answer));
    if !statement.also.is_empty() {
        out.line(&format!("also: [{}],", categories(&statement.also)));
    }
    out.string("explanation", &statement.explanation);
    if !statement.signals.is_empty() {
        let signals: Vec<String> = statement.signals.iter().map(|s| quote(s)).collect();
        out.line(&format!("signals: [{}],", signals.join(", ")));
    }
    out.optional("check", &statement.check);
    out.close("),");
}

/// `Fact, Opinion`, as written inside `also: [...]`.
pub fn categories(list: &[Category]) -> String {
    list.iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A RON string literal: quotes, backslashes and control characters are
/// escaped; everything else (curly quotes, accents) is kept as written.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Indented lines.
#[derive(Default)]
struct Out {
    text: String,
    depth: usize,
}

impl Out {
    fn line(&mut self, line: &str) {
        for _ in 0..self.depth {
            self.text.push_str("    ");
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn open(&mut self, line: &str) {
        self.line(line);
        self.depth += 1;
    }

    fn close(&mut self, line: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(line);
    }

    fn string(&mut self, field: &str, value: &str) {
        self.line(&format!("{field}: {},", quote(value)));
    }

    fn optional(&mut self, field: &str, value: &Option<String>) {
        if let Some(value) = value {
            self.string(field, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{level_files, read_level};
    use crate::validate::validate_source;
    use std::path::PathBuf;

    #[test]
    fn every_shipped_level_survives_a_write_and_read() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels");
        let files = level_files(&[dir]);
        assert!(files.len() >= 10);
        for file in files {
            let level = read_level(&file).level.expect("shipped levels pass check");
            let text = level_to_ron(&level);
            let again = validate_source("written.ron", &text);
            assert_eq!(
                again.level.as_ref(),
                Some(&level),
                "{}:\n{text}",
                file.display()
            );
        }
    }

    #[test]
    fn awkward_text_is_escaped_and_read_back() {
        for text in [
            "say \"hi\"",
            "back\\slash",
            "two\nlines",
            "tab\there",
            "bell\u{7}",
            "“curly” é",
        ] {
            let literal = quote(text);
            let back: String = ron::from_str(&literal).unwrap();
            assert_eq!(back, text, "{literal}");
        }
        assert_eq!(quote("“curly”"), "\"“curly”\"");
    }
}
