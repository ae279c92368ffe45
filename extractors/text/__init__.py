"""The shared text layer of the extractors: tokens, sentences, lines and list
items, and a reflowed view mapped back to the source (``layer.TextLayer``,
one per document through ``extractors.base.text_layer(doc)``), plus the one
nominative/inflection helper (``inflect``)."""
