//! Text matching shared by validation and the game: finding a statement
//! inside its passage (whitespace-insensitive) and a signal word inside its
//! statement (case-insensitive), as byte ranges of the original text.

use std::ops::Range;

/// Collapses every run of whitespace to one space and trims the ends.
pub fn normalize_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds `needle` in `haystack`, treating every run of whitespace as one
/// space. Returns the byte range in the original `haystack`.
pub fn find_verbatim(haystack: &str, needle: &str) -> Option<Range<usize>> {
    let needle = normalize_whitespace(needle);
    if needle.is_empty() {
        return None;
    }
    // `offsets[i]` is the byte in `haystack` that normalized byte `i` came from.
    let mut normalized = String::with_capacity(haystack.len());
    let mut offsets = Vec::with_capacity(haystack.len());
    let mut pending_space: Option<usize> = None;
    for (at, ch) in haystack.char_indices() {
        if ch.is_whitespace() {
            pending_space.get_or_insert(at);
            continue;
        }
        if let Some(space_at) = pending_space.take()
            && !normalized.is_empty()
        {
            normalized.push(' ');
            offsets.push(space_at);
        }
        let len = ch.len_utf8();
        normalized.push(ch);
        offsets.extend(at..at + len);
    }
    let start = normalized.find(&needle)?;
    // `offsets[last]` may point inside a multi-byte char; step back to its start.
    let mut last = offsets[start + needle.len() - 1];
    while !haystack.is_char_boundary(last) {
        last -= 1;
    }
    let end = last + haystack[last..].chars().next().map_or(0, char::len_utf8);
    Some(offsets[start]..end)
}

/// Finds `needle` in `haystack` ignoring letter case. Returns the byte range
/// in `haystack` of the first match.
pub fn find_ignore_case(haystack: &str, needle: &str) -> Option<Range<usize>> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return None;
    }
    for (start, _) in haystack.char_indices() {
        let mut want = needle.iter();
        let mut end = start;
        let mut matched = true;
        'chars: for (at, ch) in haystack[start..].char_indices() {
            for lower in ch.to_lowercase() {
                match want.next() {
                    Some(&w) if w == lower => {}
                    Some(_) => {
                        matched = false;
                        break 'chars;
                    }
                    None => break 'chars,
                }
            }
            end = start + at + ch.len_utf8();
            if want.len() == 0 {
                break;
            }
        }
        if matched && want.next().is_none() {
            return Some(start..end);
        }
    }
    None
}

/// Like [`find_ignore_case`], but the match must not start or end inside a
/// word: the signal `I` is not found in "bridge", `rain` not in "training".
pub fn find_word_ignore_case(haystack: &str, needle: &str) -> Option<Range<usize>> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut from = 0;
    while let Some(hit) = haystack
        .get(from..)
        .and_then(|rest| find_ignore_case(rest, needle))
    {
        let range = from + hit.start..from + hit.end;
        let text = &haystack[range.clone()];
        let starts_word = is_word(text.chars().next());
        let ends_word = is_word(text.chars().next_back());
        let before = haystack[..range.start].chars().next_back();
        let after = haystack[range.end..].chars().next();
        let cuts_a_word = (starts_word && is_word(before)) || (ends_word && is_word(after));
        if !cuts_a_word {
            return Some(range);
        }
        from = range.start
            + haystack[range.start..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    None
}

/// The run of words in `passage` that looks most like `statement`, for
/// "did you mean" help when a statement is not found verbatim.
pub fn closest_fragment(passage: &str, statement: &str) -> Option<String> {
    let words: Vec<&str> = passage.split_whitespace().collect();
    let target = normalize_whitespace(statement);
    let width = target.split(' ').count().clamp(1, words.len().max(1));
    if words.is_empty() {
        return None;
    }
    let mut best: Option<(f64, String)> = None;
    for window in words.windows(width.min(words.len())) {
        let candidate = window.join(" ");
        let score = strsim::normalized_levenshtein(&candidate, &target);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score > 0.3).map(|(_, text)| text)
}

/// Counts words the way a reader would: runs of non-whitespace.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// How a piece of passage text is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// The statement being sorted.
    Statement,
    /// A signal word inside the statement.
    Signal,
}

/// Splits `text` into consecutive marked pieces: the `highlight` range is
/// the statement, and inside it every occurrence of each signal word
/// (case-insensitive) is marked as a signal. Pieces cover `text` exactly.
pub fn mark_segments(
    text: &str,
    highlight: Option<Range<usize>>,
    signals: &[String],
) -> Vec<(Range<usize>, Mark)> {
    let Some(highlight) = highlight.filter(|r| r.end <= text.len() && r.start < r.end) else {
        return vec![(0..text.len(), Mark::Plain)];
    };
    // Signal ranges inside the highlight, in order, without overlaps.
    let inner = &text[highlight.clone()];
    let mut found: Vec<Range<usize>> = Vec::new();
    for signal in signals {
        let signal = signal.trim();
        let mut from = 0;
        while let Some(hit) = inner
            .get(from..)
            .and_then(|rest| find_word_ignore_case(rest, signal))
        {
            found.push(highlight.start + from + hit.start..highlight.start + from + hit.end);
            from += hit.end.max(1);
            while from < inner.len() && !inner.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut pieces = Vec::new();
    let push = |range: Range<usize>, mark: Mark, pieces: &mut Vec<(Range<usize>, Mark)>| {
        if range.start < range.end {
            pieces.push((range, mark));
        }
    };
    push(0..highlight.start, Mark::Plain, &mut pieces);
    let mut at = highlight.start;
    for signal in found {
        if signal.start < at {
            continue;
        }
        push(at..signal.start, Mark::Statement, &mut pieces);
        push(signal.clone(), Mark::Signal, &mut pieces);
        at = signal.end;
    }
    push(at..highlight.end, Mark::Statement, &mut pieces);
    push(highlight.end..text.len(), Mark::Plain, &mut pieces);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_ignores_whitespace_differences() {
        let passage = "It was  double\nthe number. Then more.";
        let range = find_verbatim(passage, "double the number.").unwrap();
        assert_eq!(&passage[range], "double\nthe number.");
        assert_eq!(find_verbatim(passage, "Double the number."), None);
    }

    #[test]
    fn verbatim_handles_multibyte_text() {
        let passage = "Panama’s Darien Gap, a 200-square-mile stretch…";
        let range = find_verbatim(passage, "Darien Gap, a 200-square-mile stretch…").unwrap();
        assert_eq!(&passage[range], "Darien Gap, a 200-square-mile stretch…");
        let range = find_verbatim(passage, "Panama’s").unwrap();
        assert_eq!(&passage[range], "Panama’s");
    }

    #[test]
    fn ignore_case_returns_original_range() {
        let statement = "A Staggering 6,000 people.";
        let range = find_ignore_case(statement, "staggering").unwrap();
        assert_eq!(&statement[range], "Staggering");
        assert_eq!(find_ignore_case(statement, "7,000"), None);
        assert_eq!(find_ignore_case(statement, ""), None);
        assert_eq!(find_ignore_case("abc", "abcd"), None);
        // Whole words only for signals.
        assert_eq!(find_word_ignore_case("The bridge opened.", "I"), None);
        assert_eq!(
            find_word_ignore_case("training, then rain", "rain"),
            Some(15..19)
        );
        assert_eq!(find_word_ignore_case("I think so", "i think"), Some(0..7));
        assert_eq!(find_word_ignore_case("cost $350.", "$350"), Some(5..9));
        assert_eq!(find_word_ignore_case("up 40%, down", "40%"), Some(3..6));
    }

    #[test]
    fn segments_mark_statement_and_signals() {
        let text = "Before. A staggering 6,000 came. After.";
        let statement = find_verbatim(text, "A staggering 6,000 came.").unwrap();
        let pieces: Vec<(&str, Mark)> = mark_segments(
            text,
            Some(statement),
            &["6,000".to_owned(), "Staggering".to_owned()],
        )
        .into_iter()
        .map(|(r, m)| (&text[r], m))
        .collect();
        assert_eq!(
            pieces,
            vec![
                ("Before. ", Mark::Plain),
                ("A ", Mark::Statement),
                ("staggering", Mark::Signal),
                (" ", Mark::Statement),
                ("6,000", Mark::Signal),
                (" came.", Mark::Statement),
                (" After.", Mark::Plain),
            ]
        );
        assert_eq!(
            mark_segments(text, None, &[]),
            vec![(0..text.len(), Mark::Plain)]
        );
    }

    #[test]
    fn closest_fragment_finds_the_near_miss() {
        let passage = "The numbers are shocking. Border agents intercepted 900 Chinese nationals.";
        let near =
            closest_fragment(passage, "Border agents stopped 900 Chinese nationals.").unwrap();
        assert_eq!(near, "Border agents intercepted 900 Chinese nationals.");
    }
}
