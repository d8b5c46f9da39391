//! A page body's prose as the plain-language rules read it (lint stage, pure).
//!
//! pulldown-cmark walks the body; what a reader reads as running text comes out as blocks
//! (a paragraph, a heading, a list item), each one string with a map back to byte offsets in
//! the body, so a finding points at the file's line and column. Code blocks, images, HTML
//! blocks and front matter (never passed in) are left out; a table cell is a block of its own
//! kind; inline code stands as the one word `code`. A block quotation (`>` without a callout kind) is marked, since its words are
//! someone else's. `<!-- allow: CODE -->` comments are collected for [`super::allow`].

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::markdown_options as options;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Heading,
    /// A paragraph, a list item's text, a footnote.
    Text,
    /// A table cell: read for jargon, left out of the reading level.
    Cell,
}

/// Where a stretch of a block's text came from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    /// Byte index in [`Block::text`] where the segment starts.
    pub(crate) at: usize,
    /// Byte offset in the body of the segment's first character.
    pub(crate) source: usize,
    /// The text is the body's bytes as written, so offsets inside it map one to one.
    pub(crate) verbatim: bool,
    /// Inside a link or an `<abbr>`: the reader can follow it or hover it.
    pub(crate) explained: bool,
    /// Inline code, written as the placeholder word `code`.
    pub(crate) code: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub(crate) kind: BlockKind,
    /// Inside a block quotation (someone else's words).
    pub(crate) quote: bool,
    pub(crate) text: String,
    pub(crate) segments: Vec<Segment>,
    /// Byte offset in the body where the block ends.
    pub(crate) end: usize,
}

impl Block {
    /// The segment holding byte `i` of the text.
    pub(crate) fn segment(&self, i: usize) -> &Segment {
        let n = self.segments.partition_point(|s| s.at <= i);
        &self.segments[n.saturating_sub(1)]
    }

    /// The body offset of byte `i` of the text.
    pub(crate) fn source_offset(&self, i: usize) -> usize {
        let s = self.segment(i);
        if s.verbatim {
            s.source + (i - s.at)
        } else {
            s.source
        }
    }
}

/// `<!-- allow: jargon, spelling -->`: silences the next finding of those codes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Allow {
    pub(crate) codes: Vec<String>,
    /// Body offset of the comment.
    pub(crate) at: usize,
    /// Body offset where the block holding it ends (the whole page for a comment on its own).
    pub(crate) until: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Prose {
    pub(crate) blocks: Vec<Block>,
    pub(crate) allows: Vec<Allow>,
    /// Byte ranges of the body's block quotations (callouts are not quotations).
    pub(crate) quotes: Vec<std::ops::Range<usize>>,
}

impl Prose {
    /// The body with its quotations blanked out byte for byte, so offsets still match.
    pub(crate) fn without_quotes(&self, body: &str) -> String {
        let mut bytes = body.as_bytes().to_vec();
        for range in &self.quotes {
            for b in &mut bytes[range.clone()] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        // Whole characters were blanked (a quotation starts and ends on a character).
        String::from_utf8(bytes).unwrap_or_else(|_| body.to_string())
    }
}

/// Reads a page body into blocks of prose.
pub(crate) fn prose_of(body: &str) -> Prose {
    let mut out = Prose::default();
    let mut current: Option<Block> = None;
    let (mut skip, mut links, mut abbrs, mut quotes) = (0usize, 0usize, 0usize, 0usize);
    let flush = |current: &mut Option<Block>, out: &mut Prose, end: usize| {
        if let Some(mut block) = current.take() {
            if !block.text.trim().is_empty() {
                block.end = end;
                out.blocks.push(block);
            }
        }
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock) => {
                flush(&mut current, &mut out, range.start);
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1);
            }
            _ if skip > 0 => {
                if let Event::Html(html) = &event {
                    push_allow(&mut out, html, range.start, body.len());
                }
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                flush(&mut current, &mut out, range.start);
                if kind.is_none() && quotes == 0 {
                    out.quotes.push(range.clone());
                }
                // A callout (`> [!TIP]`) is the author's own text, not a quotation.
                quotes += usize::from(kind.is_none());
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                flush(&mut current, &mut out, range.end);
                quotes -= usize::from(kind.is_none());
            }
            Event::Start(
                tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell),
            ) => {
                flush(&mut current, &mut out, range.start);
                let kind = match tag {
                    Tag::Heading { .. } => BlockKind::Heading,
                    Tag::TableCell => BlockKind::Cell,
                    _ => BlockKind::Text,
                };
                current = Some(Block {
                    kind,
                    quote: quotes > 0,
                    text: String::new(),
                    segments: Vec::new(),
                    end: range.end,
                });
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                flush(&mut current, &mut out, range.end);
            }
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::InlineHtml(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if tag.starts_with("<abbr") {
                    abbrs += 1;
                } else if tag.starts_with("</abbr") {
                    abbrs = abbrs.saturating_sub(1);
                } else if let Some(block) = &current {
                    let until = block.end;
                    push_allow(&mut out, &html, range.start, until);
                }
            }
            Event::Html(html) => push_allow(&mut out, &html, range.start, body.len()),
            Event::Text(ref text) | Event::Code(ref text) => {
                let code = matches!(event, Event::Code(_));
                let block = current.get_or_insert_with(|| Block {
                    kind: BlockKind::Text,
                    quote: quotes > 0,
                    text: String::new(),
                    segments: Vec::new(),
                    end: range.end,
                });
                let shown: &str = if code { "code" } else { text };
                let verbatim = !code && body.get(range.clone()) == Some(shown);
                block.segments.push(Segment {
                    at: block.text.len(),
                    source: range.start,
                    verbatim,
                    explained: links > 0 || abbrs > 0,
                    code,
                });
                block.text.push_str(shown);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = &mut current {
                    block.segments.push(Segment {
                        at: block.text.len(),
                        source: range.start,
                        verbatim: false,
                        explained: false,
                        code: false,
                    });
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out, body.len());
    out
}

/// Records `<!-- allow: a, b -->`; other HTML is ignored.
fn push_allow(out: &mut Prose, html: &str, at: usize, until: usize) {
    let Some(inner) = html
        .trim()
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
    else {
        return;
    };
    let Some(list) = inner.trim().strip_prefix("allow:") else {
        return;
    };
    let codes: Vec<String> = list
        .split([',', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    if !codes.is_empty() {
        out.allows.push(Allow { codes, at, until });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(body: &str) -> Vec<(BlockKind, bool, String)> {
        prose_of(body)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.quote, b.text))
            .collect()
    }

    #[test]
    fn keeps_prose_and_leaves_out_code_and_images() {
        let body = "# Title\n\nSay `bridgebook check` here.\n\n```\nnot prose\n```\n\n| a |\n|---|\n| x |\n\n- one\n- two\n\n> quoted words\n\n> [!TIP]\n> a tip\n\n![alt text](x.png)\n";
        assert_eq!(
            blocks(body),
            [
                (BlockKind::Heading, false, "Title".to_string()),
                (BlockKind::Text, false, "Say code here.".to_string()),
                (BlockKind::Cell, false, "a".to_string()),
                (BlockKind::Cell, false, "x".to_string()),
                (BlockKind::Text, false, "one".to_string()),
                (BlockKind::Text, false, "two".to_string()),
                (BlockKind::Text, true, "quoted words".to_string()),
                (BlockKind::Text, false, "a tip".to_string()),
            ]
        );
    }

    #[test]
    fn maps_text_back_to_the_body() {
        let body = "Intro line\nand the [CDN](x.md) link.\n";
        let prose = prose_of(body);
        let block = &prose.blocks[0];
        let i = block.text.find("CDN").unwrap();
        assert_eq!(&body[block.source_offset(i)..][..3], "CDN");
        assert!(block.segment(i).explained);
        let j = block.text.find("link").unwrap();
        assert_eq!(&body[block.source_offset(j)..][..4], "link");
        assert!(!block.segment(j).explained);
    }

    #[test]
    fn reads_allow_comments() {
        let body = "The SLA <!-- allow: unexplained-acronym --> holds.\n\n<!-- allow: reading-level, spelling -->\n";
        let prose = prose_of(body);
        let codes: Vec<Vec<String>> = prose.allows.iter().map(|a| a.codes.clone()).collect();
        assert_eq!(
            codes,
            [
                vec!["unexplained-acronym".to_string()],
                vec!["reading-level".to_string(), "spelling".to_string()]
            ]
        );
        assert_eq!(prose.allows[1].until, body.len());
    }

    #[test]
    fn blanks_quotations_but_keeps_offsets() {
        let body = "Our words.\n\n> Thèir words.\n\n> [!NOTE]\n> Ours again.\n";
        let prose = prose_of(body);
        let masked = prose.without_quotes(body);
        assert_eq!(masked.len(), body.len());
        assert!(masked.starts_with("Our words.\n\n"));
        assert!(!masked.contains("words.\n\n> Th"));
        assert!(masked.contains("Ours again."));
    }
}
