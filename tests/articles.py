"""Articles the end-to-end tests share (written for the tests; the seed is the project's own)."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "2016-11-mosul-sorrowful-picture.txt"

# a second, short article: figures, a quote with its speaker, places, an organisation
FLOODS = """Floods displace thousands in northern Bangladesh

Heavy monsoon rains have displaced more than 20,000 people in the Sylhet region of Bangladesh,
officials said on Tuesday. "The water is still rising," said Rahim Uddin, a local council chairman.
At least 12 people were killed and about 300 were injured, according to the Red Crescent.
"""
