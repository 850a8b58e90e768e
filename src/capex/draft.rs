//! Drafting `capex:` entries from an article: its forward commitments, each real commitment
//! once (a headline's rounded figure, a conversion and a restatement fold into the body's
//! figure, by [`super::identity`]), with the other money figures kept beside them with their
//! class and why they were left out (the import report).

use super::extract::{extract, Article, Figure};
use super::identity;
use super::period::PeriodSpec;
use super::registry::Registry;
use super::{amount, Commitment, FigureClass, FxTable};
use crate::paths::term_slug;
use jiff::civil::Date;

/// What drafting an article gave.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Commitments to write as `capex:` entries, in text order.
    pub entries: Vec<DraftEntry>,
    /// Figures left out, in text order, with why.
    pub excluded: Vec<Excluded>,
}

/// One drafted commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEntry {
    /// The figure it comes from (the body's, when the headline restates it).
    pub figure: Figure,
    /// Canonical company name.
    pub company: String,
    /// The amount to write: qualifier and amount, in a form front matter reads.
    pub amount: String,
    /// The period to write (`2025`, `FY2026`, `over the next 3 years`), resolved against
    /// the article's date when it was relative.
    pub period: Option<String>,
    /// When the sentence says the commitment was announced before the article's month (`In
    /// February, Brookfield announced …`): the first of that month.
    pub announced: Option<Date>,
}

/// A figure that was not drafted.
#[derive(Debug, Clone, PartialEq)]
pub struct Excluded {
    /// The figure.
    pub figure: Figure,
    /// Why, in words.
    pub why: String,
}

/// Drafts the commitments of an article. Figures of no registered company are excluded
/// with that reason (the caller may warn about them).
pub fn draft(article: &Article<'_>, registry: &Registry, fx: &FxTable) -> Draft {
    let mut figures = extract(article, registry);
    let has_rate = |f: &Figure| match article.date {
        Some(d) => fx.rate_at(&f.currency, d).is_some(),
        None => fx.rate(&f.currency).is_some(),
    };
    // `Rp 16 trillion ($1 billion)` in a currency the rate table lacks: the article's
    // own conversion beside it stands in for it, so the commitment is not lost.
    let mut stand_ins: Vec<usize> = Vec::new();
    for i in 1..figures.len() {
        let (done, rest) = figures.split_at_mut(i);
        let (original, conversion) = (&done[i - 1], &mut rest[0]);
        if original.class == FigureClass::Commitment
            && conversion.class == FigureClass::Conversion
            && conversion.sentence == original.sentence
            && conversion.in_headline == original.in_headline
            && !has_rate(original)
            && has_rate(conversion)
        {
            conversion.class = FigureClass::Commitment;
            conversion.company.clone_from(&original.company);
            conversion.confidence = original.confidence;
            if conversion.period.is_none() {
                conversion.period.clone_from(&original.period);
                conversion.period_spec = original.period_spec;
            }
            stand_ins.push(i - 1);
        }
    }
    let stood_in: Vec<((bool, usize), String)> = stand_ins
        .iter()
        .map(|&i| ((figures[i].in_headline, figures[i].offset), figures[i + 1].text.clone()))
        .collect();
    let mut out = Draft::default();
    // Commitments with their normalised form, for identity.
    let mut kept: Vec<(Figure, Commitment)> = Vec::new();
    let mut restated: Vec<(Figure, String)> = Vec::new();
    let (headline, body): (Vec<Figure>, Vec<Figure>) = figures.into_iter().partition(|f| f.in_headline);
    for f in body.into_iter().chain(headline) {
        if f.class != FigureClass::Commitment {
            let why = f.class.reason().to_string();
            out.excluded.push(Excluded { figure: f, why });
            continue;
        }
        let Some(company) = f.company.clone() else {
            out.excluded.push(Excluded { figure: f, why: "no company in the registry".into() });
            continue;
        };
        let fiscal_year_end = registry.resolve(&company).and_then(|c| c.fiscal_year_end);
        let Some(c) = normalised(&f, &company, fiscal_year_end, article.date, fx) else {
            let why = match stood_in.iter().find(|(at, _)| *at == (f.in_headline, f.offset)) {
                Some((_, conversion)) => {
                    format!("no exchange rate for its currency; its conversion, {conversion}, is drafted")
                }
                None => "no exchange rate for its currency".into(),
            };
            out.excluded.push(Excluded { figure: f, why });
            continue;
        };
        // Items of one list (or rows of one table) are different things even when their
        // amounts and periods agree: `- Virginia: $9 billion through 2026` and `- Oklahoma:
        // $9 billion over two years`.
        let listed = |g: &Figure| !g.in_headline && in_list_item(article.body, g.offset);
        let same = kept.iter().position(|(k_f, k)| {
            identity::same_commitment(k, &c) && !(listed(k_f) && listed(&f) && k_f.sentence != f.sentence)
        });
        let company_kept = kept.iter().any(|(_, k)| k.company_slug == c.company_slug);
        match same {
            Some(i) => {
                let (first, k) = &mut kept[i];
                // The first keeps the row; a restatement may add the period it lacked.
                if k.period.is_none() && c.period.is_some() {
                    first.period = f.period.clone();
                    first.period_spec = f.period_spec;
                    k.period = c.period.clone();
                }
                restated.push((f, format!("the same commitment as {}", first.text)));
            }
            None if f.in_headline && company_kept => {
                restated.push((f, "the headline's figure; the body's is drafted".into()));
            }
            None => kept.push((f, c)),
        }
    }
    for (f, why) in restated {
        out.excluded.push(Excluded { figure: f, why });
    }
    out.excluded.sort_by_key(|e| (!e.figure.in_headline, e.figure.offset));
    for (f, _) in kept {
        // A draft the build would refuse costs the editor the whole site, not one figure.
        let Some(amount) = amount_text(&f) else {
            let why = "its amount could not be written in a form front matter reads".into();
            out.excluded.push(Excluded { figure: f, why });
            continue;
        };
        let company = f.company.clone().unwrap_or_default();
        let fiscal_year_end = registry.resolve(&company).and_then(|c| c.fiscal_year_end);
        out.entries.push(DraftEntry {
            announced: article.date.and_then(|d| announced_earlier(&f.sentence, &f.text, d)),
            amount,
            period: f
                .period_spec
                .zip(f.period.as_deref())
                .map(|(spec, phrase)| period_text(phrase, spec, article.date, fiscal_year_end)),
            company,
            figure: f,
        });
    }
    out
}

/// The month a sentence says its commitment was announced in, when that is before `date`'s
/// month: `In February, Acme announced a €20 billion programme`, `Acme said in March 2024 it
/// would spend …`, `en enero, Acme anunció …`. The month must come before the figure and
/// stand within three words of the verb of announcing, so a month the money is for (`to
/// open in February`) is not read as one.
fn announced_earlier(sentence: &str, figure: &str, date: Date) -> Option<Date> {
    const VERBS: &[&str] = &[
        "announced",
        "unveiled",
        "pledged",
        "promised",
        "committed",
        "said",
        "outlined",
        "anunció",
        "presentó",
        "prometió",
        "comprometió",
        "dijo",
    ];
    let lower = sentence.to_lowercase();
    let until = lower.find(&figure.to_lowercase()).unwrap_or(lower.len());
    let words: Vec<&str> =
        lower[..until].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let month_of = |w: &str| {
        (1..=12u8).find(|&m| {
            crate::i18n::month_en(m).is_some_and(|n| n.eq_ignore_ascii_case(w))
                || crate::i18n::MONTHS_ES[usize::from(m) - 1] == w
        })
    };
    for (i, w) in words.iter().enumerate() {
        let Some(month) = month_of(w) else { continue };
        if !(i > 0 && matches!(words[i - 1], "in" | "en" | "de")) {
            continue;
        }
        let near_verb =
            words[i.saturating_sub(3)..(i + 4).min(words.len())].iter().any(|v| VERBS.contains(v));
        if !near_verb {
            continue;
        }
        let written_year = words.get(i + 1..(i + 3).min(words.len())).and_then(|ws| {
            ws.iter().find_map(|y| y.parse::<i16>().ok().filter(|y| (1990..2100).contains(y)))
        });
        let year = match written_year {
            Some(y) => y,
            None if month < date.month().unsigned_abs() => date.year(),
            None if month > date.month().unsigned_abs() => date.year() - 1,
            None => return None,
        };
        let at = jiff::civil::Date::new(year, i8::try_from(month).ok()?, 1).ok()?;
        return (at < jiff::civil::date(date.year(), date.month(), 1)).then_some(at);
    }
    None
}

/// Whether byte `offset` of `body` lies on a Markdown list item's or table row's line.
fn in_list_item(body: &str, offset: usize) -> bool {
    let offset = offset.min(body.len());
    let start = body.get(..offset).and_then(|b| b.rfind('\n')).map_or(0, |p| p + 1);
    let line = body.get(start..).unwrap_or("").trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || line.starts_with('|')
        || (digits > 0 && line[digits..].starts_with(". "))
}

/// The figure as a commitment dated `date`, for identity.
fn normalised(
    f: &Figure,
    company: &str,
    fiscal_year_end: Option<u8>,
    date: Option<Date>,
    fx: &FxTable,
) -> Option<Commitment> {
    // Without a date, relative periods are read against an arbitrary fixed one (and the
    // newest rates used): identity only compares the article's figures with each other.
    let announced = date.unwrap_or(jiff::civil::date(2000, 1, 1));
    let fx_rate = match date {
        Some(d) => fx.rate_at(&f.currency, d)?,
        None => fx.rate(&f.currency)?,
    };
    let rate = fx_rate.usd_per_unit;
    let period = f.period_spec.and_then(|s| s.resolve(announced, fiscal_year_end).ok());
    Some(Commitment {
        page: String::new(),
        entry: 0,
        company: company.to_string(),
        company_slug: term_slug(company),
        amount_text: f.text.clone(),
        amount: f.amount,
        amount_high: f.amount_high,
        currency: f.currency.clone(),
        usd: f.amount * rate,
        usd_high: f.amount_high.map(|h| h * rate),
        fx: fx_rate,
        period_text: f.period.clone(),
        period,
        announced,
        scope: None,
        places: super::place::of(&[Some(&f.sentence)]),
        quote: None,
        qualifier: f.qualifier.clone(),
        unit: f.unit,
        drafted: true,
        pin: false,
        per_year: f.per_year,
        source_name: None,
        source_url: None,
    })
}

/// The amount as front matter should hold it: the qualifier, then the figure as written,
/// a range's two ends joined by `to` (`between $64 billion and $72 billion` is written
/// `$64 billion to $72 billion`, `entre 66.000 y 72.000 millones` `66.000 a 72.000 millones`). Falls back to the code and a scale word when the text
/// does not read back as the same amount; `None` when neither does.
fn amount_text(f: &Figure) -> Option<String> {
    let mut text = f.text.clone();
    if f.amount_high.is_some() {
        for (connector, with) in [(" and ", " to "), (" y ", " a ")] {
            if let Some(p) = text.find(connector) {
                text.replace_range(p..p + connector.len(), with);
                break;
            }
        }
    }
    let reads_back = |text: &str| {
        amount::parse_amount(text).is_ok_and(|m| {
            let close = |a: f64, b: f64| (a - b).abs() <= a.abs().max(b.abs()) * 1e-9;
            close(m.low, f.amount)
                && m.high.zip(f.amount_high).is_none_or(|(a, b)| close(a, b))
                && m.high.is_some() == f.amount_high.is_some()
        })
    };
    if !reads_back(&text) {
        text = scaled(f.amount, f.amount_high, &f.currency);
        // Rounded to three decimals of its scale, so read back as a figure, not to the unit.
        amount::parse_amount(&text).ok()?;
    }
    Some(match &f.qualifier {
        Some(q) => format!("{q} {text}"),
        None => text,
    })
}

/// `USD 75 billion`, `CNY 380 billion to CNY 400 billion`.
fn scaled(low: f64, high: Option<f64>, currency: &str) -> String {
    let (div, word) = if low.max(high.unwrap_or(0.0)) >= 1e12 {
        (1e12, "trillion")
    } else if low >= 1e9 {
        (1e9, "billion")
    } else {
        (1e6, "million")
    };
    let n = |v: f64| {
        let s = format!("{:.3}", v / div);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match high {
        // The code on both ends, as a reader would write it (`EUR 30 billion to EUR 50
        // billion`); front matter reads either form.
        Some(h) => format!("{currency} {} {word} to {currency} {} {word}", n(low), n(h)),
        None => format!("{currency} {} {word}", n(low)),
    }
}

/// A period as front matter should hold it: the phrase as written, except that `this
/// year`, `next year` and `this fiscal year` become the years they mean for the article's
/// date (`2025`, `FY2026`) when it is known.
fn period_text(phrase: &str, spec: PeriodSpec, date: Option<Date>, fiscal_year_end: Option<u8>) -> String {
    let PeriodSpec::Relative { offset, fiscal } = spec else { return phrase.trim().to_string() };
    match date.and_then(|d| spec.resolve(d, fiscal_year_end).ok()) {
        Some(p) if fiscal && p.fiscal_end_month.is_some() => format!("FY{}", p.first_year),
        Some(p) => p.first_year.to_string(),
        None => match (offset, fiscal) {
            (0, false) => "this year".into(),
            (_, false) => "next year".into(),
            (0, true) => "this fiscal year".into(),
            (_, true) => "next fiscal year".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_written_back_in_code_form_reads_as_one_range() {
        let text = scaled(30e9, Some(50e9), "EUR");
        let m = amount::parse_amount(&text).unwrap();
        assert_eq!((m.low, m.high, m.currency), (30e9, Some(50e9), Some("EUR")));
    }

    #[test]
    fn a_commitment_announced_in_an_earlier_month_keeps_that_date() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let at = |sentence: &str, figure: &str| announced_earlier(sentence, figure, d("2025-06-04"));
        assert_eq!(
            at("In February, Acme announced a €20 billion programme in France.", "€20 billion"),
            Some(d("2025-02-01"))
        );
        assert_eq!(
            at("Acme said in November it would spend $5 billion in Ohio.", "$5 billion"),
            Some(d("2024-11-01"))
        );
        assert_eq!(
            at(
                "Acme anunció en marzo de 2023 una inversión de 2.000 millones de euros.",
                "2.000 millones de euros"
            ),
            Some(d("2023-03-01"))
        );
        // A month the money is for, or this month, is no earlier announcement.
        assert_eq!(
            at("Acme will spend $5 billion on a campus it plans to open in February.", "$5 billion"),
            None
        );
        assert_eq!(at("In June, Acme announced $5 billion for Ohio.", "$5 billion"), None);
    }
    use crate::config::CompanyConfig;

    fn registry() -> Registry {
        let c = |name: &str, aliases: &[&str], fy: Option<u8>| CompanyConfig {
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            tickers: Vec::new(),
            fiscal_year_end: fy,
            ..Default::default()
        };
        Registry::new(&[
            c("Alibaba", &["Alibaba Group"], Some(3)),
            c("Microsoft", &[], Some(6)),
            c("Meta", &[], None),
        ])
    }

    fn drafted(title: &str, body: &str, date: &str) -> Draft {
        let article = Article { title: Some(title), body, date: Some(date.parse().unwrap()), tickers: &[] };
        draft(&article, &registry(), &FxTable::new(None).0)
    }

    #[test]
    fn a_headline_a_conversion_and_a_restatement_are_one_entry() {
        let d = drafted(
            "Alibaba to pour $53bn into AI",
            "Alibaba Group will invest more than RMB 380 billion ($52.4 billion) in cloud and AI infrastructure over the next three years, it said on Monday.\n\nThe RMB 380 billion plan exceeds its spending of the past decade.",
            "2025-02-24",
        );
        let entries: Vec<(&str, &str, Option<&str>)> =
            d.entries.iter().map(|e| (e.company.as_str(), e.amount.as_str(), e.period.as_deref())).collect();
        assert_eq!(entries, [("Alibaba", "more than RMB 380 billion", Some("over the next three years"))]);
        let why: Vec<(&str, &str)> =
            d.excluded.iter().map(|e| (e.figure.text.as_str(), e.why.as_str())).collect();
        assert_eq!(why.len(), 3, "{why:?}");
        assert!(why.contains(&("$52.4 billion", "a conversion of the figure beside it")), "{why:?}");
    }

    #[test]
    fn relative_periods_are_written_as_years_of_the_article() {
        let d = drafted(
            "Microsoft capex",
            "Microsoft expects to spend $120 billion this fiscal year.",
            "2025-10-30",
        );
        assert_eq!(d.entries[0].period.as_deref(), Some("FY2026"), "{d:#?}");
        let d = drafted(
            "Meta capex",
            "Meta expects capital expenditures of $70 billion to $72 billion next year.",
            "2025-10-30",
        );
        assert_eq!(d.entries[0].period.as_deref(), Some("2026"));
        assert_eq!(d.entries[0].amount, "$70 billion to $72 billion");
    }

    #[test]
    fn ranges_between_two_figures_read_back() {
        let d = drafted(
            "Meta",
            "Meta said capital expenditures for 2025 would land between $64 billion and $72 billion.",
            "2025-04-30",
        );
        assert_eq!(d.entries.len(), 1, "{d:#?}");
        assert_eq!(d.entries[0].amount, "$64 billion to $72 billion");
        let m = amount::parse_amount(&d.entries[0].amount).unwrap();
        assert_eq!((m.low, m.high), (64e9, Some(72e9)));
        let d = drafted(
            "Meta",
            "Meta invertirá entre 64.000 y 72.000 millones de dólares este año.",
            "2025-04-30",
        );
        assert_eq!(d.entries[0].amount, "64.000 a 72.000 millones de dólares", "{d:#?}");
        let m = amount::parse_amount(&d.entries[0].amount).unwrap();
        assert_eq!((m.low, m.high), (64e9, Some(72e9)));
        // The low end writes only the first word of the scale both ends share.
        let d = drafted(
            "Meta",
            "Meta estimó que su gasto de capital en 2025 será de entre 70 mil y 72 mil millones de dólares.",
            "2025-10-30",
        );
        assert_eq!(d.entries.len(), 1, "{d:#?}");
        let m = amount::parse_amount(&d.entries[0].amount).unwrap();
        assert_eq!((m.low, m.high), (70e9, Some(72e9)), "{}", d.entries[0].amount);
    }

    #[test]
    fn a_commitment_in_a_currency_without_a_rate_is_drafted_as_its_conversion() {
        let d = drafted(
            "Meta eyes Indonesia",
            "Meta will invest Rp 16 trillion ($1 billion) in data centres in Indonesia over three years, the company said.",
            "2025-03-04",
        );
        let entries: Vec<(&str, &str, Option<&str>)> =
            d.entries.iter().map(|e| (e.company.as_str(), e.amount.as_str(), e.period.as_deref())).collect();
        assert_eq!(entries, [("Meta", "$1 billion", Some("over three years"))]);
        let rupiah =
            d.excluded.iter().find(|e| e.figure.currency == "IDR").expect("the rupiah figure is reported");
        assert_eq!(rupiah.why, "no exchange rate for its currency; its conversion, $1 billion, is drafted");
    }

    #[test]
    fn list_items_with_the_same_amount_are_different_commitments() {
        let d = drafted(
            "Meta's new sites",
            "Meta named two new campuses this month:\n\n- Ohio: Meta will invest $2 billion through 2027.\n- Iowa: Meta will invest $2 billion through 2027.\n",
            "2025-05-02",
        );
        assert_eq!(d.entries.len(), 2, "{d:#?}");
        // The same figure restated in prose is still one.
        let d = drafted(
            "Meta's Ohio site",
            "Meta will invest $2 billion in Ohio through 2027.\n\nThe $2 billion campus opens in 2027.",
            "2025-05-02",
        );
        assert_eq!(d.entries.len(), 1, "{d:#?}");
    }
}
