"""Benchmark `match`: a synthetic registry of 20,000 entities, 1,000 printed names.

    python scripts/bench_match.py [--entities 20000] [--names 1000] [--seed 1] [--json]

Deterministic for a seed. The names are a realistic mix of what a new letter
prints: known forms, obvious variants (accents dropped, case, a legal form, a
bracketed acronym, a country suffix), bare acronyms, typos that need a
suggestion, and names the registry has never seen. Prints the time to build the
Resolver and the time to match every name (the figure to keep under 2 s).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from undersigned.models import Signatory  # noqa: E402
from undersigned.resolve import Resolver  # noqa: E402

HEADS = ("Centro", "Red", "Colectivo", "Fundación", "Asociación", "Instituto", "Coalición",
         "Comité", "Alianza", "Casa", "Servicio", "Programa", "Observatorio", "Frente",
         "Center", "Network", "Coalition", "Institute", "Project", "Alliance", "Committee",
         "Foundation", "Council", "Clinic", "Office", "Union", "Federación", "Mesa")
LINKS = ("de", "para", "por", "de los", "de las", "for", "on", "of", "en")
WORDS = ("Derechos", "Humanos", "Migrantes", "Migración", "Mujeres", "Refugiados", "Justicia",
         "Paz", "Desarrollo", "Frontera", "Niñez", "Familias", "Trabajadores", "Indígenas",
         "Defensa", "Solidaridad", "Esperanza", "Dignidad", "Diálogo", "Asilo", "Movilidad",
         "Human", "Rights", "Immigrant", "Refugee", "Justice", "Border", "Legal", "Women",
         "Workers", "Faith", "Action", "Peace", "Democracy", "Latin", "America", "Community",
         "Education", "Health", "Salud", "Tierra", "Agua", "Comunitaria", "Acción", "Social",
         "Integral", "Nacional", "Regional", "Popular", "Laboral", "Cultura", "Memoria",
         "Verdad", "Apoyo", "Atención", "Estudios", "Investigación", "Análisis", "Voces",
         "Caminos", "Puentes", "Sur", "Norte", "Maya", "Lenca", "Garífuna", "Xinca")
TAILS = ("", "", "", " A.C.", " AC", " I.A.P.", " Inc.", " LLC", " S.C.", " A.B.P.")
COUNTRIES = (("MX", "México"), ("US", "USA"), ("GT", "Guatemala"), ("HN", "Honduras"),
             ("SV", "El Salvador"), ("CO", "Colombia"))


def synth_registry(n: int, seed: int) -> dict[str, Signatory]:
    rng = random.Random(seed)
    out: dict[str, Signatory] = {}
    names: set[str] = set()
    while len(out) < n:
        words = rng.sample(WORDS, rng.randint(2, 4))
        name = f"{rng.choice(HEADS)} {rng.choice(LINKS)} {' '.join(words)}"
        if rng.random() < 0.15:
            name += " " + rng.choice(WORDS)
        if name in names:
            continue
        names.add(name)
        country, country_name = rng.choice(COUNTRIES)
        acronym = "".join(w[0] for w in name.split() if w[0].isupper()).upper()
        aliases = [name + rng.choice(TAILS), f"{name} ({acronym})"]
        if rng.random() < 0.1:
            aliases.append(f"{name} - {country_name}")
        sid = f"org-{len(out):05d}"
        out[sid] = Signatory(sid, name, "organization", tuple(dict.fromkeys(aliases)),
                             (acronym,) if rng.random() < 0.5 else (), country)
    return out


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def synth_names(registry: dict[str, Signatory], n: int, seed: int) -> list[str]:
    rng = random.Random(seed + 1)
    sigs = list(registry.values())
    out = []
    for _ in range(n):
        sig = rng.choice(sigs)
        r = rng.random()
        if r < 0.35:
            out.append(rng.choice((sig.name, *sig.aliases)))
        elif r < 0.6:
            out.append(rng.choice((_strip_accents(sig.name).upper(), sig.name + ", A.C.",
                                   sig.name.lower() + " I.A.P.")))
        elif r < 0.65 and sig.acronyms:
            out.append(sig.acronyms[0])
        elif r < 0.85:
            chars = list(sig.name)
            i = rng.randrange(1, len(chars) - 1)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
            out.append("".join(chars))
        else:
            words = rng.sample(WORDS, 3)
            out.append(f"{rng.choice(HEADS)} {rng.choice(LINKS)} {' '.join(words)} Nuevo")
    return out


def run(entities: int, names: int, seed: int) -> dict:
    registry = synth_registry(entities, seed)
    queries = synth_names(registry, names, seed)
    c0, t0 = time.process_time(), time.perf_counter()
    resolver = Resolver(registry)
    c1, t1 = time.process_time(), time.perf_counter()
    matches = [resolver.match(q) for q in queries]
    c2, t2 = time.process_time(), time.perf_counter()
    statuses = {s: sum(m.status == s for m in matches) for s in ("resolved", "suggested", "new")}
    return {"entities": entities, "names": names, "seed": seed,
            "build_s": round(t1 - t0, 3), "match_s": round(t2 - t1, 3),
            # CPU time of this process: the wall time on a shared machine varies with load.
            "build_cpu_s": round(c1 - c0, 3), "match_cpu_s": round(c2 - c1, 3),
            "per_name_ms": round((t2 - t1) * 1000 / max(names, 1), 3), **statuses}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--entities", type=int, default=20_000, help="registry size")
    p.add_argument("--names", type=int, default=1_000, help="printed names to match")
    p.add_argument("--seed", type=int, default=1, help="random seed")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    args = p.parse_args(argv)
    result = run(args.entities, args.names, args.seed)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"registry of {result['entities']} entities built in {result['build_s']} s "
              f"({result['build_cpu_s']} s CPU)")
        print(f"matched {result['names']} names in {result['match_s']} s "
              f"({result['match_cpu_s']} s CPU, "
              f"{result['per_name_ms']} ms each): {result['resolved']} resolved, "
              f"{result['suggested']} suggested, {result['new']} new")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
