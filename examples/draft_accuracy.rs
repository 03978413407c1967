//! How often `fact-sorter draft` suggests the category a teacher chose.
//! Drafts the article, then looks up every statement of the given levels in
//! the draft (the drafted sentence that contains it) and compares the
//! suggestion with the level's answer. Prints the accuracy and the
//! confusion matrix (figures in docs/perf.md).
//!
//! cargo run --no-default-features --example draft_accuracy -- ARTICLE.txt LEVEL.ron...
//! (default: ../shared/seeds/border-article.txt and levels/border-*.ron)
//! With `-` as the article, the article is rebuilt from the levels' own
//! passages (headings and paragraphs), for levels with no article file.

use fact_sorter::draft::{DraftOptions, draft};
use fact_sorter::level::Category;
use fact_sorter::library::read_level;
use fact_sorter::text::normalize_whitespace;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let article = args.next().map_or_else(
        || PathBuf::from("../shared/seeds/border-article.txt"),
        PathBuf::from,
    );
    let mut levels: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if levels.is_empty() {
        levels = ["border-1-numbers", "border-2-concerns", "border-3-policy"]
            .iter()
            .map(|name| PathBuf::from(format!("levels/{name}.ron")))
            .collect();
    }
    let text = if article.as_os_str() == "-" {
        article_from_levels(&levels)
    } else {
        std::fs::read_to_string(&article)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", article.display()))
    };
    let drafted = draft(&text, &DraftOptions::default());
    let sentences: Vec<(String, Category)> = drafted
        .suggestions
        .iter()
        .map(|s| (normalize_whitespace(&s.text), s.category))
        .collect();

    // matrix[teacher][suggested]
    let mut matrix = [[0usize; 3]; 3];
    let (mut total, mut exact, mut accepted, mut unmatched) = (0, 0, 0, Vec::new());
    for path in &levels {
        let report = read_level(path);
        let level = report
            .level
            .unwrap_or_else(|| panic!("{} does not pass check", path.display()));
        for statement in level.statements() {
            let wanted = normalize_whitespace(&statement.text);
            let Some((_, suggested)) = sentences.iter().find(|(s, _)| s.contains(&wanted)) else {
                unmatched.push(statement.text.clone());
                continue;
            };
            total += 1;
            matrix[statement.answer.index()][suggested.index()] += 1;
            if *suggested == statement.answer {
                exact += 1;
            }
            if statement.accepts(*suggested) {
                accepted += 1;
            }
        }
    }
    let percent = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    println!("article: {}", article.display());
    println!(
        "draft: {} passages, {} sentences suggested, {} left out",
        drafted.level.passages.len(),
        drafted.suggestions.len(),
        drafted.skipped.len()
    );
    println!(
        "statements compared: {total} (not found in any drafted sentence: {})",
        unmatched.len()
    );
    println!(
        "suggestion = teacher's answer:         {exact}/{total} = {:.1}%",
        percent(exact)
    );
    println!(
        "suggestion earns credit (answer/also): {accepted}/{total} = {:.1}%",
        percent(accepted)
    );
    println!();
    println!("rows: teacher's answer; columns: draft's suggestion");
    println!(
        "{:<13}{:>6}{:>9}{:>13}",
        "", "Fact", "Opinion", "Unsupported"
    );
    for category in Category::ALL {
        let row = matrix[category.index()];
        println!(
            "{:<13}{:>6}{:>9}{:>13}",
            category.label(),
            row[0],
            row[1],
            row[2]
        );
    }
    for text in &unmatched {
        println!("not found: {text}");
    }
}

/// The levels' passages as one plain-text article: each heading and each
/// passage a paragraph of its own.
fn article_from_levels(levels: &[PathBuf]) -> String {
    let mut paragraphs = Vec::new();
    for path in levels {
        if let Some(level) = read_level(path).level {
            for passage in &level.passages {
                if let Some(heading) = &passage.heading {
                    paragraphs.push(heading.clone());
                }
                paragraphs.push(passage.text.clone());
            }
        }
    }
    paragraphs.join("\n\n")
}
