"""Korean particles chosen by how the word before them is read aloud: one chooser for every sentence.

A particle pair (은/는, 이/가, 을/를, 과/와, 으로/로) follows the final sound of the word before it:
a final consonant (batchim) takes the first, a vowel the second; ㄹ takes 로. Hangul is read from
the syllable's code; code and English words by how a Korean reader says them: numbers as
Sino-Korean numerals, capital acronyms letter by letter, common code words from :data:`READINGS`,
others by reliable spellings; a call by its function's name (``tf.matmul(a, b)`` is read
``matmul``). :func:`particle` attaches the right one, or the double form (``은(는)``) when the
word's reading is not known. ``tests/kit/report/korean.py`` judges every catalogue sentence by
the same readings.
"""

from __future__ import annotations

import re

VOWEL, BATCHIM, RIEUL = "vowel", "batchim", "rieul"
"""How a word ends when read aloud: a vowel, a consonant other than ㄹ, or ㄹ."""

DIGITS = {"0": BATCHIM, "1": RIEUL, "2": VOWEL, "3": BATCHIM, "4": VOWEL, "5": VOWEL, "6": BATCHIM,
          "7": RIEUL, "8": RIEUL, "9": VOWEL}
"""영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구."""
POWERS = {1: BATCHIM, 2: BATCHIM, 3: BATCHIM, 4: BATCHIM}
"""십, 백, 천, 만: a number ending in zeros is read by its last power of ten."""
LETTERS = {**dict.fromkeys("ABCDEFGHIJKOPQSTUVWXYZ", VOWEL), "L": RIEUL, "M": BATCHIM, "N": BATCHIM,
           "R": RIEUL}
"""Letter names: 에이, 비, 씨 ... 엘, 엠, 엔, 알."""
READINGS = {
    # word: how it is read -> its ending
    "variable": RIEUL, "constant": VOWEL, "tensor": VOWEL, "tensors": VOWEL, "dtype": BATCHIM,
    "type": BATCHIM, "shape": VOWEL, "value": VOWEL, "values": VOWEL, "array": VOWEL, "ndarray": VOWEL,
    "numpy": VOWEL, "list": VOWEL, "input": BATCHIM, "output": BATCHIM, "dropout": BATCHIM,
    "flatten": BATCHIM, "dense": VOWEL, "relu": VOWEL, "softmax": VOWEL, "sigmoid": VOWEL,
    "same": BATCHIM, "valid": VOWEL, "padding": BATCHIM, "pooling": BATCHIM, "stride": VOWEL,
    "strides": VOWEL, "kernel": RIEUL, "filters": VOWEL, "units": VOWEL, "rate": VOWEL, "model": RIEUL,
    "layer": VOWEL, "layers": VOWEL, "history": VOWEL, "fit": BATCHIM, "compile": RIEUL,
    "evaluate": VOWEL, "predict": VOWEL, "summary": VOWEL, "optimizer": VOWEL, "adam": BATCHIM,
    "loss": VOWEL, "accuracy": VOWEL, "metric": BATCHIM, "metrics": VOWEL, "epoch": VOWEL,
    "epochs": VOWEL, "batch": VOWEL, "size": VOWEL, "assign": BATCHIM, "add": VOWEL, "matmul": RIEUL,
    "zeros": VOWEL, "ones": VOWEL, "fill": RIEUL, "info": VOWEL, "eager": VOWEL, "sequential": RIEUL,
    "keras": VOWEL, "tensorflow": VOWEL, "python": BATCHIM, "py": VOWEL, "ipynb": VOWEL,
    "notebook": VOWEL, "none": BATCHIM, "true": VOWEL, "false": VOWEL, "return": BATCHIM,
    "train": BATCHIM, "test": VOWEL, "label": RIEUL, "labels": VOWEL, "image": VOWEL, "images": VOWEL,
    "data": VOWEL, "split": BATCHIM, "sparse": VOWEL, "categorical": RIEUL, "crossentropy": VOWEL,
    "entropy": VOWEL, "error": VOWEL, "exception": BATCHIM, "check": VOWEL, "grade": VOWEL,
    "submit": BATCHIM, "zip": BATCHIM, "json": BATCHIM, "html": RIEUL, "csv": VOWEL, "tf": VOWEL,
    "np": VOWEL, "cnn": BATCHIM, "rnn": BATCHIM, "gan": BATCHIM, "gpu": VOWEL, "cpu": VOWEL,
    "mnist": VOWEL, "id": VOWEL, "width": VOWEL, "height": VOWEL, "channels": VOWEL, "axis": VOWEL,
    "convert": VOWEL, "to": VOWEL, "info()": VOWEL, "x": VOWEL, "y": VOWEL, "n": BATCHIM,
    "float": VOWEL, "int": VOWEL, "bool": RIEUL, "string": BATCHIM, "dict": VOWEL,
    "tuple": RIEUL, "rank": VOWEL, "device": VOWEL, "colab": BATCHIM, "jupyterlab": BATCHIM,
    "import": VOWEL, "print": VOWEL, "def": VOWEL, "self": VOWEL, "conv": VOWEL, "pool": RIEUL,
    "lecture": VOWEL, "params": VOWEL, "weights": VOWEL, "bias": VOWEL, "callback": BATCHIM,
}
"""Common code and English words as a Korean reader says them (tensor 텐서, dtype 디타입, kernel 커널)."""
SPELLINGS = ((re.compile(r"(ing|ong|ang)$"), BATCHIM), (re.compile(r"(tion|sion|ne|n|m|me)$"), BATCHIM),
             (re.compile(r"(le|el|al|il|ol|ul|ll|l)$"), RIEUL), (re.compile(r"(er|or|ar|y|ey|ie|a|o|u|i|ce|se|ze|ge|s)$"), VOWEL))
"""Spellings whose reading is reliable, tried in order, for a word not in :data:`READINGS`."""

def hangul_ending(syllable: str) -> str | None:
    """The ending of one Hangul syllable: its batchim from the code point (ㄹ is 8)."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return None
    final = code % 28
    return VOWEL if final == 0 else RIEUL if final == 8 else BATCHIM


def word_ending(word: str) -> str | None:
    """How a code or English word (or number) ends when read aloud; ``None`` when unsure."""
    word = word.strip("`'\"()[]{}.,:; ")
    if not word:
        return None
    if "{" in word or "}" in word:
        return None
    number = re.search(r"[0-9][0-9,]*$", word)
    if number and not re.search(r"[A-Za-z]$", word):
        digits = number.group(0).replace(",", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        if digits.strip("0") == "":
            return BATCHIM  # 영
        return POWERS.get(min(zeros, 4)) if zeros else DIGITS[digits[-1]]
    token = re.search(r"[A-Za-z]+$", word)
    if token is None:
        return None
    last = token.group(0)
    if last.isupper():
        if last in ("MNIST",):
            return VOWEL  # 엠니스트
        if last in ("GAN", "Adam"):
            return BATCHIM
        return LETTERS[last[-1]]
    lower = last.lower()
    if lower in READINGS:
        return READINGS[lower]
    whole = word.split(".")[-1].lower()
    if whole in READINGS:
        return READINGS[whole]
    camel = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", last)
    if len(camel) > 1 and camel[-1].lower() in READINGS:
        return READINGS[camel[-1].lower()]
    if len(camel) > 1 and camel[-1].isupper():
        return LETTERS[camel[-1][-1]]
    for pattern, ending in SPELLINGS:
        if pattern.search(lower):
            return ending
    return None


PARTICLE_SYLLABLES = {"은", "는", "이", "가", "을", "를", "과", "와", "으로", "으", "로"}
"""The particles below and their syllables: words the chooser attaches, not sentences (the i18n test reads them)."""
PAIRS = {"은": ("은", "는"), "는": ("은", "는"), "이": ("이", "가"), "가": ("이", "가"), "을": ("을", "를"),
         "를": ("을", "를"), "과": ("과", "와"), "와": ("과", "와"), "으로": ("으로", "로"), "로": ("으로", "로")}
DOUBLE = {("은", "는"): "은(는)", ("이", "가"): "이(가)", ("을", "를"): "을(를)", ("과", "와"): "과(와)",
          ("으로", "로"): "(으)로"}


def ending(word: str) -> str | None:
    """How ``word`` (Hangul, code, English or a number) ends when read aloud; ``None`` when unsure."""
    core = word.strip().rstrip("`'\"")
    if core and 0xAC00 <= ord(core[-1]) <= 0xD7A3:  # a Hangul syllable
        return hangul_ending(core[-1])
    call = re.match(r"^(.*?[A-Za-z_][A-Za-z0-9_]*)\(.*\)$", core.lstrip("`'\""))
    return word_ending(call.group(1) if call else core)


def particle(word: str, which: str) -> str:
    """``word`` with the particle ``which`` (either of its pair: ``"은"`` or ``"는"``) that agrees with
    its final sound: ``particle("y_train", "는")`` is ``"y_train은"``; the double form where unsure."""
    first, second = PAIRS[which]
    end = ending(word)
    if end is None:
        return word + DOUBLE[(first, second)]
    if first == "으로":
        return word + ("로" if end in (VOWEL, RIEUL) else "으로")
    return word + (second if end == VOWEL else first)
