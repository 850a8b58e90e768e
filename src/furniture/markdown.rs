//! Markdown bodies as units for the furniture rules: paragraphs, headings, list items and
//! images with their visible text and byte ranges.

use super::UnitKind;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A block of a Markdown body with its visible text.
pub(super) struct MarkdownUnit {
    pub(super) range: Range<usize>,
    pub(super) text: String,
    pub(super) kind: UnitKind,
    pub(super) linked: bool,
}

/// The paragraphs, headings, list items and images of a Markdown body, in order. A list
/// item's nested list starts units of its own.
pub(super) fn markdown_units(markdown: &str) -> Vec<MarkdownUnit> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut units: Vec<MarkdownUnit> = Vec::new();
    // The unit being read: its index in `units`, and its visible and linked character counts.
    let mut open: Option<(usize, usize)> = None;
    let mut depth_other = 0usize;
    let mut in_link = 0usize;
    let mut in_image = false;
    let mut only_image = true;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_) | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::FootnoteDefinition(_)) => {
                if depth_other == 0 {
                    units.push(MarkdownUnit {
                        range,
                        text: String::new(),
                        kind: UnitKind::Other,
                        linked: false,
                    });
                    open = None;
                }
                depth_other += 1;
            }
            Event::End(
                TagEnd::Table | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition,
            ) => {
                depth_other = depth_other.saturating_sub(1);
            }
            _ if depth_other > 0 => {}
            Event::Start(Tag::Item) => {
                units.push(MarkdownUnit {
                    range,
                    text: String::new(),
                    kind: UnitKind::ListItem,
                    linked: false,
                });
                open = Some((units.len() - 1, 0));
                only_image = true;
            }
            Event::Start(Tag::List(_)) => {
                // A nested list ends the visible text of the item that holds it.
                if let Some((i, linked)) = open.take() {
                    finish(&mut units[i], linked, only_image);
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) if open.is_none() => {
                let kind = if matches!(event, Event::Start(Tag::Heading { .. })) {
                    UnitKind::Heading
                } else {
                    UnitKind::Paragraph
                };
                units.push(MarkdownUnit { range, text: String::new(), kind, linked: false });
                open = Some((units.len() - 1, 0));
                only_image = true;
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_)) => {
                if let Some((i, linked)) = open {
                    let ends_unit = match units[i].kind {
                        UnitKind::ListItem => matches!(event, Event::End(TagEnd::Item)),
                        _ => true,
                    };
                    if ends_unit {
                        finish(&mut units[i], linked, only_image);
                        open = None;
                    }
                }
            }
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => in_image = true,
            Event::End(TagEnd::Image) => in_image = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some((i, linked)) = open.as_mut() {
                    let u = &mut units[*i];
                    if !in_image && !t.trim().is_empty() {
                        only_image = false;
                    }
                    if in_image && !u.text.is_empty() && !u.text.ends_with(' ') {
                        u.text.push(' ');
                    }
                    u.text.push_str(&t);
                    if in_link > 0 {
                        *linked += t.chars().count();
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((i, _)) = open {
                    units[i].text.push(' ');
                }
            }
            _ => {}
        }
    }
    if let Some((i, linked)) = open {
        finish(&mut units[i], linked, only_image);
    }
    units.retain(|u| u.kind == UnitKind::Other || !u.text.trim().is_empty() || u.kind == UnitKind::Image);
    units
}

fn finish(unit: &mut MarkdownUnit, linked_chars: usize, only_image: bool) {
    let total = unit.text.chars().filter(|c| !c.is_whitespace()).count();
    unit.linked = total > 0 && linked_chars * 10 >= total * 8;
    if only_image && unit.kind == UnitKind::Paragraph {
        unit.kind = UnitKind::Image;
    }
    unit.text = unit.text.split_whitespace().collect::<Vec<_>>().join(" ");
}
