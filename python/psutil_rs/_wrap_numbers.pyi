# Typed view of psutil_rs._wrap_numbers: psutil's wrap_numbers() (re-exported by
# psutil_rs._common) and the package's own use of it.

from typing import Any

# At runtime it also has cache_clear(name=None) and cache_info() -> (last inputs,
# offsets, wrapped fields), each a dict keyed by name.
def wrap_numbers(input_dict: dict[Any, Any], name: Any) -> dict[Any, Any]: ...
def _wrap_int_tuples(rows: dict[Any, Any], name: Any) -> dict[Any, Any]: ...
