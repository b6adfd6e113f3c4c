"""What the warning loop tells the floors above it, without knowing them."""

from django.dispatch import Signal

#: the office resolved a 倒查 (`followups.resolve`), inside its transaction: `user`, `review` (not yet
#: saved; a receiver may set `review.notice`) and `when`. Assessment records 约谈/通报批评 as a Notice.
review_resolved = Signal()
