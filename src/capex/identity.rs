//! Commitment identity: whether two reported commitments are one real commitment (the same
//! plan told twice: a headline and its body, a figure and its conversion, two outlets), or
//! whether one revises the other. Used to give each real commitment one row, to fold a
//! page's restatements, and to link coverage of the same news across briefings.
//!
//! # API
//!
//! Everything works on normalised [`Commitment`]s (US dollars, resolved periods, an
//! announcement date). Before the capex stage has run (dedup runs before it), make them with
//! [`super::commitments_of`] from a page, a [`super::Registry`] and a [`super::FxTable`].
//!
//! - [`relation`]`(a, b)` → [`Relation`]: `Same`, `Revises` (`b` revises `a`), `RevisedBy`
//!   (`a` revises `b`) or `Distinct`.
//! - [`same_commitment`]`(a, b)`: `relation` is `Same`.
//! - [`same_announcement`]`(a, b)`: the same commitment, announced within
//!   [`ANNOUNCEMENT_DAYS`] of each other: two briefings telling the same news.
//! - [`amounts_match`] and [`periods_compatible`], the two tests `relation` is made of.
//!
//! # The rules
//!
//! - **Company**: the same canonical company (its slug); nothing else can be the same.
//! - **Place**: the places each names (its `scope:`, else the sentence it comes from; see
//!   [`super::place`]) must not be apart: one company's `$9 billion in Virginia` and `$9
//!   billion in Oklahoma` are two plans, while `in Virginia` and `in the US`, or a report
//!   that names no place, can be one.
//! - **Period**: when both are known they must share a month (a fiscal year ending in June
//!   2025 shares months with calendar 2024 and 2025); an unknown period fits any.
//! - **Amount**: in one currency, both ends of the ranges within rounding when announced
//!   within [`LOOSE_MATCH_DAYS`]: less than the worth of the less precise figure's last
//!   digit (`$53 billion` and `$52.4bn`, not `$54bn`); any time,
//!   [`SAME_CURRENCY_TOLERANCE`] (`$80 billion` and `about $80bn`; qualifiers are not part
//!   of the amount). Across currencies, announced within [`LOOSE_MATCH_DAYS`], the US dollar
//!   values within [`CROSS_CURRENCY_TOLERANCE`]: `RMB 380 billion` and a headline's `$53bn`,
//!   `120 trillion won` and its conversion at the day's rate.
//! - **Same**: company, period and amount agree, whatever the dates (a briefing that
//!   restates a plan months later still reports that plan).
//! - **Revision**: same company, both periods known and covering exactly the same months,
//!   amounts that do not match, announced on different days: the later one revises the
//!   earlier (a raised forecast, a narrowed range).
//! - Anything else is `Distinct`.

use super::{place, Commitment};

/// Relative difference of two amounts in one currency that is always taken for rounding
/// (`$1,402 billion` and `$1.4 trillion`), whatever digits they were written with.
pub const SAME_CURRENCY_TOLERANCE: f64 = 0.005;

/// Largest relative difference of the US dollar values of two amounts in different
/// currencies that are still one figure. Articles convert at the day's rate, capbrief at its
/// reference rate; a year of won or yen moves about this much.
pub const CROSS_CURRENCY_TOLERANCE: f64 = 0.10;

/// Days between two reports of the same commitment for them to be the same announcement.
pub const ANNOUNCEMENT_DAYS: i64 = 7;

/// How two reported commitments relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// One real commitment, reported twice.
    Same,
    /// `b` revises `a`: the same company and period, another amount, announced later.
    Revises,
    /// `a` revises `b`.
    RevisedBy,
    /// Two different commitments.
    Distinct,
}

/// How `b` relates to `a`.
pub fn relation(a: &Commitment, b: &Commitment) -> Relation {
    // A yearly rate and a whole commitment are never one figure rounded.
    if a.company_slug != b.company_slug || !periods_compatible(a, b) || a.per_year != b.per_year {
        return Relation::Distinct;
    }
    if amounts_match(a, b) {
        return if places_apart(a, b) { Relation::Distinct } else { Relation::Same };
    }
    let same_months = match (&a.period, &b.period) {
        (Some(pa), Some(pb)) => pa.months() == pb.months(),
        _ => false,
    };
    if !same_months || places_apart(a, b) {
        return Relation::Distinct;
    }
    match a.announced.cmp(&b.announced) {
        std::cmp::Ordering::Less => Relation::Revises,
        std::cmp::Ordering::Greater => Relation::RevisedBy,
        std::cmp::Ordering::Equal => Relation::Distinct,
    }
}

/// Whether `a` and `b` are one real commitment.
pub fn same_commitment(a: &Commitment, b: &Commitment) -> bool {
    relation(a, b) == Relation::Same
}

/// Whether `a` and `b` are the same commitment announced within [`ANNOUNCEMENT_DAYS`]: two
/// reports of the same news.
pub fn same_announcement(a: &Commitment, b: &Commitment) -> bool {
    same_commitment(a, b) && days_apart(a, b) <= ANNOUNCEMENT_DAYS
}

/// Whether both name places and none of one's is, holds or lies within one of the other's.
pub fn places_apart(a: &Commitment, b: &Commitment) -> bool {
    !place::compatible(&a.places, &b.places)
}

/// Days between the two announcements.
pub fn days_apart(a: &Commitment, b: &Commitment) -> i64 {
    a.announced.until(b.announced).map_or(i64::MAX, |span| i64::from(span.get_days()).abs())
}

/// Whether both periods are known and share a month, or either is unknown.
pub fn periods_compatible(a: &Commitment, b: &Commitment) -> bool {
    match (&a.period, &b.period) {
        (Some(pa), Some(pb)) => pa.overlaps(pb),
        _ => true,
    }
}

/// Days apart within which a figure rounded or converted differently is still the same
/// one (`$53bn` in one outlet, `$52.4bn` or `RMB 380 billion` in another the same week).
/// Further apart, only amounts that agree as written are: `$2.9 billion` for Japan in
/// April 2024 and `$3 billion` for India in January 2025 are two plans.
pub const LOOSE_MATCH_DAYS: i64 = 31;

/// Whether the amounts are one figure: both ends of the ranges agree, in their currency
/// when it is the same (within rounding when announced within [`LOOSE_MATCH_DAYS`]), else in
/// US dollars with room for exchange rates (within [`LOOSE_MATCH_DAYS`] only).
pub fn amounts_match(a: &Commitment, b: &Commitment) -> bool {
    let loose = days_apart(a, b) <= LOOSE_MATCH_DAYS;
    let close = |x: f64, y: f64, tolerance: f64| (x - y).abs() <= x.abs().max(y.abs()) * tolerance;
    if a.currency == b.currency {
        let (ah, bh) = (a.amount_high.unwrap_or(a.amount), b.amount_high.unwrap_or(b.amount));
        // Less than one unit of the last digit apart: `$53 billion` may be `$52.4 billion`
        // rounded, but `$62 billion` is not `$61 billion`.
        let rounding = if loose { a.unit.max(b.unit) * 0.999 } else { 0.0 };
        let same = |x: f64, y: f64| (x - y).abs() < rounding || close(x, y, SAME_CURRENCY_TOLERANCE);
        same(a.amount, b.amount) && same(ah, bh)
    } else {
        if !loose {
            return false;
        }
        let (ah, bh) = (a.usd_high.unwrap_or(a.usd), b.usd_high.unwrap_or(b.usd));
        close(a.usd, b.usd, CROSS_CURRENCY_TOLERANCE) && close(ah, bh, CROSS_CURRENCY_TOLERANCE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capex::testing::commitment as c;

    #[test]
    fn a_figure_and_its_conversion_are_one_commitment() {
        let yuan = c("Alibaba", "RMB 380 billion", Some("over the next three years"), "2025-02-24", None);
        let dollars = c("Alibaba", "$53 billion", Some("over three years"), "2025-02-24", None);
        let rounded = c("Alibaba", "$52.4 billion", Some("over three years"), "2025-02-24", None);
        assert_eq!(relation(&dollars, &rounded), Relation::Same, "$53 billion is $52.4 billion rounded");
        let other = c("Alibaba", "$54 billion", Some("over three years"), "2025-02-24", None);
        assert_eq!(relation(&dollars, &other), Relation::Distinct, "on the same day");
        assert_eq!(relation(&yuan, &dollars), Relation::Same);
        assert!(same_announcement(&yuan, &dollars));
        // The article's own rate, not capbrief's: 120 trillion won at 1,450 to the dollar.
        let won = c("SK hynix", "120 trillion won", Some("2025-2028"), "2025-03-05", None);
        let usd = c("SK hynix", "$82.8 billion", Some("2025-2028"), "2025-03-05", None);
        assert_eq!(relation(&won, &usd), Relation::Same);
    }

    #[test]
    fn a_later_report_of_the_same_plan_is_the_same_commitment_but_not_the_same_news() {
        let jan = c("Microsoft", "$80 billion", Some("FY2025"), "2025-01-03", Some(6));
        let apr = c("Microsoft", "about $80bn", Some("in fiscal 2025"), "2025-04-30", Some(6));
        assert!(same_commitment(&jan, &apr));
        assert!(!same_announcement(&jan, &apr));
        assert_eq!(days_apart(&jan, &apr), 117);
        let restated = c("Microsoft", "$80 billion", None, "2025-01-05", None);
        assert!(same_announcement(&jan, &restated), "an unknown period fits any");
    }

    #[test]
    fn equal_plans_for_different_places_are_distinct_and_reports_of_one_place_are_the_same() {
        let place = |mut c: Commitment, scope: Option<&str>, quote: &str| {
            c.scope = scope.map(String::from);
            c.quote = Some(quote.into());
            c.places = place::of(&[c.scope.as_deref(), c.quote.as_deref()]);
            c
        };
        let ohio = place(
            c("Acme Cloud", "$6 billion", Some("through 2027"), "2025-05-02", None),
            None,
            "Acme Cloud will put $6 billion into two campuses in Ohio through 2027.",
        );
        let indiana = place(
            c("Acme Cloud", "$6 billion", Some("over the next three years"), "2025-05-20", None),
            None,
            "The company said it would spend $6 billion in Indiana over the next three years.",
        );
        assert_eq!(relation(&ohio, &indiana), Relation::Distinct);
        assert!(!same_announcement(&ohio, &indiana));
        // Another outlet's report of the Ohio plan: one names the state, one the country or
        // nothing at all.
        let wire = place(
            c("Acme Cloud", "$6bn", Some("through 2027"), "2025-05-03", None),
            None,
            "Acme Cloud's $6bn US build-out runs through 2027.",
        );
        let bare = place(
            c("Acme Cloud", "$6 billion", Some("2025-2027"), "2025-05-02", None),
            None,
            "It is $6 billion.",
        );
        assert_eq!(relation(&ohio, &wire), Relation::Same);
        assert_eq!(relation(&ohio, &bare), Relation::Same);
        // An editor's `scope:` says where, whatever else the sentence names.
        let scoped = place(
            c("Acme Cloud", "$6 billion", Some("through 2027"), "2025-05-02", None),
            Some("Ohio data centres"),
            "Acme Cloud, based in Texas, will invest $6 billion.",
        );
        assert_eq!(relation(&ohio, &scoped), Relation::Same);
        // A raised plan for one place does not revise another place's plan.
        let more = place(
            c("Acme Cloud", "$8 billion", Some("through 2027"), "2025-09-01", None),
            None,
            "Acme Cloud raised its Indiana plan to $8 billion through 2027.",
        );
        assert_eq!(relation(&ohio, &more), Relation::Distinct);
        let more_ohio = place(more.clone(), Some("Ohio"), "");
        assert_eq!(relation(&ohio, &more_ohio), Relation::Revises);
    }

    #[test]
    fn a_raised_or_narrowed_forecast_for_the_same_period_revises_the_earlier_one() {
        let feb = c("Alphabet", "$75 billion", Some("2025"), "2025-02-04", None);
        let jul = c("Alphabet", "$85 billion", Some("in 2025"), "2025-07-23", None);
        assert_eq!(relation(&feb, &jul), Relation::Revises);
        assert_eq!(relation(&jul, &feb), Relation::RevisedBy);
        let apr = c("Meta", "$64 billion to $72 billion", Some("2025"), "2025-04-30", None);
        let oct = c("Meta", "$70-72 billion", Some("this year"), "2025-10-29", None);
        assert_eq!(relation(&apr, &oct), Relation::Revises, "a narrowed range");
    }

    #[test]
    fn different_companies_periods_or_plans_are_distinct() {
        let msft = c("Microsoft", "$80 billion", Some("FY2025"), "2025-01-03", Some(6));
        let goog = c("Alphabet", "$80 billion", Some("2025"), "2025-01-03", None);
        assert_eq!(relation(&msft, &goog), Relation::Distinct);
        let fy26 = c("Microsoft", "$80 billion", Some("FY2026"), "2025-07-30", Some(6));
        assert_eq!(relation(&msft, &fy26), Relation::Distinct, "fiscal 2025 and 2026 share no month");
        // Calendar 2025 overlaps Microsoft's fiscal 2025 (July 2024 to June 2025) ...
        let cal = c("Microsoft", "$80 billion", Some("2025"), "2025-01-10", None);
        assert_eq!(relation(&msft, &cal), Relation::Same);
        // ... but a different amount over different months is another plan, not a revision.
        let uk = c("Microsoft", "$30 billion", Some("2025-2028"), "2025-09-16", None);
        assert_eq!(relation(&msft, &uk), Relation::Distinct);
        let unknown = c("Microsoft", "$3 billion", None, "2025-01-07", None);
        assert_eq!(relation(&msft, &unknown), Relation::Distinct);
        // Rounding joins figures of the same weeks only: Japan's $2.9 billion of April 2024
        // and India's $3 billion of January 2025 are two plans.
        let japan = c("Microsoft", "$2.9 billion", Some("over the next two years"), "2024-04-10", None);
        let india = c("Microsoft", "$3 billion", Some("over the next two years"), "2025-01-07", None);
        assert_eq!(relation(&japan, &india), Relation::Distinct);
    }
}
