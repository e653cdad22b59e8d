"""Vietnamese spelling: a syllable language model learnt from official texts
(``tools/build_syllable_lm.py``), the one-change variants of a syllable, and the checker that
weighs each written syllable against its variants in context."""
