use std::path::Path;

use super::*;

fn segments(text: &str) -> Vec<(SegmentKind, String)> {
    segment(&SourceFile::new(Path::new("t.md"), text.to_owned()))
        .into_iter()
        .map(|s| (s.kind, s.text))
        .collect()
}

/// Every page of tests/corpus, as text.
pub(super) fn corpus_texts() -> Vec<String> {
    crate::test_corpus::pages()
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

#[test]
fn markdown_blocks_become_segments_with_kinds() {
    let text = "# Title\n\nA *first* paragraph\nover two lines.\n\n- one\n- two\n\n> Quoted.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![Alt text](x.jpg)\n";
    assert_eq!(
        segments(text),
        vec![
            (SegmentKind::Heading(1), "Title".into()),
            (SegmentKind::Paragraph, "A first paragraph over two lines.".into()),
            (SegmentKind::ListItem, "one".into()),
            (SegmentKind::ListItem, "two".into()),
            (SegmentKind::Quote, "Quoted.".into()),
            (SegmentKind::TableRow, "a | b".into()),
            (SegmentKind::TableRow, "1 | 2".into()),
            (SegmentKind::Image, "Alt text".into()),
        ]
    );
}

#[test]
fn front_matter_after_bom_code_and_shortcodes_are_not_segments() {
    let text = "\u{feff}---\r\ntitle: x\r\n---\r\n\r\nBody {{< ref \"a\" >}} text.\r\n\r\n```\ncode\n```\n\n{% include x.html %}\n\n::: tip\nInside.\n:::\n";
    assert_eq!(
        segments(text),
        vec![
            (SegmentKind::Paragraph, "Body text.".into()),
            (SegmentKind::Paragraph, "Inside.".into()),
        ]
    );
}

#[test]
fn html_blocks_are_segmented_by_element_and_spacers_ignored() {
    let text = "<h2 class=\"wp\">Notification&nbsp;GC</h2>\n<p>&nbsp;</p>\n<p>Text with <a href=\"https://x.ca\">a link</a>.</p>\n<ul><li>One</li><li>Two</li></ul>\n<figure><img src=\"a.png\" alt=\"A chart\"><figcaption>Caption</figcaption></figure>\n";
    let found = segment(&SourceFile::new(Path::new("t.md"), text.to_owned()));
    let kinds: Vec<_> = found.iter().map(|s| (s.kind, s.text.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (SegmentKind::Heading(2), "Notification\u{a0}GC"),
            (SegmentKind::Paragraph, "Text with a link."),
            (SegmentKind::ListItem, "One"),
            (SegmentKind::ListItem, "Two"),
            (SegmentKind::Image, "A chart"),
            (SegmentKind::Image, "Caption"),
        ]
    );
    assert_eq!(found[1].links, ["https://x.ca"]);
}

#[test]
fn loose_and_tight_list_items_give_the_same_segments() {
    assert_eq!(segments("- a\n- b\n"), segments("- a\n\n- b\n"));
}

#[test]
fn block_reference_is_a_boilerplate_segment() {
    assert_eq!(
        segments("{{@ closing-priority }}\n"),
        vec![(SegmentKind::Boilerplate, "{{@ closing-priority }}".into())]
    );
}

#[test]
fn inline_code_and_positions_are_kept() {
    let file = SourceFile::new(Path::new("t.md"), "Intro.\n\nRun `bitext check` now.\n".into());
    let found = segment(&file);
    assert_eq!(found[1].text, "Run `bitext check` now.");
    assert_eq!(found[1].code, ["bitext check"]);
    assert_eq!(file.position(found[1].span.start).line, 3);
}

#[test]
fn liquid_tag_spanning_paragraphs_is_not_text() {
    let text = "Before.\n\n{% include img.html alt=\"Une image\n\nsur deux paragraphes\" %}\n\nAfter.\n";
    assert_eq!(
        segments(text),
        vec![
            (SegmentKind::Paragraph, "Before.".into()),
            (SegmentKind::Paragraph, "After.".into()),
        ]
    );
}

#[test]
fn indented_html_after_a_blank_line_is_still_text() {
    let text = "<div>\n  <p>First.</p>\n\n          <p>Second, indented.</p>\n</div>\n";
    assert_eq!(
        segments(text),
        vec![
            (SegmentKind::Paragraph, "First.".into()),
            (SegmentKind::Paragraph, "Second, indented.".into()),
        ]
    );
}

/// `normalise` copies runs of bytes rather than characters one by one;
/// this is the character-by-character rule it must give the same text as.
fn normalise_by_character(raw: &str) -> String {
    let mut out = String::new();
    for line in raw.split('\n') {
        if line.trim_start().starts_with(":::") {
            continue;
        }
        let mut pending_space = true;
        for c in line.chars() {
            match c {
                MASK => {}
                c if c.is_ascii_whitespace() || c == '\u{200b}' => pending_space = true,
                c => {
                    if pending_space && !out.is_empty() {
                        out.push(' ');
                    }
                    pending_space = false;
                    out.push(c);
                }
            }
        }
    }
    if out.chars().all(char::is_whitespace) {
        out.clear();
    }
    out
}

#[test]
fn normalise_by_runs_gives_the_text_of_the_character_rule() {
    let texts = [
        "Le ministre\u{a0}: « Nous   avons\tsigné » l’accord…\r\nsuite",
        "\u{1}\u{1}Texte\u{1}masqué\u{200b}ici\u{200b}\u{200b} fin ",
        ":::tip\nCorps du conteneur\n:::\n",
        "  \u{202f} \u{a0} ",
        "“Quoted” – dash — em\u{2009}thin\u{200b}",
        "",
        "\u{200b}",
        "a\u{c}b\u{b}c\u{1}",
        "Prix\u{202f}: 1\u{a0}500,5\u{a0}€ — 25\u{202f}% «\u{a0}hausse\u{a0}»",
    ];
    for text in texts {
        assert_eq!(normalise(text), normalise_by_character(text), "{text:?}");
    }
}

/// Every mix of the characters `normalise` treats apart (spaces, other
/// whitespace, masks, zero-width spaces, other characters that start with
/// the byte 0xE2, container fences) gives the character rule's text.
#[test]
fn normalise_by_runs_gives_the_text_of_the_character_rule_on_any_mix() {
    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;
    let piece = prop::sample::select(vec![
        "a", "mot", " ", "  ", "\t", "\r", "\n", "\u{c}", "\u{1}", "\u{200b}", "’", "…", "\u{202f}",
        "\u{a0}", "é", ":::", "«", "\u{b}", "\u{1f}",
    ]);
    TestRunner::default()
        .run(&prop::collection::vec(piece, 0..24), |pieces| {
            let text = pieces.concat();
            prop_assert_eq!(normalise(&text), normalise_by_character(&text), "{:?}", text);
            Ok(())
        })
        .unwrap();
}

/// Masking written from pieces of the text gives what masking a copy of
/// its bytes gave (the former code, kept here as the reference), on the
/// corpus and on tags around multi-byte text and line endings.
#[test]
fn template_tags_are_masked_as_a_copy_of_the_bytes_was() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    fn by_bytes(text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'{', &text.as_bytes()[at..]) {
            let start = at + found;
            let tail = &text[start..];
            at = start + 1;
            if tail.starts_with(REFERENCE_OPEN) {
                continue;
            }
            for (open, close) in TEMPLATE_TAGS {
                if let Some(end) = tail.strip_prefix(open).and_then(|inner| inner.find(close)) {
                    let end = start + open.len() + end + close.len();
                    for byte in &mut bytes[start..end] {
                        if *byte != b'\n' && *byte != b'\r' {
                            *byte = MASK as u8;
                        }
                    }
                    at = end;
                    break;
                }
            }
        }
        String::from_utf8(bytes).unwrap()
    }
    for text in corpus_texts() {
        assert_eq!(mask_template_tags(&text), by_bytes(&text));
    }
    let pieces = prop::sample::select(vec![
        "{%",
        "%}",
        "{{",
        "}}",
        "{{<",
        ">}}",
        "{{%",
        "%}}",
        "{{@",
        "{",
        "}",
        "é",
        "«\u{202f}",
        "\r\n",
        "\n",
        "x",
        " ",
    ]);
    TestRunner::new(Config::with_cases(2000))
        .run(&prop::collection::vec(pieces, 0..16), |pieces| {
            let text = pieces.concat();
            prop_assert_eq!(mask_template_tags(&text).into_owned(), by_bytes(&text));
            Ok(())
        })
        .unwrap();
}

/// Whether a document opens with a heading, read from its first lines
/// first, is what reading it whole says: on the corpus, and on documents
/// of front matter, comments, headings of both kinds, paragraphs, fences,
/// tables and definitions around the point where the first read stops.
#[test]
fn a_title_found_in_the_first_lines_is_the_whole_documents() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let whole = html::first_block_is_heading;
    // Front matter cut open by the first read, its first line over an
    // underline: a heading there, not in the whole document.
    let long = "Le budget « vert » 2025. ".repeat(100);
    for cut in [
        format!("+++\n===\n{long}\n+++\n---\n"),
        format!("<!-- bitext-ignore x: y -->\n+++\n===\n{long}\n+++\n"),
    ] {
        assert!(!html::opens_with_heading(&cut) && !whole(&cut), "{cut}");
    }
    for text in corpus_texts() {
        assert_eq!(html::opens_with_heading(&text), whole(&text), "{text}");
    }
    let prose = |n: usize| format!("{}\n", "Le budget « vert » 2025 ".repeat(n));
    let pieces = prop::sample::select(vec![
        "---\n".to_owned(),
        "title: Budget\n".to_owned(),
        "+++\n".to_owned(),
        "...\n".to_owned(),
        "<!-- bitext-ignore x: y -->\n".to_owned(),
        "<!--\n".to_owned(),
        "-->\n".to_owned(),
        "# Title\n".to_owned(),
        "## Section\n".to_owned(),
        "Title\n".to_owned(),
        "===\n".to_owned(),
        "\n".to_owned(),
        "```\n".to_owned(),
        "> quoted\n".to_owned(),
        "[foo]: /url\n".to_owned(),
        "[^1]: note\n".to_owned(),
        "| a | b |\n".to_owned(),
        "|---|---|\n".to_owned(),
        "<div>\n".to_owned(),
        "</div>\n".to_owned(),
        "    code\n".to_owned(),
        "- item\n".to_owned(),
        prose(8),
        prose(40),
        prose(90),
    ]);
    TestRunner::new(Config::with_cases(20_000))
        .run(&prop::collection::vec(pieces, 0..14), |pieces| {
            let text = pieces.concat();
            prop_assert_eq!(html::opens_with_heading(&text), whole(&text), "{:?}", text);
            Ok(())
        })
        .unwrap();
}
