//! Times parse + validate (the work of `fact-sorter check`) on generated
//! levels of 1k, 10k and 100k statements. Run with `cargo bench --bench check`.
//!
//! Levels this large are far over the 1 MiB file limit, so the benchmark
//! calls `validate_source`, which is `load_level` without the size check.

use fact_sorter::validate::validate_source;

fn main() {
    divan::main();
}

/// A valid level: passages of 10 statements, categories cycling, every
/// statement with signals, a check and an `also` on every fifth.
fn generated_level(statements: usize) -> String {
    let mut out = String::from(
        "Level(\n    title: \"Generated\",\n    source: Source(title: \"Benchmark\"),\n    passages: [\n",
    );
    for passage in 0..statements.div_ceil(10) {
        let ids: Vec<usize> = (passage * 10..((passage + 1) * 10).min(statements)).collect();
        let sentences: Vec<String> = ids
            .iter()
            .map(|i| format!("Item {i} was counted in 2023 by the town office."))
            .collect();
        out.push_str(&format!(
            "        Passage(\n            text: \"{}\",\n            statements: [\n",
            sentences.join("  ")
        ));
        for (i, sentence) in ids.iter().zip(&sentences) {
            let (answer, also) = match i % 3 {
                0 => ("Fact", if i % 5 == 0 { "[Unsupported]" } else { "[]" }),
                1 => ("Opinion", "[]"),
                _ => ("Unsupported", "[]"),
            };
            out.push_str(&format!(
                "                Statement(text: \"{sentence}\", answer: {answer}, also: {also}, signals: [\"in 2023\", \"town office\"], check: \"The town office's published counts.\", explanation: \"A count with a year and a named office that keeps the records, so it could be checked.\"),\n"
            ));
        }
        out.push_str("            ],\n        ),\n");
    }
    out.push_str("    ],\n)\n");
    out
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn check(bencher: divan::Bencher, statements: usize) {
    let source = generated_level(statements);
    let report = validate_source("generated.ron", &source);
    assert!(
        report.diagnostics.is_empty(),
        "{:?}",
        report.diagnostics.first()
    );
    assert_eq!(report.level.as_ref().unwrap().statement_count(), statements);
    bencher
        .counter(divan::counter::BytesCount::new(source.len()))
        .bench(|| validate_source("generated.ron", divan::black_box(&source)));
}
