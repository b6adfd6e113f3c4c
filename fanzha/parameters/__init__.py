"""Rule parameters (规则参数): the readings of the plans that differ between counties, versioned and
audited, and the levels a ranking compares. A floor below the ledgers, so every ledger may read them."""
