"""Fanzha (反诈): the platform a county or town anti-telecom-fraud centre runs its work on."""

__version__ = "0.1.0"
