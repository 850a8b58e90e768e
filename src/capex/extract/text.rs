//! The shape of an article's text for the extractor: paragraphs, sentences (abbreviations
//! such as `Corp.` and `U.S.` do not end them), clauses, quotations and parentheses, and
//! word-level helpers over an ASCII-lower-cased copy that keeps every byte offset.

/// An article's text with its structure worked out once.
pub(crate) struct Doc<'t> {
    /// The text (code already blanked out).
    pub(crate) text: &'t str,
    /// `text` with ASCII letters in lower case: the same byte offsets.
    pub(crate) lower: String,
    /// Sentences as byte ranges, in order, covering the text's non-blank parts.
    pub(crate) sentences: Vec<(usize, usize)>,
    /// Paragraphs as byte ranges, in order.
    pub(crate) paragraphs: Vec<(usize, usize)>,
    /// Quotations as byte ranges (inside the quote marks).
    pub(crate) quotes: Vec<(usize, usize)>,
    /// Parenthesis depth at each byte, counted from the start of its sentence.
    depth: Vec<u8>,
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gov",
    "sen", "rep", "gen", "no", "vs", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "e.g", "i.e", "est", "fig", "dept", "univ", "bros", "cia", "sra", "sr",
    "etc", "ca", "nº", "núm", "aprox",
];

impl<'t> Doc<'t> {
    /// Works out the structure of `text`.
    pub(crate) fn new(text: &'t str) -> Doc<'t> {
        let lower = text.to_ascii_lowercase();
        let paragraphs = paragraphs(text);
        let mut sentences = Vec::new();
        for &(start, end) in &paragraphs {
            split_sentences(text, start, end, &mut sentences);
        }
        let quotes = paragraphs.iter().flat_map(|&(s, e)| quotes_in(text, s, e)).collect();
        let mut depth = vec![0u8; text.len() + 1];
        for &(s, e) in &sentences {
            let mut d = 0u8;
            for (i, b) in text.as_bytes()[s..e].iter().enumerate() {
                depth[s + i] = d;
                match b {
                    b'(' | b'[' => d = d.saturating_add(1),
                    b')' | b']' => d = d.saturating_sub(1),
                    _ => {}
                }
            }
            depth[e] = d;
        }
        Doc { text, lower, sentences, paragraphs, quotes, depth }
    }

    /// Index of the sentence holding byte `at`.
    pub(crate) fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|&(s, _)| s <= at);
        i.checked_sub(1).filter(|&i| self.sentences[i].1 >= at)
    }

    /// Index of the paragraph holding byte `at`.
    pub(crate) fn paragraph_at(&self, at: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|&(s, _)| s <= at);
        i.checked_sub(1).filter(|&i| self.paragraphs[i].1 >= at)
    }

    /// The quotation holding byte range `start..end`, if any.
    pub(crate) fn quote_at(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        self.quotes.iter().copied().find(|&(s, e)| s <= start && end <= e)
    }

    /// The clause of sentence `(s, e)` around `start..end`: the text between clause breaks
    /// (`;`, `, while`, `, but`, `, and` before a new subject, a dash pair), so that "Meta will
    /// spend $65bn, while Alphabet plans $75bn" gives each figure its own company.
    pub(crate) fn clause(&self, (s, e): (usize, usize), start: usize, end: usize) -> (usize, usize) {
        const BREAKS: &[&str] = &[
            "; ",
            ", while ",
            ", whereas ",
            ", but ",
            " while ",
            " whereas ",
            " but ",
            ", and ",
            ", although ",
            ", though ",
            ", even as ",
            ", mientras ",
            ", pero ",
            "; y ",
            ", y ",
            " — ",
            " – ",
            ", as ",
            " and said ",
            " and warned ",
            " and added ",
            " and expects ",
            " and that ",
            " y dijo ",
            " y advirtió ",
        ];
        let lower = &self.lower[s..e];
        let (rel_start, rel_end) = (start - s, end - s);
        // A table row's clause is its cell: the columns of a row speak of different things
        // (`| Amazon | more than $100 billion | $83 billion |`).
        if lower.trim_start().starts_with('|') {
            let a = lower[..rel_start].rfind('|').map_or(0, |p| p + 1);
            let b = lower[rel_end..].find('|').map_or(lower.len(), |p| rel_end + p);
            return (s + a, s + b);
        }
        let (mut a, mut b) = (0, lower.len());
        for br in BREAKS {
            for (pos, _) in lower.match_indices(br) {
                if pos + br.len() <= rel_start {
                    a = a.max(pos + br.len());
                } else if pos >= rel_end {
                    b = b.min(pos);
                }
            }
        }
        (s + a, s + b)
    }

    /// For byte `at` in a Markdown table's body row, the header cell of its column (trimmed,
    /// as a byte range): `2025 capex plan` over `| Amazon | more than $100 billion |`.
    pub(crate) fn table_header(&self, at: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let row = &text[line_start..];
        let row = &row[..row.find('\n').unwrap_or(row.len())];
        let indent = row.len() - row.trim_start().len();
        if !row.trim_start().starts_with('|') {
            return None;
        }
        // The column: how many cell bars stand before `at` after the opening one.
        let column = text[line_start + indent + 1..at].matches('|').count();
        // The table's first line: walk up while lines are rows.
        let mut lines: Vec<(usize, &str)> = Vec::new();
        let mut end = line_start;
        while end > 0 {
            let start = text[..end - 1].rfind('\n').map_or(0, |p| p + 1);
            let line = &text[start..end - 1];
            if !line.trim_start().starts_with('|') {
                break;
            }
            lines.push((start, line));
            end = start;
        }
        // The header is the line above the `|---|---|` separator, and `at` lies below both.
        let sep = lines.iter().position(|(_, l)| is_separator_row(l))?;
        let &(header_start, header) = lines.get(sep + 1)?;
        let header_indent = header.len() - header.trim_start().len();
        let mut cell_start = header_start + header_indent + 1;
        for (i, cell) in header.trim_start()[1..].split('|').enumerate() {
            if i == column {
                let lead = cell.len() - cell.trim_start().len();
                let trimmed = cell.trim();
                return (!trimmed.is_empty())
                    .then_some((cell_start + lead, cell_start + lead + trimmed.len()));
            }
            cell_start += cell.len() + 1;
        }
        None
    }

    /// Parenthesis depth at byte `at` within its sentence.
    pub(crate) fn paren_depth(&self, _sentence_start: usize, at: usize) -> i32 {
        i32::from(self.depth.get(at).copied().unwrap_or(0))
    }
}

/// A Markdown table's `|---|:---:|` line.
fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The nearest char boundary at or before `i`.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
pub(crate) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Paragraphs: runs of non-blank lines; a heading, list item, quote line or table row is a
/// paragraph of its own.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let own = trimmed.starts_with(['#', '|', '>'])
            || trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed.starts_with("+ ")
            || starts_numbered(trimmed);
        if trimmed.is_empty() || own {
            if let Some(s) = start.take() {
                out.push((s, line_start.saturating_sub(1).max(s)));
            }
            if own {
                out.push((line_start, line_start + content.len()));
            }
            continue;
        }
        start.get_or_insert(line_start);
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn starts_numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits < 4 && line[digits..].starts_with(". ")
}

/// Splits paragraph `start..end` into sentences.
fn split_sentences(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut s = start;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        let ends = match b {
            b'.' | b'!' | b'?' => {
                // The sentence may close a quotation or parenthesis first.
                let mut j = i + 1;
                while j < end && matches!(bytes[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                let closing_quote = text[j..end].starts_with(['”', '’']);
                if closing_quote {
                    j += 3;
                }
                let next = text[j.min(end)..end].chars().next();
                let after = text[j.min(end)..end].trim_start().chars().next();
                let spaced = next.is_some_and(char::is_whitespace);
                let ok = j >= end
                    || (spaced
                        && after.is_some_and(|c| {
                            c.is_uppercase()
                                || c.is_ascii_digit()
                                || matches!(c, '"' | '“' | '‘' | '(' | '¿' | '¡' | '*' | '[')
                        }));
                if ok && b == b'.' && !ends_sentence_at_dot(text, start, i) {
                    None
                } else if ok {
                    Some(j.min(end))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(e) = ends {
            push_trimmed(text, s, e, out);
            s = e;
            i = e;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, s, end, out);
}

/// Whether the `.` at `i` ends a sentence: not after an abbreviation, an initial (`J.`), a
/// dotted acronym (`U.S.`) or inside a number.
fn ends_sentence_at_dot(text: &str, start: usize, i: usize) -> bool {
    let before = &text[start..i];
    let word =
        before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“').next().unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // `J.` and `U.S.`: single letters between dots.
    if letters == 1 && word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 1) {
        return false;
    }
    true
}

/// The longest a sentence may be, in bytes. Text without sentence breaks (a flattened
/// table, scraped junk) is cut into pieces this long at spaces, so that reading a figure's
/// sentence never means reading all of it.
pub(crate) const MAX_SENTENCE: usize = 1_500;

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (mut s, e) = (s + lead, e - trail);
    while e > s + MAX_SENTENCE {
        let mut cut = s + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let at_space = text[s..cut].rfind(' ').map_or(cut, |p| s + p + 1);
        let cut = if at_space > s { at_space } else { cut };
        out.push((s, cut));
        s = cut;
    }
    if s < e {
        out.push((s, e));
    }
}

/// Quotations in paragraph `start..end`: curly pairs, straight pairs, and a quote left
/// open at the paragraph's end (news style for a quote running on).
fn quotes_in(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let para = &text[start..end];
    for (rel, c) in para.char_indices() {
        let at = start + rel;
        match c {
            '“' | '«' => open = Some(at + c.len_utf8()),
            '”' | '»' => {
                if let Some(o) = open.take() {
                    out.push((o, at));
                }
            }
            '"' => match open.take() {
                Some(o) => out.push((o, at)),
                None => {
                    // An opening quote is not preceded by a word character.
                    let prev = para[..rel].chars().next_back();
                    if !prev.is_some_and(char::is_alphanumeric) {
                        open = Some(at + 1);
                    }
                }
            },
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push((o, end));
    }
    out
}

/// Whether `word` (lower case) appears in `lower[from..to]` as a whole word or phrase.
pub(crate) fn has_phrase(lower: &str, from: usize, to: usize, phrase: &str) -> bool {
    find_phrase(lower, from, to, phrase).is_some()
}

/// Where `phrase` (lower case) starts in `lower[from..to]` as a whole word or phrase.
pub(crate) fn find_phrase(lower: &str, from: usize, to: usize, phrase: &str) -> Option<usize> {
    let hay = lower.get(from..to)?;
    let bytes = hay.as_bytes();
    let mut search = 0;
    while let Some(p) = hay[search..].find(phrase) {
        let at = search + p;
        let before_ok = at == 0 || !is_word_byte(bytes[at - 1]);
        let after = at + phrase.len();
        let after_ok = after >= bytes.len() || !is_word_byte(bytes[after]) || phrase.ends_with(' ');
        if before_ok && after_ok {
            return Some(from + at);
        }
        search = at + 1;
        while !hay.is_char_boundary(search) {
            search += 1;
        }
    }
    None
}

/// Where the last occurrence of `phrase` starts in `lower[from..to]`, whole words only.
pub(crate) fn rfind_phrase(lower: &str, from: usize, to: usize, phrase: &str) -> Option<usize> {
    let hay = lower.get(from..to)?;
    let bytes = hay.as_bytes();
    let mut last = None;
    for (at, _) in hay.match_indices(phrase) {
        let before_ok = at == 0 || !is_word_byte(bytes[at - 1]);
        let after = at + phrase.len();
        let after_ok = after >= bytes.len() || !is_word_byte(bytes[after]) || phrase.ends_with(' ');
        if before_ok && after_ok {
            last = Some(from + at);
        }
    }
    last
}

pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The start of the `n`th word before `at`, not before `floor`.
pub(crate) fn words_back(text: &str, floor: usize, at: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at.min(bytes.len());
    for _ in 0..n {
        while i > floor && !is_word_byte(bytes[i - 1]) {
            i -= 1;
        }
        while i > floor && is_word_byte(bytes[i - 1]) {
            i -= 1;
        }
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i.max(floor)
}

/// The end of the `n`th word after `at`, not after `ceiling`.
pub(crate) fn words_forward(text: &str, at: usize, ceiling: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    let ceiling = ceiling.min(bytes.len());
    let mut i = at.min(ceiling);
    for _ in 0..n {
        while i < ceiling && !is_word_byte(bytes[i]) {
            i += 1;
        }
        while i < ceiling && is_word_byte(bytes[i]) {
            i += 1;
        }
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The sentence text with Markdown markers and runs of spaces tidied, for quoting.
pub(crate) fn clean_sentence(s: &str) -> String {
    let s = s.trim().trim_start_matches(['-', '*', '+', '|', '#', '>']).trim();
    let s = s.trim_end_matches('|');
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word.trim_matches('*'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Doc::new(text);
        doc.sentences.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_end_sentences() {
        assert_eq!(
            sentences("Microsoft Corp. Vice Chair Brad Smith said the U.S. plan holds. It costs $80.5 billion. J. P. Morgan agreed."),
            ["Microsoft Corp. Vice Chair Brad Smith said the U.S. plan holds.", "It costs $80.5 billion.", "J. P. Morgan agreed."]
        );
        assert_eq!(
            sentences("“We will invest,” she said. “It is a lot.” Then he left.\n\n- A list item\n- Another"),
            ["“We will invest,” she said.", "“It is a lot.”", "Then he left.", "- A list item", "- Another"]
        );
    }

    #[test]
    fn quotes_run_to_the_end_of_an_open_paragraph() {
        let text = "Jassy said: “We expect to spend roughly the same.\n\nNext paragraph.";
        let doc = Doc::new(text);
        assert_eq!(doc.quotes.len(), 1);
        let (s, e) = doc.quotes[0];
        assert_eq!(&text[s..e], "We expect to spend roughly the same.");
    }

    #[test]
    fn phrases_are_whole_words() {
        let lower = "the company's capex and capital expenditures";
        assert_eq!(find_phrase(lower, 0, lower.len(), "capex"), Some(14));
        assert!(find_phrase(lower, 0, lower.len(), "cap").is_none());
        assert_eq!(rfind_phrase(lower, 0, lower.len(), "capital expenditures"), Some(24));
        assert_eq!(words_back(lower, 0, 24, 2), 14);
        assert_eq!(words_forward(lower, 0, lower.len(), 2), 11, "`company's` is two words");
    }
}
