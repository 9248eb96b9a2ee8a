use std::path::Path;

use super::*;
use crate::document::Document;

fn segments(text: &str) -> Vec<(SegmentKind, String)> {
    Html::new()
        .segment(&SourceFile::new(Path::new("t.html"), text.to_owned()))
        .into_iter()
        .map(|s| (s.kind, s.text))
        .collect()
}

#[test]
fn blocks_become_segments_and_chrome_is_skipped() {
    let text = "---\n{\n\t\"title\": \"Liste\"\n}\n---\n<header><p>Menu</p></header>\n<h2>Listes en colonnes <code>.list-col</code></h2>\n<p>Ajoutez la classe <a href=\"x.html\">ici</a>&nbsp;: voilà.</p>\n<script>var a = \"<p>no</p>\";</script>\n<ul><li>Un</li><li>Deux</li></ul>\n<table><tr><th>A</th><td>1</td></tr></table>\n<figure><img src=\"a.png\" alt=\"Un graphique\"><figcaption>Légende</figcaption></figure>\n<pre><code>&lt;p&gt;</code></pre>\n<p>{{ page.title }} et {% include x.html %}</p>\n<footer>Pied</footer>\n";
    assert_eq!(
        segments(text),
        vec![
            (SegmentKind::Heading(2), "Listes en colonnes `.list-col`".into()),
            (
                SegmentKind::Paragraph,
                "Ajoutez la classe ici\u{a0}: voilà.".into()
            ),
            (SegmentKind::ListItem, "Un".into()),
            (SegmentKind::ListItem, "Deux".into()),
            (SegmentKind::TableRow, "A | 1".into()),
            (SegmentKind::Image, "Un graphique".into()),
            (SegmentKind::Image, "Légende".into()),
            (SegmentKind::Paragraph, "et".into()),
        ]
    );
}

#[test]
fn main_is_read_alone_when_there_is_one() {
    let text = "<body><div>Chrome</div><main><p>Contenu</p></main><div>Autre</div></body>";
    assert_eq!(segments(text), vec![(SegmentKind::Paragraph, "Contenu".into())]);
}

#[test]
fn selectors_from_settings_are_skipped() {
    let html = Html::with_skip(vec![".pagedetails".into(), "#wb-lng".into(), "aside".into()]);
    let text = "<p>Texte</p><div class=\"row pagedetails\"><p>Date</p></div><ul id=\"wb-lng\"><li>English</li></ul><aside><p>Liens</p></aside>";
    let found: Vec<_> = html
        .segment(&SourceFile::new(Path::new("t.html"), text.into()))
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(found, ["Texte"]);
}

#[test]
fn inline_elements_are_paired_codes_and_write_back_is_identical() {
    let text = "<p>Voir <a href=\"https://x.ca\">le <strong>guide</strong></a> {{ page.x }}&nbsp;: fin<br>ligne.</p>\n<p><img src=\"a.png\" alt=\"Un &quot;graphique&quot;\"></p>\n";
    let doc = Document::new(SourceFile::new(Path::new("fr.html"), text.into()));
    let mut ids = Ids::default();
    let segment = &doc.segments()[0];
    let (nodes, range) = doc.content(segment, &mut ids).unwrap();
    assert!(
        matches!(&nodes[1], Inline::Paired { open, .. } if open == "<a href=\"https://x.ca\">"),
        "{nodes:?}"
    );
    assert!(
        nodes
            .iter()
            .any(|n| matches!(n, Inline::Placeholder { data, .. } if data == "{{ page.x }}")),
        "{nodes:?}"
    );
    let written = doc.write_inline(&nodes).replace('\u{a0}', "&nbsp;");
    assert_eq!(written, &text[range]);

    let image = &doc.segments()[1];
    assert_eq!(image.kind, SegmentKind::Image);
    let (nodes, range) = doc.content(image, &mut ids).unwrap();
    assert_eq!(nodes, [Inline::Text("Un \"graphique\"".into())]);
    assert_eq!(doc.write_inline(&nodes), "Un &quot;graphique&quot;");
    assert_eq!(&text[range], "Un &quot;graphique&quot;");
}
