"""How text becomes search terms: English, case- and accent-folded, British and American
spellings meeting, Snowball-stemmed (so "run" finds "running", unlike Porter's "runn")."""
import re

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

# American -> British, applied to every token at index and query time, so both spellings meet.
_IZE = re.compile(r"(?<=.{3})(i|y)z(e|ed|es|ing|ation|ations|er|ers|able)$")
_OUR_WORDS = {
    "color": "colour", "colors": "colours", "colored": "coloured", "behavior": "behaviour",
    "behaviors": "behaviours", "favor": "favour", "favorite": "favourite", "honor": "honour",
    "labor": "labour", "neighbor": "neighbour", "neighbors": "neighbours", "center": "centre",
    "centers": "centres", "catalog": "catalogue", "program": "programme", "programs": "programmes",
    "license": "licence", "defense": "defence", "offense": "offence", "traveled": "travelled",
    "traveling": "travelling", "traveler": "traveller", "canceled": "cancelled", "canceling": "cancelling",
    "enrollment": "enrolment", "fulfill": "fulfil", "judgment": "judgement", "aging": "ageing",
    "analyze": "analyse", "analyzed": "analysed", "paralyze": "paralyse", "gray": "grey",
}


class BritishSpellingFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if text in _OUR_WORDS:
                token.text = _OUR_WORDS[text]
            elif len(text) >= 7 and "z" in text:
                token.text = _IZE.sub(lambda m: ("i" if m.group(1) == "i" else "y") + "s" + m.group(2), text)
            yield token


def english_analyzer():
    """Tokens -> lower case -> no accents -> British spelling -> no stop words -> Snowball stems."""
    # Whoosh's default token pattern keeps "*" inside words (for its wildcard syntax): "booking*"
    # would be a word of its own that no article contains. A star is punctuation here.
    return (RegexTokenizer(r"\w+(\.?\w+)*") | LowercaseFilter() | CharsetFilter(accent_map) | BritishSpellingFilter()
            | StopFilter(lang="en") | StemFilter(lang="en", cachesize=100_000))


def spelling_analyzer():
    """Whole words (folded, not stemmed): the vocabulary "Did you mean" suggests from."""
    return RegexTokenizer(r"[^\W\d_]{3,}") | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(lang="en")
