"""``python -m cli ...``: the same as the ``newsfacts`` command."""

import sys

from cli.main import main

sys.exit(main())
