"""Where a freeze candidate's one click goes: the strike desk's new 止付冻结 request (fanzha/strike, built
beside this app), with ?case=<pk>&account=<number>&amount=<fen>. The one place that names it."""

STRIKE_NEW_REQUEST = "/strike/requests/new/"
