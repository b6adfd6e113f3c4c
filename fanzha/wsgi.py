import os

from django.core.wsgi import get_wsgi_application

from fanzha.cli import keep_data_private

os.umask(0o077)  # before the settings create the data directory (see fanzha/cli.py)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
application = get_wsgi_application()
keep_data_private()
