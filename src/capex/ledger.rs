//! A company's ledger: its reported commitments folded into one entry per real commitment
//! (by [`super::identity`]), the revisions between them, and the entry `/compare/` shows as
//! its current commitment.
//!
//! Entries refer to reports by their index in the history they were made from (a company's
//! commitments, oldest first), so the same ledger serves the clean build and the preview,
//! which keys each report.

use super::identity::{self, Relation};
use super::period::Period;
use super::Commitment;
use jiff::civil::Date;

/// One real commitment and every report of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    /// Indexes of its reports in the history, oldest first.
    pub reports: Vec<usize>,
    /// The report whose figures the row shows: the first with a period, else the first.
    pub lead: usize,
    /// The entry (index into [`CompanyLedger::entries`]) this one revises.
    pub revises: Option<usize>,
    /// The entry that revises this one: it is superseded.
    pub revised_by: Option<usize>,
}

/// A company's commitments, one entry per real commitment, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyLedger {
    /// Entries in the order of their first report.
    pub entries: Vec<LedgerEntry>,
    /// The entry `/compare/` shows, when one qualifies (see [`company_ledger`]).
    pub headline: Option<usize>,
}

/// Folds a company's reported commitments (`history`, oldest first: by announcement, then
/// briefing and entry) into entries, links revisions, and picks the headline entry for the
/// site's current date (`current`, the newest article's date):
///
/// 1. an entry holding a report an editor pinned (`pin: true`; the latest pinned wins);
/// 2. else, of the entries nobody has revised whose period reaches the current or next
///    period (fiscal for fiscal periods), the latest announced;
/// 3. else, of the unrevised entries with no period, the latest announced.
///
/// Entries for past periods and superseded entries are never the headline. Past spending,
/// estimates and other non-commitments never get this far: they are not `capex:` entries.
pub fn company_ledger(history: &[&Commitment], current: Option<Date>) -> CompanyLedger {
    let mut entries: Vec<LedgerEntry> = Vec::new();
    for (i, c) in history.iter().enumerate() {
        let found = entries.iter_mut().find(|e| {
            identity::same_commitment(history[e.reports[0]], c)
                || (e.lead != e.reports[0] && identity::same_commitment(history[e.lead], c))
        });
        match found {
            Some(e) => {
                if history[e.lead].period.is_none() && c.period.is_some() {
                    e.lead = i;
                }
                e.reports.push(i);
            }
            None => entries.push(LedgerEntry { reports: vec![i], lead: i, revises: None, revised_by: None }),
        }
    }
    // Each entry revises the latest earlier entry for the same months that is not revised
    // yet, so raised forecasts form a chain.
    for later in 1..entries.len() {
        let b = history[entries[later].lead];
        let revised = (0..later).rev().find(|&earlier| {
            entries[earlier].revised_by.is_none()
                && identity::relation(history[entries[earlier].lead], b) == Relation::Revises
        });
        if let Some(earlier) = revised {
            entries[earlier].revised_by = Some(later);
            entries[later].revises = Some(earlier);
        }
    }
    let headline = headline(&entries, history, current);
    CompanyLedger { entries, headline }
}

fn headline(entries: &[LedgerEntry], history: &[&Commitment], current: Option<Date>) -> Option<usize> {
    // Entries are in the order of their first report, so the last match is the latest.
    let pinned = entries.iter().rposition(|e| e.reports.iter().any(|&r| history[r].pin));
    if pinned.is_some() {
        return pinned;
    }
    let open = |e: &LedgerEntry| e.revised_by.is_none();
    let with_period = entries.iter().rposition(|e| {
        open(e) && history[e.lead].period.as_ref().is_some_and(|p| current.is_none_or(|d| reaches(p, d)))
    });
    with_period.or_else(|| entries.iter().rposition(|e| open(e) && history[e.lead].period.is_none()))
}

/// Whether `p` covers part of the current or the next period as of `today`: the calendar
/// years of `today` and the next, or, for a fiscal period, the company's fiscal year that
/// holds `today` and the next.
pub fn reaches(p: &Period, today: Date) -> bool {
    let (start, end) = p.months();
    let month = i32::from(today.year()) * 12 + i32::from(today.month()) - 1;
    let (current_start, next_end) = match (p.fiscal, p.fiscal_end_month) {
        (true, Some(end_month)) => {
            let fy = super::period::fiscal_year_of(today, end_month);
            let end_month = i32::from(end_month);
            ((fy - 1) * 12 + end_month, (fy + 1) * 12 + end_month - 1)
        }
        _ => {
            let year = month.div_euclid(12);
            (year * 12, (year + 1) * 12 + 11)
        }
    };
    end >= current_start && start <= next_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capex::period;

    fn c(amount_text: &str, period_text: Option<&str>, announced: &str, page: &str) -> Commitment {
        let made = crate::capex::testing::commitment("Alphabet", amount_text, period_text, announced, None);
        Commitment { page: page.into(), ..made }
    }

    fn date(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn reports_of_one_commitment_are_one_entry_and_a_raise_revises_it() {
        let history = [
            c("$75 billion", Some("2025"), "2025-02-04", "a.md"),
            c("about $75bn", None, "2025-02-05", "b.md"),
            c("$75 billion", Some("this year"), "2025-04-24", "c.md"),
            c("$85 billion", Some("2025"), "2025-07-23", "d.md"),
            c("$91 billion to $93 billion", Some("2025"), "2025-10-29", "e.md"),
        ];
        let refs: Vec<&Commitment> = history.iter().collect();
        let ledger = company_ledger(&refs, date("2025-11-01"));
        let reports: Vec<&[usize]> = ledger.entries.iter().map(|e| e.reports.as_slice()).collect();
        assert_eq!(reports, [&[0, 1, 2][..], &[3], &[4]]);
        let links: Vec<(Option<usize>, Option<usize>)> =
            ledger.entries.iter().map(|e| (e.revises, e.revised_by)).collect();
        assert_eq!(links, [(None, Some(1)), (Some(0), Some(2)), (Some(1), None)]);
        assert_eq!(ledger.headline, Some(2));
    }

    #[test]
    fn the_headline_is_never_a_past_period_or_superseded_and_a_pin_wins() {
        let mut history = [
            c("$75 billion", Some("2026"), "2025-02-04", "a.md"),
            c("$52.5 billion", Some("2024"), "2025-02-06", "b.md"),
            c("$10 billion", None, "2025-01-02", "c.md"),
        ];
        // Sorted as a history is: by announcement.
        history.sort_by_key(|c| c.announced);
        let refs: Vec<&Commitment> = history.iter().collect();
        let ledger = company_ledger(&refs, date("2025-03-01"));
        let shown = &history[ledger.entries[ledger.headline.unwrap()].lead];
        assert_eq!(shown.amount_text, "$75 billion", "2024 is past in 2025");
        // The current date comes from content: built a year later, 2026 is still current.
        assert!(company_ledger(&refs, date("2026-06-01")).headline.is_some());
        // Two years later nothing is current but the figure without a period.
        let later = company_ledger(&refs, date("2028-01-01"));
        assert_eq!(history[later.entries[later.headline.unwrap()].lead].amount_text, "$10 billion");
        history.iter_mut().filter(|c| c.amount_text == "$52.5 billion").for_each(|c| c.pin = true);
        let refs: Vec<&Commitment> = history.iter().collect();
        let pinned = company_ledger(&refs, date("2025-03-01"));
        assert_eq!(history[pinned.entries[pinned.headline.unwrap()].lead].amount_text, "$52.5 billion");
    }

    #[test]
    fn fiscal_periods_are_current_by_the_company_fiscal_year() {
        let fy = |text: &str| {
            period::parse(text).unwrap().resolve(jiff::civil::date(2025, 1, 3), Some(6)).unwrap()
        };
        // Microsoft's FY2025 runs July 2024 to June 2025.
        assert!(reaches(&fy("FY2025"), jiff::civil::date(2025, 6, 30)));
        assert!(reaches(&fy("FY2025"), jiff::civil::date(2024, 8, 1)));
        assert!(!reaches(&fy("FY2025"), jiff::civil::date(2025, 7, 1)), "FY2026 has begun");
        assert!(reaches(&fy("FY2027"), jiff::civil::date(2025, 7, 1)), "the next fiscal year");
        assert!(!reaches(&fy("FY2028"), jiff::civil::date(2025, 7, 1)));
    }
}
