"""Speaker patterns: reporting verbs and the regular expressions that find who is quoted.

The patterns run on two windows of text around each quote: `before` (from the start of the
sentence holding the opening mark up to that mark) and `after` (from the closing mark to the end
of the sentence that follows it). All return the speaker's offset inside the window, so the
caller can map it back to body offsets.

Letters are read as Latin-script ones (`transforms.latin`): the same matches on English news, at a
fraction of the compile cost Polars pays for each pattern on every call.
"""

from __future__ import annotations

import polars as pl

from transforms.latin import latin
from transforms.reporting_verbs import verb_forms
from transforms.word_lists import words

# Reporting verbs: these with their forms written out (irregular, or phrasal); the lists below are
# inflected by lemminflect's tables (`reporting_verbs.verb_forms`) once, at import.
_VERB_STEMS: dict[str, list[str]] = words()["verbs"]["irregular"]
_REGULAR: list[str] = words()["verbs"]["regular"]


# Verbs whose present form is more often a noun ("challenges", "remarks", "secretary of state"): past and
# -ing only.
_PAST_ONLY: list[str] = words()["verbs"]["past_only"]

CUE_WORDS: list[str] = sorted(
    {f for forms in _VERB_STEMS.values() for f in forms}
    | {f for v in _PAST_ONLY for f in verb_forms(v) if f.endswith(("ed", "ing"))}
    | {f for v in _REGULAR for f in verb_forms(v)}
    | {"went on", "pointed out", "points out", "called", "calls", "called it", "put it", "puts it", "states"}
    # British spelling: `Stephen Pound labelled the schemes “a pile of pants”`
    | {"labelled", "labelling"}
    # `Trump has used the phrase “Islamic terrorism”`: the words are his
    | {f"{v} the {n}" for v in ("used", "uses", "using") for n in ("phrase", "term", "word", "words", "expression")},
    key=len,
    reverse=True,
)
_CUE = "(?:" + "|".join(w.replace(" ", r"\s+") for w in CUE_WORDS) + r")(?-u:\b)"
# a reporting verb anywhere, but not inside a compound ("so-called", "well-said")
CUE_ANYWHERE = latin(rf"(?:^|[^\w\-]){_CUE}")
# ... and the first one, captured: the `cue` of a speaker found by a sentence's subject
FIRST_CUE = latin(rf"(?:^|[^\w\-])({_CUE})")
# A word that is a reporting verb on its own (not the noun after a name that a pattern took for
# the sentence's verb: `The Clinton campaign …`, `Other leaders …`).
# (a list, read with `is_in`: a hash look-up, where a regex alternation of them costs a compile per call)
CUE_WORD = [w for w in CUE_WORDS if " " not in w]
# Adverbs and auxiliaries between a subject and its verb (`Nadal afterwards said`, `The foreign
# secretary meanwhile said`); an adverb in -ly is lower-case (`Ms Kelly said`, `Megyn Kelly said`).
_ADVERBS = latin(
    r"[a-z]\w*ly|also|then|later|again|once|still|further|often|never|always|had|has|have|would|will|was|is|"
    r"earlier|meanwhile|afterwards?"
)
_ADV = rf"(?:(?:{_ADVERBS})\s+){{0,2}}"

# One word of a name or noun phrase: no sentence punctuation, but abbreviations (Sen., U.S.) allowed.
_WORD = r"[^\s,;:!?“”\"(){}\[\]—–]+"
# (at least one word after a determiner: `the report stated`, not `the` with the noun `report` as verb)
_DETERMINERS = r"(?:the|a|an|his|her|their|its|this|that|these|those|our|my|your)"
_NP = rf"(?:(?i:{_DETERMINERS})\s+{_WORD}(?:\s+{_WORD}){{0,6}}?|{_WORD}(?:\s+{_WORD}){{0,7}}?)"
# A function word alone names no one (`reads a Wednesday editorial` cut before its day).
# (`From said`: Al From) (`the so called “…”` is the adjective so-called)
NOT_A_SPEAKER = rf"^(?:(?i:{_DETERMINERS})|of|in|on|at|to|for|with|by|from|and|or|but|(?:(?i:the|a|an)\s+)?(?i:so)-?)$"
# Words that a clause, not a noun phrase, opens or ends with: `after the Sanders interview` (concluded),
# `the courts that they should` (add), `the Trump campaign has yet` (said), `two weeks ago` (said);
# the end in lower case only: `Labour MSP Christine May` said.
NOT_A_SPEAKER_PHRASE = (
    r"^(?i:after|before|when|while|whilst|during|since|because|although|though|if|unless|until|once|with|"
    r"without|referring|said|says)\s"
    r"|\s(?:should|would|could|will|can|must|might|may|shall|to|yet|not|never|ago)$"
    # a subject of `be` is spoken about (`it has been` claimed, `France were` deemed), and a possessive
    # ends no noun phrase (`Mourinho had his` say, complaining)
    r"|\s(?:is|are|was|were|be|been|being|his|her|their|its|my|our|your)$"
)
# A preposition right before a name: its object, not a subject (`the shooting of Keith Lamont Scott`),
# unless a capitalised word before it makes it part of a name or title (`Secretary of Defense Leon Panetta`).
# (`with` is left out: `with Maria Hutchings saying` opens an absolute clause, whose subject speaks)
_PREPOSITIONS = (
    "of|about|against|at|in|into|on|onto|over|around|near|toward|towards|to|from|for|by|after|"
    "before|under|like|than|between|through|across|behind|outside|inside|within|without|upon"
)
PREPOSITION_BEFORE = latin(
    r"(?:^|[^\w\s’'.\-]\s*|(?:^|[^\w’'.\-])[\p{Ll}\d][\w’'\-]*\s+)"
    rf"(?:{_PREPOSITIONS})\s+$"
)
# Participles that name a thing (`a group called “…”`) as well as report words.
NAMING_VERBS = ["called", "dubbed", "named", "titled", "nicknamed", "labelled", "labeled", "branded"]
# The verb of the clause `according to X` opens (see `clean_source`).
ACCORDING_TAIL = r"\s+(?:is|are|was|were)(?:\s.*)?$"
# Words after the subject that are not part of it: a perfect's auxiliary (`The Tories have already`
# accused) and a time (`Clinton on Monday` ripped into Sanders).
TRAILING_NOT_SUBJECT = latin(
    r"\s+(?:has|have|had)(?:\s+(?:already|long|also|now|just|since|recently|\w+ly))?$"
    r"|\s+(?:on|last|this|earlier|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month"
    r"|year|night|morning|afternoon|evening)$"
)
# A conjunction before a name or a noun phrase is cut off it (`however Bonham` noted).
LEADING_CONJUNCTION = latin(
    r"^((?i:however|meanwhile|but|and|yet|instead|still),?\s+)(?:\p{Lu}|(?i:the|a|an|his|her|their|its)\s)"
)
# `(D-Md.)`, `, the senator,`, `, the attorney general of Oklahoma, one of the states suing the EPA,`
_APPOSITIVE = (
    r"(?:\s*\([^()]{1,40}\))?"
    r"(?:,\s+(?:the|a|an)\s[^,;:!?“”\"]{1,90}?,[^,;:!?“”\"]{1,90}?,|,[^,;:!?“”\"]{1,90}?,)?"
)
_LEAD = r"[\s,.;:!?—–\-]*"

# After the quote: `, said Trump` / `, Trump said` / `, Sean Spicer, the press secretary, said`.
_CUE_FINITE = "(?:" + "|".join(w.replace(" ", r"\s+") for w in CUE_WORDS if not w.endswith("ing")) + r")(?-u:\b)"
# Verbs whose object is a person or thing spoken about: after them comes no inverted speaker
# (`, criticized her state’s gun laws` is not `, said her spokesman`).
_TRANSITIVE: list[str] = words()["verbs"]["transitive"]
_TRANSITIVE_FORMS = {f for v in _TRANSITIVE for f in verb_forms(v)} | {
    f for v in ("call", "refer") for f in _VERB_STEMS[v]
}
_CUE_INVERTIBLE = (
    "(?:"
    + "|".join(w.replace(" ", r"\s+") for w in CUE_WORDS if not w.endswith("ing") and w not in _TRANSITIVE_FORMS)
    + r")(?-u:\b)"
)
AFTER_CUE_FIRST = rf"^({_LEAD})({_CUE_INVERTIBLE})(\s+)((?:{_WORD})(?:\s+{_WORD}){{0,8}})"
# Words that open no speaker after an inverted verb (`,” spoke on Friday`, `,” said in a statement`).
NOT_A_SPEAKER_START = (
    r"^(?i:on|in|at|to|for|with|from|by|about|after|before|during|of|that|this|last|next|up|out)(?-u:\b)"
)
AFTER_SUBJECT_FIRST = rf"^({_LEAD}(?:(?i:and|but|as)\s+)?)({_NP})({_APPOSITIVE}\s+{_ADV})({_CUE})"
# `” according to CNN.` right after the quote.
AFTER_ACCORDING = rf"^([\s,.]*(?i:according\s+to|per)\s+)((?:{_WORD})(?:\s+{_WORD}){{0,8}})"
# A sentence ending `…, according to X.` : X is the source of the quotes in it that name no other.
AFTER_ACCORDING_END = (
    rf"^([^“”\"]*?,\s*(?i:according\s+to)\s+)((?:{_WORD})(?:\s+{_WORD}){{0,12}}?)(?:\s*\([^()]{{1,40}}\))?\s*[.!?]?\s*$"
)
# After a quote that ends on a comma any past-tense verb attributes it: `,” an angry Hollande retaliated`.
AFTER_SUBJECT_ANY_VERB = rf"^({_LEAD})({_NP})({_APPOSITIVE}\s+{_ADV})([a-z]+ed)(?-u:\b)"
# A sentence after a closed quote that only attributes it: `” Trump said in an interview with CNN.`,
# not `” Trump said Monday that he …` (a new statement of the writer's).
ATTRIBUTION_TAIL = r"^[^“”\";]{0,100}$"
ATTRIBUTION_ADVERBIAL = latin(
    r"^\s*(?:[.,!?;:)]|$|(?:in|on|at|to|during|after|before|while|when|as|last|this|earlier|later|yesterday|today|"
    r"tonight|recently|via|through|with|from|of|about|afterward|afterwards|again|too|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|\w+ly)(?-u:\b))"
)
# Verbs whose object is the listener: `Trump told reporters.`
TAKES_LISTENER = ["told", "tells", "asked", "asks", "assured", "assures", "reassured", "warned", "warns", "urged"]
TAKES_LISTENER += ["urges", "reminded", "reminds"]
ATTRIBUTION_NOT_TAIL = (
    r"(?i)(?-u:\b)(?:that|whether|it|he|she|they|we|you|i|his|her|their|would|will|was|is|had|has)(?-u:\b)"
)
# The writer's sentence runs on after the quote and ends on its attribution:
# `” about the decision, said RoseAnn DeMoro, …` / `” and against the law, Clinton said.`
AFTER_END_CUE_FIRST = rf"^([^“”\"]*?,\s+)({_CUE_INVERTIBLE})(\s+)((?:{_WORD})(?:\s+{_WORD}){{0,8}})"
AFTER_END_SUBJECT_FIRST = rf"^([^“”\"]*?,\s+)({_NP})({_APPOSITIVE}\s+{_ADV})({_CUE_FINITE})([^“”\";]{{0,80}})$"
# A passive reporting verb before the quote and its agent after it:
# `has been called “strategic ambiguity” by Joshua Hendrick`.
BEFORE_PASSIVE = rf"(?-u:\b)(?i:was|were|been|is|are|be|being)\s+{_ADV}({_CUE_FINITE})[^“”\".!?]*$"
AFTER_BY = rf"^([.,]?\s*by\s+)((?:{_WORD})(?:\s+{_WORD}){{0,8}})"
# Before the quote: `Trump said: ` / `Trump told reporters on Monday, ` / `Lammy demanded that Putin accept a `.
# The greedy head makes the reporting verb the last one before the mark.
BEFORE_CUE = rf"^(.*\S)\s+{_ADV}({_CUE})([^“”\"]*)$"
# A reporting clause ending right before a participle (`…,” Cruz said, adding`): its subject.
PARTICIPLE_AFTER_CLAUSE = rf"^(.*[,”\"]\s*|)({_NP})({_APPOSITIVE}\s+{_ADV})(?:{_CUE_FINITE})(?:\s[^,“”\"]{{0,50}})?,$"
# A verb taking the reporting verb as its complement: `He went on to say`, `she began by saying`.
CATENATIVE = latin(
    r"\s+(?:(?:went|goes|go)\s+on\s+to"
    r"|(?:began|begins|started|starts|ended|ends|opened|opens|closed|closes|responded|responds|continued|continues"
    r"|concluded|concludes)\s+by"
    r"|(?:began|begins|started|starts|continued|continues|tried|tries|decided|decides|proceeded|wanted|wants"
    r"|took\s+to\s+[\w\-]+\s+to|(?:was|were|is|are)\s+quick)\s+to"
    r"|made\s+a\s+point\s+of)$"
)
# Before a reporting verb: a form of `be` makes `-ing` finite (`It’s denouncing`) and `-ed` passive.
PROGRESSIVE_AUX = latin(r"(?i)(?:[’']s|(?-u:\b)(?:is|are|was|were|been|be|am|’re|'re))(?:\s+\w+ly)?\s*$")
# ... and so does a name of its own before it in an absolute `with` clause or a recording
# (`, with Gorka noting …`, `footage of Trump saying`): the name, not the sentence's subject, speaks.
OWN_SUBJECT_ING = latin(
    r"(?:^|\s)(?:with|(?:footage|video|clip|audio|recording|tape)\s+of)\s+"
    r"(?:\p{Lu}[\w’'.\-]*\s+){0,3}\p{Lu}[\w’'.\-]*(?:\s+\p{Ll}+ly)?\s*$"
)
PASSIVE_AUX = latin(
    r"(?i)(?:[’'](?:m|re)|(?-u:\b)(?:is|are|was|were|been|be|being|am))"
    r"(?:\s+(?:\w+ly|always|often|never|also|still))?\s*$"
)
# For a partial quote the outermost reporting clause wins: `Clinton says she appreciated what she calls a “…”`.
BEFORE_CUE_FIRST = rf"^(.*?\S)\s+{_ADV}({_CUE})(.*)$"
# The sentence before a quote that opens its own, ending on its reporting clause:
# `…, he said in an interview. “…”` / `Sam Lau said in a statement. “…”`.
LEAD_IN_CUE = rf"^(.*?\S)\s+{_ADV}({_CUE_FINITE})((?:\s[^“”\"]{{0,80}})?)[.:]\s*$"
# ... the same with the words after the verb (group 3) unbounded: it finds the same match wherever
# they are 81 characters or fewer, at a tenth of the cost (a bounded repeat multiplies the states of
# the automaton that tests a match); `attribution.captures` runs LEAD_IN_CUE itself on the rest
LEAD_IN_CUE_ANY_TAIL = rf"^(.*?\S)\s+{_ADV}({_CUE_FINITE})((?:\s[^“”\"]*)?)[.:]\s*$"
LEAD_IN_TAIL_CHARS = 81
# ... whose verb is passive (`the hearing he was formally called to.`): it names no speaker.
# (read after the clause's subject: `_ADV` may hold the `was`)
LEAD_IN_PASSIVE = latin(rf"^\s+(?:\w+ly\s+)?(?i:was|is)\s+(?:\w+ly\s+)?{_CUE_FINITE}")
# A relative clause closes on a comma and the main verb follows: `…, tweeted that`, `…, clearly intended`.
CLAUSE_CLOSED = latin(r"^[^“”\"]*,\s+(?:\w+ly\s+)?[a-z]+(?:ed|s)\s")
# A subordinate clause opening the sentence, whose verb is not the sentence's reporting verb.
OPENING_CLAUSE = (
    r"^\s*(?i:after|while|when|because|before|since|although|though|if|once|until|whenever|in|on|at|during|amid"
    r"|despite)\s[^,“”\"]*,\s*"
)
BEFORE_ACCORDING = latin(rf"^(.*?(?:^|\W)(?i:according\s+to|per)\s+)((?:{_WORD})(?:\s+{_WORD}){{0,8}})\s*[,:]?\s*$")
# A sentence opening `According to X, …`: X is the source of the words quoted in it, unless a
# reporting verb of its own names another.
BEFORE_ACCORDING_LEAD = rf"^(\s*(?i:according\s+to)\s+)((?:{_WORD})(?:\s+{_WORD}){{0,8}}?)\s*,"

# The subject opening a sentence (after an introductory phrase) and its verb: who a partial
# quote further on belongs to ("Cruz called Trump a “pathological liar”").
_CAPS = latin(r"(?:(?:\p{Lu}[\w’'.\-]*|de|van|von|bin|al|of)\s+){0,5}\p{Lu}[\w’'.\-]*")
_CAPS_LAZY = latin(r"(?:(?:\p{Lu}[\w’'.\-]*|de|van|von|bin|al)\s+){0,4}?\p{Lu}[\w’'.\-]*")
SENTENCE_SUBJECT = latin(
    rf"^((?:[^,“”\"]*,\s+)?(?:(?:Then|And|But|So|Yet|Still|Later|Now|Instead|Also|Meanwhile|Finally)\s+)?)"
    rf"((?i:he|she|they|we)|I|{_CAPS})({_APPOSITIVE}\s+{_ADV})([a-z]\w+)"
)
_WORD_LC = latin(r"[a-z][\w\-]*")
# A speaker found after its quote opens with a name, a pronoun or a determiner, not "when Clinton".
SPEAKER_START = latin(
    r"^(?:\p{Lu}|(?:he|she|they|we|it|who|the|a|an|one|another|his|her|their|its|my|our|this|these|some|two|three|"
    r"several|many|"
    r"both|all|most|other|others|officials|sources|critics|supporters|experts|analysts|aides)(?-u:\b))"
)
# ... or with lower-case words describing a named person (`former congressman Dan Maffei`), as long
# as they do not open a clause of the writer's (`when Clinton`, `as Trump`).
SPEAKER_DESCRIBED = latin(r"^(?:[a-z][\w\-]*\s+){1,4}\p{Lu}")
SPEAKER_NOT_DESCRIBED = (
    r"^(?:when|as|because|if|after|before|while|since|until|though|although|where|that|which|what|how|why|so|"
    r"than|once|even|only|just|then|and|but|or|for|in|on|at|to|of|with|by|from|like|unlike|whether)\s"
)

# Words describing a person before their name, lower-case in a sentence: `Former Arizona governor Jan
# Brewer`, `Wolves chief executive Jez Moxey`.
ROLE_WORDS = "|".join(words()["names"]["role_words"])

# A name introducing the quote with a colon and no verb: `Republican pollster Daron Shaw: “…”`.
# The label stands alone: nothing before it but the sentence's start, or a closed sentence/quote
# (not `McConnell delivered a blunt message to Trump: “…”`).
# (a body or place may open the description: `Blackburn boss Mark Hughes: "…"`, not `More from Jones: “…”`)
BEFORE_NAME_COLON = (
    rf"^((?:.*[.!?:;—–\-”\"\]]\s+)?)((?:{_CAPS}\s+(?:(?:{ROLE_WORDS})\s+){{1,3}}|(?:{_WORD_LC}\s+){{0,3}}){_CAPS})"
    r"\s*:\s*$"
)
# The verb before its subject, at the sentence's start: `Said Dorothy Poynter, who …, “` / `Continued Stone: “`.
BEFORE_INVERTED = rf"^(\s*(?:(?:And|But|Then)\s+)?)((?i:{_CUE_FINITE}))(\s+)({_CAPS})(?:\s*,[^“”\"]*|\s*:)?\s*$"
# Headline form `Speaker: ‘quote’`.
HEADLINE_SPEAKER = r"^(\s*)([^:“”\"‘]{2,80}?):\s*$"
# ... and its topic, not part of the speaker: `Gillibrand on Hillary Releasing Her Speeches: ‘…’`.
HEADLINE_TOPIC = r"\s+(?:on|On)\s.*$"
# A transcript line inside the marks: `"PENCE: Well, look, …`.
TRANSCRIPT_LABEL = latin(r"^(\p{Lu}[\p{Lu}.’'\-]+(?:\s\p{Lu}[\p{Lu}.’'\-]+){0,2}):\s")
NOT_TRANSCRIPT_LABEL = (
    r"^(?:VIDEO|AUDIO|UPDATE|EXCLUSIVE|BREAKING|WATCH|NOTE|EDITOR’S NOTE|EDITOR'S NOTE|PHOTOS?|READ|RELATED|Q|A)$"
)
# Elsewhere in a headline: `Sanders: Clinton needs to ‘…’` / `Christie Calls Clinton ‘…’` (title case).
HEADLINE_LABEL = latin(r"^(\s*)(\p{Lu}[^:“”\"‘’\s]*(?:\s+[^:“”\"‘’\s]+){0,3}):\s")
HEADLINE_SUBJECT = rf"^(\s*)({_CAPS_LAZY})\s+{_ADV}((?i:{_CUE_FINITE}))\s"
# A byline-style attribution after the quote: `” ― Karen Bobadilla`.
AFTER_DASH = rf"^([.,]?\s*[―—–]\s*)({_CAPS})"
# ... or on a line of its own after the quote's paragraph: `- Bernie Sanders.`
DASH_LINE = rf"^(\s*[―—–\-]\s*)({_CAPS})[.,]?\s*$"
# Words that end no speaker: a reporting verb after them is a noun ("their report", "the demands").
# A reporting verb coordinated with an earlier one shares its subject: `he laughed and said`.
COORDINATED = r"\s(?:and|but|then|and then)$"
# The words between the two halves of an interrupted quote: `,” she said, `.
INTERRUPTED = rf"[”\"]\s*(?:[^“”\"]{{1,60}}\s)?{_CUE_FINITE}[^“”\"]{{0,40}},\s*$"
# One span holding its own attribution between marks of the other kind (`“…," Trump said. "…”`,
# the curly pair around the whole): 1 = the words up to the inner closing mark, 2 = the clause
# after it, up to the inner opening mark or the end of the span (read with the `AFTER_*` patterns).
# (the clause may be long: `“…," said retired Army Lt. Gen. Mick Bednarek, who served as … 2015. "…”`)
INNER_ATTRIBUTION = r"^([^“”\"]*?[,?!][”\"])(\s[^“”\"]{1,200}?[.,]\s*)(?:[“\"]|$)"
# A passive auxiliary makes the subject the one spoken about ("has been called"); after `and` or
# `but` a verb shares the sentence's subject (`… about the costume but argued: “…”`).
FUNCTION_WORDS = (
    r"(?i)(?:^|\s)(?:the|a|an|his|her|their|its|our|my|your|to|of|for|and|but|or|in|on|at|by|with|that|this|these|"
    r"those|from|as|about|been|was|were|being|be|is|are)$"
)
# The same two tests with adverbs before the verb aside (`out of the car and repeatedly says`).
_ADV_TAIL = rf"(?:\s+(?:{_ADVERBS}))*$"
FUNCTION_WORDS_ADV = FUNCTION_WORDS[:-1] + _ADV_TAIL
COORDINATED_ADV = COORDINATED[:-1] + _ADV_TAIL
# A possessor before a reporting verb makes it a noun ("denounced Trump's remarks as “…”"); the
# possessor speaks only when the noun's "that" introduces the quote ("Trump's claim that “…”").
POSSESSOR = r"\S[’']s?$"
# A reporting verb's bare form after a determiner and up to two words is a noun: `sent out a
# fundraising call`, `an email to supporters`, `the last claim`, `launched into a lament` (but
# not after a plural or an auxiliary: `the protesters call`, `the media would call`).
BASE_CUE = sorted({*_VERB_STEMS, *_REGULAR})
DETERMINER_PHRASE = latin(rf"(?i)(?:^|\s)({_DETERMINERS}(?:\s+[\w\-]+){{0,2}})$")
NOT_A_NOUN_PHRASE = latin(r"(?i)\s(?:would|will|can|could|should|may|might|must|do|does|did|to|\w+ly|\w+s)(?:\s|$)")
NOUN_THAT = r"^\s+that\s"
# A speaker opening with a determiner or a number: a noun phrase, whose head comes last.
DETERMINED = r"^(?i:a|an|the|one|another|this|that|these|those|some|two|three|several|many|his|her|their|its)\s"
# A lower-case word right after a person's name inside a speaker is a noun the name describes
# (`a Trump supporter`, `one Clinton aide`), unless it is one of these.
WORD_AFTER_NAME = r"^\s([a-z][a-z\-]*)"
NOT_A_NOUN_AFTER_NAME = [
    "himself",
    "herself",
    "themselves",
    "who",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "to",
    "as",
    "the",
    "a",
    "an",
    "de",
    "van",
    "von",
    "da",
    "bin",
    "al",
    "jr",
    "sr",
]
# A speaker written as someone's something: `Gowdy’s office`, `Rubio’s deputy campaign manager`.
POSSESSOR_OF = latin(r"\w[’']s?\s+\w")
# The head a speaker found after `of`/`for`/`from` belongs to, from the start of its clause:
# `Attorneys for [Clinton]`, `The senator from [Vermont]`, `75 percent of [Republicans]`,
# `Secretary of [State John Kerry]` (a `\n` marks the paragraph's start).
HEAD_OF = latin(r"(?:\n|[,;:.!?”\"—–(]\s+)((?:[\w’'\-]+\s+){0,3}?([\w’'\-]+)\s+(?:of|for|from)\s+)$")
# ... not a verb's participle or an adjective (`renowned for`, `proud of`)
NOT_A_HEAD = r"(?:ed|ing|ous|ful|ive|able|ible|ent|ant)$"
# ... nor a clause with its verb before the head (`The ad uses footage of`)
VERB_BEFORE_HEAD = latin(
    r"(?:^|\s)(?:[a-z][\w\-]*(?:[a-rt-z]s|ed)|is|was|are|were|has|had|have|said|do|does|did|think|\w+[’']s|"
    r"(?i:as|with|in|on|at|to|by|if|when|while|because|there|what|who|which|that))\s+(?:[\w’'\-]+\s+)*?"
    r"[\w’'\-]+\s+(?:of|for|from)\s+$"
)
# Who speaks for a possessor: a speaker written `Trump’s` is `Trump’s campaign`, `Santilli's
# attorney`, `Gowdy’s office`, `One of Grayson’s former supporters` (not Trump himself).
POSSESSED_AGENT = (
    r"^(\s+(?:(?:eldest|youngest|former|longtime|top|senior|chief|press|communications|campaign|public|defense|"
    r"legal|personal|deputy|general)\s+){0,2}"
    r"(?:campaigns?|camp|team|office|staff|attorneys?|lawyers?|spokes(?:man|woman|person)|spokesmen|aides?|"
    r"advis[eo]rs?|manager|counsel|administration|daughter|son|wife|husband|brother|sister|father|mother|"
    r"representatives?|allies|supporters|friends?|relatives|family|parents|children))(?-u:\b)"
)

# A subject is the tail of the text before a verb, matched on the reversed text: a run of
# capitalised words (a name with its title), a pronoun, or a noun phrase from its determiner.
PRONOUNS: list[str] = words()["pronouns"]["subject"]
_REV_PRONOUN = r"(?:" + "|".join(p[::-1] for p in PRONOUNS) + r")(?:\s|$)"
_REV_CAPS = latin(r"(?:[^\s,;:!?“”\"()]*\p{Lu}(?:\s+|$))+")  # reversed capitalised words end in a capital
_REV_DET_NP = r"[^,;:!?“”\"()]*?\s(?i:eht|a|na|eno|rehtona|sih|reh|rieht|sti|emos|ynam|lareves|owt|eerht)(?:\s|$)"
# (reversed) an appositive between subject and verb, with a state after a place and an age before it:
# `Cory James, 22, of Flint, Mich., said`, `Clinton, during a town hall in Columbus, Ohio, said`
_REV_APPOSITIVE = latin(
    r"(?:(?:,(?:[\w.’']*\p{Lu}\s+){1,2},[\w.’']*\p{Lu}[^,]{0,90}?|,[^,]{1,90}?),\s*(?:\d{1,3}\s*,\s*)?)?"
)
# (reversed) a name with two appositives, the first opening with an article:
# `Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Council, said`
_REV_TWO_APPOSITIVES = r",[^,]{1,90}?,[^,]{0,90}?\s(?:eht|a|na)\s*,\s*"
# groups 1-2: a name before two appositives; 3-4: a subject before at most one
REV_SUBJECT = (
    rf"^(?:({_REV_TWO_APPOSITIVES})({_REV_CAPS})"
    rf"|({_REV_APPOSITIVE}(?:\)[^()]{{1,40}}\(\s*)?)((?i:{_REV_PRONOUN})|{_REV_CAPS}|{_REV_DET_NP}))"
)

# Leading words that are not part of a speaker's name ("Yesterday Trump said").
_NOT_NAME_WORDS: list[str] = words()["names"]["not_name"]
_ARTICLES = ["The", "A", "An"]
NOT_NAME = r"^(?:(?:" + "|".join(_NOT_NAME_WORDS + _ARTICLES) + r")(?:\s+|$))+"
# ... the same, an article kept (it opens a noun phrase: `The bureau’s director`)
NOT_NAME_KEEP_ARTICLE = r"^(?:(?:" + "|".join(_NOT_NAME_WORDS) + r")(?:\s+|$))+"
# Trailing words after a speaker that follows its verb (`said Trump in a statement`).
_TAIL_WORDS = (
    r"in|on|at|during|after|before|while|when|as|who|which|told|adding|to|from|last|this|earlier|later|"
    r"yesterday|today|tonight|recently|afterwards?|and|but|referring|speaking|pointing|noting|via|through|with"
)
_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_TAIL = rf"\s+(?:{_TAIL_WORDS}|{_DAYS})(?-u:\b).*$"
# (a day right after a determiner describes the noun: `reads a Wednesday editorial in …`)
_TAIL_NOT_DAYS = rf"\s+(?:{_TAIL_WORDS})(?-u:\b).*$"


# Between a subject and its verb: adverbs and auxiliaries, and a time or place phrase
# (`Trump at the time said`, `who has in the past described`).
_TRAILING_PP = latin(
    r"(?:\s+(?:at|in|on|during|over)\s+(?:the|a|an|his|her|its|their)(?:\s+[\w’'\-]+){1,2}"
    r"|\s+(?:on|last|this|earlier|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month"
    r"|year|night|morning|afternoon|evening)"
    r"|\s+(?:in|since|by)\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+)?(?:1[89]|20)\d\d)?"
)
TRAILING_ADV = rf"(?:\s+(?:{_ADVERBS}))*{_TRAILING_PP}(?:\s+(?:{_ADVERBS}))*\s*$"


def subject_before(q: pl.LazyFrame, text: str, out: str) -> pl.LazyFrame:
    """Add struct column `out` {gap, subject}: the subject at the end of column `text` and how
    many characters follow it (null subject where none). Each regex runs once, in its own stage:
    an expression repeated inside when/then would run again."""
    core, m = f"_{out}_core", f"_{out}_m"
    q = q.with_columns(pl.col(text).str.replace(TRAILING_ADV, "").alias(core))
    q = q.with_columns(pl.col(core).str.reverse().str.extract_groups(REV_SUBJECT).alias(m))
    trailing = pl.col(text).str.len_chars() - pl.col(core).str.len_chars()

    def field(i: int) -> pl.Expr:
        return pl.col(m).struct.field(str(i))

    skip = pl.coalesce(field(1), field(3)).str.len_chars()
    subj = pl.coalesce(field(2), field(4)).str.strip_chars().str.reverse()
    # a bare "It" is a subject ("It added, …": a company, a report); before a name it is not
    # (an article opening a noun phrase is part of it: `The bureau’s director`, not `bureau’s director`)
    subj = pl.when(subj == "It").then(subj).otherwise(subj.str.replace(NOT_NAME_KEEP_ARTICLE, ""))
    q = q.with_columns(pl.struct(gap=(trailing + skip.fill_null(0)).cast(pl.Int64), subject=subj).alias(out))
    subject = pl.col(out).struct.field("subject")
    # (an empty subject is none)
    found = pl.col(out).struct.with_fields(subject=pl.when(subject.str.len_chars() > 0).then(subject))
    return q.with_columns(found.alias(out)).drop(core, m)


def clean_speaker(np: pl.Expr) -> pl.Expr:
    """A noun phrase found after its verb, cut at the first clause or time adverbial."""
    cut = np.str.replace(_TAIL, "")
    cut = pl.when(cut.str.contains(NOT_A_SPEAKER)).then(np.str.replace(_TAIL_NOT_DAYS, "")).otherwise(cut)
    return cut.str.replace(r"[\s.,]+$", "").str.replace(r"^(?i:and|but)\s+", "")


def clean_source(np: pl.Expr) -> pl.Expr:
    """The source after `according to`, cut as `clean_speaker` cuts and before the verb of the clause
    it opens (`according to analyst Carolina Milanesi is “seldom strong”`)."""
    return clean_speaker(np).str.replace(ACCORDING_TAIL, "")


# A preposition inside a speaker: the name after it is not who speaks (`the director behind JFK`).
PREPOSITION_IN_SPEAKER = rf"(?:^|\s)(?:{_PREPOSITIONS}|with)\s"
# What may follow a name that heads its speaker: a post-nominal (`Andrew Tyrie MP`), a stop.
AFTER_HEAD_NAME = r"^(?:,?\s+(?:MP|MEP|MSP|AM|QC|KC|Jr\.?|Sr\.?|II|III))?[\s,.;:\-—–]*$"

# Someone who speaks without a name: `A Conservative spokeswoman said`, `A spokesman for the
# Information Commissioner's Office told`, `His wife said`, `The prime minister's official
# spokesman said` (`the` only before a spokesman: `the woman`, `the official` point back to
# someone named). A `he` or `she` after them is theirs, not a person named before them.
_FEMALE_HEADS = "|".join(words()["unnamed"]["female"])
_MALE_HEADS = "|".join(words()["unnamed"]["male"])
_EITHER_HEADS = "|".join(words()["unnamed"]["either"])
UNNAMED_HEAD_GENDER = {
    **{h: "female" for h in _FEMALE_HEADS.split("|")},
    **{h: "male" for h in _MALE_HEADS.split("|")},
}
# (groups: the head after `a`/`his`…, the head after `the`)
_UNNAMED = (
    rf"(?:(?i:an?|one|another|his|her|their)\s+(?:[\w’'.\-]+\s+){{0,4}}?({_FEMALE_HEADS}|{_MALE_HEADS}|{_EITHER_HEADS})"
    r"|(?i:the)\s+(?:[\w’'.\-]+\s+){0,4}?(spokes(?:wo)?man|spokesperson))"
)
_WHOSE = r"(?:\s+(?:for|of|at|from|in)\s+[^,;:“”\"]{1,60}?)?"
# ... opening a sentence with their verb: group 1 runs to the end of the description, group 4 is
# a name apposed to it (`A spokeswoman, Jane Smith, said`: then she is named after all) ...
UNNAMED_SUBJECT = latin(
    rf"^((?:[\"”’]\s*)?(?:(?i:but|and|however|meanwhile|later),?\s+)?{_UNNAMED}{_WHOSE})"
    rf"(,[^,;“”\"]{{1,60}},)?\s+{_ADV}{_CUE_FINITE}"
)
# ... or as the whole of a quote's speaker (`"…," a spokeswoman said`; not `the network's spokesman Scott Grogin`)
UNNAMED_SPEAKER = latin(rf"^(){_UNNAMED}{_WHOSE}$")
