"""The organs whose resolutions ressearch reads: their names as printed, the key of their
opening formula, and the prefixes of their document symbols. The one table of organ names."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Organ:
    """One organ: `name` as printed in French, its opening formula folded to letters, and the
    prefixes of its documents (`A/`) and of its resolutions (`A/RES/`, None if it adopts none)."""

    name: str
    formula_key: str
    doc_prefix: str
    res_prefix: str | None


ORGANS: tuple[Organ, ...] = (
    Organ("Assemblée générale", "lassembleegenerale", "A/", "A/RES/"),
    Organ("Conseil de sécurité", "leconseildesecurite", "S/", "S/RES/"),
    Organ("Conseil économique et social", "leconseileconomiqueetsocial", "E/", "E/RES/"),
    Organ("Conseil des droits de l’homme", "leconseildesdroitsdelhomme", "A/HRC/", "A/HRC/RES/"),
    Organ("Commission des droits de l’homme", "lacommissiondesdroitsdelhomme", "E/CN.4/", None),
)
# Organs that adopt resolutions, and a regex alternation of their names as printed.
COUNCILS_AND_ASSEMBLY = tuple(o.name for o in ORGANS if o.res_prefix)


def names_pattern(names=COUNCILS_AND_ASSEMBLY, capture: bool = True) -> str:
    """A regex alternation of organ names as printed (a capturing group unless told otherwise)."""
    return ("(" if capture else "(?:") + "|".join(re.escape(n) for n in names) + ")"
