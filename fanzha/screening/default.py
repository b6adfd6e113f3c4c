"""The default model the package ships: trained on the synthetic narratives per fraud type
(screening/narratives.py), scam messages as residents receive them and everyday messages, never on
the research sets. `fanzha screen train --demo --out …` rebuilds it deterministically;
`DEFAULT_MODEL` is the file in the package."""

import random
from pathlib import Path

from fanzha.screening.everyday import LABEL, everyday_text
from fanzha.screening.messages import TEMPLATES as MESSAGES
from fanzha.screening.messages import scam_message
from fanzha.screening.names import GIVEN, SURNAMES
from fanzha.screening.narratives import TEMPLATES, narrative

DEFAULT_MODEL = Path(__file__).resolve().parent / "default_model.npz"
PER_LABEL = 300


def demo_rows(seed: int = 20241123, per_label: int = PER_LABEL) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for fraud_type in TEMPLATES:
        for _ in range(per_label):
            when = f"{rng.randint(2022, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            amount = f"{rng.randint(2, 900) * 100:,}"
            rows.append({"text": narrative(rng, fraud_type, name, when, amount), "label": fraud_type})
            if fraud_type in MESSAGES and rng.random() < 0.5:  # the same type as a resident receives it
                rows.append({"text": scam_message(rng, fraud_type), "label": fraud_type})
    rows += [{"text": everyday_text(rng), "label": LABEL} for _ in range(per_label)]
    return rows
