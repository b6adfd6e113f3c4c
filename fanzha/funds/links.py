"""Where a freeze candidate's one click goes: the strike desk's new 止付冻结 request (`strike:new`),
filled in with ?case=<pk>&account=<number>&amount=<fen>. The one place that names it."""

STRIKE_NEW_REQUEST = "strike:new"
