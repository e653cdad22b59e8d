"""The analysis of one document: what every stage found (a plain container, no logic).

Every stage's result type is only named here for type checking, so that any stage may take an
``Analysis`` without importing the stages after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plan_parser.model import Finding

if TYPE_CHECKING:
    from plan_parser.extract.deadlines import Deadline, VagueReport
    from plan_parser.extract.targets import Target
    from plan_parser.normalize import NormalizedText
    from plan_parser.parent.profile import ParentProfile
    from plan_parser.readers import SourceDocument
    from plan_parser.resolve.assignments import Assignment
    from plan_parser.resolve.places import PlaceCheck
    from plan_parser.resolve.references import ReferencedDocument
    from plan_parser.resolve.units import Unit
    from plan_parser.structure import DocumentStructure


@dataclass(slots=True)
class Analysis:
    """Everything known about one document."""

    source: SourceDocument
    normalized: NormalizedText
    structure: DocumentStructure
    findings: list[Finding] = field(default_factory=list)
    references: list[ReferencedDocument] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # figures a rule set aside as no target (each with its reason), for tools and debugging
    set_aside_targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    vague_reports: list[VagueReport] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    lead_unit: Unit | None = None
    places: list[PlaceCheck] = field(default_factory=list)
    faults: list[Finding] = field(default_factory=list)  # internal errors of the stages
    parent_profile: ParentProfile | None = None  # what the deviation checks compared with
