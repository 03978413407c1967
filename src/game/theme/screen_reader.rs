//! What screen readers get (through Bevy's AccessKit integration): every
//! button, the statement card and the feedback carry their own labels (see
//! [`super::widget::accessible`]); this module fills the gaps Bevy 0.19
//! leaves, found by reading the game's tree over AT-SPI as Orca does
//! (`scripts/a11y-check.sh`):
//! - Bevy sends no update at all while the keyboard focus is on something
//!   outside the tree: the window, where Bevy puts the focus at start-up,
//!   or a button just despawned (the answer just pressed). Such a focus is
//!   dropped; to the keyboard that is the same (keys go to the window, Tab
//!   starts from the first button).
//! - An accessible entity whose parent is not accessible goes straight under
//!   the window, in storage order, so the answers were read right to left
//!   and after the hint. Layout nodes get a plain container role, so the
//!   tree follows the screen's reading order.
//! - Bevy passes on what a screen reader asks for ("press this button",
//!   "move to it") but nothing acts on it; buttons are pressed and focused
//!   here, as the mouse and the keyboard would.
//! - Plain text is read only when marked as a label; text that is not
//!   already part of a labelled element (a button, the statement card, the
//!   feedback) is marked, so the score, the results and the notices are read;
//!   Bevy reads a label's text only when the label is added, so a label is
//!   marked changed again when its text changes (the score, "Saving…").

use bevy::a11y::{AccessibilityNode, AccessibilitySystems, ActionRequest};
use bevy::input_focus::{FocusCause, InputFocus, InputFocusSystems, InputFocusVisible};
use bevy::prelude::*;
use bevy::ui::widget::Label;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    // Registered by the window backend; also here so headless apps have it.
    app.add_message::<ActionRequest>();
    // Right after Bevy hands them over, in the frame the request woke: the
    // game redraws only on input, and a request is not input to Bevy. A
    // press that changes the screen asks for its next frame like any other
    // (`redraw_for_pending_state` in game/mod.rs).
    app.add_systems(
        PostUpdate,
        act_on_screen_reader_requests.after(AccessibilitySystems::Update),
    );
    app.add_systems(
        PostUpdate,
        (
            keep_focus_inside_the_tree.before(InputFocusSystems::FocusChangeEvents),
            (
                add_layout_nodes_to_the_tree,
                label_plain_text,
                reread_changed_text,
            )
                .chain()
                .before(bevy::ui::UiSystems::Layout),
        ),
    );
}

fn act_on_screen_reader_requests(
    mut requests: MessageReader<ActionRequest>,
    buttons: Query<(), With<bevy::ui_widgets::Button>>,
    mut focus: Option<ResMut<InputFocus>>,
    mut visible: Option<ResMut<InputFocusVisible>>,
    mut commands: Commands,
) {
    for request in requests.read() {
        let Some(entity) = Entity::try_from_bits(request.target_node.0) else {
            continue;
        };
        if !buttons.contains(entity) {
            continue;
        }
        match request.action {
            accesskit::Action::Click => commands.trigger(Activate { entity }),
            accesskit::Action::Focus => {
                if let (Some(focus), Some(visible)) = (focus.as_mut(), visible.as_mut()) {
                    focus.set(entity, FocusCause::Navigated);
                    visible.0 = true;
                }
            }
            _ => {}
        }
    }
}

fn keep_focus_inside_the_tree(
    focus: Option<ResMut<InputFocus>>,
    nodes: Query<(), With<AccessibilityNode>>,
) {
    if let Some(mut focus) = focus
        && let Some(entity) = focus.get()
        && !nodes.contains(entity)
    {
        focus.clear();
    }
}

fn add_layout_nodes_to_the_tree(
    new: Query<Entity, (Added<Node>, Without<AccessibilityNode>, Without<Text>)>,
    mut commands: Commands,
) {
    for entity in &new {
        commands
            .entity(entity)
            .try_insert(AccessibilityNode(accesskit::Node::new(
                accesskit::Role::GenericContainer,
            )));
    }
}

fn label_plain_text(
    new: Query<(Entity, &ChildOf), (Added<Text>, Without<AccessibilityNode>)>,
    parents: Query<&ChildOf>,
    nodes: Query<&AccessibilityNode>,
    mut commands: Commands,
) {
    for (entity, child_of) in &new {
        let inside_labelled = std::iter::once(child_of.parent())
            .chain(parents.iter_ancestors(child_of.parent()))
            .any(|ancestor| nodes.get(ancestor).is_ok_and(|node| node.label().is_some()));
        if !inside_labelled {
            commands.entity(entity).try_insert(Label);
        }
    }
}

fn reread_changed_text(mut labels: Query<&mut Label, Changed<Text>>) {
    for mut label in &mut labels {
        label.set_changed();
    }
}
