//! Content: reading `content/` into [`Page`]s. The only stage that reads Markdown from disk.

mod by_text;
mod front_matter;
mod load;
mod page;

pub use by_text::{ByText, STALE_ALLOWANCE};
pub use front_matter::{
    parse_text, split, EntryStatus, FrontMatter, NotCapex, PageDate, RawCommitment, SourceInfo, Split,
};
pub(crate) use load::{assemble, rel_string, walk_site, PageReader, PageResult, Walked};
pub use load::{load, shown_path, Loaded, StaticAsset};
pub use page::{Body, Page, PageKind};
