//! Waits for the fonts and every level file, then opens the title screen
//! (or, for `fact-sorter play FILE`, the level itself).

use crate::game::gameplay::StartLevel;
use crate::game::levels::{LevelAsset, LevelCatalog, LevelStatus};
use crate::game::theme::{UiFonts, widget};
use crate::game::{LaunchOptions, Screen};
use bevy::asset::LoadState;
use bevy::prelude::*;
use bevy::window::RequestRedraw;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<RequestRedraw>();
    app.add_systems(OnEnter(Screen::Loading), spawn_loading_screen);
    app.add_systems(
        Update,
        (leave_when_everything_is_loaded, keep_updating_while_loading)
            .run_if(in_state(Screen::Loading)),
    );
}

/// The game only redraws on input (to save battery), and finished asset
/// loads are not input: without this, the browser build waited for the
/// reactive timer (5 s at a time) before showing the title screen.
fn keep_updating_while_loading(mut redraw: MessageWriter<RequestRedraw>) {
    redraw.write(RequestRedraw);
}

fn spawn_loading_screen(mut commands: Commands, fonts: Res<UiFonts>) {
    commands.spawn((
        widget::screen_root("Loading screen"),
        DespawnOnExit(Screen::Loading),
        children![widget::header(&fonts, "Loading levels…")],
    ));
}

fn leave_when_everything_is_loaded(
    fonts: Res<UiFonts>,
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    server: Res<AssetServer>,
    options: Res<LaunchOptions>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    let fonts_settled = fonts.all().into_iter().all(|font| {
        matches!(
            server.load_state(font),
            LoadState::Loaded | LoadState::Failed(_)
        )
    });
    let levels_settled = catalog.is_listed()
        && (0..catalog.entries.len()).all(|i| catalog.status(i, &levels, &server).is_settled());
    if !fonts_settled || !levels_settled {
        return;
    }
    if options.file.is_some() {
        // One file from the command line: play it, or show why it cannot be played.
        match catalog.status(0, &levels, &server) {
            LevelStatus::Ready(_) => commands.trigger(StartLevel(0)),
            _ => next.set(Screen::LevelSelect),
        }
    } else {
        next.set(Screen::Title);
    }
}
