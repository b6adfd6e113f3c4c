"""What 资金查控 tells the apps above it, without knowing them."""

from django.dispatch import Signal

#: a trace changed the 资金链 accounts (funds.ChainAccount) of these cases: `case_ids`. Sent inside the
#: transaction that wrote them.
chain_changed = Signal()
