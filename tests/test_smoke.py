from forum.models import User


def test_register_rolls_back(client, make, db):
    user = make.user()
    assert db.session.get(User, user.id) is not None
    assert client.get("/").status_code == 200


def test_isolated(db):
    assert db.session.query(User).count() == 0
