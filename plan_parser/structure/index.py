"""Find the section holding a position in O(log n) (sections are nested intervals)."""

from __future__ import annotations

from bisect import bisect_right

from plan_parser.structure.model import DocumentStructure, SectionNode


class SectionIndex:
    """Preorder list of section nodes with parent links, searched by start offset."""

    def __init__(self, structure: DocumentStructure) -> None:
        self.structure = structure
        self.nodes: list[SectionNode] = []
        self.parents: list[int] = []
        self.roots: list[int] = []  # index of each node's top-level section

        def walk(nodes: list[SectionNode], parent: int, root: int) -> None:
            for node in nodes:
                index = len(self.nodes)
                self.nodes.append(node)
                self.parents.append(parent)
                self.roots.append(index if parent == -1 else root)
                walk(node.children, index, index if parent == -1 else root)

        walk(structure.sections, -1, -1)
        self.starts = [node.start for node in self.nodes]

    def deepest(self, position: int) -> int:
        """Index of the deepest node holding ``position``, or -1."""
        i = bisect_right(self.starts, position) - 1
        while i >= 0 and not (self.nodes[i].start <= position <= self.nodes[i].end):
            i = self.parents[i]
        return i

    def path_at(self, position: int) -> str:
        """Path of the deepest section holding ``position``; "closing"/"preamble" outside."""
        closing = self.structure.closing
        if closing is not None and closing.start <= position:
            return "closing"
        i = self.deepest(position)
        return self.nodes[i].path if i >= 0 else "preamble"

    def part_of(self, node_index: int) -> SectionNode | None:
        """The top-level section (I, II …) a node belongs to."""
        return self.nodes[self.roots[node_index]] if node_index >= 0 else None


def section_index(structure: DocumentStructure) -> SectionIndex:
    """The (cached) index of a structure."""
    cached = getattr(structure, "_index", None)
    if cached is None:
        cached = SectionIndex(structure)
        object.__setattr__(structure, "_index", cached)
    return cached
