"""What the case ledger tells the floors above it, without knowing them."""

from django.dispatch import Signal

#: a person saved a case through the case form: `user`, `case` (saved) and `data` (the form's
#: cleaned data, with the fields the page carried for the apps above, such as the screening suggestion)
case_form_saved = Signal()
