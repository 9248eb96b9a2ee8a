Signature: bitext-site
# This folder is a site written by `bitext publish`, which replaces it
# whole on each run that changes it. bitext refuses to replace a
# non-empty folder without this file.
