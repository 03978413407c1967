//! Reusable UI pieces. Each returns `impl Bundle`, for `children![...]`.

use super::palette::{self, *};
use super::{ButtonColors, UiFonts};
use crate::level::Category;
use accesskit::Role;
use bevy::a11y::AccessibilityNode;
use bevy::ecs::system::IntoObserverSystem;
use bevy::input_focus::tab_navigation::{TabGroup, TabIndex};
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, Button as WidgetButton, observe};

/// A full-window screen root: a centred column with margins.
pub fn screen_root(name: &'static str) -> impl Bundle {
    (
        Name::new(name),
        // Tab moves between this screen's buttons.
        TabGroup::new(0),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            padding: UiRect::axes(px(32), px(20)),
            row_gap: px(14),
            ..default()
        },
    )
}

/// A white card with a thin border.
pub fn panel(name: &'static str) -> impl Bundle {
    (
        Name::new(name),
        Node {
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(16)),
            row_gap: px(8),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor(palette::panel()),
        BorderColor::all(palette::panel_border()),
    )
}

/// A row of items with a gap between them.
pub fn row(name: &'static str, gap: f32) -> impl Bundle {
    (
        Name::new(name),
        Node {
            flex_direction: FlexDirection::Row,
            align_items: AlignItems::Center,
            column_gap: px(gap),
            flex_wrap: FlexWrap::Wrap,
            ..default()
        },
    )
}

/// Font, size and colour for a text or a span.
fn text_style(font: &Handle<Font>, size: f32, color: Color) -> (TextFont, TextColor) {
    (
        TextFont {
            font: font.clone().into(),
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(color),
    )
}

/// Text in the given font, size and colour.
pub fn text(
    font: &Handle<Font>,
    size: f32,
    color: Color,
    content: impl Into<String>,
) -> impl Bundle {
    (Text::new(content), text_style(font, size, color))
}

pub fn title(fonts: &UiFonts, content: impl Into<String>) -> impl Bundle {
    (
        Name::new("Title"),
        text(&fonts.bold, TITLE_SIZE, palette::text(), content),
    )
}

pub fn header(fonts: &UiFonts, content: impl Into<String>) -> impl Bundle {
    (
        Name::new("Header"),
        text(&fonts.bold, HEADER_SIZE, palette::text(), content),
    )
}

pub fn label(fonts: &UiFonts, content: impl Into<String>) -> impl Bundle {
    (
        Name::new("Label"),
        text(&fonts.regular, BODY_SIZE, palette::text(), content),
    )
}

pub fn muted(fonts: &UiFonts, content: impl Into<String>) -> impl Bundle {
    (
        Name::new("Note"),
        text(&fonts.regular, SMALL_SIZE, palette::muted(), content),
    )
}

/// A span of styled text inside a [`Text`].
pub fn span(
    font: &Handle<Font>,
    size: f32,
    color: Color,
    content: impl Into<String>,
) -> impl Bundle {
    (TextSpan::new(content), text_style(font, size, color))
}

/// How a button looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonKind {
    /// Filled: the main action on a screen.
    Primary,
    /// Light: secondary actions.
    Quiet,
}

/// A button with a keyboard hint (`Enter`, `L`) and a label. Clicking,
/// tapping or pressing Enter/Space while it has focus triggers `action`.
pub fn button<E, B, M, I>(
    fonts: &UiFonts,
    kind: ButtonKind,
    key: &str,
    label: &str,
    action: I,
) -> impl Bundle
where
    E: EntityEvent,
    B: Bundle,
    M: Send + Sync + 'static,
    I: IntoObserverSystem<E, B, M> + Send + Sync,
{
    let (normal, hovered, ink) = match kind {
        ButtonKind::Primary => (
            palette::button(),
            palette::button_hover(),
            palette::button_text(),
        ),
        ButtonKind::Quiet => (
            palette::button_quiet(),
            palette::button_quiet_hover(),
            palette::text(),
        ),
    };
    (
        Name::new(format!("Button: {label}")),
        WidgetButton,
        Node {
            padding: UiRect::axes(px(20), px(10)),
            column_gap: px(10),
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(8)),
            min_height: px(48),
            ..default()
        },
        BackgroundColor(normal),
        ButtonColors { normal, hovered },
        TabIndex(0),
        accessible(Role::Button, format!("{label} (key {key})")),
        observe(action),
        children![
            keycap(fonts, key, ink),
            text(&fonts.bold, BUTTON_SIZE, ink, label.to_owned()),
        ],
    )
}

/// What a screen reader announces for this node (through AccessKit).
/// Buttons also offer "click" and "focus", which screen readers use to press
/// them and move to them (handled in [`super::screen_reader`]).
pub fn accessible(role: Role, label: impl Into<String>) -> AccessibilityNode {
    let mut node = accesskit::Node::new(role);
    node.set_label(label.into());
    if role == Role::Button {
        node.add_action(accesskit::Action::Click);
        node.add_action(accesskit::Action::Focus);
    }
    AccessibilityNode(node)
}

/// A small outlined key name, so students learn the shortcut.
pub fn keycap(fonts: &UiFonts, key: &str, ink: Color) -> impl Bundle {
    (
        Name::new("Keycap"),
        Node {
            padding: UiRect::axes(px(6), px(1)),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(5)),
            ..default()
        },
        BorderColor::all(ink.with_alpha(0.7)),
        children![text(&fonts.bold, SMALL_SIZE, ink, key.to_owned())],
    )
}

/// One of the three big answer buttons: symbol, name and keys, in the
/// category's colour.
pub fn category_button<M, I>(fonts: &UiFonts, category: Category, action: I) -> impl Bundle
where
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Activate, (), M> + Send + Sync,
{
    let color = category_color(category);
    (
        Name::new(format!("Answer: {category}")),
        WidgetButton,
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            flex_grow: 1.0,
            flex_basis: px(0),
            padding: UiRect::axes(px(12), px(8)),
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(12)),
            row_gap: px(2),
            min_height: px(84),
            ..default()
        },
        BackgroundColor(color),
        BorderColor::all(color.darker(0.15)),
        ButtonColors {
            normal: color,
            hovered: color.darker(0.12),
        },
        TabIndex(0),
        accessible(
            Role::Button,
            format!(
                "{} (key {})",
                category.long_label(),
                category_keys(category)
            ),
        ),
        observe(action),
        children![
            (
                Name::new("Category name"),
                Text::new(""),
                TextLayout::justify(Justify::Center),
                children![
                    span(
                        &fonts.symbols,
                        CARD_SIZE,
                        palette::button_text(),
                        format!("{} ", category_symbol(category))
                    ),
                    span(
                        &fonts.bold,
                        CARD_SIZE,
                        palette::button_text(),
                        category.label()
                    ),
                ],
            ),
            text(
                &fonts.regular,
                SMALL_SIZE,
                palette::button_text(),
                format!("key {}", category_keys(category))
            ),
        ],
    )
}

/// A category tag for lists: symbol plus name in the category's colour.
pub fn category_tag(fonts: &UiFonts, category: Category, size: f32) -> impl Bundle {
    let color = category_color(category);
    (
        Name::new("Category tag"),
        Text::new(""),
        children![
            span(
                &fonts.symbols,
                size,
                color,
                format!("{} ", category_symbol(category))
            ),
            span(&fonts.bold, size, color, category.label()),
        ],
    )
}

/// The panel in the middle of an [`overlay`]: the menu, the name field and
/// the settings. `width` is fixed so long lines wrap inside it.
pub fn dialog(name: &'static str, width: f32) -> impl Bundle {
    (
        Name::new(name),
        BackgroundColor(palette::panel()),
        BorderColor::all(palette::panel_border()),
        Node {
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(28)),
            row_gap: px(14),
            width: px(width),
            max_width: percent(94),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
    )
}

/// A full-window dimmed layer that centres a panel over the screen; Tab
/// stays inside it.
pub fn overlay(name: &'static str, z: i32) -> impl Bundle {
    (
        Name::new(name),
        TabGroup::modal(),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            ..default()
        },
        BackgroundColor(palette::overlay()),
        GlobalZIndex(z),
    )
}
