### Textes types communs aux communiqués du ministère de la Défense du Royaume-Uni (fr-FR).
### Chaque message traduit celui de même identifiant dans locales/en-GB/mod.ftl.
### Les communiqués y renvoient par {{@ identifiant }} (voir docs/boilerplate.md).

## Organisation

-mod = ministère de la Défense du Royaume-Uni

## Textes types

# Paragraphe de conclusion repris à la fin de chaque communiqué du ministère.
closing-priority = Assurer la sécurité du pays est la première priorité du gouvernement et fait partie intégrante de son Plan pour le changement. La défense joue un rôle essentiel dans la sécurité et la stabilité du Royaume-Uni ; elle soutient chacune des cinq missions du gouvernement et constitue le socle de son plan.

# Titre du chef d’état-major britannique (Chief of the Defence Staff), en
# minuscule initiale comme tout titre placé après le nom.
chief-of-defence-staff = chef d’état-major de la Défense

notes-to-editors = Notes aux rédactions

# Bloc « contact presse » à la fin d’un communiqué.
# Variables :
#   $email (String) - adresse du service de presse pour ce communiqué.
#   $phone (String) - numéro du service de presse au format international,
#                     commun aux deux langues, p. ex. « +44 20 7218 7907 ».
media-contact = Pour toute demande des médias, veuillez contacter le service de presse du { -mod } par courriel à l’adresse { $email } ou par téléphone au { $phone }.

# Variables (tirées du fichier release.toml du communiqué) :
#   $organisation (String) - organisme émetteur.
#   $date (Date) - date du communiqué.
published-on = Publié par le { $organisation } le { DATE($date) }.

## Listes

# Variables :
#   $count (Number) - nombre de communiqués de presse.
# CLDR (fr) : « one » pour 0 et 1, « many » pour les millions ronds
# (1 000 000 de communiqués), « other » pour le reste.
release-count =
    { $count ->
        [one] { $count } communiqué de presse
        [many] { $count } de communiqués de presse
       *[other] { $count } communiqués de presse
    }
