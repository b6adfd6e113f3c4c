"""What an import tells the floors above it, without knowing them."""

from django.dispatch import Signal

#: sent inside an import's transaction once its rows are written and before it commits (not by a dry
#: run, nor by an import that is rolled back): sender = the importer's class, kind = its ImportKind
imported = Signal()
