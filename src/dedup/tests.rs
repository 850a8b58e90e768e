//! Unit tests of dedup's decisions across articles: each case is a small site of its own, and
//! each asserts what was decided and the reason given for it.

use super::{inspect, Inspection, LinkRule};

/// The opening of a wire story (Microsoft's fiscal 2025 data centre spending).
const LEAD_MS: &str = "REDMOND, Washington, Jan 3 (Meridian Wire) - Microsoft expects to spend about \
    $80 billion in its fiscal year ending in June 2025 on data centres built to train artificial \
    intelligence models and run cloud applications, its vice chair and president said in a blog \
    post on Friday.";

/// The rest of that story, paragraph by paragraph.
const REST_MS: [&str; 7] = [
    "More than half of that spending will be in the United States, the post said, describing the \
     outlay as a bet that demand for AI services will keep outrunning the capacity the company can \
     bring online.",
    "The figure compares with about $55 billion of capital expenditure in the previous fiscal year, \
     when the company already ranked among the largest buyers of graphics processors anywhere.",
    "Much of the money goes to land, buildings, power equipment and cooling, with the rest spent on \
     servers and the chips inside them, many of them bought from Nvidia.",
    "Executives told analysts in October that capacity constraints had held back growth at the Azure \
     cloud unit and that new sites would ease those limits during the second half of the year.",
    "Investors have pressed the largest cloud groups to show when the spending will pay off, and \
     shares of several of them fell after their last quarterly reports on worries about the cost.",
    "The blog post also urged the incoming administration to support training programmes for \
     electricians and other trades needed to build and run the new facilities.",
    "Microsoft is due to report its results for the October to December quarter later this month.",
];

/// The first `n` paragraphs of the Microsoft story.
fn microsoft(n: usize) -> String {
    std::iter::once(LEAD_MS).chain(REST_MS).take(n).collect::<Vec<_>>().join("\n\n")
}

/// Front matter of a page.
fn front(title: &str, date: &str, source: &str) -> String {
    format!(
        "title: \"{title}\"\ndate: {date}\nsource: {{ name: {source}, url: \"https://example.com/{}\" }}",
        source.to_lowercase().replace(' ', "-")
    )
}

/// A site of these briefings (`name`, front matter, body), inspected as `capbrief dedup` does.
fn decide(pages: &[(&str, String, String)]) -> Inspection {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    std::fs::write(root.join("config.yaml"), "title: Test\nbase_url: https://example.com/\n")
        .expect("config");
    std::fs::create_dir_all(root.join("content/briefings")).expect("folders");
    for (name, front, body) in pages {
        let text = format!("---\n{front}\n---\n\n{body}\n");
        std::fs::write(root.join(format!("content/briefings/{name}.md")), text).expect("page");
    }
    inspect(root, false).expect("the site loads")
}

/// A page `name` of site `source` carrying the Microsoft story under the agency's headline.
fn ms_page(name: &'static str, source: &str, body: String) -> (&'static str, String, String) {
    (
        name,
        front("Microsoft to spend $80 billion on AI data centres this fiscal year", "2025-01-03", source),
        body,
    )
}

fn rel(name: &str) -> String {
    format!("briefings/{name}.md")
}

#[test]
fn a_copy_framed_by_another_site_is_folded_into_the_agencys_own() {
    // The site's own lines add fewer words than a tenth of the story: both bodies count as
    // complete, and the agency's own copy is shown.
    let framed = format!("{}\n\n(Reporting by Dana Whitfield; Editing by Omar Castillo)", microsoft(8));
    let found =
        decide(&[ms_page("wire", "Meridian Wire", microsoft(8)), ms_page("gulf", "Gulf Ledger", framed)])
            .report;
    assert_eq!(found.duplicate_of.get(&rel("gulf")), Some(&rel("wire")), "{found:?}");
    let [cluster] = &found.clusters[..] else { panic!("one cluster: {:?}", found.clusters) };
    assert_eq!(cluster.members, [rel("gulf"), rel("wire")]);
    let [link] = &cluster.links[..] else { panic!("one link: {:?}", cluster.links) };
    assert_eq!(link.rule, LinkRule::Resemblance, "{link:?}");
    assert!(link.jaccard.is_some_and(|j| j >= 0.5), "{link:?}");
    assert_eq!(cluster.reason, "the agency's own copy (meridianwire)");
    assert!(found.stories.is_empty(), "{:?}", found.stories);
}

#[test]
fn a_shorter_cut_is_contained_in_the_full_story() {
    let found = decide(&[
        ms_page("wire", "Meridian Wire", microsoft(8)),
        (
            "cut",
            front("Microsoft sets $80 billion AI data centre budget", "2025-01-03", "Harbour Daily"),
            microsoft(3),
        ),
    ])
    .report;
    let [cluster] = &found.clusters[..] else { panic!("one cluster: {:?}", found.clusters) };
    assert_eq!(cluster.canonical, rel("wire"));
    let [link] = &cluster.links[..] else { panic!("one link: {:?}", cluster.links) };
    // All of the cut is in the story, which is more than twice as long: the union is too
    // large for resemblance, and containment decides.
    assert_eq!(link.rule, LinkRule::Containment, "{link:?}");
    assert_eq!(link.containment, Some(1.0), "{link:?}");
    assert!(link.jaccard.is_some_and(|j| j < 0.5), "{link:?}");
    assert!(cluster.reason.starts_with("most complete body ("), "{}", cluster.reason);
}

/// An agency's one-paragraph first take of Alibaba's three-year plan.
const ALIBABA_TAKE: &str = "HANGZHOU, Feb 24 (Pacific Newswire) - Alibaba Group plans to spend at least \
    380 billion yuan ($52.4 billion) over the next three years on cloud computing and artificial \
    intelligence infrastructure, the company said on Monday.";

/// The same agency's updated story: the lead reworded a little, then more paragraphs.
fn alibaba_update() -> String {
    [
        "HANGZHOU, Feb 24 (Pacific Newswire) - Alibaba Group will spend at least 380 billion yuan \
         ($52.4 billion) over the next three years on cloud computing and artificial intelligence \
         infrastructure, the Chinese e-commerce group said on Monday, more than it spent on such \
         projects in the past decade.",
        "The plan comes a week after quarterly results in which revenue at the group's cloud unit \
         grew at its fastest pace in more than a year, lifted by demand for AI products.",
        "Chief Executive Eddie Wu told analysts on the results call that artificial intelligence was \
         an opportunity that comes once in a generation and that the group would build the computing \
         capacity to meet it.",
        "The company's shares listed in Hong Kong have gained by more than half since January.",
    ]
    .join("\n\n")
}

#[test]
fn a_first_take_and_its_update_are_one_story_shown_as_the_update() {
    let found = decide(&[
        (
            "take",
            front(
                "Alibaba to invest 380 billion yuan in AI over three years",
                "2025-02-24T03:10:00Z",
                "Pacific Newswire",
            ),
            ALIBABA_TAKE.to_string(),
        ),
        (
            "update",
            front(
                "Alibaba to invest more than $52 billion in AI over next three years",
                "2025-02-24T09:48:00Z",
                "Pacific Newswire",
            ),
            alibaba_update(),
        ),
    ])
    .report;
    assert_eq!(found.duplicate_of.get(&rel("take")), Some(&rel("update")), "{found:?}");
    let [cluster] = &found.clusters[..] else { panic!("one cluster: {:?}", found.clusters) };
    let [link] = &cluster.links[..] else { panic!("one link: {:?}", cluster.links) };
    assert_eq!(link.rule, LinkRule::WireVersion, "{link:?}");
    assert!(
        link.detail.starts_with("same dateline `hangzhou` and agency `pacificnewswire`, leads "),
        "{link:?}"
    );
    // Too short for containment to decide, too different as a whole for resemblance.
    assert!(link.jaccard.is_some_and(|j| j < 0.5), "{link:?}");
    assert!(cluster.reason.contains("most complete body"), "{}", cluster.reason);
}

#[test]
fn a_rewrite_in_other_words_is_linked_as_related_coverage_not_folded() {
    let rewrite = [
        "Alibaba has set aside at least 380 billion yuan, roughly $52 billion, to expand its data \
         centres and artificial intelligence systems during the next three years, the Hangzhou \
         company announced on Monday.",
        "The budget exceeds what the group put into cloud and AI infrastructure over the previous ten \
         years combined, and follows a run of strong results at its cloud division.",
        "Its chief executive has called AI the most important opportunity the business has seen.",
    ]
    .join("\n\n");
    let found = decide(&[
        (
            "update",
            front(
                "Alibaba to invest more than $52 billion in AI over next three years",
                "2025-02-24T09:48:00Z",
                "Pacific Newswire",
            ),
            alibaba_update(),
        ),
        (
            "rewrite",
            front("Alibaba commits $52 billion to AI build-out", "2025-02-24T14:00:00Z", "China Tech Review"),
            rewrite,
        ),
    ])
    .report;
    assert!(found.duplicate_of.is_empty(), "a rewrite is not a copy: {found:?}");
    assert!(found.clusters.is_empty(), "{:?}", found.clusters);
    let [story] = &found.stories[..] else { panic!("one story: {:?}", found.stories) };
    assert_eq!(story.articles, [rel("rewrite"), rel("update")]);
    assert!(!story.folded);
    let [link] = &story.links[..] else { panic!("one link: {:?}", story.links) };
    assert_eq!(link.rule, LinkRule::SameNews, "{link:?}");
    assert!(link.detail.starts_with("main figures in both, same subject, headlines "), "{link:?}");
    assert_eq!(found.related.get(&rel("rewrite")), Some(&vec![story.lead.clone()]));
    assert!(found.summary().is_some_and(|s| s.contains("2 articles linked as related coverage of 1 story")));
}

#[test]
fn two_stories_about_one_company_on_one_day_stay_apart() {
    let capex = [
        "Meta Platforms expects capital expenditures of $60 billion to $65 billion this year, chief \
         executive Mark Zuckerberg wrote on Friday, as the company builds out the computing power \
         behind its artificial intelligence assistant and models.",
        "The range is well above the roughly $38 billion to $40 billion the company expected to have \
         spent last year, and it plans to grow its AI engineering teams significantly.",
        "Meta will also bring about a gigawatt of computing capacity online during the year.",
    ]
    .join("\n\n");
    let louisiana = [
        "Meta's data centre under construction in Richland Parish, Louisiana will draw more than two \
         gigawatts of power, and at full size its footprint would cover a large part of Manhattan, \
         Mark Zuckerberg wrote on Friday.",
        "The company announced the $10 billion campus in December, its largest data centre to date, \
         with three new gas-fired power plants planned by the local utility to supply it.",
        "Local officials have said the project will bring hundreds of permanent jobs to the parish.",
    ]
    .join("\n\n");
    let found = decide(&[
        (
            "capex",
            front("Meta to spend up to $65 billion this year as AI push grows", "2025-01-24", "Valley Post"),
            capex,
        ),
        (
            "louisiana",
            front("Meta's Louisiana data centre to exceed 2 gigawatts", "2025-01-24", "Valley Post"),
            louisiana,
        ),
    ])
    .report;
    assert!(found.duplicate_of.is_empty(), "{found:?}");
    assert!(found.clusters.is_empty(), "{:?}", found.clusters);
    assert!(found.stories.is_empty(), "{:?}", found.stories);
    assert!(found.summary().is_none());
}

#[test]
fn the_canonical_copy_is_the_one_with_the_most_complete_cleaned_body() {
    // A site that carried five of the story's eight paragraphs inside a good deal of its own
    // furniture: more words on the page than the full story, fewer once they are left out.
    // As they stand, the two are too far apart to be one text (a near miss); without the
    // furniture they are one, and both are counted without it.
    let furniture = [
        "FILE PHOTO: The company's logo at its campus, in a picture taken last year. Meridian Wire/File Photo",
        "3 Jan 2025 09:40AM (Updated: 3 Jan 2025 11:15AM)",
        "Sign up for our morning newsletter to get the day's top business stories in your inbox",
        "Share this article on WhatsApp, Facebook, X and LinkedIn",
        "Read more: Why the largest cloud groups keep raising their spending plans",
        "(Reporting by Dana Whitfield in Seattle and Priya Raman in Bengaluru; Editing by Omar Castillo and Lena Hart)",
        "Copyright 2025 Meridian Wire. All rights reserved. This article is republished under licence and may not be redistributed.",
        "Source: Meridian Wire",
    ];
    let framed =
        format!("{}\n\n{}\n\n{}", furniture[..2].join("\n\n"), microsoft(5), furniture[2..].join("\n\n"));
    let found = decide(&[
        ms_page("full", "Harbour Daily", microsoft(8)),
        ms_page("framed", "Gulf Ledger", framed.clone()),
    ]);
    let report = &found.report;
    let [cluster] = &report.clusters[..] else { panic!("one cluster: {:?}", report.clusters) };
    assert_eq!(cluster.canonical, rel("full"), "{cluster:?}");
    // Counted as the page stands, the framed copy would be the longer.
    let count = super::near::word_count;
    let (full, cleaned) = (count(&microsoft(8)), count(&super::comparable::of(&framed).text));
    assert!(count(&framed) > full, "the test needs the framed page to have more words");
    assert!(cleaned < count(&microsoft(6)), "its furniture is left out: {cleaned} words");
    assert_eq!(cluster.reason, format!("most complete body ({full} words against {cleaned})"));
    let [link] = &cluster.links[..] else { panic!("one link: {:?}", cluster.links) };
    assert_eq!(link.detail, "furniture left out", "{link:?}");
    assert!(link.rule.is_copy(), "{link:?}");
    let ignored = report.ignored.get(&rel("framed")).expect("the framed copy's furniture is reported");
    assert!(ignored.iter().any(|i| i.text.starts_with("FILE PHOTO")), "{ignored:?}");
}
