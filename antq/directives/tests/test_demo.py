from antq.directives import demo, selectors
from antq.directives.models import Deployment, Directive
from antq.units.selectors import today


def test_the_demo_holds_a_dozen_directives_and_a_second_run_changes_nothing(tree, staff, officer):
    demo.seed(province=tree.province, staff=staff, today=today())
    assert Directive.objects.count() == 12
    first = Directive.objects.get(number="67/KH-BCĐ")
    counts = selectors.tracking_counts(directive=first, unit=tree.province)
    assert counts.expected == counts.received > 0  # the year's plan reached everyone
    newest = Directive.objects.get(number="12/CT-UBND")
    assert selectors.tracking_counts(directive=newest, unit=tree.province).expected == 2
    # the commune with an officer passed the older ones on to its residential areas
    assert Deployment.objects.filter(parent__unit=tree.commune, unit=tree.area).exists()
    before = (Deployment.objects.count(), Deployment.history.count(), Directive.history.count())
    demo.seed(province=tree.province, staff=staff, today=today())
    after = (Deployment.objects.count(), Deployment.history.count(), Directive.history.count())
    assert after == before
