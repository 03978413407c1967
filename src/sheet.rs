//! A level as one spreadsheet: the CSV round trip behind
//! `fact-sorter export LEVEL.ron --csv OUT.csv` and
//! `fact-sorter import IN.csv --out LEVEL.ron`.
//!
//! Many teachers write in Excel, LibreOffice Calc or Google Sheets rather
//! than a text editor. [`export_csv`] turns a [`Level`] into a CSV file they
//! can open there; [`import_csv`] reads such a file back, reporting every
//! problem with its spreadsheet row and column. Importing an exported level
//! gives back the same level. The caller writes the result with
//! [`crate::write::level_to_ron`] and then checks it like any level, so the
//! game's rules (statements copied word for word, signals in the statement,
//! and so on) live in [`crate::validate`] only.
//!
//! # Layout
//!
//! ```text
//! #title,The new skate park
//! #summary,A short town news report.
//! #source_title,Skate park opens on Alder Street
//! #source_author,Tom Ashby
//! #source_published,2025
//! #source_url,
//! #source_kind,Sample news report written for Fact Sorter
//! #grade,5-8
//! #language,en
//!
//! passage_heading,passage,statement,answer,also,explanation,signals,check
//! Opening day,"It opened on 14 June. It is the best park.",It opened on 14 June.,Fact,,"A date, so …",14 June,Council notices
//! ,,It is the best park.,Opinion,Unsupported,"“Best” is a judgement …",the best,
//! ```
//!
//! - **Metadata rows** come first. Column A holds a key starting with `#`
//!   (so the rows stand out), column B its value. The keys are
//!   [`METADATA_KEYS`] with a `#` in front; capitals, spaces and dashes in a
//!   key do not matter (`#Source Title` is `#source_title`). `#title` and
//!   `#source_title` are required. A missing `#language` means `en`; any
//!   other missing or empty key means "none". An unknown key, a key given
//!   twice, or a second value in column C or later is an error.
//! - **The header row** is the first row that is neither empty nor a
//!   metadata row. Columns are found by name, so teachers may reorder them;
//!   names are [`COLUMNS`], with the same forgiveness as keys. `passage`,
//!   `statement`, `answer` and `explanation` are required; the other
//!   columns may be left out. An unknown or repeated column name is an
//!   error (with a did-you-mean), and so is text in a column whose header
//!   cell is empty.
//! - **Statement rows**: one row per statement, in play order. A row whose
//!   `passage` cell is empty continues the passage above, and so does a row
//!   that repeats the same passage text (spacing aside), so both "fill
//!   down" and "leave blank" work. Any other passage text starts a new
//!   passage. The heading comes from a passage's first row; a different
//!   heading on a later row of the same passage is an error. A row with a
//!   passage but no statement cells is a passage with no statements yet.
//! - `answer` and `also` take `Fact`, `Opinion` or `Unsupported` in any
//!   capitals, or the long forms `verifiable fact` and `unsupported claim`.
//!   `also` lists several separated by `|` (commas and semicolons work too).
//!   `signals` are separated by `|`; each is trimmed and empty ones are
//!   skipped, so `|` cannot occur inside a signal.
//! - Empty rows are ignored anywhere (they still count for row numbers).
//!
//! # Files
//!
//! - Import accepts UTF-8 with or without a byte-order mark, `\r\n` or
//!   `\n` line ends, and comma, semicolon (Excel in many European languages)
//!   or tab separators: the one that yields a recognizable header row wins.
//!   A line break written `\r\n` inside a cell becomes `\n`. Other
//!   encodings are refused with "save as CSV UTF-8" advice.
//! - Export writes commas, `\r\n` line ends and a UTF-8 byte-order mark:
//!   without the mark, Excel reads a CSV file in the computer's legacy code
//!   page and shows `’` as `â€™` and `é` as `Ã©`. Metadata rows are padded
//!   to the width of the header row, as spreadsheets save them, and an empty
//!   row separates them from the header row.
//! - Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
//!   formula (a social-media passage starting `@name:` becomes `#NAME?`).
//!   Export therefore puts an apostrophe in front of any text starting
//!   with one of those characters or with an apostrophe, and import removes
//!   one leading apostrophe in front of those characters.
//!
//! # Round trip
//!
//! `import_csv(export_csv(&level).as_bytes()) == Ok(level)` for every level
//! that passes `check`, including every shipped level. Text is kept exactly
//! as written, including leading and trailing spaces; only a cell that is
//! empty or all spaces counts as empty. What a sheet cannot express, and no
//! real level uses: an optional text that is present but blank
//! (`Some("")` reads back as `None`), an empty `language` (reads back as
//! `en`), signals with `|` or surrounding spaces, `\r\n` inside text, and
//! two passages in a row with the same text.
//!
//! # Errors
//!
//! [`import_csv`] collects every problem it can find rather than stopping
//! at the first. Each [`SheetError`] names the row as the spreadsheet
//! numbers it (a cell with line breaks is still one row) and, where there
//! is one, the column letter and the column's name:
//! `lesson.csv:14:D (answer): error: unknown answer "Opnion"; use Fact,
//! Opinion or Unsupported (did you mean Opinion?)`.

use crate::level::{Category, Level, Passage, Source, Statement};
use crate::text::normalize_whitespace;
use std::collections::HashMap;
use std::fmt;

/// The metadata keys, written `#key` in column A, in the order
/// [`export_csv`] writes them.
pub const METADATA_KEYS: [&str; 9] = [
    "title",
    "summary",
    "source_title",
    "source_author",
    "source_published",
    "source_url",
    "source_kind",
    "grade",
    "language",
];

/// The names in the header row, in the order [`export_csv`] writes them.
pub const COLUMNS: [&str; 8] = [
    "passage_heading",
    "passage",
    "statement",
    "answer",
    "also",
    "explanation",
    "signals",
    "check",
];

// Positions in `COLUMNS`.
const HEADING: usize = 0;
const PASSAGE: usize = 1;
const STATEMENT: usize = 2;
const ANSWER: usize = 3;
const ALSO: usize = 4;
const EXPLANATION: usize = 5;
const SIGNALS: usize = 6;
const CHECK: usize = 7;
const WIDTH: usize = COLUMNS.len();
const REQUIRED_COLUMNS: [usize; 4] = [PASSAGE, STATEMENT, ANSWER, EXPLANATION];

/// Between the items of `also` and `signals` in export.
const LIST_SEPARATOR: &str = " | ";
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Tried in this order; the first wins a tie.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// Text starting with one of these gets an apostrophe in front on export.
const GUARDED_STARTS: [char; 5] = ['=', '+', '-', '@', '\''];
const DEFAULT_LANGUAGE: &str = "en";
const CATEGORY_CHOICES: &str = "use Fact, Opinion or Unsupported";
/// Every accepted spelling of a category, lowercase, spaces collapsed.
const CATEGORY_NAMES: [(&str, Category); 5] = [
    ("fact", Category::Fact),
    ("verifiable fact", Category::Fact),
    ("opinion", Category::Opinion),
    ("unsupported", Category::Unsupported),
    ("unsupported claim", Category::Unsupported),
];
const SAVE_AS_UTF8: &str = "save the sheet as \"CSV UTF-8 (Comma delimited)\" in Excel, or as \
     \"Text CSV\" with the character set \"Unicode (UTF-8)\" in LibreOffice; \
     Google Sheets always downloads UTF-8";

/// One problem in a spreadsheet, at a row and usually a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    /// 1-based row number, as the spreadsheet shows it.
    pub row: usize,
    /// 1-based column number (1 is column A), when the problem is in one cell.
    pub column: Option<usize>,
    /// The column's name from the header row (`answer`), or the metadata key
    /// (`#grade`) for a metadata value, when it has one.
    pub column_name: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl SheetError {
    fn whole_row(row: usize, message: impl Into<String>, help: impl Into<String>) -> SheetError {
        SheetError {
            row,
            column: None,
            column_name: None,
            message: message.into(),
            help: help.into(),
        }
    }

    fn cell(
        row: usize,
        column: usize,
        column_name: Option<&str>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> SheetError {
        SheetError {
            row,
            column: Some(column),
            column_name: column_name.map(str::to_owned),
            message: message.into(),
            help: help.into(),
        }
    }

    /// `14:D (answer)`, `14:D` or `14`.
    fn place(&self) -> String {
        match (self.column, &self.column_name) {
            (Some(column), Some(name)) => {
                format!("{}:{} ({name})", self.row, column_letters(column))
            }
            (Some(column), None) => format!("{}:{}", self.row, column_letters(column)),
            (None, _) => self.row.to_string(),
        }
    }

    /// `file:ROW:COLUMN (name): error: message; help`, the one-line form
    /// for the command line and logs. The column part is left out when the
    /// problem is with a whole row.
    pub fn one_line(&self, file: &str) -> String {
        let mut line = format!("{file}:{}: error: {}", self.place(), self.message);
        if !self.help.is_empty() {
            line.push_str("; ");
            line.push_str(&self.help);
        }
        line
    }
}

impl fmt::Display for SheetError {
    /// `row 14, column D (answer): message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(column) = self.column {
            write!(f, ", column {}", column_letters(column))?;
            if let Some(name) = &self.column_name {
                write!(f, " ({name})")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SheetError {}

/// The spreadsheet name of a 1-based column number: 1 is `A`, 27 is `AA`.
pub fn column_letters(column: usize) -> String {
    let mut rest = column.max(1);
    let mut letters = Vec::new();
    while rest > 0 {
        let remainder = (rest - 1) % 26;
        letters.push(char::from(b'A' + remainder as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

// ---------------------------------------------------------------- export

/// The level as a complete CSV file: UTF-8 with a byte-order mark (so that
/// Excel shows accents and curly quotes correctly), commas, `\r\n` line
/// ends. See the module documentation for the layout.
pub fn export_csv(level: &Level) -> String {
    let mut rows: Vec<[String; WIDTH]> = Vec::new();
    for (key, value) in METADATA_KEYS.into_iter().zip(metadata_values(level)) {
        rows.push(padded([
            format!("#{key}"),
            value.map(guard).unwrap_or_default(),
        ]));
    }
    rows.push(Default::default());
    rows.push(COLUMNS.map(str::to_owned));
    for passage in &level.passages {
        // Heading and text go on the passage's first row only.
        let mut lead = [
            passage.heading.as_deref().map(guard).unwrap_or_default(),
            guard(&passage.text),
        ];
        if passage.statements.is_empty() {
            rows.push(padded(lead));
            continue;
        }
        for statement in &passage.statements {
            let [heading, text] = std::mem::take(&mut lead);
            let also: Vec<&str> = statement
                .also
                .iter()
                .map(|category| category.label())
                .collect();
            rows.push([
                heading,
                text,
                guard(&statement.text),
                statement.answer.label().to_owned(),
                also.join(LIST_SEPARATOR),
                guard(&statement.explanation),
                guard(&statement.signals.join(LIST_SEPARATOR)),
                statement.check.as_deref().map(guard).unwrap_or_default(),
            ]);
        }
    }

    let mut bytes = UTF8_BOM.to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        for row in rows {
            writer
                .write_record(row)
                .expect("writing CSV to memory cannot fail");
        }
        writer.flush().expect("writing CSV to memory cannot fail");
    }
    String::from_utf8(bytes).expect("CSV made of UTF-8 text is UTF-8")
}

/// The level's metadata, in the order of [`METADATA_KEYS`].
fn metadata_values(level: &Level) -> [Option<&str>; METADATA_KEYS.len()] {
    let source = &level.source;
    [
        Some(level.title.as_str()),
        level.summary.as_deref(),
        Some(source.title.as_str()),
        source.author.as_deref(),
        source.published.as_deref(),
        source.url.as_deref(),
        source.kind.as_deref(),
        level.grade.as_deref(),
        Some(level.language.as_str()),
    ]
}

/// A row of the sheet's full width starting with `cells`.
fn padded<const N: usize>(cells: [String; N]) -> [String; WIDTH] {
    let mut row: [String; WIDTH] = Default::default();
    for (slot, cell) in row.iter_mut().zip(cells) {
        *slot = cell;
    }
    row
}

/// The text as a cell that spreadsheets will not run as a formula.
fn guard(text: &str) -> String {
    if text.starts_with(GUARDED_STARTS) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

// ---------------------------------------------------------------- import

/// Reads a level from a CSV file's bytes. Every problem found comes back,
/// in row order, each with its row and (usually) column; the level comes
/// back only when there are none. Never panics.
pub fn import_csv(bytes: &[u8]) -> Result<Level, Vec<SheetError>> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(vec![SheetError::whole_row(
            1,
            "the file is UTF-16 (\"Unicode Text\"), not UTF-8 CSV",
            SAVE_AS_UTF8,
        )]);
    }
    let data = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let rows = read_rows(data)?;
    if rows.iter().all(Row::is_blank) {
        return Err(vec![SheetError::whole_row(
            1,
            "the file has no rows",
            "start from a sheet written by `fact-sorter export`; the layout is in levels/README.md, section \"Working in a spreadsheet\"",
        )]);
    }
    let mut import = Import::default();
    import.read(&rows);
    import.finish()
}

/// One non-empty line of the sheet as the CSV reader sees it.
struct RawRow {
    number: usize,
    cells: Vec<Vec<u8>>,
}

/// One row of the sheet, decoded and cleaned.
struct Row {
    /// 1-based, as the spreadsheet numbers it.
    number: usize,
    cells: Vec<String>,
}

impl Row {
    /// The cell at 0-based `index`, or `""` past the end of the row.
    fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }

    fn is_metadata(&self) -> bool {
        starts_with_hash(self.cell(0))
    }

    /// Neither empty nor metadata: the header row, or a row below it.
    fn may_be_header(&self) -> bool {
        !self.is_blank() && !self.is_metadata()
    }
}

fn starts_with_hash(cell: &str) -> bool {
    cell.trim_start().starts_with('#')
}

/// Splits the file into rows, with the separator that makes a header row
/// recognizable, and decodes the cells.
fn read_rows(data: &[u8]) -> Result<Vec<Row>, Vec<SheetError>> {
    let mut best: Option<(usize, Vec<RawRow>)> = None;
    for delimiter in DELIMITERS {
        let rows = split_rows(data, delimiter);
        let score = best_header_score(&rows);
        if best
            .as_ref()
            .is_none_or(|(best_score, _)| score > *best_score)
        {
            best = Some((score, rows));
        }
    }
    decode(best.map(|(_, rows)| rows).unwrap_or_default())
}

fn split_rows(data: &[u8], delimiter: u8) -> Vec<RawRow> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(data);
    let mut record = csv::ByteRecord::new();
    let mut rows = Vec::new();
    let mut number = 0;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        // The reader skips empty lines without returning them, but the
        // spreadsheet shows each as an empty row.
        let start = record.position().map_or(0, |position| {
            usize::try_from(position.byte()).unwrap_or(usize::MAX)
        });
        number += 1 + empty_lines_at(data, start);
        rows.push(RawRow {
            number,
            cells: record.iter().map(|cell| cell.to_vec()).collect(),
        });
    }
    rows
}

/// How many empty lines come at byte `start`, where the CSV reader began
/// its search for the next record: just after the previous record's line
/// end, or (for `\r\n`) between its `\r` and `\n`.
fn empty_lines_at(data: &[u8], start: usize) -> usize {
    let mut at = start;
    if at > 0 && data.get(at - 1) == Some(&b'\r') && data.get(at) == Some(&b'\n') {
        at += 1;
    }
    let mut empty = 0;
    loop {
        match data.get(at) {
            Some(b'\r') => {
                empty += 1;
                at += 1;
                if data.get(at) == Some(&b'\n') {
                    at += 1;
                }
            }
            Some(b'\n') => {
                empty += 1;
                at += 1;
            }
            _ => return empty,
        }
    }
}

/// How many column names the most header-like row holds.
fn best_header_score(rows: &[RawRow]) -> usize {
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| String::from_utf8_lossy(cell).into_owned())
                .collect();
            let first = cells.first().map_or("", String::as_str);
            if starts_with_hash(first) {
                0
            } else {
                header_score(&cells)
            }
        })
        .max()
        .unwrap_or(0)
}

fn header_score(cells: &[String]) -> usize {
    cells
        .iter()
        .filter(|cell| column_index(cell).is_some())
        .count()
}

/// Decodes every cell as UTF-8; the first cell that is not becomes the
/// only error (in another encoding, every accent would be one).
fn decode(raw: Vec<RawRow>) -> Result<Vec<Row>, Vec<SheetError>> {
    let mut rows = Vec::with_capacity(raw.len());
    for row in raw {
        let mut cells = Vec::with_capacity(row.cells.len());
        for (index, cell) in row.cells.into_iter().enumerate() {
            match String::from_utf8(cell) {
                Ok(text) => cells.push(clean_cell(&text)),
                Err(_) => {
                    return Err(vec![SheetError::cell(
                        row.number,
                        index + 1,
                        None,
                        "this cell is not UTF-8 text",
                        SAVE_AS_UTF8,
                    )]);
                }
            }
        }
        rows.push(Row {
            number: row.number,
            cells,
        });
    }
    Ok(rows)
}

/// Undoes what export and spreadsheets add: `\r\n` inside a cell becomes
/// `\n`, and the apostrophe that keeps a formula-like start as text goes.
fn clean_cell(cell: &str) -> String {
    let mut cell = cell.replace("\r\n", "\n");
    if matches!(cell.strip_prefix('\''), Some(rest) if rest.starts_with(GUARDED_STARTS)) {
        cell.remove(0);
    }
    cell
}

/// `Passage Heading`, ` passage-heading ` and `passage_heading` are all
/// `passage_heading`.
fn normalize_name(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Position in [`COLUMNS`] of a header cell.
fn column_index(cell: &str) -> Option<usize> {
    let name = normalize_name(cell);
    COLUMNS.iter().position(|column| *column == name)
}

/// The known key of a metadata cell such as `#Source Title`.
fn metadata_key(cell: &str) -> Option<&'static str> {
    let name = normalize_name(cell.trim().strip_prefix('#')?);
    METADATA_KEYS.into_iter().find(|key| *key == name)
}

fn metadata_list() -> String {
    METADATA_KEYS.map(|key| format!("#{key}")).join(", ")
}

/// The closest name, when it is close enough to be a typo.
fn closest(found: &str, candidates: &[&'static str]) -> Option<&'static str> {
    let found = found.to_lowercase();
    candidates
        .iter()
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(&found, candidate),
                *candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn suggest_metadata(name: &str) -> Option<&'static str> {
    // `#author` for `#source_author`.
    let with_source = format!("source_{name}");
    METADATA_KEYS
        .into_iter()
        .find(|key| *key == with_source)
        .or_else(|| closest(name, &METADATA_KEYS))
}

fn suggest_column(cell: &str) -> Option<usize> {
    const ALIASES: [(&str, usize); 6] = [
        ("heading", HEADING),
        ("title", HEADING),
        ("passage_text", PASSAGE),
        ("text", STATEMENT),
        ("statement_text", STATEMENT),
        ("category", ANSWER),
    ];
    let name = normalize_name(cell);
    if let Some((_, column)) = ALIASES.iter().find(|(alias, _)| *alias == name) {
        return Some(*column);
    }
    closest(&name, &COLUMNS).and_then(column_index)
}

fn parse_category(value: &str) -> Option<Category> {
    let value = normalize_whitespace(value).to_lowercase();
    CATEGORY_NAMES
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, category)| *category)
}

/// The category a mistyped one probably means: the only one that starts
/// with it (`O`, `opin`), or the closest spelling (`Opnion`).
fn suggest_category(found: &str) -> Option<Category> {
    let found = normalize_whitespace(found).to_lowercase();
    if found.is_empty() {
        return None;
    }
    let beginning: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|category| category.label().to_lowercase().starts_with(&found))
        .collect();
    if let [only] = beginning[..] {
        return Some(only);
    }
    CATEGORY_NAMES
        .iter()
        .map(|(name, category)| {
            (
                strsim::normalized_damerau_levenshtein(&found, name),
                *category,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, category)| category)
}

fn category_help(found: &str) -> String {
    match suggest_category(found) {
        Some(category) => format!("{CATEGORY_CHOICES} (did you mean {category}?)"),
        None => CATEGORY_CHOICES.to_owned(),
    }
}

fn split_signals(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|signal| !signal.is_empty())
        .map(str::to_owned)
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    normalize_whitespace(a) == normalize_whitespace(b)
}

/// Whether a grade is what a spreadsheet makes of `5-8` or `9-12` when it
/// reads it as a date: `8-May`, `Sep-12`, `05/08/2025`, `2025-05-08`.
fn looks_like_date(value: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = value.trim().to_lowercase();
    let parts: Vec<&str> = lower.split(['/', '.', '-']).collect();
    let numeric_date = parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    let has_digit = lower.chars().any(|c| c.is_ascii_digit());
    let month_word = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|word| word.len() >= 3 && MONTHS.iter().any(|month| month.starts_with(word)));
    numeric_date || (has_digit && month_word)
}

/// Where a statement row's errors go: the row, and the cell index of each
/// column.
struct At {
    row: usize,
    columns: [Option<usize>; WIDTH],
}

impl At {
    fn cell(
        &self,
        column: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> SheetError {
        SheetError {
            row: self.row,
            column: self.columns[column].map(|index| index + 1),
            column_name: Some(COLUMNS[column].to_owned()),
            message: message.into(),
            help: help.into(),
        }
    }
}

/// The state of one import: what has been read so far, and every problem.
#[derive(Default)]
struct Import {
    errors: Vec<SheetError>,
    /// Key → (row, value as written).
    metadata: HashMap<&'static str, (usize, String)>,
    /// 0-based cell index of each of [`COLUMNS`] in the header row.
    columns: [Option<usize>; WIDTH],
    /// Cell indexes whose header was already reported (unknown, repeated).
    ignored: Vec<usize>,
    header_row: usize,
    passages: Vec<Passage>,
    /// The row where the last passage starts.
    passage_row: usize,
}

impl Import {
    fn read(&mut self, rows: &[Row]) {
        // A stray line of text above the real header row is reported as
        // such, rather than read as a header with unknown columns.
        let header = rows
            .iter()
            .position(|row| row.may_be_header() && header_score(&row.cells) > 0)
            .or_else(|| rows.iter().position(Row::may_be_header));
        let Some(header) = header else {
            for row in rows.iter().filter(|row| row.is_metadata()) {
                self.metadata_row(row);
            }
            let after = rows.last().map_or(1, |row| row.number + 1);
            self.errors.push(SheetError::whole_row(
                after,
                "the sheet has no header row",
                format!(
                    "after the # rows, add the header row: {}",
                    COLUMNS.join(", ")
                ),
            ));
            return;
        };
        for row in &rows[..header] {
            if row.is_blank() {
                continue;
            }
            if row.is_metadata() {
                self.metadata_row(row);
            } else {
                let column = row
                    .cells
                    .iter()
                    .position(|cell| !cell.trim().is_empty())
                    .map_or(1, |index| index + 1);
                self.errors.push(SheetError::cell(
                    row.number,
                    column,
                    None,
                    "this row is neither a metadata row nor the header row",
                    "metadata rows have a key starting with # in column A (like #title); delete this row or make it one",
                ));
            }
        }
        if self.header(&rows[header]) {
            for row in &rows[header + 1..] {
                self.statement_row(row);
            }
        }
    }

    fn metadata_row(&mut self, row: &Row) {
        let written = row.cell(0).trim();
        let Some(key) = metadata_key(written) else {
            let name = normalize_name(written.trim_start_matches('#'));
            let help = match suggest_metadata(&name) {
                Some(best) => format!("did you mean #{best}? The keys are: {}", metadata_list()),
                None => format!("use one of the keys {}", metadata_list()),
            };
            self.errors.push(SheetError::cell(
                row.number,
                1,
                None,
                format!("unknown metadata key \"{written}\""),
                help,
            ));
            return;
        };
        let name = format!("#{key}");
        for (index, cell) in row.cells.iter().enumerate().skip(2) {
            if !cell.trim().is_empty() {
                self.errors.push(SheetError::cell(
                    row.number,
                    index + 1,
                    Some(name.as_str()),
                    format!(
                        "{name} has a second value, in column {}",
                        column_letters(index + 1)
                    ),
                    "a metadata row has one value, in column B: move this text there or delete it",
                ));
            }
        }
        if let Some(&(first, _)) = self.metadata.get(key) {
            self.errors.push(SheetError::cell(
                row.number,
                1,
                None,
                format!("{name} appears twice"),
                format!("keep one of the two rows; the first is row {first}"),
            ));
            return;
        }
        self.metadata
            .insert(key, (row.number, row.cell(1).to_owned()));
    }

    /// Maps the header row's cells to columns. False when a required
    /// column is missing, so that the statement rows cannot be read.
    fn header(&mut self, row: &Row) -> bool {
        self.header_row = row.number;
        // Required columns already named in a did-you-mean.
        let mut suggested = Vec::new();
        for (index, cell) in row.cells.iter().enumerate() {
            if cell.trim().is_empty() {
                continue;
            }
            match column_index(cell) {
                Some(column) => {
                    let existing = self.columns[column];
                    match existing {
                        None => self.columns[column] = Some(index),
                        Some(first) => {
                            self.ignored.push(index);
                            self.errors.push(SheetError::cell(
                                row.number,
                                index + 1,
                                Some(COLUMNS[column]),
                                format!("the column {} appears twice", COLUMNS[column]),
                                format!(
                                    "keep one of the two; the first is column {}",
                                    column_letters(first + 1)
                                ),
                            ));
                        }
                    }
                }
                None => {
                    self.ignored.push(index);
                    let suggestion = suggest_column(cell);
                    let help = match suggestion {
                        Some(column) => {
                            suggested.push(column);
                            format!(
                                "did you mean {}? The columns are: {}",
                                COLUMNS[column],
                                COLUMNS.join(", ")
                            )
                        }
                        None => format!(
                            "name each column with one of {}, or remove the column",
                            COLUMNS.join(", ")
                        ),
                    };
                    self.errors.push(SheetError::cell(
                        row.number,
                        index + 1,
                        None,
                        format!("unknown column \"{}\"", cell.trim()),
                        help,
                    ));
                }
            }
        }
        let mut complete = true;
        for column in REQUIRED_COLUMNS {
            if self.columns[column].is_none() {
                complete = false;
                if !suggested.contains(&column) {
                    self.errors.push(SheetError::whole_row(
                        row.number,
                        format!("the header row has no \"{}\" column", COLUMNS[column]),
                        format!(
                            "add a column named {}; the header row is: {}",
                            COLUMNS[column],
                            COLUMNS.join(", ")
                        ),
                    ));
                }
            }
        }
        complete
    }

    fn statement_row(&mut self, row: &Row) {
        if row.is_blank() {
            return;
        }
        if row.is_metadata() && metadata_key(row.cell(0)).is_some() {
            self.errors.push(SheetError::cell(
                row.number,
                1,
                None,
                format!(
                    "the metadata row {} is below the header row",
                    row.cell(0).trim()
                ),
                format!("move it above the header row (row {})", self.header_row),
            ));
            return;
        }
        for (index, cell) in row.cells.iter().enumerate() {
            let named = self.columns.contains(&Some(index)) || self.ignored.contains(&index);
            if !named && !cell.trim().is_empty() {
                self.errors.push(SheetError::cell(
                    row.number,
                    index + 1,
                    None,
                    "this cell is in a column with no name in the header row",
                    "move the text into one of the named columns, or delete it",
                ));
            }
        }
        let at = At {
            row: row.number,
            columns: self.columns,
        };
        // Each column's text, or None when the cell is empty or all spaces.
        let cells: [Option<&str>; WIDTH] = std::array::from_fn(|column| {
            self.columns[column]
                .map(|index| row.cell(index))
                .filter(|text| !text.trim().is_empty())
        });

        let heading = cells[HEADING];
        let new_passage = cells[PASSAGE].filter(|text| {
            self.passages
                .last()
                .is_none_or(|current| !same_text(&current.text, text))
        });
        if let Some(text) = new_passage {
            self.passages.push(Passage {
                heading: heading.map(str::to_owned),
                text: text.to_owned(),
                statements: Vec::new(),
            });
            self.passage_row = row.number;
        } else if let Some(current) = self.passages.last() {
            let conflict = heading.filter(|heading| {
                current
                    .heading
                    .as_deref()
                    .is_none_or(|first| !same_text(first, heading))
            });
            if let Some(heading) = conflict {
                let message = match &current.heading {
                    Some(first) => format!(
                        "the heading \"{}\" differs from \"{first}\", the heading of this passage on row {}",
                        heading.trim(),
                        self.passage_row
                    ),
                    None => format!(
                        "the heading \"{}\" is on a later row of a passage with no heading (the passage starts on row {})",
                        heading.trim(),
                        self.passage_row
                    ),
                };
                self.errors.push(at.cell(
                    HEADING,
                    message,
                    "a passage has one heading, on its first row: clear this cell, or give this row its own passage text to start a new passage",
                ));
            }
        } else {
            self.errors.push(at.cell(
                PASSAGE,
                "the first statement row has no passage text",
                "paste the passage into this cell; the rows below it may leave the passage empty",
            ));
        }

        let statement_columns = [STATEMENT, ANSWER, ALSO, EXPLANATION, SIGNALS, CHECK];
        if statement_columns
            .iter()
            .all(|&column| cells[column].is_none())
        {
            // A passage with no statements yet.
            return;
        }
        let text = cells[STATEMENT];
        if text.is_none() {
            self.errors.push(at.cell(
                STATEMENT,
                "the statement is empty",
                "copy the sentence or clause to sort from the passage into this cell, or clear the whole row",
            ));
        }
        let answer = match cells[ANSWER] {
            None => {
                self.errors
                    .push(at.cell(ANSWER, "the answer is empty", CATEGORY_CHOICES));
                None
            }
            Some(value) => {
                let category = parse_category(value);
                if category.is_none() {
                    self.errors.push(at.cell(
                        ANSWER,
                        format!("unknown answer \"{}\"", value.trim()),
                        category_help(value),
                    ));
                }
                category
            }
        };
        let mut also = Vec::new();
        let items = cells[ALSO]
            .unwrap_or_default()
            .split(['|', ',', ';'])
            .map(str::trim)
            .filter(|item| !item.is_empty());
        for item in items {
            match parse_category(item) {
                Some(category) => also.push(category),
                None => self.errors.push(at.cell(
                    ALSO,
                    format!("unknown category \"{item}\" in also"),
                    format!("{}; separate several with |", category_help(item)),
                )),
            }
        }
        let explanation = cells[EXPLANATION];
        if explanation.is_none() {
            self.errors.push(at.cell(
                EXPLANATION,
                "the explanation is empty",
                "say which words decide the answer, and why, in words a 13-year-old understands",
            ));
        }
        let signals = cells[SIGNALS].map(split_signals).unwrap_or_default();
        let check = cells[CHECK].map(str::to_owned);
        if let (Some(text), Some(answer), Some(explanation)) = (text, answer, explanation)
            && let Some(current) = self.passages.last_mut()
        {
            current.statements.push(Statement {
                text: text.to_owned(),
                answer,
                also,
                explanation: explanation.to_owned(),
                signals,
                check,
            });
        }
    }

    /// The value of a metadata key, or None when it is missing or empty.
    fn optional(&self, key: &str) -> Option<String> {
        self.metadata
            .get(key)
            .map(|(_, value)| value)
            .filter(|value| !value.trim().is_empty())
            .cloned()
    }

    /// The value of a required metadata key; an error when it is missing
    /// or empty.
    fn required(&mut self, key: &'static str, what: &str) -> String {
        match self.metadata.get(key) {
            None => {
                self.errors.push(SheetError::whole_row(
                    1,
                    format!("the sheet has no #{key} row"),
                    format!(
                        "add a row above the header row with #{key} in column A and the {what} in column B"
                    ),
                ));
                String::new()
            }
            Some((row, value)) if value.trim().is_empty() => {
                let row = *row;
                self.errors.push(SheetError::cell(
                    row,
                    2,
                    Some(format!("#{key}").as_str()),
                    format!("the {what} is empty"),
                    format!("write the {what} in column B"),
                ));
                String::new()
            }
            Some((_, value)) => value.clone(),
        }
    }

    fn finish(mut self) -> Result<Level, Vec<SheetError>> {
        let title = self.required("title", "level title");
        let source_title = self.required("source_title", "source title");
        let grade = self.optional("grade");
        if let Some(grade) = &grade
            && looks_like_date(grade)
        {
            let row = self.metadata.get("grade").map_or(1, |(row, _)| *row);
            self.errors.push(SheetError::cell(
                row,
                2,
                Some("#grade"),
                format!("the grade \"{grade}\" looks like a date"),
                "spreadsheets turn grades such as 5-8 into dates: format cell B as Text (or type an apostrophe first: '5-8), then save the CSV again",
            ));
        }
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|error| (error.row, error.column));
            return Err(self.errors);
        }
        Ok(Level {
            title,
            summary: self.optional("summary"),
            source: Source {
                title: source_title,
                author: self.optional("source_author"),
                published: self.optional("source_published"),
                url: self.optional("source_url"),
                kind: self.optional("source_kind"),
            },
            grade,
            language: self
                .optional("language")
                .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()),
            passages: self.passages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(text: &str, answer: Category, explanation: &str) -> Statement {
        Statement {
            text: text.to_owned(),
            answer,
            also: Vec::new(),
            explanation: explanation.to_owned(),
            signals: Vec::new(),
            check: None,
        }
    }

    fn small_level() -> Level {
        Level {
            title: "The bridge".to_owned(),
            summary: None,
            source: Source {
                title: "Bridge news, 1932".to_owned(),
                author: Some("Ann Lee".to_owned()),
                published: None,
                url: None,
                kind: None,
            },
            grade: Some("5-8".to_owned()),
            language: "en".to_owned(),
            passages: vec![Passage {
                heading: Some("Opening".to_owned()),
                text: "The bridge opened in 1932. \"It is the finest bridge,\" says Ann."
                    .to_owned(),
                statements: vec![
                    Statement {
                        signals: vec!["1932".to_owned()],
                        check: Some("City archive".to_owned()),
                        ..statement(
                            "The bridge opened in 1932.",
                            Category::Fact,
                            "A year that could be checked in the city archive records.",
                        )
                    },
                    Statement {
                        also: vec![Category::Unsupported],
                        signals: vec!["finest".to_owned(), "bridge".to_owned()],
                        ..statement(
                            "It is the finest bridge,",
                            Category::Opinion,
                            "Finest is a judgement word: people can disagree about it.",
                        )
                    },
                ],
            }],
        }
    }

    /// Everything a sheet can hold, with text that needs quoting, guarding
    /// or keeping exactly.
    fn awkward_level() -> Level {
        Level {
            title: "-5 degrees".to_owned(),
            summary: Some("=SUM(A1)".to_owned()),
            source: Source {
                title: "'Quoted' in a sheet".to_owned(),
                author: Some("+1 writer".to_owned()),
                published: Some("2024".to_owned()),
                url: Some("https://example.org/a?b=1,2".to_owned()),
                kind: Some("Blog post; with “curly” quotes".to_owned()),
            },
            grade: Some("9-12".to_owned()),
            language: "fr".to_owned(),
            passages: vec![
                Passage {
                    heading: None,
                    text: "@user: first line\nsecond line, “curly” é\u{a0}".to_owned(),
                    statements: vec![Statement {
                        also: vec![Category::Opinion, Category::Fact],
                        signals: vec!["@user".to_owned(), "first line".to_owned()],
                        check: Some("Look it up".to_owned()),
                        ..statement(
                            "@user: first line",
                            Category::Unsupported,
                            "Says \"so\", with commas, quotes; and semicolons.\u{a0}",
                        )
                    }],
                },
                Passage {
                    heading: Some("No statements yet".to_owned()),
                    text: "A passage with no statements yet.".to_owned(),
                    statements: Vec::new(),
                },
                Passage {
                    heading: Some("  Spaced  ".to_owned()),
                    text: "Last one. Really.".to_owned(),
                    statements: vec![
                        statement("Last one.", Category::Fact, "A short statement."),
                        statement("Really.", Category::Opinion, "Another short one."),
                    ],
                },
            ],
        }
    }

    /// The only error of a sheet that has exactly one.
    fn only_error(csv: &str) -> SheetError {
        let errors = import_csv(csv.as_bytes()).expect_err("the sheet has an error");
        assert_eq!(errors.len(), 1, "{errors:#?}");
        errors.into_iter().next().unwrap()
    }

    fn import_ok(csv: &str) -> Level {
        import_csv(csv.as_bytes()).unwrap_or_else(|errors| panic!("{errors:#?}"))
    }

    #[test]
    fn export_writes_metadata_then_header_then_one_row_per_statement() {
        let expected = concat!(
            "\u{feff}#title,The bridge,,,,,,\r\n",
            "#summary,,,,,,,\r\n",
            "#source_title,\"Bridge news, 1932\",,,,,,\r\n",
            "#source_author,Ann Lee,,,,,,\r\n",
            "#source_published,,,,,,,\r\n",
            "#source_url,,,,,,,\r\n",
            "#source_kind,,,,,,,\r\n",
            "#grade,5-8,,,,,,\r\n",
            "#language,en,,,,,,\r\n",
            ",,,,,,,\r\n",
            "passage_heading,passage,statement,answer,also,explanation,signals,check\r\n",
            "Opening,\"The bridge opened in 1932. \"\"It is the finest bridge,\"\" says Ann.\",",
            "The bridge opened in 1932.,Fact,,A year that could be checked in the city archive records.,1932,City archive\r\n",
            ",,\"It is the finest bridge,\",Opinion,Unsupported,",
            "Finest is a judgement word: people can disagree about it.,finest | bridge,\r\n",
        );
        assert_eq!(export_csv(&small_level()), expected);
    }

    #[test]
    fn export_then_import_gives_the_same_level() {
        for level in [small_level(), awkward_level()] {
            let csv = export_csv(&level);
            let back = import_ok(&csv);
            assert_eq!(back, level, "{csv}");
            assert_eq!(export_csv(&back), csv);
        }
    }

    #[test]
    fn formula_like_text_is_guarded_on_export_and_unguarded_on_import() {
        let csv = export_csv(&awkward_level());
        assert!(csv.contains("#title,'-5 degrees,"), "{csv}");
        assert!(csv.contains("#summary,'=SUM(A1),"), "{csv}");
        assert!(csv.contains("#source_title,''Quoted' in a sheet,"), "{csv}");
        assert!(csv.contains("'@user | first line"), "{csv}");
        assert_eq!(clean_cell("'@x"), "@x");
        assert_eq!(clean_cell("''x"), "'x");
        assert_eq!(clean_cell("'tis"), "'tis");
        assert_eq!(clean_cell("a\r\nb"), "a\nb");
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        // Empty lines are rows; a cell with line breaks is one row.
        let csv = "#title,T\n\n#source_title,S\r\n\r\npassage,statement,answer,explanation\n\
                   \"Line one.\nLine two.\",Line one.,Fact,\"Two\nlines\"\n\
                   ,Line two.,Opnion,Because of reasons.\n";
        let error = only_error(csv);
        assert_eq!((error.row, error.column), (7, Some(3)), "{error}");
        assert_eq!(error.column_name.as_deref(), Some("answer"));
        assert_eq!(error.message, "unknown answer \"Opnion\"");
        assert_eq!(
            error.help,
            "use Fact, Opinion or Unsupported (did you mean Opinion?)"
        );
    }

    #[test]
    fn errors_print_with_row_and_column_letter() {
        let error = SheetError {
            row: 14,
            column: Some(4),
            column_name: Some("answer".to_owned()),
            message: "unknown answer \"Opnion\"".to_owned(),
            help: "use Fact, Opinion or Unsupported (did you mean Opinion?)".to_owned(),
        };
        assert_eq!(
            error.to_string(),
            "row 14, column D (answer): unknown answer \"Opnion\""
        );
        assert_eq!(
            error.one_line("lesson.csv"),
            "lesson.csv:14:D (answer): error: unknown answer \"Opnion\"; use Fact, Opinion or Unsupported (did you mean Opinion?)"
        );
        let unnamed = SheetError {
            column_name: None,
            ..error
        };
        assert_eq!(
            unnamed.one_line("a.csv"),
            "a.csv:14:D: error: unknown answer \"Opnion\"; use Fact, Opinion or Unsupported (did you mean Opinion?)"
        );
        let whole = SheetError::whole_row(1, "the sheet has no #title row", "add it");
        assert_eq!(whole.to_string(), "row 1: the sheet has no #title row");
        assert_eq!(
            whole.one_line("a.csv"),
            "a.csv:1: error: the sheet has no #title row; add it"
        );
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        let cases = [
            (1, "A"),
            (4, "D"),
            (26, "Z"),
            (27, "AA"),
            (52, "AZ"),
            (53, "BA"),
            (702, "ZZ"),
            (703, "AAA"),
        ];
        for (column, letters) in cases {
            assert_eq!(column_letters(column), letters, "{column}");
        }
    }

    #[test]
    fn semicolons_and_tabs_separate_cells_too() {
        for delimiter in [";", "\t"] {
            let lines = [
                vec!["#title", "Le pont"],
                vec!["#source_title", "Journal"],
                vec!["passage", "statement", "answer", "explanation"],
                vec![
                    "Le pont a ouvert en 1932, dit-on.",
                    "Le pont a ouvert en 1932",
                    "Fact",
                    "Une date, vérifiable dans les archives.",
                ],
            ];
            let csv: String = lines
                .iter()
                .map(|cells| cells.join(delimiter) + "\n")
                .collect();
            let level = import_ok(&csv);
            assert_eq!(level.title, "Le pont");
            assert_eq!(level.language, "en");
            assert_eq!(level.passages.len(), 1);
            assert_eq!(level.passages[0].text, "Le pont a ouvert en 1932, dit-on.");
            let statement = &level.passages[0].statements[0];
            assert_eq!(
                statement.explanation,
                "Une date, vérifiable dans les archives."
            );
        }
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_optional_ones_may_be_missing() {
        let csv = "#title,T\n#source_title,S\n\
                   Answer , STATEMENT,Explanation,Passage Heading,passage\n\
                   opinion,It is fine.,\"Fine is a judgement word, so people can disagree.\",Intro,It is fine. It opened in 1932.\n\
                   VERIFIABLE  FACT,It opened in 1932.,A date that can be checked in the city records.,,\n";
        let level = import_ok(csv);
        assert_eq!(level.passages.len(), 1);
        let passage = &level.passages[0];
        assert_eq!(passage.heading.as_deref(), Some("Intro"));
        assert_eq!(passage.text, "It is fine. It opened in 1932.");
        assert_eq!(
            passage.statements,
            vec![
                statement(
                    "It is fine.",
                    Category::Opinion,
                    "Fine is a judgement word, so people can disagree."
                ),
                statement(
                    "It opened in 1932.",
                    Category::Fact,
                    "A date that can be checked in the city records."
                ),
            ]
        );
    }

    #[test]
    fn answers_accept_any_capitals_and_the_long_forms() {
        let cases = [
            ("Fact", Category::Fact),
            (" fact ", Category::Fact),
            ("verifiable fact", Category::Fact),
            ("Verifiable  Fact", Category::Fact),
            ("OPINION", Category::Opinion),
            ("Unsupported", Category::Unsupported),
            ("unsupported claim", Category::Unsupported),
        ];
        for (written, category) in cases {
            assert_eq!(parse_category(written), Some(category), "{written}");
        }
        for wrong in ["Opnion", "O", "facts", "", "yes"] {
            assert_eq!(parse_category(wrong), None, "{wrong}");
        }
        assert_eq!(suggest_category("Opnion"), Some(Category::Opinion));
        assert_eq!(suggest_category("o"), Some(Category::Opinion));
        assert_eq!(suggest_category("F"), Some(Category::Fact));
        assert_eq!(suggest_category("unsuported"), Some(Category::Unsupported));
        assert_eq!(suggest_category("xyz"), None);
        assert_eq!(category_help("xyz"), "use Fact, Opinion or Unsupported");
    }

    #[test]
    fn also_takes_bars_commas_or_semicolons_and_signals_take_bars() {
        let csv = "#title,T\n#source_title,S\n\
                   passage,statement,answer,also,explanation,signals\n\
                   \"A, b.\",\"A, b.\",Fact,\" opinion ;Unsupported claim\",Some words to explain it.,\" A, b | | b \"\n\
                   ,\"A, b.\",Fact,Opinion|unsupported,Some words to explain it.,\n";
        let level = import_ok(csv);
        let statements = &level.passages[0].statements;
        let both = vec![Category::Opinion, Category::Unsupported];
        assert_eq!(statements[0].also, both);
        assert_eq!(statements[0].signals, vec!["A, b", "b"]);
        assert_eq!(statements[1].also, both);
        assert!(statements[1].signals.is_empty());

        let error = only_error(
            "#title,T\n#source_title,S\npassage,statement,answer,also,explanation\n\
             P.,P.,Fact,Opinion | Unsuported,Some words.\n",
        );
        assert_eq!((error.row, error.column), (4, Some(4)));
        assert_eq!(error.message, "unknown category \"Unsuported\" in also");
        assert_eq!(
            error.help,
            "use Fact, Opinion or Unsupported (did you mean Unsupported?); separate several with |"
        );
    }

    #[test]
    fn a_blank_or_repeated_passage_continues_it_and_new_text_starts_another() {
        let csv = "#title,T\n#source_title,S\n\
                   passage_heading,passage,statement,answer,explanation\n\
                   H,One. Two. Three.,One.,Fact,First explanation.\n\
                   ,One.  Two. Three.,Two.,Opinion,Second explanation.\n\
                   H,,Three.,Unsupported,Third explanation.\n\
                   ,Four.,Four.,Fact,Fourth explanation.\n\
                   Five,Five.,,,\n";
        let level = import_ok(csv);
        let shape: Vec<(Option<&str>, &str, usize)> = level
            .passages
            .iter()
            .map(|p| (p.heading.as_deref(), p.text.as_str(), p.statements.len()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("H"), "One. Two. Three.", 3),
                (None, "Four.", 1),
                (Some("Five"), "Five.", 0),
            ]
        );
    }

    #[test]
    fn a_second_heading_in_one_passage_is_an_error() {
        let error = only_error(
            "#title,T\n#source_title,S\npassage_heading,passage,statement,answer,explanation\n\
             One,P one. P two.,P one.,Fact,Some words.\n\
             Two,,P two.,Opinion,Some words.\n",
        );
        assert_eq!((error.row, error.column), (5, Some(1)));
        assert_eq!(error.column_name.as_deref(), Some("passage_heading"));
        assert_eq!(
            error.message,
            "the heading \"Two\" differs from \"One\", the heading of this passage on row 4"
        );
    }

    #[test]
    fn the_first_statement_row_needs_its_passage() {
        let error = only_error(
            "#title,T\n#source_title,S\npassage,statement,answer,explanation\n,One.,Fact,Some words.\n",
        );
        assert_eq!((error.row, error.column), (4, Some(1)));
        assert_eq!(error.column_name.as_deref(), Some("passage"));
        assert_eq!(error.message, "the first statement row has no passage text");
    }

    #[test]
    fn every_empty_required_cell_is_reported() {
        let errors = import_csv(
            b"#title,T\n#source_title,S\npassage,statement,answer,explanation,check\nP.,,,,Somewhere\n",
        )
        .unwrap_err();
        let places: Vec<(usize, Option<usize>, &str)> = errors
            .iter()
            .map(|e| (e.row, e.column, e.message.as_str()))
            .collect();
        assert_eq!(
            places,
            vec![
                (4, Some(2), "the statement is empty"),
                (4, Some(3), "the answer is empty"),
                (4, Some(4), "the explanation is empty"),
            ]
        );
    }

    #[test]
    fn metadata_problems_are_reported_with_their_row() {
        let body = "passage,statement,answer,explanation\nP.,P.,Fact,Some words.\n";

        let errors = import_csv(body.as_bytes()).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "the sheet has no #title row",
                "the sheet has no #source_title row"
            ]
        );
        assert!(errors.iter().all(|e| e.row == 1 && e.column.is_none()));

        let errors =
            import_csv(format!("#titel,T\n#source_title,S\n{body}").as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert_eq!(errors[0].message, "the sheet has no #title row");
        assert_eq!((errors[1].row, errors[1].column), (1, Some(1)));
        assert_eq!(errors[1].message, "unknown metadata key \"#titel\"");
        assert!(
            errors[1].help.starts_with("did you mean #title? "),
            "{}",
            errors[1].help
        );

        let error = only_error(&format!("#title,T\n#author,A\n#source_title,S\n{body}"));
        assert!(
            error.help.starts_with("did you mean #source_author? "),
            "{}",
            error.help
        );

        let error = only_error(&format!("#title,A\n#Title,B\n#source_title,S\n{body}"));
        assert_eq!((error.row, error.column), (2, Some(1)));
        assert_eq!(error.message, "#title appears twice");

        let error = only_error(&format!("#title,A,B\n#source_title,S\n{body}"));
        assert_eq!((error.row, error.column), (1, Some(3)));
        assert_eq!(error.column_name.as_deref(), Some("#title"));

        let error = only_error(&format!("#title,\n#source_title,S\n{body}"));
        assert_eq!((error.row, error.column), (1, Some(2)));
        assert_eq!(error.message, "the level title is empty");

        let error = only_error(&format!("#title,T\n#source_title,S\n{body}#grade,5-8\n"));
        assert_eq!((error.row, error.column), (5, Some(1)));
        assert_eq!(
            error.message,
            "the metadata row #grade is below the header row"
        );

        let error = only_error(&format!("#title,T\nMy lesson\n#source_title,S\n{body}"));
        assert_eq!((error.row, error.column), (2, Some(1)));
        assert_eq!(
            error.message,
            "this row is neither a metadata row nor the header row"
        );
    }

    #[test]
    fn language_defaults_to_en_and_keys_forgive_capitals_and_spaces() {
        let body = "passage,statement,answer,explanation\nP.,P.,Fact,Some words.\n";
        let level = import_ok(&format!("#title,T\n# Source Title ,S\n#language,\n{body}"));
        assert_eq!(level.language, "en");
        assert_eq!(level.source.title, "S");
        assert_eq!(level.summary, None);
        let level = import_ok(&format!("#title,T\n#source_title,S\n#LANGUAGE,de\n{body}"));
        assert_eq!(level.language, "de");
    }

    #[test]
    fn a_grade_turned_into_a_date_is_an_error() {
        for date in [
            "8-May",
            "May-08",
            "12-Sep",
            "05/08/2025",
            "2025-05-08",
            "8. Mai 2025",
        ] {
            let expected = !date.contains("Mai");
            assert_eq!(looks_like_date(date), expected, "{date}");
        }
        for grade in [
            "5-8",
            "9-12",
            "K-2",
            "Year 7",
            "Grades 6-8",
            "Primary 5",
            "Sec 1",
        ] {
            assert!(!looks_like_date(grade), "{grade}");
        }
        let error = only_error(
            "#title,T\n#source_title,S\n#grade,8-May\npassage,statement,answer,explanation\nP.,P.,Fact,Some words.\n",
        );
        assert_eq!((error.row, error.column), (3, Some(2)));
        assert_eq!(error.message, "the grade \"8-May\" looks like a date");
    }

    #[test]
    fn header_problems_name_the_column() {
        let row = "P.,P.,Fact,Some words.\n";
        let error = only_error(&format!(
            "#title,T\n#source_title,S\npassage,statement,answer,explantion\n{row}"
        ));
        assert_eq!((error.row, error.column), (3, Some(4)));
        assert_eq!(error.message, "unknown column \"explantion\"");
        assert!(
            error.help.starts_with("did you mean explanation? "),
            "{}",
            error.help
        );

        let error = only_error(&format!(
            "#title,T\n#source_title,S\npassage,statement,category,explanation\n{row}"
        ));
        assert!(
            error.help.starts_with("did you mean answer? "),
            "{}",
            error.help
        );

        let error = only_error(&format!(
            "#title,T\n#source_title,S\npassage,statement,answer,explanation,answer\n{row}"
        ));
        assert_eq!((error.row, error.column), (3, Some(5)));
        assert_eq!(error.message, "the column answer appears twice");

        let error = only_error(
            "#title,T\n#source_title,S\npassage,statement,answer,explanation,\nP.,P.,Fact,Some words.,a note\n",
        );
        assert_eq!(
            (error.row, error.column, error.column_name),
            (4, Some(5), None)
        );
        assert_eq!(
            error.message,
            "this cell is in a column with no name in the header row"
        );
    }

    #[test]
    fn files_that_are_not_utf8_or_empty_are_refused_clearly() {
        let errors =
            import_csv(b"#title,T\n#source_title,Caf\xe9\npassage,statement,answer,explanation\n")
                .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].column), (2, Some(2)));
        assert_eq!(errors[0].message, "this cell is not UTF-8 text");
        assert!(errors[0].help.contains("CSV UTF-8"));

        let errors = import_csv(b"\xFF\xFE#\x00t\x00").unwrap_err();
        assert!(errors[0].message.contains("UTF-16"), "{errors:?}");

        let empties: [&[u8]; 4] = [b"", b"\xEF\xBB\xBF", b"\r\n\n", b",,,\n"];
        for empty in empties {
            let errors = import_csv(empty).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].message, "the file has no rows");
        }

        let error = only_error("#title,T\n#source_title,S\n");
        assert_eq!(error.row, 3);
        assert_eq!(error.message, "the sheet has no header row");
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_accepted() {
        let csv = "\u{feff}#title,T\r\n#source_title,S\r\npassage,statement,answer,explanation\r\n\
                   \"One.\r\nTwo.\",One.,Fact,Some words.\r\n";
        let level = import_ok(csv);
        assert_eq!(level.title, "T");
        assert_eq!(level.passages[0].text, "One.\nTwo.");
    }
}
