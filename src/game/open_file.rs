//! "Open level file…": play a `.ron` level from the player's own computer.
//! On desktop this opens the system's file dialog; on the web, the
//! browser's file picker. Either way the file is read locally and is never
//! uploaded anywhere. The level goes through the same checks as every other
//! level, and a broken one is listed with its error.

use super::Screen;
use super::gameplay::StartLevel;
use super::levels::{LevelAsset, LevelCatalog, LevelStatus};
use super::screens::level_select::LevelCursor;
use crate::validate::load_level;
use bevy::prelude::*;
use bevy::tasks::{IoTaskPool, Task, futures::check_ready};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FilePicker>();
    app.add_observer(open_file_picker);
    app.add_observer(add_opened_level);
    app.add_systems(
        Update,
        receive_picked_file.run_if(|picker: Res<FilePicker>| picker.is_open()),
    );
}

/// Ask the player for a level file.
#[derive(Event, Debug, Clone, Copy)]
pub struct OpenLevelFile;

/// A level file the player picked: its name (a path on desktop) and bytes.
#[derive(Event, Debug, Clone)]
pub struct LevelFileOpened {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The file dialog that is open, if any (only one at a time).
#[derive(Resource, Default)]
pub struct FilePicker {
    task: Option<Task<Option<LevelFileOpened>>>,
}

impl FilePicker {
    pub fn is_open(&self) -> bool {
        self.task.is_some()
    }
}

fn open_file_picker(_: On<OpenLevelFile>, mut picker: ResMut<FilePicker>) {
    if picker.is_open() {
        return;
    }
    let dialog = rfd::AsyncFileDialog::new()
        .set_title("Open a Fact Sorter level")
        .add_filter("Fact Sorter level (.ron)", &["ron"]);
    picker.task = Some(IoTaskPool::get().spawn(async move {
        // `None` when the player cancels (or no dialog could be shown).
        let file = dialog.pick_file().await?;
        let name = picked_name(&file);
        let bytes = file.read().await;
        Some(LevelFileOpened { name, bytes })
    }));
}

#[cfg(not(target_arch = "wasm32"))]
fn picked_name(file: &rfd::FileHandle) -> String {
    file.path().display().to_string()
}

#[cfg(target_arch = "wasm32")]
fn picked_name(file: &rfd::FileHandle) -> String {
    file.file_name()
}

fn receive_picked_file(mut picker: ResMut<FilePicker>, mut commands: Commands) {
    let Some(task) = picker.task.as_mut() else {
        return;
    };
    let Some(picked) = check_ready(task) else {
        return;
    };
    picker.task = None;
    if let Some(opened) = picked {
        commands.trigger(opened);
    }
}

/// Adds the opened file to the level list. A level that can be played
/// starts at once; a broken one is shown in the list with its first error.
fn add_opened_level(
    opened: On<LevelFileOpened>,
    server: Res<AssetServer>,
    mut levels: ResMut<Assets<LevelAsset>>,
    mut catalog: ResMut<LevelCatalog>,
    mut cursor: ResMut<LevelCursor>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    let report = load_level(&opened.name, &opened.bytes);
    let index = catalog.add_report(report, &mut levels);
    cursor.0 = index;
    match catalog.status(index, &levels, &server) {
        LevelStatus::Ready(_) => commands.trigger(StartLevel(index)),
        _ => next.set(Screen::LevelSelect),
    }
}
