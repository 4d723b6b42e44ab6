"""Issue 14's classes of names that over- or under-match, each with examples written for
these tests (none taken from an evaluation set), and the feature that says so."""

from __future__ import annotations

import pytest

from sanctions_screen import SanctionsList, Screener
from sanctions_screen.matching import ScreeningConfig, compare_names
from sanctions_screen.matching.compare import best_alignment
from sanctions_screen.names.commonness import common_pair

REVIEW = ScreeningConfig().review_threshold
ALERT = ScreeningConfig().threshold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Coral Bay Logistics (Malaysia) Sdn Bhd", "Coral Bay Logistics (Indonesia) Sdn Bhd"),
        ("Harbour Light Trading (Cambodia) Co Ltd", "Harbour Light Trading (Laos) Co Ltd"),
        ("Meridian Growth Fund II", "Meridian Growth Fund IV"),
        ("Meridian Growth Fund 2", "Meridian Growth Fund 3"),
        ("Second Pacific Holdings", "Fourth Pacific Holdings"),
    ],
)
def test_a_differing_company_qualifier_is_another_party(a: str, b: str) -> None:
    """Class 10: a country or a series number that differs names another member of a group."""
    for kind in (None, "organization"):
        assert compare_names(a, b, kind=kind) < REVIEW
        assert best_alignment(a, b, kind=kind).features.qualifiers_differ


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Coral Bay Logistics Sdn Bhd", "Coral Bay Logistics (Malaysia) Sdn Bhd"),
        ("Meridian Growth Fund II", "Meridian Growth Fund 2"),
        ("Second Pacific Holdings", "2nd Pacific Holdings"),
    ],
)
def test_a_qualifier_on_one_side_or_written_otherwise_is_no_conflict(a: str, b: str) -> None:
    assert compare_names(a, b, kind="organization") >= ALERT
    assert not best_alignment(a, b, kind="organization").features.qualifiers_differ


def test_a_persons_generation_stays_a_generation() -> None:
    """Hilario Cruz II against III is father and son, scored by the generations' factor."""
    features = best_alignment("Hilario Cruz II", "Hilario Cruz III").features
    assert features.generations_differ and not features.qualifiers_differ


@pytest.mark.parametrize(
    ("a", "b"),
    [("A.B.C. Company", "C.B.A. Company"), ("P. T. Q. Traders", "Q. T. P. Traders")],
)
def test_initials_in_another_order_are_other_letters(a: str, b: str) -> None:
    """Class 12: the letters of a name keep their order, whatever its words do."""
    assert compare_names(a, b) < REVIEW
    assert best_alignment(a, b).features.initials_reordered
    assert compare_names(a, a.replace(".", ". ")) == 1.0


def test_initials_alone_do_not_name_a_person() -> None:
    """K.L. fits Kamal Lutfi and thousands of others; a company's initials still count."""
    features = best_alignment("K.L.", "Kamal Lutfi").features
    assert features.acronym and features.initials_only
    assert compare_names("K.L.", "Kamal Lutfi") < REVIEW
    assert compare_names("NPDC", "Northern Pearl Development Corporation") >= ALERT
    assert compare_names("K. L. Osei", "Kwame Lartey Osei") >= ALERT  # with a surname


@pytest.mark.parametrize(
    ("cut", "longer", "full"),
    [
        ("Haddad Mar", "Haddad Marou", "Haddad Marouane"),
        ("Moreau Cha", "Moreau Charpe", "Moreau Charpentier"),
    ],
)
def test_a_short_prefix_of_a_long_word_is_weak(cut: str, longer: str, full: str) -> None:
    """Class 12: three letters of eight fit many words; a cut that keeps half still counts."""
    assert compare_names(cut, full) < ALERT
    assert best_alignment(cut, full).features.min_similarity < 0.6
    assert compare_names(longer, full) >= ALERT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rashid bin Saif", "Saif bin Rashid"),
        ("Mariam binti Yusof", "Yusof binti Mariam"),
        ("Omar bin Faisal bin Nayef", "Faisal bin Nayef"),  # the father of the listed man
    ],
)
def test_own_name_and_fathers_name_swapped_is_father_and_son(a: str, b: str) -> None:
    """Class 16: the word before bin names the person, the word after the father."""
    assert compare_names(a, b, kind="person") < REVIEW
    assert best_alignment(a, b, kind="person").features.patronymic_swapped


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rashid bin Saif", "Rashid ibn Saif"),
        ("Rashid bin Saif Al Nuaimi", "Al Nuaimi Rashid bin Saif"),  # family name moved
        ("Omar bin Faisal bin Nayef", "Omar bin Faisal"),
    ],
)
def test_a_nasab_in_its_order_is_no_swap(a: str, b: str) -> None:
    assert compare_names(a, b, kind="person") >= ALERT
    assert not best_alignment(a, b, kind="person").features.patronymic_swapped


@pytest.mark.parametrize(
    ("a", "b"),
    [("Karim Shaikh", "Sheikh Karim"), ("Tariq El Sheikh", "Tariq El Mansour")],
)
def test_a_family_name_that_is_also_a_title_is_no_title(a: str, b: str) -> None:
    """Class 4, the other way: Shaikh ending a name is a family name, not a title to set
    aside (set aside, Karim Shaikh was the one word Karim, and matched Sheikh Karim at 1.0)."""
    assert compare_names(a, b, kind="person") < ALERT
    assert compare_names("Sheikh Karim Mansour", "Karim Mansour", kind="person") == 1.0


@pytest.fixture(scope="module")
def common_named(newest_list: SanctionsList) -> tuple[Screener, int, str]:
    """The list with one more individual, named Maria Garcia (a listed individual's birth
    date and nationality), and with one named Ottilie Brandscheid: that birth year and a
    nationality."""
    entry = next(
        e
        for e in newest_list.entries
        if e.kind == "individual"
        and e.nationalities
        and any(d.date is not None for d in e.dates_of_birth)
    )
    year = next(d.date.year for d in entry.dates_of_birth if d.date is not None)
    blank = {"third_name": None, "fourth_name": None, "aliases": [], "name_original_script": None}
    maria = entry.model_copy(update={"first_name": "Maria", "second_name": "Garcia", **blank})
    rare = entry.model_copy(update={"first_name": "Ottilie", "second_name": "Brandscheid", **blank})
    listed = newest_list.model_copy(update={"entries": (*newest_list.entries, maria, rare)})
    return Screener(listed), year, entry.nationalities[0]


def test_an_exact_common_name_alone_needs_review(common_named: tuple[Screener, int, str]) -> None:
    """Class 18: Maria Garcia names thousands; a rare name matched exactly still alerts."""
    screener, year, _ = common_named
    assert common_pair("maria", "garcia", ScreeningConfig().common_name_rank)
    assert screener.screen("Maria Garcia").status == "review"
    assert screener.screen("Garcia, Maria", kind="person").status == "review"
    assert screener.screen("Ottilie Brandscheid").status == "alert"
    assert screener.screen("Maria Garcia", birth_date=str(year)).status == "alert"


def test_a_common_name_against_other_evidence_is_clear(
    common_named: tuple[Screener, int, str],
) -> None:
    screener, year, nationality = common_named
    assert screener.screen("Maria Garcia", birth_date=str(year - 30)).status == "clear"
    other = "Iceland" if nationality != "Iceland" else "Norway"
    assert screener.screen("Maria Garcia", country=other).status == "clear"
    # The rare name keeps its alert against the same evidence: a conflict alone is no clear.
    assert screener.screen("Ottilie Brandscheid", country=other).status == "alert"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Rahim Inc", "Rahim Haji"), ("Sheikh Karim", "Karim LLC"), ("Dr. Okafor", "Okafor GmbH")],
)
def test_a_legal_form_against_a_personal_title_is_a_company_against_a_person(
    a: str, b: str
) -> None:
    """Ahmed Inc scored 1.00 against the person alias Ahmad Haji: each side set aside the
    word that told them apart, and one common word was left."""
    assert compare_names(a, b) < REVIEW
    assert best_alignment(a, b).features.kinds_differ
    assert not best_alignment("Rahim Inc", "Rahim Incorporated").features.kinds_differ
    # a title and a legal form in one name (Haji Rahim Trading Inc) tell nothing apart
    assert not best_alignment("Haji Rahim Inc", "Haji Rahim").features.kinds_differ


def test_a_query_with_a_legal_form_against_an_individual_is_another_kind(
    common_named: tuple[Screener, int, str],
) -> None:
    """Without a kind given, the legal form says the query is a company."""
    screener = common_named[0]
    assert screener.screen("Brandscheid").status == "review"  # one word of the name
    assert screener.screen("Brandscheid GmbH").status == "clear"
    assert screener.screen("Brandscheid GmbH", kind="organization").status == "clear"
    # A company named with a listed person's full name still alerts on the name.
    named = screener.screen("Ottilie Brandscheid GmbH").best
    assert named is not None and named.score >= ALERT


@pytest.mark.parametrize(
    ("a", "b"),
    [("Lena Meier", "Lena Mayer"), ("Jan Kaiser", "Jan Keyser"), ("Eva Sauer", "Eva Seier")],
)
def test_a_near_spelling_in_a_short_name_is_graded_not_cut(a: str, b: str) -> None:
    """Class 11: Meier and Mayer differ in vowels only (a likeness of 0.6, which used to
    count 0): the name needs review, not a pass."""
    assert REVIEW <= compare_names(a, b, kind="person") < ALERT
    assert best_alignment(a, b, kind="person").features.min_similarity == pytest.approx(0.6)


def test_two_known_names_alike_in_consonants_stay_two_names() -> None:
    from sanctions_screen.matching.scoring import token_similarity

    assert token_similarity("hasan", "husayn") < 0.5  # Hassan is not Hussein
    assert token_similarity("piotr", "petra") == 0.0  # nor do other consonants count
    assert compare_names("Lena Meier", "Lena Mahler", kind="person") < REVIEW


@pytest.mark.parametrize(
    ("cut", "full"),
    [
        ("Farid Osman Haddad Ta", "Farid Osman Haddad Tamimi al-Basri"),
        ("Yuliana Petrova Ignat", "Yuliana Petrova Ignatenko Sorokina"),
        ("Northern Timber Export Com", "Northern Timber Export Company Of Arkhangelsk"),
    ],
)
def test_a_name_cut_by_a_field_width_is_its_beginning(cut: str, full: str) -> None:
    """A field width cuts a name inside a word: the words it cut off were never written
    and count nothing against the match."""
    assert compare_names(cut, full) >= ALERT


@pytest.mark.parametrize(
    ("cut", "other"),
    [
        # A query word that is no list word: another person, however the name ends.
        ("Farid Osman Karimi Ta", "Farid Osman Haddad Tamimi al-Basri"),
        ("Yuliana Sergeyevna Morozova Ig", "Yuliana Petrova Ignatenko Sorokina"),
    ],
)
def test_a_cut_word_excuses_no_other_difference(cut: str, other: str) -> None:
    assert compare_names(cut, other) < ALERT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nick Ltd", "NICO"),
        ("Rick Inc", "RIKO"),
        ("Nick Ltd", "NICO LTD"),
        ("Schach Trading", "ISK"),
    ],
)
def test_a_word_in_capitals_is_met_letter_for_letter(a: str, b: str) -> None:
    """Class 12: one word in capitals may be an acronym (a bracketed ``(NICO)``): a one-word
    name written otherwise meets it by its letters, not by its sound, a slip or the consonant
    skeleton of a word that only looks vowel-less (German ``sch``)."""
    for kind in (None, "organization"):
        assert compare_names(a, b, kind=kind) < REVIEW


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nico Ltd", "NICO"),
        ("NICK LTD", "NICO"),
        ("MHMD", "Muhammad"),
        ("Ahmd Ali", "Ahmad Ali"),
        ("Mahmoud Albdry", "Mahmoud al-Badri"),
        ("Hsn Albdry", "Hasan Badri"),
    ],
)
def test_capitals_and_vowel_less_words_still_meet(a: str, b: str) -> None:
    """The same letters, two words both in capitals (left to the similarity as before), and a
    vowel-less spelling no longer than its word but for a glued article."""
    assert compare_names(a, b) >= ALERT


@pytest.mark.parametrize(
    ("slipped", "listed"),
    [
        ("Kim Jul Su", "Kim Chol Su"),  # ch/j, o/u
        ("Ri Gyung Nam", "Ri Kyong Nam"),  # k/g, yo/yu
        ("O Bung Il", "O Pong Il"),  # p/b, o/u
    ],
)
def test_a_korean_syllable_written_otherwise_is_a_slip(slipped: str, listed: str) -> None:
    """Class 7: letters of one sound group inside a syllable are one syllable written
    otherwise: near a match, lower than one, so that a birth date can decide."""
    assert ALERT <= compare_names(slipped, listed) < 1.0


@pytest.mark.parametrize(
    ("other", "listed"),
    [
        ("Kim Jang Su", "Kim Jong Su"),  # a/o: another vowel
        ("Kim Chon Su", "Kim Chol Su"),  # n/l: another final
        ("Ri Yon Song", "Ri Un Song"),  # yo/u: a glide more
        ("Kim Kang Su", "Kim Kwang Su"),
    ],
)
def test_a_different_korean_syllable_stays_another_name(other: str, listed: str) -> None:
    assert compare_names(other, listed) < ALERT


@pytest.fixture(scope="module")
def own_names(newest_list: SanctionsList) -> tuple[Screener, int]:
    """The list with individuals named for these tests (a listed individual's birth date and
    nationality): Maria bin Garcia (a very common name with a particle) and Abou Brandscheid
    (a kunya's particle)."""
    entry = next(
        e
        for e in newest_list.entries
        if e.kind == "individual" and any(d.date is not None for d in e.dates_of_birth)
    )
    year = next(d.date.year for d in entry.dates_of_birth if d.date is not None)
    blank = {"third_name": None, "fourth_name": None, "aliases": [], "name_original_script": None}
    names = [("Maria", "bin Garcia"), ("Abou", "Brandscheid")]
    added = [
        entry.model_copy(update={"first_name": first, "second_name": second,
                                 "reference_number": f"ZZi.{i:03d}", **blank})
        for i, (first, second) in enumerate(names)
    ]
    listed = newest_list.model_copy(update={"entries": (*newest_list.entries, *added)})
    return Screener(listed), year


def test_a_common_name_is_common_beside_a_particle(own_names: tuple[Screener, int]) -> None:
    """Class 18: a particle the query lacks (bin) corroborates nothing."""
    screener, year = own_names
    assert screener.screen("Maria Garcia").status == "review"
    assert screener.screen("Maria Garcia", birth_date=str(year)).status == "alert"


@pytest.mark.parametrize(
    ("a", "b", "common"),
    [
        ("Maria Garcia", "Marija Garcia", True),  # the query's own words: common, met nearly
        ("Maria Garcia", "Maria Ottilie Garcia", False),  # a name word the query lacks
        ("Maria Garcia", "M. Garcia", False),  # an initial: the list writes it short
        ("Marija Garcio", "Maria Garcia", False),  # a misspelt common name is still looked at
    ],
)
def test_what_rests_on_a_common_name(a: str, b: str, common: bool) -> None:
    assert best_alignment(a, b, kind="person").features.common_name is common


def test_a_name_word_is_no_slip_of_a_particle(own_names: tuple[Screener, int]) -> None:
    """Class 1: Abiib against the list's Abou (0.60) is a given name against a kunya's
    particle, not a spelling of it; a slip of the particle itself (Abu, Abo) still meets it."""
    screener, _ = own_names
    assert screener.screen("Abiib Brandscheid").status != "alert"
    assert screener.screen("Abu Brandscheid").status == "alert"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Omar Omar", "Omar Amar"),  # a name of its own (ranked), less alike than a spelling
        ("Nikola Nikola", "Nikola Nikolai"),
        ("Adel Hassan Adel", "Adel Hassan Adeli"),  # a nisba made of the repeated name
        ("Ivan Petrov Ivan", "Ivan Petrov Ivanov"),
    ],
)
def test_a_repeated_word_meets_one_of_two_different_words(a: str, b: str) -> None:
    """Class 1: a word written twice on one side stands for one of the other side's two
    different words; the other is another name, not a second spelling of the first."""
    assert compare_names(a, b, kind="person") < ALERT
    assert compare_names(b, a, kind="person") < ALERT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rami Salem Rami", "Rami Salem Ram"),  # a cut of the repeated word
        ("Ivan Ivan", "Ivan Ivam"),  # a slip of it
        ("Tariq Omar Tariq", "Tariq Omar Tarik"),  # a spelling of it
    ],
)
def test_a_repeated_word_written_otherwise_still_meets(a: str, b: str) -> None:
    assert compare_names(a, b, kind="person") >= ALERT


def _hangul_against(hangul: str, latin: str) -> float:
    """A Hangul query against a Latin list name (the screener's direction: ``compare_names``
    also tries the other, where the Latin side is the query and may have slipped)."""
    from sanctions_screen.matching.scoring import score_names
    from sanctions_screen.names.analysis import analyse

    q, lt = analyse(hangul, "person"), analyse(latin, "person")
    config = ScreeningConfig()
    return score_names(q, (1.0,) * len(q.tokens), lt, (1.0,) * len(lt.tokens), config).score


@pytest.mark.parametrize(
    ("hangul", "latin", "alerts"),
    [
        ("박순호", "Pak Son Ho", False),  # 순 is sun: Son writes 선 or 손, another syllable
        ("최윤길", "Choe Yon Gil", False),  # 윤 is yun; Yon writes 연
        ("박철호", "Pak Chul Ho", True),  # 철 (ㅓ) is Chol, Cheol or Chul
        ("박성호", "Pak Sung Ho", True),  # 성 (ㅓ) is Song or Sung
        ("박순호", "Pak Sun Ho", True),
    ],
)
def test_a_hangul_syllable_meets_only_its_own_spellings(
    hangul: str, latin: str, alerts: bool
) -> None:
    """Class 7: a name in Hangul has its vowels written exactly; only ㅓ and ㅕ have several
    Latin spellings, so a Latin list syllable with another vowel is another syllable, not a
    slip. A Latin query against the Latin list still slips (Pak Son Ho, Pak Sun Ho)."""
    assert (_hangul_against(hangul, latin) >= ALERT) is alerts
    assert compare_names("Pak Son Ho", "Pak Sun Ho", kind="person") >= ALERT
