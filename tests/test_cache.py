"""Check the cache kept between runs and the split cold check: a warm or split run finds exactly
what a cold one finds, and every input a result depends on (the page, the data, the check date,
the engine's code) invalidates it; a cache file is data that is used only when it verifies, and
holds no absolute path. Every test runs on a copy of the fixture site (tests/fixtures/site)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pathlib
import pickle
import random
import shutil
from pathlib import Path

import pytest

from helpers import fixture_site, run
from hooks.checks.run import check_pages
from hooks.core import cache as cache_module
from hooks.core.cache import Cache
from hooks.core.findings import Finding
from hooks.data.loader import Document, Pos
from hooks.publish import engine

DAY = dt.date(2026, 11, 24)
PAGE = "---\ntitle: Cache note\n---\n\n# Cache note\n\n{body}\n"


def _site(tmp_path: Path, body: str = "Certification bodies issue certificates.") -> Path:
    root = fixture_site(tmp_path / "site")
    (root / "content" / "cache-note.md").write_text(PAGE.format(body=body), "utf-8")
    return root


def _run(root: Path, folder: Path, day: dt.date = DAY) -> tuple[engine.Result, Cache]:
    cache = Cache(folder)
    return engine.run(root, check_date=day, cache=cache), cache


def _view(result: engine.Result) -> list[dict]:
    return [f.__dict__ for f in result.findings]


def _codes(result: engine.Result, name: str = "cache-note.md") -> set[str]:
    return {f.code for f in result.findings.active() if f.file.endswith(name) and f.severity != "info"}


def test_warm_run_finds_what_a_cold_run_finds(tmp_path: Path) -> None:
    """Check that a second run takes the site and every page from the cache and reports the same findings."""
    root = _site(tmp_path, "ISO issues certificates to companies.")
    cold, first = _run(root, tmp_path / "cache")
    assert first.hits == 0 and first.misses > 0
    warm, second = _run(root, tmp_path / "cache")
    assert second.misses == 0
    assert second.hits == 1 + len(warm.pages)  # the site, then each page
    assert _view(warm) == _view(cold)
    uncached = engine.run(root, check_date=DAY, cache=Cache(None))
    assert _view(uncached) == _view(cold)
    assert "role-issuer" in _codes(warm)


def test_editing_one_page_rechecks_that_page_alone(tmp_path: Path) -> None:
    """Check that after one page's prose changes, only that page is checked again, and its new error is found."""
    root = _site(tmp_path)
    first, _ = _run(root, tmp_path / "cache")
    assert "role-issuer" not in _codes(first)
    page = root / "content" / "cache-note.md"
    page.write_text(PAGE.format(body="Our plant was certified by ISO in 2021."), "utf-8")
    second, cache = _run(root, tmp_path / "cache")
    assert cache.misses == 2  # the site (its content changed) and the edited page; every other page hits
    hit = [f for f in second.findings.active() if f.file == "content/cache-note.md" and f.code == "role-issuer"]
    assert [(f.line, f.column) for f in hit] == [(7, 15)]  # at "certified by ISO"


def test_changed_data_invalidates_cached_findings(tmp_path: Path) -> None:
    """Check that a finding that came from data goes away when the data changes, even with a warm cache."""
    root = _site(tmp_path, "Certification is a one-off project.")
    first, _ = _run(root, tmp_path / "cache")
    assert "misconception" in _codes(first)
    myths = root / "data" / "misconceptions.yaml"
    text = myths.read_text("utf-8")
    assert r"\bone[- ](?:time|off)" in text
    myths.write_text(text.replace(r"\bone[- ](?:time|off)", r"\bzz[- ](?:time|off)"), "utf-8")
    second, cache = _run(root, tmp_path / "cache")
    assert cache.hits == 0
    assert "misconception" not in _codes(second)


def test_editing_a_page_in_a_linked_folder_rechecks_it(tmp_path: Path) -> None:
    """Check that a page in a folder linked into content/ (inside the project, so MkDocs publishes it) is part
    of the key: editing it is seen by a warm run, not answered from the cache."""
    root = _site(tmp_path)
    (root / "notes").mkdir()
    linked = root / "notes" / "linked-note.md"
    linked.write_text(PAGE.format(body="Certification bodies issue certificates."), "utf-8")
    (root / "content" / "notes").symlink_to(root / "notes", target_is_directory=True)
    first, _ = _run(root, tmp_path / "cache")
    assert "role-issuer" not in _codes(first, "linked-note.md")
    linked.write_text(PAGE.format(body="Our plant was certified by ISO in 2021."), "utf-8")
    second, _ = _run(root, tmp_path / "cache")
    assert "role-issuer" in _codes(second, "linked-note.md")


def test_check_date_is_part_of_the_key(tmp_path: Path) -> None:
    """Check that the same page, cached, is judged as of each run's own date."""
    root = _site(tmp_path, "We still hold an ISO/IEC 27001:2013 certificate.")
    before, _ = _run(root, tmp_path / "cache", dt.date(2025, 6, 1))
    after, _ = _run(root, tmp_path / "cache", DAY)
    assert "edition-withdrawn" not in _codes(before)
    assert "edition-withdrawn" in _codes(after)


def test_changed_engine_code_invalidates_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check that entries written by other code are never used."""
    root = _site(tmp_path)
    _run(root, tmp_path / "cache")
    _, warm = _run(root, tmp_path / "cache")
    assert warm.hits > 0 and warm.misses == 0  # the same code uses its entries
    monkeypatch.setattr(cache_module, "CODE", "0" * 64)
    _, cache = _run(root, tmp_path / "cache")
    assert cache.hits == 0 and cache.misses > 0


def test_unreadable_cache_is_a_miss(tmp_path: Path) -> None:
    """Check that corrupt cache files are recomputed and replaced, with no error."""
    root = _site(tmp_path, "ISO issues certificates to companies.")
    folder = tmp_path / "cache"
    cold, _ = _run(root, folder)
    for name in ("site.jsonl", "pages.jsonl"):
        (folder / name).write_bytes(b"not a cache file")
    again, cache = _run(root, folder)
    assert cache.hits == 0
    assert _view(again) == _view(cold)
    _, third = _run(root, folder)
    assert third.misses == 0


def test_cli_cache_location_and_no_cache(tmp_path: Path) -> None:
    """Check that the CLI keeps its cache in .cache/pillar/ and that --no-cache writes nothing."""
    root = _site(tmp_path)
    proc = run(["-m", "hooks", "--root", str(root), "--no-cache", "check"], root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (root / ".cache").exists()
    proc = run(["-m", "hooks", "--root", str(root), "check"], root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert {p.name for p in (root / ".cache" / "pillar").iterdir()} == {"site.jsonl", "pages.jsonl"}


def test_check_split_over_processes_finds_what_one_process_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check that the cold check split over forked workers reports exactly the findings of one process."""
    from hooks.checks import run as checks

    root = _site(tmp_path, "ISO issues certificates to companies.")
    serial = engine.run(root, check_date=DAY, cache=Cache(None), workers=1)
    monkeypatch.setattr(checks, "PARALLEL_MIN_PAGES", 1)
    forks: list[int] = []
    split_work = checks.map_chunks

    def recorded(fn, items, processes, **kwargs):  # type: ignore[no-untyped-def]
        forks.append(processes)
        return split_work(fn, items, processes, **kwargs)

    monkeypatch.setattr(checks, "map_chunks", recorded)
    split = engine.run(root, check_date=DAY, cache=Cache(None), workers=3)
    assert forks == [3], "the check was split over three processes"
    assert _view(split) == _view(serial)
    assert "role-issuer" in _codes(split)


def test_the_code_hash_covers_every_layer_of_the_engine(tmp_path: Path) -> None:
    """Check that editing an engine module outside hooks/core/ (a check) changes the code hash every cache key holds."""
    root = fixture_site(tmp_path / "site")
    code = "from hooks.core import cache; print(cache.__file__, cache.CODE)"
    before = run(["-c", code], root).stdout.split()
    assert before and before[0].startswith(str(root)), before
    module = root / "hooks" / "checks" / "run.py"
    module.write_text(module.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert run(["-c", code], root).stdout.split()[1] != before[1]


class _Touch:
    """A pickle that creates a file when it is loaded: what a crafted cache file could do instead."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return pathlib.Path.touch, (self.marker,)


def test_a_crafted_cache_file_is_never_run(tmp_path: Path) -> None:
    """Check that a file that runs code when unpickled, put under every name the cache has used, is a miss and never runs."""
    root = _site(tmp_path, "ISO issues certificates to companies.")
    folder = tmp_path / "cache"
    cold, _ = _run(root, folder)
    marker = tmp_path / "crafted-code-ran"
    crafted = pickle.dumps(_Touch(marker))
    for name in ("site.jsonl", "pages.jsonl", "site.pickle", "pages.pickle"):
        (folder / name).write_bytes(crafted)
    again, cache = _run(root, folder)
    assert not marker.exists()
    assert cache.hits == 0
    assert _view(again) == _view(cold)
    assert {p.name for p in folder.iterdir()} == {"site.jsonl", "pages.jsonl"}  # the old pickles are gone


def _sign(key: str, value: bytes) -> bytes:
    """A cache entry's line, as core/cache.py writes it: its checksum, its key, its value."""
    digest = hashlib.sha256(key.encode() + b"\0" + value).hexdigest()
    return b'["%s","%s",%s]' % (digest.encode(), key.encode(), value)


def _rewrite(folder: Path, value: bytes | None) -> None:
    """Sign every entry of both stores anew, with `value` in place of each (None: its own value)."""
    for name in ("site.jsonl", "pages.jsonl"):
        header, *lines = (folder / name).read_bytes().splitlines()
        entries = [json.loads(line) for line in lines]
        signed = [_sign(key, value if value is not None else json.dumps(old, separators=(",", ":")).encode())
                  for _, key, old in entries]
        (folder / name).write_bytes(b"\n".join([header, *signed]) + b"\n")


def test_a_value_of_the_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    """Check that entries whose checksums hold but whose JSON is not a site or a checked page are misses, with no error."""
    root = _site(tmp_path, "ISO issues certificates to companies.")
    folder = tmp_path / "cache"
    cold, _ = _run(root, folder)
    _rewrite(folder, None)  # signed here as the cache signs: every entry is still used
    _, signed = _run(root, folder)
    assert signed.misses == 0
    _rewrite(folder, b'{"site":"not a site","pages":[1,2],"parsed":[],"findings":{}}')
    again, cache = _run(root, folder)
    assert cache.hits == 0 and cache.misses == 1 + len(again.pages)
    assert _view(again) == _view(cold)


def test_flipped_bits_in_the_pages_cache_never_change_findings(tmp_path: Path) -> None:
    """Check that each of 150 single-bit flips of the pages cache at most makes pages be checked again:
    every run finds what the run from an intact cache found."""
    root = _site(tmp_path, "ISO issues certificates to companies.")
    folder = tmp_path / "cache"
    site, pages = engine.build_pages(root, Cache(None))
    pages = [page for page in pages if page.path not in ("index.md", "glossary.md", "sources.md")]  # quicker to recheck
    clean = sorted(check_pages(site, pages, [], DAY, Cache(folder)), key=Finding.sort_key)
    [store] = [p for p in folder.iterdir() if p.name.startswith("pages.")]
    intact = store.read_bytes()
    rng = random.Random(13)
    changed, lost = [], []
    for _ in range(150):
        bit = rng.randrange(len(intact) * 8)
        flipped = bytearray(intact)
        flipped[bit // 8] ^= 1 << bit % 8
        store.write_bytes(bytes(flipped))
        cache = Cache(folder)
        if sorted(check_pages(site, pages, [], DAY, cache), key=Finding.sort_key) != clean:
            changed.append(bit)
        if cache.misses > 1 and bit >= 8 * intact.index(b"\n"):
            lost.append(bit)
    assert changed == [], f"{len(changed)} of 150 flipped bits of {store.name} changed the findings"
    assert lost == [], "a flip in one entry loses more than that entry"


def test_a_copied_checkout_is_warm(tmp_path: Path) -> None:
    """Check that the cache holds no absolute path: a checkout copied elsewhere, cache and all, takes the site and
    every page from it and finds the same."""
    root = _site(tmp_path, "ISO issues certificates to companies.")
    first, _ = _run(root, root / ".cache" / "pillar")
    for store in (root / ".cache" / "pillar").iterdir():
        assert str(tmp_path).encode() not in store.read_bytes(), store.name
    copy = shutil.copytree(root, tmp_path / "elsewhere" / "site")
    again, cache = _run(copy, copy / ".cache" / "pillar")
    assert cache.misses == 0 and cache.hits == 1 + len(again.pages)
    assert _view(again) == _view(first)


def test_the_site_comes_back_from_the_cache_equal(tmp_path: Path) -> None:
    """Check that the loaded site and its pages, YAML values of every kind included (dates, times, keys that are not
    strings, infinities, keys like the cache's own tags), come back from their plain JSON equal to what was stored."""
    from hooks.publish import stored

    root = fixture_site(tmp_path / "site")
    site, pages = engine.build_pages(root, Cache(None))
    odd = {"day": dt.date(2026, 1, 2), "at": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc), 7: "a number",
           True: "a truth", "$date": "not a date", "far": [float("inf"), -float("inf"), 0.5], "none": None,
           "nested": [{"$map": [1, 2]}, {}]}
    site.documents["data/odd.yaml"] = Document("data/odd.yaml", odd, {(): Pos(1, 1), ("far", 1): Pos(5, 3, "|", 2),
                                                                      (7,): Pos(2, 1), (True,): Pos(3, 1)}, {("day",): Pos(1, 1)})
    pages[0].meta["odd"] = odd
    kept = stored.codec(site.project)
    assert kept.load(kept.dump((site, pages))) == (site, pages)
    for forged in (b'{"$when":"2026-01-02"}', b'{"$date":"2026-13-02"}', b'{"$date":20260102}'):
        with pytest.raises(ValueError):  # an unknown tag, a date that does not exist, a date that is not text
            kept.load(kept.dump((site, pages)).replace(b'{"$date":"2026-01-02"}', forged, 1))
