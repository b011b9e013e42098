"""Introductory words of French UN resolution paragraphs: used to recognise the word that opens a
preambular or operative paragraph and to repair OCR-damaged ones (`Reéaffirme` → `Réaffirme`)."""


from __future__ import annotations


# Words opening preambular paragraphs: present participles and the m./f./pl. forms of adjectives
# and past participles (the organ may be l’Assemblée générale or le Conseil). `Se` covers
# `Se félicitant`, `Se déclarant`, `Se référant`, `Se réjouissant`, `Se disant`.
PREAMBULAR: frozenset[str] = frozenset(
    {
        "Accueillant", "Affirmant", "Affligé", "Affligée", "Affligées", "Affligés",
        "Agissant", "Alarmé", "Alarmée", "Alarmées", "Alarmés", "Animé", "Animée",
        "Animées", "Animés", "Appelant", "Appréciant", "Approuvant", "Appuyant",
        "Attachant", "Attaché", "Attachée", "Attachées", "Attachés", "Attendant",
        "Attristé", "Attristée", "Attristées", "Attristés", "Ayant", "Bouleversé",
        "Bouleversée", "Bouleversées", "Bouleversés", "Choqué", "Choquée", "Choquées",
        "Choqués", "Condamnant", "Confiant", "Confiante", "Confiantes", "Confiants",
        "Confirmant", "Conscient", "Consciente", "Conscientes", "Conscients", "Considérant",
        "Constatant", "Consterné", "Consternée", "Consternées", "Consternés", "Convaincu",
        "Convaincue", "Convaincues", "Convaincus", "Craignant", "Décidé", "Décidée",
        "Décidées", "Décidés", "Déclarant", "Dénonçant", "Déplorant", "Désirant",
        "Désireuse", "Désireuses", "Désireux", "Déterminé", "Déterminée", "Déterminées",
        "Déterminés", "Ému", "Émue", "Émues", "Émus", "Encouragé", "Encouragée",
        "Encouragées", "Encouragés", "Espérant", "Estimant", "Exprimant", "Faisant",
        "Félicitant", "Fidèle", "Fidèles", "Gardant", "Guidé", "Guidée", "Guidées",
        "Guidés", "Horrifié", "Horrifiée", "Horrifiées", "Horrifiés", "Indigné", "Indignée",
        "Indignées", "Indignés", "Inquiet", "Inquiète", "Inquiètes", "Inquiets",
        "Insistant", "Inspiré", "Inspirée", "Inspirées", "Inspirés", "Jugeant", "Louant",
        "Mettant", "Notant", "Observant", "Outré", "Outrée", "Outrées", "Outrés",
        "Partageant", "Persuadé", "Persuadée", "Persuadées", "Persuadés", "Prenant",
        "Préoccupé", "Préoccupée", "Préoccupées", "Préoccupés", "Rappelant", "Réaffirmant",
        "Reconnaissant", "Reconnaissante", "Reconnaissantes", "Reconnaissants", "Redisant",
        "Regrettant", "Réitérant", "Rejetant", "Relevant", "Remerciant", "Rendant",
        "Résolu", "Résolue", "Résolues", "Résolus", "Sachant", "Saluant", "Satisfait",
        "Satisfaite", "Satisfaites", "Satisfaits", "Se", "Sensible", "Sensibles",
        "Soucieuse", "Soucieuses", "Soucieux", "Souhaitant", "Soulignant", "S’inquiétant",
        "Tenant", "Troublé", "Troublée", "Troublées", "Troublés",
        # Openers of older texts (1946–1980s) and of the Security Council's yearly volumes.
        "Renouvelant", "Envisageant", "Demandant", "Invitant", "Souscrivant", "Indiquant",
        "Encourageant", "Exhortant", "Réprouvant", "Priant", "Recommandant", "Vu", "Eu",
        "Frappé", "Frappée", "Frappées", "Frappés", "Informé", "Informée", "Informées",
        "Informés", "Saisi", "Saisie", "Averti", "Avertie", "Certain", "Certaine",
        "Heureux", "Heureuse", "Regardant", "Revenant",
        "Accordant", "Convenant", "Reprenant", "Signalant", "Proclamant", "Prévoyant",
        "Attendu", "Étant", "Admettant", "S’associant", "S’inspirant", "S’appuyant",
        "S’efforçant", "Compte",
    }
)


# Verbs opening operative paragraphs, present tense, 3rd person singular. `Se` covers
# `Se félicite`, `Se déclare`, `Se réjouit`, `Se dit`; `Prend` covers `Prend note`/`Prend acte`.
OPERATIVE: frozenset[str] = frozenset(
    {
        "Accepte", "Accorde", "Accueille", "Adjure", "Adopte", "Adresse", "Affirme",
        "Appelle", "Apprécie", "Approuve", "Appuie", "Attend", "Attire", "Autorise",
        "Avalise", "Charge", "Compte", "Conclut", "Condamne", "Confie", "Confirme",
        "Considère", "Constate", "Convient", "Convoque", "Crée", "Décide", "Déclare",
        "Demande", "Dénonce", "Déplore", "Désapprouve", "Désigne", "Élargit", "Élit",
        "Encourage", "Engage", "Enjoint", "Entend", "Entérine", "Espère", "Estime",
        "Établit", "Exhorte", "Exige", "Exprime", "Fait", "Félicite", "Fixe", "Incite",
        "Insiste", "Institue", "Invite", "Juge", "Lance", "Lève", "Loue", "Mandate", "Met",
        "Modifie", "Nomme", "Note", "Observe", "Partage", "Précise", "Préconise", "Prend",
        "Prie", "Proclame", "Prolonge", "Proroge", "Rappelle", "Réaffirme", "Réclame",
        "Recommande", "Reconduit", "Reconnaît", "Redit", "Regrette", "Réitère", "Rejette",
        "Relève", "Remercie", "Rend", "Renouvelle", "Renvoie", "Reporte", "Réprouve",
        "Sait", "Salue", "Se", "Signale", "Souhaite", "Souligne", "Souscrit", "Soutient",
        "Suspend", "S’associe", "S’inquiète", "Tient", "Transmet",
        # Verbs of older texts.
        "Propose", "Ordonne", "Suggère", "Admet", "Presse", "Somme", "Avertit", "Censure",
        "Soumet", "Ratifie",
        "Décrète", "Adjure", "Agrée", "Commande", "Envisage", "Émet", "Formule",
        "Prescrit", "Requiert", "Constitue", "Donne", "Désire", "Ajourne", "Blâme",
        "S’engage", "S’efforce", "S’élève", "S’oppose",
    }
)


# -ment adverbs that may precede the introductory word (`Profondément préoccupée`) and are skipped.
ADVERBS: frozenset[str] = frozenset(
    {
        "Également", "Entièrement", "Extrêmement", "Fermement", "Fortement", "Gravement",
        "Particulièrement", "Pleinement", "Profondément", "Résolument", "Sérieusement",
        "Sincèrement", "Véritablement", "Vivement", "Vraiment", "Hautement",
        "Énergiquement", "Instamment", "Solennellement", "Unanimement", "Dûment",
    }
)


# First words whose next (lower-case) word belongs to the verb: reflexives (`Se félicite`,
# `S’inquiète`) and the first words of the fixed phrases `Prend note`/`Prend acte` and
# `Prenant note`/`Prenant acte`, whose accepted second words are listed in PHRASE_WORDS.
KEEP_NEXT: frozenset[str] = frozenset({"Prend", "Prenant", "S’", "Se"})

# Fixed phrases: first word → the only second words that make up the verb with it.
PHRASE_WORDS: dict[str, frozenset[str]] = {
    "Prend": frozenset({"acte", "note"}),
    "Prenant": frozenset({"acte", "note"}),
}
