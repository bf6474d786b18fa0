"""``engine.spool.Spool``: items past ``keep`` go to files, and come back in order — after
joining spools and after a worker's spool has crossed a process boundary (pickled)."""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from muni.engine.spool import Spool

ITEMS = st.lists(st.fixed_dictionaries({"case": st.integers(), "message": st.text()}),
                 max_size=30)


@settings(max_examples=40, deadline=None)
@given(parts=st.lists(ITEMS, max_size=4), keep=st.integers(1, 5))
def test_joined_spools_give_every_item_in_order(tmp_path_factory, parts, keep):
    folder = tmp_path_factory.mktemp("spool")
    whole = Spool(folder, keep=keep)
    for part in parts:
        spool = Spool(folder, keep=keep)
        for item in part:
            spool.append(item)
        whole.extend(pickle.loads(pickle.dumps(spool)))  # as from a worker process
    expected = [item for part in parts for item in part]
    assert list(whole) == expected and list(whole) == expected  # read twice: the same
    assert len(whole) == len(expected) and bool(whole) == bool(expected)


def test_only_keep_items_stay_in_memory(tmp_path: Path):
    spool = Spool(tmp_path, keep=3)
    for i in range(10):
        spool.append({"n": i, "text": "тексттин"})
    in_memory = [s for s in spool.segments if isinstance(s, list)]
    assert sum(len(s) for s in in_memory) == 1          # 10 = 3 files of 3, and 1 kept
    assert len(list(tmp_path.iterdir())) == 3
    assert [x["n"] for x in spool] == list(range(10))
    assert next(iter(spool))["text"] == "тексттин"


def test_without_a_folder_nothing_is_written(tmp_path: Path):
    spool = Spool(None, keep=2)
    for i in range(5):
        spool.append(i)
    assert list(spool) == [0, 1, 2, 3, 4] and list(tmp_path.iterdir()) == []
