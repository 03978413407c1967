//! The level list: every file in `levels/` with its source, grade, size and
//! category mix. Broken files are listed with their first error and cannot
//! be started; every other level still plays.

use crate::game::gameplay::StartLevel;
use crate::game::levels::{LevelAsset, LevelCatalog, LevelStatus};
use crate::game::menu::Menu;
use crate::game::open_file::OpenLevelFile;
use crate::game::records::PlayerName;
use crate::game::theme::widget::{self, ButtonKind};
use crate::game::theme::{ButtonColors, UiFonts, palette};
use crate::game::{AppSystems, Screen};
use crate::level::{Category, Level};
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, Button as WidgetButton, ScrollArea, ScrollIntoView, observe};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LevelCursor>();
    app.add_systems(OnEnter(Screen::LevelSelect), spawn_level_list);
    app.add_systems(
        Update,
        (
            move_level_cursor
                .in_set(AppSystems::RecordInput)
                .run_if(in_state(Menu::Closed)),
            (
                respawn_level_list_on_change,
                show_level_cursor.run_if(resource_changed::<LevelCursor>),
            )
                .chain()
                .in_set(AppSystems::Update),
        )
            .run_if(in_state(Screen::LevelSelect)),
    );
}

/// The highlighted row of the list (keyboard selection).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LevelCursor(pub usize);

/// A row of the list, by catalog index.
#[derive(Component, Debug, Clone, Copy)]
pub struct LevelCard(pub usize);

#[derive(Component)]
struct LevelListRoot;

fn spawn_level_list(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    server: Res<AssetServer>,
    mut cursor: ResMut<LevelCursor>,
    player: Res<PlayerName>,
) {
    let fonts = fonts.into_inner();
    cursor.0 = cursor.0.min(catalog.entries.len().saturating_sub(1));
    let mut list = commands.spawn((
        Name::new("Level list"),
        ScrollArea,
        Node {
            flex_direction: FlexDirection::Column,
            width: percent(100),
            max_width: px(1100),
            flex_grow: 1.0,
            flex_basis: px(0),
            min_height: px(0),
            overflow: Overflow::scroll_y(),
            row_gap: px(10),
            padding: UiRect::all(px(4)),
            ..default()
        },
    ));
    list.with_children(|list| {
        if catalog.entries.is_empty() {
            list.spawn(widget::label(
                fonts,
                "No levels found. Put level files (.ron) in the levels folder.",
            ));
        }
        for index in 0..catalog.entries.len() {
            let status = catalog.status(index, &levels, &server);
            list.spawn(level_card(fonts, index, &status, index == cursor.0));
        }
    });
    let list = list.id();
    commands
        .spawn((
            widget::screen_root("Level select screen"),
            LevelListRoot,
            DespawnOnExit(Screen::LevelSelect),
        ))
        .with_children(|root| {
            root.spawn(widget::header(fonts, "Choose a level"));
            root.spawn(widget::muted(
                fonts,
                "Arrow keys to choose · Enter to play · click or tap a level · Esc for the menu",
            ));
            root.spawn(widget::row("Level list buttons", 16.0))
                .with_children(|row| {
                    row.spawn(widget::button(
                        fonts,
                        ButtonKind::Quiet,
                        "N",
                        &player_label(&player.0),
                        |_: On<Activate>, mut next: ResMut<NextState<Menu>>| {
                            next.set(Menu::PlayerName)
                        },
                    ));
                    row.spawn(widget::button(
                        fonts,
                        ButtonKind::Quiet,
                        "O",
                        "Open level file…",
                        |_: On<Activate>, mut commands: Commands| commands.trigger(OpenLevelFile),
                    ));
                });
        })
        .add_child(list);
}

fn level_card(fonts: &UiFonts, index: usize, status: &LevelStatus, selected: bool) -> impl Bundle {
    let playable = matches!(status, LevelStatus::Ready(_));
    let background = if playable {
        palette::panel()
    } else {
        palette::disabled()
    };
    let hovered = if playable {
        palette::button_quiet()
    } else {
        palette::disabled()
    };
    (
        Name::new(format!("Level card {index}")),
        LevelCard(index),
        WidgetButton,
        Node {
            flex_direction: FlexDirection::Column,
            padding: UiRect::axes(px(18), px(10)),
            row_gap: px(4),
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(10)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(background),
        BorderColor::all(border_for(selected)),
        ButtonColors {
            normal: background,
            hovered,
        },
        observe(
            move |_: On<Activate>, mut cursor: ResMut<LevelCursor>, mut commands: Commands| {
                cursor.0 = index;
                commands.trigger(StartLevel(index));
            },
        ),
        Children::spawn(SpawnWith({
            let fonts = fonts.clone();
            let details = CardDetails::new(status);
            move |card: &mut ChildSpawner| details.spawn(card, &fonts)
        })),
    )
}

fn border_for(selected: bool) -> Color {
    if selected {
        palette::selected_border()
    } else {
        palette::panel_border()
    }
}

/// What a card shows, copied out of the level so the card can be spawned later.
enum CardDetails {
    Loading,
    Ready {
        title: String,
        source: String,
        grade: Option<String>,
        counts: [usize; 3],
        summary: Option<String>,
    },
    Broken(String),
}

impl CardDetails {
    fn new(status: &LevelStatus) -> CardDetails {
        match status {
            LevelStatus::Loading => CardDetails::Loading,
            LevelStatus::Broken(error) => CardDetails::Broken(error.clone()),
            LevelStatus::Ready(level) => CardDetails::Ready {
                title: level.title.clone(),
                source: source_line(level),
                grade: level.grade.clone(),
                counts: level.category_counts(),
                summary: level.summary.clone(),
            },
        }
    }

    fn spawn(self, card: &mut ChildSpawner, fonts: &UiFonts) {
        match self {
            CardDetails::Loading => {
                card.spawn(widget::label(fonts, "Loading…"));
            }
            CardDetails::Broken(error) => {
                card.spawn(widget::text(
                    &fonts.bold,
                    palette::CARD_SIZE,
                    palette::error(),
                    "This level has a mistake and cannot be played",
                ));
                card.spawn(widget::text(
                    &fonts.regular,
                    palette::SMALL_SIZE,
                    palette::error(),
                    error,
                ));
                card.spawn(widget::muted(
                    fonts,
                    "Teachers: run `fact-sorter check` for the full report and how to fix it.",
                ));
            }
            CardDetails::Ready {
                title,
                source,
                grade,
                counts,
                summary,
            } => {
                card.spawn(widget::row("Card title row", 14.0))
                    .with_children(|row| {
                        row.spawn(widget::text(
                            &fonts.bold,
                            palette::CARD_SIZE,
                            palette::text(),
                            title,
                        ));
                        if let Some(grade) = grade {
                            row.spawn(widget::muted(fonts, format!("Grades {grade}")));
                        }
                    });
                if let Some(summary) = summary {
                    card.spawn(widget::label(fonts, summary));
                }
                card.spawn(widget::muted(fonts, source));
                card.spawn(widget::row("Card mix row", 16.0))
                    .with_children(|row| {
                        let total: usize = counts.iter().sum();
                        row.spawn(widget::text(
                            &fonts.regular,
                            palette::SMALL_SIZE,
                            palette::text(),
                            format!("{total} statements:"),
                        ));
                        for category in Category::ALL {
                            row.spawn(category_count(fonts, category, counts[category.index()]));
                        }
                    });
            }
        }
    }
}

/// "✓ 6 Fact" in the category's colour.
fn category_count(fonts: &UiFonts, category: Category, count: usize) -> impl Bundle {
    let color = palette::category_color(category);
    (
        Text::new(""),
        children![
            widget::span(
                &fonts.symbols,
                palette::SMALL_SIZE,
                color,
                format!("{} ", palette::category_symbol(category))
            ),
            widget::span(
                &fonts.bold,
                palette::SMALL_SIZE,
                color,
                format!("{count} {category}")
            ),
        ],
    )
}

/// "Source: title, by author (kind)".
fn source_line(level: &Level) -> String {
    let source = &level.source;
    let mut line = format!("Source: {}", source.title);
    if let Some(author) = &source.author {
        line.push_str(&format!(", by {author}"));
    }
    if let Some(kind) = &source.kind {
        line.push_str(&format!(" ({kind})"));
    }
    line
}

/// The name button's label: who is playing, or how to say so.
fn player_label(name: &str) -> String {
    if name.is_empty() {
        "Your name or class code".to_owned()
    } else {
        format!("Player: {name}")
    }
}

fn move_level_cursor(
    keys: Res<ButtonInput<KeyCode>>,
    catalog: Res<LevelCatalog>,
    mut cursor: ResMut<LevelCursor>,
    mut commands: Commands,
) {
    let count = catalog.entries.len();
    if count == 0 {
        // Nothing to move over.
    } else if keys.any_just_pressed([KeyCode::ArrowDown, KeyCode::ArrowRight]) {
        cursor.0 = (cursor.0 + 1).min(count - 1);
    } else if keys.any_just_pressed([KeyCode::ArrowUp, KeyCode::ArrowLeft]) {
        cursor.0 = cursor.0.saturating_sub(1);
    } else if keys.just_pressed(KeyCode::Home) {
        cursor.0 = 0;
    } else if keys.just_pressed(KeyCode::End) {
        cursor.0 = count - 1;
    } else if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) {
        commands.trigger(StartLevel(cursor.0));
    }
    if keys.just_pressed(KeyCode::KeyO) {
        commands.trigger(OpenLevelFile);
    } else if keys.just_pressed(KeyCode::KeyN) {
        commands.set_state(Menu::PlayerName);
    }
}

fn show_level_cursor(
    cursor: Res<LevelCursor>,
    mut cards: Query<(Entity, &LevelCard, &mut BorderColor)>,
    mut commands: Commands,
) {
    for (entity, card, mut border) in &mut cards {
        let selected = card.0 == cursor.0;
        *border = BorderColor::all(border_for(selected));
        if selected {
            commands.trigger(ScrollIntoView { entity });
        }
    }
}

/// Hot reload (and late loads) change a level, or the player's name
/// changed: rebuild the list.
fn respawn_level_list_on_change(
    mut changes: MessageReader<AssetEvent<LevelAsset>>,
    player: Res<PlayerName>,
    roots: Query<Entity, With<LevelListRoot>>,
    mut commands: Commands,
) {
    let changed = changes.read().any(|e| {
        matches!(
            e,
            AssetEvent::Modified { .. } | AssetEvent::LoadedWithDependencies { .. }
        )
    }) || (player.is_changed() && !player.is_added());
    if changed {
        for root in &roots {
            commands.entity(root).despawn();
        }
        commands.run_system_cached(spawn_level_list);
    }
}
