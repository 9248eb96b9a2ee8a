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
        [many] n’ont
       *[other] n’ont
    } pas de traduction dans le texte { $target }
finding-source-removed = le texte { $source } n’a plus { $what } depuis la validation, mais le texte { $target } { $count ->
        [one] l’a
        [many] les a
       *[other] les a
    } toujours
finding-missing-source = { $what } du texte { $target } { $count ->
        [one] n’a
        [many] n’ont
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
        [many] { $releases } communiqués vérifiés
       *[other] { $releases } communiqués vérifiés
    }, tout est synchronisé
report-errors = { $count ->
        [one] { $count } erreur
        [many] { $count } erreurs
       *[other] { $count } erreurs
    }
report-warnings = { $count ->
        [one] { $count } avertissement
        [many] { $count } avertissements
       *[other] { $count } avertissements
    }
report-notes = { $count ->
        [one] { $count } remarque
        [many] { $count } remarques
       *[other] { $count } remarques
    }
report-summary = { $counts } dans { $releases ->
        [one] { $releases } communiqué vérifié
        [many] { $releases } communiqués vérifiés
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

## `bitext align` et sa page de relecture HTML

align-none = (aucun)
review-title = Relecture : { $release }
review-summary = { $pairs ->
        [one] { $pairs } paire
        [many] { $pairs } paires
       *[other] { $pairs } paires
    } · { $findings ->
        [one] { $findings } constat
        [many] { $findings } constats
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
        [many] { $pairs } paires
       *[other] { $pairs } paires
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
        [many] { $units } unités exportées
       *[other] { $units } unités exportées
    } depuis { $files ->
        [one] { $files } communiqué
        [many] { $files } communiqués
       *[other] { $files } communiqués
    } dans { $path }
xliff-skipped-html = ({ $count ->
        [one] { $count } segment en HTML brut laissé de côté : modifiez-le
        [many] { $count } segments en HTML brut laissés de côté : modifiez-les
       *[other] { $count } segments en HTML brut laissés de côté : modifiez-les
    } dans le Markdown)
xliff-refused-unit = unité { $unit } de { $release } refusée : { $reason }
xliff-nothing-written = rien n’a été écrit : { $count ->
        [one] { $count } unité refusée
        [many] { $count } unités refusées
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
xliff-inline-bad-hex = <{ $element }> n’a pas d’attribut hex valide : bitext ne peut pas savoir quel Markdown il représente
xliff-inline-foreign = <{ $element }> n’est pas un code exporté par bitext : bitext ne peut pas savoir quel Markdown il représente
xml-malformed = XML mal formé : { $error }
xml-unknown-entity = entité inconnue &{ $name };
tmx-exported = { $pairs ->
        [one] { $pairs } paire validée
        [many] { $pairs } paires validées
       *[other] { $pairs } paires validées
    } et { $boilerplate ->
        [one] { $boilerplate } message de texte standard exporté
        [many] { $boilerplate } messages de texte standard exportés
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

## Texte standard Fluent (`locales/`) : références, rendu, vérification de l’arborescence

date-named-argument = DATE() n’accepte aucun argument nommé ; reçu `{ $name }`
date-argument-count = DATE() prend un seul argument, une date ; { $count ->
        [one] { $count } argument reçu
        [many] { $count } arguments reçus
       *[other] { $count } arguments reçus
    }
date-not-a-date = DATE() attend une date comme 2025-03-04, pas { $value }
date-nothing = rien
expand-no-message = aucun message `{ $id }` dans { $dir } ({ $lang })
expand-no-value = le message `{ $id }` n’a pas de valeur, seulement des attributs
expand-failed = impossible de développer `{ $reference }` en { $lang } : { $error }
invalid-utf8 = UTF-8 invalide
locale-syntax-error = { $error } (erreur de syntaxe dans le texte { $lang })
locale-lock-bad-version = version { $found } du registre de validation des textes standard non prise en charge (ce bitext écrit la version { $version })
locale-lock-no-locales = aucun texte standard à valider : { $dir } n’existe pas
locale-lock-encode = impossible d’encoder le registre de validation des textes standard : { $error }
boilerplate-never-signed-off = le texte standard { $lang } de { $dir } n’a jamais été validé : lancez `bitext sign-off --locales`
# Ajouté à la fin de boilerplate-drifted.
boilerplate-used-by = { "\u00A0; " }employé par { $count ->
        [one] { $count } communiqué
        [many] { $count } communiqués
       *[other] { $count } communiqués
    } : { $releases }
boilerplate-used-by-none = { "\u00A0; " }employé par aucun des communiqués vérifiés
boilerplate-drifted = le texte { $source } de `{ $id }` a changé depuis la validation du texte { $target }{ $users }
boilerplate-target-edited = le texte { $target } de `{ $id }` a été retouché depuis la validation : relisez-le et lancez `bitext sign-off --locales`
boilerplate-both-changed = les deux langues de `{ $id }` ont changé depuis la validation : relisez-les et lancez `bitext sign-off --locales`
boilerplate-not-signed-off = `{ $id }` n’a pas encore été validé : lancez `bitext sign-off --locales`
locale-syntax = erreur de syntaxe dans le texte { $lang } : { $error } (ligne { $line }, colonne { $column }) ; l’entrée est ignorée
locale-syntax-in = erreur de syntaxe dans `{ $id }` (texte { $lang }) : { $error } (ligne { $line }, colonne { $column }) ; l’entrée est ignorée
locale-duplicate = `{ $id }` est défini une seconde fois dans le texte { $lang } ; c’est la première définition, en { $path }:{ $line }, qui s’applique
locale-missing = { $kind ->
        [term] le terme
       *[message] le message
    } `{ $id }` manque dans le texte { $lang } ({ $dir })
locale-obsolete = { $kind ->
        [term] le terme
       *[message] le message
    } `{ $id }` est obsolète : le texte { $target } l’a, le texte { $source } ne l’a pas
locale-untranslated = `{ $id }` est identique dans le texte { $source } et dans le texte { $target } : non traduit ?
locale-value-one-side = `{ $id }` a une valeur dans le texte { $has } mais aucune dans le texte { $lacks }
locale-attribute-missing = l’attribut `{ $id }.{ $name }` manque dans le texte { $target }
locale-attribute-obsolete = l’attribut `{ $id }.{ $name }` est obsolète : le texte { $target } l’a, le texte { $source } ne l’a pas
locale-item-one-side = `{ $item }` est employé dans le texte { $has } mais pas dans le texte { $lacks }
locale-item-variant = `{ $item }` est employé dans la variante { $variant } du texte { $has } mais pas dans celle du texte { $lacks }
locale-mismatch = { $label } : { $problems }
locale-plural-missing = `{ $label }` fait un choix sur `${ $selector }` sans { $count ->
        [one] la variante
        [many] les variantes
       *[other] les variantes
    } { $missing } : le { $lang } demande { $required } (règles de pluriel du CLDR)
boilerplate-unknown = `{ $id }` n’est défini ni dans { $source_dir } ni dans { $target_dir }
boilerplate-incomplete = `{ $id }` est défini dans le texte { $has }{ $place } mais pas dans le texte { $lacks } ({ $dir })
boilerplate-unresolved = `{ $reference }` ne peut pas être développé en { $lang } : { $error }
boilerplate-arguments = `{ $id }` n’a pas les mêmes arguments dans le texte { $source } (`{ $source_reference }`) que dans le texte { $target } (`{ $target_reference }`)
boilerplate-unpaired = le texte { $has } emploie le texte standard `{ $reference }`, mais pas le texte { $lacks }
reference-expected-id = identifiant de message attendu après `{ "{{" }@`
reference-expected-name = nom d’argument attendu
reference-expected-colon = `:` attendu après l’argument `{ $name }`
reference-argument-twice = l’argument `{ $name }` est donné deux fois
reference-expected-comma = `,` ou `)` attendu après un argument
reference-expected-close = `{ "}}" }` attendu pour fermer la référence à `{ $id }`
reference-bad-escape = seuls \" et \\ sont des échappements dans une chaîne
reference-unterminated = chaîne non terminée : `"` fermant attendu sur la même ligne
reference-bad-number = nombre (comme 3 ou 1.5) ou date (comme 2025-03-04) attendu, trouvé `{ $literal }`
reference-expected-value = valeur attendue : une chaîne entre guillemets, un nombre ou une date comme 2025-03-04

## Vérifications de qualité de `bitext check`

list-semicolon = { "\u00A0; " }
list-or = ou
quoted = « { $text } »
check-only-in = { $what ->
        [link] lien
        [email] adresse électronique
        [code] code en ligne
        [number] nombre
        [acronym] sigle
       *[name] nom
    } { $items } du texte { $side } { $what ->
        [email] absente
       *[other] absent
    } du texte { $other }
check-differ = { $what ->
        [link] les liens diffèrent
        [email] les adresses électroniques diffèrent
        [code] les codes en ligne diffèrent
       *[number] les nombres diffèrent
    } : { $source_items } dans le texte { $source }, { $target_items } dans le texte { $target }
acronym-extra = sigle { $items } du texte { $target } absent du texte { $source } (ajoutez-le à [acronyms] dans glossary.toml si c’est sa forme en { $target })
glossary-forbidden = glossaire : { $forbidden } ne doit pas traduire { $term }
glossary-missing = glossaire : { $term } du texte { $source } doit se traduire par { $wanted }, absent du texte { $target }
glossary-keep = glossaire : { $name } ne se traduit pas, mais le texte { $target } ne l’a pas
length-ratio = le texte { $target } fait { $percent } % de la longueur attendue, bien { $direction ->
        [shorter] plus court
       *[longer] plus long
    } que le texte { $source } ({ $direction ->
        [shorter] omission probable
       *[longer] ajout probable
    })
sentence-missing = la phrase { $sentence } semble n’avoir aucun équivalent dans le texte { $target }
doubled-word = mot répété { $phrase } dans le texte { $lang }
edge-space = { $kind } : espace au début ou à la fin dans le texte { $lang }
emphasis-space = espace juste à l’intérieur de `{ $marker }` dans le texte { $lang } : la mise en valeur ne s’affichera pas
doubled-space = espace double
unpaired-bracket = { $family ->
        [parenthesis] parenthèse orpheline
        [square-bracket] crochet orphelin
       *[quotation-mark] guillemet orphelin
    } dans le texte { $lang }
ends-with = par `{ $mark }`
ends-without = sans `?`, `!` ni `:`
end-punctuation = le texte { $source } se termine { $source_end }, mais le texte { $target } se termine { $target_end }
list-length = { $source_count } éléments de liste dans le texte { $source } contre { $target_count } dans le texte { $target }
heading-level = titre de niveau { $source_level } dans le texte { $source } contre niveau { $target_level } dans le texte { $target }
segment-role = { $kind ->
        [heading] titre
        [list-item] élément de liste
        [paragraph] paragraphe
        [table-row] ligne de tableau
        [image] image
       *[boilerplate] texte standard
    }
kind-mismatch = types différents : { $source_kind } dans le texte { $source }, { $target_kind } dans le texte { $target }
suppression-unknown-code = bitext-ignore nomme un code inconnu, `{ $code }`
suppression-no-code = bitext-ignore ne nomme aucun code (écrivez `<!-- bitext-ignore code: raison -->`)
suppression-no-reason = bitext-ignore ne donne pas de raison (écrivez `<!-- bitext-ignore code: raison -->`)
suppression-unused = bitext-ignore { $codes } ne fait taire aucun constat ici
canada-space = { $space ->
        [no-break] espace insécable
       *[ordinary] espace
    } avant `{ $mark }` : le français canadien ne met pas d’espace avant `;`, `!` et `?`
space-missing-after = espace insécable manquante après `{ $mark }`
space-ordinary-after = espace ordinaire après `{ $mark }` : mettez une espace insécable
space-missing-before = espace insécable manquante avant `{ $mark }`
space-ordinary-before = espace ordinaire avant `{ $mark }` : mettez une espace insécable
space-several-before = plusieurs espaces insécables avant `{ $mark }`
straight-quotes = guillemets droits dans un texte français ({ $count } { $count ->
        [one] citation
        [many] citations
       *[other] citations
    }) : employez les guillemets « »
untranslated = le texte { $target } est identique au texte { $source } : resté non traduit ?
fix-not-utf8 = { $path }: pas en UTF-8
sarif-location = texte { $tag }
sarif-root = La racine de l’espace de travail (le dossier qui contient bitext.toml).

## `bitext publish` et `bitext render`

gate-draft = le statut est « draft » (mettez status = "approved" dans release.toml pour publier)
gate-no-title = le document { $lang } ne commence pas par un titre pour la page (commencez-le par une ligne « # Titre »)
gate-embargoed = sous embargo jusqu’au { $utc }
gate-embargoed-offset = sous embargo jusqu’au { $utc } ({ $local })
gate-findings = { $count ->
        [one] { $count } constat
        [many] { $count } constats
       *[other] { $count } constats
    } de niveau erreur
publish-refused-into = publication refusée dans { $dir } : { $reason }
publish-out-root = c’est la racine du système de fichiers
publish-out-workspace-root = c’est la racine de l’espace de travail
publish-out-holds-workspace = il contient l’espace de travail
publish-out-overlaps = il empiète sur { $what ->
        [releases] le dossier des communiqués
        [locales] le dossier des textes standard
       *[templates] le dossier des modèles
    } ({ $dir })
publish-out-not-folder = il existe et n’est pas un dossier
publish-out-foreign = il contient des fichiers que bitext publish n’a pas écrits (pas de { $manifest }) ; supprimez-le ou choisissez un autre dossier
publish-cannot-write = publication refusée dans { $dir } : impossible d’écrire dans { $parent } ({ $error })
publish-threads = impossible de démarrer les fils de publication : { $error }
publish-record-time = impossible d’écrire l’heure { $time } dans { $path }
# Un chemin suivi de deux-points reste sans espace insécable (repérable par grep).
publish-config = bitext.toml: section [publish], { $problem }
publish-config-language = nomme la langue { $code }, qui n’est ni { $source } ni { $target }
publish-config-prefix = prefix.{ $code } = { $prefix } : employez des segments de chemin en minuscules comme "{ $example }" (pas "assets")
publish-config-nested = les préfixes de { $first } ({ $first_prefix }) et de { $second } ({ $second_prefix }) ne doivent pas être inclus l’un dans l’autre
publish-config-base-url = base-url { $url } doit commencer par https:// ou http://
publish-same-path = les communiqués { $first } et { $second } sont tous deux publiés dans { $path } : donnez à l’un d’eux un autre [slug] dans son { $meta }
publish-no-date = { $release }: le communiqué n’a pas de date valide
publish-no-title = { $release }: le document { $lang } n’a aucun titre Markdown à reprendre comme titre de page
publish-two-languages = { $release }: un communiqué a deux langues
publish-manifest = impossible d’écrire { $manifest } : { $error }
publish-bad-now = { $text } n’est pas une date et heure RFC 3339 comme 2025-05-06T09:00:00+01:00 ({ $error })
publish-now = --now : { $error }
template-built-in = modèle intégré { $name }
publish-blocked = bloqué
publish-blocked-reasons = { $release } : { $reasons }
publish-refused = { $count ->
        [one] { $count } communiqué bloqué
        [many] { $count } communiqués bloqués
       *[other] { $count } communiqués bloqués
    } : rien n’a été publié et { $dir } est inchangé (utilisez --skip-blocked pour publier les autres)
publish-new = (nouveau)
publish-planned = { $release } { $mode ->
        [dry-run] serait publié
       *[done] publié
    }
publish-left-out = , { $count ->
        [one] { $count } laissé de côté
        [many] { $count } laissés de côté
       *[other] { $count } laissés de côté
    }
publish-dry-run = (essai : rien n’a été écrit)
publish-summary = { $count ->
        [one] { $count } communiqué { $mode ->
            [dry-run] serait publié
           *[done] publié
        }
        [many] { $count } communiqués { $mode ->
            [dry-run] seraient publiés
           *[done] publiés
        }
       *[other] { $count } communiqués { $mode ->
            [dry-run] seraient publiés
           *[done] publiés
        }
    } dans les deux langues, dans { $dir }{ $skipped }{ $tail }
render-bad-lang = --lang { $lang } n’est pas une langue de cet espace de travail (utilisez { $source } ou { $target })
xml-unexpected-end-tag = balise fermante inattendue
xml-no-root = aucun élément racine

## `bitext sign-off --locales`

sign-off-locales = textes standard validés : { $messages ->
        [one] { $messages } message
        [many] { $messages } messages
       *[other] { $messages } messages
    }
sign-off-locales-untranslated = , { $count ->
        [one] { $count } sans traduction en { $target } laissé de côté
        [many] { $count } sans traduction en { $target } laissés de côté
       *[other] { $count } sans traduction en { $target } laissés de côté
    }

## `bitext publish` : en attente, bloqués, maintenus en ligne ; fichiers joints ; dossier de sortie

gate-missing-document = le document { $lang } manque ({ $path })
gate-asset-type = { $file } est référencé mais n’est pas d’un type de fichier que bitext publie ({ $allowed })
gate-asset-content = { $file } n’est pas l’image qu’annonce son extension
gate-asset-link = { $file } est un lien symbolique ; bitext ne publie que les fichiers ordinaires du dossier du communiqué
gate-asset-svg = { $file } est un SVG au contenu actif ou externe ({ $what })
publish-waiting = en attente
publish-kept-live = maintenu en ligne dans sa version du { $date }
publish-withdrawn = retiré
publish-withdrawn-why = { $release } : son dossier a disparu, ses pages { $mode ->
        [dry-run] quitteraient
       *[done] ont quitté
    } le site
# Ajouté à publish-summary, avant publish-left-out.
publish-count-waiting = , { $count } en attente
publish-busy = un autre bitext publish écrit dans { $dir } ; réessayez quand il aura fini
publish-would-empty = publication refusée dans { $dir } : le site en ligne compte { $count ->
        [one] { $count } communiqué
        [many] { $count } communiqués
       *[other] { $count } communiqués
    } et cette publication les retirerait tous ([paths] releases est-il juste ?) ; utilisez --allow-empty pour publier un site vide
publish-not-recorded = le nouveau site est en ligne dans { $dir }, mais sa publication n’a pas pu être enregistrée dans { $files } : relancez bitext publish pour l’enregistrer
template-out-of-fuel = arrêté après { $steps } étapes : le gabarit boucle-t-il sans fin ?
workspace-releases-missing = [paths] releases désigne { $dir }, qui n’existe pas
## `bitext sign-off` : ce qu’une validation approuve, et pourquoi elle est refusée

sign-off-refused-drifted = { $release } refusé : l’anglais a changé depuis la validation du français (mettez le français à jour, ou gardez-le tel quel avec --accept LIGNE ou --force)
sign-off-refused-errors = { $release } refusé : il comporte des erreurs (corrigez-les, ou acceptez-les avec --accept LIGNE ou --force)
sign-off-new = { $count ->
        [one] { $count } nouvelle
        [many] { $count } nouvelles
       *[other] { $count } nouvelles
    }
sign-off-target-edits = { $count ->
        [one] { $count } modification du { $target } approuvée
        [many] { $count } modifications du { $target } approuvées
       *[other] { $count } modifications du { $target } approuvées
    }
sign-off-drifts-accepted = { $count ->
        [one] { $count } dérive acceptée telle quelle
        [many] { $count } dérives acceptées telles quelles
       *[other] { $count } dérives acceptées telles quelles
    }
sign-off-one-sided = { $count } sans équivalent
sign-off-errors-accepted = { $count ->
        [one] { $count } erreur acceptée
        [many] { $count } erreurs acceptées
       *[other] { $count } erreurs acceptées
    }
sign-off-accept-bad = --accept « { $value } » n’est pas une ligne : indiquez un numéro de ligne, ou en.md:LIGNE / fr.md:LIGNE comme check l’affiche
sign-off-accept-unmatched = --accept { $line } ne correspond à rien à approuver dans { $releases }

## Collections, `bitext init`, états de référence (ticket 11)

collection-bad-name = [[collection]] doit avoir un nom qui lui est propre (« { $name } » est vide ou déjà pris)
collection-bad-glob = motif « { $glob } » invalide : { $error }
collection-no-files = collection « { $name } » : indiquez soit source et target, soit files
collection-same-suffix = collection « { $name } » : source-suffix et target-suffix doivent différer
collection-two-rules = collection « { $name } » : indiquez une seule règle d’appariement (pairing, front-matter ou link-field)
collection-rule-layout = collection « { $name } » : la règle { $rule } ne convient pas à ces motifs (same-path demande source et target, suffix demande files)
collection-key-claimed = { $first } et { $second } revendiquent tous deux { $rule } « { $key } » : aucun des deux n’est apparié
collection-key-nowhere = { $file } : { $rule } « { $key } » ne mène à aucune page
collection-missing-document = { $file } n’a pas de page en { $target } (inscrivez-la sous english-only si c’est voulu)
collection-orphan-document = { $file } n’a pas de page en { $source } : elle a été déplacée ou supprimée
init-found = { $name } : { $pairs ->
        [one] { $pairs } paire
        [many] { $pairs } paires
       *[other] { $pairs } paires
    }, { $english } en anglais seulement, { $french } en français seulement, par { $rule }
init-by-content = { $name } : { $count ->
        [one] { $count } d’entre elles appariée d’après le contenu et inscrite sous [[collection.pair]] : vérifiez-la
        [many] { $count } d’entre elles appariées d’après le contenu et inscrites sous [[collection.pair]] : vérifiez-les
       *[other] { $count } d’entre elles appariées d’après le contenu et inscrites sous [[collection.pair]] : vérifiez-les
    }
init-conflicts = { $name } : { $count ->
        [one] { $count } clé d’appariement revendiquée deux fois ou sans cible
        [many] { $count } clés d’appariement revendiquées deux fois ou sans cible
       *[other] { $count } clés d’appariement revendiquées deux fois ou sans cible
    } (bitext check nomme les fichiers)
init-none = aucune page en deux langues trouvée ici (voir docs/collections.md pour écrire bitext.toml à la main)
init-exists = { $path } existe déjà : bitext init ne l’écrase jamais (--dry-run montre ce qu’il écrirait)
init-written = { $path } écrit
init-next-steps = Étapes suivantes :
    bitext check                        voir ce qui manque ou n’est pas traduit
    bitext sign-off --baseline-from-git  déduire une première validation de l’historique git
    bitext status                       part traduite et à jour, page par page
baseline-git = état de référence { $name } : l’anglais de { $commit } (dernier commit de la page française), déduit
baseline-current = état de référence { $name } : l’état actuel, déduit ({ $reason ->
        [not-a-repository] pas un dépôt git
        [never-committed] la page française n’a jamais été enregistrée dans git
        [source-not-then] la page anglaise n’existait pas au dernier commit de la page française
       *[not-asked] comme demandé
    })
baseline-releases = --baseline et --baseline-from-git s’appliquent aux pages des collections : nommez-les ou utilisez --all
status-document = page
status-translated = traduit
status-in-sync-share = à jour
status-collection = { $name } : { $documents ->
        [one] { $documents } document
        [many] { $documents } documents
       *[other] { $documents } documents
    }, { $missing } manquants, { $orphans } orphelins ; { $translated } traduit, { $in_sync } à jour
## Arguments, progression, complétions, valeurs par défaut de `new` (ticket 10, points 4 à 7)

# Ajouté à error-unknown-release.
error-did-you-mean =  ; vouliez-vous dire { $release } ?
error-not-in-release = { $path } n’est dans aucun dossier de communiqué de { $releases }
error-empty-folder = aucun communiqué ni aucune page de collection ne se trouve sous { $path }
folder-not-one-release = { $path } contient { $count } communiqués et pages ; nommez-en un seul
changed-since-git = impossible d’obtenir de git la liste des fichiers modifiés depuis { $rev } : { $error }
changed-since-none = aucun communiqué modifié depuis { $rev }
progress-checking = vérification
title-french-missing = le titre français reste à écrire : l’adresse française reste vide d’ici là
title-slug-mismatch = l’adresse en { $lang } « { $slug } » de release.toml ne correspond plus au titre, qui donne « { $expected } »

## `bitext diff` : tout ce que le traducteur doit faire

diff-new-source = { $lang }, jamais validé :
diff-target-missing = { $lang } : pas encore traduit
diff-target-since = { $lang } depuis la validation :
diff-target-unrecorded = { $lang } actuel (le registre est antérieur à son enregistrement : pas de différence avant la prochaine validation) :
diff-source-now = { $lang } actuel ({ $path }:{ $line }) :
diff-source-removed = { $lang } supprimé depuis la validation :
diff-target-left = { $lang } toujours présent ({ $path }:{ $line }) :
diff-nothing = { $release } : rien à faire, chaque paire est telle qu’elle a été validée
## Durcissement (ticket 12) : limites de taille et d’imbrication, contrôles de l’import XLIFF, liens symboliques

error-too-large = { $path } : le fichier fait { $size } octets, au-delà de la limite de { $limit } octets que lit bitext
ftl-too-deep = placeables ou sélecteurs imbriqués sur plus de { $limit } niveaux
xml-too-deep = éléments imbriqués sur plus de { $limit } niveaux
xliff-control-character = un caractère de contrôle (NUL ou un autre que XML n’admet pas) ne peut pas entrer dans un document
xliff-wrong-language = { $attribute }="{ $found }" n’est pas la langue { $expected } de cet espace de travail
xliff-data-changed = les données d’origine « { $key } » ne sont pas celles qu’a écrites l’export : exportez de nouveau et laissez les codes tels quels
xliff-code-unknown = la cible contient un code (« { $key } ») que l’export n’a pas écrit pour cette unité
xliff-code-twice = la cible utilise deux fois le code « { $key } »
xliff-code-missing = il manque à la cible le code { $code } de la source : gardez chaque code de la source dans la traduction
xliff-overlaps = chevauche une autre unité traduite de cet import
error-link-outside = { $path } : lien symbolique vers { $target }, hors de l’espace de travail : bitext ne suit que les liens qui restent dans l’espace de travail

## `bitext man --out DIR` (ticket 10, fin)
man-written = { $count } pages de manuel écrites dans { $dir }
man-not-ours = { $path } : ce n’est pas une page de manuel écrite par bitext, qui ne remplace que ses propres pages (déplacez ce fichier ou choisissez un autre dossier)
man-out-not-folder = { $path } n’est pas un dossier
## Collections (ticket 11) : un chemin de page qui ne désigne rien

error-unknown-page = aucun document de collection ni aucun communiqué n’a le chemin « { $path } »
## Tolérance aux pannes (ticket 12) : fichiers en lecture seule, verrou d’écriture de l’espace de travail

atomic-read-only = { $what ->
    [folder] le dossier est en lecture seule : bitext n’y écrit pas
   *[file] le fichier est en lecture seule : bitext ne le remplace pas
}
write-lock-waiting = en attente : une autre exécution de bitext écrit dans cet espace de travail (elle tient le verrou sur { $path })
## XLIFF read as a stream (issue 12)

xml-not-closed = fin de fichier inattendue : un élément n’est pas fermé
xml-second-root = un second élément racine : un document XML n’en a qu’un

## Noms (ticket 13) : versions des normes
name-version-differs = { $name } est en version { $source_version } dans le texte { $source }, mais en version { $target_version } dans le texte { $target }
## Sign-off record in its own line format (issue 14, lock)

lock-bad-line = ligne inattendue : un registre de validation contient `{ $header }`, `signed-by`, `signed-at`, puis des lignes `pair` ou `one-sided`, chacune suivie des lignes de son texte (`<` pour la source, `>` pour la cible)
lock-text-before-pair = une ligne de texte avant la première ligne `pair`
lock-missing-header = une ligne `pair` avant la ligne `{ $header }` qui indique la version du registre
lock-bad-sides = empreintes de la source attendues, puis `|`, puis celles de la cible, avec `-` pour un côté vide
## Limites (ticket 12) : un registre de validation trop gros pour être relu

error-lock-too-large = { $path } : le registre de validation ferait { $size } octets, au-delà de la limite de { $limit } octets que lit bitext ; il n’a pas été écrit (scindez le communiqué, ou validez des segments moins nombreux et plus longs)
