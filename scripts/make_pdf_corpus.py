"""Write the PDF corpus of tests/fixtures/import/corpus: invented sign-on letters as HTML,
each beside its gold file (the format of ../shared/real-letters: the signatories as printed,
in printed order). tests/pdf_support.py prints each HTML to PDF with Chromium.

    python scripts/make_pdf_corpus.py

Deterministic (a fixed seed): running it again rewrites the same files. Edit a letter here,
not in the fixture, and run it; the names and organizations are all invented.
"""

import html
import random
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "import" / "corpus"
OUT.mkdir(parents=True, exist_ok=True)
rnd = random.Random(14)

EN_A = [
    "Northern",
    "Coastal",
    "Riverside",
    "Highland",
    "Prairie",
    "Harbor",
    "Valley",
    "Lakeshore",
    "Eastern",
    "Southern",
    "Western",
    "Central",
    "Pinewood",
    "Granite",
    "Meadow",
    "Cedar",
    "Silverline",
    "Redstone",
    "Bluewater",
    "Greenfield",
    "Oakridge",
    "Maplewood",
    "Stonebridge",
    "Fairhaven",
    "Ironwood",
    "Willow Creek",
    "Summit",
    "Brightwater",
    "Clearview",
    "Ashford",
]
EN_B = [
    "Tenants' Union",
    "Legal Aid Society",
    "Workers' Alliance",
    "Digital Rights Forum",
    "Press Freedom Network",
    "Clean Water Coalition",
    "Housing Justice Project",
    "Migrant Solidarity Center",
    "Privacy Collective",
    "Open Data Initiative",
    "Food Sovereignty Council",
    "Civil Liberties Association",
    "Community Radio Trust",
    "Youth Climate Assembly",
    "Disability Rights Council",
    "Public Health Watch",
    "Farmworkers' Federation",
    "Transparency Institute",
    "Free Expression Lab",
    "Refugee Support Network",
    "Indigenous Land Defense Fund",
    "Women's Legal Centre",
    "Budget Accountability Office",
    "Rural Libraries Association",
    "Press Council",
]
ES_A = [
    "Centro",
    "Colectivo",
    "Red",
    "Asociación",
    "Fundación",
    "Observatorio",
    "Coordinadora",
    "Instituto",
    "Alianza",
    "Frente",
    "Comité",
    "Movimiento",
    "Unión",
    "Consejo",
    "Foro",
]
ES_B = [
    "de Derechos Humanos",
    "por la Tierra y el Agua",
    "de Mujeres Rurales",
    "de Periodistas Libres",
    "de Defensa Migrante",
    "para la Justicia Fiscal",
    "de Estudios Laborales",
    "por los Derechos Digitales",
    "de Pueblos Originarios",
    "de Vivienda Digna",
    "Ciudadano de Transparencia",
    "de Salud Comunitaria",
    "de Educación Popular",
    "por la Memoria y la Verdad",
    "de Trabajadoras del Hogar",
]
ES_C = [
    "del Norte",
    "del Sur",
    "de Oaxaca",
    "de Chiapas",
    "de Antioquia",
    "del Valle",
    "de Cusco",
    "de Santa Cruz",
    "de Mendoza",
    "de Jalisco",
    "de la Costa",
    "de Chaco",
    "de Nariño",
    "de Puno",
]
FIRST = [
    "Amara",
    "Jonas",
    "Priya",
    "Tomás",
    "Leila",
    "Marcus",
    "Ingrid",
    "Kofi",
    "Sofía",
    "Henrik",
    "Nadia",
    "Owen",
    "Yuki",
    "Rafael",
    "Esther",
    "Dmitri",
    "Aisha",
    "Callum",
    "Beatriz",
    "Tariq",
    "Mireille",
    "Santiago",
    "Hana",
    "Gideon",
    "Lucía",
    "Arjun",
    "Freya",
    "Matías",
    "Zainab",
    "Elias",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Raman",
    "Echeverría",
    "Haddad",
    "Whitfield",
    "Sørensen",
    "Mensah",
    "Valdés",
    "Brandt",
    "Kowalczyk",
    "Abernathy",
    "Tanaka",
    "Quiroga",
    "Adebayo",
    "Volkov",
    "Karimi",
    "McAllister",
    "Fonseca",
    "Nasser",
    "Delacroix",
    "Ibarra",
    "Moreau",
    "Achterberg",
    "Castellanos",
    "Iyer",
    "Halvorsen",
    "Peralta",
    "Osei",
    "Wolanski",
]
TITLES = [
    "Executive Director",
    "President",
    "Chair of the Board",
    "Legal Officer",
    "Secretary",
    "Director of Policy",
    "Coordinator",
    "Research Fellow",
    "Senior Counsel",
    "Treasurer",
]
AFFIL = [
    "Professor of Constitutional Law, University of the Northern Provinces",
    "Research Fellow, Centre for Media Accountability and Public Interest Technology",
    "Senior Lecturer in Human Rights, Eastbrook College",
    "Journalist",
    "Former Special Rapporteur on Freedom of Assembly of the Regional Commission",
    "Director, Institute for Civic Technology and Open Government Studies",
    "Associate Professor of Sociology, Lakeshore University",
    "Independent researcher",
    "Founder, Open Budgets Project; board member, Clearview Press Council",
    "Doctoral candidate at the School of Communication and Journalism, Ashford University",
]


def uniq(make, n):
    seen, out = set(), []
    while len(out) < n:
        x = make()
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def en_org():
    return f"{rnd.choice(EN_A)} {rnd.choice(EN_B)}"


def es_org():
    return f"{rnd.choice(ES_A)} {rnd.choice(ES_B)} {rnd.choice(ES_C)}"


def person():
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


STYLE = """@page { size: Letter; margin: 0.8in; }
body { font: 10.5pt/1.35 "DejaVu Serif", serif; }
p { margin: 0 0 0.8em; }
.date { text-align: right; }
h3 { font-size: 11pt; margin: 1.2em 0 0.5em; }
.cols { column-gap: 2em; } .cols p { margin: 0 0 0.25em; break-inside: avoid; }
"""

BODY_EN = [
    "We write to you as organizations and people who work every day with the communities most affected by the proposal now before you. We ask that you withdraw it and open a public consultation before any new text is drafted.",
    "The proposal would allow the sharing of personal records between agencies without a warrant or any independent review. It would weaken the protections your own courts have recognized, and it would do so without any evidence that the measure is necessary or proportionate to its stated aim.",
    "We stand ready to meet with your offices and to share our analysis in detail.",
]
BODY_ES = [
    "Las organizaciones y personas abajo firmantes nos dirigimos a ustedes para expresar nuestra preocupación por la iniciativa de reforma que se discute en el Congreso. Pedimos que se abra un proceso de consulta pública antes de su aprobación.",
    "La reforma permitiría el intercambio de datos personales entre dependencias sin orden judicial ni revisión independiente, y debilitaría las garantías que los tribunales han reconocido. No existe evidencia de que la medida sea necesaria ni proporcional.",
    "Quedamos a su disposición para reunirnos y compartir nuestro análisis.",
]


def page(title, body, lang="en", extra_style=""):
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>\n'
        f"<style>\n{STYLE}{extra_style}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def paras(ps):
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in ps)


def cols(items, n, cls="cols"):
    return (
        f'<div class="{cls}" style="columns: {n}">\n'
        + "\n".join(f"<p>{html.escape(i)}</p>" for i in items)
        + "\n</div>"
    )


def write(name, html_text, gold):
    (OUT / f"{name}.html").write_text(html_text, encoding="utf-8")
    gold = {"file": f"{name}.pdf", **gold}
    gold["count"] = len(gold["signatories"])
    head = f"# Gold labels for {name}.html printed to PDF by tests/pdf_support.py; an invented letter.\n"
    (OUT / f"{name}.gold.yml").write_text(
        head + yaml.safe_dump(gold, allow_unicode=True, sort_keys=False, width=1000),
        encoding="utf-8",
    )


def sig(printed, kind="organization", section=None, **kw):
    d = {"printed": printed, "kind": kind}
    if section:
        d["section"] = section
    d.update(kw)
    return d


# 01: two columns, two sections, Name | affiliation wrapping
orgs = uniq(en_org, 26)
orgs[5] = "Coalition for Transparent Public Procurement and Open Budgets in the Northern Provinces"
orgs[17] = "Alliance of Community Broadcasters, Independent Publishers and Local Newsrooms"
people = [f"{p} | {a}" for p, a in zip(uniq(person, 10), AFFIL, strict=True)]
body = (
    '<p class="date">March 3, 2024</p>\n<p>Minister Helena Ward<br>Ministry of the Interior<br>1 Parliament Square</p>\n'
    "<p>Dear Minister Ward,</p>\n"
    + paras(BODY_EN)
    + "\n<p>Sincerely,</p>\n<h3>Organizations</h3>\n"
    + cols(orgs, 2)
    + "\n<h3>Individuals</h3>\n"
    + cols(people, 2)
)
write(
    "01-two-columns-sections",
    page("Letter to Minister Ward", body),
    {
        "date": "2024-03-03",
        "date_printed": True,
        "recipients": ["Minister Helena Ward"],
        "recipients_source": "address",
        "signatories": [sig(o, section="Organizations") for o in orgs]
        + [
            sig(p, "person", "Individuals", name=p.split(" | ")[0], affiliation=p.split(" | ")[1])
            for p in people
        ],
        "not_signatories": ["Sincerely,"],
        "notes": "Two CSS columns read down each column; two long organization names and every 'Name | affiliation' wrap inside their column.",
    },
)

# 02: tres columnas, español
orgs = uniq(es_org, 33)
body = (
    '<p class="date">Ciudad de México, a 7 de junio de 2021</p>\n<p>Dip. Rosaura Medina Lugo<br>Presidenta de la Mesa Directiva<br>Cámara de Diputados</p>\n'
    "<p>Estimada Diputada Medina:</p>\n"
    + paras(BODY_ES)
    + "\n<p>Atentamente,</p>\n<h3>Organizaciones firmantes</h3>\n"
    + cols(orgs, 3)
)
write(
    "02-tres-columnas",
    page("Carta a la Cámara", body, "es", ".cols p { font-size: 9pt }"),
    {
        "date": "2021-06-07",
        "date_printed": True,
        "recipients": ["Dip. Rosaura Medina Lugo"],
        "recipients_source": "address",
        "signatories": [sig(o, section="Organizaciones firmantes") for o in orgs],
        "not_signatories": ["Atentamente,"],
        "notes": "Three CSS columns in a smaller font; names wrap inside the narrow columns.",
    },
)

# 03: four-column numbered table, numbered down each column pair, over two pages
names = uniq(
    lambda: (
        rnd.choice(
            [
                "Byte",
                "Loop",
                "Quill",
                "Kite",
                "Nimbus",
                "Orbit",
                "Pixel",
                "Fern",
                "Tandem",
                "Vector",
                "Zephyr",
                "Mosaic",
                "Harbor",
                "Lumen",
                "Cobalt",
            ]
        )
        + rnd.choice(
            [
                "ly",
                "wise",
                "works",
                " Labs",
                " Systems",
                " Health",
                " Logistics",
                "stack",
                " Analytics",
                " Foods",
                " Mobility",
                "Pay",
            ]
        )
    ),
    180,
)
names[3] = "Greenfield Agricultural Cooperative Software Services"
names[44] = "Northern Provinces Open Mapping and Survey Technologies"
names[150] = "Riverside Community Solar and Storage Installers"


def table4(start, chunk, rows):
    cols_ = [chunk[i * rows : (i + 1) * rows] for i in range(4)]
    out = ['<table class="t4">']
    for r in range(rows):
        cells = []
        for c in range(4):
            if r < len(cols_[c]):
                n = start + c * rows + r
                cells.append(f"<td class=n>{n}</td><td>{html.escape(cols_[c][r])}</td>")
            else:
                cells.append("<td class=n></td><td></td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


t4style = (
    ".t4 { border-collapse: collapse; width: 100%; font-size: 8pt; table-layout: fixed; page-break-after: always }"
    ".t4 td { vertical-align: top; padding: 1px 3px; width: 19% } .t4 td.n { width: 6% }"
)
body = (
    "<p>To<br>The Hon. Daniel Okoro<br>Minister of Commerce</p>\n<p>Dated: 14 May 2023</p>\n<p>Subject: Keep the internet open</p>\n<p>Dear Minister,</p>\n"
    + paras(BODY_EN)
    + "\n<p>Best regards,</p>\n<p>The founders of the following 180 companies.</p>\n"
    '<div style="page-break-after: always"></div>\n'
    + table4(1, names[:140], 35)
    + "\n"
    + table4(141, names[140:], 10)
)
write(
    "03-numbered-table-4col",
    page("Companies' letter", body, "en", t4style),
    {
        "date": "2023-05-14",
        "date_printed": True,
        "recipients": ["The Hon. Daniel Okoro"],
        "recipients_source": "address",
        "signatories": [sig(n) for n in names],
        "not_signatories": ["The founders of the following 180 companies."],
        "notes": "A table of four number | name pairs per page, numbered down each pair; three names wrap inside their cell.",
    },
)

# 04: number | name | country table
rows_ = [
    (
        f"{rnd.choice(EN_A)} {rnd.choice(EN_B)}",
        rnd.choice(
            [
                "Kenya",
                "Peru",
                "India",
                "Ghana",
                "Chile",
                "Nepal",
                "Brazil",
                "Philippines",
                "South Africa",
                "Colombia",
            ]
        ),
    )
    for _ in range(24)
]
rows_ = list({r[0]: r for r in rows_}.values())
rows_[2] = ("Network of Independent Election Observers and Citizen Monitors", "Bolivia")
rows_[9] = ("Asociación de Defensores del Territorio y los Bienes Comunes", "Guatemala")
trs = "\n".join(
    f"<tr><td>{i}</td><td>{html.escape(n)}</td><td>{c}</td></tr>"
    for i, (n, c) in enumerate(rows_, 1)
)
body = (
    '<p class="date">11 July 2022</p>\n<p>To: Members of the Human Rights Council</p>\n<p>Excellencies,</p>\n'
    + paras(BODY_EN)
    + '\n<p>Signed by the following organizations:</p>\n<table class="t3"><tr><th>No.</th><th>Organization</th><th>Country</th></tr>\n'
    + trs
    + "\n</table>"
)
write(
    "04-number-name-country",
    page(
        "Letter to the Council",
        body,
        "en",
        ".t3 { border-collapse: collapse; width: 80% } .t3 td, .t3 th { border: 1px solid #444; padding: 2px 6px; text-align: left; vertical-align: top } .t3 td:nth-child(2) { width: 55% }",
    ),
    {
        "date": "2022-07-11",
        "date_printed": True,
        "recipients": ["Members of the Human Rights Council"],
        "recipients_source": "to",
        "signatories": [sig(n, country=c) for n, c in rows_],
        "not_signatories": ["No. Organization Country"],
        "notes": "A ruled table: number | organization | country, with a header row; two names wrap inside their cell.",
    },
)

# 05: stacked name / title / organization grid
blocks = [(person(), t, en_org()) for t in TITLES[:7]]
grid = []
for i in range(0, 7, 2):
    pair = blocks[i : i + 2]
    grid.append(
        '<div class="row">'
        + "".join(
            f'<div class="blk"><b>{html.escape(p)}</b><br>{html.escape(t)}<br>{html.escape(o)}</div>'
            for p, t, o in pair
        )
        + "</div>"
    )
body = (
    '<p class="date">13 September 2017</p>\n<p>The Hon. Margit Halvorsen<br>Inspector-General of Intelligence<br>4 Commission Street<br>Eastbrook</p>\n<p>Dear Inspector-General Halvorsen,</p>\n'
    + paras(BODY_EN)
    + "\n<p>Sincerely,</p>\n"
    + "\n".join(grid)
    + "\n<p>The Northern Tenants' Union defends renters in eleven provinces. The Coastal Legal Aid Society was founded in 1990.</p>"
)
write(
    "05-stacked-grid",
    page(
        "Letter to the Inspector-General",
        body,
        "en",
        ".row { display: flex; margin-bottom: 1.2em } .blk { width: 45% }",
    ),
    {
        "date": "2017-09-13",
        "date_printed": True,
        "recipients": ["The Hon. Margit Halvorsen"],
        "recipients_source": "address",
        "signatories": [
            sig(f"{p}, {t}, {o}", "person", name=p, affiliation=f"{t}, {o}") for p, t, o in blocks
        ],
        "not_signatories": [
            "The Northern Tenants' Union defends renters in eleven provinces. The Coastal Legal Aid Society was founded in 1990."
        ],
        "notes": "Seven signature blocks (bold name / title / organization) in a two-column grid, read row by row; the last alone.",
    },
)

# 06: Nombre | afiliación, una columna, entradas que se parten
gente = [
    f"{p} | {a}"
    for p, a in zip(
        uniq(person, 9),
        [
            "Profesora de Derecho Constitucional, Universidad Nacional del Noroeste, y consejera del Observatorio Ciudadano de Transparencia",
            "Periodista",
            "Investigador del Centro de Estudios Laborales del Sur y coordinador de la Red de Defensa Migrante",
            "Relatora especial sobre libertad de expresión (2014-2020) de la Comisión Regional de Derechos Humanos",
            "Abogada",
            "Director de la Fundación por los Derechos Digitales de Mendoza",
            "Académico de la Facultad de Ciencias Sociales, Universidad Autónoma de la Costa, y miembro del Comité de Memoria y Verdad",
            "Defensora comunitaria",
            "Consultora independiente en políticas de datos abiertos y gobierno digital para América Latina",
        ],
        strict=True,
    )
]
body = (
    '<p class="date">30 de abril, 2020</p>\n<p>Para: Senado de la República</p>\n<p>Honorables senadoras y senadores:</p>\n'
    + paras(BODY_ES)
    + '\n<p>Firman,</p>\n<div class="people">'
    + "\n".join(f"<p>{html.escape(g)}</p>" for g in gente)
    + "</div>"
)
write(
    "06-nombre-afiliacion",
    page("Carta al Senado", body, "es", ".people { width: 70% } .people p { margin: 0 0 0.4em }"),
    {
        "date": "2020-04-30",
        "date_printed": True,
        "recipients": ["Senado de la República"],
        "recipients_source": "to",
        "signatories": [
            sig(g, "person", name=g.split(" | ")[0], affiliation=g.split(" | ")[1]) for g in gente
        ],
        "not_signatories": ["Firman,"],
        "notes": "One narrow column of 'Nombre | afiliación' entries, most wrapping over two or three lines.",
    },
)

# 07: a list crossing a page break, footnotes at the page foot (one continuing on the next)
orgs = uniq(en_org, 30)
orgs[6] = (
    "Agustín Peralta, in an individual capacity (Centre for Studies on Freedom of Expression and Access to Information)"
)
pstyle = (
    ".page { height: 9.2in; position: relative; overflow: hidden; page-break-after: always }"
    ".foot { position: absolute; bottom: 0; left: 0; right: 0; font-size: 8.5pt; line-height: 1.25 }"
    ".foot p { margin: 0 0 0.2em } .foot hr { width: 30%; margin: 0 0 0.4em; border: 0; border-top: 1px solid #000 }"
    ".list p { margin: 0 }"
)
note1 = "Regional Commission on Human Rights, Report on Data Sharing Between Agencies, 2021, paras. 14-19."
note2a = "See the joint analysis by Eastbrook College and the Clearview Press Council, which found that automated matching flagged lawful protest organizers in 61 of 200 sampled cases and that appeals took an average of"
note2b = "nine months to conclude (available from the authors on request)."
note3 = "Charter of Fundamental Rights, Articles 7, 8 and 11."
p1 = (
    '<div class="page">\n<p class="date">4 February 2019</p>\n<p>Dear Members of the Regional Parliament,</p>\n'
    + paras(
        [
            BODY_EN[0],
            BODY_EN[1][:180] + ".<sup>1</sup> " + BODY_EN[1][180:],
            "Independent reviews of similar systems found high error rates.<sup>2</sup> We therefore ask you to reject the text as it stands.",
            "Your decisions in this area will have consequences far beyond our borders.",
        ]
    )
    .replace("&lt;sup&gt;", "<sup>")
    .replace("&lt;/sup&gt;", "</sup>")
    + '\n<p>Signed,</p>\n<div class="list">'
    + "".join(f"<p>{html.escape(o)}</p>" for o in orgs[:7])
    + "</div>\n"
    + f'<div class="foot"><hr><p><sup>1</sup> {html.escape(note1)}</p><p><sup>2</sup> {html.escape(note2a)}</p></div>\n</div>'
)
p2 = (
    '<div class="page" style="page-break-after: auto">\n<div class="list">'
    + "".join(f"<p>{html.escape(o)}</p>" for o in orgs[7:])
    + "</div>\n"
    + "<p>All of us also rely on the protections of the Charter.<sup>3</sup></p>\n"
    + f'<div class="foot"><hr><p>{html.escape(note2b)}</p><p><sup>3</sup> {html.escape(note3)}</p></div>\n</div>'
)
write(
    "07-footnotes-page-break",
    page("Letter to the Regional Parliament", p1 + "\n" + p2, "en", pstyle),
    {
        "date": "2019-02-04",
        "date_printed": True,
        "recipients": ["Members of the Regional Parliament"],
        "recipients_source": "salutation",
        "signatories": [
            sig(o, "person" if "individual capacity" in o else "organization") for o in orgs
        ],
        "not_signatories": [
            note1,
            note2a,
            note2b,
            note3,
            "Signed,",
            "All of us also rely on the protections of the Charter.",
        ],
        "footnotes": {1: note1, 2: note2a + " " + note2b, 3: note3},
        "notes": "One column; the list starts at the foot of page 1 above footnotes 1 and 2, footnote 2 runs on at the foot of page 2, and the list goes on at the top of page 2.",
    },
)

# 08: running headers (fixed element), footers and page numbers (@page margin boxes)
orgs = uniq(en_org, 95)
hstyle = (
    "@page { @top-right { content: 'Joint letter on river protection · 12 March 2024'; font-size: 8pt } @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 8pt }"
    " @bottom-left { content: 'Coalition for Clean Rivers'; font-size: 8pt } }"
    ".running { position: fixed; top: -0.5in; right: 0; font-size: 8pt }"
    ".list p { margin: 0 0 0.15em }"
)
body = (
    "<p>Commissioner Ruth Abernathy<br>Department of Water Resources</p>\n<p>Dear Commissioner Abernathy,</p>\n"
    + paras(BODY_EN)
    + '\n<p>Respectfully,</p>\n<div class="list">'
    + "".join(f"<p>{html.escape(o)}</p>" for o in orgs)
    + "</div>"
)
write(
    "08-running-headers",
    page("River protection letter", body, "en", hstyle),
    {
        "date": "2024-03-12",
        "date_printed": True,
        "recipients": ["Commissioner Ruth Abernathy"],
        "recipients_source": "address",
        "signatories": [sig(o) for o in orgs],
        "not_signatories": [
            "Joint letter on river protection · 12 March 2024",
            "Coalition for Clean Rivers",
            "Page 1 of 3",
            "Page 2 of 3",
            "Page 3 of 3",
            "Respectfully,",
        ],
        "notes": "A running header top right (a fixed element printed on every page, with the date), a footer and 'Page N of M' in the page's margin boxes; a one-column list over three pages.",
    },
)

# 09: bloques de direcciones lado a lado, fecha arriba a la derecha, lista en dos columnas con secciones
nac = uniq(es_org, 14)
intl = uniq(es_org, 8)
intl = [i for i in intl if i not in nac]
dest = [
    ("Lic. Andrés Ibarra Quiroga", "Secretario de Gobernación"),
    ("Mtra. Beatriz Fonseca Ruiz", "Secretaria de Relaciones Exteriores"),
    ("Dr. Matías Peralta Osorio", "Fiscal General de la República"),
]
addr = (
    '<div class="addr">'
    + "".join(
        f"<div><b>{html.escape(n)}</b><br>{html.escape(c)}<br>Presente</div>" for n, c in dest
    )
    + "</div>"
)
body = (
    '<p class="date">Bogotá, 30 de abril de 2020</p>\n'
    + addr
    + "\n<p>Estimadas autoridades:</p>\n"
    + paras(BODY_ES)
    + "\n<p>Atentamente,</p>\n<h3>Organizaciones nacionales</h3>\n"
    + cols(nac, 2)
    + "\n<h3>Organizaciones internacionales</h3>\n"
    + cols(intl, 2)
)
write(
    "09-bloques-direcciones",
    page(
        "Carta a las autoridades",
        body,
        "es",
        ".addr { display: flex; gap: 2em; margin-bottom: 1em } .addr div { width: 30% }",
    ),
    {
        "date": "2020-04-30",
        "date_printed": True,
        "recipients": [n for n, _ in dest],
        "recipients_source": "address",
        "signatories": [sig(o, section="Organizaciones nacionales") for o in nac]
        + [sig(o, section="Organizaciones internacionales") for o in intl],
        "not_signatories": ["Atentamente,"],
        "notes": "Three address blocks side by side; two sections, each in two columns.",
    },
)

# 10: three columns of people, names wrapping, one at its own hyphen
ppl = uniq(person, 24)
ppl[4] = "Margarethe Achterberg-Wolanski-Lindqvist"
ppl[13] = "Dr. Esther Kowalczyk-Delacroix, Eastbrook"
ppl[20] = "Rev. Gideon Abernathy-Castellanos"
body = (
    '<p class="date">November 18, 2021</p>\n<p>To: The Board of Governors, Eastbrook Regional Bank</p>\n<p>Dear Governors,</p>\n'
    + paras(BODY_EN[:2])
    + "\n<p>Signed,</p>\n<h3>Individuals</h3>\n"
    + cols(ppl, 3)
)
write(
    "10-three-columns-people",
    page("Letter to the Board", body, "en", ".cols { width: 62% } .cols p { margin: 0 0 0.3em }"),
    {
        "date": "2021-11-18",
        "date_printed": True,
        "recipients": ["The Board of Governors, Eastbrook Regional Bank"],
        "recipients_source": "to",
        "signatories": [sig(p, "person", section="Individuals") for p in ppl],
        "not_signatories": ["Signed,", "Individuals"],
        "notes": "Three narrow columns; three names wrap, two of them at a hyphen that is part of the name.",
    },
)

# 11: ligatures, soft hyphens, zero-width characters in the printed names; a bulleted list
lig = [
    "Oﬃce for Civic Aﬀairs",
    "Fjord Conﬂict Resolution Centre",
    "Eﬃcient Transit Users' League",
    "Ride-Share Drivers' Aﬃliation",
    "Clearview Oﬀshore Fishers",
]
shy = [
    "Inter­national Trans­parency Net­work",
    "Sociedad Civil Orga­nizada de Nariño",
    "Community​Radio Trust of the Valley",
]
items = lig + shy + uniq(en_org, 6)
shown = [i.replace("\u00ad", "&shy;").replace("\u200b", "&#8203;") for i in items]
clean = {"ﬃ": "ffi", "ﬀ": "ff", "ﬂ": "fl", "\u00ad": "", "\u200b": ""}


def c(s):
    for a, b in clean.items():
        s = s.replace(a, b)
    return s


body = (
    '<p class="date">December 18, 2023</p>\n<p>To: The Transport Committee</p>\n<p>Dear Committee Members,</p>\n'
    + paras(BODY_EN)
    + "\n<p>Supporting organizations:</p>\n<ul>"
    + "".join(f"<li>{s}</li>" for s in shown)
    + "</ul>"
)
write(
    "11-ligatures-soft-hyphens",
    page(
        "Letter to the Transport Committee",
        body,
        "en",
        "ul { margin: 0; } li { margin: 0 0 0.2em }",
    ),
    {
        "date": "2023-12-18",
        "date_printed": True,
        "recipients": ["The Transport Committee"],
        "recipients_source": "to",
        "signatories": [sig(c(i)) for i in items],
        "not_signatories": ["Supporting organizations:"],
        "notes": "Names typed with ligature characters (ﬃ, ﬂ, ﬀ), soft hyphens and a zero-width space, in a bulleted list.",
    },
)

# 12: lista numerada en una columna, entradas largas con sangría francesa
orgs = uniq(es_org, 15)
orgs[2] = (
    "Coordinadora Nacional de Organizaciones Campesinas, Indígenas y Afrodescendientes por la Soberanía Alimentaria y la Defensa del Territorio"
)
orgs[9] = "Equidad de Género: Ciudadanía, Trabajo y Familia"
body = (
    '<p class="date">Domingo, 22 de abril, 2012</p>\n<p>A: Secretaría General de la Conferencia</p>\n<p>Estimados delegados:</p>\n'
    + paras(BODY_ES)
    + "\n<p>Organizaciones firmantes:</p>\n<ol>"
    + "".join(f"<li>{html.escape(o)}</li>" for o in orgs)
    + "</ol>"
)
write(
    "12-lista-numerada",
    page("Carta a la Conferencia", body, "es", "ol { margin: 0; width: 75% } li { margin: 0 }"),
    {
        "date": "2012-04-22",
        "date_printed": True,
        "recipients": ["Secretaría General de la Conferencia"],
        "recipients_source": "to",
        "signatories": [sig(o) for o in orgs],
        "not_signatories": ["Organizaciones firmantes:"],
        "notes": "A numbered list (the browser prints '1.', '2.', ...), one long name wrapping with a hanging indent.",
    },
)

# 13: dos columnas que cruzan el salto de página, números de página "- N -"
orgs = uniq(es_org, 120)
body = (
    '<p class="date">Ciudad de Guatemala, 9 de agosto de 2022</p>\n<p>Señor Presidente del Congreso de la República<br>Presente</p>\n<p>Señor Presidente:</p>\n'
    + paras(BODY_ES * 2)
    + "\n<p>Atentamente,</p>\n<h3>Organizaciones firmantes</h3>\n"
    + cols(orgs, 2)
)
write(
    "13-dos-columnas-salto-de-pagina",
    page(
        "Carta al Congreso",
        body,
        "es",
        "@page { @bottom-center { content: '- ' counter(page) ' -'; font-size: 9pt } } .cols p { font-size: 9.5pt }",
    ),
    {
        "date": "2022-08-09",
        "date_printed": True,
        "recipients": ["Señor Presidente del Congreso de la República"],
        "recipients_source": "address",
        "signatories": [sig(o, section="Organizaciones firmantes") for o in orgs],
        "not_signatories": ["Atentamente,", "- 1 -", "- 2 -", "- 3 -"],
        "notes": "A two-column list of 120 organizations that runs over a page break; page numbers '- N -' centred at the foot.",
    },
)

# 14: rejilla de firmas en tres columnas (nombre en negrita / cargo / organización)
firmas = [
    (
        person(),
        rnd.choice(
            [
                "Directora ejecutiva",
                "Presidente",
                "Coordinadora general",
                "Secretario técnico",
                "Representante legal",
            ]
        ),
        es_org(),
    )
    for _ in range(8)
]
grid = []
for i in range(0, 8, 3):
    trio = firmas[i : i + 3]
    grid.append(
        '<div class="row">'
        + "".join(
            f'<div class="blk"><b>{html.escape(p)}</b><br>{html.escape(t)}<br>{html.escape(o)}</div>'
            for p, t, o in trio
        )
        + "</div>"
    )
body = (
    '<p class="date">Lima, 15 de marzo de 2023</p>\n<p>A: Comisión de Justicia y Derechos Humanos del Congreso</p>\n<p>Estimadas y estimados congresistas:</p>\n'
    + paras(BODY_ES)
    + "\n<p>Firmantes:</p>\n"
    + "\n".join(grid)
)
write(
    "14-rejilla-tres-columnas",
    page(
        "Carta a la Comisión",
        body,
        "es",
        ".row { display: flex; gap: 1.5em; margin-bottom: 1.3em } .blk { width: 31%; font-size: 9.5pt }",
    ),
    {
        "date": "2023-03-15",
        "date_printed": True,
        "recipients": ["Comisión de Justicia y Derechos Humanos del Congreso"],
        "recipients_source": "to",
        "signatories": [
            sig(f"{p}, {t}, {o}", "person", name=p, affiliation=f"{t}, {o}") for p, t, o in firmas
        ],
        "not_signatories": ["Firmantes:"],
        "notes": "Eight signature blocks (bold name / title / organization) three to a row, read row by row; the organization names wrap in the narrow cells.",
    },
)

# 15: a numbered list set in two columns (the browser's own numbers beside each name)
orgs = uniq(en_org, 40)
orgs[11] = "Association of Parents and Teachers for Inclusive Public Schools"
body = (
    '<p class="date">June 2, 2020</p>\n<p>To: Governor Ellen Whitcombe</p>\n<p>Dear Governor Whitcombe,</p>\n'
    + paras(BODY_EN)
    + '\n<p>Endorsed by:</p>\n<ol style="columns: 2; column-gap: 3em; margin: 0; padding-left: 2.2em">'
    + "".join(f"<li>{html.escape(o)}</li>" for o in orgs)
    + "</ol>"
)
write(
    "15-numbered-two-columns",
    page("Letter to the Governor", body, "en", "li { margin: 0 0 0.15em; break-inside: avoid }"),
    {
        "date": "2020-06-02",
        "date_printed": True,
        "recipients": ["Governor Ellen Whitcombe"],
        "recipients_source": "to",
        "signatories": [sig(o) for o in orgs],
        "not_signatories": ["Endorsed by:"],
        "notes": "A numbered list (1-40) in two columns, numbered down each column; one name wraps beside its number.",
    },
)

# 16: two columns with no room between entries: wrapped names told by where the line broke
orgs = uniq(en_org, 30)
orgs[3] = "Council of Independent Community Broadcasters of the Eastern Seaboard"
orgs[16] = "Federation of Smallholder Farmers and Fisherfolk of the Southern Coast"
orgs[25] = "Network of Women Mediators for Peace and Reconciliation"
body = (
    '<p class="date">October 5, 2023</p>\n<p>Dear Members of the Board,</p>\n'
    + paras(BODY_EN)
    + "\n<p>Signatories</p>\n"
    + cols(orgs, 2).replace('<div class="cols"', '<div class="cols tight"')
)
write(
    "16-two-columns-tight",
    page("Letter to the Board", body, "en", ".tight { width: 70% } .tight p { margin: 0 }"),
    {
        "date": "2023-10-05",
        "date_printed": True,
        "recipients": ["Members of the Board"],
        "recipients_source": "salutation",
        "signatories": [sig(o) for o in orgs],
        "not_signatories": ["Signatories"],
        "notes": "Two narrow columns with no space between entries: three long names wrap, and only where the line broke tells a wrapped name from the next.",
    },
)

# 17: tabla sin números: organización | país, encabezado en negrita, celdas centradas en vertical
filas = [
    (es_org(), rnd.choice(["México", "Guatemala", "Honduras", "El Salvador", "Colombia", "Perú"]))
    for _ in range(22)
]
filas = list({f[0]: f for f in filas}.values())
filas[4] = (
    "Coordinadora Nacional de Organizaciones de Mujeres Indígenas y Campesinas por la Defensa del Territorio",
    "Guatemala",
)
trs = "\n".join(f"<tr><td>{html.escape(n)}</td><td>{c}</td></tr>" for n, c in filas)
body = (
    '<p class="date">Tegucigalpa, 20 de octubre de 2021</p>\n<p>A la Comisión Interamericana de Derechos Humanos</p>\n<p>Distinguidas comisionadas y comisionados:</p>\n'
    + paras(BODY_ES)
    + '\n<p>Organizaciones firmantes:</p>\n<table class="t2"><tr><th>Organización</th><th>País</th></tr>\n'
    + trs
    + "\n</table>"
)
write(
    "17-tabla-organizacion-pais",
    page(
        "Carta a la Comisión",
        body,
        "es",
        ".t2 { border-collapse: collapse; width: 75% } .t2 td, .t2 th { border: 1px solid #555; padding: 3px 6px; text-align: left } .t2 td:first-child { width: 70% }",
    ),
    {
        "date": "2021-10-20",
        "date_printed": True,
        "recipients": ["Comisión Interamericana de Derechos Humanos"],
        "recipients_source": "address",
        "signatories": [sig(n, country=c) for n, c in filas],
        "not_signatories": ["Organizaciones firmantes:", "Organización País"],
        "notes": "A ruled table with no numbers: organization | country under a bold header row; cells centred vertically (the browser's default), one name wrapping.",
    },
)

# 18: numbers typed in the text ("1. Name"), sub-headings inside the list, hanging indents
glob_ = uniq(en_org, 6)
reg = uniq(en_org, 9)
reg = [r for r in reg if r not in glob_][:8]
reg[2] = "Alliance for Accountable Mining, Clean Rivers and the Rights of Riverside Communities"
n = 0
items = []
for heading, group in (("Global", glob_), ("Regional", reg)):
    items.append(f"<p class='h'>{heading}</p>")
    for o in group:
        n += 1
        items.append(f"<p class='e'>{n}. {html.escape(o)}</p>")
body = (
    '<p class="date">4th February 2021</p>\n<p>Dear Members of the Council,</p>\n'
    + paras(BODY_EN)
    + "\n<p>ORGANIZATIONS SUPPORTING THIS STATEMENT INCLUDE:</p>\n"
    + "\n".join(items)
)
write(
    "18-typed-numbers-subheadings",
    page(
        "Statement to the Council",
        body,
        "en",
        ".e { margin: 0; padding-left: 1.6em; text-indent: -1.6em; width: 60% } .h { margin: 0.4em 0 0.1em; font-weight: bold }",
    ),
    {
        "date": "2021-02-04",
        "date_printed": True,
        "recipients": ["Members of the Council"],
        "recipients_source": "salutation",
        "signatories": [sig(o, section="Global") for o in glob_]
        + [sig(o, section="Regional") for o in reg],
        "not_signatories": [
            "ORGANIZATIONS SUPPORTING THIS STATEMENT INCLUDE:",
            "Global",
            "Regional",
        ],
        "notes": "Numbers typed as text ('1. Name', '7. Name'), sub-headings inside the list, a long name wrapping under a hanging indent.",
    },
)

# 19: a numbered list in small print at the foot of a page, and endnotes the text cites:
# the list's numbers must not be read as footnotes
orgs = uniq(en_org, 14)
end1 = "Report of the Special Rapporteur on the rights to freedom of peaceful assembly and of association, 2019."
end2 = "Joint submission of the signatories to the public consultation, March 2020."
p1 = (
    '<div class="page">\n<p class="date">March 25, 2021</p>\n<p>To: The Minister of Justice</p>\n<p>Dear Minister,</p>\n'
    + paras(BODY_EN + BODY_EN[:2])
    .replace("proportionate to its stated aim.", "proportionate to its stated aim.<sup>1</sup>")
    .replace("open a public consultation", "open a public consultation<sup>2</sup>")
    + '\n<p>Signed,</p>\n<div class="small">'
    + "".join(f"<p>{i}. {html.escape(o)}</p>" for i, o in enumerate(orgs[:8], 1))
    + "</div>\n</div>"
)
p2 = (
    '<div class="small">'
    + "".join(f"<p>{i}. {html.escape(o)}</p>" for i, o in enumerate(orgs[8:], 9))
    + "</div>\n<p><b>Notes</b></p>\n"
    + f'<div class="small"><p><sup>1</sup> {html.escape(end1)}</p><p><sup>2</sup> {html.escape(end2)}</p></div>'
)
write(
    "19-small-numbered-list-endnotes",
    page(
        "Letter to the Minister of Justice",
        p1 + "\n" + p2,
        "en",
        ".page { height: 9.3in; overflow: hidden; page-break-after: always; display: flex; flex-direction: column; justify-content: space-between } .small p { font-size: 8.5pt; margin: 0 }",
    ),
    {
        "date": "2021-03-25",
        "date_printed": True,
        "recipients": ["The Minister of Justice"],
        "recipients_source": "to",
        "signatories": [sig(o) for o in orgs],
        "not_signatories": ["Signed,", "Notes", end1, end2],
        "footnotes": {1: end1, 2: end2},
        "notes": "The list is in small print and numbered at the foot of page 1, as footnotes would be, and the text cites notes 1 and 2; the notes come at the end.",
    },
)

# 20: reference and dateline on one row, a justified paragraph, then a two-column list
# straight after it with no room between
orgs = uniq(en_org, 11)
body = (
    '<div class="row"><span>Ref: CSO/2022/14</span><span>Nairobi, 3 May 2022</span></div>\n'
    '<h2 style="text-align:center">Open letter on the Data Protection Bill</h2>\n'
    "<p>To: The Clerk of the National Assembly</p>\n"
    + paras(BODY_EN)
    + '\n<p style="margin:0">Signed by:</p>\n'
    + cols(orgs, 2).replace('<div class="cols"', '<div class="cols" style="columns: 2; text-align: left"')
)
write(
    "20-justified-then-columns",
    page(
        "Open letter on the Data Protection Bill",
        body,
        "en",
        "body { text-align: justify; font-family: 'Liberation Sans', sans-serif } .row { display: flex; justify-content: space-between } .cols { column-gap: 1em }",
    ),
    {
        "date": "2022-05-03",
        "date_printed": True,
        "recipients": ["The Clerk of the National Assembly"],
        "recipients_source": "to",
        "signatories": [sig(o) for o in orgs],
        "not_signatories": ["Signed by:", "Ref: CSO/2022/14"],
        "notes": "A reference and the dateline on one row; justified paragraphs; the two-column list follows 'Signed by:' with no room between.",
    },
)

# 21: four number | name pairs with cells centred vertically (the browser's default) and of
# one width, so that a wrapped name sits astride its number and the rows are irregular
names = uniq(
    lambda: rnd.choice(["Byte", "Loop", "Quill", "Kite", "Nimbus", "Orbit", "Fern", "Vector", "Lumen"])
    + rnd.choice(["ly", "works", " Labs", " Health", " Community Solar and Storage Installers", " Cooperative Software Services", "Pay"]),
    60,
)
t4m = table4(1, names, 15).replace('class="t4"', 'class="t4m"')
body = (
    '<p class="date">9 January 2024</p>\n<p>To the Minister of Digital Affairs</p>\n<p>Dear Minister,</p>\n'
    + paras(BODY_EN[:1])
    + "\n<p>Yours faithfully, the founders of:</p>\n"
    + t4m
)
write(
    "21-table-cells-centred",
    page(
        "Founders' letter",
        body,
        "en",
        ".t4m { border-collapse: collapse; width: 100%; font-size: 8pt; table-layout: fixed } .t4m td { padding: 2px 3px }",
    ),
    {
        "date": "2024-01-09",
        "date_printed": True,
        "recipients": ["Minister of Digital Affairs"],
        "recipients_source": "to",
        "signatories": [sig(n) for n in names],
        "not_signatories": ["Yours faithfully, the founders of:"],
        "notes": "Four number | name pairs, every cell of one width and centred vertically: a name wrapped over two lines has its number between them.",
    },
)
