"""The retrain gate: not worse on any set, within a stated tolerance."""
import pytest

from forum.moderation.gate import judge, paired_tolerance, tolerance


def figures(abusive=(0, 0), spam=(0, 0), civil=(0, 0)) -> dict:
    """(held, count) per label."""
    return {"by_label": {label: {"held": held, "count": count}
                         for label, (held, count) in (("abusive", abusive), ("spam", spam), ("civil", civil))}}


CURRENT = {"heldout": figures(abusive=(150, 200), spam=(130, 160), civil=(10, 240)),
           "site_recent": figures(abusive=(8, 10), spam=(5, 10), civil=(1, 20))}


def test_a_candidate_better_everywhere_is_accepted():
    better = {"heldout": figures(abusive=(180, 200), spam=(150, 160), civil=(6, 240)),
              "site_recent": figures(abusive=(10, 10), spam=(9, 10), civil=(0, 20))}
    verdict = judge(better, CURRENT)
    assert verdict.accepted and verdict.reasons == []
    assert len(verdict.summary) == 2


def test_a_candidate_that_holds_less_abuse_on_the_held_out_set_is_refused():
    worse = {**CURRENT, "heldout": figures(abusive=(140, 200), spam=(130, 160), civil=(10, 240))}
    verdict = judge(worse, CURRENT)
    assert not verdict.accepted
    assert verdict.reasons == ["heldout: holds less abusive and spam (75.0% < 77.8%)"]


def test_a_candidate_that_holds_more_civil_comments_of_the_site_is_refused():
    worse = {**CURRENT, "site_recent": figures(abusive=(10, 10), spam=(10, 10), civil=(3, 20))}
    verdict = judge(worse, CURRENT)
    assert not verdict.accepted and verdict.reasons[0].startswith("site_recent: holds more civil")


def test_one_comment_either_way_in_a_small_set_is_within_the_tolerance():
    assert tolerance(20) == 0.05 and tolerance(400) == 0.01 and tolerance(0) == 0.0
    wobble = {**CURRENT, "site_recent": figures(abusive=(7, 10), spam=(5, 10), civil=(2, 20))}
    assert judge(wobble, CURRENT).accepted  # one abusive fewer of 20 and one civil more of 20: 5 %, the tolerance
    two_fewer = {**CURRENT, "site_recent": figures(abusive=(6, 10), spam=(5, 10), civil=(1, 20))}
    assert not judge(two_fewer, CURRENT).accepted


def test_a_set_the_current_model_was_not_judged_on_is_not_compared():
    assert judge({"site_recent": figures(civil=(20, 20))}, {"heldout": CURRENT["heldout"]}).accepted


def test_steps_within_the_tolerance_cannot_add_up_past_the_reference():
    reference = {"heldout": figures(abusive=(150, 200), spam=(130, 160), civil=(10, 240))}  # civil 4.2 %
    current = {"heldout": figures(abusive=(150, 200), spam=(130, 160), civil=(12, 240))}  # 5.0 %: one step up
    candidate = {"heldout": figures(abusive=(150, 200), spam=(130, 160), civil=(14, 240))}  # 5.8 %: one more
    assert judge(candidate, current).accepted  # within a point of the current model
    verdict = judge(candidate, current, reference)
    assert not verdict.accepted
    assert verdict.reasons == ["heldout against the reference: holds more civil comments (5.8% > 4.2%)"]


def paired(figures_: dict, harmful=(0, 0), civil=(0, 0)) -> dict:
    """Figures with paired counts: (held only by the candidate, only by the current model) per group."""
    return {**figures_, "paired": {group: {"only_candidate": ours, "only_current": theirs}
                                   for group, (ours, theirs) in (("harmful", harmful), ("civil", civil))}}


def test_paired_a_loss_within_what_chance_gives_is_accepted_and_a_larger_one_refused():
    """Of 360, the candidate holds 4 fewer: with 20 comments held by one model only (8 by it, 12 by the current
    one) that is within 1.645·√20 ≈ 7.4; with 4 by the current one only and none by it, it is not."""
    assert paired_tolerance(8, 12) == pytest.approx(1.645 * 20 ** 0.5)
    assert paired_tolerance(0, 0) == 1.0  # never less than one comment's worth
    current = {"heldout": figures(abusive=(184, 200), spam=(150, 160), civil=(6, 240))}
    candidate = figures(abusive=(180, 200), spam=(150, 160), civil=(6, 240))
    assert judge({"heldout": paired(candidate, harmful=(8, 12), civil=(2, 2))}, current).accepted
    verdict = judge({"heldout": paired(candidate, harmful=(0, 4), civil=(0, 0))}, current)
    assert not verdict.accepted and verdict.reasons == ["heldout: holds less abusive and spam (91.7% < 92.8%)"]


def test_paired_a_genuinely_worse_model_is_refused():
    """A candidate that misses 25 comments the current model holds, and catches 5 it misses, is worse
    (20 net against a tolerance of 1.645·√30 ≈ 9), even though both shares look high."""
    current = {"heldout": figures(abusive=(190, 200), spam=(150, 160), civil=(6, 240))}
    worse = paired(figures(abusive=(170, 200), spam=(150, 160), civil=(6, 240)), harmful=(5, 25))
    assert not judge({"heldout": worse}, current).accepted
    holds_civil = paired(figures(abusive=(190, 200), spam=(150, 160), civil=(16, 240)), civil=(10, 0))
    verdict = judge({"heldout": holds_civil}, current)
    assert not verdict.accepted and verdict.reasons[0].startswith("heldout: holds more civil")


def test_the_reference_is_compared_without_paired_counts():
    """The chain's first model is not running, so there is nothing to pair with: one point, as before."""
    reference = {"heldout": figures(abusive=(190, 200), spam=(150, 160), civil=(6, 240))}
    candidate = {"heldout": paired(figures(abusive=(180, 200), spam=(150, 160), civil=(6, 240)), harmful=(10, 10))}
    verdict = judge(candidate, {"heldout": candidate["heldout"]}, reference)
    assert verdict.reasons == ["heldout against the reference: holds less abusive and spam (91.7% < 94.4%)"]
