//! `fact-sorter draft ARTICLE.txt --out LEVEL.ron`: a first draft of a level
//! from a plain-text article, for a teacher to finish.
//!
//! The draft does the copying and leaves the judging to the teacher. It cuts
//! the article into passages and sentences (always verbatim, so `check` finds
//! every statement in its passage), suggests a category for each sentence
//! from the cue words below, and marks everything a teacher must write with
//! [`TODO_MARK`], which `check` rejects, so a draft is never played by
//! accident.
//!
//! # From article to passages
//!
//! - Paragraphs are separated by blank lines.
//! - A *heading* is a paragraph of one line with at most
//!   [`HEADING_MAX_WORDS`] words that does not end in `.`, `!` or `…`
//!   ("The numbers"), or that ends in `?` ("How are migrants coming in?").
//!   It becomes the `heading` of the next passage and is never a statement.
//!   If the article starts with a heading, it is also the level title.
//! - Every other paragraph becomes a passage: its text with whitespace
//!   collapsed, and its sentences as statements. A paragraph that keeps no
//!   statement is left out, and its heading waits for the next passage.
//! - Questions, fragments of fewer than [`MIN_STATEMENT_WORDS`] words and
//!   repeated sentences are not statements; they are listed in
//!   [`Draft::skipped`] (with the headings) and in the draft's header.
//!
//! Sentences end at `.`, `!` or `?` (with any closing quotes or brackets
//! after it) followed by whitespace and then a capital letter, a digit or an
//! opening quote. They do not end at an abbreviation (`U.S.`, `e.g.`,
//! `Dr.`, `Mr.`, `St.`, `etc.`, `Jan.`, `a.m.`, `No. 5`, a single initial as
//! in `J. Smith`), inside a decimal (`3.5`, `$1.2 million`), at an ellipsis
//! (`...` or `…`), or inside a double-quoted passage that closes later in
//! the paragraph: `He said, "It's over." Then` ends after the closing quote.
//!
//! # Suggested categories
//!
//! [`classify`] scores each category by adding the weights of the cue rows
//! that match the sentence. Phrases match whole words, ignoring case unless
//! the table says otherwise.
//!
//! | Category | Cue row | Weight | Examples |
//! |---|---|---|---|
//! | Unsupported | unnamed source | 3 | "experts say", "studies show", "evidence shows", "some say", "others say", "it is said", "everyone knows", "my cousin"; *some/many/most/other* + a group ("Some experts", "Most doctors", "Other districts"); a group + *say/agree/believe/recommend/warn/claim* ("Doctors recommend") |
//! | Unsupported | sweeping word | 3 | everyone, nobody, no one, none, never, always, all, every, everywhere, "not a single", "than ever", "in history" (not "first of all", "all but", "all kinds of", "all four", "every year", "every 20 minutes") |
//! | Unsupported | claim about motives or hidden plans | 2 | secretly, "plans to", "intend to", "want to", agenda, deliberately, "covering up", "behind the scenes", unwritten, spies, "they feel", realize, "so they can" |
//! | Unsupported | certainty without evidence | 2 | surely, undoubtedly, "no doubt", obviously, clearly, definitely, proven, proved |
//! | Unsupported | vague quantity | 2 | countless, "many people", "vast majority", "for the most part", "thousands of", "very few", numerous |
//! | Opinion | view marker | 3 | "I think", "in my view", "one could argue", "of course", "makes sense", deserves, hoped, arguably, "de facto" |
//! | Opinion | prediction or speculation | 3 or 1 | 3: "will keep", "will continue", "is going to", "about to", "set for", likely, probably; 1: a bare *will*, *may*, *might*, *could* (lowercase only) |
//! | Opinion | judgement word | 2 | shocking, staggering, terrible, great, wonderful, alarming, dangerous, disastrous, absurd, outlandish, draconian, mere, utopian, impossible |
//! | Opinion | superlative | 2 | best, worst, finest, greatest, gravest, "the most", "of all time"; *the/his/its/…* + a word in -est ("the smartest"), except measurable ones (largest, oldest, fastest, highest…) |
//! | Opinion | should or must | 2 | should, must, "ought to", "need to" |
//! | Opinion | first person | 2 | I (capital only), we, our, my |
//! | Opinion | emotive wording | 2 | "alarm bells", "red flags", "all kinds of", flooding, nightmare, outrage, "running out"; a sentence ending in `!` (counted, not listed as a signal) |
//! | Fact | number | 3 or 2 | 3: digits ("37,000", "3.5", "$350", "40%", "1.4 billion"); 2: a number word (two … twenty, thirty … ninety, hundred, dozen) |
//! | Fact | date | 2 | a year 1500–2099, a month (capital; *May* only next to a number), a weekday, "fiscal year" |
//! | Fact | money or percentage | 1 | a number with `$`, `£`, `€`, `%` or "percent" |
//! | Fact | named organisation | 2 | a capitalised Department, Patrol, Bureau, Agency, Council, Institute, Administration, University, Court, Act, Party, Census, News… (not the first word), with the capitalised words before it: "U.S. Border Patrol" |
//! | Fact | attribution | 2 | "according to", reported, said, says, told, announced, "pointed out", noted, quoting, published, estimated |
//! | Fact | records or data | 2 | data, records, survey, study, census, statistics, figures, report, poll |
//!
//! Rules:
//!
//! 1. Each row counts once per sentence, at the weight of its strongest
//!    match: three numbers score 3, not 9.
//! 2. Rows are tried in the order of the table, and words already matched by
//!    an earlier row are not counted again: "Some experts say" is an
//!    unnamed source, not an attribution; "will never" is a sweeping word
//!    plus a bare *will*. Dates and money may reuse a number ("in 2023" is
//!    a number and a date).
//! 3. The highest total wins. A tie goes to Fact, then Unsupported, then
//!    Opinion: a checkable number or named source outweighs the loaded word
//!    wrapped around it ("A staggering 6,000" is a Fact, see
//!    `levels/README.md`), and a sweeping or unsourced claim is "dressed up
//!    as a fact" even when it also shows a view.
//! 4. A sentence with no cue at all is suggested as a Fact: a plain claim
//!    about what happened. The reason says so, and the teacher decides
//!    whether a record could confirm it (Fact) or not (Unsupported).
//!
//! The signals are the matched words exactly as written in the sentence,
//! those of the suggested category first (strongest rows first), without
//! repeats, at most [`MAX_SIGNALS`].
//!
//! The cues judge how a sentence presents its evidence (a figure, a source,
//! a view, a sweeping word), never its subject or its politics.
//!
//! Measured against teachers' answers: on the real opinion essay behind
//! `levels/border-*.ron`, comparing each teacher statement with the
//! suggestion for the sentence it comes from, the suggestion is the answer
//! for 27 of 38 statements (71%) and an `also` answer for 5 more. ("A
//! staggering 6,000." is a fragment and not drafted; six sentences hold two
//! statements with different answers, so 32 is the most a one-per-sentence
//! guess can get.) On the statements of the other shipped levels, one by
//! one, it is the answer for 117 of 142 (82%).

use crate::level::{Category, Level, Passage, Source, Statement};
use crate::text::{normalize_whitespace, word_count};
use crate::write::level_to_ron;
use std::cmp::Reverse;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;

/// Marks every place a teacher still has to write; `check` rejects it.
pub const TODO_MARK: &str = crate::validate::TODO_MARK;
/// A one-line paragraph with at most this many words can be a heading.
pub const HEADING_MAX_WORDS: usize = 10;
/// Sentences with fewer words are fragments, not statements.
pub const MIN_STATEMENT_WORDS: usize = 2;
/// At most this many signal words per statement.
pub const MAX_SIGNALS: usize = 4;
/// The order in which tied scores are broken (see the module docs).
pub const TIE_ORDER: [Category; 3] = [Category::Fact, Category::Unsupported, Category::Opinion];

/// [`Skipped::why`] for a heading.
pub const WHY_HEADING: &str = "heading";
/// [`Skipped::why`] for a sentence ending in `?`.
pub const WHY_QUESTION: &str = "question";
/// [`Skipped::why`] for a fragment of fewer than [`MIN_STATEMENT_WORDS`] words.
pub const WHY_TOO_SHORT: &str = "too short";
/// [`Skipped::why`] for a sentence already used earlier in the level.
pub const WHY_DUPLICATE: &str = "duplicate";

/// What the teacher can give on the command line.
#[derive(Clone, Debug, Default)]
pub struct DraftOptions {
    /// The level title; otherwise the article's first heading, otherwise a TODO.
    pub title: Option<String>,
    /// The source title; otherwise a TODO.
    pub source_title: Option<String>,
}

/// A drafted level, and what was left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub level: Level,
    /// Headings, questions, fragments and repeats, in article order.
    pub skipped: Vec<Skipped>,
    /// One per statement, in level order.
    pub suggestions: Vec<Suggestion>,
}

/// The suggested category for one statement, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Index of the statement's passage in `level.passages` (0-based).
    pub passage: usize,
    pub text: String,
    pub category: Category,
    pub signals: Vec<String>,
    pub reason: String,
}

/// Text from the article that did not become a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub text: String,
    /// One of [`WHY_HEADING`], [`WHY_QUESTION`], [`WHY_TOO_SHORT`], [`WHY_DUPLICATE`].
    pub why: &'static str,
}

/// Drafts a level from a plain-text article (see the module docs).
pub fn draft(article: &str, options: &DraftOptions) -> Draft {
    let article = article.strip_prefix('\u{feff}').unwrap_or(article);
    let mut passages: Vec<Passage> = Vec::new();
    let mut skipped = Vec::new();
    let mut suggestions = Vec::new();
    let mut seen = HashSet::new();
    let mut first_heading = None;
    let mut heading: Option<String> = None;
    for (index, lines) in paragraphs(article).iter().enumerate() {
        let text = normalize_whitespace(&lines.join(" "));
        if is_heading(lines) {
            if index == 0 {
                first_heading = Some(text.clone());
            }
            skipped.push(Skipped {
                text: text.clone(),
                why: WHY_HEADING,
            });
            heading = Some(text);
            continue;
        }
        let mut statements = Vec::new();
        let mut found = Vec::new();
        for sentence in split_sentences(&text) {
            if let Some(why) = skip_reason(&sentence) {
                skipped.push(Skipped {
                    text: sentence,
                    why,
                });
                continue;
            }
            if !seen.insert(sentence.clone()) {
                skipped.push(Skipped {
                    text: sentence,
                    why: WHY_DUPLICATE,
                });
                continue;
            }
            let (category, signals, reason) = classify(&sentence);
            statements.push(draft_statement(&sentence, category, &signals, &reason));
            found.push(Suggestion {
                passage: passages.len(),
                text: sentence,
                category,
                signals,
                reason,
            });
        }
        if statements.is_empty() {
            continue;
        }
        suggestions.extend(found);
        passages.push(Passage {
            heading: heading.take(),
            text,
            statements,
        });
    }
    let title = given(&options.title)
        .or(first_heading)
        .unwrap_or_else(|| format!("{TODO_MARK}: title"));
    let source_title =
        given(&options.source_title).unwrap_or_else(|| format!("{TODO_MARK}: source title"));
    let level = Level {
        title,
        summary: Some(format!("{TODO_MARK}: one line for the level list")),
        source: Source {
            title: source_title,
            author: None,
            published: None,
            url: None,
            kind: None,
        },
        grade: None,
        language: "en".to_owned(),
        passages,
    };
    Draft {
        level,
        skipped,
        suggestions,
    }
}

/// The draft as a level file: a comment header telling the teacher what to
/// do next, then the level written by [`level_to_ron`].
pub fn draft_to_ron(draft: &Draft) -> String {
    let [fact, opinion, unsupported] = draft.level.category_counts();
    let mut out = String::new();
    for line in [
        "DRAFT written by `fact-sorter draft`. It is not a finished level and will not play yet.",
        "Every suggested `answer` is only a guess from cue words (numbers, dates, named sources,",
        "judgement words, sweeping words): read each statement and decide the category yourself.",
        "Replace every TODO (title, summary, source title, explanations, checks) with your own words.",
        "Delete statements that are not worth sorting, and any passage left with none.",
        "Keep 10 or more statements, mixed across Fact, Opinion and Unsupported (about a third each).",
        "Add `also: [...]` where two answers are fair, and the author, date and kind of the source.",
        "Then run:  fact-sorter check THIS-FILE.ron    (the full guide: levels/README.md)",
    ] {
        let _ = writeln!(out, "// {line}");
    }
    out.push_str("//\n");
    let _ = writeln!(
        out,
        "// Suggested: {fact} Fact, {opinion} Opinion, {unsupported} Unsupported ({} statements).",
        draft.level.statement_count()
    );
    if !draft.skipped.is_empty() {
        let _ = writeln!(
            out,
            "// Not used as statements (headings, questions, fragments, repeats):"
        );
        for skipped in &draft.skipped {
            let _ = writeln!(out, "//   {}: {}", skipped.why, shorten(&skipped.text, 80));
        }
    }
    out.push_str(&level_to_ron(&draft.level));
    out
}

/// Splits a paragraph into sentences, each a trimmed verbatim substring of
/// it (see the module docs for where sentences end).
pub fn split_sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(paragraph.len(), |&(at, _)| at);
    let mut sentences = Vec::new();
    let mut start = 0;
    // The closing quote we are waiting for, inside a quotation.
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if quote.is_none() && matches!(c, '“' | '"') {
            let closer = if c == '“' { '”' } else { '"' };
            // An opening quote that never closes is ignored.
            if paragraph[at + c.len_utf8()..].contains(closer) {
                quote = Some(closer);
            }
            i += 1;
            continue;
        }
        if quote == Some(c) {
            quote = None;
            i += 1;
            continue;
        }
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while chars.get(j).is_some_and(|&(_, t)| is_terminator(t)) {
            j += 1;
        }
        let run_end = j;
        while let Some(&(_, closer)) = chars.get(j).filter(|&&(_, t)| is_closer(t)) {
            if quote == Some(closer) {
                quote = None;
            }
            j += 1;
        }
        let end = byte(j);
        if quote.is_none()
            && ends_sentence(paragraph, &chars[i..run_end])
            && starts_sentence(&paragraph[end..])
        {
            push_trimmed(&mut sentences, &paragraph[start..end]);
            start = end;
        }
        i = j;
    }
    push_trimmed(&mut sentences, &paragraph[start..]);
    sentences
}

/// Suggests a category for one sentence: the category, the matched signal
/// words (verbatim, at most [`MAX_SIGNALS`]) and a short reason. The cue
/// table and the rules are in the module docs.
pub fn classify(sentence: &str) -> (Category, Vec<String>, String) {
    let scan = Scan::run(sentence);
    let mut scores = [0u32; 3];
    for row in &scan.rows {
        scores[row.category.index()] += row.weight;
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return (Category::Fact, Vec::new(), NO_CUES.to_owned());
    }
    let winners: Vec<Category> = TIE_ORDER
        .into_iter()
        .filter(|c| scores[c.index()] == best)
        .collect();
    let category = winners[0];
    let mut rows: Vec<&Row> = scan
        .rows
        .iter()
        .filter(|r| r.category == category)
        .collect();
    rows.sort_by_key(|r| Reverse(r.weight));
    let described: Vec<String> = rows.iter().map(|r| scan.describe(r)).collect();
    let mut reason = format!(
        "{} (scores: Fact {}, Opinion {}, Unsupported {})",
        described.join(", "),
        scores[Category::Fact.index()],
        scores[Category::Opinion.index()],
        scores[Category::Unsupported.index()],
    );
    if winners.len() > 1 {
        let _ = write!(reason, "; a tie, given to {category}");
    }
    (category, scan.signals(category), reason)
}

const NO_CUES: &str =
    "no cue words, so a plain claim: Fact if a record could confirm it, Unsupported if not";

fn given(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.trim().is_empty())
}

fn draft_statement(text: &str, category: Category, signals: &[String], reason: &str) -> Statement {
    let label = category.long_label();
    let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Statement {
        text: text.to_owned(),
        answer: category,
        also: Vec::new(),
        explanation: format!(
            "{TODO_MARK}: explain why this is {article} {label}, naming the words that decide it, for a 13-year-old (suggested by draft because: {reason})"
        ),
        signals: signals.to_vec(),
        check: (category == Category::Fact)
            .then(|| format!("{TODO_MARK}: say where a student could check this.")),
    }
}

/// Paragraphs as their lines; blank (or whitespace-only) lines separate them.
fn paragraphs(article: &str) -> Vec<Vec<&str>> {
    let mut paragraphs = Vec::new();
    let mut current = Vec::new();
    for line in article.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// A short one-line paragraph that does not end like a sentence, or a
/// one-line question.
fn is_heading(lines: &[&str]) -> bool {
    let [line] = lines else {
        return false;
    };
    let line = line.trim();
    let words = word_count(line);
    if words == 0 || words > HEADING_MAX_WORDS || !line.chars().any(char::is_alphabetic) {
        return false;
    }
    !line.trim_end_matches(is_closer).ends_with(['.', '!', '…'])
}

fn skip_reason(sentence: &str) -> Option<&'static str> {
    if sentence.trim_end_matches(is_closer).ends_with('?') {
        Some(WHY_QUESTION)
    } else if word_count(sentence) < MIN_STATEMENT_WORDS {
        Some(WHY_TOO_SHORT)
    } else {
        None
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that belong to the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']')
}

/// Characters that may come just before a word: opening quotes and brackets.
fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '(' | '[')
}

/// Whether a run of `.`, `!`, `?` and `…` (with the paragraph it is in)
/// ends a sentence.
fn ends_sentence(paragraph: &str, run: &[(usize, char)]) -> bool {
    if run.iter().any(|&(_, c)| matches!(c, '?' | '!')) {
        return true;
    }
    let dots = run.iter().filter(|&&(_, c)| c == '.').count();
    let ellipses = run.len() - dots;
    match (dots, ellipses) {
        // "…" or "...": a pause inside the sentence.
        (0, _) | (3, 0) => false,
        (1, 0) => !is_abbreviation(paragraph, run[0].0),
        // "....", "…." or "..": an ellipsis and a full stop.
        _ => true,
    }
}

/// Whether the text after a sentence-ending mark starts a new sentence:
/// whitespace, then a capital letter, a digit or an opening quote.
fn starts_sentence(rest: &str) -> bool {
    rest.starts_with(char::is_whitespace)
        && rest.trim_start().chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'')
        })
}

/// Whether the `.` at byte `dot` ends an abbreviation or an initial.
fn is_abbreviation(paragraph: &str, dot: usize) -> bool {
    let before = &paragraph[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || is_opener(c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let word = &before[word_start..];
    let Some(last) = word.chars().next_back() else {
        return false;
    };
    if last.is_ascii_digit() {
        // "in 2023." ends a sentence; decimals never reach here.
        return false;
    }
    if word.contains('.') {
        // U.S. e.g. i.e. a.m. p.m. Ph.D.
        return true;
    }
    let lower = word.to_lowercase();
    if lower == "no" {
        // "No. 5" is a number; "No." alone is an answer.
        return paragraph[dot + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    }
    if cues::ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital initial: "J. Smith".
    let mut letters = word.chars();
    matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase())
}

fn push_trimmed(sentences: &mut Vec<String>, piece: &str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        sentences.push(piece.to_owned());
    }
}

/// The cue lists (see the table in the module docs). Phrases are lowercase
/// and match whole words, ignoring ASCII case, unless a list says otherwise.
#[rustfmt::skip]
mod cues {
    /// Abbreviations (lowercase, without the final dot) that do not end a sentence.
    pub const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "mt", "ft", "vs", "etc", "al", "cf", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd",
        "co", "corp", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "rev", "dept", "approx",
        "fig", "vol", "ave", "rd",
    ];

    pub const UNNAMED_SOURCES: &[&str] = &[
        "studies have shown", "research shows", "research has shown", "evidence shows",
        "evidence clearly shows", "evidence suggests", "a source said", "some say", "some people say",
        "many say", "many believe", "many people believe", "people say", "others say", "they say",
        "it is said", "it is believed", "it is known", "it is well known", "everyone knows",
        "everybody knows", "anyone who knows", "as we all know", "my cousin", "my friend",
        "a friend of mine", "someone said", "somebody said", "i heard", "i read somewhere",
        "word is", "rumor has it", "rumour has it",
    ];
    /// Unnamed groups: "Some experts", "Most doctors", "Doctors recommend".
    pub const GROUP_NOUNS: &[&str] = &[
        "experts", "scientists", "doctors", "economists", "researchers", "officials", "parents",
        "teachers", "students", "fans", "residents", "critics", "observers", "analysts", "sources",
        "voters", "users", "commentators", "insiders", "locals", "neighbours", "neighbors",
        "historians", "districts", "schools", "studies", "reports",
    ];
    pub const GROUP_DETERMINERS: &[&str] = &["some", "many", "most", "other", "countless"];
    pub const GROUP_VERBS: &[&str] = &[
        "say", "agree", "believe", "recommend", "warn", "claim", "think", "know", "insist", "show",
        "suggest",
    ];
    pub const SWEEPING: &[&str] = &[
        "everyone", "everybody", "everything", "everywhere", "no one", "nobody", "none", "never",
        "always", "all", "every", "not a single", "not one", "no single", "without exception",
        "than ever", "in history",
    ];
    pub const MOTIVES: &[&str] = &[
        "secretly", "secret", "covertly", "covert", "plan to", "plans to", "planning to", "intend to",
        "intends to", "want to", "wants to", "wants", "only wants", "agenda", "deliberately",
        "on purpose", "covering up", "cover up", "cover-up", "behind the scenes", "unwritten", "spies",
        "they feel", "they believe", "they know", "realize", "realise", "the real reason",
        "so they can", "so that they can", "only so that", "only so",
    ];
    pub const CERTAINTY: &[&str] = &[
        "surely", "undoubtedly", "without a doubt", "no doubt", "without question", "obviously",
        "clearly", "certainly", "definitely", "proven", "proved",
    ];
    pub const VAGUE_QUANTITIES: &[&str] = &[
        "countless", "many people", "lots of people", "so many", "vast majority", "most people",
        "for the most part", "thousands of", "hundreds of", "millions of", "tens of thousands",
        "very few", "numerous", "huge numbers", "a great deal of",
    ];
    pub const VIEW_MARKERS: &[&str] = &[
        "i think", "i believe", "i feel", "i’d say", "i'd say", "i would say", "in my view",
        "in my opinion", "we believe", "we think", "one could argue", "it seems", "of course",
        "arguably", "makes sense", "make sense", "i hope", "i love", "i hate", "frankly", "deserves",
        "deserve", "hoped", "hopes", "de facto", "in effect",
    ];
    pub const PREDICTIONS: &[&str] = &[
        "will keep", "will continue", "will only", "will never", "will soon", "will surely",
        "is going to", "are going to", "about to", "bound to", "set to", "set for", "likely",
        "unlikely", "probably",
    ];
    /// Matched lowercase only, so "May 2024" and a question's "Will" do not count.
    pub const FUTURE_WORDS: &[&str] = &["will", "won't", "won’t", "may", "might", "could"];
    pub const JUDGEMENTS: &[&str] = &[
        "shocking", "staggering", "terrible", "horrible", "awful", "great", "good", "bad", "amazing",
        "wonderful", "excellent", "fantastic", "brilliant", "brilliantly", "beautiful", "ugly",
        "alarming", "dangerous", "disastrous", "absurd", "ridiculous", "outrageous", "outlandish",
        "specious", "draconian", "paltry", "abysmal", "abysmally", "stark", "grave", "mere", "drastic",
        "utopian", "floundering", "devastating", "fair", "unfair", "important", "crucial",
        "necessary", "useless", "pointless", "boring", "exciting", "sad", "tragic", "shameful",
        "disgraceful", "huge", "massive", "legitimate", "safely", "lovely", "nice", "silly", "stupid",
        "foolish", "reckless", "irresponsible", "perfect", "incredible", "unbelievable", "sadly",
        "unfortunately", "thankfully", "luckily", "dreadful", "awesome", "waste", "worth",
        "impossible", "pretty", "masterstroke", "disgrace", "careful", "clever", "fun", "soft",
    ];
    pub const SUPERLATIVES: &[&str] = &[
        "best", "worst", "finest", "greatest", "gravest", "the most", "the least", "of all time",
    ];
    /// Words before a superlative in -est: "the smartest", "his cleverest".
    pub const DETERMINERS: &[&str] = &["the", "his", "her", "its", "their", "our", "my", "your"];
    /// Words in -est that are not judgements: other words, and measurable superlatives.
    pub const NOT_SUPERLATIVES: &[&str] = &[
        "interest", "forest", "request", "west", "midwest", "rest", "test", "protest", "harvest",
        "contest", "quest", "chest", "guest", "nest", "arrest", "conquest", "priest", "behest",
        "manifest", "largest", "biggest", "smallest", "highest", "lowest", "longest", "shortest",
        "oldest", "youngest", "newest", "earliest", "latest", "fastest", "slowest", "tallest",
        "deepest", "nearest", "closest", "furthest", "farthest", "heaviest", "lightest", "widest",
        "richest", "poorest", "cheapest", "wettest", "driest", "hottest", "coldest", "warmest",
        "busiest",
    ];
    pub const SHOULD: &[&str] = &[
        "should", "shouldn't", "shouldn’t", "must", "mustn't", "mustn’t", "ought to", "need to",
        "needs to",
    ];
    /// Besides "I", which is matched as a capital only.
    pub const FIRST_PERSON: &[&str] = &["we", "our", "my"];
    pub const EMOTIVE: &[&str] = &[
        "alarm bells", "red flags", "all kinds of", "flooding", "a flood of", "nightmare", "outrage",
        "scandal", "running out", "wake-up call", "heartbreaking", "terrifying", "scary",
    ];
    pub const NUMBER_WORDS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen",
    ];
    /// Words that belong to the number before them: "1.4 billion".
    pub const SCALE_WORDS: &[&str] = &["thousand", "million", "billion", "trillion", "percent"];
    pub const MONTHS: &[&str] = &[
        "January", "February", "March", "April", "June", "July", "August", "September", "October",
        "November", "December",
    ];
    pub const WEEKDAYS: &[&str] = &[
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ];
    /// Capitalised nouns that end the name of an organisation, law or publication.
    pub const ORGANISATION_NOUNS: &[&str] = &[
        "Patrol", "Department", "Agency", "Bureau", "Office", "Institute", "Council", "Ministry",
        "Commission", "Administration", "University", "Court", "Act", "Committee", "Authority",
        "Board", "Police", "Parliament", "Congress", "Senate", "Census", "Library", "News", "Times",
        "Service", "Survey", "Party", "Museum", "Hospital", "School", "Foundation", "Association",
        "Organization", "Organisation", "Center", "Centre", "Society", "Union", "Bank", "Company",
        "Corporation", "Post", "Journal", "Review",
    ];
    pub const ATTRIBUTION: &[&str] = &[
        "according to", "reported", "reports", "said", "says", "told", "stated", "announced",
        "confirmed", "called", "pointed out", "points out", "noted", "noting", "quoted", "quoting",
        "wrote", "published", "testified", "estimated", "counted", "recorded",
    ];
    pub const RECORDS: &[&str] = &[
        "data", "record", "records", "survey", "surveys", "study", "census", "statistics", "figures",
        "report", "poll", "database",
    ];
}

// ---------------------------------------------------------------------------
// Matching.

/// One matched cue row: its weight and the matched byte ranges, strongest
/// first. An empty range counts but is not a signal (a final "!").
struct Row {
    category: Category,
    name: &'static str,
    weight: u32,
    hits: Vec<Range<usize>>,
}

/// A whitespace-separated token, and its core without surrounding
/// punctuation ("(U.S." → "U.S", "2023," → "2023", "$350" stays).
struct Word {
    raw: Range<usize>,
    core: Range<usize>,
}

/// A number written with digits.
struct Number {
    range: Range<usize>,
    year: bool,
    money: bool,
}

/// The cue rows found in one sentence.
struct Scan<'a> {
    text: &'a str,
    /// `text` with ASCII letters lowercased: the same byte offsets.
    lower: String,
    words: Vec<Word>,
    /// Ranges already matched by earlier rows.
    taken: Vec<Range<usize>>,
    rows: Vec<Row>,
}

impl<'a> Scan<'a> {
    fn run(text: &'a str) -> Scan<'a> {
        let mut scan = Scan {
            text,
            lower: text.to_ascii_lowercase(),
            words: words(text),
            taken: Vec::new(),
            rows: Vec::new(),
        };
        scan.unsupported_rows();
        scan.opinion_rows();
        scan.fact_rows();
        scan
    }

    fn unsupported_rows(&mut self) {
        use Category::Unsupported;
        let mut unnamed = self.phrases(cues::UNNAMED_SOURCES, 3);
        let count = self.words.len();
        for k in 0..count {
            if !cues::GROUP_NOUNS.contains(&self.lower_word(k)) {
                continue;
            }
            if k > 0 && cues::GROUP_DETERMINERS.contains(&self.lower_word(k - 1)) {
                unnamed.push((self.span(k - 1, k), 3));
            } else if k + 1 < count && cues::GROUP_VERBS.contains(&self.lower_word(k + 1)) {
                unnamed.push((self.span(k, k + 1), 3));
            }
        }
        self.add(Unsupported, "unnamed source", unnamed);
        let sweeping: Vec<(Range<usize>, u32)> = self
            .phrases(cues::SWEEPING, 3)
            .into_iter()
            .filter(|(range, _)| !self.is_not_sweeping(range))
            .collect();
        self.add(Unsupported, "sweeping word", sweeping);
        self.add(
            Unsupported,
            "claim about motives or hidden plans",
            self.phrases(cues::MOTIVES, 2),
        );
        self.add(
            Unsupported,
            "certainty without evidence",
            self.phrases(cues::CERTAINTY, 2),
        );
        self.add(
            Unsupported,
            "vague quantity",
            self.phrases(cues::VAGUE_QUANTITIES, 2),
        );
    }

    fn opinion_rows(&mut self) {
        use Category::Opinion;
        self.add(Opinion, "view marker", self.phrases(cues::VIEW_MARKERS, 3));
        let mut prediction = self.phrases(cues::PREDICTIONS, 3);
        for word in cues::FUTURE_WORDS {
            prediction.extend(
                find_words(self.text, self.text, word)
                    .into_iter()
                    .map(|r| (r, 1)),
            );
        }
        self.add(Opinion, "prediction or speculation", prediction);
        self.add(Opinion, "judgement word", self.phrases(cues::JUDGEMENTS, 2));
        let mut superlative = self.phrases(cues::SUPERLATIVES, 2);
        for k in 1..self.words.len() {
            let word = self.lower_word(k);
            if word.len() >= 6
                && word.ends_with("est")
                && !cues::NOT_SUPERLATIVES.contains(&word)
                && cues::DETERMINERS.contains(&self.lower_word(k - 1))
            {
                superlative.push((self.span(k, k), 2));
            }
        }
        self.add(Opinion, "superlative", superlative);
        self.add(Opinion, "should or must", self.phrases(cues::SHOULD, 2));
        let mut first_person = self.phrases(cues::FIRST_PERSON, 2);
        first_person.extend(
            find_words(self.text, self.text, "I")
                .into_iter()
                .filter(|r| !self.text[r.end..].starts_with('.'))
                .map(|r| (r, 2)),
        );
        self.add(Opinion, "first person", first_person);
        let mut emotive = self.phrases(cues::EMOTIVE, 2);
        if self.text.trim_end_matches(is_closer).ends_with('!') {
            let end = self.text.len();
            emotive.push((end..end, 2));
        }
        self.add(Opinion, "emotive wording", emotive);
    }

    fn fact_rows(&mut self) {
        use Category::Fact;
        let numbers = numbers(self.text);
        let mut number: Vec<(Range<usize>, u32)> =
            numbers.iter().map(|n| (n.range.clone(), 3)).collect();
        number.extend(self.phrases(cues::NUMBER_WORDS, 2));
        self.add(Fact, "number", number);
        let mut dates: Vec<(Range<usize>, u32)> = numbers
            .iter()
            .filter(|n| n.year)
            .map(|n| (n.range.clone(), 2))
            .collect();
        for name in cues::MONTHS.iter().chain(cues::WEEKDAYS) {
            dates.extend(
                find_words(self.text, self.text, name)
                    .into_iter()
                    .map(|r| (r, 2)),
            );
        }
        for range in find_words(self.text, self.text, "May") {
            let near_number = [self.word_before(range.start), self.word_after(range.end)]
                .into_iter()
                .flatten()
                .any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            if near_number {
                dates.push((range, 2));
            }
        }
        dates.extend(self.phrases(&["fiscal year"], 2));
        // A year is a number and a date: dates may reuse what `number` took.
        self.keep(Fact, "date", dates);
        let money = numbers
            .iter()
            .filter(|n| n.money)
            .map(|n| (n.range.clone(), 1))
            .collect();
        self.keep(Fact, "money or percentage", money);
        self.add(Fact, "named organisation", self.organisations());
        self.add(Fact, "attribution", self.phrases(cues::ATTRIBUTION, 2));
        self.add(Fact, "records or data", self.phrases(cues::RECORDS, 2));
    }

    /// Every occurrence of the phrases as whole words, ignoring ASCII case.
    fn phrases(&self, phrases: &[&str], weight: u32) -> Vec<(Range<usize>, u32)> {
        phrases
            .iter()
            .flat_map(|phrase| find_words(self.text, &self.lower, phrase))
            .map(|range| (range, weight))
            .collect()
    }

    /// "all" and "every" that are not sweeping: "first of all", "all but",
    /// "all kinds of", "all four", "every year", "every 20 minutes".
    fn is_not_sweeping(&self, range: &Range<usize>) -> bool {
        let before = self.word_before(range.start).unwrap_or("");
        let after = self.word_after(range.end).unwrap_or("");
        let counted =
            after.starts_with(|c: char| c.is_ascii_digit()) || cues::NUMBER_WORDS.contains(&after);
        match &self.lower[range.clone()] {
            "all" => {
                counted
                    || ["of", "at", "above", "after", "first"].contains(&before)
                    || ["but", "kinds", "sorts", "manner", "along"].contains(&after)
            }
            "every" => {
                counted
                    || [
                        "year", "day", "week", "month", "night", "morning", "evening", "hour",
                        "minute", "weekend", "summer", "winter", "spring", "autumn", "fall", "few",
                        "so",
                    ]
                    .contains(&after)
            }
            _ => false,
        }
    }

    /// Capitalised organisation nouns (not the first word), with the
    /// capitalised words just before them: "U.S. Border Patrol".
    fn organisations(&self) -> Vec<(Range<usize>, u32)> {
        let mut found = Vec::new();
        for k in 1..self.words.len() {
            let word = self.word(k);
            let noun = word
                .strip_suffix("’s")
                .or_else(|| word.strip_suffix("'s"))
                .unwrap_or(word);
            if !cues::ORGANISATION_NOUNS.contains(&noun) {
                continue;
            }
            let mut first = k;
            while first > 1 && self.continues_name(first - 1) {
                first -= 1;
            }
            found.push((self.span(first, k), 2));
        }
        found
    }

    /// Whether word `k` is capitalised and not followed by a comma, so it
    /// can be part of the name after it.
    fn continues_name(&self, k: usize) -> bool {
        let raw = &self.text[self.words[k].raw.clone()];
        self.word(k).starts_with(char::is_uppercase) && !raw.ends_with([',', ';', ':'])
    }

    fn word(&self, k: usize) -> &str {
        &self.text[self.words[k].core.clone()]
    }

    fn lower_word(&self, k: usize) -> &str {
        &self.lower[self.words[k].core.clone()]
    }

    /// From the start of word `from` to the end of word `to`.
    fn span(&self, from: usize, to: usize) -> Range<usize> {
        self.words[from].core.start..self.words[to].core.end
    }

    /// The lowercase word that ends at or before byte `at`.
    fn word_before(&self, at: usize) -> Option<&str> {
        self.words
            .iter()
            .rev()
            .find(|w| w.core.end <= at)
            .map(|w| &self.lower[w.core.clone()])
    }

    /// The lowercase word that starts at or after byte `at`.
    fn word_after(&self, at: usize) -> Option<&str> {
        self.words
            .iter()
            .find(|w| w.core.start >= at)
            .map(|w| &self.lower[w.core.clone()])
    }

    /// Adds a row from the hits that earlier rows have not matched.
    fn add(&mut self, category: Category, name: &'static str, hits: Vec<(Range<usize>, u32)>) {
        let hits: Vec<(Range<usize>, u32)> = hits
            .into_iter()
            .filter(|(range, _)| !self.taken.iter().any(|t| overlaps(t, range)))
            .collect();
        self.keep(category, name, hits);
    }

    /// Adds a row from all its hits: the strongest first, and without hits
    /// that overlap a stronger or earlier one ("will keep" hides "will").
    fn keep(&mut self, category: Category, name: &'static str, mut hits: Vec<(Range<usize>, u32)>) {
        let Some(weight) = hits.iter().map(|&(_, w)| w).max() else {
            return;
        };
        hits.sort_by_key(|(range, w)| (Reverse(*w), range.start));
        let mut kept: Vec<Range<usize>> = Vec::new();
        for (range, _) in hits {
            if !kept.iter().any(|k| overlaps(k, &range)) {
                kept.push(range);
            }
        }
        self.taken.extend_from_slice(&kept);
        self.rows.push(Row {
            category,
            name,
            weight,
            hits: kept,
        });
    }

    /// `number “37,000”`: the row's name and its first word.
    fn describe(&self, row: &Row) -> String {
        match row.hits.iter().find(|r| !r.is_empty()) {
            Some(hit) => format!("{} “{}”", row.name, &self.text[hit.clone()]),
            None => row.name.to_owned(),
        }
    }

    /// The signal words: the winning category's rows first (strongest
    /// first, one word from each row in turn), then the other rows.
    fn signals(&self, winner: Category) -> Vec<String> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by_key(|r| Reverse(r.weight));
        let rounds = rows.iter().map(|r| r.hits.len()).max().unwrap_or(0);
        let mut signals: Vec<String> = Vec::new();
        for winning in [true, false] {
            for round in 0..rounds {
                for row in rows.iter().filter(|r| (r.category == winner) == winning) {
                    let Some(hit) = row.hits.get(round) else {
                        continue;
                    };
                    let word = &self.text[hit.clone()];
                    if !word.is_empty() && !signals.iter().any(|s| s.eq_ignore_ascii_case(word)) {
                        signals.push(word.to_owned());
                    }
                }
            }
        }
        signals.truncate(MAX_SIGNALS);
        signals
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Byte ranges where `needle` occurs in `haystack` as whole words (no letter
/// or digit just before or after). `haystack` is `text` itself or its
/// ASCII-lowercased copy, which has the same byte offsets.
fn find_words(text: &str, haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let mut from = 0;
    while let Some(at) = haystack[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let clear_before = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let clear_after = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if clear_before && clear_after {
            found.push(start..end);
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// The sentence's tokens (runs of non-whitespace) that contain a letter,
/// digit or currency sign.
fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(at),
            (true, Some(from)) => {
                start = None;
                let token = &text[from..at];
                let core = token.trim_start_matches(|ch: char| !is_word_start(ch));
                let lead = token.len() - core.len();
                let core = core.trim_end_matches(|ch: char| !is_word_end(ch));
                if !core.is_empty() {
                    words.push(Word {
                        raw: from..at,
                        core: from + lead..from + lead + core.len(),
                    });
                }
            }
            _ => {}
        }
    }
    words
}

fn is_word_start(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '$' | '£' | '€')
}

fn is_word_end(c: char) -> bool {
    c.is_alphanumeric() || c == '%'
}

/// Numbers written with digits, starting a word: "37,000", "3.5", "$350",
/// "40%", "1.4 billion", "2023". Not "H1-B" or "COVID-19".
fn numbers(text: &str) -> Vec<Number> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let digit_at = |i: usize| chars.get(i).is_some_and(|&(_, c)| c.is_ascii_digit());
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let word_start = i
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_none_or(|&(_, p)| p.is_whitespace() || is_opener(p));
        let currency = matches!(c, '$' | '£' | '€') && digit_at(i + 1);
        let starts_number = word_start && (c.is_ascii_digit() || currency);
        if !starts_number {
            i += 1;
            continue;
        }
        let digits_from = if currency { i + 1 } else { i };
        let mut j = digits_from;
        while digit_at(j)
            || (chars.get(j).is_some_and(|&(_, s)| matches!(s, ',' | '.')) && digit_at(j + 1))
        {
            j += 1;
        }
        let digits = &text[byte(digits_from)..byte(j)];
        let year = !currency
            && digits.len() == 4
            && digits
                .parse::<u32>()
                .is_ok_and(|y| (1500..=2099).contains(&y));
        let mut money = currency;
        if chars.get(j).is_some_and(|&(_, s)| s == '%') {
            money = true;
            j += 1;
        }
        let mut end = byte(j);
        if let Some(rest) = text[end..].strip_prefix(' ') {
            let len = rest
                .find(|ch: char| !ch.is_alphabetic())
                .unwrap_or(rest.len());
            let scale = rest[..len].to_ascii_lowercase();
            if cues::SCALE_WORDS.contains(&scale.as_str()) {
                end += 1 + len;
                money |= scale == "percent";
            }
        }
        found.push(Number {
            range: at..end,
            year,
            money,
        });
        while chars.get(i).is_some_and(|&(b, _)| b < end) {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split_sentences(
                "Dr. Lee moved to the U.S. in 2019. She works for the U.S. Census Bureau now. Bring fruit, e.g. Apples or pears. Mr. and Mrs. Tan met St. John at 9 a.m. Monday."
            ),
            [
                "Dr. Lee moved to the U.S. in 2019.",
                "She works for the U.S. Census Bureau now.",
                "Bring fruit, e.g. Apples or pears.",
                "Mr. and Mrs. Tan met St. John at 9 a.m. Monday.",
            ]
        );
        assert_eq!(
            split_sentences(
                "The book is by J. R. Smith. They live at No. 5 Elm Road. Was it fair? No. The vote stands!"
            ),
            [
                "The book is by J. R. Smith.",
                "They live at No. 5 Elm Road.",
                "Was it fair?",
                "No.",
                "The vote stands!",
            ]
        );
    }

    #[test]
    fn decimals_and_ellipses_do_not_end_sentences() {
        assert_eq!(
            split_sentences(
                "Prices rose 3.5 percent. The fund holds $1.2 million. It grew by 2.5. Then it fell."
            ),
            [
                "Prices rose 3.5 percent.",
                "The fund holds $1.2 million.",
                "It grew by 2.5.",
                "Then it fell.",
            ]
        );
        assert_eq!(
            split_sentences(
                "We waited... Then the bus came. It was late… Very late. Wait.... Here it is."
            ),
            [
                "We waited... Then the bus came.",
                "It was late… Very late.",
                "Wait....",
                "Here it is.",
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split_sentences(
                r#"He said, "It's over." Then he left. She wrote, “We won. It was close.” Nobody argued. "Why?" she asked. ‘Fine.’ That was all."#
            ),
            [
                r#"He said, "It's over.""#,
                "Then he left.",
                "She wrote, “We won. It was close.”",
                "Nobody argued.",
                r#""Why?" she asked."#,
                "‘Fine.’",
                "That was all.",
            ]
        );
        // A quote that never closes does not swallow the paragraph.
        assert_eq!(
            split_sentences("He wrote “Stop. Then go. Fine."),
            ["He wrote “Stop.", "Then go.", "Fine."]
        );
    }

    #[test]
    fn sentences_are_trimmed_verbatim_substrings() {
        let paragraph = "  One sentence here.\u{a0} Another (with brackets.) And “a quote!”  ";
        let sentences = split_sentences(paragraph);
        assert_eq!(
            sentences,
            [
                "One sentence here.",
                "Another (with brackets.)",
                "And “a quote!”"
            ]
        );
        for sentence in &sentences {
            assert!(paragraph.contains(sentence.as_str()), "{sentence}");
        }
        assert!(split_sentences("   ").is_empty());
    }

    #[test]
    fn headings_are_short_lines_without_a_full_stop() {
        assert!(is_heading(&["The numbers"]));
        assert!(is_heading(&["How are Chinese migrants coming in?"]));
        assert!(is_heading(&["  What riders say  "]));
        assert!(!is_heading(&["The numbers are shocking."]));
        assert!(!is_heading(&["Wow!"]));
        assert!(!is_heading(&["Two lines", "are a paragraph"]));
        assert!(!is_heading(&[
            "This line has far too many words to be a heading for a section"
        ]));
        assert!(!is_heading(&["2023"]));
    }

    #[test]
    fn headings_questions_and_fragments_are_not_statements() {
        let article = "Bus news\n\nThe council met on Monday to vote on the route. Will it pass? Maybe.\n\nWhat happens next?\n\n\
            The route opens\nin May 2025 for all riders. The council met on Monday to vote on the route.\n\nWritten by Sam\n";
        let draft = draft(article, &DraftOptions::default());
        let level = &draft.level;
        assert_eq!(level.title, "Bus news");
        assert_eq!(level.passages.len(), 2);
        assert_eq!(level.passages[0].heading.as_deref(), Some("Bus news"));
        assert_eq!(
            level.passages[1].heading.as_deref(),
            Some("What happens next?")
        );
        assert_eq!(
            level.passages[1].text,
            "The route opens in May 2025 for all riders. The council met on Monday to vote on the route."
        );
        let statements: Vec<&str> = level.statements().map(|s| s.text.as_str()).collect();
        assert_eq!(
            statements,
            [
                "The council met on Monday to vote on the route.",
                "The route opens in May 2025 for all riders.",
            ]
        );
        let skipped: Vec<(&str, &str)> = draft
            .skipped
            .iter()
            .map(|s| (s.why, s.text.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (WHY_HEADING, "Bus news"),
                (WHY_QUESTION, "Will it pass?"),
                (WHY_TOO_SHORT, "Maybe."),
                (WHY_HEADING, "What happens next?"),
                (
                    WHY_DUPLICATE,
                    "The council met on Monday to vote on the route."
                ),
                (WHY_HEADING, "Written by Sam"),
            ]
        );
        assert_eq!(draft.suggestions.len(), 2);
        assert_eq!(draft.suggestions[1].passage, 1);
    }

    #[test]
    fn every_statement_and_signal_is_verbatim() {
        let article = "The  U.S.\nBorder Patrol counted 37,000 people in 2023, according to CBP data.\u{a0} Experts say everyone knows why!\n\n\
            I think the mayor’s “plan” is the worst idea... Some residents say it will never work. “It’s over,” said Dr. Ruiz.";
        let draft = draft(article, &DraftOptions::default());
        assert_eq!(draft.level.statement_count(), 4);
        for passage in &draft.level.passages {
            for statement in &passage.statements {
                assert!(
                    passage.text.contains(&statement.text),
                    "{:?} not in {:?}",
                    statement.text,
                    passage.text
                );
                assert!(!statement.signals.is_empty(), "{}", statement.text);
                assert!(statement.signals.len() <= MAX_SIGNALS);
                for signal in &statement.signals {
                    assert!(statement.text.contains(signal.as_str()), "{signal}");
                }
                assert!(statement.explanation.starts_with(TODO_MARK));
                assert_eq!(
                    statement.check.is_some(),
                    statement.answer == Category::Fact
                );
            }
        }
    }

    #[test]
    fn classify_finds_facts() {
        let (category, signals, reason) = classify(
            "U.S. Border Patrol detained more than 37,000 people along the border in 2023.",
        );
        assert_eq!(category, Category::Fact);
        assert_eq!(signals, ["37,000", "2023", "Border Patrol"]);
        assert!(
            reason.starts_with("number “37,000”, date “2023”"),
            "{reason}"
        );
        let (category, signals, _) =
            classify("According to the survey, 40% of riders use the bus every day.");
        assert_eq!(category, Category::Fact);
        assert_eq!(signals, ["40%", "According to", "survey"]);
    }

    #[test]
    fn classify_finds_opinions() {
        let (category, signals, _) = classify("The numbers are shocking.");
        assert_eq!(category, Category::Opinion);
        assert_eq!(signals, ["shocking"]);
        let (category, signals, _) = classify(
            "Well, if U.S. government data is any indication, the numbers will keep climbing.",
        );
        assert_eq!(category, Category::Opinion);
        assert_eq!(signals, ["will keep", "data"]);
        let (category, signals, _) = classify("In my view we should build the best park in town.");
        assert_eq!(category, Category::Opinion);
        assert_eq!(signals, ["In my view", "best", "should", "we"]);
    }

    #[test]
    fn classify_finds_unsupported_claims() {
        let (category, signals, _) =
            classify("Some residents say the council secretly plans to raise parking fees.");
        assert_eq!(category, Category::Unsupported);
        assert_eq!(signals, ["Some residents", "secretly", "plans to"]);
        let (category, signals, _) =
            classify("Experts agree that nobody reads paper books anymore.");
        assert_eq!(category, Category::Unsupported);
        assert_eq!(signals, ["Experts agree", "nobody"]);
        let (category, signals, _) =
            classify("Evidence clearly shows that those coming across do not fit the criteria.");
        assert_eq!(category, Category::Unsupported);
        assert_eq!(signals, ["Evidence clearly shows"]);
    }

    #[test]
    fn classify_breaks_ties_and_handles_no_cues() {
        // A number (3) against a judgement (2): the checkable core wins.
        let (category, signals, _) = classify("It was a staggering 6,000 riders.");
        assert_eq!(category, Category::Fact);
        assert_eq!(signals, ["6,000", "staggering"]);
        // A number (3) against a sweeping word (3): a tie, given to Fact.
        let (category, _, reason) = classify("Everyone rode the bus 12 times.");
        assert_eq!(category, Category::Fact);
        assert!(reason.contains("a tie, given to Fact"), "{reason}");
        let (category, signals, reason) = classify("The bus stops outside the library.");
        assert_eq!(category, Category::Fact);
        assert!(signals.is_empty());
        assert_eq!(reason, NO_CUES);
    }

    #[test]
    fn sweeping_words_have_exceptions() {
        let (_, signals, _) = classify("First of all, buses run every 20 minutes.");
        assert_eq!(signals, ["20"]);
        let (category, signals, _) = classify("Every other school has a library like this.");
        assert_eq!(category, Category::Unsupported);
        assert_eq!(signals, ["Every"]);
    }

    #[test]
    fn signals_keep_the_sentence_spelling() {
        let (category, signals, _) = classify("WE SHOULD act now, Everyone agrees!");
        assert_eq!(category, Category::Opinion);
        assert_eq!(signals, ["SHOULD", "WE", "Everyone"]);
    }

    #[test]
    fn draft_ron_has_the_header_and_reads_back() {
        let options = DraftOptions {
            title: Some("Buses".to_owned()),
            source_title: Some("Town paper".to_owned()),
        };
        let draft = draft("The route opens in May 2025 for all riders.", &options);
        assert_eq!(draft.level.title, "Buses");
        assert_eq!(draft.level.source.title, "Town paper");
        let text = draft_to_ron(&draft);
        assert!(text.starts_with("// DRAFT"));
        assert!(text.contains("fact-sorter check"));
        let back: Level = crate::validate::ron_options().from_str(&text).unwrap();
        assert_eq!(back, draft.level);
    }
}
