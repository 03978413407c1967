//! Round results on desktop: at the end of every round, one CSV row per
//! answered statement is added to `results.csv` in the player's data folder,
//! for the teacher to open in a spreadsheet.
//!
//! Nothing is ever lost:
//! - every save writes the old content plus the new rows to a temporary file
//!   in the same folder, flushes it to disk (fsync), and renames it over
//!   `results.csv`, so a crash or a kill leaves either the old or the new
//!   complete file, never half of one;
//! - an existing file that does not validate completely (hand-edited,
//!   damaged) is never overwritten: it is renamed aside to
//!   `results.corrupt-<time>.csv` and a new file is started
//!   ([`SaveOutcome::StartedFresh`]);
//! - savers take a lock (`results.csv.lock`), so two copies of the game never
//!   overwrite each other's rows. The operating system releases the lock when
//!   a process dies, so a killed writer never blocks the next one.
//!
//! Leftover temporary files (`results.csv.tmp-<pid>-<n>`) from a killed
//! writer are never read; the next save removes them.
//!
//! Pure Rust, no Bevy, and no platform folders: paths come from the caller.
//! The atomic-write helpers here are shared with [`crate::settings`].

use crate::level::Category;
use crate::round::{Round, Verdict, points_for};
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The results file's name inside the data folder.
pub const RESULTS_FILE: &str = "results.csv";

/// The first line of `results.csv`, column by column. The serde names of
/// [`ResultRow`]'s fields are these, in this order.
pub const HEADER: [&str; 13] = [
    "time",
    "player",
    "level file",
    "level title",
    "seed",
    "statement number",
    "statement",
    "answer",
    "correct answer",
    "also accepted",
    "outcome",
    "points",
    "hint used",
];

/// How long a save waits for another copy of the game to finish saving.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Where locking is not available (some network drives), temporary files
/// this old are taken to be leftovers of a killed writer.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60 * 60);

/// One answered statement: one line of `results.csv`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRow {
    /// When the round ended, ISO 8601 in UTC: `2026-11-28T21:47:13Z`.
    #[serde(rename = "time")]
    pub time: String,
    #[serde(rename = "player")]
    pub player: String,
    /// The level file as the game names it, for example `levels/ad-smart-bottle.ron`.
    #[serde(rename = "level file")]
    pub level_file: String,
    #[serde(rename = "level title")]
    pub level_title: String,
    /// The round's seed: the same seed replays the same statement order.
    #[serde(rename = "seed")]
    pub seed: u64,
    /// Position in the play order, from 1.
    #[serde(rename = "statement number")]
    pub statement_number: usize,
    /// The statement text.
    #[serde(rename = "statement")]
    pub statement: String,
    /// The player's answer.
    #[serde(rename = "answer")]
    pub answer: Category,
    #[serde(rename = "correct answer")]
    pub correct_answer: Category,
    /// Other answers that earned credit, written `Opinion|Unsupported` (empty when none).
    #[serde(rename = "also accepted", with = "pipe_list")]
    pub also_accepted: Vec<Category>,
    /// Written `correct`, `also accepted` or `wrong` (see [`outcome_label`]).
    #[serde(rename = "outcome", with = "outcome_text")]
    pub outcome: Verdict,
    #[serde(rename = "points")]
    pub points: u32,
    /// Written `yes` or `no`.
    #[serde(rename = "hint used", with = "yes_no")]
    pub hint_used: bool,
}

/// What [`save_rows`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// `rows` rows were added to the file (which is created when missing).
    Appended { rows: usize },
    /// The existing file did not validate, so it was renamed to `kept_aside`,
    /// untouched, and a new file was started with the new rows.
    StartedFresh { kept_aside: PathBuf },
}

impl SaveOutcome {
    /// A sentence for the player, when something needs saying.
    pub fn notice(&self) -> Option<String> {
        match self {
            SaveOutcome::Appended { .. } => None,
            SaveOutcome::StartedFresh { kept_aside } => Some(format!(
                "Your results file could not be read, so a new one was started with this round. \
                 The old file was kept, unchanged, as {}.",
                display_name(kept_aside)
            )),
        }
    }
}

/// Why results could not be read or saved. After any of these, the results
/// file on disk is exactly as it was before.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("cannot read the results file {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{} is not a Fact Sorter results file: {reason}", .path.display())]
    Invalid { path: PathBuf, reason: String },
    #[error(
        "cannot move the unreadable results file {} aside: {source}; it was left as it is and nothing was saved",
        .path.display()
    )]
    KeepAside {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "cannot save the results to {}: {source}. The file was not changed; if it is open in another program, such as a spreadsheet, close it and try again",
        .path.display()
    )]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "another copy of Fact Sorter has been saving results to {} for {} seconds; nothing was saved, try again in a moment",
        .path.display(),
        LOCK_WAIT.as_secs()
    )]
    Busy { path: PathBuf },
    #[error("cannot write the results as CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// `correct`, `also accepted` or `wrong`: the outcome column's words.
pub fn outcome_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Correct => "correct",
        Verdict::AlsoAccepted => "also accepted",
        Verdict::Wrong => "wrong",
    }
}

/// The rows for every answered statement of `round`, in play order, all
/// stamped with `time` (when the round ended).
pub fn rows_for_round(
    round: &Round,
    player: &str,
    level_file: &str,
    time: SystemTime,
) -> Vec<ResultRow> {
    let time = format_time(time);
    round
        .answers()
        .iter()
        .enumerate()
        .map(|(index, record)| {
            let statement = round.statement(record.at);
            ResultRow {
                time: time.clone(),
                player: player.to_owned(),
                level_file: level_file.to_owned(),
                level_title: round.level().title.clone(),
                seed: round.seed(),
                statement_number: index + 1,
                statement: statement.text.clone(),
                answer: record.chosen,
                correct_answer: record.expected,
                also_accepted: statement.also.clone(),
                outcome: record.verdict,
                points: record.points,
                hint_used: record.hint_used,
            }
        })
        .collect()
}

/// Adds `rows` to the results file at `path` (see the module documentation
/// for the guarantees). With no rows, nothing is touched.
pub fn save_rows(path: &Path, rows: &[ResultRow]) -> Result<SaveOutcome, ResultsError> {
    if rows.is_empty() {
        return Ok(SaveOutcome::Appended { rows: 0 });
    }
    let write_error = |source: io::Error| ResultsError::Write {
        path: path.to_path_buf(),
        source,
    };
    let new_rows = csv_bytes(false, rows)?;
    fs::create_dir_all(parent_dir(path)).map_err(write_error)?;

    let lock = take_lock(path)?;
    // Every writer holds the lock while its temporary file exists, so with
    // the lock held any temporary file left is a killed writer's.
    remove_temp_files(path, lock.is_none().then_some(STALE_TEMP_AGE));

    let existing = match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(ResultsError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let (outcome, old) = match existing {
        Some(old) if parse_rows(&old).is_ok() => (SaveOutcome::Appended { rows: rows.len() }, old),
        Some(_) => {
            let kept_aside = keep_aside(path, now()).map_err(|source| ResultsError::KeepAside {
                path: path.to_path_buf(),
                source,
            })?;
            (
                SaveOutcome::StartedFresh { kept_aside },
                csv_bytes(true, &[])?,
            )
        }
        None => (
            SaveOutcome::Appended { rows: rows.len() },
            csv_bytes(true, &[])?,
        ),
    };
    // A valid file whose last line has no line break (saved by hand) gets one.
    let separator: &[u8] = if old.is_empty() || old.ends_with(b"\n") || old.ends_with(b"\r") {
        b""
    } else {
        b"\n"
    };
    write_atomically(path, &[old.as_slice(), separator, new_rows.as_slice()])
        .map_err(write_error)?;
    drop(lock);
    Ok(outcome)
}

/// Every row of the results file at `path`, which must validate completely.
pub fn read_rows(path: &Path) -> Result<Vec<ResultRow>, ResultsError> {
    let bytes = fs::read(path).map_err(|source| ResultsError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_rows(&bytes).map_err(|reason| ResultsError::Invalid {
        path: path.to_path_buf(),
        reason,
    })
}

/// Parses a whole results file: exactly [`HEADER`] on the first line, then
/// rows that each have every column, each column readable. The error says
/// which line is wrong and how.
pub fn parse_rows(bytes: &[u8]) -> Result<Vec<ResultRow>, String> {
    if bytes.is_empty() {
        return Err("the file is empty".to_owned());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes);
    let headers = reader.headers().map_err(|err| describe(&err))?.clone();
    if headers.iter().ne(HEADER) {
        return Err(format!(
            "line 1 is not the results header `{}`",
            HEADER.join(",")
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| describe(&err))?;
        let line = record.position().map(csv::Position::line);
        if record.len() != HEADER.len() {
            return Err(format!(
                "{} has {} columns instead of {}",
                line_name(line),
                record.len(),
                HEADER.len()
            ));
        }
        let row = record
            .deserialize::<ResultRow>(Some(&headers))
            .map_err(|err| match err.kind() {
                csv::ErrorKind::Deserialize { err, .. } => {
                    let column = err
                        .field()
                        .and_then(|field| HEADER.get(field as usize))
                        .map(|name| format!(", column `{name}`"))
                        .unwrap_or_default();
                    format!("{}{column}: {}", line_name(line), err.kind())
                }
                _ => format!("{}: {err}", line_name(line)),
            })?;
        rows.push(row);
    }
    Ok(rows)
}

fn describe(err: &csv::Error) -> String {
    let line = err.position().map(csv::Position::line);
    match err.kind() {
        csv::ErrorKind::Utf8 { .. } => format!("{} is not UTF-8 text", line_name(line)),
        _ => format!("{}: {err}", line_name(line)),
    }
}

fn line_name(line: Option<u64>) -> String {
    match line {
        Some(line) => format!("line {line}"),
        None => "a line".to_owned(),
    }
}

/// A complete results file for `rows` (header first): what the web build
/// offers as a download.
pub fn to_csv(rows: &[ResultRow]) -> Result<Vec<u8>, csv::Error> {
    csv_bytes(true, rows)
}

/// `rows` as CSV, after the header line when `header` is set.
fn csv_bytes(header: bool, rows: &[ResultRow]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    if header {
        writer.write_record(HEADER)?;
    }
    for row in rows {
        writer.serialize(row)?;
    }
    writer
        .into_inner()
        .map_err(|err| csv::Error::from(err.into_error()))
}

/// Takes `<path>.lock`. `None` when this file system cannot lock (the save
/// goes ahead unlocked, as it would have without locking).
fn take_lock(path: &Path) -> Result<Option<File>, ResultsError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let Ok(file) = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(PathBuf::from(name))
    else {
        return Ok(None);
    };
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(ResultsError::Busy {
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(_)) => return Ok(None),
        }
    }
}

// ---------------------------------------------------------------------------
// Atomic files, shared with `settings`.

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `parts`, one after the other, to `path` through a temporary file
/// in the same folder (`<name>.tmp-<pid>-<n>`, never an existing file):
/// write, fsync, rename over `path`, then fsync the folder where the
/// platform allows. Afterwards `path` holds either its old content or all of
/// the new, even if the process is killed or the computer loses power.
/// Creates the folder when missing.
pub fn write_atomically(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file name", path.display()),
        ));
    };
    let dir = parent_dir(path);
    fs::create_dir_all(&dir)?;
    let mut attempts = 0;
    let (temp, mut file) = loop {
        let mut temp_name = name.to_os_string();
        temp_name.push(format!(
            ".tmp-{}-{}",
            process_id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let temp = path.with_file_name(temp_name);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => break (temp, file),
            // A leftover from an earlier process with the same id.
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempts < 1000 => {
                attempts += 1;
            }
            Err(err) => return Err(err),
        }
    };
    let written = parts
        .iter()
        .try_for_each(|part| file.write_all(part))
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(err) = written.and_then(|()| fs::rename(&temp, path)) {
        fs::remove_file(temp).ok();
        return Err(err);
    }
    sync_dir(&dir);
    Ok(())
}

/// Renames `path` to `<stem>.corrupt-<UTC time><-n>.<extension>` next to it,
/// for example `results.corrupt-20261128-214713.csv`, adding `-2`, `-3`…
/// rather than replacing a file that exists. Returns the new path.
pub fn keep_aside(path: &Path, now: SystemTime) -> io::Result<PathBuf> {
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let extension = path
        .extension()
        .map(|ext| format!(".{}", ext.to_string_lossy()))
        .unwrap_or_default();
    let stamp = file_stamp(now);
    for n in 1..=10_000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let candidate = path.with_file_name(format!("{stem}.corrupt-{stamp}{suffix}{extension}"));
        match fs::symlink_metadata(&candidate) {
            Ok(_) => continue,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                fs::rename(path, &candidate)?;
                sync_dir(&parent_dir(path));
                return Ok(candidate);
            }
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("too many files kept aside at {stamp}"),
    ))
}

/// Removes `<name>.tmp-*` files next to `path`: all of them with `None`,
/// otherwise those not modified for `older_than`. Errors are ignored.
pub(crate) fn remove_temp_files(path: &Path, older_than: Option<Duration>) {
    let Some(name) = path.file_name() else {
        return;
    };
    let prefix = format!("{}.tmp-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(&prefix)
            || !entry.file_type().is_ok_and(|kind| kind.is_file())
        {
            continue;
        }
        let stale = match older_than {
            None => true,
            Some(age) => entry
                .metadata()
                .and_then(|meta| meta.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|elapsed| elapsed >= age),
        };
        if stale {
            fs::remove_file(entry.path()).ok();
        }
    }
}

/// The folder `path` is in (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes a rename in `dir` durable. Only Unix can open a folder to sync it.
#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        handle.sync_all().ok();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

/// The file name of `path`, for sentences shown to players.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(not(target_arch = "wasm32"))]
fn process_id() -> u32 {
    std::process::id()
}

/// Browsers have no process ids (and no files: every file call fails first).
#[cfg(target_arch = "wasm32")]
fn process_id() -> u32 {
    0
}

/// The current time; the epoch in a browser, where asking would panic.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) fn now() -> SystemTime {
    SystemTime::now()
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) fn now() -> SystemTime {
    UNIX_EPOCH
}

// ---------------------------------------------------------------------------
// Time, without a date crate.

/// `t` as ISO 8601 in UTC to the second, for example `2026-11-28T21:47:13Z`.
pub fn format_time(t: SystemTime) -> String {
    let (year, month, day, hour, minute, second) = utc_parts(t);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// `t` for file names, which cannot hold `:` on Windows: `20261128-214713`.
pub fn file_stamp(t: SystemTime) -> String {
    let (year, month, day, hour, minute, second) = utc_parts(t);
    format!("{year:04}{month:02}{day:02}-{hour:02}{minute:02}{second:02}")
}

/// Year, month, day, hour, minute and second of `t` in UTC.
fn utc_parts(t: SystemTime) -> (i64, i64, i64, i64, i64, i64) {
    let seconds = unix_seconds(t);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    (
        year,
        month,
        day,
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
    )
}

/// Whole seconds since 1970-01-01T00:00:00Z, rounded down (so half a second
/// before the epoch is -1).
fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let before = before.duration();
            let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(before.subsec_nanos() > 0)
        }
    }
}

/// The proleptic Gregorian date of a day counted from 1970-01-01: the
/// inverse of Howard Hinnant's days-from-civil algorithm. Years run from
/// March, so the leap day is the last day of a year; an era is 400 years.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // 0..=146_096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // 0..=399
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // 0..=365
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // 1..=31
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

// ---------------------------------------------------------------------------
// The stress writer behind the kill test.

/// The player name of every row [`stress_rows`] makes.
pub const STRESS_PLAYER: &str = "stress \"writer\", ünïcødé ✓";

/// Statement texts that are hard for CSV: commas, quotes, line breaks,
/// spaces at the ends, non-Latin scripts, emoji, and nothing at all.
const STRESS_TEXTS: [&str; 14] = [
    "A plain sentence.",
    "Commas, commas, and more commas,",
    "She said \"it works\" and \"\"twice\"\".",
    "\"",
    "Line one\nline two\nline three",
    "Windows\r\nline break",
    "Carriage\ronly",
    "  spaces at both ends  ",
    "Café, naïve, Straße, 東京, Москва, مرحبا, עברית",
    "Emoji 👩‍🔬🧪 and a zero\u{200b}width space",
    ",,,\"\n\"",
    "",
    "Tab\tseparated\tbits",
    "=SUM(A1:A2) looks like a formula",
];

/// The synthetic rows of batch `batch`: a deterministic function of the
/// number, so a reader can tell whole batches from torn ones. Row `i` has
/// statement number `i + 1`, and every row has the seed `batch`.
pub fn stress_rows(batch: u64) -> Vec<ResultRow> {
    let mut state = batch.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let count = 1 + (next() % 9) as usize;
    let time = format_time(UNIX_EPOCH + Duration::from_secs(1_600_000_000 + batch % 1_000_000_000));
    (0..count)
        .map(|index| {
            let r = next();
            let correct = Category::ALL[(r % 3) as usize];
            let answer = Category::ALL[((r >> 8) % 3) as usize];
            let also: Vec<Category> = Category::ALL
                .into_iter()
                .filter(|c| *c != correct && (r >> (16 + c.index())) & 1 == 1)
                .collect();
            let outcome = if answer == correct {
                Verdict::Correct
            } else if also.contains(&answer) {
                Verdict::AlsoAccepted
            } else {
                Verdict::Wrong
            };
            let hint_used = (r >> 24) & 1 == 1;
            let text = STRESS_TEXTS[((r >> 32) % STRESS_TEXTS.len() as u64) as usize];
            ResultRow {
                time: time.clone(),
                player: STRESS_PLAYER.to_owned(),
                level_file: "levels/stress test, \"quoted\".ron".to_owned(),
                level_title: "Stress: «quotes», \"commas\",\nnew lines and 東京 🧪".to_owned(),
                seed: batch,
                statement_number: index + 1,
                statement: text.repeat(1 + ((r >> 40) % 4) as usize),
                answer,
                correct_answer: correct,
                also_accepted: also,
                outcome,
                points: points_for(outcome, 1 + ((r >> 48) % 6) as u32, hint_used),
                hint_used,
            }
        })
        .collect()
}

/// Saves `rounds` batches of [`stress_rows`] to `path`, one [`save_rows`]
/// call each, as fast as it can: the kill test runs this in a child process
/// and kills it at random moments. Batch numbers are the process id times
/// 2³² plus the round, so batches from different processes differ. Fails if
/// a save fails or ever finds the file invalid.
pub fn stress_writer(path: &Path, rounds: usize) -> io::Result<()> {
    let base = u64::from(process_id()) << 32;
    for round in 0..rounds as u64 {
        match save_rows(path, &stress_rows(base.wrapping_add(round))).map_err(io::Error::other)? {
            SaveOutcome::Appended { .. } => {}
            SaveOutcome::StartedFresh { kept_aside } => {
                return Err(io::Error::other(format!(
                    "{} did not validate and was kept aside as {}",
                    path.display(),
                    kept_aside.display()
                )));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// How the columns are written.

fn category_named(name: &str) -> Option<Category> {
    Category::ALL.into_iter().find(|c| c.label() == name)
}

mod pipe_list {
    use super::category_named;
    use crate::level::Category;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(list: &[Category], serializer: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = list.iter().map(|c| c.label()).collect();
        serializer.serialize_str(&names.join("|"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Category>, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            return Ok(Vec::new());
        }
        text.split('|')
            .map(|name| {
                category_named(name).ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom(format!(
                        "also accepted: `{name}` is not an answer; expected Fact, Opinion or Unsupported, separated by |"
                    ))
                })
            })
            .collect()
    }
}

mod outcome_text {
    use super::outcome_label;
    use crate::round::Verdict;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(verdict: &Verdict, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(outcome_label(*verdict))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Verdict, D::Error> {
        let text = String::deserialize(deserializer)?;
        [Verdict::Correct, Verdict::AlsoAccepted, Verdict::Wrong]
            .into_iter()
            .find(|verdict| outcome_label(*verdict) == text)
            .ok_or_else(|| {
                <D::Error as serde::de::Error>::custom(format!(
                    "outcome must be correct, also accepted or wrong, not `{text}`"
                ))
            })
    }
}

mod yes_no {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if *value { "yes" } else { "no" })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
        match String::deserialize(deserializer)?.as_str() {
            "yes" => Ok(true),
            "no" => Ok(false),
            other => Err(<D::Error as serde::de::Error>::custom(format!(
                "hint used must be yes or no, not `{other}`"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hinnant's days-from-civil, to check [`civil_from_days`] against.
    fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month_from_march = if month > 2 { month - 3 } else { month + 9 };
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    fn at(seconds: i64) -> SystemTime {
        if seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(seconds as u64)
        } else {
            UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
        }
    }

    #[test]
    fn times_are_iso_8601_utc() {
        for (seconds, text) in [
            (0, "1970-01-01T00:00:00Z"),
            (1_795_902_433, "2026-11-28T21:47:13Z"),
            (1_709_208_000, "2024-02-29T12:00:00Z"),
            (951_868_800, "2000-03-01T00:00:00Z"),
            (4_107_542_400, "2100-03-01T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (-2_208_988_800, "1900-01-01T00:00:00Z"),
        ] {
            assert_eq!(format_time(at(seconds)), text, "{seconds}");
        }
        assert_eq!(
            format_time(at(1_795_902_433) + Duration::from_millis(999)),
            "2026-11-28T21:47:13Z"
        );
        assert_eq!(
            format_time(UNIX_EPOCH - Duration::from_millis(1)),
            "1969-12-31T23:59:59Z"
        );
        assert_eq!(file_stamp(at(1_795_902_433)), "20261128-214713");
    }

    #[test]
    fn civil_from_days_inverts_days_from_civil() {
        for days in (-800_000..800_000).step_by(7).chain(-1000..1000) {
            let (year, month, day) = civil_from_days(days);
            assert!(
                (1..=12).contains(&month) && (1..=31).contains(&day),
                "{days}"
            );
            assert_eq!(days_from_civil(year, month, day), days);
        }
        // Extreme clocks format without panicking.
        for far in [
            Duration::from_secs(u64::MAX / 4),
            Duration::from_secs(1 << 40),
        ] {
            if let Some(t) = UNIX_EPOCH.checked_add(far) {
                format_time(t);
            }
            if let Some(t) = UNIX_EPOCH.checked_sub(far) {
                format_time(t);
            }
        }
    }

    #[test]
    fn header_matches_the_serde_names() {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.serialize(&stress_rows(7)[0]).unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next(), Some(HEADER.join(",").as_str()));
    }

    #[test]
    fn stress_rows_round_trip_through_csv() {
        let rows: Vec<ResultRow> = (0..300).flat_map(stress_rows).collect();
        let mut bytes = csv_bytes(true, &[]).unwrap();
        bytes.extend(csv_bytes(false, &rows).unwrap());
        assert_eq!(parse_rows(&bytes).unwrap(), rows);
    }

    #[test]
    fn invalid_files_say_which_line_is_wrong() {
        let header = HEADER.join(",");
        let good = csv_bytes(false, &stress_rows(1)[..1]).unwrap();
        let good = String::from_utf8(good).unwrap();
        let cases = [
            (String::new(), "empty"),
            (
                "time,player\n".to_owned(),
                "line 1 is not the results header",
            ),
            (
                format!("{header}\n{good}a,b,c\n"),
                "has 3 columns instead of 13",
            ),
            (
                format!(
                    "{header}\n{}",
                    good.replace(",no\n", ",maybe\n")
                        .replace(",yes\n", ",maybe\n")
                ),
                "hint used must be yes or no, not `maybe`",
            ),
        ];
        for (text, expected) in cases {
            let err = parse_rows(text.as_bytes()).unwrap_err();
            assert!(text.is_empty() || err.starts_with("line "), "{err}");
            assert!(
                err.contains(expected),
                "{err:?} should contain {expected:?}"
            );
        }
        let mut not_utf8 = format!("{header}\n").into_bytes();
        not_utf8.extend(b"\xff\xfe,,\n");
        assert!(parse_rows(&not_utf8).unwrap_err().contains("line 2"));
    }
}
