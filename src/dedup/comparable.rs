//! The text cross-article dedup compares: an article's body with page furniture left out
//! (captions, credits, timestamps, agency sign-offs, syndication notices, share and newsletter
//! lines: the shared rules of [`crate::furniture`], the ones import applies to new pages), so
//! that two copies of one story that different sites framed differently compare as the text
//! they share. Files imported before those rules, or written by hand, get the same treatment
//! at build time. The stored file and the page shown are left as they are.

use super::Ignored;
use std::borrow::Cow;

/// A body as compared, and what was left out of it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Comparable<'a> {
    /// The body without its furniture.
    pub(crate) text: Cow<'a, str>,
    /// The furniture left out, in order.
    pub(crate) ignored: Vec<Ignored>,
}

/// The comparable text of a Markdown body: the blocks the furniture rules find are cut out
/// by their byte ranges; everything else stays as written.
pub(crate) fn of(body: &str) -> Comparable<'_> {
    let spans = crate::furniture::spans(body);
    if spans.is_empty() {
        return Comparable { text: Cow::Borrowed(body), ignored: Vec::new() };
    }
    let mut text = String::with_capacity(body.len());
    let mut at = 0;
    for span in &spans {
        if span.range.start >= at {
            text.push_str(&body[at..span.range.start]);
            // A blank line keeps the blocks on either side apart.
            text.push_str("\n\n");
            at = span.range.end;
        }
    }
    text.push_str(&body[at.min(body.len())..]);
    let ignored = spans.into_iter().map(|s| Ignored { kind: s.kind.to_string(), text: s.text }).collect();
    Comparable { text: Cow::Owned(text), ignored }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_left_out_and_named() {
        let body = "FILE PHOTO: The company's logo at its offices in Paris, France. Meridian Wire/Jo Roe/File Photo\n\nREDMOND, Washington, Jan 3 (Meridian Wire) - Microsoft plans to invest about $80 billion.\n\n(Reporting by Hannah Lindqvist in Seattle; Editing by Marco Ferri)\n\nSource: Meridian Wire\n";
        let c = of(body);
        assert!(c.text.contains("Microsoft plans to invest"), "{}", c.text);
        for gone in ["FILE PHOTO", "Reporting by", "Source:"] {
            assert!(!c.text.contains(gone), "{gone} left in {}", c.text);
        }
        let kinds: Vec<&str> = c.ignored.iter().map(|i| i.kind.as_str()).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        // The article's own words are the same words with or without the furniture.
        let plain =
            "REDMOND, Washington, Jan 3 (Meridian Wire) - Microsoft plans to invest about $80 billion.\n";
        assert_eq!(super::super::near::shingles(&c.text), super::super::near::shingles(plain));
        assert!(matches!(of(plain).text, Cow::Borrowed(_)));
    }
}
