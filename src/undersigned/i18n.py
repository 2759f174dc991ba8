"""Interface strings in English and Spanish, in one place.

generate.py asks this module for every word of a page that is not the archive's data
(headings, labels, counts, dates), so that a Spanish interface is a second column here,
not a second copy of the pages. A letter keeps its own language whatever the
interface's: its body is marked with it (`lang`), and so is a link to another version.

`text(key)` is the English of today's site, byte for byte (the golden site under
tests/fixtures/site/expected holds it); tests/test_i18n.py checks that every key has
both languages with the same `{placeholders}`.
"""

from __future__ import annotations

import datetime as dt

INTERFACES = ("en", "es")
DEFAULT = "en"

# {key: {interface language: text}}; `{name}` is filled by `text(key, name=...)`.
STRINGS: dict[str, dict[str, str]] = {
    # Columns of the letter tables, and the facts of a letter page.
    "date": {"en": "Date", "es": "Fecha"},
    "letter": {"en": "Letter", "es": "Carta"},
    "to": {"en": "To", "es": "Para"},
    "copy_to": {"en": "Copy to", "es": "Con copia a"},
    "signatories": {"en": "Signatories", "es": "Firmantes"},
    "language": {"en": "Language", "es": "Idioma"},
    "tags": {"en": "Tags", "es": "Etiquetas"},
    "source": {"en": "Source", "es": "Fuente"},
    "text": {"en": "Text", "es": "Texto"},
    "signatory": {"en": "Signatory", "es": "Firmante"},
    "kind": {"en": "Kind", "es": "Tipo"},
    "letters": {"en": "Letters", "es": "Cartas"},
    "name": {"en": "Name", "es": "Nombre"},
    "role": {"en": "Role", "es": "Cargo"},
    "tag": {"en": "Tag", "es": "Etiqueta"},
    "about": {"en": "About", "es": "Tema"},
    # A letter page.
    "also_in": {"en": "Also in", "es": "También en"},
    "stated": {"en": "(the letter states {count})", "es": "(la carta indica {count})"},
    "list_as_printed": {"en": "the list as printed", "es": "la lista tal como se imprimió"},
    "signatures_as_printed": {
        "en": "{count} as printed, each linked to its record; where the record's name "
              "differs, it follows the printed form.",
        "es": "{count} tal como se imprimieron, cada una enlazada a su registro; donde el "
              "nombre del registro es otro, sigue a la forma impresa."},
    # A signatory's pages.
    "signatory_description": {"en": "{name}: {count} signed in the archive.",
                              "es": "{name}: {count} firmadas en el archivo."},
    "also_recorded_as": {"en": "Also recorded as", "es": "También registrado como"},
    "acronym": {"en": "Acronym", "es": "Sigla"},
    "country": {"en": "Country", "es": "País"},
    "affiliation": {"en": "Affiliation", "es": "Afiliación"},
    "website": {"en": "Website", "es": "Sitio web"},
    "letters_signed": {"en": "Letters signed", "es": "Cartas firmadas"},
    "letters_signed_lower": {"en": "letters signed", "es": "cartas firmadas"},
    "data": {"en": "Data", "es": "Datos"},
    "printed_as": {"en": "Printed as", "es": "Impreso como"},
    "no_letter_yet": {"en": "No letter in the archive yet.",
                      "es": "Todavía no hay ninguna carta en el archivo."},
    "cosigners": {"en": "Co-signers", "es": "Cofirmantes"},
    "cosigners_intro": {"en": "The signatories that most often signed the same letters.",
                        "es": "Los firmantes que más a menudo firmaron las mismas cartas."},
    "letters_together": {"en": "Letters together", "es": "Cartas en común"},
    "networks": {"en": "Networks", "es": "Redes"},
    "related": {"en": "Related", "es": "Relacionados"},
    "signed_page": {"en": "{name}: letters signed, page {n}",
                    "es": "{name}: cartas firmadas, página {n}"},
    "back_to": {"en": "Back to {name}", "es": "Volver a {name}"},
    "as_member_of": {"en": "as a member of", "es": "como miembro de"},
    # The A–Z indexes of signatories.
    "organizations": {"en": "Organizations", "es": "Organizaciones"},
    "people": {"en": "People", "es": "Personas"},
    "az_description": {"en": "{title} in the archive, A to Z.",
                       "es": "{title} del archivo, de la A a la Z."},
    "filter_by_kind": {"en": "Filter by kind", "es": "Filtrar por tipo"},
    "show": {"en": "Show", "es": "Mostrar"},
    "az_intro": {"en": "{count}, A to Z, with kind, country and the number of letters "
                       "signed. Also as data:",
                 "es": "{count}, de la A a la Z, con tipo, país y número de cartas firmadas. "
                       "También como datos:"},
    "digits_and_others": {"en": "0–9 and others", "es": "0–9 y otros"},
    "all_initials": {"en": "All initials", "es": "Todas las iniciales"},
    # Feeds and pagers.
    "follow": {"en": "Follow", "es": "Seguir"},
    "pages_of": {"en": "Pages of {title}", "es": "Páginas de {title}"},
    "page_n": {"en": "{title}, page {n}", "es": "{title}, página {n}"},
    # The home page.
    "site_description": {
        "en": "An open archive of sign-on letters from civil society, with every signatory "
              "as printed and linked to one record.",
        "es": "Un archivo abierto de cartas colectivas de la sociedad civil, con cada firmante "
              "tal como se imprimió y enlazado a un solo registro."},
    "site_lead": {
        "en": "An open archive of sign-on letters: advocacy letters signed by coalitions of "
              "civil-society organizations and people. Each letter keeps its signatories "
              "exactly as printed, and links every name to one record, so you can see who "
              "signed what, with whom, and how often.",
        "es": "Un archivo abierto de cartas colectivas: cartas de incidencia firmadas por "
              "coaliciones de organizaciones de la sociedad civil y personas. Cada carta "
              "conserva sus firmantes exactamente como se imprimieron y enlaza cada nombre a "
              "un solo registro: se ve quién firmó qué, con quién y cuántas veces."},
    "search_label": {"en": "Search letters, organizations and people",
                     "es": "Buscar cartas, organizaciones y personas"},
    "search_placeholder": {"en": "IMUMI, asylum, México…", "es": "IMUMI, asilo, México…"},
    "search": {"en": "Search", "es": "Buscar"},
    "latest_letters": {"en": "Latest letters", "es": "Cartas recientes"},
    "all_letters": {"en": "All letters", "es": "Todas las cartas"},
    "most_frequent": {"en": "Most frequent signatories", "es": "Firmantes más frecuentes"},
    "all_signatories_az": {"en": "All signatories, A to Z",
                           "es": "Todos los firmantes, de la A a la Z"},
    "download_data": {"en": "Download the data", "es": "Descargar los datos"},
    "about_archive": {"en": "About the archive", "es": "Acerca del archivo"},
    # The letters index.
    "letters_description": {"en": "Every letter in the archive, newest first.",
                            "es": "Todas las cartas del archivo, de la más reciente a la "
                                  "más antigua."},
    "letters_intro": {"en": "{count}, newest first, grouped by year. Also as data:",
                      "es": "{count}, de la más reciente a la más antigua, por año. También "
                            "como datos:"},
    "years": {"en": "Years", "es": "Años"},
    "letters_of_year": {"en": "Letters of {year}", "es": "Cartas de {year}"},
    "newest_first": {"en": "{count}, newest first.",
                     "es": "{count}, de la más reciente a la más antigua."},
    "all_years": {"en": "All years", "es": "Todos los años"},
    # Recipients and tags.
    "recipients": {"en": "Recipients", "es": "Destinatarios"},
    "recipients_description": {"en": "The people and offices letters address.",
                               "es": "Las personas y cargos a quienes se dirigen las cartas."},
    "recipients_intro": {"en": "The people and offices the letters are addressed or copied to.",
                         "es": "Las personas y cargos a quienes se dirigen las cartas o se "
                               "envía copia."},
    "letters_to_description": {"en": "Letters addressed to {name}.",
                               "es": "Cartas dirigidas a {name}."},
    "addressed_to": {"en": "{count} addressed or copied to {name}.",
                     "es": "{count} dirigidas a {name} o con copia."},
    "letters_to": {"en": "Letters to {name}", "es": "Cartas a {name}"},
    "tags_description": {"en": "The topics letters are tagged with.",
                         "es": "Los temas con que se etiquetan las cartas."},
    "tag_title": {"en": "Tag: {label}", "es": "Etiqueta: {label}"},
    "all_tags": {"en": "All tags", "es": "Todas las etiquetas"},
    "letters_tagged": {"en": "Letters tagged {label}", "es": "Cartas con la etiqueta {label}"},
    # The search page.
    "search_intro": {
        "en": "Search letters, organizations, people, recipients and tags. Accents do not "
              "matter: <em>Mexico</em> finds <em>México</em>. Narrow the results by kind, "
              "year, recipient or tag.",
        "es": "Busque cartas, organizaciones, personas, destinatarios y etiquetas. Los acentos "
              "no importan: <em>Mexico</em> encuentra <em>México</em>. Filtre los resultados "
              "por tipo, año, destinatario o etiqueta."},
    "search_needs_js": {"en": "Search needs JavaScript. Browse the", "es":
                        "La búsqueda necesita JavaScript. Recorra las"},
    "letters_lower": {"en": "letters", "es": "cartas"},
    "and_the": {"en": "and the", "es": "y los"},
    "signatories_lower": {"en": "signatories", "es": "firmantes"},
    "instead": {"en": "instead", "es": "en su lugar"},
    # The Spanish site's navigation (spanish.py): its pages, and the English-only ones.
    "home": {"en": "Home", "es": "Inicio"},
    "contribute_en": {"en": "Contribute", "es": "Contribuir (en inglés)"},
    "about_en": {"en": "About", "es": "Acerca de (en inglés)"},
    # A signatory's kind, as the tables print it.
    "kind_organization": {"en": "organization", "es": "organización"},
    "kind_person": {"en": "person", "es": "persona"},
    "kind_network": {"en": "network", "es": "red"},
}

# {key: {interface language: (one, many)}}: `count(n, key)` says "1 letter", "2 letters".
COUNTS: dict[str, dict[str, tuple[str, str]]] = {
    "letter": {"en": ("letter", "letters"), "es": ("carta", "cartas")},
    "organization": {"en": ("organization", "organizations"),
                     "es": ("organización", "organizaciones")},
    "person": {"en": ("person", "people"), "es": ("persona", "personas")},
    "network": {"en": ("network", "networks"), "es": ("red", "redes")},
    "signature": {"en": ("signature", "signatures"), "es": ("firma", "firmas")},
    "signatory": {"en": ("signatory", "signatories"), "es": ("firmante", "firmantes")},
    "member": {"en": ("member", "members"), "es": ("miembro", "miembros")},
    "record": {"en": ("record", "records"), "es": ("registro", "registros")},
    "listed": {"en": ("listed", "listed"), "es": ("en la lista", "en la lista")},
}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}

# A letter's language as each interface names it ("Spanish", "español").
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese"},
    "es": {"en": "inglés", "es": "español", "fr": "francés", "pt": "portugués"},
}

# Each language named in its own language: a link to a version in that language reads
# as that language's readers know it ("Español", not "Spanish"), in either interface.
AUTONYMS = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}


def text(key: str, lang: str = DEFAULT, **values: object) -> str:
    """The interface string `key` in `lang`, its `{placeholders}` filled from `values`."""
    s = STRINGS[key][lang]
    return s.format(**values) if values else s


def number(n: int, lang: str = DEFAULT) -> str:
    """`n` grouped by thousands. Spanish as Mexico and Central America write it (most of
    the archive's readers): a comma, as in English ("1,234"); Spain's "1234"/"12 345"
    would be a change of this one function."""
    return f"{n:,}"


def count(n: int, key: str, lang: str = DEFAULT) -> str:
    """"1 letter", "2,345 letters" ("1 carta", "2,345 cartas")."""
    one, many = COUNTS[key][lang]
    return f"{number(n, lang)} {one if n == 1 else many}"


def date_text(d: dt.date, lang: str = DEFAULT) -> str:
    """"11 July 2022" in English, "11 de julio de 2022" in Spanish."""
    month = MONTHS[lang][d.month - 1]
    if lang == "es":
        return f"{d.day} de {month} de {d.year}"
    return f"{d.day} {month} {d.year}"


def language_name(code: str, lang: str | None = None) -> str:
    """The language `code` as interface `lang` names it, or in itself when `lang` is None;
    the code where no name is known."""
    names = AUTONYMS if lang is None else LANGUAGE_NAMES[lang]
    return names.get(code, code)
