"""Word lists the inbox analysers compile at import: intent cues and stopwords, English and Spanish."""
