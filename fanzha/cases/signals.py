"""What the case ledger tells the floors above it, without knowing them."""

from django.dispatch import Signal

#: a person saved a case through the case form: `user`, `case` (saved) and `data` (the form's
#: cleaned data, with the fields the page carried for the apps above, such as the screening suggestion)
case_form_saved = Signal()

#: cases were saved (entered, edited or imported), sent once per action after the cases and their
#: suspect identifiers are written, inside the same transaction: `case_ids` (one case from the form or
#: the API; every created or updated row of an import at once), `user` and `source` ("form" or
#: "import"). A receiver may return a short Chinese sentence for the import's summary (e.g. how many
#: rows joined a series), or None.
case_saved = Signal()


def summary_lines(responses: list[tuple[object, object]]) -> list[str]:
    """The sentences the receivers returned, in the order they answered."""
    return [str(answer) for _receiver, answer in responses if answer]
