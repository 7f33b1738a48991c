"""Prefect's temporary API server, started early by ``newsfacts run``.

With no ``PREFECT_API_URL`` set, a flow run starts Prefect's temporary server and waits about 5 s
for it to answer. Starting it in a thread as soon as the command begins lets it come up while the
flow's modules (spaCy, pandas, Pandera...) load. ``SubprocessASGIServer`` is Prefect's own
(private) class for that server; it is used here, in ``flows/``, so that nothing outside the
Prefect layer depends on it.
"""

from __future__ import annotations

import threading


def start_temporary_server_early() -> threading.Thread | None:
    """Start the temporary server in a thread when no Prefect API is configured; returns the thread
    to join before the flow runs (None when a server is configured)."""
    from prefect.settings import get_current_settings

    if get_current_settings().api.url:
        return None
    from prefect.server.api.server import SubprocessASGIServer

    thread = threading.Thread(target=SubprocessASGIServer().start, name="prefect-server", daemon=True)
    thread.start()
    return thread
