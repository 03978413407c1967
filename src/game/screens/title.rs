//! The title screen: what the game is, the three categories, and the way in.

use crate::game::Screen;
use crate::game::gameplay::StartLevel;
use crate::game::levels::{LevelAsset, LevelCatalog};
use crate::game::menu::{CAN_QUIT, Menu, quit};
use crate::game::preferences::{SettingsStore, open_settings};
use crate::game::theme::widget::{self, ButtonKind};
use crate::game::theme::{UiFonts, palette};
use crate::level::Category;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn_title_screen);
    app.add_systems(
        Update,
        title_shortcuts
            .in_set(crate::game::AppSystems::RecordInput)
            .run_if(in_state(Screen::Title).and_then(in_state(Menu::Closed))),
    );
}

/// What each category means, in a student's words.
pub fn category_definition(category: Category) -> &'static str {
    match category {
        Category::Fact => {
            "could be checked against records, data or a named source. Checkable does not mean true."
        }
        Category::Opinion => "a judgement, feeling, prediction or interpretation.",
        Category::Unsupported => {
            "written like a fact, but with no evidence or source, and not easy to check."
        }
    }
}

fn spawn_title_screen(mut commands: Commands, fonts: Res<UiFonts>, store: Res<SettingsStore>) {
    let fonts = fonts.into_inner();
    let notice = store.notice.clone();
    commands
        .spawn((
            widget::screen_root("Title screen"),
            DespawnOnExit(Screen::Title),
        ))
        .with_children(|root| {
            root.spawn(Node {
                height: px(70),
                ..default()
            });
            root.spawn(widget::title(fonts, "Fact Sorter"));
            if let Some(notice) = notice {
                root.spawn(widget::text(&fonts.regular, palette::SMALL_SIZE, palette::error(), notice));
            }
            root.spawn(widget::label(
                fonts,
                "Read real articles. Sort each highlighted statement: a fact you could check, an opinion, or a claim with nothing behind it.",
            ))
            .insert((TextLayout::justify(Justify::Center), Node { max_width: px(820), ..default() }));
            root.spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(10),
                margin: UiRect::vertical(px(12)),
                max_width: px(900),
                ..default()
            })
            .with_children(|legend| {
                for category in Category::ALL {
                    // One paragraph per category, so long definitions wrap cleanly.
                    let color = palette::category_color(category);
                    legend.spawn((
                        Name::new("Legend"),
                        Text::new(""),
                        children![
                            widget::span(&fonts.symbols, palette::CARD_SIZE, color, format!("{}  ", palette::category_symbol(category))),
                            widget::span(&fonts.bold, palette::CARD_SIZE, color, format!("{}: ", category.label())),
                            widget::span(&fonts.regular, palette::BODY_SIZE, palette::text(), category_definition(category)),
                        ],
                    ));
                }
            });
            root.spawn(widget::row("Title buttons", 16.0)).with_children(|row| {
                row.spawn(widget::button(
                    fonts,
                    ButtonKind::Primary,
                    "Enter",
                    "Play",
                    |_: On<Activate>, mut commands: Commands| commands.run_system_cached(play_first_level),
                ));
                row.spawn(widget::button(
                    fonts,
                    ButtonKind::Quiet,
                    "L",
                    "Levels",
                    |_: On<Activate>, mut next: ResMut<NextState<Screen>>| next.set(Screen::LevelSelect),
                ));
                row.spawn(widget::button(
                    fonts,
                    ButtonKind::Quiet,
                    "S",
                    "Settings",
                    |_: On<Activate>, mut commands: Commands| commands.run_system_cached(open_settings),
                ));
                if CAN_QUIT {
                    row.spawn(widget::button(
                        fonts,
                        ButtonKind::Quiet,
                        "Q",
                        "Quit",
                        |_: On<Activate>, mut commands: Commands| commands.run_system_cached(quit),
                    ));
                }
            });
        });
}

fn title_shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) {
        commands.run_system_cached(play_first_level);
    } else if keys.just_pressed(KeyCode::KeyL) {
        next.set(Screen::LevelSelect);
    } else if keys.just_pressed(KeyCode::KeyQ) && CAN_QUIT {
        commands.run_system_cached(quit);
    } else if keys.just_pressed(KeyCode::KeyS) {
        commands.run_system_cached(open_settings);
    }
}

/// "Play" starts the first level that can be played, or opens the list
/// when none can (so the errors are visible).
fn play_first_level(
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    server: Res<AssetServer>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    match catalog.first_ready(&levels, &server) {
        Some(index) => commands.trigger(StartLevel(index)),
        None => next.set(Screen::LevelSelect),
    }
}
