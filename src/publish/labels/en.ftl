# The built-in words of the published site on an English page, and on the
# page of any language that has no resource of its own here. Templates get
# every word but `prefix` as `labels`, its id in snake case (`index-intro`
# is `labels.index_intro`); a workspace changes them by overriding the
# templates that show them.

# The site title when `[publish] title` does not give one.
site-title = News
# The language's own name, on the link that leads to it.
language-name = English
# The URL path of this language's pages when `[publish] prefix` does not
# give one. Only a language's own resource sets it: other languages use
# their code alone.
prefix = en/news
skip = Skip to main content
languages = Language
breadcrumbs = Breadcrumbs
press-release = Press release
from = From
published = Published
topics = Topics
feed = Subscribe to the Atom feed
index-intro = Press releases, newest first.
empty = No press releases have been published yet.
footer = This site is published in English and French at the same time.
# On the language-choice page at the site root.
choose = Read the news in English
