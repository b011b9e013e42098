"""The corpus the web tests index: the seed resolutions plus two hostile ones (markup in the
text and in the title, long unbreakable symbol lists), printed as the UN prints resolutions."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEEDS

HOSTILE = """Résolution adoptée par l’Assemblée générale le 1er mars 2020

70/999. Essai de sécurité

L’Assemblée générale,

Rappelant la résolution <script>window.pwned = 1</script> et <img src=x onerror="window.pwned=2"> zanzibarite,

1. Prie le Secrétaire général de ne rien faire <b>du tout</b> zanzibarite ;

2. Décide de demeurer saisie de la question.

99e séance plénière
1er mars 2020
"""

# A title carrying markup, and a paragraph whose document symbols run on without a space.
HOSTILE_TITLE = """Résolution adoptée par l’Assemblée générale le 23 décembre 2016

71/250. Essai <script>window.pwned = 3</script> de titre <img src=x onerror="window.pwned=4">

L’Assemblée générale,

Rappelant sa résolution 70/1 du 25 septembre 2015, publiée sous les cotes A/RES/70/1,A/70/L.1,A/CONF.227/20/Add.1/Corr.1,E/CN.4/Sub.2/2006/SR.12/Add.1/Corr.2 (quokkamarine),

1. Prie le Secrétaire général de lui présenter à sa soixante-douzième session un rapport sur l’application de la présente résolution quokkamarine ;

2. Décide de demeurer saisie de la question.

65e séance plénière
23 décembre 2016
"""


def build_web_index(root: Path) -> Path:
    """Index the seeds and the hostile resolutions under `root`; returns the index path."""
    from indexer import build

    corpus = root / "corpus"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "hostile_title.txt").write_text(HOSTILE_TITLE, encoding="utf-8")
    build(corpus, index=root / "index", procs=1)
    return root / "index"
