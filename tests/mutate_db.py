"""Pytest plugin for `make mutate`: the test database is built once, not once per mutant.

mutmut runs pytest again, in a forked process, for every mutant. Building the test database
(the migrations, with their data) takes about 25 s, so each run would spend most of its time
there. With this plugin (`-p tests.mutate_db`, added by the Makefile) the first run in
mutmut's main process builds it and nothing tears it down; every later run, in that process
or in a process forked from it, uses it as it is. Every test runs in a transaction that is
rolled back, so the database each mutant sees is the one the first run built; SQLite's
in-memory database is even copied by the fork, so two mutants never share one.
"""

import django.test.utils

_setup_databases = django.test.utils.setup_databases
_built = []


def _setup_once(*args, **kwargs):
    if not _built:
        _built.append(_setup_databases(*args, **kwargs))
    return _built[0]


def _keep(*args, **kwargs):
    """The database outlives each run: the next mutant's run needs it."""


django.test.utils.setup_databases = _setup_once
django.test.utils.teardown_databases = _keep
