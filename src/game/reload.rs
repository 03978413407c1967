//! Hot reload while playing (desktop). Bevy's file watcher reloads a level
//! file when a teacher saves it; the level list rebuilds itself
//! (`screens/level_select.rs`). This plugin handles the level being played:
//! it offers to restart it with the new content, or, when the saved file
//! has a mistake, shows the error while the round goes on unchanged.

use super::gameplay::{ActiveRound, StartLevel};
use super::levels::{LevelAsset, LevelCatalog, LevelStatus};
use super::menu::Menu;
use super::theme::widget::{self, ButtonKind};
use super::theme::{UiFonts, palette};
use super::{AppSystems, Screen};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            reload_shortcuts
                .in_set(AppSystems::RecordInput)
                .run_if(in_state(Menu::Closed).and_then(any_with_component::<ReloadNotice>)),
            show_reload_notice.in_set(AppSystems::Update),
        )
            .run_if(in_state(Screen::Play)),
    );
}

/// The notice over the play screen; `ready` when the new version can be played.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReloadNotice {
    pub ready: bool,
}

fn show_reload_notice(
    mut changes: MessageReader<AssetEvent<LevelAsset>>,
    active: Option<Res<ActiveRound>>,
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    server: Res<AssetServer>,
    fonts: Res<UiFonts>,
    notices: Query<Entity, With<ReloadNotice>>,
    mut commands: Commands,
) {
    let playing = active
        .as_ref()
        .and_then(|active| catalog.entries.get(active.entry))
        .map(|entry| entry.handle.id());
    let changed = changes
        .read()
        .any(|event| matches!(event, AssetEvent::Modified { id } if Some(*id) == playing));
    let Some(active) = active.filter(|_| changed) else {
        return;
    };
    for notice in &notices {
        commands.entity(notice).despawn();
    }
    let fonts = fonts.into_inner();
    let (ready, message) = match catalog.status(active.entry, &levels, &server) {
        LevelStatus::Ready(level) => (
            true,
            format!(
                "“{}” was changed and saved. Restart it with the changes? This round's answers will be lost.",
                level.title
            ),
        ),
        LevelStatus::Broken(error) => (
            false,
            format!(
                "The level file was saved with a mistake, so this round goes on with the version you started.\n{error}\nFix it and save again to play the new version."
            ),
        ),
        LevelStatus::Loading => return,
    };
    commands
        .spawn((
            ReloadNotice { ready },
            DespawnOnExit(Screen::Play),
            Name::new("Reload notice"),
            Node {
                position_type: PositionType::Absolute,
                top: px(12),
                left: percent(10),
                width: percent(80),
                flex_direction: FlexDirection::Column,
                row_gap: px(10),
                padding: UiRect::all(px(16)),
                border: UiRect::all(px(3)),
                border_radius: BorderRadius::all(px(10)),
                ..default()
            },
            BackgroundColor(palette::panel()),
            BorderColor::all(if ready {
                palette::panel_border()
            } else {
                palette::category_color(crate::level::Category::Unsupported)
            }),
            GlobalZIndex(5),
        ))
        .with_children(|notice| {
            notice.spawn(widget::label(fonts, message));
            notice
                .spawn(widget::row("Reload buttons", 16.0))
                .with_children(|row| {
                    if ready {
                        row.spawn(widget::button(
                            fonts,
                            ButtonKind::Primary,
                            "R",
                            "Restart with changes",
                            |_: On<Activate>, mut commands: Commands| {
                                commands.run_system_cached(restart_changed_level)
                            },
                        ));
                    }
                    row.spawn(widget::button(
                        fonts,
                        ButtonKind::Quiet,
                        "K",
                        "Keep playing",
                        |_: On<Activate>, mut commands: Commands| {
                            commands.run_system_cached(dismiss)
                        },
                    ));
                });
        });
}

fn reload_shortcuts(keys: Res<ButtonInput<KeyCode>>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::KeyR) {
        commands.run_system_cached(restart_changed_level);
    } else if keys.just_pressed(KeyCode::KeyK) {
        commands.run_system_cached(dismiss);
    }
}

fn restart_changed_level(
    notices: Query<(Entity, &ReloadNotice)>,
    active: Option<Res<ActiveRound>>,
    mut commands: Commands,
) {
    let Some(active) = active else {
        return;
    };
    for (entity, notice) in &notices {
        if notice.ready {
            commands.entity(entity).despawn();
            commands.trigger(StartLevel(active.entry));
        }
    }
}

fn dismiss(notices: Query<Entity, With<ReloadNotice>>, mut commands: Commands) {
    for notice in &notices {
        commands.entity(notice).despawn();
    }
}
