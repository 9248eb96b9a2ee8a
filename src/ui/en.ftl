# bitext's own messages, English (the reference resource).
# Every message here exists in fr.ftl with the same attributes and the same
# variables; `cargo test --lib ui` checks it. Terminology: docs/ui.md.

## Words used inside other messages

# A language by its ISO 639 code; unknown codes are shown as they are.
language = { $code ->
        [en] English
        [fr] French
        [de] German
        [es] Spanish
        [it] Italian
        [nl] Dutch
        [pt] Portuguese
       *[other] { $code }
    }
# The segments a finding is about: one by its kind, several by their count.
segment-run = { $kind ->
        [heading] heading
        [paragraph] paragraph
        [list-item] list item
        [quote] quote
        [table-row] table row
        [image] image
        [boilerplate] boilerplate
       *[segments] { $count } segments
    }
segment-kind = { $kind ->
        [heading] heading
        [paragraph] paragraph
        [list-item] list-item
        [quote] quote
        [table-row] table-row
        [image] image
       *[boilerplate] boilerplate
    }
pair-status = { $status ->
        [in-sync] in-sync
        [one-sided] one-sided
        [source-drifted] source-drifted
        [target-edited] target-edited
        [not-signed-off] not-signed-off
        [missing-translation] missing-translation
       *[missing-source] missing-source
    }
severity = { $severity ->
        [error] error
        [warning] warning
       *[info] info
    }
# Ends a label or a heading ("error:").
colon = :

## Findings of `bitext check`

finding-missing-translation = { $source } { $what } { $count ->
        [one] has
       *[other] have
    } no { $target } translation
finding-source-removed = { $what } { $count ->
        [one] was
       *[other] were
    } removed from the { $source } since sign-off but the { $target } still has { $count ->
        [one] it
       *[other] them
    }
finding-missing-source = { $target } { $what } { $count ->
        [one] has
       *[other] have
    } no { $source } counterpart
finding-source-drifted = { $source } changed since the { $target } was signed off
finding-target-edited = { $target } edited since sign-off while the { $source } did not change: review and sign off
finding-not-signed-off = pair not signed off yet

## The human report

report-since-sign-off = since sign-off:
report-ok = ok:
report-all-in-sync = { $releases ->
        [one] { $releases } release
       *[other] { $releases } releases
    } checked, all in sync
report-errors = { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }
report-warnings = { $count ->
        [one] { $count } warning
       *[other] { $count } warnings
    }
report-notes = { $count ->
        [one] { $count } note
       *[other] { $count } notes
    }
report-summary = { $counts } in { $releases ->
        [one] { $releases } release
       *[other] { $releases } releases
    } checked
# The GitHub annotation's pointer to the other side of a pair.
report-see = (see { $path }:{ $line })

## `bitext status` column headers

status-release = release
status-segments = segments
status-in-sync = in sync
status-drifted = drifted
status-edited = edited
status-missing = missing
status-not-signed-off = not signed off
status-one-sided = one-sided

## `bitext diff`

diff-source-since = { $lang } since sign-off:
diff-target-now = { $lang } now ({ $path }:{ $line }):

## `bitext align` and its HTML review page

align-none = (none)
review-title = Review: { $release }
review-summary = { $pairs ->
        [one] { $pairs } pair
       *[other] { $pairs } pairs
    } · { $findings ->
        [one] { $findings } finding
       *[other] { $findings } findings
    }
review-show = Show:
review-status = Status
review-column = { $lang } ({ $tag })
review-findings = Findings
review-none = none
review-signed-off = Deletions and insertions since sign-off.
review-template = review template: { $error }

## `bitext sign-off`

sign-off-done = signed off { $release }: { $pairs ->
        [one] { $pairs } pair
       *[other] { $pairs } pairs
    }
sign-off-refused = refused { $release }: it has unpaired segments (translate them, or use --force to record them as one-sided)
sign-off-nothing = no releases to sign off in { $dir }

## `bitext new`

new-created = created { $path }
new-bad-date = --date "{ $value }" is not a date such as 2025-03-11
new-title-empty = the { $lang } title is empty
new-title-multiline = the { $lang } title must fit on one line
new-title-no-slug = the { $lang } title "{ $title }" has no letters or digits to make a URL slug from
new-exists = { $path } already exists: choose another slug

## `bitext xliff` and `bitext tmx`

xliff-exported = exported { $units ->
        [one] { $units } unit
       *[other] { $units } units
    } from { $files ->
        [one] { $files } release
       *[other] { $files } releases
    } to { $path }
xliff-skipped-html = ({ $count ->
        [one] { $count } segment
       *[other] { $count } segments
    } inside raw HTML left out: edit them in the Markdown)
xliff-refused-unit = refused unit { $unit } of { $release }: { $reason }
xliff-nothing-written = nothing written: { $count ->
        [one] { $count } unit
       *[other] { $count } units
    } refused (use --partial to apply the others)
xliff-file-changes = { $path }: { $replaced } replaced, { $inserted } inserted, { $unchanged } unchanged
xliff-none-applied = no unit could be applied
xliff-source-changed = the { $source } of this segment changed since the export: export it again
xliff-target-changed = the { $target } of this segment changed since the export: export it again
xliff-joined = this segment is translated together with the one before it: put the { $target } there
xliff-not-markdown = the { $source } segment is not Markdown text
xliff-raw-html = the { $target } is inside a raw HTML block: edit it in the Markdown file
xliff-not-xliff = not an XLIFF file: the root element is not <xliff>
xliff-bad-version = unsupported XLIFF version "{ $version }" (bitext reads 2.x and 1.2)
xliff-no-version = the <xliff> element has no version (bitext reads 2.x and 1.2)
xliff-no-release = <file> has no bitext:release attribute
xliff-no-hash = unit "{ $unit }" has no bitext:hash attribute: was it exported by bitext?
xliff-split-unit = unit "{ $unit }" was split into { $count } segments: join them before import
xliff-inline-no-attribute = <{ $element }> has no { $attribute }: bitext cannot tell what Markdown it stands for
xliff-inline-bad-hex = <{ $element }> has no valid hex: bitext cannot tell what Markdown it stands for
xliff-inline-foreign = <{ $element }> is not a code bitext exported: bitext cannot tell what Markdown it stands for
xml-malformed = malformed XML: { $error }
xml-unknown-entity = unknown entity &{ $name };
tmx-exported = exported { $pairs ->
        [one] { $pairs } signed-off pair
       *[other] { $pairs } signed-off pairs
    } and { $boilerplate ->
        [one] { $boilerplate } boilerplate message
       *[other] { $boilerplate } boilerplate messages
    } to { $path }

## Configuration, releases and sign-off records

workspace-same-languages = source and target languages must differ (both are "{ $code }")
workspace-unknown-check = unknown check code "{ $code }" in [checks]
workspace-bad-language = unknown language tag "{ $tag }" (expected a BCP 47 tag such as "en-GB" or "fr-CA")
release-bad-date = `date` must be a date such as 2025-03-11
release-bad-embargo = `embargo` must be a date and time with an offset, such as 2025-03-11T00:01:00+00:00
release-bad-slug = URL slug "{ $slug }" must be lowercase ASCII letters, digits and hyphens
release-no-slug = [slug] has no `{ $code }` entry for { $tag }
lock-bad-version = unsupported lock version { $found } (this bitext writes version { $version })
lock-bad-hash = invalid hash "{ $hash }": expected 16 hexadecimal digits
lock-encode = cannot encode the lock: { $error }

## Errors that stop bitext

error-io = { $path }: { $error }
error-invalid-utf8 = { $path }:{ $line }:{ $column }: invalid UTF-8
error-syntax = { $path }:{ $line }:{ $column }: { $message }
error-missing-file = { $path }: file is missing ({ $what ->
        [config] the workspace configuration
        [release-meta] release metadata
       *[document] a release needs both language versions
    })
error-workspace-not-found = no bitext.toml found in { $start } or any parent folder (use --workspace DIR)
error-unsafe-release-name = { $path }: unsafe release folder name "{ $name }" (use lowercase letters, digits and hyphens)
error-unknown-release = no release named "{ $slug }" in { $releases }

## Fluent boilerplate (`locales/`): references, rendering, locale-tree checks

date-named-argument = DATE() takes no named argument, found `{ $name }`
date-argument-count = DATE() takes one date argument, found { $count }
date-not-a-date = DATE() needs a date such as 2025-03-04, found { $value }
# What DATE() was given when it was given nothing usable.
date-nothing = nothing
expand-no-message = no message `{ $id }` in { $dir } ({ $lang })
expand-no-value = message `{ $id }` has no value, only attributes
expand-failed = cannot expand `{ $reference }` in { $lang }: { $error }
invalid-utf8 = invalid UTF-8
locale-syntax-error = { $error } ({ $lang } syntax error)
locale-lock-bad-version = unsupported locale lock version { $found } (this bitext writes version { $version })
locale-lock-no-locales = no locales to sign off: { $dir } does not exist
locale-lock-encode = cannot encode the locale lock: { $error }
boilerplate-never-signed-off = the { $lang } boilerplate in { $dir } has never been signed off: run `bitext sign-off --locales`
# Appended to boilerplate-drifted.
boilerplate-used-by = ; used by { $count } { $count ->
        [one] release
       *[other] releases
    }: { $releases }
boilerplate-used-by-none = ; used by no release checked
boilerplate-drifted = { $source } of `{ $id }` changed since the { $target } was signed off{ $users }
boilerplate-target-edited = { $target } of `{ $id }` edited since sign-off: review it and run `bitext sign-off --locales`
boilerplate-both-changed = both languages of `{ $id }` changed since sign-off: review and run `bitext sign-off --locales`
boilerplate-not-signed-off = `{ $id }` has not been signed off yet: run `bitext sign-off --locales`
locale-syntax = { $lang } syntax error: { $error } (at line { $line }, column { $column }); the entry is skipped
locale-syntax-in = { $lang } syntax error in `{ $id }`: { $error } (at line { $line }, column { $column }); the entry is skipped
locale-duplicate = `{ $id }` is defined again in { $lang }; the first definition, at { $path }:{ $line }, is the one used
locale-missing = { $kind ->
        [term] term
       *[message] message
    } `{ $id }` is missing in { $lang } ({ $dir })
locale-obsolete = { $kind ->
        [term] term
       *[message] message
    } `{ $id }` is obsolete: { $target } has it, { $source } does not
locale-untranslated = `{ $id }` is identical in { $source } and { $target }: not translated?
locale-value-one-side = `{ $id }` has a value in { $has } but none in { $lacks }
locale-attribute-missing = attribute `{ $id }.{ $name }` is missing in { $target }
locale-attribute-obsolete = attribute `{ $id }.{ $name }` is obsolete: { $target } has it, { $source } does not
locale-item-one-side = `{ $item }` is used in { $has } but not in { $lacks }
locale-item-variant = `{ $item }` is used in variant { $variant } in { $has } but not in { $lacks }
# A message id or attribute, then the problems joined by list-semicolon.
locale-mismatch = { $label }: { $problems }
locale-plural-missing = `{ $label }` selects on `${ $selector }` without { $count ->
        [one] the variant
       *[other] the variants
    } { $missing }: { $lang } needs { $required } (CLDR plural rules)
boilerplate-unknown = `{ $id }` is not defined in { $source_dir } nor in { $target_dir }
boilerplate-incomplete = `{ $id }` is defined in { $has }{ $place } but not in { $lacks } ({ $dir })
boilerplate-unresolved = `{ $reference }` cannot be expanded in { $lang }: { $error }
boilerplate-arguments = `{ $id }` has other arguments in { $source } (`{ $source_reference }`) than in { $target } (`{ $target_reference }`)
boilerplate-unpaired = { $has } uses boilerplate `{ $reference }` but the { $lacks } does not
reference-expected-id = expected a message id after `{ "{{" }@`
reference-expected-name = expected an argument name
reference-expected-colon = expected `:` after argument `{ $name }`
reference-argument-twice = argument `{ $name }` is given twice
reference-expected-comma = expected `,` or `)` after an argument
reference-expected-close = expected `{ "}}" }` to close the reference to `{ $id }`
reference-bad-escape = only \" and \\ are escapes in a string
reference-unterminated = unterminated string: expected a closing `"` on the same line
reference-bad-number = expected a number such as 3 or 1.5, or a date such as 2025-03-04, found `{ $literal }`
reference-expected-value = expected a value: a quoted string, a number or a date such as 2025-03-04

## Quality checks of `bitext check`

# Joins the items of a list ("a; b").
list-semicolon = { "; " }
# The word between the last two alternatives ("a or b").
list-or = or
# A name or phrase of a release quoted in a message.
quoted = “{ $text }”
# $what: link, email, code, number, acronym or name.
check-only-in = { $what ->
        [link] link
        [email] e-mail address
        [code] inline code
        [number] number
        [acronym] acronym
       *[name] name
    } { $items } in the { $side } is not in the { $other }
check-differ = { $what ->
        [link] links
        [email] e-mail addresses
        [code] inline codes
       *[number] numbers
    } differ: { $source } { $source_items } against { $target } { $target_items }
acronym-extra = acronym { $items } in the { $target } is not in the { $source } (add it to [acronyms] in glossary.toml if it is the { $target } form)
glossary-forbidden = glossary: { $forbidden } must not be used for { $term }
glossary-missing = glossary: { $source } { $term } should be translated { $wanted } but the { $target } has none
glossary-keep = glossary: { $name } is never translated but the { $target } does not have it
length-ratio = the { $target } is { $percent }% of the expected length, far { $direction ->
        [shorter] shorter
       *[longer] longer
    } than the { $source } ({ $direction ->
        [shorter] probable omission
       *[longer] probable addition
    })
sentence-missing = sentence { $sentence } seems to have no { $target } counterpart
doubled-word = doubled word { $phrase } in the { $lang }
edge-space = { $kind } starts or ends with a space in the { $lang }
emphasis-space = space just inside `{ $marker }` in the { $lang }: the emphasis will not render
doubled-space = doubled space
unpaired-bracket = unpaired { $family ->
        [parenthesis] parenthesis
        [square-bracket] square bracket
       *[quotation-mark] quotation mark
    } in the { $lang }
ends-with = with `{ $mark }`
ends-without = without `?`, `!` or `:`
end-punctuation = the { $source } ends { $source_end } but the { $target } ends { $target_end }
list-length = { $source_count } list items in the { $source } against { $target_count } in the { $target }
heading-level = level-{ $source_level } heading in the { $source } against level { $target_level } in the { $target }
# A segment's role, compared across languages (a quote counts as a paragraph).
segment-role = { $kind ->
        [heading] heading
        [list-item] list item
        [paragraph] paragraph
        [table-row] table row
        [image] image
       *[boilerplate] boilerplate
    }
kind-mismatch = { $source_kind } in the { $source } paired with a { $target_kind } in the { $target }
suppression-unknown-code = bitext-ignore names unknown code `{ $code }`
suppression-no-code = bitext-ignore names no code (write `<!-- bitext-ignore code: reason -->`)
suppression-no-reason = bitext-ignore gives no reason (write `<!-- bitext-ignore code: reason -->`)
suppression-unused = bitext-ignore { $codes } silences nothing here
canada-space = { $space ->
        [no-break] no-break space
       *[ordinary] space
    } before `{ $mark }`: Canadian French puts no space before `; ! ?`
space-missing-after = missing no-break space after `{ $mark }`
space-ordinary-after = ordinary space after `{ $mark }`: use a no-break space
space-missing-before = missing no-break space before `{ $mark }`
space-ordinary-before = ordinary space before `{ $mark }`: use a no-break space
space-several-before = several no-break spaces before `{ $mark }`
straight-quotes = straight quotes in French text ({ $count } { $count ->
        [one] quotation
       *[other] quotations
    }): use guillemets « »
untranslated = the { $target } is identical to the { $source }: left untranslated?
fix-not-utf8 = { $path }: not UTF-8
sarif-location = { $tag } text
sarif-root = The workspace root (the folder holding bitext.toml).

## `bitext publish` and `bitext render`

gate-draft = status is "draft" (set status = "approved" in release.toml to publish)
gate-no-title = the { $lang } document does not open with a heading to be the page title (start it with a “# Title” line)
gate-embargoed = embargoed until { $utc }
gate-embargoed-offset = embargoed until { $utc } ({ $local })
gate-findings = { $count ->
        [one] { $count } finding
       *[other] { $count } findings
    } at error level
publish-refused-into = refusing to publish into { $dir }: { $reason }
publish-out-root = it is a filesystem root
publish-out-workspace-root = it is the workspace root
publish-out-holds-workspace = it holds the workspace
publish-out-overlaps = it overlaps { $what ->
        [releases] the releases folder
        [locales] the locales folder
       *[templates] the templates folder
    } ({ $dir })
publish-out-not-folder = it exists and is not a folder
publish-out-foreign = it holds files that bitext publish did not write (no { $manifest }); remove it or choose another folder
publish-cannot-write = refusing to publish into { $dir }: cannot write in { $parent } ({ $error })
publish-threads = cannot start publishing threads: { $error }
publish-record-time = cannot write the time { $time } into { $path }
publish-config = bitext.toml: [publish] { $problem }
publish-config-language = names language { $code }, which is neither { $source } nor { $target }
publish-config-prefix = prefix.{ $code } = { $prefix }: use lowercase path segments such as "{ $example }" (not "assets")
publish-config-nested = the prefixes of { $first } ({ $first_prefix }) and { $second } ({ $second_prefix }) must not contain each other
publish-config-base-url = base-url { $url } must start with https:// or http://
publish-same-path = releases { $first } and { $second } both publish to { $path }: give one a different [slug] in its { $meta }
publish-no-date = { $release }: release has no valid date
publish-no-title = { $release }: the { $lang } document has no heading to use as its title
publish-two-languages = { $release }: a release has two languages
publish-manifest = cannot write { $manifest }: { $error }
publish-bad-now = { $text } is not an RFC 3339 date and time such as 2025-05-06T09:00:00+01:00 ({ $error })
publish-now = --now: { $error }
template-built-in = built-in template { $name }
publish-blocked = blocked
publish-blocked-reasons = { $release }: { $reasons }
publish-refused = { $count ->
        [one] { $count } release
       *[other] { $count } releases
    } blocked: nothing was published and { $dir } is unchanged (use --skip-blocked to publish the others)
publish-new = (new)
publish-planned = { $mode ->
        [dry-run] would publish
       *[done] published
    } { $release }
publish-left-out = , { $count ->
        [one] { $count } release
       *[other] { $count } releases
    } left out
publish-dry-run = (dry run: nothing written)
publish-summary = { $mode ->
        [dry-run] would publish
       *[done] published
    } { $count ->
        [one] { $count } release
       *[other] { $count } releases
    } in both languages to { $dir }{ $skipped }{ $tail }
render-bad-lang = --lang { $lang } is not a language of this workspace (use { $source } or { $target })
xml-unexpected-end-tag = unexpected end tag
xml-no-root = no root element

## `bitext sign-off --locales`

# The number is not selected on: the wording is the same for one message.
sign-off-locales = signed off locales: { $messages } messages
# Appended to sign-off-locales.
sign-off-locales-untranslated = , { $count } without a { $target } translation left out

## `bitext publish`: waiting, blocked and kept live; assets; the output folder

gate-missing-document = the { $lang } document is missing ({ $path })
gate-asset-type = { $file } is referenced but is not a file type bitext publishes ({ $allowed })
gate-asset-content = { $file } is not the image its extension says
gate-asset-link = { $file } is a symbolic link; bitext publishes only regular files of the release folder
gate-asset-svg = { $file } is an SVG with active or outside content ({ $what })
publish-waiting = waiting
publish-kept-live = kept live at the version of { $date }
publish-withdrawn = withdrawn
publish-withdrawn-why = { $release }: its folder is gone, so its pages { $mode ->
        [dry-run] would leave
       *[done] have left
    } the site
# Appended to publish-summary, before publish-left-out.
publish-count-waiting = , { $count } waiting
publish-busy = another bitext publish is writing { $dir }; try again when it has finished
publish-would-empty = refusing to publish into { $dir }: the live site has { $count ->
        [one] { $count } release
       *[other] { $count } releases
    } and this run would remove every one (is [paths] releases right?); use --allow-empty to publish an empty site
publish-not-recorded = the new site is live in { $dir }, but its publication could not be recorded in { $files }: run bitext publish again to record it
template-out-of-fuel = stopped after { $steps } steps: does it loop forever?
workspace-releases-missing = [paths] releases names { $dir }, which does not exist
## `bitext sign-off`: what a sign-off approves, and why it refuses

sign-off-refused-drifted = refused { $release }: the English changed since the French was signed off (update the French, or keep it as it is with --accept LINE or --force)
sign-off-refused-errors = refused { $release }: it has errors (fix them, or accept them with --accept LINE or --force)
sign-off-new = { $count ->
        [one] { $count } new
       *[other] { $count } new
    }
sign-off-target-edits = { $count ->
        [one] { $count } { $target } edit approved
       *[other] { $count } { $target } edits approved
    }
sign-off-drifts-accepted = { $count ->
        [one] { $count } drift accepted as is
       *[other] { $count } drifts accepted as is
    }
sign-off-one-sided = { $count } one-sided
sign-off-errors-accepted = { $count ->
        [one] { $count } error accepted
       *[other] { $count } errors accepted
    }
sign-off-accept-bad = --accept "{ $value }" is not a line: use a line number, or en.md:LINE / fr.md:LINE as check prints it
sign-off-accept-unmatched = --accept { $line } matches nothing to approve in { $releases }

## Collections, `bitext init`, baselines (issue 11)

collection-bad-name = [[collection]] needs a name of its own ("{ $name }" is empty or used twice)
collection-bad-glob = bad glob "{ $glob }": { $error }
collection-no-files = collection "{ $name }": give either source and target, or files
collection-same-suffix = collection "{ $name }": source-suffix and target-suffix must differ
collection-two-rules = collection "{ $name }": give one pairing rule (pairing, front-matter or link-field)
collection-rule-layout = collection "{ $name }": the { $rule } rule does not fit these globs (same-path needs source and target, suffix needs files)
collection-key-claimed = { $first } and { $second } both claim { $rule } "{ $key }": neither is paired
collection-key-nowhere = { $file }: { $rule } "{ $key }" points at no page
collection-missing-document = { $file } has no { $target } page (list it under english-only if that is on purpose)
collection-orphan-document = { $file } has no { $source } page: it was moved or deleted
init-found = { $name }: { $pairs ->
        [one] { $pairs } pair
       *[other] { $pairs } pairs
    }, { $english } English-only, { $french } French-only, by { $rule }
init-by-content = { $name }: { $count ->
        [one] { $count } of them matched by content and listed as [[collection.pair]]: review it
       *[other] { $count } of them matched by content and listed as [[collection.pair]]: review them
    }
init-conflicts = { $name }: { $count ->
        [one] { $count } pairing key claimed twice or pointing nowhere
       *[other] { $count } pairing keys claimed twice or pointing nowhere
    } (bitext check names the files)
init-none = no pages in two languages found here (see docs/collections.md to write bitext.toml by hand)
init-exists = { $path } already exists: bitext init never overwrites it (use --dry-run to see what it would write)
init-written = wrote { $path }
init-next-steps = Next steps:
    bitext check                        see what is missing or untranslated
    bitext sign-off --baseline-from-git  infer a first sign-off from git history
    bitext status                       share translated and in sync, per page
baseline-git = baseline { $name }: the English of { $commit } (the French page's last commit), inferred
baseline-current = baseline { $name }: the current state, inferred ({ $reason ->
        [not-a-repository] not a git repository
        [never-committed] the French page was never committed
        [source-not-then] the English page did not exist at the French page's last commit
       *[not-asked] as asked
    })
baseline-releases = --baseline and --baseline-from-git apply to collection pages; name them or use --all
status-document = document
status-translated = translated
status-in-sync-share = in sync
status-collection = { $name }: { $documents ->
        [one] { $documents } document
       *[other] { $documents } documents
    }, { $missing } missing, { $orphans } orphaned; { $translated } translated, { $in_sync } in sync
## Arguments, progress, completions, `new` defaults (issue 10, items 4–7)

# Appended to error-unknown-release.
error-did-you-mean = ; did you mean { $release }?
error-not-in-release = { $path } is not inside a release folder of { $releases }
error-empty-folder = no release and no collection page is under { $path }
folder-not-one-release = { $path } holds { $count } releases and pages; name one of them
changed-since-git = could not list the files changed since { $rev } with git: { $error }
changed-since-none = no release changed since { $rev }
progress-checking = checking
title-french-missing = the French title is still to write: the French URL slug stays empty until it is
title-slug-mismatch = the { $lang } URL slug "{ $slug }" in release.toml no longer matches the title, which gives "{ $expected }"

## `bitext diff`: every action a translator owes

diff-new-source = { $lang }, never signed off:
diff-target-missing = { $lang }: not translated yet
diff-target-since = { $lang } since sign-off:
diff-target-unrecorded = { $lang } now (the lock predates recording it: no diff until the next sign-off):
diff-source-now = { $lang } now ({ $path }:{ $line }):
diff-source-removed = { $lang } removed since sign-off:
diff-target-left = { $lang } still there ({ $path }:{ $line }):
diff-nothing = { $release }: nothing to do, every pair is as signed off
## Hardening (issue 12): input limits, nesting limits, XLIFF import checks, symlinks

error-too-large = { $path }: file is { $size } bytes, over the limit of { $limit } bytes that bitext reads
ftl-too-deep = placeables or selectors nested more than { $limit } deep
xml-too-deep = elements nested more than { $limit } deep
xliff-control-character = a control character (NUL or another that XML does not allow) cannot go into a document
xliff-wrong-language = { $attribute }="{ $found }" is not this workspace's language { $expected }
xliff-data-changed = the original data "{ $key }" is not what the export wrote: export again and keep the codes as they are
xliff-code-unknown = the target has a code ("{ $key }") that the export did not write for this unit
xliff-code-twice = the target uses the code "{ $key }" twice
xliff-code-missing = the target lacks code { $code } of the source: keep every code of the source in the translation
xliff-overlaps = overlaps another translated unit of this import
error-link-outside = { $path }: a symbolic link to { $target }, outside the workspace: bitext follows links only within the workspace

## `bitext man --out DIR` (issue 10, finish)
man-written = wrote { $count } man pages to { $dir }
man-not-ours = { $path }: not a man page bitext wrote; bitext replaces only its own pages (move this file away or choose another folder)
man-out-not-folder = { $path } is not a folder
## Collections (issue 11): a page path that names nothing

error-unknown-page = no collection document or release has the path "{ $path }"
## Fault tolerance (issue 12): read-only targets, the workspace write lock

atomic-read-only = { $what ->
    [folder] the folder is read-only: bitext does not write into it
   *[file] the file is read-only: bitext does not replace it
}
write-lock-waiting = waiting for another bitext run to finish writing this workspace (it holds the lock on { $path })
## XLIFF read as a stream (issue 12)

xml-not-closed = unexpected end of file: an element is not closed
xml-second-root = a second root element: an XML document has only one

## Names (issue 13): versions of standards
name-version-differs = { $name } is version { $source_version } in the { $source } but { $target_version } in the { $target }
## Sign-off record in its own line format (issue 14, lock)

lock-bad-line = unexpected line: a sign-off record has `{ $header }`, `signed-by`, `signed-at`, then `pair` or `one-sided` lines, each followed by its text lines (`<` for the source, `>` for the target)
lock-text-before-pair = a text line before the first `pair` line
lock-missing-header = a `pair` line before the `{ $header }` line that says the record's version
lock-bad-sides = expected the source hashes, `|`, then the target hashes, with `-` for an empty side
## Limits (issue 12): a sign-off record too large to be read back

error-lock-too-large = { $path }: the sign-off record would be { $size } bytes, over the limit of { $limit } bytes that bitext reads; it was not written (split the release, or sign off fewer, longer segments)
