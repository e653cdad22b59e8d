"""Batches of documents: which files to read and where outputs go (``inputs``), the store of
results that lets a rerun skip what is done (``store``), the worker that analyses one file
(``worker``) and the run that maps it over a process pool (``runner``).

Nothing is imported here: the command line loads ``inputs`` alone (the standard library only).
"""
