### Shared boilerplate for Ministry of Defence news releases (en-GB).
### Every message here has a translation in locales/fr-FR/mod.ftl. Releases
### refer to a message as {{@ message-id }} (see docs/boilerplate.md).

## Organisation

-mod = Ministry of Defence

## Standard text

# The closing paragraph repeated at the end of every MOD news release.
# Wording kept exactly as published, including the comma after "defence".
closing-priority = Keeping the country safe is the Government’s first priority, and an integral part of its Plan for Change. The work of defence, is critical to the security and stability of the UK, supporting all of the Government’s five missions as a foundation of its plan.

chief-of-defence-staff = Chief of the Defence Staff

notes-to-editors = Notes to editors

# The media-contact block at the end of a release.
# Variables:
#   $email (String) - the press office address for this release.
#   $phone (String) - the press office telephone number, written
#                     internationally so that both languages share it,
#                     e.g. "+44 20 7218 7907".
media-contact = For media enquiries, contact the { -mod } press office by email at { $email } or by telephone on { $phone }.

# Variables (from the release's release.toml):
#   $organisation (String) - the issuing organisation.
#   $date (Date) - the release's date.
published-on = Published by the { $organisation } on { DATE($date) }.

## Listings

# Variables:
#   $count (Number) - number of news releases.
release-count =
    { $count ->
        [one] { $count } news release
       *[other] { $count } news releases
    }
