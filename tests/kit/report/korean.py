"""Korean particles as a Korean teacher writes them, as rules a test can run.

Two rules:

* **attached**: a particle follows the word it belongs to with no space, also after code and
  English (`` `tf.Variable`은 ``, ``0인``), never `` `tf.Variable` 은``;
* **agreement**: 은/는, 이/가, 을/를, 과/와, 으로/로 follow the final sound of the word before:
  a final consonant (batchim) takes 은, 이, 을, 과, 으로; a vowel takes 는, 가, 를, 와, 로;
  ㄹ takes 로. Hangul words are read from the syllable's code; code and English words by how
  they are read aloud: digits and numbers as Sino-Korean numerals, capital acronyms (and a
  few lower-case ones) letter by letter, common code words from :data:`READINGS`, others by
  reliable spellings (``-ing`` → ㅇ, ``-le`` → ㄹ, ``-er`` → a vowel). A word none of these
  decides is not judged. Where a name is interpolated (``{function}``), the double forms
  ``은(는)``, ``을(를)``, ``이(가)``, ``와(과)``, ``(으)로`` are the right ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grader.korean import (  # noqa: F401  (the readings, shared with the kit's own particle chooser)
    BATCHIM, DIGITS, LETTERS, POWERS, READINGS, RIEUL, SPELLINGS, VOWEL, hangul_ending, word_ending)

PARTICLES = {"은": BATCHIM, "는": VOWEL, "이": BATCHIM, "가": VOWEL, "을": BATCHIM, "를": VOWEL,
             "과": BATCHIM, "와": VOWEL, "으로": BATCHIM, "로": VOWEL}
"""Each particle and the ending it goes with (로 also goes with ㄹ)."""
HANGUL_CHECKED = ("은", "을", "를", "으로", "로")
"""Particles judged after a Hangul word too: 는, 이, 가, 과, 와 are also parts of verbs and nouns
(있는, 길이, 사과), so after Hangul they are left alone."""

ATTACHED_AFTER = r"[`A-Za-z0-9)\]]"
BOUNDARY = r"(?=$|[\s.,;:!?()\]\"'’”·—…])"
ATTACHING = r"(입니다|이므로|이라서|라서|이고|이며|이다|이면|으로|에서는|에서|에는|까지|부터|은|는|이|가|을|를|로|와|과|인|의|에|도|만)"
"""Particles and copula forms that attach to the word before them."""
DETACHED = re.compile(ATTACHED_AFTER + r"[ \t]+" + ATTACHING + BOUNDARY)
DOUBLE_FORM = re.compile(r"(은\(는\)|는\(은\)|을\(를\)|를\(을\)|이\(가\)|가\(이\)|와\(과\)|과\(와\)|\(으\)로)")
AFTER_WORD = re.compile(r"([A-Za-z0-9_.=`'\"(){}\[\]가-힣]+?)(으로|은|는|이|가|을|를|과|와|로)"
                        + BOUNDARY.replace("()", ")"))
EXCEPTIONS = ("마을", "가을", "고을", "서로", "바로", "따로", "새로", "주로", "별로", "스스로")
"""Hangul words that end like a particle but are not one."""


@dataclass(frozen=True)
class Hit:
    rule: str
    text: str
    """The offending words, with a little context."""


def _agrees(particle: str, ending: str) -> bool:
    if particle == "로":
        return ending in (VOWEL, RIEUL)
    if particle == "으로":
        return ending == BATCHIM
    want = PARTICLES[particle]
    return ending == want if want == VOWEL else ending in (BATCHIM, RIEUL)


def _called_name(text: str, end: int) -> str | None:
    """The function name of the call whose closing bracket ends at ``end`` (exclusive), if any."""
    depth = 0
    for i in range(end - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                name = re.search(r"[A-Za-z_][A-Za-z0-9_.]*$", text[:i])
                return name.group(0) if name else None
    return None


def check(text: str) -> list[Hit]:
    """Every detached particle and every particle that does not agree with the word before it."""
    hits = [Hit("detached", text[max(0, m.start() - 15): m.end() + 5]) for m in DETACHED.finditer(text)]
    plain = DOUBLE_FORM.sub(" ", text)
    for match in AFTER_WORD.finditer(plain):
        word, particle = match.group(1), match.group(2)
        before = word[-1]
        if word.endswith(")") and word.count("(") < word.count(")"):
            # a call whose arguments hold spaces: read it by the name before its opening bracket
            name = _called_name(plain, match.start(1) + len(word))
            word = f"{name}()" if name else word
        if re.search(r"\{[A-Za-z_][\w.:!]*\}`?$", word):
            hits.append(Hit("interpolated name needs the double form", plain[max(0, match.start() - 10): match.end() + 3]))
            continue
        gloss = re.search(r"([가-힣])\([^()]*\)$", word)
        if gloss:  # 변수(`tf.Variable`)와: the particle belongs to the word before the parenthesis
            ending = hangul_ending(gloss.group(1))
        elif "가" <= before <= "힣":
            if particle not in HANGUL_CHECKED or any((word + particle).endswith(e) for e in EXCEPTIONS):
                continue
            if particle == "로" and word.endswith("으"):
                continue
            ending = hangul_ending(before)
        else:
            if "{" in word:
                continue  # a placeholder inside the word: read at run time, not here
            # a code or English word, read by its last name: a call by the function's name
            # (`keras.Input(shape=...)` -> Input, `model.summary()` -> summary), else its last run
            core = word.strip("`'\"")
            call = re.match(r"^(.*?[A-Za-z_][A-Za-z0-9_]*)\(.*\)$", core)
            core = call.group(1) if call else re.sub(r"[`'\"()\[\]]+$", "", core)
            ending = word_ending(core) if core else None
        if ending is not None and not _agrees(particle, ending):
            hits.append(Hit(f"{particle} after a word ending in a {ending}",
                            plain[max(0, match.start() - 10): match.end() + 3]))
    return hits
