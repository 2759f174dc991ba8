#!/usr/bin/env python3
"""Generate a deterministic synthetic archive for benchmarks and tests.

    python scripts/synth_corpus.py N SEED [--out DIR]

writes a whole repository layout (letters/, signatories/, recipients/,
tags.yml, signatories/decisions.csv) of N letters that passes
`undersigned check`. The shape follows issue 6: bodies of 5 to 40 KB with
footnotes, lists, headings and links; 20 to 300 signatures per letter drawn
from a pool of about 20,000 entities with a Zipf-like frequency (the top few
organizations each sign about a third of all letters); printed variants
(accents dropped, legal forms, acronyms, upper case, country suffixes)
registered as aliases; networks printed with their members; a few hundred
recipients printed in several ways; national chapters that are distinct
look-alikes, with `different` decisions.

Only entities that sign at least one letter get a registry file, as in a real
archive, so a small N gives a small registry.

Importable: `synth(n, seed, out)` returns a summary dict. Same (n, seed) gives
byte-identical files: one `random.Random(seed)`, no set iteration, no clock.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import random
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

POOL = 20_000          # canonical entities the letters draw from
NETWORKS = 150         # of which networks (they print their members)
RECIPIENTS = 300
ZIPF_OFFSET = 38       # w_i = 1/(i+38): the top entities are on ~1/3 of the letters
MAX_FRONT_MATTER = 60_000  # load.py caps YAML at 64 KiB

TAGS = [
    ("asylum", "Asylum", "Access to asylum and international protection."),
    ("title-42", "Title 42", "Expulsions under the US public-health order Title 42."),
    ("title-8", "Title 8", "Removals under US immigration law after Title 42 ended."),
    ("mpp", "Remain in Mexico (MPP)", "The Migrant Protection Protocols."),
    ("detention", "Detention", "Immigration detention and its alternatives."),
    ("children", "Children", "Migrant children, unaccompanied minors and families."),
    ("families", "Families", "Family unity, separation and reunification."),
    ("labor-migration", "Labor migration", "Work visas and labor rights."),
    ("climate-displacement", "Climate displacement", "Displacement driven by climate change."),
    ("root-causes", "Root causes", "Violence, poverty and other causes of forced migration."),
    ("militarization", "Militarization", "Military and police enforcement of migration."),
    ("human-rights-defenders", "Human rights defenders", "Protection of defenders."),
    ("legal-pathways", "Legal pathways", "Regular, safe pathways for migration."),
    ("us-mexico", "US–Mexico relations", "Bilateral agreements between the US and Mexico."),
]

# --- word lists -----------------------------------------------------------------------------

FIRST = (
    "María José Juan Ana Luis Carmen Carlos Rosa Jorge Elena Miguel Lucía Raúl Sofía Andrés "
    "Patricia Fernando Gabriela Alejandro Verónica Ricardo Mónica Héctor Adriana Óscar Beatriz "
    "Sergio Claudia Javier Alicia Tomás Irene Víctor Marta Ramón Julia Ángel Silvia Rubén Laura "
    "Guadalupe Jesús Inés Martín Paula Joaquín Teresa Emilio Noemí Iván Sara Esteban Norma "
    "Mary John Linda David Susan Michael Karen James Nancy Robert Lisa Daniel Sarah Thomas "
    "Jennifer William Emily Joseph Rachel Kevin Megan Brian Laura Eric Hannah Peter Grace"
).split()
SURNAME = (
    "García Hernández Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz Flores "
    "Gómez Morales Vázquez Jiménez Reyes Díaz Torres Gutiérrez Ruiz Mendoza Aguilar Ortiz "
    "Moreno Castillo Romero Álvarez Méndez Chávez Rivera Juárez Ramos Domínguez Herrera "
    "Medina Castro Vargas Guzmán Velázquez Muñoz Rojas Contreras Salazar Luna Ortega Cortés "
    "Guerrero Estrada Bautista Núñez Ríos Cepeda Covarrubias Solís Ibarra Valdés Peña Tapia "
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
    "Jackson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker"
).split()
PLACES = (
    "México|Chiapas|Oaxaca|Guerrero|Michoacán|Querétaro|Nuevo León|Tamaulipas|Sonora|Chihuahua|"
    "Baja California|Coahuila|Veracruz|Tabasco|Puebla|Jalisco|Yucatán|Ciudad Juárez|Tijuana|"
    "Tapachula|Mexicali|Reynosa|Matamoros|Nogales|Saltillo|Monterrey|Guadalajara|Mérida|"
    "Texas|Arizona|California|New Mexico|Florida|Illinois|New York|Colorado|Oregon|Georgia|"
    "El Paso|San Diego|Tucson|Houston|San Antonio|Chicago|Los Angeles|Brownsville|Laredo|"
    "Guatemala|Honduras|El Salvador|Nicaragua|Costa Rica|Panamá|Colombia|Perú|Haití|Cuba|"
    "Centroamérica|Mesoamérica|la Frontera Norte|la Frontera Sur|las Américas|el Soconusco"
).split("|")
SAINTS = ("San José|Santa María|San Juan Diego|Fray Bartolomé de las Casas|Santa Rita|"
          "San Francisco de Asís|Belén|Nazareth|Scalabrini|Guadalupe|San Alberto Hurtado|"
          "Fray Matías de Córdova|Monseñor Romero|Padre Pedro").split("|")
ES_TYPE = ("Centro de Derechos Humanos|Colectivo|Red|Fundación|Asociación|Instituto|"
           "Alianza|Observatorio|Comité|Coalición|Programa|Clínica Jurídica|Servicio|"
           "Casa del Migrante|Albergue|Iniciativa|Frente|Movimiento|Consejo|Proyecto|"
           "Sin Fronteras|Comisión|Unión|Organización").split("|")
ES_TOPIC = ("Derechos Humanos|la Movilidad Humana|las Personas Migrantes|los Pueblos Indígenas|"
            "la Justicia Social|la Niñez Migrante|las Mujeres|la Defensa del Territorio|"
            "el Refugio|la Paz|la Dignidad|los Derechos Laborales|la Educación Popular|"
            "la Memoria|el Desarrollo Comunitario|la Hospitalidad|el Acompañamiento|"
            "la Protección Internacional|las Familias|la Salud Comunitaria").split("|")
ES_ADJ = ("Mexicano|Mexicana|Nacional|Regional|Comunitario|Comunitaria|Popular|Ciudadana|"
          "Ciudadano|Fronterizo|Fronteriza|Independiente|Solidario|Solidaria|Latinoamericana|"
          "Mesoamericana|Juvenil|Feminista|Indígena|Binacional").split("|")
EN_TYPE = ("Alliance|Coalition|Project|Center|Network|Council|Fund|Initiative|Institute|"
           "Committee|Collaborative|Campaign|Partnership|Clinic|Association|Service|"
           "Foundation|Forum|Union|Action").split("|")
EN_TOPIC = ("Immigrant Rights|Refugee Rights|Human Rights|Migrant Justice|Border Justice|"
            "Legal Aid|Racial Justice|Humanitarian Aid|Asylum Seekers|Children's Rights|"
            "Worker Justice|Faith and Justice|Immigration Law|Civil Liberties|Family Unity|"
            "Community Organizing|Climate Justice|Accompaniment|Welcome|Sanctuary").split("|")
EN_ADJ = ("National|American|Interfaith|Catholic|Lutheran|Jewish|Latino|Latina|Women's|"
          "Youth|Community|Progressive|Southern|Northern|Binational|Regional|United|Hispanic|"
          "Friends|Grassroots").split("|")
LEGAL_MX = (" A.C.", ", A.C.", " AC", ", I.A.P.", " I.A.P.", " A.B.P.", " S.C.")
LEGAL_US = (", Inc.", " Inc.", " Inc", " LLC")
COUNTRIES = ("MX", "US", "GT", "HN", "SV", "NI", "CR", "PA", "CO", "CA", "ES")
COUNTRY_SUFFIX = {
    "MX": (" – México", " - Mexico", " México"),
    "US": (" - USA", " EEUU", " US"),
    "GT": (" - Guatemala",), "HN": (" - Honduras",), "SV": (" – El Salvador",),
}
CHAPTER = {"MX": "México", "US": "US", "GT": "Guatemala", "HN": "Honduras", "CA": "Canada"}
ROLES = (
    "President of the United States|Secretary of Homeland Security|Secretary of State|"
    "Attorney General of the United States|Presidente de México|Secretario de Gobernación|"
    "Secretaria de Relaciones Exteriores|Comisionado del Instituto Nacional de Migración|"
    "Director of U.S. Citizenship and Immigration Services|Senator|Representative|Governor|"
    "Ambassador of the United States to Mexico|Embajador de México en Estados Unidos|"
    "High Commissioner for Refugees|Special Rapporteur on the Human Rights of Migrants|"
    "Commissioner of U.S. Customs and Border Protection|Director of ICE|Mayor|"
    "Presidenta de la Comisión Nacional de los Derechos Humanos").split("|")

EN_WORDS = (
    "the of and to in a for that is on with as by are we be this it from at or not have "
    "their has which an all who these its people migrants asylum border government policy "
    "rights protection families children seekers access law administration United States "
    "Mexico urge call ensure end immediately humanitarian safe legal pathways international "
    "obligations under refugees process communities violence persons return expulsions "
    "detention alternatives shelters organizations civil society support request demand "
    "recognize commitment due process fair hearing counsel health dignity security "
    "cooperation regional agreement implementation report documented cases thousands "
    "vulnerable women men youth unaccompanied minors waiting dangerous conditions cities "
    "northern southern region authorities federal state local enforcement agents military "
    "deployment accountability transparency data evidence testimony abuses kidnapping "
    "extortion trafficking disappearance investigation justice remedy reparation reform"
).split()
ES_WORDS = (
    "de la que el en y a los del se las por un para con no una su al lo como más pero sus "
    "le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien "
    "desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes "
    "algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual "
    "personas migrantes derechos humanos frontera gobierno política protección familias "
    "niñas niños solicitantes asilo acceso ley Estados Unidos México exigimos llamamos "
    "garantizar poner fin inmediato humanitaria segura vías legales obligaciones "
    "internacionales refugio proceso comunidades violencia retorno expulsiones detención "
    "alternativas albergues organizaciones sociedad civil apoyo solicitud demanda "
    "reconocimiento compromiso debido acceso justicia salud dignidad seguridad cooperación "
    "regional acuerdo implementación informe casos documentados miles vulnerables mujeres "
    "hombres jóvenes menores acompañar esperando condiciones peligrosas ciudades norte sur "
    "autoridades federales estatales locales agentes militares despliegue rendición cuentas "
    "transparencia datos evidencia testimonios abusos secuestro extorsión trata "
    "desaparición investigación reparación reforma"
).split()
SYLLABLES = ("ka", "lo", "mi", "ran", "te", "so", "vu", "pel", "dri", "na", "qua", "ber", "ti",
             "xo", "len", "fa", "gu", "hor", "zi", "mar", "cas", "tel", "mon", "ri")


# --- helpers --------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Drop accents, the commonest printed variant."""
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")


def slug(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text).lower())
    out = ""
    for w in words:
        cand = f"{out}-{w}" if out else w
        if len(cand) > limit:
            break
        out = cand
    return out or "x"


def acronym_of(name: str) -> str:
    skip = {"de", "del", "la", "las", "los", "el", "y", "para", "por", "en", "the", "of",
            "for", "and", "a", "sin", "on"}
    letters = [fold(w)[0].upper() for w in re.findall(r"[\w']+", name)
               if w.lower() not in skip and w[0].isalpha()]
    return "".join(letters)[:7]


_PLAIN = re.compile(r"^[\w(¿¡][\w .,()'’¿¡/–-]*[\w.)]$|^\w$")


def q(text: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted (strictyaml reads both as text)."""
    if _PLAIN.match(text) and ": " not in text and " #" not in text:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Zipf:
    """Draws indexes 0..n-1 with weight 1/(i+offset): a heavy tail, a few very frequent."""

    def __init__(self, n: int, offset: float, rng: random.Random):
        self.cum = list(itertools.accumulate(1.0 / (i + offset) for i in range(n)))
        self.total = self.cum[-1]
        self.rng = rng

    def distinct(self, k: int, exclude: set[int] | None = None) -> list[int]:
        seen: set[int] = set(exclude or ())
        out: list[int] = []
        rand, cum, total, hi = self.rng.random, self.cum, self.total, len(self.cum) - 1
        while len(out) < k:
            i = bisect.bisect(cum, rand() * total, 0, hi)
            if i not in seen:
                seen.add(i)
                out.append(i)
        return out


# --- the pool of entities -------------------------------------------------------------------

class Entity:
    __slots__ = ("id", "name", "kind", "country", "acronym", "variants", "used", "members",
                 "affiliation", "related", "website")

    def __init__(self, eid, name, kind, country, acronym=None):
        self.id, self.name, self.kind, self.country = eid, name, kind, country
        self.acronym = acronym
        self.variants: list[str] = []
        self.used: dict[str, None] = {}   # printed forms seen, in first-seen order
        self.members: list[int] = []
        self.affiliation = None
        self.related: list[tuple[str, str]] = []
        self.website = None


def _org_name(rng: random.Random) -> tuple[str, str]:
    r = rng.random()
    if r < 0.55:
        t = rng.choice(ES_TYPE)
        form = rng.randrange(6)
        if form == 0:
            name = f"{t} {rng.choice(SAINTS)}"
        elif form == 1:
            name = f"{t} para {rng.choice(ES_TOPIC)}"
        elif form == 2:
            name = f"{t} {rng.choice(ES_ADJ)} de {rng.choice(PLACES)}"
        elif form == 3:
            name = f"{t} por {rng.choice(ES_TOPIC)} en {rng.choice(PLACES)}"
        elif form == 4:
            name = f"{t} {rng.choice(SURNAME)} {rng.choice(SURNAME)}"
        else:
            name = f"{t} {rng.choice(ES_ADJ)} para {rng.choice(ES_TOPIC)}"
        return name, "MX" if rng.random() < 0.7 else rng.choice(COUNTRIES)
    form = rng.randrange(5)
    if form == 0:
        name = f"{rng.choice(PLACES)} {rng.choice(EN_TOPIC)} {rng.choice(EN_TYPE)}"
    elif form == 1:
        name = f"{rng.choice(EN_ADJ)} {rng.choice(EN_TYPE)} for {rng.choice(EN_TOPIC)}"
    elif form == 2:
        name = f"{rng.choice(SURNAME)} {rng.choice(EN_TYPE)} for {rng.choice(EN_TOPIC)}"
    elif form == 3:
        name = f"{rng.choice(EN_ADJ)} {rng.choice(EN_TOPIC)} {rng.choice(EN_TYPE)} of " \
               f"{rng.choice(PLACES)}"
    else:
        name = f"{rng.choice(EN_TOPIC)} {rng.choice(EN_TYPE)}"
    return name, "US" if rng.random() < 0.75 else rng.choice(COUNTRIES)


def _key(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(name).lower()))


def build_pool(rng: random.Random) -> tuple[list[Entity], list[tuple[int, int]]]:
    """About 20,000 entities in rank order (index 0 signs most often)."""
    pool: list[Entity] = []
    keys: set[str] = set()
    ids: set[str] = set()
    acronyms: dict[str, int] = {}

    def add(name: str, kind: str, country: str | None) -> Entity | None:
        name = unicodedata.normalize("NFC", name)
        k = _key(name)
        if k in keys or len(name) > 72:
            return None
        keys.add(k)
        eid = base = slug(name)
        n = 2
        while eid in ids:
            eid = f"{base}-{n}"
            n += 1
        ids.add(eid)
        acr = acronym_of(name) if kind != "person" else None
        if acr is not None and len(acr) < 3:
            acr = None
        e = Entity(eid, name, kind, country, acr)
        if acr:
            acronyms[acr] = acronyms.get(acr, 0) + 1
        pool.append(e)
        return e

    net_ranks = set(rng.sample(range(20, 4000), NETWORKS))
    while len(pool) < POOL:
        rank = len(pool)
        if rank in net_ranks:
            base, country = _org_name(rng)
            word = "Red" if rng.random() < 0.5 else "Network"
            name = (f"{word} {base.split(' ', 1)[1]}" if rng.random() < 0.5
                    else f"Coalición {base}" if word == "Red" else f"{base} Network")
            add(name, "network", country)
        elif rank >= 100 and rng.random() < 0.25:
            name = f"{rng.choice(FIRST)} {rng.choice(SURNAME)}"
            if rng.random() < 0.6:
                name += f" {rng.choice(SURNAME)}"
            e = add(name, "person", None)
            if e is not None and rng.random() < 0.3:
                e.affiliation = rng.choice(("Universidad Iberoamericana", "UNAM",
                                            "University of Texas", "Colegio de la Frontera Norte",
                                            "Georgetown Law", "independent researcher"))
        else:
            name, country = _org_name(rng)
            e = add(name, "organization", country)
            if e is not None and rng.random() < 0.3:
                e.website = f"https://{e.id[:40]}.example.org"
    # Acronyms printed alone only where unique in the pool.
    for e in pool:
        if e.acronym and acronyms[e.acronym] > 1:
            e.acronym = None
    # National chapters: distinct look-alikes of frequent organizations.
    chapters: list[tuple[int, int]] = []
    for parent_rank in rng.sample(range(0, 3000), 60):
        parent = pool[parent_rank]
        if parent.kind != "organization":
            continue
        country = rng.choice(sorted(CHAPTER))
        ch = add(f"{parent.name} {CHAPTER[country]}", "organization", country)
        if ch is not None:
            ch.related.append((parent.id, "chapter-of"))
            parent.related.append((ch.id, "parent-of"))
            chapters.append((parent_rank, len(pool) - 1))
    # Networks' member lists, drawn from organizations in the pool.
    orgs = [i for i, e in enumerate(pool) if e.kind == "organization"]
    for e in pool:
        if e.kind == "network":
            e.members = rng.sample(orgs[:8000], rng.randint(5, 40))
    _variants(pool, rng, {child for _, child in chapters}, chapters)
    return pool, chapters


def _variants(pool: list[Entity], rng: random.Random, chapter_ids: set[int],
              chapters: list[tuple[int, int]]) -> None:
    """Printed variants per entity, each claimed by one entity only (exact strings)."""
    claimed: dict[str, int] = {e.name: i for i, e in enumerate(pool)}
    has_chapter = {parent for parent, _ in chapters}
    for i, e in enumerate(pool):
        cands: list[str] = []
        folded = fold(e.name)
        if folded != e.name:
            cands.append(folded)
        if e.kind == "person":
            cands.append(e.name.upper())
            if e.affiliation:
                cands.append(f"{e.name} ({e.affiliation})")
        else:
            legal = LEGAL_MX if e.country in ("MX", None) or e.country not in ("US", "CA") \
                else LEGAL_US
            cands.append(e.name + rng.choice(legal))
            if e.acronym:
                cands.append(f"{e.name} ({e.acronym})")
                cands.append(f"{e.acronym} {e.name}")
                cands.append(e.acronym)
                if e.kind == "network":
                    cands.append(f"{e.name}-{e.acronym}")
            if rng.random() < 0.2:
                cands.append(e.name.upper())
            if e.country in COUNTRY_SUFFIX and i not in has_chapter and i not in chapter_ids:
                cands.append(e.name + rng.choice(COUNTRY_SUFFIX[e.country]))
            if rng.random() < 0.3 and folded != e.name:
                cands.append(folded + rng.choice(LEGAL_MX))
        for c in cands:
            if claimed.setdefault(c, i) == i and c != e.name and c not in e.variants:
                e.variants.append(c)


# --- letters ----------------------------------------------------------------------------------

class Text:
    """Pools of sentences per language, so bodies are cheap to assemble."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sentences = {}
        for lang, base in (("en", EN_WORDS), ("es", ES_WORDS)):
            # A long tail of rarer invented words, Zipf-weighted after the common ones,
            # so the search index sees a realistic vocabulary.
            rare = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                    for _ in range(6000)]
            vocab = base + rare
            cum = list(itertools.accumulate(1.0 / (i + 2) for i in range(len(vocab))))
            out = []
            for _ in range(4000):
                n = rng.randint(8, 28)
                words = rng.choices(vocab, cum_weights=cum, k=n)
                words[0] = words[0].capitalize()
                out.append(" ".join(words) + ".")
            self.sentences[lang] = out

    def body(self, lang: str, target: int, greeting: str, rng: random.Random) -> str:
        sents = self.sentences[lang]
        parts = [greeting, ""]
        size = 0
        notes = 0
        while size < target:
            r = rng.random()
            if r < 0.06:
                heading = " ".join(rng.choice(sents).rstrip(".").split()[:rng.randint(2, 6)])
                parts.append(f"## {heading}")
            elif r < 0.14:
                numbered = rng.random() < 0.5
                for j in range(rng.randint(2, 6)):
                    item = rng.choice(sents)
                    parts.append(f"{j + 1}. {item}" if numbered else f"- {item}")
            else:
                chosen = rng.choices(sents, k=rng.randint(2, 7))
                if rng.random() < 0.3:
                    notes += 1
                    chosen[-1] = chosen[-1] + f"[^{notes}]"
                    size += 200  # its note, written at the end
                if rng.random() < 0.2:
                    w = chosen[0].split()
                    w[1] = f"*{w[1]}*"
                    chosen[0] = " ".join(w)
                if rng.random() < 0.1:
                    w = chosen[-1].split()
                    w[0] = f"[{w[0]}](https://example.org/reports/{rng.randrange(10**6)})"
                    chosen[-1] = " ".join(w)
                parts.append(" ".join(chosen))
            parts.append("")
            size += len(parts[-2]) + 1
        parts.append("Sincerely," if lang == "en" else "Atentamente,")
        parts.append("")
        for j in range(1, notes + 1):
            parts.append(f"[^{j}]: {rng.choice(sents)} "
                         f"https://example.org/source/{rng.randrange(10**6)}")
        return "\n".join(parts) + "\n"


def _recipients(rng: random.Random) -> list[dict]:
    out = []
    seen = set()
    while len(out) < RECIPIENTS:
        name = f"{rng.choice(FIRST)} {rng.choice(SURNAME)}"
        if name in seen:
            continue
        seen.add(name)
        role = rng.choice(ROLES)
        if role in ("Senator", "Representative", "Governor", "Mayor"):
            role = f"{role} of {rng.choice(PLACES)}" if role != "Representative" \
                else f"{role} from {rng.choice(PLACES)}"
        printed = [f"{role} {name}", f"{name}, {role}", name]
        out.append({"id": slug(name), "name": name, "role": role, "forms": printed,
                    "used": {}})
    return out


def _entry(lines: list[str], indent: str, printed: str, eid: str, line: str | None = None):
    lines.append(f"{indent}- printed: {q(printed)}")
    lines.append(f"{indent}  id: {eid}")
    if line is not None:
        lines.append(f"{indent}  line: {q(line)}")


def _printed(e: Entity, rng: random.Random) -> str:
    form = e.name if not e.variants or rng.random() < 0.6 else rng.choice(e.variants)
    e.used[form] = None
    return form


def total_hint(rng: random.Random) -> str:
    return str(rng.choice((40, 50, 87, 100, 120, 150, 200, 250, 300)))


def _letter(rng: random.Random, pool: list[Entity], net_index: list[int], zipf: Zipf,
            rzipf: Zipf, recipients: list[dict], text: Text, seed: int, used_ids: set[str]):
    day = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(16 * 365))
    lang = "es" if rng.random() < 0.45 else "en"
    tags = rng.sample([t[0] for t in TAGS], rng.randint(1, 4))
    rec_idx = rzipf.distinct(rng.randint(1, 3))
    cc_idx = rzipf.distinct(rng.randint(0, 3), exclude=set(rec_idx)) if rng.random() < 0.6 \
        else []
    first = recipients[rec_idx[0]]
    topic = tags[0].replace("-", " ")
    if lang == "en":
        title = rng.choice((
            f"Organizations urge the {first['role']} to act on {topic}",
            f"{total_hint(rng)} groups write to {first['name']} about {topic}",
            f"Civil society asks {first['name']} to protect people on the move",
            f"Letter to the {first['role']} on {topic} in {rng.choice(PLACES)}",
        ))
        greeting = f"Dear {first['name']},"
        summary = (f"Civil-society organizations write to {first['name']} about {topic} "
                   f"and ask for concrete commitments.")
    else:
        title = rng.choice((
            f"Organizaciones piden acción sobre {topic} a {first['name']}",
            f"Carta a {first['name']} sobre {topic} en {rng.choice(PLACES)}",
            f"{total_hint(rng)} organizaciones exigen protección para personas migrantes",
            f"Sociedad civil de {rng.choice(PLACES)} escribe a {first['name']}",
        ))
        greeting = f"Estimado {first['name']}:"
        summary = (f"Organizaciones de la sociedad civil escriben a {first['name']} sobre "
                   f"{topic} y piden compromisos concretos.")
    base = f"{day.isoformat()}-{slug(title, 50)}"
    lid, n = base, 2
    while lid in used_ids:
        lid = f"{base}-{n}"
        n += 1
    used_ids.add(lid)

    # Signatures: total between 20 and 300 (log-uniform), network members included.
    total = int(math.exp(rng.uniform(math.log(20), math.log(300))))
    networks: list[tuple[int, list[int]]] = []
    budget = total
    if rng.random() < 0.35:
        for _ in range(rng.randint(1, 3)):
            net = rng.choice(net_index)
            if any(net == x for x, _ in networks):
                continue
            members = pool[net].members
            m = rng.sample(members, min(len(members), rng.randint(3, 15), max(budget - 11, 0)))
            networks.append((net, m))
            budget -= 1 + len(m)
    exclude = {x for x, _ in networks}
    singles = zipf.distinct(max(budget, 10), exclude=exclude) if budget > 0 else []
    orgs = [x for x in singles if pool[x].kind == "organization" or pool[x].kind == "network"]
    people = [x for x in singles if pool[x].kind == "person"]

    fm: list[str] = ["---", f"title: {q(title)}", f"date: {day.isoformat()}",
                     f"language: {lang}", f"summary: {q(summary)}",
                     f"tags: [{', '.join(tags)}]",
                     f"source: Synthetic letter generated by scripts/synth_corpus.py "
                     f"(seed {seed}).", "recipients:"]
    if rng.random() < 0.3:
        fm.insert(5, f"place: {q(rng.choice(PLACES))}")
    for key, idxs in (("recipients", rec_idx), ("cc", cc_idx)):
        if not idxs:
            continue
        if key == "cc":
            fm.append("cc:")
        for r in idxs:
            rec = recipients[r]
            printed = rng.choice(rec["forms"])
            rec["used"][printed] = None
            fm.append(f"  - printed: {q(printed)}")
            fm.append(f"    id: {rec['id']}")
            if printed != rec["name"]:
                fm.append(f"    name: {q(rec['name'])}")
                fm.append(f"    role: {q(rec['role'])}")
    sig: list[str] = ["signatories:"]
    count = 0
    headed = rng.random() < 0.7
    es = lang == "es"
    groups = []
    if networks:
        groups.append(("Redes" if es else "Networks", "net"))
    groups.append(("Organizaciones" if es else "Organizations", "org"))
    if people:
        groups.append(("Personas" if es else "Individuals", "person"))
    if not headed:
        sig.append("  - entries:")
    for heading, what in groups:
        if headed:
            sig.append(f"  - section: {heading}")
            sig.append("    entries:")
        if what == "net":
            for net, members in networks:
                e = pool[net]
                _entry(sig, "      ", _printed(e, rng), e.id)
                count += 1
                if members:
                    sig.append("        members:")
                    for m in members:
                        _entry(sig, "          ", _printed(pool[m], rng), pool[m].id)
                        count += 1
        elif what == "org":
            for x in orgs:
                _entry(sig, "      ", _printed(pool[x], rng), pool[x].id)
                count += 1
        else:
            j = 0
            while j < len(people):
                a = pool[people[j]]
                if j + 1 < len(people) and rng.random() < 0.08:
                    b = pool[people[j + 1]]
                    pa, pb = _printed(a, rng), _printed(b, rng)
                    line = f"{pa} {'y' if es else 'and'} {pb}"
                    _entry(sig, "      ", pa, a.id, line)
                    _entry(sig, "      ", pb, b.id, line)
                    count += 2
                    j += 2
                else:
                    _entry(sig, "      ", _printed(a, rng), a.id)
                    count += 1
                    j += 1
    if rng.random() < 0.5:
        fm.append(f"stated_count: {count}")
    front = "\n".join(fm + sig) + "\n---\n"
    # Whole bodies between 5 and 40 KB: the last paragraph may overshoot the target.
    target = int(math.exp(rng.uniform(math.log(5200), math.log(37000))))
    return lid, front + "\n" + text.body(lang, target, greeting, rng)


# --- writing --------------------------------------------------------------------------------

def _signatory_yaml(e: Entity, pool_by_id: dict[str, Entity]) -> str:
    out = [f"id: {e.id}", f"name: {q(e.name)}", f"kind: {e.kind}"]
    if e.acronym:
        out.append(f"acronyms: [{e.acronym}]")
    if e.country:
        out.append(f"country: {e.country}")
    if e.website:
        out.append(f"website: {e.website}")
    if e.affiliation:
        out.append(f"affiliation: {q(e.affiliation)}")
    aliases = [a for a in e.used if a != e.name]
    if aliases:
        out.append("aliases:")
        out.extend(f"  - {q(a)}" for a in aliases)
    related = [(rid, rel) for rid, rel in e.related if rid in pool_by_id]
    if related:
        out.append("related:")
        for rid, rel in related:
            out.append(f"  - id: {rid}")
            out.append(f"    relation: {rel}")
    return "\n".join(out) + "\n"


def synth(n: int, seed: int, out: Path | str) -> dict:
    """Write a synthetic archive of `n` letters into `out` (replaced if it exists)."""
    out = Path(out)
    rng = random.Random(seed)
    pool, chapters = build_pool(rng)
    net_index = [i for i, e in enumerate(pool) if e.kind == "network"]
    zipf = Zipf(len(pool), ZIPF_OFFSET, rng)
    recipients = _recipients(rng)
    rzipf = Zipf(len(recipients), 5, rng)
    text = Text(rng)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("letters", "signatories", "recipients"):
        (out / sub).mkdir(parents=True)
    used_ids: set[str] = set()
    letter_bytes = 0
    for _ in range(n):
        lid, content = _letter(rng, pool, net_index, zipf, rzipf, recipients, text, seed,
                               used_ids)
        data = content.encode("utf-8")
        (out / "letters" / f"{lid}.md").write_bytes(data)
        letter_bytes += len(data)
    # Registry: every entity that signed, plus the other end of its relations.
    by_id = {e.id: e for e in pool}
    keep = {e.id: e for e in pool if e.used}
    for e in list(keep.values()):
        for rid, _ in e.related:
            keep.setdefault(rid, by_id[rid])
    for e in keep.values():
        (out / "signatories" / f"{e.id}.yml").write_text(_signatory_yaml(e, keep),
                                                         encoding="utf-8")
    rec_written = 0
    for rec in recipients:
        if not rec["used"]:
            continue
        rec_written += 1
        lines = [f"id: {rec['id']}", f"name: {q(rec['name'])}", f"role: {q(rec['role'])}"]
        aliases = [a for a in rec["used"] if a != rec["name"]]
        if aliases:
            lines.append("aliases:")
            lines.extend(f"  - {q(a)}" for a in aliases)
        (out / "recipients" / f"{rec['id']}.yml").write_text("\n".join(lines) + "\n",
                                                            encoding="utf-8")
    tags = ["# Synthetic tag vocabulary (scripts/synth_corpus.py).", "tags:"]
    for tid, label, desc in TAGS:
        tags += [f"  - id: {tid}", f"    label: {q(label)}", f"    description: {q(desc)}"]
    (out / "tags.yml").write_text("\n".join(tags) + "\n", encoding="utf-8")
    decisions = ["left,right,judgement,note"]
    for parent, child in chapters:
        a, b = pool[parent], pool[child]
        if a.id in keep and b.id in keep:
            decisions.append(f"id:{a.id},id:{b.id},different,national chapter is its own entity")
    (out / "signatories" / "decisions.csv").write_text("\n".join(decisions) + "\n",
                                                       encoding="utf-8")
    return {"letters": n, "seed": seed, "signatories": len(keep), "recipients": rec_written,
            "letter_mb": round(letter_bytes / 2**20, 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of letters")
    p.add_argument("seed", type=int, help="random seed (same seed, same files)")
    p.add_argument("--out", default=None, help="output directory (default build/synth-N-SEED)")
    args = p.parse_args(argv)
    out = Path(args.out or f"build/synth-{args.n}-{args.seed}")
    t0 = time.perf_counter()
    summary = synth(args.n, args.seed, out)
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    summary["out"] = str(out)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
