# Typed view of psutil_rs._process_iter: psutil 7.2's process_iter() (re-exported by
# psutil_rs).

from typing import Any, Iterable, Iterator, Optional

from ._process import Process

__all__ = ["process_iter"]

def process_iter(attrs: Optional[Iterable[str]] = None, ad_value: Any = None) -> Iterator[Process]: ...
