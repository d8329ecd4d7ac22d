"""The home page's worklist: what waits on the account, counted, each a link to its list.

Each app says what waits in it through its own selectors, already limited to what the
account's roles may do in its scope; this module only words the counts and links them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from antq.awards import selectors as award_selectors
from antq.directives import selectors as directive_selectors
from antq.evaluation import permissions as evaluation_permissions
from antq.evaluation import selectors as evaluation_selectors
from antq.evaluation.worklist import task_counts
from antq.reports import selectors as report_selectors
from antq.tips import selectors as tip_selectors
from antq.units.selectors import today


@dataclass(frozen=True)
class WorkItem:
    """One line of the worklist: "3 báo cáo chờ bạn duyệt", a link, and whether it is late."""

    key: str
    text: str
    count: int
    url: str
    late: bool = False


def _reports(user) -> list[WorkItem]:
    counts = report_selectors.inbox_counts(user=user)
    inbox = reverse("reports:home")
    lines = [
        (
            "reports-to-approve",
            _("%(n)s report(s) awaiting your approval"),
            counts["to_approve"],
            inbox + "?status=submitted#inbox-approve",
            False,
        ),
        ("reports-overdue", _("%(n)s report(s) overdue"), counts["overdue"], None, True),
        ("reports-returned", _("%(n)s report(s) returned"), counts["returned"], None, True),
        ("reports-due", _("%(n)s report(s) due"), counts["due"], None, False),
    ]
    return [
        WorkItem(key, text % {"n": n}, n, url or inbox + "#inbox-due", late)
        for key, text, n, url, late in lines
        if n
    ]


EVALUATION_TEXTS = {
    "unregistered": lambda: _("%(n)s unit(s) not registered for the safety standard"),
    "not_started": lambda: _("%(n)s self-assessment(s) not started"),
    "returned": lambda: _("%(n)s self-assessment(s) returned"),
    "draft": lambda: _("%(n)s self-assessment(s) not yet sent for verification"),
    "to_verify": lambda: _("%(n)s self-assessment(s) awaiting your verification"),
    "to_decide": lambda: _("%(n)s unit(s) awaiting a recognition decision"),
    "classification": lambda: _("%(n)s classification(s) awaiting your review"),
}


def _own_year(user):
    """The latest year opened by the account's province (none for a national administrator)."""
    own = evaluation_permissions.user_province_code(user)
    if own is None:
        return None
    return evaluation_selectors.year_list(user=user).filter(province__code=own).first()


def _evaluation(user) -> list[WorkItem]:
    campaign = _own_year(user)
    if campaign is None:
        return []
    items = []
    for task in task_counts(user=user, campaign=campaign):
        text = EVALUATION_TEXTS[task.key]() % {"n": task.count}
        if task.late:
            text += " " + _("(%(n)s late)") % {"n": task.late}
        late = bool(task.late) or task.key == "returned"
        items.append(WorkItem(f"evaluation-{task.key}", text, task.count, task.url, late))
    return items


def _tips(user) -> list[WorkItem]:
    counts = tip_selectors.tip_counts(user=user)
    listed = reverse("tips:list")
    items = []
    if counts["overdue"]:
        text = _("%(n)s tip(s) overdue") % {"n": counts["overdue"]}
        items.append(
            WorkItem("tips-overdue", text, counts["overdue"], listed + "?overdue=on", True)
        )
    if counts["new"]:
        text = _("%(n)s new tip(s) to record") % {"n": counts["new"]}
        items.append(WorkItem("tips-new", text, counts["new"], listed + "?status=received"))
    return items


def _directives(user) -> list[WorkItem]:
    counts = directive_selectors.inbox_counts(user=user)
    inbox = reverse("directives:inbox")
    items = []
    if counts["overdue"]:
        text = _("%(n)s directive report(s) overdue") % {"n": counts["overdue"]}
        items.append(WorkItem("directives-overdue", text, counts["overdue"], inbox, True))
    if counts["unread"]:
        text = _("%(n)s directive(s) not yet acknowledged") % {"n": counts["unread"]}
        items.append(WorkItem("directives-unread", text, counts["unread"], inbox))
    return items


AWARD_TEXTS = {
    "draft": lambda: _("%(n)s nomination(s) to complete and send"),
    "returned": lambda: _("%(n)s nomination(s) returned by the board"),
    "submitted": lambda: _("%(n)s nomination dossier(s) awaiting your appraisal"),
    "accepted": lambda: _("%(n)s accepted nomination(s) awaiting a decision"),
    "": lambda: _("%(n)s cluster ranking(s) to make"),
}


def _awards(user) -> list[WorkItem]:
    year = today().year
    items = []
    for task in award_selectors.worklist(user=user, year=year):
        status = task["status"]
        if status:
            url = reverse("awards:nominations") + f"?year={year}&status={status}"
        else:
            url = reverse("awards:clusters")
        text = AWARD_TEXTS[status]() % {"n": task["count"]}
        items.append(
            WorkItem(
                f"awards-{status or 'ranking'}", text, task["count"], url, status == "returned"
            )
        )
    return items


def worklist_for(user) -> list[WorkItem]:
    """Everything waiting on the account, late and returned work first."""
    items = [
        *_reports(user),
        *_evaluation(user),
        *_tips(user),
        *_directives(user),
        *_awards(user),
    ]
    return sorted(items, key=lambda item: not item.late)
