//! Results on desktop: the rows a round produces, saving that never loses
//! anything, and a writer killed at random moments.

use fact_sorter::level::{Category, Level, Passage, Source, Statement};
use fact_sorter::results::{
    HEADER, RESULTS_FILE, ResultRow, ResultsError, STRESS_PLAYER, SaveOutcome, keep_aside,
    read_rows, rows_for_round, save_rows, stress_rows,
};
use fact_sorter::round::{Round, Verdict};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// 2026-11-28T21:47:13Z.
const ROUND_ENDED: u64 = 1_795_902_433;

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("fact-sorter-results-{name}-{}", std::process::id()));
    fs::remove_dir_all(&dir).ok();
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn statement(text: &str, answer: Category, also: &[Category]) -> Statement {
    Statement {
        text: text.to_owned(),
        answer,
        also: also.to_vec(),
        explanation: "Because the test says so.".to_owned(),
        signals: Vec::new(),
        check: None,
    }
}

const BOTTLE: &str = "The bottle holds 600 millilitres.";
const DOCTORS: &str = "Doctors recommend it.";
const AMAZING: &str = "It looks amazing, honestly.";
const SALES: &str = "Sales rose 5% in 2025.";

/// Three statements in the first passage (shuffled by the seed), one in the
/// second (always played last).
fn level() -> Level {
    Level {
        title: "Smart bottle, \"tested\"".to_owned(),
        summary: None,
        source: Source {
            title: "Store page".to_owned(),
            author: None,
            published: None,
            url: None,
            kind: None,
        },
        grade: None,
        language: "en".to_owned(),
        passages: vec![
            Passage {
                heading: None,
                text: format!("{BOTTLE} {DOCTORS} {AMAZING}"),
                statements: vec![
                    statement(BOTTLE, Category::Fact, &[]),
                    statement(
                        DOCTORS,
                        Category::Unsupported,
                        &[Category::Fact, Category::Opinion],
                    ),
                    statement(AMAZING, Category::Opinion, &[Category::Unsupported]),
                ],
            },
            Passage {
                heading: None,
                text: SALES.to_owned(),
                statements: vec![statement(SALES, Category::Fact, &[])],
            },
        ],
    }
}

/// What the scripted player does with each statement, and how it is judged:
/// (answer, correct answer, also accepted, outcome, hint used).
fn script(text: &str) -> (Category, Category, Vec<Category>, Verdict, bool) {
    use Category::*;
    match text {
        BOTTLE => (Fact, Fact, vec![], Verdict::Correct, false),
        DOCTORS => (
            Fact,
            Unsupported,
            vec![Fact, Opinion],
            Verdict::AlsoAccepted,
            true,
        ),
        AMAZING => (Fact, Opinion, vec![Unsupported], Verdict::Wrong, false),
        SALES => (Opinion, Fact, vec![], Verdict::Wrong, false),
        other => panic!("unexpected statement {other:?}"),
    }
}

/// Plays the whole level by [`script`], through the round's own API.
fn play(seed: u64) -> Round {
    let mut round = Round::new(level(), seed);
    while let Some(at) = round.current() {
        let (answer, _, _, _, hint) = script(&round.statement(at).text);
        if hint {
            round.take_hint();
        }
        round.answer(answer).expect("the round is not over");
    }
    assert!(round.is_finished());
    round
}

fn ended() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(ROUND_ENDED)
}

#[test]
fn rows_record_every_answer_of_a_round() {
    for seed in [0, 7, 12_345, u64::MAX] {
        let round = play(seed);
        let rows = rows_for_round(&round, "Ana", "levels/bottle.ron", ended());
        assert_eq!(rows.len(), 4);
        for (index, (row, record)) in rows.iter().zip(round.answers()).enumerate() {
            assert_eq!(row.time, "2026-11-28T21:47:13Z");
            assert_eq!(row.player, "Ana");
            assert_eq!(row.level_file, "levels/bottle.ron");
            assert_eq!(row.level_title, "Smart bottle, \"tested\"");
            assert_eq!(row.seed, seed);
            assert_eq!(row.statement_number, index + 1);
            assert_eq!(row.statement, round.statement(record.at).text);
            assert_eq!(row.points, record.points);
            let (answer, correct, also, outcome, hint) = script(&row.statement);
            assert_eq!(row.answer, answer, "{}", row.statement);
            assert_eq!(row.correct_answer, correct, "{}", row.statement);
            assert_eq!(row.also_accepted, also, "{}", row.statement);
            assert_eq!(row.outcome, outcome, "{}", row.statement);
            assert_eq!(row.hint_used, hint, "{}", row.statement);
            if outcome == Verdict::Wrong {
                assert_eq!(row.points, 0);
            } else {
                assert!(row.points > 0);
            }
        }
        // The second passage is always played after the first.
        assert_eq!(rows[3].statement, SALES);
        assert_eq!(
            rows.iter().map(|row| row.points).sum::<u32>(),
            round.score()
        );
    }
    // Only answered statements have rows.
    let mut round = Round::new(level(), 1);
    assert!(rows_for_round(&round, "Ana", "x.ron", ended()).is_empty());
    round.answer(Category::Fact);
    assert_eq!(rows_for_round(&round, "Ana", "x.ron", ended()).len(), 1);
}

#[test]
fn saved_rows_read_back_in_order_and_look_right_in_a_spreadsheet() {
    let dir = folder("round");
    let path = dir.join(RESULTS_FILE);
    let round = play(7);
    let rows = rows_for_round(&round, "Ana", "levels/bottle.ron", ended());

    assert_eq!(
        save_rows(&path, &rows).unwrap(),
        SaveOutcome::Appended { rows: 4 }
    );
    let text = fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "time,player,level file,level title,seed,statement number,statement,answer,correct answer,also accepted,outcome,points,hint used"
    );
    assert_eq!(lines[0], HEADER.join(","));
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(
        lines[4],
        "2026-11-28T21:47:13Z,Ana,levels/bottle.ron,\"Smart bottle, \"\"tested\"\"\",7,4,Sales rose 5% in 2025.,Opinion,Fact,,wrong,0,no"
    );
    let doctors = rows.iter().find(|row| row.statement == DOCTORS).unwrap();
    assert!(
        lines.contains(
            &format!(
                "2026-11-28T21:47:13Z,Ana,levels/bottle.ron,\"Smart bottle, \"\"tested\"\"\",7,{},Doctors recommend it.,Fact,Unsupported,Fact|Opinion,also accepted,{},yes",
                doctors.statement_number, doctors.points
            )
            .as_str()
        ),
        "{text}"
    );
    let amazing = rows.iter().find(|row| row.statement == AMAZING).unwrap();
    assert!(
        lines.contains(
            &format!(
                "2026-11-28T21:47:13Z,Ana,levels/bottle.ron,\"Smart bottle, \"\"tested\"\"\",7,{},\"It looks amazing, honestly.\",Fact,Opinion,Unsupported,wrong,0,no",
                amazing.statement_number
            )
            .as_str()
        ),
        "{text}"
    );

    // A second round is appended after the first.
    assert_eq!(
        save_rows(&path, &rows).unwrap(),
        SaveOutcome::Appended { rows: 4 }
    );
    let both: Vec<ResultRow> = rows.iter().chain(&rows).cloned().collect();
    assert_eq!(read_rows(&path).unwrap(), both);

    // Nothing to save touches nothing.
    let empty = dir.join("empty").join(RESULTS_FILE);
    assert_eq!(
        save_rows(&empty, &[]).unwrap(),
        SaveOutcome::Appended { rows: 0 }
    );
    assert!(!empty.exists());
    // A missing folder is created.
    let nested = dir.join("a").join("b").join(RESULTS_FILE);
    save_rows(&nested, &rows).unwrap();
    assert_eq!(read_rows(&nested).unwrap(), rows);
    fs::remove_dir_all(dir).ok();
}

#[test]
fn hard_rows_round_trip() {
    let dir = folder("hard-rows");
    let path = dir.join(RESULTS_FILE);
    let mut all = Vec::new();
    for batch in 0..40 {
        let rows = stress_rows(batch);
        assert!(rows.iter().all(|row| row.player == STRESS_PLAYER));
        save_rows(&path, &rows).unwrap();
        all.extend(rows);
    }
    assert_eq!(read_rows(&path).unwrap(), all);
    fs::remove_dir_all(dir).ok();
}

#[test]
fn a_file_that_does_not_validate_is_kept_aside_byte_for_byte() {
    let dir = folder("corrupt");
    let path = dir.join(RESULTS_FILE);
    let rows = rows_for_round(&play(3), "Ben", "levels/bottle.ron", ended());
    save_rows(&path, &rows).unwrap();
    let good = fs::read_to_string(&path).unwrap();
    assert!(good.contains(",no\n"));

    let corrupt: [Vec<u8>; 7] = [
        // Edited in a spreadsheet: "no" became FALSE.
        good.replacen(",no\n", ",FALSE\n", 1).into_bytes(),
        // A typo in an answer.
        good.replace("Opinion", "Opinon").into_bytes(),
        // A renamed column.
        good.replacen("level title", "Level title", 1).into_bytes(),
        // Half a row at the end.
        format!("{good}2026-11-28T21:47:13Z,Ben,levels/bo").into_bytes(),
        // A row with a column too many.
        format!(
            "{good}{}",
            good.lines().nth(1).unwrap().replacen(',', ",,", 1)
        )
        .into_bytes(),
        // Not a results file at all.
        b"\x00\xff garbage \xfe\n\"unterminated,".to_vec(),
        // Nothing.
        Vec::new(),
    ];
    let mut kept = Vec::new();
    for (case, bytes) in corrupt.iter().enumerate() {
        fs::write(&path, bytes).unwrap();
        assert!(
            matches!(read_rows(&path), Err(ResultsError::Invalid { .. })),
            "case {case}"
        );
        let outcome = save_rows(&path, &rows).unwrap();
        let notice = outcome.notice().unwrap_or_default();
        let kept_aside = match outcome {
            SaveOutcome::StartedFresh { kept_aside } => kept_aside,
            other => panic!("case {case}: {other:?}"),
        };
        let name = kept_aside
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("results.corrupt-") && name.ends_with(".csv"),
            "case {case}: {name}"
        );
        assert!(notice.contains(&name), "case {case}: {notice}");
        assert!(!kept.contains(&kept_aside), "case {case}: {name} reused");
        assert_eq!(fs::read(&kept_aside).unwrap(), *bytes, "case {case}");
        // The new file holds the header and this round.
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(&format!("{}\n", HEADER.join(","))),
            "{text}"
        );
        assert_eq!(read_rows(&path).unwrap(), rows, "case {case}");
        kept.push(kept_aside);
    }
    // Every damaged file is still there, unchanged, under its own name (the
    // cases ran within a second or two, so names got -2, -3…).
    for (bytes, kept_aside) in corrupt.iter().zip(&kept) {
        assert_eq!(fs::read(kept_aside).unwrap(), *bytes);
    }
    assert_eq!(
        names(&dir)
            .iter()
            .filter(|name| name.starts_with("results.corrupt-"))
            .count(),
        corrupt.len()
    );
    fs::remove_dir_all(dir).ok();
}

#[test]
fn a_valid_file_without_a_final_line_break_is_appended_to() {
    let dir = folder("no-final-break");
    let path = dir.join(RESULTS_FILE);
    let rows = rows_for_round(&play(5), "Cy", "levels/bottle.ron", ended());
    save_rows(&path, &rows).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.trim_end_matches('\n')).unwrap();
    assert_eq!(
        save_rows(&path, &rows).unwrap(),
        SaveOutcome::Appended { rows: 4 }
    );
    assert_eq!(read_rows(&path).unwrap().len(), 8);
    fs::remove_dir_all(dir).ok();
}

#[test]
fn keeping_aside_never_replaces_a_file() {
    let dir = folder("keep-aside");
    let path = dir.join(RESULTS_FILE);
    let mut kept = Vec::new();
    for content in ["one", "two", "three"] {
        fs::write(&path, content).unwrap();
        kept.push(keep_aside(&path, ended()).unwrap());
        assert!(!path.exists());
    }
    let kept_names: Vec<String> = kept
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        kept_names,
        [
            "results.corrupt-20261128-214713.csv",
            "results.corrupt-20261128-214713-2.csv",
            "results.corrupt-20261128-214713-3.csv",
        ]
    );
    for (path, content) in kept.iter().zip(["one", "two", "three"]) {
        assert_eq!(fs::read_to_string(path).unwrap(), content);
    }
    fs::remove_dir_all(dir).ok();
}

#[test]
fn leftover_temporary_files_are_ignored_and_cleaned_up() {
    let dir = folder("leftovers");
    let path = dir.join(RESULTS_FILE);
    let rows = rows_for_round(&play(9), "Dee", "levels/bottle.ron", ended());
    save_rows(&path, &rows).unwrap();
    // What a writer killed mid-write leaves behind.
    let leftover = dir.join(format!("{RESULTS_FILE}.tmp-4000000000-7"));
    fs::write(&leftover, "time,player,level fi").unwrap();
    assert_eq!(read_rows(&path).unwrap(), rows);
    assert_eq!(
        save_rows(&path, &rows).unwrap(),
        SaveOutcome::Appended { rows: 4 }
    );
    assert_eq!(read_rows(&path).unwrap().len(), 8);
    assert!(!leftover.exists(), "the next save removes leftovers");
    assert_eq!(names(&dir), ["results.csv", "results.csv.lock"]);
    fs::remove_dir_all(dir).ok();
}

/// xorshift64: random enough for sleep times, with no crates.
fn xorshift(seed: u64) -> u64 {
    let mut x = seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x
}

/// Checks that `rows` are whole batches of [`stress_rows`], each exactly as written.
fn check_batches(rows: &[ResultRow], context: &str) {
    let mut rest = rows;
    while let Some(first) = rest.first() {
        assert_eq!(first.player, STRESS_PLAYER, "{context}: not a stress row");
        assert_eq!(
            first.statement_number, 1,
            "{context}: a batch starts in the middle (seed {})",
            first.seed
        );
        let batch = stress_rows(first.seed);
        assert!(
            rest.len() >= batch.len(),
            "{context}: batch {} is cut short",
            first.seed
        );
        assert!(
            rest[..batch.len()] == batch[..],
            "{context}: batch {} differs from what was written",
            first.seed
        );
        rest = &rest[batch.len()..];
    }
}

/// Whether the child ended on its own, rather than by our kill.
#[cfg(unix)]
fn ended_by_itself(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal().is_none()
}

/// Elsewhere a killed process has an exit code too; only early exits are caught.
#[cfg(not(unix))]
fn ended_by_itself(_status: ExitStatus) -> bool {
    false
}

#[test]
fn a_writer_killed_at_random_moments_never_loses_or_tears_rows() {
    const RUNS: u64 = 220;
    let dir = folder("kill");
    let path = dir.join(RESULTS_FILE);
    let started = Instant::now();
    let mut rows: Vec<ResultRow> = Vec::new();
    let mut runs_that_saved = 0;
    let mut runs_leaving_temp_files = 0;
    for run in 0..RUNS {
        let wait = 1 + xorshift(run) % 40;
        let mut child = Command::new(env!("CARGO_BIN_EXE_fact-sorter"))
            .arg("results-stress")
            .arg(&path)
            .args(["--rounds", "1000000"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the fact-sorter binary starts");
        std::thread::sleep(Duration::from_millis(wait));
        let early = child.try_wait().unwrap();
        child.kill().ok();
        let output = child.wait_with_output().unwrap();
        if early.is_some() || ended_by_itself(output.status) {
            panic!(
                "run {run}: `fact-sorter results-stress` ended by itself ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }

        let context = format!("run {run}, killed after {wait} ms");
        let files = names(&dir);
        assert!(
            !files
                .iter()
                .any(|name| name.starts_with("results.corrupt-")),
            "{context}: the writer found results.csv invalid: {files:?}"
        );
        if files.iter().any(|name| name.contains(".tmp-")) {
            runs_leaving_temp_files += 1;
        }
        if path.exists() {
            let now = read_rows(&path).unwrap_or_else(|err| panic!("{context}: {err}"));
            assert!(
                now.len() >= rows.len(),
                "{context}: {} rows, {} before",
                now.len(),
                rows.len()
            );
            assert!(
                now[..rows.len()] == rows[..],
                "{context}: earlier rows changed"
            );
            check_batches(&now[rows.len()..], &context);
            if now.len() > rows.len() {
                runs_that_saved += 1;
            }
            rows = now;
        } else {
            assert!(rows.is_empty(), "{context}: results.csv disappeared");
        }
    }
    eprintln!(
        "{RUNS} kills in {:.1} s: {runs_that_saved} runs saved rows, {runs_leaving_temp_files} left temporary files, {} rows in the end",
        started.elapsed().as_secs_f64(),
        rows.len()
    );
    assert!(
        runs_that_saved > 0,
        "no run saved anything in up to 40 ms; is the binary very slow to start?"
    );

    // A normal save after all that: appends, and sweeps the leftovers away.
    let last = stress_rows(1);
    assert_eq!(
        save_rows(&path, &last).unwrap(),
        SaveOutcome::Appended { rows: last.len() }
    );
    let now = read_rows(&path).unwrap();
    assert!(now[..rows.len()] == rows[..]);
    check_batches(&now[rows.len()..], "the final save");
    assert_eq!(names(&dir), ["results.csv", "results.csv.lock"]);
    fs::remove_dir_all(dir).ok();
}
