//! The company registry through the CLI: the built-in entries every site starts with,
//! `companies:` extending, replacing and adding entries, `builtin_companies: false`, located
//! errors for entries that cannot merge, and `capbrief companies`.

use crate::support::SiteTest;

const BASE: &str = "title: T\nbase_url: https://example.org/\n";

fn briefing(front: &str, body: &str) -> String {
    format!("---\ntitle: A briefing\ndate: 2025-02-24\n{front}---\n{body}\n")
}

fn json(run: &crate::support::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}:\n{}", run.stdout()))
}

/// The entry called `name` in `capbrief companies --json` output.
fn entry<'a>(listing: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    listing["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no entry {name}"))
}

fn strings(v: &serde_json::Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn a_site_without_companies_knows_the_builtin_registry() {
    let site = SiteTest::inline(
        BASE,
        &[(
            "content/briefings/a.md",
            &briefing(
                "companies: [AWS, Google Cloud]\ncapex:\n  - company: Azure\n    amount: \"$80 billion\"\n    period: FY2025\n",
                "Microsoft plans to spend $80 billion on AI data centres in fiscal 2025.",
            ),
        )],
    );
    let run = site.build().ok();
    assert!(run.stderr().contains("0 warnings"), "{}", run.stderr());
    // Cloud brands are filed under their parents.
    for slug in ["amazon", "alphabet", "microsoft"] {
        assert!(site.public().join(format!("companies/{slug}/index.html")).is_file(), "{slug}");
    }
    assert!(!site.public().join("companies/aws").exists());
    // Microsoft's fiscal year comes from the built-in entry.
    let page = site.output("briefings/a/index.html");
    assert!(page.contains("FY2025, to 30 June 2025"), "{page}");
    assert!(page.contains(">Microsoft<"), "{page}");
    site.run(&["check", "--strict"]).ok();
}

#[test]
fn config_entries_extend_replace_or_add_to_the_builtin_ones() {
    let config = format!(
        "{BASE}companies:
  - name: Microsoft
    fiscal_year_end: 9
    aliases: [Redmond]
  - name: Google
    descriptions: [the Mountain View company]
  - name: Alibaba
    replace: true
    tickers: [BABA]
  - name: Example Cloud
    tickers: [EXCL]
    country: US
"
    );
    let site = SiteTest::inline(
        &config,
        &[(
            "content/briefings/a.md",
            &briefing(
                "companies: [Alphabet, EXCL]\ncapex:\n  - company: Redmond\n    amount: \"$80 billion\"\n    period: FY2025\n",
                "Microsoft plans to spend $80 billion in fiscal 2025.",
            ),
        )],
    );
    site.build().ok();
    // The site's fiscal year replaced the built-in one; the alias was added.
    let page = site.output("briefings/a/index.html");
    assert!(page.contains("FY2025, to 30 September 2025"), "{page}");
    // A new name is the name tables and company pages show; the old one still resolves.
    assert!(site.public().join("companies/google/index.html").is_file());
    assert!(site.public().join("companies/example-cloud/index.html").is_file());

    let listing = json(&site.run(&["companies", "--json"]).ok());
    let ms = entry(&listing, "Microsoft");
    assert_eq!(ms["origin"], "extended");
    assert_eq!(ms["fiscal_year_end"], 9);
    let aliases = strings(&ms["aliases"]);
    assert!(aliases.contains(&"Azure") && aliases.contains(&"Redmond"), "{aliases:?}");
    let google = entry(&listing, "Google");
    assert!(strings(&google["aliases"]).contains(&"Alphabet"));
    assert!(strings(&google["descriptions"]).contains(&"the search giant"));
    assert!(strings(&google["descriptions"]).contains(&"the Mountain View company"));
    let alibaba = entry(&listing, "Alibaba");
    assert_eq!((alibaba["origin"].as_str(), strings(&alibaba["aliases"]).len()), (Some("replaced"), 0));
    assert_eq!(entry(&listing, "Example Cloud")["origin"], "site");
    assert_eq!(entry(&listing, "Meta")["origin"], "built_in");
    assert_eq!(entry(&listing, "Stargate")["kind"], "joint_venture");
    assert_eq!(strings(&entry(&listing, "Stargate")["members"]), ["OpenAI", "SoftBank", "Oracle", "MGX"]);

    // The replaced entry lost its built-in aliases.
    site.run(&["companies", "Alibaba Cloud"])
        .fails()
        .stderr_has("`Alibaba Cloud` is not in the company registry");
    let text = site.run(&["companies"]).ok().stdout();
    assert!(text.contains("built-in, extended"), "{text}");
    assert!(text.contains("3 built-in extended or replaced by config.yaml, 1 only in config.yaml"), "{text}");
}

#[test]
fn builtin_companies_false_leaves_only_the_sites_list() {
    let site = SiteTest::inline(
        &format!("{BASE}builtin_companies: false\n"),
        &[(
            "content/briefings/a.md",
            &briefing(
                "companies: [AWS]\ncapex:\n  - company: Example Cloud\n    amount: \"$2 billion\"\n    period: \"2025\"\n",
                "Example Cloud plans to spend $2 billion in 2025.",
            ),
        )],
    );
    // No registry at all: every name as written, no warnings.
    let run = site.build().ok();
    assert!(run.stderr().contains("0 warnings"), "{}", run.stderr());
    assert!(site.public().join("companies/aws/index.html").is_file());
    assert!(!site.public().join("companies/amazon").exists());
    let listing = json(&site.run(&["companies", "--json"]).ok());
    assert_eq!(listing["companies"].as_array().map(Vec::len), Some(0));
}

#[test]
fn entries_that_cannot_merge_fail_the_build_at_their_line() {
    let config = format!(
        "{BASE}companies:
  - name: Example Cloud
  - name: Google
    aliases: [Facebook]
  - name: Nvidia
    fiscal_year_end: 13
  - name: Example JV
    kind: joint_venture
    members: [Example Cloud, Nobody]
"
    );
    let site = SiteTest::inline(&config, &[("content/briefings/a.md", &briefing("", "Text."))]);
    site.build()
        .fails()
        .stderr_has("config.yaml:5:5: error: `Google` names two built-in entries: `Alphabet` (by `Google`) and `Meta` (by `Facebook`)")
        .stderr_has("help: an entry extends at most one built-in company")
        .stderr_has("config.yaml:8:5: error: `fiscal_year_end: 13` of `Nvidia` is not a month")
        .stderr_has("config.yaml:11:5: error: member `Nobody` of `Example JV` is not in the registry")
        .stderr_has("build failed with 3 errors");
    assert!(!site.public().exists(), "a failed build wrote output");
    // The listing refuses the same config the same way.
    site.run(&["companies"]).fails().stderr_has("config.yaml:8:5: error:");
}

#[test]
fn companies_looks_up_names_tickers_descriptions_and_executives() {
    let site = SiteTest::inline(BASE, &[]);
    let out = site.run(&["companies", "(HK:0700)"]).ok().stdout();
    assert!(out.starts_with("(HK:0700) → Tencent (ticker)\n"), "{out}");
    assert!(out.contains("fiscal year:   ends in December"), "{out}");
    let out = site.run(&["companies", "aws"]).ok().stdout();
    assert!(out.starts_with("aws → Amazon (alias)\n"), "{out}");
    let out = site.run(&["companies", "the iPhone maker"]).ok().stdout();
    assert!(out.starts_with("the iPhone maker → Apple (a description)\n"), "{out}");
    assert!(out.contains("fiscal year:   ends in September"), "{out}");
    let out = site.run(&["companies", "Masayoshi Son"]).ok().stdout();
    assert!(out.starts_with("Masayoshi Son → SoftBank (an executive)\n"), "{out}");
    assert!(out.contains("member of:     Stargate; Stargate UAE"), "{out}");
    let found = json(&site.run(&["companies", "Stargate", "--json"]).ok());
    assert_eq!(found["companies"].as_array().map(Vec::len), Some(1));
    site.run(&["companies", "Gogle"])
        .fails()
        .stderr_has("error: `Gogle` is not in the company registry; did you mean `Alphabet`?");

    // Outside a site folder: the built-in registry.
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_capbrief"))
        .args(["companies", "--json"])
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let listing: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(listing["companies"].as_array().map_or(0, Vec::len) >= 60);
}
