//! YAML parsing for config and front matter: serde_yaml behind one door, with errors turned
//! into diagnostics that point into the file (not into the YAML block) and suggest the
//! closest key when a key is unknown.

use crate::diag::{did_you_mean, line_text, Diagnostic, Location};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Where a YAML document sits inside its file, so YAML's own line numbers can be shifted.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The file, as shown to the user.
    pub path: &'a Path,
    /// The whole file text (for the snippet under the message).
    pub file_text: &'a str,
    /// How many lines of the file come before the YAML text (the `---` line and above).
    pub line_offset: usize,
}

/// Largest YAML document accepted; front matter and config are small, and a huge one is
/// far more likely an attack or a scraper accident than a site setting.
pub const MAX_YAML_BYTES: usize = 1 << 20;

/// Parses `yaml` into `T`, or a located diagnostic.
pub fn parse<T: DeserializeOwned>(yaml: &str, origin: Origin<'_>) -> Result<T, Diagnostic> {
    if yaml.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            Some(Location::at(origin.path, origin.line_offset + 1, 1)),
            format!("YAML block is {} bytes, more than the {} allowed", yaml.len(), MAX_YAML_BYTES),
        )
        .with_help("front matter and config hold settings, not content; move text into the body"));
    }
    // libyaml's time grows with the square of the nesting depth of flow collections
    // (`[[[…]]]` 80,000 deep took 29 s before serde_yaml's own depth limit said no), so the
    // depth is checked first, in one pass.
    if let Err(deep) = check_nesting(yaml) {
        let line = origin.line_offset + deep.line;
        return Err(Diagnostic::error(
            Some(Location::at(origin.path, line, deep.column)),
            format!("YAML nests more than {MAX_NESTING} levels deep here"),
        )
        .with_snippet(line_text(origin.file_text, line))
        .with_help("front matter and config hold flat settings; write the values out without nesting them"));
    }
    // serde_yaml reports an empty document as "invalid type: unit value"; an empty block is
    // an empty mapping to us.
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(source).map_err(|e| to_diagnostic(&e, yaml, origin))
}

/// Deepest nesting accepted (block levels, `- ` items on one line and flow collections
/// together). Real settings nest four or five levels; serde_yaml itself stops at 128.
pub const MAX_NESTING: usize = 64;

/// Where a YAML text first nests deeper than [`MAX_NESTING`] (1-based, within the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// Line.
    pub line: usize,
    /// Column (characters).
    pub column: usize,
}

/// What the nesting scan is inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// Between tokens, or in a plain scalar.
    Plain,
    /// A `"…"` scalar.
    Double,
    /// A `'…'` scalar.
    Single,
    /// A `#` comment, to the end of the line.
    Comment,
    /// The lines of a `|` or `>` block scalar, more indented than the line it starts on.
    BlockScalar { parent_indent: usize },
}

/// Checks how deep `yaml` nests, in one pass over its bytes and without parsing it: block
/// levels by indentation, compact `- ` items, and `[`/`{` flow collections outside quoted
/// scalars, comments and block scalars. Brackets inside a plain scalar in block context
/// (`title: Capex [update]`) are text and do not count.
pub fn check_nesting(yaml: &str) -> Result<(), TooDeep> {
    let bytes = yaml.as_bytes();
    let mut state = Scan::Plain;
    let mut flow = 0usize;
    // Indentation of each open block level.
    let mut indents: Vec<usize> = Vec::new();
    // Compact `- ` (or `? `) indicators on the current line.
    let mut compact = 0usize;
    // At the start of a node: a `[`, `{`, quote or block indicator here opens one.
    let mut node_start = true;
    let (mut line, mut line_start) = (1usize, 0usize);
    let mut line_indent = 0usize;
    let mut i = 0usize;
    let too_deep = |line: usize, line_start: usize, at: usize| TooDeep {
        line,
        column: yaml.get(line_start..at).map_or(1, |t| t.chars().count() + 1),
    };
    while i < bytes.len() {
        let at_line_start = i == line_start;
        if at_line_start {
            let indent = bytes[i..].iter().take_while(|&&b| b == b' ').count();
            let rest = &bytes[i + indent..];
            let blank = rest.first().is_none_or(|&b| b == b'\n' || b == b'\r' || b == b'#');
            if let Scan::BlockScalar { parent_indent } = state {
                if blank || indent > parent_indent {
                    i = skip_line(bytes, i);
                    (line, line_start) = (line + 1, i);
                    continue;
                }
                state = Scan::Plain;
            }
            if state == Scan::Plain && flow == 0 && !blank {
                while indents.last().is_some_and(|&top| top > indent) {
                    indents.pop();
                }
                if indents.last() != Some(&indent) {
                    indents.push(indent);
                }
                compact = 0;
                node_start = true;
                line_indent = indent;
                if indents.len() > MAX_NESTING {
                    return Err(too_deep(line, line_start, i + indent));
                }
            }
        }
        let b = bytes[i];
        if b == b'\n' {
            if state == Scan::Comment {
                state = Scan::Plain;
            }
            i += 1;
            (line, line_start) = (line + 1, i);
            if flow > 0 {
                node_start = true;
            }
            continue;
        }
        let next = bytes.get(i + 1).copied();
        let spaced = |n: Option<u8>| n.is_none_or(|c| c == b' ' || c == b'\t' || c == b'\n' || c == b'\r');
        match state {
            Scan::Double => match b {
                b'\\' => i += 1,
                b'"' => state = Scan::Plain,
                _ => {}
            },
            Scan::Single => {
                if b == b'\'' {
                    if next == Some(b'\'') {
                        i += 1;
                    } else {
                        state = Scan::Plain;
                    }
                }
            }
            Scan::Comment | Scan::BlockScalar { .. } => {}
            Scan::Plain => {
                let after_space = i == line_start || matches!(bytes[i - 1], b' ' | b'\t');
                match b {
                    b' ' | b'\t' => {}
                    b'#' if after_space => state = Scan::Comment,
                    b'[' | b'{' if flow > 0 || node_start => {
                        flow += 1;
                        node_start = true;
                        if indents.len() + compact + flow > MAX_NESTING {
                            return Err(too_deep(line, line_start, i));
                        }
                    }
                    b']' | b'}' if flow > 0 => {
                        flow -= 1;
                        node_start = false;
                    }
                    b',' if flow > 0 => node_start = true,
                    b'"' if node_start => state = Scan::Double,
                    b'\'' if node_start => state = Scan::Single,
                    b'-' | b'?' if node_start && flow == 0 && spaced(next) => {
                        compact += 1;
                        if indents.len() + compact > MAX_NESTING {
                            return Err(too_deep(line, line_start, i));
                        }
                    }
                    b':' if spaced(next) || (flow > 0 && matches!(next, Some(b',' | b']' | b'}'))) => {
                        node_start = true;
                    }
                    b'|' | b'>' if node_start && flow == 0 => {
                        state = Scan::BlockScalar { parent_indent: line_indent };
                        i = skip_line(bytes, i);
                        (line, line_start) = (line + 1, i);
                        continue;
                    }
                    b'&' | b'!' if node_start => {
                        // An anchor or tag: the node itself follows it.
                        while i + 1 < bytes.len() && !matches!(bytes[i + 1], b' ' | b'\t' | b'\n' | b'\r') {
                            i += 1;
                        }
                    }
                    _ => node_start = false,
                }
            }
        }
        i += 1;
    }
    Ok(())
}

/// The index just past the end of the line holding `i`.
fn skip_line(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| i + p + 1)
}

fn to_diagnostic(err: &serde_yaml::Error, yaml: &str, origin: Origin<'_>) -> Diagnostic {
    let (line, column) = match err.location() {
        // Counted from the byte offset: YAML also breaks lines at a lone `\r`, but snippets
        // and the rest of capbrief count `\n` only, and a line past the end helps no one.
        Some(loc) => {
            let source = if yaml.trim().is_empty() { "{}" } else { yaml };
            let (l, c, _) = crate::diag::line_col(source, loc.index());
            (origin.line_offset + l, c)
        }
        None => (origin.line_offset + 1, 1),
    };
    let raw = err.to_string();
    // Errors raised while converting a scalar (a bad date) carry serde_yaml's position of
    // the enclosing mapping; find the line that holds the quoted value instead.
    let (line, column) = match quoted_value(&raw) {
        Some(value) if !value.is_empty() => origin
            .file_text
            .lines()
            .enumerate()
            .skip(origin.line_offset)
            .find_map(|(i, l)| {
                l.find(value).filter(|&c| l[..c].contains(':')).map(|c| (i + 1, l[..c].chars().count() + 1))
            })
            .unwrap_or((line, column)),
        _ => (line, column),
    };
    // serde_yaml appends " at line L column C"; we print our own file-relative position.
    // What follows it (", while scanning a quoted scalar at line 2 column 8") says where
    // the unfinished construct began, so keep it with the line shifted into the file.
    let message = match raw.find(" at line ") {
        Some(i) => {
            let rest = &raw[i + " at line ".len()..];
            let context = rest.find(", ").map_or("", |j| &rest[j..]);
            format!("{}{}", &raw[..i], shift_lines(context, origin.line_offset))
        }
        None => raw.clone(),
    };
    // serde_yaml's own words for its resource limits do not say what the writer did.
    let message = match message.as_str() {
        "repetition limit exceeded" => {
            "YAML aliases expand too far (an alias bomb): repetition limit exceeded".to_string()
        }
        "recursion limit exceeded" => "YAML nests too deeply: recursion limit exceeded".to_string(),
        _ => message,
    };
    let mut diag = Diagnostic::error(Some(Location::at(origin.path, line, column)), message.clone())
        .with_snippet(line_text(origin.file_text, line));
    if let Some(help) = unknown_field_help(&message) {
        diag = diag.with_help(help);
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        diag = diag.with_help("the YAML nests or repeats aliases too deeply; write the values out plainly");
    } else if message.contains("that does not exist") {
        diag = diag.with_help("write a day of the calendar as YYYY-MM-DD (2025-02-28)");
    } else if message.starts_with("missing field") {
        diag = diag.with_help("add the field; see the front matter reference in README.md");
    }
    diag
}

/// Rewrites every "line N" in `text` as "line N+offset".
fn shift_lines(text: &str, offset: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("line ") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// The value quoted as "found `x`" in a conversion error.
fn quoted_value(message: &str) -> Option<&str> {
    let rest = &message[message.find("found `")? + 7..];
    rest.split('`').next()
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", the closest valid key.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let candidates: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, candidates.iter().copied()) {
        Some(best) => {
            Some(format!("did you mean `{best}`? (unknown keys are errors so typos are not ignored)"))
        }
        None => Some(format!("valid keys here: {}", candidates.join(", "))),
    }
}

/// The 1-based line (within `yaml`) of the value at `path`, found by indentation: each
/// element is a mapping key or, as `#N`, the N-th item of a block sequence. Used to locate
/// errors found after parsing (an unparseable capex period, a bad alias).
pub fn locate(yaml: &str, path: &[&str]) -> Option<usize> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut start = 0usize;
    let mut parent_indent: isize = -1;
    let mut item_line: Option<usize> = None;
    let mut found = None;
    for step in path {
        let want_item: Option<usize> = step.strip_prefix('#').and_then(|n| n.parse().ok());
        let mut level: Option<usize> = None;
        let mut count = 0usize;
        let mut hit = None;
        for (i, raw) in lines.iter().enumerate().skip(start) {
            let mut body = raw.trim_start();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let mut indent = raw.len() - body.len();
            if Some(i) == item_line {
                // The first key of a sequence item sits on the `- ` line itself.
                indent += 2;
                body = body.trim_start_matches('-').trim_start();
            }
            let is_item = body.starts_with("- ") || body == "-";
            let ind = indent as isize;
            if ind < parent_indent || (ind == parent_indent && !(want_item.is_some() && is_item)) {
                break;
            }
            let lvl = *level.get_or_insert(indent);
            if indent != lvl {
                continue;
            }
            match want_item {
                Some(n) if is_item => {
                    if count == n {
                        hit = Some((i, lvl));
                        break;
                    }
                    count += 1;
                }
                Some(_) => {}
                None => {
                    let key = body.split(':').next().unwrap_or("").trim().trim_matches(['"', '\'']);
                    if key == *step && body.contains(':') {
                        hit = Some((i, lvl));
                        break;
                    }
                }
            }
        }
        let (i, lvl) = hit?;
        found = Some(i + 1);
        parent_indent = lvl as isize;
        if want_item.is_some() {
            item_line = Some(i);
            start = i;
        } else {
            item_line = None;
            start = i + 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn origin(text: &str) -> Origin<'_> {
        Origin { path: Path::new("content/a.md"), file_text: text, line_offset: 1 }
    }

    #[test]
    fn unknown_key_is_located_in_file_and_suggests() {
        let file = "---\ntitle: x\ntagz: [a]\n---\n";
        let err = parse::<Doc>("title: x\ntagz: [a]\n", origin(file)).unwrap_err();
        let loc = err.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (3, 1));
        assert!(err.help.unwrap().contains("did you mean `tags`"));
    }

    #[test]
    fn unclosed_quote_names_where_it_began() {
        let file = "---\ntitle: \"open\ndate: 2025-01-01\n---\n";
        let err = parse::<Doc>("title: \"open\ndate: 2025-01-01\n", origin(file)).unwrap_err();
        assert!(err.message.contains("while scanning a quoted scalar at line 2 column 8"), "{}", err.message);
    }

    #[test]
    fn wrong_type_points_at_value() {
        let file = "---\ntitle: [1, 2]\n---\n";
        let err = parse::<Doc>("title: [1, 2]\n", origin(file)).unwrap_err();
        assert_eq!(err.location.unwrap().line, 2);
        assert!(err.message.contains("invalid type"), "{}", err.message);
    }

    #[test]
    fn alias_bomb_is_rejected() {
        let mut y = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            y.push_str(&format!(
                "l{i}: &l{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        y.push_str("title: t\n");
        let r = parse::<serde_yaml::Value>(&y, origin(&y));
        assert!(r.is_err());
    }

    #[test]
    fn nesting_is_measured_without_parsing() {
        let deep = |n: usize| format!("tags: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(check_nesting(&deep(MAX_NESTING - 1)), Ok(()));
        assert_eq!(check_nesting(&deep(MAX_NESTING)), Err(TooDeep { line: 1, column: 6 + MAX_NESTING }));
        let maps = format!("a: 1\nb: {}1{}\n", "{k: ".repeat(100), "}".repeat(100));
        assert_eq!(check_nesting(&maps).unwrap_err().line, 2);
        let items = format!("x:\n  {}y\n", "- ".repeat(100));
        assert_eq!(check_nesting(&items), Err(TooDeep { line: 2, column: 3 + 2 * (MAX_NESTING - 2) }));
        let blocks: String = (0..100).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert_eq!(check_nesting(&blocks).unwrap_err().line, MAX_NESTING + 1);
        // Brackets that are text: in plain and quoted scalars, comments and block scalars.
        let text = format!(
            "title: Capex {b} [update]\nsummary: \"{b}\"\nnote: '{b}'' {b}'\n# {b}\nbody: |\n  {b}\n  {b}\nlist:\n  - item {b}\n  - \"[\" # {b}\n",
            b = "[[[[[[[[[[".repeat(10)
        );
        assert_eq!(check_nesting(&text), Ok(()));
        // Ordinary settings nest a few levels.
        let config = "languages:\n  es:\n    strings:\n      home: Inicio\ncapex:\n  - company: A\n    amount: [1, {a: [2]}]\n";
        assert_eq!(check_nesting(config), Ok(()));
    }

    #[test]
    fn deep_flow_nesting_fails_fast_at_its_line() {
        let n = 100_000;
        let yaml = format!("title: x\ntags: {}{}\n", "[".repeat(n), "]".repeat(n));
        let file = format!("---\n{yaml}---\n");
        let start = std::time::Instant::now();
        let err = parse::<Doc>(&yaml, origin(&file)).unwrap_err();
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
        assert_eq!(err.location.unwrap().line, 3);
        assert!(err.message.contains("nests more than 64 levels"), "{}", err.message);
    }

    #[test]
    fn locate_finds_nested_item_keys() {
        let y = "title: x\ncapex:\n  - company: A\n    period: 2025\n  - company: B\n    period: soon\n";
        assert_eq!(locate(y, &["capex"]), Some(2));
        assert_eq!(locate(y, &["capex", "#1"]), Some(5));
        assert_eq!(locate(y, &["capex", "#1", "period"]), Some(6));
        assert_eq!(locate(y, &["capex", "#0", "company"]), Some(3));
        assert_eq!(locate(y, &["nope"]), None);
    }
}
