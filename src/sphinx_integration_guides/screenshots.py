"""Screenshot paths: resolved like data-file paths, checked before rendering."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Resolved:
    """A resolved screenshot: the URI for an image node, or the reason it has none."""

    uri: str | None
    problem: str | None = None


def resolve_screenshot(written: str, base_dir: Path, source_dir: Path) -> Resolved:
    """Resolve a local screenshot path to a source-relative URI (``/img/a.png``).

    A relative path is relative to ``base_dir`` (the folder of the file the
    path is written in); a leading ``/`` means the source directory. A path
    outside the source directory, or to no file, is returned as a problem.
    """
    text = written.strip()
    source_dir = source_dir.resolve()
    if text.startswith("/"):
        candidate = (source_dir / text.lstrip("/")).resolve()
    else:
        candidate = (base_dir / text).resolve()
    if not candidate.is_relative_to(source_dir):
        return Resolved(
            None,
            f"points outside the source directory ({candidate}); "
            "move the image into the project",
        )
    if not candidate.is_file():
        return Resolved(
            None,
            f"not found (looked for {candidate}); a relative path "
            "is relative to the file it is written in, and a leading '/' "
            "means the source directory",
        )
    return Resolved("/" + candidate.relative_to(source_dir).as_posix())
