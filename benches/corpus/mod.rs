//! A generator of synthetic signed-off workspaces for the benchmarks:
//! press releases of about fifteen segments a side in English and French
//! (title, standfirst, paragraphs with figures, a quote, a list, a heading,
//! a closing paragraph), all different, deterministic for a given seed.

use std::path::Path;

/// A small deterministic generator (xorshift64*), so that runs compare.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: [(&str, &str); 6] = [
    ("London", "Londres"),
    ("Paris", "Paris"),
    ("Northwood", "Northwood"),
    ("Brest", "Brest"),
    ("Portsmouth", "Portsmouth"),
    ("Salisbury Plain", "la plaine de Salisbury"),
];
const NAMES: [&str; 6] = ["Radakin", "Whitmore", "Ashworth", "Durand", "Lefèvre", "Okafor"];

/// One paragraph pair with figures, places and a name, numbered `n` so
/// that every paragraph of a workspace differs.
pub fn paragraph(rng: &mut Rng, n: usize) -> (String, String) {
    let (en_place, fr_place) = PLACES[rng.below(PLACES.len())];
    let name = NAMES[rng.below(NAMES.len())];
    let staff = 100 + rng.below(9000);
    let pct = 5 + rng.below(90);
    let millions = 2 + rng.below(400);
    let verb = rng.pick(&["confirmed", "announced", "set out", "welcomed"]);
    let verbe = match verb {
        "confirmed" => "a confirmé",
        "announced" => "a annoncé",
        "set out" => "a présenté",
        _ => "a salué",
    };
    let en = format!(
        "In {en_place}, {name} {verb} plan {n}: {} personnel, a {pct}% rise in readiness and £{millions} million of new equipment for the joint force over the coming year.",
        thousands(staff, ',')
    );
    let fr = format!(
        "À {fr_place}, {name} {verbe} le plan {n}\u{a0}: {} militaires, une hausse de {pct}\u{a0}% de la disponibilité et {millions}\u{a0}millions de livres de nouveaux équipements pour la force conjointe au cours de l’année à venir.",
        thousands(staff, '\u{202f}')
    );
    (en, fr)
}

/// `paragraph`, shortened (no readiness figure, no "new equipment", no
/// "over the coming year") to about 110 bytes of English and 135 of
/// French, so that the French of 100,000 paragraphs (12.5 MB) stays under
/// the 16 MiB limit of a document (docs/security.md, "Limits"): with the
/// whole sentence it is 22 MB.
pub fn short_paragraph(rng: &mut Rng, n: usize) -> (String, String) {
    let (en, fr) = paragraph(rng, n);
    let cut = |text: &str, from: &str, to: &str| -> String {
        match (text.find(from), text.find(to)) {
            (Some(a), Some(b)) if a < b => format!("{}{}", &text[..a], &text[b + to.len()..]),
            _ => text.to_owned(),
        }
    };
    let en = cut(&en, ", a ", "% rise in readiness").replace(
        " of new equipment for the joint force over the coming year.",
        " for the joint force.",
    );
    let fr = cut(&fr, ", une hausse de ", " de la disponibilité").replace(
        " de nouveaux équipements pour la force conjointe au cours de l’année à venir.",
        " pour la force conjointe.",
    );
    (en, fr)
}

fn thousands(n: usize, separator: char) -> String {
    if n < 1000 {
        n.to_string()
    } else {
        format!("{}{separator}{:03}", n / 1000, n % 1000)
    }
}

/// Segments on each side of a generated release: title, standfirst, seven
/// paragraphs, a quote, three list items, a heading and a closing paragraph.
pub const SEGMENTS_PER_SIDE: usize = 15;

/// The two documents of release number `n`.
pub fn release_documents(rng: &mut Rng, n: usize) -> (String, String) {
    let mut en = format!("# UK and France agree defence plan {n}\n\n");
    let mut fr = format!("# Le Royaume-Uni et la France adoptent le plan de défense {n}\n\n");
    en.push_str(&format!(
        "The UK and France have today agreed plan {n} for joint defence.\n\n"
    ));
    fr.push_str(&format!(
        "Le Royaume-Uni et la France ont adopté aujourd’hui le plan {n} de défense commune.\n\n"
    ));
    for k in 0..7 {
        let (e, f) = paragraph(rng, n * 10 + k);
        en.push_str(&format!("{e}\n\n"));
        fr.push_str(&format!("{f}\n\n"));
    }
    en.push_str(&format!(
        "> This agreement, number {n}, shows what our two nations can do together.\n\n"
    ));
    fr.push_str(&format!(
        "> Cet accord, le numéro {n}, montre ce que nos deux nations peuvent accomplir ensemble.\n\n"
    ));
    for (e, f) in [
        ("Readiness", "La disponibilité"),
        ("Training", "L’entraînement"),
        ("Equipment", "L’équipement"),
    ] {
        en.push_str(&format!("- {e} under plan {n}\n"));
        fr.push_str(&format!("- {f} au titre du plan {n}\n"));
    }
    en.push_str("\n## Notes to editors\n\n");
    fr.push_str("\n## Notes aux rédactions\n\n");
    en.push_str("Keeping the country safe is the Government’s first priority.\n");
    fr.push_str("Assurer la sécurité du pays est la première priorité du gouvernement.\n");
    (en, fr)
}

pub fn write_workspace_config(root: &Path) {
    std::fs::create_dir_all(root.join("releases")).unwrap();
    std::fs::write(
        root.join("bitext.toml"),
        "[languages]\nsource = \"en-GB\"\ntarget = \"fr-FR\"\n",
    )
    .unwrap();
    // The team's glossary, as a real workspace has one: UK is « Royaume-Uni ».
    std::fs::write(
        root.join("glossary.toml"),
        "[acronyms]\nUK = [\"Royaume-Uni\", \"britannique\"]\n",
    )
    .unwrap();
}

pub fn write_release(root: &Path, slug: &str, en: &str, fr: &str) {
    let dir = root.join("releases").join(slug);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("release.toml"),
        format!("date = 2025-03-11\nstatus = \"approved\"\n\n[slug]\nen = \"{slug}\"\nfr = \"{slug}-fr\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("en.md"), en).unwrap();
    std::fs::write(dir.join("fr.md"), fr).unwrap();
}

/// Signs off every release of a generated workspace: generated text is
/// approved as it is (`--force`), by a fixed signer at a fixed time.
pub fn sign_off_all(ws: &bitext::workspace::Workspace) {
    let approval = bitext::pairing::sign_off::Approval {
        force: true,
        accept: Vec::new(),
    };
    let signature = bitext::pairing::lock::Signature {
        by: "bench".into(),
        at: "2025-03-11T09:00:00Z".into(),
    };
    let slugs = ws.release_slugs().unwrap();
    bitext::checks::driver::sign_off(
        ws,
        &slugs,
        &approval,
        &signature,
        &bitext::checks::driver::Discard,
    )
    .unwrap();
}

/// The real published pairs of `tests/corpus/` (English and French text of
/// each, front matter dropped), in a fixed order: the benchmarks build
/// their workspaces from these, so that they measure real paragraphs.
pub fn real_pairs() -> Vec<(String, String)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut dirs = Vec::new();
    for source in std::fs::read_dir(&corpus).unwrap().flatten() {
        if source.path().is_dir() {
            for pair in std::fs::read_dir(source.path()).unwrap().flatten() {
                if pair.path().join("en.md").is_file() && pair.path().join("fr.md").is_file() {
                    dirs.push(pair.path());
                }
            }
        }
    }
    dirs.sort();
    let body = |path: &Path| -> String {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        match text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
        {
            Some((_, body)) => body.trim_start().to_owned(),
            None => text.to_owned(),
        }
    };
    dirs.iter()
        .map(|dir| (body(&dir.join("en.md")), body(&dir.join("fr.md"))))
        .collect()
}

/// Release number `n` made of a real pair: a numbered title heading on
/// each side (as `bitext new` writes it), then the pair's text.
pub fn real_release_documents(pairs: &[(String, String)], n: usize) -> (String, String) {
    let (en, fr) = &pairs[n % pairs.len()];
    (
        format!("# Release {n}\n\n{en}"),
        format!("# Communiqué {n}\n\n{fr}"),
    )
}
