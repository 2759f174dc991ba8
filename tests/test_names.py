"""Name keys on names printed in the seed letters."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned.names import acronym_fits, name_key

IMUMI_KEY = "instituto para las mujeres en la migracion"


@pytest.mark.parametrize("printed", [
    "Instituto para las Mujeres en la Migración (IMUMI)",
    "Instituto para las Mujeres en la Migración, AC (IMUMI)",
    "Instituto para las Mujeres en la Migración AC (IMUMI)",
    "Instituto Para las Mujeres en la Migración, AC (IMUMI)",
    "IMUMI Instituto para las Mujeres en la Migración",
    "IMUMI – Instituto para las Mujeres en la Migración, AC",
])
def test_imumi_variants_share_key_and_acronym(printed):
    k = name_key(printed)
    assert (k.key, k.acronym, k.qualifiers) == (IMUMI_KEY, "IMUMI", ())
    assert k.tokens == tuple(IMUMI_KEY.split())


def test_country_suffix_is_a_qualifier_not_part_of_the_key():
    k = name_key("Instituto para las Mujeres en la Migración (IMUMI)- México")
    assert (k.key, k.acronym, k.qualifiers) == (IMUMI_KEY, "IMUMI", ("MX",))
    assert name_key("Witness at the Border EEUU").qualifiers == ("US",)
    assert name_key("Comisión de Acción Social Menonita (CASM)- Honduras").qualifiers == ("HN",)
    assert name_key("Presbyterian Church (USA)").qualifiers == ("US",)


def test_look_alikes_keep_their_qualifiers_apart():
    mx, us = name_key("Save the Children México"), name_key("Save the Children US")
    assert mx.key == us.key == "save the children"
    assert (mx.qualifiers, us.qualifiers) == (("MX",), ("US",))
    assert mx.full != us.full
    ca, usa = (name_key("Peace Brigades International-Canada"),
               name_key("Peace Brigades International-USA"))
    assert (ca.qualifiers, usa.qualifiers) == (("CA",), ("US",))
    assert name_key("Universidad Iberoamericana Puebla").qualifiers == ("puebla",)
    assert name_key("Universidad Iberoamericana Mexico City/CDMX").qualifiers == ("cdmx",)
    assert name_key("Universidad Iberoamericana Ciudad de México").qualifiers == ("cdmx",)
    assert name_key("Asylum Access Mexico").full == "asylum access MX"
    assert name_key("Asylum Access").full == "asylum access"


def test_place_bound_by_a_preposition_is_part_of_the_name():
    k = name_key("Foro Nacional para las Migraciones en Honduras")
    assert k.key == "foro nacional para las migraciones en honduras" and k.qualifiers == ()
    # A two-word person's name keeps a surname that is also a state.
    assert name_key("José Guerrero").key == "jose guerrero"


def test_legal_forms_dotted_initials_and_case():
    for printed in ("Sin Fronteras IAP", "Sin Fronteras, IAP", "Sin Fronteras I.A.P.",
                    "SIN FRONTERAS IAP", "Sin Fronteras"):
        assert name_key(printed).full == "sin fronteras", printed
    assert name_key("Iniciativa Kino A. C").key == "iniciativa kino"
    assert name_key("Casa Monarca. Ayuda Humanitaria al Migrante, A.B.P.").key == (
        "casa monarca ayuda humanitaria al migrante")
    assert name_key("Acme Services, S.A. de C.V.").key == "acme services"
    assert name_key("Acme Holdings S. de R.L.").key == "acme holdings"
    assert name_key("Human Rights First, Inc.").key == "human rights first"
    assert name_key("Movilidades Libres y Elegidas, A.C. - CoLibres").key == (
        "movilidades libres y elegidas colibres")


def test_dashes_and_punctuation_become_spaces():
    assert name_key("Peace Brigades International-Canada").key == "peace brigades international"
    assert name_key("Albergue Tochan-Nuestra Casa").key == "albergue tochan nuestra casa"
    assert name_key("Center for Gender & Refugee Studies (CGRS)").key == (
        "center for gender and refugee studies")
    assert name_key("Asociación Pop No'j").key == "asociacion pop noj"


def test_accents_and_unicode_forms_fold_to_one_key():
    nfd = "Alianza Ame\u0301ricas"
    assert name_key(nfd).key == name_key("Alianza Américas").key == name_key(
        "Alianza Americas").key == "alianza americas"


def test_acronyms_bracketed_leading_trailing_and_alone():
    assert name_key("Oficina en Washington para Asuntos Latinoamericanos (WOLA)").acronym == (
        "WOLA")
    assert name_key("Grupo de Trabajo Sobre Política Migratoria-GTPM").acronym == "GTPM"
    assert name_key("Asamblea Ciudadana contra la Corrupción y la Impunidad -ACCI-").acronym == (
        "ACCI")
    assert name_key("REDIM Red por los Derechos de la Infancia en México").acronym == "REDIM"
    k = name_key("IMUMI")
    assert (k.key, k.acronym) == ("imumi", "IMUMI")
    # A bracketed aside (another name, a role) is not part of the key.
    assert name_key("Dignidad y Justicia en el Camino A.C. (FM4 Paso Libre)").key == (
        "dignidad y justicia en el camino")
    assert name_key("South Texas Human Rights Center (El Centro de Derechos Humanos Del Sur "
                    "de Texas)").key == "south texas human rights center"
    # A lowercase bracket spelled by the words before it is an acronym.
    assert name_key("Mesa nacional para las migraciones en República Dominicana(menamird)"
                    ).acronym == "MENAMIRD"
    assert name_key("IMUMI").acronym_where == "alone"
    assert name_key("Clínica Jurídica IBERO").acronym is None
    assert name_key("Asociación para el mejoramiento habitacional de Guatemala MEJORHA"
                    ).acronym_where == "trailing"
    k = name_key("Federación de organizaciones civiles y asociaciones para el hábitat popular "
                 "-FODHAP-")
    assert (k.acronym, k.key) == ("FODHAP", "federacion de organizaciones civiles y "
                                            "asociaciones para el habitat popular")
    k = name_key("Servicio Jesuita a Refugiados Ecuador (SJR-Ecuador)")
    assert (k.key, k.acronym, k.qualifiers) == ("servicio jesuita a refugiados", "SJR", ("EC",))


def test_acronym_fits_prefixes_of_significant_words():
    assert acronym_fits("IMUMI", IMUMI_KEY.split())
    assert acronym_fits("WOLA", "washington office on latin america".split())
    assert acronym_fits("KIND", "kids in need of defense".split())
    assert acronym_fits("CMDPDH", "comision mexicana de defensa y promocion de los derechos "
                                  "humanos".split())
    assert not acronym_fits("WOLA", "oficina en washington para asuntos latinoamericanos".split())
    assert not acronym_fits("IMUMI", "instituto mexicano del seguro social".split())
    assert acronym_fits("REDIM", "red por los derechos de la infancia en mexico".split(), True)


def test_titles_and_religious_orders_around_a_persons_name():
    assert name_key("Dra. Leticia Calderón Chelius").key == "leticia calderon chelius"
    assert name_key("Andres Delgado Prieto O.P.").key == "andres delgado prieto"
    assert name_key("Leticia Gutiérrez Valderrama mscs").key == "leticia gutierrez valderrama"
    assert name_key("Equipo de Reflexión, Investigación y Comunicación, ERIC-SJ").key == (
        "equipo de reflexion investigacion y comunicacion eric sj")


def test_keys_are_deterministic_and_short_words_are_not_countries():
    assert name_key("Join Us").qualifiers == ()
    assert name_key("Save the Children US") == name_key("Save the Children US")


def test_invisible_characters_do_not_split_a_name():
    assert name_key("IMU\u200bMI") == name_key("IMUMI")
    assert name_key("Sin\u2060 Fronteras\u200f IAP").key == "sin fronteras"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gives_a_key_and_never_raises(text):
    k = name_key(text)
    assert isinstance(k.key, str) and k.key == k.key.strip()
    assert k.tokens == tuple(k.key.split())
    assert k.qualifiers == tuple(sorted(set(k.qualifiers)))
    assert name_key(text) == k


def test_bracketed_chapters_and_faculties_stay_apart_from_the_whole():
    k = name_key("Amnesty International (Guatemala chapter)")
    assert (k.key, k.qualifiers) == ("amnesty international", ("GT", "chapter"))
    assert name_key("Universidad Iberoamericana (Campus Puebla)").qualifiers == (
        "campus", "puebla")
    assert name_key("Universidad Iberoamericana (Facultad de Derecho)").key == (
        "universidad iberoamericana facultad de derecho")
    # An aside that is another name or a role is not part of the key.
    assert name_key("IDC International Detention Coalition (Observadoras)").key == (
        "international detention coalition")
