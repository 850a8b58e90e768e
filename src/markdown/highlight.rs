//! Code highlighting with syntect, as CSS classes (`hl-*`), so one stylesheet serves light
//! and dark schemes. The syntax set is loaded once per build.

use super::escape_html;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Code blocks longer than this are shown plain: highlighting is linear but slow per byte,
/// and a scraped page can carry megabytes of "code".
const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;

/// Syntect's embedded syntaxes, loaded once and shared by every page of a build.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    /// Loads the embedded syntax definitions.
    pub fn new() -> Self {
        Highlighter { syntaxes: SyntaxSet::load_defaults_newlines() }
    }

    /// The inner HTML of a `<code>` element for `code` in language `lang`.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let syntax = match self.syntaxes.find_syntax_by_token(lang) {
            Some(s) if !lang.is_empty() && code.len() <= MAX_HIGHLIGHT_BYTES => s,
            _ => return escape_html(code),
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                return escape_html(code);
            }
        }
        generator.finalize()
    }

    /// The stylesheet for the light theme, plus the dark theme under `prefers-color-scheme`.
    pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
        let themes = ThemeSet::load_defaults();
        let get = |name: &str| {
            themes.themes.get(name).ok_or_else(|| {
                let mut known: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
                known.sort_unstable();
                format!("unknown highlight theme `{name}`; known: {}", known.join(", "))
            })
        };
        let light_css =
            css_for_theme_with_class_style(get(light)?, CLASS_STYLE).map_err(|e| e.to_string())?;
        let dark_css = css_for_theme_with_class_style(get(dark)?, CLASS_STYLE).map_err(|e| e.to_string())?;
        Ok(format!("{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_and_escapes_unknown() {
        let h = Highlighter::new();
        let out = h.highlight("fn main() {}\n", "rust");
        assert!(out.contains("hl-"), "{out}");
        assert_eq!(h.highlight("<b>\n", "no-such-lang"), "&lt;b&gt;\n");
        assert!(Highlighter::stylesheet("InspiredGitHub", "base16-ocean.dark")
            .unwrap()
            .contains("prefers-color-scheme"));
        assert!(Highlighter::stylesheet("nope", "base16-ocean.dark").is_err());
    }
}
