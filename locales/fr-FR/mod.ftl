### Textes types communs aux communiqués du ministère de la Défense du Royaume-Uni (fr-FR).
### Chaque identifiant doit aussi exister dans locales/en-GB/mod.ftl.

## Organisation

-mod = ministère de la Défense du Royaume-Uni

## Textes types

# Paragraphe de conclusion repris à la fin de chaque communiqué du ministère.
closing-priority = Assurer la sécurité du pays est la première priorité du gouvernement et fait partie intégrante de son Plan pour le changement. La défense joue un rôle essentiel dans la sécurité et la stabilité du Royaume-Uni ; elle soutient chacune des cinq missions du gouvernement et constitue le socle de son plan.

chief-of-defence-staff = chef d’état-major des armées

notes-to-editors = Notes aux rédactions

# Variables :
#   $phone (String) - numéro du service de presse, p. ex. « 020 7218 7907 ».
media-enquiries = Pour toute demande des médias, veuillez contacter le service de presse du { -mod } au { $phone }.

## Listes

# Variables :
#   $count (Number) - nombre de communiqués de presse.
# CLDR (fr) : « one » pour 0 et 1, « many » pour les grands nombres ronds
# (1 000 000 de communiqués), « other » pour le reste.
release-count =
    { $count ->
        [one] { $count } communiqué de presse
        [many] { $count } de communiqués de presse
       *[other] { $count } communiqués de presse
    }
