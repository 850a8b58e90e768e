//! Hard-wrapped plain text (a line break every ~70 characters, common in wire republications)
//! joined back into paragraphs, so `at least 250` / `billion yuan` is one figure again.
//!
//! Two lines are one paragraph when the first does not end a sentence and the second starts
//! in lower case or with a continuing character; or when the page is wrapped at a width and
//! the first line fills it (the next word did not fit). Lines that are page furniture, date
//! lines or bylines are never joined by width.

use crate::furniture;

/// How many characters short of the wrap width a full line may be: the next word did not
/// fit, and words are rarely longer.
const WORD_ALLOWANCE: usize = 20;

/// How many characters a wrapped line may run past the widest one seen breaking before a
/// lower-case word (that one may have been a little short of the real width).
const OVER_WIDTH: usize = 6;

/// The width a page is wrapped at, when it is: at least three lines that break mid-sentence
/// at about the same length.
pub(crate) fn wrap_width(lines: &[&str]) -> Option<usize> {
    let broken: Vec<(&str, &str)> = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && !w[1].trim().is_empty())
        .map(|w| (w[0].trim_end(), w[1].trim_start()))
        .filter(|(l, _)| !furniture::ends_sentence(l) && l.chars().count() >= 40)
        .collect();
    // Wrapped prose breaks mid-sentence before lower-case words most of the time; a column
    // of headlines or menu items never does.
    let mid_sentence = broken.iter().filter(|(_, next)| next.starts_with(char::is_lowercase)).count();
    if broken.len() < 3 || mid_sentence < 2 || mid_sentence * 10 < broken.len() * 3 {
        return None;
    }
    let mut lengths: Vec<usize> = broken.iter().map(|(l, _)| l.chars().count()).collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    // The width is the widest line broken before a lower-case word: those are surely
    // wrapped, while a long headline or menu above the story may be wider than the text.
    let max = broken
        .iter()
        .filter(|(_, next)| next.starts_with(char::is_lowercase))
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(lengths[lengths.len() - 1]);
    // Most wrapped lines end within a word's length of the widest one.
    let near_max = lengths.iter().filter(|&&l| l + WORD_ALLOWANCE >= max).count();
    ((45..=110).contains(&median) && near_max * 3 >= lengths.len() * 2).then_some(max)
}

/// Whether paragraphs on this page are separated by blank lines: most lines that end a
/// sentence are followed by one. Then a full-width line that ends a sentence does not end
/// its paragraph. On a page wrapped at `width`, only the lines short of it count: a full
/// line that ends a sentence is as likely mid-paragraph as at its end.
pub(crate) fn blank_separated(lines: &[&str], width: Option<usize>) -> bool {
    let mut ends = 0;
    let mut blank_after = 0;
    let counts = |l: &str| {
        let words = l.split_whitespace().count();
        match width {
            Some(w) => words >= 3 && l.trim_end().chars().count() + WORD_ALLOWANCE < w,
            None => words >= 6,
        }
    };
    for w in lines.windows(2) {
        if !w[0].trim().is_empty() && furniture::ends_sentence(w[0]) && counts(w[0]) {
            ends += 1;
            blank_after += usize::from(w[1].trim().is_empty());
        }
    }
    ends >= 2 && blank_after * 10 >= ends * 6
}

/// The page's wrapping, worked out once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Wrapping {
    /// The width lines are broken at, if they are.
    pub(crate) width: Option<usize>,
    /// Paragraphs are separated by blank lines.
    pub(crate) blank_separated: bool,
}

impl Wrapping {
    /// Looks at a page's lines.
    pub(crate) fn of(lines: &[&str]) -> Wrapping {
        let width = wrap_width(lines);
        Wrapping { width, blank_separated: blank_separated(lines, width) }
    }

    /// Whether `next` continues the paragraph `line` is in. `structural` says whether either
    /// line is a byline, date line, ticker line or furniture, which are never joined.
    pub(crate) fn continues(&self, line: &str, next: &str, structural: bool) -> bool {
        let line = line.trim_end();
        let next = next.trim_start();
        if line.is_empty() || next.is_empty() || line.ends_with(':') || starts_list_item(next) {
            return false;
        }
        // `$30 billion: the Azure deal` over `1 GW: the capacity`: a panel's entries, each
        // a label and its text, are lines of their own.
        if structural || (label_entry(line) && label_entry(next)) {
            return false;
        }
        let ends = furniture::ends_sentence(line);
        if continuing_start(next) && (!ends || abbreviation_end(line)) {
            return true;
        }
        // No paragraph ends on `the`, `of` or `to`, and a figure after an unfinished line
        // (`plans to invest` / `$10 billion`) carries its sentence on.
        let sentence_so_far = line.split_whitespace().count() >= 5;
        // (Not a numbered list's next item: `2. Tokyo condo prices…`.)
        let digits = next.chars().take_while(char::is_ascii_digit).count();
        let numbered =
            digits > 0 && next[digits..].starts_with(['.', ')']) && next[digits + 1..].starts_with(' ');
        let figure_next = (next
            .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥'))
            || next.starts_with("US$"))
            && !numbered;
        if !ends && sentence_so_far && (ends_on_function_word(line) || figure_next) {
            return true;
        }
        let Some(width) = self.width else { return false };
        // A line well over the width was never wrapped at it (a caption, a headline).
        let length = line.chars().count();
        let full = length + WORD_ALLOWANCE >= width && length <= width + OVER_WIDTH;
        full && (!ends || self.blank_separated)
    }
}

/// A short line led by a label and a colon (`$30 billion: …`, `Capacity: …`).
fn label_entry(line: &str) -> bool {
    let Some((label, _)) = line.split_once(": ") else { return false };
    (1..=4).contains(&label.split_whitespace().count()) && line.chars().count() <= 90
}

/// A line that carries on a sentence: lower case, a digit after a broken number
/// (`250` / `billion`), or punctuation that cannot start one.
fn continuing_start(next: &str) -> bool {
    next.chars().next().is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ')' | '%' | '…'))
}

/// Words a sentence cannot stop on: articles, prepositions, conjunctions.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "from", "into", "and",
    "or", "but", "as", "than", "that", "its", "their", "his", "her", "about", "between", "over",
    "after", "before", "amid", "despite", "against", "across", "through", "under", "toward",
    "towards", "without", "within", "via", "per", "while", "since", "because", "whose", "our",
    "your", "nor",
    "de", "del", "la", "el", "los", "las", "en", "y", "o", "que", "con", "por", "para", "un",
    "una", "su", "sus", "al",
    // French, Portuguese, German and Italian.
    "des", "les", "du", "aux", "au", "et", "dos", "das", "do", "da", "em", "und", "der", "die",
    "mit", "für", "von", "dei", "della", "delle", "di",
];

fn ends_on_function_word(line: &str) -> bool {
    let last = line.split_whitespace().next_back().unwrap_or("").to_lowercase();
    FUNCTION_WORDS.contains(&last.as_str())
}

/// `U.S.`, `Inc.`, `Corp.`: a full stop that does not end the sentence when lower case follows.
fn abbreviation_end(line: &str) -> bool {
    let last = line.split_whitespace().next_back().unwrap_or("");
    last.len() <= 6 && last.ends_with('.') && last.chars().filter(|c| *c == '.').count() >= 1
}

fn starts_list_item(line: &str) -> bool {
    line.starts_with(['•', '·', '▪', '■', '●', '*', '-', '–', '—', '|'])
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "BEIJING, Feb 24 (Reuters) - Alibaba Group will invest at least 380\n\
billion yuan ($53 billion) in cloud computing and artificial intelligence\n\
infrastructure over the next three years, the company said on Monday,\n\
more than it spent on AI and cloud in the past decade.\n\
\n\
The investment underlines Alibaba's push into AI, Chief Executive Eddie\n\
Wu said in a statement, adding that demand for computing would keep\n\
growing for years.\n";

    fn paragraphs(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let w = Wrapping::of(&lines);
        let mut out: Vec<String> = Vec::new();
        let mut joining = false;
        for (i, line) in lines.iter().enumerate() {
            if line.trim().is_empty() {
                joining = false;
                continue;
            }
            if joining {
                if let Some(last) = out.last_mut() {
                    last.push(' ');
                    last.push_str(line.trim());
                }
            } else {
                out.push(line.trim().to_string());
            }
            joining = lines.get(i + 1).is_some_and(|n| w.continues(line, n, false));
        }
        out
    }

    #[test]
    fn a_panels_entries_stay_apart() {
        let w = Wrapping::default();
        assert!(!w.continues(
            "$12 billion: the cloud region's total to",
            "4 GW: the power it will draw",
            false
        ));
    }

    #[test]
    fn a_line_that_stops_on_a_preposition_goes_on() {
        let w = Wrapping::default();
        assert!(w.continues("Oracle lifts its capex forecast again after", "Q2 cloud bookings jump", false));
        assert!(w.continues(
            "La empresa invertirá 3.000 millones de euros en centros des",
            "Hauts-de-France",
            false
        ));
        assert!(!w.continues("Oracle lifts its capex forecast again", "Q2 cloud bookings jump", false));
    }

    #[test]
    fn a_wire_story_wrapped_at_seventy_columns() {
        let p = paragraphs(WIRE);
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].contains("at least 380 billion yuan"), "{}", p[0]);
        assert!(p[1].contains("Eddie Wu said"), "{}", p[1]);
    }

    #[test]
    fn the_width_is_the_texts_not_a_longer_headline_or_captions() {
        let page = "Markets Home | Watchlists | My Portfolio | Markets | News | Videos | Screeners
Meta shares climb as the social media group lifts its data center budget for next year
The chief executive at an event in Menlo Park, California, last month. Jane Roe | Reuters
July 30 (Reuters) - Meta Platforms raised the low end of its capital
spending forecast on Wednesday and said it expected to spend much
more next year, as it pours money into servers and data centers for
artificial intelligence.

The shares rose 10% in extended trading, lifting rivals Alphabet and
Microsoft (MSFT.O) with them.
";
        let p = paragraphs(page);
        assert_eq!(p.len(), 5, "{p:#?}");
        assert!(p[2].ends_with("Jane Roe | Reuters"), "{}", p[2]);
        assert!(p[4].contains("Alphabet and Microsoft (MSFT.O)"), "{}", p[4]);
    }

    #[test]
    fn a_broken_figure_is_joined_even_without_a_width() {
        let p = paragraphs("Alibaba will spend at least 250\nbillion yuan on AI.\nThe shares rose.\n");
        assert_eq!(p, ["Alibaba will spend at least 250 billion yuan on AI.", "The shares rose."]);
    }

    #[test]
    fn a_line_that_stops_on_a_small_word_or_before_a_figure_goes_on() {
        let text = "The county approved tax breaks for the\nCampus that the developer plans near the river.\nThe developer plans to invest\n$4.2 billion over six years, it said.\nLa empresa invertirá en la\nprovincia de Neuquén.\n";
        assert_eq!(
            paragraphs(text),
            [
                "The county approved tax breaks for the Campus that the developer plans near the river.",
                "The developer plans to invest $4.2 billion over six years, it said.",
                "La empresa invertirá en la provincia de Neuquén.",
            ]
        );
        // A short line (a label, a headline) stays on its own.
        assert_eq!(paragraphs("Read more about\nThe shares rose.\n").len(), 2);
        // A numbered list's items stay apart, though the first ends on a figure.
        assert_eq!(
            paragraphs("1. Chip exports rise for a ninth month in 2025\n2. Yen weakens past 150\n").len(),
            2
        );
    }

    #[test]
    fn one_line_per_paragraph_is_left_alone() {
        let text = "Microsoft said it would spend $80 billion on AI-enabled data centres in fiscal 2025.\nMore than half of the total will be spent in the United States, the company said.\nThe shares closed higher.\n";
        assert_eq!(paragraphs(text).len(), 3);
    }

    #[test]
    fn short_header_lines_are_not_joined() {
        let text = format!("Alibaba to spend $53 billion on AI\nBy Jane Roe\n\n{WIRE}");
        let p = paragraphs(&text);
        assert_eq!(p[0], "Alibaba to spend $53 billion on AI");
        assert_eq!(p[1], "By Jane Roe");
    }
}
