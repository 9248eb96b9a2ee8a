### Shared boilerplate for Ministry of Defence news releases (en-GB).
### Every message id here must also exist in locales/fr-FR/mod.ftl.

## Organisation

-mod = Ministry of Defence

## Standard text

# The closing paragraph repeated at the end of every MOD news release.
# Wording kept exactly as published, including the comma after "defence".
closing-priority = Keeping the country safe is the Government’s first priority, and an integral part of its Plan for Change. The work of defence, is critical to the security and stability of the UK, supporting all of the Government’s five missions as a foundation of its plan.

chief-of-defence-staff = Chief of the Defence Staff

notes-to-editors = Notes to editors

# Variables:
#   $phone (String) - press office telephone number, e.g. "020 7218 7907".
media-enquiries = For media enquiries, contact the { -mod } press office on { $phone }.

## Listings

# Variables:
#   $count (Number) - number of news releases.
release-count =
    { $count ->
        [one] { $count } news release
       *[other] { $count } news releases
    }
