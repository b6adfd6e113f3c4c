from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """The machine the simple ledgers share (list, filters, export, entry form, detail, API), on the
    ledger floor: it reads orgs and audit, and the ledger apps (prevention, warnings, keypersons)
    declare their ledgers with it."""

    name = "fanzha.ledger"
    label = "ledger"
    verbose_name = "台账"
