"""Reported-speech rules over spaCy's dependency parse of one sentence (`transforms.reported`).

Each rule's `find(doc, tok, lexicon)` looks at one token: None when the rule does not apply to it
(the next rule is tried), else the reports it makes there, each (content start, content end,
speaker span, cue, rule name, lemma, relation), possibly none. The first rule that applies to a
token is the only one that does (`reported.statement_candidates`).
"""

from __future__ import annotations

from typing import Any

from transforms.attribution.rule import Rule
from transforms.quote_parse import _phrase, _subject

Report = tuple[int, int, Any, str, str, str, str]

# what a content may not open or close with (`that` opens a complement, it is not reported)
_LEAD = ("that",)
TRIM = " \t\n,;:—–-."
# a statement reports at least this many words
MIN_WORDS = 3
# clausal complements of a reporting verb
_COMPLEMENT = ("ccomp",)
# a reporting verb the parser hung off the clause it reports (`The plan will fail, Smith said.`)
_HUNG = ("parataxis",)
# what ends a clause reported before its reporting clause: `…, Smith said`, `…,” Smith said`
_CLAUSE_END = frozenset({",", "”", '"', "’", "''", "—", "--"})
# a lexicon word in these relations is a noun or a modifier, not a reporting verb
_NOT_A_VERB = ("amod", "compound", "nsubj", "nsubjpass", "dobj", "pobj")
# what a verb says of its object after it: a predicate (`oprd`), an infinitive, a clause
_OF_OBJECT = ("dobj", "oprd", "xcomp", "ccomp", "acomp")
# what a reporting verb without a subject of its own may hang from, up to the verb whose subject
# speaks: `…, saying …` (advcl), `by telling …` (pcomp under a preposition), `went on CNN to declare`
_CLIMB = ("advcl", "pcomp", "prep", "xcomp", "conj")


def _ends_clause(doc, last: int) -> bool:
    """True when the clause ending at token `last` is set off from what follows by a comma or a dash."""
    return last + 1 < len(doc) and doc[last + 1].text in _CLAUSE_END


def trimmed(doc, first: int, last: int) -> tuple[int, int] | None:
    """Character offsets of tokens first..last of `doc`, without a leading `that` and trailing
    punctuation; None when fewer than MIN_WORDS words are left."""
    while first <= last and (doc[first].lower_ in _LEAD or doc[first].is_punct and doc[first].text not in '“"‘'):
        first += 1
    while last >= first and doc[last].is_punct and doc[last].text not in '”"’':
        last -= 1
    if last - first + 1 < MIN_WORDS:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    text = doc.text[start:end].rstrip(TRIM)
    # quoted words closing the content keep their closing mark (`was “rigged against working people.”`)
    for opening, closing in (("“", "”"), ("‘", "’")):
        if text.count(opening) > text.count(closing):
            close = doc.text.find(closing, start + len(text), start + len(text) + 3)
            if close >= 0:
                return start, close + 1
    return start, start + len(text)


def _reporter(tok):
    """The subject who speaks through `tok`: its own or its head's (`_subject`), else the subject
    of the verb it hangs from through a participle, a preposition or an infinitive (three steps)."""
    subject = _subject(tok)
    node = tok
    for _ in range(3):
        if subject is not None or node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        node = node.head
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    return subject


def _speaking(tok, lexicon: dict[str, str]):
    """(lemma, subject) when `tok` is a reporting verb with someone speaking through it, else None."""
    lemma = lexicon.get(tok.lower_)
    if lemma is None or tok.dep_ in _NOT_A_VERB:
        return None
    subject = _reporter(tok)
    return None if subject is None else (lemma, subject)


def _object_content(doc, tok) -> tuple[str, int, int] | None:
    """(relation, first, last token) of what a verb reports when it takes no clause: its object, with
    the infinitive that follows it (`urged the party to drop …`), an infinitive (`promised to …`) or
    a preposition's object (`called for a ban`, `talked about the deal`)."""
    kids = {c.dep_: c for c in tok.children if c.i > tok.i}
    if "dobj" in kids:
        obj = kids["dobj"]
        # with what is said of the object: `called the program “worse than amnesty”`, `urged the party to …`
        last = max(c.right_edge.i for c in tok.children if c.i >= obj.i and c.dep_ in _OF_OBJECT)
        return "dobj", obj.left_edge.i, last
    if "xcomp" in kids:
        return "xcomp", kids["xcomp"].left_edge.i, kids["xcomp"].right_edge.i
    prep = kids.get("prep")
    if prep is None:
        return None
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return None if pobj is None else (f"prep:{prep.lower_}", pobj.left_edge.i, pobj.right_edge.i)


def _according_to(doc, tok, lexicon: dict[str, str]) -> list[Report] | None:
    if not (tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"):
        return None
    source = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
    if source is None:
        return []
    phrase = (tok.i, source.right_edge.i)
    # the clause beside the phrase: the longer side of the sentence, the phrase left out
    left, right = (0, phrase[0] - 1), (phrase[1] + 1, len(doc) - 1)
    side = max((left, right), key=lambda s: s[1] - s[0])
    span = trimmed(doc, *side) if side[1] >= side[0] else None
    speaker = doc[source.left_edge.i : source.right_edge.i + 1]
    return [(*span, speaker, "according to", "according-to", "according to", "source")] if span else []


def _colon(doc, tok, lexicon: dict[str, str]) -> list[Report] | None:
    speaking = _speaking(tok, lexicon)
    if speaking is None:
        return None
    lemma, subject = speaking
    if not (tok.i + 2 < len(doc) and doc[tok.i + 1].text == ":" and subject.i < tok.i):
        return None
    # what follows the colon is reported, to the end of the paragraph (see quotes._reported)
    span = trimmed(doc, tok.i + 2, len(doc) - 1)
    return [(*span, _phrase(subject), tok.text, "cue-before-colon", lemma, "colon")] if span else []


def _complement(doc, tok, lexicon: dict[str, str], after: bool) -> list[Report] | None:
    """A clausal complement after the verb (`after`) or before it, set off by a comma or a dash."""
    speaking = _speaking(tok, lexicon)
    comp = [c for c in tok.children if c.dep_ in _COMPLEMENT] if speaking else []
    if not comp or (comp[0].i > tok.i) != after:
        return None
    lemma, subject = speaking
    clause = comp[0]
    if clause.left_edge.i <= subject.i <= clause.right_edge.i or (
        not after and not _ends_clause(doc, clause.right_edge.i)
    ):
        return []
    last = clause.right_edge.i
    if after and not any(t.lower_ in lexicon or t.lower_ == "according" for t in doc[last + 1 :]):
        # the statement runs on to the end of its sentence (`that Clinton was “careless” … and in
        # the normal course would face …`): what the parse hung elsewhere is still reported
        last = len(doc) - 1
    span = trimmed(doc, clause.left_edge.i, last)
    rule = "cue-before-clause" if after else "clause-before-cue"
    return [(*span, _phrase(subject), tok.text, rule, lemma, "ccomp")] if span else []


def _cue_before_clause(doc, tok, lexicon: dict[str, str]) -> list[Report] | None:
    return _complement(doc, tok, lexicon, after=True)


def _clause_before_cue(doc, tok, lexicon: dict[str, str]) -> list[Report] | None:
    found = _complement(doc, tok, lexicon, after=False)
    if found is not None:
        return found
    speaking = _speaking(tok, lexicon)
    if speaking is None or any(c.dep_ in _COMPLEMENT for c in tok.children):
        return None
    lemma, subject = speaking
    if not (tok.dep_ in _HUNG and tok.head.i < tok.i and subject.i > tok.head.i):
        return None
    # `The plan will fail, Smith said`: the clause before the reporting clause, which the parser hung it off
    first = tok.head.left_edge.i
    last = min(tok.left_edge.i, subject.left_edge.i) - 1
    span = trimmed(doc, first, last) if _ends_clause(doc, last) or doc[last].text in _CLAUSE_END else None
    return [(*span, _phrase(subject), tok.text, "clause-before-cue", lemma, "ccomp")] if span else []


def _cue_inside_clause(doc, tok, lexicon: dict[str, str]) -> list[Report] | None:
    speaking = _speaking(tok, lexicon)
    if speaking is None or any(c.dep_ in _COMPLEMENT for c in tok.children):
        return None
    lemma, subject = speaking
    if not (
        tok.dep_ in _HUNG
        and tok.head.i > tok.i
        and subject.left_edge.i > 0
        and doc[min(subject.left_edge.i, tok.i) - 1].text in _CLAUSE_END
    ):
        return None
    # `The hashtag, he said, was even more popular`: the clause around the reporting clause
    span = trimmed(doc, tok.head.left_edge.i, tok.head.right_edge.i)
    return [(*span, _phrase(subject), tok.text, "cue-inside-clause", lemma, "ccomp")] if span else []


def _cue_before_object(doc, tok, lexicon: dict[str, str]) -> list[Report] | None:
    speaking = _speaking(tok, lexicon)
    if speaking is None:
        return None
    lemma, subject = speaking
    found = _object_content(doc, tok) if subject.i < tok.i else None
    if found is None:
        return None
    relation, first, last = found
    span = trimmed(doc, first, last)
    if span and not (span[0] <= subject.idx < span[1]):
        return [(*span, _phrase(subject), tok.text, "cue-before-object", lemma, relation)]
    return []


_DEP = "dependency relations of spaCy's parse: "
RULES = (
    Rule(
        "according-to",
        10,
        "parse",
        example="According to the police report, the driver fled the scene on foot.",
        speaker="the police report",
        patterns=(_DEP + "`according` `to` → pobj (the source); the longer side of the sentence is reported",),
        find=_according_to,
    ),
    Rule(
        "cue-before-colon",
        20,
        "parse",
        example="The mayor added: the bridge will reopen in May after the repairs.",
        speaker="The mayor",
        patterns=(_DEP + "nsubj ← VERB, then `:`; what follows the colon, to the paragraph's end",),
        find=_colon,
    ),
    Rule(
        "cue-before-clause",
        30,
        "parse",
        example="Maria Lopez said that the bridge would reopen in May.",
        speaker="Maria Lopez",
        patterns=(_DEP + "nsubj ← VERB → ccomp after it, to the end of the sentence",),
        find=_cue_before_clause,
    ),
    Rule(
        "clause-before-cue",
        40,
        "parse",
        example="The bridge will reopen in May, Maria Lopez said.",
        speaker="Maria Lopez",
        patterns=(_DEP + "VERB → ccomp before it, or clause ← parataxis VERB; set off by a comma or a dash",),
        find=_clause_before_cue,
    ),
    Rule(
        "cue-inside-clause",
        50,
        "parse",
        example="The bridge, Maria Lopez said, will reopen in May.",
        speaker="Maria Lopez",
        patterns=(_DEP + "clause ← parataxis VERB inside it, between commas",),
        find=_cue_inside_clause,
    ),
    Rule(
        "cue-before-object",
        60,
        "parse",
        example="The council urged residents to avoid the bridge until May.",
        speaker="The council",
        patterns=(
            _DEP + "nsubj ← VERB → dobj (+ what is said of it), xcomp or prep → pobj; frames in reporting_frames.tsv",
        ),
        find=_cue_before_object,
    ),
)
