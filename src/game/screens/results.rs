//! The results screen: score, accuracy per category, the discernment line,
//! the confusion grid and a review of every missed statement.

use crate::game::gameplay::{ActiveRound, PlayAgain};
use crate::game::menu::Menu;
use crate::game::preferences::ScoreDisplay;
use crate::game::records::{self, LastSave, PlayerName, ResultsStore};
use crate::game::theme::widget::{self, ButtonKind};
use crate::game::theme::{KeyboardScroll, UiFonts, palette};
use crate::game::{AppSystems, Screen};
use crate::level::Category;
use crate::round::Summary;
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, ScrollArea};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Results), spawn_results_screen);
    app.add_systems(
        Update,
        results_shortcuts
            .in_set(AppSystems::RecordInput)
            .run_if(in_state(Screen::Results).and_then(in_state(Menu::Closed))),
    );
    app.add_systems(
        Update,
        refresh_save_status
            .in_set(AppSystems::Update)
            .run_if(in_state(Screen::Results).and_then(resource_changed::<LastSave>)),
    );
}

/// The scrolling review of missed statements.
#[derive(Component, Debug)]
pub struct ReviewList;

fn results_shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    mut next: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    if keys.any_just_pressed([KeyCode::KeyR, KeyCode::Enter, KeyCode::NumpadEnter]) {
        commands.trigger(PlayAgain);
    } else if keys.just_pressed(KeyCode::KeyL) {
        next.set(Screen::LevelSelect);
    } else if keys.just_pressed(KeyCode::KeyD) {
        commands.run_system_cached(open_results);
    }
}

/// The line under the score that says where the answers went.
#[derive(Component, Debug)]
pub struct SaveStatus;

/// The save finished (on its own thread) after the screen was built.
fn refresh_save_status(
    last: Res<LastSave>,
    player: Res<PlayerName>,
    mut lines: Query<(&mut Text, &mut TextColor), With<SaveStatus>>,
) {
    let (text, color) = save_status_text(&last, &player.0);
    for (mut line, mut line_color) in &mut lines {
        line.0.clone_from(&text);
        line_color.0 = color;
    }
}

/// Where this round's answers went, in one line under the score.
fn save_status(fonts: &UiFonts, last: &LastSave, player: &str) -> impl Bundle {
    let (text, color) = save_status_text(last, player);
    (
        Name::new("Save status"),
        SaveStatus,
        widget::text(&fonts.regular, palette::SMALL_SIZE, color, text),
    )
}

fn save_status_text(last: &LastSave, player: &str) -> (String, Color) {
    let who = if player.is_empty() {
        "no name given".to_owned()
    } else {
        format!("player: {player}")
    };
    match last {
        LastSave::Nothing => (String::new(), palette::muted()),
        LastSave::Saving { rows } => (format!("Saving {rows} answers ({who})…"), palette::muted()),
        LastSave::Saved { file, rows, notice } => {
            let saved = format!("{rows} answers saved ({who}) to {}.", file.display());
            match notice {
                Some(notice) => (format!("{saved} {notice}"), palette::error()),
                None => (saved, palette::muted()),
            }
        }
        LastSave::SessionOnly { rows } => (
            format!(
                "{rows} answers this session ({who}). They stay in this browser tab: use Download results to keep them."
            ),
            palette::muted(),
        ),
        LastSave::Failed { error } => (
            format!(
                "These answers could not be saved yet ({error}). They are kept and saved with the next round."
            ),
            palette::error(),
        ),
    }
}

/// Desktop: open the folder with `results.csv`. Web: download the session's results.
fn open_results(store: Res<ResultsStore>) {
    match &store.file {
        #[cfg(not(target_arch = "wasm32"))]
        Some(file) => {
            if let Some(folder) = file.parent()
                && let Err(err) = records::open_folder(folder)
            {
                warn!("could not open {}: {err}", folder.display());
            }
        }
        _ => records::download_session_csv(&store.session),
    }
}

fn spawn_results_screen(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    active: Option<Res<ActiveRound>>,
    last_save: Res<LastSave>,
    player: Res<PlayerName>,
) {
    let Some(active) = active else {
        return;
    };
    let fonts = fonts.into_inner();
    let round = &active.round;
    let summary = round.summary();
    commands
        .spawn((
            widget::screen_root("Results screen"),
            DespawnOnExit(Screen::Results),
        ))
        .with_children(|root| {
            root.spawn(widget::header(
                fonts,
                format!("Results: {}", round.level().title),
            ));
            root.spawn((
                Name::new("Results body"),
                ScrollArea,
                KeyboardScroll,
                Node {
                    flex_direction: FlexDirection::Column,
                    width: percent(100),
                    max_width: px(1150),
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    min_height: px(0),
                    row_gap: px(12),
                    overflow: Overflow::scroll_y(),
                    ..default()
                },
            ))
            .with_children(|body| {
                body.spawn(widget::row("Score row", 28.0)).with_children(|row| {
                    row.spawn((
                        ScoreDisplay,
                        widget::text(
                            &fonts.bold,
                            palette::HEADER_SIZE,
                            palette::text(),
                            format!("Score {} / {}", summary.score, summary.max_score),
                        ),
                    ));
                    row.spawn(widget::muted(
                        fonts,
                        format!(
                            "{} correct · {} also accepted · {} missed · hints taken: {} · seed {}",
                            summary.correct, summary.also_accepted, summary.wrong, summary.hints, round.seed()
                        ),
                    ));
                });
                body.spawn(save_status(fonts, &last_save, &player.0));
                body.spawn(widget::panel("Discernment")).with_children(|panel| {
                    panel.spawn(widget::text(
                        &fonts.bold,
                        palette::BODY_SIZE,
                        palette::text(),
                        summary.discernment(),
                    ));
                });
                body.spawn(widget::row("Accuracy and grid", 24.0))
                    .insert(Node {
                        align_items: AlignItems::FlexStart,
                        column_gap: px(24),
                        flex_wrap: FlexWrap::Wrap,
                        row_gap: px(12),
                        ..default()
                    })
                    .with_children(|row| {
                        row.spawn(widget::panel("Accuracy")).with_children(|panel| {
                            spawn_accuracy(panel, fonts, &summary);
                        });
                        row.spawn(widget::panel("Confusion grid")).with_children(|panel| {
                            spawn_confusion_grid(panel, fonts, &summary);
                        });
                    });
                body.spawn((widget::panel("Review"), ReviewList)).with_children(|panel| {
                    spawn_review(panel, fonts, round, &summary);
                });
            });
            root.spawn(widget::row("Results buttons", 16.0)).with_children(|row| {
                row.spawn(widget::button(
                    fonts,
                    ButtonKind::Primary,
                    "R",
                    "Play again (new order)",
                    |_: On<Activate>, mut commands: Commands| commands.trigger(PlayAgain),
                ));
                row.spawn(widget::button(
                    fonts,
                    ButtonKind::Quiet,
                    "L",
                    "Levels",
                    |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                        next.set(Screen::LevelSelect)
                    },
                ));
                match *last_save {
                    LastSave::Saving { .. } | LastSave::Saved { .. }
                        if cfg!(not(target_arch = "wasm32")) =>
                    {
                        row.spawn(widget::button(
                            fonts,
                            ButtonKind::Quiet,
                            "D",
                            "Open results folder",
                            |_: On<Activate>, mut commands: Commands| {
                                commands.run_system_cached(open_results)
                            },
                        ));
                    }
                    LastSave::SessionOnly { .. } => {
                        row.spawn(widget::button(
                            fonts,
                            ButtonKind::Quiet,
                            "D",
                            "Download results (CSV)",
                            |_: On<Activate>, mut commands: Commands| {
                                commands.run_system_cached(open_results)
                            },
                        ));
                    }
                    _ => {}
                }
            });
        });
}

/// One line per category: "✓ Fact 5 / 6 (83%)" with a bar.
fn spawn_accuracy(panel: &mut ChildSpawnerCommands, fonts: &UiFonts, summary: &Summary) {
    panel.spawn(widget::text(
        &fonts.bold,
        palette::BODY_SIZE,
        palette::text(),
        "Accuracy by category",
    ));
    for category in Category::ALL {
        let result = summary.per_category[category.index()];
        let figure = match result.accuracy() {
            Some(share) => format!(
                "{} / {} ({:.0}%)",
                result.accepted,
                result.total,
                share * 100.0
            ),
            None => "none in this level".to_owned(),
        };
        panel
            .spawn(widget::row("Accuracy row", 12.0))
            .with_children(|row| {
                // A fixed-width box, so the bars line up; the tag inside
                // keeps its own size and is centred like the bar beside it.
                row.spawn((
                    Name::new("Tag box"),
                    Node {
                        width: px(170),
                        align_items: AlignItems::Center,
                        ..default()
                    },
                ))
                .with_children(|cell| {
                    cell.spawn(widget::category_tag(fonts, category, palette::BODY_SIZE));
                });
                row.spawn((
                    Name::new("Bar"),
                    Node {
                        width: px(160),
                        height: px(14),
                        border_radius: BorderRadius::all(px(7)),
                        ..default()
                    },
                    BackgroundColor(palette::button_quiet()),
                    children![(
                        Node {
                            width: percent(result.accuracy().unwrap_or(0.0) as f32 * 100.0),
                            height: percent(100),
                            border_radius: BorderRadius::all(px(7)),
                            ..default()
                        },
                        BackgroundColor(palette::category_color(category)),
                    )],
                ));
                row.spawn(widget::label(fonts, figure));
            });
    }
}

/// Rows: what the statement was. Columns: what the student said.
fn spawn_confusion_grid(panel: &mut ChildSpawnerCommands, fonts: &UiFonts, summary: &Summary) {
    panel.spawn(widget::text(
        &fonts.bold,
        palette::BODY_SIZE,
        palette::text(),
        "What you said (columns) for each kind (rows)",
    ));
    let cell = |width: f32| Node {
        width: px(width),
        height: px(34),
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        ..default()
    };
    panel
        .spawn(widget::row("Grid header", 4.0))
        .with_children(|row| {
            row.spawn(cell(150.0));
            for said in Category::ALL {
                row.spawn(cell(150.0)).with_children(|c| {
                    c.spawn(widget::category_tag(fonts, said, palette::SMALL_SIZE));
                });
            }
        });
    for (was_index, was) in Category::ALL.into_iter().enumerate() {
        panel
            .spawn(widget::row("Grid row", 4.0))
            .with_children(|row| {
                row.spawn(cell(150.0)).with_children(|c| {
                    c.spawn(widget::category_tag(fonts, was, palette::SMALL_SIZE));
                });
                for said_index in 0..3 {
                    let count = summary.confusion[was_index][said_index];
                    let diagonal = was_index == said_index;
                    let background = match (count, diagonal) {
                        (0, _) => palette::panel(),
                        (_, true) => palette::correct().with_alpha(0.18),
                        (_, false) => palette::wrong().with_alpha(0.18),
                    };
                    row.spawn((
                        cell(150.0),
                        BackgroundColor(background),
                        BorderColor::all(palette::panel_border()),
                    ))
                    .insert(Node {
                        width: px(150),
                        height: px(34),
                        align_items: AlignItems::Center,
                        justify_content: JustifyContent::Center,
                        border: UiRect::all(px(1)),
                        ..default()
                    })
                    .with_children(|c| {
                        c.spawn(widget::text(
                            &fonts.bold,
                            palette::BODY_SIZE,
                            palette::text(),
                            count.to_string(),
                        ));
                    });
                }
            });
    }
}

/// Every missed statement with its right category and explanation.
fn spawn_review(
    panel: &mut ChildSpawnerCommands,
    fonts: &UiFonts,
    round: &crate::round::Round,
    summary: &Summary,
) {
    if summary.missed.is_empty() {
        panel.spawn(widget::text(
            &fonts.bold,
            palette::BODY_SIZE,
            palette::correct(),
            "Nothing to review: every statement was sorted well.",
        ));
        return;
    }
    panel.spawn(widget::text(
        &fonts.bold,
        palette::BODY_SIZE,
        palette::text(),
        format!("To review ({})", summary.missed.len()),
    ));
    for missed in &summary.missed {
        let statement = round.statement(missed.at);
        panel
            .spawn((
                Name::new("Missed statement"),
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(4),
                    padding: UiRect::vertical(px(8)),
                    border: UiRect::top(px(1)),
                    ..default()
                },
                BorderColor::all(palette::panel_border()),
            ))
            .with_children(|item| {
                item.spawn(widget::text(
                    &fonts.italic,
                    palette::BODY_SIZE,
                    palette::text(),
                    format!("“{}”", statement.text),
                ));
                item.spawn(widget::row("Missed answer", 8.0))
                    .with_children(|row| {
                        row.spawn(widget::muted(
                            fonts,
                            format!("You said {}; it is", missed.chosen),
                        ));
                        row.spawn(widget::category_tag(
                            fonts,
                            missed.expected,
                            palette::SMALL_SIZE,
                        ));
                    });
                item.spawn(widget::label(fonts, statement.explanation.clone()));
            });
    }
}
