//! Who a figure belongs to: the company named in its clause; else a description, pronoun
//! or speaker that refers back to one (`the chip maker`, `it`, `we` in a quote whose speaker
//! was named with their company); else the sentence's or the paragraph's subject; else the
//! article's subject (headline, first mentions, tickers). Also notices when the money is
//! another entity's: a joint venture, a government, several companies' sum.

use super::cues::{Cue, CueIndex};
use super::text::{
    ceil_boundary, find_phrase, floor_boundary, has_phrase, is_word_byte, rfind_phrase, words_back, Doc,
};
use crate::capex::registry::{Mention, Registry};
use crate::config::CompanyKind;
use std::collections::HashMap;

/// How the company of a figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    /// Named in the figure's clause.
    Named,
    /// A quotation whose speaker was tied to the company.
    Speaker,
    /// A description or pronoun (`the company`, `it`, `the search giant`).
    Reference,
    /// The subject of the sentence or of an earlier sentence.
    Context,
    /// The article's subject.
    Article,
}

/// What the subject search found for one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Subject {
    /// Registry index of the company, when one was found.
    pub(crate) company: Option<usize>,
    /// How.
    pub(crate) how: How,
    /// The money is another entity's (a venture, a government, a sum of several companies,
    /// a rival quoted for comparison): the company, if any, is not who commits it.
    pub(crate) other_entity: bool,
}

/// Nouns that, after `the` and maybe adjectives, refer back to a company.
const REFERENCE_NOUNS: &[&str] = &[
    "company",
    "firm",
    "group",
    "giant",
    "maker",
    "chipmaker",
    "conglomerate",
    "retailer",
    "operator",
    "provider",
    "startup",
    "start-up",
    "business",
    "corporation",
    "titan",
    "behemoth",
    "heavyweight",
    "hyperscaler",
    "owner",
    "parent",
    "developer",
    "carrier",
    "manufacturer",
    "foundry",
    "lab",
    "laboratory",
    "platform",
    "tech",
    "multinational",
    "empresa",
    "compañía",
    "firma",
    "grupo",
    "gigante",
    "tecnológica",
    "fabricante",
    "operadora",
    "multinacional",
    "partnership",
    "venture",
    "fund",
    "consortium",
    "alliance",
    "sociedad",
    "fondo",
    "consorcio",
];

/// Nouns that refer back to a venture, programme or fund.
const GROUP_NOUNS: &[&str] = &[
    "partnership",
    "venture",
    "fund",
    "consortium",
    "programme",
    "program",
    "project",
    "initiative",
    "alliance",
    "sociedad",
    "fondo",
    "consorcio",
    "proyecto",
    "programa",
    "alianza",
];

/// Joint words that only say a figure is a sum, of one company's parts as well as of several
/// companies' money.
const TOTAL_WORDS: &[&str] = &["in total", "a total of", "en total"];

/// Pronouns that refer back to the company in focus.
const PRONOUNS: &[&str] =
    &["it", "its", "it's", "they", "their", "the company's", "la compañía", "la empresa"];

/// First-person words that make a quotation the speaker's company's.
const FIRST_PERSON: &[&str] = &[
    "we",
    "our",
    "us",
    "we're",
    "we've",
    "we'll",
    "nosotros",
    "nuestro",
    "nuestra",
    "invertiremos",
    "vamos",
];

/// Words before a company that put it in a comparison or an object slot, not the subject's.
const NOT_SUBJECT_BEFORE: &[&str] = &[
    "than",
    "like",
    "unlike",
    "rival",
    "rivals",
    "versus",
    "vs",
    "compared with",
    "compared to",
    "such as",
    "including",
    "as did",
    "ahead of",
    "behind",
    "outpacing",
    "trailing",
    "from",
    "with",
    "against",
    "to",
    "for",
    "by",
    "at",
    "of",
    "into",
    "in",
    "on",
    "over",
    "frente a",
    "como",
    "que",
    "de",
    "a",
    "con",
    "para",
    "sobre",
];

/// Words before a company that make it a rival quoted beside the subject.
const RIVAL_BEFORE: &[&str] =
    &["rival", "rivals", "competitor", "competitors", "peer", "su rival", "sus rivales", "competidor"];

/// Words before a company that put it in the background of the sentence: its figure is
/// quoted beside the subject's, not committed in this story (`days after OpenAI said …`,
/// `an agreement with Amazon worth …`).
const BACKGROUND_BEFORE: &[&str] = &[
    "than",
    "like",
    "unlike",
    "versus",
    "vs",
    "compared with",
    "compared to",
    "with",
    "against",
    "after",
    "following",
    "frente a",
    "tras",
    "como",
];

/// Verbs that follow a subject that commits money (`Brookfield will …`, `DataVolt said it …`).
const SUBJECT_VERBS: &[&str] = &[
    "said",
    "says",
    "will",
    "would",
    "plans",
    "planned",
    "is",
    "has",
    "had",
    "aims",
    "intends",
    "expects",
    "pledged",
    "pledges",
    "announced",
    "committed",
    "commits",
    "invests",
    "invested",
    "to",
    "aportará",
    "invertirá",
    "destinará",
    "prevé",
    "financiará",
    "anunció",
    "ha",
    "había",
    "está",
    "planea",
    "también",
    "also",
];

/// Prepositions that put a name in an object slot.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "across", "for", "to", "from", "into", "with", "of", "on", "by", "en", "a", "de", "para",
    "con", "desde", "del", "al", "hacia",
];

/// Who a sentence is about, as far as later references go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    /// A registered company.
    Company(usize),
    /// An entity the registry does not hold (a government, an unregistered fund).
    Other,
}

/// The subject search over one article.
pub(crate) struct Discourse<'d> {
    doc: &'d Doc<'d>,
    cues: &'d CueIndex,
    registry: &'d Registry,
    /// Registry mentions, in order.
    mentions: Vec<Mention>,
    /// Each sentence's subject (named, or carried over by a reference).
    sentence_subject: Vec<Option<Focus>>,
    /// Person (full name and surname, lower case) → company.
    people: HashMap<String, usize>,
    /// Names of people met with a title (lower case, full names and surnames).
    titled: std::collections::HashSet<String>,
    /// The article's subject.
    pub(crate) article: Option<usize>,
    /// A transcript's speaker lines: each paragraph index that is one, with the company the
    /// speaker talks for (`None` for an analyst, the operator or an outsider).
    turns: Vec<(usize, Option<usize>)>,
}

impl<'d> Discourse<'d> {
    /// Reads the article: its mentions, each sentence's subject, the people named with
    /// their companies. `headline_subject` and `tickers` stand in for the article's subject
    /// when the text names none first.
    pub(crate) fn new(
        doc: &'d Doc<'d>,
        cues: &'d CueIndex,
        registry: &'d Registry,
        headline_subject: Option<usize>,
        ticker_subject: Option<usize>,
    ) -> Discourse<'d> {
        let mentions = registry.mentions(doc.text);
        let mut d = Discourse {
            doc,
            cues,
            registry,
            mentions,
            sentence_subject: Vec::new(),
            people: HashMap::new(),
            titled: std::collections::HashSet::new(),
            article: None,
            turns: Vec::new(),
        };
        d.find_people();
        let mut focus: Option<Focus> = None;
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for &(s, e) in &doc.sentences {
            let named = d.main_mention(s, e, e).map(|m| Focus::Company(m.company));
            let subject = named
                .or_else(|| d.non_registry_subject(s, e).then_some(Focus::Other))
                // A sentence led by a reference carries the focus on.
                .or_else(|| d.reference_before(s, e).and(focus));
            if subject.is_some() {
                focus = subject;
            }
            for m in d.mentions_in(s, e) {
                *counts.entry(m.company).or_default() += 1;
            }
            d.sentence_subject.push(subject);
        }
        let most_named = counts.iter().max_by_key(|&(c, n)| (*n, std::cmp::Reverse(*c))).map(|(&c, _)| c);
        d.article = headline_subject
            .or(ticker_subject)
            .or_else(|| d.mentions.first().map(|m| m.company))
            .or(most_named);
        d.turns = d.speaker_turns();
        d
    }

    /// A transcript's speaker lines (`Jane Doe -- Chief Financial Officer`, `Operator`), in
    /// order, each with the company its speaker talks for: the one named in the line, else,
    /// for an executive title, the company whose call it is (the article's subject); an
    /// analyst, the operator or a line with no title talks for none. Fewer than two such
    /// lines make no transcript.
    fn speaker_turns(&self) -> Vec<(usize, Option<usize>)> {
        let text = self.doc.text;
        let mut turns = Vec::new();
        for (i, &(ps, pe)) in self.doc.paragraphs.iter().enumerate() {
            // A speaker line may be written as a heading or in bold (`#### Jane Doe -- CFO`).
            let line = text[ps..pe].trim().trim_start_matches('#').trim().trim_matches('*').trim();
            if line.contains('\n') || line.len() > 120 {
                continue;
            }
            if line == "Operator" {
                turns.push((i, None));
                continue;
            }
            let Some((name, title)) =
                [" -- ", " — ", " – ", " - "].iter().find_map(|sep| line.split_once(sep))
            else {
                continue;
            };
            let Some(name_start) = text[ps..pe].find(line).map(|at| ps + at) else { continue };
            let name_end = name_start + name.trim_end().len();
            let whole_name = names_in(text, name_start, name_end).first() == Some(&(name_start, name_end));
            if !whole_name || title.split_whitespace().count() > 12 || title.ends_with(['.', '?', '!']) {
                continue;
            }
            let title_start = name_start + line.len() - title.len();
            let title_end = name_start + line.len();
            let lower_title = title.to_lowercase();
            let company = self.mentions_in(title_start, title_end).next().map(|m| m.company);
            let executive = self.cues.any(Cue::Title, title_start, title_end)
                && !lower_title.contains("analyst")
                && !lower_title.contains("research");
            turns.push((i, if executive { company.or(self.article) } else { None }));
        }
        if turns.len() < 2 {
            turns.clear();
        }
        turns
    }

    /// In a transcript, the turn byte `at` is in: `Some(company)` for one of the company's
    /// people, `Some(None)` for an analyst or the operator; `None` outside a transcript.
    fn turn_at(&self, at: usize) -> Option<Option<usize>> {
        let para = self.doc.paragraph_at(at)?;
        let i = self.turns.partition_point(|&(p, _)| p < para);
        let (p, company) = *self.turns.get(i.checked_sub(1)?)?;
        (p < para).then_some(company)
    }

    /// Registry mentions inside `s..e`.
    fn mentions_in(&self, s: usize, e: usize) -> impl Iterator<Item = &Mention> + '_ {
        let first = self.mentions.partition_point(|m| m.start < s);
        self.mentions[first..].iter().take_while(move |m| m.end <= e)
    }

    /// Whether the two words before byte `at` (not before `floor`) end with one of `words`.
    fn preceded_by(&self, floor: usize, at: usize, words: &[&str]) -> bool {
        let from = words_back(&self.doc.lower, floor, at, 2);
        let before = self.doc.lower[from..at].trim_end();
        let before = before.strip_suffix("'s").or_else(|| before.strip_suffix("’s")).unwrap_or(before);
        words.iter().any(|w| {
            before.ends_with(w)
                && before[..before.len() - w.len()].bytes().next_back().is_none_or(|b| !is_word_byte(b))
        })
    }

    /// Whether the mention is in an object or comparison slot (`than Microsoft`, `with
    /// Meta`), judged by the two words before it.
    fn in_object_slot(&self, m: &Mention, floor: usize) -> bool {
        self.preceded_by(floor, m.start, NOT_SUBJECT_BEFORE)
            || self.preceded_by(floor, self.phrase_start(m, floor), PREPOSITIONS)
    }

    /// Where the noun phrase that ends in mention `m` starts: back over determiners and a
    /// possessor (`the`, `its`, `Abu Dhabi's`), so `in Abu Dhabi's G42` and `by the Public
    /// Investment Fund` show their preposition.
    fn phrase_start(&self, m: &Mention, floor: usize) -> usize {
        const DETERMINERS: &[&str] =
            &["the", "its", "their", "his", "her", "a", "an", "el", "la", "los", "las", "su", "sus"];
        let text = self.doc.text;
        let mut at = m.start;
        let mut possessed = false;
        for _ in 0..4 {
            let Some(before) = text.get(floor..at) else { break };
            let trimmed = before.trim_end();
            let (stem, possessor) = match trimmed.strip_suffix("'s").or_else(|| trimmed.strip_suffix("’s"))
            {
                Some(stem) => (stem, true),
                None => (trimmed, false),
            };
            let word_start = stem
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
                .map_or(0, |(p, c)| p + c.len_utf8());
            let word = &stem[word_start..];
            if word.is_empty() {
                break;
            }
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            // A possessor (`Abu Dhabi's`) and its earlier capitalised words go with the name.
            let take = DETERMINERS.contains(&word.to_lowercase().as_str())
                || (possessor && capital)
                || (possessed && capital);
            if !take {
                break;
            }
            possessed |= possessor;
            at = floor + word_start;
        }
        at
    }

    /// The main company of `s..e` before `until`: the first mention not in parentheses and
    /// not in an object slot (`Shares of Alibaba rose` has none).
    fn main_mention(&self, s: usize, e: usize, until: usize) -> Option<&Mention> {
        let mut previous: Option<(&Mention, bool)> = None;
        for m in self.mentions_in(s, e).filter(|m| m.end <= until) {
            if self.doc.paren_depth(s, m.start) > 0 {
                continue;
            }
            // `with partners including Adani and Bharti Airtel`: a name joined to one in an
            // object slot is in it too.
            let joined = previous.is_some_and(|(p, object)| {
                object && matches!(self.doc.lower[p.end..m.start].trim(), "," | "and" | ", and" | "y" | "&")
            });
            let object = joined || self.in_object_slot(m, s);
            if !object {
                return Some(m);
            }
            previous = Some((m, object));
        }
        None
    }

    /// A pronoun or description before `until` in `s..until` (its start).
    fn reference_before(&self, s: usize, until: usize) -> Option<usize> {
        let lower = &self.doc.lower;
        let mut best: Option<usize> = None;
        for p in PRONOUNS {
            if let Some(at) = rfind_phrase(lower, s, until, p) {
                best = best.max(Some(at));
            }
        }
        for article in ["the ", "la ", "el "] {
            let mut from = s;
            while let Some(at) = find_phrase(lower, from, until, article) {
                let tail_end = ceil_boundary(lower, (at + 48).min(until));
                let words: Vec<&str> = lower[at + article.len()..tail_end]
                    .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                    .filter(|w| !w.is_empty())
                    .take(4)
                    .collect();
                if words.iter().any(|w| REFERENCE_NOUNS.contains(w)) {
                    best = best.max(Some(at));
                }
                from = at + article.len();
            }
        }
        best
    }

    /// The registry company a description names (`the search giant` when the registry
    /// describes Alphabet so), looked for in `s..until`. Several entries may share one (`the
    /// chipmaker`): then the one named last before it wins, else the article's subject if it
    /// is one of them, else none (the focus decides).
    fn described(&self, s: usize, until: usize) -> Option<usize> {
        let lower = &self.doc.lower;
        let candidates: Vec<usize> = (0..self.registry.companies().len())
            .filter(|&i| {
                self.registry.descriptions(i).iter().any(|d| {
                    let d = d.trim().to_ascii_lowercase();
                    !d.is_empty() && has_phrase(lower, s, until, &d)
                })
            })
            .collect();
        match candidates.as_slice() {
            [] => None,
            [one] => Some(*one),
            many => self
                .mentions_in(0, s)
                .filter(|m| many.contains(&m.company))
                .last()
                .map(|m| m.company)
                .or(self.article.filter(|a| many.contains(a))),
        }
    }

    /// The focus before sentence `si`: the nearest earlier sentence subject, else the
    /// article's subject.
    fn focus_before(&self, si: usize) -> Option<Focus> {
        self.sentence_subject[..si].iter().rev().find_map(|c| *c).or(self.article.map(Focus::Company))
    }

    /// People named near a title: with a company near them too ("Amazon chief executive
    /// Andy Jassy", "Susan Li, Meta's finance chief") they are that company's; and the
    /// registry's executives.
    fn find_people(&mut self) {
        for i in 0..self.registry.companies().len() {
            for exec in self.registry.executives(i) {
                let name = exec.name.trim().to_lowercase();
                if let Some(surname) = name.split_whitespace().last() {
                    self.people.entry(surname.to_string()).or_insert(i);
                    self.titled.insert(surname.to_string());
                }
                self.titled.insert(name.clone());
                self.people.entry(name).or_insert(i);
            }
        }
        let text = self.doc.text;
        for &(s, e) in &self.doc.sentences {
            for (start, end) in names_in(text, s, e) {
                let window_start = words_back(&self.doc.lower, s, start, 7);
                let window_end = super::text::words_forward(&self.doc.lower, end, e, 7);
                if !self.cues.any(Cue::Title, window_start, window_end) {
                    continue;
                }
                let name = text[start..end].to_lowercase();
                let surname = name.split_whitespace().last().unwrap_or("").to_string();
                self.titled.insert(name.clone());
                self.titled.insert(surname.clone());
                let near = self
                    .mentions_in(window_start, window_end)
                    .min_by_key(|m| if m.end <= start { start - m.end } else { m.start.saturating_sub(end) })
                    .map(|m| m.company);
                let Some(company) = near else { continue };
                self.people.entry(surname).or_insert(company);
                self.people.entry(name).or_insert(company);
            }
        }
    }

    /// The company of whoever speaks a quotation `q`: a name or company in the attribution
    /// around it (same paragraph, or the paragraph before), a person named earlier with
    /// their company.
    fn speaker(&self, q: (usize, usize)) -> Option<usize> {
        let doc = self.doc;
        let para = doc.paragraph_at(q.0)?;
        let (ps, pe) = doc.paragraphs[para];
        let text = doc.text;
        let mut windows = vec![
            (ps, floor_boundary(text, q.0.saturating_sub(1)).max(ps)),
            (ceil_boundary(text, q.1 + 1).min(pe), pe),
        ];
        if para > 0 {
            let (bs, be) = doc.paragraphs[para - 1];
            windows.push((bs, be));
        }
        for (a, b) in windows {
            if a >= b {
                continue;
            }
            // Text inside other quotes is not attribution.
            let outside = |x: usize| !doc.quotes.iter().any(|&(qs, qe)| qs <= x && x < qe);
            for (ns, ne) in names_in(text, a, b).into_iter().filter(|(ns, _)| outside(*ns)) {
                let name = text[ns..ne].to_lowercase();
                let surname = name.split_whitespace().last().unwrap_or("");
                if let Some(&c) = self.people.get(&name).or_else(|| self.people.get(surname)) {
                    return Some(c);
                }
            }
            for w in name_words_in(text, a, b).into_iter().filter(|(ws, _)| outside(*ws)) {
                if let Some(&c) = self.people.get(&text[w.0..w.1].to_lowercase()) {
                    return Some(c);
                }
            }
            let titled = self.cues.any(Cue::Title, a, b);
            if let Some(m) = self.mentions_in(a, b).find(|m| titled && outside(m.start)) {
                return Some(m.company);
            }
        }
        None
    }

    /// The subject of the figure at `start..end`, in sentence `si` and clause `clause`.
    pub(crate) fn subject(&self, si: usize, clause: (usize, usize), start: usize, end: usize) -> Subject {
        let doc = self.doc;
        let (s, e) = doc.sentences[si];
        let e = e.max(end);
        let (cs, ce) = clause;
        let depth = doc.paren_depth(s, start);
        let named = |m: &&Mention| doc.paren_depth(s, m.start) <= depth;
        // `The partners will make a combined investment of ₹855 crore in the venture`: money
        // put into a venture is the venture's, when the registry holds it.
        if let Some(g) = self.venture_destination(start, end, ce) {
            return Subject { company: Some(g), how: How::Reference, other_entity: false };
        }
        let joint = self.joint(clause, start, end);
        let quote = doc.quote_at(start, end);
        let found = |company: usize, how: How, floor: usize, m: &Mention| Subject {
            company: Some(company),
            how,
            other_entity: joint
                || self.preceded_by(floor, m.start, RIVAL_BEFORE)
                || self.rival_apposition(m, e),
        };
        // The company named in the clause: the nearest before the figure that is not in an
        // object slot, else the nearest before.
        let before: Vec<&Mention> =
            self.mentions_in(cs, ce).filter(|m| m.end <= start).filter(named).collect();
        let chosen = before.iter().rev().find(|m| !self.in_object_slot(m, cs)).or(before.last()).copied();
        let reference = self.reference_before(cs, start);
        // A reference after the name refers to it ("Google said it would spend"); a name
        // after the reference is the subject ("It said Microsoft would…").
        if let Some(m) = chosen {
            if reference.is_none_or(|r| m.start > r || r > m.end) {
                // A registered venture, programme or fund commits its own money; a member
                // named beside its venture (`Stargate, a venture of OpenAI, SoftBank and
                // Oracle that promises $500 billion`) does not.
                if self.is_group(m.company) {
                    return Subject { company: Some(m.company), how: How::Named, other_entity: false };
                }
                if let Some(g) = self.group_of(m.company, cs, ce, (start, end)) {
                    return Subject { company: Some(g), how: How::Named, other_entity: false };
                }
                let mut subject = found(m.company, How::Named, cs, m);
                // The only company named is in the background (`days after OpenAI said its
                // …`): its money, quoted here, is not this story's commitment.
                if self.preceded_by(cs, m.start, BACKGROUND_BEFORE) && Some(m.company) != self.article {
                    subject.other_entity = true;
                }
                return subject;
            }
        }
        if let Some(q) = quote {
            let first_person = FIRST_PERSON.iter().any(|w| has_phrase(&doc.lower, q.0, q.1, w));
            if first_person || reference.is_some() || chosen.is_none() {
                if let Some(c) = self.speaker(q) {
                    return Subject { company: Some(c), how: How::Speaker, other_entity: joint };
                }
            }
        }
        // A transcript's unquoted `we` is the speaker's company: the call's, for its
        // executives. What an analyst asks or the operator says commits nobody.
        if quote.is_none() && chosen.is_none() {
            let first_person = FIRST_PERSON.iter().any(|w| has_phrase(&doc.lower, cs, start, w));
            match self.turn_at(start) {
                Some(Some(c)) if first_person => {
                    return Subject { company: Some(c), how: How::Speaker, other_entity: joint };
                }
                Some(None) => return Subject { company: None, how: How::Context, other_entity: true },
                _ => {}
            }
        }
        if let Some(r) = reference {
            if let Some(c) = self.described(r, start) {
                return Subject { company: Some(c), how: How::Reference, other_entity: joint };
            }
            // `the partnership`, `the venture`: the venture, programme or fund named last.
            if let Some(g) = self.group_reference(r) {
                return Subject { company: Some(g), how: How::Reference, other_entity: false };
            }
            // The antecedent: a company named earlier in the sentence, else an entity the
            // registry does not hold named there, else the focus.
            if let Some(m) = self.mentions_in(s, r).filter(|m| !self.in_object_slot(m, s)).last() {
                return found(m.company, How::Reference, s, m);
            }
            // A government's money is another entity's; an organisation the registry lacks
            // may be a company to add: its commitment is reported without one.
            if self.public_subject(s, r) {
                return Subject { company: None, how: How::Reference, other_entity: true };
            }
            if self.non_registry_subject(s, r) {
                return Subject { company: None, how: How::Reference, other_entity: false };
            }
            return self.focus_subject(si, How::Reference, joint);
        }
        // Named after the figure in its clause ("..., Microsoft said").
        if let Some(m) = self.mentions_in(start, ce).find(named) {
            return found(m.company, How::Named, start, m);
        }
        if joint || self.public_subject(cs, start) {
            return Subject { company: None, how: How::Context, other_entity: true };
        }
        if self.non_registry_subject(cs, start) {
            return Subject { company: None, how: How::Context, other_entity: false };
        }
        // The sentence's subject, then the focus, then the article's.
        if let Some(m) = self.main_mention(s, e, start) {
            return found(m.company, How::Context, s, m);
        }
        self.focus_subject(si, How::Context, false)
    }

    /// The subject the focus before sentence `si` gives.
    fn focus_subject(&self, si: usize, how: How, joint: bool) -> Subject {
        match self.focus_before(si) {
            Some(Focus::Company(c)) if Some(c) != self.article || how == How::Reference => {
                Subject { company: Some(c), how, other_entity: joint }
            }
            Some(Focus::Other) => Subject { company: None, how, other_entity: true },
            _ => Subject { company: self.article, how: How::Article, other_entity: joint },
        }
    }

    /// Whether the money at `start..end` is several companies' sum or a venture's: two or
    /// more companies named before it with a word for a joint total (`together`,
    /// `combined`, `venture`), before or right after it.
    fn joint(&self, (cs, ce): (usize, usize), start: usize, end: usize) -> bool {
        let mut distinct: Vec<usize> = self.mentions_in(cs, ce).map(|m| m.company).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let lower = &self.doc.lower;
        let after = super::text::words_forward(lower, end, ce, 3);
        let words =
            || self.cues.within(Cue::Joint, cs, start).chain(self.cues.within(Cue::Joint, end, after));
        let word = words().next().is_some();
        // `will invest more than 20 trillion won in total`: a sum of one company's parts; it is
        // several companies' only when several are named.
        let beyond_a_total = words().any(|(a, b)| !TOTAL_WORDS.contains(&&lower[a..b]));
        let each = has_phrase(lower, cs, ce, "each") || has_phrase(lower, cs, ce, "cada");
        if word
            && !each
            && (distinct.len() >= 2 || (beyond_a_total && self.mentions_in(cs, start).next().is_none()))
        {
            return true;
        }
        !each
            && (self.plural_subject(cs, start)
                || self.venture_relative(start)
                || self.compound_subject(cs, start))
    }

    /// Two registered companies joined as the subject of a plural verb before the figure:
    /// `Acme and Beta, which formed a venture last year, plan to invest $5 billion`: the
    /// partnership's money, not either one's.
    fn compound_subject(&self, cs: usize, start: usize) -> bool {
        const PLURAL_VERBS: &[&str] =
            &["plan", "intend", "expect", "are", "have", "will", "aim", "planean", "prevén", "invertirán"];
        let lower = &self.doc.lower;
        let mentions: Vec<&Mention> = self.mentions_in(cs, start).collect();
        mentions.windows(2).any(|w| {
            let (a, b) = (w[0], w[1]);
            let joined = matches!(lower[a.end..b.start].trim(), "and" | "y" | "&" | "e");
            if !joined || a.company == b.company || self.in_object_slot(a, cs) {
                return false;
            }
            // The first plural verb after the pair, past an apposition between commas.
            let rest = &lower[b.end..start];
            let rest = match rest.trim_start().strip_prefix(',') {
                Some(apposition) => apposition.split_once(',').map_or("", |(_, after)| after),
                None => rest,
            };
            let verb = rest.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
            PLURAL_VERBS.contains(&verb)
        })
    }

    /// Unnamed companies as the subject of the figure's verb: `where companies promised more
    /// than $90 billion`, `las empresas anunciaron …`: several companies' sum.
    fn plural_subject(&self, cs: usize, start: usize) -> bool {
        const PLURAL: &[&str] =
            &["companies", "firms", "investors", "businesses", "empresas", "compañías", "inversores"];
        const VERBS: &[&str] = &[
            "promised",
            "pledged",
            "committed",
            "announced",
            "plan",
            "planned",
            "will",
            "have",
            "had",
            "are",
            "expect",
            "intend",
            "prometieron",
            "anunciaron",
            "comprometieron",
            "invertirán",
            "planean",
            "prevén",
            "han",
        ];
        let lower = &self.doc.lower;
        let Some(before) = lower.get(cs..start) else { return false };
        let words: Vec<&str> =
            before.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        // Near the figure: the subject and its verb within the last eight words.
        let tail = &words[words.len().saturating_sub(8)..];
        tail.windows(2).any(|w| PLURAL.contains(&w[0]) && VERBS.contains(&w[1]))
    }

    /// A venture named as the subject of a relative clause holding the figure: `formed a
    /// joint venture with GIC and CPP that will invest more than $15 billion`.
    fn venture_relative(&self, start: usize) -> bool {
        const VENTURE: &[&str] = &[
            "joint venture",
            "venture",
            "consortium",
            "partnership",
            "empresa conjunta",
            "sociedad conjunta",
            "consorcio",
        ];
        const RELATIVE: &[&str] = &["that", "which", "que", "la cual", "el cual"];
        let Some(si) = self.doc.sentence_at(start) else { return false };
        let (s, _) = self.doc.sentences[si];
        let lower = &self.doc.lower;
        let Some(before) = lower.get(s..start) else { return false };
        let Some(v) = VENTURE.iter().filter_map(|w| rfind_word(before, w).map(|p| p + w.len())).max() else {
            return false;
        };
        let gap = &before[v..];
        let Some(r) = RELATIVE.iter().filter_map(|w| rfind_word(gap, w).map(|p| (p, p + w.len()))).max()
        else {
            return false;
        };
        // The venture near its relative word, the figure a few words after it.
        gap[..r.0].split_whitespace().count() <= 14 && gap[r.1..].split_whitespace().count() <= 5
    }

    /// For a reference at `r` that names a kind of group (`the partnership`, `the venture`,
    /// `the fund`), the registered venture, programme or fund mentioned last before it,
    /// within a few paragraphs.
    fn group_reference(&self, r: usize) -> Option<usize> {
        let words = &self.doc.lower[r..ceil_boundary(&self.doc.lower, (r + 40).min(self.doc.lower.len()))];
        let word = words.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).nth(1)?;
        if !GROUP_NOUNS.contains(&word) {
            return None;
        }
        let floor = r.saturating_sub(3_000);
        self.mentions_in(floor, r).filter(|m| self.is_group(m.company)).last().map(|m| m.company)
    }

    /// The registered venture the money at `start..end` is put into, named after it as `in the
    /// venture`, `into the joint venture`, `en la empresa conjunta` (a conversion in parentheses
    /// may stand between): the venture, programme or fund named last before the figure, within
    /// a few paragraphs.
    fn venture_destination(&self, start: usize, end: usize, clause_end: usize) -> Option<usize> {
        const INTO: &[&str] = &[
            "in the venture",
            "into the venture",
            "in the joint venture",
            "into the joint venture",
            "in the jv",
            "into the jv",
            "in the new venture",
            "into the new venture",
            "in the new company",
            "into the new company",
            "en la empresa conjunta",
            "en la sociedad conjunta",
            "en la nueva sociedad",
        ];
        let lower = &self.doc.lower;
        let mut from = end;
        // Skip a parenthesis right after the figure (`(nearly $100 million)`).
        if lower.get(end..).is_some_and(|t| t.trim_start().starts_with('(')) {
            from = lower[end..].find(')').map_or(end, |p| end + p + 1);
        }
        let to = super::text::words_forward(lower, from, clause_end.max(from), 5);
        let after = lower.get(from..to)?.trim_start();
        INTO.iter().find(|w| after.starts_with(*w))?;
        let floor = floor_boundary(lower, start.saturating_sub(3_000));
        self.mentions_in(floor, start).filter(|m| self.is_group(m.company)).last().map(|m| m.company)
    }

    /// Whether the registry holds company `c` as a joint venture, programme or fund.
    fn is_group(&self, c: usize) -> bool {
        self.registry.kind(c) != CompanyKind::Company
    }

    /// The venture, programme or fund of the registry named in `from..to` that has `member`
    /// among its members: a venture's total is never one member's.
    ///
    /// Named after the figure, the venture must be where the money goes (`$500 billion in
    /// Stargate`): in `buy $40 billion of chips to power the first Stargate data centre` the
    /// venture only names the buyer's customer.
    fn group_of(&self, member: usize, from: usize, to: usize, figure: (usize, usize)) -> Option<usize> {
        self.mentions_in(from, to)
            .filter(|m| m.end <= figure.0 || (m.start >= figure.1 && self.destination(figure.1, m)))
            .map(|m| m.company)
            .find(|&g| self.is_group(g) && self.registry.members(g).contains(&member))
    }

    /// Whether mention `m`, after the figure ending at `figure_end`, is where its money goes:
    /// right after it, or a preposition of destination right before it, with a few words at
    /// most between.
    fn destination(&self, figure_end: usize, m: &Mention) -> bool {
        const INTO: &[&str] = &["in", "into", "to", "through", "via", "for", "en", "para", "mediante"];
        // `servers for a Stargate campus`: the venture names a site, the money is the buyer's.
        const SITE: &[&str] = &[
            "campus",
            "campuses",
            "site",
            "sites",
            "data",
            "datacenter",
            "datacentre",
            "facility",
            "facilities",
            "plant",
            "cluster",
            "location",
            "centro",
            "centros",
            "instalación",
        ];
        let lower = &self.doc.lower;
        let next = lower.get(m.end..).and_then(|t| t.split_whitespace().next()).unwrap_or("");
        if SITE.contains(&next.trim_matches(|c: char| !c.is_alphanumeric())) {
            return false;
        }
        let Some(gap) = lower.get(figure_end..m.start) else { return false };
        let words: Vec<&str> = gap
            .split_whitespace()
            .filter(|w| !matches!(*w, "the" | "a" | "an" | "el" | "la" | "los" | "las"))
            .collect();
        // `launch $500 billion Stargate AI venture`: the figure names the venture's size.
        words.is_empty() || (words.len() <= 4 && words.last().is_some_and(|w| INTO.contains(w)))
    }

    /// Whether mention `m` is followed by an apposition that makes it a rival quoted beside
    /// the story's subject: `SK hynix, its crosstown rival, plans …`, `Meta, su rival, …`.
    fn rival_apposition(&self, m: &Mention, limit: usize) -> bool {
        let lower = &self.doc.lower;
        let end = ceil_boundary(lower, (m.end + 48).min(limit.max(m.end)).min(lower.len()));
        let Some(after) = lower.get(m.end..end) else { return false };
        let Some(rest) = after.strip_prefix(", ") else { return false };
        let Some(close) = rest.find(',') else { return false };
        let words: Vec<&str> = rest[..close].split_whitespace().collect();
        matches!(words.first(), Some(&("its" | "their" | "a" | "su" | "sus")))
            && words.len() <= 4
            && words.iter().any(|w| RIVAL_BEFORE.contains(w) || matches!(*w, "competidor" | "rivales"))
    }

    /// Whether a registered company is named right after the figure ending at `end` as the one
    /// whose project it is: `the ₹91,000 crore plant that Tata Electronics is building`, `a $2
    /// billion fab being built by Acme`.
    pub(crate) fn owner_after(&self, end: usize, clause_end: usize) -> bool {
        let lower = &self.doc.lower;
        let to = super::text::words_forward(lower, end, clause_end.max(end), 8);
        let Some(m) = self.mentions_in(end, to).next() else { return false };
        let words: Vec<&str> =
            lower[end..m.start].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        words.len() <= 5
            && words.last().is_some_and(|w| matches!(*w, "that" | "which" | "by" | "que" | "por"))
    }

    /// A government or other public body is the subject of `s..until` (not in an object
    /// slot: `in Japan` is where, not who), with no registered company after it.
    fn public_subject(&self, s: usize, until: usize) -> bool {
        let mut bodies = self.cues.within(Cue::Public, s, until);
        bodies.any(|(ps, pe)| {
            !self.preceded_by(s, ps, PREPOSITIONS) && self.mentions_in(pe, until).next().is_none()
        })
    }

    /// An organisation the registry does not hold is the subject of `s..until`: a
    /// capitalised name right before a verb of saying or committing (`DataVolt said it …`,
    /// `Brookfield will …`), not a person, with no registered company after it.
    fn non_registry_subject(&self, s: usize, until: usize) -> bool {
        if self.mentions_in(s, until).next().is_some() {
            return false;
        }
        let text = self.doc.text;
        let lower = &self.doc.lower;
        let sentence_start = self.doc.sentence_at(s).map_or(s, |i| self.doc.sentences[i].0);
        for (ws, we) in name_words_in(text, s, until) {
            let word = lower[ws..we].to_string();
            if self.titled.contains(&word) || self.people.contains_key(&word) {
                continue;
            }
            // The whole capitalised run is one name; a person's is known by a title.
            if self.preceded_by(s, ws, PREPOSITIONS)
                || self.cues.any(Cue::Title, words_back(lower, s, ws, 3), ws)
            {
                continue;
            }
            let next_end = super::text::words_forward(lower, we, until, 1);
            let next =
                lower[we..next_end].trim_matches(|c: char| !c.is_alphanumeric() && c != 'á' && c != 'é');
            if SUBJECT_VERBS.contains(&next) && !(ws == sentence_start && NOT_NAMES.contains(&&text[ws..we]))
            {
                return true;
            }
        }
        false
    }
}

/// Where the whole word or phrase `w` last occurs in `text`.
fn rfind_word(text: &str, w: &str) -> Option<usize> {
    text.rmatch_indices(w).map(|(p, _)| p).find(|&p| {
        text[..p].bytes().next_back().is_none_or(|b| !is_word_byte(b))
            && text[p + w.len()..].bytes().next().is_none_or(|b| !is_word_byte(b))
    })
}

/// Capitalised names of two to four words in `s..e` (`Andy Jassy`, `Susan J. Li`), not
/// starting a sentence with a common word.
pub(crate) fn names_in(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let words = name_words_in(text, s, e);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j + 1 < words.len() && text[words[j].1..words[j + 1].0].trim().is_empty() && j + 1 - i < 3 {
            j += 1;
        }
        if j > i {
            out.push((words[i].0, words[j].1));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Capitalised words that are no names.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "It",
    "Its",
    "We",
    "Our",
    "But",
    "And",
    "For",
    "As",
    "This",
    "That",
    "He",
    "She",
    "They",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "AI",
    "US",
    "U.S",
    "CEO",
    "CFO",
    "Chief",
    "Executive",
    "Officer",
    "President",
    "Vice",
    "Chair",
    "Chairman",
    "Financial",
    "El",
    "La",
    "Los",
    "Las",
    "En",
    "Un",
    "Una",
    "Said",
    "If",
    "When",
    "While",
];

/// Capitalised words in `s..e` that can be part of a name.
fn name_words_in(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let (s, e) = (ceil_boundary(text, s), floor_boundary(text, e));
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = s;
    while i < e {
        let Some(c) = text[i..e].chars().next() else { break };
        let prev_ok = i == s || !is_word_byte(bytes[i - 1]);
        if prev_ok && c.is_uppercase() {
            let mut j = i;
            while j < e {
                let Some(d) = text[j..e].chars().next() else { break };
                if d.is_alphabetic() || d == '-' || d == '\'' || d == '.' {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let word = text[i..j].trim_end_matches(['.', '\'']);
            let lowered_rest = word.chars().skip(1).any(|c| c.is_lowercase()) || word.ends_with('.');
            if !NOT_NAMES.contains(&word) && (lowered_rest || word.len() <= 2) && !word.is_empty() {
                out.push((i, i + word.len()));
            }
            i = j.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    out
}
