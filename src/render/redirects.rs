//! Redirect pages: each alias a page lists, and each folded duplicate's old URL, sends the
//! reader to the page it now stands for.

use super::{Job, Model};

impl<'a> Model<'a> {
    pub(super) fn alias_jobs(&self, jobs: &mut Vec<Job<'_>>) {
        let cfg = self.cfg();
        let redirect = |from: String, to: usize, source: String, jobs: &mut Vec<Job<'_>>| {
            let prekey = match self.reused_job(&from, |keys| keys.redirect(&from, to)) {
                Ok(job) => return jobs.push(job),
                Err(prekey) => prekey,
            };
            let to = self.page(to);
            let target = to.lang_path(cfg.default_lang());
            let mut ctx = self.base_context(&to.lang, Vec::new(), Vec::new());
            ctx.insert("target_url", &cfg.permalink(&target));
            ctx.insert("target_title", &to.title);
            jobs.push(Job {
                path: from,
                template: "alias.html".into(),
                context: ctx,
                source,
                prekey,
                reused: None,
                made: None,
                make_context: None,
            });
        };
        for (i, p) in self.input.pages.iter().enumerate() {
            if self.is_hidden(i) {
                // A folded duplicate: its old URL redirects to the canonical story.
                let canonical_key = self
                    .input
                    .dedup
                    .duplicate_of
                    .get(&p.rel)
                    .or_else(|| self.input.dedup.duplicate_of.get(&p.translation_key));
                let target = canonical_key.and_then(|k| {
                    let members = self.groups.get(k.as_str())?;
                    members
                        .iter()
                        .copied()
                        .find(|&i| self.page(i).lang == p.lang)
                        .or_else(|| members.first().copied())
                });
                if let Some(t) = target {
                    redirect(
                        crate::paths::file_for(&p.lang_path(cfg.default_lang())),
                        t,
                        format!("duplicate {}", p.shown.display()),
                        jobs,
                    );
                }
                continue;
            }
            for alias in &p.meta.aliases {
                let a = alias.trim().trim_start_matches('/');
                let path = if a.ends_with(".html") || a.ends_with(".htm") {
                    a.to_string()
                } else {
                    crate::paths::file_for(&format!("{}/", a.trim_end_matches('/')))
                };
                redirect(path, i, format!("alias `{alias}` of {}", p.shown.display()), jobs);
            }
        }
    }
}
