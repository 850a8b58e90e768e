//! Page furniture: the lines and blocks news sites print around an article (photo credits,
//! timestamps, agency sign-offs, syndication notices, ad labels, "read more" links, newsletter
//! boxes, share bars, key-figure panels, video teasers, icon text, trending lists…), told
//! apart from article text by their shape alone. Pure functions over text: `import` removes
//! what they find from new pages, and dedup can ignore it when comparing stored bodies.
//!
//! Every rule is a shape, never a site: a fixed label (`Advertisement`), a distinctive prefix
//! with a length cap (`Read more: …`, `FILE PHOTO: …`), a line made only of one vocabulary
//! (share buttons, date words), or a label followed by the list it introduces. A long sentence
//! is never removed for a word it contains.

mod markdown;
mod words;

use markdown::markdown_units;
use std::ops::Range;
pub use words::AGENCIES;
use words::{
    DATE_FILLERS, LABELS, MONTHS, NEWSLETTER_WORDS, PREFIXES, SHARE_STRONG, SHARE_WORDS, SOCIAL, WEEKDAYS,
};

/// What a piece of furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Menus, breadcrumbs, "Skip to content", sign-in links.
    Navigation,
    /// A one- or two-word banner: "Breaking", "Exclusive", "Live".
    Label,
    /// "Advertisement", "Story continues below advertisement".
    AdLabel,
    /// Share buttons printed as words.
    ShareBar,
    /// An icon's alt text, a gallery counter, a loading placeholder.
    IconText,
    /// "5 min read".
    ReadingTime,
    /// "Listen to this article", a player's clock.
    Audio,
    /// A video's duration and its teaser headline, "Watch: …".
    Video,
    /// A date or time line inside the body: "3 Mar 2025 09:40AM (Updated: …)".
    Timestamp,
    /// A photo caption or credit: "FILE PHOTO: …", "Name | Agency", "Photo: Reuters".
    Caption,
    /// "Source: Reuters".
    SourceCredit,
    /// "(Reporting by …; Editing by …)", "With assistance from …".
    WireSignoff,
    /// "This article was originally published …", "auto-generated from a syndicated feed".
    Syndication,
    /// "© 2025 …", "All rights reserved".
    Copyright,
    /// "Read more: …", "See also", "Related stories" and the links under them.
    SeeAlso,
    /// A newsletter sign-up box.
    Newsletter,
    /// A key-figure or key-points panel.
    KeyFigures,
    /// A trending or most-read list.
    Trending,
    /// A comments prompt.
    Comments,
    /// App, social and "follow us" promotions.
    Promotion,
    /// "Subscribe to continue reading".
    Paywall,
    /// Cookie consent text.
    Cookies,
    /// "Was this article helpful?"
    Feedback,
    /// Topic tags.
    Tags,
    /// "Disclaimer: …", an author's box.
    Disclaimer,
    /// A stock quote box: `GOOGL | ALPHABET INC. | 190.10 | +0.87 | +0.46%`.
    Quote,
    /// A line of dashes, stars or other punctuation alone.
    Separator,
    /// A call's or panel's list of participants: `Call Participants:` and the names under it.
    Participants,
}

impl Kind {
    /// What the furniture is, for reports.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Navigation => "navigation",
            Kind::Label => "banner label",
            Kind::AdLabel => "ad label",
            Kind::ShareBar => "share bar",
            Kind::IconText => "icon text",
            Kind::ReadingTime => "reading time",
            Kind::Audio => "audio player",
            Kind::Video => "video teaser",
            Kind::Timestamp => "timestamp",
            Kind::Caption => "photo caption or credit",
            Kind::SourceCredit => "source credit",
            Kind::WireSignoff => "wire sign-off",
            Kind::Syndication => "syndication notice",
            Kind::Copyright => "copyright line",
            Kind::SeeAlso => "see-also link",
            Kind::Newsletter => "newsletter sign-up",
            Kind::KeyFigures => "key-figure panel",
            Kind::Trending => "trending list",
            Kind::Comments => "comments prompt",
            Kind::Promotion => "promotion",
            Kind::Paywall => "paywall notice",
            Kind::Cookies => "cookie notice",
            Kind::Feedback => "feedback prompt",
            Kind::Tags => "topic tags",
            Kind::Disclaimer => "disclaimer",
            Kind::Quote => "stock quote",
            Kind::Separator => "separator line",
            Kind::Participants => "participants list",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// What a unit of text is in its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A paragraph, or a line of a plain-text page.
    Paragraph,
    /// A heading.
    Heading,
    /// One item of a list.
    ListItem,
    /// An image on its own; the text is its alt text.
    Image,
    /// A table, code block or anything else that is never furniture.
    Other,
}

/// One unit of a page as a reader sees it: the visible text of a paragraph, heading, list
/// item or image.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    /// Visible text (Markdown syntax and link targets removed).
    pub text: &'a str,
    /// What kind of block it is.
    pub kind: UnitKind,
    /// All of its text is a link (a teaser, a menu item).
    pub linked: bool,
}

impl<'a> Unit<'a> {
    /// A paragraph of plain text.
    pub fn paragraph(text: &'a str) -> Unit<'a> {
        Unit { text, kind: UnitKind::Paragraph, linked: false }
    }
}

/// Classifies one line on its own, without the lines around it.
pub fn line(text: &str) -> Option<Kind> {
    // `____`, `* * *`: a rule of punctuation alone (before folding, which may drop it).
    let trimmed = text.trim();
    if !trimmed.is_empty() && !trimmed.chars().any(char::is_alphanumeric) && trimmed.chars().count() >= 3 {
        return Some(Kind::Separator);
    }
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    let bare = folded
        .trim_end_matches([':', '.', '…', '!', '»', '›', '>', '|', '-', '–', '—', '→'])
        .trim_start_matches(['.', '…'])
        .trim();
    if let Some(kind) = exact_label(bare).or_else(|| list_label(bare)) {
        return Some(kind);
    }
    let words = folded.split_whitespace().count();
    if let Some(kind) = by_prefix(&folded, words).or_else(|| label_then_teaser(&folded, words)) {
        return Some(kind);
    }
    // A line wholly in square brackets is the outlet's aside, read as its inside:
    // `[Copyright The Jiji Press, Ltd.]`.
    if let Some(inner) = folded.strip_prefix('[').and_then(|f| f.strip_suffix(']')) {
        if let Some(kind) = by_prefix(inner.trim(), words) {
            return Some(kind);
        }
    }
    by_shape(text, &folded, words).or_else(|| labels_in_a_row(&folded))
}

/// A teaser led by a list's or player's own label and a colon: `WATCH NOW: The chief
/// executive on the build-out`, `Recommended for you: …`, `Up next - …`.
fn label_then_teaser(folded: &str, words: usize) -> Option<Kind> {
    let (label, _) = folded.split_once([':', '|']).or_else(|| folded.split_once(" - "))?;
    let kind = exact_label(label.trim())?;
    let teaser = matches!(kind, Kind::Video | Kind::Audio | Kind::SeeAlso | Kind::Trending | Kind::Promotion);
    (teaser && words <= 30).then_some(kind)
}

/// List headings with a name in them: `Most Read from Bloomberg`, `More Business News`,
/// `More from Example News`, `Read More News on`.
fn list_label(bare: &str) -> Option<Kind> {
    let words = bare.split_whitespace().count();
    if words > 8 || ends_sentence(bare) {
        return None;
    }
    let trending =
        ["most read", "most popular", "most viewed", "latest from", "top stories from", "lo más leído"];
    let see_also =
        ["more from ", "more in ", "more on ", "related to ", "read more ", "don't miss", "más de "];
    let more_news = (bare.starts_with("more ") || bare.starts_with("related "))
        && [
            "news",
            "stories",
            "articles",
            "videos",
            "coverage",
            "galleries",
            "photos",
            "episodes",
            "podcasts",
        ]
        .iter()
        .any(|t| bare.ends_with(t));
    if trending.iter().any(|p| bare.starts_with(p)) {
        Some(Kind::Trending)
    } else if more_news || see_also.iter().any(|p| bare.starts_with(p)) {
        Some(Kind::SeeAlso)
    } else {
        None
    }
}

/// Labels run together on one line: `Advertisement · Scroll to continue`,
/// `Share | Save | Print`.
fn labels_in_a_row(folded: &str) -> Option<Kind> {
    let parts: Vec<&str> = folded
        .split(['·', '|', '•'])
        .flat_map(|p| p.split(" - "))
        .map(|p| p.trim().trim_end_matches([':', '.']))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let kinds: Vec<Option<Kind>> = parts.iter().map(|p| exact_label(p)).collect();
    kinds.iter().all(Option::is_some).then(|| kinds[0]).flatten()
}

/// Classifies every unit of a page, in order: each line's own shape, then the rules that
/// need neighbours (a label and the list under it, a video's duration and its teaser, a
/// newsletter box, a caption above its credit, a run of menu items).
pub fn classify(units: &[Unit<'_>]) -> Vec<Option<Kind>> {
    let mut out: Vec<Option<Kind>> = units
        .iter()
        .map(|u| match u.kind {
            UnitKind::Other => None,
            UnitKind::Image => image(u.text),
            _ => line(u.text),
        })
        .collect();
    lists_under_labels(units, &mut out);
    video_teasers(units, &mut out);
    newsletter_boxes(units, &mut out);
    captions_above_credits(units, &mut out);
    menu_runs(units, &mut out);
    company_boilerplate(units, &mut out);
    promotion_buttons(units, &mut out);
    sponsor_blocks(units, &mut out);
    credited_sources(units, &mut out);
    live_blog_entries(units, &mut out);
    out
}

/// A live blog's entry time: a clock time alone on its line, maybe with its zone
/// (`6:58 PM ET`, `18:40`), no day.
pub fn entry_time(text: &str) -> bool {
    let folded = fold(text);
    let tokens: Vec<&str> = folded.split_whitespace().collect();
    (1..=3).contains(&tokens.len())
        && tokens.iter().filter(|t| clock(t)).count() == 1
        && tokens.iter().all(|t| clock(t) || DATE_FILLERS.contains(t))
}

/// A live blog's entries, each a time over its text: three or more times, each followed by a
/// paragraph of prose, are the blog's own headings and stay in the body (a lone time stamp
/// elsewhere on the page is a timestamp).
fn live_blog_entries(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    let entry = |i: usize| {
        entry_time(units[i].text)
            && units[i + 1..].iter().find(|u| !u.text.trim().is_empty()).is_some_and(|n| {
                n.kind == UnitKind::Paragraph && word_count(n.text) >= 8 && ends_sentence(n.text)
            })
    };
    let entries: Vec<usize> = (0..units.len()).filter(|&i| entry(i)).collect();
    if entries.len() >= 3 {
        for i in entries {
            // (`6:58 PM ET` also reads as a video's duration and a caption.)
            if matches!(out[i], Some(Kind::Timestamp | Kind::Video)) {
                out[i] = None;
            }
        }
    }
}

/// `NEWS PROVIDED BY` alone on its line: the name under it is the source being credited (a
/// press release's issuer), not a writer.
fn credited_sources(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    for i in 0..units.len().saturating_sub(1) {
        let label = fold(units[i].text);
        let bare = label.trim_end_matches([':', ' ']);
        let alone = bare.ends_with(" by") || bare.ends_with(" por") || bare.ends_with(" de");
        if out[i] == Some(Kind::SourceCredit) && alone && word_count(units[i + 1].text) <= 8 {
            out[i + 1] = Some(out[i + 1].unwrap_or(Kind::SourceCredit));
        }
    }
}

/// A promotion box: a button (`LEARN MORE`, `Try it free`) under its slogan (`Before it's
/// here, it's on the Terminal`), a short line that is no sentence.
/// A sponsor's box: its label (`TODAY'S ISSUE IS BROUGHT TO YOU BY …`, `SPONSORED: …`), the
/// pitch under it and the button or rule that closes it. Only a box that closes within a few
/// lines is taken, so a lone label before article text takes nothing with it.
fn sponsor_blocks(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    for i in 0..units.len() {
        let folded = fold(units[i].text);
        let sponsor = out[i] == Some(Kind::AdLabel)
            && ["brought to you by", "sponsored by", "presented by", "sponsored", "in partnership with"]
                .iter()
                .any(|w| folded.contains(w));
        if !sponsor {
            continue;
        }
        let end = (i + 1..(i + 4).min(units.len())).find(|&j| {
            matches!(out[j], Some(Kind::Promotion | Kind::Separator))
                && units[j].text.split_whitespace().count() <= 4
        });
        if let Some(end) = end {
            for slot in &mut out[i + 1..end] {
                *slot = Some(slot.unwrap_or(Kind::AdLabel));
            }
        }
    }
}

fn promotion_buttons(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    for i in 1..units.len() {
        let bare = fold(units[i].text);
        let bare = bare.trim_end_matches(['.', '!', '→', '›', '>', ' ']);
        let button = out[i] == Some(Kind::Promotion) && word_count(bare) <= 4 && exact_label(bare).is_some();
        let above = units[i - 1].text.trim();
        if button
            && out[i - 1].is_none()
            && units[i - 1].kind == UnitKind::Paragraph
            && (2..=14).contains(&word_count(above))
            && !ends_sentence(above)
        {
            out[i - 1] = Some(Kind::Promotion);
        }
    }
}

/// A press release's boilerplate: `About IBM` and the paragraph under it that says what the
/// company is (`IBM is a provider of …`), then what follows it to the end of the page: more
/// of the same (a second company's `About`, trademarks, forward-looking statements) and the
/// contacts. It stops at a heading that starts another section of the article or at a
/// paragraph that quotes someone.
fn company_boilerplate(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    let mut i = 0;
    while i + 1 < units.len() {
        if !about_company(units, i) {
            i += 1;
            continue;
        }
        out[i] = Some(out[i].unwrap_or(Kind::Disclaimer));
        out[i + 1] = Some(Kind::Disclaimer);
        let mut j = i + 2;
        // Under a contacts heading, names, numbers and addresses follow, none a sentence.
        let mut contacts = false;
        while j < units.len() {
            let text = units[j].text.trim();
            let heading = units[j].kind == UnitKind::Heading
                || (word_count(text) <= 8 && !ends_sentence(text) && !text.contains('@'));
            if out[j].is_some() || boilerplate_heading(text) || about_heading(text).is_some() {
                contacts |= fold(text).contains("contact");
                out[j] = Some(out[j].unwrap_or(Kind::Disclaimer));
            } else if (heading && !contacts) || quotes_someone(text) || units[j].kind == UnitKind::Other {
                break;
            } else {
                out[j] = Some(Kind::Disclaimer);
            }
            j += 1;
        }
        i = j;
    }
}

/// `About Northgate Power`: the name after `About` (`Acerca de`, `Sobre`), when the line is
/// only that heading.
fn about_heading(text: &str) -> Option<&str> {
    let text = text.trim().trim_start_matches(['#', ' ']).trim_matches(['*', '_']);
    let name = ["About ", "Acerca de ", "Sobre "].iter().find_map(|p| text.strip_prefix(p))?;
    let first = name.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
    let named = first.chars().next().is_some_and(char::is_uppercase)
        && (1..=6).contains(&word_count(name))
        && !ends_sentence(name.trim_end_matches(['.', ',']).trim_end_matches("Inc"));
    named.then_some(name)
}

/// `About IBM` (or `Acerca de`, `Sobre`) above a paragraph that names the company and says
/// what it is or does.
fn about_company(units: &[Unit<'_>], i: usize) -> bool {
    let Some(next) = units.get(i + 1) else { return false };
    let Some(name) = about_heading(units[i].text) else { return false };
    let first = name.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
    let opening: Vec<&str> = next.text.split_whitespace().take(12).collect();
    const SAYS_WHAT_IT_IS: [&str; 24] = [
        "is",
        "are",
        "es",
        "was",
        "provides",
        "operates",
        "develops",
        "designs",
        "builds",
        "makes",
        "helps",
        "delivers",
        "offers",
        "invests",
        "enables",
        "creates",
        "leads",
        "serves",
        "founded",
        "headquartered",
        "based",
        "fue",
        "ofrece",
        "desarrolla",
    ];
    let describes = next.kind == UnitKind::Paragraph
        && opening.iter().any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == first)
        && opening.iter().any(|w| {
            SAYS_WHAT_IT_IS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str())
        })
        && !quotes_someone(next.text);
    describes
}

/// Headings of the sections that close a press release.
fn boilerplate_heading(text: &str) -> bool {
    let folded = fold(text);
    let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
    word_count(bare) <= 8
        && [
            "forward-looking statement",
            "forward looking statement",
            "cautionary statement",
            "cautionary note",
            "safe harbor",
            "safe harbour",
            "media contact",
            "press contact",
            "investor contact",
            "investor relations",
            "contacts",
            "contact",
            "for more information",
            "trademarks",
            "declaraciones prospectivas",
            "contacto",
            "contactos de prensa",
            "contacto de prensa",
            "para más información",
        ]
        .iter()
        .any(|h| bare.starts_with(h))
}

/// A paragraph that quotes someone: a quotation mark and a reporting verb.
fn quotes_someone(text: &str) -> bool {
    let quoted = text.contains(['"', '“', '”', '«']);
    let lower = text.to_lowercase();
    quoted
        && [" said", " says", " told", " dijo", " afirmó", " señaló", " explained", " added"]
            .iter()
            .any(|v| lower.contains(v))
}

/// A piece of furniture found in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range of the whole block in the Markdown source.
    pub range: Range<usize>,
    /// What it is.
    pub kind: Kind,
    /// Its visible text.
    pub text: String,
}

/// Finds the furniture in a Markdown body: paragraphs, headings, list items and images,
/// by byte range (tables, code and raw HTML are left alone).
pub fn spans(markdown: &str) -> Vec<Span> {
    let blocks = markdown_units(markdown);
    let units: Vec<Unit<'_>> =
        blocks.iter().map(|b| Unit { text: &b.text, kind: b.kind, linked: b.linked }).collect();
    classify(&units)
        .into_iter()
        .zip(&blocks)
        .filter_map(|(kind, b)| kind.map(|kind| Span { range: b.range.clone(), kind, text: b.text.clone() }))
        .collect()
}

/// A Markdown body without its furniture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stripped {
    /// The body, furniture cut out, blank lines tidied.
    pub text: String,
    /// What was cut, in order.
    pub removed: Vec<Span>,
}

/// Cuts the furniture out of a Markdown body, leaving everything else as written.
pub fn strip(markdown: &str) -> Stripped {
    let removed = spans(markdown);
    if removed.is_empty() {
        return Stripped { text: markdown.to_string(), removed };
    }
    let mut text = String::with_capacity(markdown.len());
    let mut at = 0;
    for span in &removed {
        if span.range.start >= at {
            text.push_str(&markdown[at..span.range.start]);
            at = span.range.end;
        }
    }
    text.push_str(&markdown[at.min(markdown.len())..]);
    Stripped { text: tidy_blank_lines(&text), removed }
}

/// At most one blank line between blocks, none at the start, one newline at the end.
fn tidy_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() && blank_run > 0 {
            out.push('\n');
        }
        blank_run = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------
// Text helpers shared by the rules.

/// Lower case, straight quotes, one space between words, list markers, emphasis and
/// decoration trimmed from both ends.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c if c.is_whitespace() || c == '\u{200b}' => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    let trimmed = out.trim_matches(|c: char| {
        matches!(
            c,
            '*' | '_'
                | '#'
                | '>'
                | '•'
                | '·'
                | '▶'
                | '►'
                | '■'
                | '●'
                | '▪'
                | '◆'
                | '+'
                | '='
                | '~'
                | '`'
        ) || c.is_whitespace()
    });
    // A list marker: `- item`, `1. item`.
    let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    trimmed.trim().to_string()
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Ends like a sentence: `.`, `!`, `?` or `…`, maybe inside a closing quote or bracket.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', '»', ']', '*', '_']);
    t.ends_with(['.', '!', '?', '…', '。'])
}

/// Shaped like a headline or a teaser: a few words, no full stop at the end, starting with a
/// capital, a digit or a quote.
pub fn headline_shaped(text: &str) -> bool {
    let t = text.trim();
    let words = word_count(t);
    let starts_well = t.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\'' | '“' | '‘' | '¿' | '¡' | '$' | '€' | '£' | '¥')
    });
    (2..=28).contains(&words)
        && t.chars().count() <= 220
        && starts_well
        && (!t.ends_with('.') || t.ends_with("..."))
}

// ---------------------------------------------------------------------------------------
// Line rules.

fn exact_label(bare: &str) -> Option<Kind> {
    LABELS.iter().find(|(_, labels)| labels.contains(&bare)).map(|(kind, _)| *kind)
}

/// Prefixes that only count when followed by something that cannot start a sentence of the
/// article: `Follow Reuters on X`, not `Follow-on orders…`. The list above holds them; these
/// need one more check.
fn prefix_ok(prefix: &str, folded: &str) -> bool {
    match prefix {
        "follow " => {
            let rest = &folded[prefix.len()..];
            [" on ", " en "].iter().any(|on| rest.contains(on)) && SOCIAL.iter().any(|s| rest.contains(s))
        }
        "add " => folded.contains("preferred source") || folded.contains("google news"),
        "get the " | "get our " => {
            ["newsletter", "app", "inbox", "briefing", "email"].iter().any(|w| folded.contains(w))
        }
        "sign up for " | "sign up to " | "subscribe to the " => {
            ["newsletter", "inbox", "email", "briefing", "alerts", "free", "daily", "weekly"]
                .iter()
                .any(|w| folded.contains(w))
        }
        "download the " => ["app", "pdf", "podcast"].iter().any(|w| folded.contains(w)),
        "distributed by" | "originally published" => word_count(folded) <= 25,
        "sigue a " => SOCIAL.iter().any(|s| folded.contains(s)),
        "join the " => {
            ["whatsapp", "telegram", "channel", "community", "newsletter", "mailing list", "discord"]
                .iter()
                .any(|w| folded.contains(w))
        }
        "you are reading " | "you're reading " => {
            ["newsletter", "forward", "sign up", "subscribe"].iter().any(|w| folded.contains(w))
        }
        "join our " => {
            ["channel", "community", "whatsapp", "telegram", "newsletter", "app", "discord", "mailing"]
                .iter()
                .any(|w| folded.contains(w))
        }
        // `Subscribe to Grid Notes: the week's utility news, every Monday.`: a name, a colon and
        // what the list sends.
        "subscribe to " => {
            let named = folded[prefix.len()..].split_once(':').is_some_and(|(name, _)| word_count(name) <= 5);
            word_count(folded) <= 6
                || named
                || ["newsletter", "inbox", "email", "podcast", "daily", "weekly", "every week"]
                    .iter()
                    .any(|w| folded.contains(w))
        }
        "write to " | "edited by " | "compiled by " | "with inputs from " | "con información de " => {
            word_count(folded) <= 20
        }
        // `You have 2 articles remaining`, not `You have to wonder…`.
        "you have " | "te quedan " | "le quedan " => {
            ["article", "artículo", "story", "stories", "nota", "noticia"].iter().any(|w| folded.contains(w))
                && ["remaining", "left", "restantes", "gratis", "free"].iter().any(|w| folded.contains(w))
        }
        "get all the " | "catch the latest" | "recibe todas las" => {
            [" app", "newsletter", "updates", "notifications", "alerts", "noticias"]
                .iter()
                .any(|w| folded.contains(w))
                && [" on ", " in ", " with ", " en ", " via "].iter().any(|w| folded.contains(w))
        }
        // A reporter's or editor's address: `Contact Jane Roe at jroe@example.com`.
        "contact " | "reach " | "email " | "contacte a " | "escribe a " => {
            has_email(folded) || folded.split_whitespace().any(|w| w.starts_with('@') && w.len() > 2)
        }
        "lectura de " => folded.contains("min"),
        _ => true,
    }
}

fn by_prefix(folded: &str, words: usize) -> Option<Kind> {
    PREFIXES.iter().find_map(|(kind, max_words, prefixes)| {
        let hit = prefixes.iter().any(|p| folded.starts_with(p) && prefix_ok(p, folded));
        (hit && words <= *max_words).then_some(*kind)
    })
}

/// A news agency or picture desk alone (`Reuters`, `AFP/Getty Images`), as credits name them.
pub fn is_agency(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ',' | '=' | '-' | '—' | '–' | '/'))
        .trim();
    AGENCIES.contains(&t)
        || t.split(['/', '|', ',']).map(str::trim).filter(|s| !s.is_empty()).all(|s| AGENCIES.contains(&s))
            && !t.is_empty()
}

fn share_bar(folded: &str) -> bool {
    let tokens: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_matches(|c: char| matches!(c, ':' | '.' | '(' | ')' | '!')))
        .filter(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    !tokens.is_empty()
        && tokens.len() <= 16
        && tokens.iter().all(|t| SHARE_WORDS.contains(t))
        && tokens.iter().any(|t| SHARE_STRONG.contains(t))
}

/// A line that is only a date or time, with its labels: `3 Mar 2025 09:40AM (Updated: …)`,
/// `Published June 4, 2025`, `2 hours ago`.
pub fn date_only(folded: &str) -> bool {
    let mut anchor = false;
    let mut relative = false;
    let mut any = false;
    for raw in folded
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '(' | ')' | '/' | '—' | '–'))
    {
        let t = raw.trim_matches(|c: char| matches!(c, ':' | ';' | '-' | '.' | '[' | ']'));
        if t.is_empty() || t == "-" {
            continue;
        }
        any = true;
        if MONTHS.contains(&t) || WEEKDAYS.contains(&t) {
            anchor = true;
        } else if t.chars().all(|c| c.is_ascii_digit()) {
            if t.len() == 4 && (t.starts_with("19") || t.starts_with("20")) {
                anchor = true;
            }
            if t.len() > 4 {
                return false;
            }
        } else if numeric_date(t) {
            anchor = true;
        } else if relative_shorthand(t) {
            relative = true;
        } else if clock(t) || ordinal(t) {
        } else if DATE_FILLERS.contains(&t)
            || t.starts_with("gmt+")
            || t.starts_with("utc+")
            || t.starts_with("utc-")
            || t.starts_with("gmt-")
        {
            relative |= matches!(t, "ago" | "hace" | "há" | "vor" | "fa");
        } else {
            return false;
        }
    }
    any && (anchor || relative)
}

/// `2025-06-04`, `2025-06-04t18:12:00z`, `04/06/2025`, `2025.06.04`, `2025年6月4日`.
fn numeric_date(t: &str) -> bool {
    if t.contains('年') && t.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let head: String = t.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/')).collect();
    let parts: Vec<&str> = head.split(['-', '.', '/']).filter(|p| !p.is_empty()).collect();
    let two_digit_year =
        parts.len() == 3 && parts[0].len() <= 2 && parts[1].len() <= 2 && parts[2].len() == 2;
    parts.len() == 3
        && parts.iter().all(|p| p.len() <= 4)
        && (parts.iter().any(|p| p.len() == 4) || two_digit_year)
        && (head.len() == t.len() || t[head.len()..].starts_with('t'))
}

/// A social feed's age of a post: `1w`, `3d`, `5h`, `2mo`, `1yr`.
fn relative_shorthand(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits) && matches!(&t[digits..], "s" | "m" | "h" | "d" | "w" | "mo" | "y" | "yr")
}

/// `9:40`, `09:40am`, `18.12`, `6:12pm`, `18:12:00`, `18h12`.
fn clock(t: &str) -> bool {
    let t = t.trim_end_matches("am").trim_end_matches("pm").trim_end_matches('h');
    let parts: Vec<&str> = t.split([':', '.', 'h']).collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
}

fn ordinal(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= 2 && matches!(&t[digits..], "st" | "nd" | "rd" | "th" | "º" | "o")
}

/// `02:31` or `1:02:31`, alone or before a teaser: a video's duration.
fn duration_prefix(folded: &str) -> Option<&str> {
    let first = folded.split_whitespace().next()?;
    let parts: Vec<&str> = first.split(':').collect();
    let is_duration = (2..=3).contains(&parts.len())
        && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
        && parts.last().is_some_and(|p| p.len() == 2);
    is_duration.then(|| folded[first.len()..].trim())
}

/// `$80bn`, `RMB 380 billion`, `+12%`, `1,200 MW`: a figure and at most a unit.
fn figure_only(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let has_number = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    let units = [
        "bn", "billion", "million", "mn", "m", "trillion", "tn", "b", "%", "mw", "gw", "percent", "usd",
        "us$", "rmb", "yuan", "yen", "won", "eur", "euros", "dollars", "millones", "mil", "billones", "x",
        "pct", "gb", "tb", "units", "years", "jobs", "sites", "acres", "hectares", "campuses", "data",
    ];
    has_number
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ','));
            let core =
                w.trim_start_matches(['$', '€', '£', '¥', '₩', '₹', '+', '-', '−', '~', '≈', '>', '<']);
            core.chars().next().is_some_and(|c| c.is_ascii_digit())
                && core
                    .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','))
                    .chars()
                    .count()
                    <= 8
                || units.contains(&core)
                || units.contains(&w)
                || ["us$", "hk$", "s$", "a$", "c$", "r$"].iter().any(|p| w.starts_with(p))
        })
}

/// `Kiyoshi Ota | Bloomberg | Getty Images`, `Dado Ruvic | Reuters`.
fn name_pipe_agency(folded: &str) -> bool {
    let parts: Vec<&str> = folded.split('|').map(str::trim).filter(|p| !p.is_empty()).collect();
    parts.len() >= 2 && parts.iter().all(|p| word_count(p) <= 6) && parts.iter().skip(1).any(|p| is_agency(p))
}

/// A caption that ends with its credit: `… in Austin, Texas. Photo: Reuters`,
/// `… (Photo by Jane Doe/AFP via Getty Images)`, `… REUTERS/Florence Lo/File Photo`.
fn ends_with_credit(original: &str, folded: &str) -> bool {
    if word_count(folded) > 70 {
        return false;
    }
    let wire_slash = ["REUTERS/", "AFP/", "EPA/", "EPA-EFE/", "XINHUA/", "KYODO/", "AP/", "EFE/", "ANADOLU/"]
        .iter()
        .any(|p| original.contains(p));
    let tail = folded.trim_end_matches(['.', ')', ' ']);
    let credit_tail = [
        "getty images",
        "via getty images",
        "/ reuters",
        "/reuters",
        "/ afp",
        "/afp",
        "/ bloomberg",
        "/bloomberg",
        "/ ap",
        "/ efe",
        "/efe",
        "/ europa press",
        "/ shutterstock",
        "/ file photo",
        "/file photo",
    ]
    .iter()
    .any(|s| tail.ends_with(s));
    let credit_label =
        ["photo: ", "photo by ", "photograph: ", "image: ", "foto: ", "(photo ", "imagen: ", "credit: "]
            .iter()
            .filter_map(|l| folded.rfind(l))
            .any(|at| word_count(&folded[at..]) <= 8);
    wire_slash || credit_tail || credit_label
}

/// A photographer's credit: a person's name, a slash and the outlet or picture desk
/// (`Dana Whitfield/The Sandhills Courier-Journal`, `Lena Vogt/dpa/picture alliance`).
fn person_slash_outlet(original: &str) -> bool {
    let t = original.trim().trim_end_matches(['.', ')']).trim_start_matches('(');
    let Some((person, outlet)) = t.split_once('/') else { return false };
    let person_words: Vec<&str> = person.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    (2..=3).contains(&person_words.len())
        && person_words.iter().all(capitalised)
        && person_words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
        && !outlet.trim().is_empty()
        && !outlet.starts_with(' ')
        && word_count(outlet) <= 6
        && !ends_sentence(t)
        && !outlet.chars().any(|c| c.is_ascii_digit())
}

/// A desk's sign-off crediting agencies: `The Paris Ledger with AFP`, `Staff and agencies`,
/// `Redacción con agencias`. The part before is a name (capitalised words), so a headline
/// (`OpenAI signs a deal with AP`) is never one.
fn with_agencies(original: &str, words: usize) -> bool {
    let t = original.trim().trim_end_matches('.');
    if words > 8 || ends_sentence(t) {
        return false;
    }
    let Some((desk, credited)) =
        [" with ", " and ", " con ", " y ", " & "].iter().find_map(|sep| t.rsplit_once(sep))
    else {
        return false;
    };
    let credited = credited.to_lowercase();
    let small = ["the", "of", "de", "la", "el", "del", "le", "les"];
    let desk_named = desk.split_whitespace().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase) || small.contains(&w.to_lowercase().as_str())
    });
    desk_named
        && (matches!(credited.as_str(), "agencies" | "agencias" | "wires" | "wire services")
            || is_agency(&credited))
}

/// `Home > Tech > AI`, `Home / Business`, `Inicio » Economía`.
fn breadcrumb(folded: &str) -> bool {
    for sep in [" > ", " › ", " » ", " / ", " >> "] {
        let parts: Vec<&str> = folded.split(sep).map(str::trim).collect();
        if parts.len() >= 2
            && parts.iter().all(|p| !p.is_empty() && word_count(p) <= 4 && !ends_sentence(p))
            && (matches!(parts[0], "home" | "inicio" | "portada" | "news" | "noticias") || parts.len() >= 3)
        {
            return true;
        }
    }
    false
}

/// `Economía > Tecnología`: a section path, which starts an article's header.
fn section_path(folded: &str) -> bool {
    [" > ", " › ", " » ", " >> "].iter().any(|sep| {
        let parts: Vec<&str> = folded.split(sep).map(str::trim).collect();
        parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && word_count(p) <= 4 && !ends_sentence(p))
    })
}

/// `1 of 5`, `(2/7)`, `Image 3 of 12`, `Foto 1 de 4`.
fn gallery_counter(folded: &str) -> bool {
    let t = folded.trim_matches(['(', ')', ' ']);
    let t = ["image ", "photo ", "foto ", "imagen ", "slide "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    let parts: Vec<&str> =
        t.split(" of ").flat_map(|p| p.split(" de ")).flat_map(|p| p.split('/')).map(str::trim).collect();
    parts.len() == 2
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
}

fn by_shape(original: &str, folded: &str, words: usize) -> Option<Kind> {
    if !folded.chars().any(char::is_alphanumeric) && folded.chars().count() >= 3 {
        return Some(Kind::Separator);
    }
    if share_bar(folded) {
        return Some(Kind::ShareBar);
    }
    if words <= 8 && has_email(folded) {
        return Some(Kind::WireSignoff);
    }
    if let Some(kind) = parenthesised(original, folded, words) {
        return Some(kind);
    }
    let promo = ["click here", "clicking here", "tap here", "pulsa aquí", "haz clic aquí"];
    if words <= 15 && promo.iter().any(|p| folded.contains(p)) {
        return Some(Kind::Promotion);
    }
    let app = [" our app", " the app", " our free app", " nuestra app", " la app"];
    if words <= 14 && app.iter().any(|p| folded.contains(p)) {
        return Some(Kind::Promotion);
    }
    if words <= 16 && date_only(folded) {
        return Some(Kind::Timestamp);
    }
    if let Some(teaser) = duration_prefix(folded) {
        if teaser.is_empty() || (word_count(teaser) <= 25 && !ends_sentence(teaser)) {
            return Some(Kind::Video);
        }
    }
    if figure_only(folded) {
        return Some(Kind::KeyFigures);
    }
    if words <= 4 && is_agency(folded) {
        // `==Kyodo`, `-- Reuters`: the agency signing off; `Reuters` alone: a credit.
        let signed = original.trim_start().starts_with(['=', '-', '—', '–']);
        return Some(if signed { Kind::WireSignoff } else { Kind::Caption });
    }
    if name_pipe_agency(folded) || ends_with_credit(original, folded) {
        return Some(Kind::Caption);
    }
    // A social network's page title over a post: `Marcus Hale's Post`.
    if words <= 6 && (folded.ends_with("'s post") || folded.ends_with("'s posts")) {
        return Some(Kind::Label);
    }
    if person_slash_outlet(original) {
        return Some(Kind::Caption);
    }
    if with_agencies(original, words) {
        return Some(Kind::WireSignoff);
    }
    // An item that lives outside an email: `Chart of the day: … — view online`.
    let elsewhere = ["view online", "view in browser", "view in your browser", "read online", "ver en línea"];
    if words <= 25 && elsewhere.iter().any(|e| folded.trim_end_matches(['.', '→', '›', ' ']).ends_with(e))
    {
        return Some(Kind::Newsletter);
    }
    if let Some(kind) = cells_in_a_row(&fold(&gaps_as_bars(original))) {
        return Some(kind);
    }
    if words <= 6 && (folded.ends_with(" icon") || folded.starts_with("icon ") || folded.starts_with("icon-"))
    {
        return Some(Kind::IconText);
    }
    if gallery_counter(folded) {
        return Some(Kind::IconText);
    }
    if breadcrumb(folded) {
        return Some(Kind::Navigation);
    }
    if reading_time(folded) {
        return Some(Kind::ReadingTime);
    }
    if comment_count(folded) {
        return Some(Kind::Comments);
    }
    let advice = [
        "not investment advice",
        "not a registered investment adviser",
        "does not constitute investment advice",
        "for informational purposes only",
        "no constituye una recomendación",
        "no constituye asesoramiento",
    ];
    if words <= 60 && advice.iter().any(|p| folded.contains(p)) {
        return Some(Kind::Disclaimer);
    }
    if wire_slug(original) {
        return Some(Kind::WireSignoff);
    }
    let syndication_phrases = [
        "auto-generated from a syndicated feed",
        "published from a syndicated feed",
        "from a syndicated news feed",
    ];
    if words <= 60 && syndication_phrases.iter().any(|p| folded.contains(p)) {
        return Some(Kind::Syndication);
    }
    // An ad's small print: `Open an account today. T&Cs apply.`
    let small_print =
        ["t&cs apply", "t&c apply", "terms apply", "conditions apply", "terms and conditions apply"];
    if words <= 30 && small_print.iter().any(|p| folded.contains(p)) {
        return Some(Kind::AdLabel);
    }
    // A transcript's own notice: `This transcript was generated automatically …`, `… may
    // contain errors`.
    let machine =
        ["may contain errors", "generated automatically", "automatically generated", "machine-generated"];
    if words <= 40 && folded.contains("transcript") && machine.iter().any(|p| folded.contains(p)) {
        return Some(Kind::Disclaimer);
    }
    let reserved = [
        "all rights reserved",
        "todos los derechos reservados",
        "todos os direitos reservados",
        "tous droits réservés",
        "alle rechte vorbehalten",
        "tutti i diritti riservati",
    ];
    if words <= 30 && reserved.iter().any(|r| folded.contains(r)) {
        return Some(Kind::Copyright);
    }
    if words <= 25
        && (folded.contains("newsletter") || folded.contains("boletín"))
        && [
            "sign up",
            "sign-up",
            "signup",
            "subscribe",
            "inbox",
            "delivered",
            "suscr",
            "recib",
            "apúnt",
            "regístr",
        ]
        .iter()
        .any(|w| folded.contains(w))
    {
        return Some(Kind::Newsletter);
    }
    None
}

/// A run of two or more spaces between words made a bar: a menu copied from a page keeps
/// the gaps between its items (`首页 | Home  Finance  Tech  Markets`).
fn gaps_as_bars(original: &str) -> String {
    let mut out = String::with_capacity(original.len());
    let mut spaces = 0;
    for c in original.trim().chars() {
        if c == ' ' || c == '\u{a0}' {
            spaces += 1;
            continue;
        }
        match spaces {
            0 => {}
            1 => out.push(' '),
            _ => out.push_str(" | "),
        }
        spaces = 0;
        out.push(c);
    }
    out
}

/// Three or more short cells on one line: a menu run together (`Markets | Tech | Opinion`),
/// or a stock quote box when a cell is a price change or a quote table's heading.
fn cells_in_a_row(folded: &str) -> Option<Kind> {
    let cells: Vec<&str> =
        folded.split(['|', '·', '•', '\t']).map(str::trim).filter(|c| !c.is_empty()).collect();
    if cells.len() < 3 || !cells.iter().all(|c| word_count(c) <= 3) {
        return None;
    }
    let change = |c: &str| {
        c.starts_with(['+', '-', '−']) && c.chars().any(|ch| ch.is_ascii_digit())
            || matches!(
                c,
                "last" | "change" | "change %" | "% change" | "ticker" | "symbol" | "price" | "security"
            )
    };
    if cells.iter().any(|c| change(c)) {
        Some(Kind::Quote)
    } else {
        // Figures make it a row of data (`Meta | Q2 2025 | $66bn`), not a menu.
        (!folded.chars().any(|c| c.is_ascii_digit())).then_some(Kind::Navigation)
    }
}

/// An email address: `jhpark@example.kr`.
fn has_email(folded: &str) -> bool {
    folded.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    })
}

/// A line all in parentheses: a short credit (`(Tokyo Economy Now)`, `(With inputs from
/// agencies)`) or a promotion (`(Catch all the latest news … on our app.)`).
fn parenthesised(original: &str, folded: &str, words: usize) -> Option<Kind> {
    let inner = original.trim().strip_prefix('(')?.strip_suffix(')')?;
    if inner.contains(['(', ')']) {
        return None;
    }
    let capitalised = inner
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()));
    if words <= 4 && capitalised {
        return Some(Kind::SourceCredit);
    }
    // `(foto)`, `(video)`: where a picture or player was.
    if words <= 2 && inner.chars().all(|c| c.is_lowercase() || c.is_whitespace()) {
        return Some(Kind::IconText);
    }
    let promo = [
        "latest news",
        "breaking news",
        "news updates",
        "market news",
        "download",
        " app",
        "follow us",
        "subscribe",
        "newsletter",
        "click here",
    ];
    (words <= 60 && promo.iter().any(|p| folded.contains(p))).then_some(Kind::Promotion)
}

/// An agency's routing line after a story: its name and the editors' initials (`PTI ABC
/// XYZ`, `abc/ef`, `EFE mg/jl`).
fn wire_slug(original: &str) -> bool {
    let tokens: Vec<&str> = original.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 4 {
        return false;
    }
    let initials = |t: &str| {
        (2..=7).contains(&t.chars().count())
            && t.chars().all(|c| c.is_alphabetic() || c == '/')
            && (t.contains('/') || t.chars().all(|c| c.is_uppercase()))
    };
    let agency_first = is_agency(&tokens[0].to_lowercase()) && tokens.len() >= 2;
    (agency_first && tokens[1..].iter().all(|t| initials(t)))
        || (tokens.len() <= 2
            && tokens.iter().all(|t| t.contains('/') && initials(t) && t.chars().any(char::is_lowercase)))
}

/// `5 min read`, `3 minute read`, `2 min de lectura`, `4 min`, `Lecture 4 min.`, `4 min de
/// leitura`, `Lesezeit: 4 Min.`.
fn reading_time(folded: &str) -> bool {
    let folded = ["lecture", "temps de lecture", "leitura", "tempo de leitura", "lesezeit", "lettura"]
        .iter()
        .find_map(|w| folded.strip_prefix(w))
        .map_or(folded, |rest| rest.trim_start_matches([':', ' ']));
    let digits = folded.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = folded[digits..].trim().trim_end_matches('.');
    matches!(
        rest,
        "min"
            | "mins"
            | "min read"
            | "mins read"
            | "minute read"
            | "minutes read"
            | "minute"
            | "minutes"
            | "min de lectura"
            | "minutos de lectura"
            | "minuto de lectura"
            | "min. de lectura"
            | "min. read"
            | "min de lecture"
            | "min de leitura"
            | "minutos de leitura"
            | "min lesezeit"
            | "minuten lesezeit"
            | "min di lettura"
            | "minuti di lettura"
    )
}

/// `12 comments`, `3 comentarios`.
fn comment_count(folded: &str) -> bool {
    let mut words = folded.split_whitespace();
    let (Some(n), Some(w), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    n.chars().all(|c| c.is_ascii_digit())
        && matches!(w, "comments" | "comment" | "comentarios" | "comentario")
}

/// An image is furniture when its alt text is a credit, an icon or nothing at all.
fn image(alt: &str) -> Option<Kind> {
    let folded = fold(alt);
    if folded.is_empty() {
        return Some(Kind::IconText);
    }
    match line(alt) {
        Some(Kind::Caption) => Some(Kind::Caption),
        Some(_) if word_count(&folded) <= 4 => Some(Kind::IconText),
        _ if folded.contains("logo") && word_count(&folded) <= 5 => Some(Kind::IconText),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Rules that need neighbours.

/// How far the list under a label reaches.
#[derive(Clone, Copy)]
enum ListShape {
    /// Teasers: headline-shaped lines or linked items.
    Teasers,
    /// A panel of short lines (figures and their labels).
    Panel,
    /// Bullet points: list items only.
    Bullets,
    /// An author's box: at most two short paragraphs.
    AuthorBox,
}

fn list_shape(kind: Kind, folded: &str) -> Option<ListShape> {
    match kind {
        // Sponsored teasers come in lists; a lone `Advertisement` comes before article text.
        Kind::AdLabel if ["sponsored", "promoted", "partner", "paid"].iter().any(|w| folded.contains(w)) => {
            Some(ListShape::Teasers)
        }
        Kind::SeeAlso | Kind::Trending | Kind::Tags => Some(ListShape::Teasers),
        Kind::KeyFigures => Some(
            if [
                "key points",
                "key takeaways",
                "takeaways",
                "highlights",
                "in brief",
                "summary",
                "quick read",
                "resumen",
                "en resumen",
                "claves",
                "las claves",
                "puntos clave",
                "ai summary",
                "article summary",
            ]
            .contains(&folded)
            {
                ListShape::Bullets
            } else {
                ListShape::Panel
            },
        ),
        Kind::Disclaimer if !folded.contains(':') => Some(ListShape::AuthorBox),
        Kind::Participants => Some(ListShape::Panel),
        // A podcast's notes above its transcript: a paragraph or two.
        Kind::Audio if folded.contains("notes") || folded.contains("episode") => Some(ListShape::AuthorBox),
        _ => None,
    }
}

/// An episode's or issue's number before its title: `141 · Who pays for the line?`.
fn numbered_item(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = text[digits..].trim_start();
    (1..=4).contains(&digits)
        && ["·", "|", "–", "—", "-", "•"].iter().any(|m| rest.starts_with(m))
        && word_count(rest) <= 20
}

/// A number alone (`1`, `02.`) as trending lists print before each item.
fn list_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit())
}

fn lists_under_labels(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    let mut i = 0;
    while i < units.len() {
        let Some(kind) = out[i] else {
            i += 1;
            continue;
        };
        let folded = fold(units[i].text);
        let bare = folded.trim_end_matches([':', '.', '…', '»', '›', '>']).trim();
        // Only a label standing alone introduces a list.
        let standing = exact_label(bare).or_else(|| list_label(bare)) == Some(kind);
        let Some(shape) = standing.then(|| list_shape(kind, bare)).flatten() else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut taken = 0;
        while j < units.len() && taken < 12 {
            let u = &units[j];
            let text = u.text.trim();
            let words = word_count(text);
            let belongs = match shape {
                _ if u.kind == UnitKind::Other => false,
                // Another list's own label ends this one.
                ListShape::Panel if out[j].is_some_and(|k| k != kind) => false,
                // A breadcrumb starts the article: the list above it has ended.
                ListShape::Teasers if section_path(&fold(text)) => false,
                _ if out[j].is_some() => true,
                ListShape::Teasers => {
                    // A bullet copied as text (`* Vietnam approves data law`) is a list item.
                    let bullet = text
                        .strip_prefix(['*', '•', '-', '·', '▪', '›', '»', '>', '→', '▸', '►'])
                        .map(str::trim_start);
                    list_number(text)
                        || numbered_item(text)
                        || (u.linked && words <= 30)
                        || ((u.kind == UnitKind::ListItem || bullet.is_some())
                            && words <= 30
                            && !ends_sentence(text))
                        || (u.kind != UnitKind::Heading && headline_shaped(bullet.unwrap_or(text)))
                        || (u.kind == UnitKind::Heading && u.linked)
                }
                ListShape::Panel => u.kind != UnitKind::Heading && words <= 12 && !ends_sentence(text),
                ListShape::Bullets => {
                    u.kind == UnitKind::ListItem || text.starts_with(['•', '·', '▪', '■', '●', '-', '*', '–'])
                }
                ListShape::AuthorBox => taken < 2 && u.kind == UnitKind::Paragraph && words <= 60,
            };
            if !belongs {
                break;
            }
            out[j] = Some(if list_number(text) { kind } else { out[j].unwrap_or(kind) });
            taken += 1;
            j += 1;
        }
        i = j.max(i + 1);
    }
}

/// A duration alone (`02:31`) is followed by the teaser headline of the video.
fn video_teasers(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    for i in 0..units.len().saturating_sub(1) {
        let folded = fold(units[i].text);
        let lone_duration = duration_prefix(&folded).is_some_and(str::is_empty);
        if out[i] == Some(Kind::Video) && lone_duration && out[i + 1].is_none() {
            let next = units[i + 1].text.trim();
            if headline_shaped(next) || (word_count(next) <= 25 && !ends_sentence(next)) {
                out[i + 1] = Some(Kind::Video);
            }
        }
    }
}

/// The units around a sign-up line that belong to its box: the box's title and blurb above,
/// the form's labels and small print below.
fn newsletter_boxes(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    let anchors: Vec<usize> = (0..units.len()).filter(|&i| out[i] == Some(Kind::Newsletter)).collect();
    let in_box = |u: &Unit<'_>| {
        let folded = fold(u.text);
        let words = word_count(&folded);
        u.kind != UnitKind::Other
            && words <= 30
            && ((words <= 6 && !ends_sentence(&folded))
                || NEWSLETTER_WORDS.iter().any(|w| folded.contains(w)))
    };
    for a in anchors {
        for j in (a.saturating_sub(2)..a).rev() {
            if out[j].is_some() {
                continue;
            }
            if !in_box(&units[j]) {
                break;
            }
            out[j] = Some(Kind::Newsletter);
        }
        for j in a + 1..(a + 4).min(units.len()) {
            if out[j].is_some() {
                continue;
            }
            if !in_box(&units[j]) {
                break;
            }
            out[j] = Some(Kind::Newsletter);
        }
    }
}

/// A short line right above a credit (`Photo: Reuters`, `Name | Agency`) is its caption. Above
/// a bare agency name (which may also close an article) only a line that is no full sentence
/// is taken.
fn captions_above_credits(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    for i in 1..units.len() {
        let credit_alone = out[i] == Some(Kind::Caption) && word_count(units[i].text) <= 8;
        if credit_alone && out[i - 1].is_none() && units[i - 1].kind == UnitKind::Paragraph {
            let above = units[i - 1].text;
            let bare_agency = is_agency(&fold(units[i].text));
            // An agency over the date line is the story's byline, and the line above it the
            // headline: `Equinix shares slide …` / `Reuters` / `Thu, June 26, 2025 at 3:18 PM`.
            let over_date = units.get(i + 1).is_some_and(|n| {
                let next = fold(n.text);
                date_only(&next) && next.chars().any(|c| c.is_ascii_digit())
            });
            if (3..=35).contains(&word_count(above)) && !(bare_agency && (ends_sentence(above) || over_date))
            {
                out[i - 1] = Some(Kind::Caption);
            }
        }
    }
}

/// Three or more menu items in a row: very short lines that are no sentences.
fn menu_runs(units: &[Unit<'_>], out: &mut [Option<Kind>]) {
    let menu_item = |u: &Unit<'_>| {
        let t = u.text.trim();
        let words = word_count(t);
        matches!(u.kind, UnitKind::Paragraph | UnitKind::ListItem)
            && (1..=3).contains(&words)
            && t.chars().any(char::is_alphanumeric)
            && t.chars().count() <= 30
            && !ends_sentence(t)
            && !t.chars().any(|c| c.is_ascii_digit())
            && (u.kind == UnitKind::Paragraph || u.linked)
    };
    let mut i = 0;
    while i < units.len() {
        let start = i;
        while i < units.len() && (menu_item(&units[i]) || (i > start && out[i] == Some(Kind::Navigation))) {
            i += 1;
        }
        if i - start >= 3 {
            for slot in &mut out[start..i] {
                *slot = Some(slot.unwrap_or(Kind::Navigation));
            }
        }
        if i == start {
            i += 1;
        }
    }
}

/// What a Markdown block shows a reader: its text without syntax and link targets, what
/// kind of block it is, and whether it is all link.
pub fn visible(markdown: &str) -> (String, UnitKind, bool) {
    let units = markdown_units(markdown);
    let kind = match units.as_slice() {
        [one] => one.kind,
        [] => UnitKind::Other,
        many if many.iter().all(|u| u.kind == UnitKind::ListItem) => UnitKind::ListItem,
        _ => UnitKind::Paragraph,
    };
    let linked = !units.is_empty() && units.iter().all(|u| u.linked);
    let text = units.iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join(" ");
    (text, kind, linked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(lines: &[&str]) -> Vec<Option<Kind>> {
        let units: Vec<Unit<'_>> = lines.iter().map(|l| Unit::paragraph(l)).collect();
        classify(&units)
    }

    #[test]
    fn labels_and_prefixes() {
        let cases: &[(&str, Kind)] = &[
            ("Advertisement", Kind::AdLabel),
            ("ADVERTISEMENT", Kind::AdLabel),
            ("Story continues below advertisement", Kind::AdLabel),
            ("Publicidad", Kind::AdLabel),
            ("Skip to main content", Kind::Navigation),
            ("BREAKING", Kind::Label),
            ("BREAKING: Live updates", Kind::Label),
            ("FILE PHOTO: The logo of Oracle is seen at its offices in Austin, Texas, U.S., June 4, 2025. REUTERS/Jane Roe/File Photo", Kind::Caption),
            ("Dado Ruvic | Reuters", Kind::Caption),
            ("Kiyoshi Ota | Bloomberg | Getty Images", Kind::Caption),
            ("Photo: Bloomberg", Kind::Caption),
            ("Source: CNA/Reuters", Kind::SourceCredit),
            ("(Reporting by Jane Roe in Beijing; Editing by John Doe)", Kind::WireSignoff),
            ("Reporting by Jane Roe; Editing by John Doe", Kind::WireSignoff),
            ("--With assistance from Jane Roe.", Kind::WireSignoff),
            ("(Con información de Reuters)", Kind::WireSignoff),
            ("(This story has not been edited by our staff and is auto-generated from a syndicated feed.)", Kind::Syndication),
            ("This article was originally published on Example News.", Kind::Syndication),
            ("© 2025 Example Media. All rights reserved.", Kind::Copyright),
            ("Read more: Microsoft to spend $80 billion on AI data centres this year", Kind::SeeAlso),
            ("READ MORE", Kind::SeeAlso),
            ("Lee también: Telefónica invertirá en centros de datos", Kind::SeeAlso),
            ("Sign up for our free daily tech newsletter", Kind::Newsletter),
            ("Get the Morning Briefing newsletter in your inbox", Kind::Newsletter),
            ("Share", Kind::ShareBar),
            ("Facebook Twitter LinkedIn Email", Kind::ShareBar),
            ("Share on X | Share on LinkedIn | Copy link", Kind::ShareBar),
            ("Key figures", Kind::KeyFigures),
            ("$80bn", Kind::KeyFigures),
            ("RMB 380 billion", Kind::KeyFigures),
            ("02:31", Kind::Video),
            ("02:31 Nvidia chief says demand for Blackwell is insane", Kind::Video),
            ("Watch: Why hyperscalers keep raising capex", Kind::Video),
            ("Facebook icon", Kind::IconText),
            ("1 of 5", Kind::IconText),
            ("Trending", Kind::Trending),
            ("Lo más leído", Kind::Trending),
            ("3 Mar 2025 09:40AM (Updated: 3 Mar 2025 10:15AM)", Kind::Timestamp),
            ("Published June 4, 2025", Kind::Timestamp),
            ("Updated 2 hours ago", Kind::Timestamp),
            ("2025-06-04T18:12:00Z", Kind::Timestamp),
            ("4 min read", Kind::ReadingTime),
            ("Listen to this article", Kind::Audio),
            ("Home > Technology > Artificial Intelligence", Kind::Navigation),
            ("Follow Reuters on Google News", Kind::Promotion),
            ("Topics: Artificial intelligence, Data centres", Kind::Tags),
            ("12 comments", Kind::Comments),
            ("Subscribe to continue reading", Kind::Paywall),
            ("We use cookies to improve your experience on our site.", Kind::Cookies),
        ];
        for (text, kind) in cases {
            assert_eq!(line(text), Some(*kind), "{text}");
        }
    }

    #[test]
    fn article_sentences_are_not_furniture() {
        for text in [
            "Oracle will spend about $40 billion on Nvidia chips for a data centre in Abilene, Texas, the Financial Times reported on Friday.",
            "Share buybacks slowed as the company put more cash into data centres.",
            "Microsoft said it expects to spend $80 billion in fiscal 2025.",
            "Read more about the plan in the company's filing, which was published on Friday and runs to 140 pages.",
            "Source code for the model was not released.",
            "Follow-on orders from cloud customers lifted the backlog to $138 billion.",
            "The company's capital expenditure guidance of between $64 billion and $72 billion is unchanged.",
            // A kicker in front of a headline leaves it a headline.
            "Exclusive: Microsoft to slow some data centre leasing",
            "Live: Google's $40 billion Texas announcement",
            "Investors", "Why it matters", "Alibaba plans to invest at least 380 billion yuan",
            "In June 2025, SoftBank said it would back the project.",
            "The newsletter business is not part of the deal, the company said in a statement on Monday.",
            "Photos of the site show three buildings under construction near the river.",
            "Meta | Q2 2025 | $66bn-$72bn", "Updated guidance lifted the shares 5% in extended trading.",
        ] {
            assert_eq!(line(text), None, "{text}");
        }
    }

    #[test]
    fn lists_under_labels_go_with_them() {
        let got = kinds(&[
            "The company said the campus would be finished in 2026.",
            "Most read",
            "1",
            "Nvidia shares hit a record as chip demand surges",
            "2",
            "Amazon to invest $20 billion in Pennsylvania data centres",
            "Microsoft's president said the spending would continue into next year, though at a slower pace.",
        ]);
        assert_eq!(
            got,
            vec![
                None,
                Some(Kind::Trending),
                Some(Kind::Trending),
                Some(Kind::Trending),
                Some(Kind::Trending),
                Some(Kind::Trending),
                None
            ]
        );
    }

    #[test]
    fn furniture_in_french_portuguese_german_and_italian() {
        for (text, kind) in [
            ("Vous avez lu 40 % de cet article. La suite est réservée aux abonnés.", Kind::Paywall),
            ("Déjà abonné ? Connectez-vous", Kind::Paywall),
            ("Offre spéciale : 2 € par mois pendant un an", Kind::Paywall),
            ("Article réservé aux abonnés", Kind::Paywall),
            ("Já é assinante? Faça login", Kind::Paywall),
            ("Lecture 6 min.", Kind::ReadingTime),
            ("3 min de leitura", Kind::ReadingTime),
            ("Lesezeit: 5 Min.", Kind::ReadingTime),
            ("Ouvir matéria", Kind::Audio),
            ("Pubblicità", Kind::AdLabel),
            ("Lesen Sie auch", Kind::SeeAlso),
            ("Leia também: Governo lança plano para centros de dados", Kind::SeeAlso),
            ("Diário do Porto © 2025. Todos os direitos reservados.", Kind::Copyright),
            ("© Le Quotidien du Nord 2025. Tous droits réservés.", Kind::Copyright),
            ("Subscribe to Rack Notes: the week in data-centre power, every Friday.", Kind::Promotion),
        ] {
            assert_eq!(line(text), Some(kind), "{text}");
        }
        // The same words inside an article's sentences stay.
        for text in [
            "Subscribe to the idea that power is the constraint and the numbers make sense, the analyst said.",
            "Le groupe a réservé aux abonnés de sa plateforme un accès anticipé aux nouveaux serveurs, selon la direction.",
        ] {
            assert_eq!(line(text), None, "{text}");
        }
    }

    #[test]
    fn ads_transcripts_podcasts_and_disclosures() {
        for (text, kind) in [
            ("[AD] Fixed-rate savings at 4.2% for two years. Conditions apply.", Kind::AdLabel),
            ("Switch your broadband today and save £10 a month. T&Cs apply.", Kind::AdLabel),
            ("This transcript was generated automatically and may contain errors.", Kind::Disclaimer),
            ("This episode is sponsored by CoolRack: cooling for dense racks.", Kind::AdLabel),
            ("Support independent journalism. Subscribe from £5 a month.", Kind::Paywall),
            ("Chapters: 00:00 Intro · 04:12 The deal", Kind::Audio),
            ("Le puede interesar: así cerró el dólar este viernes", Kind::SeeAlso),
        ] {
            assert_eq!(line(text), Some(kind), "{text}");
        }
        let got = kinds(&[
            "Operator: that concludes the call. Thank you for joining us today.",
            "Call Participants:",
            "Ruth Okafor -- Chief Financial Officer",
            "Tom Reyes -- Analyst",
            "Related episodes",
            "87 · Why transformers are the new bottleneck",
            "86 · Inside a liquid-cooled hall",
        ]);
        assert_eq!(got[0], None);
        assert_eq!(&got[1..4], [Some(Kind::Participants); 3]);
        assert_eq!(&got[4..], [Some(Kind::SeeAlso); 3]);
        let got = kinds(&[
            "Shares of the chipmaker rose 4% after the results, which beat forecasts on Wednesday.",
            "Important disclosures",
            "The firm seeks to do business with companies covered in its research and may have a conflict of interest.",
        ]);
        assert_eq!(got, [None, Some(Kind::Disclaimer), Some(Kind::Disclaimer)]);
    }

    #[test]
    fn a_sponsor_box_to_its_button_and_a_newsletters_closing_boxes() {
        let got = kinds(&[
            "The deal closes in the second quarter, the company said on Tuesday afternoon.",
            "THIS ISSUE IS BROUGHT TO YOU BY COOLRACK",
            "Liquid-cooled racks delivered in six weeks, with a free design review for your next hall.",
            "Learn more →",
            "______________________________",
            "Number of the week: 4 GW -- the power the campus will draw.",
            "Coming up: Rack Summit, Lisbon, 3-4 March. Early passes close Friday.",
            "You are reading Rack Notes. Forward it to a colleague, or sign up at racknotes.example.",
            "Join the Rack Notes WhatsApp channel for the day's deals.",
            "Want to share feedback? Contact the editors.",
        ]);
        assert_eq!(got[0], None);
        assert!(
            got[1..4].iter().all(|k| *k == Some(Kind::AdLabel) || *k == Some(Kind::Promotion)),
            "{got:?}"
        );
        assert_eq!(got[4], Some(Kind::Separator));
        assert!(got[5..].iter().all(Option::is_some), "{got:?}");
        // A lone sponsor label before article text takes nothing with it.
        let got = kinds(&[
            "Sponsored by CoolRack",
            "The operator will build three halls at the site, each drawing 100 megawatts, by 2028.",
            "A second phase would double that, the company said.",
        ]);
        assert_eq!(got, [Some(Kind::AdLabel), None, None]);
    }

    #[test]
    fn related_links_marked_with_chevrons_and_guillemets() {
        let got = kinds(&[
            "The operator said the second hall would open in 2027.",
            "Leia também",
            "» Governo lança plano para centros de dados no Nordeste",
            "» Energia eólica atrai operadores para o Ceará",
            "Related coverage",
            "› Why grid connections now decide where campuses go",
        ]);
        assert_eq!(got[0], None);
        assert!(got[1..].iter().all(|k| *k == Some(Kind::SeeAlso)), "{got:?}");
    }

    #[test]
    fn video_teaser_and_newsletter_box() {
        let got = kinds(&[
            "01:45", "How Stargate plans to power its Texas campus", "The Tech Briefing",
            "Our newsletter on AI and markets, every weekday morning.", "Sign up",
            "By signing up you agree to our Privacy Policy.",
            "The first phase has 1.2 gigawatts of capacity and will open in 2026, the companies said in a statement.",
        ]);
        assert_eq!(
            got[..6],
            [
                Some(Kind::Video),
                Some(Kind::Video),
                Some(Kind::Newsletter),
                Some(Kind::Newsletter),
                Some(Kind::Newsletter),
                Some(Kind::Newsletter)
            ]
        );
        assert_eq!(got[6], None);
    }

    #[test]
    fn key_figure_panel_and_menu_run() {
        let got = kinds(&[
            "Key figures",
            "$80bn",
            "planned capex in fiscal 2025",
            "3",
            "new campuses",
            "Microsoft said the figure includes leases.",
        ]);
        assert_eq!(got[..5], [Some(Kind::KeyFigures); 5]);
        assert_eq!(got[5], None);
        let got = kinds(&["Markets", "Technology", "Opinion", "Oracle lifts cloud capex as AI demand grows"]);
        assert_eq!(got, vec![Some(Kind::Navigation), Some(Kind::Navigation), Some(Kind::Navigation), None]);
    }

    #[test]
    fn a_release_boilerplate_runs_to_its_contacts_and_stops_at_the_article() {
        let got = kinds(&[
            "The plant will make advanced packaging for AI accelerators from 2028.",
            "About Halvorsen Semiconductor",
            "Founded in 1994, Halvorsen Semiconductor designs power chips for servers and cars.",
            "Its shares trade on the Oslo exchange.",
            "Cautionary Note Regarding Forward-Looking Statements",
            "Statements in this release about plans and expectations are forward-looking.",
            "Press contacts",
            "Ingrid Dahl",
            "ingrid.dahl@example.com",
        ]);
        assert_eq!(got[0], None);
        assert!(got[1..].iter().all(Option::is_some), "{got:?}");
        // Inside the boilerplate, another `About` whose paragraph spells the name out.
        let got = kinds(&[
            "About Halvorsen",
            "Halvorsen is a maker of power chips for servers.",
            "About NPF",
            "Norway's pension fund for public employees manages savings for 1.1 million members.",
        ]);
        assert!(got.iter().all(Option::is_some), "{got:?}");
        // An `About` heading in an article, followed by reporting, keeps the reporting.
        let got = kinds(&["About the plant", "The plant will employ 800 people, the company said."]);
        assert_eq!(got, vec![None, None]);
        let got = kinds(&[
            "About Halvorsen",
            "Halvorsen is a maker of power chips for servers.",
            "What the investment means for Norway",
            "\"We chose this site for its hydro power,\" chief executive Ola Berg said.",
        ]);
        assert_eq!(got[..2], [Some(Kind::Disclaimer); 2]);
        assert_eq!(got[2..], [None, None]);
    }

    #[test]
    fn a_teaser_under_a_list_or_player_label() {
        assert_eq!(line("WATCH NOW: The chief executive on the build-out"), Some(Kind::Video));
        assert_eq!(line("Recommended for you | Chip stocks slide"), Some(Kind::SeeAlso));
        assert_eq!(line("Most popular - Why power is the new bottleneck"), Some(Kind::Trending));
        assert_eq!(line("Update: the company confirmed the figure on Tuesday."), None);
    }

    #[test]
    fn a_translation_note_is_syndication() {
        assert_eq!(line("This article was translated from Korean."), Some(Kind::Syndication));
        assert_eq!(line("Este artículo fue traducido del inglés."), Some(Kind::Syndication));
        assert_eq!(line("The filing was translated from Japanese by the company, which said the figures were unaudited."), None);
    }

    #[test]
    fn a_promotion_button_takes_its_slogan() {
        let got = kinds(&[
            "The bank arranged the loans in May, the people said.",
            "Every data centre deal, tracked before it closes",
            "LEARN MORE",
            "A spokesperson for the bank declined to comment.",
        ]);
        assert_eq!(got, vec![None, Some(Kind::Promotion), Some(Kind::Promotion), None]);
        // A sentence above a button stays: it may be the article's.
        let got = kinds(&["The bank arranged the loans in May, the people said.", "Learn more"]);
        assert_eq!(got, vec![None, Some(Kind::Promotion)]);
    }

    #[test]
    fn asides_sponsors_sign_offs_and_menus_with_gaps() {
        assert_eq!(line("[Copyright The Example Press Agency, Ltd.]"), Some(Kind::Copyright));
        assert_eq!(
            line("PRESENTED BY GRIDLINE — Cooling for dense racks. Get a quote →"),
            Some(Kind::AdLabel)
        );
        assert_eq!(line("Live coverage has ended."), Some(Kind::Label));
        assert_eq!(line("PUBLICIDADE"), Some(Kind::AdLabel));
        assert_eq!(line("Sur le même sujet"), Some(Kind::SeeAlso));
        assert_eq!(line("That's all for today. Hit reply with tips."), Some(Kind::Newsletter));
        assert_eq!(line("Map of the week: where the new campuses are — view online"), Some(Kind::Newsletter));
        assert_eq!(line("主页 | Home  World  Business  Sport  Culture"), Some(Kind::Navigation));
        // Two spaces after a full stop do not make a sentence a menu.
        assert_eq!(line("The plan was approved.  It runs to 2030 and covers four sites."), None);
        // A line in brackets that is the article's own aside stays.
        assert_eq!(line("[The company declined to comment on the figure.]"), None);
    }

    #[test]
    fn an_agency_over_a_date_credits_the_story_and_a_source_credit_its_name() {
        let got = kinds(&[
            "Microsoft to spend $80 billion on AI data centres",
            "Reuters",
            "Fri, January 3, 2025 at 7:10 PM UTC",
        ]);
        assert_eq!(got[0], None);
        let got = kinds(&["NEWS PROVIDED BY", "Northgate Power Holdings Inc.", "Mar 02, 2026, 08:00 ET"]);
        assert_eq!(got[..2], [Some(Kind::SourceCredit), Some(Kind::SourceCredit)]);
    }

    #[test]
    fn caption_above_its_credit() {
        let got = kinds(&[
            "Oracle's data centre campus in Abilene, Texas, under construction", "Photo: Reuters",
            "Oracle will spend about $40 billion on Nvidia chips for the site, people familiar with the matter said.",
        ]);
        assert_eq!(got, vec![Some(Kind::Caption), Some(Kind::Caption), None]);
    }

    #[test]
    fn strips_markdown_by_range() {
        let md = "First paragraph of the story, which says what happened.\n\nAdvertisement\n\n## Related stories\n\n- [Nvidia shares jump](https://example.com/a)\n- [Meta raises capex](https://example.com/b)\n\nSecond paragraph, still the story.\n\n![](https://example.com/pixel.gif)\n\n| a | b |\n|---|---|\n| Source: x | 1 |\n\n(Reporting by Jane Roe; Editing by John Doe)\n";
        let s = strip(md);
        assert_eq!(
            s.text,
            "First paragraph of the story, which says what happened.\n\nSecond paragraph, still the story.\n\n| a | b |\n|---|---|\n| Source: x | 1 |\n"
        );
        let kinds: Vec<Kind> = s.removed.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [Kind::AdLabel, Kind::SeeAlso, Kind::SeeAlso, Kind::SeeAlso, Kind::IconText, Kind::WireSignoff]
        );
        assert_eq!(strip(&s.text).text, s.text, "stripping twice changes nothing");
    }

    #[test]
    fn a_clean_body_is_left_exactly_as_it_was() {
        let md = "Meta raised the low end of its 2025 capex range.\n\n## What it means\n\n- Servers\n- Data centres\n- Network\n\nThe shares rose 4%.\n";
        let s = strip(md);
        assert!(s.removed.is_empty(), "{:?}", s.removed);
        assert_eq!(s.text, md);
    }
}
