"""The complete metadata: importing every domain's models so Alembic and tests see all tables.

This module (and only this one in core) lists the domains' model modules; a new domain adds its own.
"""

import importlib

from heraldo.core.db import Base

MODEL_MODULES = [
    "heraldo.workspaces.models",
    "heraldo.posts.models",
    "heraldo.publishing.models",
    "heraldo.scheduling.models",
    "heraldo.analytics.models",
    "heraldo.inbox.models",
]

for _module in MODEL_MODULES:
    importlib.import_module(_module)

metadata = Base.metadata
