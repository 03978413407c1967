//! The round engine: the order statements are played in, answering,
//! scoring and the end-of-round summary. Pure Rust, no Bevy, no clock:
//! time never counts towards the score.

use crate::level::{Category, Level, Statement};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Points for the main answer.
pub const POINTS_CORRECT: u32 = 100;
/// Points for an answer listed in `also`.
pub const POINTS_ALSO: u32 = 50;
/// Extra points for each accepted answer in a row after the first...
pub const STREAK_STEP: u32 = 10;
/// ...up to this much per statement.
pub const STREAK_CAP: u32 = 50;

/// Where a statement sits in its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct StatementRef {
    pub passage: usize,
    pub statement: usize,
}

/// How an answer was judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// The main answer.
    Correct,
    /// Another defensible answer, listed in `also`.
    AlsoAccepted,
    Wrong,
}

impl Verdict {
    pub fn is_accepted(self) -> bool {
        self != Verdict::Wrong
    }
}

/// One answered statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerRecord {
    pub at: StatementRef,
    pub chosen: Category,
    pub expected: Category,
    pub verdict: Verdict,
    pub hint_used: bool,
    pub points: u32,
    /// Accepted answers in a row, including this one (0 when wrong).
    pub streak: u32,
}

/// Statement order for a level: passages in file order, statements shuffled
/// within each passage. ChaCha8 with a hand-written Fisher–Yates over `u32`
/// gives the same order for the same seed on every platform, wasm included.
pub fn play_order(level: &Level, seed: u64) -> Vec<StatementRef> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut order = Vec::with_capacity(level.statement_count());
    for (passage, p) in level.passages.iter().enumerate() {
        let mut indices: Vec<usize> = (0..p.statements.len()).collect();
        for i in (1..indices.len()).rev() {
            let j = rng.random_range(0..=i as u32) as usize;
            indices.swap(i, j);
        }
        order.extend(
            indices
                .into_iter()
                .map(|statement| StatementRef { passage, statement }),
        );
    }
    order
}

/// Points for one answer.
pub fn points_for(verdict: Verdict, streak: u32, hint_used: bool) -> u32 {
    let base = match verdict {
        Verdict::Correct => POINTS_CORRECT,
        Verdict::AlsoAccepted => POINTS_ALSO,
        Verdict::Wrong => return 0,
    };
    let bonus = (streak.saturating_sub(1) * STREAK_STEP).min(STREAK_CAP);
    let points = base + bonus;
    if hint_used { points / 2 } else { points }
}

/// The highest score a round of `statements` statements can reach.
pub fn max_score(statements: usize) -> u32 {
    (1..=statements as u32)
        .map(|streak| points_for(Verdict::Correct, streak, false))
        .sum()
}

/// A level being played: which statement is current, and every answer so far.
#[derive(Clone, Debug)]
pub struct Round {
    level: Level,
    seed: u64,
    order: Vec<StatementRef>,
    answers: Vec<AnswerRecord>,
    hint_used: bool,
    score: u32,
    streak: u32,
}

impl Round {
    pub fn new(level: Level, seed: u64) -> Round {
        let order = play_order(&level, seed);
        Round {
            level,
            seed,
            order,
            answers: Vec::new(),
            hint_used: false,
            score: 0,
            streak: 0,
        }
    }

    pub fn level(&self) -> &Level {
        &self.level
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn order(&self) -> &[StatementRef] {
        &self.order
    }

    /// Index of the current statement in the play order (equals `len` when finished).
    pub fn position(&self) -> usize {
        self.answers.len()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn is_finished(&self) -> bool {
        self.answers.len() >= self.order.len()
    }

    pub fn score(&self) -> u32 {
        self.score
    }

    pub fn streak(&self) -> u32 {
        self.streak
    }

    pub fn answers(&self) -> &[AnswerRecord] {
        &self.answers
    }

    pub fn hint_used(&self) -> bool {
        self.hint_used
    }

    /// The statement waiting for an answer.
    pub fn current(&self) -> Option<StatementRef> {
        self.order.get(self.answers.len()).copied()
    }

    pub fn statement(&self, at: StatementRef) -> &Statement {
        &self.level.passages[at.passage].statements[at.statement]
    }

    /// Reveals the signal words for the current statement; halves its points.
    pub fn take_hint(&mut self) {
        if !self.is_finished() {
            self.hint_used = true;
        }
    }

    /// Answers the current statement. Returns `None` when the round is over.
    pub fn answer(&mut self, chosen: Category) -> Option<AnswerRecord> {
        let at = self.current()?;
        let statement = self.statement(at);
        let expected = statement.answer;
        let verdict = if chosen == expected {
            Verdict::Correct
        } else if statement.also.contains(&chosen) {
            Verdict::AlsoAccepted
        } else {
            Verdict::Wrong
        };
        self.streak = if verdict.is_accepted() {
            self.streak + 1
        } else {
            0
        };
        let points = points_for(verdict, self.streak, self.hint_used);
        self.score += points;
        let record = AnswerRecord {
            at,
            chosen,
            expected,
            verdict,
            hint_used: self.hint_used,
            points,
            streak: self.streak,
        };
        self.answers.push(record);
        self.hint_used = false;
        Some(record)
    }

    pub fn summary(&self) -> Summary {
        Summary::from_answers(&self.answers, self.order.len())
    }
}

/// How a student did on one category (by the statements' main answers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CategoryResult {
    pub total: usize,
    /// Answered with the main answer or an `also` answer.
    pub accepted: usize,
}

impl CategoryResult {
    /// Share accepted, 0.0–1.0; `None` when the category did not occur.
    pub fn accuracy(&self) -> Option<f64> {
        (self.total > 0).then(|| self.accepted as f64 / self.total as f64)
    }
}

/// The end-of-round figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub score: u32,
    pub max_score: u32,
    pub answered: usize,
    pub correct: usize,
    pub also_accepted: usize,
    pub wrong: usize,
    pub hints: usize,
    /// Indexed by [`Category::index`] of the main answer.
    pub per_category: [CategoryResult; 3],
    /// `confusion[expected][chosen]`, both indexed by [`Category::index`].
    pub confusion: [[usize; 3]; 3],
    /// Opinion or Unsupported statements wrongly answered Fact.
    pub too_trusting: usize,
    /// Fact statements wrongly answered Unsupported.
    pub too_suspicious: usize,
    /// Every wrongly answered statement, in play order.
    pub missed: Vec<AnswerRecord>,
}

impl Summary {
    pub fn from_answers(answers: &[AnswerRecord], statements: usize) -> Summary {
        let mut summary = Summary {
            score: answers.iter().map(|a| a.points).sum(),
            max_score: max_score(statements),
            answered: answers.len(),
            correct: 0,
            also_accepted: 0,
            wrong: 0,
            hints: answers.iter().filter(|a| a.hint_used).count(),
            per_category: [CategoryResult::default(); 3],
            confusion: [[0; 3]; 3],
            too_trusting: 0,
            too_suspicious: 0,
            missed: Vec::new(),
        };
        for answer in answers {
            let result = &mut summary.per_category[answer.expected.index()];
            result.total += 1;
            summary.confusion[answer.expected.index()][answer.chosen.index()] += 1;
            match answer.verdict {
                Verdict::Correct => summary.correct += 1,
                Verdict::AlsoAccepted => summary.also_accepted += 1,
                Verdict::Wrong => {
                    summary.wrong += 1;
                    summary.missed.push(*answer);
                    match (answer.expected, answer.chosen) {
                        (Category::Opinion | Category::Unsupported, Category::Fact) => {
                            summary.too_trusting += 1
                        }
                        (Category::Fact, Category::Unsupported) => summary.too_suspicious += 1,
                        _ => {}
                    }
                }
            }
            if answer.verdict.is_accepted() {
                result.accepted += 1;
            }
        }
        summary
    }

    /// One plain-language sentence about trusting vs doubting, for the results screen.
    pub fn discernment(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        match (self.too_trusting, self.too_suspicious) {
            (0, 0) => "Well balanced: you did not take opinions or unsupported claims for facts, and you did not doubt checkable facts.".to_owned(),
            (trusting, 0) => format!(
                "You called {} a fact: a confident tone is not evidence, so ask \"how could I check this?\"",
                plural(trusting, "opinion or unsupported claim", "opinions or unsupported claims")
            ),
            (0, suspicious) => format!(
                "You called {} unsupported: checkable claims deserve a check, not automatic doubt.",
                plural(suspicious, "fact", "facts")
            ),
            (trusting, suspicious) => format!(
                "You called {} a fact, and {} unsupported: look for a source or record before deciding either way.",
                plural(trusting, "opinion or unsupported claim", "opinions or unsupported claims"),
                plural(suspicious, "fact", "facts")
            ),
        }
    }
}
