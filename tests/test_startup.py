"""reestr.startup: the cycle collector while a command loads the pipeline."""
from __future__ import annotations

import gc
from contextlib import nullcontext

import pytest

from reestr.startup import DOCUMENT_GC_THRESHOLD, loading


@pytest.fixture
def collector_on():
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()


def test_startup_collector_is_off_while_loading(collector_on):
    with loading():
        assert not gc.isenabled()


def test_startup_loaded_freezes_and_turns_the_collector_on(collector_on):
    with loading() as loaded:
        loaded()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0


@pytest.mark.parametrize("raised", [False, True])
def test_startup_collector_as_before_after_the_block(collector_on, raised, before):
    with pytest.raises(SystemExit) if raised else nullcontext():
        with loading() as loaded:
            loaded()
            if raised:
                raise SystemExit(1)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


@pytest.fixture
def before():
    return gc.get_threshold()


def test_startup_documents_are_collected_less_often(collector_on, before):
    with loading() as loaded:
        loaded()
        assert gc.get_threshold() == (max(DOCUMENT_GC_THRESHOLD, before[0]), *before[1:])
    assert gc.get_threshold() == before


def test_startup_collector_left_off_when_it_was_off(collector_on):
    gc.disable()
    with loading() as loaded:
        loaded()
        assert not gc.isenabled()
    assert not gc.isenabled()

