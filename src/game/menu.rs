//! The Esc menu: resume, back to the level list, quit. Opens over any
//! screen and pauses answering while it is open.

use super::Screen;
use super::preferences::open_settings;
use super::theme::UiFonts;
use super::theme::widget::{self, ButtonKind};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Menu>();
    app.add_systems(
        Update,
        toggle_menu_on_escape
            .in_set(super::AppSystems::RecordInput)
            .run_if(not(in_state(Screen::Loading))),
    );
    app.add_systems(
        Update,
        menu_shortcuts
            .in_set(super::AppSystems::RecordInput)
            .run_if(in_state(Menu::Open)),
    );
    app.add_systems(OnEnter(Menu::Open), spawn_menu);
    // Changing screen always closes the menu.
    app.add_systems(Update, close_menu_on_screen_change);
}

/// Whether the Esc menu is open.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Menu {
    #[default]
    Closed,
    Open,
    /// Typing a player name or class code (see `player.rs`).
    PlayerName,
    /// The settings panel (see `preferences.rs`).
    Settings,
}

/// Quitting only makes sense where there is a window to close.
pub const CAN_QUIT: bool = !cfg!(target_arch = "wasm32");

fn toggle_menu_on_escape(
    keys: Res<ButtonInput<KeyCode>>,
    menu: Res<State<Menu>>,
    mut next: ResMut<NextState<Menu>>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        next.set(match menu.get() {
            Menu::Closed => Menu::Open,
            Menu::Open | Menu::PlayerName | Menu::Settings => Menu::Closed,
        });
    }
}

fn menu_shortcuts(keys: Res<ButtonInput<KeyCode>>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::KeyL) {
        commands.run_system_cached(back_to_levels);
    } else if keys.just_pressed(KeyCode::KeyQ) && CAN_QUIT {
        commands.run_system_cached(quit);
    } else if keys.just_pressed(KeyCode::KeyS) {
        commands.run_system_cached(open_settings);
    } else if keys.any_just_pressed([KeyCode::Enter, KeyCode::Space]) {
        commands.run_system_cached(resume);
    }
}

fn close_menu_on_screen_change(
    mut transitions: MessageReader<StateTransitionEvent<Screen>>,
    menu: Res<State<Menu>>,
    mut next: ResMut<NextState<Menu>>,
) {
    if transitions.read().count() > 0 && *menu.get() != Menu::Closed {
        next.set(Menu::Closed);
    }
}

fn spawn_menu(mut commands: Commands, fonts: Res<UiFonts>) {
    let fonts = fonts.into_inner();
    let mut buttons = commands.spawn(widget::dialog("Menu panel", 380.0));
    buttons.with_children(|menu| {
        menu.spawn(widget::header(fonts, "Paused"));
        menu.spawn(widget::button(
            fonts,
            ButtonKind::Primary,
            "Esc",
            "Resume",
            |_: On<Activate>, mut commands: Commands| commands.run_system_cached(resume),
        ));
        menu.spawn(widget::button(
            fonts,
            ButtonKind::Quiet,
            "L",
            "Back to levels",
            |_: On<Activate>, mut commands: Commands| commands.run_system_cached(back_to_levels),
        ));
        menu.spawn(widget::button(
            fonts,
            ButtonKind::Quiet,
            "S",
            "Settings",
            |_: On<Activate>, mut commands: Commands| commands.run_system_cached(open_settings),
        ));
        if CAN_QUIT {
            menu.spawn(widget::button(
                fonts,
                ButtonKind::Quiet,
                "Q",
                "Quit",
                |_: On<Activate>, mut commands: Commands| commands.run_system_cached(quit),
            ));
        }
    });
    let panel = buttons.id();
    commands
        .spawn((
            widget::overlay("Menu overlay", 10),
            DespawnOnExit(Menu::Open),
        ))
        .add_child(panel);
}

fn resume(mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Closed);
}

fn back_to_levels(
    mut next_screen: ResMut<NextState<Screen>>,
    mut next_menu: ResMut<NextState<Menu>>,
) {
    next_menu.set(Menu::Closed);
    next_screen.set(Screen::LevelSelect);
}

/// Closes the game (desktop only; the web build shows no Quit button).
pub(crate) fn quit(mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::Success);
}
