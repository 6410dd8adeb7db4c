"""Shared fixtures: psutil 7.2.2 is the reference every test compares against."""

import psutil
import pytest

import psutil_rs

assert psutil.__version__ == "7.2.2", "the reference must be psutil 7.2.2"

MEM_TOLERANCE = 64 * 1024 * 1024  # bytes of drift allowed between two reads


@pytest.fixture
def ref():
    return psutil


@pytest.fixture
def ours():
    return psutil_rs
