"""X (twitter-text), Bluesky and Mastodon text rules: post lengths and hashtags.

X counts a post with twitter-text's config v3 (github.com/twitter/twitter-text, Apache-2.0):
after NFC normalisation, code points in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and
U+2032-U+2037 weigh 1, every other code point weighs 2, each emoji sequence weighs 2 and each
URL weighs 23, against a limit of 280. URLs and hashtags are found the way twitter-text's
``extractUrlsWithIndices`` and ``extractHashtags`` find them; the conformance cases copied in
``tests/data/twitter-text/`` are the specification. Bluesky counts grapheme clusters (limit 300);
Mastodon counts grapheme clusters with every http(s) URL as 23 (limit 500 by default).

Standard library only; pure functions; patterns compiled once at import. Every rule takes time
linear in the length of its text, whatever the text (``tests/test_text_linear.py``): posts are
written by anyone, and a backtracking pattern can take minutes on a few kilobytes.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from typing import Final, NamedTuple

__all__ = [
    "MAX_WEIGHTED_LENGTH",
    "URL_WEIGHT",
    "extract_hashtags",
    "grapheme_length",
    "is_valid_hashtag",
    "mastodon_length",
    "weighted_length",
]

MAX_WEIGHTED_LENGTH: Final = 280
"""X's limit on ``weighted_length`` (twitter-text ``maxWeightedTweetLength``)."""

URL_WEIGHT: Final = 23
"""What one URL counts for on X (``transformedURLLength``) and on Mastodon."""

_LIGHT_WEIGHT: Final = 1
_DEFAULT_WEIGHT: Final = 2
_EMOJI_WEIGHT: Final = 2
_MAX_URL_LENGTH: Final = 4096
_MAX_TCO_SLUG_LENGTH: Final = 40
_MAX_DOMAIN_LABEL_LENGTH: Final = 63

# ------------------------------------------------------------------------------ code point sets

_Ranges = tuple[tuple[int, int], ...]


def _parse_ranges(spec: str) -> _Ranges:
    """Parse hex code points and inclusive ranges (``"A9 2194-2199"``) into sorted pairs."""
    pairs = []
    for item in spec.split():
        first, _, last = item.partition("-")
        pairs.append((int(first, 16), int(last or first, 16)))
    return tuple(sorted(pairs))


def _in_ranges(code_point: int, ranges: _Ranges) -> bool:
    """Whether ``code_point`` lies in one of the sorted, disjoint ``ranges``."""
    index = bisect_right(ranges, (code_point, 0x10FFFF)) - 1
    return index >= 0 and code_point <= ranges[index][1]


def _char_class(ranges: _Ranges) -> str:
    """A regular-expression character class matching exactly the code points of ``ranges``."""
    items = (
        f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}"
        for first, last in ranges
    )
    return "[" + "".join(items) + "]"


def _without(ranges: _Ranges, removed: _Ranges) -> _Ranges:
    """The code points of ``ranges`` (sorted and disjoint) that are not in ``removed``."""
    kept: list[tuple[int, int]] = []
    for first, last in ranges:
        for removed_first, removed_last in sorted(removed):
            if removed_last < first or removed_first > last:
                continue
            if removed_first > first:
                kept.append((first, removed_first - 1))
            first = max(first, removed_last + 1)
        if first <= last:
            kept.append((first, last))
    return tuple(kept)


# twitter-text config v3: these weigh 1 (weight 100 at scale 100); every other code point weighs 2.
_LIGHT_RANGES: Final = _parse_ranges("0-10FF 2000-200D 2010-201F 2032-2037")

# Extended_Pictographic (Unicode emoji-data.txt, versions 13 to 16). Its reserved code points are
# included, so emoji newer than Python's Unicode database are recognised too.
_EXTENDED_PICTOGRAPHIC: Final = _parse_ranges(
    """
    A9 AE 203C 2049 2122 2139 2194-2199 21A9-21AA 231A-231B 2328 2388 23CF 23E9-23F3 23F8-23FA
    24C2 25AA-25AB 25B6 25C0 25FB-25FE 2600-2605 2607-2612 2614-2685 2690-2705 2708-2712 2714
    2716 271D 2721 2728 2733-2734 2744 2747 274C 274E 2753-2755 2757 2763-2767 2795-2797 27A1
    27B0 27BF 2934-2935 2B05-2B07 2B1B-2B1C 2B50 2B55 3030 303D 3297 3299 1F000-1F0FF
    1F10D-1F10F 1F12F 1F16C-1F171 1F17E-1F17F 1F18E 1F191-1F19A 1F1AD-1F1E5 1F201-1F20F 1F21A
    1F22F 1F232-1F23A 1F23C-1F23F 1F249-1F3FA 1F400-1F53D 1F546-1F64F 1F680-1F6FF 1F774-1F77F
    1F7D5-1F7FF 1F80C-1F80F 1F848-1F84F 1F85A-1F85F 1F888-1F88F 1F8AE-1F8FF 1F90C-1F93A
    1F93C-1F945 1F947-1FAFF 1FC00-1FFFD
    """
)

# ------------------------------------------------------------------------------------ emoji

# One emoji as twitter-text (through twemoji-parser) counts it, i.e. one emoji grapheme:
# - a keycap: [#*0-9], optional VS16 (U+FE0F), U+20E3;
# - a flag: a pair of regional indicators (U+1F1E6-U+1F1FF);
# - (c) or (r) followed by VS16: they default to text presentation, so bare they weigh 1;
# - pictographs, each with an optional VS16 or skin-tone modifier (U+1F3FB-U+1F3FF) and an
#   optional tag sequence (subdivision flags), joined by ZWJ (U+200D): families, professions...
_EMOJI_MODIFIER: Final = "[\U0001f3fb-\U0001f3ff]"
_EMOJI_ELEMENT: Final = (
    "(?:"
    + _char_class(tuple(pair for pair in _EXTENDED_PICTOGRAPHIC if pair[0] > 0xFF))
    + f"(?:\ufe0f|{_EMOJI_MODIFIER}\ufe0f?)?"
    + "(?:[\U000e0020-\U000e007e]+\U000e007f)?)"
)
_EMOJI_RE: Final = re.compile(
    "[#*0-9]\ufe0f?\u20e3"
    "|[\U0001f1e6-\U0001f1ff]{2}"
    "|[\u00a9\u00ae]\ufe0f"
    f"|{_EMOJI_ELEMENT}(?:\u200d{_EMOJI_ELEMENT})*"
)

# ----------------------------------------------------------------------- grapheme clusters


class _Break(enum.Enum):
    """Grapheme_Cluster_Break values of UAX #29, plus Extended_Pictographic (for rule GB11)."""

    CR = enum.auto()
    LF = enum.auto()
    CONTROL = enum.auto()
    EXTEND = enum.auto()
    ZWJ = enum.auto()
    REGIONAL_INDICATOR = enum.auto()
    PREPEND = enum.auto()
    SPACING_MARK = enum.auto()
    L = enum.auto()
    V = enum.auto()
    T = enum.auto()
    LV = enum.auto()
    LVT = enum.auto()
    EXTENDED_PICTOGRAPHIC = enum.auto()
    OTHER = enum.auto()


# Extend beyond the Mn and Me categories: ZWNJ, halfwidth kana voiced marks, skin-tone
# modifiers, tags. (Spacing marks that are Extend are taken as SpacingMark: same breaks.)
_EXTEND_EXTRA: Final = _parse_ranges("200C FF9E-FF9F 1F3FB-1F3FF E0020-E007F")
# Prepended_Concatenation_Mark and the Prepend consonants of Unicode 15.
_PREPEND: Final = _parse_ranges(
    "600-605 6DD 70F 890-891 8E2 D4E 110BD 110CD 111C2-111C3 1193F 11941 11A3A 11A84-11A89"
    " 11D46 11F02"
)
# Spacing marks (Mc) that are not SpacingMark (mostly Myanmar), and the two Lo that are.
_MC_NOT_SPACING: Final = _parse_ranges(
    "102B-102C 1038 1062-1064 1067-106D 1083 1087-108C 108F 109A-109C 1A61 1A63-1A64 AA7B AA7D"
    " 11720-11721"
)
_LO_SPACING: Final = frozenset({0x0E33, 0x0EB3})
_HANGUL_JAMO: Final = {
    _Break.L: _parse_ranges("1100-115F A960-A97C"),
    _Break.V: _parse_ranges("1160-11A7 D7B0-D7C6"),
    _Break.T: _parse_ranges("11A8-11FF D7CB-D7FB"),
}
_HANGUL_SYLLABLES: Final = (0xAC00, 0xD7A3)
_HANGUL_T_COUNT: Final = 28
_CONTROL_BREAKS: Final = frozenset({_Break.CR, _Break.LF, _Break.CONTROL})


@functools.lru_cache(maxsize=8192)  # posts repeat few characters: look each up once
def _grapheme_break(char: str) -> _Break:
    """The Grapheme_Cluster_Break property of ``char``, derived from ``unicodedata``."""
    code_point = ord(char)
    if char == "\r":
        return _Break.CR
    if char == "\n":
        return _Break.LF
    if char == "\u200d":
        return _Break.ZWJ
    if 0x1F1E6 <= code_point <= 0x1F1FF:
        return _Break.REGIONAL_INDICATOR
    if _in_ranges(code_point, _EXTENDED_PICTOGRAPHIC):
        return _Break.EXTENDED_PICTOGRAPHIC
    if _in_ranges(code_point, _PREPEND):
        return _Break.PREPEND
    if _HANGUL_SYLLABLES[0] <= code_point <= _HANGUL_SYLLABLES[1]:
        syllable_index = code_point - _HANGUL_SYLLABLES[0]
        return _Break.LV if syllable_index % _HANGUL_T_COUNT == 0 else _Break.LVT
    for jamo, ranges in _HANGUL_JAMO.items():
        if _in_ranges(code_point, ranges):
            return jamo
    category = unicodedata.category(char)
    if category in ("Mn", "Me") or _in_ranges(code_point, _EXTEND_EXTRA):
        return _Break.EXTEND
    if (
        category == "Mc" and not _in_ranges(code_point, _MC_NOT_SPACING)
    ) or code_point in _LO_SPACING:
        return _Break.SPACING_MARK
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return _Break.CONTROL
    return _Break.OTHER


def _is_grapheme_boundary(
    before: _Break, after: _Break, *, after_emoji_zwj: bool, odd_regional_run: bool
) -> bool:
    """UAX #29 rules GB3-GB13 (without GB9c, like Bluesky): is there a break between the two?"""
    if before is _Break.CR and after is _Break.LF:
        return False
    if before in _CONTROL_BREAKS or after in _CONTROL_BREAKS:
        return True
    if before is _Break.L and after in (_Break.L, _Break.V, _Break.LV, _Break.LVT):
        return False
    if before in (_Break.LV, _Break.V) and after in (_Break.V, _Break.T):
        return False
    if before in (_Break.LVT, _Break.T) and after is _Break.T:
        return False
    if after in (_Break.EXTEND, _Break.ZWJ, _Break.SPACING_MARK) or before is _Break.PREPEND:
        return False
    if after is _Break.EXTENDED_PICTOGRAPHIC and after_emoji_zwj:
        return False
    return not (after is _Break.REGIONAL_INDICATOR and odd_regional_run)


def _cluster_count(text: str) -> int:
    """Number of extended grapheme clusters in ``text``, character by character (GB1-GB13)."""
    count = 0
    before: _Break | None = None
    in_emoji = False  # after Extended_Pictographic Extend*
    after_emoji_zwj = False  # after Extended_Pictographic Extend* ZWJ (GB11)
    regional_run = 0  # regional indicators just before (GB12, GB13)
    for char in text:
        after = _grapheme_break(char)
        if before is None or _is_grapheme_boundary(
            before, after, after_emoji_zwj=after_emoji_zwj, odd_regional_run=regional_run % 2 == 1
        ):
            count += 1
        after_emoji_zwj = after is _Break.ZWJ and in_emoji
        in_emoji = after is _Break.EXTENDED_PICTOGRAPHIC or (after is _Break.EXTEND and in_emoji)
        regional_run = regional_run + 1 if after is _Break.REGIONAL_INDICATOR else 0
        before = after
    return count


# Most characters of a post settle its segmentation on their own. Between two of these there is
# always a break (but within CR LF), and the rules' state after one of these does not depend on
# what came before it (no ZWJ, Extend or regional indicator); every other character joins, or
# may join, its neighbours.
_SETTLING_BREAKS: Final = frozenset(
    {_Break.OTHER, _Break.CONTROL, _Break.CR, _Break.LF, _Break.EXTENDED_PICTOGRAPHIC}
)
_SETTLING, _JOINING = "s", "j"
_MAX_CACHED_CHARS: Final = 1 << 16


class _JoiningLetters(dict[int, str]):
    """A ``str.translate`` table: each code point to ``_SETTLING`` or ``_JOINING``, looked up
    once (posts repeat few characters; at most ``_MAX_CACHED_CHARS`` are kept)."""

    def __missing__(self, code_point: int) -> str:
        settles = _grapheme_break(chr(code_point)) in _SETTLING_BREAKS
        letter = _SETTLING if settles else _JOINING
        if len(self) < _MAX_CACHED_CHARS:
            self[code_point] = letter
        return letter


_JOINING_LETTERS: Final = _JoiningLetters()
_GENERAL_PUNCTUATION: Final = (0x2000, 0x206F)  # apostrophes, quotes, dashes: common in posts
# Where the characters that may join lie: not below the combining marks, and not among the
# pictographs and General Punctuation of the Basic Multilingual Plane that settle (this keeps
# the class a table, quick to test; further planes are looked up).
_SURELY_SETTLING: Final = (
    (0, 0x2FF),
    *(pair for pair in _EXTENDED_PICTOGRAPHIC if pair[1] <= 0xFFFF),
    *(
        (code_point, code_point)
        for code_point in range(_GENERAL_PUNCTUATION[0], _GENERAL_PUNCTUATION[1] + 1)
        if _JOINING_LETTERS[code_point] == _SETTLING
    ),
)
_MAYBE_JOINING: Final = _char_class(_without(((0, 0x10FFFF),), _SURELY_SETTLING))
_MAYBE_JOINING_AREA_RE: Final = re.compile(
    f"{_MAYBE_JOINING}++(?:{_char_class(_SURELY_SETTLING)}{{1,8}}+{_MAYBE_JOINING}++)*+"
)
# Characters that may join, or that join, a few settling ones apart are segmented together
# (in Devanagari or Thai, a mark follows every other letter).
_JOINING_AREA_RE: Final = re.compile(f"{_JOINING}++(?:{_SETTLING}{{1,8}}+{_JOINING}++)*+")


def grapheme_length(text: str) -> int:
    """Number of user-perceived characters (extended grapheme clusters, UAX #29) in ``text``.

    This is how Bluesky counts a post (limit 300): a family emoji or a flag is 1.
    """
    # Every character is a cluster of its own but for CR LF (GB3) and around joining ones: each
    # area of those is segmented from the settling character before it to the one after it,
    # which gives the same breaks there as segmenting the whole text.
    count = len(text) - text.count("\r\n")
    if text.isascii():
        return count
    for maybe in _MAYBE_JOINING_AREA_RE.finditer(text):
        offset = maybe.start()
        for area in _JOINING_AREA_RE.finditer(maybe[0].translate(_JOINING_LETTERS)):
            segment = text[max(offset + area.start() - 1, 0) : offset + area.end() + 1]
            joined = len(segment) - _cluster_count(segment)  # CR LF among them, counted above
            count -= joined - segment.count("\r\n")
    return count


# ------------------------------------------------------------------------------------- URLs

# Top-level domains: the ICANN section of the Public Suffix List (February 2023), IDNs in their
# xn-- form. twitter-text matches a domain only when it ends in one of these (or in any xn--).
_TOP_LEVEL_DOMAINS: Final = """
    aaa aarp abarth abb abbott abbvie abc able abogado abudhabi ac academy accenture accountant
    accountants aco actor ad ads adult ae aeg aero aetna af afl africa ag agakhan agency ai aig
    airbus airforce airtel akdn al alfaromeo alibaba alipay allfinanz allstate ally alsace alstom
    am amazon americanexpress americanfamily amex amfam amica amsterdam analytics android anquan
    anz ao aol apartments app apple aq aquarelle ar arab aramco archi army arpa art arte as asda
    asia associates at athleta attorney au auction audi audible audio auspost author auto autos
    avianca aw aws ax axa az azure ba baby baidu banamex bananarepublic band bank bar barcelona
    barclaycard barclays barefoot bargains baseball basketball bauhaus bayern bb bbc bbt bbva bcg
    bcn bd be beats beauty beer bentley berlin best bestbuy bet bf bg bh bharti bi bible bid bike
    bing bingo bio biz bj black blackfriday blockbuster blog bloomberg blue bm bms bmw bn
    bnpparibas bo boats boehringer bofa bom bond boo book booking bosch bostik boston bot boutique
    box br bradesco bridgestone broadway broker brother brussels bs bt build builders business buy
    buzz bv bw by bz bzh ca cab cafe cal call calvinklein cam camera camp canon capetown capital
    capitalone car caravan cards care career careers cars casa case cash casino cat catering
    catholic cba cbn cbre cbs cc cd center ceo cern cf cfa cfd cg ch chanel channel charity chase
    chat cheap chintai christmas chrome church ci cipriani circle cisco citadel citi citic city
    cityeats ck cl claims cleaning click clinic clinique clothing cloud club clubmed cm cn co coach
    codes coffee college cologne com comcast commbank community company compare computer comsec
    condos construction consulting contact contractors cooking cookingchannel cool coop corsica
    country coupon coupons courses cpa cr credit creditcard creditunion cricket crown crs cruise
    cruises cu cuisinella cv cw cx cy cymru cyou cz dabur dad dance data date dating datsun day
    dclk dds de deal dealer deals degree delivery dell deloitte delta democrat dental dentist desi
    design dev dhl diamonds diet digital direct directory discount discover dish diy dj dk dm dnp
    do docs doctor dog domains dot download drive dtv dubai dunlop dupont durban dvag dvr dz earth
    eat ec eco edeka edu education ee eg email emerck energy engineer engineering enterprises epson
    equipment er ericsson erni es esq estate et etisalat eu eurovision eus events exchange expert
    exposed express extraspace fage fail fairwinds faith family fan fans farm farmers fashion fast
    fedex feedback ferrari ferrero fi fiat fidelity fido film final finance financial fire
    firestone firmdale fish fishing fit fitness fj fk flickr flights flir florist flowers fly fm fo
    foo food foodnetwork football ford forex forsale forum foundation fox fr free fresenius frl
    frogans frontdoor frontier ftr fujitsu fun fund furniture futbol fyi ga gal gallery gallo
    gallup game games gap garden gay gb gbiz gd gdn ge gea gent genting george gf gg ggee gh gi
    gift gifts gives giving gl glass gle global globo gm gmail gmbh gmo gmx gn godaddy gold
    goldpoint golf goo goodyear goog google gop got gov gp gq gr grainger graphics gratis green
    gripe grocery group gs gt gu guardian gucci guge guide guitars guru gw gy hair hamburg hangout
    haus hbo hdfc hdfcbank health healthcare help helsinki here hermes hgtv hiphop hisamitsu
    hitachi hiv hk hkt hm hn hockey holdings holiday homedepot homegoods homes homesense honda
    horse hospital host hosting hot hoteles hotels hotmail house how hr hsbc ht hu hughes hyatt
    hyundai ibm icbc ice icu id ie ieee ifm ikano il im imamat imdb immo immobilien in inc
    industries infiniti info ing ink institute insurance insure int international intuit
    investments io ipiranga iq ir irish is ismaili ist istanbul it itau itv jaguar java jcb je jeep
    jetzt jewelry jio jll jm jmp jnj jo jobs joburg jot joy jp jpmorgan jprs juegos juniper kaufen
    kddi ke kerryhotels kerrylogistics kerryproperties kfh kg kh ki kia kids kim kinder kindle
    kitchen kiwi km kn koeln komatsu kosher kp kpmg kpn kr krd kred kuokgroup kw ky kyoto kz la
    lacaixa lamborghini lamer lancaster lancia land landrover lanxess lasalle lat latino latrobe
    law lawyer lb lc lds lease leclerc lefrak legal lego lexus lgbt li lidl life lifeinsurance
    lifestyle lighting like lilly limited limo lincoln linde link lipsy live living lk llc llp loan
    loans locker locus lol london lotte lotto love lpl lplfinancial lr ls lt ltd ltda lu lundbeck
    luxe luxury lv ly ma macys madrid maif maison makeup man management mango map market marketing
    markets marriott marshalls maserati mattel mba mc mckinsey md me med media meet melbourne meme
    memorial men menu merckmsd mg mh miami microsoft mil mini mint mit mitsubishi mk ml mlb mls mm
    mma mn mo mobi mobile moda moe moi mom monash money monster mormon mortgage moscow moto
    motorcycles mov movie mp mq mr ms msd mt mtn mtr mu museum music mutual mv mw mx my mz na nab
    nagoya name natura navy nba nc ne nec net netbank netflix network neustar new news next
    nextdirect nexus nf nfl ng ngo nhk ni nico nike nikon ninja nissan nissay nl no nokia
    northwesternmutual norton now nowruz nowtv np nr nra nrw ntt nu nyc nz obi observer office
    okinawa olayan olayangroup oldnavy ollo om omega one ong onion onl online ooo open oracle
    orange org organic origins osaka otsuka ott ovh pa page panasonic paris pars partners parts
    party passagens pay pccw pe pet pf pfizer pg ph pharmacy phd philips phone photo photography
    photos physio pics pictet pictures pid pin ping pink pioneer pizza pk pl place play playstation
    plumbing plus pm pn pnc pohl poker politie porn post pr pramerica praxi press prime pro prod
    productions prof progressive promo properties property protection pru prudential ps pt pub pw
    pwc py qa qpon quebec quest racing radio re read realestate realtor realty recipes red redstone
    redumbrella rehab reise reisen reit reliance ren rent rentals repair report republican rest
    restaurant review reviews rexroth rich richardli ricoh ril rio rip ro rocher rocks rodeo rogers
    room rs rsvp ru rugby ruhr run rw rwe ryukyu sa saarland safe safety sakura sale salon samsclub
    samsung sandvik sandvikcoromant sanofi sap sarl sas save saxo sb sbi sbs sc sca scb schaeffler
    schmidt scholarships school schule schwarz science scot sd se search seat secure security seek
    select sener services seven sew sex sexy sfr sg sh shangrila sharp shaw shell shia shiksha
    shoes shop shopping shouji show showtime si silk sina singles site sj sk ski skin sky skype sl
    sling sm smart smile sn sncf so soccer social softbank software sohu solar solutions song sony
    soy spa space sport spot sr srl ss st stada staples star statebank statefarm stc stcgroup
    stockholm storage store stream studio study style su sucks supplies supply support surf surgery
    suzuki sv swatch swiss sx sy sydney systems sz tab taipei talk taobao target tatamotors tatar
    tattoo tax taxi tc tci td tdk team tech technology tel temasek tennis teva tf tg th thd theater
    theatre tiaa tickets tienda tiffany tips tires tirol tj tjmaxx tjx tk tkmaxx tl tm tmall tn to
    today tokyo tools top toray toshiba total tours town toyota toys tr trade trading training
    travel travelchannel travelers travelersinsurance trust trv tt tube tui tunes tushu tv tvs tw
    tz ua ubank ubs ug uk unicom university uno uol ups us uy uz va vacations vana vanguard vc ve
    vegas ventures verisign versicherung vet vg vi viajes video vig viking villas vin vip virgin
    visa vision viva vivo vlaanderen vn vodka volkswagen volvo vote voting voto voyage vu vuelos
    wales walmart walter wang wanggou watch watches weather weatherchannel webcam weber website
    wedding weibo weir wf whoswho wien wiki williamhill win windows wine winners wme wolterskluwer
    woodside work works world wow ws wtc wtf xbox xerox xfinity xihuan xin xn--11b4c3d xn--1ck2e1b
    xn--1qqw23a xn--2scrj9c xn--30rr7y xn--3bst00m xn--3ds443g xn--3e0b707e xn--3hcrj9c xn--3pxu8k
    xn--42c2d9a xn--45br5cyl xn--45brj9c xn--45q11c xn--4dbrk0ce xn--4gbrim xn--54b7fta0cc
    xn--55qw42g xn--55qx5d xn--5su34j936bgsg xn--5tzm5g xn--6frz82g xn--6qq986b3xl xn--80adxhks
    xn--80ao21a xn--80aqecdr1a xn--80asehdb xn--80aswg xn--8y0a063a xn--90a3ac xn--90ae xn--90ais
    xn--9dbq2a xn--9et52u xn--9krt00a xn--b4w605ferd xn--bck1b9a5dre4c xn--c1avg xn--c2br7g
    xn--cck2b3b xn--cckwcxetd xn--cg4bki xn--clchc0ea0b2g2a9gcd xn--czr694b xn--czrs0t xn--czru2d
    xn--d1acj3b xn--d1alf xn--e1a4c xn--eckvdtc9d xn--efvy88h xn--fct429k xn--fhbei xn--fiq228c5hs
    xn--fiq64b xn--fiqs8s xn--fiqz9s xn--fjq720a xn--flw351e xn--fpcrj9c3d xn--fzc2c9e2c
    xn--fzys8d69uvgm xn--g2xx48c xn--gckr3f0f xn--gecrj9c xn--gk3at1e xn--h2breg3eve xn--h2brj9c
    xn--h2brj9c8c xn--hxt814e xn--i1b6b1a6a2e xn--imr513n xn--io0a7i xn--j1aef xn--j1amh
    xn--j6w193g xn--jlq480n2rg xn--jvr189m xn--kcrx77d1x4a xn--kprw13d xn--kpry57d xn--kput3i
    xn--l1acc xn--lgbbat1ad8j xn--mgb2ddes xn--mgb9awbf xn--mgba3a3ejt xn--mgba3a4f16a
    xn--mgba3a4fra xn--mgba7c0bbn0a xn--mgbaakc7dvf xn--mgbaam7a8h xn--mgbab2bd xn--mgbah1a3hjkrd
    xn--mgbai9a5eva00b xn--mgbai9azgqp6j xn--mgbayh7gpa xn--mgbbh1a xn--mgbbh1a71e xn--mgbc0a9azcg
    xn--mgbca7dzdo xn--mgbcpq6gpa1a xn--mgberp4a5d4a87g xn--mgberp4a5d4ar xn--mgbgu82a
    xn--mgbi4ecexp xn--mgbpl2fh xn--mgbqly7c0a67fbc xn--mgbqly7cvafr xn--mgbt3dhd xn--mgbtf8fl
    xn--mgbtx2b xn--mgbx4cd0ab xn--mix082f xn--mix891f xn--mk1bu44c xn--mxtq1m xn--ngbc5azd
    xn--ngbe9e0a xn--ngbrx xn--nnx388a xn--node xn--nqv7f xn--nqv7fs00ema xn--nyqy26a xn--o3cw4h
    xn--ogbpf8fl xn--otu796d xn--p1acf xn--p1ai xn--pgbs0dh xn--pssy2u xn--q7ce6a xn--q9jyb4c
    xn--qcka1pmc xn--qxa6a xn--qxam xn--rhqv96g xn--rovu88b xn--rvc1e0am3e xn--s9brj9c xn--ses554g
    xn--t60b56a xn--tckwe xn--tiq49xqyj xn--unup4y xn--vermgensberater-ctb xn--vermgensberatung-pwb
    xn--vhquv xn--vuq861b xn--w4r85el8fhu5dnra xn--w4rs40l xn--wgbh1c xn--wgbl6a xn--xhq521b
    xn--xkc2al3hye2a xn--xkc2dl3a5ee0h xn--y9a3aq xn--yfro4i67o xn--ygbi2ammx xn--zfr164b xxx xyz
    yachts yahoo yamaxun yandex ye yodobashi yoga yokohama you youtube yt yun za zappos zara zero
    zip zm zone zuerich zw
"""


def _decode_top_level_domain(label: str) -> str:
    """The Unicode form of a top-level domain given in ASCII (``xn--p1ai`` is ``рф``)."""
    if label.startswith("xn--"):
        return label.removeprefix("xn--").encode("ascii").decode("punycode")
    return label


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: list[str]) -> str:
    """A pattern matching exactly ``words``, factored by common prefixes so it fails fast."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_node_pattern(trie)


def _trie_node_pattern(node: _Trie) -> str:
    """The pattern of the words below ``node`` of a trie built by ``_trie_pattern``."""
    branches = [re.escape(char) + _trie_node_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")


# The pieces of twitter-text's extractUrl regular expression, under the same names. Run whole
# by a backtracking engine, that expression is quadratic: from every character that may precede
# a URL it reads all the labels that follow (`a.a.a.a...`, `a-a-a-a-...`) before failing, and its
# ASCII-domain expression does the same inside a domain. So only its bounded pieces are regular
# expressions here (a top-level domain, a protocol, what follows a domain); domains are found
# label by label, each label read once, with the matches the whole expression would give.
_SPACES: Final = r"\t-\r\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID_CHARS: Final = r"\ufffe\ufeff\uffff"
_DIRECTIONAL_MARKERS: Final = r"\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
# twitter-text's punctuation, less "-", "_" and ".": those three may be inside a domain.
_OUTER_PUNCTUATION: Final = r"!'#%&()*+,\\/:;<=>?@\[\]\^{|}~$"
_LABEL_SEPARATORS: Final = "-_"  # inside a label, not at its ends
_LATIN_ACCENTS: Final = (
    r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    r"\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC: Final = r"\u0400-\u04ff"

_TLD: Final = (
    "(?:"
    + _trie_pattern([_decode_top_level_domain(label) for label in _TOP_LEVEL_DOMAINS.split()])
    + r")(?=[^0-9a-zA-Z@+-]|\Z)"
)
_PUNYCODE_TLD: Final = r"xn--[\-0-9a-z]+"
# Domain characters (twitter-text's validDomainChars), "-", "_" and ".": a domain lies in one
# run of them. Only runs holding a "." are of interest; the look-behind starts each run once.
_RUN_CHAR: Final = rf"[^{_OUTER_PUNCTUATION}{_SPACES}{_INVALID_CHARS}]"
_DOTTED_RUN_RE: Final = re.compile(
    rf"(?<!{_RUN_CHAR})[^{_OUTER_PUNCTUATION}{_SPACES}{_INVALID_CHARS}.]*+\.{_RUN_CHAR}*+",
    re.IGNORECASE,
)
_PATH_CHAR: Final = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN_ACCENTS}]"
_PATH_PARENS: Final = (
    rf"\((?:{_PATH_CHAR}+|{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*)\)"  # two levels at most
)
_PATH_END: Final = rf"(?:[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|{_PATH_PARENS})"
_PATH: Final = rf"(?:{_PATH_CHAR}*(?:{_PATH_PARENS}{_PATH_CHAR}*)*{_PATH_END}|@{_PATH_CHAR}+/)"
_QUERY: Final = r"\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/]"

_URL_BEFORE_RE: Final = re.compile(
    rf"[^A-Za-z0-9@\uff20$#\uff03{_INVALID_CHARS}]|[{_DIRECTIONAL_MARKERS}]", re.IGNORECASE
)
_PROTOCOL_RE: Final = re.compile(r"https?://", re.IGNORECASE)
_TOP_LEVEL_DOMAIN_RE: Final = re.compile(rf"{_TLD}|{_PUNYCODE_TLD}", re.IGNORECASE)
# Port, path and query: all optional, so once the domain is found they only extend the URL. They
# are matched once per URL, from the end of its domain.
_URL_TAIL_RE: Final = re.compile(rf"(?::[0-9]+)?(?P<path>/{_PATH}*)?(?:{_QUERY})?", re.IGNORECASE)
_ASCII_LABEL_CHARS_RE: Final = re.compile(rf"[\-a-z0-9{_LATIN_ACCENTS}]*", re.IGNORECASE)
_TCO_URL_RE: Final = re.compile(rf"https?://t\.co/([a-z0-9]+)(?:{_QUERY})?", re.IGNORECASE)
_INVALID_BEFORE_BARE_DOMAIN: Final = frozenset("-_./")


def _label_starts(start: int, labels: list[str]) -> list[int]:
    """Where each of ``labels`` starts, the first at ``start``, with one "." between labels."""
    starts = [start]
    for label in labels[:-1]:
        starts.append(starts[-1] + len(label) + 1)
    return starts


def _top_level_domain_end(text: str, start: int) -> int:
    """End of the top-level domain (or ``xn--`` label) at ``start`` of ``text``, -1 if none."""
    tld = _TOP_LEVEL_DOMAIN_RE.match(text, start)
    return tld.end() if tld else -1


def _domain_ends(text: str) -> dict[int, int]:
    """For each position where twitter-text's validDomain matches, the end of that match.

    validDomain is subdomains (labels and "."), a domain name (a label without "_" and ".") and
    a top-level domain. From a given start it takes as many labels as it can: the domain name is
    the last label that is followed by a top-level domain, all labels up to it being valid. So
    one pass from the last label back settles every start of a run: the regex instead retries
    each start, reading all labels up to the first that fails.
    """
    ends: dict[int, int] = {}
    for run in _DOTTED_RUN_RE.finditer(text):
        labels = run[0].split(".")
        starts = _label_starts(run.start(), labels)
        next_end = -1  # end of the longest domain starting with the whole next label
        for index in range(len(labels) - 2, -1, -1):  # the last label has no "." after it
            label = labels[index]
            if not label or label[-1] in _LABEL_SEPARATORS:
                next_end = -1
                continue
            if next_end >= 0:
                end, first = next_end, 0  # later labels hold the domain name
            else:
                # This label is the domain name: only its part after any "_" may be.
                end, first = _top_level_domain_end(text, starts[index + 1]), label.rfind("_") + 1
            if end < 0:
                next_end = -1
                continue
            for offset in range(first, len(label)):
                if label[offset] not in _LABEL_SEPARATORS:
                    ends[starts[index] + offset] = end
            next_end = end if first == 0 and label[0] not in _LABEL_SEPARATORS else -1
    return ends


class _UrlMatch(NamedTuple):
    """One match of twitter-text's extractUrl expression (``before`` is the preceding char)."""

    before: str
    start: int
    domain_start: int
    domain_end: int
    has_path: bool
    end: int


def _url_start(text: str, start: int, domain_ends: dict[int, int]) -> tuple[int, int] | None:
    """(start, domain start) of the URL at ``start``, its protocol optional, if there is one."""
    protocol = _PROTOCOL_RE.match(text, start)
    if protocol and protocol.end() in domain_ends:
        return start, protocol.end()
    return (start, start) if start in domain_ends else None


def _url_matches(text: str) -> Iterator[_UrlMatch]:
    """The matches of twitter-text's extractUrl expression in ``text``, as ``finditer`` gives them.

    A match is a character that may precede a URL (or the start of the text) and a URL: an
    optional protocol, a domain, then port, path and query. The domain decides where a URL may
    start, so only the positions just before a domain or before its protocol are tried.
    """
    domain_ends = _domain_ends(text)
    candidates: set[int] = set()
    for domain_start in domain_ends:
        candidates.add(max(domain_start - 1, 0))
        if text.startswith("://", domain_start - 3):  # after http:// or https://
            candidates.update((max(domain_start - 8, 0), max(domain_start - 9, 0)))
    position = 0
    for candidate in sorted(candidates):
        if candidate < position:
            continue  # inside the previous match
        before = text[candidate]
        found = None
        if _URL_BEFORE_RE.match(before):
            found = _url_start(text, candidate + 1, domain_ends)
        if found is None and candidate == 0:
            before, found = "", _url_start(text, 0, domain_ends)  # the expression's ^
        if found is None:
            continue
        start, domain_start = found
        domain_end = domain_ends[domain_start]
        tail = _URL_TAIL_RE.match(text, domain_end)
        assert tail is not None  # every part of the tail is optional
        yield _UrlMatch(
            before, start, domain_start, domain_end, tail["path"] is not None, tail.end()
        )
        position = tail.end()


def _ascii_domain_spans(domain: str) -> list[tuple[int, int]]:
    """Spans of twitter-text's validAsciiDomain in ``domain``, as ``finditer`` gives them.

    validAsciiDomain is labels of ASCII letters, digits, "-" and Latin accents, each ending in
    ".", then a top-level domain; from a start it takes as many labels as it can. A match may
    start only in the ASCII tail of a label, and from anywhere in that tail it ends at the same
    place: one pass from the last label back gives every label's match.
    """
    labels = domain.split(".")
    starts = _label_starts(0, labels)
    tail_starts = [0] * len(labels)
    match_ends = [-1] * len(labels)
    next_end = -1  # end of the longest match going on with the whole next label
    for index in range(len(labels) - 2, -1, -1):
        label = labels[index]
        # Reversed, the label's ASCII tail is a prefix: a match with no backtracking.
        tail = _ASCII_LABEL_CHARS_RE.match(label[::-1])
        tail_length = tail.end() if tail else 0
        end = next_end if next_end >= 0 else _top_level_domain_end(domain, starts[index + 1])
        tail_starts[index] = starts[index] + len(label) - tail_length
        match_ends[index] = end if tail_length else -1
        next_end = end if tail_length == len(label) > 0 else -1
    spans: list[tuple[int, int]] = []
    position = 0
    for index in range(len(labels) - 1):
        start = max(position, tail_starts[index])
        if match_ends[index] >= 0 and start < starts[index] + len(labels[index]):
            spans.append((start, match_ends[index]))
            position = match_ends[index]
    return spans


def _is_valid_label(label: str) -> bool:
    """twitter-text's ``idna.toAscii`` check of a label: 1 to 63 characters once encoded."""
    # Punycode never shortens a label and encodes in quadratic time: check the length first.
    if not 1 <= len(label) <= _MAX_DOMAIN_LABEL_LENGTH:
        return False
    if all(ord(char) < 0x7F for char in label):
        return True
    return len("xn--") + len(label.encode("punycode")) <= _MAX_DOMAIN_LABEL_LENGTH


def _has_valid_labels(domain: str) -> bool:
    """twitter-text's ``idna.toAscii`` check: every label is 1 to 63 characters once encoded."""
    if domain.startswith("xn--") and not _ascii_domain_spans(domain):
        return False
    return all(_is_valid_label(label) for label in domain.split("."))


def _url_spans(text: str, *, require_protocol: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each URL twitter-text's ``extractUrlsWithIndices`` finds in ``text``."""
    if (":" if require_protocol else ".") not in text:
        return []
    spans: list[tuple[int, int]] = []
    for url in _url_matches(text):
        protocol = text[url.start : url.domain_start]
        if not _has_valid_labels(text[url.domain_start : url.domain_end]) or (
            len(protocol or "https://") + url.end - url.start > _MAX_URL_LENGTH
        ):
            continue
        if protocol:
            tco = _TCO_URL_RE.match(text, url.start, url.end)
            if tco and len(tco[1]) > _MAX_TCO_SLUG_LENGTH:
                continue
            spans.append((url.start, tco.end() if tco else url.end))
        elif not require_protocol and url.before not in _INVALID_BEFORE_BARE_DOMAIN:
            spans.extend(_bare_domain_spans(text, url))
    return spans


def _bare_domain_spans(text: str, url: _UrlMatch) -> list[tuple[int, int]]:
    """Spans of the ASCII domains inside a protocol-less URL match; the last one keeps the path."""
    spans = [
        (url.domain_start + start, url.domain_start + end)
        for start, end in _ascii_domain_spans(text[url.domain_start : url.domain_end])
    ]
    if spans and url.has_path:
        spans[-1] = (spans[-1][0], url.end)
    return spans


# ---------------------------------------------------------------------------- X: public API


# CPython puts combining marks in canonical order with an insertion sort: quadratic in a long
# run of marks of mixed classes ("a" then U+0316 U+0301 repeated), linear when they are in order.
# Such a run lies within a run of non-ASCII characters (ASCII ones are starters): a text with a
# long one is decomposed and ordered here first, which leaves its NFC unchanged.
_LONG_NON_ASCII_RUN_RE: Final = re.compile(r"(?<![^\x00-\x7f])[^\x00-\x7f]{32}")
_NON_STARTER_RUN_RE: Final = re.compile(rb"[^\x00]{2,}")  # over canonical combining classes


@functools.lru_cache(maxsize=8192)
def _decomposition(char: str) -> str:
    """The canonical decomposition of ``char``, in canonical order (its NFD)."""
    return unicodedata.normalize("NFD", char)


def _nfc(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, in time linear in the length of ``text``."""
    if _LONG_NON_ASCII_RUN_RE.search(text):
        chars = list("".join(map(_decomposition, text)))
        classes = bytes(map(unicodedata.combining, chars))  # 0 to 240
        for run in _NON_STARTER_RUN_RE.finditer(classes):
            start, end = run.span()
            chars[start:end] = sorted(chars[start:end], key=unicodedata.combining)  # stable
        text = "".join(chars)
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=8192)
def _code_point_weight(char: str) -> int:
    """twitter-text config v3 weight of one code point outside URLs and emoji."""
    return _LIGHT_WEIGHT if _in_ranges(ord(char), _LIGHT_RANGES) else _DEFAULT_WEIGHT


# A run of code points that weigh 1 and start no emoji: light ones that are no keycap base or
# pictograph, and keycap bases, (c) and (r) not followed by what would make them one (the
# alternatives of _EMOJI_RE that start with a light code point).
_LIGHT_RUN_RE: Final = re.compile(
    "(?:"
    + _char_class(_without(_LIGHT_RANGES, _parse_ranges("23 2A 30-39") + _EXTENDED_PICTOGRAPHIC))
    + "|[#*0-9](?!\ufe0f?\u20e3)|[\u00a9\u00ae](?!\ufe0f))++"
)


def weighted_length(text: str) -> int:
    """X's weighted length of ``text`` (twitter-text config v3), to compare with 280.

    NFC first; URLs weigh 23, emoji sequences 2, code points 1 or 2 by range.
    """
    text = _nfc(text)
    url_ends = dict(_url_spans(text))
    url_starts = sorted(url_ends)
    next_url = 0  # in url_starts, the first URL that starts at or after `index`
    length = 0
    index = 0
    while index < len(text):
        while next_url < len(url_starts) and url_starts[next_url] < index:
            next_url += 1  # passed, by a URL or by an emoji over its start
        if index in url_ends:
            length += URL_WEIGHT
            index = url_ends[index]
        elif light := _LIGHT_RUN_RE.match(text, index):
            # Each weighs 1 and steps one code point, up to the next URL.
            end = light.end()
            if next_url < len(url_starts):
                end = min(end, url_starts[next_url])
            length += end - index
            index = end
        elif emoji := _EMOJI_RE.match(text, index):
            length += _EMOJI_WEIGHT
            index = emoji.end()
        else:
            length += _code_point_weight(text[index])
            index += 1
    return length


# ------------------------------------------------------------------------------- hashtags

_HASH_SIGNS: Final = frozenset("#\uff03")
# Besides letters, marks and decimal digits of any script, hashtags may hold these.
_HASHTAG_EXTRA_CHARS: Final = frozenset(
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c"
    "\u00b7"
)
_VARIATION_SELECTORS: Final = frozenset("\ufe0e\ufe0f")
_NOT_AFTER_HASH: Final = frozenset("\ufe0f\u20e3")  # the keycap number sign is no hashtag
_HASHTAG_ENDS_TO_REJECT: Final = ("#", "\uff03", "://")


def _is_hashtag_letter(char: str) -> bool:
    """Letters and marks of any script: a hashtag needs at least one."""
    return unicodedata.category(char)[0] in "LM"


def is_hashtag_char(char: str) -> bool:
    """Characters a hashtag is made of: letters, marks, decimal digits, ``_`` and a few more."""
    return (
        _is_hashtag_letter(char)
        or unicodedata.category(char) == "Nd"
        or char in _HASHTAG_EXTRA_CHARS
    )


def _may_precede_hash(char: str) -> bool:
    """A hash sign starts a hashtag only after a variation selector or a non-hashtag char but &."""
    return char in _VARIATION_SELECTORS or not (is_hashtag_char(char) or char == "&")


def _hashtag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each hashtag, hash sign included, as twitter-text's regex scan finds them."""
    spans: list[tuple[int, int]] = []
    resume = 0  # end of the last match: its characters cannot serve as the next boundary
    for hash_index, char in enumerate(text):
        if char not in _HASH_SIGNS:
            continue
        if hash_index > 0 and (
            hash_index - 1 < resume or not _may_precede_hash(text[hash_index - 1])
        ):
            continue
        end = hash_index + 1
        if text[end : end + 1] in _NOT_AFTER_HASH:
            continue
        while end < len(text) and is_hashtag_char(text[end]):
            end += 1
        if not any(_is_hashtag_letter(tag_char) for tag_char in text[hash_index + 1 : end]):
            continue
        resume = end
        if not text.startswith(_HASHTAG_ENDS_TO_REJECT, end):
            spans.append((hash_index, end))
    return spans


def _without_url_overlaps(
    hashtags: list[tuple[int, int]], urls: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Drop hashtags that overlap an earlier URL or hashtag (``removeOverlappingEntities``)."""
    entities = sorted(
        [(*span, True) for span in hashtags] + [(*span, False) for span in urls],
        key=lambda entity: entity[0],
    )
    kept: list[tuple[int, int]] = []
    previous_end = -1
    for start, end, is_hashtag in entities:
        if start < previous_end:
            continue
        previous_end = end
        if is_hashtag:
            kept.append((start, end))
    return kept


def extract_hashtags(text: str) -> list[str]:
    """Hashtags of ``text`` in order of appearance, without their ``#``, as X recognises them."""
    spans = _hashtag_spans(text)
    if spans:
        spans = _without_url_overlaps(spans, _url_spans(text))
    return [text[start + 1 : end] for start, end in spans]


def is_valid_hashtag(tag: str) -> bool:
    """Whether ``#tag`` is exactly one whole hashtag on X (``tag`` given without ``#``)."""
    return extract_hashtags("#" + tag) == [tag]


# ------------------------------------------------------------------------------- Mastodon

# Mastodon counts a remote mention @user@domain as @user (its compose counter's expression).
_MASTODON_REMOTE_MENTION_RE: Final = re.compile(
    r"(^|[^/\w])@(([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+)", re.IGNORECASE | re.ASCII
)
_MASTODON_URL_PLACEHOLDER: Final = "x" * URL_WEIGHT


def mastodon_length(text: str) -> int:
    """Mastodon's length of ``text``: grapheme clusters, each http(s) URL counting 23.

    A remote mention ``@user@domain`` counts as ``@user``; domains without http(s):// count as text.
    """
    pieces: list[str] = []
    position = 0
    for start, end in _url_spans(text, require_protocol=True):
        pieces += [text[position:start], _MASTODON_URL_PLACEHOLDER]
        position = end
    countable = "".join([*pieces, text[position:]])
    if countable.count("@") > 1:  # a remote mention holds two
        countable = _MASTODON_REMOTE_MENTION_RE.sub(r"\1@\3", countable)
    return grapheme_length(countable)
