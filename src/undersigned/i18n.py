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
import re
from collections.abc import Iterable

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
                     "es": "{count} con destino a {name} o con copia."},
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
    "contribute": {"en": "Contribute", "es": "Contribuir"},
    "about_page": {"en": "About", "es": "Acerca de"},
    "about_en": {"en": "About", "es": "Acerca de (en inglés)"},
    # The reference page the English navigation names and the Spanish one does not (it
    # stays English): its entry on a page built once after the switch.
    "architecture_en": {"en": "How it is built", "es": "Cómo está hecho (en inglés)"},
    # A related record, said of the page's signatory ("X is member of this organization").
    "related_incoming": {"en": "is {relation} this {kind}", "es": "es {relation} esta {kind}"},
    # A signatory's kind, as the tables print it.
    "kind_organization": {"en": "organization", "es": "organización"},
    "kind_person": {"en": "person", "es": "persona"},
    "kind_network": {"en": "network", "es": "red"},
    # Pictures (pictures.py draws them; generate.py words their titles and captions).
    "over_time": {"en": "{what} over time", "es": "{what} a lo largo del tiempo"},
    "per_year": {"en": "{what} per year", "es": "{what} por año"},
    "year": {"en": "Year", "es": "Año"},
    # The hover text of a point or a bar ("11 July 2022: its title", "March 2024: 5
    # letters"), a month on it, and of a node of the map.
    "mark_letter": {"en": "{day}: {title}", "es": "{day}: {title}"},
    "mark_count": {"en": "{when}: {count}", "es": "{when}: {count}"},
    "month_year": {"en": "{month} {year}", "es": "{month} de {year}"},
    "map_node": {"en": "{name}: {count}, {degree} co-signatures",
                 "es": "{name}: {count}, {degree} cofirmas"},
    "span": {"en": "{first} to {last}", "es": "{first} a {last}"},
    "bars_desc": {"en": "{count} from {span}, as bars by month or year.",
                  "es": "{count} de {span}, en barras por mes o por año."},
    # A figure's caption: the picture's title and description.
    "figure_caption": {"en": "{figure}: {about}", "es": "{figure}: {about}"},
    "counts_below": {"en": "The counts per year are in the table below.",
                     "es": "Los conteos por año están en la tabla de abajo."},
    "letters_over_time": {"en": "Letters over time", "es": "Cartas a lo largo del tiempo"},
    "map_link": {"en": "The map of the most connected signatories",
                 "es": "El mapa de los firmantes más conectados"},
    "map_link_after": {"en": "who signs with whom across the archive.",
                       "es": "quién firma con quién en todo el archivo."},
    "when_signed": {"en": "When {name} signed", "es": "Cuándo firmó {name}"},
    "signed_from": {"en": "{count} from {first} to {last}.",
                    "es": "{count} de {first} a {last}."},
    "signed_in": {"en": "{count} in {year}.", "es": "{count} en {year}."},
    "point_per_letter": {
        "en": "Each point is a letter: hover or focus it (Tab) to see which, follow it to "
              "read it.",
        "es": "Cada punto es una carta: pase el cursor sobre él o enfóquelo (Tab) para ver "
              "cuál es, y sígalo para leerla."},
    "point_per_month": {
        "en": "Each point is the letters of a month, sized by their number; it leads to them "
              "in the table.",
        "es": "Cada punto son las cartas de un mes, de tamaño según su número; lleva a ellas "
              "en la tabla."},
    "point_per_year": {
        "en": "Each point is the letters of a year, sized by their number; it leads to them "
              "in the table.",
        "es": "Cada punto son las cartas de un año, de tamaño según su número; lleva a ellas "
              "en la tabla."},
    "table_lists_all": {"en": "The table below lists them all.",
                        "es": "La tabla de abajo las enumera todas."},
    "signed_per_year": {"en": "Letters signed per year", "es": "Cartas firmadas por año"},
    "cosigners_title": {"en": "{name} and its co-signers", "es": "{name} y sus cofirmantes"},
    "cosigners_desc": {
        "en": "The {count} that most often signed the same letters as {name}, each line as "
              "thick as the letters signed together.",
        "es": "Los {count} que más a menudo firmaron las mismas cartas que {name}; cada línea "
              "es tan gruesa como las cartas firmadas en común."},
    "follow_to_cosigners": {
        "en": "Follow a name to its page; the numbers are in the "
              "<a href=\"#cosigners-table\">co-signers table</a>.",
        "es": "Siga un nombre hasta su página; los números están en la "
              "<a href=\"#cosigners-table\">tabla de cofirmantes</a>."},
    "follow_to_table": {
        "en": "Follow a name to its page; the numbers are in the table below.",
        "es": "Siga un nombre hasta su página; los números están en la tabla de abajo."},
    "signed_together": {"en": "Letters signed together", "es": "Cartas firmadas en común"},
    "signed_every": {"en": "Signed every letter {name} signed:",
                     "es": "Firmaron todas las cartas que firmó {name}:"},
    "open_cosigner": {
        "en": "Open “See the letters” under a co-signer’s name to list the letters signed "
              "with it, newest first. Without script: compare this page’s "
              "<a href=\"{own}\">signatures.csv</a> with the co-signer’s, on its page.",
        "es": "Abra «Ver las cartas» bajo el nombre de un cofirmante para ver las cartas "
              "firmadas con él, de la más reciente a la más antigua. Sin script: compare el "
              "<a href=\"{own}\">signatures.csv</a> de esta página con el del cofirmante, "
              "en su página."},
    # The control under each co-signer's name and what it says, written by
    # undersigned-together.js (its copy of these is checked by tests/test_together.py).
    "together_show": {"en": "See the letters", "es": "Ver las cartas"},
    "together_loading": {"en": "Loading the letters…", "es": "Cargando las cartas…"},
    "together_found": {"en": "{count} signed together with {name}, newest first:",
                       "es": "{count} en común con {name}, de la más reciente a la más "
                             "antigua:"},
    "together_failed": {
        "en": "The letters could not be loaded: {reason}. Close and open this list to try "
              "again, or compare the two lists of letters (signatures.csv):",
        "es": "No se pudieron cargar las cartas: {reason}. Cierre y abra esta lista para "
              "intentarlo de nuevo, o compare las dos listas de cartas (signatures.csv):"},
    "together_offline": {"en": "the site could not be reached (are you offline?)",
                         "es": "no se pudo contactar el sitio (¿está sin conexión?)"},
    "together_missing": {"en": "a list is missing from the site (error {status})",
                         "es": "falta una lista en el sitio (error {status})"},
    "members_title": {"en": "Members of {name}", "es": "Miembros de {name}"},
    "members_desc": {
        "en": "The {count} printed most often under {name}, each joined by a line as thick "
              "as the letters it was printed on as a member.",
        "es": "Los {count} impresos más a menudo bajo {name}, cada uno unido por una línea "
              "tan gruesa como las cartas en que aparece como miembro."},
    "members_most_often": {"en": "Members most often printed",
                           "es": "Miembros impresos más a menudo"},
    "members_printed_most_often": {"en": "Members printed most often",
                                   "es": "Miembros impresos más a menudo"},
    "member": {"en": "Member", "es": "Miembro"},
    "letters_as_member": {"en": "Letters as a member", "es": "Cartas como miembro"},
    "members_as_printed": {"en": "Members as printed",
                           "es": "Miembros tal como se imprimieron"},
    "members_intro": {"en": "The members this network printed after its name, letter by letter.",
                      "es": "Los miembros que esta red imprimió después de su nombre, carta "
                            "por carta."},
    "printed_with": {"en": "Printed as “{printed}”, with {count}:",
                     "es": "Impresa como “{printed}”, con {count}:"},
    "members_latest": {
        "en": "The latest {shown} of {total} letters. Every member printed under this network "
              "is in <a href=\"{href}\">signatures.csv</a>, with <code>via</code> = "
              "<code>{id}</code>.",
        "es": "Las {shown} más recientes de {total} cartas. Todos los miembros impresos bajo "
              "esta red están en <a href=\"{href}\">signatures.csv</a>, con <code>via</code> = "
              "<code>{id}</code>."},
    "printed_as_one_line": {"en": "Printed as one line: “{line}”",
                            "es": "Impresos en una sola línea: “{line}”"},
    # The network map.
    "network_map": {"en": "Network map", "es": "Mapa de la red"},
    "map_description": {
        "en": "The most connected signatories of the archive and the letters they signed "
              "together.",
        "es": "Los firmantes más conectados del archivo y las cartas que firmaron en común."},
    "map_intro": {
        "en": "Who signs with whom: a signatory's co-signatures count every other name on "
              "every letter it signed (a letter with 30 signatories gives each 29). People are "
              "left out.",
        "es": "Quién firma con quién: las cofirmas de un firmante cuentan cada otro nombre de "
              "cada carta que firmó (una carta con 30 firmantes le da 29 a cada uno). Las "
              "personas quedan fuera."},
    "map_none": {"en": "No letter has two signatories yet.",
                 "es": "Todavía ninguna carta tiene dos firmantes."},
    "map_title": {"en": "The most connected organizations and networks",
                  "es": "Las organizaciones y redes más conectadas"},
    "map_desc": {
        "en": "The {nodes} organizations and networks with the most co-signatures, on a "
              "circle, most connected first from the top, clockwise; the {edges} strongest "
              "pairs among them joined by lines as thick as the letters they signed together.",
        "es": "Las {nodes} organizaciones y redes con más cofirmas, en un círculo, la más "
              "conectada primero desde arriba, en el sentido de las agujas del reloj; los "
              "{edges} pares más fuertes entre ellas, unidos por líneas tan gruesas como las "
              "cartas que firmaron en común."},
    "map_caption_after": {"en": "Follow a name to its page. The data is in the two tables below.",
                          "es": "Siga un nombre hasta su página. Los datos están en las dos "
                                "tablas de abajo."},
    "map_signatories": {"en": "The signatories on the map", "es": "Los firmantes del mapa"},
    "co_signatures": {"en": "Co-signatures", "es": "Cofirmas"},
    "map_pairs": {"en": "The pairs on the map", "es": "Los pares del mapa"},
    "map_pairs_summary": {"en": "The strongest pairs, by letters signed together",
                          "es": "Los pares más fuertes, por cartas firmadas en común"},
    # A letter's Cite section.
    "cite": {"en": "Cite", "es": "Citar"},
    "permanent_address": {"en": "Permanent address", "es": "Dirección permanente"},
    "this_page_address": {"en": "this page's address", "es": "la dirección de esta página"},
    "address_ends": {"en": "(it ends in <code>/letters/{id}/</code> and will not change)",
                     "es": "(termina en <code>/letters/{id}/</code> y no cambiará)"},
    "cite_download": {
        "en": "Download the citation as <a href=\"{bib}\" download>BibTeX</a> or "
              "<a href=\"{json}\" download>CSL-JSON</a> (Zotero, Pandoc); add the date you "
              "read it.",
        "es": "Descargue la cita en <a href=\"{bib}\" download>BibTeX</a> o "
              "<a href=\"{json}\" download>CSL-JSON</a> (Zotero, Pandoc); añada la fecha en "
              "que la consultó."},
    # The Data page, its feeds section.
    "data_description": {
        "en": "Every fact on the site as CSV, JSON and a SQLite database, described as a "
              "Data Package.",
        "es": "Cada dato del sitio en CSV, JSON y una base de datos SQLite, descritos como un "
              "Data Package."},
    "data_intro": {
        "en": "Everything the site shows can be downloaded. Ids and URLs are stable: a letter "
              "is <code>/letters/&lt;letter-id&gt;/</code>, a signatory "
              "<code>/signatories/&lt;id&gt;/</code>. Files are UTF-8 with <code>\\n</code> "
              "line endings; JSON keys are sorted. Every name is kept exactly as printed on the "
              "letter, beside the id of the record it is linked to.",
        "es": "Todo lo que muestra el sitio se puede descargar. Los identificadores y las URL "
              "son estables: una carta es <code>/letters/&lt;letter-id&gt;/</code>, un firmante "
              "<code>/signatories/&lt;id&gt;/</code>. Los archivos están en UTF-8 con saltos de "
              "línea <code>\\n</code>; las claves de JSON están ordenadas. Cada nombre se "
              "conserva exactamente como se imprimió en la carta, junto al identificador del "
              "registro al que está enlazado."},
    "one_row_per_signature": {"en": "one row per signature", "es": "una fila por firma"},
    "and": {"en": "and", "es": "y"},
    "the_records": {"en": "the records", "es": "los registros"},
    "data_database_item": {
        "en": "all of it as one SQLite database with full-text search, and its "
              "<a href=\"{metadata}\">metadata.json</a> for Datasette",
        "es": "todo en una sola base de datos SQLite con búsqueda de texto completo, y su "
              "<a href=\"{metadata}\">metadata.json</a> para Datasette"},
    "data_package_item": {
        "en": "a Frictionless Data Package describing every file, each column typed",
        "es": "un Data Package de Frictionless que describe cada archivo, con el tipo de cada "
              "columna"},
    "archive_placeholder": {
        "en": "In the commands below, <code>https://ARCHIVE</code> stands for this site's "
              "address.",
        "es": "En los comandos de abajo, <code>https://ARCHIVE</code> representa la dirección "
              "de este sitio."},
    "in_a_terminal": {"en": "In a terminal", "es": "En una terminal"},
    "data_datasette": {
        "en": "Download the signatures as CSV, or the database and explore it in "
              "<a href=\"https://datasette.io/\">Datasette</a> (a browser opens on every table, "
              "with facets, full-text search and CSV export):",
        "es": "Descargue las firmas en CSV, o la base de datos y explórela en "
              "<a href=\"https://datasette.io/\">Datasette</a> (se abre un navegador en cada "
              "tabla, con facetas, búsqueda de texto completo y exportación a CSV):"},
    "data_sqlite": {
        "en": "Or query it with <code>sqlite3</code> (here, every letter IMUMI signed):",
        "es": "O consúltela con <code>sqlite3</code> (aquí, cada carta que firmó IMUMI):"},
    "data_frictionless": {
        "en": "Check the files against their description, or load them typed, with "
              "<a href=\"https://framework.frictionlessdata.io/\">Frictionless</a>:",
        "es": "Verifique los archivos contra su descripción, o cárguelos con sus tipos, con "
              "<a href=\"https://framework.frictionlessdata.io/\">Frictionless</a>:"},
    "data_signatures_csv": {
        "en": "<a href=\"{href}\">signatures.csv</a>: one row per signature ({rows} rows), "
              "letters newest first, signatures in printed order; a network's members follow "
              "the network.",
        "es": "<a href=\"{href}\">signatures.csv</a>: una fila por firma ({rows} filas), las "
              "cartas de la más reciente a la más antigua, las firmas en el orden impreso; los "
              "miembros de una red van después de la red."},
    "data_letters_json": {
        "en": "<a href=\"{href}\">letters.json</a>: a list of {n} letters, newest first, each "
              "an object with these keys (the text is the Markdown file at <code>path</code> "
              "in the repository):",
        "es": "<a href=\"{href}\">letters.json</a>: una lista de {n} cartas, de la más "
              "reciente a la más antigua, cada una un objeto con estas claves (el texto es el "
              "archivo Markdown en <code>path</code> dentro del repositorio):"},
    "data_signatories_json": {
        "en": "<a href=\"{href}\">signatories.json</a>: a list of {n} canonical records, by "
              "id, each with these keys:",
        "es": "<a href=\"{href}\">signatories.json</a>: una lista de {n} registros canónicos, "
              "por identificador, cada uno con estas claves:"},
    "column": {"en": "Column", "es": "Columna"},
    "key": {"en": "Key", "es": "Clave"},
    "meaning": {"en": "Meaning", "es": "Significado"},
    "per_signatory": {"en": "Per signatory", "es": "Por firmante"},
    "data_per_signatory": {
        "en": "Each signatory page links its own rows of signatures.csv: "
              "<code>/signatories/&lt;id&gt;/signatures.csv</code> (the same columns less "
              "signatory_id, signatory_name and kind, which would be the same in every row) "
              "and <code>/signatories/&lt;id&gt;/signatures.json</code> (the same, as "
              "<code>{\"columns\": [...], \"data\": [[...], ...]}</code>: pandas reads it "
              "with <code>read_json(url, orient=\"split\")</code>).",
        "es": "La página de cada firmante enlaza sus propias filas de signatures.csv: "
              "<code>/signatories/&lt;id&gt;/signatures.csv</code> (las mismas columnas salvo "
              "signatory_id, signatory_name y kind, que serían iguales en todas las filas) y "
              "<code>/signatories/&lt;id&gt;/signatures.json</code> (lo mismo, como "
              "<code>{\"columns\": [...], \"data\": [[...], ...]}</code>: pandas lo lee "
              "con <code>read_json(url, orient=\"split\")</code>)."},
    "sqlite_database": {"en": "The SQLite database", "es": "La base de datos SQLite"},
    "data_database": {
        "en": "<a href=\"{db}\">undersigned.db</a> holds every file above as tables with "
              "foreign keys and indexes. Datasette opens it as it is; "
              "<a href=\"{metadata}\">metadata.json</a> gives it titles, the meaning of every "
              "column (in English and in Spanish), and names in place of ids. Full-text search "
              "(SQLite's FTS5, case and "
              "accents folded: <em>Mexico</em> finds <em>México</em>) covers",
        "es": "<a href=\"{db}\">undersigned.db</a> contiene cada archivo de arriba como tablas "
              "con claves foráneas e índices. Datasette la abre tal cual; "
              "<a href=\"{metadata}\">metadata.json</a> le da títulos, el significado de cada "
              "columna (en inglés y en español) y nombres en lugar de identificadores. La "
              "búsqueda de texto completo "
              "(FTS5 de SQLite, sin distinguir mayúsculas ni acentos: <em>Mexico</em> encuentra "
              "<em>México</em>) cubre"},
    "fts_in": {"en": "in", "es": "en"},
    "data_all_names": {
        "en": "A signatory's <code>all_names</code> holds its canonical name, acronyms, "
              "aliases and printed forms, so any of them finds it.",
        "es": "El campo <code>all_names</code> de un firmante contiene su nombre canónico, "
              "siglas, alias y formas impresas, así que cualquiera de ellos lo encuentra."},
    "example_queries": {"en": "Example queries", "es": "Consultas de ejemplo"},
    "data_queries": {
        "en": "Each runs in <code>sqlite3</code> (set a parameter with "
              "<code>.param set :id imumi</code>) and in Datasette's SQL box, which asks for "
              "the parameters.",
        "es": "Cada una se ejecuta en <code>sqlite3</code> (fije un parámetro con "
              "<code>.param set :id imumi</code>) y en el cuadro de SQL de Datasette, que pide "
              "los parámetros."},
    "data_package": {"en": "Data Package", "es": "Data Package"},
    "data_package_text": {
        "en": "<a href=\"{href}\">datapackage.json</a> describes signatures.csv, letters.json, "
              "signatories.json, the database and metadata.json in the "
              "<a href=\"https://datapackage.org/\">Frictionless Data Package</a> format: each "
              "column's type and meaning, the primary and foreign keys. "
              "<code>frictionless validate datapackage.json</code> checks every file against "
              "it; pandas, R and Open Data Editor load them through it.",
        "es": "<a href=\"{href}\">datapackage.json</a> describe signatures.csv, letters.json, "
              "signatories.json, la base de datos y metadata.json en el formato "
              "<a href=\"https://datapackage.org/\">Frictionless Data Package</a>: el tipo y el "
              "significado de cada columna, las claves primarias y foráneas. "
              "<code>frictionless validate datapackage.json</code> verifica cada archivo "
              "contra él; pandas, R y Open Data Editor los cargan a través de él."},
    "citing_a_letter": {"en": "Citing a letter", "es": "Citar una carta"},
    "data_cite": {
        "en": "Each letter page ends with a <em>Cite</em> section: its permanent address and "
              "its citation in BibTeX, also as files beside the page, "
              "<code>/letters/&lt;id&gt;/cite.bib</code> and "
              "<code>/letters/&lt;id&gt;/cite.json</code> (CSL-JSON, which Zotero and Pandoc "
              "read). A citation gives the title, the date, the recipients, the number of "
              "signatories and the archive as publisher; add the date you read it.",
        "es": "La página de cada carta termina con una sección <em>Citar</em>: su dirección "
              "permanente y su cita en BibTeX, también como archivos junto a la página, "
              "<code>/letters/&lt;id&gt;/cite.bib</code> y "
              "<code>/letters/&lt;id&gt;/cite.json</code> (CSL-JSON, que leen Zotero y "
              "Pandoc). Una cita da el título, la fecha, los destinatarios, el número de "
              "firmantes y el archivo como editor; añada la fecha en que la consultó."},
    "from_the_repository": {"en": "From the repository", "es": "Desde el repositorio"},
    "data_command": {
        "en": "The archive-wide files (the CSV, the JSON, the database and both descriptions) "
              "also come from <code>undersigned export DIR</code> in a clone of the "
              "repository.",
        "es": "Los archivos de todo el archivo (el CSV, los JSON, la base de datos y ambas "
              "descripciones) también se obtienen con <code>undersigned export DIR</code> en "
              "un clon del repositorio."},
    "feeds": {"en": "Feeds", "es": "Canales"},
    "feeds_intro": {
        "en": "Follow the archive, a signatory, a recipient or a tag in a feed reader: every "
              "feed comes as Atom and as JSON Feed 1.1, and every page links its own in its "
              "head (a reader finds it from the page's address) and under a <em>Follow</em> "
              "link.",
        "es": "Siga el archivo, un firmante, un destinatario o una etiqueta en un lector de "
              "canales: cada canal viene en Atom y en JSON Feed 1.1, y cada página enlaza el "
              "suyo en su encabezado (un lector lo encuentra a partir de la dirección de la "
              "página) y bajo un enlace <em>Seguir</em>."},
    "feed": {"en": "Feed", "es": "Canal"},
    "whole_archive": {"en": "The whole archive", "es": "Todo el archivo"},
    "feed_signatory": {"en": "Letters signed by a signatory",
                       "es": "Cartas firmadas por un firmante"},
    "feed_recipient": {"en": "Letters to a recipient", "es": "Cartas a un destinatario"},
    "feed_tag": {"en": "Letters with a tag", "es": "Cartas con una etiqueta"},
    "feeds_items": {
        "en": "Each item is one letter, newest first: its id is the letter's permanent URL, "
              "its date the letter's date (at 00:00 UTC), its text the letter's summary (cut "
              "at {archive_chars} characters in the archive's feed, {chars} in the others), the "
              "number of signatures listed and up to {recipients} recipients; the letter's "
              "text is on its page. JSON Feed items also give the count as "
              "<code>_undersigned.signatories</code>. A feed's date is its newest letter's, so "
              "the feeds change only when the letters do.",
        "es": "Cada elemento es una carta, de la más reciente a la más antigua: su id es la "
              "URL permanente de la carta, su fecha la de la carta (a las 00:00 UTC), su texto "
              "el resumen de la carta (cortado a {archive_chars} caracteres en el canal del "
              "archivo, a {chars} en los demás), el número de firmas en la lista y hasta "
              "{recipients} destinatarios; el texto de la carta está en su página. Los "
              "elementos de JSON Feed también dan el número como "
              "<code>_undersigned.signatories</code>. La fecha de un canal es la de su carta "
              "más reciente, así que los canales solo cambian cuando cambian las cartas."},
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

# A record's relation to another (docs/format.md, `related`): a signatory page says it in
# both languages, the reader's choice shown (generate._related_items). Free text in the
# registry: a relation not listed here reads as written, hyphens as spaces, in both.
RELATIONS: dict[str, dict[str, str]] = {
    "member-of": {"en": "member of", "es": "miembro de"},
    "chapter-of": {"en": "chapter of", "es": "capítulo de"},
    "parent-of": {"en": "parent of", "es": "organización matriz de"},
    "part-of": {"en": "part of", "es": "parte de"},
    "campus-of": {"en": "campus of", "es": "campus de"},
    "sibling-of": {"en": "sibling of", "es": "organización hermana de"},
    "affiliate-of": {"en": "affiliate of", "es": "afiliada a"},
    "program-of": {"en": "program of", "es": "programa de"},
    "project-of": {"en": "project of", "es": "proyecto de"},
    "office-of": {"en": "office of", "es": "oficina de"},
    "subsidiary-of": {"en": "subsidiary of", "es": "filial de"},
}

# Months as a picture's bars abbreviate them ("Mar 2024", "mar 2024").
MONTHS_SHORT: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
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


# How a date reads, as a pattern: for the scripts that write dates in the page
# (undersigned-together.js, written by scripts/i18n_js.py); date_text writes the same.
DATE_PATTERNS = {"en": "{day} {month} {year}", "es": "{day} de {month} de {year}"}


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


def relation_name(relation: str, lang: str = DEFAULT) -> str:
    """A record's relation (`member-of`) as interface `lang` says it ("member of",
    "miembro de"); one the list does not know, as written with spaces for hyphens."""
    known = RELATIONS.get(relation)
    return known[lang] if known else relation.replace("-", " ")


# The strings a picture's words are made of (pictures.py, generate.py's picture
# functions), most specific first: undersigned-lang.js reads a picture's English by them
# and writes its Spanish on a page built once (pictures.py says why).
PICTURE_KEYS = ("when_signed", "signed_from", "signed_in", "cosigners_title", "cosigners_desc",
                "members_title", "members_desc", "over_time", "letters_to", "bars_desc",
                "span", "map_title", "map_desc", "map_node", "mark_letter", "mark_count",
                "month_year", "letters")


# Material's own words on every page, in its English and Spanish (its
# partials/languages/en.html and es.html): a page built once rewrites them when the reader
# chooses Spanish (undersigned-lang.js); a Spanish page has them from `theme.language`.
THEME_WORDS = {"Skip to content": "Saltar a contenido", "Header": "Cabecera",
               "Navigation": "Navegación"}


def _fixed_length(s: str) -> int:
    return len(re.sub(r"\{\w+\}", "", s))


def picture_strings(lang: str = "es", page_keys: Iterable[str] = (),
                    chrome: dict[str, str] | None = None) -> dict:
    """What undersigned-lang.js needs to say a page built once in `lang`: the strings of
    PICTURE_KEYS, then of `page_keys` (those the templates of pages built once ask for,
    scripts/i18n_js.py finds them), as (English, `lang`) pairs, the longest fixed text
    first, so that the most specific is tried first; those without placeholders as a
    map; the count words and the months. Written into the script between its `picture
    strings` markers by `python scripts/i18n_js.py` (tests/test_i18n.py checks it is up
    to date). `chrome`: the theme's words and the navigation's, whole strings only."""
    keys = list(dict.fromkeys([*PICTURE_KEYS, *sorted(
        (k for k in page_keys if k not in PICTURE_KEYS),
        key=lambda k: (-_fixed_length(STRINGS[k][DEFAULT]), k))]))
    # (A string with elements is read as a sentence, below: never from a text node.)
    templated = [k for k in keys if "{" in STRINGS[k][DEFAULT]
                 and not _TAG.search(STRINGS[k][DEFAULT])]
    exact = {STRINGS[k][DEFAULT]: STRINGS[k][lang] for k in keys
             if "{" not in STRINGS[k][DEFAULT]}
    # A letter's language, as its facts and the letter tables name it.
    exact.update({LANGUAGE_NAMES[DEFAULT][code]: name
                  for code, name in LANGUAGE_NAMES[lang].items()})
    counts: dict[str, str] = {}
    for forms in COUNTS.values():  # "listed": a letter's count of signatories
        for en, other in zip(forms[DEFAULT], forms[lang], strict=True):
            counts.setdefault(en, other)
    return {
        "strings": [[STRINGS[k][DEFAULT], STRINGS[k][lang]] for k in templated],
        # The first of them are the pictures' own, all a picture's words may be read by.
        "picture_strings": sum("{" in STRINGS[k][DEFAULT] for k in PICTURE_KEYS),
        "exact": exact,
        "sentences": page_sentences(lang, keys),
        "chrome": chrome or {},
        "counts": counts,
        "months": [list(MONTHS[DEFAULT]), list(MONTHS[lang])],
        "months_short": [list(MONTHS_SHORT[DEFAULT]), list(MONTHS_SHORT[lang])],
    }



# Sentences of the pages built once that hold elements (a link, a `<code>`) or are
# composed by a template from several strings ("68 listed; <a>the list as printed</a>").
# The page keeps one copy of them, in English; undersigned-lang.js matches an element's
# text, its element children standing for `{@N}`, and writes the Spanish around the same
# children, moved, not recreated (their links keep working). `[key]` is STRINGS[key].
COMPOSED = (
    # A letter's facts: its signatories (letter.html).
    "{listed}; <a>[list_as_printed]</a>",
    "{listed} [stated]; <a>[list_as_printed]</a>",
    # A letter's Cite section: the permanent address, with or without the site's URL.
    "[permanent_address]: <a>{url}</a>.",
    "[permanent_address]: <a>[this_page_address]</a> [address_ends].",
    # A tag page's count and its way back (tag.html).
    "{count}. <a>[all_tags]</a>.",
    # The co-signers that signed every letter a signatory signed, named (signatory.html).
    "[signed_every] {names}.",
)
# Keys only the language switch says (scripts/i18n_js.py puts them in its words): the
# English navigation's entries for pages with no Spanish version.
SWITCH_KEYS = ("architecture_en",)
_TAG = re.compile(r"<(\w+)([^>]*)>(.*?)</\1>", re.S)


def _sentence(en: str, other: str) -> dict | None:
    """A string with elements as undersigned-lang.js reads it: each element of the
    English as `{@N}` (N in its English order), the same element in `other` (by its tag
    and attributes, the n-th of those alike) as the same `{@N}`; `kids`: each element's
    words in both (the words said in Spanish where they are fixed). None where `other`
    has not the same elements."""
    found = list(_TAG.finditer(en))
    theirs = list(_TAG.finditer(other))
    if len(found) != len(theirs):
        return None
    shapes = [m.group(1) + m.group(2) for m in found]
    taken: list[int] = []
    for m in theirs:
        alike = [i for i, shape in enumerate(shapes)
                 if shape == m.group(1) + m.group(2) and i not in taken]
        if not alike:
            return None
        taken.append(alike[0])
    kids = [[m.group(3), theirs[taken.index(i)].group(3)] for i, m in enumerate(found)]
    counter = iter(range(len(found)))
    en_shape = _TAG.sub(lambda m: f"{{@{next(counter)}}}", en)
    slots = iter(taken)
    other_shape = _TAG.sub(lambda m: f"{{@{next(slots)}}}", other)
    return {"en": en_shape, "es": other_shape, "kids": kids}


def page_sentences(lang: str = "es", page_keys: Iterable[str] = ()) -> list[dict]:
    """The sentences with elements that undersigned-lang.js rewrites in `lang`: the
    COMPOSED ones, then every string of `page_keys` that holds an element, longest
    first."""
    def composed(fmt: str, code: str) -> str:
        said = re.sub(r"\[(\w+)\]", lambda m: STRINGS[m.group(1)][code], fmt)
        # "(the letter states {count})": a plain number, the letter's own.
        return said.replace(STRINGS["stated"][code],
                            STRINGS["stated"][code].replace("{count}", "{stated}"))

    pairs = [(composed(f, DEFAULT), composed(f, lang)) for f in COMPOSED]
    pairs += sorted(((STRINGS[k][DEFAULT], STRINGS[k][lang]) for k in page_keys
                     if _TAG.search(STRINGS[k][DEFAULT])),
                    key=lambda pair: (-_fixed_length(pair[0]), pair[0]))
    return [s for s in (_sentence(en, other) for en, other in pairs) if s is not None]


# The descriptions of the downloads (database.py's tables and columns, export.py's CSV
# columns, datapackage.py's JSON keys, database.py's example questions) in Spanish,
# keyed by their English as those modules write it: the Spanish Data page and the
# database's metadata.json say them with `described`. tests/test_i18n.py checks every
# one of them has its Spanish here.
DESCRIPTIONS: dict[str, str] = {
    # Tables.
    "One row per letter, newest first. Its text is the Markdown file at path in the "
    "repository and on its page at url.":
        "Una fila por carta, de la más reciente a la más antigua. Su texto es el archivo "
        "Markdown en path dentro del repositorio y está en su página, en url.",
    "One row per canonical record of the registry (an organization, a person or a "
    "network), by id.":
        "Una fila por registro canónico del directorio (una organización, una persona o una red), "
        "por identificador.",
    "One row per signature as printed, the letter and the signatories by number: what the "
    "signatures view reads. Datasette shows each number as the letter's title or the "
    "signatory's name.":
        "Una fila por firma tal como se imprimió, con la carta y los firmantes por número: lo "
        "que lee la vista signatures. Datasette muestra cada número como el título de la carta "
        "o el nombre del firmante.",
    "One row per canonical recipient: a person in an office.":
        "Una fila por destinatario canónico: una persona en un cargo.",
    "Who each letter is addressed or copied to, as printed.":
        "A quién se dirige o se envía copia de cada carta, tal como se imprimió.",
    "The tag vocabulary (tags.yml).": "El vocabulario de etiquetas (tags.yml).",
    "The tags of each letter, in the letter's order.":
        "Las etiquetas de cada carta, en el orden de la carta.",
    "Each network's members: printed under the network on a letter, or said to be a member "
    "in the registry.":
        "Los miembros de cada red: impresos bajo la red en una carta, o registrados como "
        "miembros en el directorio.",
    "Every other name a signatory goes by: its acronyms, its aliases in the registry and "
    "every form printed on a letter.":
        "Todos los demás nombres de un firmante: sus siglas, sus alias en el directorio y cada "
        "forma impresa en una carta.",
    "Distinct but related records, as the registry states them (a chapter and its parent, a "
    "member and its network).":
        "Registros distintos pero relacionados, como los declara el directorio (un capítulo y su "
        "organización matriz, un miembro y su red).",
    "One row per signature as printed: the letters newest first, signatures in printed "
    "order; a network's members follow the network. A view of signature_rows with the "
    "letters' and signatories' ids.":
        "Una fila por firma tal como se imprimió: las cartas de la más reciente a la más "
        "antigua, las firmas en el orden impreso; los miembros de una red van después de la "
        "red. Una vista de signature_rows con los identificadores de las cartas y de los "
        "firmantes.",
    # Columns and keys.
    "the letter's id (its file name without .md); its page is /letters/<id>/":
        "el identificador de la carta (el nombre de su archivo sin .md); su página es "
        "/letters/<id>/",
    "the row's number, from 1: what signature_rows refers to":
        "el número de la fila, desde 1: al que se refiere signature_rows",
    "the date printed on the letter, YYYY-MM-DD": "la fecha impresa en la carta, AAAA-MM-DD",
    "the date printed on the letter": "la fecha impresa en la carta",
    "the letter's descriptive title": "el título descriptivo de la carta",
    "one or two sentences on what the letter asks":
        "una o dos oraciones sobre lo que pide la carta",
    "the letter's language, an ISO 639-1 code": "el idioma de la carta, un código ISO 639-1",
    "where the letter was signed or sent, when it says":
        "dónde se firmó o envió la carta, cuando lo dice",
    "where the text was transcribed from": "de dónde se transcribió el texto",
    "the number of signatories the letter itself states, or null":
        "el número de firmantes que indica la propia carta, o null",
    "the number of signatories the letter states, or null":
        "el número de firmantes que indica la carta, o null",
    "signatures listed, network members included":
        "las firmas en la lista, incluidos los miembros de redes",
    "the letter's page, relative to the site's root":
        "la página de la carta, relativa a la raíz del sitio",
    "the letter's Markdown file in the repository":
        "el archivo Markdown de la carta en el repositorio",
    "the record's id; its page is /signatories/<id>/":
        "el identificador del registro; su página es /signatories/<id>/",
    "the canonical name": "el nombre canónico",
    "organization, person or network": "organization, person o network (organización, "
                                       "persona o red)",
    "ISO 3166 alpha-2 country code, when known":
        "código de país ISO 3166 alfa-2, cuando se conoce",
    "the record's website, when known": "el sitio web del registro, cuando se conoce",
    "a person's affiliation, when printed": "la afiliación de una persona, cuando se imprime",
    "a maintainer's note on the record": "una nota de quien mantiene el registro",
    "letters it signed in the archive": "las cartas que firmó en el archivo",
    "every name it goes by, one per line: the canonical name, acronyms, aliases and every "
    "form printed on a letter (what the full-text search reads)":
        "cada nombre con que se le conoce, uno por línea: el nombre canónico, siglas, alias y "
        "cada forma impresa en una carta (lo que lee la búsqueda de texto completo)",
    "the record's page, relative to the site's root":
        "la página del registro, relativa a la raíz del sitio",
    "the row's number in this table": "el número de la fila en esta tabla",
    "the letter signed (letters.n)": "la carta firmada (letters.n)",
    "the signature's place on the letter, from 0, network members counted":
        "el lugar de la firma en la carta, desde 0, contando a los miembros de redes",
    "the heading it was printed under (\"NGO\", \"Individuals\"), or null when the letter "
    "prints none":
        "el encabezado bajo el que se imprimió (\"NGO\", \"Individuals\"), o null cuando la "
        "carta no imprime ninguno",
    "the name exactly as printed on the letter":
        "el nombre exactamente como se imprimió en la carta",
    "the canonical record the name is linked to (signatories.n)":
        "el registro canónico al que está enlazado el nombre (signatories.n)",
    "the network (signatories.n) when the name was printed as a member of that network, "
    "else null":
        "la red (signatories.n) cuando el nombre se imprimió como miembro de esa red; si no, "
        "null",
    "the whole printed line when one line names several signatories, else null":
        "la línea impresa completa cuando una línea nombra a varios firmantes; si no, null",
    "the recipient's id; its page is /recipients/<id>/":
        "el identificador del destinatario; su página es /recipients/<id>/",
    "the office held when the letters were sent":
        "el cargo que ocupaba cuando se enviaron las cartas",
    "the recipient's page, relative to the site's root":
        "la página del destinatario, relativa a la raíz del sitio",
    "the letter (letters.id)": "la carta (letters.id)",
    "1 when the letter copies the recipient, 0 when it is addressed to them":
        "1 cuando la carta envía copia al destinatario, 0 cuando va dirigida a él",
    "the place in the letter's list, from 0": "el lugar en la lista de la carta, desde 0",
    "the recipient exactly as printed on the letter":
        "el destinatario exactamente como se imprimió en la carta",
    "the canonical recipient (recipients.id)": "el destinatario canónico (recipients.id)",
    "the tag's id; its page is /tags/<id>/":
        "el identificador de la etiqueta; su página es /tags/<id>/",
    "the tag as shown": "la etiqueta como se muestra",
    "what the tag covers": "lo que abarca la etiqueta",
    "the tag's page, relative to the site's root":
        "la página de la etiqueta, relativa a la raíz del sitio",
    "the tag (tags.id)": "la etiqueta (tags.id)",
    "the tag's place in the letter's list, from 0":
        "el lugar de la etiqueta en la lista de la carta, desde 0",
    "the network (signatories.id)": "la red (signatories.id)",
    "the member (signatories.id)": "el miembro (signatories.id)",
    "letters on which the member was printed under the network":
        "las cartas en que el miembro se imprimió bajo la red",
    "1 when the member's record says it is a member of the network":
        "1 cuando el registro del miembro dice que es miembro de la red",
    "the record (signatories.id)": "el registro (signatories.id)",
    "acronym, alias or printed (a form printed on a letter)":
        "acronym, alias o printed (sigla, alias o una forma impresa en una carta)",
    "the name": "el nombre",
    "the record that states it (signatories.id)": "el registro que lo declara (signatories.id)",
    "the relation, e.g. member-of, chapter-of":
        "la relación, por ejemplo member-of (miembro de), chapter-of (capítulo de)",
    "the related record (signatories.id)": "el registro relacionado (signatories.id)",
    "a note on the relation": "una nota sobre la relación",
    "the row's number (signature_rows.id)": "el número de la fila (signature_rows.id)",
    "the letter signed (letters.id)": "la carta firmada (letters.id)",
    "the canonical record the name is linked to (signatories.id)":
        "el registro canónico al que está enlazado el nombre (signatories.id)",
    "the network (signatories.id) when the name was printed as a member of that network, "
    "else null":
        "la red (signatories.id) cuando el nombre se imprimió como miembro de esa red; si no, "
        "null",
    # signatures.csv's columns.
    "the heading the signature was printed under (\"NGO\", \"Individuals\"), empty when the "
    "letter prints none":
        "el encabezado bajo el que se imprimió la firma (\"NGO\", \"Individuals\"), vacío "
        "cuando la carta no imprime ninguno",
    "the canonical signatory's id; its page is /signatories/<id>/":
        "el identificador del firmante canónico; su página es /signatories/<id>/",
    "the canonical signatory's name": "el nombre del firmante canónico",
    "the network's id when the name was printed as a member of that network, else empty":
        "el identificador de la red cuando el nombre se imprimió como miembro de esa red; si "
        "no, vacío",
    # letters.json's keys.
    "recipients copied, each {printed, id, name, role}":
        "los destinatarios con copia, cada uno {printed, id, name, role}",
    "the letter's id (its file name without .md)":
        "el identificador de la carta (el nombre de su archivo sin .md)",
    "its Markdown file in the repository, which holds the text":
        "su archivo Markdown en el repositorio, que contiene el texto",
    "the place printed with the date, or null": "el lugar impreso con la fecha, o null",
    "the recipients addressed, each {printed, id, name, role}: printed as on the letter, id "
    "and name of the canonical record":
        "los destinatarios a quienes se dirige, cada uno {printed, id, name, role}: printed "
        "como en la carta, id y name del registro canónico",
    "the printed sections, each {section, entries}: the heading (or null) and its entries "
    "{printed, id, line?, members?}; line is the whole printed line when it names several "
    "signatories, members a network's members (same shape)":
        "las secciones impresas, cada una {section, entries}: el encabezado (o null) y sus "
        "entradas {printed, id, line?, members?}; line es la línea impresa completa cuando "
        "nombra a varios firmantes, members los miembros de una red (con la misma forma)",
    "tag ids (see /tags/)": "los identificadores de etiquetas (vea /tags/)",
    "ids of the same letter published in other languages":
        "los identificadores de la misma carta publicada en otros idiomas",
    # signatories.json's keys.
    "the acronyms it goes by": "las siglas con que se le conoce",
    "a person's affiliation, or null": "la afiliación de una persona, o null",
    "other names recorded for it": "otros nombres registrados para él",
    "ISO 3166 alpha-2 country code, or null": "código de país ISO 3166 alfa-2, o null",
    "the record's id": "el identificador del registro",
    "ids of the networks it signed through or is a member of":
        "los identificadores de las redes a través de las que firmó o de las que es miembro",
    "a maintainer's note, or null": "una nota de quien mantiene el registro, o null",
    "every form of its name printed on a letter": "cada forma de su nombre impresa en una carta",
    "related records, each {id, relation, note}":
        "los registros relacionados, cada uno {id, relation, note}",
    "its website, or null": "su sitio web, o null",
    # The example queries.
    "Which letters did a signatory sign, and as what name?":
        "¿Qué cartas firmó un firmante, y con qué nombre?",
    "With whom does it sign most often?": "¿Con quién firma más a menudo?",
    "Find a signatory by any name it goes by (accents and case do not matter)":
        "Encontrar un firmante por cualquiera de sus nombres (no importan los acentos ni las "
        "mayúsculas)",
    "Every name as printed that matches some words, with its letter":
        "Cada nombre tal como se imprimió que coincide con unas palabras, con su carta",
    "Letters addressed to a recipient, with how many signed":
        "Las cartas dirigidas a un destinatario, con cuántos firmaron",
}


def described(text: str, lang: str = DEFAULT) -> str:
    """A download's description (`DESCRIPTIONS`) in interface `lang`."""
    return text if lang == DEFAULT else DESCRIPTIONS[text]
