//! Where each value sits in a level's RON text.
//!
//! `ron` parses the file into [`crate::level::Level`] but forgets positions.
//! This scanner walks the same text once more and records the byte range of
//! every value by its path (`passages[0].statements[2].text`), so validation
//! can point at the exact line and column. It only runs on text that `ron`
//! already accepted, and it never panics on anything else.

use std::collections::HashMap;
use std::ops::Range;

/// Byte ranges of values (and of field names) keyed by path.
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    values: HashMap<String, Range<usize>>,
    keys: HashMap<String, Range<usize>>,
}

impl SpanIndex {
    /// Scans `src`. Anything it cannot follow is skipped, never fatal.
    pub fn build(src: &str) -> SpanIndex {
        let mut scanner = Scanner {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            index: SpanIndex::default(),
            depth: 0,
        };
        scanner.skip_trivia();
        scanner.value(String::new());
        scanner.index
    }

    /// The byte range of the value at `path`, if the scanner found it.
    pub fn value(&self, path: &str) -> Option<Range<usize>> {
        self.values.get(path).cloned()
    }

    /// The byte range of the field name at `path` (`passages[0].text` gives `text`).
    pub fn key(&self, path: &str) -> Option<Range<usize>> {
        self.keys.get(path).cloned()
    }

    /// The value at `path`, or else the nearest enclosing value that was found.
    pub fn value_or_parent(&self, path: &str) -> Range<usize> {
        let mut current = path;
        loop {
            if let Some(span) = self.value(current) {
                return span;
            }
            match current.rfind(['.', '[']) {
                Some(cut) => current = &current[..cut],
                None => return self.value("").unwrap_or(0..0),
            }
        }
    }
}

/// Deep nesting is never valid in a level; stop following it long before the stack could suffer.
const MAX_DEPTH: usize = 64;

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    index: SpanIndex,
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        while let Some(byte) = self.peek() {
            if byte.is_ascii_whitespace() {
                self.pos += 1;
            } else if self.src[self.pos..].starts_with("//") {
                self.pos = self.src[self.pos..]
                    .find('\n')
                    .map_or(self.bytes.len(), |n| self.pos + n);
            } else if self.src[self.pos..].starts_with("/*") {
                self.pos = self.src[self.pos + 2..]
                    .find("*/")
                    .map_or(self.bytes.len(), |n| self.pos + 2 + n + 2);
            } else {
                break;
            }
        }
    }

    fn ident(&mut self) -> Range<usize> {
        let start = self.pos;
        while let Some(byte) = self.peek() {
            if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'#' {
                self.pos += 1;
            } else {
                break;
            }
        }
        start..self.pos
    }

    /// Records the value starting at the cursor under `path` and moves past it.
    fn value(&mut self, path: String) {
        self.depth += 1;
        let start = self.pos;
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b'r') if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.raw_string()
            }
            Some(b'[') if self.depth < MAX_DEPTH => self.list(&path),
            Some(b'(') if self.depth < MAX_DEPTH => self.fields(&path),
            Some(byte) if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' => {
                self.pos += 1;
                self.ident();
                let ident_end = self.pos;
                self.skip_trivia();
                // `Name(...)`: a named struct or enum variant with content.
                if self.peek() == Some(b'(') && self.depth < MAX_DEPTH {
                    self.fields(&path);
                } else {
                    self.pos = ident_end;
                }
            }
            Some(_) => self.pos += 1,
            None => {}
        }
        self.depth -= 1;
        let end = self.pos.max(start);
        self.index.values.insert(path, start..end);
    }

    fn string(&mut self) {
        self.pos += 1;
        while let Some(byte) = self.peek() {
            self.pos += 1;
            match byte {
                b'\\' => self.pos = (self.pos + 1).min(self.bytes.len()),
                b'"' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        self.pos += 1;
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.pos += hashes;
        if self.peek() != Some(b'"') {
            return;
        }
        self.pos += 1;
        let closing = format!("\"{}", "#".repeat(hashes));
        self.pos = self.src[self.pos..]
            .find(&closing)
            .map_or(self.bytes.len(), |n| self.pos + n + closing.len());
    }

    fn list(&mut self, path: &str) {
        self.pos += 1;
        let mut item = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b']') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => self.pos += 1,
                Some(_) => {
                    let before = self.pos;
                    self.value(format!("{path}[{item}]"));
                    item += 1;
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    /// `( name: value, ... )`, or a tuple `( value, ... )` which we step over.
    fn fields(&mut self, path: &str) {
        self.pos += 1;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b')') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => self.pos += 1,
                Some(byte) if byte.is_ascii_alphabetic() || byte == b'_' => {
                    let before = self.pos;
                    let name = self.ident();
                    self.skip_trivia();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        self.skip_trivia();
                        let key = &self.src[name.clone()];
                        let child = if path.is_empty() {
                            key.to_owned()
                        } else {
                            format!("{path}.{key}")
                        };
                        self.index.keys.insert(child.clone(), name);
                        self.value(child);
                    } else {
                        // A tuple member or enum variant; rewind and skip it.
                        self.pos = before;
                        self.value(format!("{path}.#"));
                    }
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
                Some(_) => {
                    let before = self.pos;
                    self.value(format!("{path}.#"));
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_keys() {
        let src = r##"Level( // comment
    title: "T",
    passages: [ Passage( text: r#"a "b" c"#, statements: [ ( text: "x", answer: Fact ) ] ) ],
)"##;
        let index = SpanIndex::build(src);
        assert_eq!(&src[index.value("title").unwrap()], "\"T\"");
        assert_eq!(
            &src[index.value("passages[0].text").unwrap()],
            "r#\"a \"b\" c\"#"
        );
        assert_eq!(
            &src[index.value("passages[0].statements[0].answer").unwrap()],
            "Fact"
        );
        assert_eq!(
            &src[index.key("passages[0].statements[0].text").unwrap()],
            "text"
        );
    }

    #[test]
    fn falls_back_to_the_nearest_parent() {
        let src = "( passages: [ ( text: \"p\" ) ] )";
        let index = SpanIndex::build(src);
        let span = index.value_or_parent("passages[0].statements[3].text");
        assert_eq!(&src[span], "( text: \"p\" )");
    }

    #[test]
    fn survives_garbage() {
        for src in [
            "",
            "(",
            "[[[[",
            "r#",
            "\"unterminated",
            "(a: (b: [c, r\"x",
            "/*",
        ] {
            let _ = SpanIndex::build(src);
        }
        let deep = "[".repeat(10_000);
        let _ = SpanIndex::build(&deep);
    }
}
