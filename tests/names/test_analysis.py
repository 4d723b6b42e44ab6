"""Literal checks of name analysis: Korean names, legal forms, titles, particles, variants."""

from __future__ import annotations

import pytest

from sanctions_screen.names.acronyms import is_acronym_of
from sanctions_screen.names.analysis import (
    GENERIC,
    INITIAL,
    NORMAL,
    PARTICLE,
    PLACE,
    NameKind,
    analyse,
    analyse_uncached,
)
from sanctions_screen.names.korean import read_korean
from sanctions_screen.names.phonetic import ocr_key, skeleton
from sanctions_screen.names.stopwords import legal_form_mask
from sanctions_screen.names.variants import canonical_words


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Kim Jong-un", ("kim", "jong", "un")),
        ("KIM JONGUN", ("kim", "jong", "un")),
        ("Gim Jeong Eun", ("kim", "jong", "un")),
        ("Lee Won-ho", ("ri", "won", "ho")),
        ("Rhee Wonho", ("ri", "won", "ho")),
        ("Park Chun-il", ("pak", "chun", "il")),
        ("Choi Ryong-hae", ("choe", "yong", "hae")),
        ("Jung Kyung-taek", ("jong", "kyong", "taek")),
        ("Baek Se Bong", ("paek", "se", "pong")),
        ("Won Ho Lee", ("won", "ho", "ri")),
        # Press spellings of family names (issue 14, class 6): Ahn, Byun, Heo, Seo, Eom...
        ("Ahn Myong Chol", ("an", "myong", "chol")),
        ("Byun Yong Su", ("pyon", "yong", "su")),
        ("Heo Jong Man", ("ho", "jong", "man")),
        ("Seo Kwang Il", ("so", "kwang", "il")),
        ("Eom Sung Hun", ("om", "song", "hun")),
        ("Ryang Man Gil", ("yang", "man", "kil")),
        ("Shim Yong Nam", ("sim", "yong", "nam")),
    ],
)
def test_korean_names_become_canonical_syllables(raw: str, tokens: tuple[str, ...]) -> None:
    analysis = analyse(raw, "person")
    assert analysis.korean
    assert analysis.tokens == tokens


def test_korean_family_name_position() -> None:
    assert read_korean(["kim", "jong", "un"]).surname_positions == (0,)  # type: ignore[union-attr]
    assert read_korean(["jong", "un", "kim"]) is not None
    assert read_korean(["bruce", "lee"]) is None  # not every word is a Korean syllable
    assert analyse("Bruce Lee").tokens == ("bruce", "lee")


@pytest.mark.parametrize(
    ("words", "mask"),
    [
        (["yuk", "tung", "energy", "pte", "ltd"], [False, False, False, True, True]),
        (["pt", "bank", "mandiri", "tbk"], [True, False, False, True]),
        (["cong", "ty", "tnhh", "hoa", "sen"], [True, True, True, False, False]),
        (["sao", "mai", "sdn", "bhd"], [False, False, True, True]),
        (["brisath", "siam", "marine", "chamkad"], [True, False, False, True]),
        (["kingly", "won", "international", "co", "ltd"], [False, False, False, True, True]),
    ],
)
def test_legal_forms(words: list[str], mask: list[bool]) -> None:
    assert legal_form_mask(words) == mask


def test_legal_form_alone_is_kept_as_the_name() -> None:
    assert analyse("Co Ltd", "organization").tokens == ("co", "ltd")


def test_titles_are_set_aside() -> None:
    analysis = analyse("Sheikh Dr. Ahmed Salim", "person")
    assert analysis.tokens == ("ahmad", "salim")
    assert analysis.titles == ("sheikh", "dr")
    assert analyse("Basir Noorzai Haji", "person").tokens == ("basir", "noorzai")


def test_a_title_word_read_from_another_script_is_a_name() -> None:
    """ "mr" from عمر is Omar, not Mister."""
    assert analyse("عمر خان", "person").tokens == ("mr", "khan")  # the alef kept
    assert analyse("عمر خان", "person").titles == ()
    assert analyse("Mr Omar Khan", "person").titles == ("mr",)


@pytest.mark.parametrize(
    "name",
    ["Mr. LEE Jong-un", "Yuk Tung Energy Pte. Ltd.", "Ma. Clara Bautista", "K.O.M.I.D.", "عمر خان"],
)
@pytest.mark.parametrize("kind", [None, "person", "organization"])
def test_uncached_analysis_is_the_cached_one(name: str, kind: NameKind | None) -> None:
    assert analyse_uncached(name, kind) == analyse(name, kind)


def test_roles() -> None:
    analysis = analyse("Korea Daesong General Trading Corporation", "organization")
    assert analysis.roles == (PLACE, NORMAL, GENERIC, GENERIC, GENERIC)
    assert analyse("Usama bin Laden").roles == (NORMAL, PARTICLE, NORMAL)
    assert analyse("A. Zawahiri").roles == (INITIAL, NORMAL)
    assert not analyse("International Trading Company").distinctive


def test_arabic_compounds_and_variants() -> None:
    assert canonical_words(["abd", "al", "rahman"]) == ["abdul", "rahman"]
    assert canonical_words(["abdelrahman", "el", "masry"]) == ["abdul", "rahman", "al", "masry"]
    assert canonical_words(["abdurrahman"]) == ["abdul", "rahman"]
    assert canonical_words(["abdallah"]) == ["abdullah"]
    assert canonical_words(["mohamed", "omar"]) == ["muhammad", "umar"]
    assert canonical_words(["saad"]) == ["saad"]  # Saad is not Saeed


def test_dotted_acronym_is_one_word() -> None:
    analysis = analyse("K.O.M.I.D.")
    assert analysis.tokens == ("komid",)
    assert analysis.acronym_like


def test_acronyms() -> None:
    words = ["korea", "mining", "development", "trading", "corporation"]
    tail = [False, False, True, True, True]
    assert is_acronym_of("komid", words, tail)
    assert is_acronym_of("kmdtc", words, tail)
    assert not is_acronym_of("komid", words, [False] * 5)  # Development may not be skipped
    assert not is_acronym_of("kmid", ["komida", "koperasi", "mitra", "dhuafa"], [False] * 4)


def test_keys() -> None:
    assert ocr_key("k0rea") == "korea"
    assert ocr_key("harndan") == "hamdan"
    assert ocr_key("1234") == "1234"
    assert skeleton("ldhwhry") == skeleton("zawahiri")  # الظواهري
    assert skeleton("mhmd") == skeleton("muhammad")


def test_ocr_digits_inside_words() -> None:
    assert analyse("K0REA RY0NB0NG", "organization").tokens == ("korea", "ryonbong")
    assert analyse("Office 39", "organization").tokens == ("office", "39")


def test_filipino_ma_dot_is_maria_but_chinese_ma_stays() -> None:
    assert analyse("Ma. Clara Bautista").tokens == ("maria", "clara", "bautista")
    assert analyse("MA. CORAZON AQUINO", "person").tokens == ("maria", "corazon", "aquino")
    assert analyse("Ma Jun", "person").tokens[0] == "ma"
    assert analyse("Ma. Trading Co., Ltd", "organization").tokens[0] == "ma"
    assert analyse("Ma. Clara Bautista").original == "Ma. Clara Bautista"


@pytest.mark.parametrize("name", ["Yun Yuan Tsang", "Salim Saleh Ko", "Ma Ying-jeou"])
def test_chinese_or_arabic_names_are_not_read_as_korean(name: str) -> None:
    """A word that is no syllable beside one cut into syllables is not a Korean name."""
    assert not analyse(name).korean


def test_a_joined_korean_given_name_still_reads_as_korean() -> None:
    assert analyse("RI WONHO").tokens == ("ri", "won", "ho")
    assert analyse("Kim Jong-Un").korean


@pytest.mark.parametrize(
    ("name", "tokens", "titles"),
    [
        ("Gen. Kim Jong Un", ("kim", "jong", "un"), ("gen",)),
        ("Kim Yong Chol Jr.", ("kim", "yong", "chol"), ("jr",)),
        ("Eng. Ri Pyong Chol", ("ri", "pyong", "chol"), ("eng",)),
        ("Maj. Gen. Pak Yong Sik", ("pak", "yong", "sik"), ("maj", "gen")),
        ("PAK YONG SIK, Junior", ("pak", "yong", "sik"), ("junior",)),
        ("Maulavi Abdul Kabir", ("abdul", "kabir"), ("maulavi",)),
    ],
)
def test_titles_go_before_the_korean_reader(
    name: str, tokens: tuple[str, ...], titles: tuple[str, ...]
) -> None:
    """Issue 14, class 4: a title or a Jr. is never read as a syllable (list names too: the
    index analyses them the same way)."""
    analysis = analyse(name, "person")
    assert analysis.tokens == tokens
    assert analysis.titles == titles


def test_a_transliterated_word_is_no_title() -> None:
    assert analyse("محمد عمر", "person").titles == ()


def test_a_name_written_in_arabic_script_is_marked() -> None:
    """Its words are abjad spellings (short vowels left out): the matcher compares them by
    other rules than words written in Latin letters, whatever their letters look like."""
    assert analyse("محمد جواد وزیری", "person").arabic  # Persian ya
    assert analyse("عامر علی چوہدری", "person").arabic  # Urdu letters
    assert not analyse("Janat Gul", "person").arabic
    assert not analyse("MHMD SLMN", "person").arabic  # vowel-less, but Latin letters
    assert not analyse("Abdul Haq (عبد الحق)", "person").arabic  # mixed: not one script


def test_abd_written_in_arabic_script_is_read_as_its_latin_spellings() -> None:
    """عبد folds to "bd" (its ع is nothing): read as Abd, the variants table makes its
    compounds what it makes of Abd al-Rahman and Abdullah."""
    assert analyse("عبد الرحمن", "person").tokens[0] == analyse("Abd al-Rahman").tokens[0]
    assert analyse("عبدالخالق الحوثي", "person").tokens[0] == "abdul"
    assert analyse("عبد الله محمد", "person").tokens[0] == "abdullah"
    assert analyse("عبدالله", "person").tokens == analyse("Abdullah").tokens
    assert analyse("Bdala Smith", "person").tokens[0] == "bdala"  # Latin letters: no rule
    assert analyse("بدر", "person").tokens == ("bdr",)  # Badr: no article after its bd
    assert analyse("عكلة عبد صكر", "person").tokens[1] == "bd"  # a lone bd: a word of its own


def test_a_title_written_in_arabic_script_is_set_aside() -> None:
    """حاجی (Haji), ملا (Mullah), مولوی (Maulavi), الشيخ (al-Sheikh): set aside wherever they
    stand in a person's name written in Arabic script, before Abd and compounds are read."""
    plain = analyse("کریم نادر", "person").tokens
    assert analyse("حاجی کریم نادر", "person").tokens == plain
    assert analyse("حاجی کریم نادر", "person").titles == ("hajy",)
    assert analyse("کریم حاجي نادر", "person").tokens == plain
    assert analyse("الشيخ ملا کریم نادر", "person").tokens == plain
    assert analyse("ملا عبد الله", "person").tokens == analyse("عبد الله", "person").tokens
    assert analyse("مولوی نور الله", "person").tokens == analyse("نور الله", "person").tokens
    assert analyse("ملا", "person").tokens == ("mla",)  # a title alone stays a name
    # A company is no person: its Haji is a word of its name.
    assert "hajy" in analyse("حاجی کریم صرافی", "organization").tokens
    # Latin words are looked up among Latin titles only: Mla is no title there.
    assert analyse("Mla Karim", "person").tokens == ("mla", "karim")


def test_a_title_written_without_vowels_is_set_aside() -> None:
    from sanctions_screen.names.analysis import analyse

    assert analyse("Shykh Karim Nadir", "person").tokens == ("karim", "nadir")
    assert analyse("Mllh Karim Nadir", "person").tokens == ("karim", "nadir")
    # A short title's bare letters may be a name written without vowels (Khn, Khan): kept.
    assert "khn" in analyse("Karim Khn", "person").tokens


@pytest.mark.parametrize(
    ("name", "tokens", "titles"),
    [
        ("Karim Shaikh", ("karim", "shaikh"), ()),
        ("Nasreen Sheikh", ("nasreen", "sheikh"), ()),
        ("Yusuf Alhaj", ("yusuf", "alhaj"), ()),
        ("Tariq El Sheikh", ("tariq", "al", "sheikh"), ()),
        ("Dr. Farid Shaikh", ("farid", "shaikh"), ("dr",)),
        ("Farid Shaikh Jr.", ("farid", "shaikh"), ("jr",)),
        ("SALEM, Sheikh", ("salim",), ("sheikh",)),
        ("Sheikh Farid", ("farid",), ("sheikh",)),
        ("Farid Mullah", ("farid",), ("mullah",)),
    ],
)
def test_a_title_that_is_a_family_name_ends_a_name(
    name: str, tokens: tuple[str, ...], titles: tuple[str, ...]
) -> None:
    """Issue 14, class 4 and the clean names: Shaikh, Sheikh, Alhaj are family names when
    they end a name (after a particle, any title is); before it, or after a comma (the name
    turned round), they are titles, and so are titles that are no family name (Mullah)."""
    analysis = analyse(name, "person")
    assert analysis.tokens == tokens
    assert analysis.titles == titles


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Kim Chung Ch0ng", "Kim Chung Chong"), ("HAN YU-R0", "HAN YU-RO"),
     ("A1i Kabir", "Ali Kabir"), ("lst Oil Trading", "1st Oil Trading"),
     ("First Oil Trading", "1st Oil Trading"),
     ("2nd Economic Committee", "Second Economic Committee")],
)
def test_digits_for_letters_are_read_before_the_name_is(written: str, meant: str) -> None:
    """A digit typed or scanned for the letter it looks like is read as that letter before
    the Korean reader and the word lists see the name (``ch0ng`` is a Korean syllable); an
    ordinal stays a number, and ``lst`` is 1st with the digit typed as an l."""
    assert analyse(written, "person").tokens == analyse(meant, "person").tokens
