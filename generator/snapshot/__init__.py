"""Stage 0 of a site's data: activity figures are read from the X API into dated snapshot files.

`plan` decides what to request and what it costs, `run` asks an `api.XApi` for it (only
`client` knows tweepy), `payloads` turns X's answers into the typed `format`, `store` reads and
writes `movements/<slug>/snapshots/<YYYY-MM-DD>.json`, `sample` makes fictional histories.
"""
