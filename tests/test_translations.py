from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "kinerja" / "locale"


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_is_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {entry.msgid: entry.msgstr for entry in mo}
    # The .mo must be rebuilt (make messages) whenever the .po changes.
    assert {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgid} == {
        k: v for k, v in compiled.items() if k
    }


def test_placeholders_survive_translation():
    po = polib.pofile(str(LOCALE / "id" / "LC_MESSAGES" / "django.po"))
    for entry in po:
        for placeholder in (
            "%(name)s",
            "%(unit)s",
            "%(key)s",
            "%(kind)s",
            "%(parent)s",
            "%(username)s",
            "%s",
        ):
            # A plural entry keeps its translations in msgstr_plural (Indonesian has one form).
            translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            for text in translations:
                assert entry.msgid.count(placeholder) == text.count(placeholder), entry.msgid
