from fanzha.keypersons.ledgers import LEDGERS

app_name = "keypersons"
urlpatterns = [url for ledger in LEDGERS for url in ledger.urls()]
