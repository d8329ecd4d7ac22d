"""The history manager of the reports' models, its class built once instead of per access.

simple_history's `Model.history` builds a new manager class on every access (Django's
`from_queryset`, which walks the queryset class with `inspect.getmembers`). A submission
reaches it twice (the report's history row, its values' bulk history): about 5% of the
CPU of one submission in process (bench/submission_cpu.py). The manager answered is the same.
"""

from simple_history.manager import HistoryDescriptor


class BuiltOnceHistoryDescriptor(HistoryDescriptor):
    def __get__(self, instance, owner):
        manager = self.__dict__.get("built")
        if manager is None:  # two threads may both build it: either class is the same
            manager = self.built = self.manager_class.from_queryset(self.queryset_class)
        return manager(self.model, instance)


def build_history_managers_once(*models) -> None:
    for model in models:
        name = model._meta.simple_history_manager_attribute
        given = model.__dict__[name]
        assert type(given) is HistoryDescriptor, type(given)
        setattr(
            model,
            name,
            BuiltOnceHistoryDescriptor(
                given.model, manager=given.manager_class, queryset=given.queryset_class
            ),
        )
