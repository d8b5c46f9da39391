//! Escaping text for HTML: the one escaper every stage that writes HTML uses (templates through
//! Tera's escape function, the HTML built in Rust alike), so the same text is written the same
//! way everywhere. Pure; a leaf every stage may import.

/// `text` escaped for HTML text and quoted attributes.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped_html(&mut out, text);
    out
}

/// Appends `text` escaped exactly as templates escape a variable, so HTML built in Rust (the
/// sidebar) matches what a template would have written.
pub(crate) fn push_escaped_html(out: &mut String, text: &str) {
    // Byte by byte: the five characters are ASCII, so every slice boundary is a char boundary.
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html("a&b<c>d\"e'f/é ü"),
            "a&amp;b&lt;c&gt;d&quot;e&#39;f/é ü"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
    }
}
