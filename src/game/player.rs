//! The optional player name or class code, typed on the level list (`N`).
//! It goes into the saved results and is remembered for this session only.

use super::AppSystems;
use super::menu::Menu;
use super::records::PlayerName;
use super::theme::widget::{self, ButtonKind};
use super::theme::{UiFonts, palette};
use bevy::ecs::message::{MessageCursor, Messages};
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

/// Names longer than this are cut (a class code or a first name fits).
pub const MAX_NAME_CHARS: usize = 40;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<NameDraft>();
    app.add_systems(OnEnter(Menu::PlayerName), open_name_entry);
    app.add_systems(
        Update,
        (type_name.in_set(AppSystems::RecordInput), show_name_draft)
            .chain()
            .run_if(in_state(Menu::PlayerName)),
    );
}

/// The name being typed.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub struct NameDraft(pub String);

#[derive(Component)]
struct NameDraftText;

/// Where the name field starts reading keys: right after the `N` that
/// opened it (which must not become the first letter), so letters typed
/// quickly after it, before the field is on screen, still count.
#[derive(Resource)]
struct NameCursor(MessageCursor<KeyboardInput>);

/// A cursor just past the last `N` press still buffered; when the field was
/// opened another way (a click), past everything typed before.
fn cursor_after_opening_key(messages: &Messages<KeyboardInput>) -> MessageCursor<KeyboardInput> {
    let mut cursor = messages.get_cursor();
    let opener = cursor
        .clone()
        .read(messages)
        .enumerate()
        .filter(|(_, key)| key.key_code == KeyCode::KeyN && key.state == ButtonState::Pressed)
        .map(|(at, _)| at + 1)
        .last();
    match opener {
        Some(count) => {
            cursor.read(messages).take(count).for_each(drop);
            cursor
        }
        None => messages.get_cursor_current(),
    }
}

fn open_name_entry(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    name: Res<PlayerName>,
    messages: Res<Messages<KeyboardInput>>,
    mut draft: ResMut<NameDraft>,
) {
    draft.0 = name.0.clone();
    commands.insert_resource(NameCursor(cursor_after_opening_key(&messages)));
    let fonts = fonts.into_inner();
    let panel = commands
        .spawn(widget::dialog("Name panel", 640.0))
        .with_children(|panel| {
            panel.spawn(widget::header(fonts, "Who is playing?"));
            panel.spawn(widget::label(
                fonts,
                "Type your name or class code. It goes into the saved results on this device only, and is forgotten when the game closes.",
            ));
            panel
                .spawn((
                    Name::new("Name field"),
                    Node {
                        padding: UiRect::all(px(12)),
                        border: UiRect::all(px(3)),
                        border_radius: BorderRadius::all(px(8)),
                        min_height: px(52),
                        ..default()
                    },
                    BorderColor::all(palette::selected_border()),
                    BackgroundColor(palette::background()),
                ))
                .with_children(|field| {
                    field.spawn((NameDraftText, widget::label(fonts, caret(&draft.0))));
                });
            panel.spawn(widget::row("Name buttons", 16.0)).with_children(|row| {
                row.spawn(widget::button(
                    fonts,
                    ButtonKind::Primary,
                    "Enter",
                    "Save",
                    |_: On<Activate>, mut commands: Commands| commands.run_system_cached(save_name),
                ));
                row.spawn(widget::button(
                    fonts,
                    ButtonKind::Quiet,
                    "Esc",
                    "Cancel",
                    |_: On<Activate>, mut next: ResMut<NextState<Menu>>| next.set(Menu::Closed),
                ));
            });
        })
        .id();
    commands
        .spawn((
            widget::overlay("Name overlay", 10),
            DespawnOnExit(Menu::PlayerName),
        ))
        .add_child(panel);
}

/// The typed text with a visible caret.
fn caret(text: &str) -> String {
    format!("{text}|")
}

fn type_name(
    messages: Res<Messages<KeyboardInput>>,
    cursor: Option<ResMut<NameCursor>>,
    mut draft: ResMut<NameDraft>,
    mut commands: Commands,
) {
    let Some(mut cursor) = cursor else {
        return;
    };
    for key in cursor.0.read(&messages) {
        if key.state != ButtonState::Pressed {
            continue;
        }
        match &key.logical_key {
            Key::Enter => {
                commands.run_system_cached(save_name);
                return;
            }
            Key::Backspace => {
                draft.0.pop();
            }
            _ => {
                if let Some(text) = &key.text {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        if draft.0.chars().count() < MAX_NAME_CHARS {
                            draft.0.push(c);
                        }
                    }
                }
            }
        }
    }
}

fn show_name_draft(draft: Res<NameDraft>, mut texts: Query<&mut Text, With<NameDraftText>>) {
    if draft.is_changed() {
        for mut text in &mut texts {
            text.0 = caret(&draft.0);
        }
    }
}

fn save_name(
    draft: Res<NameDraft>,
    mut name: ResMut<PlayerName>,
    mut next: ResMut<NextState<Menu>>,
) {
    name.0 = draft.0.trim().to_owned();
    next.set(Menu::Closed);
}
