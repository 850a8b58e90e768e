//! Where a commitment is spent: the countries, US states and world regions a text names
//! (a `scope:` or the sentence a figure comes from), and whether two sets of places can be
//! the same plan's. Identity uses it so that one company's two equal plans for different
//! places (`$9 billion in Virginia`, `$9 billion in Oklahoma`) stay two commitments.
//!
//! Only names in [`PLACES`] are read. A place the list does not know (a town, a county) is
//! no place at all here, so it never splits anything: two reports stay one commitment
//! unless both name places and none of one's lies within, or holds, one of the other's.

/// Known places: the names they are written with (`|`-separated, as capitalised in text,
/// English and Spanish), a key, and the key of the region holding them.
const PLACES: &[(&str, &str, Option<&str>)] = &[
    // World regions.
    ("Europe|European Union|EU|Europa|Unión Europea|UE", "europe", None),
    ("Asia|Asia-Pacific|Asia Pacific|APAC", "asia", None),
    ("Southeast Asia|South-East Asia|ASEAN|Sudeste Asiático", "southeast-asia", Some("asia")),
    ("Middle East|Gulf|Oriente Medio|Oriente Próximo", "middle-east", None),
    ("Africa|África", "africa", None),
    ("Latin America|South America|América Latina|Latinoamérica|Sudamérica", "latin-america", None),
    ("North America|Norteamérica", "north-america", None),
    ("Oceania|Oceanía", "oceania", None),
    // Countries.
    (
        "United States|US|U.S.|USA|U.S.A.|America|Estados Unidos|EE.UU.|EEUU|EE UU",
        "united-states",
        Some("north-america"),
    ),
    ("Canada|Canadá", "canada", Some("north-america")),
    ("Mexico|México", "mexico", Some("latin-america")),
    ("Brazil|Brasil", "brazil", Some("latin-america")),
    ("Chile", "chile", Some("latin-america")),
    ("Argentina", "argentina", Some("latin-america")),
    ("Colombia", "colombia", Some("latin-america")),
    ("Peru|Perú", "peru", Some("latin-america")),
    ("Uruguay", "uruguay", Some("latin-america")),
    (
        "United Kingdom|UK|U.K.|Britain|Great Britain|Reino Unido|Gran Bretaña",
        "united-kingdom",
        Some("europe"),
    ),
    ("England|Inglaterra", "england", Some("united-kingdom")),
    ("Scotland|Escocia", "scotland", Some("united-kingdom")),
    ("Wales|Gales", "wales", Some("united-kingdom")),
    ("Northern Ireland", "northern-ireland", Some("united-kingdom")),
    ("Ireland|Irlanda", "ireland", Some("europe")),
    ("France|Francia", "france", Some("europe")),
    ("Germany|Alemania", "germany", Some("europe")),
    ("Spain|España", "spain", Some("europe")),
    ("Portugal", "portugal", Some("europe")),
    ("Italy|Italia", "italy", Some("europe")),
    ("Netherlands|the Netherlands|Holland|Países Bajos|Holanda", "netherlands", Some("europe")),
    ("Belgium|Bélgica", "belgium", Some("europe")),
    ("Switzerland|Suiza", "switzerland", Some("europe")),
    ("Austria", "austria", Some("europe")),
    ("Denmark|Dinamarca", "denmark", Some("europe")),
    ("Sweden|Suecia", "sweden", Some("europe")),
    ("Norway|Noruega", "norway", Some("europe")),
    ("Finland|Finlandia", "finland", Some("europe")),
    ("Poland|Polonia", "poland", Some("europe")),
    ("Greece|Grecia", "greece", Some("europe")),
    ("Czech Republic|Czechia|República Checa", "czechia", Some("europe")),
    ("Hungary|Hungría", "hungary", Some("europe")),
    ("Romania|Rumanía", "romania", Some("europe")),
    ("Turkey|Türkiye|Turquía", "turkey", Some("europe")),
    ("China|Mainland China|Chinese mainland", "china", Some("asia")),
    ("Hong Kong", "hong-kong", Some("china")),
    ("Taiwan|Taiwán", "taiwan", Some("asia")),
    ("Japan|Japón", "japan", Some("asia")),
    ("South Korea|Korea|Corea del Sur|Corea", "south-korea", Some("asia")),
    ("India", "india", Some("asia")),
    ("Pakistan|Pakistán", "pakistan", Some("asia")),
    ("Bangladesh", "bangladesh", Some("asia")),
    ("Singapore|Singapur", "singapore", Some("southeast-asia")),
    ("Malaysia|Malasia", "malaysia", Some("southeast-asia")),
    ("Indonesia", "indonesia", Some("southeast-asia")),
    ("Thailand|Tailandia", "thailand", Some("southeast-asia")),
    ("Vietnam|Viet Nam", "vietnam", Some("southeast-asia")),
    ("Philippines|the Philippines|Filipinas", "philippines", Some("southeast-asia")),
    ("Australia", "australia", Some("oceania")),
    ("New Zealand|Nueva Zelanda", "new-zealand", Some("oceania")),
    ("Saudi Arabia|Kingdom of Saudi Arabia|Arabia Saudí|Arabia Saudita", "saudi-arabia", Some("middle-east")),
    (
        "United Arab Emirates|UAE|U.A.E.|Emiratos Árabes Unidos|EAU",
        "united-arab-emirates",
        Some("middle-east"),
    ),
    ("Abu Dhabi", "abu-dhabi", Some("united-arab-emirates")),
    ("Dubai|Dubái", "dubai", Some("united-arab-emirates")),
    ("Qatar|Catar", "qatar", Some("middle-east")),
    ("Kuwait", "kuwait", Some("middle-east")),
    ("Bahrain|Baréin", "bahrain", Some("middle-east")),
    ("Oman|Omán", "oman", Some("middle-east")),
    ("Israel", "israel", Some("middle-east")),
    ("Egypt|Egipto", "egypt", Some("africa")),
    ("South Africa|Sudáfrica", "south-africa", Some("africa")),
    ("Nigeria", "nigeria", Some("africa")),
    ("Kenya", "kenya", Some("africa")),
    ("Morocco|Marruecos", "morocco", Some("africa")),
    // US states. `Washington` alone is as often the federal government as the state, and
    // `Georgia` is taken as the state: AI capex news speaks of it far more than the country.
    ("Alabama", "alabama", Some("united-states")),
    ("Alaska", "alaska", Some("united-states")),
    ("Arizona", "arizona", Some("united-states")),
    ("Arkansas", "arkansas", Some("united-states")),
    ("California", "california", Some("united-states")),
    ("Colorado", "colorado", Some("united-states")),
    ("Connecticut", "connecticut", Some("united-states")),
    ("Delaware", "delaware", Some("united-states")),
    ("Florida", "florida", Some("united-states")),
    ("Georgia", "georgia", Some("united-states")),
    ("Hawaii", "hawaii", Some("united-states")),
    ("Idaho", "idaho", Some("united-states")),
    ("Illinois", "illinois", Some("united-states")),
    ("Indiana", "indiana", Some("united-states")),
    ("Iowa", "iowa", Some("united-states")),
    ("Kansas", "kansas", Some("united-states")),
    ("Kentucky", "kentucky", Some("united-states")),
    ("Louisiana", "louisiana", Some("united-states")),
    ("Maine", "maine", Some("united-states")),
    ("Maryland", "maryland", Some("united-states")),
    ("Massachusetts", "massachusetts", Some("united-states")),
    ("Michigan", "michigan", Some("united-states")),
    ("Minnesota", "minnesota", Some("united-states")),
    ("Mississippi", "mississippi", Some("united-states")),
    ("Missouri", "missouri", Some("united-states")),
    ("Montana", "montana", Some("united-states")),
    ("Nebraska", "nebraska", Some("united-states")),
    ("Nevada", "nevada", Some("united-states")),
    ("New Hampshire", "new-hampshire", Some("united-states")),
    ("New Jersey", "new-jersey", Some("united-states")),
    ("New Mexico", "new-mexico", Some("united-states")),
    ("New York State|New York", "new-york", Some("united-states")),
    ("North Carolina", "north-carolina", Some("united-states")),
    ("North Dakota", "north-dakota", Some("united-states")),
    ("Ohio", "ohio", Some("united-states")),
    ("Oklahoma", "oklahoma", Some("united-states")),
    ("Oregon", "oregon", Some("united-states")),
    ("Pennsylvania", "pennsylvania", Some("united-states")),
    ("Rhode Island", "rhode-island", Some("united-states")),
    ("South Carolina", "south-carolina", Some("united-states")),
    ("South Dakota", "south-dakota", Some("united-states")),
    ("Tennessee", "tennessee", Some("united-states")),
    ("Texas", "texas", Some("united-states")),
    ("Utah", "utah", Some("united-states")),
    ("Vermont", "vermont", Some("united-states")),
    ("Virginia", "virginia", Some("united-states")),
    ("Washington State|Washington state|state of Washington", "washington", Some("united-states")),
    ("West Virginia", "west-virginia", Some("united-states")),
    ("Wisconsin", "wisconsin", Some("united-states")),
    ("Wyoming", "wyoming", Some("united-states")),
    // Canadian provinces.
    ("Ontario", "ontario", Some("canada")),
    ("Quebec|Québec", "quebec", Some("canada")),
    ("Alberta", "alberta", Some("canada")),
    ("British Columbia", "british-columbia", Some("canada")),
];

/// The keys of the places `text` names, sorted, each once.
///
/// A name is read as a place only where it stands alone: not followed by another capitalised
/// word (`China Mobile`, `New York Times`, `Virginia Beach`) or a currency sign (`US$`), and
/// not after `<Name> of` (`Bank of America`). Of overlapping names the longest wins (`West
/// Virginia`, not `Virginia`).
pub fn places_in(text: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < text.len() {
        let starts_word = at == 0 || !is_name_byte(bytes[at - 1]);
        if !starts_word || !text[at..].chars().next().is_some_and(char::is_uppercase) {
            at = next_char(text, at);
            continue;
        }
        let longest = PLACES
            .iter()
            .flat_map(|(names, key, _)| names.split('|').map(move |n| (n, *key)))
            .filter(|(name, _)| {
                text[at..].starts_with(name)
                    && text[at + name.len()..].bytes().next().is_none_or(|b| !is_name_byte(b))
            })
            .max_by_key(|(name, _)| name.len());
        let Some((name, key)) = longest else {
            at = next_char(text, at);
            continue;
        };
        let end = at + name.len();
        if stands_alone(text, at, end) && !found.contains(&key) {
            found.push(key);
        }
        at = end;
    }
    found.sort_unstable();
    found
}

/// The places of the first of `texts` (a `scope:`, a quote, a sentence, in that order of
/// authority) that names any: an editor's `scope: Ohio` outweighs a sentence that also
/// names the company's home state.
pub fn of(texts: &[Option<&str>]) -> Vec<&'static str> {
    texts.iter().flatten().map(|t| places_in(t)).find(|p| !p.is_empty()).unwrap_or_default()
}

/// Whether two reports' places can be one plan's: either names none, or some place of one
/// is, holds or lies within some place of the other (`Virginia` and `the US`).
pub fn compatible(a: &[&str], b: &[&str]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|x| b.iter().any(|y| x == y || within(x, y) || within(y, x)))
}

/// Whether place `inner` lies within place `outer`.
fn within(inner: &str, outer: &str) -> bool {
    let mut at = parent(inner);
    // The chain is a few levels deep; the bound only guards against a cycle in the table.
    for _ in 0..8 {
        match at {
            Some(p) if p == outer => return true,
            Some(p) => at = parent(p),
            None => return false,
        }
    }
    false
}

fn parent(key: &str) -> Option<&'static str> {
    PLACES.iter().find(|(_, k, _)| *k == key).and_then(|(_, _, p)| *p)
}

/// Letters, digits and the characters that join a name's parts (`U.S.`'s dots are part of
/// the name only where the table lists them).
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80 || b == b'_'
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(text.len(), |c| at + c.len_utf8())
}

/// Whether the name at `start..end` is a place and not part of a longer proper name or a
/// currency sign.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    if after.starts_with('$') || after.starts_with(" dollar") || after.starts_with(" Dollar") {
        return false;
    }
    // `China Mobile`, `Virginia Beach`: another capitalised word right after it.
    let mut rest = after.strip_prefix(' ').unwrap_or("").chars();
    if after.starts_with(' ') && rest.next().is_some_and(char::is_uppercase) {
        return false;
    }
    // `Bank of America`, `University of Texas`.
    let before = text[..start].trim_end();
    if let Some(lead) = before.strip_suffix(" of").or_else(|| before.strip_suffix(" de")) {
        let word = lead.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if word.chars().next().is_some_and(char::is_uppercase) && !["State", "Kingdom"].contains(&word) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_countries_states_and_regions_written_in_english_or_spanish() {
        assert_eq!(places_in("The insurer will put $4 billion into data halls in Ohio by 2027."), ["ohio"]);
        assert_eq!(
            places_in("una inversión de 2.000 millones de euros en España y Portugal"),
            ["portugal", "spain"]
        );
        assert_eq!(
            places_in("A plan for the U.S. and Japan, announced in Tokyo."),
            ["japan", "united-states"]
        );
        assert_eq!(
            places_in("Its West Virginia site, not the one in Virginia."),
            ["virginia", "west-virginia"]
        );
        assert_eq!(places_in("capacity across Southeast Asia"), ["southeast-asia"]);
        assert!(places_in("The chip designer will spend more on servers next year.").is_empty());
    }

    #[test]
    fn a_name_inside_a_longer_proper_name_or_a_currency_is_no_place() {
        assert!(places_in("China Mobile and Bank of America said the US$2bn was spent.").is_empty());
        assert!(places_in("The New York Times reported it from Virginia Beach.").is_empty());
        assert_eq!(places_in("the Kingdom of Saudi Arabia"), ["saudi-arabia"]);
        assert_eq!(places_in("Texas's grid, Virginia's counties"), ["texas", "virginia"]);
        assert!(places_in("Indianapolis and Georgetown").is_empty(), "whole words only");
    }

    #[test]
    fn places_are_compatible_when_one_holds_the_other_or_either_names_none() {
        assert!(!compatible(&["virginia"], &["oklahoma"]));
        assert!(compatible(&["virginia"], &["virginia", "united-states"]));
        assert!(compatible(&["virginia"], &["united-states"]), "a state lies within its country");
        assert!(compatible(&["europe"], &["germany"]));
        assert!(compatible(&["scotland"], &["europe"]), "through the United Kingdom");
        assert!(compatible(&[], &["japan"]), "a report that names no place fits any");
        assert!(!compatible(&["japan"], &["india"]));
        assert!(!compatible(&["texas"], &["mexico"]));
    }
}
