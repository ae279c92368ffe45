"""The shared text layer of the extractors: cut the text once, read it everywhere.

    from extractors.base import text_layer

    layer = text_layer(doc)                 # one per Doc, each part built on first use
    layer.tokens, layer.words               # Token(text, start, stop, kind); .is_word, .is_number
    layer.sentences                         # Sentence(start, stop); no cut after г., им., А.С., in «…»
    layer.sentence_at(offset)               # the sentence holding an offset (or None)
    layer.lines, layer.list_items           # Line(start, stop, kind, body), Item(start, body, stop)
    layer.reflowed.text                     # wrapped lines, cut words, space runs, glued words fixed
    layer.reflowed.to_source(start, stop)   # a reflowed span back to its source span
    layer.reflowed_tokens                   # tokens of the reflowed text, a cut word read whole
    layer.reflowed_sentences                # the sentences in reflowed offsets

Modules: ``tokens``, ``sentences``, ``lines``, ``reflow``, ``layer`` and the one
nominative/inflection helper ``inflect``. Word lists and thresholds are data
(``extractors/data/text_*.json``). Every span is an offset pair into the
source text, so ``text[start:stop]`` is always the mention's text.
"""
