# Les messages de bitext, en français. Mêmes identifiants, attributs et
# variables que en.ftl (vérifié par `cargo test --lib ui`). Espaces
# insécables avant : ; ! ? et à l’intérieur des guillemets. Terminologie :
# docs/ui.md.

## Mots employés dans d’autres messages

# Le nom d’une langue, employé comme adjectif après « texte » (« le texte
# anglais ») : masculin singulier, sans majuscule.
language = { $code ->
        [en] anglais
        [fr] français
        [de] allemand
        [es] espagnol
        [it] italien
        [nl] néerlandais
        [pt] portugais
       *[other] { $code }
    }
# Les segments visés par un constat, avec leur article.
segment-run = { $kind ->
        [heading] le titre
        [paragraph] le paragraphe
        [list-item] l’élément de liste
        [quote] la citation
        [table-row] la ligne de tableau
        [image] l’image
        [boilerplate] le texte standard
       *[segments] les { $count } segments
    }
segment-kind = { $kind ->
        [heading] titre
        [paragraph] paragraphe
        [list-item] élément de liste
        [quote] citation
        [table-row] ligne de tableau
        [image] image
       *[boilerplate] texte standard
    }
pair-status = { $status ->
        [in-sync] synchronisée
        [one-sided] sans équivalent
        [source-drifted] source en dérive
        [target-edited] cible retouchée
        [not-signed-off] non validée
        [missing-translation] traduction manquante
       *[missing-source] original manquant
    }
severity = { $severity ->
        [error] erreur
        [warning] avertissement
       *[info] remarque
    }
colon =  :

## Constats de `bitext check`

finding-missing-translation = { $what } du texte { $source } { $count ->
        [one] n’a
       *[other] n’ont
    } pas de traduction dans le texte { $target }
finding-source-removed = le texte { $source } n’a plus { $what } depuis la validation, mais le texte { $target } { $count ->
        [one] l’a
       *[other] les a
    } toujours
finding-missing-source = { $what } du texte { $target } { $count ->
        [one] n’a
       *[other] n’ont
    } pas d’équivalent dans le texte { $source }
finding-source-drifted = le texte { $source } a changé depuis la validation du texte { $target }
finding-target-edited = le texte { $target } a été retouché depuis la validation alors que le texte { $source } n’a pas changé : relisez-le et validez
finding-not-signed-off = paire pas encore validée

## Le rapport lisible

report-since-sign-off = depuis la validation :
report-ok = ok :
report-all-in-sync = { $releases ->
        [one] { $releases } communiqué vérifié
       *[other] { $releases } communiqués vérifiés
    }, tout est synchronisé
report-errors = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    }
report-warnings = { $count ->
        [one] { $count } avertissement
       *[other] { $count } avertissements
    }
report-notes = { $count ->
        [one] { $count } remarque
       *[other] { $count } remarques
    }
report-summary = { $counts } dans { $releases ->
        [one] { $releases } communiqué vérifié
       *[other] { $releases } communiqués vérifiés
    }
report-see = (voir { $path }:{ $line })

## En-têtes de colonnes de `bitext status`

status-release = communiqué
status-segments = segments
status-in-sync = synchronisées
status-drifted = en dérive
status-edited = retouchées
status-missing = manquantes
status-not-signed-off = non validées
status-one-sided = sans équivalent

## `bitext diff`

diff-source-since = Texte { $lang } depuis la validation :
diff-target-now = Texte { $lang } actuel ({ $path }:{ $line }) :
diff-none = { $release } : aucune paire en dérive

## `bitext align` et sa page de relecture HTML

align-none = (aucun)
review-title = Relecture : { $release }
review-summary = { $pairs ->
        [one] { $pairs } paire
       *[other] { $pairs } paires
    } · { $findings ->
        [one] { $findings } constat
       *[other] { $findings } constats
    }
review-show = Afficher :
review-status = État
review-column = Texte { $lang } ({ $tag })
review-findings = Constats
review-none = aucun
review-signed-off = Suppressions et ajouts depuis la validation.
review-template = modèle de la page de relecture : { $error }

## `bitext sign-off`

sign-off-done = { $release } validé : { $pairs ->
        [one] { $pairs } paire
       *[other] { $pairs } paires
    }{ $one_sided ->
        [0] {""}
       *[other] , { $one_sided } sans équivalent
    }
sign-off-refused = { $release } refusé : des segments n’ont pas d’équivalent (traduisez-les, ou enregistrez-les comme sans équivalent avec --force)
sign-off-nothing = aucun communiqué à valider dans { $dir }

## `bitext new`

new-created = { $path } créé
new-bad-date = --date « { $value } » n’est pas une date comme 2025-03-11
new-title-empty = le titre { $lang } est vide
new-title-multiline = le titre { $lang } doit tenir sur une ligne
new-title-no-slug = le titre { $lang } « { $title } » n’a ni lettre ni chiffre dont tirer un slug d’URL
new-exists = { $path } existe déjà : choisissez un autre slug

## `bitext xliff` et `bitext tmx`

xliff-exported = { $units ->
        [one] { $units } unité exportée
       *[other] { $units } unités exportées
    } depuis { $files ->
        [one] { $files } communiqué
       *[other] { $files } communiqués
    } dans { $path }
xliff-skipped-html = ({ $count ->
        [one] { $count } segment en HTML brut laissé de côté : modifiez-le
       *[other] { $count } segments en HTML brut laissés de côté : modifiez-les
    } dans le Markdown)
xliff-refused-unit = unité { $unit } de { $release } refusée : { $reason }
xliff-nothing-written = rien n’a été écrit : { $count ->
        [one] { $count } unité refusée
       *[other] { $count } unités refusées
    } (utilisez --partial pour appliquer les autres)
xliff-file-changes = { $path }: { $replaced } remplacés, { $inserted } insérés, { $unchanged } inchangés
xliff-none-applied = aucune unité n’a pu être appliquée
xliff-source-changed = le texte { $source } de ce segment a changé depuis l’export : exportez-le de nouveau
xliff-target-changed = le texte { $target } de ce segment a changé depuis l’export : exportez-le de nouveau
xliff-joined = ce segment est traduit avec le précédent : placez-y le texte { $target }
xliff-not-markdown = le segment du texte { $source } n’est pas du texte Markdown
xliff-raw-html = le texte { $target } se trouve dans un bloc HTML brut : modifiez-le dans le fichier Markdown
xliff-not-xliff = ce n’est pas un fichier XLIFF : l’élément racine n’est pas <xliff>
xliff-bad-version = version XLIFF « { $version } » non prise en charge (bitext lit les versions 2.x et 1.2)
xliff-no-version = l’élément <xliff> n’indique pas de version (bitext lit les versions 2.x et 1.2)
xliff-no-release = l’élément <file> n’a pas d’attribut bitext:release
xliff-no-hash = l’unité « { $unit } » n’a pas d’attribut bitext:hash : a-t-elle été exportée par bitext ?
xliff-split-unit = l’unité « { $unit } » a été scindée en { $count } segments : fusionnez-les avant l’import
xliff-inline-no-attribute = <{ $element }> n’a pas d’attribut { $attribute } : bitext ne peut pas savoir quel Markdown il représente
xliff-inline-unknown-data = <{ $element }> renvoie à des données inconnues « { $key } » : bitext ne peut pas savoir quel Markdown il représente
xliff-inline-bad-hex = <{ $element }> n’a pas d’attribut hex valide : bitext ne peut pas savoir quel Markdown il représente
xliff-inline-foreign = <{ $element }> n’est pas un code exporté par bitext : bitext ne peut pas savoir quel Markdown il représente
xml-malformed = XML mal formé : { $error }
xml-unknown-entity = entité inconnue &{ $name };
tmx-exported = { $pairs ->
        [one] { $pairs } paire validée
       *[other] { $pairs } paires validées
    } et { $boilerplate ->
        [one] { $boilerplate } message de texte standard exporté
       *[other] { $boilerplate } messages de texte standard exportés
    } dans { $path }

## Configuration, communiqués et registres de validation

workspace-same-languages = les langues source et cible doivent différer (les deux sont « { $code } »)
workspace-unknown-check = code de vérification inconnu « { $code } » dans [checks]
workspace-bad-language = étiquette de langue inconnue « { $tag } » (attendu : une étiquette BCP 47 comme « en-GB » ou « fr-CA »)
release-bad-date = `date` doit être une date comme 2025-03-11
release-bad-embargo = `embargo` doit être une date et une heure avec un décalage horaire, comme 2025-03-11T00:01:00+00:00
release-bad-slug = le slug d’URL « { $slug } » ne doit contenir que des lettres ASCII minuscules, des chiffres et des traits d’union
release-no-slug = [slug] n’a pas d’entrée `{ $code }` pour { $tag }
lock-bad-version = version de registre de validation { $found } non prise en charge (ce bitext écrit la version { $version })
lock-bad-hash = empreinte « { $hash } » invalide : 16 chiffres hexadécimaux attendus
lock-encode = impossible d’encoder le registre de validation : { $error }

## Erreurs qui empêchent bitext de travailler

error-io = { $path }: { $error }
error-invalid-utf8 = { $path }:{ $line }:{ $column }: UTF-8 invalide
error-syntax = { $path }:{ $line }:{ $column }: { $message }
error-missing-file = { $path }: fichier manquant ({ $what ->
        [config] la configuration de l’espace de travail
        [release-meta] les métadonnées du communiqué
       *[document] un communiqué a besoin de ses deux versions linguistiques
    })
error-workspace-not-found = aucun bitext.toml dans { $start } ni dans ses dossiers parents (utilisez --workspace DOSSIER)
error-unsafe-release-name = { $path }: nom de dossier de communiqué dangereux « { $name } » (utilisez des lettres minuscules, des chiffres et des traits d’union)
error-unknown-release = aucun communiqué nommé « { $slug } » dans { $releases }
