//! Values remembered per file text between preview builds, keyed by the text's identity.

use std::collections::HashMap;
use std::sync::Arc;

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
    entries: HashMap<usize, (Arc<str>, T)>,
}

impl<T> Default for ByText<T> {
    fn default() -> Self {
        ByText { entries: HashMap::new() }
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

    /// Keeps only the entries of texts in `live`.
    pub fn retain_texts<'a>(&mut self, live: impl IntoIterator<Item = &'a Arc<str>>) {
        let live: std::collections::HashSet<usize> = live.into_iter().map(address).collect();
        self.entries.retain(|a, _| live.contains(a));
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
}
