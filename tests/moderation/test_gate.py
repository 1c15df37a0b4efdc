"""The retrain gate: not worse on any set, within a stated tolerance."""
from forum.moderation.gate import judge, tolerance


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
