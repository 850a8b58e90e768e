//! What kind of figure a money amount is, from the words around it (see
//! [`FigureClass`]). Checks run from the most specific to the most general: a conversion in
//! parentheses, a part, a difference, a replaced forecast, an estimate, another entity's
//! money, a past or single quarter's figure; what is left is a commitment when capex words
//! are nearer than other money's words, else other money.

use super::cues::{Cue, CueIndex};
use super::text::{is_word_byte, words_back, words_forward, Doc};
use crate::capex::amount::Money;
use crate::capex::period::PeriodSpec;
use crate::capex::FigureClass;

/// Everything known about one figure when classifying it.
pub(crate) struct Context<'c> {
    pub(crate) doc: &'c Doc<'c>,
    pub(crate) cues: &'c CueIndex,
    pub(crate) money: &'c Money,
    /// The figure before it in the text, if any.
    pub(crate) previous: Option<&'c Money>,
    /// The figure after it in the text, if any.
    pub(crate) next: Option<&'c Money>,
    /// Every figure after it in the text, in order.
    pub(crate) following: &'c [Money],
    /// The figures before it, in order.
    pub(crate) earlier: &'c [Money],
    pub(crate) sentence: (usize, usize),
    pub(crate) clause: (usize, usize),
    /// The subject search found another entity's money.
    pub(crate) other_entity: bool,
    /// A registered company is named right after the figure as its project's owner.
    pub(crate) owner_after: bool,
    /// The figure's period lies wholly before the article's current year.
    pub(crate) period_in_past: bool,
    /// The period found for it.
    pub(crate) period: Option<PeriodSpec>,
    /// The object of `invest … in` is a registered company (an equity stake, not capex).
    pub(crate) invests_in_company: bool,
    /// The article's year, when its date is known.
    pub(crate) year: Option<i32>,
    /// For a figure in a table, its column's header cell.
    pub(crate) header: Option<(usize, usize)>,
}

impl Context<'_> {
    /// The start of the `n`th word before the figure, within its clause.
    fn back(&self, n: usize) -> usize {
        words_back(&self.doc.lower, self.clause.0, self.money.start, n)
    }

    /// The end of the `n`th word after the figure, within `ceiling`.
    fn forward(&self, n: usize, ceiling: usize) -> usize {
        words_forward(&self.doc.lower, self.money.end, ceiling, n)
    }

    /// The end of the `n`th word after byte `at`, within the sentence.
    fn forward_from(&self, at: usize, n: usize) -> usize {
        words_forward(&self.doc.lower, at, self.sentence.1, n)
    }

    /// The lower-cased text of `from..to`.
    fn lower(&self, from: usize, to: usize) -> &str {
        self.doc.lower.get(from..to).unwrap_or("")
    }
}

/// The figure's class and how strongly the words said so (0 to 1).
pub(crate) fn classify(c: &Context<'_>) -> (FigureClass, f64) {
    let m = c.money;
    if !m.scaled && m.low < 1e6 {
        return (FigureClass::NonCapex, 0.9);
    }
    if conversion(c) {
        return (FigureClass::Conversion, 0.9);
    }
    if part(c) {
        return (FigureClass::Part, 0.7);
    }
    if change(c) {
        return (FigureClass::Change, 0.8);
    }
    if let Some(class) = superseded_or_past_from(c) {
        return (class, 0.8);
    }
    if announced_in_an_earlier_year(c) {
        return (FigureClass::Past, 0.7);
    }
    if estimate(c) || possibility(c) {
        return (FigureClass::Estimate, 0.8);
    }
    if c.other_entity || comparison(c) || market_total(c) {
        return (FigureClass::OtherEntity, 0.6);
    }
    if economic_contribution(c) {
        return (FigureClass::NonCapex, 0.8);
    }
    let (cue, cue_distance) = nearest_cue(c);
    if cue == Some(false) || c.invests_in_company || buys_use(c) || sizes_a_fund(c) {
        return (FigureClass::NonCapex, 0.7);
    }
    let future = future_marker(c);
    if let Some(quarter) = past_phrase(c) {
        if !future || !quarter {
            return (FigureClass::Past, 0.8);
        }
    }
    // A period already over is past spending unless the words still speak of a plan
    // (`expects to invest $80 billion in fiscal 2025, which ended in June`).
    if c.period_in_past && !future {
        return (FigureClass::Past, 0.8);
    }
    // `In 2021 the group committed …`, `after the 2016 election, when he pledged …`: a
    // commitment of years ago is history, not a current plan.
    if past_year_before(c) {
        return (FigureClass::Past, 0.7);
    }
    if past_verb(c) && !future {
        return (FigureClass::Past, 0.7);
    }
    if let Some(coming) = quarter(c) {
        return (if coming || future { FigureClass::Quarter } else { FigureClass::Past }, 0.6);
    }
    match cue {
        Some(true) => (FigureClass::Commitment, if cue_distance <= 40 { 0.9 } else { 0.7 }),
        _ if c.period.is_some() && future => (FigureClass::Commitment, 0.5),
        _ => (FigureClass::NonCapex, 0.4),
    }
}

/// Whether `text` ends with the whole word or phrase `w`.
fn ends_with_word(text: &str, w: &str) -> bool {
    text.ends_with(w) && text[..text.len() - w.len()].bytes().next_back().is_none_or(|b| !is_word_byte(b))
}

/// Whether `text` starts with the whole word or phrase `w`.
fn starts_with_word(text: &str, w: &str) -> bool {
    text.starts_with(w) && text[w.len()..].bytes().next().is_none_or(|b| !is_word_byte(b))
}

/// A conversion of the figure just before it: `RMB 380 billion (about $53 billion)`,
/// `…, or roughly $53 billion`, `(unos 53.000 millones de dólares)`.
fn conversion(c: &Context<'_>) -> bool {
    let Some(p) = c.previous else { return false };
    if p.end > c.money.start {
        return false;
    }
    // `At exchange rates at the time, that is roughly US$53 billion.`: a conversion in a
    // sentence of its own, right after the figure it converts. A bare `$` may be pesos as well
    // as dollars (`El monto equivale a unos $ 3,75 billones al tipo de cambio de hoy`), so the
    // currencies read need not differ.
    let rates = ["exchange rate", "exchange rates", "tipo de cambio", "tipos de cambio", "al cambio"];
    let clause_text = c.lower(c.clause.0.max(c.sentence.0), c.forward(4, c.clause.1));
    // `El monto equivale a …`, `The amount is equivalent to …`: words pointing back at the
    // figure reach a paragraph further.
    let pointing = [
        "el monto",
        "la cifra",
        "esa cifra",
        "the amount",
        "the figure",
        "that sum",
        "equivale",
        "equivalent",
    ]
    .iter()
    .any(|w| clause_text.contains(w));
    let reach = if pointing { 1_500 } else { 400 };
    if c.money.start - p.end <= reach && rates.iter().any(|w| clause_text.contains(w)) {
        return true;
    }
    if p.currency == c.money.currency {
        return false;
    }
    if c.money.start - p.end > 60 {
        return false;
    }
    let gap = c.lower(p.end, c.money.start);
    const FILLERS: &[&str] = &[
        "",
        "or",
        "or about",
        "or around",
        "or roughly",
        "or some",
        "or nearly",
        "or almost",
        "about",
        "roughly",
        "around",
        "approximately",
        "some",
        "nearly",
        "almost",
        "~",
        "us",
        "equivalent to",
        "equal to",
        "worth about",
        "worth roughly",
        "worth",
        "which is about",
        "which is roughly",
        "which is",
        "or about us",
        "o",
        "o unos",
        "o alrededor de",
        "unos",
        "alrededor de",
        "cerca de",
        "aproximadamente",
        "equivalentes a",
        "equivalente a",
        "about us",
        "or more than",
        "more than",
        "at least",
        "over",
        "just over",
        "más de",
    ];
    let marked = gap.contains(['(', ',', '—', '–', '/', '['])
        || gap.trim_start().starts_with("or ")
        || gap.trim_start().starts_with("o ");
    let inner: String = gap
        .chars()
        .map(|ch| if matches!(ch, '(' | ',' | '—' | '–' | '/' | '[' | ';' | '-') { ' ' } else { ch })
        .collect();
    let inner = inner.split_whitespace().collect::<Vec<_>>().join(" ");
    marked && FILLERS.contains(&inner.as_str())
}

/// A part of a figure given beside it: `of which`, `including`, `$X of that`, `with $X for
/// …`, `as part of the $Y pledge, … $X`, `the first $X`.
fn part(c: &Context<'_>) -> bool {
    let before = c.lower(c.back(3), c.money.start).trim_end();
    const BEFORE: &[&str] = &[
        "of which",
        "including",
        "includes",
        "of that",
        "of this",
        "de los cuales",
        "de ellos",
        "incluidos",
        "incluye",
    ];
    // `three projects, including the ₹91,000 crore plant that Tata Electronics is building`:
    // a listed project its owner is named for is that owner's own commitment.
    // A larger figure just before is the whole it is a part of (`The total includes more than
    // $7.3 billion that Microsoft expects to have spent`), whoever is named after it.
    let whole_before = c.previous.is_some_and(|p| {
        p.currency == c.money.currency && p.low > c.money.low && c.money.start.saturating_sub(p.end) < 800
    });
    let owned = c.owner_after
        && !whole_before
        && ["including", "includes", "incluidos", "incluye"].iter().any(|w| before.contains(w));
    if BEFORE.iter().any(|w| before.contains(w)) && !owned {
        return true;
    }
    // `De esa cifra, unos 3.048 millones`, `Of that amount, about $3 billion`: the whole named
    // by a pointing word at the head of the clause.
    const OF_THAT_WHOLE: &[&str] = &[
        "of that figure",
        "of that amount",
        "of that sum",
        "of this amount",
        "of the total",
        "of the sum",
        "de esa cifra",
        "de esta cifra",
        "de esa cantidad",
        "de esta cantidad",
        "de ese importe",
        "de ese total",
        "del total",
        "de esa suma",
    ];
    if OF_THAT_WHOLE.iter().any(|w| c.lower(c.back(6), c.money.start).contains(w)) {
        return true;
    }
    // `The remaining $7.9 billion is to be spent from 2026`: what is left of a larger figure
    // of the same currency given before it.
    let remaining = [
        "the remaining",
        "the remainder of",
        "the balance of",
        "the other",
        "los restantes",
        "las restantes",
    ]
    .iter()
    .any(|w| {
        ends_with_word(c.lower(c.back(4), c.money.start).trim_end(), w)
            || c.lower(c.back(3), c.money.start).contains(w)
    });
    let larger_before =
        c.earlier.iter().rev().take_while(|p| c.money.start.saturating_sub(p.end) <= 1_500).any(|p| {
            p.end <= c.money.start
                && p.currency == c.money.currency
                && p.low > c.money.high.unwrap_or(c.money.low)
        });
    if remaining && larger_before {
        return true;
    }
    // `includes $150 billion for manufacturing and $50 billion for research`: the figures
    // of a list the part word leads share its reading.
    if let Some(p) = c.previous.filter(|p| p.end <= c.money.start && p.start >= c.sentence.0) {
        let gap = c.lower(p.end, c.money.start);
        let listed = gap.len() <= 80
            && [" and", " y", ","].iter().any(|j| gap.trim_end().ends_with(j))
            && !gap.contains([';', '.']);
        let lead = c.lower(words_back(&c.doc.lower, c.sentence.0, p.start, 3), p.start);
        if listed && BEFORE.iter().any(|w| lead.contains(w)) {
            return true;
        }
    }
    // `La primera inversión, de 10.000 millones`, `the first tranche of $10 billion`: the
    // first instalment of a larger figure given before it.
    let tranche_words = c.lower(c.back(4), c.money.start);
    let words: Vec<&str> =
        tranche_words.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    const FIRST: &[&str] = &["first", "initial", "primera", "primer", "inicial"];
    const TRANCHE: &[&str] = &[
        "tranche",
        "instalment",
        "installment",
        "investment",
        "phase",
        "stage",
        "payment",
        "round",
        "inversión",
        "fase",
        "etapa",
        "tramo",
        "pago",
        "aportación",
    ];
    let first_tranche = words.windows(2).any(|w| FIRST.contains(&w[0]) && TRANCHE.contains(&w[1]));
    if first_tranche && c.previous.is_some_and(|p| p.low > c.money.low && c.money.start - p.end < 600) {
        return true;
    }
    let after = c.lower(c.money.end, c.forward(3, c.sentence.1)).trim_start();
    // `committed EUR5.5bn to Germany for 2026 to 2029, roughly EUR1.4bn a year,`: the yearly
    // share of the figure just before, in apposition to it.
    const A_YEAR: &[&str] = &["a year", "per year", "each year", "annually", "al año", "por año", "cada año"];
    if A_YEAR.iter().any(|w| starts_with_word(after, w))
        && c.previous.is_some_and(|p| {
            p.start >= c.sentence.0
                && p.currency == c.money.currency
                && p.low > c.money.high.unwrap_or(c.money.low)
                && c.money.start - p.end <= 80
                && c.lower(words_back(&c.doc.lower, c.sentence.0, c.money.start, 2), c.money.start)
                    .contains(',')
        })
    {
        return true;
    }
    const OF_WHOLE: &[&str] = &[
        "of that",
        "of it",
        "of the total",
        "of the money",
        "of this",
        "de ello",
        "del total",
        "de esa cantidad",
    ];
    if OF_WHOLE.iter().any(|w| starts_with_word(after, w)) {
        return true;
    }
    let opening = c.clause.0.max(c.sentence.0);
    let clause_text = c.lower(opening, c.money.start);
    if let Some(p) = clause_text.find("as part of").or_else(|| clause_text.find("como parte de")) {
        if c.previous.is_some_and(|w| w.start > opening + p) {
            return true;
        }
    }
    // `deploy $100 billion immediately`, `the $100 billion as a first phase`: the first
    // tranche of a larger figure given just before.
    const TRANCHE_AFTER: &[&str] = &[
        "right away",
        "straight away",
        "at once",
        "to start with",
        "to begin with",
        "de entrada",
        "immediately",
        "initially",
        "at first",
        "as a first phase",
        "in a first phase",
        "as a first step",
        "up front",
        "upfront",
        "de inmediato",
        "inmediatamente",
        "inicialmente",
        "en una primera fase",
        "como primera fase",
    ];
    let tranche = TRANCHE_AFTER.iter().any(|w| after.contains(w))
        || c.lower(c.money.end, c.forward(5, c.sentence.1)).contains("first phase");
    if tranche && c.previous.is_some_and(|p| p.low > c.money.low && c.money.start - p.end < 800) {
        return true;
    }
    // `plans to invest $100 billion right away and up to $500 billion over four years`: the
    // larger figure may come after the tranche, in the same sentence.
    if tranche && larger_later_in_sentence(c).is_some() {
        return true;
    }
    // `about 5.3 trillion won on building the fab itself, and … more than 20 trillion won in
    // total`: a figure before the sentence's total is a part of it.
    if let Some(n) = larger_later_in_sentence(c) {
        let around = c.lower(words_back(&c.doc.lower, c.sentence.0, n.start, 3), c.forward_from(n.end, 3));
        const TOTAL: &[&str] =
            &["in total", "in all", "a total of", "en total", "un total de", "in aggregate"];
        if TOTAL.iter().any(|w| around.contains(w)) {
            return true;
        }
    }
    let first = ["the first", "an initial", "the initial", "los primeros", "un primer"]
        .iter()
        .any(|w| ends_with_word(before, w));
    if first && c.previous.is_some_and(|p| p.low > c.money.low && c.money.start - p.end < 600) {
        return true;
    }
    // `…, with $X going to …` after a larger figure of the same sentence.
    let with = ends_with_word(before, "with") || ends_with_word(before, "con");
    with && c
        .previous
        .is_some_and(|p| p.start >= c.sentence.0 && p.low > c.money.low && p.currency == c.money.currency)
}

/// The next figure of the same currency later in the same sentence (conversions of this one
/// skipped), when it is a larger sum.
fn larger_later_in_sentence<'m>(c: &Context<'m>) -> Option<&'m Money> {
    c.following
        .iter()
        .take_while(|n| n.end <= c.sentence.1)
        .find(|n| n.start > c.money.end && n.currency == c.money.currency)
        .filter(|n| n.low > c.money.high.unwrap_or(c.money.low))
}

/// A difference or change: `$10 billion more than`, `an increase of $X`, `raised by $X`,
/// `an additional $X, bringing the total to $Y`.
fn change(c: &Context<'_>) -> bool {
    let m = c.money;
    let (_, se) = c.sentence;
    let after = c.lower(m.end, c.forward(3, se)).trim_start();
    let next_is_figure = c.next.is_some_and(|n| n.start <= c.forward(6, se));
    const AFTER: &[&str] = &[
        "more than",
        "less than",
        "higher than",
        "lower than",
        "larger than",
        "bigger than",
        "smaller than",
        "greater than",
        "above",
        "below",
        "increase",
        "rise",
        "jump",
        "boost",
        "hike",
        "reduction",
        "drop",
        "decline",
        "more",
        "less",
        "extra",
        "larger",
        "bigger",
        "higher",
        "lower",
        "over last year",
        "más que",
        "más de lo",
        "menos que",
        "de aumento",
        "más",
        "menos",
    ];
    if AFTER.iter().any(|w| starts_with_word(after, w)) && !next_is_figure {
        return true;
    }
    // `$15 billion more than the $35 billion it forecast`: a comparison with a figure named
    // as a known one is a difference, even with that figure right after.
    const THAN: &[&str] = &["more than", "less than", "higher than", "lower than", "above", "below"];
    if THAN.iter().any(|w| {
        starts_with_word(after, w)
            && ["the", "its", "their", "his", "her", "last", "what"]
                .iter()
                .any(|d| starts_with_word(after[w.len()..].trim_start(), d))
    }) {
        return true;
    }
    let before = c.lower(c.back(4), m.start).trim_end();
    const BEFORE: &[&str] = &[
        "an increase of",
        "a rise of",
        "a jump of",
        "up by",
        "down by",
        "a boost of",
        "a cut of",
        "a reduction of",
        "increase of",
        "rise of",
        "up",
        "down",
        "un aumento de",
        "un incremento de",
        "un alza de",
        "un recorte de",
    ];
    if BEFORE.iter().any(|w| ends_with_word(before, w)) {
        return true;
    }
    // `raised its forecast for capital spending this year by $10 billion`.
    if (ends_with_word(before, "by") || ends_with_word(before, "en"))
        && c.cues.any(Cue::Revision, c.back(12), m.start)
    {
        return true;
    }
    // `an additional $X`, `a further $X`, `adds $X`, `100.000 millones adicionales`, when a
    // total follows.
    const ADDED: &[&str] = &[
        "additional",
        "further",
        "extra",
        "another",
        "adds",
        "add",
        "adding",
        "added",
        "adicionales",
        "otros",
        "otras",
    ];
    let added = ADDED.iter().any(|w| ends_with_word(before, w) || ends_with_word(before, &format!("{w} of")))
        || ["adicionales", "más", "extra"].iter().any(|w| starts_with_word(after, w))
        || c.lower(m.end, c.forward(5, se)).contains("adicionales");
    let rest = c.lower(m.end, se);
    const TOTAL: &[&str] = &[
        "bringing",
        "taking",
        "lifting",
        "for a total",
        "to a total",
        "total to",
        "hasta un total",
        "elevando",
        "lo que eleva",
        "con lo que",
        "alcanzará",
        "total de",
    ];
    added && TOTAL.iter().any(|w| rest.contains(w))
}

/// A forecast since replaced (`versus an earlier outlook of $X`, `raised to $Y from $X`),
/// or, without a revision, the start of a past change (`grew from $X to $Y`).
fn superseded_or_past_from(c: &Context<'_>) -> Option<FigureClass> {
    let m = c.money;
    let cues = c.cues;
    let (ss, se) = c.sentence;
    let (cs, ce) = c.clause;
    let far = c.back(10);
    let near = c.back(6);
    let kept = cues.any(Cue::Kept, ss, m.start);
    let revised = cues.any(Cue::Revision, ss, se);
    let word_before = c.lower(c.back(1), m.start).trim();
    let to_next = c.next.is_some_and(|n| {
        n.start > m.end
            && matches!(
                c.lower(m.end, n.start).trim(),
                "to" | "a" | "hasta" | "to a" | "to about" | "to roughly"
            )
    });
    // `from $X to $Y` / `de X a Y`.
    if matches!(word_before, "from" | "de" | "desde") && to_next {
        return Some(if revised { FigureClass::Superseded } else { FigureClass::Past });
    }
    // `…, to $85 billion from $75 billion` and `up from its earlier forecast of $75 billion`.
    // `up from the $60 billion to $65 billion range it gave in January`.
    let word_before = if matches!(word_before, "the" | "its" | "a" | "an" | "los" | "las" | "su") {
        c.lower(c.back(2), c.back(1)).trim()
    } else {
        word_before
    };
    if matches!(word_before, "from" | "desde") {
        // `from its previous forecast of`, `from the $X range it gave`.
        let forecast = cues.any(Cue::ForecastNoun, near, m.start)
            || cues.any(Cue::ForecastNoun, m.end, c.forward(2, ce));
        let later_past = past_phrase(c).is_some();
        // `up from $39 billion in 2024`: a year named right after the figure is a past one.
        let year_after =
            c.lower(m.end, c.forward(3, ce)).split(|ch: char| !ch.is_ascii_digit()).any(|w| w.len() == 4);
        let named_year =
            year_after && matches!(c.period, Some(PeriodSpec::Year(_) | PeriodSpec::FiscalYear(_)));
        if (later_past || c.period_in_past || named_year) && !forecast {
            return Some(FigureClass::Past);
        }
        let up_from = ["up from", "down from", "raised from", "lifted from"]
            .iter()
            .any(|w| c.lower(near, m.start).contains(w));
        if revised || forecast || up_from {
            return Some(FigureClass::Superseded);
        }
    }
    if kept {
        return None;
    }
    // `had promised $500 billion`, `había prometido invertir …`: an earlier plan.
    const HAD_BEFORE: &[&str] = &[
        "had promised",
        "had pledged",
        "had planned",
        "had forecast",
        "had announced",
        "had committed",
        "had said",
        "had guided",
        "had budgeted",
        "had targeted",
        "había prometido",
        "había anunciado",
        "había previsto",
        "había comprometido",
        "había planeado",
        "había anticipado",
        "habían prometido",
    ];
    let clause_before = c.lower(cs.max(ss), m.start);
    if HAD_BEFORE.iter().any(|w| clause_before.contains(w)) || had_done(clause_before) {
        return Some(FigureClass::Superseded);
    }
    let forecast_near = cues.any(Cue::ForecastNoun, near.max(cs), m.start);
    // `la horquilla anterior, que arrancaba en …`, `its previous forecast of`: an earlier
    // forecast named as such.
    const STRONG_EARLIER: &[&str] = &[
        "previous",
        "previously",
        "prior",
        "earlier",
        "initial",
        "initially",
        "original",
        "originally",
        "former",
        "anterior",
        "anteriormente",
        "inicial",
        "inicialmente",
        "previamente",
    ];
    let window = c.lower(far.max(cs), m.start);
    let strong = window.split(|ch: char| !ch.is_alphanumeric()).any(|w| STRONG_EARLIER.contains(&w));
    if forecast_near && strong {
        return Some(FigureClass::Superseded);
    }
    let earlier = cues.any(Cue::Earlier, far.max(cs.min(far)), m.start);
    let compared = ["versus", "compared with", "compared to", "vs", "from", "frente a", "than", "against"]
        .iter()
        .any(|w| c.lower(far, m.start).contains(w));
    if forecast_near && earlier && (compared || revised || c.lower(far, m.start).contains("its ")) {
        return Some(FigureClass::Superseded);
    }
    // `…, the $75 billion it had forecast in February`.
    let after = c.lower(m.end, c.forward(6, ce));
    const HAD: &[&str] = &[
        "it had forecast",
        "it had projected",
        "it had planned",
        "it had guided",
        "it previously forecast",
        "it had expected",
        "it had budgeted",
        "previously forecast",
        "previously projected",
        "it forecast in",
        "it guided in",
        "it projected in",
        "previsto inicialmente",
        "que preveía",
        "anteriormente",
    ];
    if HAD.iter().any(|w| after.contains(w)) {
        return Some(FigureClass::Superseded);
    }
    // `frente a la horquilla de 66.000 a 72.000 millones que manejaba hasta ahora`: a forecast
    // or a compared figure held until now has just been replaced.
    const UNTIL_NOW: &[&str] = &["hasta ahora", "until now", "up to now", "until today", "hasta hoy"];
    if (forecast_near || compared) && UNTIL_NOW.iter().any(|w| after.contains(w)) {
        return Some(FigureClass::Superseded);
    }
    // `the more than $100 billion it signalled in February`: what it said before.
    const SAID_BEFORE: &[&str] = &[
        "signalled",
        "signaled",
        "flagged",
        "promised",
        "pledged",
        "announced",
        "set out",
        "gave",
        "indicated",
        "guided",
        "forecast",
        "projected",
        "expected",
        "anticipó",
        "anunció",
        "prometió",
        "preveía",
        "anticipado",
        "previsto",
        "prometido",
        "anunciado",
        "comprometido",
    ];
    // `it signalled`, `range it gave`, `que había anticipado`: the company's own words of
    // before, a word or two after the figure.
    let words: Vec<&str> = after.split_whitespace().take(3).collect();
    let referring = words.iter().any(|w| matches!(*w, "it" | "que" | "which" | "the"))
        || after.trim_start().starts_with("the company ");
    let said = SAID_BEFORE.iter().any(|w| after.contains(w));
    let when = c.cues.any(Cue::Earlier, m.end, c.forward(7, ce))
        || c.cues.any(Cue::PastPhrase, m.end, c.forward(7, ce))
        || after.contains("earlier");
    // Replaced only when the sentence says so: a revision (`raised its outlook to well above
    // the $100 billion it signalled in February`) or a comparison with the figure (`up from
    // the $75 billion it had forecast`). `its plan of $66 billion to $72 billion, which the
    // company gave in July` restates the plan in force.
    let replaced = revised
        || c.lower(near, m.start)
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| matches!(w, "from" | "than" | "above" | "below" | "versus" | "desde" | "frente"));
    (referring && said && when && replaced).then_some(FigureClass::Superseded)
}

/// A plan the sentence says was announced in a year before the article's: `part of its
/// plan to invest $12.7 billion …, which it announced last year`, `…, que anunció en 2023`.
/// A restated pledge of years ago is history here, not this story's commitment.
fn announced_in_an_earlier_year(c: &Context<'_>) -> bool {
    const RELATIVE: &[&str] = &["which it", "that it", "which was", "which were", "que", "it first"];
    const ANNOUNCED: &[&str] = &[
        "announced",
        "unveiled",
        "pledged",
        "promised",
        "committed",
        "set out",
        "laid out",
        "first announced",
        "anunció",
        "presentó",
        "prometió",
        "comprometió",
        "fue anunciado",
        "fue anunciada",
    ];
    const EARLIER_YEAR: &[&str] = &[
        "last year",
        "a year ago",
        "the previous year",
        "years ago",
        "el año pasado",
        "hace un año",
        "hace años",
    ];
    let after = c.lower(c.money.end, c.forward(18, c.sentence.1));
    // The relative clause must follow the figure's own phrase: no other figure between.
    let after = match c.next {
        Some(n) if n.start >= c.money.end && n.start - c.money.end < after.len() => {
            c.lower(c.money.end, n.start)
        }
        _ => after,
    };
    // `which it announced …`, or a contact clause right after the figure's noun: `the $13
    // billion plan Acme set out in 2023`.
    let rel = RELATIVE.iter().filter_map(|r| find_word(after, r).map(|p| p + r.len())).min();
    let tail = after[rel.unwrap_or(0)..].trim_start();
    let Some(verb) = ANNOUNCED.iter().filter_map(|v| find_word(tail, v).map(|p| p + v.len())).min() else {
        return false;
    };
    // The verb right after the relative word (`which it announced`, `which it had first
    // announced`), then the time.
    if tail[..verb].split_whitespace().count() > if rel.is_some() { 3 } else { 4 } {
        return false;
    }
    let when: String = tail[verb..].split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    // `which it announced last year and expects to open in 2026`: a plan still under way.
    let still = tail[verb..].split_whitespace().take(10).collect::<Vec<_>>().join(" ");
    if ["and expects", "and plans", "and will", "and intends", "y prevé", "y espera"]
        .iter()
        .any(|w| still.contains(w))
    {
        return false;
    }
    if EARLIER_YEAR.iter().any(|w| find_word(&when, w).is_some()) {
        return true;
    }
    let Some(year) = c.year else { return false };
    when.split(|ch: char| !ch.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .any(|w| w.parse::<i32>().is_ok_and(|y| (1990..year).contains(&y)))
}

/// Where the whole word or phrase `w` first occurs in `text`.
fn find_word(text: &str, w: &str) -> Option<usize> {
    text.match_indices(w).map(|(p, _)| p).find(|&p| {
        text[..p].bytes().next_back().is_none_or(|b| !is_word_byte(b))
            && text[p + w.len()..].bytes().next().is_none_or(|b| !is_word_byte(b))
    })
}

/// `had previously guided`, `had earlier forecast`, `had initially planned`: `had` with a
/// verb of announcing a plan one or two words later.
fn had_done(before: &str) -> bool {
    const DONE: &[&str] = &[
        "guided",
        "forecast",
        "promised",
        "pledged",
        "planned",
        "projected",
        "expected",
        "announced",
        "committed",
        "budgeted",
        "targeted",
        "said",
        "set",
        "given",
    ];
    let words: Vec<&str> = before.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().any(|(i, w)| {
        // `had set up a venture` founded something; `had set a target` gave a figure.
        *w == "had"
            && words[i + 1..].iter().take(2).enumerate().any(|(j, next)| {
                DONE.contains(next) && !(*next == "set" && words.get(i + 2 + j) == Some(&"up"))
            })
    })
}

/// Someone else's estimate: analysts, consensus, banks and research firms near the figure.
/// What money could come to, not what anyone plans: `could eventually reach about 600
/// trillion won`, `may top $100 billion`, `podría alcanzar`, `pourrait atteindre`.
fn possibility(c: &Context<'_>) -> bool {
    const MODALS: &[&str] =
        &["could", "might", "may", "podría", "podrían", "pourrait", "pourraient", "könnte", "könnten"];
    const REACH: &[&str] = &[
        "reach",
        "hit",
        "top",
        "exceed",
        "total",
        "rise",
        "climb",
        "grow",
        "swell",
        "balloon",
        "approach",
        "alcanzar",
        "llegar",
        "superar",
        "atteindre",
        "dépasser",
        "erreichen",
    ];
    let before = c.lower(c.back(7), c.money.start);
    let words: Vec<&str> = before.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // The modal, at most two words before the verb, and the verb at most three words before
    // the figure (`reach about`, `rise to more than`).
    words.iter().enumerate().any(|(i, w)| {
        REACH.contains(w)
            && words.len() - i <= 4
            && words[i.saturating_sub(3)..i].iter().any(|m| MODALS.contains(m))
    })
}

fn estimate(c: &Context<'_>) -> bool {
    let m = c.money;
    let (_, ce) = c.clause;
    let from = c.back(8);
    let to = c.forward(6, ce);
    let before = c.cues.last(Cue::Estimate, from, m.start).or_else(|| estimator_clause(c));
    let after = c.cues.first(Cue::Estimate, m.end, to);
    if before.is_none() && after.is_none() {
        return false;
    }
    // A verb of the company's own nearer the figure wins: `Meta expects capex of $X, above
    // the $Y analysts had pencilled in` gives $X to Meta.
    const OWN: &[&str] = &[
        "expects",
        "plans",
        "will spend",
        "will invest",
        "guided",
        "sees",
        "said it",
        "prevé",
        "planea",
        "invertirá",
    ];
    let window = c.lower(from, m.start);
    let own_before = OWN.iter().filter_map(|w| window.rfind(w).map(|p| from + p)).max();
    match (before, after) {
        (_, Some((a, _))) => {
            // After the figure: right after it (`$Y analysts had pencilled in`, `$Y,
            // according to LSEG`), with no other figure between.
            let close = c.next.is_none_or(|n| n.start > a) && c.forward(4, ce) >= a;
            close || own_before.is_none()
        }
        (Some(_), None) => true,
        (None, None) => false,
    }
}

/// An estimator and its verb leading a that-clause the figure is in, further back than the
/// estimate window: `Morgan Stanley estimates that global spending on data centres could
/// reach about $2.9 trillion`, `los analistas calculan que …`. The estimator must be named
/// before the verb (a bank, analysts): `Acme forecasts that its spending will climb to …` is
/// the company's own figure.
fn estimator_clause(c: &Context<'_>) -> Option<(usize, usize)> {
    const VERBS: &[&str] = &[
        "estimates that",
        "estimate that",
        "estimated that",
        "forecasts that",
        "forecast that",
        "projects that",
        "project that",
        "predicts that",
        "predict that",
        "reckons that",
        "reckon that",
        "calculates that",
        "calculate that",
        "expects that",
        "expect that",
        "estima que",
        "estiman que",
        "calcula que",
        "calculan que",
        "prevén que",
    ];
    let from = words_back(&c.doc.lower, c.sentence.0, c.money.start, 18);
    let window = c.lower(from, c.money.start);
    let (at, _) = VERBS.iter().filter_map(|v| window.rfind(v).map(|p| (from + p, v.len()))).max()?;
    c.cues.last(Cue::Estimate, words_back(&c.doc.lower, c.sentence.0, at, 4), at)
}

/// A whole market's spending, not one company's: `global spending on data centres could
/// reach $2.9 trillion`, `industry-wide capex of $400 billion`, `el gasto mundial en …`.
fn market_total(c: &Context<'_>) -> bool {
    const MARKET: &[&str] = &[
        "global spending",
        "worldwide spending",
        "global investment",
        "worldwide investment",
        "global capex",
        "global capital spending",
        "industry spending",
        "industry-wide",
        "industrywide",
        "sector-wide",
        "spending across the industry",
        "total market",
        "the market as a whole",
        "gasto mundial",
        "gasto global",
        "inversión mundial",
        "inversión global",
        "a escala mundial",
        "del sector en su conjunto",
    ];
    let window = c.lower(c.back(10), c.money.start);
    MARKET.iter().any(|w| find_word(window, w).is_some())
}

/// What a plan is said to bring an economy, not what it costs: `will add $21.6 billion to
/// Spain's GDP`, `aportará 21.600 millones de euros al PIB`. Announcements of data centres
/// give both figures in one breath, and the contribution is often the larger.
fn economic_contribution(c: &Context<'_>) -> bool {
    const BRINGS: &[&str] = &[
        "add",
        "adds",
        "adding",
        "added",
        "contribute",
        "contributes",
        "contributing",
        "contribution",
        "generate",
        "generates",
        "generating",
        "boost",
        "boosting",
        "aportará",
        "aportar",
        "aporta",
        "aportaría",
        "sumará",
        "generará",
        "generar",
        "impacto",
    ];
    const ECONOMY: &[&str] =
        &["gdp", "pib", "economy", "economía", "gross domestic product", "producto interior bruto"];
    let before = c.lower(c.back(3), c.money.start);
    let after = c.lower(c.money.end, c.forward(5, c.clause.1));
    before.split_whitespace().any(|w| BRINGS.contains(&w.trim_matches(|ch: char| !ch.is_alphanumeric())))
        && ECONOMY.iter().any(|e| {
            after.match_indices(e).any(|(i, _)| {
                let end = i + e.len();
                (i == 0 || !is_word_byte(after.as_bytes()[i - 1]))
                    && after.as_bytes().get(end).is_none_or(|&b| !is_word_byte(b))
            })
        })
}

/// Another entity's figure quoted for comparison (`equal to a third of X's budget`).
fn comparison(c: &Context<'_>) -> bool {
    let m = c.money;
    if !c.cues.any(Cue::Comparison, c.back(5), m.start) {
        return false;
    }
    // `more than $80 billion` is a qualifier, not a comparison.
    let right_before = c.lower(c.back(2), m.start).trim_end();
    let qualifier = ["more than", "less than", "higher than", "as much as", "up to"]
        .iter()
        .any(|q| right_before.ends_with(q));
    // `than the 380 billion yuan it earmarked`, `its own $X`: the company's own figure.
    let own_before =
        c.lower(c.back(3), m.start).split_whitespace().any(|x| ["its", "their", "su", "sus"].contains(&x));
    let after = c.lower(m.end, c.forward(3, c.clause.1));
    let own_after =
        ["it ", "the company ", "que ", "which it "].iter().any(|w| after.trim_start().starts_with(w));
    !qualifier && !own_before && !own_after
}

/// Spending on the use of what another company makes: `$3 billion a year to deploy a
/// partner's products`, `to buy cloud services from a rival`, `on licences for Nvidia's
/// software`. That is a customer's running cost, paid to someone else, not capital spending
/// of its own; spending on capacity (`data centres`, `servers`) is.
///
/// The object must be products, services, software, licences or subscriptions; they must be
/// someone else's (a named owner's, `from` or `de` a name, or bought, licensed or subscribed
/// to); and nothing in the words after the figure may be capacity.
fn buys_use(c: &Context<'_>) -> bool {
    const OBJECTS: &[&str] = &[
        "products",
        "product",
        "services",
        "software",
        "licences",
        "licenses",
        "licence",
        "license",
        "subscriptions",
        "subscription",
        "seats",
        "productos",
        "servicios",
        "licencias",
        "suscripciones",
    ];
    const CAPACITY: &[&str] = &[
        "data",
        "infrastructure",
        "capacity",
        "campus",
        "campuses",
        "facilities",
        "facility",
        "plants",
        "plant",
        "fabs",
        "fab",
        "factories",
        "factory",
        "servers",
        "chips",
        "gpus",
        "network",
        "networks",
        "buildings",
        "construction",
        "centres",
        "centers",
        "centre",
        "center",
        "power",
        "energy",
        "infraestructura",
        "capacidad",
        "centros",
        "plantas",
        "fábricas",
        "servidores",
    ];
    // Verbs (and `on`, as in `spend … on`) whose object is the thing paid for, beside the
    // verbs of buying below.
    const USE: &[&str] = &[
        "deploy",
        "deploying",
        "use",
        "using",
        "adopt",
        "adopting",
        "access",
        "on",
        "desplegar",
        "usar",
        "utilizar",
        "adoptar",
    ];
    const BUY: &[&str] = &[
        "buy",
        "buying",
        "purchase",
        "purchasing",
        "license",
        "licensing",
        "licence",
        "licencing",
        "subscribe",
        "subscribing",
        "comprar",
        "adquirir",
    ];
    let m = c.money;
    let text = c.doc.text.get(m.end..c.forward(14, c.clause.1)).unwrap_or("");
    let words: Vec<&str> = text
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '\'' || ch == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    let bare = |w: &str| {
        let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
        w.to_lowercase()
    };
    // `buy $30 billion of compute capacity on Azure`, `$300 billion of computing power from
    // Oracle`: renting a cloud's computers is buying a service, not building capacity.
    let bought = {
        let before = c.lower(c.back(4), m.start);
        before.split(|ch: char| !ch.is_alphanumeric()).any(|w| {
            matches!(
                w,
                "buy"
                    | "buys"
                    | "bought"
                    | "buying"
                    | "purchase"
                    | "purchases"
                    | "rent"
                    | "rents"
                    | "comprar"
                    | "compra"
            )
        })
    };
    let of_compute = words.len() >= 2
        && matches!(bare(words[0]).as_str(), "of" | "in" | "de" | "en")
        && matches!(
            bare(words[1]).as_str(),
            "compute" | "computing" | "cloud" | "azure" | "cómputo" | "computación" | "nube"
        );
    if bought && of_compute {
        return true;
    }
    let Some(object) = words.iter().position(|w| OBJECTS.contains(&bare(w).as_str())) else { return false };
    if words.iter().any(|w| CAPACITY.contains(&bare(w).as_str())) {
        return false;
    }
    // Verbs of making its own (`expand`, `build`) keep it capacity whatever is named.
    const OWN: &[&str] =
        &["build", "building", "expand", "expanding", "grow", "develop", "upgrade", "extend", "scale"];
    if words[..object].iter().any(|w| OWN.contains(&bare(w).as_str())) {
        return false;
    }
    let named = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    // `to roll out OpenAI's products`: a named owner's products, whatever the verb.
    // The owner right before what is paid for (`OpenAI's products`, `Meta's AI services`),
    // not a name further back (`India's weight as a market for cloud services`).
    let owned_by_name = words[object.saturating_sub(3)..object]
        .iter()
        .any(|w| named(w) && (w.ends_with("'s") || w.ends_with("’s")));
    let verb =
        words[..object].iter().any(|w| USE.contains(&bare(w).as_str()) || BUY.contains(&bare(w).as_str()));
    if !verb && !owned_by_name {
        return false;
    }
    let from_name = words[object..]
        .windows(2)
        .any(|w| ["from", "de", "by"].contains(&bare(w[0]).as_str()) && named(&w[1]));
    let bought = words[..object].iter().any(|w| BUY.contains(&bare(w).as_str()));
    owned_by_name || from_name || bought
}

/// The figure gives a fund's size (`a $30 million Energy Impact Fund to support …`, `un fondo
/// de 500 millones`): money set aside for grants or for others to invest, not capital
/// spending on the company's own capacity.
fn sizes_a_fund(c: &Context<'_>) -> bool {
    let after = c.lower(c.money.end, c.forward(4, c.clause.1));
    let after = after.split([',', ';', '.', '(']).next().unwrap_or("");
    let before = c.lower(c.back(3), c.money.start);
    after.split(|ch: char| !ch.is_alphanumeric()).any(|w| matches!(w, "fund" | "fondo"))
        || (before.split(|ch: char| !ch.is_alphanumeric()).any(|w| w == "fondo")
            && before.trim_end().ends_with(" de"))
}

/// The nearer kind of cue (`Some(true)` capex, `Some(false)` other money) and its distance
/// in bytes: in the clause, else anywhere in the sentence.
fn nearest_cue(c: &Context<'_>) -> (Option<bool>, usize) {
    let m = c.money;
    // `buy $40 billion of Nvidia's chips`: buying equipment is capital spending;
    // `bought the site … for £110 million` is a price paid.
    let buying = ["buy", "buys", "buying", "purchase", "purchases", "order", "orders", "compra", "comprará"];
    let bought = ["bought", "acquired", "paid", "sold", "compró", "adquirió", "pagó"];
    let before = c.lower(c.back(3), m.start);
    let after = c.lower(m.end, c.forward(6, c.clause.1));
    let hardware = [
        "chips",
        "gpus",
        "processors",
        "servers",
        "accelerators",
        "equipment",
        "hardware",
        "semiconductors",
        "memory",
        "chip",
        "gpu",
    ];
    if before.split_whitespace().any(|w| buying.contains(&w))
        && after.split(|ch: char| !ch.is_alphanumeric()).any(|w| hardware.contains(&w))
    {
        return (Some(true), 0);
    }
    let clause_before = c.lower(c.clause.0.max(c.sentence.0), m.start);
    if before.trim_end().ends_with("for")
        && clause_before.split(|ch: char| !ch.is_alphanumeric()).any(|w| bought.contains(&w))
    {
        return (Some(false), 0);
    }
    let capex = c.cues.distance(Cue::Capex, c.clause, m.start, m.end, 4);
    let other = c.cues.distance(Cue::Other, c.clause, m.start, m.end, 4);
    match (capex, other) {
        (Some(a), Some(b)) if a <= b => (Some(true), a),
        (Some(_), Some(b)) => (Some(false), b),
        (Some(a), None) => (Some(true), a),
        (None, Some(b)) => (Some(false), b),
        (None, None) => {
            let (ss, se) = c.sentence;
            match (c.cues.any(Cue::Capex, ss, se), c.cues.any(Cue::Other, ss, se)) {
                (true, false) => (Some(true), 80),
                (false, true) => (Some(false), 80),
                (true, true) => (None, usize::MAX),
                // A list item or table row takes its words from the text that leads into
                // it: the sentences just before, up to a paragraph's length back.
                (false, false) => lead_in(c),
            }
        }
    }
}

/// Whether a future marker governs the figure: in its clause within a few words before it,
/// or right after it (`Among companies expected to benefit, SoftBank has already invested
/// …` is no plan).
fn future_marker(c: &Context<'_>) -> bool {
    let m = c.money;
    c.cues.any(Cue::Future, c.back(8), m.start) || c.cues.any(Cue::Future, m.end, c.forward(4, c.clause.1))
}

/// Whether the figure is a commitment of years ago: a year before the article's named ahead
/// of it in its clause (`In 2021 the group committed …`, `after the 2016 election, when he
/// pledged …`), or right after it with a past verb (`first committed $3.3 billion to the site
/// in May 2024`), with no period of its own that reaches today.
fn past_year_before(c: &Context<'_>) -> bool {
    let Some(year) = c.year else { return false };
    if c.period.is_some() && !c.period_in_past && !matches!(c.period, Some(PeriodSpec::Span { .. })) {
        return false;
    }
    let earlier = |text: &str| {
        let mut words = text.split(|ch: char| !ch.is_ascii_digit()).filter(|w| w.len() == 4);
        words.any(|w| w.parse::<i32>().is_ok_and(|y| (1990..year).contains(&y)))
    };
    if earlier(c.lower(c.clause.0.max(c.sentence.0), c.money.start)) {
        return true;
    }
    const DONE: &[&str] =
        &["committed", "pledged", "announced", "promised", "earmarked", "unveiled", "anunció", "comprometió"];
    let after = c.lower(c.money.end, c.forward(6, c.clause.1));
    let done_before = c.lower(c.back(6), c.money.start).split_whitespace().any(|w| DONE.contains(&w));
    done_before && earlier(after)
}

/// The kind of cue of the sentences leading into a short one (a list item, a table row).
fn lead_in(c: &Context<'_>) -> (Option<bool>, usize) {
    let (ss, se) = c.sentence;
    if se - ss > 160 {
        return (None, usize::MAX);
    }
    let Some(si) = c.doc.sentence_at(ss) else { return (None, usize::MAX) };
    for &(ps, pe) in c.doc.sentences[..si].iter().rev().take(6) {
        if ss.saturating_sub(pe) > 800 {
            break;
        }
        match (c.cues.any(Cue::Capex, ps, pe), c.cues.any(Cue::Other, ps, pe)) {
            (true, false) => return (Some(true), 120),
            (false, true) => return (Some(false), 120),
            (true, true) => return (None, usize::MAX),
            (false, false) => {}
        }
    }
    (None, usize::MAX)
}

/// Whether a past-tense verb of spending governs the figure, or the figure is the cost of a
/// facility already opened (`It opened its $1 billion data centre`).
fn past_verb(c: &Context<'_>) -> bool {
    const OPENED: &[&str] = &[
        "opened its",
        "opened the",
        "opened a",
        "inaugurated its",
        "inaugurated the",
        "inaugurated a",
        "completed its",
        "completed the",
        "inauguró su",
        "inauguró el",
        "inauguró la",
        "abrió su",
    ];
    let before = c.lower(c.back(2), c.money.start).trim_end();
    c.cues.any(Cue::PastVerb, c.back(8), c.money.start) || OPENED.iter().any(|w| ends_with_word(before, w))
}

/// Whether the words around the figure place it in a past period: `Some(true)` for a
/// quarter, `Some(false)` for another past period.
pub(crate) fn past_phrase(c: &Context<'_>) -> Option<bool> {
    let (from, to) = (c.back(6), c.forward(6, c.clause.1));
    if c.cues.any(Cue::PastPhrase, from, to) {
        return Some(c.cues.any(Cue::QuarterWord, from, to));
    }
    if let Some((hs, he)) = c.header {
        if c.cues.any(Cue::PastPhrase, hs, he) {
            return Some(c.cues.any(Cue::QuarterWord, hs, he));
        }
    }
    // `Last year, …` / `En el ejercicio anterior, …` at the clause's opening governs it.
    let opening = c.clause.0.max(c.sentence.0);
    let head = words_forward(&c.doc.lower, opening, c.money.start, 5);
    c.cues.any(Cue::PastPhrase, opening, head).then(|| c.cues.any(Cue::QuarterWord, opening, head))
}

/// Whether the words right around the figure name one quarter: `Some(true)` when it is a
/// coming one (`this quarter`), `Some(false)` otherwise.
fn quarter(c: &Context<'_>) -> Option<bool> {
    let (from, to) = (c.back(6), c.forward(10, c.clause.1));
    c.cues.any(Cue::QuarterWord, from, to).then(|| c.cues.any(Cue::ForwardQuarter, from, to))
}
