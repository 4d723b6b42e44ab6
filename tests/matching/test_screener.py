"""The screener against the real newest UN list."""

from __future__ import annotations

import gc

import pytest

from sanctions_screen.exceptions import InputError
from sanctions_screen.matching import Screener, ScreeningConfig
from sanctions_screen.matching.kinds import normalise_kind
from sanctions_screen.unlist.models import SanctionsList


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("YUK TUNG ENERGY PTE. LTD.", "KPe.075"),
        ("Yuk Tung Energy Private Limited", "KPe.075"),
        ("KOMID", "KPe.001"),
        ("Lee Won-ho", "KPi.033"),
        ("RI WONHO", "KPi.033"),
        ("Park Chun-il", "KPi.029"),
        ("Choi Chun Sik", "KPi.013"),
        ("Jeon Myong-guk", "KPi.018"),
        ("عبد الحكيم مراد", "QDi.120"),
        ("박영식", "KPi.063"),  # PAK YONG SIK, listed without a Hangul name
    ],
)
def test_listed_variants_alert(screener: Screener, query: str, reference: str) -> None:
    result = screener.screen(query)
    assert result.is_alert, result.best and result.best.explanation.summary
    assert result.best is not None and result.best.reference_number == reference


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("Mohamde Osman", "QDi.229"),  # a typo of Mohamed, folded to muhammad on the list
        ("Moyamed Hassan", "QDi.092"),
        ("Omra Gharib", "QDi.323"),  # of Omar, folded to umar
        ("Majmoud Hamid", "QDi.143"),  # of Mahmoud, folded to mahmud
    ],
)
def test_a_typo_of_a_variant_spelling_is_retrieved_and_alerts(
    screener: Screener, query: str, reference: str
) -> None:
    result = screener.screen(query)
    assert result.is_alert and result.best is not None
    assert result.best.reference_number == reference


def test_imo_number_alone_finds_the_shipping_company(screener: Screener) -> None:
    result = screener.screen("", identifiers=["IMO 5987860"])
    assert result.best is not None
    assert result.best.reference_number == "KPe.075"
    assert result.is_alert
    assert any(a.evidence == "identifier" for a in result.best.explanation.adjustments)


def test_generic_words_alone_never_alert(screener: Screener) -> None:
    for query in ("Korea Trading Company", "International Shipping Co Ltd", "General Trading Corp"):
        assert not screener.screen(query).is_alert, query


def test_result_serialises(screener: Screener) -> None:
    data = screener.screen("Ri Won Ho", birth_date="1964").to_dict()
    assert data["status"] == "alert"
    match = data["matches"][0]
    assert match["reference_number"] == "KPi.033"
    assert match["explanation"]["alignments"]
    assert match["explanation"]["adjustments"][0]["evidence"] == "date_of_birth"


def test_screen_many_keeps_order(screener: Screener) -> None:
    queries = ["Ri Won Ho", {"name": "KOMID", "kind": "organization"}, "Nobody Atall"]
    results = screener.screen_many(queries)
    assert [r.best.reference_number if r.best else None for r in results] == [
        "KPi.033",
        "KPe.001",
        None,
    ]


def test_config_thresholds_ordered() -> None:
    with pytest.raises(ValueError):
        ScreeningConfig(threshold=0.5, review_threshold=0.9)


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("KIM JONG-SIK", "KPi.066"),
        ("Gim Jeong-sik", "KPi.066"),
        ("Jong Sik Kim", "KPi.066"),
        ("Choi Sok-min", "KPi.064"),
        ("Chang Su Han", "KPi.055"),
        ("Hyun Kwang-il", "KPi.015"),
        ("Korea Mining Development Trading Corp.", "KPe.001"),
        ("Chong Chon Gang Shipping Co., Ltd", "KPe.022"),
        ("長安海連技術有限公司", "KPe.055"),
        ("Усама бен Ладен", "QDe.004"),
        ("K0REA RY0NB0NG GENERAL C0RP0RATI0N", "KPe.002"),
        ("Kіm Jоng Sіk", "KPi.066"),  # Cyrillic look-alikes
    ],
)
def test_more_listed_variants_alert(screener: Screener, query: str, reference: str) -> None:
    result = screener.screen(query)
    assert result.best is not None and result.best.reference_number == reference
    assert result.is_alert, result.best.explanation.summary


def test_different_generation_syllable_is_not_an_alert(screener: Screener) -> None:
    result = screener.screen("Kim Jong Un")  # not listed; Kim Jong Sik, Kim Jong ... are
    assert not result.is_alert, result.best and result.best.explanation.summary


def test_common_words_of_a_long_name_do_not_alert(screener: Screener) -> None:
    assert not screener.screen("Hassan Ali").is_alert
    assert not screener.screen("Mohammed Ahmed Smith").is_alert


def test_birth_date_evidence(screener: Screener) -> None:
    base = screener.screen("Ri Won Ho").best
    listed = screener.screen("Ri Won Ho", birth_date="1964").best
    wrong = screener.screen("Ri Won Ho", birth_date="06/03/1990").best
    assert base is not None and listed is not None and wrong is not None
    assert wrong.score < base.score
    reasons = [a.evidence for a in wrong.explanation.adjustments]
    assert reasons == ["date_of_birth"]
    assert wrong.explanation.adjustments[0].delta < 0
    assert listed.explanation.adjustments[0].delta > 0


def test_country_evidence_uses_country_names(screener: Screener) -> None:
    home = screener.screen("Kim Jong Sik", country="DPRK").best
    away = screener.screen("Kim Jong Sik", country="France").best
    assert home is not None and away is not None
    assert home.score > away.score
    assert "KP" in home.explanation.adjustments[0].reason


def test_passport_number_alone_finds_the_person(screener: Screener) -> None:
    result = screener.screen("J. Doe", identifiers=["PS 381 310 014", "381310014"])
    assert result.best is not None and result.best.reference_number == "KPi.033"
    assert result.is_alert


def test_kind_mismatch_lowers(screener: Screener) -> None:
    person = screener.screen("Ri Won Ho", kind="person").best
    company = screener.screen("Ri Won Ho", kind="organization").best
    assert person is not None and company is not None
    assert company.score < person.score


def test_low_quality_alias_is_weak_alone(screener: Screener, newest_list: SanctionsList) -> None:
    checked = 0
    for entry in newest_list.entries:
        for alias in entry.aliases:
            if not (alias.is_weak and alias.name):
                continue
            best = screener.screen(alias.name).best
            if best is None or best.entry is not entry or best.matched_name != alias.name:
                continue  # the alias is also some other entry's (better) name
            assert any(a.evidence == "alias_quality" for a in best.explanation.adjustments)
            assert best.score < best.explanation.name_score
            checked += 1
        if checked >= 5:
            break
    assert checked >= 5


def test_explanation_aligns_tokens(screener: Screener) -> None:
    match = screener.screen("Park Chun-il").best
    assert match is not None
    pairs = {(a.query_token, a.list_token) for a in match.explanation.alignments}
    assert pairs == {("pak", "pak"), ("chun", "chun"), ("il", "il")}
    assert match.explanation.summary.endswith("alert")
    assert match.list_type == match.entry.un_list_type
    assert match.regime == "KP"


def test_unknown_kind_is_refused(screener: Screener) -> None:
    with pytest.raises(InputError, match="'spaceship'"):
        screener.screen("x", kind="spaceship")
    with pytest.raises(InputError):
        screener.screen_many([{"name": "x", "kind": "planet"}])


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("organisation", "organization"),
        ("Company", "organization"),
        ("ENTITY", "organization"),
        ("individual", "person"),
        ("ship", "vessel"),
    ],
)
def test_kind_accepts_the_words_of_the_csv_type_column(
    screener: Screener, word: str, kind: str
) -> None:
    """The API takes what a CSV ``Type`` column takes, and screens exactly as the
    matcher's own word does."""
    assert normalise_kind(word) == kind
    one = screener.screen("Korea Mining Development Trading Corporation", kind=word)
    assert one.query.kind == kind
    same = screener.screen("Korea Mining Development Trading Corporation", kind=kind)
    assert one.best is not None and same.best is not None
    assert (one.best.reference_number, one.best.score) == (
        same.best.reference_number,
        same.best.score,
    )
    (many,) = screener.screen_many([{"name": "Ri Won Ho", "kind": word}])
    assert many.query.kind == kind


def test_screen_many_with_two_workers_keeps_order(screener: Screener) -> None:
    names = ["Ri Won Ho", "Nobody Atall", "KOMID", "Jane Roe"] * 25
    results = screener.screen_many(names, workers=2)
    assert [r.query.name for r in results] == names
    assert [r.is_alert for r in results[:4]] == [True, False, True, False]
    assert results[0].best is not None and results[0].best.entry.reference_number == "KPi.033"


def test_the_host_heap_is_never_left_frozen(newest_list: SanctionsList) -> None:
    assert gc.get_freeze_count() == 0
    screener = Screener(newest_list)
    assert gc.get_freeze_count() == 0
    names = ["Ri Won Ho", "KOMID", "Anna Smith", "Park Chun-il"]
    assert [r.status for r in screener.screen_many(names, workers=2)][:2] == ["alert", "alert"]
    screener.screen_many(names)
    assert gc.get_freeze_count() == 0


def test_a_batch_leaves_its_objects_old_and_garbage_collectable(newest_list: SanctionsList) -> None:
    screener = Screener(newest_list)
    names = [f"Trading Partner {i} Sdn Bhd" for i in range(300)]
    gc.collect()
    gc.disable()  # so that nothing collects the young generation before it is counted
    try:
        results = screener.screen_many(names)
        young = len(gc.get_objects(generation=0))
    finally:
        gc.enable()
    # Results and cache entries went to the oldest generation, not to the young one that
    # the next allocation would walk (it held 2,423 objects).
    assert len(results) == 300 and young < 100
    cycle: list[object] = []
    cycle.append(cycle)  # host garbage made after the batch is still found
    del cycle
    assert gc.collect() >= 1


@pytest.mark.parametrize("enabled", [True, False])
def test_the_host_collector_comes_back_as_it_was(newest_list: SanctionsList, enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        Screener(newest_list).screen_many(["Ri Won Ho", "Anna Smith"], workers=1)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_batch_leaves_no_cyclic_garbage(newest_list: SanctionsList) -> None:
    """screen_many switches the cyclic collector off: only sound if screening makes no
    reference cycles, which a collection after the batch would find."""
    screener = Screener(newest_list)
    names = [
        "Ri Won Ho",
        "KOMID",
        "Park Chun-il",
        "Anna Smith",
        "Yuk Tung Energy Pte. Ltd.",
        "محمد عبد القادر",
        "Kim Jong Un; Kim Jong-un",
        "SaeedAhmed",
        "Taylor Services Inc.",
    ]
    queries = [*names, {"name": "Ri Won Ho", "birth_date": "1964", "country": "KP"}]
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        results = screener.screen_many(queries)
        assert any(r.is_alert for r in results)
        del results
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_a_bad_environment_setting_is_a_config_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sanctions_screen.exceptions import ConfigError
    from sanctions_screen.matching.config import default_config

    monkeypatch.setenv("SANCTIONS_SCREEN_THRESHOLD", "abc")
    with pytest.raises(ConfigError, match="SANCTIONS_SCREEN_THRESHOLD"):
        default_config()


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        # Two list words written as one, with a spelling variant: the index must propose them.
        ("SaeedAhmed", "QDi.120"),
        ("ABDUL REHMANMAKKI", "QDi.433"),
        ("WaliMohammad", "TAi.007"),
        # A last word cut to three letters.
        ("Haji Abdul Bas", "TAi.173"),
        ("Ibrahim Afg", "SOi.018"),
        # No Latin name holds "sal": an Arabic-script company name gives no initials.
        ("FARED SAL", "QDi.403"),
    ],
)
def test_joined_and_truncated_words_are_proposed(
    screener: Screener, query: str, reference: str
) -> None:
    result = screener.screen(query)
    found = {m.reference_number: m.score for m in result.matches}
    assert found.get(reference, 0.0) >= screener.config.threshold, (query, found)


def test_results_survive_pickling_and_copying(screener: Screener) -> None:
    """Results cross processes and hosts keep them: the compiled build must pickle them too."""
    import copy
    import pickle

    result = screener.screen("Ri Won Ho", birth_date="1964-07-17", country="KP")
    assert result.best is not None and result.best.explanation.alignments
    for clone in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result), copy.copy(result)):
        assert clone == result
        assert clone.best is not None
        assert clone.best.explanation.summary == result.best.explanation.summary
        assert clone.best.explanation.adjustments == result.best.explanation.adjustments
    with pytest.raises(AttributeError):
        result.query.name = "changed"  # type: ignore[misc]


def test_every_result_class_sets_each_field_and_stays_frozen(screener: Screener) -> None:
    """The result classes write their __init__ out (built natively when compiled): each field
    must be set there, and the classes stay frozen, equal by value and replaceable."""
    import dataclasses

    result = screener.screen("Ri Won Ho", birth_date="1964-07-17", country="KP")
    match = result.best
    assert match is not None and match.explanation.alignments and match.explanation.adjustments
    cand = screener._name_cache[("Ri Won Ho", None, True)][0]
    objects = [result, result.query, match, match.explanation]
    objects += [match.explanation.alignments[0], match.explanation.adjustments[0], cand]
    for obj in objects:
        for field in dataclasses.fields(obj):
            getattr(obj, field.name)  # AttributeError if __init__ left it out
        assert dataclasses.replace(obj) == obj
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, dataclasses.fields(obj)[0].name, None)


def test_the_name_cache_forgets_its_older_half() -> None:
    from sanctions_screen.matching.screener import _drop_older_half

    cache = {f"name {i}": i for i in range(10)}
    _drop_older_half(cache)
    assert list(cache.values()) == [5, 6, 7, 8, 9]


def test_a_country_in_the_name_agreeing_with_the_entry_corroborates(screener: Screener) -> None:
    """Issue 14, class 19: `of the DPRK` is the entry's country, not an unmatched word."""
    threshold = ScreeningConfig().threshold
    for query in ("Foreign Trade Bank of the DPRK", "Foreign Trade Bank of North Korea"):
        best = screener.screen(query, kind="organization").best
        assert best is not None and best.reference_number == "KPe.047"
        assert best.score >= threshold
        assert any("entry's country" in a.reason for a in best.explanation.adjustments)
    other = screener.screen("Foreign Trade Bank of Iran", kind="organization").best
    assert other is None or not any(
        "entry's country" in a.reason for a in other.explanation.adjustments
    )


@pytest.mark.parametrize(
    ("query", "reference"),
    [("Anwr al-Awlq", "QDi.283"), ("Httk Shb", "TAi.049"),
     ("Chsn Ynh Mchnry Jnt Oprtn Cmpny", "KPe.016")],
)
def test_names_written_without_vowels_are_retrieved(
    screener: Screener, query: str, reference: str
) -> None:
    """Issue 14, class 17: a consonant key brings them to the candidates."""
    best = screener.screen(query).best
    assert best is not None and best.reference_number == reference


def test_a_vowelled_name_gets_no_consonant_key(screener: Screener) -> None:
    assert screener.screen("Marion Bell").best is None


def test_a_heap_frozen_by_the_host_is_counted_once_and_left_frozen(
    newest_list: SanctionsList, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting the frozen objects walks them all (about 30 ms for a frozen list): a host
    that froze its heap is asked once, and its frozen objects stay frozen."""
    import sanctions_screen.matching.screener as screener_module

    monkeypatch.setattr(screener_module, "_HOST_FROZE", False)
    screener = Screener(newest_list)
    count = gc.get_freeze_count
    asked: list[int] = []

    def counted() -> int:
        asked.append(1)
        return count()

    monkeypatch.setattr(gc, "get_freeze_count", counted)
    gc.freeze()
    try:
        frozen = count()
        for _ in range(3):
            assert [r.status for r in screener.screen_many(["Ri Won Ho", "Anna Smith"])] == [
                "alert",
                "clear",
            ]
        assert count() == frozen and len(asked) == 1
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        # A slip in a three-letter word, first letter included: its listed neighbours.
        ("Osn Min", "KPi.031"),
        # A title written without vowels is still a title, not a word of the name.
        ("Shkh Hassaan Hussein", "SOi.009"),
        ("Mllh Baradar Akhund", "TAi.024"),
    ],
)
def test_slipped_short_words_and_bare_titles_alert(
    screener: Screener, query: str, reference: str
) -> None:
    result = screener.screen(query)
    found = {m.reference_number: m.score for m in result.matches}
    assert found.get(reference, 0.0) >= screener.config.threshold, (query, found)


def test_a_letter_too_many_in_a_three_letter_word_is_proposed(screener: Screener) -> None:
    """A three-letter list word has no deletion keys: a four-letter query word one letter
    longer meets it through its own deletions (Son written Soon)."""
    result = screener.screen("Soon Min")
    found = {m.reference_number: m.score for m in result.matches}
    assert found.get("KPi.031", 0.0) >= screener.config.threshold, found
