//! Settings: text size, high contrast, reduced motion, and whether the
//! score is shown. Opened with `S` on the title screen or from the Esc
//! menu; every change applies at once and is saved (atomically) in the OS
//! config folder. A settings file that cannot be read falls back to the
//! defaults with a notice, and is kept aside rather than overwritten.

use super::AppSystems;
use super::menu::Menu;
use super::theme::widget::{self, ButtonKind};
use super::theme::{ButtonColors, UiFonts, palette};
use crate::settings::{self, Settings};
use bevy::prelude::*;
use bevy::text::TextBackgroundColor;
use bevy::ui_widgets::Activate;
use std::path::{Path, PathBuf};

/// Overrides the folder the settings file lives in (tests, smoke test).
pub const CONFIG_DIR_ENV: &str = "FACT_SORTER_CONFIG_DIR";

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SettingsStore>();
    app.init_resource::<CurrentSettings>();
    app.add_systems(Startup, log_settings);
    app.add_systems(OnEnter(Menu::Settings), spawn_settings_panel);
    app.add_systems(
        Update,
        settings_shortcuts
            .in_set(AppSystems::RecordInput)
            .run_if(in_state(Menu::Settings)),
    );
    app.add_systems(
        Update,
        (
            apply_settings.run_if(resource_changed::<CurrentSettings>),
            show_or_hide_score,
            refresh_settings_panel
                .run_if(in_state(Menu::Settings).and_then(resource_changed::<CurrentSettings>)),
        )
            .chain()
            .in_set(AppSystems::Update),
    );
}

/// The settings in force.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentSettings(pub Settings);

impl FromWorld for CurrentSettings {
    fn from_world(world: &mut World) -> Self {
        let loaded = world.resource::<SettingsStore>().loaded;
        if loaded.high_contrast {
            palette::use_high_contrast(true);
        }
        CurrentSettings(loaded)
    }
}

/// Where settings are kept, what was read at start-up, and the notice to
/// show when the file could not be read.
#[derive(Resource, Debug, Clone)]
pub struct SettingsStore {
    pub file: Option<PathBuf>,
    pub loaded: Settings,
    pub notice: Option<String>,
}

impl Default for SettingsStore {
    fn default() -> Self {
        let file = config_folder().map(|dir| dir.join(settings::SETTINGS_FILE));
        let (loaded, notice) = load_saved(file.as_deref());
        SettingsStore {
            file,
            loaded,
            notice,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn config_folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "Fact Sorter", "fact-sorter")
        .map(|dirs| dirs.config_dir().to_path_buf())
}

/// The web build keeps settings in the browser (see [`load_saved`]).
#[cfg(target_arch = "wasm32")]
fn config_folder() -> Option<PathBuf> {
    None
}

/// The saved settings: desktop, from the settings file; web, from the
/// browser's local storage. A notice says when they could not be read.
#[cfg(not(target_arch = "wasm32"))]
fn load_saved(file: Option<&Path>) -> (Settings, Option<String>) {
    file.map_or((Settings::default(), None), settings::load_settings)
}

#[cfg(target_arch = "wasm32")]
fn load_saved(_: Option<&Path>) -> (Settings, Option<String>) {
    use super::browser::{self, SETTINGS_KEY};
    match browser::load(SETTINGS_KEY) {
        Ok(None) => (Settings::default(), None),
        Ok(Some(text)) => match settings::parse_settings(text.as_bytes()) {
            Ok(saved) => (saved, None),
            Err(problem) => {
                // Kept aside, never lost, as on desktop.
                let aside = format!("{SETTINGS_KEY}.unreadable");
                browser::store(&aside, &text).ok();
                (
                    Settings::default(),
                    Some(format!(
                        "Your saved settings could not be read ({problem}), so the defaults are used."
                    )),
                )
            }
        },
        Err(problem) => (
            Settings::default(),
            Some(format!(
                "Settings cannot be kept in this browser ({problem}); they last until the tab is closed."
            )),
        ),
    }
}

/// Saves the settings where [`load_saved`] reads them. `Ok(false)` when
/// there is nowhere to keep them.
#[cfg(not(target_arch = "wasm32"))]
fn store_settings(file: Option<&Path>, current: &Settings) -> Result<bool, String> {
    let Some(file) = file else {
        return Ok(false);
    };
    settings::save_settings(file, current)
        .map(|()| true)
        .map_err(|err| format!("{}: {err}", file.display()))
}

#[cfg(target_arch = "wasm32")]
fn store_settings(_: Option<&Path>, current: &Settings) -> Result<bool, String> {
    let text = settings::settings_to_ron(current).map_err(|err| err.to_string())?;
    super::browser::store(super::browser::SETTINGS_KEY, &text).map(|()| true)
}

/// One line in the log (and the browser console) with the settings in force.
fn log_settings(store: Res<SettingsStore>) {
    let place = match &store.file {
        Some(file) => file.display().to_string(),
        None if cfg!(target_arch = "wasm32") => "browser storage".to_owned(),
        None => "not saved".to_owned(),
    };
    info!("settings: {:?} ({place})", store.loaded);
}

/// Text that shows the score; hidden when the teacher prefers learning over points.
#[derive(Component, Debug, Clone, Copy)]
pub struct ScoreDisplay;

#[derive(Component)]
struct SettingsOverlay;

/// One row of the settings panel: its key, what it changes, its value.
fn settings_rows(settings: &Settings) -> [(&'static str, &'static str, String); 4] {
    let on_off = |on: bool| if on { "On" } else { "Off" }.to_owned();
    [
        ("1", "Text size", settings.text_size.label().to_owned()),
        ("2", "High contrast", on_off(settings.high_contrast)),
        ("3", "Reduced motion", on_off(settings.reduced_motion)),
        ("4", "Show the score", on_off(settings.show_score)),
    ]
}

/// Changes setting number `row` (0-based) to its next value.
pub fn change_setting(settings: &mut Settings, row: usize) {
    match row {
        0 => settings.text_size = settings.text_size.next(),
        1 => settings.high_contrast = !settings.high_contrast,
        2 => settings.reduced_motion = !settings.reduced_motion,
        3 => settings.show_score = !settings.show_score,
        _ => {}
    }
}

fn spawn_settings_panel(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    current: Res<CurrentSettings>,
    store: Res<SettingsStore>,
) {
    let fonts = fonts.into_inner();
    let panel = commands
        .spawn(widget::dialog("Settings panel", 620.0))
        .with_children(|panel| {
            panel.spawn(widget::header(fonts, "Settings"));
            if let Some(notice) = &store.notice {
                panel.spawn(widget::text(
                    &fonts.regular,
                    palette::SMALL_SIZE,
                    palette::error(),
                    notice.clone(),
                ));
            }
            for (row, (key, what, value)) in settings_rows(&current.0).into_iter().enumerate() {
                panel.spawn(widget::button(
                    fonts,
                    ButtonKind::Quiet,
                    key,
                    &format!("{what}: {value}"),
                    move |_: On<Activate>, mut current: ResMut<CurrentSettings>| {
                        change_setting(&mut current.0, row)
                    },
                ));
            }
            panel.spawn(widget::muted(
                fonts,
                "The game never moves anything on its own and has no timers, with or without reduced motion.",
            ));
            panel.spawn(widget::button(
                fonts,
                ButtonKind::Primary,
                "Esc",
                "Done",
                |_: On<Activate>, mut next: ResMut<NextState<Menu>>| next.set(Menu::Closed),
            ));
        })
        .id();
    commands
        .spawn((
            SettingsOverlay,
            widget::overlay("Settings overlay", 20),
            DespawnOnExit(Menu::Settings),
        ))
        .add_child(panel);
}

fn settings_shortcuts(keys: Res<ButtonInput<KeyCode>>, mut current: ResMut<CurrentSettings>) {
    let rows = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
    ];
    for (row, key) in rows.into_iter().enumerate() {
        if keys.just_pressed(key) {
            change_setting(&mut current.0, row);
        }
    }
}

/// Rebuilds the panel so it shows the new values (in the new colours).
fn refresh_settings_panel(overlays: Query<Entity, With<SettingsOverlay>>, mut commands: Commands) {
    for overlay in &overlays {
        commands.entity(overlay).despawn();
    }
    commands.run_system_cached(spawn_settings_panel);
}

/// Applies and saves the settings: theme (recolouring what is on screen),
/// text size (through the UI scale), and the saved file.
fn apply_settings(
    current: Res<CurrentSettings>,
    mut store: ResMut<SettingsStore>,
    clear: Option<ResMut<ClearColor>>,
    mut backgrounds: Query<&mut BackgroundColor>,
    mut texts: Query<&mut TextColor>,
    mut borders: Query<&mut BorderColor>,
    mut highlights: Query<&mut TextBackgroundColor>,
    mut buttons: Query<&mut ButtonColors>,
) {
    let before = *palette::theme();
    palette::use_high_contrast(current.0.high_contrast);
    let after = *palette::theme();
    if let Some(mut clear) = clear {
        clear.0 = after.background;
    }
    if before != after {
        for mut color in &mut backgrounds {
            color.0 = recolor(&before, &after, color.0, Role::Surface);
        }
        for mut color in &mut highlights {
            color.0 = recolor(&before, &after, color.0, Role::Surface);
        }
        for mut color in &mut texts {
            color.0 = recolor(&before, &after, color.0, Role::Ink);
        }
        for mut border in &mut borders {
            let new = recolor(&before, &after, border.top, Role::Surface);
            *border = BorderColor::all(new);
        }
        for mut colors in &mut buttons {
            colors.normal = recolor(&before, &after, colors.normal, Role::Surface);
            colors.hovered = recolor(&before, &after, colors.hovered, Role::Surface);
        }
    }
    if current.0 != store.loaded {
        match store_settings(store.file.as_deref(), &current.0) {
            Ok(true) => {
                info!("settings saved: {:?}", current.0);
                store.loaded = current.0;
            }
            Ok(false) => {}
            Err(err) => warn!("could not save settings: {err}"),
        }
    }
}

/// Whether a colour paints a surface or text: the paper theme uses white
/// for both panels and button text, so the role decides which it was.
#[derive(Clone, Copy)]
enum Role {
    Surface,
    Ink,
}

/// The colour in `after` that plays the part `color` played in `before`.
fn recolor(before: &palette::Theme, after: &palette::Theme, color: Color, role: Role) -> Color {
    let pairs = |t: &palette::Theme| -> Vec<Color> {
        let surfaces = [
            t.background,
            t.panel,
            t.button,
            t.button_hover,
            t.button_quiet,
            t.button_quiet_hover,
            t.disabled,
            t.statement_highlight,
            t.signal_highlight,
            t.overlay,
            t.panel_border,
            t.selected_border,
        ];
        let inks = [
            t.text,
            t.muted,
            t.button_text,
            t.error,
            t.correct,
            t.also,
            t.wrong,
            t.categories[0],
            t.categories[1],
            t.categories[2],
        ];
        match role {
            Role::Surface => surfaces.into_iter().chain(inks).collect(),
            Role::Ink => inks.into_iter().chain(surfaces).collect(),
        }
    };
    let from = pairs(before);
    let to = pairs(after);
    from.iter()
        .position(|c| *c == color)
        .map_or(color, |i| to[i])
}

fn show_or_hide_score(
    current: Res<CurrentSettings>,
    mut scores: Query<(Ref<ScoreDisplay>, &mut Node)>,
) {
    for (marker, mut node) in &mut scores {
        if current.is_changed() || marker.is_added() {
            node.display = if current.0.show_score {
                Display::Flex
            } else {
                Display::None
            };
        }
    }
}

/// The Settings entry of the title screen and the Esc menu.
pub fn open_settings(mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Settings);
}
