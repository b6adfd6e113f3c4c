"""One timed case import in a fresh process (run by import_cases.py): prints a JSON line."""

import json
import os
import resource
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
django.setup()

from fanzha.cases.importers import CaseImporter  # noqa: E402
from fanzha.imports.runner import run_import  # noqa: E402

path = sys.argv[1]
started = time.perf_counter()
result = run_import(CaseImporter(None), path)
seconds = time.perf_counter() - started
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(
    json.dumps(
        {
            "rows": result.total,
            "created": result.counts.created,
            "errors": len(result.errors),
            "seconds": round(seconds, 2),
            "rows_per_s": round(result.total / seconds),
            "peak_mib": round(peak_mib),
        }
    )
)
