//! The 404 page.

use super::{Job, Model};

impl<'a> Model<'a> {
    pub(super) fn not_found_job(&self, jobs: &mut Vec<Job<'_>>) {
        let lang = self.cfg().default_lang();
        let links = self.language_links("");
        let ctx = self.base_context(lang, Vec::new(), links);
        jobs.push(Job {
            path: "404.html".into(),
            template: "404.html".into(),
            context: ctx,
            source: "the 404 page".into(),
            prekey: None,
            reused: None,
            made: None,
            make_context: None,
        });
    }
}
