//! `capbrief dedup --compare A B`: every rule's view of two articles (both shingle scores
//! against their thresholds, the wire-version and same-news rules with what each saw, the
//! furniture left out) and what the site's deduplication decided for them. The rules are the
//! ones the passes use; this module only asks them and writes the answers down.

use super::{comparable, facts, near, related, wire, DedupReport};
use crate::config::Config;
use crate::content::Page;
use std::fmt::Write;

/// Writes the comparison of `a` and `b`.
pub(crate) fn compare(a: &Page, b: &Page, site: &Config, report: &DedupReport) -> String {
    let config = &site.dedup;
    let reading = facts::Reading::new(site);
    let t = super::thresholds(config);
    // As the pass does: the whole texts first; a near miss again without furniture.
    let whole = near::scores(&near::shingles(&a.body), &near::shingles(&b.body));
    let whole_words = (near::word_count(&a.body), near::word_count(&b.body));
    let (ca, cb) = (comparable::of(&a.body), comparable::of(&b.body));
    let stripped = t.decide(whole, whole_words).is_none() && t.near_miss(whole, whole_words);
    let (scores, (wa, wb)) = if stripped {
        let s = near::scores(&near::shingles(&ca.text), &near::shingles(&cb.text));
        (s, (near::word_count(&ca.text), near::word_count(&cb.text)))
    } else {
        (whole, whole_words)
    };
    let (fa, fb) = (facts::of(a, &a.body, &reading), facts::of(b, &b.body, &reading));
    let mut out = String::new();
    let yes = |b: bool| if b { "yes" } else { "no" };
    let _ = writeln!(out, "content/{} ~ content/{}", a.rel, b.rel);
    if a.lang != b.lang {
        let _ = writeln!(out, "  languages differ ({} and {}): never compared", a.lang, b.lang);
    }
    let _ = writeln!(
        out,
        "  whole texts: jaccard {:.3}, containment {:.3}, {} and {} words",
        whole.jaccard, whole.containment, whole_words.0, whole_words.1
    );
    if stripped {
        let _ = writeln!(
            out,
            "  a near miss, compared again without furniture ({} and {} block{} left out): {wa} and {wb} words",
            ca.ignored.len(),
            cb.ignored.len(),
            if cb.ignored.len() == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        out,
        "  resemblance: jaccard {:.3}, threshold {:.2}: {}",
        scores.jaccard,
        t.jaccard,
        yes(t.decide(near::Scores { containment: 0.0, ..scores }, (wa, wb)).is_some())
    );
    let floor = wa.min(wb) >= t.min_words;
    let _ = writeln!(
        out,
        "  containment: {:.3}, threshold {:.2}; shorter text {} words, needs {}: {}",
        scores.containment,
        t.containment,
        wa.min(wb),
        t.min_words,
        yes(floor && scores.containment >= t.containment)
    );
    let dateline = |f: &facts::Facts<'_>| match &f.dateline {
        Some(d) if d.places.is_empty() => format!("({})", d.agency),
        Some(d) => format!("{} ({})", d.places.join("/"), d.agency),
        None => "none".to_string(),
    };
    let w = wire::verdict(&fa, &fb);
    let days = |d: Option<i64>| {
        d.map_or("undated".to_string(), |d| format!("{d} day{} apart", if d == 1 { "" } else { "s" }))
    };
    let _ = writeln!(
        out,
        "  wire version: datelines {} and {}; same agency {}, same place {}, {}, leads {:.2} alike (needs {:.2}), lead figures agree {}: {}",
        dateline(&fa),
        dateline(&fb),
        yes(w.same_agency),
        yes(w.same_place),
        days(w.days),
        w.lead,
        wire::LEAD_ALIKE,
        yes(w.figures_agree),
        yes(w.linked())
    );
    let r = related::verdict(&fa, &fb);
    let subjects = |s: &[String]| if s.is_empty() { "none".to_string() } else { s.join(", ") };
    let _ = writeln!(
        out,
        "  same news: {} (figures count at most {} apart), main figures one amount {}, main figures in both {}, same commitment in capex: {}, headline subjects {} and {} (shared: {}), headlines {:.2} close: {}",
        days(r.days),
        related::MAX_DAYS,
        yes(r.met),
        yes(r.figures),
        yes(r.same_commitment),
        subjects(fa.subjects()),
        subjects(fb.subjects()),
        subjects(&r.subjects),
        r.title,
        yes(r.linked())
    );
    // Furniture is looked for only when it could change the outcome; it is listed either way.
    let verb = if stripped { "ignored" } else { "found (the whole texts decided)" };
    for (page, c) in [(a, &ca), (b, &cb)] {
        for i in &c.ignored {
            let _ = writeln!(out, "  furniture {verb} in content/{}: {}: {}", page.rel, i.kind, i.text);
        }
    }
    let shown = |rel: &str| report.duplicate_of.get(rel).cloned().unwrap_or_else(|| rel.to_string());
    let (ra, rb) = (shown(&a.rel), shown(&b.rel));
    let decision = if ra == rb {
        format!("one story, folded into content/{ra}")
    } else if report.stories.iter().any(|s| s.articles.contains(&ra) && s.articles.contains(&rb)) {
        "related coverage of one story, both published".to_string()
    } else {
        "not joined".to_string()
    };
    let _ = writeln!(out, "  decision: {decision}");
    out
}
