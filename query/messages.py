"""Every string a user reads: notes and errors about a search, and the words of the web
page (titles, buttons, legends, labels), in English (terminal, JSON) and French (web page),
in one table. Adding a language is adding a column.

A dict, not gettext: the strings are few, carry named parameters, and are looked up by key
from the engine's typed results and from the templates (`t(key, **params)`); gettext's
catalogues and tooling would add a build step for about a hundred strings. Plurals are two
keys, `KEY.one` and `KEY.other`, chosen by the `n` parameter and the language's rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    # notes
    "long_passage": {
        "en": "a long passage: paragraphs ranked by the words they share with it",
        "fr": "Long passage : les paragraphes sont classés selon les mots qu’ils partagent avec lui."},
    "common_words_budget": {
        "en": "every word of this query is in most paragraphs: the best found in a tenth of a second are shown; "
              "add a rarer word or a phrase for a complete ranking",
        "fr": "Tous les mots de cette recherche figurent dans la plupart des paragraphes : voici les meilleurs "
              "trouvés en un dixième de seconde ; ajoutez un mot plus rare ou une expression entre guillemets."},
    "some_words": {
        "en": "no paragraph has all the words; showing paragraphs with some of them",
        "fr": "Aucun paragraphe ne contient tous les mots ; voici ceux qui en contiennent une partie."},
    "did_you_mean": {
        "en": "did you mean: {words}? (close words are included, ranked lower)",
        "fr": "Vouliez-vous dire : {words} ? (les mots proches sont inclus, classés plus bas)"},
    "named_resolution.one": {
        "en": "{symbol} itself is in the corpus: {n} paragraph",
        "fr": "La résolution {symbol} elle-même figure dans le corpus : {n} paragraphe."},
    "named_resolution.other": {
        "en": "{symbol} itself is in the corpus: {n} paragraphs",
        "fr": "La résolution {symbol} elle-même figure dans le corpus : {n} paragraphes."},
    "past_last_page": {
        "en": "page {page} is past the last page of results",
        "fr": "La page {page} est au-delà de la dernière page de résultats."},
    "estimated_total": {
        "en": "this query matches very many paragraphs: the total is an estimate",
        "fr": "Cette recherche correspond à un très grand nombre de paragraphes : le total est une estimation."},
    "not_a_field": {
        "en": "{name!r} is not a field ({fields}); read as plain words",
        "fr": "« {name} » n’est pas un champ ({fields}) : la recherche porte sur les mots."},
    "plain_words": {
        "en": "read as plain words (its punctuation is not query syntax)",
        "fr": "Recherche lue comme une suite de mots (sa ponctuation n’est pas une syntaxe de requête)."},
    "long_words_dropped": {
        "en": "left out {count} word(s) longer than {max} characters",
        "fr": "{count} mot(s) de plus de {max} caractères ont été ignorés."},
    "words_cut": {
        "en": "only the first {max} words of the query were used",
        "fr": "Seuls les {max} premiers mots de la recherche ont été pris en compte."},
    "range_swapped": {
        "en": "range on {field} read from {start} to {end}",
        "fr": "Intervalle sur {field} lu de {start} à {end}."},
    # errors: the query
    "empty_query": {
        "en": "empty query: give words to search for, or a filter",
        "fr": "Recherche vide : saisissez des mots ou choisissez un filtre."},
    "no_word": {
        "en": "nothing to search: no word of at most {max} characters",
        "fr": "Rien à chercher : aucun mot de {max} caractères au plus."},
    "stop_words_only": {
        "en": "nothing to search in {text!r}: only stop words (de, la, les…) or values no field holds",
        "fr": "Rien à chercher dans « {text} » : uniquement des mots vides (de, la, les…) ou des valeurs "
              "qu’aucun champ ne contient."},
    "unreadable_query": {
        "en": "cannot read the query {text!r}: check its quotes, brackets and field names",
        "fr": "Recherche illisible « {text} » : vérifiez les guillemets, les crochets et les noms de champs."},
    # errors: filters and paging
    "unknown_filter": {
        "en": "unknown filter {names} (filters: {known})",
        "fr": "Filtre inconnu : {names} (filtres : {known})."},
    "unknown_kind": {
        "en": "unknown paragraph kind {value!r}: operative (dispositif), preambular (préambule) or annex (annexe)",
        "fr": "Type de paragraphe inconnu « {value} » : dispositif, préambule ou annexe."},
    "session_not_number": {
        "en": "a session is a number (68), not {value!r}",
        "fr": "Une session est un nombre (68), pas « {value} »."},
    "session_range": {
        "en": "no session {value}: sessions run from 1",
        "fr": "Pas de session {value} : les sessions sont numérotées à partir de 1."},
    "whole_number": {
        "en": "{name} must be a whole number, not {value!r}",
        "fr": "{name} doit être un nombre entier, pas « {value} »."},
    "limit_range": {
        "en": "the number of hits per page is between 1 and {max}, not {value}",
        "fr": "Le nombre de résultats par page va de 1 à {max}, pas {value}."},
    "page_range": {
        "en": "pages are numbered from 1, not {value}",
        "fr": "Les pages sont numérotées à partir de 1, pas {value}."},
    "window": {
        "en": "only the first {max:,} hits can be paged through; narrow the search with more words or a filter",
        "fr": "Seuls les {max} premiers résultats peuvent être parcourus ; précisez la recherche (mots, filtres)."},
    # errors: resolutions, paragraphs, trace
    "which_resolution": {
        "en": "which resolution? give its symbol, e.g. 68/160 or A/RES/68/160",
        "fr": "Quelle résolution ? Donnez sa cote, par exemple 68/160 ou A/RES/68/160."},
    "no_resolution": {
        "en": "no resolution {symbol} in the index",
        "fr": "Résolution introuvable : {symbol} n’est pas dans l’index."},
    "bad_position_ref": {
        "en": "bad reference {ref!r}: after # comes the paragraph's position (FILE#5)",
        "fr": "Référence incorrecte « {ref} » : après # vient la position du paragraphe (FICHIER#5)."},
    "no_paragraph_in_file": {
        "en": "no paragraph {position} of {file} in the index",
        "fr": "Le paragraphe {position} de {file} n’est pas dans l’index."},
    "bad_ref": {
        "en": "bad reference {ref!r}: write SYMBOL:opN or SYMBOL:preN (68/160:op1) or FILE#POSITION",
        "fr": "Référence incorrecte « {ref} » : écrivez COTE:opN ou COTE:preN (68/160:op1) ou FICHIER#POSITION."},
    "no_paragraph": {
        "en": "{symbol} has no paragraph {label}",
        "fr": "La résolution {symbol} n’a pas de paragraphe {label}."},
    "trace_order": {
        "en": "order by similarity or by date",
        "fr": "Ordre : par similarité ou par date."},
    "trace_what": {
        "en": "trace a paragraph reference (68/160:op1) or a passage, one of the two",
        "fr": "Tracez une référence de paragraphe (68/160:op1) ou un passage, l’un des deux."},
    "trace_empty": {
        "en": "nothing to trace: the passage is empty",
        "fr": "Rien à tracer : le passage est vide."},
    "trace_stop_words": {
        "en": "nothing to trace: the passage has only stop words",
        "fr": "Rien à tracer : le passage ne contient que des mots vides."},
    "trace_limit": {
        "en": "trace shows between 1 and {max} paragraphs, not {value}",
        "fr": "Le traçage montre de 1 à {max} paragraphes, pas {value}."},
    # any other text (from a lower layer)
    "raw": {"en": "{text}", "fr": "{text}"},
    # errors: the index
    "index_unavailable": {
        "en": "{reason}",
        "fr": "Index indisponible : {reason}"},
    "index_empty": {
        "en": "the index at {path} is empty; add resolutions with: ressearch index DIR --index {path}",
        "fr": "L’index {path} est vide ; ajoutez des résolutions avec : ressearch index DOSSIER --index {path}"},
    # -- the web page ----------------------------------------------------------------
    "search_label": {"en": "Search", "fr": "Recherche"},
    "search_button": {"en": "Search", "fr": "Rechercher"},
    "search_placeholder": {
        "en": "South-South cooperation, \"human rights\", verb:requests…",
        "fr": "coopération Sud-Sud, \"droits de l’homme\", verb:prie…"},
    "home_title": {"en": "Search United Nations resolutions", "fr": "Recherche dans les résolutions des Nations Unies"},
    "home_help": {
        "en": "Search the paragraphs of resolutions: accents and case do not matter. Query syntax:",
        "fr": "Cherchez dans les paragraphes des résolutions : les accents et la casse ne comptent pas. "
              "Syntaxe :"},
    "trace_form": {"en": "Where was this language adopted? Paste a paragraph:",
                   "fr": "Où ce langage a-t-il été adopté ? Collez un paragraphe :"},
    "trace_button": {"en": "Trace this passage", "fr": "Tracer ce passage"},
    "home_examples": {"en": "Examples:", "fr": "Exemples de recherche :"},
    "home_index": {"en": "The index holds {what}.", "fr": "L’index contient {what}."},
    "home_organs": {"en": "Organs: {organs}.", "fr": "Organes : {organs}."},
    "home_sessions": {"en": "Sessions {first} to {last}.", "fr": "Sessions {first} à {last}."},
    "home_session": {"en": "Session {first}.", "fr": "Session {first}."},
    "home_years": {"en": "Adopted from {first} to {last}.", "fr": "Adoptés de {first} à {last}."},
    "home_year": {"en": "Adopted in {first}.", "fr": "Adoptés en {first}."},
    "and": {"en": "and", "fr": "et"},
    "n_resolutions.one": {"en": "{count} resolution", "fr": "{count} résolution"},
    "n_resolutions.other": {"en": "{count} resolutions", "fr": "{count} résolutions"},
    "n_drafts.one": {"en": "{count} draft resolution", "fr": "{count} projet de résolution"},
    "n_drafts.other": {"en": "{count} draft resolutions", "fr": "{count} projets de résolution"},
    "n_paragraphs.one": {"en": "{count} paragraph", "fr": "{count} paragraphe"},
    "n_paragraphs.other": {"en": "{count} paragraphs", "fr": "{count} paragraphes"},
    "n_files.one": {"en": "{count} file", "fr": "{count} fichier"},
    "n_files.other": {"en": "{count} files", "fr": "{count} fichiers"},
    "in_files": {"en": "{paragraphs} in {files}", "fr": "{paragraphs} dans {files}"},
    "facets": {"en": "Refine", "fr": "Affiner"},
    "facet_organ": {"en": "Organ", "fr": "Organe"},
    "facet_session": {"en": "Session", "fr": "Session"},
    "facet_kind": {"en": "Part", "fr": "Partie"},
    "facet_verb": {"en": "Verb", "fr": "Verbe"},
    "facet_addressee": {"en": "Addressee", "fr": "Destinataire"},
    "kind_preambular": {"en": "preamble", "fr": "préambule"},
    "kind_operative": {"en": "operative part", "fr": "dispositif"},
    "kind_annex": {"en": "annex", "fr": "annexe"},
    "active_filters": {"en": "Filters:", "fr": "Filtres :"},
    "remove_filter": {"en": "remove this filter", "fr": "retirer ce filtre"},
    "summary.one": {"en": "Hit {first} of {count} paragraph", "fr": "Résultat {first} sur {count} paragraphe"},
    "summary.other": {"en": "Hits {first}–{last}, {count} paragraphs found",
                      "fr": "Résultats {first} à {last}, {count} paragraphes trouvés"},
    "summary_estimate": {"en": "Hits {first}–{last}, about {count} paragraphs found",
                         "fr": "Résultats {first} à {last}, environ {count} paragraphes trouvés"},
    "no_hits": {"en": "No paragraph matches.", "fr": "Aucun paragraphe ne correspond."},
    "draft": {"en": "draft resolution", "fr": "projet de résolution"},
    "session_n": {"en": "session {n}", "fr": "{n}e session"},
    "score": {"en": "score {score}", "fr": "pertinence {score}"},
    "score_help": {"en": "BM25 ranking score", "fr": "score de classement BM25"},
    "also_in": {"en": "also in: {copy}", "fr": "aussi dans : {copy}"},
    "copy_of_file": {"en": "file {file}", "fr": "fichier {file}"},
    "read_whole": {
        "en": "Read {symbol} whole",
        "fr": "Lire la résolution {symbol} en entier"},
    "read_in_resolution": {"en": "read in the resolution", "fr": "lire dans la résolution"},
    "trace_this": {"en": "trace this paragraph", "fr": "tracer ce paragraphe"},
    "trace_short": {"en": "trace", "fr": "tracer"},
    "pages": {"en": "Pages", "fr": "Pages"},
    "previous": {"en": "← previous", "fr": "← précédente"},
    "next": {"en": "next →", "fr": "suivante →"},
    "page_n": {"en": "page {n}", "fr": "page {n}"},
    "page_of": {"en": "page {page} of {pages}", "fr": "page {page} sur {pages}"},
    # the resolution page
    "shown_copy": {"en": "Text shown: {file}", "fr": "Texte affiché : {file}"},
    "other_copies.one": {"en": "Another copy of this text is indexed:",
                         "fr": "Une autre copie de ce texte est indexée :"},
    "other_copies.other": {"en": "{count} other copies of this text are indexed:",
                           "fr": "{count} autres copies de ce texte sont indexées :"},
    "copy_paragraphs.one": {"en": "{file} ({count} paragraph)", "fr": "{file} ({count} paragraphe)"},
    "copy_paragraphs.other": {"en": "{file} ({count} paragraphs)", "fr": "{file} ({count} paragraphes)"},
    "no_such_para": {"en": "This resolution has no paragraph “{para}”.",
                     "fr": "Cette résolution n’a pas de paragraphe « {para} »."},
    # the trace page
    "trace_title": {"en": "Same language as {ref}", "fr": "Même langage que {ref}"},
    "trace_ref": {"en": "{symbol}, {label}", "fr": "{symbol}, {label}"},
    "trace_passage_title": {"en": "Same language as this passage", "fr": "Même langage que ce passage"},
    "trace_reference": {"en": "Reference paragraph", "fr": "Paragraphe de référence"},
    "trace_order_label": {"en": "Order:", "fr": "Ordre :"},
    "by_similarity": {"en": "by similarity", "fr": "par similarité"},
    "by_date": {"en": "by date", "fr": "par date"},
    "legend": {"en": "Differences from the reference:", "fr": "Différences avec la référence :"},
    "deleted": {"en": "deleted", "fr": "supprimé"},
    "inserted": {"en": "added", "fr": "ajouté"},
    "similarity": {"en": "similarity {value}", "fr": "similarité {value}"},
    "history_legend": {"en": "Changes from the previous version:",
                       "fr": "Modifications par rapport à la version précédente :"},
    "history_none": {"en": "no version", "fr": "aucune version"},
    "history_unchanged": {"en": "first adopted in {first}, unchanged since",
                          "fr": "adopté pour la première fois dans {first}, inchangé depuis"},
    "history_changes.one": {"en": "first adopted in {first}, changed once, last in {last}",
                            "fr": "adopté pour la première fois dans {first}, modifié une fois, dans {last}"},
    "history_changes.other": {"en": "first adopted in {first}, changed {n} times, last in {last}",
                              "fr": "adopté pour la première fois dans {first}, modifié {n} fois, "
                                    "la dernière dans {last}"},
    "unchanged_in": {"en": "unchanged in {symbols}", "fr": "inchangé dans {symbols}"},
    "first_version": {"en": "first version", "fr": "première version"},
    "reference_version": {"en": "reference", "fr": "référence"},
    "undated": {"en": "undated", "fr": "sans date"},
    "no_trace_hits": {"en": "No other paragraph carries this language.",
                      "fr": "Aucun autre paragraphe ne porte ce langage."},
    # error pages
    "title_bad_request": {"en": "Unreadable request", "fr": "Requête illisible"},
    "title_no_resolution": {"en": "Resolution not found", "fr": "Résolution introuvable"},
    "title_no_paragraph": {"en": "Paragraph not found", "fr": "Paragraphe introuvable"},
    "title_no_page": {"en": "Page not found", "fr": "Page introuvable"},
    "title_unavailable": {"en": "Index unavailable", "fr": "Index indisponible"},
    "title_internal": {"en": "Internal error", "fr": "Erreur interne"},
    "no_page": {"en": "No page has this address.", "fr": "Aucune page n’a cette adresse."},
    "unavailable_help": {
        "en": "The index cannot be read at the moment: it is missing, empty, or being replaced. Try again shortly.",
        "fr": "L’index ne peut pas être lu pour le moment : il est absent, vide ou en cours de remplacement. "
              "Réessayez dans un instant."},
    "technical_detail": {"en": "Technical detail", "fr": "Détail technique"},
    "internal": {"en": "The request could not be answered.", "fr": "La requête n’a pas pu aboutir."},
    "search_as_text": {"en": "Search for “{text}” in the text of the paragraphs",
                       "fr": "Chercher « {text} » dans le texte des paragraphes"},
    "back_home": {"en": "Back to the search page", "fr": "Retour à la page de recherche"},
}

# Month names for dates as the UN prints them (18 décembre 2013).
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}


@dataclass(frozen=True)
class Message:
    """A note or error, by key and parameters; rendered in the reader's language."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (en or fr)."""
        key = self.key if self.key in MESSAGES else f"{self.key}.{plural(self.params['n'], lang)}"
        return MESSAGES[key][lang].format(**self.params)

    def __str__(self) -> str:
        return self.text("en")


def msg(key: str, **params) -> Message:
    """A message by key (KeyError at once for a key missing from the table)."""
    if key not in MESSAGES and f"{key}.one" not in MESSAGES:
        raise KeyError(key)  # fail early on a typo
    return Message(key, params)


def plural(n: int, lang: str) -> str:
    """`one` or `other`: French counts 0 and 1 as singular, English only 1."""
    return "one" if (n in (0, 1) if lang == "fr" else n == 1) else "other"


def number(n: int, lang: str) -> str:
    """An integer as the language prints it: 12 345 (narrow no-break space) or 12,345."""
    return f"{n:,}".replace(",", "\u202f" if lang == "fr" else ",")


def date_text(iso: str | None, lang: str) -> str:
    """`2013-12-18` → `18 décembre 2013` (`1er` for the first) or `18 December 2013`."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    first = "1er" if lang == "fr" and day == 1 else str(day)
    return f"{first} {MONTHS[lang][month - 1]} {year}"
