//! The Bevy game: a thin layer over the pure core. One plugin per feature;
//! [`AppPlugin`] adds the engine, [`plugin`] adds the game itself (and runs
//! headless in tests with `MinimalPlugins` + `StatesPlugin`).

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod gameplay;
pub mod levels;
pub mod menu;
pub mod open_file;
pub mod player;
pub mod preferences;
pub mod records;
pub mod reload;
pub mod screens;
pub mod smoke;
pub mod theme;
pub mod timing;

use crate::cli::PlayOptions;
use bevy::asset::AssetMetaCheck;
use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::process::ExitCode;

/// Starts the game window and runs until the player quits.
pub fn run(options: PlayOptions) -> ExitCode {
    let exit = App::new().add_plugins(AppPlugin { options }).run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// The whole application: Bevy's default plugins, configured for a
/// classroom laptop, plus the game.
pub struct AppPlugin {
    pub options: PlayOptions,
}

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        let root = content_root();
        // The `levels/` folder beside `assets/` is its own asset source.
        levels::register_level_source(app, &root.join(levels::LEVEL_SOURCE).display().to_string());
        app.add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: "Fact Sorter".to_owned(),
                        resolution: window_size().into(),
                        // The web page (web/index.html) provides the canvas and its size.
                        canvas: Some("#fact-sorter-canvas".to_owned()),
                        fit_canvas_to_parent: true,
                        prevent_default_event_handling: true,
                        ..default()
                    }),
                    ..default()
                })
                .set(AssetPlugin {
                    file_path: root.join("assets").display().to_string(),
                    // The web build serves no `.meta` files; don't ask for them.
                    meta_check: AssetMetaCheck::Never,
                    ..default()
                }),
        );
        // Classroom laptops run on battery: redraw only when something happens.
        app.insert_resource(WinitSettings::desktop_app());
        app.insert_resource(ClearColor(theme::palette::background()));
        app.insert_resource(LaunchOptions::from(self.options.clone()));
        app.add_systems(Startup, spawn_camera);
        // Tab and Shift+Tab move between buttons (focus ring: theme/mod.rs).
        app.add_plugins(bevy::input_focus::tab_navigation::TabNavigationPlugin);
        app.add_plugins(plugin);
    }
}

/// The game's own plugins, without the engine: usable headless.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.init_resource::<LaunchOptions>();
    app.configure_sets(
        Update,
        (AppSystems::RecordInput, AppSystems::Update).chain(),
    );
    app.add_message::<bevy::window::RequestRedraw>();
    app.add_systems(
        Last,
        (
            redraw_for_pending_state::<Screen>,
            redraw_for_pending_state::<menu::Menu>,
            redraw_for_pending_state::<gameplay::PlayPhase>,
        ),
    );
    app.add_plugins((
        theme::plugin,
        levels::plugin,
        gameplay::plugin,
        screens::plugin,
        menu::plugin,
        open_file::plugin,
        reload::plugin,
        records::plugin,
        player::plugin,
        preferences::plugin,
        smoke::plugin,
        timing::plugin,
    ));
}

/// The game redraws only when something happens (`WinitSettings::desktop_app`,
/// kind to laptop batteries). A key that changes the screen sets the new
/// state for the next frame, so that frame is asked for at once; otherwise
/// the change would wait for the next key or mouse move (in the browser, a
/// key's press and release often arrive in one frame).
fn redraw_for_pending_state<S: bevy::state::state::FreelyMutableState>(
    next: Option<Res<NextState<S>>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if next.is_some_and(|next| !matches!(*next, NextState::Unchanged)) {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// What the command line asked for.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// Play only this level file.
    pub file: Option<std::path::PathBuf>,
    /// The seed of the first round; later rounds draw a new one.
    pub seed: Option<u64>,
}

impl From<PlayOptions> for LaunchOptions {
    fn from(options: PlayOptions) -> Self {
        LaunchOptions {
            file: options.file,
            seed: options.seed,
        }
    }
}

/// The screen the player is on.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Reading fonts and level files.
    #[default]
    Loading,
    Title,
    LevelSelect,
    Play,
    Results,
}

/// Ordering of `Update` systems: read input first, then react.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    RecordInput,
    Update,
}

/// The folder holding `assets/` and `levels/`. Bevy looks beside the
/// executable (or in the crate under `cargo run`); a game started from a
/// checkout or an unpacked folder also finds them in the working directory.
#[cfg(not(target_arch = "wasm32"))]
fn content_root() -> std::path::PathBuf {
    let base = bevy::asset::io::file::FileAssetReader::get_base_path();
    if base.join("assets").is_dir() {
        return base;
    }
    match std::env::current_dir() {
        Ok(dir) if dir.join("assets").is_dir() => dir,
        _ => base,
    }
}

/// On the web, `assets/` and `levels/` sit beside `index.html`.
#[cfg(target_arch = "wasm32")]
fn content_root() -> std::path::PathBuf {
    std::path::PathBuf::new()
}

/// 1280×720 unless `FACT_SORTER_WINDOW=WIDTHxHEIGHT` says otherwise
/// (used to check the projector layout).
fn window_size() -> (u32, u32) {
    std::env::var("FACT_SORTER_WINDOW")
        .ok()
        .and_then(|size| {
            let (w, h) = size.split_once('x')?;
            Some((w.parse().ok()?, h.parse().ok()?))
        })
        .unwrap_or((1280, 720))
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((Name::new("Camera"), Camera2d));
}
