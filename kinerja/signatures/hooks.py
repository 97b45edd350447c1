"""What other apps do when a document of theirs is signed.

An app registers a function per document kind in its AppConfig.ready(); `document_sign` calls
`run()` after every signature, inside the signature's transaction, so a hook that fails undoes
the signature too (the workflows app delivers a request once its worksheet is fully signed).
A hook looks at `document.status` to tell a partial signature from the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import SignedDocument

Hook = Callable[["SignedDocument", Any], None]

HOOKS: dict[str, list[Hook]] = {}


def register(kind: str, fn: Hook) -> None:
    hooks = HOOKS.setdefault(kind, [])
    if fn not in hooks:
        hooks.append(fn)


def run(document: SignedDocument, actor: Any) -> None:
    for fn in HOOKS.get(document.kind, []):
        fn(document, actor)
