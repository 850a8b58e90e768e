//! Values remembered per file text between preview builds, keyed by the text's identity.

use std::collections::HashMap;
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// Entries of texts no page has any more that are kept before they are looked for and let
/// go: finding them means visiting every entry, which a preview rebuild after one edit
/// should not pay for, and each holds one old file text.
/// The preview's other caches of old results follow the same allowance.
pub const STALE_ALLOWANCE: usize = 256;

/// Values keyed by the identity of a page's text ([`super::Page::text`]). The load cache
/// hands a page the very same allocation for as long as its file is unchanged, so the same
/// allocation means the same, unchanged file, with nothing hashed. Each entry holds its text,
/// so no other text can be given its address while the entry lives.
///
/// Only what is made from the file's text and path (and the config, whose change empties
/// every cache) may be kept here: anything that also depends on other pages must be part of
/// the value and checked by the caller.
#[derive(Debug, Clone)]
pub struct ByText<T> {
    entries: HashMap<usize, (Arc<str>, T), Xxh3DefaultBuilder>,
}

impl<T> Default for ByText<T> {
    fn default() -> Self {
        ByText { entries: HashMap::default() }
    }
}

fn address(text: &Arc<str>) -> usize {
    Arc::as_ptr(text) as *const u8 as usize
}

impl<T> ByText<T> {
    /// The value kept for `text`, if it is the very text it was kept for.
    pub fn get(&self, text: &Arc<str>) -> Option<&T> {
        self.entries.get(&address(text)).filter(|(t, _)| Arc::ptr_eq(t, text)).map(|(_, v)| v)
    }

    /// The value kept for `text`, made by `make` first if there is none.
    pub fn get_or_insert_with(&mut self, text: &Arc<str>, make: impl FnOnce() -> T) -> &mut T {
        use std::collections::hash_map::Entry;
        match self.entries.entry(address(text)) {
            // The address is taken by this very text while its entry holds it.
            Entry::Occupied(entry) => &mut entry.into_mut().1,
            Entry::Vacant(entry) => &mut entry.insert((text.clone(), make())).1,
        }
    }

    /// Keeps `value` for `text`, in place of any value kept for it.
    pub fn insert(&mut self, text: &Arc<str>, value: T) {
        self.entries.insert(address(text), (text.clone(), value));
    }

    /// Keeps each value for its text, then [`ByText::prune`]s with the `count` texts of `live`.
    pub fn insert_all<'a>(
        &mut self,
        values: impl IntoIterator<Item = (Arc<str>, T)>,
        live: impl IntoIterator<Item = &'a Arc<str>>,
        count: usize,
    ) {
        for (text, value) in values {
            self.insert(&text, value);
        }
        self.prune(live, count);
    }

    /// Keeps only the entries of texts in `live`.
    pub fn retain_texts<'a>(&mut self, live: impl IntoIterator<Item = &'a Arc<str>>) {
        let live: std::collections::HashSet<usize> = live.into_iter().map(address).collect();
        self.entries.retain(|a, _| live.contains(a));
    }

    /// Like [`ByText::retain_texts`] with the `count` texts of `live`, but only once more
    /// than a few entries are of other texts.
    pub fn prune<'a>(&mut self, live: impl IntoIterator<Item = &'a Arc<str>>, count: usize) {
        if self.entries.len() > count + STALE_ALLOWANCE {
            self.retain_texts(live);
        }
    }

    /// How many texts have a value.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no text has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<T> FromIterator<(Arc<str>, T)> for ByText<T> {
    fn from_iter<I: IntoIterator<Item = (Arc<str>, T)>>(iter: I) -> Self {
        ByText { entries: iter.into_iter().map(|(text, value)| (address(&text), (text, value))).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_words_in_another_allocation_are_another_text() {
        let a: Arc<str> = Arc::from("same words");
        let b: Arc<str> = Arc::from("same words");
        let kept: ByText<u32> = [(a.clone(), 1)].into_iter().collect();
        assert_eq!(kept.get(&a), Some(&1));
        assert_eq!(kept.get(&a.clone()), Some(&1), "a clone of the Arc is the same text");
        assert_eq!(kept.get(&b), None, "equal text read again is not trusted");
        let mut kept = kept;
        *kept.get_or_insert_with(&b, || 2) += 1;
        assert_eq!(kept.get(&b), Some(&3));
        kept.retain_texts([&b]);
        assert_eq!((kept.get(&a), kept.get(&b)), (None, Some(&3)));
    }

    #[test]
    fn texts_no_page_has_are_let_go_once_they_are_more_than_a_few() {
        let live: Arc<str> = Arc::from("the text every build has");
        let mut kept: ByText<usize> = ByText::default();
        kept.insert(&live, 0);
        let old: Vec<Arc<str>> = (0..STALE_ALLOWANCE).map(|i| Arc::from(format!("edit {i}"))).collect();
        for (i, text) in old.iter().enumerate() {
            kept.insert(text, i);
            kept.prune([&live], 1);
        }
        assert_eq!(kept.len(), STALE_ALLOWANCE + 1, "a few old texts are kept");
        let latest: Arc<str> = Arc::from("one edit too many");
        kept.insert(&latest, 0);
        kept.prune([&latest], 1);
        assert_eq!(kept.len(), 1, "{} old texts were kept", kept.len() - 1);
        assert_eq!((kept.get(&latest), kept.get(&live)), (Some(&0), None));
    }
}
