"""Every message a user reads about a search (notes and errors), in English (terminal, JSON)
and French (web page), in one table. Adding a language is adding a column.

A dict, not gettext: the strings are few, carry named parameters, and are looked up by key
from the engine's typed results; gettext's catalogues and tooling would add a build step
for about forty strings.
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
        "fr": "Seuls les {max:,} premiers résultats peuvent être parcourus ; précisez la recherche (mots, filtres)."},
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
}


@dataclass(frozen=True)
class Message:
    """A note or error, by key and parameters; rendered in the reader's language."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (en or fr)."""
        return MESSAGES[self.key][lang].format(**self.params)

    def __str__(self) -> str:
        return self.text("en")


def msg(key: str, **params) -> Message:
    """A message by key (KeyError at once for a key missing from the table)."""
    MESSAGES[key]  # noqa: B018 - fail early on a typo
    return Message(key, params)
