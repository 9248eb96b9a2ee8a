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
diff-none = { $release }: no drifted pairs

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
    }{ $one_sided ->
        [0] {""}
       *[other] , { $one_sided } one-sided
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
xliff-inline-unknown-data = <{ $element }> refers to unknown data "{ $key }": bitext cannot tell what Markdown it stands for
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
