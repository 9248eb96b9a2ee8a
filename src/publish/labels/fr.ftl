# The built-in words of the published site on a French page (see en.ftl,
# which every language follows).

site-title = Actualités
language-name = Français
prefix = fr/nouvelles
skip = Aller au contenu principal
languages = Langue
breadcrumbs = Fil d’Ariane
press-release = Communiqué de presse
from = Source
published = Publié le
topics = Sujets
feed = S’abonner au fil Atom
index-intro = Les communiqués de presse, du plus récent au plus ancien.
empty = Aucun communiqué publié pour le moment.
footer = Ce site est publié simultanément en français et en anglais.
choose = Consulter les actualités en français
