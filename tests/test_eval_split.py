"""The evaluation's split holds (benchmarks/eval): the generators share nothing with the
matcher, the development split reads no locked source, and the generators do what the issue
asks of them (typos on first letters and short words, fixed-width truncation, Korean slips)."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from benchmarks.eval import common, dev, gen_dev, gen_locked, locked

EVAL = Path(common.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


@pytest.mark.parametrize("module", ["gen_dev.py", "gen_locked.py"])
def test_generators_share_nothing_with_the_matcher(module: str) -> None:
    source = (EVAL / module).read_text(encoding="utf-8")
    assert not any(m.startswith("sanctions_screen") for m in _imports(EVAL / module))
    assert ".yaml" not in source and "lists/" not in source


@pytest.mark.parametrize("module", ["common.py", "build.py", "measure.py", "dev.py", "locked.py"])
def test_the_evaluation_uses_the_public_api_only(module: str) -> None:
    internal = {m for m in _imports(EVAL / module) if m.startswith("sanctions_screen.")}
    assert not internal, internal


def test_development_reads_no_locked_source() -> None:
    source = (EVAL / "dev.py").read_text(encoding="utf-8")
    assert "benchmarks.eval.locked" not in _imports(EVAL / "dev.py")
    assert "gen_locked" not in source and "names_dataset" not in source
    assert "LOCKED_RUNS" not in source
    assert len(dev.LOCALES) == len(locked.LOCALES) == 25
    assert not set(dev.LOCALES) & set(locked.LOCALES)
    assert dev.SEED != locked.SEED
    assert not {s for s, _ in dev.FORMS} & {s for s, _ in locked.FORMS}


def test_development_clean_locales_are_its_own() -> None:
    """Set C shares no locale with set A or the locked set B, nor a name table: a locale that
    falls back to another's names (en_AU to en_US's) or inherits them (es_CA from es_ES, ar_SA
    from ar_AA) would bring that set's names along."""
    from faker import Faker

    def providers(locale: str) -> set[str]:
        person = next(p for p in Faker(locale).providers
                      if p.__provider__ == "faker.providers.person")
        return {c.__module__ for c in type(person).__mro__
                if c.__module__.startswith("faker.providers.person.")
                and {"first_names", "last_names", "first_names_male"} & set(vars(c))}

    others = set(dev.LOCALES) | set(locked.LOCALES)
    assert not set(dev.LOCALES_C) & others
    assert set(dev.COUNTRY_C) <= set(dev.LOCALES_C)
    taken = set().union(*(providers(loc) for loc in others))
    for locale in dev.LOCALES_C:
        assert not providers(locale) & taken, locale


@pytest.mark.parametrize("gen", [gen_dev, gen_locked])
def test_typos_reach_first_letters_and_short_words(gen: object) -> None:
    outputs = {gen.typo("Li Bo", random.Random(seed)) for seed in range(200)}  # type: ignore[attr-defined]
    outputs.discard(None)
    assert any(o[0] != "L" for o in outputs if o)
    assert any(not o.endswith("Bo") for o in outputs if o)


@pytest.mark.parametrize("gen", [gen_dev, gen_locked])
def test_truncation_cuts_at_fixed_widths(gen: object) -> None:
    name = "Korea Ryonbong General Corporation Trading Branch"
    r = random.Random(0)
    assert len(gen.truncate(20)(name, r)) <= 20  # type: ignore[attr-defined]
    assert len(gen.truncate(35)(name, r)) <= 35  # type: ignore[attr-defined]
    assert gen.truncate(35)("Short Name", r) is None  # type: ignore[attr-defined]


def test_korean_slips_keep_the_family_name() -> None:
    for seed in range(30):
        out = gen_dev.korean_slip("PAK YONG SIK", random.Random(seed))
        assert out is None or (out.startswith("PAK ") and out != "PAK YONG SIK")
        out = gen_locked.korean_slip("RI PONG CHOL", random.Random(seed))
        assert out is None or (out.startswith("RI ") and out != "RI PONG CHOL")


def test_seeded_draws_do_not_depend_on_order() -> None:
    a = common.rng("dev", "typo", "KPi.001").random()
    common.rng("something else").random()
    assert common.rng("dev", "typo", "KPi.001").random() == a


@pytest.mark.parametrize(
    ("a", "b", "variant"),
    [
        ("Ibrahim Hassan Tali al-Asiri", "Ibrahim Hasan Talea Aseeri", True),
        ("Mohammed Salman", "Muhammad Sulaiman", True),
        ("Dawood Ibrahim Kaskar", "Iqbal Bhai", False),
        ("Qasim Mohamed Mahdi al-Rimi", "Abu Hurayah al-Sana'ai", False),
    ],
)
def test_a_variant_is_a_spelling_not_another_name(a: str, b: str, variant: bool) -> None:
    assert common.is_variant(a, b) is variant


def test_development_names_dataset_countries_are_its_own() -> None:
    """Set D takes names-dataset's names from countries the locked split does not read, from
    a file of its own."""
    from benchmarks.eval import extract_dev_names, extract_names

    assert set(dev.COUNTRY_D) == set(extract_dev_names.COUNTRIES)
    assert not set(extract_dev_names.COUNTRIES) & set(extract_names.COUNTRIES)
    assert dev.DEV_NAMES == extract_dev_names.OUT != extract_names.OUT


def test_development_slips_reach_first_letters_short_words_and_korean_syllables() -> None:
    """The development generator's wider classes do what their names say (issue 14: typos
    that hit a first letter or a short word, Korean syllables slipped or dropped)."""
    draws = [random.Random(seed) for seed in range(40)]
    assert {gen_dev.transposition_first("Adel Kabir", r) for r in draws} >= {"Dael Kabir"}
    assert gen_dev.transposition_short("Ali Kabir", random.Random(0)) in {"Ail Kabir",
                                                                          "Lai Kabir"}
    assert gen_dev.word_swap("Ali Kabir", random.Random(0)) == "Kabir Ali"
    assert gen_dev.word_swap("Hamad bin Khalifa", random.Random(0)) is None
    assert gen_dev.doubled_first("Kim", random.Random(0)) == "Kkim"
    assert gen_dev.digit_letter("1st Oil", random.Random(0)) == "lst Oil"
    assert gen_dev.particle_typo("Ali Kabir", random.Random(0)) is None
    for seed in range(20):
        out = gen_dev.korean_syllable_drop("KIM JONG UN", random.Random(seed))
        assert out in {"KIM UN", "KIM JONG"}
        out = gen_dev.korean_consonant_slip("PAK CHOL", random.Random(seed))
        assert out is None or (out != "PAK CHOL" and len(out.split()) == 2)
    initial = gen_dev.initial_name("Kabiru Ali Musa", random.Random(0))
    assert initial is not None and "." in initial and "Musa" in initial
