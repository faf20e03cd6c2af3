#!/usr/bin/python3
"""Writes words.csv, the word/language table NetStudio's text tests and `./bench text` use.

The words are real: a seeded sample of Debian's word lists (packages wamerican, wfrench,
wngerman, witalian, wspanish, which install /usr/share/dict/american-english, french, ngerman,
italian and spanish). Each word is lower-cased and kept when it is 3 to 14 letters long (accents
included; no digits, apostrophes or hyphens), starts lower-case in its list (so names are left
out, except German nouns, which are all capitalised), and appears in one list only (a word that
two languages share could not be told apart). The rows are shuffled.

  apt-get install wamerican wfrench wngerman witalian wspanish
  /usr/bin/python3 engine-bridge/src/test/python/make_words.py \
      > engine-bridge/src/test/resources/org/netstudio/engine/data/words.csv
"""
import random
import sys

LISTS = {"en": "american-english", "fr": "french", "de": "ngerman", "it": "italian", "es": "spanish"}
PER_LANGUAGE = 2000


def words(path, keep_capitals):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if not w or not w.isalpha() or not (3 <= len(w) <= 14):
                continue
            if w[0].isupper() and not keep_capitals:
                continue
            out.add(w.lower())
    return out


def main():
    found = {lang: words("/usr/share/dict/" + name, lang == "de") for lang, name in LISTS.items()}
    seen = {}
    for ws in found.values():
        for w in ws:
            seen[w] = seen.get(w, 0) + 1
    rng = random.Random(1)
    rows = []
    for lang in LISTS:
        only = sorted(w for w in found[lang] if seen[w] == 1)
        rows += [(w, lang) for w in rng.sample(only, PER_LANGUAGE)]
    rng.shuffle(rows)
    out = sys.stdout
    out.write("word,language\n")
    for w, lang in rows:
        out.write(w + "," + lang + "\n")


if __name__ == "__main__":
    main()
