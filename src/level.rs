//! The level model: what a teacher writes in `levels/*.ron`.
//!
//! Plain data with serde derives and no Bevy types. Field names are a
//! contract with teachers; see `levels/README.md` before renaming anything.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The three ways a student can sort a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    /// A claim that could be checked against records, data or a named source.
    /// Checkable does not mean true.
    Fact,
    /// A judgement, feeling, prediction or interpretation.
    Opinion,
    /// Written as a fact, but with no evidence or source, and not readily checkable.
    Unsupported,
}

impl Category {
    /// Every category, in the order the game shows them (keys 1, 2, 3).
    pub const ALL: [Category; 3] = [Category::Fact, Category::Opinion, Category::Unsupported];

    /// Position in [`Category::ALL`], for indexing per-category tables.
    pub fn index(self) -> usize {
        match self {
            Category::Fact => 0,
            Category::Opinion => 1,
            Category::Unsupported => 2,
        }
    }

    /// The name students see.
    pub fn label(self) -> &'static str {
        match self {
            Category::Fact => "Fact",
            Category::Opinion => "Opinion",
            Category::Unsupported => "Unsupported",
        }
    }

    /// The spelled-out name used in sentences ("a verifiable fact").
    pub fn long_label(self) -> &'static str {
        match self {
            Category::Fact => "verifiable fact",
            Category::Opinion => "opinion",
            Category::Unsupported => "unsupported claim",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One level: a source, and passages from it with statements to sort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Shown in the level list and at the top of the play screen.
    pub title: String,
    /// One line for the level menu.
    #[serde(default)]
    pub summary: Option<String>,
    /// Where the passages come from.
    pub source: Source,
    /// Free text, for example "5-8" or "9-12".
    #[serde(default)]
    pub grade: Option<String>,
    /// Language tag of the passages.
    #[serde(default = "default_language")]
    pub language: String,
    /// Played in file order.
    pub passages: Vec<Passage>,
}

fn default_language() -> String {
    "en".to_owned()
}

/// Where a level's passages come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// The genre, for example "Opinion essay" or "Sample news report written for Fact Sorter".
    #[serde(default)]
    pub kind: Option<String>,
}

/// A paragraph or two of the source, with the statements taken from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    #[serde(default)]
    pub heading: Option<String>,
    /// The passage exactly as printed.
    pub text: String,
    pub statements: Vec<Statement>,
}

/// A sentence or clause, copied verbatim from its passage, for students to sort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub text: String,
    /// The best answer: full points.
    pub answer: Category,
    /// Other defensible answers: partial credit.
    #[serde(default)]
    pub also: Vec<Category>,
    /// Why, in words a 13-year-old understands.
    pub explanation: String,
    /// Words in the statement that hint at the category.
    #[serde(default)]
    pub signals: Vec<String>,
    /// How a student could verify the claim.
    #[serde(default)]
    pub check: Option<String>,
}

impl Statement {
    /// Whether `category` earns any credit for this statement.
    pub fn accepts(&self, category: Category) -> bool {
        self.answer == category || self.also.contains(&category)
    }
}

impl Level {
    /// Every statement in file order.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> {
        self.passages.iter().flat_map(|p| p.statements.iter())
    }

    /// Number of statements whose main answer is each category, indexed by [`Category::index`].
    pub fn category_counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for statement in self.statements() {
            counts[statement.answer.index()] += 1;
        }
        counts
    }

    /// Total number of statements.
    pub fn statement_count(&self) -> usize {
        self.passages.iter().map(|p| p.statements.len()).sum()
    }
}
