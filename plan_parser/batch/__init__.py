"""Batches of documents: which files to read (``inputs``), where outputs go, the store of
results that lets a rerun skip what is done (``store``), the worker that analyses one file
(``worker``) and the run that maps it over a process pool (``runner``).

Only ``inputs`` is imported here (the standard library only): the command line loads it.
"""

from plan_parser.batch.inputs import (
    Inputs,
    OutputError,
    OutputFolder,
    Tally,
    check_output_place,
    collect_inputs,
    output_name,
)

__all__ = [
    "Inputs",
    "OutputError",
    "OutputFolder",
    "Tally",
    "check_output_place",
    "collect_inputs",
    "output_name",
]
