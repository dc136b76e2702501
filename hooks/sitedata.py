"""Load and validate the site's fact data (data/*.yml).

Not a hook itself: the hooks import it. Pure functions, no MkDocs imports, so
the unit tests can feed it bad input directly.

Three files, each a flat mapping of ids:

* data/sources.yml   - where a fact comes from: url, publisher, kind, checked
* data/facts.yml     - general facts (law, dates, limits) used in the guide prose
* data/carriers.yml  - one entry per carrier: names, aliases, facts, contacts

Every fact names one or more sources and a confidence level. The checked date
of a fact is the newest `checked` date of its sources. A fact without a source
must say `confidence: unknown` (we looked and found nothing reliable).

Beyond the shape of each entry, the data as a whole must hold together:
no duplicate ids (hookutil.load_yaml refuses them), real dates, `checked` not
after the build's reference date nor before `published`, no alias shared by
two carriers, no source that nothing cites, and zh texts in Chinese, en texts
without Chinese characters.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hookutil
import reproducible  # a hook module; only its git helper (commit_time) is used here

LANGS = ("zh", "en")
# Ordered weakest to strongest. `unknown` = no reliable source found.
CONFIDENCE = ("unknown", "secondary", "news", "official")
SOURCE_KINDS = ("secondary", "news", "official")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s<>\"]*$")
# Russian numbers as readers dial them: short codes (0890, 611, *111#) or
# full numbers written "8 800 250-08-90" / "+7 495 766-01-66".
PHONE_FULL_RE = re.compile(r"^(\+7|8) \d{3} \d{3}-\d{2}-\d{2}$")
PHONE_SHORT_RE = re.compile(r"^\d{3,4}$")
CONTACT_KINDS = ("short", "tollfree", "abroad", "chat")
CARRIER_KINDS = ("mno", "mvno", "other")

# The fields a carrier's `facts` mapping may hold, in card order.
CARRIER_FACT_FIELDS = (
    "abroad",          # can I cancel from abroad?
    "in_person",       # what to bring to a salon
    "proxy",           # what a representative needs
    "refund",          # where the balance goes
    "inactivity",      # what happens if I do nothing (the phone numbers follow it on the card)
    "remote",          # app / chat / phone / Gosuslugi routes
    "debt",            # debt rule before termination
    "voluntary_block", # pausing the number
    "esim",            # eSIM notes
    "foreigners",      # notes for foreign customers
)
CARRIER_FIELDS = {
    "names": True, "aliases": True, "kind": True, "network": False,
    "facts": True, "contacts": True, "urls": True, "brand": False,
}


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What must not appear in an English text: Han, kana, Hangul, CJK and full-width punctuation.
CJK_RE = re.compile(r"[\u2e80-\u2fff\u3000-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
# The caller's own SOURCE_DATE_EPOCH, read before hooks/reproducible.py sets one in the build.
_CALLER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")


class DataError(ValueError):
    """Bad data. The message names the file, the entry and the field."""


@dataclass
class Fact:
    id: str
    text: dict[str, str]
    confidence: str
    sources: list[str]
    file: str
    value: Any = None
    carrier: str | None = None      # a carrier's own statement: only on that carrier's page
    searched: list[str] = field(default_factory=list)  # where we looked without finding it
    act: str | None = None          # the act (an `act.*` fact) a legal statement comes from
    sides: list[dict] = field(default_factory=list)    # sources that disagree, each with its own text
    act_in: str = "text"            # "sources": a value read inside a sentence (a date, an age, a limit);
    #                                 its act is named in the page's source list, not after the value


@dataclass
class SiteData:
    sources: dict[str, dict] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    carriers: dict[str, dict] = field(default_factory=dict)
    root: Path | None = None

    def checked(self, source_ids: list[str]) -> str | None:
        dates = [self.sources[s]["checked"] for s in source_ids]
        return max(dates) if dates else None

    def fact_sources(self, fact_id: str) -> list[str]:
        """Every source a fact rests on: its own and those of its sides."""
        fact = self.facts[fact_id]
        out = list(fact.sources)
        for side in fact.sides:
            out += [s for s in side["sources"] if s not in out]
        return out

    def fact_evidence(self, fact_id: str) -> list[str]:
        """The pages behind a fact's check date: its sources, or for an unknown fact the
        pages we searched."""
        return self.fact_sources(fact_id) or list(self.facts[fact_id].searched)

    def checked_range(self, groups) -> tuple[str, str] | None:
        """(oldest, newest) over the newest `checked` date of each group of source ids
        (one group per fact on a page): the "facts last checked" line."""
        dates = [self.checked(g) for g in groups if g]
        return (min(dates), max(dates)) if dates else None


# ---------------------------------------------------------------- helpers

def _fail(file: str, where: str, problem: str) -> None:
    raise DataError(f"{file}: {where}: {problem}")


def _name(path: Path) -> str:
    """data/x.yml for the project's own files (messages stay short), else the path as given."""
    path = Path(path)
    return f"{path.parent.name}/{path.name}" if path.parent.name == "data" else str(path)


def _load_yaml(path: Path) -> dict:
    name = _name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{name}: file not found") from None
    try:
        data = hookutil.load_yaml(text, name, ids=True)
    except hookutil.YamlError as exc:
        raise DataError(str(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError(f"{name}: the top level must be a mapping of ids")
    return data


def _check_keys(file: str, where: str, obj: Any, allowed: dict[str, bool]) -> None:
    if not isinstance(obj, dict):
        _fail(file, where, f"must be a mapping, got {type(obj).__name__}")
    for key in obj:
        if key not in allowed:
            _fail(file, where, f"unknown field '{key}' (allowed: {', '.join(allowed)})")
    for key, required in allowed.items():
        if required and key not in obj:
            _fail(file, where, f"missing field '{key}'")


def _check_text(file: str, where: str, text: Any) -> dict[str, str]:
    """A reader-facing text: a mapping with a non-empty string per language."""
    if not isinstance(text, dict):
        _fail(file, where, "must be a mapping with 'zh' and 'en' texts")
    for lang in text:
        if lang not in LANGS:
            _fail(file, where, f"unknown language '{lang}' (allowed: {', '.join(LANGS)})")
    for lang in LANGS:
        value = text.get(lang)
        if value is not None and not isinstance(value, str):
            _fail(file, where, f"the '{lang}' text must be a string, got {value!r} (put it in quotes)")
        if not value or not value.strip():
            _fail(file, where, f"missing the '{lang}' text")
    if not HAN_RE.search(text["zh"]):
        _fail(file, where, f"the 'zh' text has no Chinese characters, so it looks untranslated "
                           f"({text['zh'][:60]!r})")
    cjk = CJK_RE.search(text["en"])
    if cjk:
        _fail(file, where, f"the 'en' text contains Chinese characters ('{cjk.group()}'): translate them")
    return {lang: text[lang].strip() for lang in LANGS}


def _check_date(file: str, where: str, value: Any) -> str:
    """hookutil.load_yaml keeps dates as text, so an impossible one arrives here."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and DATE_RE.match(value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError as exc:
            _fail(file, where, f"'{value}' is not a real date ({exc})")
    _fail(file, where, f"'{value}' is not a date (write YYYY-MM-DD)")
    return ""  # unreachable


def reference_date(root: Path | None = None) -> _dt.date:
    """The date a source's `checked` may not be after.

    The verdict should depend on the sources, not on the day someone builds them, so
    committed data is judged against the date of the last commit, the same date
    hooks/reproducible.py gives SOURCE_DATE_EPOCH: you cannot have read a page after
    committing the date you read it, and the same commit passes or fails on every
    machine, today or in a year. Data files with uncommitted edits (someone is
    recording a check right now) are judged against today, or a source checked
    today would fail until committed. A SOURCE_DATE_EPOCH the caller set is used
    as given. Callers add one day of slack: `checked` is the editor's local date,
    these are UTC dates, and local time can be up to 14 hours ahead of UTC.
    """
    today = _dt.datetime.now(_dt.timezone.utc).date()
    epoch = _CALLER_EPOCH
    if not epoch and root is not None:
        epoch = reproducible.commit_time(Path(root))
        if epoch:
            files = [f"data/{n}" for n in DATA_FILES]
            try:
                dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", *files],
                                       capture_output=True, text=True, timeout=10, check=True).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                dirty = "unknown"
            if dirty:
                return today
    if epoch and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return today


def _check_sources_ref(data: SiteData, file: str, where: str, entry: dict) -> tuple[list[str], str]:
    sources = entry.get("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list):
        _fail(file, where, "'sources' must be a list of source ids")
    confidence = entry.get("confidence")
    if confidence not in CONFIDENCE:
        _fail(file, where, f"'confidence' must be one of {', '.join(CONFIDENCE)} (got {confidence!r})")
    for sid in sources:
        if sid not in data.sources:
            _fail(file, where, f"unknown source id '{sid}' (define it in data/sources.yml)")
    if not sources and confidence != "unknown":
        _fail(file, where, "no source: every fact needs 'sources' (or 'confidence: unknown' if none was found)")
    if sources and confidence == "unknown":
        _fail(file, where, "confidence 'unknown' but it lists 'sources' as if they supported it: "
                           "move the pages you checked to 'searched', or split the confirmed part into its own fact")
    searched = entry.get("searched", [])
    if not isinstance(searched, list):
        _fail(file, where, "'searched' must be a list of source ids")
    for sid in searched:
        if sid not in data.sources:
            _fail(file, where, f"unknown source id '{sid}' in 'searched' (define it in data/sources.yml)")
    if searched and confidence != "unknown":
        _fail(file, where, "'searched' is only for facts with 'confidence: unknown' (the pages that did not answer)")
    if sources and CONFIDENCE.index(confidence) > CONFIDENCE.index("secondary") and all(
            data.sources[s].get("quality") == "content-farm" for s in sources):
        _fail(file, where, f"confidence '{confidence}' rests on content-farm pages only "
                           "(quality: content-farm in data/sources.yml): find a better source or say 'secondary'")
    if sources:
        best = max(SOURCE_KINDS.index(data.sources[s]["kind"]) for s in sources)
        if CONFIDENCE.index(confidence) > CONFIDENCE.index(SOURCE_KINDS[best]):
            _fail(file, where, f"confidence '{confidence}' is stronger than its best source "
                               f"('{SOURCE_KINDS[best]}')")
    return list(sources), confidence


# ---------------------------------------------------------------- loaders

SOURCE_FIELDS = {"url": True, "publisher": True, "kind": True, "checked": True,
                 "title": False, "published": False, "note": False, "quality": False}
SOURCE_QUALITIES = ("content-farm",)  # SEO pages written to rank, not to inform


def _check_label(file: str, where: str, value: Any) -> dict[str, str]:
    """A source's publisher or title: one string for both languages, or {zh, en}."""
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in LANGS}
    return _check_text(file, where, value)


def load_sources(data: SiteData, path: Path, today: _dt.date | None = None) -> None:
    file = _name(path)
    latest = (today or _dt.datetime.now(_dt.timezone.utc).date()) + _dt.timedelta(days=1)
    for sid, entry in _load_yaml(path).items():
        where = f"source '{sid}'"
        if not isinstance(sid, str) or not ID_RE.match(sid):
            _fail(file, where, "ids use lower-case letters, digits, '.' and '-'")
        _check_keys(file, where, entry, SOURCE_FIELDS)
        if not isinstance(entry["url"], str) or not URL_RE.match(entry["url"]):
            _fail(file, where, f"field 'url': '{entry['url']}' is not an http(s) URL")
        if entry["kind"] not in SOURCE_KINDS:
            _fail(file, where, f"field 'kind' must be one of {', '.join(SOURCE_KINDS)}")
        if "quality" in entry:
            if entry["quality"] not in SOURCE_QUALITIES:
                _fail(file, where, f"field 'quality' must be one of {', '.join(SOURCE_QUALITIES)}")
            if entry["kind"] != "secondary":
                _fail(file, where, "a content-farm page is 'kind: secondary', never news or official")
        entry = dict(entry)
        entry["publisher"] = _check_label(file, f"{where}, field 'publisher'", entry["publisher"])
        if entry.get("title") is not None:
            entry["title"] = _check_label(file, f"{where}, field 'title'", entry["title"])
        entry["checked"] = _check_date(file, f"{where}, field 'checked'", entry["checked"])
        if "published" in entry and entry["published"] is not None:
            pub = entry["published"]
            # a page may show only the month or year it was published: "2025-01", "2016"
            if isinstance(pub, (str, int)) and re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", str(pub)):
                entry["published"] = str(pub)
            else:
                entry["published"] = _check_date(file, f"{where}, field 'published'", pub)
            if entry["checked"] < entry["published"]:
                _fail(file, f"{where}, field 'checked'",
                      f"{entry['checked']} is earlier than 'published' ({entry['published']}): "
                      "a page cannot be read before it was published")
        if entry["checked"] > latest.isoformat():
            _fail(file, f"{where}, field 'checked'",
                  f"{entry['checked']} is in the future (the build's date is {latest - _dt.timedelta(days=1)}): "
                  "write the date you read the page")
        data.sources[sid] = entry


FACT_FIELDS = {"text": True, "confidence": True, "sources": False, "value": False, "note": False,
               "carrier": False, "searched": False, "act": False, "sides": False, "act_in": False}


def _check_sides(data: SiteData, file: str, where: str, entry: dict) -> list[dict]:
    """Reliable sources that disagree: each side says what its sources say, and is shown
    with its sources' dates, so readers see both instead of one picked silently."""
    sides = entry.get("sides", [])
    if not isinstance(sides, list) or len(sides) == 1:
        _fail(file, where, "'sides' must list at least two views, each with zh, en and sources")
    out = []
    for i, side in enumerate(sides):
        swhere = f"{where}, field 'sides[{i}]'"
        _check_keys(file, swhere, side, {"zh": True, "en": True, "sources": True})
        text = _check_text(file, swhere, {k: side[k] for k in LANGS})
        if not isinstance(side["sources"], list) or not side["sources"]:
            _fail(file, swhere, "each side needs its 'sources'")
        for sid in side["sources"]:
            if sid not in data.sources:
                _fail(file, swhere, f"unknown source id '{sid}' (define it in data/sources.yml)")
        out.append({"text": text, "sources": list(side["sources"])})
    return out


def load_facts(data: SiteData, path: Path) -> None:
    file = _name(path)
    for fid, entry in _load_yaml(path).items():
        where = f"fact '{fid}'"
        if not isinstance(fid, str) or not ID_RE.match(fid):
            _fail(file, where, "ids use lower-case letters, digits, '.' and '-'")
        _check_keys(file, where, entry, FACT_FIELDS)
        text = _check_text(file, f"{where}, field 'text'", entry["text"])
        sides = _check_sides(data, file, where, entry) if "sides" in entry else []
        if sides and entry.get("confidence") == "unknown":
            _fail(file, where, "a fact with 'sides' has sources: give it their confidence, not 'unknown'")
        # a fact with sides rests on its sides' sources (shown beside each side)
        checked_as = dict(entry, sources=list(entry.get("sources", [])) + [x for d in sides for x in d["sources"]])
        _, confidence = _check_sources_ref(data, file, where, checked_as)
        sources = list(entry.get("sources", [])) if isinstance(entry.get("sources", []), list) else [entry["sources"]]
        data.facts[fid] = Fact(fid, text, confidence, sources, file, entry.get("value"),
                               carrier=entry.get("carrier"), searched=list(entry.get("searched", [])),
                               act=entry.get("act"), sides=sides, act_in=entry.get("act_in", "text"))


def check_fact_links(data: SiteData) -> None:
    """After all files are loaded: `carrier:` names a carrier whose name the text uses
    (so the statement stays attributed wherever it appears); `act:` names an act fact;
    an official legal statement (`law.*`) names its act."""
    for fid, fact in data.facts.items():
        where = f"fact '{fid}'"
        if fact.carrier is not None:
            carrier = data.carriers.get(fact.carrier)
            if carrier is None:
                _fail(fact.file, where, f"'carrier: {fact.carrier}' is not a carrier in data/carriers.yml")
            names = [*carrier["names"].values(), *carrier["aliases"]]
            for lang in LANGS:
                if not any(n in fact.text[lang] for n in names):
                    _fail(fact.file, where, f"a carrier's statement must name its carrier in its '{lang}' "
                                            f"text (one of: {', '.join(names[:4])})")
        if fact.act is not None and (not fact.act.startswith("act.") or fact.act not in data.facts):
            _fail(fact.file, where, f"'act: {fact.act}' must be the id of an act.* fact in data/facts.yml")
        if fact.act_in not in ("text", "sources") or (fact.act_in == "sources" and fact.act is None):
            _fail(fact.file, where, "'act_in' must be 'text' or 'sources' (where the page names the act), "
                                    "and only on a fact with 'act:'")
        if fid.startswith("act.") and not (isinstance(fact.value, dict) and all(
                isinstance(fact.value.get(lang), str) and fact.value[lang] for lang in LANGS)):
            _fail(fact.file, where, "an act needs 'value: {zh: …, en: …}', the short name shown after "
                                    "the legal statements that cite it")


def legal_statements_without_act(data: SiteData) -> list[str]:
    """Official legal statements (`law.*` facts) that do not say which act they come from.
    Checked by the build on the site's own data (hooks/shortcodes.py)."""
    return [f"{f.file}: fact '{fid}': an official legal statement must say which act it comes from "
            f"('act: act.…', see the act.* facts)"
            for fid, f in data.facts.items()
            if fid.startswith("law.") and f.confidence == "official" and f.act is None]


def carrier_fact_misuse(data: SiteData, src: str, fact_id: str) -> str | None:
    """A carrier's own statement (`carrier:`) may not appear on another carrier's page,
    where readers would take it for that carrier's rule. General pages may use it:
    its text names the carrier. Returns the problem, or None."""
    fact = data.facts[fact_id]
    path = Path(src)
    stem = path.name.split(".")[0]
    if fact.carrier and path.parent.name == "carriers" and stem in data.carriers and stem != fact.carrier:
        return (f"{src}: fact '{fact_id}' is {fact.carrier}'s own statement (carrier: {fact.carrier}); "
                f"use it on docs/carriers/{fact.carrier}.md or a general page, not on {stem}'s page")
    return None


def _check_fact_entry(data: SiteData, file: str, where: str, entry: Any) -> dict:
    _check_keys(file, where, entry, {"zh": True, "en": True, "confidence": True, "sources": False,
                                     "searched": False})
    text = _check_text(file, where, {k: entry[k] for k in LANGS})
    sources, confidence = _check_sources_ref(data, file, where, entry)
    return {"text": text, "confidence": confidence, "sources": sources,
            "searched": list(entry.get("searched", []))}


CONTACT_FIELDS = {"kind": True, "number": True, "note": False, "confidence": True, "sources": False}


def load_carriers(data: SiteData, path: Path) -> None:
    file = _name(path)
    for cid, entry in _load_yaml(path).items():
        where = f"carrier '{cid}'"
        if not isinstance(cid, str) or not ID_RE.match(cid):
            _fail(file, where, "ids use lower-case letters, digits and '-' (they become URLs)")
        _check_keys(file, where, entry, CARRIER_FIELDS)
        names = entry["names"]
        _check_keys(file, f"{where}, field 'names'", names, {"zh": True, "en": True, "ru": True})
        aliases = entry["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            _fail(file, f"{where}, field 'aliases'", "must be a list of names readers may search for")
        if entry["kind"] not in CARRIER_KINDS:
            _fail(file, f"{where}, field 'kind'", f"must be one of {', '.join(CARRIER_KINDS)}")
        out = {"id": cid, "names": names, "aliases": aliases, "kind": entry["kind"],
               "brand": entry.get("brand")}
        if "brand" in entry:
            _check_keys(file, f"{where}, field 'brand'", entry["brand"], {"color": True})
            if not re.match(r"^#[0-9a-fA-F]{6}$", str(entry["brand"]["color"])):
                _fail(file, f"{where}, field 'brand.color'", "must be a #rrggbb colour")
        if "network" in entry:
            out["network"] = _check_fact_entry(data, file, f"{where}, field 'network'", entry["network"])
        facts = entry["facts"]
        if not isinstance(facts, dict):
            _fail(file, f"{where}, field 'facts'", "must be a mapping")
        out["facts"] = {}
        for key, value in facts.items():
            if key not in CARRIER_FACT_FIELDS:
                _fail(file, f"{where}, field 'facts.{key}'",
                      f"unknown field (allowed: {', '.join(CARRIER_FACT_FIELDS)})")
            items = value if isinstance(value, list) else [value]
            out["facts"][key] = [
                _check_fact_entry(data, file, f"{where}, field 'facts.{key}'", item) for item in items
            ]
        for key in ("abroad", "inactivity"):
            if key not in out["facts"]:
                _fail(file, f"{where}, field 'facts'", f"missing field '{key}' (readers always need it)")
        contacts = entry["contacts"]
        if not isinstance(contacts, list):
            _fail(file, f"{where}, field 'contacts'", "must be a list")
        out["contacts"] = []
        for i, contact in enumerate(contacts):
            cwhere = f"{where}, field 'contacts[{i}]'"
            _check_keys(file, cwhere, contact, CONTACT_FIELDS)
            if contact["kind"] not in CONTACT_KINDS:
                _fail(file, cwhere, f"'kind' must be one of {', '.join(CONTACT_KINDS)}")
            number = str(contact["number"])
            ok = (PHONE_SHORT_RE.match(number) if contact["kind"] == "short"
                  else URL_RE.match(number) if contact["kind"] == "chat"
                  else PHONE_FULL_RE.match(number))
            if not ok:
                _fail(file, cwhere, f"'{number}' is not a valid {contact['kind']} number "
                                    "(write '8 800 250-08-90', '+7 495 766-01-66' or a short code like '0890')")
            sources, confidence = _check_sources_ref(data, file, cwhere, contact)
            note = _check_text(file, f"{cwhere}, field 'note'", contact["note"]) if "note" in contact else None
            out["contacts"].append({"kind": contact["kind"], "number": number, "note": note,
                                    "confidence": confidence, "sources": sources})
        urls = entry["urls"]
        if not isinstance(urls, list) or not urls:
            _fail(file, f"{where}, field 'urls'", "must be a non-empty list of official pages")
        out["urls"] = []
        for i, u in enumerate(urls):
            uwhere = f"{where}, field 'urls[{i}]'"
            _check_keys(file, uwhere, u, {"url": True, "zh": True, "en": True})
            if not URL_RE.match(str(u["url"])):
                _fail(file, uwhere, f"'{u['url']}' is not an http(s) URL")
            out["urls"].append({"url": u["url"], "text": _check_text(file, uwhere, {k: u[k] for k in LANGS})})
        data.carriers[cid] = out
    check_aliases(data, file)


def _search_key(name: str) -> str:
    """How search compares names: NFKC (full-width letters), case-folded, '-' and '.' as
    spaces (search splits on them), spaces squeezed: 'Т-Мобайл' and 'т мобайл' are one name."""
    return " ".join(re.sub(r"[-.·]", " ", unicodedata.normalize("NFKC", name).casefold()).split())


def check_aliases(data: SiteData, file: str = "data/carriers.yml") -> None:
    """A name or alias that finds two carriers sends readers to the wrong one."""
    owner: dict[str, tuple[str, str]] = {}
    for cid, carrier in data.carriers.items():
        for name in dict.fromkeys([*carrier["names"].values(), *carrier["aliases"]]):
            key = _search_key(str(name))
            other = owner.setdefault(key, (cid, name))
            if other[0] != cid:
                _fail(file, f"carrier '{cid}', field 'aliases'",
                      f"'{name}' is also a name or alias of carrier '{other[0]}' ('{other[1]}'): "
                      "a search for it must find one carrier")


def cited_sources(data: SiteData) -> set[str]:
    """Every source a fact or carrier entry rests on, including the sides of a disputed fact and
    the pages listed as searched for an unknown one."""
    used = {sid for fid in data.facts for sid in data.fact_evidence(fid)}
    for carrier in data.carriers.values():
        entries = [carrier["network"]] if "network" in carrier else []
        entries += [e for items in carrier["facts"].values() for e in items] + carrier["contacts"]
        for e in entries:
            used.update(e.get("sources", []))
            used.update(e.get("searched", []))
            used.update(sid for side in e.get("sides", []) for sid in side.get("sources", []))
    return used


def check_unused_sources(data: SiteData, file: str = "data/sources.yml") -> None:
    """Sources are cited only through facts and carriers (pages cite facts, not sources)."""
    unused = [sid for sid in data.sources if sid not in cited_sources(data)]
    if unused:
        _fail(file, f"source '{unused[0]}'",
              "no fact or carrier cites it: cite it in data/facts.yml or data/carriers.yml, or remove it"
              + (f" (also unused: {', '.join(unused[1:])})" if unused[1:] else ""))


DATA_FILES = ("sources.yml", "facts.yml", "carriers.yml")


def load(root: Path, today: _dt.date | None = None, allow_unused: bool = False) -> SiteData:
    """Load data/sources.yml, data/facts.yml and data/carriers.yml under root.
    `today`: the reference date for `checked` (default: reference_date(root)).
    `allow_unused`: keep sources no fact cites instead of failing (for `make audit`, which
    lists them, and for tests about something else); the build always refuses them."""
    root = Path(root)
    data = SiteData(root=root)
    load_sources(data, root / "data" / "sources.yml", today or reference_date(root))
    load_facts(data, root / "data" / "facts.yml")
    load_carriers(data, root / "data" / "carriers.yml")
    if not allow_unused:
        check_unused_sources(data)
    check_fact_links(data)
    return data


_loaded: dict = {}


def load_cached(root: Path) -> SiteData:
    """load(), parsed and validated once per change of the data files, so every hook
    (shortcodes, preview images) shares one validated copy in each build."""
    root = Path(root)
    files = [root / "data" / n for n in DATA_FILES]
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())
    if _loaded.get("stamp") != stamp:
        _loaded["data"], _loaded["stamp"] = load(root), stamp
    return _loaded["data"]


def carrier_pages_missing(data: SiteData, docs_dir: Path) -> list[str]:
    """Every carrier needs docs/carriers/<id>.md and docs/carriers/<id>.en.md."""
    missing = []
    for cid in data.carriers:
        for name in (f"{cid}.md", f"{cid}.en.md"):
            if not (Path(docs_dir) / "carriers" / name).is_file():
                missing.append(f"docs/carriers/{name} (carrier '{cid}' in data/carriers.yml has no page)")
    return missing
