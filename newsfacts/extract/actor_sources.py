"""Actor mentions that spaCy's entities do not make: the curated lexicon's groups and bodies
(lexicons/actors.toml), a country's or people's adjective before a force noun ('Iraqi army',
'Kurdish forces', 'Kenyan government'), and names defined with an acronym in brackets ('Save the
Children (STC)'), then the acronym alone."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfacts.extract.actor_groups import Mention
from newsfacts.extract.actor_not_names import not_an_actor
from newsfacts.extract.common import doc_text
from newsfacts.extract.names import Lexicon, alternation, is_acronym, known, norm, type_from_cues


def lexicon_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    text = doc_text(doc)
    out = []
    for m in lex.pattern.finditer(text):
        surface = m.group(0)
        entry = known(lex, surface)
        if entry is None:
            continue
        particle = re.split(r"[-\s]", surface, maxsplit=1)[0].lower() in lex.words["name_particles"]
        if not is_acronym(surface) and not (surface[0].isupper() or particle):  # 'al-Shabab', not 'is'
            continue
        if entry.country and _after_capitalised_word(text, m.start(), lex):
            continue  # 'Latin America', 'New South Wales'
        out.append(Mention(m.start(), m.end(), entry.canonical, entry.type, "lexicon", entry.country))
    return out


def _after_capitalised_word(text: str, start: int, lex: Lexicon) -> bool:
    before = text[max(0, start - 30) : start]
    word = re.search(r"([A-Za-z]+) $", before)
    if not word or not word.group(1)[0].isupper():
        return False
    ahead = before[: word.start()].rstrip(" \t")
    return (
        bool(ahead)
        and ahead[-1] not in '.!?\n"“:'
        and word.group(1).lower() not in lex.words["clause_openers"]
    )


def _force_pattern(lex: Lexicon) -> re.Pattern:
    cached = getattr(lex, "_force_re", None)
    if cached is not None:
        return cached
    adjectives = set(lex.demonyms) | set(lex.forces["groups"])
    names = set(lex.countries.values()) | {a for a in _country_aliases(lex) if not a.islower()}
    nouns = [*lex.forces["nouns"], *lex.forces["branches"], "government"]
    alt = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
    # the thousand adjectives and names as one trie-factored alternation (longest first, as a
    # flat one would be, but not tried branch by branch at every position of the text)
    owner = (
        "(?:"
        + alternation(adjectives, case_sensitive=True)
        + "|(?:"
        + alternation(names, case_sensitive=True)
        + r")(?:'s|’s)?)"
    )
    # one space or tab between the words: a name never runs across a line break
    pattern = re.compile(
        r"(?<![\w-])(" + owner + r")[ \t]+(?i:(" + alt.replace(r"\ ", "[ \t]+") + r"))(?![\w-])"
    )
    object.__setattr__(lex, "_force_re", pattern)
    return pattern


def _country_aliases(lex: Lexicon) -> set[str]:
    return {a for a, k in lex.acronyms.items() if k.country} | set(lex.words["short_country_names"])


def _country_of_owner(lex: Lexicon, owner: str) -> str | None:
    owner = re.sub(r"['’]s$", "", owner)
    if owner in lex.demonyms:
        return lex.demonyms[owner]
    if owner in lex.acronyms and lex.acronyms[owner].country:
        return lex.acronyms[owner].country
    return lex.country_names.get(norm(owner))


def force_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    out = []
    branches = {k.lower(): v for k, v in lex.forces["branches"].items()}
    groups = lex.forces["groups"]
    for m in _force_pattern(lex).finditer(doc_text(doc)):
        owner, noun = m.group(1), re.sub(r"\s+", " ", m.group(2).lower())
        start = m.start()
        if owner in groups:
            canonical = groups[owner] if noun not in branches else f"{owner} {branches[noun]}"
            out.append(Mention(start, m.end(), canonical, "security_force", "force"))
            continue
        code = _country_of_owner(lex, owner)
        if code is None or code not in lex.countries:
            continue
        if noun == "government":
            out.append(Mention(start, m.end(), lex.countries[code], "government", "force"))
            continue
        adjective = demonym(lex, code)
        if noun in branches:
            canonical = f"{adjective} {branches[noun]}"
        else:
            canonical = lex.forces["national"].get(code) or f"{adjective} security forces"
        out.append(Mention(start, m.end(), canonical, "security_force", "force"))
    return out


def demonym(lex: Lexicon, code: str) -> str:
    cache = getattr(lex, "_demonym_of", None)
    if cache is None:
        cache = {}
        for adjective, c in lex.demonyms.items():
            if adjective[0].isupper() and not is_acronym(adjective):
                cache.setdefault(c, adjective)
        object.__setattr__(lex, "_demonym_of", cache)
    return cache.get(code) or lex.countries[code]


_DEFINITION = re.compile(r"[\(\[]\s*([A-Z][A-Za-z.&\-]{1,9})\s*[\)\]]")


def acronym_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """'Save the Children (STC)' defines STC; every later 'STC' is that actor."""
    text = doc_text(doc)
    out = []
    for m in _DEFINITION.finditer(text):
        acronym = m.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        name_start, name = _name_before(text, m.start(), acronym, lex)
        if not name:
            continue
        entry = known(lex, name) or known(lex, acronym)
        if entry is not None:
            canonical, actor_type, country = entry.canonical, entry.type, entry.country
        else:
            canonical, actor_type, country = name, type_from_cues(lex, name), None
        if country or not_an_actor(lex, name.split()):
            continue  # a country's code in brackets, or 'Millennium Development Goals (MDGs)'
        out.append(Mention(name_start, name_start + len(name), canonical, actor_type, "acronym"))
        for use in re.finditer(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", text):
            out.append(Mention(use.start(), use.end(), canonical, actor_type, "acronym"))
    return out


def _name_before(text: str, bracket: int, acronym: str, lex: Lexicon) -> tuple[int, str]:
    """The shortest run of name words before the bracket whose initials spell the acronym, on
    the bracket's line."""
    line_start = text.rfind("\n", 0, bracket) + 1
    offset = max(line_start, bracket - 120)
    words = list(re.finditer(r"[\w'’\-]+", text[offset:bracket]))
    connectors = lex.words["connectors"]
    run: list[re.Match[str]] = []
    for w in reversed(words):
        token = w.group(0)
        gap = text[offset + w.end() : (offset + run[0].start()) if run else bracket]
        if gap.strip():
            break
        if token[0].isupper() or (token.lower() in connectors and run):
            run.insert(0, w)
        else:
            break
    letters = [c.lower() for c in acronym if c.isalpha()]
    for i in range(len(run) - 1, -1, -1):
        names = [w.group(0) for w in run[i:]]
        if names[0].lower() in connectors or names[0][0].lower() != letters[0]:
            continue
        capitalised = [w for w in names if w[0].isupper()]
        # initials in order ('STC'), or letters of the words in order ('AMISOM')
        if len(capitalised) <= len(letters) + 1 and (
            _subsequence(letters, [w[0].lower() for w in names])
            or _subsequence(letters, list(" ".join(names).lower()))
        ):
            start = offset + run[i].start()
            return start, text[start : offset + run[-1].end()]
    return 0, ""


def _subsequence(letters: list[str], pool: list[str]) -> bool:
    it = iter(pool)
    return all(any(c == i for i in it) for c in letters)
