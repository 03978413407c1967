//! Player settings on desktop (`settings.ron` in the config folder): text
//! size, high contrast, reduced motion and whether the score shows.
//!
//! Loading never fails and never panics: a missing file means the defaults;
//! a file that cannot be read means the defaults plus a sentence for the
//! player, and the file is renamed aside (`settings.corrupt-<time>.ron`),
//! never deleted. Fields missing from the file take their defaults and
//! unknown fields are ignored, so files from older and newer versions of
//! the game load. Saving is atomic (temporary file, fsync, rename).
//!
//! Pure Rust, no Bevy, and no platform folders: paths come from the caller.

use crate::results::{
    STALE_TEMP_AGE, display_name, keep_aside, now, remove_temp_files, write_atomically,
};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The settings file's name inside the config folder.
pub const SETTINGS_FILE: &str = "settings.ron";

/// Settings files are a few lines; anything larger is not one.
const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// The first line of a saved settings file.
const FILE_COMMENT: &str = "// Fact Sorter settings. text_size is Small, Medium or Large. \
                            Delete this file to go back to the defaults.\n";

/// How large the game's text is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextSize {
    Small,
    #[default]
    Medium,
    Large,
}

impl TextSize {
    /// Every size, smallest first.
    pub const ALL: [TextSize; 3] = [TextSize::Small, TextSize::Medium, TextSize::Large];

    /// The factor to multiply font sizes by.
    pub fn scale(self) -> f32 {
        match self {
            TextSize::Small => 0.85,
            TextSize::Medium => 1.0,
            TextSize::Large => 1.25,
        }
    }

    /// The name players see.
    pub fn label(self) -> &'static str {
        match self {
            TextSize::Small => "Small",
            TextSize::Medium => "Medium",
            TextSize::Large => "Large",
        }
    }

    /// The next size up, wrapping from Large back to Small (for one button).
    pub fn next(self) -> TextSize {
        match self {
            TextSize::Small => TextSize::Medium,
            TextSize::Medium => TextSize::Large,
            TextSize::Large => TextSize::Small,
        }
    }
}

/// Everything a player can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub text_size: TextSize,
    /// Stronger colours and borders.
    pub high_contrast: bool,
    /// No animations or transitions.
    pub reduced_motion: bool,
    /// Show points and the streak while playing.
    pub show_score: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            text_size: TextSize::Medium,
            high_contrast: false,
            reduced_motion: false,
            show_score: true,
        }
    }
}

/// Reads the settings at `path`. Returns the defaults when the file is
/// missing, and the defaults plus a sentence for the player when it cannot
/// be read; such a file is renamed aside, never deleted. Never panics.
pub fn load_settings(path: &Path) -> (Settings, Option<String>) {
    let problem = match read_settings(path) {
        Stored::Missing => return (Settings::default(), None),
        Stored::Read(settings) => return (settings, None),
        Stored::Unreadable(problem) => problem,
    };
    let kept = match keep_aside(path, now()) {
        Ok(kept) => format!("It was kept as {}.", display_name(&kept)),
        Err(err) => format!(
            "It could not be moved aside ({err}), so it was left as {}.",
            display_name(path)
        ),
    };
    (
        Settings::default(),
        Some(format!(
            "Your settings file could not be read ({problem}), so the defaults are used. {kept}"
        )),
    )
}

/// Writes `settings` to `path` atomically. A file already there that cannot
/// be read is renamed aside first rather than replaced; if that fails,
/// nothing is written.
pub fn save_settings(path: &Path, settings: &Settings) -> io::Result<()> {
    let text = settings_to_ron(settings).map_err(io::Error::other)?;
    if let Stored::Unreadable(_) = read_settings(path) {
        keep_aside(path, now())?;
    }
    remove_temp_files(path, Some(STALE_TEMP_AGE));
    write_atomically(path, &[text.as_bytes()])
}

/// Parses a settings file. The error says where and what, for example
/// "line 2, column 16: " followed by RON's message.
pub fn parse_settings(bytes: &[u8]) -> Result<Settings, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
    ron::Options::default()
        .from_str::<Settings>(text)
        .map_err(|err| {
            format!(
                "line {}, column {}: {}",
                err.span.start.line, err.span.start.col, err.code
            )
        })
}

/// `settings` as the text of a settings file, with a comment on top.
pub fn settings_to_ron(settings: &Settings) -> Result<String, ron::Error> {
    let body = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::new())?;
    Ok(format!("{FILE_COMMENT}{body}\n"))
}

/// What is at a settings path.
enum Stored {
    Missing,
    Read(Settings),
    /// Why it cannot be used, in words for the notice.
    Unreadable(String),
}

fn read_settings(path: &Path) -> Stored {
    let mut bytes = Vec::new();
    let read =
        File::open(path).and_then(|file| file.take(MAX_SETTINGS_BYTES + 1).read_to_end(&mut bytes));
    match read {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Stored::Missing,
        Err(err) => Stored::Unreadable(err.to_string()),
        Ok(_) if bytes.len() as u64 > MAX_SETTINGS_BYTES => Stored::Unreadable(format!(
            "it is larger than {} KiB",
            MAX_SETTINGS_BYTES / 1024
        )),
        Ok(_) => match parse_settings(&bytes) {
            Ok(settings) => Stored::Read(settings),
            Err(problem) => Stored::Unreadable(problem),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A fresh, empty folder for one test.
    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "fact-sorter-settings-{name}-{}",
            std::process::id()
        ));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn round_trip() {
        let dir = folder("round-trip");
        let path = dir.join(SETTINGS_FILE);
        let settings = Settings {
            text_size: TextSize::Large,
            high_contrast: true,
            reduced_motion: true,
            show_score: false,
        };
        save_settings(&path, &settings).unwrap();
        assert_eq!(load_settings(&path), (settings, None));
        // Saving again replaces the file; no temporary files are left.
        let smaller = Settings {
            text_size: TextSize::Small,
            ..settings
        };
        save_settings(&path, &smaller).unwrap();
        assert_eq!(load_settings(&path), (smaller, None));
        assert_eq!(names(&dir), [SETTINGS_FILE]);
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.starts_with("// Fact Sorter settings."), "{text}");
        assert!(text.contains("text_size: Small"), "{text}");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn missing_file_gives_defaults_without_a_notice() {
        let dir = folder("missing");
        let path = dir.join(SETTINGS_FILE);
        let (settings, notice) = load_settings(&path);
        assert_eq!(settings, Settings::default());
        assert!(settings.show_score);
        assert_eq!(settings.text_size, TextSize::Medium);
        assert_eq!(notice, None);
        assert!(names(&dir).is_empty(), "loading creates nothing");
        // A folder that does not exist yet is created on save.
        let nested = dir.join("a").join("b").join(SETTINGS_FILE);
        assert_eq!(load_settings(&nested), (Settings::default(), None));
        save_settings(&nested, &Settings::default()).unwrap();
        assert_eq!(load_settings(&nested), (Settings::default(), None));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn corrupt_file_gives_defaults_a_notice_and_is_kept_aside() {
        let dir = folder("corrupt");
        let path = dir.join(SETTINGS_FILE);
        let corrupt = "(\n    text_size: Huge,\n    high_contrast: true,\n";
        std::fs::write(&path, corrupt).unwrap();
        let (settings, notice) = load_settings(&path);
        assert_eq!(settings, Settings::default());
        let notice = notice.expect("a notice for the player");
        assert!(
            notice.starts_with("Your settings file could not be read (line 2, column "),
            "{notice}"
        );
        assert!(notice.contains("so the defaults are used"), "{notice}");
        assert!(
            notice.contains("It was kept as settings.corrupt-"),
            "{notice}"
        );
        assert!(notice.ends_with(".ron."), "{notice}");
        let files = names(&dir);
        assert_eq!(files.len(), 1, "{files:?}");
        let kept = &files[0];
        assert!(
            kept.starts_with("settings.corrupt-") && kept.ends_with(".ron"),
            "{kept}"
        );
        assert!(notice.contains(kept.as_str()), "{notice}");
        assert_eq!(std::fs::read_to_string(dir.join(kept)).unwrap(), corrupt);

        // The next load is quiet: the file was moved, so the defaults stand.
        assert_eq!(load_settings(&path), (Settings::default(), None));

        // A second corrupt file is kept too, under its own name (`-2` when
        // it is kept within the same second).
        std::fs::write(&path, b"\xff\xfe not text").unwrap();
        let (_, notice) = load_settings(&path);
        let notice = notice.unwrap();
        assert!(notice.contains("(it is not UTF-8 text)"), "{notice}");
        let files = names(&dir);
        assert_eq!(files.len(), 2, "{files:?}");
        assert!(files.iter().all(|f| f.starts_with("settings.corrupt-")));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn saving_over_a_corrupt_file_keeps_it_aside() {
        let dir = folder("save-over-corrupt");
        let path = dir.join(SETTINGS_FILE);
        std::fs::write(&path, "not settings at all").unwrap();
        let settings = Settings {
            high_contrast: true,
            ..Settings::default()
        };
        save_settings(&path, &settings).unwrap();
        assert_eq!(load_settings(&path), (settings, None));
        let files = names(&dir);
        assert_eq!(files.len(), 2, "{files:?}");
        let kept = files
            .iter()
            .find(|f| f.starts_with("settings.corrupt-"))
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join(kept)).unwrap(),
            "not settings at all"
        );
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn missing_fields_take_defaults_and_unknown_fields_are_ignored() {
        for (text, expected) in [
            ("()", Settings::default()),
            (
                "(high_contrast: true)",
                Settings {
                    high_contrast: true,
                    ..Settings::default()
                },
            ),
            (
                "Settings(text_size: Large)",
                Settings {
                    text_size: TextSize::Large,
                    ..Settings::default()
                },
            ),
            (
                "// a comment\n(reduced_motion: true, show_score: false, sound_volume: 0.5)",
                Settings {
                    reduced_motion: true,
                    show_score: false,
                    ..Settings::default()
                },
            ),
        ] {
            assert_eq!(parse_settings(text.as_bytes()), Ok(expected), "{text}");
        }
        let dir = folder("partial");
        let path = dir.join(SETTINGS_FILE);
        std::fs::write(&path, "(text_size: Small)").unwrap();
        let (settings, notice) = load_settings(&path);
        assert_eq!(notice, None);
        assert_eq!(settings.text_size, TextSize::Small);
        assert!(settings.show_score, "missing show_score defaults to true");
        assert!(!settings.high_contrast && !settings.reduced_motion);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn oversized_or_empty_files_are_not_settings() {
        let dir = folder("oversized");
        let path = dir.join(SETTINGS_FILE);
        std::fs::write(&path, vec![b' '; MAX_SETTINGS_BYTES as usize + 1]).unwrap();
        let (settings, notice) = load_settings(&path);
        assert_eq!(settings, Settings::default());
        assert!(notice.unwrap().contains("larger than 64 KiB"));
        std::fs::write(&path, "").unwrap();
        let (_, notice) = load_settings(&path);
        assert!(notice.is_some(), "an empty file is reported");
        assert_eq!(names(&dir).len(), 2);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn text_sizes_cycle_and_grow() {
        let mut size = TextSize::Small;
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(size);
            size = size.next();
        }
        assert_eq!(size, TextSize::Small);
        assert_eq!(seen, TextSize::ALL);
        assert!(
            TextSize::ALL
                .windows(2)
                .all(|w| w[0].scale() < w[1].scale())
        );
        assert!((TextSize::default().scale() - 1.0).abs() < f32::EPSILON);
        assert_eq!(TextSize::Large.label(), "Large");
    }
}
