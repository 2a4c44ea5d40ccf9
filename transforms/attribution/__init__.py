"""Attribution rules: how a quote or a reported statement gets its speaker, as a registry of named
rules (docs/attribution.md). `registry.RULES` lists every rule in priority order; `own.own_speaker`
applies the rules next to quote marks, `transforms.reported` the reported-speech ones.
"""
