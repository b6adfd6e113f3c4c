"""Apps on one floor do not import each other. Where one's news is another's input, the web shell —
above them all — connects the two when Django starts:

- 资金链: the accounts a case's traced money passed through (funds.queries.chain_accounts) are a source
  of 串并案 identifiers (series.sources), and a trace that changed them (funds.signals.chain_changed)
  relinks the case (series.receivers.relink_cases).
- A password reset (accounts.signals.password_reset) is written to the change log
  (web.receivers.record_password_reset): accounts and audit share a floor."""


def connect() -> None:
    from fanzha.accounts.signals import password_reset
    from fanzha.funds import queries as funds_queries
    from fanzha.funds import signals as funds_signals
    from fanzha.series import receivers as series_receivers
    from fanzha.series import sources as series_sources
    from fanzha.series.models import KeyKind
    from fanzha.web.receivers import record_password_reset

    series_sources.register(KeyKind.FUNDS.value, funds_queries.chain_accounts)
    funds_signals.chain_changed.connect(
        series_receivers.relink_cases, dispatch_uid="series.relink_funds_chain"
    )
    password_reset.connect(record_password_reset, dispatch_uid="web.record_password_reset")
