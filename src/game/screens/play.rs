//! The play screen. Question phase: the passage with the statement
//! highlighted, the statement on a card, the hint and three answer buttons.
//! Feedback phase: the verdict, the explanation, the signal words and how to
//! check. Keys, clicks and taps all trigger the same gameplay events.

use crate::game::gameplay::{
    ActiveRound, AnswerWith, ContinueRound, LastAnswer, PlayPhase, TakeHint,
};
use crate::game::menu::Menu;
use crate::game::preferences::ScoreDisplay;
use crate::game::theme::widget::{self, ButtonKind};
use crate::game::theme::{KeyboardScroll, UiFonts, palette};
use crate::game::{AppSystems, Screen};
use crate::level::{Category, Statement};
use crate::round::{AnswerRecord, Round, StatementRef, Verdict};
use crate::text::{Mark, find_verbatim, mark_segments};
use accesskit::Role;
use bevy::prelude::*;
use bevy::text::{TextBackgroundColor, Underline};
use bevy::ui_widgets::{Activate, ScrollArea};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            answer_with_keys
                .in_set(AppSystems::RecordInput)
                .run_if(in_state(PlayPhase::Question)),
            continue_with_keys
                .in_set(AppSystems::RecordInput)
                .run_if(in_state(PlayPhase::Feedback)),
        )
            .run_if(in_state(Screen::Play).and_then(in_state(Menu::Closed))),
    );
    app.add_systems(
        Update,
        sync_question_ui
            .in_set(AppSystems::Update)
            .run_if(in_state(PlayPhase::Question)),
    );
    app.add_systems(OnEnter(PlayPhase::Feedback), spawn_feedback_ui);
}

/// The root of the question UI, tagged with what it shows, so it is rebuilt
/// only when the statement or the hint changes.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionRoot {
    pub position: usize,
    pub hint_used: bool,
}

/// An answer button, for tests and tools that press it.
#[derive(Component, Debug, Clone, Copy)]
pub struct AnswerButton(pub Category);

/// The hint button.
#[derive(Component, Debug, Clone, Copy)]
pub struct HintButton;

/// The feedback's continue button.
#[derive(Component, Debug, Clone, Copy)]
pub struct ContinueButton;

/// The passage panel, which scrolls.
#[derive(Component, Debug, Clone, Copy)]
pub struct PassagePanel;

fn answer_with_keys(keys: Res<ButtonInput<KeyCode>>, mut commands: Commands) {
    let pressed = |codes: [KeyCode; 3]| keys.any_just_pressed(codes);
    if pressed([KeyCode::Digit1, KeyCode::Numpad1, KeyCode::KeyF]) {
        commands.trigger(AnswerWith(Category::Fact));
    } else if pressed([KeyCode::Digit2, KeyCode::Numpad2, KeyCode::KeyO]) {
        commands.trigger(AnswerWith(Category::Opinion));
    } else if pressed([KeyCode::Digit3, KeyCode::Numpad3, KeyCode::KeyU]) {
        commands.trigger(AnswerWith(Category::Unsupported));
    } else if keys.just_pressed(KeyCode::KeyH) {
        commands.trigger(TakeHint);
    }
}

fn continue_with_keys(keys: Res<ButtonInput<KeyCode>>, mut commands: Commands) {
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) {
        commands.trigger(ContinueRound);
    }
}

/// Builds the question UI for the current statement, and rebuilds it when
/// the hint is taken (keeping the passage's scroll position).
fn sync_question_ui(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    active: Option<Res<ActiveRound>>,
    roots: Query<(Entity, &QuestionRoot)>,
    passages: Query<&ScrollPosition, With<PassagePanel>>,
) {
    let Some(active) = active else {
        return;
    };
    let round = &active.round;
    let wanted = QuestionRoot {
        position: round.position(),
        hint_used: round.hint_used(),
    };
    let mut scroll = ScrollPosition::default();
    for (entity, shown) in &roots {
        if *shown == wanted {
            return;
        }
        if shown.position == wanted.position {
            scroll = passages.iter().next().cloned().unwrap_or_default();
        }
        commands.entity(entity).despawn();
    }
    let Some(at) = round.current() else {
        return;
    };
    let fonts = fonts.into_inner();
    let statement = round.statement(at);
    commands
        .spawn((
            widget::screen_root("Question screen"),
            wanted,
            DespawnOnExit(PlayPhase::Question),
        ))
        .with_children(|root| {
            root.spawn(top_bar(fonts, round, round.position() + 1));
            root.spawn(main_row()).with_children(|main| {
                spawn_passage_panel(main, fonts, round, at, round.hint_used(), scroll, true);
                main.spawn(side_column()).with_children(|side| {
                    side.spawn((
                        widget::panel("Statement card"),
                        widget::accessible(
                            Role::Article,
                            format!("Statement to sort: {}", statement.text),
                        ),
                    ))
                    .with_children(|card| {
                        card.spawn(widget::muted(fonts, "Sort this statement:"));
                        spawn_statement_text(
                            card,
                            fonts,
                            statement,
                            round.hint_used(),
                            palette::CARD_SIZE,
                        );
                    });
                    if round.hint_used() {
                        let note = if statement.signals.is_empty() {
                            "Hint taken: this statement has no signal words (points halved)."
                        } else {
                            "Hint taken: the signal words are highlighted (points halved)."
                        };
                        side.spawn(widget::muted(fonts, note));
                    } else {
                        side.spawn((
                            HintButton,
                            widget::button(
                                fonts,
                                ButtonKind::Quiet,
                                "H",
                                "Hint: show signal words (½ points)",
                                |_: On<Activate>, mut commands: Commands| {
                                    commands.trigger(TakeHint)
                                },
                            ),
                        ));
                    }
                });
            });
            root.spawn(widget::row("Answer buttons", 16.0))
                .insert(Node {
                    width: percent(100),
                    column_gap: px(16),
                    flex_shrink: 0.0,
                    ..default()
                })
                .with_children(|row| {
                    for category in Category::ALL {
                        row.spawn((
                            AnswerButton(category),
                            widget::category_button(
                                fonts,
                                category,
                                move |_: On<Activate>, mut commands: Commands| {
                                    commands.trigger(AnswerWith(category))
                                },
                            ),
                        ));
                    }
                });
        });
}

fn spawn_feedback_ui(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    active: Option<Res<ActiveRound>>,
    last: Res<LastAnswer>,
) {
    let (Some(active), Some(record)) = (active, last.0) else {
        return;
    };
    let fonts = fonts.into_inner();
    let round = &active.round;
    let statement = round.statement(record.at);
    let finished = round.is_finished();
    commands
        .spawn((
            widget::screen_root("Feedback screen"),
            DespawnOnExit(PlayPhase::Feedback),
        ))
        .with_children(|root| {
            // The statement just judged is the last one answered.
            root.spawn(top_bar(fonts, round, round.position()));
            root.spawn(main_row()).with_children(|main| {
                spawn_passage_panel(
                    main,
                    fonts,
                    round,
                    record.at,
                    true,
                    ScrollPosition::default(),
                    false,
                );
                main.spawn((side_column(), ScrollArea, KeyboardScroll))
                    .insert(Node {
                        flex_direction: FlexDirection::Column,
                        width: percent(42),
                        row_gap: px(10),
                        overflow: Overflow::scroll_y(),
                        min_height: px(0),
                        ..default()
                    })
                    .with_children(|side| spawn_feedback_details(side, fonts, statement, &record));
            });
            let label = if finished {
                "See results"
            } else {
                "Next statement"
            };
            root.spawn((
                ContinueButton,
                widget::button(
                    fonts,
                    ButtonKind::Primary,
                    "Enter",
                    label,
                    |_: On<Activate>, mut commands: Commands| commands.trigger(ContinueRound),
                ),
            ));
        });
}

/// The verdict, explanation, signal words, how to check, and the points.
fn spawn_feedback_details(
    side: &mut ChildSpawnerCommands,
    fonts: &UiFonts,
    statement: &Statement,
    record: &AnswerRecord,
) {
    let (symbol, verdict, color) = match record.verdict {
        Verdict::Correct => ("✔", "Correct!", palette::correct()),
        Verdict::AlsoAccepted => ("≈", "Also accepted", palette::also()),
        Verdict::Wrong => ("✘", "Not this time", palette::wrong()),
    };
    // Announced by screen readers as soon as it appears.
    let spoken = format!(
        "{verdict} You said {}. The best answer is {}. {}",
        record.chosen.label(),
        article(statement.answer),
        statement.explanation
    );
    side.spawn((
        Name::new("Verdict"),
        widget::accessible(Role::Alert, spoken),
        Text::new(""),
        children![
            widget::span(
                &fonts.symbols,
                palette::HEADER_SIZE,
                color,
                format!("{symbol} ")
            ),
            widget::span(&fonts.bold, palette::HEADER_SIZE, color, verdict),
        ],
    ));
    let answer_line = match record.verdict {
        Verdict::Correct => format!("It is {}.", article(statement.answer)),
        _ => format!(
            "You said {}. The best answer is {}.",
            record.chosen.label(),
            article(statement.answer)
        ),
    };
    side.spawn(widget::text(
        &fonts.bold,
        palette::BODY_SIZE,
        palette::text(),
        answer_line,
    ));
    if record.verdict == Verdict::AlsoAccepted {
        side.spawn(widget::label(
            fonts,
            format!(
                "Both readings are defensible: it can be read as {} or as {}, and the explanation below covers both.",
                article(statement.answer),
                article(record.chosen)
            ),
        ));
    } else if record.verdict == Verdict::Wrong && !statement.also.is_empty() {
        let also: Vec<&str> = statement.also.iter().map(|c| c.label()).collect();
        side.spawn(widget::muted(
            fonts,
            format!("{} would also have earned half points.", also.join(" or ")),
        ));
    }
    side.spawn(widget::panel("Explanation"))
        .with_children(|panel| {
            panel.spawn(widget::label(fonts, statement.explanation.clone()));
        });
    if !statement.signals.is_empty() {
        side.spawn(widget::muted(fonts, "Signal words, highlighted:"));
        spawn_statement_text(side, fonts, statement, true, palette::BODY_SIZE);
    }
    if let Some(check) = &statement.check {
        side.spawn(widget::panel("How to check"))
            .with_children(|panel| {
                panel.spawn(widget::text(
                    &fonts.bold,
                    palette::BODY_SIZE,
                    palette::text(),
                    "How to check",
                ));
                panel.spawn(widget::label(fonts, check.clone()));
            });
    }
    let mut points = format!("+{} points", record.points);
    if record.hint_used && record.points > 0 {
        points.push_str(" (halved: hint taken)");
    }
    if record.streak > 1 {
        points.push_str(&format!(" · streak {}", record.streak));
    }
    side.spawn(widget::text(&fonts.bold, palette::BODY_SIZE, color, points));
}

/// "a Fact", "an Opinion", "Unsupported" as a noun phrase.
fn article(category: Category) -> String {
    match category {
        Category::Fact => "a Fact (checkable)".to_owned(),
        Category::Opinion => "an Opinion".to_owned(),
        Category::Unsupported => "an Unsupported claim".to_owned(),
    }
}

/// Level title, "Statement N / total", score and streak.
fn top_bar(fonts: &UiFonts, round: &Round, number: usize) -> impl Bundle {
    let progress = format!("{} / {}", number.clamp(1, round.len().max(1)), round.len());
    (
        Name::new("Top bar"),
        Node {
            width: percent(100),
            justify_content: JustifyContent::SpaceBetween,
            align_items: AlignItems::Center,
            column_gap: px(20),
            flex_shrink: 0.0,
            ..default()
        },
        children![
            (
                widget::text(
                    &fonts.bold,
                    palette::BODY_SIZE,
                    palette::muted(),
                    round.level().title.clone()
                ),
                Node {
                    flex_shrink: 1.0,
                    ..default()
                },
            ),
            (
                widget::row("Progress", 24.0),
                children![
                    widget::text(
                        &fonts.bold,
                        palette::BODY_SIZE,
                        palette::text(),
                        format!("Statement {progress}")
                    ),
                    (
                        ScoreDisplay,
                        widget::text(
                            &fonts.bold,
                            palette::BODY_SIZE,
                            palette::text(),
                            format!("Score {}", round.score())
                        )
                    ),
                    (
                        ScoreDisplay,
                        widget::text(
                            &fonts.bold,
                            palette::BODY_SIZE,
                            palette::text(),
                            format!("Streak {}", round.streak())
                        )
                    ),
                ],
            ),
        ],
    )
}

fn main_row() -> impl Bundle {
    (
        Name::new("Main row"),
        Node {
            width: percent(100),
            flex_grow: 1.0,
            flex_basis: px(0),
            min_height: px(0),
            column_gap: px(20),
            ..default()
        },
    )
}

fn side_column() -> impl Bundle {
    (
        Name::new("Side column"),
        Node {
            flex_direction: FlexDirection::Column,
            width: percent(42),
            row_gap: px(12),
            min_height: px(0),
            ..default()
        },
    )
}

/// The passage with the current statement highlighted (background and
/// underline) and, when `show_signals`, its signal words marked.
fn spawn_passage_panel(
    parent: &mut ChildSpawnerCommands,
    fonts: &UiFonts,
    round: &Round,
    at: StatementRef,
    show_signals: bool,
    scroll: ScrollPosition,
    keyboard_scroll: bool,
) {
    let passage = &round.level().passages[at.passage];
    let statement = &passage.statements[at.statement];
    let highlight = find_verbatim(&passage.text, &statement.text);
    let signals: &[String] = if show_signals {
        &statement.signals
    } else {
        &[]
    };
    let mut panel = parent.spawn((widget::panel("Passage"), PassagePanel, ScrollArea, scroll));
    panel.insert(Node {
        flex_direction: FlexDirection::Column,
        width: percent(58),
        padding: UiRect::all(px(18)),
        row_gap: px(10),
        border: UiRect::all(px(2)),
        border_radius: BorderRadius::all(px(10)),
        overflow: Overflow::scroll_y(),
        min_height: px(0),
        ..default()
    });
    if keyboard_scroll {
        panel.insert(KeyboardScroll);
    }
    panel.with_children(|panel| {
        if let Some(heading) = &passage.heading {
            panel.spawn(widget::text(&fonts.bold, palette::CARD_SIZE, palette::text(), heading.clone()));
        }
        spawn_marked_text(panel, fonts, &passage.text, highlight, signals, palette::BODY_SIZE, true);
        panel.spawn(widget::muted(
            fonts,
            "The highlighted, underlined words are the statement. Scroll with the mouse wheel, the arrow keys or Page Up/Down.",
        ));
    });
}

/// The statement on its own, with signal words marked when `show_signals`.
/// On the card the whole text is the statement, so only signals are marked.
fn spawn_statement_text(
    parent: &mut ChildSpawnerCommands,
    fonts: &UiFonts,
    statement: &Statement,
    show_signals: bool,
    size: f32,
) {
    let signals: &[String] = if show_signals {
        &statement.signals
    } else {
        &[]
    };
    let whole = Some(0..statement.text.len());
    spawn_marked_text(parent, fonts, &statement.text, whole, signals, size, false);
}

/// Rich text whose spans follow [`mark_segments`]. The statement is shown
/// with a background *and* an underline (when `mark_statement`), signal
/// words in bold with their own background and an underline: never colour alone.
fn spawn_marked_text(
    parent: &mut ChildSpawnerCommands,
    fonts: &UiFonts,
    text: &str,
    highlight: Option<std::ops::Range<usize>>,
    signals: &[String],
    size: f32,
    mark_statement: bool,
) {
    let pieces = mark_segments(text, highlight, signals);
    parent
        .spawn((
            Name::new("Marked text"),
            widget::text(&fonts.regular, size, palette::text(), ""),
        ))
        .with_children(|spans| {
            for (range, mark) in pieces {
                let statement = mark == Mark::Statement && mark_statement;
                let (font, background) = match mark {
                    Mark::Signal => (&fonts.bold, palette::signal_highlight()),
                    _ if statement => (&fonts.regular, palette::statement_highlight()),
                    _ => (&fonts.regular, Color::NONE),
                };
                let mut span = spans.spawn((
                    widget::span(font, size, palette::text(), &text[range]),
                    TextBackgroundColor(background),
                ));
                if statement || mark == Mark::Signal {
                    span.insert(Underline);
                }
            }
        });
}
