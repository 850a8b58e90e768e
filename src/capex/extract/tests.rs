//! The extractor on sentences in the shapes news takes.

use super::*;

use crate::config::CompanyConfig;
use FigureClass::{Commitment, NonCapex as Other};

fn registry() -> Registry {
    let c = |name: &str, aliases: &[&str]| CompanyConfig {
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        tickers: Vec::new(),
        fiscal_year_end: None,
        ..Default::default()
    };
    Registry::new(&[
        c("Meta", &["Facebook", "Meta Platforms", "WhatsApp"]),
        c("Alphabet", &["Google"]),
        c("Alibaba", &["Alibaba Group", "Alibaba Group Holding Ltd"]),
        c("Microsoft", &[]),
        c("Amazon", &["AWS"]),
        c("ByteDance", &[]),
        c("Tencent", &[]),
        c("Oracle", &[]),
        c("SoftBank", &["SoftBank Group"]),
    ])
}

fn one(text: &str) -> Figure {
    let f = extract_figures(text, &registry());
    assert_eq!(f.len(), 1, "{text}: {f:#?}");
    f.into_iter().next().unwrap()
}

fn check(text: &str, company: Option<&str>, amount: f64, currency: &str, kind: FigureClass) {
    let f = one(text);
    assert_eq!(f.company.as_deref(), company, "company in: {text}");
    assert!((f.amount - amount).abs() < 1.0, "amount in: {text}: {}", f.amount);
    assert_eq!(f.currency, currency, "currency in: {text}");
    assert_eq!(f.class, kind, "kind in: {text}");
}

#[test]
fn commitments_in_news_phrasing() {
    check("Meta will invest $65 billion in AI this year.", Some("Meta"), 65e9, "USD", Commitment);
    check(
        "Microsoft plans to spend over $80 billion on data centers.",
        Some("Microsoft"),
        80e9,
        "USD",
        Commitment,
    );
    check(
        "Alibaba will put RMB 380 billion into cloud infrastructure.",
        Some("Alibaba"),
        380e9,
        "CNY",
        Commitment,
    );
    check(
        "ByteDance has earmarked 150 billion yuan for AI chips.",
        Some("ByteDance"),
        150e9,
        "CNY",
        Commitment,
    );
    check(
        "Amazon expects capital expenditure of about $100 billion in 2025.",
        Some("Amazon"),
        100e9,
        "USD",
        Commitment,
    );
    check("Google's parent will commit US$75bn to capex.", Some("Alphabet"), 75e9, "USD", Commitment);
    check("Facebook owner plans capex of $60-65 billion.", Some("Meta"), 60e9, "USD", Commitment);
    check(
        "The company pledged €20bn for European data centres, Microsoft said.",
        Some("Microsoft"),
        20e9,
        "EUR",
        Commitment,
    );
    check("Tencent allocates HK$10 billion to AI infrastructure", Some("Tencent"), 10e9, "HKD", Commitment);
}

#[test]
fn parenthetical_descriptions_keep_the_subject() {
    let f = one("Meta (the parent of Facebook, WhatsApp and Instagram) will spend $65 billion on AI.");
    assert_eq!(f.company.as_deref(), Some("Meta"));
    let f = one("Alibaba Group Holding Ltd (BABA) plans to invest RMB 380 billion over three years.");
    assert_eq!(f.company.as_deref(), Some("Alibaba"));
    assert_eq!(f.period.as_deref(), Some("over three years"));
}

#[test]
fn other_money_is_not_capex() {
    check(
        "Alphabet reported revenue of $96.5 billion for the quarter.",
        Some("Alphabet"),
        96.5e9,
        "USD",
        Other,
    );
    check("Alibaba's sales rose to 280 billion yuan.", Some("Alibaba"), 280e9, "CNY", Other);
    check("Tencent shares closed at HK$139.40 on Monday.", Some("Tencent"), 139.4, "HKD", Other);
    check("Meta's market value passed $1.5 trillion.", Some("Meta"), 1.5e12, "USD", Other);
    check("Microsoft posted a net income of $24 billion.", Some("Microsoft"), 24e9, "USD", Other);
    check("At exchange rates at the time, that is roughly US$53 billion.", None, 53e9, "USD", Other);
}

#[test]
fn one_sentence_two_companies() {
    let f = extract_figures(
        "Meta will spend $65 billion this year, while Alphabet plans $75 billion in 2025.",
        &registry(),
    );
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].company.as_deref(), Some("Meta"));
    assert_eq!(f[0].period.as_deref(), Some("this year"));
    assert_eq!(f[1].company.as_deref(), Some("Alphabet"));
    assert_eq!(f[1].period.as_deref(), Some("in 2025"));
    assert_eq!(f[1].class, Commitment);
}

#[test]
fn revenue_and_investment_in_one_sentence() {
    let f = extract_figures(
            "Alibaba, which reported revenue of 280 billion yuan, will invest 380 billion yuan in AI infrastructure.",
            &registry(),
        );
    assert_eq!(f.iter().map(|f| f.class).collect::<Vec<_>>(), [Other, Commitment]);
}

#[test]
fn conversions_in_parentheses_are_not_second_commitments() {
    let f = extract_figures(
        "Alibaba will invest more than RMB 380 billion (about US$53 billion) in AI over three years.",
        &registry(),
    );
    assert_eq!(f.iter().map(|f| f.class).collect::<Vec<_>>(), [Commitment, FigureClass::Conversion]);
    assert_eq!(f[0].text, "RMB 380 billion");
}

#[test]
fn traps_without_money() {
    let r = registry();
    assert!(extract_figures("Capex rose 12% in 2025, to 1.3 million GPUs and 2GW.", &r).is_empty());
    assert!(extract_figures("In 2025 Meta plans a 2,000-acre campus.", &r).is_empty());
    assert!(extract_figures("Meta spent billions on AI.", &r).is_empty());
}

#[test]
fn billions_millions_trillions() {
    let f = extract_figures(
        "AWS will invest $500 million, then $5 billion, then $1.2 trillion in data centers.",
        &registry(),
    );
    let v: Vec<f64> = f.iter().map(|f| f.amount).collect();
    assert_eq!(v, [500e6, 5e9, 1.2e12]);
}

#[test]
fn offsets_point_at_the_figure() {
    let text = "Intro.\n\nMicrosoft is on track to spend about $80 billion in its 2025 fiscal year.";
    let f = one(text);
    assert_eq!(&text[f.offset..f.offset + f.text.len()], "$80 billion");
    assert_eq!(f.period.as_deref(), Some("in its 2025 fiscal year"));
    assert!(f.sentence.starts_with("Microsoft is on track"), "{}", f.sentence);
}

#[test]
fn table_rows_are_separate_sentences() {
    let text = "| Capex guidance, 2025 | About $75 billion | Investment |\n| Revenue, Q4 2024 | $96.5 billion | Sales |\n";
    let f = extract_figures(text, &registry());
    assert_eq!(f.iter().map(|f| f.class).collect::<Vec<_>>(), [Commitment, Other]);
}

fn kinds(text: &str) -> Vec<(Option<String>, String, FigureClass, Option<String>)> {
    extract_figures(text, &registry()).into_iter().map(|f| (f.company, f.text, f.class, f.period)).collect()
}

fn row(
    company: Option<&str>,
    text: &str,
    kind: FigureClass,
    period: Option<&str>,
) -> (Option<String>, String, FigureClass, Option<String>) {
    (company.map(str::to_string), text.to_string(), kind, period.map(str::to_string))
}

#[test]
fn newswire_sentences() {
    assert_eq!(
            kinds("Microsoft Corp. plans to spend $80 billion in fiscal 2025 on AI-enabled data centers, Vice Chair Brad Smith said."),
            [row(Some("Microsoft"), "$80 billion", Commitment, Some("in fiscal 2025"))]
        );
    assert_eq!(
            kinds("Alibaba Group Holding Ltd. will invest more than 380 billion yuan ($53 billion) in AI infrastructure over the next three years."),
            [
                row(Some("Alibaba"), "380 billion yuan", Commitment, Some("over the next three years")),
                row(Some("Alibaba"), "$53 billion", FigureClass::Conversion, Some("over the next three years")),
            ]
        );
    assert_eq!(
        kinds("ByteDance has budgeted 160 billion yuan ($22 billion) for capex this year."),
        [
            row(Some("ByteDance"), "160 billion yuan", Commitment, Some("this year")),
            row(Some("ByteDance"), "$22 billion", FigureClass::Conversion, Some("this year")),
        ]
    );
    assert_eq!(
        kinds("Shares of Alibaba rose 5% to HK$139.40 in Hong Kong trading."),
        [row(Some("Alibaba"), "HK$139.40", Other, None)]
    );
    assert_eq!(
            kinds("Google parent Alphabet expects to invest approximately $75 billion in capital expenditures in 2025."),
            [row(Some("Alphabet"), "$75 billion", Commitment, Some("in 2025"))]
        );
    assert_eq!(
        kinds("Revenue in yuan: Alibaba posted 280.2 billion yuan in revenue for the December quarter."),
        [row(Some("Alibaba"), "280.2 billion yuan", Other, None)]
    );
    assert_eq!(
        kinds("Amazon's AWS generated $107.6 billion in sales last year."),
        [row(Some("Amazon"), "$107.6 billion", Other, None)]
    );
    assert_eq!(
        kinds("In 2024, Microsoft spent $55.7 billion."),
        [row(Some("Microsoft"), "$55.7 billion", FigureClass::Past, Some("In 2024"))]
    );
    assert_eq!(
        kinds("SoftBank Group and Oracle pledged $500 billion for the Stargate project over four years."),
        [row(Some("Oracle"), "$500 billion", Commitment, Some("over four years"))]
    );
    assert_eq!(
        kinds("The company's market capitalization topped $3 trillion."),
        [row(None, "$3 trillion", Other, None)]
    );
    assert_eq!(
        kinds("Its 2025 budget of $5bn is small, Tencent said."),
        [row(Some("Tencent"), "$5bn", Commitment, Some("Its 2025"))]
    );
    assert_eq!(
        kinds("Meta plans to spend as much as $65bn this year, up from $39bn in 2024."),
        [
            row(Some("Meta"), "$65bn", Commitment, Some("this year")),
            row(Some("Meta"), "$39bn", FigureClass::Past, Some("in 2024")),
        ]
    );
    assert_eq!(
        kinds("SoftBank will invest ¥1 trillion (US$6.6 billion) in Japanese data centres."),
        [
            row(Some("SoftBank"), "¥1 trillion", Commitment, None),
            row(Some("SoftBank"), "US$6.6 billion", FigureClass::Conversion, None)
        ]
    );
}
#[test]
fn text_without_sentence_breaks_is_read_in_bounded_windows() {
    // Thousands of figures and mentions in one unbroken run of text: each figure's
    // sentence used to span all of it, and checking every mention for parentheses made
    // this take half an hour. Every figure is still found and attributed.
    let junk: String =
        (0..20_000).map(|i| if i % 7 == 0 { "$5 billion " } else { "Meta (or not) " }).collect();
    let figures = extract_figures(&junk, &registry());
    assert_eq!(figures.len(), (0..20_000).filter(|i| i % 7 == 0).count());
    assert!(figures.iter().all(|f| f.company.as_deref() == Some("Meta")), "attributed to Meta");
    assert!(figures.iter().all(|f| f.sentence.len() <= text::MAX_SENTENCE + 20));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn on_any_text(s in "(\\PC|[$€¥()\\-–.,;\\n|`]){0,120}") {
            let registry = Registry::new(&[crate::config::CompanyConfig {
                name: "Meta".into(), aliases: vec!["Facebook".into()], tickers: vec![],
                ..Default::default()
            }]);
            let _ = extract_figures(&s, &registry);
            let _ = crate::capex::amount::parse_amount(&s);
            let _ = crate::capex::period::parse(&s);
            let _ = crate::capex::check::mask_code(&s);
        }

        #[test]
        fn on_money_like_text(a in 0u32..5000, b in 0u32..100, sym in "(\\$|US\\$|HK\\$|€|RMB |¥|)", unit in "( billion| bn|B| million| trillion| yuan|)", tail in "\\PC{0,20}") {
            let text = format!("Meta will invest {sym}{a}.{b}{unit}{tail} in 2025.");
            let figures = extract_figures(&text, &Registry::new(&[]));
            for f in figures {
                prop_assert!(text.is_char_boundary(f.offset));
                prop_assert!(f.amount >= 0.0);
            }
        }
    }
}

fn dated(text: &str, date: &str) -> Vec<(Option<String>, String, FigureClass, Option<String>)> {
    let date: Date = date.parse().unwrap();
    extract(&Article { body: text, date: Some(date), ..Article::default() }, &registry())
        .into_iter()
        .map(|f| (f.company, f.text, f.class, f.period))
        .collect()
}

#[test]
fn table_columns_give_their_header_period_and_past() {
    let text = "Plans after the results:\n\n| Company | 2026 capex plan | 2025 capex |\n|---|---|---|\n| Oracle | about $50 billion | $21.2 billion |\n| Tencent | 90 billion yuan | 78 billion yuan |\n";
    assert_eq!(
        dated(text, "2026-03-10"),
        [
            row(Some("Oracle"), "$50 billion", Commitment, Some("2026")),
            row(Some("Oracle"), "$21.2 billion", FigureClass::Past, Some("2025")),
            row(Some("Tencent"), "90 billion yuan", Commitment, Some("2026")),
            row(Some("Tencent"), "78 billion yuan", FigureClass::Past, Some("2025")),
        ]
    );
}

#[test]
fn parts_listed_after_a_part_word_and_first_tranches() {
    let f = kinds("Amazon will invest $30 billion in Georgia. The plan includes $22 billion for data centres and $8 billion for power lines.");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::Part, FigureClass::Part]);
    let f = kinds(
        "Meta committed $40 billion to the Ohio campus. The first tranche, of $6 billion, is due this year.",
    );
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::Part]);
}

#[test]
fn a_plan_announced_in_an_earlier_year_is_history() {
    assert_eq!(
        dated(
            "The new campus is part of Microsoft's pledge to spend $10 billion in Japan by 2029, which it unveiled in 2024.",
            "2025-11-02"
        )[0]
        .2,
        FigureClass::Past
    );
    // Without a relative word, right after the figure's noun.
    let f = dated(
        "The new total takes in the $6 billion programme Oracle laid out in 2023 for the years to 2026.",
        "2025-11-02",
    );
    assert_eq!(f[0].2, FigureClass::Past, "{f:?}");
    // Announced in an earlier year but still to be built: a live plan.
    let f = dated(
        "Oracle also has a plan to invest $6 billion in a cloud region in Chile, which it announced last year and expects to open in 2027.",
        "2025-11-02",
    );
    assert_eq!(f[0].2, Commitment, "{f:?}");
    // Announced earlier this year: the same live plan, restated.
    assert_eq!(
        dated(
            "Meta kept its plan to spend $70 billion this year, which it announced in January.",
            "2025-07-30"
        )[0]
        .2,
        Commitment
    );
}

#[test]
fn unnamed_companies_ventures_and_rivals_are_other_entities() {
    let f = kinds("At the forum in Riyadh, where firms pledged $40 billion of data centre investment, Oracle spoke first.");
    assert_eq!(f[0].2, FigureClass::OtherEntity);
    let f = kinds("Oracle said it had set up a partnership with two pension funds that plans to spend $12 billion on data centres.");
    assert_eq!(f[0].2, FigureClass::OtherEntity);
    let f = kinds("Tencent expects to spend 90 billion yuan on AI. Alibaba, its main rival, will invest 120 billion yuan.");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::OtherEntity]);
}

#[test]
fn buying_hardware_is_capex_and_a_price_paid_is_not() {
    assert_eq!(kinds("Meta will buy $12 billion of Nvidia servers next year.")[0].2, Commitment);
    assert_eq!(kinds("Amazon bought the Virginia land for $650 million.")[0].2, Other);
}

#[test]
fn a_member_keeps_money_its_venture_only_serves() {
    let c = |name: &str, kind: Option<crate::config::CompanyKind>, members: &[&str]| CompanyConfig {
        name: name.into(),
        kind,
        members: members.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let venture = Some(crate::config::CompanyKind::JointVenture);
    let registry = Registry::new(&[
        c("Oracle", None, &[]),
        c("OpenAI", None, &[]),
        c("Stargate", venture, &["Oracle", "OpenAI"]),
    ]);
    let who =
        |text: &str| extract_figures(text, &registry).into_iter().map(|f| f.company).collect::<Vec<_>>();
    assert_eq!(
        who("Oracle will order $30 billion of servers for a Stargate campus in Ohio."),
        [Some("Oracle".into())]
    );
    assert_eq!(who("OpenAI and Oracle will put $60 billion into Stargate."), [Some("Stargate".into())]);
    assert_eq!(who("OpenAI and Oracle unveil $60 billion Stargate expansion"), [Some("Stargate".into())]);
}

#[test]
fn a_plan_restated_with_when_it_was_given_is_still_the_plan() {
    let f = kinds("The campus adds to Meta's spending plan for this year of $60 billion to $65 billion, which the company gave in January.");
    assert_eq!(f[0].2, Commitment);
    let f = kinds("Meta raised its capital spending forecast to $70 billion, above the $65 billion it signalled in January.");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::Superseded]);
}

#[test]
fn what_a_plan_adds_to_an_economy_is_not_its_cost() {
    let classes = |text: &str| extract_figures(text, &registry()).iter().map(|f| f.class).collect::<Vec<_>>();
    assert_eq!(
        classes(
            "AWS will invest €15.7 billion in its data centres in Aragon over ten years. \
             The company said the investment will add €21.6 billion to Spain's GDP by 2033."
        ),
        [Commitment, Other]
    );
    assert_eq!(
        classes(
            "Amazon invertirá 15.700 millones de euros en Aragón durante los próximos diez años. \
             Según la compañía, la inversión aportará 21.600 millones de euros al PIB español hasta 2033."
        ),
        [Commitment, Other]
    );
    // Investing in an economy's infrastructure is still a commitment.
    assert_eq!(
        classes("Microsoft will invest $3.2 billion in Sweden's cloud and AI infrastructure."),
        [Commitment]
    );
}

#[test]
fn paying_for_the_use_of_another_company_s_products_is_not_capex() {
    let class = |text: &str| kinds(text)[0].2;
    assert_eq!(
        class("Oracle will spend $2 billion a year to use Microsoft's AI services in its offices."),
        Other
    );
    assert_eq!(
        class("Tencent plans to spend $1.5 billion on subscriptions to software from Oracle next year."),
        Other
    );
    assert_eq!(class("Amazon will pay $4 billion to license chat products across its retail arm."), Other);
    assert_eq!(
        class("Oracle will spend $1 billion (about 150 billion yen) a year to roll out Meta's services."),
        Other
    );
    assert_eq!(class("Meta invertirá 2.000 millones de dólares para usar los servicios de Oracle."), Other);
    // Its own capacity, or products bought for data centres, are capital spending.
    assert_eq!(
        class("Microsoft's four-year, $17.5 billion plan reflects Japan's weight as a market for cloud services."),
        Commitment
    );
    assert_eq!(class("Meta said earlier this year it would spend $65 billion on data centres."), Commitment);
    assert_eq!(
        class("Oracle will invest $6.5 billion to expand its cloud services in Malaysia."),
        Commitment
    );
    assert_eq!(
        class("Microsoft will spend $3 billion to deploy Nvidia's products in new data centres."),
        Commitment
    );
    assert_eq!(
        class("Alibaba will invest RMB 380 billion in cloud services and AI infrastructure."),
        Commitment
    );
}

#[test]
fn a_tranche_before_its_total_and_a_part_before_the_sum_are_parts() {
    // The tranche comes first, the total after it in the same sentence.
    let f = kinds("Oracle and OpenAI set up a venture that will deploy $40 billion straight away and up to $200 billion over five years.");
    assert_eq!(f[0].2, FigureClass::Part);
    // A part named first (with its conversion), then the sum `in total`: the sum is the
    // company's own, not several companies' money.
    let f = kinds("The chipmaker plans to spend about 2 trillion won ($1.4 billion) on the building, and will invest more than 9 trillion won in total, including tools.");
    assert_eq!(
        f.iter().map(|r| r.2).collect::<Vec<_>>(),
        [FigureClass::Part, FigureClass::Conversion, Commitment]
    );
    // `De esa cifra, …`: a part of the whole the sentence before gave.
    let f = kinds("Amazon invertirá 9.000 millones de euros en Castilla. De esa cifra, unos 2.100 millones de euros irán a la construcción de los edificios.");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::Part]);
}

#[test]
fn a_listed_project_its_owner_is_named_for_is_the_owner_s_commitment() {
    let registry = Registry::new(&[CompanyConfig { name: "Acme Foundry".into(), ..Default::default() }]);
    let f = extract_figures(
        "The minister laid the foundation stones of two chip projects on Monday, including the ₹40,000 crore wafer fab that Acme Foundry is building near Pune.",
        &registry,
    );
    assert_eq!(f[0].company.as_deref(), Some("Acme Foundry"));
    assert_eq!(f[0].class, Commitment);
    // Without an owner named for it, a listed figure stays a part.
    assert_eq!(
        kinds("Amazon will spend $20 billion on two campuses, including the $8 billion site in Ohio.")[1].2,
        FigureClass::Part
    );
}

#[test]
fn a_market_s_total_and_a_bank_s_estimate_are_no_company_s_plan() {
    let f = kinds("Microsoft is racing to build. Jefferies estimates that worldwide spending on AI servers could reach about $1.5 trillion by 2028.");
    assert_eq!(f[0].2, FigureClass::Estimate);
    let f = kinds("Microsoft said global spending on data centres will top $800 billion next year.");
    assert_eq!(f[0].2, FigureClass::OtherEntity);
    // A company's own forecast, however far back its verb, stays its commitment.
    let f = kinds("Microsoft forecasts that its spending on data centres and servers will climb to about $120 billion next year.");
    assert_eq!(f[0].2, Commitment);
}

#[test]
fn a_replaced_spanish_range_and_a_spanish_past_quarter_are_not_plans() {
    let f = dated(
        "Alphabet prevé invertir entre 85.000 y 91.000 millones de dólares este año, frente a la horquilla de 75.000 a 85.000 millones que manejaba hasta ahora.",
        "2025-10-29",
    );
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::Superseded]);
    // A facility opened is money spent.
    let f = dated("Google will invest £4 billion in Britain. It opened its $900 million data centre in Essex on the same day.", "2025-09-17");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::Past]);
    let f = dated(
        "Entre abril y junio, la compañía destinó 22.400 millones de dólares a centros de datos.",
        "2025-07-30",
    );
    assert_eq!(f[0].2, FigureClass::Past);
}

#[test]
fn written_years_give_a_length_its_start() {
    // A plan given only as a length takes the years another mention of it writes out.
    let f = dated(
        "Microsoft will invest $12 billion in Brazil over three years from 2027 to 2029, it said. The company called the three-year, $12 billion plan its largest there.",
        "2026-05-02",
    );
    assert_eq!(
        f.iter().map(|r| r.3.as_deref()).collect::<Vec<_>>(),
        [Some("from 2027 to 2029"), Some("from 2027 to 2029")]
    );
}

#[test]
fn money_put_into_a_registered_venture_is_the_venture_s() {
    let c = |name: &str, kind: Option<crate::config::CompanyKind>, members: &[&str]| CompanyConfig {
        name: name.into(),
        kind,
        members: members.iter().map(|s| s.to_string()).collect(),
        aliases: if name == "Acme Meta AI" { vec!["AMAI".into()] } else { Vec::new() },
        ..Default::default()
    };
    let registry = Registry::new(&[
        c("Acme", None, &[]),
        c("Meta", None, &[]),
        c("Acme Meta AI", Some(crate::config::CompanyKind::JointVenture), &["Acme", "Meta"]),
    ]);
    let f = extract_figures(
        "Acme and Meta formed a joint venture, Acme Meta AI (AMAI), on Friday. The partners will make a combined investment of about ₹900 crore (nearly $105 million) in the venture.",
        &registry,
    );
    assert_eq!(f[0].company.as_deref(), Some("Acme Meta AI"));
    assert_eq!(f[0].class, Commitment);
}

#[test]
fn yearly_shares_sums_of_several_and_funds_are_not_commitments() {
    let f = kinds("On Tuesday Google committed EUR8bn to Spain for 2026 to 2029, roughly EUR2bn a year, for two campuses.");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, FigureClass::Part]);
    let f =
        kinds("Three announcements this week added up to more than $60 billion of spending on data centres.");
    assert_eq!(f[0].2, FigureClass::OtherEntity);
    let f = kinds("Microsoft will invest $4 billion in Wisconsin and is setting up a $25 million Community Skills Fund to support local colleges.");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [Commitment, Other]);
    // A conversion at today's rate, even when both are written with `$`.
    let f = kinds("Amazon invertirá US$ 2.000 millones en Chile.\n\nLa región tendrá tres zonas de disponibilidad, todas en la Región Metropolitana, según explicó la empresa, y será la tercera de la compañía en América Latina, después de las de Brasil y México, con centros de datos que se construirán en varias comunas de la capital a lo largo de los próximos años y que darán servicio a clientes del sector público y privado de todo el país.\n\nEl monto equivale a unos $ 1,9 billones al tipo de cambio de hoy.");
    assert_eq!(f[1].2, FigureClass::Conversion);
    // A part of a total given just before stays a part when its owner is named after it.
    let f = kinds("Microsoft will spend $12 billion in Kenya by 2029. The total includes more than $5 billion that Microsoft expects to have spent by the end of this year.");
    assert_eq!(f[1].2, FigureClass::Part);
}

#[test]
fn a_headline_figure_takes_the_company_its_body_restatement_gives() {
    let c = |name: &str, kind: Option<crate::config::CompanyKind>, members: &[&str]| CompanyConfig {
        name: name.into(),
        kind,
        members: members.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let registry = Registry::new(&[
        c("Acme", None, &[]),
        c("Meta", None, &[]),
        c("Acme Meta AI", Some(crate::config::CompanyKind::JointVenture), &["Acme", "Meta"]),
    ]);
    let article = Article {
        title: Some("Acme, Meta set up AI venture with ₹900 crore first investment"),
        body: "Acme and Meta formed a joint venture, Acme Meta AI, on Friday. The partners will make a combined investment of ₹900 crore in the venture over three years.",
        ..Article::default()
    };
    let f = extract(&article, &registry);
    assert!(f[0].in_headline);
    assert_eq!(f[0].company.as_deref(), Some("Acme Meta AI"), "{f:#?}");
    assert_eq!(f[0].class, Commitment);
    // A headline naming one of two companies with the same amount keeps its own.
    let article = Article {
        title: Some("Meta to spend $10 billion on a Texas campus"),
        body: "Meta will spend $10 billion on a campus in Texas. Acme said last month it will also spend $10 billion on a campus in Ohio.",
        ..Article::default()
    };
    let f = extract(&article, &Registry::new(&[c("Acme", None, &[]), c("Meta", None, &[])]));
    assert_eq!(f[0].company.as_deref(), Some("Meta"));
}

#[test]
fn a_transcript_s_unquoted_we_is_the_company_whose_call_it_is() {
    let body = "Operator\n\nGood afternoon and welcome to Oracle's fiscal first quarter call.\n\nMaria Lopez -- Chief Financial Officer\n\nThank you. Revenue rose 12% in the quarter, and Microsoft remained our largest partner.\n\nFor this fiscal year, we now plan capital spending of about $35 billion.\n\nTom Baker -- Analyst\n\nThanks. Should we model $40 billion for next year?";
    let article = Article {
        title: Some("Oracle (ORCL) Q1 2026 Earnings Call Transcript"),
        body,
        date: Some("2025-09-09".parse().unwrap()),
        ..Article::default()
    };
    let f = extract(&article, &registry());
    let plan = f.iter().find(|f| f.text == "$35 billion").unwrap();
    assert_eq!(plan.company.as_deref(), Some("Oracle"), "{f:#?}");
    assert_eq!(plan.class, Commitment);
    // The analyst's `we` is not the company's.
    let asked = f.iter().find(|f| f.text == "$40 billion").unwrap();
    assert!(asked.class != Commitment || asked.company.as_deref() != Some("Oracle"), "{asked:#?}");
    // Speaker lines written as headings.
    let body = body
        .replace("Maria Lopez -- Chief", "#### Maria Lopez -- Chief")
        .replace("Operator\n", "#### Operator\n");
    let f = extract(&Article { body: &body, ..article }, &registry());
    assert_eq!(
        f.iter().find(|f| f.text == "$35 billion").unwrap().company.as_deref(),
        Some("Oracle"),
        "{f:#?}"
    );
    // Without speaker lines, an unquoted `we` gives nobody the money.
    let f = extract(
        &Article {
            body: "In a note, we now see capital spending of about $35 billion at the group next year.",
            ..Article::default()
        },
        &registry(),
    );
    assert_eq!(f[0].company, None);
}

#[test]
fn a_running_total_that_counts_money_spent_is_not_a_new_commitment() {
    let f = dated("The fresh spending is on top of the $4 billion that Oracle had invested in its Texas sites up to 2022, and brings its total planned spending in the state to more than $9 billion by 2028.", "2025-06-01");
    assert_eq!(f.iter().map(|r| r.2).collect::<Vec<_>>(), [FigureClass::Past, FigureClass::Past], "{f:?}");
    // With no spending in the sentence, the new total is the plan.
    let f = dated("Oracle will invest a further $5 billion in Texas, bringing its total investment in the state to $9 billion.", "2025-06-01");
    assert_eq!(f.last().unwrap().2, Commitment, "{f:?}");
}

#[test]
fn a_name_after_a_preposition_and_a_possessor_is_not_the_subject() {
    let c = |name: &str| CompanyConfig { name: name.into(), ..Default::default() };
    let registry = Registry::new(&[c("Microsoft"), c("G42"), c("Humain"), c("Public Investment Fund")]);
    let f = extract_figures(
        "Microsoft will spend $15 billion in the UAE between 2023 and 2029. The sum covers a stake in Abu Dhabi's G42, bought in 2024, and data centres. The remaining $8 billion is to be spent from 2026 to 2029.",
        &registry,
    );
    let rest = f.iter().find(|f| f.text == "$8 billion").unwrap();
    assert_eq!(rest.company.as_deref(), Some("Microsoft"), "{f:#?}");
    let f = extract_figures(
        "Humain, the AI company set up by the Public Investment Fund in May, will spend $10 billion on data centres by 2030.",
        &registry,
    );
    assert_eq!(f[0].company.as_deref(), Some("Humain"), "{f:#?}");
}

#[test]
fn two_companies_as_one_subject_commit_their_partnership_s_money() {
    let f = kinds("Amazon and Oracle, which set up a cloud alliance last year, plan to invest more than $5 billion in Spain by 2030.");
    assert_eq!(f[0].2, FigureClass::OtherEntity, "{f:?}");
    // Each one's own money stays its own.
    let f = kinds("Amazon and Oracle plan to invest $5 billion each in Spain by 2030.");
    assert_eq!(f[0].2, Commitment, "{f:?}");
}

#[test]
fn a_name_after_a_dash_or_other_wide_character_is_read_safely() {
    let f = kinds("BRUSSELS (Benelux Wire) — Alphabet will invest €5 billion in Belgium through 2027.");
    assert_eq!(f[0].0.as_deref(), Some("Alphabet"));
    let f = kinds("PARÍS — Microsoft invertirá 4.000 millones de euros en Francia hasta 2028.");
    assert_eq!(f[0].0.as_deref(), Some("Microsoft"));
}

#[test]
fn possibilities_differences_from_a_known_figure_and_stakes_are_no_commitments() {
    // What money could come to is nobody's plan.
    let f = kinds(
        "Its chairman said Alibaba's spending on the new campus could eventually reach about $60 billion.",
    );
    assert_eq!(f[0].2, FigureClass::Estimate, "{f:?}");
    // A difference from a figure named as a known one.
    let f = kinds("Oracle now expects capital spending for fiscal 2027 to be about $10 billion more than the $40 billion it forecast in June.");
    assert_eq!(f[0].2, FigureClass::Change, "{f:?}");
    // A stake in another registered company, behind a noun of a stake or a description.
    let f = kinds(
        "SoftBank is selling bonds to fund a planned $12 billion follow-on investment in cloud group Oracle.",
    );
    assert_eq!(f[0].2, Other, "{f:?}");
    let f = kinds("Microsoft said it would put up to $4 billion in Oracle announced this week, on top of its own data centres.");
    assert_eq!(f[0].2, Other, "{f:?}");
    // `de aquí a 2028` runs from the article's year.
    let f =
        dated("Meta invertirá más de US$300.000 millones en Estados Unidos de aquí a 2028.", "2025-11-07");
    assert_eq!(f[0].3.as_deref(), Some("de aquí a 2028"), "{f:?}");
}

#[test]
fn renting_a_cloud_s_computers_is_no_capital_spending() {
    let f = kinds(
        "ByteDance has agreed to buy $20 billion of compute capacity on Oracle's cloud over five years.",
    );
    assert_eq!(f[0].2, Other, "{f:?}");
    // Buying chips for its own data centres stays a commitment.
    let f = kinds("ByteDance plans to buy $20 billion of chips for its own data centres next year.");
    assert_eq!(f[0].2, Commitment, "{f:?}");
}

#[test]
fn a_figure_at_the_end_of_a_clause_is_read_safely() {
    let f = kinds("Google to build first Malaysian data centre with US$2bil investment\n\nKuala Lumpur: Google will invest US$2bil (RM9.4bil) to build its first data centre.");
    assert!(f.iter().any(|r| r.1 == "US$2bil" && r.2 == Commitment), "{f:?}");
    let f = kinds("Oracle will make a $5 billion investment");
    assert_eq!(f.len(), 1);
}

#[test]
fn a_yearly_rate_is_marked_as_one() {
    let f = dated(
        "Oracle expects to spend $4 billion to $5 billion a year from 2026 through 2029 on new campuses.",
        "2025-06-10",
    );
    assert_eq!(f[0].2, Commitment, "{f:?}");
    let f = extract(
        &Article { body: "Oracle expects to spend $4 billion to $5 billion a year from 2026 through 2029 on new campuses.", ..Article::default() },
        &registry(),
    );
    assert!(f[0].per_year, "{f:#?}");
    let f = extract_figures(
        "Oracle will spend $20 billion from 2026 to 2029, its largest plan yet.",
        &registry(),
    );
    assert!(!f[0].per_year);
}

#[test]
fn what_remains_of_a_larger_figure_is_a_part() {
    let f = dated("Oracle will have invested $12 billion in Japan between 2022 and 2029. About $5 billion of it has been spent. The remaining $7 billion is to be spent from 2026 to 2029.", "2025-10-01");
    assert_eq!(f[0].2, Commitment, "{f:?}");
    assert_eq!(f[2].2, FigureClass::Part, "{f:?}");
}

#[test]
fn a_french_period_to_a_year_runs_from_the_article_s_year() {
    let f = dated("Oracle prévoit d'investir 20 milliards d'euros en France d'ici à 2030.", "2025-02-10");
    assert_eq!(f[0].3.as_deref(), Some("d'ici à 2030"), "{f:?}");
}

#[test]
fn german_commitments_are_read() {
    let f = kinds("Der Softwarekonzern Oracle will in den kommenden fünf Jahren zwei Milliarden US-Dollar in Rechenzentren in Deutschland investieren.");
    assert_eq!((f[0].0.as_deref(), f[0].2), (Some("Oracle"), Commitment), "{f:?}");
}

#[test]
fn german_spending_of_the_year_before_is_past() {
    let f = dated("Der Konzern will im Geschäftsjahr 2026 mehr als 25 Milliarden Dollar investieren, nach 21,2 Milliarden Dollar im Vorjahr.", "2025-07-15");
    assert_eq!(f[1].2, FigureClass::Past, "{f:?}");
}
