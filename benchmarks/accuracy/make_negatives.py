"""Generate benchmarks/accuracy/negatives.csv: realistic names that are not on the UN list.

Run once (output is committed; rerunning with the same Faker version reproduces it):

    python -m benchmarks.accuracy.make_negatives

Names come from Faker with a fixed seed. Where Faker has no locale (Malay, Filipino,
Singaporean, Burmese, Khmer, Lao, Thai in Latin script, Arabic in Latin script), small
hand-written pools are combined through the same seeded Faker random generator. Korean
names are romanised with Revised Romanisation (given name) and the usual passport
spellings (family name). Every name whose normalised form equals a name on the newest list
(or, for Korean names, whose romanisation-folded form does) is dropped, so a hit on a
negative is a false alert by construction.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from anyascii import anyascii
from faker import Faker

from benchmarks.accuracy.common import NEWEST_LIST, fold_key, korean_key, load_list

HERE = Path(__file__).resolve().parent
OUT = HERE / "negatives.csv"
SEED = 20260508

MALAY_MALE = ["Ahmad", "Muhammad", "Mohd", "Azlan", "Faizal", "Hafiz", "Hakim", "Hasbullah", "Ismail", "Kamarul", "Khairul", "Mazlan", "Nazri", "Rosli", "Shahrul", "Syafiq", "Zulkifli", "Amirul", "Fikri", "Izzat", "Razak", "Ridzuan", "Zainal", "Firdaus"]  # noqa: E501
MALAY_FEMALE = ["Siti", "Nur", "Nurul", "Aisyah", "Farah", "Hafizah", "Liyana", "Aminah", "Zarina", "Rohana", "Salmah", "Noraini", "Azura", "Syazwani", "Hidayah", "Izzati", "Suhaila", "Fatimah", "Rozita"]  # noqa: E501
MALAY_FATHER = ["Abdullah", "Ismail", "Ibrahim", "Hassan", "Osman", "Yusof", "Rahman", "Aziz", "Hamid", "Jamil", "Kassim", "Latif", "Mahmud", "Nordin", "Razali", "Salleh", "Talib", "Yaakob", "Zakaria", "Daud", "Harun", "Musa", "Omar", "Sulaiman"]  # noqa: E501
SINO_FAMILY = ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh", "Teo", "Ang", "Yeo", "Tay", "Ho", "Low", "Toh", "Sim", "Chong", "Chia", "Foo", "Leong", "Yap", "Loh", "Khoo"]  # noqa: E501
SINO_GIVEN = ["Wei", "Ming", "Hui", "Ling", "Kok", "Seng", "Boon", "Huat", "Mei", "Xin", "Jun", "Jie", "Chee", "Keong", "Siew", "Lan", "Kah", "Wai", "Yong", "Soon", "Beng", "Hock", "Li", "Ting", "Zhi", "Hao", "Kian", "Peng"]  # noqa: E501
INDIAN_GIVEN = ["Ramesh", "Suresh", "Kumar", "Ganesh", "Rajesh", "Devi", "Kavitha", "Priya", "Saravanan", "Muthu", "Anand", "Vijay", "Lakshmi", "Selvi", "Arjun"]  # noqa: E501
INDIAN_FATHER = ["Subramaniam", "Krishnan", "Rajendran", "Muniandy", "Govindasamy", "Nair", "Pillai", "Raman", "Arumugam", "Perumal"]  # noqa: E501
FIL_GIVEN = ["Juan", "Jose", "Maria", "Rodrigo", "Angelito", "Ma.", "Cristina", "Rowena", "Jun", "Ramon", "Eduardo", "Ferdinand", "Marites", "Lorna", "Rizalino", "Analyn", "Jericho", "Marvin", "Jonalyn", "Rommel", "Dindo", "Arnel", "Rosario", "Lourdes", "Danilo", "Erlinda"]  # noqa: E501
FIL_FAMILY = ["Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres", "Tomas", "Andrada", "Castillo", "Flores", "Villanueva", "Ramos", "Castro", "Rivera", "Aquino", "Navarro", "Salazar", "Mercado", "dela", "Cruz", "de", "Leon", "Manalo", "Dizon", "Soriano", "Pascual", "Lacson", "Gatchalian", "Macapagal", "Tolentino"]  # noqa: E501
BURMESE = ["Aung", "Kyaw", "Min", "Htun", "Zaw", "Win", "Myint", "Thant", "Hla", "Soe", "Maung", "Thein", "Naing", "Khin", "Mar", "Su", "Yi", "Nwe", "Thida", "Ei", "Phyu", "Moe", "Tin", "Oo", "Lwin", "Htet", "Naing"]  # noqa: E501
BURMESE_HONORIFIC = ["U", "Daw", "Ko", "Ma", ""]
KHMER_FAMILY = ["Sok", "Chea", "Chan", "Heng", "Keo", "Kim", "Ly", "Meas", "Nhem", "Ouk", "Pen", "Phan", "Prak", "Sao", "Seng", "Sim", "Touch", "Vong", "Yim"]  # noqa: E501
KHMER_GIVEN = ["Dara", "Sophal", "Sokha", "Vannak", "Bopha", "Chenda", "Kosal", "Mony", "Rithy", "Sothea", "Sreymom", "Vichea", "Pisey", "Rathana", "Sovann", "Channary"]  # noqa: E501
LAO_GIVEN = ["Somphone", "Bounmy", "Khamphan", "Vilay", "Souksavanh", "Phonesavanh", "Bouasone", "Noy", "Keo", "Chanthala", "Sisouk", "Thongsavanh"]  # noqa: E501
LAO_FAMILY = ["Phommavong", "Sisavath", "Vongsa", "Inthavong", "Keomany", "Souvannavong", "Chanthavong", "Phetsomphou", "Sayavong", "Luangrath"]  # noqa: E501
THAI_GIVEN = ["Somchai", "Somsak", "Sompong", "Anan", "Apichart", "Chaiya", "Kittipong", "Nattapong", "Prasert", "Suchart", "Thanawat", "Wichai", "Kanokwan", "Malee", "Nongnuch", "Pimchanok", "Siriporn", "Sunisa", "Wanida", "Ratana"]  # noqa: E501
THAI_FAMILY = ["Saetang", "Srisuk", "Rattanakorn", "Chaiyaporn", "Thongdee", "Wongsuwan", "Kaewmanee", "Boonmee", "Jaidee", "Sukprasert", "Phromsri", "Chantharat", "Intharasombat", "Rungruang", "Kittisak"]  # noqa: E501
ARAB_MALE = ["Mohammed", "Muhammad", "Ahmed", "Ali", "Omar", "Khalid", "Youssef", "Hassan", "Hussein", "Ibrahim", "Abdullah", "Abdulrahman", "Mahmoud", "Mustafa", "Tariq", "Faisal", "Saeed", "Salem", "Nasser", "Hamza", "Bilal", "Karim", "Walid", "Rami", "Samir", "Majid", "Fahad", "Sultan", "Ziad", "Adel", "Nabil", "Yasser", "Anas", "Osama", "Jamal"]  # noqa: E501
ARAB_FEMALE = ["Fatima", "Aisha", "Mariam", "Noor", "Layla", "Huda", "Amal", "Rania", "Salma", "Zainab", "Yasmin", "Hana", "Dina", "Rasha", "Sara", "Mona", "Lina", "Reem", "Nadia", "Samira"]  # noqa: E501
ARAB_FAMILY = ["Al-Farsi", "Al-Mansouri", "Haddad", "Khoury", "Nasr", "Saleh", "Al-Amin", "El-Sayed", "Al-Sharif", "Abdelaziz", "Hamdan", "Mansour", "Qasim", "Jaber", "Al-Rashidi", "Al-Nuaimi", "Al-Hashemi", "Al-Qubaisi", "Al-Otaibi", "Al-Ghamdi", "Al-Zahrani", "Al-Shehri", "Darwish", "Barakat", "Khalil", "Haddadin", "Al-Masri", "Tahan", "Azar", "Bitar", "Kanaan", "Al-Khatib", "Najjar", "Sabbagh", "Al-Kuwari"]  # noqa: E501
COMPANY_CORE = ["Golden", "Star", "Sunrise", "Pacific", "Ocean", "Asia", "Mekong", "Lotus", "Eagle", "Royal", "Prime", "Summit", "Harmony", "Evergreen", "Silverline", "Blue", "Horizon", "Jade", "Phoenix", "Orchid", "Crystal", "Diamond", "Emerald", "Cosmos", "Unity", "Victory", "Pearl", "Horizon", "Meridian", "Apex", "Zenith"]  # noqa: E501
COMPANY_TRADE = ["Trading", "Logistics", "Shipping", "Marine", "Engineering", "Construction", "Plantation", "Holdings", "Electronics", "Textiles", "Seafood", "Agro Industries", "Steel", "Energy", "Petroleum", "Resources", "Import Export", "Freight", "Garment", "Furniture", "Rubber", "Palm Oil", "Mining", "Technology"]  # noqa: E501
PINYIN_CITY = ["Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Dalian", "Tianjin", "Qingdao", "Ningbo", "Xiamen", "Dandong", "Hangzhou", "Nanjing", "Wuhan", "Harbin", "Shenyang", "Kunming", "Nanning", "Fuzhou"]  # noqa: E501
PINYIN_WORD = ["Hengtai", "Xinda", "Huamei", "Jinlong", "Tianyi", "Zhongxing", "Hongda", "Yuanfeng", "Shengli", "Dongsheng", "Haitian", "Fuxing", "Changjiang", "Baoli", "Ruixiang", "Xinhua", "Jiahe", "Kangda", "Longteng", "Hualong"]  # noqa: E501
KOREAN_FAMILY = {
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang", "조": "Cho",
    "윤": "Yoon", "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo", "신": "Shin",
    "권": "Kwon", "황": "Hwang", "안": "Ahn", "송": "Song", "류": "Ryu", "전": "Jeon", "홍": "Hong",
    "고": "Ko", "문": "Moon", "양": "Yang", "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo",
    "남": "Nam", "심": "Shim", "노": "Noh", "하": "Ha", "곽": "Kwak", "성": "Sung", "차": "Cha",
    "주": "Joo", "우": "Woo", "구": "Koo", "민": "Min", "유": "Yoo", "나": "Na", "진": "Jin",
    "지": "Ji", "엄": "Eom", "채": "Chae", "원": "Won", "천": "Cheon", "방": "Bang", "공": "Kong",
    "현": "Hyun", "변": "Byun", "염": "Yeom", "여": "Yeo", "추": "Choo", "도": "Do", "소": "So",
    "석": "Seok", "선": "Sun", "설": "Seol", "마": "Ma", "길": "Gil", "연": "Yeon", "위": "Wi",
    "표": "Pyo", "명": "Myung", "기": "Ki", "반": "Ban", "왕": "Wang", "금": "Keum", "옥": "Ok",
    "육": "Yook", "인": "In", "맹": "Maeng", "제": "Je", "모": "Mo", "탁": "Tak", "국": "Kook",
    "어": "Eo", "경": "Kyung", "편": "Pyun", "용": "Yong", "예": "Ye", "봉": "Bong", "사": "Sa",
    "부": "Boo", "황보": "Hwangbo", "남궁": "Namgung", "제갈": "Jegal", "선우": "Sunwoo",
}
_RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "-", "j", "jj", "ch", "k", "t", "p", "h"]  # noqa: E501
_RR_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]  # noqa: E501
_RR_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
             "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def rr_syllable(ch: str) -> str:
    """Revised Romanisation of one precomposed Hangul syllable (no assimilation rules)."""
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return anyascii(ch)
    initial = _RR_INITIAL[code // 588]
    head = "" if initial == "-" else initial
    return head + _RR_MEDIAL[(code % 588) // 28] + _RR_FINAL[code % 28]


def romanise_korean_name(hangul: str, fake: Faker) -> str:
    family = next((f for f in sorted(KOREAN_FAMILY, key=len, reverse=True)
                   if hangul.startswith(f) and len(hangul) > len(f)), hangul[0])
    given = [rr_syllable(c) for c in hangul[len(family):]]
    style = fake.random_int(0, 2)
    if style == 0:
        given_text = "".join(given).capitalize()
    elif style == 1:
        given_text = "-".join(given).capitalize()
    else:
        given_text = " ".join(g.capitalize() for g in given)
    fam = KOREAN_FAMILY.get(family, rr_syllable(family[0]).capitalize())
    return f"{given_text} {fam}" if fake.random_int(0, 3) == 0 else f"{fam} {given_text}"


def fold_vietnamese(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def pick(fake: Faker, pool: list[str]) -> str:
    return str(fake.random_element(pool))


Maker = Callable[[Faker], str]


def _plan() -> list[tuple[str, str, str, int, Maker]]:
    """(locale label, faker locale, kind, count, maker)."""
    def vi_person(f: Faker) -> str:
        first = f.first_name_male() if f.random_int(0, 1) else f.first_name_female()
        name = f"{f.last_name()} {f.middle_name()} {first}"
        return fold_vietnamese(name) if f.random_int(0, 1) else name

    def vi_company(f: Faker) -> str:
        form = pick(f, ["Công ty TNHH", "Công ty Cổ phần", "Cong ty TNHH", "Cong ty Co phan"])
        core = f"{pick(f, ['Thương mại', 'Xuất nhập khẩu', 'Vận tải', 'Đầu tư', 'Xây dựng', 'Dịch vụ'])} {f.last_name()} {f.first_name_male()}"  # noqa: E501
        name = f"{form} {core}" if f.random_int(0, 2) else f"{f.last_name()} {f.first_name_male()} {pick(f, COMPANY_TRADE)} JSC"  # noqa: E501
        return fold_vietnamese(name) if form.startswith("Cong") else name

    def latin_company(suffixes: list[str]) -> Maker:
        def make(f: Faker) -> str:
            return f"{pick(f, COMPANY_CORE)} {pick(f, COMPANY_TRADE)} {pick(f, suffixes)}"
        return make

    def malay_person(f: Faker) -> str:
        style = f.random_int(0, 9)
        if style < 5:
            male = f.random_int(0, 1)
            given = pick(f, MALAY_MALE if male else MALAY_FEMALE)
            second = pick(f, MALAY_MALE if male else MALAY_FEMALE) if f.random_int(0, 1) else ""
            link = pick(f, ["bin", "bin", "B."]) if male else pick(f, ["binti", "binte", "Bt."])
            return " ".join(p for p in (given, second, link, pick(f, MALAY_FATHER)) if p)
        if style < 8:
            return f"{pick(f, SINO_FAMILY)} {pick(f, SINO_GIVEN)} {pick(f, SINO_GIVEN)}"
        return f"{pick(f, INDIAN_GIVEN)} a/l {pick(f, INDIAN_FATHER)}"

    def malay_company(f: Faker) -> str:
        core = pick(f, COMPANY_CORE) if f.random_int(0, 1) else pick(f, MALAY_MALE)
        return f"{core} {pick(f, ['Maju', 'Jaya', 'Perkasa', 'Sejahtera', 'Bersatu', 'Gemilang'])} {pick(f, COMPANY_TRADE)} {pick(f, ['Sdn Bhd', 'Sdn. Bhd.', 'Bhd', 'Berhad'])}"  # noqa: E501

    def sg_person(f: Faker) -> str:
        return f"{pick(f, SINO_FAMILY)} {pick(f, SINO_GIVEN)} {pick(f, SINO_GIVEN)}" if f.random_int(0, 2) else f"{f.first_name()} {pick(f, SINO_FAMILY)} {pick(f, SINO_GIVEN)} {pick(f, SINO_GIVEN)}"  # noqa: E501

    def fil_person(f: Faker) -> str:
        middle = pick(f, FIL_FAMILY)
        given = pick(f, FIL_GIVEN)
        family = pick(f, FIL_FAMILY)
        return f"{given} {middle[0]}. {family}" if f.random_int(0, 2) == 0 else f"{given} {middle} {family}"  # noqa: E501

    def thai_latin(f: Faker) -> str:
        return f"{pick(f, THAI_GIVEN)} {pick(f, THAI_FAMILY)}"

    def thai_script(f: Faker) -> str:
        return f"{f.first_name()} {f.last_name()}"

    def burmese(f: Faker) -> str:
        n = f.random_int(2, 3)
        return " ".join(p for p in [pick(f, BURMESE_HONORIFIC)] + [pick(f, BURMESE) for _ in range(n)] if p)  # noqa: E501

    def khmer(f: Faker) -> str:
        return f"{pick(f, KHMER_FAMILY)} {pick(f, KHMER_GIVEN)}"

    def lao(f: Faker) -> str:
        return f"{pick(f, LAO_GIVEN)} {pick(f, LAO_FAMILY)}"

    def mekong_company(f: Faker) -> str:
        place = pick(f, ["Phnom Penh", "Vientiane", "Yangon", "Mandalay", "Siem Reap", "Savannakhet", "Naypyidaw"])  # noqa: E501
        return f"{place} {pick(f, COMPANY_CORE)} {pick(f, COMPANY_TRADE)} {pick(f, ['Co., Ltd', 'Company Limited', 'Co Ltd'])}"  # noqa: E501

    def plain_person(f: Faker) -> str:
        return f"{f.first_name()} {f.last_name()}"

    def ko_hangul(f: Faker) -> str:  # also Han: family name first, no space
        return f"{f.last_name()}{f.first_name()}"

    def ko_latin(f: Faker) -> str:
        return romanise_korean_name(f"{f.last_name()}{f.first_name()}", f)

    def ko_company_latin(f: Faker) -> str:
        core = str(f.company())
        for form in ("주식회사", "유한회사", "(주)"):
            core = core.replace(form, "")
        words = " ".join("".join(rr_syllable(c) for c in w).capitalize() for w in core.split())
        return f"{words} {pick(f, ['Co., Ltd.', 'Corporation', 'Inc.', 'Co Ltd'])}"

    def zh_latin(f: Faker) -> str:
        given, family = f.romanized_name().split(" ", 1)
        return f"{family} {given}" if f.random_int(0, 1) else f"{given} {family}"

    def zh_company_latin(f: Faker) -> str:
        return f"{pick(f, PINYIN_CITY)} {pick(f, PINYIN_WORD)} {pick(f, COMPANY_TRADE)} {pick(f, ['Co., Ltd.', 'Co Ltd', 'Limited', 'Group Co., Ltd.'])}"  # noqa: E501

    def arab_latin(f: Faker) -> str:
        male = f.random_int(0, 3) > 0
        given = pick(f, ARAB_MALE if male else ARAB_FEMALE)
        parts = [given, pick(f, ARAB_MALE)]
        if f.random_int(0, 2) == 0:
            parts.append(pick(f, ARAB_MALE))
        parts.append(pick(f, ARAB_FAMILY))
        return " ".join(parts)

    def arab_company_latin(f: Faker) -> str:
        lead = pick(f, ARAB_FAMILY) if f.random_int(0, 1) else f"{pick(f, ARAB_MALE)} {pick(f, ARAB_FAMILY)}"  # noqa: E501
        return f"{lead} {pick(f, COMPANY_TRADE)} {pick(f, ['LLC', 'Co.', 'Company W.L.L.', 'Group', 'Est.', 'FZE'])}"  # noqa: E501

    def ru_latin(f: Faker) -> str:
        return anyascii(f"{f.first_name()} {f.last_name()}")

    def faker_company(f: Faker) -> str:
        return str(f.company())

    P, O = "person", "organization"  # noqa: E741
    return [
        ("vi_VN", "vi_VN", P, 450, vi_person), ("vi_VN", "vi_VN", O, 250, vi_company),
        ("th_TH", "th_TH", P, 200, thai_script), ("th_TH", "th_TH", O, 120, faker_company),
        ("th_TH-Latn", "en_US", P, 220, thai_latin),
        ("th_TH-Latn", "en_US", O, 150, latin_company(["Co., Ltd.", "Company Limited", "Public Company Limited"])),  # noqa: E501
        ("id_ID", "id_ID", P, 420, plain_person), ("id_ID", "id_ID", O, 250, faker_company),
        ("fil_PH", "en_PH", P, 320, fil_person), ("fil_PH", "en_PH", O, 220, faker_company),
        ("ms_MY", "en_US", P, 380, malay_person), ("ms_MY", "en_US", O, 260, malay_company),
        ("en_SG", "en_US", P, 120, sg_person),
        ("en_SG", "en_US", O, 170, latin_company(["Pte Ltd", "Pte. Ltd.", "Private Limited"])),
        ("my_MM", "en_US", P, 110, burmese), ("km_KH", "en_US", P, 110, khmer),
        ("lo_LA", "en_US", P, 70, lao), ("mekong", "en_US", O, 150, mekong_company),
        ("ko_KR", "ko_KR", P, 250, ko_hangul), ("ko_KR-Latn", "ko_KR", P, 420, ko_latin),
        ("ko_KR", "ko_KR", O, 100, faker_company), ("ko_KR-Latn", "ko_KR", O, 180, ko_company_latin),  # noqa: E501
        ("zh_CN", "zh_CN", P, 250, ko_hangul), ("zh_CN-Latn", "zh_CN", P, 350, zh_latin),
        ("zh_CN", "zh_CN", O, 150, faker_company), ("zh_CN-Latn", "zh_CN", O, 160, zh_company_latin),  # noqa: E501
        ("ar_SA", "ar_SA", P, 150, plain_person), ("ar_AA", "ar_AA", P, 100, plain_person),
        ("ar-Latn", "en_US", P, 420, arab_latin), ("ar-Latn", "en_US", O, 160, arab_company_latin),
        ("ar_SA", "ar_SA", O, 80, faker_company),
        ("en_US", "en_US", P, 200, plain_person), ("en_US", "en_US", O, 120, faker_company),
        ("en_GB", "en_GB", P, 120, plain_person), ("en_GB", "en_GB", O, 80, faker_company),
        ("de_DE", "de_DE", P, 100, plain_person), ("de_DE", "de_DE", O, 60, faker_company),
        ("fr_FR", "fr_FR", P, 100, plain_person), ("fr_FR", "fr_FR", O, 60, faker_company),
        ("es_ES", "es_ES", P, 100, plain_person), ("es_ES", "es_ES", O, 60, faker_company),
        ("ru_RU", "ru_RU", P, 80, plain_person), ("ru_RU-Latn", "ru_RU", P, 80, ru_latin),
    ]


def generate() -> Iterator[tuple[str, str, str]]:
    for i, (label, locale, kind, count, make) in enumerate(_plan()):
        fake = Faker(locale)
        fake.seed_instance(SEED + i)
        for _ in range(count):
            yield " ".join(make(fake).split()), kind, label


def main() -> None:
    sanctions = load_list(NEWEST_LIST)
    listed = {fold_key(n) for e in sanctions.entries for n, _ in e.names()}
    listed_korean = {korean_key(n) for e in sanctions.entries if e.is_dprk for n, _ in e.names()}
    seen: set[str] = set()
    rows: list[tuple[str, str, str]] = []
    dropped = 0
    for name, kind, locale in generate():
        key = fold_key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        if key in listed or (locale.startswith("ko") and korean_key(name) in listed_korean):
            dropped += 1
            continue
        rows.append((name, kind, locale))
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["name", "kind", "locale"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} negatives to {OUT} ({dropped} dropped as on the list)")


if __name__ == "__main__":
    main()
